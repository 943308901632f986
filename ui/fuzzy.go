package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fuzzyScore scores how well query matches hay (both lower-cased): every
// space-separated term must appear in hay as a subsequence. Consecutive
// runes and runes at word starts score more, so "lng rd" ranks "Long Read"
// above "leaning rod".
//
// A term found as it is typed (a substring) outranks every scattered
// match, and one found at a word's start outranks one inside a word: "apple"
// lists the Apple articles before "A grant to Evidence Action".
func fuzzyScore(hay, query string) (int, bool) {
	total := 0
	for term := range strings.FieldsSeq(query) {
		s, ok := termScore(hay, term)
		if !ok {
			return 0, false
		}
		if i := strings.Index(hay, term); i >= 0 {
			s += exactBonus
			if i == 0 || !isWordRune(lastRune(hay[:i])) {
				s += exactBonus / 2
			}
		}
		total += s
	}
	q := wholeQuery(query)
	return total + wholeBonus(hay, q, strings.Index(hay, q)), true
}

// exactBonus is more than any scattered match of a title can score.
const exactBonus = 1 << 16

// The query found whole, as typed, outranks its words found apart
// ("labour health peace" lists "Labour health peace" before "Privacy farm
// ... health ... labour ... peace"), and a title that opens with it comes
// first of all. Both are more than the exact bonuses of a query of 80
// words.
const (
	phraseBonus = 1 << 23
	openBonus   = 1 << 24
)

// wholeQuery is q, trimmed, with its words one space apart.
func wholeQuery(q string) string {
	if strings.Contains(q, "  ") {
		return strings.Join(strings.Fields(q), " ")
	}
	return q
}

// wholeBonus is the bonus for the whole query q found in hay at i (-1:
// not found): at hay's start, or for several words at a word's start.
func wholeBonus(hay, q string, i int) int {
	switch {
	case i == 0:
		return openBonus
	case i > 0 && strings.Contains(q, " ") && !isWordRune(lastRune(hay[:i])):
		return phraseBonus
	}
	return 0
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func termScore(hay, term string) (int, bool) {
	if !subsequence(hay, term) {
		return 0, false // most titles fail here, cheaply
	}
	// Try the first occurrence of the term's first rune and every one at a
	// word start, keeping the best greedy run: cheap, and good enough to
	// prefer word starts and contiguous matches.
	best, found := 0, false
	first, _ := utf8.DecodeRuneInString(term)
	var before rune = ' '
	for start, r := range hay {
		atWord := !unicode.IsLetter(before) && !unicode.IsDigit(before)
		before = r
		if r != first || found && !atWord {
			continue
		}
		if s, ok := greedyFrom(hay, start, term); ok && (!found || s > best) {
			best, found = s, true
		}
	}
	return best, found
}

func greedyFrom(hay string, start int, term string) (int, bool) {
	score, prev := 0, -2
	i := start
	var before rune = ' '
	if start > 0 {
		before, _ = utf8.DecodeLastRuneInString(hay[:start])
	}
	for _, want := range term {
		matched := false
		for i < len(hay) {
			r, size := utf8.DecodeRuneInString(hay[i:])
			pos := i
			i += size
			if r == want {
				score++
				if pos == prev {
					score += 5
				}
				if !unicode.IsLetter(before) && !unicode.IsDigit(before) {
					score += 8
				}
				prev = i
				before = r
				matched = true
				break
			}
			before = r
		}
		if !matched {
			return 0, false
		}
	}
	return score, true
}

// subsequence reports whether every rune of term appears in hay in order.
func subsequence(hay, term string) bool {
	i := 0
	for _, want := range term {
		j := strings.IndexRune(hay[i:], want)
		if j < 0 {
			return false
		}
		i += j + utf8.RuneLen(want)
	}
	return true
}

// matcher is a filter query prepared once per keystroke: its terms, and
// whether they are all ASCII (most titles are, and an ASCII title against
// ASCII terms is scored byte by byte, as fuzzyScore would score it).
type matcher struct {
	q     string
	terms []string
	ascii bool
}

func newMatcher(q string) matcher {
	m := matcher{q: q, terms: strings.Fields(q), ascii: isASCII(q)}
	return m
}

// score is fuzzyScore(lower-cased hay, m.q). asciiHay says hay is all
// ASCII, as typed: it is compared folded, byte by byte; any other hay is
// lower-cased already.
func (m *matcher) score(hay string, asciiHay bool) (int, bool) {
	if !asciiHay {
		return fuzzyScore(hay, m.q)
	}
	if !m.ascii {
		return 0, false // a rune beyond ASCII is in no ASCII title
	}
	if len(m.terms) == 1 && len(m.q) == 1 {
		return letterScore(hay, m.q[0])
	}
	total, first := 0, -1
	for k, term := range m.terms {
		s, i, ok := termScoreASCII(hay, term)
		if !ok {
			return 0, false
		}
		if i >= 0 {
			s += exactBonus
			if i == 0 || !wordByte[hay[i-1]] {
				s += exactBonus / 2
			}
		}
		if k == 0 {
			first = i
		}
		total += s
	}
	if first < 0 {
		return total, true // no word of it as typed, so not the whole query
	}
	q := wholeQuery(m.q)
	i := indexFold(hay[first:], q) // where q first occurs: not before its first word
	if i >= 0 {
		i += first
	}
	return total + wholeBonus(hay, q, i), true
}

// indexFold is strings.Index(lower-cased hay, q) for an ASCII hay.
func indexFold(hay, q string) int {
	for i := 0; i+len(q) <= len(hay); i++ {
		if lower[hay[i]] == q[0] && hasPrefixFold(hay[i:], q) {
			return i
		}
	}
	return -1
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lower is strings.ToLower for ASCII bytes.
var lower = func() (t [256]byte) {
	for b := range 256 {
		t[b] = byte(b)
		if 'A' <= b && b <= 'Z' {
			t[b] += 'a' - 'A'
		}
	}
	return t
}()

// hasPrefixFold is strings.HasPrefix(lower-cased s, prefix).
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lower[s[i]] != prefix[i] {
			return false
		}
	}
	return true
}

