// Package sanitize removes from untrusted text everything a terminal would
// act on. Every layer that takes text from an article, a note or a file
// uses it, so there is one rule for what survives.
package sanitize

import (
	"strings"
	"unicode/utf8"
)

// Text returns s as valid UTF-8 with every control character removed
// except newline and tab: C0 controls, DEL and the C1 range U+0080-U+009F
// (U+009B alone is a CSI), and the bidi embedding, override and isolate
// controls that can make text read differently from what it says. \r\n and
// \r become \n and invalid bytes become U+FFFD. Joiners and zero-width
// spaces stay: emoji and several scripts need them. Every decoding step
// runs it, so no escape sequence an article carries can reach a terminal
// (see ../shared/docs/security.md).
func Text(s string) string {
	return sanitize(s, false)
}

// Line is Text for one-line fields (titles, bylines, site names, table
// cells, list rows): newlines, tabs and the Unicode line and paragraph
// separators become spaces as well.
func Line(s string) string {
	return sanitize(s, true)
}

func sanitize(s string, line bool) string {
	i := firstUnclean(s, line)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\r':
				if i < len(s) && s[i] == '\n' {
					i++
				}
				if line {
					b.WriteByte(' ')
				} else {
					b.WriteByte('\n')
				}
			case c == '\n' || c == '\t':
				if line {
					b.WriteByte(' ')
				} else {
					b.WriteByte(c)
				}
			case c < 0x20 || c == 0x7f:
				// dropped
			default:
				b.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case Dropped(r):
			// dropped
		case line && (r == '\u2028' || r == '\u2029'):
			b.WriteByte(' ')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstUnclean returns the index of the first byte sanitize would change,
// or len(s). It allocates nothing, so clean text costs one scan.
func firstUnclean(s string, line bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				if line || c != '\n' && c != '\t' {
					return i
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Dropped(r) || line && (r == '\u2028' || r == '\u2029') {
			return i
		}
		i += size
	}
	return len(s)
}

// Dropped reports whether a non-ASCII rune is removed: C1 controls, the
// bidi controls LRE, RLE, PDF, LRO, RLO (U+202A-U+202E) and LRI, RLI, FSI,
// PDI (U+2066-U+2069), and the interlinear annotation characters
// (U+FFF9-U+FFFB) that hide text. The marks LRM and RLM stay; they cannot
// reorder text beyond themselves and right-to-left writing uses them.
// Layers that must walk text themselves (the renderer keeps an offset map)
// use it so that they drop exactly what Text drops.
func Dropped(r rune) bool {
	return r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r >= 0xfff9 && r <= 0xfffb
}
