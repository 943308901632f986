// Package render turns an article's Markdown into terminal lines with
// glamour and keeps a map between screen cells and Markdown source offsets,
// so highlights can be painted and a cursor turned into a source range.
//
// How: every text leaf of the goldmark AST gets an invisible two-byte-escape
// anchor in front of it, glamour renders, and each output line is aligned
// locally against the open leaves (see ../shared/docs/highlighting.md).
// The anchors are stripped and every escape except SGR and OSC 8 hyperlinks
// to http, https and mailto is removed.
package render

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options choose how a document is rendered.
type Options struct {
	Width int    // wrap width in cells
	Style string // "dark" or "light"
	// InlineLinks prints each link's address after its text, as glamour
	// does. Without it a link shows as its styled text alone (the address
	// is in the links list): long-form text reads without the noise.
	InlineLinks bool
	// Links, when given, are the article's links (Text.Links of the same
	// Markdown): RenderAt numbers a slice's links from them instead of
	// counting the links before the slice.
	Links []Link
}

// parseFor parses markdown for rendering with opt: a fresh projection, its
// links shown as references unless addresses are asked for.
func parseFor(markdown string, opt Options) *proj {
	p := parse(markdown)
	if !opt.InlineLinks {
		p.referenceLinks()
		p.readerMarks(opt.Width)
	}
	return p
}

// readerMarks are what the reader's rendering adds to glamour's: a long
// table header wrapped, a bare picture labelled. With InlineLinks the
// rendering is glamour's own, byte for byte.
func (p *proj) readerMarks(width int) {
	p.wrapLongHeaders(width)
	p.labelBareImages()
}

// labelBareImages gives a picture without alternative text its file's
// name as its label ("Image: harbour-dawn.jpg → https://..."): glamour
// printed its address alone, a line of URL in the middle of the text with
// nothing to say it was a picture. The label is decoration, as a link's
// reference number is: the cell map leaves it unmapped.
func (p *proj) labelBareImages() {
	for i, top := range p.tops {
		_ = ast.Walk(top, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			img, ok := n.(*ast.Image)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			if strings.TrimSpace(string(img.Text(p.clean))) == "" { //nolint:staticcheck // the alt text's plain words
				label := ast.NewText()
				img.AppendChild(img, label)
				p.refs = append(p.refs, linkRef{node: label, label: imageName(string(img.Destination)), top: i})
			}
			return ast.WalkSkipChildren, nil
		})
	}
}

// imageName is the file name a picture's web address ends with, without
// its query ("harbour-dawn.jpg"); "picture" when it names no picture file
// (a site's root, a data: address, an image server's id such as
// "BFHCvtF8EeO0LCIACh-JyA", a script's "avw.php").
func imageName(dest string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "" {
		return "picture"
	}
	name := path.Base(u.Path)
	if !pictureExts[strings.ToLower(path.Ext(name))] {
		return "picture"
	}
	return name
}

// pictureExts are the extensions of picture files.
var pictureExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".avif": true,
	".svg": true, ".bmp": true, ".tif": true, ".tiff": true, ".heic": true, ".jxl": true, ".ico": true}

// wrapLongHeaders makes a table whose header would not fit its columns
// print that header as its first row, in bold (every path that renders
// for the reader does it, so a slice and the whole agree): lipgloss cuts
// a header to one line ("Pricing tier for the mon…"), so the words a
// column is about were lost from the screen, where a row's cells wrap. A
// table whose headers fit keeps its header and the rule under it.
func (p *proj) wrapLongHeaders(width int) {
	_ = ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*east.Table)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		head, ok := t.FirstChild().(*east.TableHeader)
		if !ok || head.ChildCount() == 0 {
			return ast.WalkSkipChildren, nil
		}
		// Each column's share of the width, less its bar and margins.
		col := max(1, width/head.ChildCount()-3)
		long := false
		for c := head.FirstChild(); c != nil; c = c.NextSibling() {
			long = long || xansi.StringWidth(string(c.Text(p.clean))) > col //nolint:staticcheck // the cell's plain text
		}
		if !long {
			return ast.WalkSkipChildren, nil
		}
		row := east.NewTableRow(head.Alignments)
		for c := head.FirstChild(); c != nil; {
			next := c.NextSibling()
			bold := ast.NewEmphasis(2)
			for k := c.FirstChild(); k != nil; {
				kn := k.NextSibling()
				bold.AppendChild(bold, k)
				k = kn
			}
			c.AppendChild(c, bold)
			row.AppendChild(row, c)
			c = next
		}
		t.ReplaceChild(t, head, row)
		return ast.WalkSkipChildren, nil
	})
}

