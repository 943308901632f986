package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"margin/internal/article"
	"margin/store"
)

// TestSampleArticle exports the first-run sample article as a new user
// would after marking its argument, writes it to a folder and re-exports.
func TestSampleArticle(t *testing.T) {
	md, err := os.ReadFile(filepath.Join("..", "reader", "sample", "reading-with-a-pencil.md"))
	if err != nil {
		t.Fatalf("the bundled sample article: %v", err)
	}
	a := &store.Article{
		ID: 1,
		Content: article.Content{
			Title:     "Reading with a pencil",
			SiteName:  "margin",
			SourceURL: "margin:sample",
			Markdown:  string(md),
		},
		Added: time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC),
	}
	var hs []store.Highlight
	add := func(label, quote, note string, supports int64) {
		i := strings.Index(a.Markdown, quote)
		if i < 0 {
			t.Fatalf("the bundled sample article no longer has %q", quote)
		}
		hs = append(hs, store.Highlight{ID: int64(len(hs) + 1), ArticleID: 1, Start: i, End: i + len(quote),
			Exact: quote, Label: label, Note: note, Supports: supports})
	}
	add("claim", "Deciding is a form of thinking, and thinking is what makes things stick", "The thesis.", 0)
	add("evidence", "material we act on is remembered better than material we merely see", "", 1)
	add("question", "can be re-read in four", "Only if the marks are good?", 1)
	add("disagree", "A page covered in yellow is as unreadable as a page with nothing on it", "Overstated:\n\n- colour still helps *find* things", 1)
	add("highlight", "A highlight says *where*; a note says *why*.", "", 0)

	for _, full := range []bool{false, true} {
		out, err := Markdown(a, hs, Options{Full: full})
		if err != nil {
			t.Fatal(err)
		}
		heads, _ := headings(t, out[len(frontMatterOf(t, out))+8:])
		if heads[0] != "Reading with a pencil" || !strings.Contains(string(out), "- **Claim:** “Deciding is a form") {
			t.Errorf("full=%v: headings %q", full, heads)
		}
		if full && !strings.Contains(string(out), "==A highlight says *where*; a note says *why*.==") {
			t.Errorf("full export does not mark the highlight:\n%s", out)
		}
	}
	out, _ := Markdown(a, hs, Options{})
	dir := t.TempDir()
	rec := &fakeRecords{}
	res, err := WriteFile(context.Background(), dir, a, out, "md", rec)
	if err != nil || res.Status != Written || filepath.Base(res.Path) != "Reading with a pencil.md" {
		t.Fatalf("%+v %v", res, err)
	}
	if res, err = WriteFile(context.Background(), dir, a, out, "md", rec); err != nil || res.Status != Unchanged {
		t.Fatalf("re-export: %+v %v", res, err)
	}
	if os.Getenv("MARGIN_EXPORT_SHOW") != "" {
		t.Logf("%s", out)
	}
}
