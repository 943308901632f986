package ui

import (
	"charm.land/lipgloss/v2"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/store"
)

func (hs *harness) selectedTitle() string {
	a := hs.m.library.selected()
	if a == nil {
		return ""
	}
	return a.Title
}

func TestLibraryGolden(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"120x40", 120, 40}} {
		t.Run(sz.name, func(t *testing.T) {
			hs := newHarness(t, libWith(30), sz.w, sz.h)
			hs.press("j", "j")
			hs.golden("library_" + sz.name)

			hs.press("?")
			hs.golden("library_help_" + sz.name)
			hs.press("?")

			hs.press("s")
			hs.typeText("rivers")
			hs.press("enter")
			hs.golden("library_search_" + sz.name)

			empty := newHarness(t, newFakeLib(), sz.w, sz.h)
			empty.golden("library_empty_" + sz.name)
		})
	}
}

func TestLibraryMoves(t *testing.T) {
	hs := newHarness(t, libWith(30), 80, 24)
	l := hs.m.library
	steps := []struct {
		keys []string
		want int
	}{
		{[]string{"j"}, 1}, {[]string{"down", "down"}, 3}, {[]string{"k"}, 2}, {[]string{"up"}, 1},
		{[]string{"G"}, 29}, {[]string{"g"}, 0}, {[]string{"end"}, 29}, {[]string{"home"}, 0},
		{[]string{"pgdown"}, l.pageRows()}, {[]string{"pgup"}, 0}, {[]string{"k"}, 0},
		{[]string{"space"}, l.pageRows()}, {[]string{"b"}, 0},
		{[]string{"ctrl+d"}, l.pageRows()}, {[]string{"ctrl+u"}, 0},
	}
	for _, s := range steps {
		hs.press(s.keys...)
		if l.cursor != s.want {
			t.Fatalf("after %v cursor = %d, want %d", s.keys, l.cursor, s.want)
		}
	}
	hs.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if l.cursor != 3 {
		t.Errorf("wheel down: cursor = %d, want 3", l.cursor)
	}
	hs.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if l.cursor != 0 {
		t.Errorf("wheel up: cursor = %d, want 0", l.cursor)
	}
	// The selected row stays on screen.
	hs.press("G")
	if !strings.Contains(hs.screen(), "▸ "+hs.selectedTitle()[:10]) {
		t.Errorf("selected row not on screen:\n%s", hs.screen())
	}
	// A click selects a row; a second click opens it.
	hs.press("g")
	hs.send(tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: 2 + 2})
	if l.cursor != 2 {
		t.Fatalf("click: cursor = %d, want 2", l.cursor)
	}
	hs.send(tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: 2 + 2})
	if hs.m.screen != screenReader {
		t.Errorf("second click did not open the article")
	}
}

func TestLibraryOpenAndBack(t *testing.T) {
	hs := newHarness(t, libWith(5), 80, 24)
	hs.press("j", "enter")
	if hs.m.screen != screenReader || hs.m.pager.art == nil {
		t.Fatal("enter did not open the reader")
	}
	want := hs.m.library.selectedID()
	if got := hs.lib.lastCall("Article"); got != "Article "+itoa(want) {
		t.Errorf("opened %q, want article %d", got, want)
	}
	hs.press("q")
	if hs.m.screen != screenLibrary {
		t.Fatal("q did not go back to the library")
	}
	if hs.m.library.selectedID() != want {
		t.Errorf("selection lost on return")
	}
	hs.press("enter", "esc")
	if hs.m.screen != screenLibrary {
		t.Fatal("esc did not go back to the library")
	}
}

