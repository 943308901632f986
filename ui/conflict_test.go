package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/internal/settings"
	"margin/render"
	"margin/store"
)

// A note written for a highlight deleted elsewhere is offered back with
// the highlight, never dropped (issue 11, case 5).
func TestNoteForDeletedHighlightRestores(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	id := p.hl.list[0].ID
	hs.typeText("words to keep")
	delete(hs.lib.hls, id) // another margin deleted it
	hs.press("ctrl+s")
	if p.mode != readEditor || !strings.Contains(hs.screen(), "deleted elsewhere") {
		t.Fatalf("save on a deleted highlight:\n%s", hs.screen())
	}
	hs.press("esc")
	if p.mode != readEditor || p.hl.editor.Value() != "words to keep" {
		t.Fatal("esc dropped the note")
	}
	hs.press("ctrl+r")
	if h := hs.lib.hls[id]; h == nil || h.Note != "words to keep" || p.mode != readNormal {
		t.Fatalf("ctrl+r: %+v mode %v\n%s", h, p.mode, hs.screen())
	}
	// The warning went with the conflict; the status says what happened.
	if scr := hs.screen(); strings.Contains(scr, "deleted elsewhere") || strings.Contains(scr, "Deleted elsewhere") || !strings.Contains(scr, "Highlight restored with your note.") {
		t.Errorf("after ctrl+r:\n%s", scr)
	}
}

// A note changed elsewhere while the reader writes is a conflict: both
// texts are kept, and the reader chooses (issue 11, case 5).
func TestNoteConflictKeepsBoth(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	id := p.hl.list[0].ID
	hs.typeText("mine")
	hs.lib.hls[id].Note = "theirs" // another margin saved meanwhile
	hs.press("ctrl+s")
	if hs.lib.hls[id].Note != "theirs" || !strings.Contains(hs.screen(), "Changed elsewhere while you wrote") {
		t.Fatalf("conflict:\n%s", hs.screen())
	}
	hs.press("esc") // does not decide for the user
	if p.mode != readEditor {
		t.Fatal("esc closed a conflicted note")
	}
	hs.press("ctrl+s") // keep mine, having seen theirs
	if hs.lib.hls[id].Note != "mine" || p.mode != readNormal {
		t.Fatalf("keep mine: %q", hs.lib.hls[id].Note)
	}
	if scr := hs.screen(); strings.Contains(scr, "Changed elsewhere") || !strings.Contains(scr, "Your note saved over the one written elsewhere") {
		t.Errorf("the conflict's warning stayed after the save, or the save did not say what it replaced:\n%s", scr)
	}
	// The other margin's note was lost, undo and all (u went back to the
	// note the editor opened on): u brings it back.
	hs.press("u")
	if got := hs.lib.hls[id].Note; got != "theirs" {
		t.Fatalf("u after keeping mine: %q, want the note written elsewhere", got)
	}
	hs.lib.hls[id].Note = "mine" // the test goes on from "mine"
	// Merge both, then save.
	hs.press("a")
	hs.typeText(" too")
	hs.lib.hls[id].Note = "theirs 1"
	hs.press("ctrl+s", "ctrl+g", "ctrl+s")
	if hs.lib.hls[id].Note != "mine too\n\ntheirs 1" || p.mode != readNormal {
		t.Fatalf("merge: %q", hs.lib.hls[id].Note)
	}
	if scr := hs.screen(); strings.Contains(scr, "elsewhere") {
		t.Errorf("the conflict's warning stayed after the merge was saved:\n%s", scr)
	}
	// Take theirs.
	hs.press("a")
	hs.typeText(" again")
	hs.lib.hls[id].Note = "theirs 2"
	hs.press("ctrl+s", "ctrl+o")
	if hs.lib.hls[id].Note != "theirs 2" || p.mode != readNormal {
		t.Fatalf("take theirs: %q", hs.lib.hls[id].Note)
	}
}

// A highlight made in a reader opened before a refresh elsewhere is placed
// on the new text, never stored at the old offsets (issue 19, item 4).
func TestHighlightAfterRefreshElsewhere(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	a := hs.lib.arts[p.art.ID]
	// Another margin refreshes: new text in front, revision 2.
	a.Markdown = "A new first paragraph that pushes every offset along.\n\n" + a.Markdown
	a.TextRevision = p.art.TextRevision + 1
	hs.press("h")
	if len(hs.lib.hls) != 1 {
		t.Fatalf("%d highlights", len(hs.lib.hls))
	}
	var h *store.Highlight
	for _, x := range hs.lib.hls {
		h = x
	}
	if got := a.Markdown[h.Start:h.End]; !strings.Contains(got, "Paragraph 1.2") || h.TextRevision != a.TextRevision {
		t.Errorf("stored at %q (revision %d)", got, h.TextRevision)
	}
	if !strings.Contains(hs.screen(), "refreshed elsewhere") {
		t.Errorf("not told:\n%s", hs.screen())
	}
}

// / after a search shows the last query selected: typing replaces it
// (issue 12, item 9).
func TestSearchPromptReplacesLastQuery(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("/")
	hs.typeText("calmly")
	hs.press("enter")
	if p.query != "calmly" {
		t.Fatalf("query %q", p.query)
	}
	hs.press("/")
	hs.typeText("plain sentence")
	hs.press("enter")
	if p.query != "plain sentence" {
		t.Errorf("second search %q, want %q", p.query, "plain sentence")
	}
	// A cursor key keeps the old query for editing.
	hs.press("/", "end")
	hs.typeText(" about")
	hs.press("enter")
	if p.query != "plain sentence about" {
		t.Errorf("edited search %q", p.query)
	}
}

