package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"margin/internal/article"
)

func TestImportArticleKeepsWhatTheOldLibraryHad(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	saved := time.Date(2019, 3, 4, 5, 6, 7, 0, time.UTC)
	a := sample("https://imp.example/read", "Read one", "The river is rising. Nobody listens.")
	a.Added, a.State, a.Starred, a.Progress, a.Note = saved, Archived, true, 0.4, "a note on it"
	hlCreated := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	start := strings.Index(a.Markdown, "Nobody")
	im := &Imported{
		Article: *a,
		Tags:    []string{"#Policy", "policy", "bad,tag", " later "},
		Highlights: []Highlight{
			{Start: start, End: start + len("Nobody listens."), Exact: "Nobody listens.", Prefix: "rising. ", Label: "claim", Note: "why", Created: hlCreated},
			{Exact: "a sentence that is not there", Note: "kept note", Orphan: true},
			{Start: 5, End: 99999, Exact: "out of range", Note: "range"},
		},
	}
	id, existed, err := s.ImportArticle(ctx, im)
	if err != nil || existed {
		t.Fatalf("import: %d %v %v", id, existed, err)
	}
	got, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Added.Equal(saved) || got.State != Archived || !got.Starred || got.Progress != 0.4 ||
		got.Reading != ReadingNow || got.Note != "a note on it" || !got.Fetched() {
		t.Errorf("article: added %v state %s starred %v progress %v reading %s note %q fetched %v",
			got.Added, got.State, got.Starred, got.Progress, got.Reading, got.Note, got.Fetched())
	}
	if strings.Join(got.Tags, "|") != "later|Policy" {
		t.Errorf("tags %q (cleaned, once each, a bad one left out)", got.Tags)
	}
	hs, _ := s.Highlights(ctx, id)
	if len(hs) != 3 {
		t.Fatalf("%d highlights, want 3", len(hs))
	}
	if h := hs[0]; h.Orphan || h.Label != "claim" || h.Note != "why" || a.Markdown[h.Start:h.End] != "Nobody listens." || !h.Created.Equal(hlCreated) {
		t.Errorf("placed highlight: %+v", h)
	}
	for _, h := range hs[1:] {
		if !h.Orphan || h.Note == "" || h.Exact == "" {
			t.Errorf("orphan must keep quote and note: %+v", h)
		}
	}

	// Done and progress map to reading states.
	for _, c := range []struct {
		done     bool
		progress float64
		want     Reading
	}{{false, 0, New}, {true, 0, Done}, {false, 1, Done}, {false, 0.2, ReadingNow}} {
		b := sample("https://imp.example/state/"+string(c.want)+time.Duration(c.progress*100).String(), "S", "x")
		if c.done {
			b.Reading = Done
		}
		b.Progress = c.progress
		bid, _, err := s.ImportArticle(ctx, &Imported{Article: *b})
		if err != nil {
			t.Fatal(err)
		}
		if g, _ := s.Article(ctx, bid); g.Reading != c.want || g.State != Inbox {
			t.Errorf("done=%v progress=%v: reading %s state %s, want %s inbox", c.done, c.progress, g.Reading, g.State, c.want)
		}
	}
}

func TestImportArticleSkipsASavedAddress(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	first := mustAdd(t, s, sample("https://imp.example/x?utm_source=feed", "First", "one"))
	before, _ := s.Version(ctx)
	im := &Imported{Article: *sample("HTTPS://IMP.example/x/", "Second", "two"), Tags: []string{"new"},
		Highlights: []Highlight{{Exact: "q", Orphan: true}}}
	id, existed, err := s.ImportArticle(ctx, im)
	if err != nil || !existed || id != first {
		t.Fatalf("same address: %d %v %v, want %d existed", id, existed, err, first)
	}
	if after, _ := s.Version(ctx); after != before {
		t.Errorf("an existing address wrote something (version %d -> %d)", before, after)
	}
	if tags, _ := s.ArticleTags(ctx, first); len(tags) != 0 {
		t.Errorf("tags added to the existing article: %q", tags)
	}
	// Twice in one batch: one article.
	a, b := &Imported{Article: *sample("https://imp.example/y", "Y", "y")}, &Imported{Article: *sample("https://imp.example/y#frag", "Y again", "y")}
	ids, ex, err := s.ImportArticles(ctx, []*Imported{a, b})
	if err != nil || ex[0] || !ex[1] || ids[0] != ids[1] {
		t.Errorf("batch: %v %v %v", ids, ex, err)
	}
	if n, _ := s.Count(ctx); n != 2 {
		t.Errorf("%d articles, want 2", n)
	}
}

func TestImportArticleIsAllOrNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	db := rawDB(t, s.Path())
	if _, err := db.Exec(`CREATE TRIGGER boom BEFORE INSERT ON highlights WHEN new.note = 'boom'
		BEGIN SELECT RAISE(ABORT, 'boom'); END`); err != nil {
		t.Fatal(err)
	}
	ok := &Imported{Article: *sample("https://imp.example/ok", "OK", "fine"), Tags: []string{"t"}}
	bad := &Imported{Article: *sample("https://imp.example/bad", "Bad", "text"), Tags: []string{"u"},
		Highlights: []Highlight{{Exact: "fine", Orphan: true}, {Exact: "text", Note: "boom", Orphan: true}}}
	if _, _, err := s.ImportArticles(ctx, []*Imported{ok, bad}); err == nil {
		t.Fatal("the failing highlight did not fail the import")
	}
	var n int
	for _, q := range []string{`SELECT count(*) FROM articles`, `SELECT count(*) FROM article_bodies`,
		`SELECT count(*) FROM highlights`, `SELECT count(*) FROM article_tags`, `SELECT count(*) FROM tags`} {
		if err := db.QueryRow(q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s = %d (%v): a failed import left a partial article", q, n, err)
		}
	}
}

func TestNotFetchedThenFetched(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	im := &Imported{Article: Article{
		Content: article.Content{
			SourceURL: "https://imp.example/later",
			Title:     "Later",
		},
		FetchError: "HTTP 503 Service Unavailable",
		Added:      time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC),
	},
		Highlights: []Highlight{{Exact: "Nobody  listens", Note: "found later", Orphan: true}, {Exact: "gone for good", Orphan: true}}}
	id, _, err := s.ImportArticle(ctx, im)
	if err != nil {
		t.Fatal(err)
	}
	un, err := s.Unfetched(ctx)
	if err != nil || len(un) != 1 || un[0].ID != id || un[0].FetchError != "HTTP 503 Service Unavailable" {
		t.Fatalf("unfetched: %+v %v", un, err)
	}
	if err := s.SetFetchError(ctx, id, "HTTP 404 Not Found"); err != nil {
		t.Fatal(err)
	}
	a := sample("https://imp.example/later", "Later, fetched", "The river is rising. Nobody listens.")
	// A carry that places by exact text, as library.Carry does.
	carry := func(_ string, hs []Highlight, pos int) ([]Highlight, int) {
		for i := range hs {
			if j := strings.Index(a.Markdown, "Nobody listens"); j >= 0 && strings.Contains(hs[i].Exact, "listens") {
				hs[i].Start, hs[i].End, hs[i].Exact, hs[i].Orphan = j, j+len("Nobody listens"), "Nobody listens", false
			}
		}
		return hs, pos
	}
	if _, err := s.ReplaceArticle(ctx, id, a, carry); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Article(ctx, id)
	if !got.Fetched() || got.Markdown != a.Markdown || !got.Added.Equal(im.Article.Added) {
		t.Errorf("after the fetch: error %q, added %v", got.FetchError, got.Added)
	}
	if un, _ := s.Unfetched(ctx); len(un) != 0 {
		t.Errorf("still listed as not fetched: %d", len(un))
	}
	hs, _ := s.Highlights(ctx, id)
	if len(hs) != 2 || hs[0].Orphan || hs[0].Note != "found later" || !hs[1].Orphan {
		t.Errorf("highlights after the fetch: %+v", hs)
	}
	// A fetched article is not marked again.
	s.SetFetchError(ctx, id, "late failure")
	if got, _ := s.Article(ctx, id); !got.Fetched() {
		t.Error("SetFetchError marked an article that has its text")
	}
}

