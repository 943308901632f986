package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"margin/internal/query"
)

// The library's / filter reads margin's query language: its free words
// rank titles fuzzily (as typed first), and its operators (tag:, is:,
// site:, has:, label:, added:, published:, words:, sort:) select the
// articles in the store, in a command, like a saved view's query.

// setFilter takes a new filter as typed: a malformed one shows its error
// and leaves the list as it is; new operators read the list again.
func (l *libraryModel) setFilter(v string) tea.Cmd {
	l.filter = v
	q, err := query.Parse(v)
	if err != nil {
		l.queryErr = err.Error()
		return nil
	}
	l.queryErr, l.shown = "", v
	l.words = strings.ReplaceAll(q.Words, `"`, "")
	ops := query.Query{Filters: q.Filters, Sort: q.Sort}
	if k := opsKey(ops); k != l.opsKey {
		l.opsKey, l.filterOps = k, ops
		return l.load(0)
	}
	l.applyFilter()
	return nil
}

// clearFilter drops the filter, reading the list again when the filter
// had operators.
func (l *libraryModel) clearFilter() tea.Cmd {
	l.filter, l.words, l.queryErr, l.shown = "", "", "", ""
	if l.opsKey != "" {
		l.opsKey, l.filterOps = "", query.Query{}
		return l.load(l.selectedID())
	}
	l.applyFilter()
	return nil
}

// opsKey tells two sets of operators apart ("" for none).
func opsKey(q query.Query) string {
	if len(q.Filters) == 0 && q.Sort == "" {
		return ""
	}
	return fmt.Sprintf("%v|%s", q.Filters, q.Sort)
}

// listQuery is the query the list is read with: the current view's and
// the filter's operators (the filter's sort wins). ok is false when
// neither narrows the list: it is then read whole.
func (l *libraryModel) listQuery() (q query.Query, ok bool) {
	if l.view != nil {
		q, ok = l.viewQuery, true
	}
	if l.opsKey != "" {
		q.Filters = append(slices.Clone(q.Filters), l.filterOps.Filters...)
		if l.filterOps.Sort != "" {
			q.Sort = l.filterOps.Sort
		}
		ok = true
	}
	return q, ok
}