// After any scroll the cursor is inside the visible text: G then h marks a
// sentence on the last screen (issue 12, item 5).
func TestCursorFollowsScroll(t *testing.T) {
	for _, keys := range [][]string{{"G"}, {"G", "g"}, {"space", "space"}, {"ctrl+d"}, {"G", "k", "k"}} {
		hs, p := readerHarness(t, 80, 24)
		hs.press(keys...)
		cur := p.hl.cursor
		if line := lineOf(p.doc, cur); line < p.top || line >= p.top+p.bodyHeight() {
			t.Errorf("%v: cursor on line %d; screen shows %d-%d", keys, line, p.top, p.top+p.bodyHeight()-1)
		}
		hs.press("h")
		if len(p.hl.list) != 1 || p.hl.list[0].Start > cur || p.hl.list[0].End <= cur {
			t.Fatalf("%v h: %d highlights, not on the cursor", keys, len(p.hl.list))
		}
	}
}

// A full-text search result opens on its first match, painted (issue 12,
// item 8).
func TestSearchResultOpensOnMatch(t *testing.T) {
	lib := newFakeLib()
	md := testMarkdown("Learning to Read Slowly Again")
	lib.add(store.Article{Content: article.Content{Title: "Learning to Read Slowly Again", Markdown: md, Text: md}, Added: testNow})
	hs := newHarness(t, lib, 80, 24)
	hs.press("s")
	hs.typeText("quoted line in section 3")
	hs.press("enter", "enter")
	p := hs.m.pager
	if p.art == nil || len(p.matches) == 0 {
		t.Fatalf("no match shown:\n%s", hs.screen())
	}
	m := p.matches[p.cur]
	if m.Line < p.top || m.Line >= p.top+p.bodyHeight() || !strings.Contains(hs.screen(), "1/") {
		t.Errorf("match line %d not on screen %d..:\n%s", m.Line, p.top, hs.screen())
	}
}

// The library notices an article another margin saved, within a check,
// and ctrl+r reloads at once (issue 12, item 10).
func TestLibrarySeesChangesFromElsewhere(t *testing.T) {
	lib := libWith(2)
	hs := newHarness(t, lib, 80, 24)
	if n := len(hs.m.library.arts); n != 2 {
		t.Fatalf("%d articles", n)
	}
	lib.add(store.Article{Content: article.Content{Title: "Saved by another margin"}, Added: testNow.Add(time.Hour)})
	hs.fireWatch()
	if !strings.Contains(hs.screen(), "Saved by another margin") {
		t.Fatalf("not noticed:\n%s", hs.screen())
	}
	if len(hs.watches) != 1 {
		t.Errorf("%d checks armed, want 1", len(hs.watches))
	}
	lib.add(store.Article{Content: article.Content{Title: "And one more"}, Added: testNow.Add(2 * time.Hour)})
	hs.press("ctrl+r")
	if !strings.Contains(hs.screen(), "And one more") {
		t.Errorf("ctrl+r did not reload:\n%s", hs.screen())
	}
}

// Rows with the same title tell where each came from, and # shows ids
// (issue 12, item 11).
func TestSameTitledRowsDiffer(t *testing.T) {
	lib := newFakeLib()
	lib.add(store.Article{Content: article.Content{Title: "Notes", SourceURL: "/home/me/notes-a.txt"}, Added: testNow})
	lib.add(store.Article{Content: article.Content{Title: "Notes"}, Added: testNow.Add(time.Minute)})
	lib.add(store.Article{Content: article.Content{Title: "Notes", SourceURL: "https://ex.example/notes"}, Added: testNow.Add(2 * time.Minute)})
	hs := newHarness(t, lib, 100, 24)
	scr := hs.screen()
	for _, want := range []string{"notes-a.txt", "pasted", "ex.example"} {
		if !strings.Contains(scr, want) {
			t.Errorf("no %q in rows:\n%s", want, scr)
		}
	}
	hs.press("#")
	if scr := hs.screen(); !strings.Contains(scr, "1  Notes") || !strings.Contains(scr, "3  Notes") {
		t.Errorf("# did not show ids:\n%s", scr)
	}
}

// Several lines pasted at the add prompt are added as a pasted article.
func TestAddPromptTakesPastedText(t *testing.T) {
	var got string
	lib := libWith(1)
	hs := newHarness(t, lib, 80, 24, func(o *Options) {
		o.Add = func(ctx context.Context, input string) (Added, error) { got = input; return Added{ID: 1}, nil }
	})
	hs.press("a")
	hs.send(tea.PasteMsg{Content: "Title\n\nA paragraph of text.\n\nAnother."})
	if got != "Title\n\nA paragraph of text.\n\nAnother." {
		t.Errorf("Add got %q", got)
	}
	// Terminals send a pasted line break as a carriage return (xterm,
	// VTE, tmux), and bubbletea passes it on as it came.
	for _, paste := range []string{"Title\r\rA paragraph of text.\r\rAnother.", "Title\r\n\r\nA paragraph of text.\r\n\r\nAnother."} {
		got = ""
		hs.press("a")
		hs.send(tea.PasteMsg{Content: paste})
		if got != "Title\n\nA paragraph of text.\n\nAnother." {
			t.Errorf("pasted %q: Add got %q", paste, got)
		}
	}
}

