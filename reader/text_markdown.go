package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"margin/internal/mdsyntax"
)

// textParagraph is one unit as the article's text: a list item keeps the
// marker it had in the dump, so nothing of the author's is lost.
func textParagraph(u textUnit) string {
	if u.list && u.text != "" {
		return u.bullet + " " + u.text
	}
	return u.text
}

// textMaxHeadingWords is the longest line read as a section heading.
const textMaxHeadingWords = 12

// textHeadings marks the units of body that read as section headings: a
// line of two to twelve words that starts with a capital or a digit, ends
// unlike a sentence and has a paragraph of prose right after it. They
// become "##" headings in the Markdown, so the reader shows them as
// headings and its outline finds them; the plain text keeps them as lines.
// A text has sections or none: one such line alone ("Best wishes" in a
// letter) stays a paragraph, as does what a page leaves between paragraphs
// and is no heading: a name or "Name, Agency" under a photo, a credit, a
// line the page repeats, a table's row.
func textHeadings(units []textUnit, body []int) []bool {
	heads := make([]bool, len(body))
	n := 0
	for k := 0; k+1 < len(body); k++ {
		u, next := units[body[k]], units[body[k+1]]
		if u.list || u.junk || u.meta || u.prose || u.repeated || u.table || u.cells > 1 ||
			u.words < 2 || u.words > textMaxHeadingWords || !next.prose || next.list ||
			k > 0 && units[body[k-1]].table {
			continue
		}
		s := strings.TrimSpace(u.text)
		first, _ := utf8.DecodeRuneInString(s)
		last, _ := utf8.DecodeLastRuneInString(s)
		if !unicode.IsUpper(first) && !unicode.IsDigit(first) || strings.ContainsRune(".!;:,", last) ||
			strings.Contains(s, ",") || textNameShaped(s) || textCreditShaped(strings.ToLower(s)) ||
			textSignOffs[strings.ToLower(s)] || textSpeaks(s) {
			continue
		}
		heads[k] = true
		n++
	}
	if n < 2 {
		clear(heads)
	}
	for k, i := range body {
		// The author's own headings, however few.
		heads[k] = heads[k] || units[i].heading && !units[i].list
	}
	return heads
}

// textHeading writes escaped Markdown text as a heading; a closing "#"
// would be read as part of the heading's syntax, so it is escaped too.
func textHeading(md string) string {
	if strings.HasSuffix(md, "#") && !strings.HasSuffix(md, "\\#") {
		md = md[:len(md)-1] + "\\#"
	}
	return "## " + md
}

// textSignOffs end letters and notes.
var textSignOffs = wordSet("best wishes", "kind regards", "warm regards", "best regards", "yours sincerely",
	"yours faithfully", "yours truly", "many thanks", "thanks again", "all the best", "with love", "take care",
	"see you soon", "talk soon")

// textSpeaks reports whether s is a sentence someone says ("I am writing
// about the roof"): it opens with a personal pronoun and is not written in
// title case, as a heading that opens so would be ("We Need to Talk").
func textSpeaks(s string) bool {
	ws := strings.Fields(s)
	switch strings.ToLower(ws[0]) {
	case "i", "i'm", "i’m", "we", "we're", "we’re", "you", "he", "she", "they", "it", "it's", "it’s":
	default:
		return false
	}
	lower := 0
	for _, w := range ws[1:] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && utf8.RuneCountInString(w) > 3 {
			lower++
		}
	}
	return lower > 0
}

// textNameShaped reports whether s looks like a person's name: two or
// three words, each capitalised ("Kate Henshaw").
func textNameShaped(s string) bool {
	ws := strings.Fields(s)
	if len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		if rest := w[utf8.RuneLen(r):]; rest != "" && strings.ToUpper(rest) == rest {
			return false // an acronym or a shouted word: a heading's
		}
	}
	return true
}

// textCreditShaped reports whether the lower-cased line credits a picture.
func textCreditShaped(low string) bool {
	return strings.HasPrefix(low, "courtesy of") || strings.HasPrefix(low, "provided by") ||
		textCreditRe().MatchString(low) || textCaptionRe().MatchString(low)
}

// EscapeText returns plain text, line starts included, as Markdown that
// renders as the same text (textEscapeMarkdown).
func EscapeText(s string) string { return textEscapeMarkdown(s) }

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
		skip := 0 // bytes of an address written already
		for j, r := range line {
			if skip > j {
				continue
			}
			if (j == 0 || line[j-1] == ' ' || line[j-1] == '(') && (r == 'h' || r == 'f' || r == 'w') {
				// A bare address is written as it is, to be linked and
				// shown whole (see escapeProse).
				if n := mdsyntax.AddressLen(line[j:]); n > 0 {
					writeAddress(&b, line[j:j+n])
					skip = j + n
					continue
				}
			}
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
