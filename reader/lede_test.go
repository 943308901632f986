package reader

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
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

// A summary that says the standfirst's words with other punctuation (a
// hyphen where the page sets a dash, straight quotes for curly ones) is
// the same summary.
func TestFromHTMLStandfirstPunctuation(t *testing.T) {
	var body strings.Builder
	for i := range 8 {
		fmt.Fprintf(&body, "<p>Paragraph %d of the story tells how the class worked through the cold months on the pier, and why it mattered to the boats.</p>", i)
	}
	const shown = "A school's physics class built the heater that freed a frozen harbour &#8211; and kept it &#8222;open&#8220; all winter."
	const desc = "A school's physics class built the heater that freed a frozen harbour - and kept it \"open\" all winter."
	src := `<html><head><title>The Harbour Heater</title><meta name="description" content="` + html.EscapeString(desc) + `"></head><body><div class="top"><h1>The Harbour Heater</h1><div class="teaser"><p>` +
		shown + `</p></div></div><div class="body"><article>` + body.String() + `</article></div></body></html>`
	a, err := FromHTML([]byte(src), "", "https://example.org/heater")
	if err != nil {
		t.Fatal(err)
	}
	if want := "A school's physics class built the heater that freed a frozen harbour \u2013 and kept it \u201eopen\u201c all winter.\n\nParagraph 0"; !strings.HasPrefix(a.Text, want) {
		t.Errorf("standfirst not at the top:\n%.300s", a.Text)
	}
}

// A standfirst set as a list of points under the headline, whose page
// summary is the points in a row, comes back at the top as that list; a
// list the summary does not say, or one after the body, does not.
func TestFromHTMLStandfirstList(t *testing.T) {
	var body strings.Builder
	for i := range 8 {
		fmt.Fprintf(&body, "<p>Paragraph %d of the story tells how the class worked through the cold months on the pier, and why it mattered to the boats.</p>", i)
	}
	points := []string{"The school's physics class built a heater from scrap copper", "The harbour stayed free of ice all winter", "The council wants a second one for the north quay"}
	list := "<ul><li>" + strings.Join(points, "</li><li>") + "</li></ul>"
	desc := `<meta name="description" content="` + strings.Join(points, " ") + `">`
	page := func(meta, before, after string) string {
		return `<html><head><title>The Harbour Heater</title>` + meta + `</head><body><div class="top"><h1>The Harbour Heater</h1>` + before +
			`</div><div class="body"><article>` + body.String() + `</article></div>` + after + `</body></html>`
	}
	for _, c := range []struct {
		name, src string
		lede      bool
	}{
		{"points under the headline", page(desc, list, ""), true},
		{"points the summary does not say", page(`<meta name="description" content="A heater built by a school class freed a frozen harbour this winter and kept it open.">`, list, ""), false},
		{"points only after the body", page(desc, "", `<div class="more">`+list+`</div>`), false},
	} {
		a, err := FromHTML([]byte(c.src), "", "https://example.org/heater")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := strings.HasPrefix(a.Text, strings.Join(points, "\n\n")+"\n\nParagraph 0") && strings.HasPrefix(a.Markdown, "- "+points[0]+"\n- "+points[1])
		if got != c.lede {
			t.Errorf("%s: points at the top = %v, want %v:\n%.400s\n%.200s", c.name, got, c.lede, a.Text, a.Markdown)
		}
		if strings.Count(a.Text, points[1]) > 1 {
			t.Errorf("%s: points twice:\n%s", c.name, a.Text)
		}
	}
}

// What only looks like a standfirst stays out although the page's
// summary says the same words (issue 19): a subtitle (set as a heading,
// or a phrase rather than sentences) and a line of the byline's box
// belong to the page's head, not to the article.
func TestFromHTMLStandfirstReadsAsTheBody(t *testing.T) {
	const dek = "The fourth heater of the harbour school's physics class is its best."
	var body strings.Builder
	for i := range 8 {
		fmt.Fprintf(&body, "<p>Paragraph %d of the story tells how the class worked through the cold months on the pier, and why it mattered to the boats.</p>", i)
	}
	for _, c := range []struct {
		name, desc, head string
		back             bool
	}{
		{"a paragraph under the headline", dek, `<p class="dek">` + dek + `</p>`, true},
		{"a phrase, not a sentence", strings.TrimSuffix(dek, " is its best."), `<p class="dek">` + strings.TrimSuffix(dek, " is its best.") + `</p>`, false},
		{"set as a heading", dek, `<h2 class="dek">` + dek + `</h2>`, false},
		{"in the byline's box", dek, `<div class="entry-byline"><div class="lead-text"><p>` + dek + `</p></div><time>November 20, 2019</time> <span>Jane Doe</span></div>`, false},
	} {
		src := `<html><head><title>The Harbour Heater</title><meta name="description" content="` + c.desc + `"></head><body><header><h1>The Harbour Heater</h1>` +
			c.head + `</header><div class="body"><article>` + body.String() + `</article></div></body></html>`
		a, err := FromHTML([]byte(src), "", "https://example.org/heater")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.HasPrefix(a.Text, c.desc+"\n\nParagraph 0"); got != c.back {
			t.Errorf("%s: standfirst at the top = %v, want %v:\n%.300s", c.name, got, c.back, a.Text)
		}
		if !c.back && strings.Contains(a.Text, "fourth heater") {
			t.Errorf("%s: standfirst kept:\n%.300s", c.name, a.Text)
		}
	}
}

// textHead reads a block's opening as squeeze(textOf(n)) begins, across
// inline elements and white space of every kind, and stops when full.
func TestTextHead(t *testing.T) {
	doc, err := html.Parse(strings.NewReader("<p id=x>\n  Eine\u00a0Schneedecke <b>auf</b>der <script>var x;</script><i> Anlage</i>  sorgt\tfür geringeren Stromertrag.  </p>"))
	if err != nil {
		t.Fatal(err)
	}
	p := elementByID(doc, "x")
	whole := squeeze(textOf(p))
	if got := string(textHead(p, make([]byte, 0, 200))); got != whole {
		t.Errorf("textHead = %q, want %q", got, whole)
	}
	for size := 1; size < len(whole); size++ {
		got := textHead(p, make([]byte, 0, size))
		if !strings.HasPrefix(whole, string(got)) || !utf8.Valid(got) || len(got) > size || len(got) < size-3 {
			t.Errorf("textHead cut at %d = %q, want the first %d bytes of %q, whole characters", size, got, size, whole)
		}
	}
}

// elementByID returns the first element under n with the id, or nil.
func elementByID(n *html.Node, id string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if getAttr(c, "id") == id {
			return c
		}
		if e := elementByID(c, id); e != nil {
			return e
		}
	}
	return nil
}
