// Package store keeps margin's library in SQLite: articles, highlights,
// notes, settings and export records. It knows nothing of terminals.
package store

import (
	"errors"
	"path/filepath"
	"strings"
	"time"

	"margin/internal/article"
)

// State is where an article sits in the library.
type State string

// The article states.
const (
	Inbox    State = "inbox"
	Archived State = "archived"
)

// Reading is how far the reader is with an article.
type Reading string

// The reading states.
const (
	New        Reading = "new"     // never read
	ReadingNow Reading = "reading" // opened, not finished
	Done       Reading = "done"    // finished or marked done; scrolling back up keeps it
)

// ErrNotFound is returned when an article or highlight does not exist.
var ErrNotFound = errors.New("not found")

// Article is a saved article. List and Search leave Markdown and Text empty.
type Article struct {
	ID int64
	// Content is what the page says and how it is described (SourceURL
	// is the URL asked for, or the local path it was read from).
	article.Content
	Added  time.Time
	Opened time.Time // last opened in the reader; zero if never
	State  State
	// Position is the Markdown byte offset at the top of the reader's
	// screen; Progress is the fraction read, 0..1.
	Position       int
	Progress       float64
	HighlightCount int      // filled by Article, List and Search
	Tags           []string // the article's tags; filled by Article
	Reading        Reading  // new, reading or done
	Starred        bool
	// TextRevision counts the versions of the text: a refresh that changes
	// the Markdown adds one. Offsets computed on another revision's text
	// are stale, and the store refuses them (ErrStaleText).
	TextRevision int64
	// Note is the reader's note on the whole article.
	Note string
	// FetchError says why an imported link has no text yet; "" when the
	// article has its text.
	FetchError string
}

// Fetched reports whether the article has its text (an imported link may
// be kept without it).
func (a *Article) Fetched() bool { return a.FetchError == "" }

// Highlight is a marked passage of an article's Markdown, with the quote it
// was made on (W3C TextQuoteSelector: exact, prefix, suffix) so it can be
// re-anchored when the article's text changes.
type Highlight struct {
	ID        int64
	ArticleID int64
	Start     int // Markdown byte offsets, [Start, End)
	End       int
	Exact     string // the quoted plain text, as the article reads now
	Prefix    string // up to 32 characters of plain text before it
	Suffix    string // up to 32 characters after it
	// Original is what the reader highlighted, when a refresh placed the
	// highlight on a passage that now reads differently (Exact); empty when
	// the passage reads as it did. It is never overwritten by a refresh.
	Original string
	Label    string
	Note     string
	Supports int64 // ID of the claim this evidence/question/disagreement is linked to; 0 for none
	Orphan   bool  // could not be re-anchored after the text changed
	Created  time.Time
	Updated  time.Time
	// Revision counts the changes to this highlight (1 when created); a
	// save based on an older one can be refused as a conflict.
	Revision int64
	// TextRevision is the article text revision Start and End belong to.
	TextRevision int64

	ArticleTitle string // filled by AllHighlights
}

// Highlighted is the passage as the reader highlighted it.
func (h *Highlight) Highlighted() string {
	if h.Original != "" {
		return h.Original
	}
	return h.Exact
}

// Changed reports whether the passage now reads differently from what was
// highlighted (it was placed on reworded text by a refresh).
func (h *Highlight) Changed() bool {
	return !h.Orphan && h.Original != "" && !sameWords(h.Original, h.Exact)
}

// sameWords compares two texts ignoring how white space is laid out.
func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// SearchResult is one ranked full-text match.
type SearchResult struct {
	Article
	Snippet string   // plain text around the best match
	Matches [][2]int // byte ranges of the matched terms within Snippet
	Rank    float64  // lower is better (FTS5 bm25)
}

// Sort orders the library list.
type Sort string

// The list orders. The zero value sorts by date added.
const (
	SortAdded     Sort = "added"     // newest first
	SortTitle     Sort = "title"     // A to Z, case-insensitive
	SortProgress  Sort = "progress"  // most read first, then newest
	SortWords     Sort = "words"     // longest first
	SortPublished Sort = "published" // most recently published first
)

// ListOptions selects and orders the articles List returns.
type ListOptions struct {
	Archived bool // include archived articles (inbox ones are always included)
	Sort     Sort
	Limit    int // 0 for all
	// Brief reads only what a row of the library shows: no byline,
	// language, excerpt, lead image, published date, length, position or
	// text revision; Note and FetchError are BriefMark when set (their
	// text is not read); equal addresses and site names share one string.
	// For a list of 100,000 articles held in memory (issue 17).
	Brief bool
	// Each, when set, is given every article in turn instead of List
	// returning them (List returns nil), so a caller keeping a smaller
	// form never holds the whole list of Articles. The Article is reused:
	// keep what it holds, not the pointer.
	Each func(*Article) error
}

// BriefMark stands for a note or a fetch error a Brief list did not read.
const BriefMark = "…"

// HighlightFilter selects highlights across the library; zero fields match
// everything.
type HighlightFilter struct {
	ArticleID int64
	Label     string
	Query     string // substring of the quote or the note, case-insensitive
}

// CheckReport is what Check found.
type CheckReport struct {
	Integrity        string // "ok" or SQLite's messages
	OrphanHighlights int    // highlights that could not be re-anchored (user should re-attach or delete)
	FTSConsistent    bool   // the search index matches the articles
	Problems         []string
}

// OK reports whether Check found nothing wrong (orphan highlights are the
// user's to resolve, not damage).
func (r CheckReport) OK() bool {
	return r.Integrity == "ok" && r.FTSConsistent && len(r.Problems) == 0
}

// Source names where an article came from, so same-titled articles
// differ in a list: its site, else the file it was read from, else
// "pasted".
func (a *Article) Source() string {
	if s := a.Site(); s != "" {
		return s
	}
	if a.SourceURL != "" {
		return filepath.Base(a.SourceURL)
	}
	return "pasted"
}

// Site names where an article came from: its site name, else the host of
// its address without "www.".
func (a *Article) Site() string {
	if a.SiteName != "" {
		return a.SiteName
	}
	u := a.CanonicalURL
	if u == "" {
		u = a.SourceURL
	}
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	u = u[i+3:]
	if j := strings.IndexAny(u, "/?#"); j >= 0 {
		u = u[:j]
	}
	return strings.TrimPrefix(u, "www.")
}
