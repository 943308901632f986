package render

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	unorm "golang.org/x/text/unicode/norm"
)

// Offset returns the Markdown source byte offset shown in a cell, or -1 for
// decoration and padding (and for cells outside the document).
func (d *Doc) Offset(line, col int) int {
	if line < 0 || line >= len(d.cells) {
		return -1
	}
	return int(d.cells[line].at(col))
}

// Cells returns the number of cells a line maps (0 outside the document).
func (d *Doc) Cells(line int) int {
	if line < 0 || line >= len(d.cells) {
		return 0
	}
	return d.cells[line].len()
}

// Next returns the first mapped cell at or after (line, col) in reading
// order.
func (d *Doc) Next(line, col int) (l, c int, ok bool) {
	if line < 0 {
		line, col = 0, 0
	}
	if col < 0 {
		col = 0
	}
	var buf [128]int32
	for ; line < len(d.cells); line++ {
		if col >= d.cells[line].len() {
			col = 0
			continue
		}
		cl := d.cells[line].expand(buf[:0])
		for ; col < len(cl); col++ {
			if cl[col] >= 0 && (col == 0 || cl[col-1] != cl[col]) {
				return line, col, true
			}
		}
		col = 0
	}
	return 0, 0, false
}

func (d *Doc) buildIndex() { d.once.Do(d.makeIndex) }

// makeIndex orders the mapped lines by their smallest offset and keeps,
// along that order, the largest offset seen so far. Four bytes a line
// rather than twelve a cell: a 450,000-word article's cell index held
// 34 MB of the reader's memory.
func (d *Doc) makeIndex() {
	byLo := make([]int32, 0, len(d.cells))
	for l := range d.cells {
		if d.lo[l] >= 0 {
			byLo = append(byLo, int32(l))
		}
	}
	sort.SliceStable(byLo, func(i, j int) bool { return d.lo[byLo[i]] < d.lo[byLo[j]] })
	maxHi := make([]int32, len(byLo))
	var m int32 = -1
	for i, l := range byLo {
		m = max(m, d.hi[l])
		maxHi[i] = m
	}
	d.byLo, d.maxHi = byLo, maxHi
}

