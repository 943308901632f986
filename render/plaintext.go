package render

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// PlainText is an article's text in the one plain form margin documents
// for other tools: what `margin show ID --text` prints and what the W3C
// JSON export's TextPositionSelector counts. It is the text as displayed:
// the text of each block (heading, paragraph, list item, table cell, quote,
// code block) in reading order, consecutive blocks separated by a single
// newline; a soft line break is a space and a hard one a newline; escapes
// and entities decoded; link and image text kept without their targets;
// raw HTML left out. Code blocks keep their own lines, with character
// references decoded as the reader shows them.
type PlainText struct {
	Text string
	p    *proj
	at   []int32 // index in p.plain -> index in Text (len(p.plain)+1 entries)
}

// NewPlainText builds the plain form of markdown.
func NewPlainText(markdown string) *PlainText {
	p := parse(markdown)
	t := &PlainText{p: p, at: make([]int32, len(p.plain)+1)}
	out := make([]byte, 0, len(p.plain))
	for i := 0; i < len(p.plain); i++ {
		t.at[i] = int32(len(out))
		// A block break ("\n\n", a separator) is one newline.
		if p.plain[i] == '\n' && i+1 < len(p.plain) && p.plain[i+1] == '\n' && p.unitOf(i) < 0 && p.unitOf(i+1) < 0 {
			continue
		}
		out = append(out, p.plain[i])
	}
	t.at[len(p.plain)] = int32(len(out))
	t.Text = string(out)
	return t
}

// Span returns the byte range of Text that shows the source range
// [start,end) of the Markdown; ok is false when the range shows no text.
func (t *PlainText) Span(start, end int) (a, b int, ok bool) {
	p := t.p
	if start < 0 || end <= start {
		return 0, 0, false
	}
	i := p.plainAt(start)
	j := i
	for j < len(p.plain) && (p.unitOf(j) < 0 || int(p.units.at(p.unitOf(j)).off) < end) {
		j++
	}
	for j > i && p.unitOf(j-1) < 0 {
		j--
	}
	if i >= j {
		return 0, 0, false
	}
	return int(t.at[i]), int(t.at[j]), true
}

// VerbatimRanges returns the source byte ranges of what markdown shows
// verbatim: the content of fenced and indented code blocks, whole code spans
// (backticks included) and autolinks, in order. A backslash written there
// would show (or change a URL), so no escape may be written there.
func VerbatimRanges(markdown string) [][2]int {
	return parse(markdown).verbatim()
}

// MarkPlan is MarkSpans and VerbatimRanges of one document, parsed once.
func MarkPlan(markdown string, rs [][2]int) (marks, verbatim [][2]int) {
	p := parse(markdown)
	return p.markSpans(rs), p.verbatim()
}

func (p *proj) verbatim() [][2]int {
	var out [][2]int
	for _, lf := range p.leaves {
		if lf.u0 >= lf.u1 {
			continue
		}
		s, e := int(p.units.at(lf.u0).off), int(p.units.at(lf.u1-1).end)
		switch {
		case lf.kind == leafCode:
			out = append(out, [2]int{s, e})
		case lf.kind == leafAuto:
			if s > 0 && p.src[s-1] == '<' && e < len(p.src) && p.src[e] == '>' {
				s, e = s-1, e+1
			}
			out = append(out, [2]int{s, e})
		case lf.kind == leafText && inCodeSpan(lf.node):
			s, e = codeSpanEdges(p.src, s, e)
			if n := len(out); n > 0 && out[n-1][1] >= s {
				out[n-1][1] = max(out[n-1][1], e)
				continue
			}
			out = append(out, [2]int{s, e})
		}
	}
	return out
}

// codeSpanEdges widens [s,e), text inside a code span, over the span's
// padding spaces and backticks.
func codeSpanEdges(src string, s, e int) (int, int) {
	for s > 0 && src[s-1] == ' ' {
		s--
	}
	for s > 0 && src[s-1] == '`' {
		s--
	}
	for e < len(src) && src[e] == ' ' {
		e++
	}
	for e < len(src) && src[e] == '`' {
		e++
	}
	return s, e
}

// MarkSpans splits the source ranges rs (sorted, not overlapping) into the
// pieces that a pair of marks such as Obsidian's ==…== can wrap without
// crossing Markdown syntax: each piece lies within one line of one block
// and within one inline context (plain text, one link's text, one
// emphasis, one strikethrough), trimmed of surrounding spaces. A code span
// touched by a range is taken whole (marks inside it would show
// literally); code blocks, autolinks and image text are never marked.
func MarkSpans(markdown string, rs [][2]int) [][2]int {
	return parse(markdown).markSpans(rs)
}

func (p *proj) markSpans(rs [][2]int) [][2]int {
	var out [][2]int
	type group struct {
		s, e int
		key  ast.Node
		last int32 // index of the group's last unit
		code bool
	}
	var g *group
	flush := func() {
		if g == nil {
			return
		}
		s, e := g.s, g.e
		if g.code {
			s, e = codeSpanEdges(p.src, s, e)
		}
		for s < e && (p.src[s] == ' ' || p.src[s] == '\t') {
			s++
		}
		for e > s && (p.src[e-1] == ' ' || p.src[e-1] == '\t') {
			e--
		}
		if s < e && (len(out) == 0 || out[len(out)-1][1] <= s) {
			out = append(out, [2]int{s, e})
		}
		g = nil
	}
	ri := 0
	for _, lf := range p.leaves {
		if lf.kind != leafText || ancestor(lf.node, ast.KindImage) != nil {
			flush()
			continue
		}
		key, code := markContext(lf.node)
		for u := lf.u0; u < lf.u1; u++ {
			un := p.units.at(u)
			for ri < len(rs) && rs[ri][1] <= int(un.off) {
				ri++
				flush()
			}
			if ri >= len(rs) {
				break
			}
			if int(un.end) <= rs[ri][0] || int(un.off) >= rs[ri][1] {
				flush()
				continue
			}
			if g != nil && (g.key != key || g.last != u-1 || hasNewline(p.src[g.e:un.off])) {
				flush()
			}
			if g == nil {
				g = &group{s: int(un.off), key: key, code: code}
			}
			g.e, g.last = int(un.end), u
			if code {
				// A code span is marked whole or not at all.
				g.s, g.e, g.last = min(g.s, int(p.units.at(lf.u0).off)), int(p.units.at(lf.u1-1).end), lf.u1-1
				break
			}
		}
		if ri >= len(rs) {
			break
		}
	}
	flush()
	return out
}

func hasNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}

// markContext is the innermost inline element holding n that a mark must
// not cross (link, emphasis, strikethrough, code span), else n's block.
func markContext(n ast.Node) (ast.Node, bool) {
	for c := n.Parent(); c != nil; c = c.Parent() {
		switch c.Kind() {
		case ast.KindCodeSpan:
			return c, true
		case ast.KindLink, ast.KindEmphasis, east.KindStrikethrough:
			return c, false
		}
		if c.Type() == ast.TypeBlock {
			return c, false
		}
	}
	return nil, false
}