// referenceLinks makes glamour print each link as its text followed by a
// small reference number, the link's number in the links list (Links),
// instead of the address: an address that is only a fragment is not
// printed (nor hyperlinked) by glamour, and the number is decoration the
// cell map leaves unmapped, so motions, quotes and search skip it.
// Autolinks, whose text is the address, and images are left as they are.
// It returns how many links it numbered.
func (p *proj) referenceLinks() int {
	_, nodes := p.links()
	base := p.linkBase
	tops := make(map[ast.Node]int, len(p.tops))
	for i, t := range p.tops {
		tops[t] = i
	}
	for i, n := range nodes {
		if n == nil {
			continue
		}
		// Its text is written into the chunk's source buffer by prepare.
		ref := ast.NewText()
		n.Parent().InsertAfter(n.Parent(), n, ref)
		top := n
		for top.Parent() != p.doc {
			top = top.Parent()
		}
		p.refs = append(p.refs, linkRef{node: ref, label: Superscript(base + i + 1), top: tops[top]})
	}
	_ = ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && l.HasChildren() {
			l.Destination = []byte("#")
		}
		return ast.WalkContinue, nil
	})
	return len(nodes)
}

// linkRef is a link's reference number in the rendered text.
type linkRef struct {
	node  *ast.Text
	label string
	top   int // the top-level block holding it
}

// Superscript spells n in superscript digits, as a link's reference.
func Superscript(n int) string {
	digits := [10]string{"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"}
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteString(digits[c-'0'])
	}
	return b.String()
}

// Doc is a rendered article with its cell <-> source map.
type Doc struct {
	Lines    []string // display lines: glamour styling, anchors stripped, sanitised
	Complete bool     // false when only part of the document was rendered
	Window   bool     // a preview around a passage (RenderAt): not the whole article, nor always its top

	text    []string  // plain text of each line
	cells   []cellRow // source offset of each cell of each line, -1 for decoration
	lo      []int32   // smallest mapped offset of each line (-1 when none)
	hi      []int32   // largest mapped offset of each line
	wideOff []int32   // source units longer than a byte: their starts, in order
	wideEnd []int32   // and their ends
	byLo    []int32   // mapped lines ordered by lo, built on demand
	maxHi   []int32   // the largest hi among byLo[:i+1]
	once    sync.Once // guards byLo and maxHi: a Doc may be shared between goroutines
}

// styleConfig returns glamour's built-in style; "" means dark.
func styleConfig(name string) (*ansi.StyleConfig, error) {
	if name == "" {
		name = styles.DarkStyle
	}
	cfg, ok := ownStyles()[name]
	if !ok {
		return nil, fmt.Errorf("render: unknown style %q (want dark or light)", name)
	}
	return cfg, nil
}

// quoteBar marks a block quote's lines: one cell, because glamour charges
// one cell a level for a quote's indent token whatever its width (its
// issue 172); the built-in two-cell "│ " made quote lines a cell too wide
// and the document's wrap split off their last word without the bar. The
// quarter block sits at the cell's left edge, so the text keeps its gap.
const quoteBar = "▎"

