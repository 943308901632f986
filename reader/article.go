// Package reader turns a web page, a saved HTML file or pasted text into a
// clean article: fetch, charset decoding, sanitising, extraction, cleaning
// and Markdown. It knows nothing of terminals or storage.
package reader

import (
	"unicode"

	"margin/internal/article"
)

// Article is one clean article with its metadata, ready to store. It is
// article.Content, the type the store embeds in its record.
type Article = article.Content

// CountWords counts runs of letters and digits, the unit a reader counts.
func CountWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if r >= 0x2E80 && isIdeographic(r) {
			// Chinese and Japanese set no spaces between words: each
			// character counts as one, as word processors count them.
			n, in = n+1, false
			continue
		}
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

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
