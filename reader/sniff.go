package reader

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// sniffLen is how much of a body the sniffers look at: enough to get past a
// long <head> or a licence comment, small enough to cost nothing.
const sniffLen = 8 << 10

// LooksLikeHTML reports whether b (a file or standard input) is an HTML
// document or fragment rather than plain text: it starts with a doctype,
// comment or known tag, names <html>, <head> or <body> near the start, or
// carries several block tags including a closing one. A lone "<" in prose
// is not enough.
func LooksLikeHTML(b []byte) bool {
	if len(b) > sniffLen {
		b = b[:sniffLen]
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	if len(b) == 0 {
		return false
	}
	lower := bytes.ToLower(b)
	if bytes.HasPrefix(lower, []byte("<!doctype html")) {
		return true
	}
	// A leading comment or XML declaration is how many saved pages start.
	if bytes.HasPrefix(lower, []byte("<!--")) || bytes.HasPrefix(lower, []byte("<?xml")) {
		if _, ok := tagAt(lower, bytes.Index(lower, []byte("<html"))); ok {
			return true
		}
		if bytes.Contains(lower, []byte("<!doctype html")) {
			return true
		}
	}
	if _, ok := tagAt(lower, 0); ok {
		return true
	}
	blocks, closing := 0, 0
	for i := 0; i < len(lower); {
		j := bytes.IndexByte(lower[i:], '<')
		if j < 0 {
			break
		}
		i += j
		name, ok := tagAt(lower, i)
		i++
		if !ok {
			continue
		}
		switch name {
		case "html", "head", "body":
			return true
		}
		if blockTags[name] {
			blocks++
			if lower[i] == '/' {
				closing++
			}
		}
	}
	return blocks >= 3 && closing >= 1
}

// knownTags and blockTags are elements whose tag at the very start of a
// text makes it HTML; blockTags are also counted further in. Inline tags
// (img, a, span) do not count at the start: text pasted from a browser
// often begins with a stray tracking pixel.
var (
	knownTags = map[string]bool{
		"html": true, "head": true, "body": true, "meta": true, "title": true,
		"link": true, "script": true, "style": true, "template": true,
		"base": true, "noscript": true,
	}
	blockTags = map[string]bool{
		"p": true, "div": true, "article": true, "section": true, "main": true,
		"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"ul": true, "ol": true, "li": true, "table": true, "tr": true, "td": true,
		"blockquote": true, "pre": true, "br": true, "hr": true, "header": true,
		"footer": true, "nav": true, "figure": true, "aside": true, "dl": true,
	}
)

// tagAt reports the element name of an opening or closing tag of a known
// element starting at lower[i] (which must be '<'), such as "<p>", "</div>"
// or "<a href=...". The name must be followed by '>', '/' or white space.
func tagAt(lower []byte, i int) (string, bool) {
	if i < 0 || i >= len(lower) || lower[i] != '<' {
		return "", false
	}
	j := i + 1
	if j < len(lower) && lower[j] == '/' {
		j++
	}
	k := j
	for k < len(lower) && (lower[k] >= 'a' && lower[k] <= 'z' || lower[k] >= '0' && lower[k] <= '9') {
		k++
	}
	if k == j || k >= len(lower) {
		return "", false
	}
	switch lower[k] {
	case '>', '/', ' ', '\t', '\n', '\r', '\f':
	default:
		return "", false
	}
	name := string(lower[j:k])
	if knownTags[name] || blockTags[name] {
		return name, true
	}
	return "", false
}

// IsBinary reports whether b is not text in any encoding: a file format
// with a known signature, NUL bytes, or many bytes that no text contains.
func IsBinary(b []byte) bool {
	return BinaryKind(b) != ""
}

// magic lists signatures of formats people are likely to hand margin by
// mistake, with the name the error message uses.
var magic = []struct {
	offset int
	sig    string
	kind   string
}{
	{0, "%PDF-", "PDF"},
	{0, "PK\x03\x04", "a ZIP archive (or an office document or EPUB)"},
	{0, "PK\x05\x06", "a ZIP archive"},
	{0, "\x1f\x8b", "gzip-compressed data"},
	{0, "\xfd7zXZ\x00", "xz-compressed data"},
	{0, "7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{0, "\x28\xb5\x2f\xfd", "zstd-compressed data"},
	{0, "Rar!\x1a\x07", "a RAR archive"},
	{0, "\x89PNG\r\n\x1a\n", "a PNG image"},
	{0, "GIF87a", "a GIF image"},
	{0, "GIF89a", "a GIF image"},
	{0, "\xff\xd8\xff", "a JPEG image"},
	{4, "ftyp", "a video or HEIC image"},
	{0, "II*\x00", "a TIFF image"},
	{0, "MM\x00*", "a TIFF image"},
	{0, "\x00\x00\x01\x00", "an icon"},
	{0, "OggS", "Ogg audio or video"},
	{0, "fLaC", "FLAC audio"},
	{0, "ID3\x02", "MP3 audio"},
	{0, "ID3\x03", "MP3 audio"},
	{0, "ID3\x04", "MP3 audio"},
	{0, "\x1aE\xdf\xa3", "a Matroska or WebM video"},
	{0, "wOFF", "a web font"},
	{0, "wOF2", "a web font"},
	{0, "\x7fELF", "a program"},
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"},
	{0, "SQLite format 3\x00", "an SQLite database"},
	{0, "\x00asm", "WebAssembly"},
}

// BinaryKind names what b looks like when it is not text ("PDF", "a PNG
// image", "binary data"), or returns "" when b may be text. Legacy 8-bit
// encodings (windows-1251, latin-1) and UTF-16 with a byte-order mark
// count as text.
func BinaryKind(b []byte) string {
	for _, m := range magic {
		if len(b) >= m.offset+len(m.sig) && string(b[m.offset:m.offset+len(m.sig)]) == m.sig {
			return m.kind
		}
	}
	if len(b) >= 10 && string(b[:3]) == "BZh" && b[3] >= '1' && b[3] <= '9' && string(b[4:10]) == "1AY&SY" {
		return "bzip2-compressed data"
	}
	if len(b) >= 12 && string(b[:4]) == "RIFF" {
		switch string(b[8:12]) {
		case "WEBP":
			return "a WebP image"
		case "WAVE":
			return "WAV audio"
		case "AVI ":
			return "an AVI video"
		}
	}
	if len(b) > sniffLen {
		b = b[:sniffLen]
	}
	// UTF-16 text is full of NULs; its byte-order mark says it is text.
	if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		return ""
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "binary data"
	}
	// Score bytes that text does not contain: C0 controls other than
	// white space and ESC count 2, bytes 0x80-0x9F that are not part of
	// valid UTF-8 count 1 (windows-1251 and -1252 put quotes and dashes
	// there, so they are only half as suspect). Random data scores about
	// 0.33 a byte, text near 0; plain invalid UTF-8 proves nothing, since
	// every legacy 8-bit page is invalid UTF-8.
	odd := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
				odd += 2
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !utf8.FullRune(b[i:]) {
				break // a rune cut by the sample's end
			}
			if c <= 0x9f {
				odd++
			}
		}
		i += size
	}
	if len(b) >= 16 && odd*5 > len(b) {
		return "binary data"
	}
	return ""
}

