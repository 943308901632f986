package render

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	unorm "golang.org/x/text/unicode/norm"
)

// Heading is one heading of the article, for an outline.
type Heading struct {
	Level  int
	Text   string
	Offset int // source offset of its first character
}

// Headings lists the article's headings in order.
func (t *Text) Headings() []Heading { return slices.Clone(t.headings) }

// headings lists the headings (Text.Headings) from the syntax tree.
func (p *proj) headings() []Heading {
	var out []Heading
	var last ast.Node
	for _, lf := range p.leaves {
		h := ancestor(lf.node, ast.KindHeading)
		if h == nil {
			continue
		}
		if h == last {
			out[len(out)-1].Text = p.textSpan(out[len(out)-1].Offset, lf.u1)
			continue
		}
		last = h
		out = append(out, Heading{Level: h.(*ast.Heading).Level, Text: p.textOf(lf.u0, lf.u1), Offset: int(p.units.at(lf.u0).off)})
	}
	return out
}

// textSpan returns the plain text from the unit at source offset off to
// the end of unit u1-1.
func (p *proj) textSpan(off int, u1 int32) string {
	u0 := p.unitAt(off)
	if u0 >= p.units.len() || int32(u0) >= u1 {
		return ""
	}
	return p.textOf(int32(u0), u1)
}

func ancestor(n ast.Node, k ast.NodeKind) ast.Node {
	for ; n != nil; n = n.Parent() {
		if n.Kind() == k {
			return n
		}
	}
	return nil
}

// Link is a hyperlink of the article.
type Link struct {
	Text, URL string
	Offset    int // source offset of its text
}

// Links lists the article's links to http, https and mailto targets, in
// reading order. Link i is the one the reader marks with the reference
// number i+1.
func (t *Text) Links() []Link { return slices.Clone(t.links) }

// links lists the links and, beside each, the *ast.Link it comes from (nil
// for an autolink, whose text is its address).
func (p *proj) links() ([]Link, []ast.Node) {
	var out []Link
	var nodes []ast.Node
	var last ast.Node
	for _, lf := range p.leaves {
		if lf.kind == leafAuto {
			a := lf.node.(*ast.AutoLink)
			u := string(a.URL(p.clean))
			if a.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u
			}
			last = nil
			if allowedURL(u) {
				out = append(out, Link{Text: p.textOf(lf.u0, lf.u1), URL: u, Offset: int(p.units.at(lf.u0).off)})
				nodes = append(nodes, nil)
			}
			continue
		}
		l := ancestor(lf.node, ast.KindLink)
		if l == nil {
			continue
		}
		if l == last {
			if len(out) > 0 && out[len(out)-1].Offset >= 0 {
				out[len(out)-1].Text = p.textSpan(out[len(out)-1].Offset, lf.u1)
			}
			continue
		}
		last = l
		u := string(l.(*ast.Link).Destination)
		if !allowedURL(u) {
			continue
		}
		out = append(out, Link{Text: p.textOf(lf.u0, lf.u1), URL: u, Offset: int(p.units.at(lf.u0).off)})
		nodes = append(nodes, l)
	}
	return out, nodes
}

// Plain returns the article's text as displayed (text leaves joined, blocks
// separated by a blank line) and, for each byte of it, the source offset it
// came from (separators carry the end of the text before them).
func (t *Text) Plain() (text string, offsets []int) {
	p := t.p
	offsets = make([]int, len(p.plain))
	prev, next := 0, 0 // the end of the text so far; the plain byte after it
	for _, r := range p.units.runs {
		for i := next; i < int(r.ps); i++ {
			offsets[i] = prev // separators
		}
		for k := range r.n {
			off, ps := r.off+k*r.sl, r.ps+k*r.pl
			for i := ps; i < ps+r.pl; i++ {
				offsets[i] = int(off)
			}
		}
		if r.pl > 0 {
			prev, next = int(r.off+r.n*r.sl), int(r.ps+r.n*r.pl)
		}
	}
	for i := next; i < len(offsets); i++ {
		offsets[i] = prev
	}
	return string(p.plain), offsets
}

