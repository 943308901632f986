// Package reader turns a web page, a saved HTML file or pasted text into a
// clean article: fetch, charset decoding, sanitising, extraction, cleaning
// and Markdown. It knows nothing of terminals or storage.
package reader

import (
	"time"
	"unicode"
)

// Article is one clean article with its metadata, ready to store.
type Article struct {
	Title        string
	Byline       string
	SiteName     string
	SourceURL    string // where it came from: the URL asked for, the --url of a saved page, a local file's absolute path, or empty for standard input
	CanonicalURL string // the page's own canonical URL (link rel=canonical, og:url), else the final fetched URL
	Published    time.Time
	Language     string
	Excerpt      string // the standfirst / description
	LeadImage    string // absolute URL of the lead image, if any
	Markdown     string // the article body as Markdown (no title heading)
	Text         string // the article body as plain text, one paragraph per block, blocks separated by a blank line
	WordCount    int
	// ReadingMinutes is WordCount at 230 words a minute, at least 1.
	ReadingMinutes int
}

// CountWords counts runs of letters and digits, the unit a reader counts.
func CountWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// ReadingMinutes estimates reading time at 230 words a minute, at least one.
func ReadingMinutes(words int) int {
	m := (words + 115) / 230
	if m < 1 {
		m = 1
	}
	return m
}

// finish fills the derived fields of a.
func (a *Article) finish() {
	a.WordCount = CountWords(a.Text)
	a.ReadingMinutes = ReadingMinutes(a.WordCount)
}
