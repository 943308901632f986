package reader

import "strings"

// textParagraph is one unit as the article's text: a list item keeps the
// marker it had in the dump, so nothing of the author's is lost.
func textParagraph(u textUnit) string {
	if u.list && u.text != "" {
		return u.bullet + " " + u.text
	}
	return u.text
}

// textEscapeMarkdown escapes s so that Markdown renders it as the same
// text: every character with a meaning inline is backslash-escaped, a line
// start that would open a block (heading, quote, list, rule) is escaped,
// and & is written &amp; so that no entity can be decoded later (see
// ../shared/docs/security.md).
func textEscapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		line = strings.TrimLeft(line, " \t")
		// A number followed by "." or ")" starts an ordered list.
		digits := 0
		for digits < len(line) && line[digits] >= '0' && line[digits] <= '9' {
			digits++
		}
		if digits > 0 && digits < len(line) && (line[digits] == '.' || line[digits] == ')') {
			b.WriteString(line[:digits])
			b.WriteByte('\\')
			line = line[digits:]
		}
		for j, r := range line {
			switch {
			case r == '&':
				b.WriteString("&amp;")
				continue
			case strings.ContainsRune("\\`*_[]<>|~", r):
				b.WriteByte('\\')
			case j == 0 && strings.ContainsRune("#-+=", r):
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
