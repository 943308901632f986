package importer

import (
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
	cols map[string]int // lower-case header name -> index
	ncol int
}

// openTable reads a CSV's header row. Rows are checked against its
// column count by rows.
func openTable(name string, rd io.Reader) (*table, error) {
	r := csv.NewReader(rd)
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
	t := &table{name: name, r: r, cols: map[string]int{}, ncol: len(head)}
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
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.problem("%s line %d: %v", t.name, pe.StartLine, csvErr(pe.Err))
			continue
		}
		if err != nil {
			return wrap(t.name, err)
		}
		ln, _ := t.r.FieldPos(0)
		ref := fmt.Sprintf("%s line %d", t.name, ln)
		if len(rec) != t.ncol {
			p.problem("%s: %d columns, expected %d", ref, len(rec), t.ncol)
			continue
		}
		if err := fn(rec, ref); err != nil {
			return err
		}
	}
}

func csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
