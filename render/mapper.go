package render

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// frame returns how many lines glamour puts before the first block and
// after the last one (the document's own margins), for this width and style.
func frame(opt Options, cfg *ansi.StyleConfig) (pre, post int) {
	key := frameKey{opt.Width, cfg}
	frames.Lock()
	f, ok := frames.m[key]
	frames.Unlock()
	if ok {
		return f[0], f[1]
	}
	src := []byte("sentinel")
	pre, post = 1, 1
	ps := parsers.Get().(parser.Parser)
	doc := ps.Parse(text.NewReader(src))
	parsers.Put(ps)
	ar := ansi.NewRenderer(ansi.Options{WordWrap: opt.Width, Styles: *cfg, InlineTableLinks: true})
	r := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(ar, 1000)))
	var buf bytes.Buffer
	if err := r.Render(&buf, src, doc); err == nil {
		lines := strings.Split(buf.String(), "\n")
		for i, l := range lines {
			if strings.Contains(l, "sentinel") {
				pre, post = i, len(lines)-i-1
				break
			}
		}
	}
	frames.Lock()
	frames.m[key] = [2]int{pre, post}
	frames.Unlock()
	return pre, post
}

type frameKey struct {
	width int
	cfg   *ansi.StyleConfig
}

var frames = struct {
	sync.Mutex
	m map[frameKey][2]int
}{m: map[frameKey][2]int{}}

// item is one piece of an output line.
type item struct {
	kind  uint8 // itGlyph, itAnchor, itKeep (SGR/OSC 8), itDrop
	s     string
	width int
	leaf  int
}

const (
	itGlyph = iota
	itAnchor
	itKeep
	itDrop
)

// mapper aligns output lines with the leaves of one chunk.
type mapper struct {
	p      *proj
	l0, l1 int
	pos    []int32 // per leaf (relative to l0): next unit
	sub    []int32 // byte offset inside that unit's text
	seen   []bool
	lineNo int
	col0   []int32 // column where the leaf's text started on its last line
	lineOf []int32
	open   []int // open leaves (absolute), oldest first
	cur    int   // leaf being matched, -1 none
	items  []item
	parser *xansi.Parser
	run    int // the unit run last read (unitTable.near)
}

func newMapper(p *proj, l0, l1 int) *mapper {
	n := l1 - l0
	m := &mapper{p: p, l0: l0, l1: l1, pos: make([]int32, n), sub: make([]int32, n),
		seen: make([]bool, n), col0: make([]int32, n), lineOf: make([]int32, n), cur: -1}
	for k := l0; k < l1; k++ {
		m.pos[k-l0] = p.leaves[k].u0
		m.lineOf[k-l0] = -1
	}
	// Unanchored leaves before the chunk's first anchored leaf are open
	// from the start.
	m.openUnanchored(l0)
	return m
}

// openUnanchored opens the unanchored leaves from k on, up to the next
// anchored one: they print after the preceding anchored leaf.
func (m *mapper) openUnanchored(k int) {
	for ; k < m.l1 && m.p.leaves[k].kind != leafText; k++ {
		if !m.seen[k-m.l0] {
			m.seen[k-m.l0] = true
			m.open = append(m.open, k)
			if m.cur < 0 {
				m.cur = k
			}
		}
	}
}

func (m *mapper) openLeaf(k int) {
	if k < m.l0 || k >= m.l1 || m.seen[k-m.l0] {
		return // repeated anchors (tables render text twice) are ignored
	}
	m.seen[k-m.l0] = true
	m.open = append(m.open, k)
	if len(m.open) > 48 {
		m.open = m.open[len(m.open)-48:]
	}
	m.cur = k
	m.openUnanchored(k + 1)
}

// tokenize splits a line into glyphs, anchors, kept and dropped escapes.
// Anchors are cut out first and glyphs segmented on what remains, since an
// anchor inside a grapheme cluster (a leaf starting with a combining mark)
// would otherwise split a glyph that the displayed line keeps whole.
func (m *mapper) tokenize(line string) []item {
	items := m.items[:0]
	type anchorAt struct{ pos, leaf int }
	var anchors []anchorAt
	if strings.Contains(line, "\x1bA") || strings.Contains(line, "\x1ba") {
		b := make([]byte, 0, len(line))
		for i := 0; i < len(line); {
			if line[i] == 0x1b && i+1 < len(line) && (line[i+1] == 'A' || line[i+1] == 'a') {
				k, j := 0, i+2
				for j+1 < len(line) && line[j] == 0x1b && line[j+1] >= '0' && line[j+1] <= '9' {
					k = k*10 + int(line[j+1]-'0')
					j += 2
				}
				if j > i+2 {
					anchors = append(anchors, anchorAt{len(b), k})
				}
				i = j
				continue
			}
			b = append(b, line[i])
			i++
		}
		line = string(b)
	}
	next := 0
	for i := 0; i < len(line); {
		seq, width, n := nextSeq(line[i:])
		for next < len(anchors) && anchors[next].pos < i+n {
			items = append(items, item{kind: itAnchor, leaf: anchors[next].leaf})
			next++
		}
		i += n
		c := seq[0]
		switch {
		case c == 0x1b:
			if isSGR(seq) || osc8(seq) {
				items = append(items, item{kind: itKeep, s: seq})
			}
		case c == '\t':
			items = append(items, item{kind: itGlyph, s: " ", width: 1})
		case c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xc0):
			// controls and stray bytes are dropped
		default:
			r, _ := utf8.DecodeRuneInString(seq)
			if r == utf8.RuneError && len(seq) == 1 || unicode.IsControl(r) || !utf8.ValidString(seq) {
				continue
			}
			items = append(items, item{kind: itGlyph, s: seq, width: width})
		}
	}
	for ; next < len(anchors); next++ {
		items = append(items, item{kind: itAnchor, leaf: anchors[next].leaf})
	}
	m.items = items
	return items
}

