package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"margin/internal/article"
)

// openTest opens a fresh library in a temporary directory.
func openTest(t testing.TB, opts ...Option) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "lib.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fakeClock makes now() advance one second per call, so ordering by time
// is deterministic.
func fakeClock(t testing.TB) {
	t.Helper()
	base := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	n := 0
	old := now
	now = func() time.Time { n++; return base.Add(time.Duration(n) * time.Second) }
	t.Cleanup(func() { now = old })
}

func sample(url, title, text string) *Article {
	return &Article{
		Content: article.Content{
			SourceURL:      url,
			CanonicalURL:   url + "#canonical",
			Title:          title,
			Byline:         "Ann Author",
			SiteName:       "Example Site",
			Language:       "en",
			Excerpt:        "An excerpt.",
			LeadImage:      "https://example.org/lead.png",
			Published:      time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC),
			Markdown:       "# " + title + "\n\n" + text + "\n",
			Text:           text,
			WordCount:      len(strings.Fields(text)),
			ReadingMinutes: 1,
		},
	}
}

func mustAdd(t testing.TB, s *Store, a *Article) int64 {
	t.Helper()
	id, existed, err := s.AddArticle(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if existed {
		t.Fatalf("article %q already existed as %d", a.SourceURL, id)
	}
	return id
}

func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpenMigratesOnceAndRecordsVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dir", "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	id := mustAdd(t, s, sample("https://a.example/1", "One", "first text"))
	s.Close()

	for i := 0; i < 3; i++ { // reopening must neither fail nor redo anything
		s, err = Open(path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		if a, err := s.Article(ctx, id); err != nil || a.Title != "One" {
			t.Fatalf("reopen %d: article %v, %v", i, a, err)
		}
		s.Close()
	}
	db := rawDB(t, path)
	var v, app int
	var mode string
	db.QueryRow("PRAGMA user_version").Scan(&v)
	db.QueryRow("PRAGMA application_id").Scan(&app)
	db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if v != SchemaVersion || v < 1 {
		t.Errorf("user_version = %d, want %d", v, SchemaVersion)
	}
	if app != applicationID {
		t.Errorf("application_id = %x", app)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
}

func TestOpenPragmasOnEveryConnection(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	// Hold several connections at once so the pool must open new ones.
	var conns []*sql.Conn
	for i := 0; i < 4; i++ {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var busy, fk, sync int
		c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy)
		c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
		c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
		if busy != 5000 || fk != 1 || sync != 1 {
			t.Errorf("conn %d: busy_timeout=%d foreign_keys=%d synchronous=%d", i, busy, fk, sync)
		}
		c.Close()
	}
}

func TestOpenRefusesForeignAndNewerDatabases(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	db := rawDB(t, other)
	if _, err := db.Exec("CREATE TABLE x (y)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(other); err == nil || !strings.Contains(err.Error(), "not a margin library") {
		t.Errorf("foreign database: %v", err)
	}

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db = rawDB(t, newer)
	db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion+1))
	db.Close()
	if _, err := Open(newer); err == nil || !strings.Contains(err.Error(), "upgrade margin") {
		t.Errorf("newer schema: %v", err)
	}

	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte(strings.Repeat("not a database\n", 500)), 0o600)
	_, err = Open(notDB)
	if err == nil || !strings.HasPrefix(err.Error(), "open library "+notDB+": ") {
		t.Errorf("text file: %v", err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

func TestPathsWithURISpecialCharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "we?ird #dir %41")
	path := filepath.Join(dir, "lib?.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, sample("u", "t", "x"))
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("library not at the path asked for: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("MARGIN_DB", "/x/lib.db")
	if p, _ := DefaultPath(); p != "/x/lib.db" {
		t.Errorf("MARGIN_DB: %q", p)
	}
	t.Setenv("MARGIN_DB", "")
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, _ := DefaultPath(); p != "/data/margin/library.db" {
		t.Errorf("XDG_DATA_HOME: %q", p)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/u")
	if p, _ := DefaultPath(); p != "/home/u/.local/share/margin/library.db" {
		t.Errorf("HOME: %q", p)
	}
}

func TestArticleRoundTrip(t *testing.T) {
	fakeClock(t)
	s := openTest(t)
	ctx := context.Background()
	in := sample("https://a.example/essay", "An Essay", "Some words\n\nand more words")
	id := mustAdd(t, s, in)
	if in.ID != id || in.State != Inbox || in.Added.IsZero() {
		t.Errorf("AddArticle did not fill ID/State/Added: %+v", in)
	}
	got, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id || got.SourceURL != in.SourceURL || got.CanonicalURL != in.CanonicalURL ||
		got.Title != in.Title || got.Byline != in.Byline || got.SiteName != in.SiteName ||
		got.Language != in.Language || got.Excerpt != in.Excerpt || got.LeadImage != in.LeadImage ||
		!got.Published.Equal(in.Published) || got.Markdown != in.Markdown || got.Text != in.Text ||
		got.WordCount != in.WordCount || got.ReadingMinutes != in.ReadingMinutes ||
		!got.Added.Equal(in.Added) || !got.Opened.IsZero() || got.State != Inbox {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, in)
	}

	// Zero times stay zero.
	bare := &Article{Content: article.Content{Title: "bare"}}
	bid := mustAdd(t, s, bare)
	if b, _ := s.Article(ctx, bid); !b.Published.IsZero() || !b.Opened.IsZero() {
		t.Errorf("zero times: %+v", b)
	}

	if _, err := s.Article(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	for _, u := range []string{in.SourceURL, in.CanonicalURL} {
		if fid, err := s.FindURL(ctx, u); err != nil || fid != id {
			t.Errorf("FindURL(%q) = %d, %v", u, fid, err)
		}
	}
	if _, err := s.FindURL(ctx, "https://nowhere"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FindURL missing: %v", err)
	}
	if _, err := s.FindURL(ctx, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("FindURL empty: %v", err)
	}

	if err := s.SetState(ctx, id, Archived); err != nil {
		t.Fatal(err)
	}
	if err := s.SetState(ctx, id, "bogus"); err == nil {
		t.Error("SetState accepted a bogus state")
	}
	if err := s.SetState(ctx, 999, Archived); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetState missing: %v", err)
	}
	if err := s.SetPosition(ctx, id, 0, 42, 1.7); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Article(ctx, id)
	if got.State != Archived || got.Position != 42 || got.Progress != 1 || got.Opened.IsZero() {
		t.Errorf("after SetState/SetPosition: %+v", got)
	}
	if err := s.SetPosition(ctx, 999, 0, 0, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetPosition missing: %v", err)
	}
	if n, err := s.Count(ctx); err != nil || n != 2 {
		t.Errorf("Count = %d, %v", n, err)
	}
}

func TestAddSameURLKeepsExisting(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	first := sample("https://a.example/x?utm=1", "Original", "original text")
	first.CanonicalURL = "https://a.example/x"
	id := mustAdd(t, s, first)

	cases := []struct{ source, canonical string }{
		{"https://a.example/x?utm=1", ""},                       // same source
		{"https://other.example/mirror", "https://a.example/x"}, // same canonical
		{"https://a.example/x", ""},                             // source equals a canonical
		{"", "https://a.example/x?utm=1"},                       // canonical equals a source
	}
	for _, c := range cases {
		dup := sample(c.source, "Replacement", "replacement text")
		dup.CanonicalURL = c.canonical
		got, existed, err := s.AddArticle(ctx, dup)
		if err != nil || !existed || got != id {
			t.Errorf("%+v: got %d, existed=%v, %v; want %d, true", c, got, existed, err, id)
		}
	}
	a, _ := s.Article(ctx, id)
	if a.Title != "Original" || a.Text != "original text" {
		t.Errorf("existing article changed: %+v", a)
	}
	if n, _ := s.Count(ctx); n != 1 {
		t.Errorf("Count = %d after duplicates", n)
	}
	// Pasted texts have no URL: each is a new article.
	mustAdd(t, s, &Article{Content: article.Content{Title: "paste 1", Text: "a"}})
	mustAdd(t, s, &Article{Content: article.Content{Title: "paste 2", Text: "a"}})
	if n, _ := s.Count(ctx); n != 3 {
		t.Errorf("Count = %d after URL-less articles", n)
	}
}

func TestReplaceArticle(t *testing.T) {
	fakeClock(t)
	s := openTest(t)
	ctx := context.Background()
	old := sample("https://a.example/r", "Old title", "the walrus spoke of many things")
	id := mustAdd(t, s, old)
	s.SetState(ctx, id, Archived)
	s.SetPosition(ctx, id, 0, 10, 0.5)
	h := &Highlight{ArticleID: id, Start: 4, End: 10, Exact: "walrus", Label: "claim"}
	if _, err := s.AddHighlight(ctx, h); err != nil {
		t.Fatal(err)
	}
	other := mustAdd(t, s, sample("https://b.example", "Other", "x"))
	oh := &Highlight{ArticleID: other, Start: 0, End: 1, Exact: "x"}
	s.AddHighlight(ctx, oh)

	nw := sample("https://a.example/r", "New title", "the carpenter ate oysters")
	nw.CanonicalURL = "" // a refresh that found no canonical URL keeps the old one
	var seen []Highlight
	carry := func(oldMD string, hs []Highlight, pos int) ([]Highlight, int) {
		if oldMD != old.Markdown || pos != 10 {
			t.Errorf("carry got markdown %q position %d", oldMD, pos)
		}
		seen = hs
		for i := range hs {
			hs[i].Start, hs[i].End, hs[i].Orphan = 0, 0, true
		}
		return hs, -1
	}
	res, err := s.ReplaceArticle(ctx, id, nw, carry)
	if err != nil || res.Orphans != 1 || res.Unchanged {
		t.Fatalf("replace: %+v %v", res, err)
	}
	if len(seen) != 1 || seen[0].ID != h.ID {
		t.Errorf("carry saw %+v, want the article's one highlight", seen)
	}
	got, _ := s.Article(ctx, id)
	if got.Title != "New title" || got.Text != nw.Text || got.State != Archived || got.CanonicalURL != old.CanonicalURL ||
		got.Position != 0 || !got.Added.Equal(old.Added) {
		t.Errorf("after replace: %+v", got)
	}
	gh, _ := s.Highlight(ctx, h.ID)
	if !gh.Orphan || gh.Start != 0 || gh.Label != "claim" || gh.Exact != "walrus" {
		t.Errorf("highlight after replace: %+v", gh)
	}
	// The search index follows the new text and title.
	if rs, _ := s.Search(ctx, "walrus", 10); len(rs) != 0 {
		t.Errorf("old text still found: %+v", rs)
	}
	if rs, _ := s.Search(ctx, "oysters", 10); len(rs) != 1 || rs[0].ID != id {
		t.Errorf("new text not found: %+v", rs)
	}
	if rs, _ := s.Search(ctx, "new title", 10); len(rs) != 1 {
		t.Errorf("new title not found: %+v", rs)
	}
	// A refresh never fails because of a highlight: one carry returns
	// from another article is ignored (that highlight is untouched), and
	// the article's own highlight it dropped is kept as an orphan.
	bad := sample("https://a.example/r", "Bad", "bad")
	foreign := func(string, []Highlight, int) ([]Highlight, int) { return []Highlight{*oh}, 0 }
	if res, err := s.ReplaceArticle(ctx, id, bad, foreign); err != nil || res.Orphans != 1 || len(res.Highlights) != 1 ||
		res.Highlights[0].ID != h.ID || res.Highlights[0].Outcome != Orphaned || res.Highlights[0].Was != "walrus" {
		t.Errorf("foreign highlight: %+v %v", res, err)
	}
	if g, _ := s.Highlight(ctx, oh.ID); g.Exact != "x" || g.Orphan || g.Revision != 1 {
		t.Errorf("another article's highlight changed: %+v", g)
	}
	nw = bad
	if _, err := s.ReplaceArticle(ctx, 999, nw, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	// The same text again writes nothing: position and progress stay.
	s.SetPosition(ctx, id, 0, 7, 0.25)
	if res, err := s.ReplaceArticle(ctx, id, nw, nil); err != nil || !res.Unchanged {
		t.Errorf("unchanged replace: %+v %v", res, err)
	}
	if got, _ := s.Article(ctx, id); got.Position != 7 || got.Progress != 0.25 {
		t.Errorf("unchanged replace moved the position: %d %v", got.Position, got.Progress)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("Check after replace: %+v %v", r, err)
	}
}

func TestListSortFilterCounts(t *testing.T) {
	fakeClock(t)
	s := openTest(t)
	ctx := context.Background()
	b := mustAdd(t, s, sample("u:b", "banana", "x")) // oldest
	a := mustAdd(t, s, sample("u:a", "Apple", "x"))
	c := mustAdd(t, s, sample("u:c", "cherry", "x")) // newest
	s.SetPosition(ctx, a, 0, 5, 0.9)
	s.SetPosition(ctx, b, 0, 5, 0.2)
	s.SetState(ctx, c, Archived)
	for i := 0; i < 3; i++ {
		s.AddHighlight(ctx, &Highlight{ArticleID: b, Start: i, End: i + 1})
	}
	s.AddHighlight(ctx, &Highlight{ArticleID: c, Start: 0, End: 1})

	ids := func(as []Article) []int64 {
		var out []int64
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	cases := []struct {
		opt  ListOptions
		want []int64
	}{
		{ListOptions{}, []int64{a, b}},
		{ListOptions{Archived: true}, []int64{c, a, b}},
		{ListOptions{Archived: true, Sort: SortTitle}, []int64{a, b, c}},
		{ListOptions{Archived: true, Sort: SortProgress}, []int64{a, b, c}},
		{ListOptions{Archived: true, Limit: 2}, []int64{c, a}},
	}
	for _, tc := range cases {
		got, err := s.List(ctx, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ids(got)) != fmt.Sprint(tc.want) {
			t.Errorf("List(%+v) = %v, want %v", tc.opt, ids(got), tc.want)
		}
	}
	all, _ := s.List(ctx, ListOptions{Archived: true})
	counts := map[int64]int{}
	for _, x := range all {
		counts[x.ID] = x.HighlightCount
		if x.Markdown != "" || x.Text != "" {
			t.Errorf("List returned content for %d", x.ID)
		}
		if x.Title == "" || x.SiteName == "" || x.Added.IsZero() {
			t.Errorf("List lost metadata: %+v", x)
		}
	}
	if counts[a] != 0 || counts[b] != 3 || counts[c] != 1 {
		t.Errorf("highlight counts %v", counts)
	}
	if _, err := s.List(ctx, ListOptions{Sort: "bogus"}); err == nil {
		t.Error("unknown sort accepted")
	}
}

func TestDeleteCascades(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("u:del", "Doomed zebra", "the zebra text"))
	keep := mustAdd(t, s, sample("u:keep", "Kept", "the zebra also lives here"))
	claim := &Highlight{ArticleID: id, Start: 0, End: 3, Label: "claim"}
	s.AddHighlight(ctx, claim)
	s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 4, End: 9, Label: "evidence", Supports: claim.ID})
	kh := &Highlight{ArticleID: keep, Start: 0, End: 3}
	s.AddHighlight(ctx, kh)
	s.SetExportHash(ctx, "/notes/doomed.md", id, "abc")
	db := s.db
	db.Exec(`INSERT INTO tags (name) VALUES ('t')`)
	db.Exec(`INSERT INTO article_tags VALUES (?, 1)`, id)

	if err := s.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if _, err := s.Article(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("article still there: %v", err)
	}
	for _, table := range []string{"highlights", "article_bodies", "article_tags"} {
		var n int
		db.QueryRow(`SELECT count(*) FROM `+table+` WHERE article_id = ?`, id).Scan(&n)
		if n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	if hs, _ := s.Highlights(ctx, keep); len(hs) != 1 {
		t.Errorf("other article's highlights: %v", hs)
	}
	if rs, _ := s.Search(ctx, "zebra", 10); len(rs) != 1 || rs[0].ID != keep {
		t.Errorf("search after delete: %+v", rs)
	}
	if h, _ := s.ExportHash(ctx, "/notes/doomed.md"); h != "abc" {
		t.Errorf("export record lost: %q", h)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("Check after delete: %+v %v", r, err)
	}
}

func TestHighlights(t *testing.T) {
	fakeClock(t)
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("u:h", "Été à Paris", "some text here"))
	other := mustAdd(t, s, sample("u:o", "Other", "text"))

	claim := &Highlight{ArticleID: id, Start: 10, End: 20, Exact: "Il fait CHAUD", Prefix: "p", Suffix: "s", Label: "claim", Note: "A note"}
	if _, err := s.AddHighlight(ctx, claim); err != nil {
		t.Fatal(err)
	}
	if claim.ID == 0 || claim.Created.IsZero() || !claim.Updated.Equal(claim.Created) {
		t.Errorf("AddHighlight did not fill fields: %+v", claim)
	}
	ev := &Highlight{ArticleID: id, Start: 0, End: 5, Exact: "été", Label: "evidence", Supports: claim.ID}
	s.AddHighlight(ctx, ev)
	orphan := &Highlight{ArticleID: id, Start: 0, End: 0, Exact: "gone", Orphan: true}
	s.AddHighlight(ctx, orphan)
	plain := &Highlight{ArticleID: id, Start: 10, End: 15}
	s.AddHighlight(ctx, plain)
	if plain.Label != "highlight" {
		t.Errorf("default label %q", plain.Label)
	}

	got, err := s.Highlight(ctx, claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Exact != claim.Exact || got.Prefix != "p" || got.Suffix != "s" || got.Note != "A note" ||
		got.Label != "claim" || got.Start != 10 || got.End != 20 || !got.Created.Equal(claim.Created) {
		t.Errorf("round trip: %+v", got)
	}
	order := func(hs []Highlight) []int64 {
		var out []int64
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return out
	}
	hs, _ := s.Highlights(ctx, id)
	if want := []int64{ev.ID, plain.ID, claim.ID, orphan.ID}; fmt.Sprint(order(hs)) != fmt.Sprint(want) {
		t.Errorf("reading order %v, want %v", order(hs), want)
	}

	// Links stay within one article and never point at themselves.
	if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: other, Supports: claim.ID}); err == nil {
		t.Error("cross-article link accepted")
	}
	if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Label: "evidence", Supports: 999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("link to missing highlight: %v", err)
	}
	if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: 999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("highlight on missing article: %v", err)
	}
	if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 5, End: 2}); err == nil {
		t.Error("backwards range accepted")
	}

	// Edit: only the fields named change; a claim with linked evidence
	// keeps its label unless the unlinking is allowed.
	if _, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Label: &Change[string]{"claim", "question"}}); !errors.Is(err, ErrWouldUnlink) {
		t.Errorf("relabelling a linked claim: %v, want ErrWouldUnlink", err)
	}
	res, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Note: &Change[string]{"A note", "changed"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PlaceHighlight(ctx, claim.ID, Place{Start: 11, End: 21, Exact: "x"}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Highlight(ctx, claim.ID)
	if got.Note != "changed" || got.Label != "claim" || got.Start != 11 || got.ArticleID != id || !got.Updated.After(got.Created) ||
		got.Revision != res.Highlight.Revision+1 || res.Highlight.Revision != 2 {
		t.Errorf("after update: %+v", got)
	}
	if _, err := s.EditHighlight(ctx, Edit{ID: ev.ID, Supports: &Change[int64]{claim.ID, ev.ID}}); err == nil {
		t.Error("self link accepted")
	}
	if _, err := s.EditHighlight(ctx, Edit{ID: 999, Note: &Change[string]{"", "x"}}); !errors.Is(err, ErrNotFound) {
		t.Errorf("update missing: %v", err)
	}

	// Delete clears links; restore brings back the same ID and fields.
	before, _ := s.Highlight(ctx, claim.ID)
	if err := s.DeleteHighlight(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteHighlight(ctx, claim.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if e, _ := s.Highlight(ctx, ev.ID); e.Supports != 0 {
		t.Errorf("link not cleared: %+v", e)
	}
	// A new highlight must not take the deleted ID.
	later := &Highlight{ArticleID: id, Start: 1, End: 2}
	s.AddHighlight(ctx, later)
	if later.ID == claim.ID {
		t.Fatal("deleted highlight ID reused")
	}
	if err := s.RestoreHighlight(ctx, before, nil); err != nil {
		t.Fatal(err)
	}
	restored, _ := s.Highlight(ctx, claim.ID)
	if fmt.Sprintf("%+v", *restored) != fmt.Sprintf("%+v", *before) {
		t.Errorf("restored\n %+v\nwant\n %+v", *restored, *before)
	}
	if err := s.RestoreHighlight(ctx, before, nil); err == nil {
		t.Error("restoring an existing highlight succeeded")
	}
	// Restoring an evidence whose claim is gone drops the link.
	s.EditHighlight(ctx, Edit{ID: ev.ID, Supports: &Change[int64]{0, claim.ID}})
	ev2, _ := s.Highlight(ctx, ev.ID)
	if ev2.Supports != claim.ID {
		t.Fatalf("relink: %+v", ev2)
	}
	s.DeleteHighlight(ctx, ev2.ID)
	s.DeleteHighlight(ctx, claim.ID)
	if err := s.RestoreHighlight(ctx, ev2, nil); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.Highlight(ctx, ev2.ID); e == nil || e.Supports != 0 {
		t.Errorf("restored evidence: %+v", e)
	}

	// Library-wide view.
	s.AddHighlight(ctx, &Highlight{ArticleID: other, Exact: "Other text", Note: "ÉTÉ indien", Label: "claim"})
	all, err := s.AllHighlights(ctx, HighlightFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 5 {
		t.Errorf("AllHighlights: %d", len(all))
	}
	for _, h := range all {
		if h.ArticleTitle == "" {
			t.Errorf("no ArticleTitle: %+v", h)
		}
	}
	byLabel, _ := s.AllHighlights(ctx, HighlightFilter{Label: "claim"})
	if len(byLabel) != 1 || byLabel[0].ArticleID != other {
		t.Errorf("by label: %+v", byLabel)
	}
	byQuery, _ := s.AllHighlights(ctx, HighlightFilter{Query: "été"})
	if len(byQuery) != 2 { // "été" (exact) and "ÉTÉ indien" (note), case-folded
		t.Errorf("by query: %+v", byQuery)
	}
	byArticle, _ := s.AllHighlights(ctx, HighlightFilter{ArticleID: other, Query: "indien"})
	if len(byArticle) != 1 {
		t.Errorf("by article and query: %+v", byArticle)
	}
}

func TestSettingsAndExports(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if v, err := s.Setting(ctx, "width"); v != "" || err != nil {
		t.Errorf("unset: %q %v", v, err)
	}
	s.SetSetting(ctx, "width", "80")
	s.SetSetting(ctx, "width", "100")
	if v, _ := s.Setting(ctx, "width"); v != "100" {
		t.Errorf("width = %q", v)
	}
	if h, err := s.ExportHash(ctx, "/n/a.md"); h != "" || err != nil {
		t.Errorf("unknown export: %q %v", h, err)
	}
	id := mustAdd(t, s, sample("u", "t", "x"))
	s.SetExportHash(ctx, "/n/a.md", id, "h1")
	s.SetExportHash(ctx, "/n/a.md", id, "h2")
	s.SetExportHash(ctx, "/n/all.md", 0, "h3")
	if h, _ := s.ExportHash(ctx, "/n/a.md"); h != "h2" {
		t.Errorf("export hash %q", h)
	}
	if h, _ := s.ExportHash(ctx, "/n/all.md"); h != "h3" {
		t.Errorf("export hash %q", h)
	}
}

func TestBackup(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for i := 0; i < 20; i++ {
		id := mustAdd(t, s, sample(fmt.Sprintf("u:%d", i), fmt.Sprintf("Title %d", i), "backup text"))
		s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 0, End: 6, Note: "n"})
	}
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, dst); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("overwrite: %v", err)
	}
	b, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	want, _ := s.List(ctx, ListOptions{Archived: true})
	got, _ := b.List(ctx, ListOptions{Archived: true})
	if len(got) != 20 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("backup holds %d articles, differing", len(got))
	}
	if rs, _ := b.Search(ctx, "backup", 50); len(rs) != 20 {
		t.Errorf("backup search: %d", len(rs))
	}
	if r, err := b.Check(ctx); err != nil || !r.OK() {
		t.Errorf("backup check: %+v %v", r, err)
	}
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "no", "such", "dir", "b.db")); err == nil {
		t.Error("backup into a missing folder succeeded")
	}
}