// Every key can be read at any size from 40x12, on every screen (issue
// 12, item 7).
func TestHelpFitsSmallTerminals(t *testing.T) {
	for _, sz := range [][2]int{{40, 12}, {60, 20}} {
		hs, p := readerHarness(t, sz[0], sz[1])
		seen := map[string]bool{}
		collect := func() {
			for _, l := range strings.Split(ansi.Strip(hs.screen()), "\n") {
				for _, f := range strings.Fields(l) {
					seen[f] = true
				}
			}
		}
		hs.press("?")
		collect()
		for range 40 {
			hs.press("j")
			collect()
		}
		for _, k := range []string{"]", "[", "H", "m", "e", "q/esc", "a", "u"} {
			if !seen[k] {
				t.Errorf("%dx%d: reader help never shows %q", sz[0], sz[1], k)
			}
		}
		if !p.help.ShowAll {
			t.Errorf("%dx%d: scrolling closed the help", sz[0], sz[1])
		}
		hs.press("?")
		// The panel has its own help, reachable with ?, naming a.
		cursorOn(t, p, "Paragraph 1.1")
		hs.press("h", "H", "?")
		scr := ansi.Strip(hs.screen())
		for range 10 {
			hs.press("j")
			scr += ansi.Strip(hs.screen())
		}
		if !strings.Contains(scr, "argument view") {
			t.Errorf("%dx%d: the panel's help does not show its argument view:\n%s", sz[0], sz[1], hs.screen())
		}
		// Every frame fits.
		for i, l := range strings.Split(hs.screen(), "\n") {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Errorf("%dx%d: line %d is %d wide", sz[0], sz[1], i, w)
			}
		}
	}
}

// The panel shows what the reader highlighted and marks a passage a
// refresh reworded (issue 11).
func TestPanelMarksReworded(t *testing.T) {
	hs, p := readerHarness(t, 100, 30)
	cursorOn(t, p, "Paragraph 1.1")
	hs.press("h")
	h := hs.lib.hls[p.hl.list[0].ID]
	h.Original = "the words I highlighted"
	p.loadHighlights()
	hs.press("H")
	scr := hs.screen()
	if !strings.Contains(scr, "reworded") || !strings.Contains(scr, "the words I highlighted") || !strings.Contains(scr, "now: “") {
		t.Errorf("panel:\n%s", scr)
	}
}

// A pasted bidi override or escape never reaches the screen from the add
// prompt or the note editor (issue 19, item 11).
func TestPastedControlsNotEchoed(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	hs.send(tea.PasteMsg{Content: "left\u202eright\x1b[2J"})
	if scr := hs.m.View().Content; strings.Contains(scr, "\u202e") || strings.Contains(scr, "\x1b[2J") {
		t.Errorf("note editor echoes controls: %q", scr)
	}
	hs.press("esc", "q", "a")
	hs.send(tea.PasteMsg{Content: "http://x.example/\u202eevil"})
	if scr := hs.m.View().Content; strings.Contains(scr, "\u202e") {
		t.Errorf("add prompt echoes U+202E")
	}
}

// A new search keystroke cancels the query in flight (issue 17).
func TestSearchKeystrokeCancelsPrevious(t *testing.T) {
	lib := libWith(3)
	hs := newHarness(t, lib, 80, 24)
	l := hs.m.library
	first := l.runSearch("th")
	second := l.runSearch("the")
	first() // the query typed past runs late: its context is cancelled
	if lib.lastCall("Search th cancelled") == "" {
		t.Errorf("the earlier search was not cancelled: %v", lib.calls)
	}
	second()
	if lib.lastCall("Search the cancelled") != "" {
		t.Error("the current search was cancelled")
	}
}

// margin open ID never renders before the terminal's size is known
// (issue 17).
func TestOpenWaitsForTheTerminalSize(t *testing.T) {
	lib := libWith(1)
	m := newModel(context.Background(), Options{Library: lib, OpenID: 1, Style: "dark"})
	noTick := func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m.common.tick, m.common.watch = noTick, noTick
	var renders int
	var run func(cmd tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case docMsg:
			renders++
			if msg.key.width <= 0 || m.common.Height <= 0 {
				t.Errorf("rendered before the size was known: %+v", msg.key)
			}
			_, next := m.Update(msg)
			run(next)
		case nil:
		default:
			_, next := m.Update(msg)
			run(next)
		}
	}
	run(m.Init())
	if renders != 0 || m.pager.doc != nil {
		t.Fatalf("%d renderings before the size", renders)
	}
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(cmd)
	if renders == 0 || m.pager.doc == nil {
		t.Error("no rendering once the size is known")
	}
}

// Links read as their words; config links inline prints the addresses
// (issue 12, item 4).
func TestReaderLinksAsText(t *testing.T) {
	hs, _ := readerHarness(t, 100, 30)
	if scr := hs.screen(); strings.Contains(scr, "https://example.com/1/1") || !strings.Contains(scr, "link number 11¹") ||
		!strings.Contains(scr, "link number 12²") {
		t.Errorf("link addresses in the text, or no reference numbers:\n%s", scr)
	}
	// The links list shows the same numbers beside the addresses.
	hs.press("O")
	if scr := hs.screen(); !strings.Contains(scr, "² link number 12") || !strings.Contains(scr, "https://example.com/1/2") {
		t.Errorf("links list without the reference numbers:\n%s", scr)
	}
	hs.press("esc")
	lib := newFakeLib()
	lib.settings[string(settings.Links)] = "inline"
	lib.add(store.Article{Content: article.Content{Title: "T", Markdown: testMarkdown("T"), Text: "x"}, Added: testNow})
	hs = newHarness(t, lib, 100, 30)
	hs.press("enter")
	if scr := hs.screen(); !strings.Contains(scr, "https://example.com/1/1") {
		t.Errorf("config links inline shows no address:\n%s", scr)
	}
}

