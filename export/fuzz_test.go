package export

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"margin/internal/article"
	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// FuzzFileName: whatever the title, the name is one safe path component of
// at most 200 bytes plus the extension, valid UTF-8 and NFC.
func FuzzFileName(f *testing.F) {
	f.Add("Reading with a pencil", int64(1))
	f.Add(hostileTitle, int64(-1))
	f.Fuzz(func(t *testing.T, title string, id int64) {
		name := FileName(&store.Article{ID: id, Content: article.Content{Title: title}}, "md")
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
		a := &store.Article{ID: 1, Content: article.Content{Title: title, Byline: author, SourceURL: "https://example.com/"}}
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

// FuzzMerge: whatever a user writes above and below the margin region and
// as a key of their own, a re-export keeps it byte for byte (or, when the
// file cannot be merged, reports a conflict); it never panics and never
// loses margin's new highlight.
func FuzzMerge(f *testing.F) {
	f.Add("My summary.\n\n", "\n## Thoughts\n", "my_rating: 5\n")
	f.Add("", "", "")
	f.Add("<!-- margin:end -->\n", "<!-- margin:begin x -->\n", "tags: [a, b]\n")
	f.Add("---\n", "\r\n", "- x\n")
	f.Fuzz(func(t *testing.T, above, below, userYAML string) {
		a := &store.Article{ID: 9, Content: article.Content{Title: "T", Markdown: "One two three.\n"}}
		h1 := store.Highlight{ID: 1, ArticleID: 9, Start: 0, End: 3, Exact: "One", Label: "claim"}
		h2 := store.Highlight{ID: 2, ArticleID: 9, Start: 8, End: 13, Exact: "three", Label: "evidence"}
		first, err := Markdown(a, []store.Highlight{h1}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		fm, body := splitFrontMatter(string(first))
		cur := "---\n" + fm + userYAML + "---\n" + above + body + below
		next, _ := Markdown(a, []store.Highlight{h1, h2}, Options{})
		merged, reason := mergeMarkdown(cur, string(next), false)
		if reason != "" {
			if strings.Contains(reason, "\n") {
				t.Fatalf("a reason of several lines: %q", reason)
			}
			return
		}
		_, mbody := splitFrontMatter(merged)
		if !strings.Contains(merged, "^"+ShortID(h2)) {
			t.Fatalf("the new highlight is missing:\n%s", merged)
		}
		// The user's text around the region is intact.
		_, cbody := splitFrontMatter(cur)
		cs, ce, _, _, _, _ := findRegion(cbody)
		ms, me, _, _, _, _ := findRegion(mbody)
		if cbody[:cs] != mbody[:ms] || cbody[ce:] != mbody[me:] {
			t.Fatalf("the user's text changed:\n%q\n%q", cur, merged)
		}
	})
}

// FuzzJSONSelectors: for any article and range, a placed annotation's
// prefix+exact+suffix occurs in the plain text at its position.
func FuzzJSONSelectors(f *testing.F) {
	f.Add("Some *text* with [a link](http://x.test/) and `code`.\n\n- a\n- b\n", 5, 30)
	f.Add("| a | b |\n| - | - |\n| c &amp; d | e |\n", 0, 40)
	f.Add("```\na &lt; b\n```\n", 4, 12)
	f.Fuzz(func(t *testing.T, md string, s, e int) {
		if s < 0 || e > len(md) || s >= e || len(md) > 4096 {
			return
		}
		a := &store.Article{ID: 1, Content: article.Content{Title: "t", SourceURL: "https://x.test/", Markdown: md}}
		out, err := JSON(a, []store.Highlight{{ID: 1, ArticleID: 1, Start: s, End: e, Exact: "x", Label: "highlight"}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			First struct {
				Items []struct {
					Target struct {
						Selector []struct {
							Exact, Prefix, Suffix string
							Start, End            *int
						}
					}
				}
			}
		}
		if err := json.Unmarshal(out, &c); err != nil || len(c.First.Items) != 1 {
			t.Fatalf("%v %s", err, out)
		}
		sel := c.First.Items[0].Target.Selector
		if len(sel) < 2 {
			return // covers no text: an orphan
		}
		runes := []rune(render.NewPlainText(md).Text)
		q, p := sel[0], sel[1]
		pre, suf := []rune(q.Prefix), []rune(q.Suffix)
		if *p.Start < len(pre) || *p.End+len(suf) > len(runes) || string(runes[*p.Start-len(pre):*p.End+len(suf)]) != q.Prefix+q.Exact+q.Suffix {
			t.Fatalf("selector %+v not at %d..%d of %q", q, *p.Start, *p.End, string(runes))
		}
	})
}

// FuzzQuoteBlocks: a highlight over any part of any article (the article's
// Markdown comes from web pages) is quoted without breaking out of its
// quote: the export keeps its three headings, the quote is one blockquote,
// and its words are the passage's, in order.
func FuzzQuoteBlocks(f *testing.F) {
	f.Add(blocksMD, uint16(10), uint16(400))
	f.Add("- a\n  - b\n\n        code\n- c\n\n> - d\n>   ```\n>   e\n", uint16(0), uint16(60))
	f.Add("| a | b |\n|---|---|\n| `x|y` | **z** |\n\n1. # h\n2. ---\n", uint16(2), uint16(50))
	f.Fuzz(func(t *testing.T, md string, s, e uint16) {
		if len(md) > 4096 {
			return
		}
		tx := render.Parse(md)
		start, end := min(int(s), len(md)), min(int(e), len(md))
		if start >= end {
			return
		}
		q := tx.QuoteAt(start, end)
		if strings.TrimSpace(q.Exact) == "" {
			return
		}
		h := store.Highlight{ID: 1, ArticleID: 1, Start: start, End: end, Exact: q.Exact, Label: "claim"}
		out, err := Markdown(&store.Article{ID: 1, Content: article.Content{Title: "T", Markdown: md}}, []store.Highlight{h}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		assertClean(t, out)
		body := out[bytes.Index(out, []byte("\n# T")):]
		doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(body))
		var heads, quotes int
		var words strings.Builder
		for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.Heading:
				heads++
			case *ast.Blockquote:
				if quotes++; quotes == 1 {
					words.WriteString(textOf(c, body))
				}
			}
		}
		if heads != 3 {
			t.Fatalf("%d top-level headings, want 3:\n%s", heads, body)
		}
		squeeze := func(s string) string {
			return strings.Join(strings.Fields(s), "")
		}
		if got, want := squeeze(words.String()), squeeze(sanitize.Text(q.Exact)); got != want {
			t.Fatalf("quote reads %q, passage %q:\n%s", got, want, body)
		}
	})
}

// textOf is the text a reader sees in n: text, code spans' and code
// blocks' text, with escapes and entities decoded.
func textOf(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, enter bool) (ast.WalkStatus, error) {
		if !enter {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			b.Write(c.Lines().Value(src))
		}
		return ast.WalkContinue, nil
	})
	return html.UnescapeString(escaped.ReplaceAllString(b.String(), "$1"))
}

// escaped is a backslash escape, which goldmark's text keeps as written.
var escaped = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)
