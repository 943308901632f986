package reader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize returns s as valid UTF-8 with every control character removed
// except newline and tab; carriage returns become newlines. Every decoding
// step runs it, so no escape sequence an article carries can reach a
// terminal (see ../shared/docs/security.md).
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			// Slow path for non-ASCII: C1 controls and invalid UTF-8.
			for _, r := range s[i:] {
				if r == utf8.RuneError || unicode.IsControl(r) && r != '\n' && r != '\t' {
					return false
				}
			}
			return true
		}
	}
	return true
}