// Startup messages arrive in any order on a loaded machine; whatever the
// order, the frame ends with the header and the rows (issue 12, item 13:
// a first frame once showed only the help line).
func TestStartupInAnyOrder(t *testing.T) {
	orders := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	for _, order := range orders {
		lib := libWith(3)
		m := newModel(context.Background(), Options{Library: lib})
		noTick := func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
		m.common.tick, m.common.watch = noTick, noTick
		list := m.library.loadList(0, firstPage)()
		msgs := []tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}, list, tea.BackgroundColorMsg{Color: color.Black}}
		for _, i := range order {
			_, cmd := m.Update(msgs[i])
			for cmd != nil {
				msg := cmd()
				if b, ok := msg.(tea.BatchMsg); ok {
					for _, c := range b {
						if c != nil {
							if mm := c(); mm != nil {
								m.Update(mm)
							}
						}
					}
					break
				}
				if msg == nil {
					break
				}
				_, cmd = m.Update(msg)
			}
		}
		v := ansi.Strip(m.View().Content)
		if !strings.Contains(v, "margin") || !strings.Contains(v, "3 articles") || !strings.Contains(v, "The Slow Death") {
			t.Errorf("order %v: the frame lacks the header or rows:\n%s", order, v)
		}
	}
}

// The rendering cache is bounded by lines as well as by count (issue 17:
// long articles held at once).
func TestDocCacheBoundedByLines(t *testing.T) {
	var c docCache
	big := &render.Doc{Lines: make([]string, docCacheLines/2+1)}
	for i := range 3 {
		c.put(docKey{id: int64(i)}, big)
	}
	if len(c.docs) != 1 || c.get(docKey{id: 2}) == nil || c.lines != len(big.Lines) {
		t.Errorf("kept %d renderings, %d lines", len(c.docs), c.lines)
	}
	small := &render.Doc{Lines: make([]string, 10)}
	for i := range 20 {
		c.put(docKey{id: int64(100 + i)}, small)
	}
	if len(c.docs) != docCacheSize {
		t.Errorf("kept %d small renderings, want %d", len(c.docs), docCacheSize)
	}
}

// A reload (a refresh finishing) while a note is being written keeps the
// editor and the words typed (issue 11: no lost notes).
func TestReloadKeepsTheNoteBeingWritten(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	hs.typeText("half a thought")
	hs.send(refreshMsg{id: p.art.ID, summary: "Refreshed: the text is the same."})
	if p.mode != readEditor || p.hl.editor == nil || p.hl.editor.Value() != "half a thought" {
		t.Fatalf("reload dropped the note being written (mode %v)", p.mode)
	}
	hs.press("ctrl+s")
	if got := hs.lib.hls[p.hl.list[0].ID].Note; got != "half a thought" {
		t.Errorf("note %q", got)
	}
}

// An op still running when the program ends is waited for, not run a
// second time (a highlight saved twice).
func TestSettleWaitsForTheTryInFlight(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	runs := 0
	release := make(chan struct{})
	cmd := p.do("save the highlight", func(ctx context.Context, lib Library) (any, error) {
		runs++
		<-release
		return nil, nil
	}, func(p *pagerModel, _ any, _ error) tea.Cmd { return nil })
	go cmd() // the program's goroutine, still running at quit
	time.Sleep(20 * time.Millisecond)
	close(release)
	if err := p.settle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if runs != 1 {
		t.Errorf("the op ran %d times", runs)
	}
	_ = hs
}

// m marks the selected article done (and back); * stars it (issue 15).
func TestLibraryMarkDoneAndStar(t *testing.T) {
	lib := libWith(2)
	hs := newHarness(t, lib, 100, 24)
	id := hs.m.library.selectedID()
	hs.press("m")
	if lib.arts[id].Reading != store.Done || !strings.Contains(hs.screen(), "✓") {
		t.Errorf("m: %s\n%s", lib.arts[id].Reading, hs.screen())
	}
	hs.press("m")
	if lib.arts[id].Reading == store.Done {
		t.Error("m again did not take done back")
	}
	hs.press("*")
	if !lib.arts[id].Starred || !strings.Contains(hs.screen(), "★") {
		t.Errorf("*: %v\n%s", lib.arts[id].Starred, hs.screen())
	}
	hs.press("*")
	if lib.arts[id].Starred {
		t.Error("* again did not unstar")
	}
}

// The filter ranks titles holding the words as typed before scattered
// matches (issue 15: "apple" listed "A grant to Evidence Action" among the
// Apple articles).
func TestFilterRanksExactFirst(t *testing.T) {
	hay := []string{"a plan to pull levers everywhere", "apple unveils a phone", "the pineapple harvest", "why apple stores close"}
	type r struct {
		h string
		s int
	}
	var got []r
	for _, h := range hay {
		if s, ok := fuzzyScore(h, "apple"); ok {
			got = append(got, r{h, s})
		}
	}
	slices.SortStableFunc(got, func(a, b r) int { return b.s - a.s })
	order := []string{}
	for _, g := range got {
		order = append(order, g.h)
	}
	want := []string{"apple unveils a phone", "why apple stores close", "the pineapple harvest", "a plan to pull levers everywhere"}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("order %q, want %q", order, want)
	}
}

