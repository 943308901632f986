package reader

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// DecodeHTML converts an HTML body to UTF-8 and sanitises it. The charset
// comes from a byte-order mark, then the Content-Type header, then the
// page's own meta tag, as browsers do, with two corrections for pages
// that lie: a body that is (nearly all) valid UTF-8 and not plain ASCII is
// read as UTF-8 whatever a header or meta tag claims, and a body declared
// UTF-8 that mostly is not falls back to its meta tag or windows-1252.
func DecodeHTML(raw []byte, contentType string) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	e, name := htmlEncoding(raw, contentType)
	var s string
	if e == nil {
		s = string(raw)
	} else {
		b, err := e.NewDecoder().Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("decode %s: %w", name, err)
		}
		s = string(b)
	}
	s = strings.TrimPrefix(s, "\ufeff")
	return Sanitize(s), nil
}

// DecodeText converts a plain-text body to UTF-8 and sanitises it, like
// DecodeHTML but without looking for meta tags: a byte-order mark, the
// Content-Type charset, valid UTF-8, else windows-1252.
func DecodeText(raw []byte, contentType string) (string, error) {
	var e encoding.Encoding
	name := "utf-8"
	valid, invalid := utf8Stats(raw)
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
	case bytes.HasPrefix(raw, []byte("\xff\xfe")), bytes.HasPrefix(raw, []byte("\xfe\xff")):
		e, name, _ = charset.DetermineEncoding(raw, "")
	case valid > 0 && invalid*10 <= valid:
	default:
		if _, params, err := mime.ParseMediaType(contentType); err == nil || errors.Is(err, mime.ErrInvalidMediaParameter) {
			if cs, ok := params["charset"]; ok {
				e, name = charset.Lookup(cs)
			}
		}
		if e == nil || name == "utf-8" {
			e, name = nil, "utf-8"
			if invalid > 0 {
				// Undeclared or falsely declared UTF-8: most likely an
				// old Western text.
				e, name = charset.Lookup("windows-1252")
			}
		}
	}
	s := string(raw)
	if e != nil {
		b, err := e.NewDecoder().Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("decode %s: %w", name, err)
		}
		s = string(b)
	}
	return Sanitize(strings.TrimPrefix(s, "\ufeff")), nil
}

// htmlEncoding chooses the decoder for raw; nil means the bytes are UTF-8
// already (invalid sequences are left for Sanitize to replace).
func htmlEncoding(raw []byte, contentType string) (encoding.Encoding, string) {
	// Strip a UTF-8 byte-order mark here; UTF-16 ones go through the
	// decoder, which needs them.
	if bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
		return nil, "utf-8"
	}
	e, name, certain := charset.DetermineEncoding(raw, contentType)
	if certain && strings.HasPrefix(name, "utf-16") {
		// UTF-16 from a BOM or a header: ASCII text in it is full of NULs,
		// which pass for valid UTF-8, so trust the declaration.
		return e, name
	}
	valid, invalid := utf8Stats(raw)
	if valid > 0 && invalid*10 <= valid {
		// Text in a legacy 8-bit encoding almost never forms valid UTF-8
		// sequences, so a body that is (nearly) all valid UTF-8 is UTF-8
		// whatever the server or the page claims.
		return nil, "utf-8"
	}
	if name == "utf-8" && invalid > 0 {
		// Declared or detected UTF-8 but mostly is not: the page's meta
		// tag, else the windows-1252 default, reads a legacy page better
		// than a run of U+FFFDs.
		if e2, name2, _ := charset.DetermineEncoding(raw, ""); name2 != "utf-8" {
			return e2, name2
		}
	}
	if name == "utf-8" || e == encoding.Nop {
		return nil, "utf-8"
	}
	return e, name
}

// utf8Stats counts the multi-byte UTF-8 sequences in b and the bytes that
// are not part of one.
func utf8Stats(b []byte) (valid, invalid int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid, invalid
}
