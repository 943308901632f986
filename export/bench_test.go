package export

import (
	"fmt"
	"strings"
	"testing"

	"margin/internal/article"
	"margin/store"
)

// benchArticle is a 10,000-word article in 100 paragraphs with 200
// highlights, a quarter of them claims with evidence linked.
func benchArticle() (*store.Article, []store.Highlight) {
	var b strings.Builder
	for p := 0; p < 100; p++ {
		fmt.Fprintf(&b, "## Part %d\n\n", p)
		for w := 0; w < 100; w++ {
			fmt.Fprintf(&b, "word%d **b%d** ", w, p)
		}
		b.WriteString("\n\n")
	}
	md := b.String()
	a := &store.Article{ID: 1, Content: article.Content{Title: "Bench", SourceURL: "https://example.com/", Markdown: md}}
	var hs []store.Highlight
	step := len(md) / 200
	for i := 0; i < 200; i++ {
		s := i * step
		e := min(s+step/2, len(md))
		h := store.Highlight{ID: int64(i + 1), ArticleID: 1, Start: s, End: e, Exact: md[s:e], Label: store.Labels[i%5], Note: "a note\n\n- with a list"}
		if h.Label != "claim" && i > 0 {
			h.Supports = int64(i - i%5 + 2)
		}
		hs = append(hs, h)
	}
	return a, hs
}

func BenchmarkMarkdown(b *testing.B) {
	a, hs := benchArticle()
	for b.Loop() {
		if _, err := Markdown(a, hs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarkdownFull(b *testing.B) {
	a, hs := benchArticle()
	for b.Loop() {
		if _, err := Markdown(a, hs, Options{Full: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSON(b *testing.B) {
	a, hs := benchArticle()
	for b.Loop() {
		if _, err := JSON(a, hs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