// Finding an address reads its index, not the whole table: a scan per
// item made a 10,000-article import quadratic.
func TestFindURLUsesTheIndexes(t *testing.T) {
	s := openTest(t)
	for n := 1; n <= 2; n++ {
		args := make([]any, 2*n)
		for i := range args {
			args[i] = "k"
		}
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+findURLSQL(n), args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		all := strings.Join(plan, "\n")
		if strings.Contains(all, "SCAN articles") || strings.Count(all, "USING COVERING INDEX") != 2 {
			t.Errorf("%d keys: the lookup scans the table:\n%s", n, all)
		}
	}
}

// Newest first means the date saved: an article imported today with the
// date it was saved in 2019 lists below one saved last week, though its
// id is newer (found in a new user's trial of margin import).
func TestListNewestFirstBySavedDate(t *testing.T) {
	s := openTest(t)
	ctx := t.Context()
	recent := mustAdd(t, s, sample("https://now.example/a", "Saved this week", "x"))
	old := sample("https://old.example/b", "Saved in 2019", "y")
	old.Added = time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)
	oid, _, err := s.ImportArticle(ctx, &Imported{Article: *old})
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range []func() ([]Article, error){
		func() ([]Article, error) { return s.List(ctx, ListOptions{}) },
		func() ([]Article, error) { return s.List(ctx, ListOptions{Limit: 1}) },
	} {
		as, err := list()
		if err != nil || len(as) == 0 || as[0].ID != recent {
			t.Fatalf("newest first: %+v %v; want article %d (recent) before %d (imported, saved 2019)", as, err, recent, oid)
		}
	}
}

// Two parts of one import may each find a highlight lacking from a saved
// article (one by its address, one by its canonical address): the second
// write of the same quote adds nothing.
func TestAddImportedHighlightsOnce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("https://imp.example/once", "Once", "one"))
	a, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	hs := []Highlight{{Exact: "A quote", Note: "n", Orphan: true}}
	for range 2 {
		if err := s.AddImportedHighlights(ctx, id, a.TextRevision, len(a.Markdown), hs, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	hs[0].Exact = "a  QUOTE" // the same words, spaced and cased otherwise
	if err := s.AddImportedHighlights(ctx, id, a.TextRevision, len(a.Markdown), hs, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Highlights(ctx, id); len(got) != 1 {
		t.Errorf("%d highlights, want 1: %+v", len(got), got)
	}
}

// An export's note on a quote the article has is added under the
// highlight's note as it stands when the import writes (a note edited
// since the import read it is kept, the revision moves on), once; a note
// on a highlight deleted meanwhile comes back as an orphan's.
func TestAddImportedNotes(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("https://imp.example/notes", "Notes", "one two three four five six"))
	a, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	hid, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 0, End: 3, Exact: "one", Note: "written here meanwhile"})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Highlights(ctx, id)
	notes := []Highlight{{Exact: "ONE", Note: "from the export"}, {Exact: "a quote since deleted", Note: "kept as an orphan"}}
	for range 2 {
		if err := s.AddImportedHighlights(ctx, id, a.TextRevision, len(a.Markdown), nil, notes, nil); err != nil {
			t.Fatal(err)
		}
	}
	hs, _ := s.Highlights(ctx, id)
	if len(hs) != 2 {
		t.Fatalf("%d highlights, want 2: %+v", len(hs), hs)
	}
	for _, h := range hs {
		switch {
		case h.ID == hid:
			if h.Note != "written here meanwhile\n\nfrom the export" || h.Revision <= before[0].Revision {
				t.Errorf("the saved highlight: note %q, revision %d (was %d)", h.Note, h.Revision, before[0].Revision)
			}
		case !h.Orphan || h.Note != "kept as an orphan":
			t.Errorf("the deleted quote's note: %+v", h)
		}
	}
}
