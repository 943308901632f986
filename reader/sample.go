package reader

import (
	_ "embed"
	"strings"
)

//go:embed sample/reading-with-a-pencil.md
var sampleMarkdown string

// SampleURL identifies the bundled sample article in the library, so that
// adding it twice keeps the first copy.
const SampleURL = "margin:sample/reading-with-a-pencil"

// Sample returns the article margin ships for a new user's first run. The
// project wrote it; it shows headings, quotes, lists, a table and links.
func Sample() *Article {
	a := &Article{
		Title:     "Reading with a Pencil",
		Byline:    "The margin authors",
		SiteName:  "margin",
		SourceURL: SampleURL,
		Language:  "en",
		Excerpt:   "Most of what we read leaves no trace. The remedy is old and cheap: read with a pencil.",
		Markdown:  sampleMarkdown,
		Text:      markdownToPlain(sampleMarkdown),
	}
	finish(a)
	return a
}

// markdownToPlain strips the little Markdown the sample uses; good enough for
// word counts and full-text search of a text the project controls.
func markdownToPlain(md string) string {
	r := strings.NewReplacer("**", "", "*", "", "`", "", "## ", "", "### ", "", "> ", "", "| ", "", " |", "")
	return r.Replace(md)
}
