package query

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	q, err := Parse(`security "failing state" tag:policy -tag:"reading list" site:example.org is:done -is:starred has:notes label:claim added:>2026-01-01 published:<2020 words:>=3000 sort:title 10:30`)
	if err != nil {
		t.Fatal(err)
	}
	if q.Words != `security "failing state" 10:30` || q.Sort != "title" || len(q.Filters) != 10 {
		t.Fatalf("%+v", q)
	}
	if f := q.Filters[1]; f.Kind != Tag || !f.Not || f.Value != "reading list" {
		t.Errorf("negated quoted tag: %+v", f)
	}
	if f := q.Filters[7]; f.Kind != Added || f.Op != ">" || f.Time.Year() != 2026 || f.Until.Day() != 2 {
		t.Errorf("added: %+v", f)
	}
	if f := q.Filters[8]; f.Op != "<" || f.Time.Year() != 2020 || f.Until.Year() != 2021 {
		t.Errorf("published: %+v", f)
	}
	if f := q.Filters[9]; f.Op != ">=" || f.Num != 3000 {
		t.Errorf("words: %+v", f)
	}
	for in, part := range map[string]string{
		"is:sleeping":      "is:sleeping",
		"has:everything":   "has:everything",
		"tag:":             "tag:",
		"added:yesterday":  "added:yesterday",
		"words:many":       "words:many",
		"sort:random":      "sort:random",
		"-sort:title":      "-sort:title",
		"foo:bar ok":       "",
		"published:>2020x": "published:>2020x",
	} {
		_, err := Parse(in)
		if part == "" {
			if err != nil {
				t.Errorf("%q: %v (an unknown word with a colon is a word)", in, err)
			}
			continue
		}
		var qe *Error
		if !errors.As(err, &qe) || qe.Part != part || !strings.Contains(err.Error(), part) {
			t.Errorf("%q: %v, want an error naming %q", in, err, part)
		}
	}
	if _, err := Parse(strings.Repeat("a ", maxLen)); err == nil {
		t.Error("an overlong query accepted")
	}
	if _, err := Parse("\xff"); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"security tag:policy", `"a b" -tag:"x y" is:done`, "added:>2026-01-01 words:<10", "sort:title", "tag:\x1b[31m", "::::", `"unclosed tag:x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var qe *Error
			if !errors.As(err, &qe) {
				t.Fatalf("%q: an error that is not a query.Error: %v", s, err)
			}
			return
		}
		if utf8.ValidString(s) && !utf8.ValidString(q.Words) {
			t.Fatalf("%q: words became invalid UTF-8", s)
		}
		for _, f := range q.Filters {
			if f.Value == "" {
				t.Fatalf("%q: a filter without a value", s)
			}
		}
	})
}

func TestParseUnfetchedAndNote(t *testing.T) {
	q, err := Parse("is:unfetched -has:note")
	if err != nil || len(q.Filters) != 2 || q.Filters[0] != (Filter{Kind: Is, Value: "unfetched"}) ||
		q.Filters[1].Kind != Has || q.Filters[1].Value != "note" || !q.Filters[1].Not {
		t.Errorf("%+v %v", q, err)
	}
}

func TestRenameTag(t *testing.T) {
	for _, c := range []struct{ in, from, to, want string }{
		{"tag:econ is:new", "econ", "policy", "tag:policy is:new"},
		{`-tag:"Reading List" words`, "reading list", "later", "-tag:later words"},
		{"tag:econ", "econ", "public policy", `tag:"public policy"`},
		{"tag:economics econ site:econ", "econ", "x", "tag:economics econ site:econ"},
	} {
		got, changed := RenameTag(c.in, c.from, c.to)
		if got != c.want || changed != (c.in != c.want) {
			t.Errorf("RenameTag(%q) = %q %v, want %q", c.in, got, changed, c.want)
		}
	}
}
