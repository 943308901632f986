package reader

import (
	"fmt"
	"strings"
	"testing"
)

// The standfirst that stands between the headline and the body, outside
// the container readability picks, comes back at the top when the page's
// own summary says the same words (issue 18); a summary the page does not
// show where a standfirst stands is never added.
func TestFromHTMLStandfirstFromSummary(t *testing.T) {
	const dek = "A school's physics class built the heater that freed a frozen harbour this winter &amp; kept it open."
	var body strings.Builder
	for i := range 8 {
		fmt.Fprintf(&body, "<p>Paragraph %d of the story tells how the class worked through the cold months on the pier, and why it mattered to the boats.</p>", i)
	}
	page := func(meta, before, after string) string {
		return `<html><head><title>The Harbour Heater</title>` + meta + `</head><body><div class="top"><h2>The Harbour Heater</h2>` + before +
			`</div><div class="body"><article>` + body.String() + `</article></div>` + after + `</body></html>`
	}
	desc := func(s string) string { return `<meta name="description" content="` + s + `">` }
	want := "A school's physics class built the heater that freed a frozen harbour this winter & kept it open."
	for _, c := range []struct {
		name, src string
		lede      bool
	}{
		{"summary shown under the headline", page(desc(dek), `<p class="dek">`+dek+`</p>`, ""), true},
		{"og:description cut short with an ellipsis", page(`<meta property="og:description" content="A school's physics class built the heater that freed a frozen harbour this...">`, `<p>`+dek+`</p>`, ""), true},
		{"summary shown only after the body", page(desc(dek), "", `<div class="more"><p>`+dek+`</p></div>`), false},
		{"summary shown only in a link", page(desc(dek), `<p><a href="/x">`+dek+`</a></p>`, ""), false},
		{"summary not shown", page(desc(dek), "", ""), false},
		{"short summary (a tagline)", page(desc("News from the harbour."), `<p>News from the harbour.</p>`, ""), false},
	} {
		a, err := FromHTML([]byte(c.src), "", "https://example.org/heater")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := strings.HasPrefix(a.Text, want+"\n\nParagraph 0"); got != c.lede {
			t.Errorf("%s: standfirst at the top = %v, want %v:\n%.300s", c.name, got, c.lede, a.Text)
		}
		if strings.Count(a.Text, "frozen harbour") > 1 {
			t.Errorf("%s: standfirst twice:\n%s", c.name, a.Text)
		}
		if c.lede && !strings.HasPrefix(a.Markdown, "A school's physics class built the heater that freed a frozen harbour this winter &amp; kept it open.\n\n") {
			t.Errorf("%s: Markdown does not start with the escaped standfirst:\n%.300s", c.name, a.Markdown)
		}
	}
}