func TestCheckFindsBrokenSearchIndex(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		mustAdd(t, s, sample(fmt.Sprintf("u:%d", i), "t", "some indexed words"))
	}
	s.AddHighlight(ctx, &Highlight{ArticleID: 1, Orphan: true})
	r, err := s.Check(ctx)
	if err != nil || !r.OK() || r.Integrity != "ok" || r.OrphanHighlights != 1 {
		t.Fatalf("healthy library: %+v %v", r, err)
	}

	// Break the index behind SQLite's back: drop a document's size row
	// and the index's data rows.
	db := rawDB(t, s.Path())
	if _, err := db.Exec(`DELETE FROM articles_fts_docsize WHERE id = 3`); err != nil {
		t.Fatal(err)
	}
	r, err = s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.FTSConsistent || r.OK() || len(r.Problems) == 0 {
		t.Errorf("broken docsize not detected: %+v", r)
	}
	if err := s.RebuildSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Check(ctx); !r.OK() {
		t.Errorf("after rebuild: %+v", r)
	}

	if _, err := db.Exec(`DELETE FROM articles_fts_data WHERE id > 10`); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Check(ctx); r.FTSConsistent {
		t.Errorf("broken data not detected: %+v", r)
	}
	s.RebuildSearch(ctx)

	// An article whose text vanished, and a highlight beyond its text.
	db.Exec(`PRAGMA foreign_keys = OFF`)
	db.Exec(`UPDATE highlights SET orphan = 0, md_end = 100000 WHERE id = 1`)
	if r, _ := s.Check(ctx); r.OK() || !strings.Contains(strings.Join(r.Problems, ";"), "outside") {
		t.Errorf("bad highlight range not detected: %+v", r)
	}
}

