package bench

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"margin/reader"
)

// go-readability ships the test pages of Mozilla's Readability: about 130
// saved pages (news from the BBC, CNN, the New York Times, the Washington
// Post, Yahoo, Ars Technica and others, blogs, wikis), each with the
// article the library is expected to find. Scored by the English news
// corpus's shingle F1 against that expected article, they are a third, English-heavy
// proxy for pages nobody tuned to: the HTML path, and the text path on a
// browser's copy and a w3m dump of each page. The expected article is
// Readability's, not a person's: it keeps what Readability keeps (a
// caption, a comment thread), so read the figures side by side, not
// against the corpora's. Session 20 wrote rules from these pages' worst
// cases; they are no longer untouched.

// testPagesModule is the module holding the test pages.
const testPagesModule = "codeberg.org/readeck/go-readability/v2"

// testPagesMinWords: the library's own unit cases (a page testing one
// tag's cleaning) are shorter.
const testPagesMinWords = 150

// DefaultTestPages returns the test pages' folder in the module cache, for
// the version this binary was built with.
func DefaultTestPages() (string, error) {
	version := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == testPagesModule {
				version = d.Version
			}
		}
	}
	if version == "" {
		return "", errors.New("test pages: this binary does not say which go-readability it holds")
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("test pages: go env GOMODCACHE: %w", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), testPagesModule+"@"+version, "test-pages")
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("test pages: %w (go mod download %s@%s)", err, testPagesModule, version)
	}
	return dir, nil
}

// TestPages prints the test pages' scores: the HTML pipeline, the text
// pipeline on a browser's copy and on a w3m dump, and the copy as it
// stands, with the ten worst pages of the copy.
func TestPages(w io.Writer, dir string, fromHTML func(raw []byte, url string) (string, error), clean func([]byte) (string, error)) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	type row struct {
		id                  string
		words               int
		html, copy, w3m, as Score
	}
	var rows []row
	for _, e := range ents {
		src, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		exp, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
		if err != nil {
			continue
		}
		truth := expectedText(exp)
		r := row{id: e.Name(), words: reader.CountWords(truth)}
		if r.words < testPagesMinWords {
			continue
		}
		txt, _ := fromHTML(src, "https://example.org/"+e.Name())
		r.html = Compare(truth, txt)
		cp, err := BrowserCopy(src)
		if err != nil {
			return err
		}
		txt, _ = clean(cp)
		r.copy, r.as = Compare(truth, txt), Compare(truth, string(cp))
		dump, err := W3MDump(src)
		if err != nil {
			return err
		}
		txt, _ = clean(dump)
		r.w3m = Compare(truth, txt)
		rows = append(rows, r)
	}
	sum := func(f func(row) Score) Summary {
		var s []Score
		for _, r := range rows {
			s = append(s, f(r))
		}
		return Summarise(s)
	}
	fmt.Fprintf(w, "go-readability's test pages: %d pages of %d words or more, shingle F1 against the expected article\n\n", len(rows), testPagesMinWords)
	fmt.Fprintf(w, "                            F1      P      R\n")
	for _, c := range []struct {
		name string
		f    func(row) Score
	}{
		{"HTML pipeline", func(r row) Score { return r.html }},
		{"text, browser copy", func(r row) Score { return r.copy }},
		{"text, w3m dump", func(r row) Score { return r.w3m }},
		{"browser copy as it stands", func(r row) Score { return r.as }},
	} {
		s := sum(c.f)
		fmt.Fprintf(w, "%-26s %6.3f %6.3f %6.3f\n", c.name, s.F1, s.Precision, s.Recall)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].copy.F1() < rows[j].copy.F1() })
	fmt.Fprintf(w, "\nworst ten pages (text, browser copy):\npage                          copy    w3m   HTML\n")
	for _, r := range rows[:min(10, len(rows))] {
		fmt.Fprintf(w, "%-28s %6.3f %6.3f %6.3f\n", r.id, r.copy.F1(), r.w3m.F1(), r.html.F1())
	}
	return nil
}

// expectedText is the text of an expected article, a line to each block.
func expectedText(page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote", "pre", "figcaption":
				b.WriteByte('\n')
			}
		}
	}
	walk(doc)
	return b.String()
}