// sniffUTF16 reports whether b, which has no byte-order mark, is UTF-16
// text, and in which byte order. Text in Latin script is ASCII-heavy, so
// in UTF-16 one byte of most pairs is NUL, always the same one. When the
// charset was declared (declared: the header said utf-16), a body of
// whole pairs with no NUL character (00 00) is enough; the byte order is
// then read from the NULs, little-endian (as WHATWG decodes a bare
// "utf-16") when there are none.
func sniffUTF16(b []byte, declared bool) (bigEndian, ok bool) {
	if len(b) < 2 || len(b)%2 != 0 && !declared {
		return false, false
	}
	if len(b) > sniffLen {
		b = b[:sniffLen]
	}
	var hi, lo, both, pairs int // NUL first (big-endian ASCII), NUL second, both
	for i := 0; i+1 < len(b); i += 2 {
		pairs++
		switch {
		case b[i] == 0 && b[i+1] == 0:
			both++
		case b[i] == 0:
			hi++
		case b[i+1] == 0:
			lo++
		}
	}
	if both > 0 {
		return false, false
	}
	if declared {
		return hi > lo, true
	}
	// Undeclared: at least 30% of the pairs carry a NUL, nearly always
	// on the same side.
	switch {
	case lo*10 >= pairs*3 && hi*20 <= lo:
		return false, true
	case hi*10 >= pairs*3 && lo*20 <= hi:
		return true, true
	}
	return false, false
}

// fromUTF16 converts a BOM-less UTF-16 body to UTF-8 when it is one (see
// sniffUTF16), so the sniffers and decoders after it see text.
func fromUTF16(b []byte, declared bool) ([]byte, bool) {
	if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		return b, false // the decoders read a byte-order mark themselves
	}
	big, ok := sniffUTF16(b, declared)
	if !ok {
		return b, false
	}
	order := unicode.LittleEndian
	if big {
		order = unicode.BigEndian
	}
	out, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(b[:len(b)&^1])
	if err != nil {
		return b, false
	}
	return out, true
}
