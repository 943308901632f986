package ui

import (
	"testing"
	"time"

	"margin/internal/article"
	"margin/store"
)

// A row gives back as an Article everything a row shows and its keys use.
func TestRowKeepsWhatRowsShow(t *testing.T) {
	added := time.Date(2026, 3, 4, 5, 6, 7, 8, time.UTC)
	for _, a := range []store.Article{
		{
			ID: 7,
			Content: article.Content{
				Title:          "T",
				SourceURL:      "https://x.example/a",
				CanonicalURL:   "https://x.example/b",
				SiteName:       "X",
				ReadingMinutes: 12,
			},
			Tags:           []string{"a", "b"},
			Added:          added,
			Opened:         added.Add(time.Hour),
			Progress:       0.5,
			HighlightCount: 3,
			State:          store.Archived,
			Reading:        store.ReadingNow,
			Starred:        true,
			Note:           "n",
			FetchError:     "e",
		},
		{ID: 8, Content: article.Content{SourceURL: "/tmp/f.html", CanonicalURL: "/tmp/f.html"}, Added: added, State: store.Inbox},
	} {
		r := rowOf(&a)
		b := r.article()
		if b.ID != a.ID || b.Title != a.Title || b.SourceURL != a.SourceURL || b.CanonicalURL != a.CanonicalURL ||
			b.SiteName != a.SiteName || len(b.Tags) != len(a.Tags) || !b.Added.Equal(a.Added) || !b.Opened.Equal(a.Opened) ||
			b.Opened.IsZero() != a.Opened.IsZero() || b.Progress != a.Progress || b.ReadingMinutes != a.ReadingMinutes ||
			b.HighlightCount != a.HighlightCount || b.State != a.State || b.Reading != a.Reading || b.Starred != a.Starred ||
			(b.Note != "") != (a.Note != "") || b.Fetched() != a.Fetched() || b.Source() != a.Source() || originalURL(&b) != originalURL(&a) {
			t.Errorf("row of %+v\ngives %+v", a, b)
		}
	}
}

// TestReadingTimeFits: a reading time fits its column of four cells; 1838
// minutes showed "183…", read as 183 minutes.
func TestReadingTimeFits(t *testing.T) {
	for mins, want := range map[int]string{0: "", 9: "9m", 89: "89m", 90: "2h", 1838: "31h", 200000: "999h"} {
		if got := readingTime(mins); got != want || len(got) > 4 {
			t.Errorf("readingTime(%d) = %q, want %q", mins, got, want)
		}
	}
}