// y copies the highlight's words, Y with its note and a link back, through
// OSC 52 and the system clipboard; W opens the original (issue 15).
func TestCopyQuoteAndOpenOriginal(t *testing.T) {
	var copied, opened string
	lib := newFakeLib()
	md := testMarkdown("Learning to Read Slowly Again")
	id := lib.add(store.Article{Content: article.Content{Title: "Learning [to] Read", SourceURL: "https://slow.example/read", Markdown: md, Text: "x"}, Added: testNow})
	hs := newHarness(t, lib, 100, 30, func(o *Options) {
		o.Copy = func(s string) error { copied = s; return nil }
		o.OpenURL = func(u string) error { opened = u; return nil }
	})
	hs.press("enter")
	p := hs.m.pager
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	hs.typeText("my note")
	hs.press("ctrl+s", "y")
	if !strings.HasPrefix(copied, "Paragraph 1.2 opens with a plain sentence") || strings.Contains(copied, "my note") {
		t.Errorf("y copied %q", copied)
	}
	if !strings.Contains(hs.screen(), "Copied the highlight.") {
		t.Errorf("y on a highlight said:\n%s", hs.screen())
	}
	hs.press("Y")
	if !strings.Contains(copied, "> Paragraph 1.2") || !strings.Contains(copied, "my note") ||
		!strings.Contains(copied, fmt.Sprintf("margin://%d?highlight=", id)) || !strings.Contains(copied, "(https://slow.example/read)") ||
		!strings.Contains(copied, "[Learning (to) Read]") {
		t.Errorf("Y copied %q", copied)
	}
	if !strings.Contains(hs.screen(), "Copied the highlight with its note and a link back") {
		t.Errorf("status:\n%s", hs.screen())
	}
	// Away from any highlight, y copies the sentence and says so: it
	// said "the quote", as if a highlight had been copied.
	cursorOn(t, p, "Paragraph 1.3")
	hs.press("y")
	if !strings.Contains(hs.screen(), "Copied the sentence.") || !strings.HasPrefix(copied, "Paragraph 1.3") {
		t.Errorf("y on a sentence: %q\n%s", copied, hs.screen())
	}
	hs.press("W")
	if opened != "https://slow.example/read" {
		t.Errorf("W opened %q", opened)
	}
	hs.press("q")
	opened = ""
	hs.press("W")
	if opened != "https://slow.example/read" {
		t.Errorf("W in the library opened %q", opened)
	}
}

// G and g put the cursor on the article's last and first text, as vim's G
// and gg go to the last and first line: G then h marks the last sentence,
// and v G selects to the end (the cursor stayed on the screen's first
// text, so G h marked a sentence near the top of the last screen).
func TestTopAndBottomMoveTheCursor(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	last := lastOffsetBefore(p.doc, len(p.doc.Lines), -1)
	first := firstOffsetFrom(p.doc, 0, -1)
	if last < 0 || first < 0 || lineOf(p.doc, last) < p.bodyHeight() {
		t.Fatalf("the test article is too short: text from %d to %d", first, last)
	}
	hs.press("G")
	if l, want := lineOf(p.doc, p.hl.cursor), lineOf(p.doc, last); l != want {
		t.Errorf("after G the cursor is on line %d, want the last text's line %d", l, want)
	}
	hs.press("h")
	if len(p.hl.list) != 1 || p.hl.list[0].End <= last {
		t.Fatalf("G h: %+v does not mark the last sentence (text ends at %d)", p.hl.list, last)
	}
	hs.press("g")
	if p.hl.cursor != first {
		t.Errorf("after g the cursor is at %d, want the first text at %d", p.hl.cursor, first)
	}
	hs.press("v", "G")
	if lo, hi := p.hl.anchor, p.hl.cursor; lo != first || lineOf(p.doc, hi) != lineOf(p.doc, last) {
		t.Errorf("v G selects %d..%d, want %d to the last line", lo, hi, first)
	}
}

// esc saves the note and closes the editor; when the save waits (a busy
// library), the keys pressed after esc are meant for the reader, not the
// note: they wait for the editor to close. They were typed into the note
// ("locked wordsqq" saved for "locked words" and two q to leave), then
// reported as a conflict with the note saved a moment before.
func TestKeysAfterEscWaitForTheNoteToClose(t *testing.T) {
	for _, article := range []bool{false, true} {
		hs, p := readerHarness(t, 80, 24)
		var id int64
		if article {
			hs.press("A")
		} else {
			hs.press("h")
			id = p.hl.list[0].ID
			hs.press("a")
		}
		if p.mode != readEditor {
			t.Fatalf("article %v: the editor did not open", article)
		}
		hs.typeText("mine")
		_, save := hs.m.Update(keyMsg("esc")) // the save is out until run
		hs.m.Update(keyMsg("j"))
		hs.m.Update(keyMsg("q"))
		hs.fire() // the autosave, while the save waits
		hs.run(save)
		hs.fire()
		got := hs.lib.arts[1].Note
		if !article {
			got = hs.lib.hls[id].Note
		}
		if got != "mine" {
			t.Errorf("article %v: the note saved reads %q, typed %q then esc", article, got, "mine")
		}
		if hs.m.screen != screenLibrary {
			t.Errorf("article %v: the q after esc did not leave the reader:\n%s", article, hs.screen())
		}
	}
}

// The autosave of the note being written waits while an earlier one is
// out (a busy library): based on the note before it, the second was
// refused as changed elsewhere by the first, the user's own words shown
// as another's.
func TestDraftWaitsForTheSaveOut(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("A")
	hs.typeText("first")
	_, first := hs.m.Update(autosaveMsg{}) // out until run
	hs.typeText(" and more")
	_, second := hs.m.Update(autosaveMsg{})
	hs.run(first)
	hs.run(second)
	hs.fire()
	if ed := p.hl.editor; ed == nil || ed.theirs != nil {
		t.Fatalf("a conflict with the user's own draft:\n%s", hs.screen())
	}
	if got := hs.lib.arts[1].Note; got != "first and more" {
		t.Errorf("the note saved reads %q", got)
	}
}

