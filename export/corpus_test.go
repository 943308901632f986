package export

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"margin/internal/article"
	"margin/reader"
	"margin/render"
	"margin/store"
)

// TestJSONAnchorsOnCorpusPages: on real pages (../shared/corpus; skipped
// without it), every annotation whose quote is text of the page is placed
// there by a matcher using its prefix, exact and suffix (see anchor), and
// by its position and quote in the plain text. Issue 13 found 3 of 20
// placed with their context before.
func TestJSONAnchorsOnCorpusPages(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "extraction", "html", "*.html.gz"))
	if len(files) == 0 {
		t.Skip("../shared/corpus not present")
	}
	if len(files) > 20 {
		files = files[:20]
	}
	total, onPage, placed, whole, ties := 0, 0, 0, 0, 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(zr)
		fh.Close()
		art, err := reader.FromHTML(raw, "", "https://example.org/")
		if err != nil || art.Markdown == "" {
			continue
		}
		a := &store.Article{ID: 1, Content: article.Content{Title: art.Title, SourceURL: "https://example.org/", Markdown: art.Markdown}}
		pt := render.NewPlainText(a.Markdown)
		var hs []store.Highlight
		for _, l := range strings.Split(pt.Text, "\n") {
			w := strings.Fields(l)
			if len(w) < 8 || len(hs) >= 10 {
				continue
			}
			q := strings.Join(w[2:7], " ")
			s, e, err := render.FindQuote(a.Markdown, q)
			if err != nil {
				continue
			}
			hs = append(hs, store.Highlight{ID: int64(len(hs) + 1), ArticleID: 1, Start: s, End: e, Exact: q, Label: "highlight"})
		}
		out, err := JSON(a, hs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			First struct {
				Items []struct {
					Target struct {
						Selector []struct {
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
		page := spaces.ReplaceAllString(pageText(t, raw), "")
		runes := []rune(pt.Text)
		for _, it := range c.First.Items {
			total++
			sel := it.Target.Selector
			if len(sel) != 2 {
				t.Errorf("%s: not placed in the plain text: %+v", filepath.Base(f), sel)
				continue
			}
			q, p := sel[0], sel[1]
			if string(runes[*p.Start:*p.End]) != q.Exact {
				t.Errorf("%s: position %d..%d is not %q", filepath.Base(f), *p.Start, *p.End, q.Exact)
			}
			if !strings.Contains(page, spaces.ReplaceAllString(q.Exact, "")) {
				continue // not text of the page as served (entities, scripts)
			}
			onPage++
			switch anchor(page, q.Exact, q.Prefix, q.Suffix) {
			case -1:
				t.Errorf("%s: not placed on the page: %q [%q] %q", filepath.Base(f), q.Prefix, q.Exact, q.Suffix)
			case -2:
				// The page repeats the passage (a caption and the text).
				ties++
				t.Logf("%s: the page repeats %q", filepath.Base(f), q.Exact)
			default:
				placed++
			}
			// Context that crosses a block break may run into what the
			// page has between two blocks (a caption, an ad) and the
			// article does not; counted, not required.
			if strings.Contains(page, spaces.ReplaceAllString(q.Prefix+q.Exact+q.Suffix, "")) {
				whole++
			}
		}
	}
	t.Logf("%d annotations, %d quotes on the page, %d placed there, %d repeated on the page, %d with all their context as it is on the page", total, onPage, placed, ties, whole)
	if total < 50 || ties > onPage/50 {
		t.Errorf("%d annotations, %d of them ambiguous on the page", total, ties)
	}
}
