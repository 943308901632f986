package ui

import (
	"slices"

	"margin/internal/article"
	"margin/store"
)

// libRow is what the library holds of each article listed: what its row
// shows and what the keys on it need, a third of an Article's size (a
// list of 100,000 articles is held whole for the filter; issue 17).
type libRow struct {
	ID             int64
	Title          string
	SourceURL      string
	CanonicalURL   string // the same string as SourceURL when equal
	SiteName       string
	Tags           []string
	Added, Opened  int64 // unix nanoseconds; 0 for none
	Progress       float64
	ReadingMinutes int32
	HighlightCount int32
	State          uint8 // index in states
	Reading        uint8 // index in readings
	Starred        bool
	HasNote        bool // the article has a note of its own
	Unfetched      bool // an imported link kept without its text
}

// rowOf keeps what a row needs of a.
func rowOf(a *store.Article) libRow {
	r := libRow{ID: a.ID, Title: a.Title, SourceURL: a.SourceURL, CanonicalURL: a.CanonicalURL,
		SiteName: a.SiteName, Tags: a.Tags, Added: store.Nanos(a.Added), Opened: store.Nanos(a.Opened), Progress: a.Progress,
		ReadingMinutes: int32(a.ReadingMinutes), HighlightCount: int32(a.HighlightCount),
		State: code(states, a.State), Reading: code(readings, a.Reading), Starred: a.Starred,
		HasNote: a.Note != "", Unfetched: !a.Fetched()}
	if r.CanonicalURL == r.SourceURL {
		r.CanonicalURL = r.SourceURL
	}
	return r
}

// rowsOf keeps what rows need of arts.
func rowsOf(arts []store.Article) []libRow {
	rows := make([]libRow, len(arts))
	for i := range arts {
		rows[i] = rowOf(&arts[i])
	}
	return rows
}

// article is the row as an Article, for what shows or acts on one; a
// note and a fetch error are store.BriefMark (their text is not held).
func (r *libRow) article() store.Article {
	a := store.Article{
		ID: r.ID,
		Content: article.Content{
			Title:          r.Title,
			SourceURL:      r.SourceURL,
			CanonicalURL:   r.CanonicalURL,
			SiteName:       r.SiteName,
			ReadingMinutes: int(r.ReadingMinutes),
		},
		Tags:           r.Tags,
		Added:          store.FromNanos(r.Added),
		Opened:         store.FromNanos(r.Opened),
		Progress:       r.Progress,
		HighlightCount: int(r.HighlightCount),
		State:          states[r.State],
		Reading:        readings[r.Reading],
		Starred:        r.Starred,
	}
	if r.HasNote {
		a.Note = store.BriefMark
	}
	if r.Unfetched {
		a.FetchError = store.BriefMark
	}
	return a
}

// states and readings are the values an article's state and reading take
// (the store's schema allows no others), kept in a row as their index.
var (
	states   = []store.State{"", store.Inbox, store.Archived}
	readings = []store.Reading{"", store.New, store.ReadingNow, store.Done}
)

// code is v's index in values (0, the empty value, if it is not there).
func code[T comparable](values []T, v T) uint8 {
	if i := slices.Index(values, v); i > 0 {
		return uint8(i)
	}
	return 0
}
