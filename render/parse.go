package render

import (
	"strings"
	"sync"
	"unicode/utf8"

	"margin/internal/mdsyntax"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parsers hands out goldmark parsers configured as glamour's
// NewTermRenderer configures its own (GFM, definition lists, auto heading
// ids), so our AST is the one glamour renders; but for the addresses GFM
// links in running text (mdsyntax.URL: without the punctuation after
// them).
var parsers = sync.Pool{New: func() any {
	linkify := extension.NewLinkify(extension.WithLinkifyURLRegexp(mdsyntax.URL), extension.WithLinkifyWWWRegexp(mdsyntax.WWW))
	return goldmark.New(
		goldmark.WithExtensions(linkify, extension.Table, extension.Strikethrough, extension.TaskList, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	).Parser()
}}

// unit is one source unit of a text leaf: a rune, an entity or a backslash
// escape. Source offsets are the caller's (original) offsets; ps/pe index
// the plain projection.
type unit struct {
	off, end int32
	ps, pe   int32
}

type leafKind uint8

const (
	leafText leafKind = iota
	leafCode          // fenced or indented code block: verbatim, unanchored
	leafAuto          // autolink: printed as its URL, unanchored
)

// leaf is a run of units rendered as one piece of text.
type leaf struct {
	u0, u1 int32 // units [u0,u1)
	kind   leafKind
	node   ast.Node
	top    int32 // index of the top-level block holding it
}

// proj is a parsed document: its AST, its text leaves and the plain-text
// projection used for quotes, motions and search.
type proj struct {
	src    string
	clean  []byte
	tr     *translator
	doc    ast.Node
	tops   []ast.Node
	plain  []byte
	seps   int // how many separator bytes end plain
	units  unitTable
	leaves []leaf
	// topLeaf[i] = first leaf of top-level block i; topLeaf[len(tops)] = len(leaves).
	topLeaf []int32
	// blockStarts lists the plain offsets where a block's text starts.
	blockStarts []int32

	refs []linkRef // links' reference numbers, for rendering (referenceLinks)
	// A slice of a longer article (renderSlice): how many links come before
	// it, and whether its first block follows others.
	linkBase int
	notFirst bool

	sentOnce sync.Once
	sents    []int // sentence starts (plain indices), built on demand
}

// Text is an article's Markdown parsed once for everything that reads its
// text rather than drawing it: quotes and re-anchoring, words, sentences,
// paragraphs, headings and links, all in source offsets. Whoever holds the
// Markdown holds its Text (the reader builds it with the rendering, off
// the event loop); it is read-only and safe for concurrent use. There is
// no package-level cache.
type Text struct {
	p        *proj
	headings []Heading
	links    []Link
}

// Parse parses an article's Markdown into a Text. Its headings and links
// are listed at once, and the syntax tree, which nothing else of a Text
// reads, is let go: two thirds of what a Text held.
func Parse(markdown string) *Text {
	p := parse(markdown)
	t := &Text{p: p, headings: p.headings()}
	t.links, _ = p.links()
	p.doc, p.tops, p.clean = nil, nil, nil
	for i := range p.leaves {
		p.leaves[i].node = nil
	}
	return t
}

// Markdown is the source the Text was parsed from.
func (t *Text) Markdown() string { return t.p.src }

// parse builds a fresh projection whose AST the caller may mutate.
func parse(markdown string) *proj {
	clean, tr := cleanInput(markdown)
	ps := parsers.Get().(parser.Parser)
	doc := ps.Parse(text.NewReader(clean))
	parsers.Put(ps)
	flattenDeep(doc, 0)
	p := &proj{src: markdown, clean: clean, tr: tr, doc: doc}
	p.plain = make([]byte, 0, len(clean))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p.tops = append(p.tops, n)
	}
	lastBlock := ast.Node(nil)
	for i, top := range p.tops {
		p.topLeaf = append(p.topLeaf, int32(len(p.leaves)))
		_ = ast.Walk(top, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *ast.Text:
				blk := blockOf(n)
				p.sep(blk, &lastBlock)
				p.addText(n, i, inCodeSpan(n), ancestor(n, ast.KindImage) != nil)
				if n.HardLineBreak() {
					p.addSep("\n")
				} else if n.SoftLineBreak() {
					p.addSep(" ")
				}
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				p.sep(n, &lastBlock)
				p.addCode(n, i)
				return ast.WalkSkipChildren, nil
			case *ast.AutoLink:
				p.sep(blockOf(n), &lastBlock)
				p.addAuto(n, i)
				return ast.WalkSkipChildren, nil
			case *ast.HTMLBlock, *ast.RawHTML:
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	p.topLeaf = append(p.topLeaf, int32(len(p.leaves)))
	return p
}

// maxNesting caps how deeply quotes and lists nest. glamour's time grows
// steeply with depth (80 nested quotes took 97 s at width 80), so deeper
// containers are unwrapped: their text stays, their indentation goes.
const maxNesting = 6

func isContainer(n ast.Node) bool {
	k := n.Kind()
	return k == ast.KindBlockquote || k == ast.KindList
}

// flattenDeep unwraps quotes and lists nested deeper than maxNesting,
// moving their blocks up into the parent.
func flattenDeep(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; {
		d := depth
		if isContainer(c) {
			d++
		}
		if d <= maxNesting {
			flattenDeep(c, d)
			c = c.NextSibling()
			continue
		}
		var kids []ast.Node
		if c.Kind() == ast.KindList {
			for li := c.FirstChild(); li != nil; li = li.NextSibling() {
				for k := li.FirstChild(); k != nil; k = k.NextSibling() {
					kids = append(kids, k)
				}
			}
		} else {
			for k := c.FirstChild(); k != nil; k = k.NextSibling() {
				kids = append(kids, k)
			}
		}
		for i, k := range kids {
			if k.Kind() == ast.KindTextBlock {
				// A tight list item's text block becomes a paragraph.
				para := ast.NewParagraph()
				para.SetLines(k.Lines())
				for t := k.FirstChild(); t != nil; {
					next := t.NextSibling()
					para.AppendChild(para, t)
					t = next
				}
				kids[i] = para
			}
			n.InsertBefore(n, c, kids[i])
		}
		next := c.NextSibling()
		n.RemoveChild(n, c)
		if len(kids) > 0 {
			c = kids[0]
		} else {
			c = next
		}
	}
}

// blockOf returns the nearest block ancestor of an inline node.
func blockOf(n ast.Node) ast.Node {
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock {
			return b
		}
	}
	return nil
}

func inCodeSpan(n ast.Node) bool {
	for b := n.Parent(); b != nil; b = b.Parent() {
		switch b.Kind() {
		case ast.KindCodeSpan:
			return true
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock, east.KindTableCell:
			return false
		}
	}
	return false
}

// sep separates blocks in the plain projection with a blank line.
func (p *proj) sep(blk ast.Node, last *ast.Node) {
	if blk == *last {
		return
	}
	*last = blk
	if len(p.plain) > 0 {
		p.addSep("\n\n")
	}
	p.blockStarts = append(p.blockStarts, int32(len(p.plain)))
}

func (p *proj) addSep(s string) {
	if len(p.plain) == 0 {
		return
	}
	// Collapse separators: a soft break followed by a block break is one break.
	for p.seps > 0 && len(s) > 0 && (s[0] == '\n') {
		last := p.plain[len(p.plain)-1]
		if last != ' ' && last != '\n' {
			break
		}
		p.plain = p.plain[:len(p.plain)-1]
		p.seps--
	}
	for i := 0; i < len(s); i++ {
		p.plain = append(p.plain, s[i])
		p.seps++
	}
}

// addUnit appends a unit whose clean source range is [cs,ce) and whose
// displayed text is t.
func (p *proj) addUnit(cs, ce int, t string) {
	u := unit{
		off: int32(p.tr.orig(cs)), end: int32(p.tr.orig(ce)),
		ps: int32(len(p.plain)), pe: int32(len(p.plain) + len(t)),
	}
	p.units.add(u)
	p.plain = append(p.plain, t...)
	p.seps = 0
}

// escapable lists what glamour's renderer unescapes after a backslash.
const escapable = "\\`*_{}[]<>()#+-.!|"

// addText adds a text leaf. Code spans keep backslashes; image alt text is
// printed without decoding entities (as glamour does).
func (p *proj) addText(n *ast.Text, top int, code, raw bool) {
	s, e := n.Segment.Start, n.Segment.Stop
	u0 := p.units.len()
	src := p.clean
	for i := s; i < e; {
		c := src[i]
		if c == '\\' && !code && i+1 < e && strings.IndexByte(escapable, src[i+1]) >= 0 {
			p.addUnit(i, i+2, string(src[i+1]))
			i += 2
			continue
		}
		if c == '&' && !raw {
			if k, dec, _ := entityAt(string(src[i:e]), 0, e-i); k > 0 {
				p.addUnit(i, i+k, dec)
				i += k
				continue
			}
		}
		if c == '\t' {
			p.addUnit(i, i+1, " ")
			i++
			continue
		}
		_, sz := utf8.DecodeRune(src[i:e])
		p.addUnit(i, i+sz, string(src[i:i+sz]))
		i += sz
	}
	if p.units.len() > u0 {
		p.leaves = append(p.leaves, leaf{u0: int32(u0), u1: int32(p.units.len()), kind: leafText, node: n, top: int32(top)})
	}
}

func (p *proj) addCode(n ast.Node, top int) {
	u0, seps0 := p.units.len(), p.seps
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for k := 0; k < seg.Padding; k++ {
			p.addUnit(seg.Start, seg.Start, " ")
		}
		for j := seg.Start; j < seg.Stop; {
			c := p.clean[j]
			if c == '\t' || c == '\n' {
				p.addUnit(j, j+1, string(c))
				j++
				continue
			}
			// margin writes < and & in code as references; the reader
			// shows the characters (prepare writes them for glamour).
			if k, dec := codeRef(p.clean, j, seg.Stop); k > 0 {
				p.addUnit(j, j+k, dec)
				j += k
				continue
			}
			_, sz := utf8.DecodeRune(p.clean[j:seg.Stop])
			p.addUnit(j, j+sz, string(p.clean[j:j+sz]))
			j += sz
		}
	}
	// Trailing newlines of the block are not text.
	for p.units.len() > u0 {
		u := p.units.at(int32(p.units.len() - 1))
		if t := p.plain[u.ps:u.pe]; len(t) == 1 && t[0] == '\n' {
			p.units.pop()
			p.plain = p.plain[:u.ps]
			continue
		}
		break
	}
	if p.units.len() > u0 {
		p.leaves = append(p.leaves, leaf{u0: int32(u0), u1: int32(p.units.len()), kind: leafCode, node: n, top: int32(top)})
	} else {
		p.seps = seps0 // an empty block: plain ends as it did
	}
}

// codeRef is the character reference at src[i] inside a code block's
// line ending at lim: its length and the text it stands for, or 0. The
// source is clean by now: no reference decodes to a control character.
func codeRef(src []byte, i, lim int) (int, string) {
	if src[i] != '&' {
		return 0, ""
	}
	k, dec, _ := entityAt(string(src[i:min(lim, i+40)]), 0, min(lim, i+40)-i)
	return k, dec
}

func (p *proj) addAuto(n *ast.AutoLink, top int) {
	label := n.Label(p.clean)
	if len(label) == 0 || cap(label) > cap(p.clean) {
		return
	}
	// The label aliases the source buffer (goldmark keeps its segment
	// unexported), so its capacity tells where it starts.
	start := cap(p.clean) - cap(label)
	if start < 0 || start+len(label) > len(p.clean) || string(p.clean[start:start+len(label)]) != string(label) {
		return
	}
	u0 := p.units.len()
	for j := start; j < start+len(label); {
		_, sz := utf8.DecodeRune(p.clean[j : start+len(label)])
		p.addUnit(j, j+sz, string(p.clean[j:j+sz]))
		j += sz
	}
	p.leaves = append(p.leaves, leaf{u0: int32(u0), u1: int32(p.units.len()), kind: leafAuto, node: n, top: int32(top)})
}

// text returns the plain text of units [u0,u1).
func (p *proj) textOf(u0, u1 int32) string {
	if u0 >= u1 {
		return ""
	}
	return string(p.plain[p.units.at(u0).ps:p.units.at(u1-1).pe])
}
