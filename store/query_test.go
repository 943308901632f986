package store

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"margin/internal/query"
)

// Each operator of the query language on a small library (issue 15).
func TestListQuery(t *testing.T) {
	fakeClock(t)
	s := openTest(t)
	ctx := context.Background()
	mk := func(url, title, text string, words int, pub time.Time) int64 {
		a := sample(url, title, text)
		a.WordCount, a.Published = words, pub
		return mustAdd(t, s, a)
	}
	y2019 := time.Date(2019, 6, 1, 0, 0, 0, 0, time.Local)
	y2024 := time.Date(2024, 6, 1, 0, 0, 0, 0, time.Local)
	a := mk("https://news.example.org/a", "Security assistance", "failing state aid", 4000, y2019)
	b := mk("https://blog.other.net/b", "Rivers decide", "water runs downhill", 800, y2024)
	c := mk("https://example.org/c", "Policy notes", "security policy", 3200, time.Time{})
	s.TagArticle(ctx, a, []string{"policy"}, nil)
	s.TagArticle(ctx, c, []string{"policy", "later"}, nil)
	s.SetReading(ctx, b, Done)
	s.SetStarred(ctx, c, true)
	s.AddHighlight(ctx, &Highlight{ArticleID: a, Start: 0, End: 3, Exact: "x", Label: "claim", Note: "n"})
	s.AddHighlight(ctx, &Highlight{ArticleID: b, Start: 0, End: 3, Exact: "y", Orphan: true})
	s.SetState(ctx, b, Archived)
	s.SetArticleNote(ctx, c, "", "read the rest later")
	if _, err := s.db.ExecContext(ctx, `UPDATE articles SET fetch_error = 'timeout' WHERE id = ?`, c); err != nil {
		t.Fatal(err)
	}
	ids := func(qs string) string {
		q, err := query.Parse(qs)
		if err != nil {
			t.Fatalf("%q: %v", qs, err)
		}
		as, err := s.ListQuery(ctx, q, ListOptions{})
		if err != nil {
			t.Fatalf("%q: %v", qs, err)
		}
		var out []int
		for _, x := range as {
			out = append(out, int(x.ID))
		}
		sort.Ints(out)
		return fmt.Sprint(out)
	}
	for q, want := range map[string][]int64{
		"security":                   {a, c},
		"tag:policy":                 {a, c},
		"tag:policy -tag:later":      {a},
		"site:example.org":           {a, c},
		"site:other.net":             {},
		"is:archived":                {b},
		"is:done is:archived":        {b},
		"is:starred":                 {c},
		"is:new":                     {a, c},
		"has:highlights":             {a},
		"has:notes":                  {a},
		"has:orphans is:archived":    {b},
		"label:claim":                {a},
		"published:<2020":            {a},
		"published:2024 is:archived": {b},
		"words:>3000":                {a, c},
		"words:<=800 is:archived":    {b},
		"security tag:later":         {c},
		"added:>2000":                {a, c},
		"is:unfetched":               {c},
		"-is:unfetched":              {a},
		"has:note":                   {c},
	} {
		w := []int{}
		for _, id := range want {
			w = append(w, int(id))
		}
		sort.Ints(w)
		if got := ids(q); got != fmt.Sprint(w) {
			t.Errorf("%q: %s, want %v", q, got, w)
		}
	} // sort: orders the list, and wins over the caller's order.
	for qs, want := range map[string][]int64{
		"sort:words": {a, c}, "sort:title": {c, a}, "sort:published": {a, c}, "sort:added": {c, a},
		"": {c, a}, // the caller's title order
	} {
		q, _ := query.Parse(qs)
		as, err := s.ListQuery(ctx, q, ListOptions{Sort: SortTitle})
		if err != nil || len(as) != 2 || as[0].ID != want[0] || as[1].ID != want[1] {
			t.Errorf("%q: %v %v, want %v", qs, as, err, want)
		}
	}
}
