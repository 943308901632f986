package store

import (
	"database/sql/driver"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"modernc.org/sqlite"
)

// Chinese and Japanese put no space between words, nor do Thai, Lao,
// Khmer and Burmese; Korean puts none between a word and its particle
// (서울에서). FTS5's unicode61 tokenizer reads a run of such letters as one
// token, so a word inside a sentence was never found. The index therefore
// sees every such letter (with the marks written over it) as a word of its
// own (ftsText, in the triggers and the article_search view through the
// SQL function below), and a query's words become phrases of their
// letters (ftsQuery): "東京大学" finds 私は東京大学で but not 東京の大学.
// ftsText also drops the vowel points of Arabic and Hebrew (a reader types
// يعد for يُعدّ) and folds fullwidth and halfwidth forms (ＡＩ, ﾊﾞﾗﾝｽ).
//
// The index holds ftsText of what was saved, and a trigger deletes an
// entry by giving ftsText of it again: a change to ftsText needs a
// migration that rebuilds the index ('rebuild'), or the index no longer
// matches what the triggers delete.

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

// isCJK reports whether r is a letter of a script written without spaces
// around the words it makes: Han, Hiragana, Katakana (and its long-vowel
// mark), Hangul, Bopomofo, Thai, Lao, Khmer, Myanmar.
func isCJK(r rune) bool {
	if r < 0x0E00 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) && !unicode.IsMark(r) || r == 'ー' || r == 'ｰ'
}

// pointMark reports whether r is a vowel point or cantillation mark of
// Arabic or Hebrew, which readers mostly do not type.
func pointMark(r rune) bool {
	return r >= 0x0591 && r <= 0x06ED && unicode.Is(unicode.Mn, r) // the Hebrew and Arabic blocks' marks
}

// halfOrFull reports whether r is a fullwidth or halfwidth form.
func halfOrFull(r rune) bool { return r >= 0xFF01 && r <= 0xFFEE }

// ftsText is s as the index sees it: a space between a letter of a script
// without spaces (isCJK) and a letter or digit beside it, Arabic and Hebrew
// points dropped, fullwidth and halfwidth forms folded (NFKC). A text with
// none of these is returned as it is (the index of a library saved before
// holds it unchanged).
func ftsText(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return isCJK(r) || pointMark(r) || halfOrFull(r) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	b.WriteString(s[:i])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	prevWord := isWordRune(prev) // the rune before is part of a word
	prevSplit := isCJK(prev)     // and that word's letter is one of isCJK's
	write := func(r rune, raw string) {
		start := unicode.IsLetter(r) || unicode.IsNumber(r)
		if start && prevWord && (isCJK(r) || prevSplit) {
			b.WriteByte(' ')
		}
		b.WriteString(raw)
		if start {
			prevSplit = isCJK(r)
		}
		prevWord = start || prevWord && unicode.IsMark(r)
	}
	for s = s[i:]; s != ""; {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case pointMark(r):
		case halfOrFull(r):
			n := size
			for n < len(s) {
				r, sz := utf8.DecodeRuneInString(s[n:])
				if !halfOrFull(r) {
					break
				}
				n += sz
			}
			for _, r := range norm.NFKC.String(s[:n]) {
				write(r, string(r))
			}
			size = n
		default:
			write(r, s[:size]) // as it was, invalid bytes too
		}
		s = s[size:]
	}
	return b.String()
}
