package export

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"margin/sanitize"
	"margin/store"
)

// FuzzFileName: whatever the title, the name is one safe path component of
// at most 200 bytes plus the extension, valid UTF-8 and NFC.
func FuzzFileName(f *testing.F) {
	f.Add("Reading with a pencil", int64(1))
	f.Add(hostileTitle, int64(-1))
	f.Fuzz(func(t *testing.T, title string, id int64) {
		name := FileName(&store.Article{ID: id, Title: title}, "md")
		checkName(t, title, name, "md")
		if !strings.HasSuffix(name, ".md") {
			t.Fatalf("%q -> %q: extension lost", title, name)
		}
	})
}

// FuzzFrontMatter: the front matter parses back to the same title and
// author, and neither they nor a note (quote and note are fuzzed too) can
// add or remove a top-level heading of the export.
func FuzzFrontMatter(f *testing.F) {
	f.Add("Title", "Author", "a quote", "a note")
	f.Add(hostileTitle, "x\n---\ny: 1", "# h\n```", noteMD)
	f.Add("\t\n", "\t\n", "\t\n", "\t\n") // issue 19, item 12: go-yaml rejected "title: |\n    \t"
	f.Fuzz(func(t *testing.T, title, author, quote, note string) {
		a := &store.Article{ID: 1, Title: title, Byline: author, SourceURL: "https://example.com/"}
		hs := []store.Highlight{{ID: 1, ArticleID: 1, Exact: quote, Note: note, Label: "claim"}}
		out, err := Markdown(a, hs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		assertClean(t, out)
		var got struct {
			Title  string `yaml:"title"`
			Author string `yaml:"author"`
		}
		fm := frontMatterOf(t, out)
		if err := yaml.Unmarshal(fm, &got); err != nil {
			t.Fatalf("front matter does not parse: %v\n%s", err, fm)
		}
		// Titles and bylines are one line in the front matter.
		if got.Title != oneLine(sanitize.Text(title)) || got.Author != oneLine(sanitize.Text(author)) {
			t.Fatalf("round trip: title %q author %q, want %q %q", got.Title, got.Author, oneLine(sanitize.Text(title)), oneLine(sanitize.Text(author)))
		}
		body := out[len(fm)+8:]
		doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(body))
		var n int
		for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
			if _, ok := c.(*ast.Heading); ok {
				n++
			}
		}
		if n != 3 { // title, Highlights, Argument
			t.Fatalf("%d top-level headings, want 3:\n%s", n, body)
		}
	})
}