func TestLibraryFilter(t *testing.T) {
	hs := newHarness(t, libWith(12), 80, 24)
	hs.press("/")
	hs.typeText("octo")
	l := hs.m.library
	if l.count() < 1 || l.count() > 4 || hs.selectedTitle() != "What the Octopus Knows" {
		t.Fatalf("filter octo: %d rows, selected %q", l.count(), hs.selectedTitle())
	}
	hs.press("backspace", "backspace", "backspace", "backspace")
	if l.count() != 12 {
		t.Fatalf("cleared filter: %d rows", l.count())
	}
	// Fuzzy, and on the site too.
	hs.typeText("brd exmpl")
	if hs.selectedTitle() != "A Field Guide to Sourdough Starters" {
		t.Fatalf("fuzzy filter: %d rows, selected %q", l.count(), hs.selectedTitle())
	}
	hs.press("enter")
	if l.mode != libList || l.filter == "" {
		t.Fatalf("enter should keep the filter and leave the prompt")
	}
	if !strings.Contains(hs.screen(), "1 matching “brd exmpl”") {
		t.Errorf("header does not show the filter:\n%s", hs.screen())
	}
	hs.press("esc")
	if l.filter != "" || l.count() != 12 {
		t.Fatalf("esc did not clear the filter")
	}
	hs.press("/")
	hs.typeText("zzzz")
	if !strings.Contains(hs.screen(), "No article matches “zzzz”") {
		t.Errorf("no-match message missing:\n%s", hs.screen())
	}
	hs.press("esc")
	if l.filter != "" || l.mode != libList {
		t.Errorf("esc in the prompt did not cancel the filter")
	}
}

func TestLibrarySearch(t *testing.T) {
	lib := libWith(12)
	hs := newHarness(t, lib, 100, 30)
	hs.press("s")
	hs.typeText("octopus")
	if got := lib.lastCall("Search"); got != "Search octopus" {
		t.Fatalf("search as you type: last call %q", got)
	}
	l := hs.m.library
	if len(l.results) != 1 {
		t.Fatalf("%d results", len(l.results))
	}
	hs.press("enter")
	scr := hs.screen()
	if !strings.Contains(scr, "text of What the Octopus Knows with") {
		t.Errorf("snippet missing:\n%s", scr)
	}
	// The matched term is styled differently from the rest of the snippet.
	if !regexp.MustCompile(`\x1b\[[0-9;]*m[Oo]ctopus`).MatchString(hs.m.View().Content) {
		t.Errorf("matched term not styled")
	}
	hs.press("enter")
	if hs.m.screen != screenReader || hs.m.pager.art.Title != "What the Octopus Knows" {
		t.Fatalf("enter on a result did not open it")
	}
	hs.press("q", "esc")
	if l.query != "" || len(l.results) != 0 {
		t.Errorf("esc did not clear the search")
	}
	hs.press("s")
	hs.typeText("nothing-like-this")
	hs.press("enter")
	if !strings.Contains(hs.screen(), "Nothing found for “nothing-like-this”") {
		t.Errorf("no results message missing:\n%s", hs.screen())
	}
	// A quote left open: what the search made of it is said, as margin
	// search says it.
	hs.press("esc", "s")
	hs.typeText(`"unclosed`)
	hs.press("enter")
	if !strings.Contains(hs.screen(), `is not closed`) {
		t.Errorf("an unclosed quote not named:\n%s", hs.screen())
	}
}

// TestLibrarySearchAtLimit: a search that fills the list says it shows
// the best matches, not that that is all there are.
func TestLibrarySearchAtLimit(t *testing.T) {
	hs := newHarness(t, libWith(searchLimit+10), 120, 24)
	hs.press("s")
	hs.typeText("rivers")
	hs.press("enter")
	scr := hs.screen()
	if strings.Contains(scr, fmt.Sprintf("%d found", searchLimit)) || !strings.Contains(scr, fmt.Sprintf("the %d best for “rivers”", searchLimit)) {
		t.Errorf("the header claims the list is every match:\n%s", scr)
	}
	if !strings.Contains(scr, "· by relevance") {
		t.Errorf("the header does not say results are ranked by relevance:\n%s", scr)
	}
	hs.press("esc", "s")
	hs.typeText("Octopus")
	hs.press("enter")
	if n := len(hs.m.library.results); !strings.Contains(hs.screen(), fmt.Sprintf("%d found for “Octopus”", n)) {
		t.Errorf("a search under the limit does not say how many it found:\n%s", hs.screen())
	}
}