// unitAt returns the index of the first unit at or after source offset off.
func (p *proj) unitAt(off int) int {
	return sort.Search(p.units.len(), func(i int) bool { return int(p.units.at(int32(i)).off) >= off })
}

// plainAt returns the plain index of the first text at or after off.
func (p *proj) plainAt(off int) int {
	u := p.unitAt(off)
	if u >= p.units.len() {
		return len(p.plain)
	}
	return int(p.units.at(int32(u)).ps)
}

// srcRange turns a plain range into a source range.
func (p *proj) srcRange(a, b int) (int, int) {
	for a < b && p.unitOf(a) < 0 {
		a++
	}
	for b > a && p.unitOf(b-1) < 0 {
		b--
	}
	if a >= b {
		return -1, -1
	}
	return int(p.units.at(p.unitOf(a)).off), int(p.units.at(p.unitOf(b - 1)).end)
}

// srcAt returns the source offset of plain index i (moved forward to text).
func (p *proj) srcAt(i int) int {
	for i < len(p.plain) && p.unitOf(i) < 0 {
		i++
	}
	if i >= len(p.plain) {
		if p.units.len() == 0 {
			return 0
		}
		return int(p.units.at(int32(p.units.len() - 1)).end)
	}
	return int(p.units.at(p.unitOf(i)).off)
}

// Quote is a highlight's text with context, as the W3C Web Annotation
// TextQuoteSelector stores it, plus the source range it had.
type Quote struct {
	Exact, Prefix, Suffix string
	Start, End            int
}

// quoteContext is how many characters of context a Quote keeps each side.
const quoteContext = 32

// QuoteAt builds the quote of source range [start,end): its exact text and
// up to 32 characters of context on each side.
func (t *Text) QuoteAt(start, end int) Quote {
	p := t.p
	q := Quote{Start: start, End: end}
	a, b := p.plainRange(start, end)
	q.Exact = string(p.plain[a:b])
	pa := a
	for n := 0; pa > 0 && n < quoteContext; n++ {
		_, sz := utf8.DecodeLastRune(p.plain[:pa])
		pa -= sz
	}
	q.Prefix = string(p.plain[pa:a])
	pb := b
	for n := 0; pb < len(p.plain) && n < quoteContext; n++ {
		_, sz := utf8.DecodeRune(p.plain[pb:])
		pb += sz
	}
	q.Suffix = string(p.plain[b:pb])
	return q
}

// plainRange returns the plain range of source range [start,end): from
// the first text at or after start to the end of the last text before end.
func (p *proj) plainRange(start, end int) (a, b int) {
	a = p.plainAt(start)
	b = a
	for b < len(p.plain) && (p.unitOf(b) < 0 || int(p.units.at(p.unitOf(b)).off) < end) {
		b++
	}
	for b > a && p.unitOf(b-1) < 0 {
		b--
	}
	return a, b
}

// ErrQuoteNotFound says a quote does not occur in the article.
var ErrQuoteNotFound = errors.New("quote not found in the article")

// ErrQuoteAmbiguous says a quote occurs more than once in the article.
var ErrQuoteAmbiguous = errors.New("quote occurs more than once in the article")

// norm is a normalised projection of the plain text with a map back.
type norm struct {
	s   []byte
	idx []int // normalised byte -> plain byte
}

// normalise drops whitespace (loose=false) or keeps only letters and digits,
// lower-cased (loose=true).
func normalise(t []byte, loose bool) norm {
	n := norm{s: make([]byte, 0, len(t)), idx: make([]int, 0, len(t))}
	for i := 0; i < len(t); {
		r, sz := utf8.DecodeRune(t[i:])
		keep := !unicode.IsSpace(r)
		if loose {
			keep = unicode.IsLetter(r) || unicode.IsDigit(r)
			r = unicode.ToLower(r)
		}
		if keep {
			var buf [4]byte
			k := utf8.EncodeRune(buf[:], r)
			for j := 0; j < k; j++ {
				n.s = append(n.s, buf[j])
				n.idx = append(n.idx, i)
			}
		}
		i += sz
	}
	return n
}

func normString(s string, loose bool) string { return string(normalise([]byte(s), loose).s) }

