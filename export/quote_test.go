package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"margin/internal/article"
	"margin/render"
	"margin/store"
)

// blocksMD has the blocks a quote can cross: a list with a nested list and
// an item of two paragraphs, a table, and code with backticks in it.
const blocksMD = "The plan has three parts:\n\n" +
	"- zoning_tax reform for cities\n- a *new* transit levy\n- housing grants\n\n" +
	"After the list.\n\n| Year | Cost |\n|---|---|\n| 2024 | $5 |\n| 2025 | $7 |\n\n" +
	"Then code:\n\n```\nx := a_b * 2\ns := \"``\"\n```\n\n" +
	"3. first step\n4. second step\n   - nested a\n   - nested b\n5. third\n\n   more on third\n\nEnd text.\n"

// quoteHTML exports one highlight from the first occurrence of from to the
// end of the first occurrence of to after it, as a GFM renderer shows the
// note's quote (the part before the block id).
func quoteHTML(t *testing.T, from, to string, edit func(*store.Highlight)) (string, string) {
	t.Helper()
	s := strings.Index(blocksMD, from)
	e := s + strings.Index(blocksMD[s:], to) + len(to)
	q := render.Parse(blocksMD).QuoteAt(s, e)
	h := store.Highlight{ID: 7, ArticleID: 1, Start: q.Start, End: q.End, Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix, Label: "claim"}
	if edit != nil {
		edit(&h)
	}
	out, err := Markdown(&store.Article{ID: 1, Content: article.Content{Title: "Plan", Markdown: blocksMD}}, []store.Highlight{h}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := string(out)
	md = md[strings.Index(md, "## Highlights"):]
	md = md[:strings.Index(md, "\n^hl-")]
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return md, b.String()
}

// A quote across a list, a table or code keeps those blocks: it was
// written as loose paragraphs, bullets and table lost and code escaped.
func TestQuoteKeepsBlocks(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     []string
	}{
		{"three parts", "housing", []string{"<p>three parts:</p>", "<ul>\n<li>zoning_tax reform for cities</li>\n<li>a new transit levy</li>\n<li>housing</li>\n</ul>"}},
		{"Year", "2025", []string{"<th>Year</th>\n<th>Cost</th>", "<td>2024</td>\n<td>$5</td>", "<td>2025</td>"}},
		// Below the header, the columns have no names rather than a row's.
		{"2024", "7", []string{"<th></th>\n<th></th>", "<td>2024</td>\n<td>$5</td>", "<td>2025</td>\n<td>$7</td>"}},
		{"Then", "\"``\"", []string{"<p>Then code:</p>", "<pre><code>x := a_b * 2\ns := &quot;``&quot;\n</code></pre>"}},
		{"first step", "nested b", []string{`<ol start="3">`, "<li>second step\n<ul>\n<li>nested a</li>\n<li>nested b</li>\n</ul>\n</li>"}},
		// Starting in a nested item: no indented code block, no lost item.
		{"nested a", "more on", []string{"<li>nested a</li>\n<li>nested b</li>", `<ol start="5">`, "<p>more on</p>"}},
	} {
		md, got := quoteHTML(t, c.from, c.to, nil)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s…%s: want %q in\n%s\nfrom\n%s", c.from, c.to, w, got, md)
			}
		}
		if strings.Contains(got, "<pre>") && !strings.Contains(c.to, "`") {
			t.Errorf("%s…%s: a code block in\n%s", c.from, c.to, got)
		}
	}
}

// A passage in one paragraph, or one a refresh reworded, is quoted as
// plain text as before.
func TestQuotePlainWhenNoBlocks(t *testing.T) {
	md, _ := quoteHTML(t, "After", "list.", nil)
	if !strings.HasSuffix(strings.TrimSpace(md), "> After the list.") {
		t.Errorf("one paragraph: %q", md)
	}
	md, _ = quoteHTML(t, "three parts", "housing", func(h *store.Highlight) {
		h.Original = "three parts: zoning reform"
	})
	if !strings.Contains(md, "> three parts: zoning reform") || strings.Contains(md, "- ") {
		t.Errorf("reworded: %q", md)
	}
}

// A passage within one line of code is quoted as code too: it was quoted
// as a paragraph, its spaces run together and its symbols escaped.
func TestQuoteOneLineOfCode(t *testing.T) {
	md, got := quoteHTML(t, "x := a_b", "* 2", nil)
	if !strings.Contains(got, "<pre><code>x := a_b * 2\n</code></pre>") {
		t.Errorf("one line of code: got\n%s\nfrom\n%s", got, md)
	}
	// A passage in one line of text stays a paragraph.
	if md, _ := quoteHTML(t, "zoning_tax", "cities", nil); strings.Contains(md, "```") || strings.Contains(md, "- ") {
		t.Errorf("one list item's words: %q", md)
	}
}