// wordByte is isWordRune for ASCII bytes.
var wordByte = func() (t [256]bool) {
	for b := range utf8.RuneSelf {
		t[b] = isWordRune(rune(b))
	}
	return t
}()

// The ASCII scorers below read hay as typed and compare it folded (lower),
// as fuzzyScore compares a lower-cased hay: a list's titles need no
// lower-cased copy.

// letterScore is fuzzyScore(hay, string(c)) for an ASCII hay and letter
// (the first key typed, which every title is scored for): 1, or 9 when the
// letter starts a word somewhere, plus the exact bonus, and half more when
// its first occurrence starts a word.
func letterScore(hay string, c byte) (int, bool) {
	first := 0
	for first < len(hay) && lower[hay[first]] != c {
		first++
	}
	if first == len(hay) {
		return 0, false
	}
	if first == 0 {
		return 9 + exactBonus + exactBonus/2 + openBonus, true
	}
	if !wordByte[hay[first-1]] {
		return 9 + exactBonus + exactBonus/2, true
	}
	for i := first + 1; i < len(hay); i++ {
		if lower[hay[i]] == c && !wordByte[hay[i-1]] {
			return 9 + exactBonus, true
		}
	}
	return 1 + exactBonus, true
}

// termScoreASCII is termScore for an ASCII hay and term, with where the
// term first occurs as typed (strings.Index, found on the way). Plain
// loops: titles are short, and strings.IndexByte's setup cost more.
func termScoreASCII(hay, term string) (score, exact int, ok bool) {
	// The greedy run from the first occurrence of the term's first letter
	// is the subsequence test: if it fails, every later start fails too.
	first := term[0]
	pos0 := 0
	for pos0 < len(hay) && lower[hay[pos0]] != first {
		pos0++
	}
	if pos0 == len(hay) {
		return 0, -1, false
	}
	best, ok := greedyASCII(hay, pos0, term)
	if !ok {
		return 0, -1, false
	}
	exact = -1
	if hasPrefixFold(hay[pos0:], term) {
		exact = pos0
	}
	for pos := pos0 + 1; pos < len(hay); pos++ {
		if lower[hay[pos]] != first {
			continue
		}
		if exact < 0 && hasPrefixFold(hay[pos:], term) {
			exact = pos
		}
		if wordByte[hay[pos-1]] {
			continue // only word starts after the first occurrence
		}
		s, ok := greedyASCII(hay, pos, term)
		if !ok {
			break // a later start fails as well
		}
		best = max(best, s)
	}
	return best, exact, true
}

// greedyASCII is greedyFrom for an ASCII hay and term.
func greedyASCII(hay string, start int, term string) (int, bool) {
	score, prev, i := 0, -2, start
	for k := 0; k < len(term); k++ {
		want := term[k]
		for i < len(hay) && lower[hay[i]] != want {
			i++
		}
		if i == len(hay) {
			return 0, false
		}
		score++
		if i == prev {
			score += 5
		}
		if i == 0 || !wordByte[hay[i-1]] {
			score += 8
		}
		i++
		prev = i
	}
	return score, true
}