// A folder given at the add prompt saves its files: the status counts
// them and says what could not be read, and the first is selected.
func TestLibraryAddFolder(t *testing.T) {
	hs := newHarness(t, libWith(3), 120, 24)
	hs.press("a")
	hs.typeText("~/clippings-folder")
	hs.press("enter")
	if !strings.Contains(hs.screen(), "Saved 2 articles from the folder; 1 could not be read: notes.txt: not UTF-8.") {
		t.Errorf("no count of the folder's articles:\n%s", hs.screen())
	}
	if hs.selectedTitle() != "Added ~/clippings-folder 1" {
		t.Errorf("the folder's first article not selected: %q", hs.selectedTitle())
	}
}

func TestLibraryAdd(t *testing.T) {
	hs := newHarness(t, libWith(3), 120, 24)
	hs.press("a")
	if hs.m.library.mode != libAdd {
		t.Fatal("a did not open the add prompt")
	}
	hs.typeText("https://example.org/new")
	hs.press("enter")
	if len(hs.added) != 1 || hs.added[0] != "https://example.org/new" {
		t.Fatalf("Add called with %v", hs.added)
	}
	if hs.selectedTitle() != "Added https://example.org/new" {
		t.Errorf("new article not selected: %q", hs.selectedTitle())
	}
	// Named, and undone with u (pasted text is saved as it comes); u again
	// brings it back.
	if !strings.Contains(hs.screen(), "Saved “Added https://example.org/new” (2 words). u to undo") {
		t.Errorf("no confirmation naming the article:\n%s", hs.screen())
	}
	n := len(hs.lib.arts)
	hs.press("u")
	if len(hs.lib.arts) != n-1 || !strings.Contains(hs.screen(), "Removed “Added https://example.org/new”, just added") {
		t.Errorf("u after adding: %d articles (from %d)\n%s", len(hs.lib.arts), n, hs.screen())
	}
	hs.press("u")
	if len(hs.lib.arts) != n || !strings.Contains(hs.screen(), "Restored “Added https://example.org/new”") {
		t.Errorf("u again: %d articles (from %d)\n%s", len(hs.lib.arts), n, hs.screen())
	}

	hs.press("a")
	hs.typeText("https://fail.example/x")
	hs.press("enter")
	if !strings.Contains(hs.screen(), "Could not add: fetch https://fail.example/x: 404 Not Found") {
		t.Errorf("no error line:\n%s", hs.screen())
	}
	// esc cancels the prompt without adding.
	hs.press("a")
	hs.typeText("x")
	hs.press("esc")
	if len(hs.added) != 2 || hs.m.library.mode != libList {
		t.Errorf("esc should cancel the add prompt")
	}
}

func TestLibraryAddShowsSpinner(t *testing.T) {
	hs := newHarness(t, libWith(3), 80, 24)
	l := hs.m.library
	hs.press("a")
	hs.typeText("https://slow.example/")
	// Submit without running the add command: the spinner shows.
	_, cmd := hs.m.Update(keyMsg("enter"))
	if l.mode != libAdding || !strings.Contains(hs.screen(), "Adding https://slow.example/…") {
		t.Fatalf("no progress line while adding:\n%s", hs.screen())
	}
	hs.press("esc") // cancels the running add's context
	hs.run(cmd)
	if l.mode != libList {
		t.Errorf("mode after add = %v", l.mode)
	}
}