// ownStyles are glamour's built-in styles with the quote bar above, built
// once (the built-in ones are shared and stay untouched).
var ownStyles = sync.OnceValue(func() map[string]*ansi.StyleConfig {
	m := make(map[string]*ansi.StyleConfig, len(styles.DefaultStyles))
	for name, cfg := range styles.DefaultStyles {
		c := *cfg
		if t := c.BlockQuote.IndentToken; t != nil && *t == "│ " {
			bar := quoteBar
			c.BlockQuote.IndentToken = &bar
		}
		m[name] = &c
	}
	return m
})

func checkOptions(opt Options) (*ansi.StyleConfig, error) {
	if opt.Width <= 0 {
		return nil, fmt.Errorf("render: width must be positive, got %d", opt.Width)
	}
	return styleConfig(opt.Style)
}

// Render renders the whole Markdown document.
func Render(markdown string, opt Options) (*Doc, error) {
	cfg, err := checkOptions(opt)
	if err != nil {
		return nil, err
	}
	if d, ok, err := renderPieces(markdown, opt, cfg); ok {
		return d, err
	}
	p := parseFor(markdown, opt)
	n := 1
	if len(p.clean) > parallelMin {
		n = min(max(runtime.GOMAXPROCS(0), len(p.clean)/chunkBytes+1), len(p.tops))
	}
	cs, err := p.renderChunks(opt, cfg, p.split(n))
	if err != nil {
		return nil, err
	}
	return p.assemble(cs, true, true), nil
}

// Long documents are rendered as runs of top-level blocks, in parallel;
// each run renders exactly as it would inside the whole document (see
// renderChunk), so the joined lines are the same. Runs are at most about
// chunkBytes of source: glamour's working memory for a run is several
// times its size, and small runs let it go run by run (a 450,000-word
// article rendered in two halves held 250 MB at its peak).
const (
	parallelMin = 16 << 10
	chunkBytes  = 256 << 10
)

// split cuts the top-level blocks into n runs of similar source size and
// returns the n+1 boundaries.
func (p *proj) split(n int) []int {
	bounds := []int{0}
	if n > 1 {
		size := len(p.clean)
		k := 1
		for t := 1; t < len(p.tops) && k < n; t++ {
			if blockStart(p.tops[t]) >= size*k/n {
				bounds = append(bounds, t)
				k++
			}
		}
	}
	return append(bounds, len(p.tops))
}

// blockStart returns the source offset where a top-level block starts (an
// estimate good enough for balancing).
func blockStart(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if l := c.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}

// renderChunks renders the runs [bounds[i], bounds[i+1]), as many at once
// as there are processors. A run is prepared just before it renders, so
// only the runs in progress hold their working copies of the source.
func (p *proj) renderChunks(opt Options, cfg *ansi.StyleConfig, bounds []int) ([]*chunk, error) {
	n := len(bounds) - 1
	cs := make([]*chunk, n)
	errs := make([]error, n)
	if n == 1 {
		cs[0], errs[0] = p.run(opt, cfg, p.prepare(bounds[0], bounds[1], codeWidth(opt, cfg)))
		return cs, errs[0]
	}
	warmChroma(opt, cfg)
	jobs := make([]*job, n)
	inOrder(n, func(i int) bool {
		// prepare moves blocks out of the shared document: one at a time
		jobs[i] = p.prepare(bounds[i], bounds[i+1], codeWidth(opt, cfg))
		return true
	}, func(i int) {
		cs[i], errs[i] = p.run(opt, cfg, jobs[i])
		jobs[i] = nil
		p.release(bounds[i], bounds[i+1])
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return cs, nil
}

// inOrder runs n jobs on as many goroutines as there are processors. take
// runs for 0, 1, 2, ... in order, one at a time (it may change shared
// state), and may stop the run by returning false; work(i) then runs
// beside the others' work.
func inOrder(n int, take func(i int) bool, work func(i int)) {
	var mu sync.Mutex
	next, stopped := 0, false
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				ok := i < n && !stopped && take(i)
				stopped = stopped || i < n && !ok
				mu.Unlock()
				if !ok {
					return
				}
				work(i)
			}
		}()
	}
	wg.Wait()
}

