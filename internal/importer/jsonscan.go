package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A wallabag export is a JSON array of entries whose "content" (the
// stored HTML) is nearly every byte of the file. encoding/json's Decoder
// scans each byte of it twice, about 200 MB/s: a 16 MB export took 90 ms
// to parse and a 190 MB one two seconds, all before the import's workers
// could start. The scan below reads an export on disk at memory speed: it
// steps over each content string, noting only its size (and its text when
// short), and hands the rest of the entry, the small fields, to
// encoding/json. It reads only what it is sure of, strictly: anything
// else (an export that is not an array of objects, a content that is not
// a string, a syntax error) ends it, and the Decoder reads the file again
// as before, with its messages. FuzzLazyWallabag holds the two to the same
// items. When the import needs an entry's content it reads back only that
// string and decodes it in one pass (unquote).

// scanned is one entry of the array as the scan read it.
type scanned struct {
	entry      wallabagEntry // its fields but the content, decoded
	typeErr    error         // a field of the wrong type: the entry is skipped
	content    []byte        // the raw content string, when short (nil when long)
	contentLen int64         // the raw content's length in bytes (0: none)
	at         [2]int64      // where the raw content string is in the file
	span       [2]int64      // the entry's bytes, from the end of the one before
}

// shortContent is the longest raw content the scan keeps: enough for
// fetchFailed's test of contents under 1 KB.
const shortContent = 2048

// maxFields bounds an entry's small fields; an entry with more is left to
// the Decoder.
const maxFields = 1 << 20

var errScan = errors.New("not for the scan")

// jsonScanner reads JSON from a buffered reader, counting the offset.
type jsonScanner struct {
	r   *bufio.Reader
	off int64
}

func (s *jsonScanner) peek() (byte, error) {
	for {
		b, err := s.r.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\n', '\r':
			s.r.Discard(1)
			s.off++
			continue
		}
		return b[0], nil
	}
}

// expect reads the next byte after white space and checks it is c.
func (s *jsonScanner) expect(c byte) error {
	b, err := s.peek()
	if err != nil || b != c {
		return errScan
	}
	s.r.Discard(1)
	s.off++
	return nil
}

// str reads a string whose opening quote is next, validating it as
// encoding/json does (no control characters, known escapes), and returns
// its raw length with its quotes. keep gets the raw bytes, while they
// number at most limit; it is set to nil when there were more.
func (s *jsonScanner) str(keep *[]byte, limit int) (int64, error) {
	if err := s.expect('"'); err != nil {
		return 0, err
	}
	n := int64(1)
	if keep != nil {
		*keep = append((*keep)[:0], '"')
	}
	for {
		buf, _ := s.r.Peek(max(s.r.Buffered(), 6))
		if len(buf) == 0 {
			return 0, errScan
		}
		i, done := 0, false
	scan:
		for i < len(buf) {
			switch c := buf[i]; {
			case c == '"':
				i++
				done = true
				break scan
			case c == '\\':
				if i+1 >= len(buf) {
					break scan // the escape goes on past the buffer
				}
				switch buf[i+1] {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
					i += 2
				case 'u':
					if i+6 > len(buf) {
						break scan
					}
					for _, h := range buf[i+2 : i+6] {
						if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
							return 0, errScan
						}
					}
					i += 6
				default:
					return 0, errScan
				}
			case c < 0x20:
				return 0, errScan
			default:
				i++
			}
		}
		if i == 0 && !done {
			// An escape cut by the end of the input (six bytes, when
			// there are more, hold any escape).
			return 0, errScan
		}
		if keep != nil && *keep != nil {
			if int(n)+i <= limit {
				*keep = append(*keep, buf[:i]...)
			} else {
				*keep = nil
			}
		}
		s.r.Discard(i)
		s.off += int64(i)
		n += int64(i)
		if done {
			return n, nil
		}
	}
}

// value reads any JSON value into out (raw); encoding/json checks what
// it kept when it decodes the fields.
func (s *jsonScanner) value(out *[]byte, depth int) error {
	if depth > 100 || len(*out) > maxFields {
		return errScan
	}
	b, err := s.peek()
	if err != nil {
		return errScan
	}
	switch b {
	case '"':
		var raw []byte
		if _, err := s.str(&raw, maxFields); err != nil || raw == nil {
			return errScan
		}
		*out = append(*out, raw...)
		return nil
	case '{', '[':
		end := byte('}')
		if b == '[' {
			end = ']'
		}
		s.r.Discard(1)
		s.off++
		*out = append(*out, b)
		for first := true; ; first = false {
			c, err := s.peek()
			if err != nil {
				return errScan
			}
			if c == end {
				s.r.Discard(1)
				s.off++
				*out = append(*out, end)
				return nil
			}
			if !first {
				if err := s.expect(','); err != nil {
					return err
				}
				*out = append(*out, ',')
			}
			if b == '{' {
				var key []byte
				if _, err := s.str(&key, maxFields); err != nil || key == nil {
					return errScan
				}
				if err := s.expect(':'); err != nil {
					return err
				}
				*out = append(append(*out, key...), ':')
			}
			if err := s.value(out, depth+1); err != nil {
				return err
			}
		}
	}
	// A number, true, false or null: its bytes up to a delimiter.
	for {
		c, err := s.r.Peek(1)
		if err != nil {
			return nil
		}
		switch c[0] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return nil
		}
		if len(*out) > maxFields {
			return errScan
		}
		*out = append(*out, c[0])
		s.r.Discard(1)
		s.off++
	}
}

