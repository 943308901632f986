package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Snippets are made here rather than by FTS5's snippet(): snippet() scores
// every fragment of every matching article, a cost that grows with the
// square of the matches in one article (a 200,000-word article and the
// prefix "th" took seconds). Here the snippet is a window around the first
// matching word within the first snippetScan bytes of the text: bounded
// work, whatever the article's length.

// snippetScan bounds how much of an article's text a snippet looks at.
const snippetScan = 256 << 10

// snippetWords is how many words a snippet shows, and how many of them come
// before the match.
const (
	snippetWords  = 24
	snippetBefore = 6
	snippetSnap   = 4 // parts of a written word ("state-of-the-art") a snippet takes to show it whole
)

// sterm is a word a snippet marks: equal to it, or beginning with it. A
// CJK word (cjk.go) is a run of letters the text has one after another.
type sterm struct {
	word   string // folded; a CJK run as written
	prefix bool
	run    int // letters in a CJK run; 0 for other words
}

// snippetTerms are the words of a query that a snippet marks: every word
// of its terms and phrases except those a NOT excludes; the last word is a
// prefix, as the search makes it.
func snippetTerms(query string) []sterm {
	toks, err := lexQuery(query, false)
	if err != nil {
		return nil
	}
	var out []sterm
	for i, t := range toks {
		if t.kind != qTerm || i > 0 && toks[i-1].kind == qOp && toks[i-1].text == "NOT" {
			continue
		}
		words := wordsOf(t.text)
		for j, w := range words {
			if r, _ := utf8.DecodeRuneInString(w); isCJK(r) {
				out = append(out, sterm{word: w, run: strings.Count(w, "") - 1 - countMarks(w)})
				continue
			}
			prefix := t.prefix && j == len(words)-1 || i == len(toks)-1 && !t.phrase
			out = append(out, sterm{word: fold(w), prefix: prefix && utf8.RuneCountInString(w) >= 2})
		}
	}
	return out
}

func countMarks(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsMark(r) {
			n++
		}
	}
	return n
}

// wordsOf splits a text into runs of letters and digits, a run of CJK
// letters apart from the Latin ones beside it ("iPhone発売").
func wordsOf(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) }) {
		start := 0
		prevCJK := false
		for i, r := range w {
			if unicode.IsMark(r) {
				continue // a mark goes with the letter it is written on
			}
			if i > 0 && isCJK(r) != prevCJK {
				out = append(out, w[start:i])
				start = i
			}
			prevCJK = isCJK(r)
		}
		out = append(out, w[start:])
	}
	return out
}

// fold is the form words are compared in, as the index's unicode61
// tokenizer with remove_diacritics compares them: lower case, no marks.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	d := norm.NFKD.String(strings.ToLower(w)) // K: fullwidth ＡＩ is ai
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, d)
}

// matches reports whether t matches the folded word w (not a CJK run).
func (t sterm) matches(w string) bool {
	if t.run > 0 {
		return false
	}
	if t.prefix {
		return strings.HasPrefix(w, t.word)
	}
	return w == t.word
}

// makeSnippet returns the text around the first word a term matches, on
// one line, with the byte ranges of every matching word in it (the shape
// parseSnippet gives). Without a match it is the text's opening words.
// Each CJK letter is a word of its own here, as in the index.
func makeSnippet(text string, terms []sterm) (string, [][2]int) {
	cut := len(text) > snippetScan
	if cut {
		n := snippetScan
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	type word struct{ start, end int }
	var words []word
	first := -1
	start := -1
	// match says how many words from the one at start..end a term
	// matches: one, a CJK run's letters, or none.
	match := func(start, end int) int {
		var f string
		for _, t := range terms {
			if t.run > 0 {
				if strings.HasPrefix(text[start:], t.word) {
					return t.run
				}
				continue
			}
			if f == "" {
				f = fold(text[start:end])
			}
			if t.matches(f) {
				return 1
			}
		}
		return 0
	}
	add := func(start, end int) {
		words = append(words, word{start, end})
		if first < 0 && match(start, end) > 0 {
			first = len(words) - 1
		}
	}
	startCJK := false // the open word is a CJK letter (with its marks)
	for i, r := range text + " " {
		cjk := isCJK(r)
		if isWordRune(r) && !cjk {
			if start >= 0 && startCJK && !unicode.IsMark(r) {
				add(start, i) // a letter after a CJK one: a word of its own
				start = -1
			}
			if start < 0 {
				start, startCJK = i, false
			}
			continue
		}
		if start >= 0 {
			add(start, i)
		}
		start = -1
		if cjk {
			start, startCJK = i, true // a CJK letter: a word of its own, with the marks over it
			continue
		}
		// Enough words past the match to fill the snippet.
		if first >= 0 && len(words) >= first+snippetWords {
			break
		}
	}
	if len(words) == 0 {
		return "", nil
	}
	a := 0
	if first >= 0 {
		a = max(first-snippetBefore, 0)
	}
	b := min(a+snippetWords, len(words))
	// A snippet starts and ends on whole words as the reader sees them:
	// not on the "s" of "it’s" or inside "state-of-the-art".
	joined := func(k int) bool { // words[k-1] and words[k] are one written word
		if r, _ := utf8.DecodeRuneInString(text[words[k].start:]); isCJK(r) {
			return false
		}
		if r, _ := utf8.DecodeLastRuneInString(text[:words[k-1].end]); isCJK(r) {
			return false
		}
		return !strings.ContainsFunc(text[words[k-1].end:words[k].start], unicode.IsSpace)
	}
	for n := 0; n < snippetSnap && a > 0 && joined(a); n++ {
		a--
	}
	for n := 0; n < snippetSnap && b < len(words) && joined(b); n++ {
		b++
	}
	var sb strings.Builder
	if a > 0 {
		sb.WriteString("…")
	}
	left := 0 // words of a CJK run still to mark: one mark around them all
	for k := a; k < b; k++ {
		w := words[k]
		if k > a {
			// What lies between two words, punctuation kept.
			sb.WriteString(text[words[k-1].end:w.start])
		}
		if left == 0 {
			if left = match(w.start, w.end); left > 0 {
				sb.WriteString(markOpen)
			}
		}
		sb.WriteString(text[w.start:w.end])
		if left > 0 {
			if left--; left == 0 || k == b-1 {
				sb.WriteString(markClose)
				left = 0
			}
		}
	}
	// The punctuation that closes the last word ("three." not "three").
	tail := text[words[b-1].end:]
	if i := strings.IndexFunc(tail, func(r rune) bool { return unicode.IsSpace(r) || isWordRune(r) }); i >= 0 {
		tail = tail[:i]
	}
	sb.WriteString(tail)
	if b < len(words) || cut {
		sb.WriteString("…")
	}
	return parseSnippet(sb.String())
}