func TestConcurrentOpenOfNewLibrary(t *testing.T) {
	// Several margins started at once on a library that does not exist
	// yet: one creates and migrates it, the others wait and use it.
	path := filepath.Join(t.TempDir(), "new", "lib.db")
	const n = 6
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			s, err := Open(path)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			_, _, err = s.AddArticle(context.Background(), sample(fmt.Sprintf("u:%d", i), "t", "x"))
			errs <- err
		}(i)
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, _ := s.Count(context.Background()); c != n {
		t.Errorf("%d articles, want %d", c, n)
	}
}

func TestNewLibraryIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, sample("u", "t", "x"))
	defer s.Close()
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

func TestAddArticlesAndPopulate(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	first := mustAdd(t, s, sample("u:0", "zero", "x"))
	batch := []*Article{sample("u:1", "one", "x"), sample("u:0", "dup of zero", "x"), sample("u:1", "dup of one", "x")}
	ids, existed, err := s.AddArticles(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if existed[0] || !existed[1] || !existed[2] || ids[1] != first || ids[2] != ids[0] || batch[0].ID != ids[0] || batch[1].ID != 0 {
		t.Errorf("ids %v existed %v", ids, existed)
	}

	// Populate is deterministic and idempotent.
	if a, b := NewGenerator(5).Article(3, 300), NewGenerator(5).Article(3, 300); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("same seed, different articles")
	}
	a := NewGenerator(5).Article(0, 300)
	if n := len(strings.Fields(a.Text)); n < 300 || n > 400 {
		t.Errorf("%d words, want about 300", n)
	}
	if err := Populate(ctx, s, 30, 300, 5); err != nil {
		t.Fatal(err)
	}
	if err := Populate(ctx, s, 30, 300, 5); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx); n != 32 {
		t.Errorf("Count = %d after populating 30 twice", n)
	}
}

