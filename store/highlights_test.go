package store

import (
	"context"
	"errors"
	"testing"
)

// Undoing the deletion of a claim brings back the links that the deletion
// cleared, and leaves alone the ones that changed since.
func TestRestoreHighlightRelinks(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	id := mustAdd(t, s, sample("u:r", "Relink", "some text here and more"))
	other := mustAdd(t, s, sample("u:r2", "Other", "text"))

	claim := &Highlight{ArticleID: id, Start: 0, End: 4, Exact: "some", Label: "claim"}
	claim2 := &Highlight{ArticleID: id, Start: 15, End: 19, Exact: "more", Label: "claim"}
	for _, h := range []*Highlight{claim, claim2} {
		if _, err := s.AddHighlight(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	ev := &Highlight{ArticleID: id, Start: 5, End: 9, Label: "evidence", Supports: claim.ID}
	q := &Highlight{ArticleID: id, Start: 10, End: 14, Label: "question", Supports: claim.ID}
	dis := &Highlight{ArticleID: id, Start: 1, End: 3, Label: "disagree", Supports: claim.ID}
	foreign := &Highlight{ArticleID: other, Start: 0, End: 4, Label: "evidence"}
	for _, h := range []*Highlight{ev, q, dis, foreign} {
		if _, err := s.AddHighlight(ctx, h); err != nil {
			t.Fatal(err)
		}
	}

	before, _ := s.Highlight(ctx, claim.ID)
	if err := s.DeleteHighlight(ctx, claim.ID); err != nil {
		t.Fatal(err)
	}
	// Meanwhile the question is linked to another claim and the
	// disagreement is deleted.
	if _, err := s.EditHighlight(ctx, Edit{ID: q.ID, Supports: &Change[int64]{0, claim2.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteHighlight(ctx, dis.ID); err != nil {
		t.Fatal(err)
	}
	relink := []int64{ev.ID, q.ID, dis.ID, foreign.ID, 9999}
	if err := s.RestoreHighlight(ctx, before, relink); err != nil {
		t.Fatal(err)
	}
	want := map[int64]int64{ev.ID: claim.ID, q.ID: claim2.ID, foreign.ID: 0}
	for hid, sup := range want {
		h, err := s.Highlight(ctx, hid)
		if err != nil {
			t.Fatal(err)
		}
		if h.Supports != sup {
			t.Errorf("highlight %d supports %d, want %d", hid, h.Supports, sup)
		}
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("Check after restore: %+v %v", r, err)
	}

	// A failed restore changes nothing: the links stay as they are.
	if _, err := s.EditHighlight(ctx, Edit{ID: ev.ID, Supports: &Change[int64]{claim.ID, 0}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreHighlight(ctx, before, []int64{ev.ID}); err == nil {
		t.Fatal("restoring an existing highlight succeeded")
	}
	if h, _ := s.Highlight(ctx, ev.ID); h.Supports != 0 {
		t.Errorf("a failed restore relinked %d", ev.ID)
	}
}

// Two margins on one library each highlighted the same passage: two
// highlights of one range, listed twice by the export. The second is
// refused, naming the first.
func TestAddHighlightRefusesTheSamePassage(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	id := mustAdd(t, s, sample("https://example.org/a", "A", "One sentence here. Another sentence there."))
	first, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 0, End: 18, Exact: "One sentence here."})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 0, End: 18, Exact: "One sentence here.", Label: "claim"})
	var he *HighlightedError
	if !errors.As(err, &he) || he.ID != first {
		t.Fatalf("the same passage again: %v", err)
	}
	// A passage inside it, or overlapping, is another highlight.
	if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 4, End: 12, Exact: "sentence"}); err != nil {
		t.Fatal(err)
	}
	if hs, _ := s.Highlights(ctx, id); len(hs) != 2 {
		t.Errorf("%d highlights", len(hs))
	}
}
