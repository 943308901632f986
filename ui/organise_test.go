package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
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

// A tag edit that can't be saved (a tag margin refuses, a library that
// fails the write) loses no typing: the error says so, and t on the
// article brings back what was typed.
func TestTagEditorKeepsTypingOnFailure(t *testing.T) {
	lib := libWith(2)
	hs := newHarness(t, lib, 100, 24)
	id := hs.m.library.selectedID()
	hs.press("t")
	hs.typeText("policy, economics, a#b")
	hs.press("enter")
	if s := hs.screen(); !strings.Contains(s, "Tags not changed") || !strings.Contains(s, "t brings them back") {
		t.Fatalf("a refused tag:\n%s", s)
	}
	hs.press("t")
	if v := hs.m.library.prompt.Value(); v != "policy, economics, a#b" {
		t.Fatalf("t after a refused tag shows %q", v)
	}
	for range len("a#b") {
		hs.press("backspace")
	}
	hs.typeText("later")
	lib.mu.Lock()
	lib.failTag = errors.New("database is locked")
	lib.mu.Unlock()
	hs.press("enter")
	if s := hs.screen(); !strings.Contains(s, "database is locked") || !strings.Contains(s, "t brings them back") {
		t.Fatalf("a failed save:\n%s", s)
	}
	lib.mu.Lock()
	lib.failTag = nil
	lib.mu.Unlock()
	hs.press("t")
	if v := hs.m.library.prompt.Value(); v != "policy, economics, later" {
		t.Fatalf("t after a failed save shows %q", v)
	}
	hs.press("enter")
	if got := lib.arts[id].Tags; !slices.Equal(got, []string{"economics", "later", "policy"}) {
		t.Errorf("tags %q", got)
	}
	hs.press("t")
	if v := hs.m.library.prompt.Value(); v != "economics, later, policy, " {
		t.Errorf("after a save, t shows the saved tags, not the old typing: %q", v)
	}
}

