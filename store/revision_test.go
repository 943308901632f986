package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// Every saved form of an address is the same article (issue 11, case 2).
func TestIdentityAcrossURLForms(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := sample("https://news.example/2024/story?utm_source=rss", "Story", "text")
	a.CanonicalURL = "https://news.example/2024/story"
	id := mustAdd(t, s, a)
	for _, u := range []string{
		"https://news.example/2024/story",
		"http://news.example/2024/story/",
		"https://NEWS.example:443/2024/story#comments",
		"https://news.example/2024/story?fbclid=1&utm_medium=x",
		"https://user:pw@news.example/2024/story",
	} {
		got, err := s.FindURL(ctx, u)
		if err != nil || got != id {
			t.Errorf("FindURL(%q) = %d, %v; want %d", u, got, err, id)
		}
		if got, existed, err := s.AddArticle(ctx, sample(u, "again", "x")); err != nil || !existed || got != id {
			t.Errorf("AddArticle(%q) = %d, %v, %v; want the saved %d", u, got, existed, err, id)
		}
	}
	if _, err := s.FindURL(ctx, "https://news.example/2024/other"); !errors.Is(err, ErrNotFound) {
		t.Errorf("another page found: %v", err)
	}
}

// Credentials never enter the library (issue 19, item 7).
func TestCredentialsNotStored(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := sample("http://alice:pa55w0rd@host.example/a", "T", "x")
	a.CanonicalURL = "https://bob:secret@host.example/a"
	id := mustAdd(t, s, a)
	got, _ := s.Article(ctx, id)
	if got.SourceURL != "http://host.example/a" || got.CanonicalURL != "https://host.example/a" {
		t.Errorf("stored %q, %q", got.SourceURL, got.CanonicalURL)
	}
	nw := sample("http://alice:pa55w0rd@host.example/a", "T2", "y")
	if _, err := s.ReplaceArticle(ctx, id, nw, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Article(ctx, id); got.SourceURL != "http://host.example/a" {
		t.Errorf("after refresh: %q", got.SourceURL)
	}
}

func twoClaims(t *testing.T, s *Store) (id int64, claim, ev, q *Highlight) {
	t.Helper()
	ctx := context.Background()
	id = mustAdd(t, s, sample("https://a.example/x", "T", "a b c d e f"))
	claim = &Highlight{ArticleID: id, Start: 0, End: 1, Exact: "a", Label: "claim", Note: "first"}
	s.AddHighlight(ctx, claim)
	ev = &Highlight{ArticleID: id, Start: 2, End: 3, Exact: "b", Label: "evidence", Supports: claim.ID}
	q = &Highlight{ArticleID: id, Start: 4, End: 5, Exact: "c", Label: "question", Supports: claim.ID}
	for _, h := range []*Highlight{ev, q} {
		if _, err := s.AddHighlight(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	return
}

// A note saved on an older version of itself is a conflict, never a silent
// overwrite; a label change does not touch the note (issue 11 case 5,
// issue 19 item 5).
func TestEditConflicts(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	_, claim, ev, _ := twoClaims(t, s)

	// Someone else writes the note.
	if _, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Note: &Change[string]{"first", "theirs"}}); err != nil {
		t.Fatal(err)
	}
	// A reader that opened "first" saves its own words.
	_, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Note: &Change[string]{"first", "mine"}})
	var ce *ConflictError
	if !errors.As(err, &ce) || !errors.Is(err, ErrConflict) || ce.Field != "note" || ce.Current.Note != "theirs" {
		t.Fatalf("stale note save: %v", err)
	}
	if h, _ := s.Highlight(ctx, claim.ID); h.Note != "theirs" {
		t.Errorf("conflict overwrote: %q", h.Note)
	}
	// A label change from a reader that still thinks the note is "first"
	// keeps the note written meanwhile.
	if _, err := s.EditHighlight(ctx, Edit{ID: ev.ID, Note: &Change[string]{"", "ev note"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditHighlight(ctx, Edit{ID: ev.ID, Label: &Change[string]{"evidence", "disagree"}}); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.Highlight(ctx, ev.ID); h.Note != "ev note" || h.Label != "disagree" || h.Supports != claim.ID || h.Revision != 3 {
		t.Errorf("after label change: %+v", h)
	}
	// Saving what is already stored is no conflict and no change.
	if r, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Note: &Change[string]{"first", "theirs"}}); err != nil || r.Highlight.Revision != 2 {
		t.Errorf("idempotent save: %+v %v", r, err)
	}
	// A script's revision check.
	if _, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Revision: 1, Note: &Change[string]{"theirs", "x"}}); !errors.Is(err, ErrConflict) {
		t.Errorf("old revision accepted: %v", err)
	}
	if _, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Revision: 2, Note: &Change[string]{"theirs", "x"}}); err != nil {
		t.Errorf("current revision refused: %v", err)
	}
	// A note for a highlight deleted elsewhere says so.
	s.DeleteHighlight(ctx, ev.ID)
	if _, err := s.EditHighlight(ctx, Edit{ID: ev.ID, Note: &Change[string]{"ev note", "more"}}); !errors.Is(err, ErrNotFound) {
		t.Errorf("note on a deleted highlight: %v", err)
	}
}

