package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	xansi "github.com/charmbracelet/x/ansi"
)

// FuzzRenderMap: any Markdown renders without panic, to safe lines, with a
// map whose every mapped cell shows its source unit.
func FuzzRenderMap(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, uint8(40))
	}
	f.Add("# T\n\npara *em* `code` [l](http://x)\n\n| a | b |\n|--|--|\n| c d e | f |\n", uint8(20))
	f.Fuzz(func(t *testing.T, md string, w uint8) {
		if len(md) > 4096 {
			md = md[:4096]
		}
		width := 10 + int(w)%110
		d, err := Render(md, Options{Width: width, Style: "dark"})
		if err != nil {
			return // a clear error is fine; a panic or unsafe output is not
		}
		for i, line := range d.Lines {
			if !SafeLine(line) {
				t.Fatalf("unsafe line %d: %q", i, line)
			}
		}
		p := parse(md)
		byOff := map[int32]int{}
		for i, u := range p.units.all() {
			if _, ok := byOff[u.off]; !ok {
				byOff[u.off] = i
			}
		}
		for l := range d.Lines {
			if w := xansi.StringWidth(d.Lines[l]); len(d.row(l)) != w {
				t.Fatalf("line %d: %d cells for a line %d cells wide", l, len(d.row(l)), w)
			}
			for _, g := range lineGlyphs(d.Lines[l]) {
				if g.wid == 0 {
					continue
				}
				o := d.Offset(l, g.col)
				if o < 0 {
					continue
				}
				if o > len(md) {
					t.Fatalf("offset %d beyond source of %d bytes", o, len(md))
				}
				ui, ok := byOff[int32(o)]
				if !ok {
					t.Fatalf("line %d col %d: offset %d is not a unit start", l, g.col, o)
				}
				u := p.units.at(int32(ui))
				want := string(p.plain[u.ps:u.pe])
				if isSpaceStr(g.s) && isSpaceStr(want) {
					continue
				}
				gf, wf := fold(g.s), fold(want)
				if !strings.HasPrefix(gf, wf) && !strings.HasPrefix(wf, gf) {
					t.Fatalf("line %d col %d: glyph %q mapped to source %q", l, g.col, g.s, want)
				}
			}
		}
		win, err := RenderAt(md, Options{Width: width, Style: "dark"}, len(md)/2, 5)
		if err != nil {
			t.Fatalf("RenderAt failed where Render did not: %v", err)
		}
		if msg := windowMismatch(d, win, len(md)/2); msg != "" {
			t.Fatalf("RenderAt: %s", msg)
		}
		first, err := RenderFirst(md, Options{Width: width, Style: "dark"}, 5)
		if err != nil {
			t.Fatalf("RenderFirst failed where Render did not: %v", err)
		}
		for i := range first.Lines {
			if i >= len(d.Lines) || first.Lines[i] != d.Lines[i] {
				t.Fatalf("RenderFirst line %d is not Render's", i)
			}
		}
	})
}

// FuzzReanchor: a quote taken from an article re-anchors to the same text,
// in the article and after text is inserted before it; nothing panics.
func FuzzReanchor(f *testing.F) {
	f.Add("# Title\n\nThe quick brown fox jumps over the lazy dog. The quick brown fox again.\n", uint16(12), uint16(30), "Inserted paragraph.\n\n")
	f.Add("a &amp; b \\* c `d` [e](http://x) f\n\n- g\n- h\n", uint16(0), uint16(20), "x")
	f.Add("same same same same\n\nsame same\n", uint16(5), uint16(9), "same ")
	f.Fuzz(func(t *testing.T, md string, a, b uint16, ins string) {
		if len(md) > 4096 || len(ins) > 256 {
			return
		}
		if len(md) == 0 {
			return
		}
		s, e := int(a)%(len(md)+1), int(b)%(len(md)+1)
		if s > e {
			s, e = e, s
		}
		q := QuoteAt(md, s, e)
		_, _, _ = FindQuote(md, q.Exact)
		want := normString(q.Exact, false)
		if want == "" || !utf8.ValidString(md) {
			return
		}
		s2, e2, ok := Reanchor(md, q)
		if !ok {
			t.Fatalf("quote %q taken from the article did not re-anchor", q.Exact)
		}
		if got := normString(QuoteAt(md, s2, e2).Exact, false); got != want {
			t.Fatalf("re-anchored to %q, want %q", got, want)
		}
		// Insert a paragraph before everything.
		if strings.ContainsAny(ins, "\\`*_[]<>&#|~!-+=:>\r\n\t") || strings.TrimSpace(ins) == "" {
			return
		}
		edited := ins + "\n\n" + md
		before, _ := Plain(md)
		if after, _ := Plain(edited); !strings.HasSuffix(after, before) {
			return // the paragraph changed how the text reads ("0" over ": x" makes a definition list)
		}
		s3, e3, ok := Reanchor(edited, q)
		if !ok {
			t.Fatalf("quote %q lost after inserting %q", q.Exact, ins)
		}
		if got := normString(QuoteAt(edited, s3, e3).Exact, true); got != normString(q.Exact, true) {
			t.Fatalf("after insertion re-anchored to %q, want %q", got, q.Exact)
		}
	})
}
