// Package mdsyntax holds the facts of Markdown syntax that the Markdown
// margin writes (reader, export) and the parser that reads it (render)
// must agree on: which bare web addresses are linked whole in running
// text, and which "&" could start a character reference.
package mdsyntax

import "regexp"

// URL and WWW are goldmark's linkify patterns for a bare address (GFM's
// extended autolinks), but an address does not end in the punctuation
// after it (. , : ! ? _ ~), as GFM says. goldmark strips one "." and then
// no longer sees an unbalanced ")" before it: "(see https://x.org/a)."
// linked "https://x.org/a)". With the punctuation left out, its rule for
// ")" applies. render configures goldmark with them.
var (
	tail = `(?:[/#?](?:[-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'">\^{}\[\]` + "`" + `]*[-a-zA-Z0-9@%+#$&/=\(\);'">\^{}\[\]` + "`" + `])?)?`
	URL  = regexp.MustCompile(`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?` + tail)
	WWW  = regexp.MustCompile(`^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+` + tail)
)

// AddressLen is the length of the bare address at the start of s as the
// parser links it (URL or WWW, less the ")" it does not balance), or 0.
// The writer copies those bytes as they are, so that the whole address is
// linked and shown: a backslash before "_" ended the link there, and
// "&amp;" showed as such.
func AddressLen(s string) int {
	m := URL.FindStringIndex(s)
	if m == nil {
		m = WWW.FindStringIndex(s)
	}
	if m == nil {
		return 0
	}
	n := m[1]
	switch s[n-1] {
	case ')':
		// goldmark's rule: the closing parentheses the address does not
		// open are left out (as many as there are, from the end).
		closing := 0
		for i := n - 1; i >= 0; i-- {
			switch s[i] {
			case ')':
				closing++
			case '(':
				closing--
			}
		}
		if closing > 0 {
			n -= closing
		}
	case ';':
		// goldmark's rule: an entity-like "&name;" at the end is left out.
		i := n - 2
		for i >= 0 && isAlnum(s[i]) {
			i--
		}
		if i != n-2 && i >= 0 && s[i] == '&' {
			n = i
		}
	}
	return n
}

// EntityLike reports whether the text after an "&" could make it a
// character reference: "#" (glamour decodes &#27 even without its
// semicolon) or a name ended by a semicolon. Such an "&" is written
// "&amp;"; any other "&" reads as itself.
func EntityLike(rest string) bool {
	if rest == "" {
		return false
	}
	if rest[0] == '#' {
		return true
	}
	for i := 0; i < len(rest) && i < 40; i++ {
		c := rest[i]
		switch {
		case isAlnum(c):
		case c == ';':
			return i > 0
		default:
			return false
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