// release lets the syntax tree of top-level blocks [t0,t1) go once they
// are rendered: nothing reads it again, and a long article's tree is tens
// of megabytes.
func (p *proj) release(t0, t1 int) {
	for k := p.topLeaf[t0]; k < p.topLeaf[t1]; k++ {
		p.leaves[k].node = nil
	}
	clear(p.tops[t0:t1])
	for i := range p.refs {
		if t0 <= p.refs[i].top && p.refs[i].top < t1 {
			p.refs[i].node = nil
		}
	}
}

var chromaOnce sync.Once

// warmChroma renders a code block once so glamour registers its chroma
// style before any concurrent render reads the registry.
func warmChroma(opt Options, cfg *ansi.StyleConfig) {
	chromaOnce.Do(func() {
		p := parse("```\nx\n```\n")
		_, _ = p.renderChunk(opt, cfg, 0, len(p.tops))
	})
}

// RenderFirst renders only as many leading top-level blocks as fill about
// `lines` display lines (plus a margin), so the first screen is ready fast.
// Complete is false when blocks remain; the lines are then a prefix of what
// Render returns.
//
// It parses only a leading slice of the Markdown, cut at a line end, and
// never renders the slice's last top-level block (the cut may have split
// it): no earlier block can change with what follows, except through link
// reference definitions, whose presence later on forces a full parse.
func RenderFirst(markdown string, opt Options, lines int) (*Doc, error) {
	cfg, err := checkOptions(opt)
	if err != nil {
		return nil, err
	}
	want := lines + 8
	need := want // the lines asked of the estimate; doubled when it overshoots
	perLine := max(opt.Width-6, 10)
	cut := want * opt.Width * 2
	for {
		whole := cut >= len(markdown)
		src := markdown
		if !whole {
			if nl := strings.IndexByte(markdown[cut:], '\n'); nl >= 0 {
				src = markdown[:cut+nl+1]
			}
			if len(src) == len(markdown) || hasRefDefs(markdown[len(src):]) {
				whole, src = true, markdown
			}
		}
		p := parseFor(src, opt)
		usable := len(p.tops)
		if !whole {
			usable--
		}
		t1, est := 0, 0
		for t1 < usable && est < need {
			est += blockHeight(p, t1, perLine)
			t1++
		}
		if whole && t1 >= usable {
			return Render(markdown, opt)
		}
		if t1 < usable {
			c, err := p.renderChunk(opt, cfg, 0, t1)
			if err != nil {
				return nil, err
			}
			if len(c.lines)-c.post >= want {
				return p.assemble([]*chunk{c}, true, false), nil
			}
			// The blocks drew fewer lines than guessed: ask for more of
			// them (the rendering used up this parse, so parse again).
			need *= 2
			continue
		}
		cut *= 2
	}
}

// RenderAt renders the run of top-level blocks from the one before the
// block holding source offset `offset` (unless that one is long), filling
// about `lines` display lines below it, so that an article reopened deep in
// its text shows that passage at once. The Doc is a Window, a preview: its
// lines show the same text, with the same map, as Render's lines for those
// blocks, but they are not the whole article, and its first line is the
// article's only when the run starts at the top. When the run is the whole
// article, the Doc is Complete instead.
//
// A long article's window is rendered from a slice of its Markdown cut
// where a top-level block must start (renderSlice), so the blocks render
// exactly as inside the whole document without parsing it; when it cannot
// be cut safely, the whole is parsed (a sixth of the cost of rendering it).
func RenderAt(markdown string, opt Options, offset, lines int) (*Doc, error) {
	cfg, err := checkOptions(opt)
	if err != nil {
		return nil, err
	}
	if d, ok, err := renderSlice(markdown, opt, cfg, offset, lines); ok {
		return d, err
	}
	p := parseFor(markdown, opt)
	if len(p.tops) == 0 {
		return Render(markdown, opt)
	}
	return p.window(opt, cfg, offset, lines, true, true)
}

