package render

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// BlockKind says what block holds a piece of a quote.
type BlockKind uint8

const (
	BlockText BlockKind = iota // a paragraph, heading or anything else
	BlockItem                  // a list item's text
	BlockCell                  // a table cell
	BlockCode                  // a code block's text, verbatim
)

// QuoteBlock is the part of a quote that lies in one block, with what an export
// needs to write that block again: a passage across a list, a table or
// code quoted as list items, table rows and a code block rather than as
// paragraphs of loose text.
type QuoteBlock struct {
	Text  string // plain text, as QuoteAt's Exact shows it
	Kind  BlockKind
	Group int // pieces of one list, table or code block share it

	// A list item: its depth (1 = a top-level list), its number in an
	// ordered list (0 in a bullet list), and whether the piece is the
	// item's first block (a later paragraph of an item has no marker).
	Depth  int
	Number int
	First  bool

	// A table cell: its row (0 = the header row), column, and how many
	// columns its table has.
	Row, Col, Cols int
}

// QuoteBlocks splits the quote of each source range (as QuoteAt would
// make it) into the blocks it lies in. The pieces' texts, joined by the
// blank lines that part blocks, are the quote's Exact. The Markdown is
// parsed once for all ranges.
func QuoteBlocks(markdown string, ranges [][2]int) [][]QuoteBlock {
	p := parse(markdown)
	groups := map[ast.Node]int{}
	group := func(n ast.Node) int {
		g, ok := groups[n]
		if !ok {
			g = len(groups) + 1
			groups[n] = g
		}
		return g
	}
	out := make([][]QuoteBlock, len(ranges))
	for i, r := range ranges {
		a, b := p.plainRange(r[0], r[1])
		var ps []QuoteBlock
		var last ast.Node
		pa := 0 // plain start of the last piece
		for _, lf := range p.leaves {
			if lf.u0 >= lf.u1 {
				continue
			}
			ls, le := int(p.units.at(lf.u0).ps), int(p.units.at(lf.u1-1).pe)
			if le <= a {
				continue
			}
			if ls >= b {
				break
			}
			s, e := max(ls, a), min(le, b)
			blk := lf.node
			if lf.kind != leafCode {
				blk = blockOf(lf.node)
			}
			if blk != nil && blk == last {
				// The same block: its text runs on, separators and all.
				ps[len(ps)-1].Text = string(p.plain[pa:e])
				continue
			}
			last, pa = blk, s
			ps = append(ps, describe(blk, lf.kind == leafCode, group))
			ps[len(ps)-1].Text = string(p.plain[s:e])
		}
		out[i] = ps
	}
	return out
}

// describe says what kind of block blk is and where it stands in its list
// or table.
func describe(blk ast.Node, code bool, group func(ast.Node) int) QuoteBlock {
	if blk == nil {
		return QuoteBlock{}
	}
	if code {
		return QuoteBlock{Kind: BlockCode, Group: group(blk)}
	}
	if cell, ok := blk.(*east.TableCell); ok {
		pc := QuoteBlock{Kind: BlockCell, Col: index(cell)}
		row := cell.Parent()
		if row != nil && row.Parent() != nil {
			table := row.Parent()
			pc.Group, pc.Row = group(table), index(row)
			if t, ok := table.(*east.Table); ok {
				pc.Cols = len(t.Alignments)
			}
		}
		pc.Cols = max(pc.Cols, pc.Col+1)
		return pc
	}
	item := blk.Parent()
	if item == nil || item.Kind() != ast.KindListItem || blk.Kind() == ast.KindList {
		return QuoteBlock{}
	}
	list, ok := item.Parent().(*ast.List)
	if !ok {
		return QuoteBlock{}
	}
	pc := QuoteBlock{Kind: BlockItem, Group: group(list), First: item.FirstChild() == blk}
	for n := ast.Node(list); n != nil; n = n.Parent() {
		if n.Kind() == ast.KindList {
			pc.Depth++
		}
	}
	if list.IsOrdered() {
		pc.Number = list.Start + index(item)
	}
	return pc
}

// index is n's place among its siblings, from 0.
func index(n ast.Node) int {
	i := 0
	for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
		i++
	}
	return i
}
