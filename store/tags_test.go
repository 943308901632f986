package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestTags(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := mustAdd(t, s, sample("https://t.example/a", "A", "x"))
	b := mustAdd(t, s, sample("https://t.example/b", "B", "y"))
	if err := s.TagArticle(ctx, a, []string{"Policy", " #later "}, nil); err != nil {
		t.Fatal(err)
	}
	s.TagArticle(ctx, b, []string{"policy"}, nil)
	if tags, _ := s.ArticleTags(ctx, b); len(tags) != 1 || tags[0] != "Policy" {
		t.Errorf("case-insensitive tags: %q", tags)
	}
	if err := s.TagArticle(ctx, a, nil, []string{"LATER"}); err != nil {
		t.Fatal(err)
	}
	ts, _ := s.Tags(ctx)
	if len(ts) != 1 || ts[0] != (TagCount{"Policy", 2}) {
		t.Errorf("tags %+v (an unused tag must go)", ts)
	}
	if err := s.TagArticle(ctx, a, []string{"a,b"}, nil); !errors.Is(err, ErrBadTag) {
		t.Errorf("bad tag: %v", err)
	}
	if err := s.TagArticle(ctx, 999, []string{"x"}, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
	s.TagArticle(ctx, a, []string{"econ"}, nil)
	if n, err := s.RenameTag(ctx, "econ", "policy"); err != nil || n != 2 {
		t.Errorf("merge: %d %v", n, err)
	}
	if n, err := s.DeleteTag(ctx, "POLICY"); err != nil || n != 2 {
		t.Errorf("delete: %d %v", n, err)
	}
	if ts, _ := s.Tags(ctx); len(ts) != 0 {
		t.Errorf("left %+v", ts)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %+v %v", r, err)
	}
}

func TestTagsOf(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := mustAdd(t, s, sample("https://t.example/a", "A", "x"))
	b := mustAdd(t, s, sample("https://t.example/b", "B", "y"))
	c := mustAdd(t, s, sample("https://t.example/c", "C", "z"))
	s.TagArticle(ctx, a, []string{"zeta", "Alpha", "mid"}, nil)
	s.TagArticle(ctx, b, []string{"beta"}, nil)
	m, err := s.TagsOf(ctx, []int64{a, c})
	if err != nil || len(m) != 1 || strings.Join(m[a], ",") != "Alpha,mid,zeta" {
		t.Errorf("TagsOf: %v %v", m, err)
	}
	all, _ := s.TagsByArticle(ctx)
	if len(all) != 2 || strings.Join(all[a], ",") != "Alpha,mid,zeta" || all[b][0] != "beta" {
		t.Errorf("TagsByArticle: %v", all)
	}
}

// Tagging changes the library's version, so another margin's library
// screen reads the list again.
func TestTagsChangeVersion(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := mustAdd(t, s, sample("https://t.example/a", "A", "x"))
	v0, _ := s.Version(ctx)
	s.TagArticle(ctx, a, []string{"x"}, nil)
	v1, _ := s.Version(ctx)
	s.RenameTag(ctx, "x", "y")
	v2, _ := s.Version(ctx)
	s.DeleteTag(ctx, "y")
	v3, _ := s.Version(ctx)
	if !(v0 < v1 && v1 < v2 && v2 < v3) {
		t.Errorf("versions %d %d %d %d", v0, v1, v2, v3)
	}
}

// TestAddKeepsSourceTags: an article starts with the tags its source gives
// itself (a Markdown file's front matter), matched to the library's
// spelling; one that can't be a tag is left out; saving an address already
// saved does not touch the tags.
func TestAddKeepsSourceTags(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	old := mustAdd(t, s, sample("https://t.example/old", "Old", "x"))
	s.TagArticle(ctx, old, []string{"Policy"}, nil)
	a := sample("https://t.example/a", "A", "y")
	a.SourceTags = []string{"policy", "clippings", "a,b"}
	id := mustAdd(t, s, a)
	if tags, _ := s.ArticleTags(ctx, id); !slices.Equal(tags, []string{"clippings", "Policy"}) {
		t.Errorf("tags %q", tags)
	}
	again := sample("https://t.example/old", "Old", "x")
	again.SourceTags = []string{"other"}
	if _, existed, err := s.AddArticle(ctx, again); err != nil || !existed {
		t.Fatalf("existed %v, %v", existed, err)
	}
	if tags, _ := s.ArticleTags(ctx, old); !slices.Equal(tags, []string{"Policy"}) {
		t.Errorf("a saved article's tags changed: %q", tags)
	}
}
