package export

import (
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"

	"margin/sanitize"
	"margin/store"
)

// maxStem bounds a file name before its extension, in bytes. Most file
// systems allow 255; the rest leaves room for " (ID)" and the extension.
const maxStem = 200

// forbidden are the characters Obsidian refuses in a note's name or that
// break a link to it (* " \ / < > : | ? # ^ [ ]), which also covers what
// Windows, macOS and Linux refuse.
const forbidden = `*"\/<>:|?#^[]`

// FileName returns the default file name of an article's export: its title
// as it reads, with only what Obsidian or a file system forbids taken out
// (the characters above become spaces; control and bidi-override
// characters go), NFC, at most 200 bytes cut on a character boundary,
// never hidden, never ending in a dot or space, never a Windows device
// name. An empty title gives "Untitled". ext may be given with or without
// its dot.
func FileName(a *store.Article, ext string) string {
	var title string
	if a != nil {
		title = a.Title
	}
	stem := cleanName(title)
	if stem == "" {
		stem = "Untitled"
	}
	if e := cleanExt(ext); e != "" {
		return stem + "." + e
	}
	return stem
}

// cleanName makes one path component from s: see FileName. It returns ""
// when nothing usable is left.
func cleanName(s string) string {
	t := norm.NFC.String(sanitize.Text(s))
	var b strings.Builder
	b.Grow(len(t))
	for _, r := range t {
		switch {
		case strings.ContainsRune(forbidden, r), unicode.IsSpace(r), unicode.IsControl(r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d':
			// Bidi overrides and other invisible format characters
			// (zero-width joiners stay: emoji and scripts need them).
		case r == '\uFFFD':
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Join(strings.Fields(b.String()), " ")
	name = norm.NFC.String(cutGraphemes(name, maxStem))
	// Not hidden, not an option, no trailing dot or space.
	name = strings.TrimLeft(name, ". -")
	name = strings.TrimRight(name, ". ")
	if name != "" && reserved(name) {
		name = "_" + name
	}
	return name
}

// cutGraphemes returns the longest prefix of s of at most n bytes that ends
// on a grapheme cluster boundary, so no accent or emoji is cut in half.
func cutGraphemes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	end := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		_, to := g.Positions()
		if to > n {
			break
		}
		end = to
	}
	return s[:end]
}

// reserved reports whether Windows would treat name as a device: CON, PRN,
// AUX, NUL, COM1-9, LPT1-9 (also with superscript digits), with or without
// an extension.
func reserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) >= 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		switch base[3:] {
		case "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}

// cleanExt keeps an extension's ASCII letters and digits, at most 16.
func cleanExt(ext string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimLeft(ext, ".")) {
		if (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') && b.Len() < 16 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