// nextSeq returns the escape sequence or glyph at the start of s, its width
// and length. It segments as ansi.StringWidth does (lipgloss pads by it):
// DecodeSequence alone never joins an ASCII letter with a following
// combining mark.
func nextSeq(s string) (seq string, width, n int) {
	seq, width, n, _ = xansi.DecodeSequence(s, xansi.NormalState, nil)
	if n <= 0 {
		return s[:1], 0, 1
	}
	if n == 1 && s[0] >= 0x20 && s[0] < 0x7f && len(s) > 1 && s[1] >= 0x80 {
		if g, w := xansi.FirstGraphemeCluster(s, xansi.GraphemeWidth); len(g) > 1 {
			return g, w, len(g)
		}
	}
	return seq, width, n
}

func isSepGlyph(s string) bool { return s == " " || s == "\u00a0" }

// isSpaceText reports whether a unit is white space a wrap may swallow or
// a glyph may stand for (a no-break space included).
func isSpaceText(t []byte) bool {
	return len(t) == 1 && (t[0] == ' ' || t[0] == '\t' || t[0] == '\n') || string(t) == "\u00a0"
}

func foldEq(a, b rune) bool {
	return a == b || unicode.ToLower(a) == unicode.ToLower(b) || unicode.ToUpper(a) == unicode.ToUpper(b)
}

// try matches glyph g against leaf k from its current position without
// committing; it returns the new position and the offset of the first unit.
func (m *mapper) try(k int, g string, skipSpace bool) (pos, sub, off int32, ok bool) {
	lf := &m.p.leaves[k]
	pos, sub = m.pos[k-m.l0], m.sub[k-m.l0]
	units, plain := &m.p.units, m.p.plain
	if skipSpace && g != "" && g[0] != ' ' {
		for sub == 0 && pos < lf.u1 {
			if u := units.near(pos, &m.run); !isSpaceText(plain[u.ps:u.pe]) {
				break
			}
			pos++
		}
	}
	if pos >= lf.u1 {
		return 0, 0, 0, false
	}
	off = units.near(pos, &m.run).off
	for gi := 0; gi < len(g); {
		if pos >= lf.u1 {
			return 0, 0, 0, false
		}
		u := units.near(pos, &m.run)
		t := plain[u.ps+sub : u.pe]
		rg, ng := utf8.DecodeRuneInString(g[gi:])
		rt, nt := utf8.DecodeRune(t)
		if !foldEq(rg, rt) {
			return 0, 0, 0, false
		}
		gi += ng
		sub += int32(nt)
		if u.ps+sub >= u.pe {
			pos++
			sub = 0
		}
	}
	return pos, sub, off, true
}

// wordMatch reports whether leaf k continues with the word that starts at
// items[i]: every glyph up to the next separator or anchor matches, or the
// leaf ends after at least one glyph.
func (m *mapper) wordMatch(k int, items []item, i int) bool {
	saveP, saveS := m.pos[k-m.l0], m.sub[k-m.l0]
	defer func() { m.pos[k-m.l0], m.sub[k-m.l0] = saveP, saveS }()
	matched := 0
	lf := &m.p.leaves[k]
	for ; i < len(items); i++ {
		it := &items[i]
		if it.kind == itAnchor {
			break
		}
		if it.kind != itGlyph {
			continue
		}
		if isSepGlyph(it.s) {
			break
		}
		if m.pos[k-m.l0] >= lf.u1 {
			break
		}
		pos, sub, _, ok := m.try(k, it.s, matched == 0)
		if !ok {
			if it.width == 0 {
				continue
			}
			return false
		}
		m.pos[k-m.l0], m.sub[k-m.l0] = pos, sub
		matched++
	}
	return matched > 0
}

