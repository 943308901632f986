package ui

import (
	"unicode"
	"unicode/utf8"
)

// caret is the reader's cursor and the other end of a selection, in
// source byte offsets of the article's Markdown: a value with no screen,
// moved by the cursor motions and read by highlighting.
type caret struct {
	cursor int // the cursor; -1 before the first rendering
	anchor int // where the selection started; -1 when not selecting
}

// toggleSelect starts a selection at the cursor, or ends the one there is.
func (c *caret) toggleSelect() {
	if c.anchor >= 0 {
		c.anchor = -1
	} else {
		c.anchor = max(c.cursor, 0)
	}
}

// selection is the selected source range, ok=false when not selecting.
func (c caret) selection(md string) (start, end int, ok bool) {
	if c.anchor < 0 || c.cursor < 0 {
		return 0, 0, false
	}
	// Motions land on the start of the next word or sentence, so the
	// selection ends before the cursor: "v ) h" highlights one sentence.
	start, end = trimRange(md, min(c.anchor, c.cursor), max(c.anchor, c.cursor))
	return start, end, end > start
}

// trimRange drops white space at both ends of a source range.
func trimRange(md string, start, end int) (int, int) {
	start, end = clamp(start, 0, len(md)), clamp(end, 0, len(md))
	for start < end {
		r, n := utf8.DecodeRuneInString(md[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(md[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}