// When the save of esc meets a conflict the editor stays, and the keys
// pressed after esc (meant for the reader) are not typed into the note.
func TestKeysAfterRefusedEscStayOutOfTheNote(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("A")
	hs.typeText("mine")
	hs.lib.arts[1].Note = "written elsewhere"
	_, save := hs.m.Update(keyMsg("esc"))
	hs.m.Update(keyMsg("q"))
	hs.run(save)
	ed := p.hl.editor
	if ed == nil || ed.theirs == nil {
		t.Fatalf("no conflict shown:\n%s", hs.screen())
	}
	if got := ed.Value(); got != "mine" {
		t.Errorf("the note being written reads %q, typed %q", got, "mine")
	}
	hs.press("ctrl+s")
	if got := hs.lib.arts[1].Note; got != "mine" {
		t.Errorf("kept mine, saved %q", got)
	}
}

// Opening the editor on a note and leaving it untouched keeps the note as
// stored, byte for byte: the text area turns a tab into four spaces and
// drops U+FFFD, so a note with a tab (pasted code) was saved changed by
// esc, or by the autosave while it was only being read.
func TestUntouchedNoteKeptExactly(t *testing.T) {
	note := "code:\n\tindented \uFFFD kept\n\n  two spaces"
	for _, article := range []bool{false, true} {
		hs, p := readerHarness(t, 80, 24)
		var id int64
		if article {
			hs.lib.arts[1].Note = note
			hs.press("A")
		} else {
			hs.press("h")
			id = p.hl.list[0].ID
			hs.lib.hls[id].Note = note
			hs.press("a")
		}
		if p.mode != readEditor {
			t.Fatalf("article %v: the editor did not open", article)
		}
		hs.fire() // the autosave
		hs.press("esc")
		got := hs.lib.arts[1].Note
		if !article {
			got = hs.lib.hls[id].Note
		}
		if got != note {
			t.Errorf("article %v: a note opened and closed untouched now reads %q, was %q", article, got, note)
		}
	}
}

// A note longer than the text area holds (10,000 lines, a limit of the
// text area: the rest was cut off when it opened, and saved cut) is not
// opened in the editor, which says how to change it instead.
func TestNoteTooLongForTheEditorKept(t *testing.T) {
	note := strings.Repeat("line\n", 12000) + "the end"
	hs, p := readerHarness(t, 80, 24)
	hs.press("h")
	id := p.hl.list[0].ID
	hs.lib.hls[id].Note = note
	hs.press("a")
	if !strings.Contains(hs.screen(), "margin note") {
		t.Errorf("no word of how to change the note:\n%s", hs.screen())
	}
	hs.typeText("j")
	hs.fire()
	hs.press("esc")
	if got := hs.lib.hls[id].Note; got != note {
		t.Errorf("a note of %d lines now has %d", strings.Count(note, "\n")+1, strings.Count(got, "\n")+1)
	}
}

// A note written on an article deleted elsewhere (margin rm, another
// margin) cannot be saved; the reader said "u in the library brings it
// back", but this margin's u has nothing to undo: it says what esc does.
func TestArticleDeletedElsewhereMessageTrue(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("A")
	hs.typeText("words")
	hs.lib.DeleteArticle(context.Background(), 1)
	hs.press("ctrl+s")
	if p.hl.editor == nil || p.hl.editor.Value() != "words" {
		t.Fatal("the editor closed on a note that could not be saved")
	}
	if sc := hs.screen(); strings.Contains(sc, "u in the library") || !strings.Contains(sc, "esc discards") || strings.Contains(sc, "save & close") {
		t.Errorf("the reader promises what it cannot do:\n%s", sc)
	}
}

// A long note (margin note takes up to 1 MiB) under a highlight on screen
// is drawn as its first rows: the whole note was cleaned and wrapped for
// those six rows, several times a frame, and each key typed in the reader
// waited seconds. Measured in bytes allocated by a frame, not in time.
func TestLongNoteDrawnCheaply(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("h")
	id := p.hl.list[0].ID
	var b strings.Builder
	for i := 0; b.Len() < 800<<10; i++ {
		fmt.Fprintf(&b, "line %d of a long note with enough words to wrap on a narrow screen\n", i)
	}
	hs.lib.hls[id].Note = b.String()
	hs.lib.arts[1].Note = b.String()
	p.art.Note = b.String()
	p.loadHighlights()
	sc := hs.screen()
	if !strings.Contains(sc, "line 0 of a long note") || !strings.Contains(sc, "…") {
		t.Fatalf("the note's first rows, cut with …, are not shown:\n%s", sc)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	hs.press("w") // the cursor moves a word: a frame is drawn
	hs.m.View()
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("a frame allocated %d MB for a note of 800 KB", n>>20)
	}
}

// A note too big for the text area to edit in time (it lays out the whole
// text on every key: seconds a key at 800 KB, the editor seconds to open,
// ctrl+c queued behind the keys) is not opened in the editor, which says
// how to change it.
func TestNoteTooBigForTheEditor(t *testing.T) {
	note := strings.Repeat("a long line of a note that margin note saved from a file ", 4000)
	hs, p := readerHarness(t, 80, 24)
	hs.press("A")
	hs.press("esc")
	hs.lib.arts[1].Note = note
	hs.press("A")
	if p.mode == readEditor {
		t.Fatalf("the editor opened on a note of %d KB", len(note)>>10)
	}
	if !strings.Contains(hs.screen(), "margin note --article 1 -") {
		t.Errorf("no word of how to change the note:\n%s", hs.screen())
	}
}

