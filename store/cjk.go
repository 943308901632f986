package store

import (
	"database/sql/driver"
	"strings"
	"unicode"
	"unicode/utf8"

	"modernc.org/sqlite"
)

// Chinese and Japanese put no space between words, Korean none between a
// word and its particle (서울에서), and FTS5's unicode61 tokenizer reads a
// run of such letters as one token: a word inside a sentence was never
// found. The index therefore sees every Han, kana and Hangul letter as a
// word of its own (ftsText, in the triggers and the article_search view
// through the SQL function below), and a query's CJK words become phrases
// of their letters (ftsQuery): "東京大学" finds 私は東京大学で but not 東京の大学.

// ftsFunc is the SQL name of ftsText. Every connection margin opens has
// it (it is registered with the driver); a trigger that indexes text
// needs it, so another program writing an article's text is refused.
const ftsFunc = "margin_fts"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(ftsFunc, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return ftsText(v), nil
		case []byte:
			return ftsText(string(v)), nil
		}
		return args[0], nil
	})
}

// isCJK reports whether r is written without spaces around the words it
// makes: Han, Hiragana, Katakana (and its long-vowel mark), Hangul,
// Bopomofo.
func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) || r == 'ー' || r == 'ｰ'
}

// ftsText sets every CJK letter of s apart from the letters and digits
// beside it with a space. A text without one is returned as it is (the
// index of a library saved before holds it unchanged).
func ftsText(s string) string {
	i := strings.IndexFunc(s, isCJK)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	b.WriteString(s[:i])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	for s = s[i:]; s != ""; {
		r, size := utf8.DecodeRuneInString(s)
		if (isCJK(r) || isCJK(prev)) && isWordRune(r) && isWordRune(prev) {
			b.WriteByte(' ')
		}
		b.WriteString(s[:size]) // as it was, invalid bytes too
		s = s[size:]
		prev = r
	}
	return b.String()
}
