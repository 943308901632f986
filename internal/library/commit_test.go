package library

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"margin/internal/article"
	"margin/store"
)

// CommitAll saves a bulk add's ready sources in one transaction with
// Commit's outcome for each: new, saved already (before, or earlier in
// the same batch), and, when the library refuses one, the others saved
// and only that one failed.
func TestCommitAll(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lib := New(st)
	rec := func(u, title string) *store.Article {
		md := title + " opens with a sentence of ordinary prose about the topic."
		return &store.Article{Content: article.Content{SourceURL: u, Title: title, Markdown: md, Text: md, WordCount: 10}}
	}
	a, _, err := st.AddArticle(ctx, rec("https://c.example/a", "A"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN new.title = 'Refused'
		BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	lds := []Loaded{
		{rec: rec("https://c.example/b", "B")},
		{existing: a}, // Load found it saved
		{rec: rec("https://c.example/c", "C")},
		{rec: rec("https://c.example/b#again", "B again")},
		{rec: rec("https://c.example/r", "Refused")},
	}
	res, errs := lib.CommitAll(ctx, lds, AddOptions{})
	for i, want := range []struct {
		title   string
		existed bool
	}{{"B", false}, {"A", true}, {"C", false}, {"B", true}} {
		if errs[i] != nil || res[i].Title != want.title || res[i].Existed != want.existed || res[i].ID == 0 {
			t.Errorf("source %d: %+v %v; want %q existed %v", i, res[i], errs[i], want.title, want.existed)
		}
	}
	if res[3].ID != res[0].ID {
		t.Errorf("B twice: ids %d and %d", res[0].ID, res[3].ID)
	}
	if errs[4] == nil || !strings.Contains(errs[4].Error(), "refused") {
		t.Errorf("the refused source: %+v %v", res[4], errs[4])
	}
	if n, _ := st.Count(ctx); n != 3 {
		t.Errorf("%d articles saved, want A, B and C", n)
	}
}
