package export

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf16"

	"margin/internal/article"
	"margin/store"
)

// Found by scripts/validate-export (markdown-it): margin's stored Markdown
// writes & and < inside code as references, which margin's own renderer
// decodes but CommonMark shows as written ("&amp;&amp;"). In --full, code
// shows its own characters.
func TestFullCodeShowsItsCharacters(t *testing.T) {
	md := "Run `a &amp;&amp; b &lt; c` now.\n\n```\nif (x &lt; 3 &amp;&amp; y) {}\n```\n\nKeep `a &#96; b` and `&#27;` as they are.\n"
	for _, hs := range [][]store.Highlight{nil, {hlOf(t, md, 1, "Run", "now")}} {
		got := markFull(md, hs)
		for _, want := range []string{"`a && b < c`", "if (x < 3 && y) {}\n", "`a &#96; b`"} {
			if !strings.Contains(got, want) {
				t.Errorf("want %q in\n%s", want, got)
			}
		}
		if strings.Contains(got, "\x1b") {
			t.Errorf("a reference to a control character was decoded:\n%q", got)
		}
	}
}

// Found by scripts/validate-export (markdown-it-mark): a piece of a mark
// split at emphasis ended with a space, "==John Milbank **RRP:** (£40) ==",
// and a closing == after a space closes nothing (for Obsidian either).
func TestFullMarksNeverEndWithSpace(t *testing.T) {
	md := "**Tested by:** John Milbank **RRP:** 49.95 Euro (£40)\u00a0**More info:** here\n"
	got := markFull(md, []store.Highlight{hlOf(t, md, 1, "John", "More")})
	want := "==John Milbank **RRP:** 49.95 Euro (£40)==\u00a0**==More== info:**"
	if !strings.Contains(got, want) {
		t.Errorf("want %q in\n%s", want, got)
	}
	for _, c := range []struct{ md, from, to string }{
		{"A sentence with a mark \n that spans a line.\n", "mark ", "that"},
		{"A sentence with a mark \n that spans a line.\n", "with ", "with "},
		{"Ends here.\u2003 And then.\n", "here", "\u2003"},
	} {
		got := markFull(c.md, []store.Highlight{hlOf(t, c.md, 1, c.from, c.to)})
		for i, part := range strings.Split(got, "==") {
			if i%2 == 1 && (strings.TrimSpace(part) != part || strings.Trim(part, "\u00a0\u2003") != part) {
				t.Errorf("mark %q has white space at an edge: %q", part, got)
			}
		}
	}
}

// Found by scripts/validate-export (dom-anchor-text-quote): JavaScript
// matchers count UTF-16 units and diff-match-patch takes at most 32, so
// 32 code points of context with an emoji in them made the standard
// Hypothesis matcher throw "Pattern too long". Context is at most 32 UTF-16
// units (what those tools write themselves).
func TestQuoteContextFitsUTF16(t *testing.T) {
	md := "Second point with an emoji 🎉 and some more words after it, then 🎉🎉 the end of the line.\n"
	a := &store.Article{ID: 1, Content: article.Content{Title: "t", Markdown: md}}
	for _, q := range []string{"some more words", "Second point", "the end"} {
		h := hlOf(t, md, 1, q, q)
		out, err := JSON(a, []store.Highlight{h}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			First struct {
				Items []struct {
					Target struct {
						Selector []map[string]any `json:"selector"`
					} `json:"target"`
				} `json:"items"`
			} `json:"first"`
		}
		if err := json.Unmarshal(out, &c); err != nil {
			t.Fatal(err)
		}
		sel := c.First.Items[0].Target.Selector[0]
		for _, k := range []string{"prefix", "suffix"} {
			s, _ := sel[k].(string)
			if n := len(utf16.Encode([]rune(s))); n > 32 {
				t.Errorf("%q: %s %q is %d UTF-16 units", q, k, s, n)
			}
			if s == "" && k == "prefix" && q != "Second point" {
				t.Errorf("%q: no prefix", q)
			}
		}
	}
}
