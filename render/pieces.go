package render

import "charm.land/glamour/v2/ansi"

// pieceBytes is the size of the slices a long article is rendered in
// (renderPieces): glamour's garbage for a slice is several times its size,
// and 96 KB slices took the 200,000-word reader's peak from 97 to 89 MB
// against 256 KB ones, at no cost in time. A variable so tests can cut
// small articles.
var pieceBytes = 96 << 10

// renderPieces renders a long article as slices of its Markdown cut where
// a top-level block must start (as renderSlice cuts a window), each parsed
// and rendered on its own and joined: each slice renders as its blocks do
// in the whole, and only the slices being rendered hold a syntax tree and
// a unit table, not the whole article's (at 200,000 words the whole's were
// 30 MB held through the rendering, beside the reader's own Text). The
// slices are parsed in order, numbering their links on from the last, and
// rendered as many at once as there are processors. ok is false when the
// article cannot be cut safely or is one slice.
func renderPieces(markdown string, opt Options, cfg *ansi.StyleConfig) (d *Doc, ok bool, err error) {
	if len(markdown) < 2*pieceBytes || !cuttable(markdown) {
		return nil, false, nil
	}
	cuts := []int{0}
	eachCut(markdown, func(c int) bool {
		if c-cuts[len(cuts)-1] >= pieceBytes {
			cuts = append(cuts, c)
		}
		return true
	})
	if len(markdown)-cuts[len(cuts)-1] < pieceBytes/4 && len(cuts) > 1 {
		cuts = cuts[:len(cuts)-1] // no short last slice
	}
	cuts = append(cuts, len(markdown))
	n := len(cuts) - 1
	if n < 2 {
		return nil, false, nil
	}
	warmChroma(opt, cfg)
	cs := make([]*chunk, n)
	wide := make([][2][]int32, n)
	errs := make([]error, n)
	empty := false
	ps := make([]*proj, n)
	links := 0 // slices are parsed in order: each numbers its links on
	inOrder(n, func(i int) bool {
		a, b := cuts[i], cuts[i+1]
		p := parse(markdown[a:b])
		p.notFirst = a > 0
		p.linkBase = links
		if !opt.InlineLinks {
			links += p.referenceLinks()
			p.readerMarks(opt.Width)
		}
		empty = len(p.tops) == 0
		ps[i] = p
		return !empty
	}, func(i int) {
		p := ps[i]
		ps[i] = nil // only the slices being rendered hold a tree
		c, err := p.renderChunk(opt, cfg, 0, len(p.tops))
		if err != nil {
			errs[i] = err
			return
		}
		a := int32(cuts[i])
		for _, r := range c.cells {
			r.shift(a)
		}
		wo, we := wideUnits(p.units)
		for k := range wo {
			wo[k] += a
			we[k] += a
		}
		cs[i], wide[i] = c, [2][]int32{wo, we}
	})
	if empty {
		return nil, false, nil
	}
	var wo, we []int32
	for i := range n {
		if errs[i] != nil {
			return nil, true, errs[i]
		}
		wo, we = append(wo, wide[i][0]...), append(we, wide[i][1]...)
	}
	return assemble(cs, true, true, wo, we), true, nil
}
