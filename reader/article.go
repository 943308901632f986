// Package reader turns a web page, a saved HTML file or pasted text into a
// clean article: fetch, charset decoding, sanitising, extraction, cleaning
// and Markdown. It knows nothing of terminals or storage.
package reader

import (
	"unicode"
	"unicode/utf8"

	"margin/internal/article"
)

// Article is one clean article with its metadata, ready to store. It is
// article.Content, the type the store embeds in its record.
type Article = article.Content

// CountWords counts runs of letters and digits (with the marks that follow
// a letter), the unit a reader counts.
func CountWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		var w bool
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, most of most texts: its letters, digits and
			// apostrophe, without the Unicode tables.
			w = asciiWord[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if r >= 0x2E80 && isIdeographic(r) {
				// Chinese and Japanese set no spaces between words: each
				// character counts as one, as word processors count them.
				n, in = n+1, false
				continue
			}
			// A vowel sign or point (Hindi, Arabic, Hebrew, Thai) is part
			// of the word its letter begins.
			w = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’' || in && unicode.IsMark(r)
		}
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// hasWords reports whether CountWords(s) > 0, reading s only up to its
// first word.
func hasWords(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf && asciiWord[r] || r >= 0x2E80 && isIdeographic(r) ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’') {
			return true
		}
	}
	return false
}

// asciiWord marks the ASCII characters CountWords counts in words.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\''
	}
	return t
}()

func isIdeographic(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// ReadingMinutes estimates reading time at 230 words a minute, at least one.
func ReadingMinutes(words int) int {
	m := (words + 115) / 230
	if m < 1 {
		m = 1
	}
	return m
}

// finish fills the derived fields of a.
func finish(a *Article) {
	a.WordCount = CountWords(a.Text)
	a.ReadingMinutes = ReadingMinutes(a.WordCount)
}