// At 60 columns a row keeps its numbers, and its title keeps the narrow
// title column: tags take what room the title leaves ("✎ Why Cities…
// #housi…" told neither).
func TestLibraryTagsNarrow(t *testing.T) {
	lib := libWith(2)
	for _, a := range lib.arts {
		a.Tags = []string{"economics", "policy", "reading list"}
	}
	lib.arts[2].Title = "Short"
	hs := newHarness(t, lib, 60, 20)
	s := hs.screen()
	if !strings.Contains(s, "Short #eco") {
		t.Errorf("no tags after a short title at 60 columns:\n%s", s)
	}
	if !strings.Contains(s, "The Slow Death of t") || strings.Contains(s, "Slow Death of… #") {
		t.Errorf("tags squeeze a long title at 60 columns:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n")[2:4] {
		if !strings.Contains(l, "m ") {
			t.Errorf("row lost its columns: %q", l)
		}
	}
}

// The / filter reads the query language: operators select in the store,
// free words rank titles, a malformed query is one line naming its part.
func TestLibraryFilterQuery(t *testing.T) {
	lib := libWith(12)
	for _, a := range lib.arts {
		if a.ID%3 == 0 {
			a.Tags = []string{"news"}
		}
	}
	hs := newHarness(t, lib, 100, 30)
	hs.press("/")
	hs.typeText("tag:news")
	l := hs.m.library
	if len(l.rows) != 4 || !strings.HasPrefix(lib.lastCall("ListQuery"), "ListQuery") {
		t.Fatalf("tag:news shows %d rows (calls %q):\n%s", len(l.rows), lib.calls, hs.screen())
	}
	for _, r := range l.rows {
		if l.arts[r].ID%3 != 0 {
			t.Errorf("row %d is not tagged news", l.arts[r].ID)
		}
	}
	// The operators narrowed the list itself: the header counts it once.
	if head := strings.Split(hs.screen(), "\n")[0]; strings.Contains(head, "4 articles") || !strings.Contains(head, "4 matching “tag:news”") {
		t.Errorf("header: %q", head)
	}
	hs.typeText(" spreadsht")
	if len(l.rows) != 1 || !strings.Contains(hs.selectedTitle(), "Spreadsheet") {
		t.Errorf("tag:news spreadsht: %d rows, %q", len(l.rows), hs.selectedTitle())
	}
	hs.typeText(" is:bogus")
	s := hs.screen()
	if !strings.Contains(s, `"is:bogus"`) || len(l.rows) != 1 {
		t.Errorf("no error line naming is:bogus (or the list changed):\n%s", s)
	}
	hs.press("enter")
	if !strings.Contains(hs.screen(), `"is:bogus"`) {
		t.Error("the error went with the prompt")
	}
	hs.press("esc")
	if len(l.rows) != 12 || l.queryErr != "" {
		t.Errorf("esc: %d rows, err %q", len(l.rows), l.queryErr)
	}
	// sort: orders the list.
	hs.press("/")
	hs.typeText("sort:title")
	if first := l.arts[l.rows[0]].Title; !strings.HasPrefix(first, "A ") {
		t.Errorf("sort:title starts with %q", first)
	}
}

// v chooses a saved view; the header names it; esc leaves it.
func TestLibraryViews(t *testing.T) {
	lib := libWith(6)
	lib.arts[2].Tags = []string{"later"}
	hs := newHarness(t, lib, 100, 24)
	if strings.Contains(hs.screen(), "v views") {
		t.Error("v views offered without views")
	}
	hs.press("v")
	if !strings.Contains(hs.screen(), "No saved views yet") {
		t.Errorf("v without views:\n%s", hs.screen())
	}
	lib.views = []store.View{{Name: "Later", Query: "tag:later"}, {Name: "Starred", Query: "is:starred"}}
	hs.press("v")
	if hs.m.library.mode != libViews || !strings.Contains(hs.screen(), "Saved views") {
		t.Fatalf("v did not open the chooser:\n%s", hs.screen())
	}
	hs.press("j", "enter")
	s := hs.screen()
	if !strings.Contains(strings.Split(s, "\n")[0], "Later") || len(hs.m.library.rows) != 1 || hs.selectedTitle() != lib.arts[2].Title {
		t.Errorf("view Later:\n%s", s)
	}
	// A filter narrows the view further; esc clears it, then the view.
	hs.press("/")
	hs.typeText("is:starred")
	if len(hs.m.library.rows) != 0 || !strings.Contains(hs.screen(), "No article matches") {
		t.Errorf("view + filter:\n%s", hs.screen())
	}
	hs.press("esc", "esc")
	if hs.m.library.view != nil || len(hs.m.library.rows) != 6 {
		t.Errorf("esc esc: view %v, %d rows", hs.m.library.view, len(hs.m.library.rows))
	}
}

// A in the reader writes a note on the whole article, in the editor
// highlights use; it shows above the first line, and a save over a note
// changed elsewhere offers both.
func TestArticleNoteInReader(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	id := p.art.ID
	hs.press("A")
	if p.mode != readEditor || !strings.Contains(hs.screen(), "Note on the article:") {
		t.Fatalf("A did not open the editor:\n%s", hs.screen())
	}
	hs.typeText("Worth rereading \x1b[31m.")
	hs.press("esc")
	if got := hs.lib.arts[id].Note; got != "Worth rereading [31m." || p.mode != readNormal {
		t.Fatalf("note %q, mode %v", got, p.mode)
	}
	s := hs.screen()
	if !strings.Contains(s, "Your note on this article") || !strings.Contains(s, "Worth rereading") {
		t.Errorf("the note is not at the top:\n%s", s)
	}
	hs.press("G")
	if strings.Contains(hs.screen(), "Your note on this article") {
		t.Error("the note follows the text down")
	}
	hs.press("g")
	// Another margin changes it while this one writes.
	hs.press("A")
	hs.typeText(" Mine.")
	hs.lib.arts[id].Note = "Theirs."
	hs.press("ctrl+s")
	if !strings.Contains(hs.screen(), "Changed elsewhere while you wrote") || hs.lib.arts[id].Note != "Theirs." {
		t.Fatalf("conflict:\n%s", hs.screen())
	}
	hs.press("ctrl+g", "ctrl+s")
	if got := hs.lib.arts[id].Note; !strings.Contains(got, "Mine.") || !strings.Contains(got, "Theirs.") || p.mode != readEditor && p.mode != readNormal {
		t.Errorf("merged note %q", got)
	}
	hs.press("esc")
	if p.mode != readNormal {
		t.Errorf("mode %v after esc", p.mode)
	}
	if hs.m.pager.FullHelp()[2][3].Help().Desc != "article note" {
		t.Error("A is not in the help")
	}
}

// Rows mark an article with a note (✎) and an imported link kept without
// its text ("not fetched"), at 60 columns too; is:unfetched lists them.
func TestLibraryRowMarks(t *testing.T) {
	lib := libWith(3)
	lib.arts[1].Note = "mine"
	lib.arts[2].FetchError = "timeout"
	lib.arts[2].Tags = []string{"later"}
	for _, w := range []int{60, 120} {
		hs := newHarness(t, lib, w, 20)
		s := hs.screen()
		if !strings.Contains(s, "✎ ") || !strings.Contains(s, "not fe") {
			t.Errorf("%d columns: no marks:\n%s", w, s)
		}
		if w == 120 && !strings.Contains(s, "not fetched #later") {
			t.Errorf("120 columns:\n%s", s)
		}
		hs.press("/")
		hs.typeText("is:unfetched")
		if len(hs.m.library.rows) != 1 || hs.selectedTitle() != lib.arts[2].Title {
			t.Errorf("is:unfetched: %d rows", len(hs.m.library.rows))
		}
	}
}

// An imported link kept without its text is marked in its row (the
// reader's side: TestReaderSaysWhyAnArticleHasNoText).
func TestRowUnfetched(t *testing.T) {
	lib := newFakeLib()
	lib.add(store.Article{Content: article.Content{Title: "Kept link", SourceURL: "https://example.org/x"}, FetchError: "fetch failed: 404", Added: testNow})
	hs := newHarness(t, lib, 80, 24)
	if !strings.Contains(hs.screen(), "not fetched") {
		t.Errorf("no mark in the row:\n%s", hs.screen())
	}
}

// V saves the filter (within the view shown) as a view and shows it.
func TestLibrarySaveView(t *testing.T) {
	lib := libWith(6)
	lib.arts[2].Tags = []string{"later"}
	lib.arts[3].Tags = []string{"later"}
	lib.arts[3].Starred = true
	hs := newHarness(t, lib, 100, 24)
	hs.press("V")
	if !strings.Contains(hs.screen(), "Filter with / or search with s first") {
		t.Errorf("V without a filter:\n%s", hs.screen())
	}
	hs.press("/")
	hs.typeText("tag:later")
	hs.press("enter", "V")
	if hs.m.library.mode != libSaveView || !strings.Contains(hs.screen(), "save view as:") {
		t.Fatalf("V did not ask for a name:\n%s", hs.screen())
	}
	hs.typeText("Later")
	hs.press("enter")
	l := hs.m.library
	if len(lib.views) != 1 || lib.views[0].Query != "tag:later" || l.view == nil || l.view.Name != "Later" || l.filter != "" || len(l.rows) != 2 {
		t.Fatalf("views %+v, shown %+v, filter %q, %d rows", lib.views, l.view, l.filter, len(l.rows))
	}
	if !strings.Contains(strings.Split(hs.screen(), "\n")[0], "Later") {
		t.Errorf("the header does not name the view:\n%s", hs.screen())
	}
	// Within a view, the filter narrows it.
	hs.press("/")
	hs.typeText("is:starred")
	hs.press("enter", "V")
	hs.typeText("Later starred")
	hs.press("enter")
	if len(lib.views) != 2 || lib.views[1].Query != "tag:later is:starred" || len(l.rows) != 1 {
		t.Errorf("views %+v, %d rows", lib.views, len(l.rows))
	}
	if !strings.Contains(hs.screen(), "v views") {
		t.Errorf("v is not offered once views exist:\n%s", hs.screen())
	}
	// Saving under a name in use says what the view was.
	hs.press("esc", "/")
	hs.typeText("is:starred")
	hs.press("enter", "V")
	hs.typeText("later")
	hs.press("enter")
	if !strings.Contains(l.status, "replaced “tag:later”") {
		t.Errorf("saved over a view: status %q", l.status)
	}
	// It keeps its name as first written: the header said "later" and v
	// did not put the cursor on "Later".
	if l.view == nil || l.view.Name != "Later" || !strings.Contains(l.status, "“Later”") {
		t.Errorf("saved over “Later” as “later”: shown %+v, status %q", l.view, l.status)
	}
	hs.press("v")
	if l.picker == nil || l.picker.cursor != 1 {
		t.Errorf("v: the chooser is not on the view shown")
	}
}

// Emptying the article's note in the editor removes it, says so, and u
// brings it back, as it does a highlight's note.
func TestArticleNoteUndo(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	id := p.art.ID
	hs.lib.arts[id].Note = "Three paragraphs of my own."
	hs.press("A")
	for range len("Three paragraphs of my own.") {
		hs.press("backspace")
	}
	hs.press("esc")
	if got := hs.lib.arts[id].Note; got != "" || !strings.Contains(hs.screen(), "removed") {
		t.Fatalf("note %q after emptying it:\n%s", got, hs.screen())
	}
	hs.press("u")
	if got := hs.lib.arts[id].Note; got != "Three paragraphs of my own." {
		t.Fatalf("u did not bring the note back: %q\n%s", got, hs.screen())
	}
	if s := hs.screen(); !strings.Contains(s, "Three paragraphs of my own.") {
		t.Errorf("the note is back in the library but not on screen:\n%s", s)
	}
	// A changed note changes back.
	hs.press("A")
	hs.typeText(" More.")
	hs.press("ctrl+s")
	hs.press("u")
	if got := hs.lib.arts[id].Note; got != "Three paragraphs of my own." {
		t.Errorf("u after a change: %q", got)
	}
}

// The help names what A, m, * and . will do for the article selected:
// with archived articles shown it still said "show archived", and over an
// archived, done or starred article "archive", "mark done" and "star".
func TestLibraryHelpSaysWhatTogglesDo(t *testing.T) {
	hs := newHarness(t, libWith(3), 100, 30)
	l := hs.m.library
	help := func() string { return helpText(l.FullHelp()) + helpText([][]key.Binding{l.ShortHelp()}) }
	for _, want := range []string{"archive", "mark done", "star", "show archived"} {
		if !strings.Contains(help(), want) {
			t.Errorf("help lacks %q:\n%s", want, help())
		}
	}
	hs.press("A", ".", "g")
	if a := l.selected(); a == nil || a.State != store.Archived {
		t.Fatalf("selected %+v, want the archived article", a)
	}
	hs.press("m", "*")
	h := help()
	for _, want := range []string{"unarchive", "not done", "unstar", "hide archived"} {
		if !strings.Contains(h, want) {
			t.Errorf("help lacks %q:\n%s", want, h)
		}
	}
}

// While the filter cannot be read the list stays as it was, and the
// header says which filter it shows: it counted the old rows under the
// malformed text ("3 matching “tag:”").
func TestMalformedFilterHeader(t *testing.T) {
	hs := newHarness(t, libWith(12), 100, 24)
	hs.press("/")
	hs.typeText("slow tag")
	n := len(hs.m.library.rows)
	hs.typeText(":")
	head := strings.Split(hs.screen(), "\n")[0]
	if hs.m.library.queryErr == "" || strings.Contains(head, "tag:") || !strings.Contains(head, fmt.Sprintf("%d matching “slow tag”", n)) {
		t.Errorf("header %q (%d rows), error %q", head, n, hs.m.library.queryErr)
	}
}

// With archived articles shown, the selected row still looks archived:
// the cursor's style dropped the italic that marks one.
func TestSelectedArchivedRowLooksArchived(t *testing.T) {
	hs := newHarness(t, libWith(3), 100, 24)
	l := hs.m.library
	a := *l.selected()
	a.State = store.Inbox
	inbox := l.viewRow(&a, true)
	a.State = store.Archived
	if l.viewRow(&a, true) == inbox {
		t.Error("the selected archived row is drawn as an inbox one")
	}
}

// A long filter or view that matches nothing is named in full, wrapped:
// the line ran off the screen's edge, cut with no "…".
func TestEmptyListMessageWraps(t *testing.T) {
	hs := newHarness(t, libWith(3), 60, 20)
	hs.press("/")
	hs.typeText("nothing here matches these many words about the final lastword")
	scr := hs.screen()
	if !strings.Contains(scr, "lastword”.") {
		t.Errorf("the message lost its end:\n%s", scr)
	}
	for _, line := range strings.Split(scr, "\n") {
		if w := ansi.StringWidth(line); w > 60 {
			t.Errorf("%d cells: %q", w, line)
		}
	}
}

// o under a filter or view with sort: changed nothing on screen and
// said nothing, while it changed the sort remembered for later: it now
// leaves that alone and says which sort orders the list.
func TestSortKeyUnderQuerySort(t *testing.T) {
	hs := newHarness(t, libWith(6), 100, 24)
	l := hs.m.library
	before := l.sortIdx
	hs.press("/")
	hs.typeText("sort:title")
	hs.press("enter", "o")
	if l.sortIdx != before {
		t.Errorf("o changed the remembered sort under sort:title")
	}
	if !strings.Contains(l.status, "sort:title") {
		t.Errorf("status %q does not say the list follows sort:title", l.status)
	}
}

// x in the views chooser deletes the view under the cursor (it did
// nothing: deleting needed margin view delete); the view shown is left.
func TestDeleteViewInChooser(t *testing.T) {
	lib := libWith(6)
	lib.views = []store.View{{Name: "Later", Query: "is:new"}, {Name: "Starred", Query: "is:starred"}}
	hs := newHarness(t, lib, 100, 24)
	l := hs.m.library
	hs.press("v", "j", "enter")
	if l.view == nil || l.view.Name != "Later" {
		t.Fatalf("shown %+v, want Later", l.view)
	}
	hs.press("v")
	if !strings.Contains(hs.screen(), "x delete") {
		t.Errorf("the chooser's help does not offer x:\n%s", hs.screen())
	}
	hs.press("x")
	if len(lib.views) != 1 || lib.views[0].Name != "Starred" {
		t.Fatalf("views %+v after x on Later", lib.views)
	}
	if l.view != nil || !strings.Contains(l.status, "Deleted the view “Later” (is:new). u brings it back") {
		t.Errorf("shown %+v, status %q", l.view, l.status)
	}
	// u brings it back (it could not be undone), the chooser open still.
	hs.press("u")
	if len(lib.views) != 2 || l.mode != libViews || len(l.picker.items) != 3 || !strings.Contains(l.status, "“Later” is back") {
		t.Fatalf("u after x: views %+v, mode %v, status %q", lib.views, l.mode, l.status)
	}
	hs.press("g", "j", "x")
	if l.mode != libViews || len(l.picker.items) != 2 {
		t.Errorf("mode %v: the chooser should stay open with All articles and Starred", l.mode)
	}
	hs.press("g", "x")
	if len(lib.views) != 1 {
		t.Errorf("x on All articles deleted a view: %+v", lib.views)
	}
}

// A view shown while another margin renamed its tag (margin tags rename
// rewrites the views' queries) or saved it anew kept its old query: "0
// articles", and ctrl+r did not help. The library follows the view as
// saved now, and leaves a view deleted elsewhere.
func TestLibraryViewFollowsChangesFromAnotherMargin(t *testing.T) {
	lib := libWith(6)
	lib.arts[2].Tags = []string{"later"}
	lib.arts[4].Tags = []string{"toread"}
	lib.views = []store.View{{Name: "Reading list", Query: "tag:later"}}
	hs := newHarness(t, lib, 100, 24)
	hs.press("v", "j", "enter")
	if hs.m.library.view == nil || hs.selectedTitle() != lib.arts[2].Title {
		t.Fatalf("view not shown:\n%s", hs.screen())
	}
	// Another margin: margin view save "Reading list" tag:toread.
	lib.mu.Lock()
	lib.views[0].Query = "tag:toread"
	lib.version++
	lib.mu.Unlock()
	hs.send(watchMsg{})
	if len(hs.m.library.rows) != 1 || hs.selectedTitle() != lib.arts[4].Title || !strings.Contains(hs.screen(), "now reads tag:toread") {
		t.Fatalf("the view's new query is not followed (%d rows):\n%s", len(hs.m.library.rows), hs.screen())
	}
	// ctrl+r reads the view again too.
	lib.mu.Lock()
	lib.views[0].Query = "tag:later"
	lib.mu.Unlock()
	hs.press("ctrl+r")
	if hs.selectedTitle() != lib.arts[2].Title {
		t.Errorf("ctrl+r kept the old query:\n%s", hs.screen())
	}
	// Deleted elsewhere: the whole library.
	lib.mu.Lock()
	lib.views = nil
	lib.version++
	lib.mu.Unlock()
	hs.send(watchMsg{})
	if hs.m.library.view != nil || len(hs.m.library.rows) != 6 || !strings.Contains(hs.screen(), "was deleted") {
		t.Errorf("a view deleted elsewhere is still shown:\n%s", hs.screen())
	}
}

// V on a full-text search's results said "Filter with / first": a view's
// words search the full text, so the search is saved as the view.
func TestLibrarySaveSearchAsView(t *testing.T) {
	lib := libWith(6)
	hs := newHarness(t, lib, 100, 24)
	hs.press("s")
	hs.typeText("electric cars")
	hs.press("enter", "V")
	if hs.m.library.mode != libSaveView {
		t.Fatalf("V on search results did not ask for a name:\n%s", hs.screen())
	}
	hs.typeText("EVs")
	hs.press("enter")
	l := hs.m.library
	if len(lib.views) != 1 || lib.views[0].Query != "electric cars" || l.view == nil || l.query != "" {
		t.Fatalf("views %+v, shown %+v, query %q", lib.views, l.view, l.query)
	}
}

// o on search results changed the list's sort unseen (the header still
// said "by relevance"): it says why it does not, and changes nothing.
func TestSortKeyOnSearchResults(t *testing.T) {
	hs := newHarness(t, libWith(6), 100, 24)
	l := hs.m.library
	before := l.sortIdx
	hs.press("s")
	hs.typeText("electric")
	hs.press("enter", "o")
	if l.sortIdx != before || !strings.Contains(hs.screen(), "by relevance; esc leaves the search") {
		t.Errorf("o on search results: sort %d (was %d):\n%s", l.sortIdx, before, hs.screen())
	}
}