// The claim-link rule lives in the store (issue 11 case 4).
func TestLinkRuleEnforced(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, claim, ev, q := twoClaims(t, s)

	// Relabelling the claim would orphan two links: refused, then allowed.
	_, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Label: &Change[string]{"claim", "question"}})
	var ue *UnlinkError
	if !errors.As(err, &ue) || len(ue.Linked) != 2 {
		t.Fatalf("relabel of a linked claim: %v", err)
	}
	res, err := s.EditHighlight(ctx, Edit{ID: claim.ID, Label: &Change[string]{"claim", "question"}, Unlink: true})
	if err != nil || len(res.Unlinked) != 2 {
		t.Fatalf("relabel with unlink: %+v %v", res, err)
	}
	for _, x := range []*Highlight{ev, q} {
		if h, _ := s.Highlight(ctx, x.ID); h.Supports != 0 || h.Revision != 2 {
			t.Errorf("highlight %d still linked: %+v", x.ID, h)
		}
	}
	// Links only to claims, only from linking labels.
	if _, err := s.EditHighlight(ctx, Edit{ID: ev.ID, Supports: &Change[int64]{0, q.ID}}); !errors.Is(err, ErrBadLink) {
		t.Errorf("link to a question: %v", err)
	}
	plain := &Highlight{ArticleID: id, Start: 6, End: 7, Exact: "d"}
	s.AddHighlight(ctx, plain)
	c2 := &Highlight{ArticleID: id, Start: 8, End: 9, Exact: "e", Label: "claim"}
	s.AddHighlight(ctx, c2)
	if _, err := s.EditHighlight(ctx, Edit{ID: plain.ID, Supports: &Change[int64]{0, c2.ID}}); !errors.Is(err, ErrBadLink) {
		t.Errorf("plain highlight linked: %v", err)
	}
	if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Label: "claim", Supports: c2.ID}); !errors.Is(err, ErrBadLink) {
		t.Errorf("claim linked to a claim: %v", err)
	}
	// An evidence relabelled to a label that cannot link loses its link,
	// and says so.
	s.EditHighlight(ctx, Edit{ID: ev.ID, Supports: &Change[int64]{0, c2.ID}})
	if _, err := s.EditHighlight(ctx, Edit{ID: ev.ID, Label: &Change[string]{"evidence", "highlight"}}); !errors.Is(err, ErrWouldUnlink) {
		t.Errorf("evidence to highlight without unlink: %v", err)
	}
	res, err = s.EditHighlight(ctx, Edit{ID: ev.ID, Label: &Change[string]{"evidence", "highlight"}, Unlink: true})
	if err != nil || len(res.Unlinked) != 1 || res.Unlinked[0] != (Link{ev.ID, c2.ID}) || res.Highlight.Supports != 0 {
		t.Errorf("evidence to highlight: %+v %v", res, err)
	}
}

