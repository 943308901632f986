package render

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"margin/internal/gen"
	"margin/reader"
)

// wholeRender renders md from one parse of the whole, in one run.
func wholeRender(t *testing.T, md string, opt Options) *Doc {
	t.Helper()
	cfg, _ := checkOptions(opt)
	p := parseFor(md, opt)
	cs, err := p.renderChunks(opt, cfg, p.split(1))
	if err != nil {
		t.Fatal(err)
	}
	return p.assemble(cs, true, true)
}

// docsEqual says how two renderings differ ("" when they do not): lines,
// text, every cell's offset, and the multi-byte units.
func docsEqual(a, b *Doc) string {
	if len(a.Lines) != len(b.Lines) {
		return fmt.Sprintf("%d lines, want %d", len(a.Lines), len(b.Lines))
	}
	// Chroma picks between two equally near greys for comments (38;5;241
	// or 242) as a map's order falls, from one rendering to the next.
	grey := strings.NewReplacer("38;5;241m", "38;5;242m")
	for i := range a.Lines {
		if grey.Replace(a.Lines[i]) != grey.Replace(b.Lines[i]) || a.text[i] != b.text[i] {
			return fmt.Sprintf("line %d: %q, want %q", i, a.Lines[i], b.Lines[i])
		}
		if !slices.Equal(a.row(i), b.row(i)) || a.lo[i] != b.lo[i] || a.hi[i] != b.hi[i] {
			return fmt.Sprintf("line %d (%q): cells %v, want %v", i, a.text[i], a.row(i), b.row(i))
		}
	}
	if !slices.Equal(a.wideOff, b.wideOff) || !slices.Equal(a.wideEnd, b.wideEnd) {
		return "multi-byte units differ"
	}
	if a.Complete != b.Complete {
		return "completeness differs"
	}
	return ""
}

// A long article rendered in slices, each parsed alone, is the rendering
// of its whole parse: lines, map and link numbers, on generated articles,
// every kind of block, and the corpus's pages cut small.
func TestRenderPiecesEqualsWhole(t *testing.T) {
	defer func(n int) { pieceBytes = n }(pieceBytes)
	pieceBytes = 3000
	var b strings.Builder
	for i := range 30 {
		fmt.Fprintf(&b, "## Part %d\n\nA paragraph with [a link](https://example.org/%d), <https://auto.org>, www.bare.org and *emphasis* — “curly” café.\n\n", i, i)
		b.WriteString("```go\nfunc f() {\n\n\treturn // a blank line inside a fence\n}\n\nPlain words inside the fence, after a blank line.\n```\n\n")
		b.WriteString("- one item\n\n  still the item, indented\n- two\n\n1. first\n2. second\n\n> a quote\n> of two lines\n\n")
		b.WriteString("| a | b |\n|---|---|\n| 1 | [2](https://t.org) |\n\n日本語の文章。\n\n")
		b.WriteString(gen.Article(300) + "\n\n")
	}
	mds := map[string]string{"generated": gen.Article(20000), "mixed": b.String()}
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "extraction", "html", "*.html.gz"))
	if testing.Short() {
		files = files[:min(len(files), 10)]
	}
	for _, f := range files {
		raw, err := readGz(f)
		if err != nil {
			t.Fatal(err)
		}
		if a, err := reader.FromHTML(raw, "text/html", "https://example.com/"); err == nil {
			mds[filepath.Base(f)] = a.Markdown
		}
	}
	cut := 0
	for name, md := range mds {
		for _, opt := range []Options{{Width: 80, Style: "dark"}, {Width: 50, Style: "light", InlineLinks: true}} {
			cfg, _ := checkOptions(opt)
			d, ok, err := renderPieces(md, opt, cfg)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !ok {
				continue
			}
			cut++
			if msg := docsEqual(d, wholeRender(t, md, opt)); msg != "" {
				t.Errorf("%s at width %d: %s", name, opt.Width, msg)
			}
		}
	}
	if cut < 4 {
		t.Errorf("only %d renderings were cut in slices", cut)
	}
}
