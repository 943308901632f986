package ui

import (
	"slices"
	"strings"
	"testing"

	"margin/store"
)

func TestTagEdit(t *testing.T) {
	cur := []string{"later", "Policy"}
	for _, c := range []struct {
		in          string
		add, remove []string
		bad         bool
	}{
		{in: "later, Policy, ", add: nil, remove: nil},
		{in: "later, Policy, reading list", add: []string{"reading list"}},
		{in: "policy", remove: []string{"later"}},
		{in: "+econ -later", add: []string{"econ"}, remove: []string{"later"}},
		{in: "later, Policy, -later +econ", add: []string{"econ"}, remove: []string{"later"}},
		{in: "", remove: []string{"later", "Policy"}},
		{in: " , ", remove: []string{"later", "Policy"}},
		{in: "+#ok", add: []string{"#ok"}},
		{in: "a#b", bad: true},
	} {
		add, remove, err := tagEdit(c.in, cur)
		if (err != nil) != c.bad {
			t.Errorf("%q: err %v", c.in, err)
			continue
		}
		if c.bad {
			continue
		}
		if !slices.Equal(add, c.add) || !slices.Equal(remove, c.remove) {
			t.Errorf("%q: add %q remove %q, want %q %q", c.in, add, remove, c.add, c.remove)
		}
	}
}

func TestCompleteTag(t *testing.T) {
	names := []string{"economics", "policy", "politics", "reading list"}
	for _, c := range []struct{ in, typed, want string }{
		{"po", "", "policy"},
		{"policy", "po", "politics"},
		{"politics", "po", "policy"},
		{"later, re", "", "later, reading list"},
		{"later,re", "", "later, reading list"},
		{"+econ -po", "", "+econ -policy"},
		{"zz", "", "zz"},
	} {
		if got, _ := completeTag(c.in, names, c.typed); got != c.want {
			t.Errorf("complete %q (%q) = %q, want %q", c.in, c.typed, got, c.want)
		}
	}
}

// t edits the selected article's tags: Tab completes an existing tag, enter
// saves through the library, and the row shows the tags.
func TestLibraryTagEditor(t *testing.T) {
	lib := libWith(3)
	for _, a := range lib.arts {
		if a.ID == 2 {
			a.Tags = []string{"politics"}
		}
	}
	hs := newHarness(t, lib, 100, 24)
	id := hs.m.library.selectedID()
	hs.press("t")
	if hs.m.library.mode != libTags || !strings.Contains(hs.screen(), "tags:") {
		t.Fatalf("t did not open the tag editor:\n%s", hs.screen())
	}
	if !strings.Contains(hs.screen(), "tab complete") {
		t.Errorf("the help bar does not say tab completes:\n%s", hs.screen())
	}
	hs.typeText("pol")
	hs.press("tab")
	if v := hs.m.library.prompt.Value(); v != "politics" {
		t.Errorf("tab completed %q", v)
	}
	hs.typeText(", later")
	hs.press("enter")
	if got := lib.arts[id].Tags; !slices.Equal(got, []string{"later", "politics"}) {
		t.Errorf("tags %q (calls %q)", got, lib.lastCall("TagArticle"))
	}
	if s := hs.screen(); !strings.Contains(s, "#later #politics") {
		t.Errorf("the row does not show the tags:\n%s", s)
	}
	// +/- and esc.
	hs.press("t")
	hs.press("esc")
	if hs.m.library.mode != libList || lib.arts[id].Tags == nil {
		t.Error("esc changed something")
	}
	hs.press("t")
	for range len("later, politics, ") {
		hs.press("backspace")
	}
	hs.typeText("-later")
	hs.press("enter")
	if got := lib.arts[id].Tags; !slices.Equal(got, []string{"politics"}) {
		t.Errorf("-later: tags %q", got)
	}
}

// At 60 columns a row keeps its numbers and shows the tags cut short.
func TestLibraryTagsNarrow(t *testing.T) {
	lib := libWith(2)
	for _, a := range lib.arts {
		a.Tags = []string{"economics", "policy", "reading list"}
	}
	hs := newHarness(t, lib, 60, 20)
	s := hs.screen()
	if !strings.Contains(s, "#eco") {
		t.Errorf("no tags at 60 columns:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n")[2:4] {
		if !strings.Contains(l, "m ") {
			t.Errorf("row lost its columns: %q", l)
		}
	}
	_ = store.Article{}
}
