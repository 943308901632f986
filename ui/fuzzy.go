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
	return total, true
}

// exactBonus is more than any scattered match of a title can score.
const exactBonus = 1 << 16

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
