package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// errSkip is what decode returns for an entry of the wrong shape, already
// recorded as a problem; the caller skips the entry.
var errSkip = errors.New("entry skipped")

// jsonArray decodes a JSON array one element at a time, so a file of
// thousands of articles never becomes one tree in memory. fn gets a
// decode function, which it must call once with the element's Go value,
// and a reference ("data.json entry 12"). A top-level object holding an
// array (under any key) is read the same way.
func (p *parser) jsonArray(name string, r io.Reader, fn func(decode func(v any) error, ref string) error) error {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		return jsonFail(name, dec, err)
	}
	if d, ok := tok.(json.Delim); ok && d == '{' {
		// {"items": [...]} or similar: find the first array value.
		for {
			if !dec.More() {
				return fmt.Errorf("%s: JSON object without an array of entries", name)
			}
			if _, err := dec.Token(); err != nil { // key
				return jsonFail(name, dec, err)
			}
			peek, err := dec.Token()
			if err != nil {
				return jsonFail(name, dec, err)
			}
			if d, ok := peek.(json.Delim); ok && d == '[' {
				break
			}
			if d, ok := peek.(json.Delim); ok && d == '{' {
				// skip a nested object
				for depth := 1; depth > 0; {
					t, err := dec.Token()
					if err != nil {
						return jsonFail(name, dec, err)
					}
					if d, ok := t.(json.Delim); ok {
						if d == '{' || d == '[' {
							depth++
						} else {
							depth--
						}
					}
				}
			}
		}
	} else if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("%s: JSON is not an array of entries", name)
	}
	n := 0
	for dec.More() {
		if err := p.ctx.Err(); err != nil {
			return err
		}
		n++
		ref := fmt.Sprintf("%s entry %d", name, n)
		decode := func(v any) error {
			p.span[0] = dec.InputOffset()
			err := dec.Decode(v)
			p.span[1] = dec.InputOffset()
			var te *json.UnmarshalTypeError
			switch {
			case err == nil:
				return nil
			case errors.As(err, &te):
				p.problem("%s: %s", ref, jsonErr(err))
				return errSkip
			case errors.Is(err, io.ErrUnexpectedEOF):
				// The decoder stays at the entry's start: name the entry
				// rather than its first byte.
				return fmt.Errorf("%s: JSON ends early, in entry %d: the file is cut short", name, n)
			}
			return jsonFail(name, dec, err)
		}
		if err := fn(decode, ref); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return jsonFail(name, dec, err)
	}
	return nil
}

// jsonFail is a decoding error as one line.
func jsonFail(name string, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	var le *limitError
	switch {
	case errors.As(err, &le):
		return le
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%s: JSON ends early at byte %d", name, dec.InputOffset())
	case errors.As(err, &se):
		return fmt.Errorf("%s: bad JSON at byte %d: %v", name, se.Offset, se)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// jsonErr shortens an element's unmarshalling error.
func jsonErr(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %s is a JSON %s, expected %s", te.Field, te.Value, te.Type)
	}
	return err.Error()
}

// flexTime is a date written as a string in any form parseDate reads, or
// as a number of seconds or milliseconds.
// raw is what was written when it could not be read as a date.
type flexTime struct {
	t   time.Time
	raw string
}

func (f *flexTime) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		f.t = parseDate(s)
		if f.t.IsZero() && strings.TrimSpace(s) != "" {
			f.raw = s
		}
		return nil
	}
	var n float64
	if json.Unmarshal(b, &n) == nil {
		if f.t = unixTime(n); f.t.IsZero() {
			f.raw = string(b)
		}
	}
	return nil
}

// flexBool is true, 1, "1" or "true".
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.ToLower(strings.TrimSpace(string(b))), `"`)
	*f = s == "true" || s == "1" || s == "yes"
	return nil
}

// flexNum is a number, or a string holding one ("50", "0.5", "50%").
type flexNum float64

func (f *flexNum) UnmarshalJSON(b []byte) error {
	s := strings.TrimSuffix(strings.Trim(strings.TrimSpace(string(b)), `"`), "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err == nil {
		*f = flexNum(v)
	}
	return nil
}

// flexNames is a list of names written as strings or as objects with a
// name, label or title ({"name":"x","color":"#fff"}); one string alone
// counts as a list of one.
type flexNames []string

func (f *flexNames) UnmarshalJSON(b []byte) error {
	var raws []json.RawMessage
	if err := json.Unmarshal(b, &raws); err != nil {
		var s string
		if json.Unmarshal(b, &s) == nil && s != "" {
			*f = flexNames{s}
		}
		return nil
	}
	for _, r := range raws {
		var s string
		if json.Unmarshal(r, &s) == nil {
			*f = append(*f, s)
			continue
		}
		var o struct {
			Name  string `json:"name"`
			Label string `json:"label"`
			Title string `json:"title"`
		}
		if json.Unmarshal(r, &o) == nil {
			switch {
			case o.Name != "":
				*f = append(*f, o.Name)
			case o.Label != "":
				*f = append(*f, o.Label)
			case o.Title != "":
				*f = append(*f, o.Title)
			}
		}
	}
	return nil
}

// flexString is a string, or a number or anything else written as text.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*f = flexString(s)
		return nil
	}
	if string(b) != "null" {
		*f = flexString(cut(string(b), maxLineBytes))
	}
	return nil
}