// window renders the run of top-level blocks around source offset off of
// p's Markdown (RenderAt). head and tail say whether p starts and ends
// where the article does (a slice of it may not).
func (p *proj) window(opt Options, cfg *ansi.StyleConfig, off, lines int, head, tail bool) (*Doc, error) {
	perLine := max(opt.Width-6, 10)
	t := p.topAt(off)
	t0 := t
	if t > 0 && blockHeight(p, t-1, perLine) <= lines {
		t0 = t - 1 // a block of context above the passage
	}
	want := lines + 8
	t1, est := t, 0
	for t1 < len(p.tops) && est < want {
		est += blockHeight(p, t1, perLine)
		t1++
	}
	c, err := p.renderChunk(opt, cfg, t0, t1)
	if err != nil {
		return nil, err
	}
	first, last := head && t0 == 0, tail && t1 == len(p.tops)
	d := p.assemble([]*chunk{c}, first, last)
	if d.Complete && first {
		return d, nil
	}
	if !first {
		// The blank line above the first block is drawn by the block
		// before it in the whole document (a heading draws it
		// differently), so the window starts at its first block's text.
		k := 0
		for k < len(d.Lines)-1 && strings.TrimSpace(d.text[k]) == "" {
			k++
		}
		d.Lines, d.text, d.cells, d.lo, d.hi = d.Lines[k:], d.text[k:], d.cells[k:], d.lo[k:], d.hi[k:]
	}
	d.Complete, d.Window = false, true
	return d, nil
}

// topAt returns the top-level block holding the text at source offset off,
// or the next text after it.
func (p *proj) topAt(off int) int {
	u := sort.Search(p.units.len(), func(i int) bool { return int(p.units.at(int32(i)).off) >= off })
	l := sort.Search(len(p.leaves), func(i int) bool { return int(p.leaves[i].u1) > u })
	if l >= len(p.leaves) {
		return max(len(p.tops)-1, 0)
	}
	return int(p.leaves[l].top)
}

// hasRefDefs reports whether s may hold a link reference definition
// ("[label]: ..." within three spaces of a line start).
func hasRefDefs(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "]:")
		if j < 0 {
			return false
		}
		j += i
		ls := strings.LastIndexByte(s[:j], '\n') + 1
		k := ls
		for k < j && k-ls < 3 && s[k] == ' ' {
			k++
		}
		if k < j && s[k] == '[' {
			return true
		}
		// Whether a line opens a definition depends on its start alone:
		// on to the next line, or a long line with many "]:" is read
		// back to its start for each of them.
		nl := strings.IndexByte(s[j:], '\n')
		if nl < 0 {
			return false
		}
		i = j + nl + 1
	}
}

// blockHeight guesses how many lines top-level block t takes.
func blockHeight(p *proj, t int, perLine int) int {
	n := p.tops[t]
	lines := n.Lines()
	size := 0
	if lines != nil && lines.Len() > 0 {
		size = lines.At(lines.Len()-1).Stop - lines.At(0).Start
	}
	if size == 0 {
		u0, u1 := p.topLeaf[t], p.topLeaf[t+1]
		if u1 > u0 {
			a, b := p.leaves[u0].u0, p.leaves[u1-1].u1
			if b > a {
				size = int(p.units.at(b-1).pe - p.units.at(a).ps)
			}
		}
	}
	return size/perLine + 2
}

// chunk is the mapped output of a run of top-level blocks.
type chunk struct {
	lines []string
	text  []string
	cells []cellRow
	pre   int // leading lines that belong to the document's frame
	post  int // trailing lines that belong to the document's frame
}