func TestLibraryArchiveDeleteSort(t *testing.T) {
	lib := libWith(6)
	hs := newHarness(t, lib, 80, 24)
	l := hs.m.library
	id := l.selectedID()
	hs.press("A")
	if lib.arts[id].State != store.Archived || l.count() != 5 {
		t.Fatalf("A did not archive and hide: state %s, %d rows", lib.arts[id].State, l.count())
	}
	hs.press(".")
	if l.count() != 6 || !l.archived {
		t.Fatalf(". did not show archived articles")
	}
	l.selectID(id)
	hs.press("A")
	if lib.arts[id].State != store.Inbox {
		t.Fatalf("A on an archived article did not unarchive")
	}
	hs.press(".")

	id = l.selectedID()
	hs.press("d")
	if !strings.Contains(hs.screen(), "(y/n)") {
		t.Fatalf("no confirmation:\n%s", hs.screen())
	}
	hs.press("n")
	if _, ok := lib.arts[id]; !ok || lib.lastCall("Delete") != "" {
		t.Fatal("n still deleted")
	}
	hs.press("d", "y")
	if _, ok := lib.arts[id]; ok {
		t.Fatal("y did not delete")
	}
	if l.count() != 5 {
		t.Errorf("%d rows after delete", l.count())
	}

	hs.press("o")
	if lib.settings["library.sort"] != "title" || l.sortIdx != 1 {
		t.Fatalf("o: sort setting %q", lib.settings["library.sort"])
	}
	if hs.selectedTitle() == "" || l.arts[0].Title > l.arts[1].Title {
		t.Errorf("not sorted by title")
	}
	hs.press("o", "o")
	if lib.settings["library.sort"] != "saved" {
		t.Errorf("sort did not cycle back: %q", lib.settings["library.sort"])
	}
	// The sort order is remembered by the next session.
	lib.settings["library.sort"] = "progress"
	hs2 := newHarness(t, lib, 80, 24)
	if hs2.m.library.sortIdx != 2 || lib.lastCall("List") != "List false progress" {
		t.Errorf("sort not restored: %d, %s", hs2.m.library.sortIdx, lib.lastCall("List"))
	}
}

func TestLibraryEmptyAndSample(t *testing.T) {
	lib := newFakeLib()
	hs := newHarness(t, lib, 80, 24)
	if !strings.Contains(hs.screen(), "Welcome to margin.") {
		t.Fatalf("no welcome:\n%s", hs.screen())
	}
	hs.press("S")
	if len(lib.arts) != 1 || hs.selectedTitle() != "Welcome to margin" {
		t.Fatalf("S did not add the sample")
	}
	hs.press("enter")
	if hs.m.screen != screenReader {
		t.Errorf("could not open the sample")
	}
	// S again said "Saved." though nothing was added, and of an archived
	// sample nothing said where it was.
	hs.press("q", "S")
	if len(lib.arts) != 1 || !strings.Contains(hs.screen(), "Already in your library: “Welcome to margin”.") {
		t.Errorf("S with the sample there:\n%s", hs.screen())
	}
	for _, a := range lib.arts {
		a.State = store.Archived
	}
	hs.press("S")
	if !strings.Contains(hs.screen(), "“Welcome to margin”, archived: . shows the archive.") {
		t.Errorf("S with the sample archived:\n%s", hs.screen())
	}
}

func TestLibraryHelpAndQuit(t *testing.T) {
	hs := newHarness(t, libWith(3), 80, 24)
	short := hs.screen()
	if !strings.Contains(short, "enter read") || !strings.Contains(short, "? more keys") {
		t.Fatalf("short help missing:\n%s", short)
	}
	hs.press("?")
	if !hs.m.library.help.ShowAll || !strings.Contains(hs.screen(), "show archived") {
		t.Fatalf("? did not show the full help:\n%s", hs.screen())
	}
	hs.press("?")
	hs.press("q")
	if !hs.quit {
		t.Error("q did not quit")
	}
	hs2 := newHarness(t, libWith(3), 80, 24)
	hs2.press("ctrl+c")
	if !hs2.quit {
		t.Error("ctrl+c did not quit")
	}
}