// Offsets computed on an older text are refused (issue 19 item 4).
func TestStaleTextRefused(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("https://a.example/s", "T", "old text here"))
	a, _ := s.Article(ctx, id)
	if a.TextRevision != 1 {
		t.Fatalf("new article text revision %d", a.TextRevision)
	}
	h := &Highlight{ArticleID: id, Start: 4, End: 7, Exact: "old", TextRevision: 1}
	if _, err := s.AddHighlight(ctx, h); err != nil || h.TextRevision != 1 {
		t.Fatal(err)
	}
	res, err := s.ReplaceArticle(ctx, id, sample("https://a.example/s", "T", "new text, longer than before"), nil)
	if err != nil || res.TextRevision != 2 {
		t.Fatalf("replace: %+v %v", res, err)
	}
	if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 4, End: 7, Exact: "old", TextRevision: 1}); !errors.Is(err, ErrStaleText) {
		t.Errorf("stale add: %v", err)
	}
	if _, err := s.PlaceHighlight(ctx, h.ID, Place{Start: 4, End: 7, Exact: "x", TextRevision: 1}); !errors.Is(err, ErrStaleText) {
		t.Errorf("stale place: %v", err)
	}
	if _, err := s.PlaceHighlight(ctx, h.ID, Place{Start: 4, End: 7, Exact: "new", TextRevision: 2}); err != nil {
		t.Errorf("current place: %v", err)
	}
	// A position in the old text is not stored over the carried one.
	s.SetPosition(ctx, id, 2, 5, 0.5)
	s.SetPosition(ctx, id, 1, 99, 0.9)
	if a, _ := s.Article(ctx, id); a.Position != 5 || a.Progress != 0.5 {
		t.Errorf("stale position stored: %d %v", a.Position, a.Progress)
	}
	// A deleted highlight of the old text cannot come back at old offsets.
	old, _ := s.Highlight(ctx, h.ID)
	old.TextRevision = 1
	s.DeleteHighlight(ctx, h.ID)
	if err := s.RestoreHighlight(ctx, old, nil); !errors.Is(err, ErrStaleText) {
		t.Errorf("stale restore: %v", err)
	}
}