// anchor spells leaf k as ESC 'A' followed by ESC+digit pairs: two-byte
// escapes are zero-width to every Charm wrapper and hold no Markdown.
func appendAnchor(b []byte, k int) []byte {
	b = append(b, 0x1b, 'A')
	var d [12]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + k%10)
		k /= 10
		if k == 0 {
			break
		}
	}
	for ; i < len(d); i++ {
		b = append(b, 0x1b, d[i])
	}
	return b
}

// renderChunk renders top-level blocks [t0,t1) with anchors and maps the
// output. It moves those blocks into a new document, so a proj serves one
// rendering.
func (p *proj) renderChunk(opt Options, cfg *ansi.StyleConfig, t0, t1 int) (*chunk, error) {
	return p.run(opt, cfg, p.prepare(t0, t1, codeWidth(opt, cfg)))
}

// codeIndent sets a long code line's rest in under it, marked as the
// same line (an editor's showbreak), apart from the code's own indents.
const codeIndent = "↪ "

// codeLayout is what a code block's width depends on: the cells a
// top-level block's line may take (glamour wraps wider ones at the
// document's margin, left of the code, where their rest reads as prose;
// appendCodeLine breaks them inside the block first), and what a nested
// list and a quote take from it.
type codeLayout struct{ top, level, quote int }

func codeWidth(opt Options, cfg *ansi.StyleConfig) codeLayout {
	m := func(u *uint) int {
		if u == nil {
			return 0
		}
		return int(*u)
	}
	return codeLayout{
		top:   opt.Width - 2*m(cfg.Document.Margin) - m(cfg.CodeBlock.Margin),
		level: int(cfg.List.LevelIndent),
		quote: m(cfg.BlockQuote.Indent) + 2*m(cfg.BlockQuote.Margin),
	}
}

// width is the cells a code block's line may take where n stands: a list
// inside a list sets it in by a level, a quote by its bar.
func (c codeLayout) width(n ast.Node) int {
	w := c.top
	for p := n.Parent(); p != nil && p.Kind() != ast.KindDocument; p = p.Parent() {
		switch p.Kind() {
		case ast.KindList:
			for q := p.Parent(); q != nil; q = q.Parent() {
				if q.Kind() == ast.KindList {
					w -= c.level
					break
				}
			}
		case ast.KindBlockquote:
			w -= c.quote
		}
	}
	return w
}

// appendCodeLine appends a code line to ext, broken into pieces of at most
// w cells (0: as it is) at the last space that leaves a piece at least
// half full, else at w; each piece after the first is set in by
// codeIndent. The spaces a line breaks at are not shown.
func appendCodeLine(ext, line []byte, w int) []byte {
	if w <= 4 || len(line) <= w && xansi.StringWidth(string(line)) <= w {
		return append(ext, line...)
	}
	limit := w
	for len(line) > 0 {
		cut, space, cells := len(line), -1, 0
		for i := 0; i < len(line); {
			r, n := utf8.DecodeRune(line[i:])
			rw := xansi.StringWidth(string(line[i : i+n]))
			if cells+rw > limit {
				cut = i
				break
			}
			if r == ' ' && cells >= limit/2 {
				space = i
			}
			cells += rw
			i += n
		}
		if cut == len(line) {
			return append(ext, line...)
		}
		if space > 0 {
			cut = space
		}
		if cut == 0 {
			_, cut = utf8.DecodeRune(line) // a glyph wider than the piece
		}
		ext = append(ext, line[:cut]...)
		for space > 0 && cut < len(line) && line[cut] == ' ' {
			cut++ // the spaces a line breaks at (an aligned comment's too)
		}
		line = line[cut:]
		if len(line) == 0 {
			break
		}
		ext = append(ext, '\n')
		ext = append(ext, codeIndent...)
		limit = w - xansi.StringWidth(codeIndent)
	}
	return ext
}

// job is a run of top-level blocks ready to render: its own document and
// the source buffer its retargeted text leaves point into.
type job struct {
	doc    ast.Node
	ext    []byte
	l0, l1 int
}