// A hostile title or site never reaches the terminal as anything but text
// and SGR styling.
func TestLibraryHostileTitle(t *testing.T) {
	lib := newFakeLib()
	hostile := "&#27;[31m Evil\x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[2J\x1b[31mred\x9b31m\u009b32m c1\u0085 &#27;[31m \u202eabc\u202c\x00tail\r\nnext"
	lib.add(store.Article{Content: article.Content{Title: hostile, SiteName: "site\x1b[1m\x07", Text: "evil " + hostile, Markdown: "x"}, Added: testNow})
	hs := newHarness(t, lib, 100, 20)
	checkOnlySGR(t, "library", hs.m.View().Content)
	if !strings.Contains(hs.screen(), "&#27;[31m Evil") {
		t.Errorf("the harmless text should remain visible:\n%s", hs.screen())
	}
	hs.press("s")
	hs.typeText("evil")
	hs.press("enter")
	checkOnlySGR(t, "search", hs.m.View().Content)
	hs.press("esc", "d")
	checkOnlySGR(t, "confirm", hs.m.View().Content)
	hs.press("n", "enter")
	checkOnlySGR(t, "reader", hs.m.View().Content)
	// Highlights and notes carrying escapes, in the reader and the panels.
	hs.lib.hls[50] = &store.Highlight{ID: 50, ArticleID: 1, Start: 0, End: 1, Exact: "q\x1b[2Juote", Note: "no\x1b]52;c;AAAA\x07te\nline\x9b2", Label: "claim"}
	hs.m.pager.loadHighlights()
	checkOnlySGR(t, "reader with note", hs.m.View().Content)
	hs.press("H")
	checkOnlySGR(t, "panel", hs.m.View().Content)
	hs.press("esc", "q", "H")
	checkOnlySGR(t, "all highlights", hs.m.View().Content)
	hs.press("esc", "enter")
	if v := hs.m.View(); strings.ContainsFunc(v.WindowTitle, func(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }) {
		t.Errorf("window title carries controls: %q", v.WindowTitle)
	}
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// checkOnlySGR fails if s holds any control character other than newline
// and the ESC of an SGR sequence.
func checkOnlySGR(t *testing.T, where, s string) {
	t.Helper()
	rest := sgr.ReplaceAllString(s, "")
	for i, r := range rest {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u202e' {
			t.Errorf("%s: control %U at %d in %q", where, r, i, rest[max(i-20, 0):min(i+20, len(rest))])
			return
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// u takes back the newest library action: a delete comes back with its
// highlights, an archiving goes back to the inbox (issue 11, case 6).
func TestLibraryUndoDeleteAndArchive(t *testing.T) {
	lib := libWith(3)
	hs := newHarness(t, lib, 80, 24)
	l := hs.m.library
	id := l.selectedID()
	lib.hls[900] = &store.Highlight{ID: 900, ArticleID: id, Label: "claim", Note: "keep me"}
	hs.press("d", "y")
	if _, ok := lib.arts[id]; ok || l.count() != 2 {
		t.Fatalf("d y did not delete: %d rows", l.count())
	}
	if !strings.Contains(hs.screen(), "u to undo") {
		t.Fatalf("no undo hint:\n%s", hs.screen())
	}
	hs.press("u")
	if _, ok := lib.arts[id]; !ok || l.count() != 3 {
		t.Fatalf("u did not restore the article: %d rows", l.count())
	}
	if h := lib.hls[900]; h == nil || h.Note != "keep me" {
		t.Fatalf("u did not restore the highlight: %+v", h)
	}
	if !strings.Contains(hs.screen(), "with its 1 highlight") {
		t.Errorf("restore not said:\n%s", hs.screen())
	}

	l.selectID(id)
	hs.press("A")
	if lib.arts[id].State != store.Archived {
		t.Fatal("A did not archive")
	}
	hs.press("u")
	if lib.arts[id].State != store.Inbox || l.count() != 3 {
		t.Fatalf("u did not unarchive: state %s, %d rows", lib.arts[id].State, l.count())
	}
	hs.press("u")
	if !strings.Contains(hs.screen(), "Nothing to undo.") {
		t.Errorf("empty undo not said:\n%s", hs.screen())
	}
}

// The help line fits the terminal at every width and keeps ? in reach: at
// 60 columns the library's line ran past the edge and ended in a bare "•"
// (bubbles adds a key past the width when its "…" does not fit), and the
// reader's dropped "? keys".
func TestHelpLineFitsAndKeepsHelpKey(t *testing.T) {
	for w := 40; w <= 110; w++ {
		hs := newHarness(t, libWith(12), w, 24)
		hs.press("/")
		hs.typeText("the")
		hs.press("enter")
		lib := hs.screen()
		hs.press("esc", "enter")
		rd := hs.screen()
		for name, s := range map[string]string{"library": lib, "reader": rd} {
			lines := strings.Split(s, "\n")
			last := lines[len(lines)-1]
			if cw := ansi.StringWidth(last); cw > w {
				t.Errorf("%s at %d columns: help line is %d cells: %q", name, w, cw, last)
			}
			if strings.HasSuffix(last, "•") || !strings.Contains(last, "? ") {
				t.Errorf("%s at %d columns: help line without ? or ending in •: %q", name, w, last)
			}
		}
	}
}

// margin open ID, then q: the library comes up on the article just read,
// not on the first of the list (in a big library it was lost from view).
func TestOpenIDBackSelectsTheArticle(t *testing.T) {
	hs := newHarness(t, libWith(40), 80, 24, func(o *Options) { o.OpenID = 30 })
	if hs.m.screen != screenReader || hs.m.pager.art == nil || hs.m.pager.art.ID != 30 {
		t.Fatal("article 30 did not open")
	}
	hs.press("q")
	if hs.m.screen != screenLibrary {
		t.Fatal("q did not go back to the library")
	}
	if got := hs.m.library.selectedID(); got != 30 {
		t.Errorf("library selects article %d, want 30, the one just read", got)
	}
	if !strings.Contains(hs.screen(), "▸ "+hs.m.library.selected().Title[:20]) {
		t.Errorf("the selected row is not on screen:\n%s", hs.screen())
	}
}

// Back from an article opened among search results, the cursor is on that
// result again (it went to the first result when the search re-ran).
func TestSearchResultKeptOnReturn(t *testing.T) {
	hs := newHarness(t, libWith(40), 100, 30)
	hs.press("s")
	hs.typeText("rivers")
	hs.press("enter", "j", "j", "j")
	want := hs.m.library.selectedID()
	hs.press("enter")
	if hs.m.screen != screenReader || hs.m.pager.art.ID != want {
		t.Fatal("enter did not open the result")
	}
	hs.press("q")
	if got := hs.m.library.selectedID(); got != want || hs.m.library.query == "" {
		t.Errorf("back from result %d: cursor on %d (query %q)", want, got, hs.m.library.query)
	}
}

// u brings a deleted or archived article back with the cursor on it (it
// stayed on the article that had taken its place).
func TestLibraryUndoSelectsTheArticle(t *testing.T) {
	lib := libWith(8)
	hs := newHarness(t, lib, 80, 24)
	l := hs.m.library
	hs.press("j", "j", "j")
	id := l.selectedID()
	hs.press("d", "y")
	hs.press("u")
	if got := l.selectedID(); got != id {
		t.Errorf("after undoing a delete the cursor is on %d, want %d", got, id)
	}
	hs.press("A", "u")
	if got := l.selectedID(); got != id {
		t.Errorf("after undoing an archive the cursor is on %d, want %d", got, id)
	}
}

// A filter on a label that is none of margin's says so, not only that
// nothing matches ("disagreement" for disagree).
func TestFilterNamesAnUnknownLabel(t *testing.T) {
	hs := newHarness(t, libWith(3), 100, 24)
	hs.press("/")
	hs.typeText("label:disagreement")
	hs.press("enter")
	if scr := hs.screen(); !strings.Contains(scr, "“disagreement” is none of margin's labels") {
		t.Errorf("the screen does not name the unknown label:\n%s", scr)
	}
	hs.press("esc", "/")
	hs.typeText("label:claim")
	hs.press("enter")
	if scr := hs.screen(); strings.Contains(scr, "none of margin's labels") {
		t.Errorf("claim named as unknown:\n%s", scr)
	}
}

// TestSelectedRowBackgroundSpansTheRow: the cursor's background covered
// the title's cell only; the site and the meta columns stood outside it.
func TestSelectedRowBackgroundSpansTheRow(t *testing.T) {
	for _, style := range []string{"dark", "light"} {
		hs := newHarness(t, libWith(3), 120, 24, func(o *Options) { o.Style = style })
		l := hs.m.library
		bg := regexp.MustCompile(`48;[0-9;]+`).FindString(lipgloss.NewStyle().Background(l.Styles.Library.Selected.GetBackground()).Render("x"))
		if bg == "" {
			t.Fatal("no background in the selected style")
		}
		a := &store.Article{Content: article.Content{Title: "A title", SiteName: "site.example", ReadingMinutes: 7}, ID: 9, Added: testNow}
		row := l.viewRow(a, true)
		i := strings.Index(row, "site.example")
		if i < 0 {
			t.Fatalf("%s: no site in %q", style, row)
		}
		if last := strings.LastIndex(row[:i], "\x1b["); last < 0 || !strings.Contains(row[last:i], bg) {
			t.Errorf("%s: the site is not on the cursor's background: %q", style, row)
		}
		if j := strings.Index(row, " 7m"); j < 0 || !strings.Contains(row[strings.LastIndex(row[:j+1], "\x1b["):j+1], bg) {
			t.Errorf("%s: the reading time is not on the cursor's background: %q", style, row)
		}
	}
}

// TestStatusKeepsItsEnd: on a narrow terminal a long title is cut in the
// status, so what the line says of it (u to undo, back in the inbox)
// still shows; the end was cut off instead.
func TestStatusKeepsItsEnd(t *testing.T) {
	lib := libWith(1)
	lib.add(store.Article{Content: article.Content{Title: "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play and Pay for Games Now", Markdown: "x"}, Added: testNow.Add(time.Hour)})
	hs := newHarness(t, lib, 60, 20)
	hs.press("A")
	if !strings.Contains(hs.screen(), "”. u to undo") {
		t.Errorf("archive's status lost its end:\n%s", hs.screen())
	}
	hs.press("u")
	if !strings.Contains(hs.screen(), "” is back in the inbox.") {
		t.Errorf("undo's status lost its end:\n%s", hs.screen())
	}
}

// The library's long message (an import that could not start, at 60
// columns) takes the help bar's line too, and the list keeps its rows.
func TestLibraryLongMessageTakesTwoLines(t *testing.T) {
	hs := newHarness(t, libWith(3), 60, 20)
	before := strings.Split(ansi.Strip(hs.screen()), "\n")
	hs.m.library.errLine = "Could not import: notes.csv line 7: a quote in it is not closed (a backslash does not escape one in CSV)"
	hs.m.drawn = false // the frame is drawn again after a message
	lines := strings.Split(ansi.Strip(hs.screen()), "\n")
	if len(lines) != 20 || strings.Join(lines[:18], "\n") != strings.Join(before[:18], "\n") {
		t.Fatalf("the list moved:\n%s", strings.Join(lines, "\n"))
	}
	if tail := strings.Join(strings.Fields(strings.Join(lines[18:], " ")), " "); !strings.Contains(tail, "a backslash does not escape one in CSV)") {
		t.Errorf("the message was cut:\n%s", strings.Join(lines[18:], "\n"))
	}
}

// The / filter ignores accents, as full-text search does: "Friedlander"
// found no "Friedländer", "pho" no "phở" (issue 18's readers of many
// languages).
func TestLibraryFilterIgnoresAccents(t *testing.T) {
	lib := libWith(3)
	for _, title := range []string{"Saul Friedländer über die Überlebenden", "Lịch sử phở: món ăn quốc hồn quốc túy", "Le néolibéralisme à l’épreuve"} {
		lib.add(store.Article{Content: article.Content{Title: title, SiteName: "accents.example", Markdown: "x", Text: "x"}, Added: testNow})
	}
	hs := newHarness(t, lib, 100, 30)
	for _, c := range []struct{ typed, want string }{
		{"friedlander", "Saul Friedländer über die Überlebenden"},
		{"uberlebenden", "Saul Friedländer über die Überlebenden"},
		{"quoc hon", "Lịch sử phở: món ăn quốc hồn quốc túy"},
		{"neoliberalisme", "Le néolibéralisme à l’épreuve"},
		{"Néolibéralisme", "Le néolibéralisme à l’épreuve"},
	} {
		hs.press("/")
		hs.typeText(c.typed)
		if got := hs.selectedTitle(); got != c.want {
			t.Errorf("/%s selects %q, want %q", c.typed, got, c.want)
		}
		hs.press("esc")
	}
}

// The library rounds progress as the reader's status bar and margin list
// do: 0.5569 read "55%" here and "56%" there.
func TestLibraryRoundsProgress(t *testing.T) {
	lib := libWith(3)
	for _, a := range lib.arts {
		a.Progress, a.Reading = 0.5569, store.ReadingNow
	}
	hs := newHarness(t, lib, 100, 24)
	if s := hs.screen(); !strings.Contains(s, "56%") || strings.Contains(s, "55%") {
		t.Errorf("progress 0.5569:\n%s", s)
	}
}

// A long title cut the delete question short: "Delete “Home Depot…" hid
// the highlights and the note that go with the article.
func TestLibraryDeleteQuestionNamesWhatGoes(t *testing.T) {
	lib := libWith(1)
	for _, a := range lib.arts {
		a.Title = strings.Repeat("A very long title about home improvement stores ", 4)
		a.Note = "mine"
	}
	hs := newHarness(t, lib, 60, 20)
	hs.press("d")
	s := hs.screen()
	if !strings.Contains(s, "…” and its note? (y/n)") {
		t.Errorf("the question lost its end:\n%s", s)
	}
	hs.press("n")
}

// On a narrow terminal the welcome's sentences were cut ("margin keeps
// the articles you save…"): they wrap.
func TestWelcomeWrapsWhenNarrow(t *testing.T) {
	hs := newHarness(t, newFakeLib(), 60, 20)
	scr := hs.screen()
	for _, want := range []string{"and write notes.", "wallabag, Readwise…", "text", "file"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the welcome lacks %q at 60 columns:\n%s", want, scr)
		}
	}
}

// TestLibrarySearchOperators: the search prompt sent "octopus
// site:sea.example" to the full-text index whole and found nothing, where
// `margin search` narrows the words' matches by the operators. Operators
// alone list the articles they select.
func TestLibrarySearchOperators(t *testing.T) {
	lib := libWith(12)
	hs := newHarness(t, lib, 100, 30)
	hs.press("s")
	hs.typeText("rivers site:sea.example")
	hs.press("enter")
	l := hs.m.library
	if len(l.results) != 1 || l.results[0].Title != "What the Octopus Knows" {
		t.Fatalf("results %d:\n%s", len(l.results), hs.screen())
	}
	if got := lib.lastCall("Search"); got != "Search rivers" {
		t.Errorf("the operator went to the index: %q", got)
	}
	hs.press("esc", "s")
	hs.typeText("rivers -site:sea.example")
	hs.press("enter")
	if len(l.results) != 11 {
		t.Errorf("a negated operator: %d results", len(l.results))
	}
	hs.press("esc", "s")
	hs.typeText("site:sea.example")
	hs.press("enter")
	if len(l.results) != 1 || !strings.Contains(hs.screen(), "What the Octopus Knows") {
		t.Errorf("operators alone:\n%s", hs.screen())
	}
}