// A paste that would make the note longer than the editor holds is not
// pasted, and says so: the text area kept its first lines only (10,000 in
// all), the rest of the words dropped without a word.
func TestPasteTooLongRefused(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("A")
	hs.typeText("mine")
	hs.send(tea.PasteMsg{Content: strings.Repeat("pasted line\n", 12000)})
	if got := p.hl.editor.Value(); got != "mine" {
		t.Errorf("the note has %d lines after a paste of 12,001", strings.Count(got, "\n")+1)
	}
	if !strings.Contains(hs.screen(), "Not pasted") {
		t.Errorf("the paste refused without a word:\n%s", hs.screen())
	}
	hs.send(tea.PasteMsg{Content: " and a short paste"})
	if got := p.hl.editor.Value(); got != "mine and a short paste" {
		t.Errorf("a short paste: %.80q", got)
	}
}

// Enter makes a new line however long the note already is: the text area
// ignored it from the 99th line on (its default height limit), the note
// cut into one line with the next words typed.
func TestEnterPastNinetyNineLines(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("A")
	for i := range 120 {
		hs.typeText(fmt.Sprint("line ", i))
		hs.press("enter")
	}
	hs.typeText("last")
	if got := strings.Count(p.hl.editor.Value(), "\n") + 1; got != 121 {
		t.Errorf("typed 121 lines, the note has %d", got)
	}
}

// esc on a note written for an article deleted elsewhere keeps the words
// in a file (Options.KeepUnsaved) and says where: esc dropped them.
func TestDeletedArticleNoteKeptOnEsc(t *testing.T) {
	var kept, about string
	hs, p := readerHarness(t, 80, 24, func(o *Options) {
		o.KeepUnsaved = func(text, on string) (string, error) { kept, about = text, on; return "/lib/margin-unsaved-x.md", nil }
	})
	hs.press("A")
	hs.typeText("words")
	hs.lib.DeleteArticle(context.Background(), 1)
	hs.press("ctrl+s")
	if !strings.Contains(hs.screen(), "esc keeps it in a file") {
		t.Errorf("the reader does not say what esc does:\n%s", hs.screen())
	}
	hs.press("esc")
	if kept != "words" || p.hl.editor != nil {
		t.Fatalf("esc kept %q, editor open %v", kept, p.hl.editor != nil)
	}
	// The file says what the words were written on (it held the words
	// alone: no one could tell where they belonged).
	if about != "the note on article 1, “Learning to Read Slowly Again”" {
		t.Errorf("kept as %q", about)
	}
	if !strings.Contains(hs.screen(), "margin-unsaved-x.md") {
		t.Errorf("the file is not named:\n%s", hs.screen())
	}
}

// Another margin highlighted the passage while this one showed the
// article: h made a second highlight of the same range, and the export
// listed the passage twice. The store refuses it; the reader shows the
// other's highlight.
func TestHighlightMadeElsewhereIsNotDoubled(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	start, end := p.parsed().SentenceAt(p.hl.cursor)
	start, end = trimRange(p.art.Markdown, start, end)
	q := p.parsed().QuoteAt(start, end)
	other := &store.Highlight{ArticleID: p.art.ID, Start: q.Start, End: q.End, Exact: q.Exact, Label: "evidence", TextRevision: p.art.TextRevision}
	if _, err := hs.lib.AddHighlight(context.Background(), other); err != nil { // another margin
		t.Fatal(err)
	}
	hs.press("h")
	if len(hs.lib.hls) != 1 {
		t.Fatalf("%d highlights of one passage", len(hs.lib.hls))
	}
	if scr := hs.screen(); !strings.Contains(scr, "Highlighted already, in another margin") || len(p.hl.list) != 1 || p.hl.list[0].ID != other.ID {
		t.Errorf("the other margin's highlight is not shown: %+v\n%s", p.hl.list, scr)
	}
}

// A second margin on the same library never saw highlights made or
// deleted in the first: the reader checks its article's highlights as
// the library checks its list, and shows another margin's changes; its
// own changes are no news.
func TestReaderSeesHighlightsFromAnotherMargin(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "L")
	hs.press("enter") // the first label offered
	hs.press("a")
	hs.typeText("mine")
	hs.press("esc")
	p.status = ""
	hs.send(watchMsg{})
	if strings.Contains(hs.screen(), "another margin") {
		t.Errorf("the reader's own changes were taken for another margin's:\n%s", hs.screen())
	}
	off := strings.Index(p.art.Markdown, "Paragraph 2.1")
	other := &store.Highlight{ArticleID: p.art.ID, Start: off, End: off + len("Paragraph 2.1"), Exact: "Paragraph 2.1", Label: "claim", Note: "theirs", TextRevision: p.art.TextRevision}
	if _, err := hs.lib.AddHighlight(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	hs.send(watchMsg{})
	found := false
	for _, h := range p.hl.list {
		found = found || h.ID == other.ID
	}
	if !found || !strings.Contains(hs.screen(), "The highlights changed in another margin") {
		t.Errorf("another margin's highlight is not shown (%d highlights):\n%s", len(p.hl.list), hs.screen())
	}
}

// esc on a note gave no sign while the save waited on a library another
// margin was writing (five seconds, then "busy"): it says it is saving at
// once, and what came of it after.
func TestNoteSaveSaysSavingAtOnce(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	hs.typeText("words")
	_, cmd := hs.m.Update(keyMsg("esc"))
	hs.m.drawn = false
	if !strings.Contains(hs.screen(), "Saving the note…") {
		t.Errorf("esc said nothing while the save was out:\n%s", hs.screen())
	}
	hs.run(cmd)
	if scr := hs.screen(); strings.Contains(scr, "Saving the note…") || !strings.Contains(scr, "Note saved.") {
		t.Errorf("after the save:\n%s", scr)
	}
}

