package export

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"

	"margin/sanitize"
	"margin/store"
)

// maxStem bounds a file name before its extension, in bytes. Most file
// systems allow 255; the rest leaves room for ".margin-N.ext".
const maxStem = 200

// FileName returns a safe file name for an article's export: a slug of the
// title from an allow-list (letters, digits, combining marks and emoji; all
// else becomes "-"), lower-cased and NFC, cut on a character boundary, then
// "-" and the article id in base 36 so that equal titles get distinct names.
// It is always one path component, never hidden, never a Windows reserved
// name, never ends in a dot or space, and is at most 200 bytes plus the
// extension. ext may be given with or without its dot.
func FileName(a *store.Article, ext string) string {
	var title string
	var id int64
	if a != nil {
		title, id = a.Title, a.ID
	}
	suffix := "-" + strconv.FormatUint(uint64(id), 36)
	slug := cutGraphemes(slugify(title), maxStem-len(suffix))
	slug = strings.Trim(slug, "-")
	if slug == "" {
		slug = "article"
	}
	// The id suffix means no stem is a reserved device name (CON, NUL…).
	stem := slug + suffix
	if e := cleanExt(ext); e != "" {
		return stem + "." + e
	}
	return stem
}

// slugify maps a title to lower-case allow-listed runes separated by single
// hyphens.
func slugify(title string) string {
	t := norm.NFC.String(strings.ToLower(sanitize.Text(title)))
	var b strings.Builder
	b.Grow(len(t))
	dash := true // at start, or just wrote a hyphen
	for _, r := range t {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || emoji(r):
			b.WriteRune(r)
			dash = false
		case unicode.IsMark(r) && !dash:
			// A combining mark stays with the letter before it.
			b.WriteRune(r)
		default:
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	// NFC again: dropping a character can bring a base letter and a mark
	// together.
	return norm.NFC.String(strings.TrimRight(b.String(), "-"))
}

// emoji allows pictographic symbols (category So or Sk outside ASCII), but
// not the replacement and object characters that stand for broken text.
func emoji(r rune) bool {
	if r < 0x80 || r == '\uFFFD' || r == '\uFFFC' {
		return false
	}
	return unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r)
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