// entry reads one object of the array into e, setting its content aside
// and the rest, as a JSON object, in fields (a buffer reused entry after
// entry).
func (s *jsonScanner) entry(e *scanned, fields *[]byte) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	*fields = append((*fields)[:0], '{')
	for first := true; ; first = false {
		c, err := s.peek()
		if err != nil {
			return errScan
		}
		if c == '}' {
			s.r.Discard(1)
			s.off++
			*fields = append(*fields, '}')
			return nil
		}
		if !first {
			if err := s.expect(','); err != nil {
				return err
			}
		}
		var key []byte
		if _, err := s.str(&key, 256); err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		if isContentKey(key) {
			if c, err := s.peek(); err != nil || c != '"' {
				return errScan // a content that is not a string
			}
			content := make([]byte, 0, 64)
			start := s.off
			n, err := s.str(&content, shortContent)
			if err != nil {
				return err
			}
			if n-2 > maxContentBytes {
				return errScan // contentSize decodes such a one
			}
			e.content, e.contentLen, e.at = content, n, [2]int64{start, s.off}
			continue
		}
		if key == nil {
			return errScan // a long key: the Decoder's
		}
		if len(*fields) > 1 {
			*fields = append(*fields, ',')
		}
		*fields = append(append(*fields, key...), ':')
		if err := s.value(fields, 0); err != nil {
			return err
		}
	}
}

// isContentKey reports whether a raw key names the content field, as
// encoding/json matches keys to fields (escapes decoded, case folded).
func isContentKey(raw []byte) bool {
	if raw == nil {
		return false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return len(raw) == len(`"content"`) && strings.EqualFold(string(raw[1:len(raw)-1]), "content")
	}
	var k string
	if json.Unmarshal(raw, &k) != nil {
		return false
	}
	return strings.EqualFold(k, "content")
}

// scanWallabag reads an export's entries, or reports false when the file
// is one for the Decoder. It stops after maxItems+1 entries: p.add refuses
// the one past the limit.
func (p *parser) scanWallabag(r io.Reader) ([]scanned, bool) {
	s := &jsonScanner{r: bufio.NewReaderSize(r, 256<<10)}
	if s.expect('[') != nil {
		return nil, false
	}
	var out []scanned
	var fields []byte
	for first := true; ; first = false {
		if p.ctx.Err() != nil || len(out) > maxItems {
			return out, true
		}
		start := s.off
		c, err := s.peek()
		if err != nil {
			return nil, false
		}
		if c == ']' {
			return out, true
		}
		if !first && s.expect(',') != nil {
			return nil, false
		}
		e := scanned{}
		e.span[0] = start
		if s.entry(&e, &fields) != nil {
			return nil, false
		}
		e.span[1] = s.off
		var te *json.UnmarshalTypeError
		switch err := json.Unmarshal(fields, &e.entry); {
		case errors.As(err, &te):
			e.typeErr = err
		case err != nil:
			return nil, false // what the scan kept is not JSON: the Decoder says where
		}
		out = append(out, e)
	}
}

// unquote decodes a JSON string (its raw bytes, quotes included) as
// encoding/json does: escapes, surrogate pairs (a lone one is U+FFFD),
// each byte of invalid UTF-8 as U+FFFD. Runs without escapes are copied
// whole, so a page's HTML is read once rather than scanned and decoded.
func unquote(raw []byte) ([]byte, error) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return nil, errors.New("not a JSON string")
	}
	s := raw[1 : len(raw)-1]
	out := make([]byte, 0, len(s))
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\\')
		if i < 0 {
			i = len(s)
		}
		run := s[:i]
		if utf8.Valid(run) {
			out = append(out, run...)
		} else {
			for j := 0; j < len(run); {
				r, size := utf8.DecodeRune(run[j:])
				out = utf8.AppendRune(out, r) // RuneError for an invalid byte
				j += size
			}
		}
		for _, c := range run {
			if c < 0x20 {
				return nil, errors.New("a control character in a JSON string")
			}
		}
		s = s[i:]
		if len(s) == 0 {
			break
		}
		if len(s) < 2 {
			return nil, errors.New("a JSON string ends in an escape")
		}
		switch c := s[1]; c {
		case '"', '\\', '/':
			out = append(out, c)
			s = s[2:]
		case 'b':
			out, s = append(out, '\b'), s[2:]
		case 'f':
			out, s = append(out, '\f'), s[2:]
		case 'n':
			out, s = append(out, '\n'), s[2:]
		case 'r':
			out, s = append(out, '\r'), s[2:]
		case 't':
			out, s = append(out, '\t'), s[2:]
		case 'u':
			r := hex4(s[2:])
			if r < 0 {
				return nil, errors.New("a bad \\u escape in a JSON string")
			}
			s = s[6:]
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if len(s) >= 2 && s[0] == '\\' && s[1] == 'u' {
					r2 = hex4(s[2:])
				}
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					s = s[6:]
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return nil, errors.New("a bad escape in a JSON string")
		}
	}
	return out, nil
}

// hex4 is the value of four hex digits at the start of b, or -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