// Refresh outcomes: placed, changed (both texts kept) or orphaned; never an
// error (issue 11 cases 1 and 3).
func TestReplaceOutcomes(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("https://a.example/o", "T", "one two three"))
	same := &Highlight{ArticleID: id, Start: 0, End: 3, Exact: "one"}
	moved := &Highlight{ArticleID: id, Start: 4, End: 7, Exact: "We know little about his path", Note: "n"}
	gone := &Highlight{ArticleID: id, Start: 900, End: 990, Exact: "cut"}
	for _, h := range []*Highlight{same, moved, gone} {
		if _, err := s.AddHighlight(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	carry := func(_ string, hs []Highlight, _ int) ([]Highlight, int) {
		for i := range hs {
			switch hs[i].ID {
			case same.ID:
				hs[i].Start, hs[i].End, hs[i].Exact = 1, 4, "one"
			case moved.ID:
				hs[i].Start, hs[i].End, hs[i].Exact = 5, 9, "Little is known of his route"
			case gone.ID:
				// carry says placed, but outside the new text: an orphan
				hs[i].Start, hs[i].End = 900, 990
			}
		}
		return hs, 0
	}
	res, err := s.ReplaceArticle(ctx, id, sample("https://a.example/o", "T", "xone two three four"), carry)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]Moved{}
	for _, m := range res.Highlights {
		got[m.ID] = m
	}
	if got[same.ID].Outcome != Placed || got[moved.ID].Outcome != Changed || got[gone.ID].Outcome != Orphaned ||
		res.Changed != 1 || res.Orphans != 1 {
		t.Fatalf("outcomes %+v", res)
	}
	if m := got[moved.ID]; m.Was != "We know little about his path" || m.Now != "Little is known of his route" || !m.Note {
		t.Errorf("changed report %+v", m)
	}
	h, _ := s.Highlight(ctx, moved.ID)
	if h.Original != "We know little about his path" || h.Exact != "Little is known of his route" || !h.Changed() ||
		h.Highlighted() != "We know little about his path" || h.Note != "n" {
		t.Errorf("changed highlight %+v", h)
	}
	g, _ := s.Highlight(ctx, gone.ID)
	if !g.Orphan || g.Exact != "cut" || g.Start != 0 || g.End != 0 {
		t.Errorf("orphan %+v", g)
	}
	// A second refresh keeps the reader's words, not the first refresh's.
	carry2 := func(_ string, hs []Highlight, _ int) ([]Highlight, int) {
		for i := range hs {
			if hs[i].ID == moved.ID {
				hs[i].Exact = "Little is known of his road"
			}
		}
		return hs, 0
	}
	s.ReplaceArticle(ctx, id, sample("https://a.example/o", "T", "xone two three four five"), carry2)
	if h, _ := s.Highlight(ctx, moved.ID); h.Original != "We know little about his path" || h.Exact != "Little is known of his road" {
		t.Errorf("second refresh: %+v", h)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %+v %v", r, err)
	}
}

// Deleting an article can be undone with everything it held.
func TestDeleteAndRestoreArticle(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id, claim, ev, _ := twoClaims(t, s)
	s.SetPosition(ctx, id, 0, 3, 0.4)
	db := rawDB(t, s.path)
	db.Exec(`INSERT INTO tags (name) VALUES ('policy')`)
	db.Exec(`INSERT INTO article_tags (article_id, tag_id) SELECT ?, id FROM tags WHERE name = 'policy'`, id)
	before, _ := s.Article(ctx, id)
	snap, err := s.DeleteArticle(ctx, id)
	if err != nil || len(snap.Highlights) != 3 || len(snap.Tags) != 1 {
		t.Fatalf("delete: %+v %v", snap, err)
	}
	if _, err := s.Article(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatal("still there")
	}
	if err := s.RestoreArticle(ctx, snap); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Article(ctx, id)
	if after.Title != before.Title || after.Markdown != before.Markdown || after.Position != 3 || after.Progress != 0.4 ||
		!after.Added.Equal(before.Added) || after.HighlightCount != 3 {
		t.Errorf("restored %+v", after)
	}
	if h, _ := s.Highlight(ctx, ev.ID); h == nil || h.Supports != claim.ID {
		t.Errorf("link not restored: %+v", h)
	}
	if rs, _ := s.Search(ctx, "T", 5); len(rs) != 1 {
		t.Errorf("not searchable after restore: %+v", rs)
	}
	if err := s.RestoreArticle(ctx, snap); err == nil {
		t.Error("restored twice")
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %+v %v", r, err)
	}
}

