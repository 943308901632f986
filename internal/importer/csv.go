package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// table is a CSV file read by its header's column names.
type table struct {
	name string
	r    *csv.Reader
	raw  *rawInput
	cols map[string]int // lower-case header name -> index
	ncol int
	// line0 is the file's line before the text r reads (a sub table's);
	// reread counts the bytes read again, shared by the sub tables.
	line0  int
	reread *int
}

// rawInput keeps what the CSV reader has read since the end of the last
// record, so that a record that ran over several lines can be read again
// line by line.
type rawInput struct {
	r     io.Reader
	whole []byte // the whole input when it is in memory already: nothing is copied
	buf   []byte
	base  int64 // the input offset of buf[0]
}

func (ri *rawInput) Read(p []byte) (int, error) {
	n, err := ri.r.Read(p)
	if ri.whole == nil {
		ri.buf = append(ri.buf, p[:n]...)
	}
	return n, err
}

// take returns the input up to offset end and forgets it.
func (ri *rawInput) take(end int64) []byte {
	if ri.whole != nil {
		out := ri.whole[min(ri.base, end):end]
		ri.base = end
		return out
	}
	k := min(max(int(end-ri.base), 0), len(ri.buf))
	out := ri.buf[:k:k]
	ri.buf, ri.base = ri.buf[k:], end
	return out
}

// openTable reads a CSV's header row. Rows are checked against its
// column count by rows.
// notCSV names what a file that opens like JSON, HTML or a zip is; ""
// for anything else.
func notCSV(peek []byte) string {
	t := bytes.TrimLeft(bytes.TrimPrefix(peek, bom), " \t\r\n")
	switch {
	case bytes.HasPrefix(t, []byte("PK\x03\x04")):
		return "a zip"
	case len(t) > 0 && (t[0] == '{' || t[0] == '['):
		return "JSON"
	case len(t) > 0 && t[0] == '<':
		return "HTML or XML"
	}
	return ""
}

func openTable(name string, rd io.Reader) (*table, error) {
	br, ok := rd.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(rd, sniffBytes)
	}
	peek, _ := br.Peek(sniffBytes)
	if k := notCSV(peek); k != "" {
		// --format named a CSV export for a file that is no table: "no
		// url column in the CSV header" of a JSON file misled.
		return nil, fmt.Errorf("%s: not a CSV file (it reads as %s)", name, k)
	}
	raw := &rawInput{r: br}
	r := csv.NewReader(raw)
	r.Comma = headerComma(peek)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	head, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty CSV file", name)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("%s: bad CSV header: %v", name, pe.Err)
	}
	if err != nil {
		return nil, wrap(name, err)
	}
	raw.take(r.InputOffset())
	t := &table{name: name, r: r, raw: raw, cols: map[string]int{}, ncol: len(head), reread: new(int)}
	for i, h := range head {
		if i == 0 {
			h = string(bytes.TrimPrefix([]byte(h), bom))
		}
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := t.cols[h]; !dup {
			t.cols[h] = i
		}
	}
	return t, nil
}

func (t *table) has(col string) bool { _, ok := t.cols[col]; return ok }

