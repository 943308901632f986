// Package article holds the one article type that crosses from the reader
// to the store: what a page says and how it is described, without anything
// the library adds (identity, state, position, tags). reader.Article is this
// type; store.Article embeds it. It imports nothing of margin.
package article

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Content is one clean article with its metadata: what reader extracts and
// what the store keeps of it.
type Content struct {
	Title        string
	Byline       string
	SiteName     string
	SourceURL    string    // where it came from: the URL asked for, the --url of a saved page, a local file's absolute path, or empty for standard input
	CanonicalURL string    // the page's own canonical URL (link rel=canonical, og:url), else the final fetched URL
	Published    time.Time // zero when unknown
	Language     string
	Excerpt      string // the standfirst / description
	// SourceTags are tags the source gives itself (a Markdown file's front
	// matter): the article starts with them when it is first saved.
	SourceTags []string
	LeadImage  string // absolute URL of the lead image, if any
	Markdown   string // the article body as Markdown (no title heading)
	Text       string // the article body as plain text, one paragraph per block, blocks separated by a blank line
	WordCount  int
	// ReadingMinutes is WordCount at 230 words a minute, at least 1.
	ReadingMinutes int
	// LeftOut is how many words of a pasted text its cleaning left out
	// (a page's menus, repeats, comments): said when the text is added,
	// never stored. 0 for a page or a Markdown file.
	LeftOut int
}

// Quoted is a passage in quotation marks, “…”, unless it is marked as a
// quotation already (it opens and closes with marks), which gets none
// more: ““No tax is popular,” he said.”” read as a stammer.
func Quoted(passage string) string {
	if QuoteMarked(passage) {
		return passage
	}
	return "“" + passage + "”"
}

// QuoteMarked reports whether s opens with a quotation mark and closes
// with one (spaces aside), in the marks of any language.
func QuoteMarked(s string) bool {
	s = strings.TrimSpace(s)
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return len(s) > 1 && strings.ContainsRune(`"“„«»‹›'‘‚`, first) && strings.ContainsRune(`"”“»«›‹'’`, last)
}
