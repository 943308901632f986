package export

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"margin/internal/article"
	"margin/reader"
	"margin/render"
	"margin/store"
)

// pageText is a page's body text as a browser's textContent gives it,
// which is what annotation tools anchor on.
func pageText(t *testing.T, raw []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

var spaces = regexp.MustCompile(`\s+`)

// anchor places a TextQuoteSelector in text as annotation tools do:
// whitespace-insensitive (a page's textContent may have no space between
// two blocks), it finds every occurrence of exact and picks the one whose
// surroundings agree best with prefix and suffix. It returns the start of
// exact in the normalised text, -1 when exact is not there, -2 when the
// text repeats exact with surroundings that agree as well.
func anchor(text, exact, prefix, suffix string) int {
	n := func(s string) string { return spaces.ReplaceAllString(s, "") }
	text, exact, prefix, suffix = n(text), n(exact), n(prefix), n(suffix)
	if exact == "" {
		return -1
	}
	best, bestScore, tie := -1, -1, false
	for at := 0; ; {
		i := strings.Index(text[at:], exact)
		if i < 0 {
			break
		}
		i += at
		score := commonSuffix(text[:i], prefix) + commonPrefix(text[i+len(exact):], suffix)
		switch {
		case score > bestScore:
			best, bestScore, tie = i, score, false
		case score == bestScore:
			tie = true
		}
		at = i + 1
	}
	if tie {
		return -2
	}
	return best
}

// Issue 13, failure 2 and the round trip it asks for: export, then place
// every annotation by its selectors in the plain text (position and quote)
// and in the original page's text (quote).
func TestJSONRoundTripOnPage(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "reader", "testdata", "md_structured.html"))
	if err != nil {
		t.Fatal(err)
	}
	art, err := reader.FromHTML(raw, "text/html; charset=utf-8", "https://example.org/page?a=1&b=2")
	if err != nil {
		t.Fatal(err)
	}
	a := &store.Article{ID: 7, Content: article.Content{Title: art.Title, SourceURL: "https://example.org/page?a=1&b=2", Markdown: art.Markdown}}
	pt := render.NewPlainText(a.Markdown)
	// A highlight on the middle of every line of the plain text that is
	// long enough, and one across two blocks.
	var hs []store.Highlight
	add := func(q string) {
		s, e, err := render.FindQuote(a.Markdown, q)
		if err != nil {
			return
		}
		hs = append(hs, store.Highlight{ID: int64(len(hs) + 1), ArticleID: a.ID, Start: s, End: e, Exact: q, Label: "highlight"})
	}
	lines := strings.Split(pt.Text, "\n")
	for i, l := range lines {
		w := strings.Fields(l)
		if len(w) >= 3 {
			add(strings.Join(w[1:len(w)-1], " "))
		} else if len(w) > 0 && len([]rune(l)) > 4 {
			add(l)
		}
		if i > 0 && len(lines[i-1]) > 0 && len(l) > 0 && i == 3 {
			add(lines[i-1] + "\n" + l)
		}
	}
	if len(hs) < 12 {
		t.Fatalf("only %d highlights placed on the sample page:\n%s", len(hs), pt.Text)
	}
	hs = append(hs, store.Highlight{ID: 99, ArticleID: a.ID, Exact: "gone\n\nnow", Prefix: "was\n\n", Orphan: true, Label: "highlight"})
	out, err := JSON(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("&amp;")) {
		t.Errorf("the JSON carries &amp;:\n%s", out)
	}
	var c struct {
		First struct {
			Items []struct {
				ID     string
				Body   []struct{ Value, Purpose string }
				Target struct {
					Source   string
					Selector []struct {
						Type                  string
						Exact, Prefix, Suffix string
						Start, End            *int
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatal(err)
	}
	page := pageText(t, raw)
	runes := []rune(pt.Text)
	placedPlain, placedPage := 0, 0
	for _, it := range c.First.Items {
		q := it.Target.Selector[0]
		if it.Target.Source != "https://example.org/page?a=1&b=2" {
			t.Errorf("%s: source %q", it.ID, it.Target.Source)
		}
		if strings.HasSuffix(it.ID, ":highlight:99") {
			orphan := false
			for _, b := range it.Body {
				orphan = orphan || b.Purpose == "tagging" && b.Value == "orphan"
			}
			if !orphan || len(it.Target.Selector) != 1 || q.Exact != "gone\nnow" {
				t.Errorf("orphan not marked explicitly: %+v", it)
			}
			continue
		}
		if len(it.Target.Selector) != 2 {
			t.Errorf("%s: %d selectors", it.ID, len(it.Target.Selector))
			continue
		}
		p := it.Target.Selector[1]
		pre, suf := []rune(q.Prefix), []rune(q.Suffix)
		if *p.Start >= len(pre) && *p.End+len(suf) <= len(runes) &&
			string(runes[*p.Start-len(pre):*p.End+len(suf)]) == q.Prefix+q.Exact+q.Suffix &&
			strings.Count(pt.Text, q.Prefix+q.Exact+q.Suffix) == 1 {
			placedPlain++
		} else {
			t.Errorf("%s: %q not at %d..%d of the plain text", it.ID, q.Exact, *p.Start, *p.End)
		}
		if !strings.Contains(spaces.ReplaceAllString(page, ""), spaces.ReplaceAllString(q.Exact, "")) {
			// Not text of the page: image alt text (textContent has
			// none) or what the reader's Markdown turned into text
			// (a nested list read as a paragraph's continuation).
			t.Logf("%s: %q is not in the page's text", it.ID, q.Exact)
			placedPage++
			continue
		}
		if anchor(page, q.Exact, q.Prefix, q.Suffix) >= 0 {
			placedPage++
		} else {
			t.Errorf("%s: a matcher cannot place %q (prefix %q, suffix %q) on the page's text", it.ID, q.Exact, q.Prefix, q.Suffix)
		}
	}
	if placedPlain != len(hs)-1 || placedPage != len(hs)-1 {
		t.Errorf("placed %d on the plain text and %d on the page, of %d", placedPlain, placedPage, len(hs)-1)
	}
}

// Issue 13, failure 3: a local file's annotations target a source id of
// their own, and its path is in neither the front matter nor the JSON.
func TestLocalFileSource(t *testing.T) {
	a := &store.Article{ID: 3, Content: article.Content{Title: "Notes", SourceURL: "/home/ann/private/notes.txt", Markdown: "Some text here.\n"}}
	hs := []store.Highlight{{ID: 1, ArticleID: 3, Start: 5, End: 9, Exact: "text", Label: "highlight"}}
	js, err := JSON(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(js, []byte(`"source": "urn:margin:source:3"`)) || bytes.Contains(js, []byte("/home/ann")) {
		t.Errorf("local file JSON:\n%s", js)
	}
	md, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(md, []byte("/home/ann")) || bytes.Contains(frontMatterOf(t, md), []byte("\nurl:")) {
		t.Errorf("local file Markdown holds its path:\n%s", md)
	}
}

// commonSuffix is how many bytes a and b share at their ends.
func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// commonPrefix is how many bytes a and b share at their starts.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