// A library written by the previous schema opens with every article,
// highlight, note and setting, and gains identity keys.
func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		migrations[0].sql,
		"PRAGMA application_id = 1836214126",
		"PRAGMA user_version = 1",
		`INSERT INTO articles (id, source_url, canonical_url, title, added) VALUES (1, 'https://old.example/a?utm_source=x', 'https://old.example/a', 'Old', 1)`,
		`INSERT INTO article_bodies (article_id, markdown, text) VALUES (1, 'Some text', 'Some text')`,
		`INSERT INTO highlights (article_id, md_start, md_end, exact, label, note, created, updated) VALUES (1, 0, 4, 'Some', 'claim', 'my note', 1, 1)`,
		`INSERT INTO settings (key, value) VALUES ('ui.width', '72')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	a, err := s.Article(ctx, 1)
	if err != nil || a.Title != "Old" || a.Markdown != "Some text" || a.TextRevision != 1 {
		t.Fatalf("article %+v %v", a, err)
	}
	hs, _ := s.Highlights(ctx, 1)
	if len(hs) != 1 || hs[0].Note != "my note" || hs[0].Label != "claim" || hs[0].Revision != 1 || hs[0].Original != "" {
		t.Errorf("highlights %+v", hs)
	}
	if v, _ := s.Setting(ctx, "ui.width"); v != "72" {
		t.Errorf("setting %q", v)
	}
	if id, err := s.FindURL(ctx, "http://old.example/a/"); err != nil || id != 1 {
		t.Errorf("identity key not filled: %d %v", id, err)
	}
}

// Version changes with what a library screen shows, not with reading.
func TestVersionCountsVisibleChanges(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	v0, _ := s.Version(ctx)
	id := mustAdd(t, s, sample("https://v.example/a", "T", "x"))
	s.SetPosition(ctx, id, 0, 1, 0.4) // opened: new -> reading, a change rows show
	v1, _ := s.Version(ctx)
	s.SetPosition(ctx, id, 0, 1, 0.5)
	v2, _ := s.Version(ctx)
	s.SetState(ctx, id, Archived)
	v3, _ := s.Version(ctx)
	s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 0, End: 1, Exact: "x"})
	v4, _ := s.Version(ctx)
	if !(v0 < v1 && v1 == v2 && v2 < v3 && v3 < v4) {
		t.Errorf("versions %d %d %d %d %d", v0, v1, v2, v3, v4)
	}
}

// Reading states: opening makes an article one being read, its end makes
// it done, and scrolling back up keeps it done (issue 15).
func TestReadingStates(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("https://r.example/a", "A", "x"))
	state := func() Reading { a, _ := s.Article(ctx, id); return a.Reading }
	if state() != New {
		t.Errorf("new article: %s", state())
	}
	s.SetPosition(ctx, id, 0, 5, 0.3)
	if state() != ReadingNow {
		t.Errorf("after reading a third: %s", state())
	}
	s.SetPosition(ctx, id, 0, 50, 1)
	s.SetPosition(ctx, id, 0, 5, 0.2)
	if a, _ := s.Article(ctx, id); a.Reading != Done || a.Progress != 0.2 {
		t.Errorf("scrolled back up after the end: %s %v", a.Reading, a.Progress)
	}
	if err := s.SetReading(ctx, id, New); err != nil || state() != New {
		t.Errorf("mark new: %s %v", state(), err)
	}
	if err := s.SetStarred(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Article(ctx, id); !a.Starred {
		t.Error("not starred")
	}
	if err := s.SetReading(ctx, 999, Done); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	v0, _ := s.Version(ctx)
	s.SetStarred(ctx, id, false)
	if v1, _ := s.Version(ctx); v1 == v0 {
		t.Error("starring did not change the library's version")
	}
}

// Edited metadata survives a refresh (issue 15).
func TestEditMetadataSurvivesRefresh(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("https://m.example/a", "Site's title", "text"))
	title, site := "My title", "My site"
	pub := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	if err := s.EditMetadata(ctx, id, Metadata{Title: &title, SiteName: &site, Published: &pub}); err != nil {
		t.Fatal(err)
	}
	nw := sample("https://m.example/a", "A refreshed title", "new text")
	nw.SiteName, nw.Byline = "Other site", "New Byline"
	if _, err := s.ReplaceArticle(ctx, id, nw, nil); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Article(ctx, id)
	if a.Title != "My title" || a.SiteName != "My site" || !a.Published.Equal(pub) || a.Byline != "New Byline" || a.Text != "new text" {
		t.Errorf("after refresh: %q %q %v %q %q", a.Title, a.SiteName, a.Published, a.Byline, a.Text)
	}
	if rs, _ := s.Search(ctx, "my title", 5); len(rs) != 1 {
		t.Errorf("the edited title is not searchable: %+v", rs)
	}
	other := mustAdd(t, s, sample("https://m.example/b", "B", "x"))
	u := "https://m.example/a/"
	if err := s.EditMetadata(ctx, other, Metadata{SourceURL: &u}); err == nil {
		t.Error("an address another article has was accepted")
	}
	if err := s.EditMetadata(ctx, 999, Metadata{Title: &title}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
}

// A library written by schema 2 (the second session's main) opens with
// every article, highlight, reading state and setting, and gains the
// article note, the not-fetched mark and saved views.
func TestMigrateFromVersion2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		migrations[0].sql,
		migrations[1].sql,
		"PRAGMA application_id = 1836214126",
		"PRAGMA user_version = 2",
		`INSERT INTO articles (id, source_url, title, added, reading, starred, url_key) VALUES (1, 'https://v2.example/a', 'Two', 1, 'done', 1, 'v2.example/a')`,
		`INSERT INTO article_bodies (article_id, markdown, text) VALUES (1, 'Some text', 'Some text')`,
		`INSERT INTO highlights (article_id, md_start, md_end, exact, label, note, created, updated) VALUES (1, 0, 4, 'Some', 'claim', 'my note', 1, 1)`,
		`INSERT INTO tags (id, name) VALUES (1, 'policy')`,
		`INSERT INTO article_tags (article_id, tag_id) VALUES (1, 1)`,
		`INSERT INTO settings (key, value) VALUES ('ui.width', '72')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	a, err := s.Article(ctx, 1)
	if err != nil || a.Title != "Two" || a.Markdown != "Some text" || a.Reading != Done || !a.Starred ||
		a.Note != "" || !a.Fetched() || len(a.Tags) != 1 || a.Tags[0] != "policy" {
		t.Fatalf("article %+v %v", a, err)
	}
	hs, _ := s.Highlights(ctx, 1)
	if len(hs) != 1 || hs[0].Note != "my note" || hs[0].Label != "claim" {
		t.Errorf("highlights %+v", hs)
	}
	if v, _ := s.Setting(ctx, "ui.width"); v != "72" {
		t.Errorf("setting %q", v)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM views`).Scan(&n); err != nil || n != 0 {
		t.Errorf("views table: %d %v", n, err)
	}
}

// The store refuses an edit it would not keep, whoever asks (margin edit,
// the library's form): an empty title, an address that is not a web one.
func TestEditMetadataChecks(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("https://c.example/a", "Title", "x"))
	blank, path, ok := "  ", "/home/me/page.html", "https://c.example/b"
	for _, m := range []Metadata{{Title: &blank}, {SourceURL: &path}} {
		if err := s.EditMetadata(ctx, id, m); err == nil {
			t.Errorf("accepted %+v", m)
		}
	}
	if a, _ := s.Article(ctx, id); a.Title != "Title" || a.SourceURL != "https://c.example/a" {
		t.Errorf("a refused edit changed the article: %q %q", a.Title, a.SourceURL)
	}
	if err := s.EditMetadata(ctx, id, Metadata{SourceURL: &ok}); err != nil {
		t.Errorf("a web address refused: %v", err)
	}
	if _, err := ParsePublished("31 March"); err == nil {
		t.Error("31 March parsed")
	}
	if _, err := ParsePublished("2999-01-01"); err == nil || !strings.Contains(err.Error(), "in the future") {
		t.Errorf("a date in the future: %v", err)
	}
	if _, err := ParsePublished(now().Format(DateLayout)); err != nil {
		t.Errorf("today: %v", err)
	}
	if d, err := ParsePublished("2024-03-31"); err != nil || d.Day() != 31 {
		t.Errorf("2024-03-31: %v %v", d, err)
	}
}