// prepare retargets the leaves of blocks [t0,t1) to anchored copies and
// moves the blocks into a document of their own. Not concurrency-safe
// (it relinks siblings); run is.
func (p *proj) prepare(t0, t1 int, code codeLayout) *job {
	l0, l1 := p.topLeaf[t0], p.topLeaf[t1]
	ext := make([]byte, len(p.clean), len(p.clean)+len(p.clean)/4+int(l1-l0)*8+64)
	copy(ext, p.clean)
	for k := l0; k < l1; k++ {
		lf := &p.leaves[k]
		switch lf.kind {
		case leafText:
			n := lf.node.(*ast.Text)
			start := len(ext)
			ext = appendAnchor(ext, int(k))
			for _, c := range p.clean[n.Segment.Start:n.Segment.Stop] {
				if c == '\t' {
					c = ' '
				}
				ext = append(ext, c)
			}
			n.Segment = text.NewSegment(start, len(ext))
		case leafCode:
			// Code is highlighted by chroma, which could split an anchor,
			// so code stays unanchored; tabs are expanded here so the
			// output holds no control characters.
			lines := lf.node.Lines()
			segs := text.NewSegments()
			w := code.width(lf.node) // code breaks its long lines itself
			var line []byte
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				line = line[:0]
				col := 0
				for k := 0; k < seg.Padding; k++ {
					line = append(line, ' ')
					col++
				}
				for j := seg.Start; j < seg.Stop; j++ {
					c := p.clean[j]
					if c == '\t' {
						for {
							line = append(line, ' ')
							col++
							if col%4 == 0 {
								break
							}
						}
						continue
					}
					if k, dec := codeRef(p.clean, j, seg.Stop); k > 0 {
						line = append(line, dec...)
						col++
						j += k - 1
						continue
					}
					line = append(line, c)
					col++
				}
				start := len(ext)
				ext = appendCodeLine(ext, line, w)
				segs.Append(text.NewSegment(start, len(ext)))
			}
			lf.node.SetLines(segs)
		}
	}
	for _, r := range p.refs {
		if t0 <= r.top && r.top < t1 {
			start := len(ext)
			ext = append(ext, r.label...)
			r.node.Segment = text.NewSegment(start, len(ext))
		}
	}
	space := -1
	for _, n := range p.tops[t0:t1] {
		breakItemParagraphs(n)
		ext = softBreaksAsSpaces(n, ext, &space)
	}
	doc := ast.NewDocument()
	if t0 > 0 || p.notFirst {
		// An empty paragraph renders nothing but makes the first block a
		// "not first" sibling, so it gets the same spacing as in a
		// whole-document render.
		doc.AppendChild(doc, ast.NewParagraph())
	}
	for _, n := range p.tops[t0:t1] {
		doc.AppendChild(doc, n)
	}
	return &job{doc: doc, ext: ext, l0: int(l0), l1: int(l1)}
}

// breakItemParagraphs ends each paragraph of a list item that another
// follows with a line break: glamour writes a list item's paragraphs one
// onto the other ("…ends here.Second paragraph…", glamour issue 167). The
// break is an empty text node, no leaf of the projection.
func breakItemParagraphs(n ast.Node) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindListItem {
			return ast.WalkContinue, nil
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			next := c.NextSibling()
			if next == nil || next.Kind() != ast.KindParagraph || c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock {
				continue
			}
			if last, ok := c.LastChild().(*ast.Text); ok && last.HardLineBreak() {
				continue // broken already (a second rendering of the block)
			}
			br := ast.NewText()
			br.SetHardLineBreak(true)
			c.AppendChild(c, br)
		}
		return ast.WalkContinue, nil
	})
}

