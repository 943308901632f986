package render

import (
	"html"
	"margin/sanitize"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// translator maps a byte offset in the cleaned Markdown back to the caller's
// Markdown. Cleaning rarely changes anything, so it stores only breakpoints:
// from clean offset bp.clean on, orig = bp.orig + (c - bp.clean).
type translator struct {
	bps     []breakpoint
	origLen int
}

type breakpoint struct{ clean, orig int }

func (t *translator) orig(c int) int {
	if len(t.bps) == 0 {
		return c
	}
	i := sort.Search(len(t.bps), func(i int) bool { return t.bps[i].clean > c }) - 1
	if i < 0 {
		return c
	}
	o := t.bps[i].orig + (c - t.bps[i].clean)
	if o > t.origLen {
		o = t.origLen
	}
	return o
}

// cleanInput removes what must never reach glamour: control characters
// (except newline and tab), invalid UTF-8, and character references that
// decode to a control character (glamour decodes &#27; and even &#27 into a
// live ESC). It returns the cleaned text and a map back to the caller's
// offsets. Replacements never contain '&', '#', ';' or alphanumerics, so
// cleaning cannot assemble a new reference; raw controls go first because
// deleting them can.
func cleanInput(s string) ([]byte, *translator) {
	tr := &translator{origLen: len(s)}
	amps := destAmps(s)
	if len(amps) == 0 && isClean(s) {
		return []byte(s), tr
	}
	// Pass 1: raw controls and invalid UTF-8, keeping each byte's origin.
	out := make([]byte, 0, len(s)+16)
	org := make([]int, 0, len(s)+16)
	emit := func(b []byte, at int) {
		for k := range b {
			out = append(out, b[k])
			org = append(org, at)
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if len(amps) > 0 && i == amps[0] {
			// "&amp;" in a link's address is the '&' it stands for.
			out = append(out, '&')
			org = append(org, i)
			amps = amps[1:]
			i += len("&amp;")
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f):
				out = append(out, c)
				org = append(org, i)
			case c == '\r':
				if !(i+1 < len(s) && s[i+1] == '\n') {
					out = append(out, '\n')
					org = append(org, i)
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			emit([]byte("\uFFFD"), i)
		case unicode.IsControl(r) || sanitize.Dropped(r):
		default:
			for k := 0; k < n; k++ {
				out = append(out, s[i+k])
				org = append(org, i+k)
			}
		}
		i += n
	}
	// Pass 2: references that decode to controls.
	mid := string(out)
	out2 := make([]byte, 0, len(mid)+8)
	org2 := make([]int, 0, len(mid)+8)
	last := 0
	for i := 0; i < len(mid); i++ {
		if mid[i] != '&' || !entityIsControl(mid, i) {
			continue
		}
		n, dec, _ := entityAt(mid, i, len(mid))
		out2 = append(out2, mid[last:i]...)
		org2 = append(org2, org[last:i]...)
		rep := "\uFFFD"
		if dec == "\t" || dec == "\n" {
			rep = " "
		}
		for k := 0; k < len(rep); k++ {
			out2 = append(out2, rep[k])
			org2 = append(org2, org[i])
		}
		last = i + n
		i += n - 1
	}
	out2 = append(out2, mid[last:]...)
	org2 = append(org2, org[last:]...)
	// Compress the per-byte origins into breakpoints.
	for k := range org2 {
		if k == 0 && org2[0] != 0 || k > 0 && org2[k] != org2[k-1]+1 {
			tr.bps = append(tr.bps, breakpoint{clean: k, orig: org2[k]})
		}
	}
	tr.bps = append(tr.bps, breakpoint{clean: len(out2), orig: len(s)})
	return out2, tr
}

// destination is a link's or an image's web or mail address in the
// Markdown margin writes: [text](address).
var destination = regexp.MustCompile(`\]\((?:https?|mailto):[^)\s]*\)`)

// destAmps lists where "&amp;" stands for '&' inside a link's address.
// Goldmark keeps such references in a destination as they are, so the
// screen, the links list and the browser would get "&amp;" (issue 12,
// item 2); what the address means is the '&'. A reference that then
// decodes to a control is caught by cleanInput's second pass.
func destAmps(s string) []int {
	if !strings.Contains(s, "&amp;") {
		return nil
	}
	var out []int
	for _, m := range destination.FindAllStringIndex(s, -1) {
		d := s[m[0]:m[1]]
		for k := 0; ; {
			j := strings.Index(d[k:], "&amp;")
			if j < 0 {
				break
			}
			out = append(out, m[0]+k+j)
			k += j + len("&amp;")
		}
	}
	return out
}

// isClean reports whether s needs no cleaning at all (the common case).
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			if c == '&' && entityIsControl(s, i) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || unicode.IsControl(r) || sanitize.Dropped(r) {
			return false
		}
		i += n
	}
	return true
}

// entityIsControl reports whether the reference at s[i] (an '&') decodes to
// a control character.
func entityIsControl(s string, i int) bool {
	n, dec, raw := entityAt(s, i, len(s))
	if n == 0 {
		return false
	}
	if raw >= 0 && (raw < 0x20 || (raw >= 0x7f && raw <= 0x9f)) {
		return true
	}
	for _, r := range dec {
		if unicode.IsControl(r) || sanitize.Dropped(r) {
			return true
		}
	}
	return false
}