func TestHomePageCanonicalIsNotOneArticle(t *testing.T) {
	s := openTest(t)
	a := sample("https://site.example/story-one", "One", "first story")
	a.CanonicalURL = "https://site.example/"
	b := sample("https://site.example/story-two", "Two", "second story")
	b.CanonicalURL = "https://site.example/"
	ida, idb := mustAdd(t, s, a), mustAdd(t, s, b)
	if ida == idb {
		t.Fatal("two stories whose canonical link is the home page were taken for one")
	}
	// A canonical link naming a page still identifies it.
	c := sample("https://site.example/amp/story-two", "Two (AMP)", "second story")
	c.CanonicalURL = "https://site.example/story-two"
	if _, existed, err := s.AddArticle(context.Background(), c); err != nil || !existed {
		t.Fatalf("AMP copy of a saved page: existed=%v err=%v", existed, err)
	}
}

// margin backup "" ran VACUUM INTO an empty name (a temporary copy SQLite deletes)
// and then failed with "chmod : no such file or directory"; margin backup
// DIR said "file exists". Both now say what to give instead.
func TestBackupToEmptyNameOrFolder(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	mustAdd(t, s, sample("u:1", "Title", "backup text"))
	if err := s.Backup(ctx, ""); err == nil || strings.Contains(err.Error(), "chmod") || !strings.Contains(err.Error(), "give the name") {
		t.Errorf("backup to \"\": %v", err)
	}
	dir := t.TempDir()
	if err := s.Backup(ctx, dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("backup to a folder: %v", err)
	}
}

// A library whose file was deleted (its folder removed) or replaced by
// another file while margin ran refuses writes: they went to the deleted
// file, were confirmed ("Highlighted.", "saved") and vanished when margin
// ended.
func TestWriteToDeletedLibraryRefused(t *testing.T) {
	for _, replace := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "lib.db")
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		id := mustAdd(t, s, sample("https://example.org/a", "A", "Some words here."))
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		if replace {
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		err = s.SetArticleNote(context.Background(), id, "", "words to keep")
		if !errors.Is(err, ErrGone) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("replaced %v: a write to a deleted library: %v", replace, err)
		}
		s.Close()
	}
}
