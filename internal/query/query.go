// Package query reads margin's query language, one for the library filter,
// margin list, margin search and margin highlights: free words (searched
// in the full text, with FTS5's phrases, OR, NOT and prefix*), and
// operators that narrow by metadata:
//
//	tag:policy  -tag:later  site:example.org
//	is:new|reading|done|archived|starred|unfetched  -is:…
//	has:highlights|notes|orphans|note  label:claim
//	added:>2026-01-01  published:<2020  words:>3000
//	sort:added|title|progress|words|published
//
// A malformed operator is one error naming the bad part.
package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind is what a filter tests.
type Kind string

// The filters.
const (
	Tag       Kind = "tag"
	Site      Kind = "site"
	Is        Kind = "is"
	Has       Kind = "has"
	Label     Kind = "label"
	Added     Kind = "added"
	Published Kind = "published"
	Words     Kind = "words"
)

// Filter is one operator: Kind, the value, and for dates and numbers a
// comparison ("<", ">", "=", "<=", ">=").
type Filter struct {
	Kind  Kind
	Not   bool
	Value string
	Op    string
	Time  time.Time // dates: the start of the day, month or year given
	Until time.Time // dates: the end of that period
	Num   int
}

// Query is a parsed query.
type Query struct {
	Words   string // the free words, for the full-text search ("" for none)
	Filters []Filter
	Sort    string // "" for the default
}

// Error is a malformed query: what part is wrong and why.
type Error struct {
	Part, Why string
}

func (e *Error) Error() string { return fmt.Sprintf("query: %q: %s", e.Part, e.Why) }

var isValues = map[string]bool{"new": true, "unread": true, "reading": true, "done": true, "archived": true, "starred": true, "unfetched": true}
var hasValues = map[string]bool{"highlights": true, "notes": true, "orphans": true, "note": true}
var sortValues = map[string]bool{"added": true, "title": true, "progress": true, "words": true, "published": true}

// maxLen bounds a query: a filter typed by hand, not a document.
const maxLen = 2000

// Parse reads a query. Words inside double quotes stay together as a
// phrase; an operator's value may be quoted too (tag:"reading list").
func Parse(s string) (Query, error) {
	var q Query
	if len(s) > maxLen {
		return q, &Error{Part: s[:40] + "…", Why: fmt.Sprintf("a query is at most %d bytes", maxLen)}
	}
	if !utf8.ValidString(s) {
		return q, &Error{Part: "", Why: "the query is not valid UTF-8"}
	}
	var words []string
	for _, tok := range split(s) {
		name, val, ok := operator(tok)
		if !ok {
			words = append(words, tok)
			continue
		}
		not := strings.HasPrefix(name, "-")
		name = strings.TrimPrefix(name, "-")
		val = unquote(val)
		if val == "" {
			return q, &Error{Part: tok, Why: "the operator has no value"}
		}
		f := Filter{Kind: Kind(name), Not: not, Value: val}
		switch f.Kind {
		case Tag, Site, Label:
		case Is:
			if !isValues[val] {
				return q, &Error{Part: tok, Why: "is: takes new, reading, done, archived, starred or unfetched"}
			}
		case Has:
			if !hasValues[val] {
				return q, &Error{Part: tok, Why: "has: takes highlights, notes, orphans or note (the article's own)"}
			}
		case Added, Published:
			op, rest := comparison(val)
			t, until, err := period(rest)
			if err != nil {
				return q, &Error{Part: tok, Why: "a date is 2026, 2026-01 or 2026-01-31, after <, >, <=, >= or nothing"}
			}
			f.Op, f.Time, f.Until = op, t, until
		case Words:
			op, rest := comparison(val)
			n, err := strconv.Atoi(rest)
			if err != nil || n < 0 {
				return q, &Error{Part: tok, Why: "words: takes a number after <, >, <=, >= or nothing"}
			}
			f.Op, f.Num = op, n
		case "sort":
			if not || !sortValues[val] {
				return q, &Error{Part: tok, Why: "sort: takes added, title, progress, words or published"}
			}
			q.Sort = val
			continue
		default:
			return q, &Error{Part: tok, Why: "unknown operator (tag, site, is, has, label, added, published, words, sort)"}
		}
		q.Filters = append(q.Filters, f)
	}
	q.Words = strings.Join(words, " ")
	return q, nil
}

// split cuts a query at spaces outside double quotes.
func split(s string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			cur.WriteRune(r)
		case !quoted && (r == ' ' || r == '\t' || r == '\n'):
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// operator splits "name:value" when name is a known operator (a word with
// a colon that is not one, "10:30", stays a word).
func operator(tok string) (name, val string, ok bool) {
	name, val, found := strings.Cut(tok, ":")
	if !found {
		return "", "", false
	}
	switch strings.TrimPrefix(name, "-") {
	case "tag", "site", "is", "has", "label", "added", "published", "words", "sort":
		return name, val, true
	}
	return "", "", false
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return strings.Trim(s, `"`)
}

// comparison takes the comparison off a value.
func comparison(v string) (op, rest string) {
	for _, op := range []string{"<=", ">=", "<", ">", "="} {
		if r, ok := strings.CutPrefix(v, op); ok {
			return op, r
		}
	}
	return "=", v
}

// period reads 2026, 2026-01 or 2026-01-31 as the span it names.
func period(v string) (from, until time.Time, err error) {
	for _, f := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if t, err := time.ParseInLocation(f.layout, v, time.Local); err == nil {
			return t, f.next(t), nil
		}
	}
	return from, until, fmt.Errorf("not a date: %q", v)
}

// RenameTag rewrites q's tag: and -tag: operators naming from (compared
// without case) to name to, keeping the rest as written; changed is false
// when q names no such tag. A saved view then follows a renamed tag.
func RenameTag(q, from, to string) (out string, changed bool) {
	toks := split(q)
	for i, tok := range toks {
		name, val, ok := operator(tok)
		if !ok || strings.TrimPrefix(name, "-") != string(Tag) || !strings.EqualFold(unquote(val), from) {
			continue
		}
		v := to
		if strings.ContainsAny(v, " \t") {
			v = `"` + v + `"`
		}
		toks[i], changed = name+":"+v, true
	}
	if !changed {
		return q, false
	}
	return strings.Join(toks, " "), true
}
