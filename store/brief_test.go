package store

import (
	"context"
	"testing"
)

// A Brief list holds what a row shows as a full list does, marks notes
// and fetch errors, and gives the same articles one at a time to Each.
func TestListBrief(t *testing.T) {
	fakeClock(t)
	s := openTest(t)
	ctx := context.Background()
	a := mustAdd(t, s, sample("https://a.example/x", "Apple", "x"))
	b := mustAdd(t, s, sample("https://b.example/y", "banana", "x"))
	s.SetPosition(ctx, a, 0, 5, 0.5)
	s.SetStarred(ctx, b, true)
	s.SetReading(ctx, b, Done)
	if err := s.SetArticleNote(ctx, a, "", "mine"); err != nil {
		t.Fatal(err)
	}
	s.AddHighlight(ctx, &Highlight{ArticleID: b, Start: 0, End: 1})
	full, err := s.List(ctx, ListOptions{Archived: true})
	if err != nil {
		t.Fatal(err)
	}
	brief, err := s.List(ctx, ListOptions{Archived: true, Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	var each []Article
	if got, err := s.List(ctx, ListOptions{Archived: true, Brief: true, Each: func(a *Article) error {
		each = append(each, *a)
		return nil
	}}); err != nil || got != nil {
		t.Fatalf("List with Each = %v, %v; want nil, nil", got, err)
	}
	if len(brief) != len(full) || len(each) != len(full) {
		t.Fatalf("%d brief, %d each, %d full", len(brief), len(each), len(full))
	}
	for i, f := range full {
		for _, g := range []Article{brief[i], each[i]} {
			if g.ID != f.ID || g.Title != f.Title || g.SourceURL != f.SourceURL || g.CanonicalURL != f.CanonicalURL ||
				g.SiteName != f.SiteName || !g.Added.Equal(f.Added) || !g.Opened.Equal(f.Opened) || g.State != f.State ||
				g.Progress != f.Progress || g.Reading != f.Reading || g.Starred != f.Starred ||
				g.ReadingMinutes != f.ReadingMinutes || g.HighlightCount != f.HighlightCount ||
				(g.Note != "") != (f.Note != "") || (g.FetchError != "") != (f.FetchError != "") {
				t.Errorf("brief %+v\nfull %+v", g, f)
			}
			if g.Note != "" && g.Note != BriefMark || g.Excerpt != "" {
				t.Errorf("brief article holds more than a row: %+v", g)
			}
		}
	}
}
