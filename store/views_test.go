package store

import (
	"context"
	"errors"
	"testing"

	"margin/internal/query"
)

func TestViews(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := mustAdd(t, s, sample("https://t.example/a", "A", "x"))
	mustAdd(t, s, sample("https://t.example/b", "B", "y"))
	s.TagArticle(ctx, a, []string{"later"}, nil)
	if err := s.SaveView(ctx, " Later  reads ", "tag:later is:new"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveView(ctx, "Bad", "is:sleeping"); err == nil {
		t.Error("a malformed query was saved")
	}
	if err := s.SaveView(ctx, " ", "tag:x"); !errors.Is(err, ErrBadViewName) {
		t.Errorf("an empty name: %v", err)
	}
	s.SaveView(ctx, "all", "")
	vs, err := s.Views(ctx)
	if err != nil || len(vs) != 2 || vs[0].Name != "all" || vs[1].Name != "Later reads" || vs[1].Created.IsZero() {
		t.Fatalf("views %+v %v", vs, err)
	}
	// The name compares without case: saving again replaces the query.
	if err := s.SaveView(ctx, "later READS", "tag:later"); err != nil {
		t.Fatal(err)
	}
	v, err := s.FindView(ctx, "LATER reads")
	if err != nil || v.Query != "tag:later" || v.Name != "Later reads" {
		t.Errorf("find: %+v %v", v, err)
	}
	q, _ := query.Parse(v.Query)
	if arts, _ := s.ListQuery(ctx, q, ListOptions{}); len(arts) != 1 || arts[0].ID != a {
		t.Errorf("the view lists %v", arts)
	}
	if err := s.DeleteView(ctx, "later reads"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteView(ctx, "later reads"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
	if _, err := s.FindView(ctx, "later reads"); !errors.Is(err, ErrNotFound) {
		t.Errorf("find deleted: %v", err)
	}
}

// The note on a whole article: saved over the text it was based on, a
// save over a note changed elsewhere refused with the current note, kept
// by a delete and restore, and counted as a change of the library.
func TestArticleNote(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := mustAdd(t, s, sample("https://t.example/a", "A", "x"))
	v0, _ := s.Version(ctx)
	if err := s.SetArticleNote(ctx, a, "", "First\x1b[31m thoughts."); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Article(ctx, a)
	if got.Note != "First[31m thoughts." {
		t.Errorf("note %q", got.Note)
	}
	if v1, _ := s.Version(ctx); v1 == v0 {
		t.Error("a note did not change the library's version")
	}
	err := s.SetArticleNote(ctx, a, "", "Mine")
	var ce *NoteConflictError
	if !errors.As(err, &ce) || ce.Current != got.Note {
		t.Fatalf("stale save: %v", err)
	}
	if err := s.SetArticleNote(ctx, a, got.Note, "Second"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArticleNote(ctx, 999, "", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	list, _ := s.List(ctx, ListOptions{})
	if len(list) != 1 || list[0].Note != "Second" {
		t.Errorf("List lacks the note: %+v", list)
	}
	snap, err := s.DeleteArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreArticle(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Article(ctx, a); got.Note != "Second" {
		t.Errorf("restored note %q", got.Note)
	}
}

// Renaming a tag renames it in the saved views too: a view of tag:econ
// showed nothing once econ was renamed.
func TestRenameTagKeepsViews(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := mustAdd(t, s, sample("https://t.example/a", "A", "x"))
	s.TagArticle(ctx, a, []string{"Econ"}, nil)
	s.SaveView(ctx, "Econ", `tag:econ is:new "a phrase"`)
	s.SaveView(ctx, "Not econ", "-tag:ECON")
	s.SaveView(ctx, "Other", "tag:economics site:econ")
	if _, err := s.RenameTag(ctx, "econ", "public policy"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Econ":     `tag:"public policy" is:new "a phrase"`,
		"Not econ": `-tag:"public policy"`,
		"Other":    "tag:economics site:econ",
	}
	vs, _ := s.Views(ctx)
	for _, v := range vs {
		if v.Query != want[v.Name] {
			t.Errorf("view %s: %q, want %q", v.Name, v.Query, want[v.Name])
		}
	}
	q, _ := query.Parse(want["Not econ"][1:])
	if arts, _ := s.ListQuery(ctx, q, ListOptions{}); len(arts) != 1 {
		t.Errorf("the renamed view shows %d articles, want 1", len(arts))
	}
}

// Saving or deleting a view is a change a library screen showing it must
// see: it counts in Version, as a tag's change does.
func TestViewsChangeTheVersion(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	v0, _ := s.Version(ctx)
	if err := s.SaveView(ctx, "Later", "tag:later"); err != nil {
		t.Fatal(err)
	}
	v1, _ := s.Version(ctx)
	if err := s.SaveView(ctx, "Later", "tag:toread"); err != nil {
		t.Fatal(err)
	}
	v2, _ := s.Version(ctx)
	if err := s.DeleteView(ctx, "Later"); err != nil {
		t.Fatal(err)
	}
	v3, _ := s.Version(ctx)
	if !(v0 < v1 && v1 < v2 && v2 < v3) {
		t.Errorf("versions %d %d %d %d", v0, v1, v2, v3)
	}
}
