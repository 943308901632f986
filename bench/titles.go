package bench

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/net/html"

	"margin/reader"
)

// TitleReport is the title accuracy of margin's HTML and pasted-text
// pipelines on the pages both corpora hold, against the HTML page's own
// headline.
type TitleReport struct {
	Pages                 int
	HTMLRight, Pasted     int // titles equal to the headline
	PastedPages           int
	HTMLWrong, PasteWrong []TitleMiss
}

// TitleMiss is one page whose title differs from the headline.
type TitleMiss struct {
	ID, Want, Got string
}

// PageHeadline is the reference title of an HTML page: its first <h1>
// when the <title> or og:title holds it (two sources agree on the
// headline), else og:title, else <title>.
func PageHeadline(raw []byte) string {
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	var title, og, h1, site string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "title":
				if title == "" {
					title = nodeText(n)
				}
			case "meta":
				switch attr(n, "property") {
				case "og:title":
					if og == "" {
						og = attr(n, "content")
					}
				case "og:site_name":
					site = attr(n, "content")
				}
			case "h1":
				if h1 == "" {
					h1 = nodeText(n)
				}
			case "svg", "script", "style":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	title, og, h1 = NormalizeSpace(title), NormalizeSpace(og), NormalizeSpace(h1)
	if k := foldTitle(h1); k != "" && (strings.Contains(foldTitle(title), k) || strings.Contains(foldTitle(og), k)) {
		return h1
	}
	return withoutSite(cmpOr(og, title), NormalizeSpace(site))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// withoutSite drops a trailing " | Site" or " - Site" when Site is the
// page's declared site name.
func withoutSite(t, site string) string {
	if site == "" {
		return t
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		if s, ok := strings.CutSuffix(t, sep+site); ok && s != "" {
			return s
		}
	}
	return t
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
				b.WriteByte(' ')
			} else if c.Type == html.ElementNode && c.Data != "script" && c.Data != "style" {
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

// foldTitle lower-cases a title and keeps only its letters and digits, one
// space between words, so that quotes, dashes and case do not count.
func foldTitle(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// SameTitle reports whether two titles are the same headline.
func SameTitle(a, b string) bool {
	return foldTitle(a) != "" && foldTitle(a) == foldTitle(b)
}

// Titles measures title accuracy on the extraction corpus (HTML) and the
// pasted corpus (the same pages as text dumps); fromText is the pasted
// pipeline.
func Titles(htmlDir, pastedDir string, fromText func(string) (*reader.Article, error)) (*TitleReport, error) {
	pages, _, err := LoadCorpus(htmlDir)
	if err != nil {
		return nil, err
	}
	rep := &TitleReport{}
	for _, p := range pages {
		raw, err := ReadPage(p)
		if err != nil {
			return nil, err
		}
		want := PageHeadline(raw)
		if want == "" {
			continue
		}
		rep.Pages++
		got := ""
		if a, err := reader.FromHTML(raw, "", p.URL); err == nil {
			got = a.Title
		}
		if SameTitle(want, got) {
			rep.HTMLRight++
		} else {
			rep.HTMLWrong = append(rep.HTMLWrong, TitleMiss{p.ID, want, got})
		}
		tp := CorpusPage{ID: p.ID, Path: filepath.Join(pastedDir, "text", p.ID+".txt")}
		txt, err := ReadPage(tp)
		if err != nil {
			continue
		}
		rep.PastedPages++
		got = ""
		if a, err := fromText(string(txt)); err == nil {
			got = a.Title
		}
		if SameTitle(want, got) {
			rep.Pasted++
		} else {
			rep.PasteWrong = append(rep.PasteWrong, TitleMiss{p.ID, want, got})
		}
	}
	return rep, nil
}

// Print writes the title accuracy and up to ten misses of each pipeline.
func (r *TitleReport) Print(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "title accuracy against the HTML page's headline (<h1> confirmed by <title> or og:title, else og:title or <title> less a declared og:site_name):\n")
	fmt.Fprintf(&b, "  HTML pages:  %d of %d (%.3f)\n", r.HTMLRight, r.Pages, ratio(r.HTMLRight, r.Pages))
	fmt.Fprintf(&b, "  pasted text: %d of %d (%.3f)\n", r.Pasted, r.PastedPages, ratio(r.Pasted, r.PastedPages))
	for _, m := range []struct {
		name string
		l    []TitleMiss
	}{{"HTML", r.HTMLWrong}, {"pasted", r.PasteWrong}} {
		if len(m.l) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %s misses (up to 10):\n", m.name)
		for _, x := range m.l[:min(titleMisses, len(m.l))] {
			fmt.Fprintf(&b, "    %.12s want %q got %q\n", x.ID, clip(x.Want, 70), clip(x.Got, 70))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

var titleMisses = 10
