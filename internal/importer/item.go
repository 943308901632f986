// Package importer reads other read-it-later services' export files
// (Pocket, Instapaper, Omnivore, wallabag, Readwise Reader, Readeck,
// browser bookmarks, plain URL lists) into one neutral form, Item. It
// parses untrusted files and nothing else: it fetches nothing and writes
// nothing; internal/library turns items into articles.
package importer

import "time"

// Item is one article of another service's library, as its export has it.
type Item struct {
	Format string // the source format's name, e.g. "pocket"
	Ref    string // where in the export it came from, for messages: "part_000000.csv line 12"

	URL       string
	Title     string
	Author    string
	Site      string
	Excerpt   string
	Language  string
	Tags      []string  // tags, folders and labels that mean no margin state
	Saved     time.Time // when it was first saved in the old service; zero if unknown
	Published time.Time // zero if unknown

	Archived bool    // archived / read archive
	Done     bool    // marked read or finished
	Starred  bool    // starred / favourite
	Progress float64 // fraction read, 0..1; 0 when unknown

	// Content is the article's HTML when the export carries it (Omnivore
	// content/*.html, wallabag content, Readeck's stored page); the import
	// then needs no network. An export read by Open leaves it in the
	// export instead (ref): TakeContent reads it.
	Content string
	ref     *contentRef

	Note       string // a note on the whole article
	Highlights []Highlight
}

// Highlight is a passage the reader highlighted in the old service.
type Highlight struct {
	Quote   string
	Note    string
	Label   string   // a margin label when the old label or colour means the same ("claim", ...); "" for a plain highlight
	Tags    []string // the old labels or colours that are not margin labels; the import adds them to the article's tags
	Created time.Time
}
