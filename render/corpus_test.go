package render

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"margin/reader"
)

// TestCorpusArticles runs the reader's Markdown of the 91 shared corpus
// pages through Render: full map invariants, output identical to glamour's,
// safe lines, RenderFirst a prefix.
func TestCorpusArticles(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "extraction", "html")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if len(files) == 0 {
		t.Skip("../shared not present")
	}
	if testing.Short() {
		files = files[:10]
	}
	opt := Options{Width: 80, Style: "dark"}
	for _, f := range files {
		name := filepath.Base(f)[:8]
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		a, err := reader.FromHTML(raw, "text/html", "https://example.com/")
		if err != nil {
			continue // the reader's business
		}
		md := a.Markdown
		d, err := Render(md, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkMap(t, name, md, d, true)
		for i, l := range d.Lines {
			if !SafeLine(l) {
				t.Errorf("%s: line %d unsafe", name, i)
			}
		}
		if !strings.Contains(md, "\t") { // we expand tabs; glamour prints them raw
			// Glamour on the same cleaned input ("&amp;" in addresses is '&'),
			// with the addresses printed as glamour prints them.
			clean, _ := cleanInput(md)
			want := plainGlamour(t, string(clean), opt)
			inline := opt
			inline.InlineLinks = true
			d, err := Render(md, inline)
			if err != nil {
				t.Fatal(err)
			}
			checkMap(t, name+" inline", md, d, true)
			if len(want) != len(d.Lines) {
				t.Errorf("%s: %d lines, glamour has %d", name, len(d.Lines), len(want))
			}
			for i := 0; i < min(len(want), len(d.Lines)); i++ {
				if want[i] != d.Lines[i] {
					t.Errorf("%s: line %d differs from glamour's", name, i)
					break
				}
			}
		}
		for _, off := range []int{len(md) / 2, len(md) * 9 / 10} {
			win, err := RenderAt(md, opt, off, 40)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if msg := windowMismatch(d, win, off); msg != "" {
				t.Errorf("%s: RenderAt %d: %s", name, off, msg)
			}
		}
		first, err := RenderFirst(md, opt, 40)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range first.Lines {
			if i >= len(d.Lines) || first.Lines[i] != d.Lines[i] {
				t.Errorf("%s: RenderFirst line %d is not Render's", name, i)
				break
			}
		}
	}
}