// softBreaksAsSpaces turns every soft line break under n into a space
// of its own, a text node on a " " ext holds (at *space, appended on first
// need): glamour writes soft and hard breaks alike as a newline and then
// either joins every line of a paragraph (losing a poem's lines) or keeps
// every one (a wrapped source's lines); run keeps them, so only the hard
// ones remain.
func softBreaksAsSpaces(n ast.Node, ext []byte, space *int) []byte {
	var soft []*ast.Text
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		switch {
		case !ok || !entering:
		case inCodeSpan(t):
			// A code span's line ending is in its text (goldmark keeps
			// it; CommonMark reads it as a space): ext is this job's
			// own copy, so it becomes one there.
			for i := t.Segment.Start; i < t.Segment.Stop && i < len(ext); i++ {
				if ext[i] == '\n' {
					ext[i] = ' '
				}
			}
		case t.SoftLineBreak():
			soft = append(soft, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range soft {
		if *space < 0 {
			*space = len(ext)
			ext = append(ext, ' ')
		}
		t.SetSoftLineBreak(false)
		t.Parent().InsertAfter(t.Parent(), t, ast.NewTextSegment(text.NewSegment(*space, *space+1)))
	}
	return ext
}

// run renders a prepared job with glamour and maps its lines.
func (p *proj) run(opt Options, cfg *ansi.StyleConfig, j *job) (c *chunk, err error) {
	// A stranger's Markdown must not crash the reader, even through a bug
	// in a library.
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("render: rendering the article failed: %v", r)
		}
	}()
	ext, doc := j.ext, j.doc
	// Only hard line breaks are newlines by now (softBreaksAsSpaces).
	ar := ansi.NewRenderer(ansi.Options{WordWrap: opt.Width, Styles: *cfg, InlineTableLinks: true, PreserveNewLines: true})
	r := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(ar, 1000)))
	var buf bytes.Buffer
	// About six bytes out per byte of the run's text (its copy ends ext):
	// not per byte of the whole article, which every run's ext holds.
	buf.Grow((len(ext) - len(p.clean)) * 6)
	if err := r.Render(&buf, ext, doc); err != nil {
		return nil, fmt.Errorf("render: glamour: %w", err)
	}
	raw := buf.String()
	c = &chunk{}
	m := newMapper(p, j.l0, j.l1)
	for _, line := range strings.Split(raw, "\n") {
		styled, plain, cells := m.mapLine(line)
		c.lines = append(c.lines, styled)
		c.text = append(c.text, plain)
		c.cells = append(c.cells, newCellRow(cells))
	}
	c.pre, c.post = frame(opt, cfg)
	return c, nil
}

// assemble joins chunks into a Doc, dropping the document frame lines
// between chunks. Trailing empty lines are dropped as glamour users do.
func (p *proj) assemble(cs []*chunk, first, last bool) *Doc {
	wo, we := wideUnits(p.units)
	return assemble(cs, first, last, wo, we)
}

// assemble joins chunks into a Doc whose multi-byte units are wo and we
// (see proj.assemble).
func assemble(cs []*chunk, first, last bool, wo, we []int32) *Doc {
	d := &Doc{Complete: last, wideOff: wo, wideEnd: we}
	for i, c := range cs {
		a, b := 0, len(c.lines)
		if i > 0 || !first {
			a = min(c.pre, b)
		}
		if i < len(cs)-1 || !last {
			b = max(a, b-c.post)
		}
		d.Lines = append(d.Lines, c.lines[a:b]...)
		d.text = append(d.text, c.text[a:b]...)
		d.cells = append(d.cells, c.cells[a:b]...)
	}
	for len(d.Lines) > 0 && d.Lines[len(d.Lines)-1] == "" {
		d.Lines = d.Lines[:len(d.Lines)-1]
		d.text = d.text[:len(d.text)-1]
		d.cells = d.cells[:len(d.cells)-1]
	}
	d.lo = make([]int32, len(d.cells))
	d.hi = make([]int32, len(d.cells))
	for i, r := range d.cells {
		d.lo[i], d.hi[i] = r.bounds()
	}
	return d
}
