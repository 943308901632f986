package ui

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"margin/sanitize"
)

// The / filter's ranking over a large list (issue 17: 100,000 articles,
// a keystroke under 16 ms). Every article's "title site" is folded once
// when the list arrives; a keystroke that extends the query scores only
// the articles the shorter query matched (a longer query matches fewer),
// a backspace takes the ranking it had, and the ranking sorts by score
// in linear time, keeping list order among equals as a stable sort does.

// filterStep is the ranking for one query: the articles it matches, in
// list order, and the rows in rank order.
type filterStep struct {
	q     string
	match []int32
	rows  []int
}

// maxSteps bounds the rankings kept for backspace (each one extends the
// one before, so each holds fewer rows).
const maxSteps = 64

// fold prepares the filter's text of every article when the list did not
// come with it. Earlier rankings index the old list, so they go.
func (l *libraryModel) fold() {
	l.hay, l.hayASCII = foldRows(l.arts)
	l.steps = nil
}

// foldRows is the filter's text of every row, "title source": as it is
// when ASCII (scored folded, byte by byte; the row's title then points
// into it, so a title is held once), else lower-cased; and which of the
// two it is. The list's command does it for a whole list, off the
// screen's goroutine.
func foldRows(rows []libRow) (hay []string, ascii []bool) {
	hay, ascii = make([]string, len(rows)), make([]bool, len(rows))
	for i := range rows {
		a := rows[i].article()
		title := sanitize.Line(a.Title)
		text := title + " " + sanitize.Line(a.Source())
		if !isASCII(text) {
			hay[i] = foldFilter(text)
			continue
		}
		hay[i], ascii[i] = text, true
		if title == rows[i].Title {
			rows[i].Title = text[:len(title)]
		}
	}
	return hay, ascii
}

// foldFilter is the form the filter compares text in: lower case, without
// accents or other marks ("Friedländer", "phở" and "néolibéralisme" are
// found as "friedlander", "pho", "neoliberalisme", as full-text search
// finds them).
func foldFilter(s string) string {
	s = strings.ToLower(s)
	if isASCII(s) {
		return s
	}
	return norm.NFC.String(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s)))
}

// rank sets l.rows to the articles matching q (folded, not empty),
// best first.
func (l *libraryModel) rank(q string) {
	for len(l.steps) > 0 && !strings.HasPrefix(q, l.steps[len(l.steps)-1].q) {
		l.steps = l.steps[:len(l.steps)-1]
	}
	if n := len(l.steps); n > 0 && l.steps[n-1].q == q {
		l.rows = append(l.rows[:0], l.steps[n-1].rows...)
		return
	}
	m := newMatcher(q)
	var prev []int32 // nil: every article
	if n := len(l.steps); n > 0 {
		prev = l.steps[n-1].match // q extends it: what it did not match, q cannot
	}
	match, scores := l.scoreAll(&m, prev)
	order := rankOrder(scores)
	rows := make([]int, len(order))
	for k, j := range order {
		rows[k] = int(match[j])
	}
	if len(l.steps) == maxSteps {
		l.steps = append(l.steps[:0], l.steps[1:]...)
	}
	l.steps = append(l.steps, filterStep{q: q, match: match, rows: rows})
	l.rows = append(l.rows[:0], rows...)
}

// parallelFrom is the number of articles from which scoring is split
// across the cores (below it, starting goroutines costs more than it buys).
var parallelFrom = 16384

// scoreAll scores the articles of cand (every article when cand is nil)
// against m: those matching, in list order, and their scores. A long list
// is split into one part per core, each part kept in order.
func (l *libraryModel) scoreAll(m *matcher, cand []int32) ([]int32, []uint32) {
	n := len(l.hay)
	if cand != nil {
		n = len(cand)
	}
	score := func(from, to int) ([]int32, []uint32) {
		match, scores := make([]int32, 0, to-from), make([]uint32, 0, to-from)
		for k := from; k < to; k++ {
			i := int32(k)
			if cand != nil {
				i = cand[k]
			}
			if s, ok := m.score(l.hay[i], l.hayASCII[i]); ok {
				match, scores = append(match, i), append(scores, uint32(s))
			}
		}
		return match, scores
	}
	parts := min(runtime.GOMAXPROCS(0), 4)
	if n < parallelFrom || parts < 2 {
		return score(0, n)
	}
	matches, scoreses := make([][]int32, parts), make([][]uint32, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { matches[p], scoreses[p] = score(n*p/parts, n*(p+1)/parts) })
	}
	wg.Wait()
	return slices.Concat(matches...), slices.Concat(scoreses...)
}

// rankOrder returns the indexes of scores, highest score first and in
// index order among equal scores: a stable sort, done as a radix sort
// (a byte at a time, least significant first; bytes every score shares
// are skipped).
func rankOrder(scores []uint32) []int32 {
	order := make([]int32, len(scores))
	for i := range order {
		order[i] = int32(i)
	}
	if len(scores) < 2 {
		return order
	}
	tmp := make([]int32, len(scores))
	for shift := 0; shift < 32; shift += 8 {
		var count [257]int
		for _, s := range scores {
			count[(^s>>shift)&0xff+1]++
		}
		if count[(^scores[0]>>shift)&0xff+1] == len(scores) {
			continue // every score has this byte: order unchanged
		}
		for b := 1; b < 257; b++ {
			count[b] += count[b-1]
		}
		for _, i := range order {
			b := (^scores[i] >> shift) & 0xff
			tmp[count[b]] = i
			count[b]++
		}
		order, tmp = tmp, order
	}
	return order
}
