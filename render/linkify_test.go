package render

import (
	"github.com/charmbracelet/x/ansi"
	"strings"
	"testing"
)

// A bare address in running text is linked without the punctuation after
// it, as GFM says: goldmark took "(see https://x.org/a)." as a link to
// "https://x.org/a)" (it strips one trailing "." and then no longer sees
// the unbalanced ")"), so the reader's link list showed it and opening it
// failed. Parentheses the address holds are kept.
func TestBareAddressWithoutTrailingPunctuation(t *testing.T) {
	for md, want := range map[string]string{
		"The harbour froze (see the report and https://example.org/minutes).": "https://example.org/minutes",
		"Read https://example.org/a/b.":                                       "https://example.org/a/b",
		"Is it https://example.org/q?x=1?":                                    "https://example.org/q?x=1",
		"First https://example.org/list, then the rest.":                      "https://example.org/list",
		"Note: https://example.org/x: the end.":                               "https://example.org/x",
		"It is at (https://example.org/paren).":                               "https://example.org/paren",
		"See https://en.wikipedia.org/wiki/Harbour_(port) for more.":          "https://en.wikipedia.org/wiki/Harbour_(port)",
		"See https://en.wikipedia.org/wiki/Harbour_(port).":                   "https://en.wikipedia.org/wiki/Harbour_(port)",
		"Mail www.example.org/contact.":                                       "http://www.example.org/contact",
		"Plain https://example.org and more.":                                 "https://example.org",
	} {
		links := Parse(md).Links()
		if len(links) != 1 || links[0].URL != want {
			t.Errorf("%q: links %+v, want one to %q", md, links, want)
			continue
		}
		d, err := Render(md, Options{Width: 80, Style: "dark"})
		if err != nil {
			t.Fatal(err)
		}
		if text := strings.Join(d.Lines, "\n"); !strings.Contains(ansi.Strip(text), want) {
			t.Errorf("%q: the rendering lacks %q:\n%s", md, want, text)
		}
	}
}