// entityAt parses a character reference at s[i] ('&') the way Go's
// html.UnescapeString does (which is what glamour calls), looking no
// further than lim. It returns its length (0 if none), its decoded text and,
// for a numeric reference, the raw code point (else -1).
func entityAt(s string, i, lim int) (n int, dec string, raw int) {
	t := s[i:lim]
	if len(t) <= 1 {
		return 0, "", -1
	}
	if t[1] == '#' {
		if len(t) <= 3 {
			return 0, "", -1
		}
		j := 2
		hex := false
		if t[j] == 'x' || t[j] == 'X' {
			hex = true
			j++
		}
		start := j
		x := 0
		for j < len(t) {
			c := t[j]
			if hex && isHex(c) {
				x = 16*x + hexVal(c)
			} else if !hex && c >= '0' && c <= '9' {
				x = 10*x + int(c-'0')
			} else {
				break
			}
			if x > 0x10FFFF {
				x = 0x110000
			}
			j++
		}
		if j == start {
			return 0, "", -1
		}
		if j < len(t) && t[j] == ';' {
			j++
		}
		return j, html.UnescapeString(t[:j]), x
	}
	j := 1
	for j < len(t) && isAlnum(t[j]) {
		j++
	}
	if j < len(t) && t[j] == ';' {
		j++
	}
	name := t[1:j]
	if len(name) == 0 {
		return 0, "", -1
	}
	full := html.UnescapeString(t[:j])
	if full == t[:j] {
		return 0, "", -1
	}
	// The decoder may have consumed only a prefix of the name (legacy
	// references without ';'); find the split.
	for k := len(name); k >= 1; k-- {
		tail := name[k:]
		if !strings.HasSuffix(full, tail) {
			continue
		}
		head := full[:len(full)-len(tail)]
		// The head must be one whole reference: "&yen0" is "&yen" then
		// "0", not one unit decoding to "¥0"; "&amp0;" is "&amp" then
		// "0;" (the ';' belongs to the reference only if it changes what
		// decodes).
		ref := name[:k]
		var whole bool
		if bare, ok := strings.CutSuffix(ref, ";"); ok {
			whole = html.UnescapeString("&"+ref) != html.UnescapeString("&"+bare)+";"
		} else {
			whole = html.UnescapeString("&"+ref+";") == head
		}
		if head != "&"+ref && html.UnescapeString("&"+ref) == head && whole {
			return 1 + k, head, -1
		}
	}
	return 0, "", -1
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	default:
		return int(c-'A') + 10
	}
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// allowedURL reports whether a hyperlink target may reach the terminal.
func allowedURL(u string) bool {
	for _, r := range u {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return false
		}
	}
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// isSGR reports whether seq is a CSI ... m sequence with only numeric
// parameters.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[0] != 0x1b || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		c := seq[i]
		if !(c >= '0' && c <= '9' || c == ';' || c == ':') {
			return false
		}
	}
	return true
}

// osc8 classifies an OSC sequence: ok when it is an OSC 8 hyperlink whose
// target is allowed (or the closing OSC 8 with an empty target).
func osc8(seq string) bool {
	body := seq
	if !strings.HasPrefix(body, "\x1b]8;") {
		return false
	}
	body = body[4:]
	switch {
	case strings.HasSuffix(body, "\a"):
		body = body[:len(body)-1]
	case strings.HasSuffix(body, "\x1b\\"):
		body = body[:len(body)-2]
	default:
		return false
	}
	semi := strings.IndexByte(body, ';')
	if semi < 0 {
		return false
	}
	params, u := body[:semi], body[semi+1:]
	for _, r := range params {
		if r < 0x20 || r > 0x7e {
			return false
		}
	}
	return u == "" || allowedURL(u)
}

// SafeLine reports whether a display line holds no escape or control
// sequence other than SGR and OSC 8 hyperlinks to http, https or mailto.
// Tests and callers can use it as a validator.
func SafeLine(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			seq, ok := nextEscape(s[i:])
			if !ok || !(isSGR(seq) || osc8(seq)) {
				return false
			}
			i += len(seq)
			continue
		}
		if c < 0x20 || c == 0x7f {
			return false
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && n == 1) || unicode.IsControl(r) {
				return false
			}
			i += n
			continue
		}
		i++
	}
	return true
}

// nextEscape returns the escape sequence at the start of s (s[0] == ESC),
// recognising CSI, OSC (BEL or ST terminated) and two-byte escapes.
func nextEscape(s string) (string, bool) {
	if len(s) < 2 {
		return s, false
	}
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			c := s[j]
			if c >= 0x40 && c <= 0x7e {
				return s[:j+1], true
			}
			if c < 0x20 || c > 0x7e {
				return s[:j], false
			}
		}
		return s, false
	case ']':
		for j := 2; j < len(s); j++ {
			switch s[j] {
			case '\a':
				return s[:j+1], true
			case 0x1b:
				if j+1 < len(s) && s[j+1] == '\\' {
					return s[:j+2], true
				}
				return s[:j], false
			}
		}
		return s, false
	}
	return s[:2], false
}