// CellOf returns the first cell showing the source offset, or the first
// cell of the nearest mapped offset after it; ok is false past the end.
// Where several cells show one offset, the first in reading order wins.
func (d *Doc) CellOf(offset int) (line, col int, ok bool) {
	d.buildIndex()
	off := int32(offset)
	if int(off) != offset {
		return 0, 0, false
	}
	best, bl, bc := int32(-1), 0, 0
	better := func(o int32, l, c int) bool {
		return best < 0 || o < best || o == best && (l < bl || l == bl && c < bc)
	}
	// Lines starting at or after the offset: the first of them in lo
	// order holds the smallest such offset, at its lo.
	var buf [128]int32
	i := sort.Search(len(d.byLo), func(i int) bool { return d.lo[d.byLo[i]] >= off })
	for j := i; j < len(d.byLo) && (best < 0 || d.lo[d.byLo[j]] == best); j++ {
		l := int(d.byLo[j])
		for c, o := range d.cells[l].expand(buf[:0]) {
			if o == d.lo[l] {
				if better(o, l, c) {
					best, bl, bc = o, l, c
				}
				break
			}
		}
	}
	// Lines starting before it that reach it: walk back while some line
	// so far reaches the offset.
	for j := i - 1; j >= 0 && d.maxHi[j] >= off; j-- {
		l := int(d.byLo[j])
		if d.hi[l] < off {
			continue
		}
		for c, o := range d.cells[l].expand(buf[:0]) {
			if o >= off && better(o, l, c) {
				best, bl, bc = o, l, c
			}
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return bl, bc, true
}

// Covers reports whether the source offset lies between the first and the
// last offset the lines show: for a Window, whether it is in the window.
func (d *Doc) Covers(offset int) bool {
	d.buildIndex()
	n := len(d.byLo)
	return n > 0 && int(d.lo[d.byLo[0]]) <= offset && offset <= int(d.maxHi[n-1])
}

// End returns the source offset just past the last text the lines show
// (0 when they show none).
func (d *Doc) End() int {
	d.buildIndex()
	n := len(d.byLo)
	if n == 0 {
		return 0
	}
	return int(d.unitEnd(d.maxHi[n-1]))
}

// LineOf returns the first line showing the source offset (or the nearest
// mapped offset after it); past the end it returns the last line.
func (d *Doc) LineOf(offset int) int {
	l, _, ok := d.CellOf(offset)
	if !ok {
		return max(len(d.Lines)-1, 0)
	}
	return l
}

// Text returns the plain (unstyled) text of a display line.
func (d *Doc) Text(line int) string {
	if line < 0 || line >= len(d.text) {
		return ""
	}
	return d.text[line]
}

// unitEnd returns the end offset of the source unit starting at off.
func (d *Doc) unitEnd(off int32) int32 {
	i := sort.Search(len(d.wideOff), func(i int) bool { return d.wideOff[i] >= off })
	if i < len(d.wideOff) && d.wideOff[i] == off {
		return d.wideEnd[i]
	}
	return off + 1
}

// wideUnits lists the units longer than one byte (a non-ASCII rune, an
// entity, an escape): all unitEnd needs to know, and ASCII text has few.
// A Doc keeps these rather than its projection's unit table, which the
// reader keeps already in its Text.
func wideUnits(us unitTable) (offs, ends []int32) {
	for _, r := range us.runs {
		if r.sl == 1 {
			continue
		}
		for k := range r.n {
			off := r.off + k*r.sl
			offs = append(offs, off)
			ends = append(ends, off+r.sl)
		}
	}
	return slices.Clip(offs), slices.Clip(ends)
}

// Mark is a highlight to paint: a source byte range and its style.
type Mark struct {
	Start, End int // Markdown source byte range [Start,End)
	Style      MarkStyle
}

// MarkStyle is how a mark looks: an SGR prefix such as "\x1b[48;5;58m".
// The painter re-applies it after every SGR inside the range, because
// glamour resets after each token.
type MarkStyle struct{ SGR string }

// Paint returns lines [first, first+n) with the marks painted (on overlaps
// the later mark wins) and the cell showing the cursor's source offset in
// cursorSGR (reverse video when empty). cursor < 0 means no cursor.
func (d *Doc) Paint(first, n int, marks []Mark, cursor int, cursorSGR string) []string {
	if cursorSGR == "" {
		cursorSGR = "\x1b[7m"
	}
	cl, cc := -1, -1
	if cursor >= 0 {
		if l, c, ok := d.CellOf(cursor); ok {
			cl, cc = l, c
		}
	}
	out := make([]string, 0, n)
	var who, cells []int32
	for line := first; line < first+n; line++ {
		if line < 0 || line >= len(d.Lines) {
			out = append(out, "")
			continue
		}
		cells = d.cells[line].expand(cells)
		if cap(who) < len(cells) {
			who = make([]int32, len(cells))
		}
		who = who[:len(cells)]
		for i := range who {
			who[i] = -1
		}
		any := false
		lo, hi := d.lo[line], d.hi[line]
		if lo >= 0 {
			for mi, m := range marks {
				if m.End <= int(lo) || m.Start > int(hi) || m.End <= m.Start {
					continue
				}
				a, b := -1, -1
				for c, o := range cells {
					if o >= 0 && int(o) >= m.Start && int(o) < m.End {
						if a < 0 {
							a = c
						}
						b = c
					}
				}
				if a < 0 {
					continue
				}
				for c := a; c <= b; c++ {
					who[c] = int32(mi)
				}
				any = true
			}
		}
		curA, curB := -1, -1
		if line == cl {
			curA, curB = cc, cc
			for curB+1 < len(cells) && cells[curB+1] == cells[cc] && cells[cc] >= 0 {
				curB++
			}
		}
		if !any && curA < 0 {
			out = append(out, d.Lines[line])
			continue
		}
		out = append(out, paintLine(d.Lines[line], who, marks, curA, curB, cursorSGR))
	}
	return out
}

// paintLine rewrites one styled line: whenever the wanted state (mark,
// cursor) changes it resets and re-applies glamour's current SGR plus the
// mark's, and after every SGR of the line inside a mark it re-applies the
// mark so glamour's resets do not end it.
func paintLine(line string, who []int32, marks []Mark, curA, curB int, cursorSGR string) string {
	type state struct {
		mark int
		cur  bool
	}
	var b strings.Builder
	b.Grow(len(line) + 64)
	glam := make([]string, 0, 4) // glamour's SGRs since its last reset
	overlay := func(st state) {
		if st.mark >= 0 {
			b.WriteString(marks[st.mark].Style.SGR)
		}
		if st.cur {
			b.WriteString(cursorSGR)
		}
	}
	st := state{mark: -1}
	col := 0
	for i := 0; i < len(line); {
		seq, width, n := nextSeq(line[i:])
		i += n
		if seq[0] == 0x1b {
			b.WriteString(seq)
			if isSGR(seq) {
				if seq == "\x1b[m" || seq == "\x1b[0m" {
					glam = glam[:0]
				} else {
					glam = append(glam, seq)
				}
				overlay(st)
			}
			continue
		}
		if width > 0 {
			want := state{mark: -1, cur: curA >= 0 && col >= curA && col <= curB}
			if col < len(who) {
				want.mark = int(who[col])
			}
			if want != st {
				b.WriteString("\x1b[m")
				for _, g := range glam {
					b.WriteString(g)
				}
				overlay(want)
				st = want
			}
		}
		b.WriteString(seq)
		col += width
	}
	if st.mark >= 0 || st.cur {
		b.WriteString("\x1b[m")
	}
	return b.String()
}

// Match is one occurrence of a search in the displayed text.
type Match struct {
	Line, Col, Width int // first cell and width in cells
	Start, End       int // source offsets (-1 when the match shows no source text)
}

// Find searches the article's text as it reads, not line by line: a
// phrase that wraps onto the next line is found, white space (a line
// break, a non-breaking space) matches white space, and case, straight
// and curly quotes and apostrophes, and dashes fold together (Fold).
// Decoration (bullets, bars, padding) is not text. A match's Line and Col
// are its first cell; Width counts cells on that line; Start and End span
// the whole match in the source.
func (d *Doc) Find(query string) []Match {
	q := foldedRunes(query)
	if len(q) == 0 {
		return nil
	}
	type at struct{ line, col, w, off, end int32 }
	var fs []rune
	var ps []at
	space := true // a run of white space is one space; none leads
	addSpace := func(a at) {
		if !space {
			fs, ps, space = append(fs, ' '), append(ps, a), true
		}
	}
	// A line break, or decoration between texts (a table's bars and
	// padding), reads as a space, unless the text runs on in the source (a
	// long word the renderer cut).
	var lastEnd int32 = -1
	gap := false
	var cells []int32
	for l, t := range d.text {
		cells = d.cells[l].expand(cells)
		col := 0
		for rest := t; len(rest) > 0; {
			g, w, n := nextSeq(rest)
			off := int32(-1)
			if col < len(cells) {
				off = cells[col]
			}
			a := at{int32(l), int32(col), int32(w), off, -1}
			if off >= 0 {
				// The cell's source ends after the marks over its letter
				// too (دّ): a match takes them, though it skips them.
				a.end = d.unitEnd(off)
				for i, r := range g {
					if i > 0 && unicode.Is(unicode.Mn, r) {
						a.end += int32(utf8.RuneLen(r))
					}
				}
			}
			for _, r := range g {
				r, keep := searchFold(r)
				if !keep {
					continue // a mark: "cafe" finds "café", يعد finds يُعدّ
				}
				if off < 0 {
					gap = true // decoration and padding are not text
					continue
				}
				if gap && off != lastEnd {
					addSpace(a)
				}
				gap = false
				if unicode.IsSpace(r) {
					addSpace(a)
				} else {
					fs, ps, space = append(fs, r), append(ps, a), false
				}
				lastEnd = d.unitEnd(off)
			}
			col += w
			rest = rest[n:]
		}
		gap = true
	}
	var out []Match
	for i := 0; i+len(q) <= len(fs); i++ {
		if fs[i] != q[0] || !runesEqual(fs[i:i+len(q)], q) {
			continue
		}
		first, last := ps[i], ps[i+len(q)-1]
		m := Match{Line: int(first.line), Col: int(first.col), Start: -1, End: -1}
		if last.line == first.line {
			m.Width = int(last.col + last.w - first.col)
		} else {
			m.Width = d.cells[first.line].len() - int(first.col)
		}
		for k := i; k < i+len(q); k++ {
			if o := ps[k].off; o >= 0 {
				if m.Start < 0 || int(o) < m.Start {
					m.Start = int(o)
				}
				if e := int(ps[k].end); e > m.End {
					m.End = e
				}
			}
		}
		out = append(out, m)
		i += len(q) - 1
	}
	return out
}

// Fold maps a rune to the form searching compares: lower case, every
// apostrophe and single quote as ', every double quote as ", every dash
// and hyphen as -, and non-breaking spaces as a space. Searches in the
// reader and quotes given to margin highlight fold the same way.
func Fold(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u02bc', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	case '\u00a0', '\u202f', '\u2007':
		return ' '
	}
	return unicode.ToLower(r)
}

// searchFold is Fold for the reader's search, which also ignores accents
// and marks, as full-text search does ("cafe" finds "café", "Friedlander"
// "Friedländer", يعد finds يُعدّ), and reads fullwidth letters as plain
// ones (AI finds ＡＩ); keep is false for a mark, which is skipped.
func searchFold(r rune) (folded rune, keep bool) {
	switch {
	case r < 0xC0:
		return Fold(r), true
	case unicode.Is(unicode.Mn, r):
		return 0, false
	case r >= 0xFF01 && r <= 0xFF5E:
		return Fold(r - 0xFEE0), true
	case r < int32(len(baseLetters())):
		if b := baseLetters()[r]; b != 0 {
			return Fold(b), true
		}
	}
	return Fold(r), true
}

// baseLetters maps each precomposed letter below U+2000 (Latin, Greek,
// Cyrillic, Vietnamese) to its letter without marks, 0 where it has none.
var baseLetters = sync.OnceValue(func() []rune {
	t := make([]rune, 0x2000)
	for r := rune(0xC0); r < 0x2000; r++ {
		d := []rune(unorm.NFD.String(string(r)))
		if len(d) < 2 || d[0] == r {
			continue
		}
		marks := true
		for _, m := range d[1:] {
			marks = marks && unicode.Is(unicode.Mn, m)
		}
		if marks {
			t[r] = d[0]
		}
	}
	return t
})

// foldedRunes is a query folded, its white space runs one space, trimmed.
func foldedRunes(s string) []rune {
	var out []rune
	space := true
	for _, r := range s {
		r, keep := searchFold(r)
		if !keep {
			continue
		}
		if unicode.IsSpace(r) {
			if !space {
				out = append(out, ' ')
				space = true
			}
			continue
		}
		out, space = append(out, r), false
	}
	if len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	return out
}

func runesEqual(a, b []rune) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
