package export

import (
	"strings"
	"testing"

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