// occurrences returns the plain ranges where needle occurs in n.
func (n norm) occurrences(p *proj, needle string) [][2]int {
	if needle == "" {
		return nil
	}
	var out [][2]int
	h := string(n.s)
	for i := 0; ; {
		j := strings.Index(h[i:], needle)
		if j < 0 {
			return out
		}
		j += i
		a := n.idx[j]
		last := n.idx[j+len(needle)-1]
		_, sz := utf8.DecodeRune(p.plain[last:])
		out = append(out, [2]int{a, last + sz})
		_, adv := utf8.DecodeRuneInString(h[j:])
		i = j + adv
	}
}

// FindQuote finds the source range of a passage quoted from the article,
// ignoring whitespace (and case, if it only matches that way).
func (t *Text) FindQuote(exact string) (start, end int, err error) {
	p := t.p
	// A quote typed or pasted with its accents as combining marks (é as
	// e and U+0301, as macOS writes file names) is the text's composed é.
	exact = unorm.NFC.String(exact)
	short := exact
	if utf8.RuneCountInString(short) > 40 {
		short = string([]rune(short)[:40]) + "..."
	}
	needle := normString(exact, false)
	if needle == "" {
		return 0, 0, fmt.Errorf("%w: the quote is empty", ErrQuoteNotFound)
	}
	occ := normalise(p.plain, false).occurrences(p, needle)
	if len(occ) == 0 {
		occ = caseFoldOccurrences(p, exact)
	}
	switch len(occ) {
	case 0:
		return 0, 0, fmt.Errorf("%w: %q", ErrQuoteNotFound, short)
	case 1:
		s, e := p.srcRange(occ[0][0], occ[0][1])
		return s, e, nil
	}
	return 0, 0, fmt.Errorf("%w (%d times): %q; quote more of the passage", ErrQuoteAmbiguous, len(occ), short)
}

// caseFoldOccurrences matches whitespace-insensitively and folded (Fold:
// case, quote marks, apostrophes and dashes): "wasn't" finds "wasn’t".
func caseFoldOccurrences(p *proj, exact string) [][2]int {
	n := normalise(p.plain, false)
	lower := norm{s: make([]byte, 0, len(n.s)), idx: make([]int, 0, len(n.s))}
	for i := 0; i < len(n.s); {
		r, sz := utf8.DecodeRune(n.s[i:])
		var buf [4]byte
		k := utf8.EncodeRune(buf[:], Fold(r))
		for j := 0; j < k; j++ {
			lower.s = append(lower.s, buf[j])
			lower.idx = append(lower.idx, n.idx[i])
		}
		i += sz
	}
	return lower.occurrences(p, strings.Map(Fold, normString(exact, false)))
}

// Reanchor places a quote in a (possibly changed) article: by its exact
// text (whitespace-insensitive); among several, by how much of its prefix
// and suffix match, then by nearness to the old start. If the exact text is
// gone it tries again ignoring case and punctuation, and finally accepts a
// passage between the quote's intact prefix and suffix when it is nearly
// the same text. Otherwise ok is false: the highlight is an orphan.
func (t *Text) Reanchor(q Quote) (start, end int, ok bool) {
	p := t.p
	q.Exact, q.Prefix, q.Suffix = unorm.NFC.String(q.Exact), unorm.NFC.String(q.Prefix), unorm.NFC.String(q.Suffix) // as FindQuote
	for _, loose := range []bool{false, true} {
		needle := normString(q.Exact, loose)
		if needle == "" {
			return 0, 0, false
		}
		n := normalise(p.plain, loose)
		occ := n.occurrences(p, needle)
		if len(occ) == 0 {
			continue
		}
		best := pickCandidate(p, n, occ, q, loose)
		a, b := occ[best][0], occ[best][1]
		if loose {
			a, b = p.widen(a, b, q.Exact)
		}
		s, e := p.srcRange(a, b)
		return s, e, s >= 0
	}
	return reanchorByContext(p, q)
}

