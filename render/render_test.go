package render

import (
	"bytes"
	"flag"
	"fmt"
	"margin/internal/gen"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("reading testdata: %v", err)
	}
	return string(b)
}

// plainGlamour renders with glamour itself, the way the stub did: its
// parser's configuration (NewTermRenderer's) and its renderer, with the
// one change margin makes to the tree (breakItemParagraphs).
func plainGlamour(t testing.TB, md string, opt Options) []string {
	t.Helper()
	cfg, err := styleConfig(opt.Style)
	if err != nil {
		t.Fatal(err)
	}
	gm := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(util.Prioritized(itemBreaks{}, 1000))),
	)
	// As NewTermRenderer sets it: after the extensions, whose HTML
	// renderers it replaces.
	gm.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(ansi.NewRenderer(ansi.Options{WordWrap: opt.Width, Styles: *cfg, InlineTableLinks: true, PreserveNewLines: true}), 1000))))
	// Soft line breaks become spaces as render's own run makes them, so
	// glamour shows hard ones alone as breaks.
	src := []byte(md)
	doc := gm.Parser().Parse(text.NewReader(src))
	space := -1
	src = softBreaksAsSpaces(doc, src, &space)
	var buf bytes.Buffer
	if err := gm.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(out, "\n")
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// itemBreaks applies breakItemParagraphs as goldmark parses.
type itemBreaks struct{}

func (itemBreaks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	breakItemParagraphs(doc)
}

// glyphs returns each glyph of a plain line with its first column.
type glyph struct {
	s        string
	col, wid int
}

// lineGlyphs splits a styled display line into glyphs (escapes skipped)
// as the terminal libraries measure it.
func lineGlyphs(s string) []glyph {
	var out []glyph
	col := 0
	for len(s) > 0 {
		g, w, n := nextSeq(s)
		if g[0] == 0x1b {
			s = s[n:]
			continue
		}
		out = append(out, glyph{g, col, w})
		col += w
		s = s[n:]
	}
	return out
}

func fold(s string) string { return strings.ToLower(s) }

func isSpaceStr(s string) bool {
	return strings.TrimFunc(s, unicode.IsSpace) == ""
}

