package render

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"margin/internal/gen"
)

// sgr is a colour or style sequence.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

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

// docsEqual says how two renderings differ ("" when they do not): lines
// as they show, every cell's offset, and the multi-byte units. Where a
// run of blocks starts, glamour may draw what shows nothing a little
// differently than inside the whole (a colour set and reset at once, one
// blank cell more or less on a blank line after code), as between the
// runs Render has always drawn in parallel; and chroma picks between two
// equally near greys as a map's order falls. Those are not compared.
func docsEqual(a, b *Doc) string {
	if len(a.Lines) != len(b.Lines) {
		return fmt.Sprintf("%d lines, want %d", len(a.Lines), len(b.Lines))
	}
	shown := func(l string) string { return strings.TrimRight(sgr.ReplaceAllString(l, ""), " ") }
	cells := func(r []int32) []int32 {
		for len(r) > 0 && r[len(r)-1] < 0 {
			r = r[:len(r)-1]
		}
		return r
	}
	for i := range a.Lines {
		if shown(a.Lines[i]) != shown(b.Lines[i]) || strings.TrimRight(a.text[i], " ") != strings.TrimRight(b.text[i], " ") {
			return fmt.Sprintf("line %d: %q, want %q", i, a.text[i], b.text[i])
		}
		if !slices.Equal(cells(a.row(i)), cells(b.row(i))) || a.lo[i] != b.lo[i] || a.hi[i] != b.hi[i] {
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
	mds := corpusMarkdown(t)
	mds["generated"], mds["mixed"] = gen.Article(20000), b.String()
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

// Random articles of block and link syntax, cut into small slices, render
// as their whole parse does.
func TestRenderPiecesProperty(t *testing.T) {
	defer func(n int) { pieceBytes = n }(pieceBytes)
	pieceBytes = 150
	pieces := []string{
		"[a b](https://x.org/a)", "![i](https://i.org)", "<https://autoN.org>", "www.wN.org", "xN@y.org",
		"`code`", "*em*", "**strong**", "~~s~~", "words and more words", "café", "日本", "&amp;", "\\*",
		"# Heading", "## Second", "- item", "1. first", "> quote", "    indentedN", "| a | b |\n|---|---|\n| c | d |",
		"```\nfencedN\n\ncodeN\n```", "```\nfencedN ``` not closed\n```", "``` `no fence`", "---", "- [ ] task",
	}
	seps := []string{" ", "\n", "\n\n", "\n\n", "\n\n"}
	r := uint64(7)
	next := func(n int) int {
		r = r*6364136223846793005 + 1442695040888963407
		return int(r>>33) % n
	}
	opt := Options{Width: 40, Style: "dark"}
	cfg, _ := checkOptions(opt)
	cut := 0
	for k := range 200 {
		var b strings.Builder
		for n := range 20 + next(40) {
			// Autolinks and code are mapped by their order, and the whole's
			// map can take one of two identical ones for the other: each is
			// unique.
			b.WriteString(strings.ReplaceAll(pieces[next(len(pieces))], "N", strconv.Itoa(n)))
			b.WriteString(seps[next(len(seps))])
		}
		md := b.String()
		d, ok, err := renderPieces(md, opt, cfg)
		if err != nil || !ok {
			continue
		}
		cut++
		if msg := docsEqual(d, wholeRender(t, md, opt)); msg != "" {
			t.Fatalf("article %d: %s\n%s", k, msg, md)
		}
	}
	if cut < 100 {
		t.Errorf("only %d of 200 articles were cut", cut)
	}
}