// widen takes back into a loose match [a,b) of plain text the punctuation
// the quote had at its edges (a loose match is letters and digits only):
// "“The river is rising.”" stays a whole sentence with its quotes after the
// page changed its quote marks.
func (p *proj) widen(a, b int, exact string) (int, int) {
	edge := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) }
	exact = strings.TrimSpace(exact)
	lead, trail := 0, 0
	for _, r := range exact {
		if !edge(r) {
			break
		}
		lead++
	}
	for i := len(exact); i > 0 && trail < utf8.RuneCountInString(exact)-lead; {
		r, n := utf8.DecodeLastRuneInString(exact[:i])
		if !edge(r) {
			break
		}
		trail++
		i -= n
	}
	for ; lead > 0 && a > 0; lead-- {
		j := p.prevRune(a)
		if !edge(p.runeAt(j)) || p.unitOf(j) < 0 {
			break
		}
		a = j
	}
	for ; trail > 0 && b < len(p.plain); trail-- {
		if !edge(p.runeAt(b)) || p.unitOf(b) < 0 {
			break
		}
		b = p.nextRune(b)
	}
	return a, b
}

// pickCandidate chooses among occurrences by context, then nearness.
func pickCandidate(p *proj, n norm, occ [][2]int, q Quote, loose bool) int {
	if len(occ) == 1 {
		return 0
	}
	pre := normString(q.Prefix, loose)
	suf := normString(q.Suffix, loose)
	best, bestScore, bestDist := 0, -1, 1<<62
	for i, o := range occ {
		before := normString(string(p.plain[max(0, o[0]-4*quoteContext):o[0]]), loose)
		after := normString(string(p.plain[o[1]:min(len(p.plain), o[1]+4*quoteContext)]), loose)
		score := commonSuffix(pre, before) + commonPrefix(suf, after)
		s, _ := p.srcRange(o[0], o[1])
		dist := s - q.Start
		if dist < 0 {
			dist = -dist
		}
		if score > bestScore || score == bestScore && dist < bestDist {
			best, bestScore, bestDist = i, score, dist
		}
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// reanchorByContext handles a quote edited inside: its prefix and suffix
// must both still be there, once, with text between them that is nearly
// the old quote (similar length, bigram similarity at least 0.6).
func reanchorByContext(p *proj, q Quote) (int, int, bool) {
	pre := normString(q.Prefix, true)
	suf := normString(q.Suffix, true)
	exact := normString(q.Exact, true)
	if len(pre) < 12 || len(suf) < 12 || exact == "" {
		return 0, 0, false
	}
	n := normalise(p.plain, true)
	h := string(n.s)
	pi := strings.Index(h, pre)
	if pi < 0 || strings.Contains(h[pi+1:], pre) {
		return 0, 0, false
	}
	from := pi + len(pre)
	si := strings.Index(h[from:], suf)
	if si < 0 || si > 2*len(exact)+16 {
		return 0, 0, false
	}
	mid := h[from : from+si]
	if len(mid)*2 < len(exact) || dice(mid, exact) < 0.6 {
		return 0, 0, false
	}
	a := n.idx[from]
	last := n.idx[from+si-1]
	_, sz := utf8.DecodeRune(p.plain[last:])
	// The context match is letters and digits only: take back the edge
	// punctuation the quote had, as the loose match does.
	a, b := p.widen(a, last+sz, q.Exact)
	s, e := p.srcRange(a, b)
	return s, e, s >= 0
}

// dice is the Sørensen–Dice coefficient of two strings' byte bigrams.
func dice(a, b string) float64 {
	if len(a) < 2 || len(b) < 2 {
		if a == b {
			return 1
		}
		return 0
	}
	m := map[string]int{}
	for i := 0; i+1 < len(a); i++ {
		m[a[i:i+2]]++
	}
	common := 0
	for i := 0; i+1 < len(b); i++ {
		if m[b[i:i+2]] > 0 {
			m[b[i:i+2]]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)-1+len(b)-1)
}

// ---- cursor motions (source offsets, landing only on text) ----

// isWordRune reports whether r can begin a word.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// isWordPart reports whether r continues a word: a vowel sign or point
// (Hindi, Arabic, Hebrew, Thai) is part of the word its letter begins.
func isWordPart(r rune) bool { return isWordRune(r) || r >= 0x300 && unicode.IsMark(r) }

// wordBreak reports whether a word ends between the word runes a and b.
// Chinese and Japanese set no spaces between words, so a run of them
// would be one word from one punctuation mark to the next, a whole
// clause: each ideograph is a word of its own, with the hiragana after it
// (a Japanese word's ending and its particles, 読んで, 子どもへの), a
// katakana run is one word, and a change of script (テスト|する, ID|の)
// is a break. Other scripts break at spaces and punctuation only.
func wordBreak(a, b rune) bool {
	if b >= 0x300 && unicode.IsMark(b) || b == 'ー' || b == '々' {
		return false // a mark, the long vowel and the repeat sign continue
	}
	ca, cb := cjkClass(a), cjkClass(b)
	switch {
	case ca == 0 && cb == 0:
		return false
	case cb == cjkHiragana:
		return ca != cjkHan && ca != cjkHiragana && a != '々'
	case cb == cjkKatakana:
		return ca != cjkKatakana && a != 'ー'
	}
	return true
}

// The scripts wordBreak tells apart.
const (
	cjkHan = 1 + iota
	cjkHiragana
	cjkKatakana
)

func cjkClass(r rune) int {
	switch {
	case r < 0x2e80:
		return 0
	case unicode.Is(unicode.Han, r):
		return cjkHan
	case unicode.Is(unicode.Hiragana, r):
		return cjkHiragana
	case unicode.Is(unicode.Katakana, r):
		return cjkKatakana
	}
	return 0
}

func (p *proj) runeAt(i int) rune {
	if i < 0 || i >= len(p.plain) {
		return -1
	}
	r, _ := utf8.DecodeRune(p.plain[i:])
	return r
}

func (p *proj) nextRune(i int) int {
	if i >= len(p.plain) {
		return len(p.plain)
	}
	_, sz := utf8.DecodeRune(p.plain[i:])
	return i + sz
}

func (p *proj) prevRune(i int) int {
	if i <= 0 {
		return 0
	}
	_, sz := utf8.DecodeLastRune(p.plain[:i])
	return i - sz
}

// NextWord returns the source offset of the start of the next word after
// off, or off when there is none.
func (t *Text) NextWord(off int) int {
	p := t.p
	i := p.plainAt(off)
	for i < len(p.plain) && isWordPart(p.runeAt(i)) {
		i = p.nextRune(i)
		if r := p.runeAt(i); isWordPart(r) && wordBreak(p.runeAt(p.prevRune(i)), r) {
			break
		}
	}
	for i < len(p.plain) && !isWordRune(p.runeAt(i)) {
		i = p.nextRune(i)
	}
	if i >= len(p.plain) {
		return off
	}
	return p.srcAt(i)
}

// NextChar returns the source offset of the character after the one at
// off (a letter with its marks is one), or off at the end of the text.
func (t *Text) NextChar(off int) int {
	p := t.p
	i := p.nextRune(p.plainAt(off))
	for i < len(p.plain) && (p.unitOf(i) < 0 || unicode.IsMark(p.runeAt(i))) {
		i = p.nextRune(i)
	}
	if i >= len(p.plain) {
		return off
	}
	return p.srcAt(i)
}

// PrevChar returns the source offset of the character before the one at
// off, or off at the start of the text.
func (t *Text) PrevChar(off int) int {
	p := t.p
	i := p.plainAt(off)
	j := p.prevRune(i)
	for j > 0 && (p.unitOf(j) < 0 || unicode.IsMark(p.runeAt(j))) {
		j = p.prevRune(j)
	}
	if j >= i || p.unitOf(j) < 0 {
		return off
	}
	return p.srcAt(j)
}

// PrevWord returns the source offset of the start of the word before off
// (or of the word off is inside), or off when there is none.
func (t *Text) PrevWord(off int) int {
	p := t.p
	i := p.plainAt(off)
	j := p.prevRune(i)
	for j > 0 && !isWordRune(p.runeAt(j)) {
		j = p.prevRune(j)
	}
	if !isWordRune(p.runeAt(j)) || j >= i {
		return off
	}
	for j > 0 && isWordPart(p.runeAt(p.prevRune(j))) && !wordBreak(p.runeAt(p.prevRune(j)), p.runeAt(j)) {
		j = p.prevRune(j)
	}
	for !isWordRune(p.runeAt(j)) { // a mark with no letter before it
		j = p.nextRune(j)
	}
	return p.srcAt(j)
}

// sentenceStarts returns the plain indices where sentences start.
func (p *proj) sentenceStarts() []int {
	p.sentOnce.Do(func() {
		var out []int
		bs := p.blockStarts
		bi := 0
		start := true
		for i := 0; i < len(p.plain); {
			for bi < len(bs) && int(bs[bi]) <= i {
				if int(bs[bi]) == i {
					start = true
				}
				bi++
			}
			r, sz := utf8.DecodeRune(p.plain[i:])
			if start && !unicode.IsSpace(r) && p.unitOf(i) >= 0 {
				out = append(out, i)
				start = false
			}
			// Chinese and Japanese write no space after a full stop.
			tight := strings.ContainsRune(tightStops, r)
			if r == '.' || r == '!' || r == '?' || r == '…' || tight || strings.ContainsRune("؟۔।॥", r) {
				j := i + sz
				for j < len(p.plain) {
					c, n := utf8.DecodeRune(p.plain[j:])
					if !strings.ContainsRune(closers, c) {
						break
					}
					if strings.ContainsRune(germanClosers, c) && (tight || j+n < len(p.plain) && !unicode.IsSpace(p.runeAt(j+n))) {
						// Elsewhere (and in Chinese always) the mark
						// opens the next sentence's quote.
						break
					}
					j += n
				}
				j += p.citation(j)
				if j >= len(p.plain) || tight || unicode.IsSpace(p.runeAt(j)) && (r != '.' || !p.abbreviation(i, j)) {
					start = true
					i = j
					continue
				}
			}
			i += sz
		}
		p.sents = out
	})
	return p.sents
}

// citation returns the length of a reference marker at plain index j
// after a sentence's stop ("citation.[1] The next", "here.[^2] And",
// "it.¹² Then"), 0 when there is none: the sentence ends after it.
func (p *proj) citation(j int) int {
	if j >= len(p.plain) {
		return 0
	}
	if p.plain[j] == '[' {
		k := j + 1
		if k < len(p.plain) && p.plain[k] == '^' {
			k++
		}
		start := k
		for k < len(p.plain) && k-start <= 6 && (p.plain[k] >= '0' && p.plain[k] <= '9' || p.plain[k] >= 'a' && p.plain[k] <= 'z') {
			k++
		}
		if k > start && k < len(p.plain) && p.plain[k] == ']' {
			return k + 1 - j
		}
		return 0
	}
	k := j
	for k < len(p.plain) && strings.ContainsRune("⁰¹²³⁴⁵⁶⁷⁸⁹", p.runeAt(k)) {
		_, n := utf8.DecodeRune(p.plain[k:])
		k += n
	}
	return k - j
}

// closers may follow a sentence's last stop: brackets and closing quotes,
// German ones (“ ‘ «) and Chinese and Japanese ones among them.
const closers = `)"'”’»]」』）】〉》` + germanClosers + tightStops

// germanClosers close a German quote but open one in English and Chinese:
// one closes a sentence only before white space or the end.
const germanClosers = "“‘«"

// tightStops end a sentence in Chinese and Japanese, where the next one
// follows with no space.
const tightStops = "。！？｡"

// abbreviations end with a full stop that seldom ends a sentence before a
// capitalised word ("Dr. Smith", "St. Paul"). Not "no": "No. 5" is kept
// whole by its digit, and "Oh, no. It rained." is two sentences.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gen": true, "gov": true, "sen": true, "rep": true, "rev": true, "lt": true, "col": true,
	"capt": true, "sgt": true, "mt": true, "ft": true, "vs": true, "fig": true,
	"e.g": true, "i.e": true, "cf": true, "approx": true,
	// German, Polish, Spanish and French ones that stand before a word
	// (German capitalises every noun).
	"bzw": true, "z.b": true, "d.h": true, "u.a": true, "inkl": true, "exkl": true, "evtl": true, "ggf": true,
	"vgl": true, "bspw": true, "ca": true, "zzgl": true, "sog": true, "hl": true,
	"np": true, "tzw": true, "m.in": true, "ul": true, "tj": true, "mgr": true, "inż": true,
	"sra": true, "srta": true, "sres": true, "dra": true, "dña": true, "ud": true, "uds": true, "aprox": true,
	"mme": true, "mlle": true, "env": true,
}

// abbreviation reports whether the full stop at plain index dot, followed
// by white space from plain index after, ends an abbreviation or an
// initial rather than a sentence: the next word starts in lower case
// ("2 a.m. local time", "etc. and") or is a number after a short word
// ("No. 5"), or the word before it is a single letter ("J. Smith") or a
// known abbreviation.
func (p *proj) abbreviation(dot, after int) bool {
	k := after
	for k < len(p.plain) && unicode.IsSpace(p.runeAt(k)) {
		_, n := utf8.DecodeRune(p.plain[k:])
		k += n
	}
	if k >= len(p.plain) {
		return false
	}
	next := p.runeAt(k)
	if unicode.IsLower(next) {
		return true
	}
	w := dot
	for w > 0 {
		r, n := utf8.DecodeLastRune(p.plain[:w])
		if !unicode.IsLetter(r) && r != '.' && r != '\'' && r != '’' {
			break
		}
		w -= n
	}
	word := strings.ToLower(string(p.plain[w:dot]))
	if unicode.IsDigit(next) {
		// "No. 5", "Abb. 3", "Jan. 2020", "3. 4": a short word or a
		// number before the stop. After a longer word the number opens
		// a sentence ("Alle Versuche scheitern. 1942/43 werden ...").
		return utf8.RuneCountInString(word) <= 4 || abbreviations[word]
	}
	if word == "mio" || word == "mrd" {
		// Millions and billions after a number ("5 Mio. Euro"); "mio"
		// is also Italian's "my" ("È il mio. Poi ...").
		b := w
		for b > 0 && unicode.IsSpace(p.runeAt(p.prevRune(b))) {
			b = p.prevRune(b)
		}
		return b > 0 && unicode.IsDigit(p.runeAt(p.prevRune(b)))
	}
	return utf8.RuneCountInString(word) == 1 && unicode.IsLetter([]rune(word)[0]) || abbreviations[word] ||
		p.ordinal(dot, k)
}

// ordinal reports whether the full stop at plain index dot follows a
// German day or century ("am 3. November", "im 19. Jahrhundert"), the
// next word starting at plain index next.
func (p *proj) ordinal(dot, next int) bool {
	d := dot
	for d > 0 && p.plain[d-1] >= '0' && p.plain[d-1] <= '9' {
		d--
	}
	if n := dot - d; n < 1 || n > 2 || d > 0 && p.plain[d-1] == '.' {
		return false
	}
	e := next
	for e < len(p.plain) {
		r, n := utf8.DecodeRune(p.plain[e:])
		if !unicode.IsLetter(r) {
			break
		}
		e += n
	}
	word := string(p.plain[next:e])
	return germanMonths[word] || strings.HasPrefix(word, "Jahrhundert")
}

var germanMonths = map[string]bool{
	"Januar": true, "Jänner": true, "Februar": true, "März": true, "April": true, "Mai": true, "Juni": true,
	"Juli": true, "August": true, "September": true, "Oktober": true, "November": true, "Dezember": true,
}

// NextSentence returns the source offset of the next sentence start after
// off, or off when there is none.
func (t *Text) NextSentence(off int) int {
	p := t.p
	i := p.plainAt(off)
	ss := p.sentenceStarts()
	k := sort.SearchInts(ss, i+1)
	if k >= len(ss) {
		return off
	}
	return p.srcAt(ss[k])
}

// PrevSentence returns the start of the sentence holding off, or of the
// previous sentence when off is already at a sentence start.
func (t *Text) PrevSentence(off int) int {
	p := t.p
	return prevStart(p, p.sentenceStarts(), off)
}

func prevStart(p *proj, starts []int, off int) int {
	i := p.plainAt(off)
	k := sort.SearchInts(starts, i) - 1 // the last start before i
	if k < 0 {
		return off
	}
	return p.srcAt(starts[k])
}

// SentenceAt returns the source range of the sentence holding off.
func (t *Text) SentenceAt(off int) (start, end int) {
	p := t.p
	ss := p.sentenceStarts()
	if len(ss) == 0 {
		return off, off
	}
	i := p.plainAt(off)
	if i >= len(p.plain) {
		i = len(p.plain) - 1
	}
	k := sort.SearchInts(ss, i+1) - 1
	if k < 0 {
		k = 0
	}
	a := ss[k]
	b := len(p.plain)
	if k+1 < len(ss) {
		b = ss[k+1]
	}
	for b > a && (p.unitOf(b-1) < 0 || unicode.IsSpace(p.runeAt(p.prevRune(b)))) {
		b = p.prevRune(b)
	}
	s, e := p.srcRange(a, b)
	if s < 0 {
		return off, off
	}
	return s, e
}

// End returns the source offset just after the text's last character,
// where a selection that takes the article's last word ends.
func (t *Text) End() int { return t.p.srcAt(len(t.p.plain)) }

// NextParagraph returns the source offset where the next block's text
// starts, or off when there is none.
func (t *Text) NextParagraph(off int) int {
	p := t.p
	i := p.plainAt(off)
	for _, b := range p.blockStarts {
		if int(b) > i {
			return p.srcAt(int(b))
		}
	}
	return off
}

// PrevParagraph returns the start of the block holding off, or of the
// previous block when off is already at a block start.
func (t *Text) PrevParagraph(off int) int {
	p := t.p
	bs := make([]int, len(p.blockStarts))
	for i, b := range p.blockStarts {
		bs[i] = int(b)
	}
	return prevStart(p, bs, off)
}

// Headings is Parse(markdown).Headings: for one call; hold a Text for more.
func Headings(markdown string) []Heading {
	return Parse(markdown).Headings()
}

// Links is Parse(markdown).Links: for one call; hold a Text for more.
func Links(markdown string) []Link {
	return Parse(markdown).Links()
}

// Plain is Parse(markdown).Plain: for one call; hold a Text for more.
func Plain(markdown string) (text string, offsets []int) {
	return Parse(markdown).Plain()
}

// QuoteAt is Parse(markdown).QuoteAt: for one call; hold a Text for more.
func QuoteAt(markdown string, start, end int) Quote {
	return Parse(markdown).QuoteAt(start, end)
}

// Reanchor is Parse(markdown).Reanchor: for one call; hold a Text for more.
func Reanchor(markdown string, q Quote) (start, end int, ok bool) {
	return Parse(markdown).Reanchor(q)
}

// NextWord is Parse(markdown).NextWord: for one call; hold a Text for more.
func NextWord(markdown string, off int) int {
	return Parse(markdown).NextWord(off)
}

// NextChar is Parse(markdown).NextChar: for one call; hold a Text for more.
func NextChar(markdown string, off int) int {
	return Parse(markdown).NextChar(off)
}

// PrevChar is Parse(markdown).PrevChar: for one call; hold a Text for more.
func PrevChar(markdown string, off int) int {
	return Parse(markdown).PrevChar(off)
}

// PrevWord is Parse(markdown).PrevWord: for one call; hold a Text for more.
func PrevWord(markdown string, off int) int {
	return Parse(markdown).PrevWord(off)
}

// NextSentence is Parse(markdown).NextSentence: for one call; hold a Text for more.
func NextSentence(markdown string, off int) int {
	return Parse(markdown).NextSentence(off)
}

// PrevSentence is Parse(markdown).PrevSentence: for one call; hold a Text for more.
func PrevSentence(markdown string, off int) int {
	return Parse(markdown).PrevSentence(off)
}

// SentenceAt is Parse(markdown).SentenceAt: for one call; hold a Text for more.
func SentenceAt(markdown string, off int) (start, end int) {
	return Parse(markdown).SentenceAt(off)
}

// NextParagraph is Parse(markdown).NextParagraph: for one call; hold a Text for more.
func NextParagraph(markdown string, off int) int {
	return Parse(markdown).NextParagraph(off)
}

// PrevParagraph is Parse(markdown).PrevParagraph: for one call; hold a Text for more.
func PrevParagraph(markdown string, off int) int {
	return Parse(markdown).PrevParagraph(off)
}

// FindQuote is Parse(markdown).FindQuote: for one call; hold a Text for more.
func FindQuote(markdown, exact string) (start, end int, err error) {
	return Parse(markdown).FindQuote(exact)
}
