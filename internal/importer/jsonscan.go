package importer

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"strings"
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
// items.

// scanned is one entry of the array as the scan read it.
type scanned struct {
	entry      wallabagEntry // its fields but the content, decoded
	typeErr    error         // a field of the wrong type: the entry is skipped
	fields     []byte        // the entry without its content, as a JSON object
	content    []byte        // the raw content string, when short (nil when long)
	contentLen int64         // the raw content's length in bytes (0: none)
	span       [2]int64
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

// entry reads one object of the array, setting its content aside.
func (s *jsonScanner) entry(e *scanned) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	e.fields = append(e.fields[:0], '{')
	for first := true; ; first = false {
		c, err := s.peek()
		if err != nil {
			return errScan
		}
		if c == '}' {
			s.r.Discard(1)
			s.off++
			e.fields = append(e.fields, '}')
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
			n, err := s.str(&content, shortContent)
			if err != nil {
				return err
			}
			if n-2 > maxContentBytes {
				return errScan // contentSize decodes such a one
			}
			e.content, e.contentLen = content, n
			continue
		}
		if key == nil {
			return errScan // a long key: the Decoder's
		}
		if len(e.fields) > 1 {
			e.fields = append(e.fields, ',')
		}
		e.fields = append(append(e.fields, key...), ':')
		if err := s.value(&e.fields, 0); err != nil {
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
		if s.entry(&e) != nil {
			return nil, false
		}
		e.span[1] = s.off
		var te *json.UnmarshalTypeError
		switch err := json.Unmarshal(e.fields, &e.entry); {
		case errors.As(err, &te):
			e.typeErr = err
		case err != nil:
			return nil, false // what the scan kept is not JSON: the Decoder says where
		}
		e.fields = nil
		out = append(out, e)
	}
}