// The article's note too: keeping yours over a note written elsewhere
// says so, and u brings the other back.
func TestArticleNoteKeepMineUndoBringsTheirsBack(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	id := p.art.ID
	hs.press("A")
	hs.typeText("mine")
	hs.lib.arts[id].Note = "theirs"
	hs.press("ctrl+s")
	if !strings.Contains(hs.screen(), "Changed elsewhere while you wrote") {
		t.Fatalf("no conflict:\n%s", hs.screen())
	}
	hs.press("ctrl+s")
	if hs.lib.arts[id].Note != "mine" || !strings.Contains(hs.screen(), "saved over the one written elsewhere") {
		t.Fatalf("keep mine: %q\n%s", hs.lib.arts[id].Note, hs.screen())
	}
	hs.press("u")
	if got := hs.lib.arts[id].Note; got != "theirs" {
		t.Errorf("u: %q, want theirs", got)
	}
}

// A highlight deleted elsewhere and then restored elsewhere (u in the
// other margin) left this editor stuck: ctrl+r answered "a highlight with
// this ID exists", esc said to press ctrl+r. ctrl+r now takes the
// highlight as restored and saves the note on it.
func TestNoteForHighlightRestoredElsewhere(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	id := p.hl.list[0].ID
	hs.typeText("mine")
	gone := *hs.lib.hls[id]
	delete(hs.lib.hls, id)
	hs.press("ctrl+s")
	hs.lib.hls[id] = &gone // restored elsewhere
	hs.press("ctrl+r")
	if h := hs.lib.hls[id]; h == nil || h.Note != "mine" || p.mode != readNormal {
		t.Fatalf("ctrl+r on a highlight restored elsewhere: %+v mode %v\n%s", h, p.mode, hs.screen())
	}
}

// esc on a note for a highlight deleted elsewhere only repeated "ctrl+r
// restores": a second esc now keeps the words in a file and closes.
func TestDeletedHighlightNoteEscTwice(t *testing.T) {
	var kept string
	hs, p := readerHarness(t, 80, 24, func(o *Options) {
		o.KeepUnsaved = func(text, on string) (string, error) { kept = text; return "/lib/margin-unsaved-y.md", nil }
	})
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	id := p.hl.list[0].ID
	hs.typeText("words")
	delete(hs.lib.hls, id)
	hs.press("ctrl+s", "esc")
	if p.hl.editor == nil || !strings.Contains(hs.screen(), "esc again keeps your note in a file") {
		t.Fatalf("first esc:\n%s", hs.screen())
	}
	hs.press("esc")
	if kept != "words" || p.hl.editor != nil || !strings.Contains(hs.screen(), "margin-unsaved-y.md") {
		t.Fatalf("second esc kept %q, editor open %v:\n%s", kept, p.hl.editor != nil, hs.screen())
	}
}

// Words typed after a conflict (a note changed or deleted elsewhere) were
// never autosaved, so a killed terminal lost them: they are kept in a
// file (Options.KeepDraft) as autosave ticks, the same file each time,
// and the file goes once the note is saved.
func TestConflictDraftKeptInAFile(t *testing.T) {
	files := map[string]string{}
	n := 0
	hs, p := readerHarness(t, 80, 24, func(o *Options) {
		o.KeepDraft = fakeDrafts(files, func() string { n++; return fmt.Sprintf("/lib/margin-unsaved-%d.md", n) })
	})
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	id := p.hl.list[0].ID
	hs.typeText("mine")
	hs.lib.hls[id].Note = "theirs" // written elsewhere
	hs.press("ctrl+s")
	if p.hl.editor == nil || p.hl.editor.theirs == nil {
		t.Fatalf("no conflict:\n%s", hs.screen())
	}
	hs.typeText(" and more")
	hs.fire()
	if len(files) != 1 || files["/lib/margin-unsaved-1.md"] != "mine and more" {
		t.Fatalf("after a tick: %v", files)
	}
	hs.typeText(" still")
	hs.fire()
	if len(files) != 1 || files["/lib/margin-unsaved-1.md"] != "mine and more still" {
		t.Fatalf("after another tick: %v", files)
	}
	hs.press("ctrl+s") // keep mine
	if hs.lib.hls[id].Note != "mine and more still" || len(files) != 0 {
		t.Errorf("after the save: note %q, files %v", hs.lib.hls[id].Note, files)
	}
}

// The second esc on a note for a deleted highlight removed its draft file
// before the words were kept in another: were that to fail, they were
// gone. The draft stays until they are kept (found in review).
func TestDeletedNoteDraftOutlivesAFailedKeep(t *testing.T) {
	files := map[string]string{}
	hs, p := readerHarness(t, 80, 24, func(o *Options) {
		o.KeepUnsaved = func(text, on string) (string, error) { return "", errors.New("disk full") }
		o.KeepDraft = fakeDrafts(files, func() string { return "/lib/margin-unsaved-draft.md" })
	})
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	id := p.hl.list[0].ID
	hs.typeText("words")
	delete(hs.lib.hls, id)
	hs.press("ctrl+s")
	hs.typeText(" more")
	hs.fire()
	if files["/lib/margin-unsaved-draft.md"] != "words more" {
		t.Fatalf("draft: %v", files)
	}
	hs.press("esc", "esc")
	if files["/lib/margin-unsaved-draft.md"] != "words more" || !strings.Contains(hs.screen(), "margin-unsaved-draft.md") {
		t.Errorf("after a failed keep: files %v\n%s", files, hs.screen())
	}
}

// fakeDrafts is Options.KeepDraft over files (path: words), naming a new
// file with name.
func fakeDrafts(files map[string]string, name func() string) func(path, text, about string) (string, error) {
	return func(path, text, about string) (string, error) {
		if path == "" {
			path = name()
		}
		if text == "" {
			delete(files, path)
			return "", nil
		}
		files[path] = text
		return path, nil
	}
}