// checkMap asserts the map invariants: every mapped cell shows its source
// unit (case-folded), every non-space unit is mapped at least once (except
// text glamour truncated with an ellipsis), offsets are in range.
func checkMap(t *testing.T, name, md string, d *Doc, requireAll bool) {
	t.Helper()
	p := parse(md)
	byOff := map[int32]int{}
	for i, u := range p.units.all() {
		if _, ok := byOff[u.off]; !ok {
			byOff[u.off] = i
		}
	}
	mapped := map[int32]bool{}
	bad := 0
	for l := range d.Lines {
		if len(d.row(l)) != xansi.StringWidth(d.Lines[l]) {
			t.Errorf("%s: line %d: %d cells for width %d", name, l, len(d.row(l)), xansi.StringWidth(d.Lines[l]))
		}
		for _, g := range lineGlyphs(d.Lines[l]) {
			if g.wid == 0 || g.col >= len(d.row(l)) {
				continue
			}
			o := d.row(l)[g.col]
			if o < 0 {
				continue
			}
			if int(o) > len(md) {
				t.Fatalf("%s: offset %d beyond source", name, o)
			}
			ui, ok := byOff[o]
			if !ok {
				t.Errorf("%s: line %d col %d: offset %d is not a unit start", name, l, g.col, o)
				continue
			}
			u := p.units.at(int32(ui))
			// A cluster (ZWJ emoji, flag, combining mark) maps to its first
			// unit; the units it spans count as shown.
			for n := 0; ui < p.units.len() && n < len(g.s); ui++ {
				mapped[p.units.at(int32(ui)).off] = true
				n += int(p.units.at(int32(ui)).pe - p.units.at(int32(ui)).ps)
			}
			want := string(p.plain[u.ps:u.pe])
			if isSpaceStr(g.s) && isSpaceStr(want) {
				continue
			}
			gf, wf := fold(g.s), fold(want)
			if !strings.HasPrefix(gf, wf) && !strings.HasPrefix(wf, gf) {
				if bad++; bad < 10 {
					t.Errorf("%s: line %d col %d: glyph %q mapped to source %q at %d", name, l, g.col, g.s, want, o)
				}
			}
		}
	}
	if !requireAll {
		return
	}
	ellipsis := false
	for l := range d.Lines {
		if strings.Contains(d.Text(l), "…") {
			ellipsis = true
		}
	}
	var missing []string
	for _, lf := range p.leaves {
		inHeader := ancestorKindName(lf, "TableHeader")
		for k := lf.u0; k < lf.u1; k++ {
			u := p.units.at(int32(k))
			ut := string(p.plain[u.ps:u.pe])
			if isSpaceStr(ut) || mapped[u.off] || xansi.StringWidth(ut) == 0 {
				continue
			}
			if inHeader && ellipsis {
				continue
			}
			missing = append(missing, string(p.plain[u.ps:u.pe])+"@"+strconv.Itoa(int(u.off)))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("%s: %d source units not mapped: %v", name, len(missing), missing[:min(len(missing), 20)])
	}
}

func ancestorKindName(lf leaf, kind string) bool {
	for n := lf.node; n != nil; n = n.Parent() {
		if n.Kind().String() == kind {
			return true
		}
	}
	return false
}

func TestMapTricky(t *testing.T) {
	md := readTestdata(t, "tricky.md")
	for _, w := range []int{40, 60, 80, 120} {
		for _, st := range []string{"dark", "light"} {
			d, err := Render(md, Options{Width: w, Style: st})
			if err != nil {
				t.Fatal(err)
			}
			checkMap(t, st+"/"+strconv.Itoa(w), md, d, true)
		}
	}
}

func TestMapGenerated(t *testing.T) {
	md := gen.Article(2000)
	for _, w := range []int{40, 80} {
		d, err := Render(md, Options{Width: w, Style: "dark"})
		if err != nil {
			t.Fatal(err)
		}
		checkMap(t, "generated/"+strconv.Itoa(w), md, d, true)
	}
}

// The anchors must not change a thing: our lines equal glamour's own.
func TestLinesEqualGlamour(t *testing.T) {
	// glamour prints code tabs raw (a control character); we expand them,
	// so compare on a tab-free copy.
	tricky := strings.ReplaceAll(readTestdata(t, "tricky.md"), "\t", "    ")
	docs := map[string]string{"tricky": tricky, "generated": gen.Article(2000)}
	for name, md := range docs {
		for _, w := range []int{40, 80, 120} {
			for _, st := range []string{"dark", "light"} {
				opt := Options{Width: w, Style: st, InlineLinks: true}
				d, err := Render(md, opt)
				if err != nil {
					t.Fatal(err)
				}
				want := plainGlamour(t, md, opt)
				if len(d.Lines) != len(want) {
					t.Errorf("%s %v: %d lines, glamour has %d", name, opt, len(d.Lines), len(want))
				}
				for i := 0; i < min(len(want), len(d.Lines)); i++ {
					if d.Lines[i] != want[i] {
						t.Errorf("%s %v: line %d differs:\n got %q\nwant %q", name, opt, i, d.Lines[i], want[i])
						break
					}
				}
			}
		}
	}
}

// RenderFirst's lines (and map) must be a prefix of Render's.
// partCase is a document rendered in part: its first screenful, or a
// window of it.
type partCase struct {
	name  string
	md    string
	width int
	lines int
}

func partCases(t *testing.T) []partCase {
	return []partCase{
		{"generated10k", gen.Article(10000), 80, 40},
		{"generated10k-60", gen.Article(10000), 60, 20},
		{"generated2k", gen.Article(2000), 80, 10},
		{"tricky", readTestdata(t, "tricky.md"), 40, 10},
	}
}

func TestRenderFirstPrefix(t *testing.T) {
	cases := append(partCases(t),
		partCase{"tricky-all", readTestdata(t, "tricky.md"), 80, 1000},
		partCase{"refdefs", "# T\n\n" + strings.Repeat("A paragraph with a [ref] link in it.\n\n", 200) + "[ref]: https://example.com\n", 80, 20},
	)
	for _, c := range cases {
		for _, st := range []string{"dark", "light"} {
			opt := Options{Width: c.width, Style: st}
			full, err := Render(c.md, opt)
			if err != nil {
				t.Fatal(err)
			}
			first, err := RenderFirst(c.md, opt, c.lines)
			if err != nil {
				t.Fatal(err)
			}
			if len(first.Lines) < min(c.lines, len(full.Lines)) {
				t.Errorf("%s/%s: RenderFirst gave %d lines, want at least %d", c.name, st, len(first.Lines), c.lines)
			}
			if first.Complete != (len(first.Lines) == len(full.Lines)) {
				t.Errorf("%s/%s: Complete=%v with %d of %d lines", c.name, st, first.Complete, len(first.Lines), len(full.Lines))
			}
			if len(first.Lines) > len(full.Lines) {
				t.Fatalf("%s/%s: RenderFirst has more lines (%d) than Render (%d)", c.name, st, len(first.Lines), len(full.Lines))
			}
			for i := range first.Lines {
				if first.Lines[i] != full.Lines[i] {
					t.Errorf("%s/%s: line %d differs:\n first %q\n  full %q", c.name, st, i, first.Lines[i], full.Lines[i])
					break
				}
				if !equalCells(first.row(i), full.row(i)) {
					t.Errorf("%s/%s: line %d map differs", c.name, st, i)
					break
				}
			}
		}
	}
}

func equalCells(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Rendering in runs of top-level blocks must give the lines and map of a
// whole-document render.
func TestChunkedEqualsWhole(t *testing.T) {
	docs := map[string]string{
		"tricky":    readTestdata(t, "tricky.md"),
		"generated": gen.Article(10000),
	}
	for name, md := range docs {
		for _, st := range []string{"dark", "light"} {
			opt := Options{Width: 70, Style: st}
			cfg, _ := styleConfig(st)
			p := parse(md)
			one, err := p.renderChunks(opt, cfg, p.split(1))
			if err != nil {
				t.Fatal(err)
			}
			whole := p.assemble(one, true, true)
			for _, n := range []int{2, 3, 4} {
				p := parse(md)
				cs, err := p.renderChunks(opt, cfg, p.split(n))
				if err != nil {
					t.Fatal(err)
				}
				if len(cs) != n {
					t.Fatalf("%s: split into %d runs, want %d", name, len(cs), n)
				}
				d := p.assemble(cs, true, true)
				if len(d.Lines) != len(whole.Lines) {
					t.Errorf("%s/%s/%d: %d lines, whole render has %d", name, st, n, len(d.Lines), len(whole.Lines))
				}
				for i := 0; i < min(len(d.Lines), len(whole.Lines)); i++ {
					if d.Lines[i] != whole.Lines[i] || !equalCells(d.row(i), whole.row(i)) {
						t.Errorf("%s/%s/%d: line %d differs:\n got %q\nwant %q", name, st, n, i, d.Text(i), whole.Text(i))
						break
					}
				}
			}
		}
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }

func TestEdgeInputs(t *testing.T) {
	for _, md := range []string{"", "   \n\n", "x", "![alt &amp; \\* x](http://x/y.png) after", strings.Repeat("> ", 12) + "deep", strings.Repeat("- ", 12) + "list"} {
		for _, w := range []int{1, 2, 5, 120} {
			d, err := Render(md, Options{Width: w})
			if err != nil {
				t.Fatalf("Render(%q, %d): %v", md, w, err)
			}
			f, err := RenderFirst(md, Options{Width: w}, 3)
			if err != nil {
				t.Fatalf("RenderFirst(%q, %d): %v", md, w, err)
			}
			if len(f.Lines) > len(d.Lines) {
				t.Errorf("RenderFirst(%q) longer than Render", md)
			}
			checkMap(t, md, md, d, false)
		}
	}
	if _, err := Render("x", Options{Width: 80, Style: "no-such-style"}); err == nil || !strings.Contains(err.Error(), "no-such-style") {
		t.Errorf("unknown style: err = %v", err)
	}
	if _, err := Render("x", Options{Width: 0}); err == nil {
		t.Error("zero width accepted")
	}
}

// Deeply nested quotes and lists are unwrapped below maxNesting (glamour
// took 97 s on 80 nested quotes); their text stays mapped.
func TestDeepNesting(t *testing.T) {
	for _, n := range []int{maxNesting + 1, 2000} {
		for _, md := range []string{strings.Repeat(">", n) + " x y z", strings.Repeat("- ", n) + "x y", strings.Repeat("> - ", n) + "x\n" + strings.Repeat("  ", n) + "- tight item"} {
			for _, w := range []int{10, 80} {
				d, err := Render(md, Options{Width: w})
				if err != nil {
					t.Fatal(err)
				}
				checkMap(t, "deep", md, d, true)
				depth := 0
				for l := range d.Lines {
					depth = max(depth, strings.Count(d.Text(l), quoteBar)+strings.Count(d.Text(l), "•"))
				}
				if depth > maxNesting+1 {
					t.Errorf("nesting %d rendered %d levels deep", n, depth)
				}
			}
		}
	}
}

// RenderAt's lines (and map) must be a run of Render's, holding the line
// that shows the offset and a screenful below it.
func TestRenderAtWindow(t *testing.T) {
	for _, c := range partCases(t) {
		for _, st := range []string{"dark", "light"} {
			opt := Options{Width: c.width, Style: st}
			full, err := Render(c.md, opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, frac := range []float64{0, 0.1, 0.5, 0.9, 1} {
				off := int(frac * float64(len(c.md)-1))
				win, err := RenderAt(c.md, opt, off, c.lines)
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%s/%s/%.0f%%", c.name, st, frac*100)
				if win.Complete && len(win.Lines) != len(full.Lines) {
					t.Errorf("%s: Complete with %d of %d lines", name, len(win.Lines), len(full.Lines))
				}
				if msg := windowMismatch(full, win, off); msg != "" {
					t.Fatalf("%s: %s", name, msg)
				}
				at, fullAt := win.LineOf(off), full.LineOf(off)
				k := fullAt - at
				if fullAt > 3*c.lines && !win.Window {
					t.Errorf("%s: the offset is on line %d, yet the rendering starts at the top", name, fullAt)
				}
				if !win.Window && !win.Complete {
					t.Errorf("%s: neither a window nor the whole article", name)
				}
				if win.Complete && k != 0 {
					t.Errorf("%s: complete, yet it starts at line %d", name, k)
				}
				if below, rest := len(win.Lines)-at, len(full.Lines)-fullAt; below < min(c.lines, rest) {
					t.Errorf("%s: %d lines from the offset's, want %d", name, below, min(c.lines, rest))
				}
			}
		}
	}
}

// windowMismatch says how win is not a run of full's lines (their text)
// and map, lined up on the line showing off; "" when it is. Styling may
// differ where nothing shows: an empty colour span before an HTML block.
func windowMismatch(full, win *Doc, off int) string {
	at, fullAt := win.LineOf(off), full.LineOf(off)
	k := fullAt - at
	if k < 0 || k+len(win.Lines) > len(full.Lines) {
		return fmt.Sprintf("a window of %d lines with the offset on line %d does not fit Render's %d lines (offset on line %d)",
			len(win.Lines), at, len(full.Lines), fullAt)
	}
	for i := range win.Lines {
		if win.text[i] != full.text[k+i] || !slices.Equal(win.row(i), full.row(k+i)) {
			return fmt.Sprintf("window line %d is not Render's line %d:\n  win %q\n full %q", i, k+i, win.text[i], full.text[k+i])
		}
	}
	return ""
}

// The first screenful of a long article is always a part of it: when the
// blocks draw fewer lines than guessed, more of them are rendered, not the
// whole article (which took 71 ms at 80x24 on 10k words).
func TestRenderFirstStaysPartial(t *testing.T) {
	md := gen.Article(10000)
	for _, w := range []int{60, 80, 100} {
		for lines := 10; lines <= 60; lines++ {
			d, err := RenderFirst(md, Options{Width: w, Style: "dark"}, lines)
			if err != nil {
				t.Fatal(err)
			}
			if d.Complete || len(d.Lines) < lines {
				t.Errorf("width %d, %d lines: complete %v with %d lines", w, lines, d.Complete, len(d.Lines))
			}
		}
	}
}

// The unit table read back unit by unit is a list of units, each after
// the last in the plain text, and says for every plain byte which unit
// shows it (or none: a separator), on tricky text and on plain English,
// where it is much smaller than a unit a byte.
func TestUnitTable(t *testing.T) {
	for _, md := range []string{readTestdata(t, "tricky.md"), gen.Article(3000), hostile[3],
		"a  \nb\n\n```\n\n\n```\n\nc\n\n- d\n\n  e\n", "```\n```\n\nx\n", "café naïve 日本語 &amp; \\* x\u00a0y\n"} {
		p := parse(md)
		owner := make([]int32, len(p.plain))
		for i := range owner {
			owner[i] = -1
		}
		last := int32(0)
		for k := range p.units.all() {
			u := p.units.at(int32(k))
			if u.ps < last || u.pe < u.ps || u.end < u.off || int(u.pe) > len(p.plain) {
				t.Fatalf("%q: unit %d is %+v after plain %d", md, k, u, last)
			}
			last = u.pe
			for i := u.ps; i < u.pe; i++ {
				owner[i] = int32(k)
			}
		}
		for i, want := range owner {
			if got := p.unitOf(i); got != want {
				t.Fatalf("%q: plain byte %d is shown by unit %d, the table says %d", md, i, want, got)
			}
		}
	}
	p := parse(gen.Article(3000))
	if n := p.units.len(); len(p.units.runs)*5 > n {
		t.Errorf("%d units in %d runs", n, len(p.units.runs))
	}
}

// A long article's window rendered from a slice of its Markdown shows the
// same lines, with the same map and the same link numbers, as the whole
// rendering (issue 17: a width change or a reopen deep in a 200,000-word
// article need not parse all of it first).
func TestRenderSliceMatchesWhole(t *testing.T) {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "## Part %d\n\nA paragraph with [a link](https://example.org/%d) and *emphasis*.\n\n", i, i)
		b.WriteString("```go\nfunc f() {\n\n\treturn // a blank line inside a fence\n}\n\nPlain words inside the fence, after a blank line.\n```\n\n")
		b.WriteString("- one item\n\n  still the item, indented\n- two\n\n1. first\n2. second\n\n> a quote\n> of two lines\n\n")
		b.WriteString("| a | b |\n|---|---|\n| 1 | 2 |\n\n")
		b.WriteString(gen.Article(400) + "\n\n")
	}
	for _, md := range []string{gen.Article(30000), b.String()} {
		links := Parse(md).Links()
		for _, width := range []int{60, 100} {
			opt := Options{Width: width, Style: "dark"}
			full, err := Render(md, opt)
			if err != nil {
				t.Fatal(err)
			}
			withLinks := opt
			withLinks.Links = links
			cfg, _ := checkOptions(opt)
			for _, frac := range []float64{0.05, 0.3, 0.5, 0.77, 0.99} {
				off := int(frac * float64(len(md)))
				// With the article's links, and without: counted before the cut.
				for _, o := range []Options{withLinks, opt} {
					win, ok, err := renderSlice(md, o, cfg, off, 30)
					if err != nil || !ok {
						t.Fatalf("width %d at %d: sliced %v, %v", width, off, ok, err)
					}
					if msg := windowMismatch(full, win, off); msg != "" {
						t.Fatalf("width %d at %.0f%% (links given %v): %s", width, frac*100, o.Links != nil, msg)
					}
				}
				win, _, _ := renderSlice(md, withLinks, cfg, off, 30)
				if at, fat := win.LineOf(off), full.LineOf(off); len(win.Lines)-at < 30 && len(full.Lines)-fat > 30 {
					t.Errorf("width %d at %.0f%%: %d lines below the offset", width, frac*100, len(win.Lines)-at)
				}
			}
		}
	}
}

// A slice is never cut inside fenced code, a list item's continuation, a
// quote or a table, only where a paragraph or heading follows a blank line.
func TestBlockCuts(t *testing.T) {
	s := "Intro paragraph.\n\n```\ncode\n\nInside the fence.\n```\n\n- item\n\n  continued\n\n> quote\n\n| a |\n|---|\n\n1. one\n\nAfter all of it.\n"
	inside := strings.Index(s, "Inside the fence")
	after := strings.Index(s, "After all")
	a, b := blockCuts(s, inside+3, inside+3)
	if a != 0 || b != after {
		t.Errorf("cuts around the fence: %d, %d; want 0 and %d", a, b, after)
	}
	if a, _ := blockCuts(s, after, len(s)); a != after {
		t.Errorf("the last paragraph: cut at %d, want %d", a, after)
	}
	for _, l := range []string{"- x", "  x", "> x", "| x", "12. x", "3) x", "<div>", "[x]: y", "==="} {
		if safeStart(l) {
			t.Errorf("%q starts a safe block", l)
		}
	}
	// A definition list goes on after a blank line; a fence indented into
	// a list item ends with the item.
	for _, md := range []string{"Term\n: definition\n\nTerm\n: more\n", "- item\n\n  ```\n  code\n  ```\n"} {
		if cuttable(md) {
			t.Errorf("%q may be cut", md)
		}
	}
	for _, l := range []string{"Words", "# Heading", "2024 was a year", "“Quoted”"} {
		if !safeStart(l) {
			t.Errorf("%q is not a safe start", l)
		}
	}
}

// HTML that holds blank lines (a processing instruction, a declaration,
// CDATA, a comment) is never cut: a slice starting inside it would render
// its text as Markdown.
func TestRenderSliceNotInsideHTML(t *testing.T) {
	body := gen.Article(30000)
	mid := len(body) / 2
	mid += strings.Index(body[mid:], "\n\n") + 2
	for _, open := range []string{"<?php", "<!DOCTYPE x", "<![CDATA[", "<!-- a", "<PRE>"} {
		md := body[:mid] + open + "\n\nHidden [words](https://x.org).\n\n?>]]>-->\n\n" + body[mid:]
		off := strings.Index(md, "Hidden")
		links := Parse(md).Links()
		cfg, _ := checkOptions(Options{Width: 80})
		if _, ok, _ := renderSlice(md, Options{Width: 80, Links: links}, cfg, off, 30); ok {
			t.Errorf("%s: a slice was cut inside the HTML block", open)
		}
	}
}

// A line of backticks with backticks after it is no fence, and a fence
// inside a list item ends with the item: a slice is never cut where the
// whole parse is inside a fence.
func TestRenderSliceFences(t *testing.T) {
	body := gen.Article(30000)
	mid := len(body) / 2
	mid += strings.Index(body[mid:], "\n\n") + 2
	for _, odd := range []string{
		"``` `not a fence`\n\nWords.\n\n```\n\n",
		"- item\n\n  ```\n  code\n\nParagraph.\n\n```\n\n",
	} {
		md := body[:mid] + odd + "Inside [a](https://x.org) the fence.\n\n" +
			strings.Repeat("Still inside the fence, a line of words.\n\n", 400) + "More inside.\n\n```\n\n" + body[mid:]
		off := strings.Index(md, "More inside")
		opt := Options{Width: 80, Style: "dark"}
		full := wholeRender(t, md, opt)
		if msg := docsEqual(mustRenderOpt(t, md, opt), full); msg != "" {
			t.Errorf("%q: Render is not the whole parse's rendering: %s", odd, msg)
		}
		cfg, _ := checkOptions(opt)
		win, ok, err := renderSlice(md, opt, cfg, off, 30)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			continue
		}
		if msg := windowMismatch(full, win, off); msg != "" {
			t.Errorf("%q: %s", odd, msg)
		}
		// Code and a paragraph show the same text: their colours differ.
		k := full.LineOf(off) - win.LineOf(off)
		for i := range win.Lines {
			if win.Lines[i] != full.Lines[k+i] {
				t.Errorf("%q: window line %d is drawn %q, Render's %q", odd, i, win.Lines[i], full.Lines[k+i])
				break
			}
		}
	}
}

func mustRenderOpt(t *testing.T, md string, opt Options) *Doc {
	t.Helper()
	d, err := Render(md, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// hasRefDefs reads each line once: a long line with many "]:" (untrusted
// text) was read back to its start for each, a quadratic scan.
func TestHasRefDefs(t *testing.T) {
	for s, want := range map[string]bool{
		"[a]: http://x":            true,
		"text\n   [a]: http://x":   true,
		"text\n    [a]: http://x":  false, // code, four spaces in
		"see [a]: no":              false,
		"see [a]: no\n[b]: http:/": true,
		"":                         false,
	} {
		if got := hasRefDefs(s); got != want {
			t.Errorf("hasRefDefs(%q) = %v, want %v", s, got, want)
		}
	}
	long := strings.Repeat("word]: ", 300_000) + "\n[x]: http://example.org"
	if !hasRefDefs(long) {
		t.Error("the definition after a long line was missed")
	}
}

// TestListItemParagraphs: glamour wrote a list item's second paragraph
// onto the end of its first ("…ends here.Second paragraph…"), two words
// made one on screen; it starts a line of its own, and a highlight over
// it still maps to its words.
func TestListItemParagraphs(t *testing.T) {
	md := "# T\n\n- First item, first paragraph ends here.\n\n  Second paragraph of the first item starts here.\n\n- Second item.\n"
	d, err := Render(md, Options{Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	var plain []string
	for _, l := range d.Lines {
		plain = append(plain, strings.TrimSpace(xansi.Strip(l)))
	}
	all := strings.Join(plain, "\n")
	if strings.Contains(all, "here.Second") || !strings.Contains(all, "ends here.\nSecond paragraph") {
		t.Errorf("the item's paragraphs:\n%s", all)
	}
	checkMap(t, "loose item", md, d, true)
}

// A paragraph's hard line breaks (a poem's lines, an address; <br> in the
// page, "\" or two spaces in Markdown) were shown as spaces, the lines run
// together, as glamour does; soft breaks still join lines. In a quote and
// a list item too.
func TestHardBreaksShown(t *testing.T) {
	md := "Roses are red,\\\nviolets are blue,  \nsugar is sweet.\nAnd soft\nbreaks join.\n\n> One line,\\\n> another.\n\n- first\\\n  second\n\nRun `go\ntest` now.\n"
	for _, st := range []string{"dark", "light"} {
		d, err := Render(md, Options{Width: 60, Style: st})
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for i := range d.Lines {
			if l := strings.TrimSpace(d.Text(i)); l != "" {
				lines = append(lines, l)
			}
		}
		got := strings.Join(lines, "|")
		// A code span's line ending is a space (CommonMark), no break.
		for _, want := range []string{"|Roses are red,|violets are blue,|sugar is sweet. And soft breaks join.|", "One line,|", "another.", "first|", "second", "go test"} {
			if !strings.Contains("|"+got+"|", want) {
				t.Errorf("%s: %q lacks %q", st, got, want)
			}
		}
		checkMap(t, "hard breaks "+st, md, d, true)
	}
}

// A block quote's lines keep its bar and stay inside the width. glamour
// charges one cell for a two-cell "│ " bar, so at some widths a quote line
// came out a cell too wide and the document wrap split its last word onto
// a line of its own, without the bar ("  at" under "  │ … across lines").
func TestQuoteWrapKeepsBar(t *testing.T) {
	words := strings.Fields("A quotation that is long enough to wrap across lines at sixty columns so we can see the quote bar on each wrapped line, and then some more words of every length to try each width once.")
	md := "> " + strings.Join(words, " ") + "\n\n- item\n\n  > " + strings.Join(words, " ") + "\n"
	for _, st := range []string{"dark", "light"} {
		for w := 20; w <= 120; w++ {
			d, err := Render(md, Options{Width: w, Style: st})
			if err != nil {
				t.Fatal(err)
			}
			seen := 0
			for l := range d.Lines {
				txt := strings.TrimSpace(d.Text(l))
				if txt == "" || txt == "• item" {
					continue
				}
				if !strings.HasPrefix(txt, quoteBar) {
					t.Fatalf("%s width %d: quote line %d without its bar: %q", st, w, l, d.Text(l))
				}
				if cw := xansi.StringWidth(d.Lines[l]); cw > w {
					t.Fatalf("%s width %d: line %d is %d cells: %q", st, w, l, cw, d.Text(l))
				}
				seen += len(strings.Fields(strings.TrimPrefix(txt, quoteBar)))
			}
			if seen != 2*len(words) {
				t.Fatalf("%s width %d: %d words shown, want %d", st, w, seen, 2*len(words))
			}
		}
	}
}

// A code block's "&lt;" and "&amp;" (how margin's Markdown writes < and &
// in code) show as the characters, map back to their references, and read
// the same in the plain text and a quote's blocks. The reader showed them
// as written ("data &lt;- data.frame(…)" in every R tutorial).
func TestCodeBlockReferencesShowAsCharacters(t *testing.T) {
	md := "Intro.\n\n```\ndata &lt;- frame(x &amp;&amp; y) &amp;lt;\n\tz &#60;- 1\n```\n\nAfter.\n"
	for _, st := range []string{"dark", "light"} {
		d, err := Render(md, Options{Width: 60, Style: st})
		if err != nil {
			t.Fatal(err)
		}
		var code []string
		for l := range d.Lines {
			if s := strings.TrimSpace(d.Text(l)); strings.HasPrefix(s, "data") || strings.HasPrefix(s, "z") {
				code = append(code, s)
				for c := 0; c < d.Cells(l); c++ {
					if off := d.Offset(l, c); off >= 0 && strings.HasPrefix(md[off:], "&lt;-") {
						if got := []rune(d.Text(l))[c]; got != '<' {
							t.Errorf("%s: the cell mapped to &lt; shows %q", st, got)
						}
					}
				}
			}
		}
		want := []string{"data <- frame(x && y) &lt;", "z <- 1"}
		if !slices.Equal(code, want) {
			t.Errorf("%s: code lines %q, want %q", st, code, want)
		}
		checkMap(t, "code refs", md, d, false)
	}
	if pt := NewPlainText(md).Text; !strings.Contains(pt, "data <- frame(x && y) &lt;\n\tz <- 1") {
		t.Errorf("plain text %q", pt)
	}
	a := strings.Index(md, "data")
	qb := QuoteBlocks(md, [][2]int{{a, strings.Index(md, "1\n```") + 1}})
	if len(qb) != 1 || len(qb[0]) != 1 || qb[0][0].Text != "data <- frame(x && y) &lt;\n\tz <- 1" {
		t.Errorf("quote blocks %+v", qb)
	}
}

// A code line wider than the text breaks inside the code block: its rest
// continues under it, indented past the code, not at the article's margin
// where it read as prose ("  Example data" under "    data <- …  #").
func TestLongCodeLineWrapsInsideTheBlock(t *testing.T) {
	long := "data <- data.frame(Probability = c(0.5, 0.7, 0.4),                # Example data for the plot"
	md := "Intro.\n\n```\n" + long + "\n\tGroups = c(\"Group A\", \"Group B\", \"Group C\", \"Group D\", \"Group E\", \"Group F\"))\n" +
		strings.Repeat("x", 130) + "\nshort\n```\n\n```r\nmy_ggp <- ggplot(data, aes(x = Groups, y = Probability, fill = Groups)) + geom_bar()  # Basic barchart\n```\n\nAfter.\n"
	for _, st := range []string{"dark", "light"} {
		for _, w := range []int{40, 60, 80, 100} {
			d, err := Render(md, Options{Width: w, Style: st})
			if err != nil {
				t.Fatal(err)
			}
			checkMap(t, "long code", md, d, false)
			var words []string
			for l := range d.Lines {
				txt := strings.TrimRight(d.Text(l), " ")
				if cw := xansi.StringWidth(d.Lines[l]); cw > w {
					t.Errorf("%s %d: line %d is %d cells: %q", st, w, l, cw, txt)
				}
				trimmed := strings.TrimLeft(txt, " ")
				if trimmed == "" || trimmed == "Intro." || trimmed == "After." {
					continue
				}
				if ind := len(txt) - len(trimmed); ind < 4 {
					t.Errorf("%s %d: code line %d at column %d, left of the block: %q", st, w, l, ind, txt)
				}
				trimmed = strings.TrimPrefix(trimmed, codeIndent)
				words = append(words, strings.Fields(trimmed)...)
				// Every cell of a code glyph maps into the code.
				for c := len(txt) - len(trimmed); c < len(txt); c++ {
					if txt[c] != ' ' && d.Offset(l, utf8.RuneCountInString(txt[:c])) < strings.Index(md, "```") {
						t.Errorf("%s %d: line %d cell %d maps to %d", st, w, l, c, d.Offset(l, c))
					}
				}
			}
			var want []string
			for _, s := range strings.Split(md, "\n") {
				if !strings.HasPrefix(s, "```") && s != "Intro." && s != "After." {
					want = append(want, strings.Fields(s)...)
				}
			}
			// (a word wider than the block breaks inside it)
			if strings.Join(words, "") != strings.Join(want, "") {
				t.Errorf("%s %d: code reads\n%q\nwant\n%q", st, w, strings.Join(words, " "), strings.Join(want, " "))
			}
		}
	}
}

// A long code line in a list item, a nested list or a quote breaks inside
// its block too: its rest under the arrow, no line past the width.
func TestNestedLongCodeLineWrapsInsideTheBlock(t *testing.T) {
	long := "result <- compute(values, weights = c(0.5, 0.7, 0.4), normalise = TRUE)   # the weighted total of the sample"
	for _, md := range []string{
		"- a step\n\n  ```\n  " + long + "\n  ```\n",
		"- a step\n  - a sub-step\n\n    ```\n    " + long + "\n    ```\n",
		"> ```\n> " + long + "\n> ```\n",
		"- a step\n\n  > ```\n  > " + long + "\n  > ```\n",
	} {
		for _, w := range []int{40, 60, 80} {
			d, err := Render(md, Options{Width: w})
			if err != nil {
				t.Fatal(err)
			}
			checkMap(t, "nested code", md, d, false)
			var words []string
			for l := range d.Lines {
				if cw := xansi.StringWidth(d.Lines[l]); cw > w {
					t.Errorf("%q at %d: line %d is %d cells: %q", md[:12], w, l, cw, d.Text(l))
				}
				txt := strings.TrimLeft(strings.TrimRight(d.Text(l), " "), " •▎")
				if strings.HasPrefix(txt, "a step") || strings.HasPrefix(txt, "a sub-step") || txt == "" {
					continue
				}
				words = append(words, strings.Fields(strings.TrimPrefix(txt, codeIndent))...)
				if !strings.HasPrefix(txt, "result") && !strings.HasPrefix(txt, codeIndent) {
					t.Errorf("%q at %d: line %d breaks out of the code: %q", md[:12], w, l, d.Text(l))
				}
			}
			if strings.Join(words, "") != strings.Join(strings.Fields(long), "") {
				t.Errorf("%q at %d: code reads %q", md[:12], w, strings.Join(words, " "))
			}
		}
	}
}