// get returns a row's field of the named column, "" when there is none.
func (t *table) get(rec []string, col string) string {
	if i, ok := t.cols[col]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

// rows calls fn with each row of the right width and its reference
// ("export.csv line 12"); a row of another width or a row the CSV reader
// refuses is a problem, and skipped.
func (p *parser) rows(t *table, fn func(rec []string, ref string) error) error {
	for {
		if err := p.ctx.Err(); err != nil {
			return err
		}
		rec, err := t.r.Read()
		if err == io.EOF {
			return nil
		}
		raw := t.raw.take(t.r.InputOffset())
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.problem("%s line %d: %v", t.name, t.line0+pe.StartLine, csvErr(pe.Err))
			continue
		}
		if err != nil {
			return wrap(t.name, err)
		}
		ln, _ := t.r.FieldPos(0)
		ln += t.line0
		ref := fmt.Sprintf("%s line %d", t.name, ln)
		if len(rec) == t.ncol && t.rowInside(raw) {
			if rest, ok := t.afterFirstLine(raw); ok {
				// A quote escaped with a backslash (which CSV does not
				// know) ran the row on over the rows below it, with the
				// right count of columns at its end.
				p.problem("%s: a quote in it is not closed (a backslash does not escape one in CSV), so it ran into the rows below; only its first line is skipped", ref)
				if err := p.rows(t.sub(rest, ln+1), fn); err != nil {
					return err
				}
				continue
			}
		}
		if len(rec) != t.ncol {
			if rest, ok := t.afterFirstLine(raw); ok {
				// A quote opened and never closed took the lines after
				// it into one field: that row alone is skipped, and the
				// lines after it are read again as rows.
				p.problem("%s: %d %s, expected %d; a quote in it is not closed, so only its first line is skipped", ref, len(rec), plural(len(rec), "column", "columns"), t.ncol)
				if err := p.rows(t.sub(rest, ln+1), fn); err != nil {
					return err
				}
				continue
			}
			p.problem("%s: %d %s, expected %d", ref, len(rec), plural(len(rec), "column", "columns"), t.ncol)
			continue
		}
		if err := fn(rec, ref); err != nil {
			return err
		}
	}
}

// rowInside reports whether raw, a record's text, holds after its first
// line a whole row of the table's: a line of its columns whose address
// column holds a web address. Only a quote left open runs a record on
// over rows; a note or a quote over several lines holds no such line.
func (t *table) rowInside(raw []byte) bool {
	col, ok := t.cols["url"]
	if !ok || bytes.IndexByte(bytes.TrimRight(raw, "\r\n"), '\n') < 0 {
		return false
	}
	_, rest, _ := bytes.Cut(raw, []byte("\n"))
	for len(rest) > 0 {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		r := csv.NewReader(bytes.NewReader(l))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = t.r.Comma, -1, true
		rec, err := r.Read()
		if err == nil && len(rec) == t.ncol {
			if u := strings.ToLower(strings.TrimSpace(rec[col])); strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
				return true
			}
		}
	}
	return false
}

// maxReread is how much of a CSV file may be read again after unclosed
// quotes (a hostile file of them would otherwise be read again at each).
const maxReread = 16 << 20

// afterFirstLine is what follows the first line of raw, a record's text,
// when the record ran over several lines; ok is false for a record on one
// line, or past maxReread.
func (t *table) afterFirstLine(raw []byte) (rest []byte, ok bool) {
	for {
		l, after, found := bytes.Cut(raw, []byte("\n"))
		if !found {
			return nil, false
		}
		raw = after
		if len(bytes.TrimSpace(l)) > 0 {
			break // blank lines before it were stepped over by the reader
		}
	}
	if len(bytes.TrimSpace(raw)) == 0 || *t.reread+len(raw) > maxReread {
		return nil, false
	}
	*t.reread += len(raw)
	return raw, true
}

// sub is a table of the same columns reading text, whose first line is
// line first of the file.
func (t *table) sub(text []byte, first int) *table {
	raw := &rawInput{r: bytes.NewReader(text), whole: text}
	r := csv.NewReader(raw)
	r.Comma = t.r.Comma
	r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = -1, true, true
	return &table{name: t.name, r: r, raw: raw, cols: t.cols, ncol: t.ncol, line0: first - 1, reread: t.reread}
}

// headerComma is the separator of the CSV whose text starts with head:
// the one of comma, semicolon and tab its header line holds most of,
// outside quotes. Excel writes semicolons where the decimal mark is a
// comma (most of Europe) and tabs in its "Unicode Text".
func headerComma(head []byte) rune {
	head = bytes.TrimPrefix(head, bom)
	n := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '\n' || c == '\r' {
			break
		}
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			n[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if n[c] > n[best] {
			best = c
		}
	}
	return rune(best)
}

func csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
