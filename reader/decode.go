package reader

import (
	"bytes"
	"errors"
	"fmt"
	"margin/sanitize"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// DecodeHTML converts an HTML body to UTF-8 and sanitises it. The charset
// comes from a byte-order mark, then the Content-Type header, then the
// page's own meta tag, as browsers do, with corrections for pages that
// lie: a body that is (nearly all) valid UTF-8 and not plain ASCII is read
// as UTF-8 whatever a header or meta tag claims; and as a declaration of
// UTF-8 (which the body contradicts) or of the Latin-1 family (which old
// servers send for everything) is unreliable, a meta tag naming another
// charset beats such a header, and with nothing better declared the body
// is checked for Cyrillic text in windows-1251 or KOI8-R before falling
// back to windows-1252.
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
	return sanitize.Text(s), nil
}

// DecodeText converts a plain-text body to UTF-8 and sanitises it, like
// DecodeHTML but without looking for meta tags: a byte-order mark, valid
// UTF-8, the Content-Type charset unless it is UTF-8 or the Latin-1
// family, Cyrillic detection, else windows-1252.
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
		if e == nil || !reliableCharset(name) {
			e, name = nil, "utf-8"
			if invalid > 0 {
				e, name = fallbackEncoding(raw, false)
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
	return sanitize.Text(strings.TrimPrefix(s, "\ufeff")), nil
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
	if certain && reliableCharset(name) {
		return e, name
	}
	// The header is missing, of the Latin-1 family, or UTF-8 that the
	// body contradicts: a meta tag naming some other charset knows better.
	if me, mname := metaCharset(raw); me != nil && reliableCharset(mname) {
		return me, mname
	}
	if me, mname := headCharset(raw); me != nil && reliableCharset(mname) {
		return me, mname
	}
	if invalid == 0 && valid == 0 {
		// Plain ASCII reads the same in any of the fallbacks.
		return nil, "utf-8"
	}
	return fallbackEncoding(raw, true)
}

// reliableCharset says whether a declared charset (canonical name) can be
// taken at its word once the body has been found not to be UTF-8. UTF-8 is
// then plainly wrong, and windows-1252 (which iso-8859-1, latin1 and
// us-ascii map to) is what old servers and editors declare by default
// whatever the text, which is why browsers treat it as a weak hint.
func reliableCharset(name string) bool {
	return name != "" && name != "utf-8" && name != "windows-1252"
}

// fallbackEncoding decodes a body that is not UTF-8 and declares no
// reliable charset: Cyrillic in windows-1251 or KOI8-R when the text says
// so, else windows-1252, the web's default (and a superset of Latin-1).
func fallbackEncoding(raw []byte, markup bool) (encoding.Encoding, string) {
	if name := guessCyrillic(raw, markup); name != "" {
		if e, name := charset.Lookup(name); e != nil {
			return e, name
		}
	}
	return charset.Lookup("windows-1252")
}

// metaCharset returns the charset a <meta> tag near the top of raw
// declares, or nil. charset.DetermineEncoding does not say whether its
// answer came from a meta tag or from its own guess (UTF-8 if the prefix
// is valid UTF-8 with a high byte, else windows-1252), so it is asked
// twice: with the prefix's high bytes masked, so its guess is
// windows-1252, then behind a UTF-8 "é", so its guess is UTF-8. Only a
// meta tag gives the same answer both times. Charset labels are ASCII, so
// masking loses none.
func metaCharset(raw []byte) (encoding.Encoding, string) {
	const window = 1024 - 2 // DetermineEncoding reads 1024 bytes
	n := min(len(raw), window)
	buf := make([]byte, 2+n)
	buf[0], buf[1] = 0xc3, 0xa9
	for i, b := range raw[:n] {
		if b >= 0x80 {
			// Like a high byte, '_' neither opens a tag after '<' nor
			// ends a name.
			b = '_'
		}
		buf[2+i] = b
	}
	e, name, _ := charset.DetermineEncoding(buf[2:], "")
	if _, name2, _ := charset.DetermineEncoding(buf, ""); name2 != name {
		return nil, ""
	}
	return e, name
}

// headLimit bounds the scan for a meta tag past the prescan.
const headLimit = 64 << 10

// headCharset returns the charset a <meta> tag in the page's head
// declares past the 1024 bytes metaCharset reads, or nil. Browsers honour
// such a tag when the parser meets it ("change the encoding while
// parsing"); the Web Archive's scripts, put before every archived page's
// head, push a page's own tag past the prescan. The head ends at <body> or
// at the first tag that belongs to the body; a tag in a script is text.
func headCharset(raw []byte) (encoding.Encoding, string) {
	z := html.NewTokenizer(bytes.NewReader(raw[:min(len(raw), headLimit)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			switch string(name) {
			case "meta":
				var cs, equiv, content string
				for more {
					var k, v []byte
					k, v, more = z.TagAttr()
					switch strings.ToLower(string(k)) {
					case "charset":
						cs = string(v)
					case "http-equiv":
						equiv = strings.ToLower(string(v))
					case "content":
						content = string(v)
					}
				}
				if cs == "" && equiv == "content-type" {
					cs = contentCharset(content)
				}
				if cs != "" {
					if e, name := charset.Lookup(strings.TrimSpace(cs)); e != nil {
						return e, name
					}
				}
			case "html", "head", "title", "script", "style", "link", "base", "noscript", "template":
			default:
				return nil, "" // the body has begun
			}
		}
	}
}

// contentCharset is the charset a Content-Type value names ("text/html;
// charset=gb2312"), or "".
func contentCharset(content string) string {
	_, params, err := mime.ParseMediaType(content)
	if err != nil && !errors.Is(err, mime.ErrInvalidMediaParameter) {
		return ""
	}
	return params["charset"]
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