func (m *mapper) exhausted(k int) bool {
	lf := &m.p.leaves[k]
	pos := m.pos[k-m.l0]
	for ; pos < lf.u1; pos++ {
		u := m.p.units.near(pos, &m.run)
		if !isSpaceText(m.p.plain[u.ps:u.pe]) {
			return false
		}
	}
	return true
}

// line maps one output line: it returns the sanitised styled line, its
// plain text and the source offset of each cell.
func (m *mapper) mapLine(line string) (string, string, []int32) {
	items := m.tokenize(line)
	var styled, plain strings.Builder
	styled.Grow(len(line))
	cells := make([]int32, 0, 96)
	var pending []int // cells holding tentatively mapped spaces
	wordStart, textSeen := true, false
	col := int32(0)
	for i := range items {
		it := &items[i]
		switch it.kind {
		case itAnchor:
			if it.leaf >= 0 {
				m.openLeaf(it.leaf)
			}
			wordStart = true
			continue
		case itKeep:
			styled.WriteString(it.s)
			continue
		case itDrop:
			continue
		}
		styled.WriteString(it.s)
		plain.WriteString(it.s)
		off := int32(-1)
		if isSepGlyph(it.s) {
			wordStart = true
			// Spaces before the line's first text are margins or indents,
			// never the source space a wrap swallowed.
			if m.cur >= 0 && textSeen {
				if pos, sub, o, ok := m.try(m.cur, it.s, false); ok {
					m.pos[m.cur-m.l0], m.sub[m.cur-m.l0] = pos, sub
					off = o
					pending = append(pending, len(cells))
				}
			}
		} else {
			if wordStart {
				wordStart = false
				m.choose(items, i, col)
			}
			if m.cur >= 0 {
				if pos, sub, o, ok := m.try(m.cur, it.s, true); ok {
					k := m.cur - m.l0
					if m.lineOf[k] != int32(m.lineNo) {
						m.lineOf[k] = int32(m.lineNo)
						m.col0[k] = col
					}
					m.pos[k], m.sub[k] = pos, sub
					off = o
				}
			}
			if it.width > 0 {
				if off >= 0 {
					textSeen = true
					pending = pending[:0]
				} else {
					for _, c := range pending {
						cells[c] = -1
					}
					pending = pending[:0]
				}
			}
		}
		for w := 0; w < it.width; w++ {
			cells = append(cells, off)
		}
		col += int32(it.width)
	}
	for _, c := range pending {
		cells[c] = -1
	}
	// Drop exhausted leaves from the open set.
	j := 0
	for _, k := range m.open {
		if !m.exhausted(k) {
			m.open[j] = k
			j++
		}
	}
	m.open = m.open[:j]
	m.lineNo++
	return styled.String(), plain.String(), cells
}

// choose picks the leaf for the word starting at items[i]: the current leaf
// if it continues with the word, else the open leaf that does and whose
// text started nearest this column on its previous line (this untangles
// wrapped table cells), the most recently opened on a tie.
func (m *mapper) choose(items []item, i int, col int32) {
	if m.cur >= 0 && m.wordMatch(m.cur, items, i) {
		return
	}
	// Resynchronise within the current leaf when glamour skipped or
	// merged a few of its units.
	if m.cur >= 0 {
		k := m.cur - m.l0
		lf := &m.p.leaves[m.cur]
		saveP, saveS := m.pos[k], m.sub[k]
		for skip := 1; skip <= 3 && saveP+int32(skip) < lf.u1; skip++ {
			m.pos[k], m.sub[k] = saveP+int32(skip), 0
			if m.wordMatch(m.cur, items, i) {
				return
			}
		}
		m.pos[k], m.sub[k] = saveP, saveS
	}
	best, bestD := -1, int32(1<<30)
	for j := len(m.open) - 1; j >= 0; j-- {
		k := m.open[j]
		if k == m.cur || !m.wordMatch(k, items, i) {
			continue
		}
		d := col - m.col0[k-m.l0]
		if d < 0 {
			d = -d
		}
		if m.lineOf[k-m.l0] < 0 {
			d = 1 << 20
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best >= 0 {
		m.cur = best
		return
	}
	// An autolink written www.example.com prints as http://www.example.com:
	// accept an autolink that matches once a short prefix is skipped (the
	// skipped glyphs then stay decoration).
	for j := len(m.open) - 1; j >= 0; j-- {
		k := m.open[j]
		if m.p.leaves[k].kind != leafAuto {
			continue
		}
		for skip, g := i+1, 0; skip < len(items) && g < 8; skip++ {
			if items[skip].kind == itAnchor || items[skip].kind == itGlyph && isSepGlyph(items[skip].s) {
				break
			}
			if items[skip].kind != itGlyph {
				continue
			}
			g++
			if m.wordMatch(k, items, skip) {
				m.cur = k
				return
			}
		}
	}
}
