package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/store"
)

// Scrolling saves the position on a tick, once, without waiting for the
// user to leave the article.
func TestAutosavePosition(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	if len(hs.timers) != 0 {
		t.Fatalf("a tick before anything moved: %d", len(hs.timers))
	}
	hs.press("space")
	hs.press("space")
	if len(hs.timers) != 1 {
		t.Fatalf("scrolling asked for %d ticks, want 1", len(hs.timers))
	}
	if c := hs.lib.lastCall("SetPosition"); c != "" {
		t.Fatalf("saved before the tick: %s", c)
	}
	hs.fire()
	id := p.art.ID
	if got, want := hs.lib.arts[id].Position, p.topOffset(); got != want || want == 0 {
		t.Fatalf("position after the tick: %d, want %d", got, want)
	}
	if got := hs.lib.arts[id].Progress; got != p.progress() {
		t.Errorf("progress %v, want %v", got, p.progress())
	}
	// Nothing moved since: no tick, no write.
	hs.press("?", "?")
	hs.fire()
	if len(hs.timers) != 0 {
		t.Errorf("a tick with nothing to save")
	}
	n := len(hs.lib.calls)
	hs.press("j")
	hs.fire()
	if c := hs.lib.lastCall("SetPosition"); len(hs.lib.calls) == n || !strings.HasPrefix(c, "SetPosition") {
		t.Errorf("j then tick did not save")
	}
}

// A note being typed is saved on the tick and the editor stays open.
func TestAutosaveNoteDraft(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	id := p.hl.list[0].ID
	hs.typeText("half a thought")
	if len(hs.timers) != 1 {
		t.Fatalf("typing asked for %d ticks, want 1", len(hs.timers))
	}
	hs.fire()
	if p.mode != readEditor || hs.lib.hls[id].Note != "half a thought" {
		t.Fatalf("draft: mode %v note %q", p.mode, hs.lib.hls[id].Note)
	}
	hs.typeText(", finished")
	hs.press("esc")
	if hs.lib.hls[id].Note != "half a thought, finished" || !strings.Contains(hs.screen(), "Note saved.") {
		t.Errorf("esc after a draft: %q\n%s", hs.lib.hls[id].Note, hs.screen())
	}
	// A stale tick after the editor closed does nothing.
	n := len(hs.lib.calls)
	hs.fire()
	if len(hs.lib.calls) != n {
		t.Errorf("stale tick wrote: %v", hs.lib.calls[n:])
	}
}

// A note pasted with control characters is stored without them.
func TestNoteSanitisedOnSave(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "a")
	hs.send(tea.PasteMsg{Content: "evil\u202e txet \x1b]0;pwn\x07done"})
	hs.press("ctrl+s")
	if got := hs.lib.hls[p.hl.list[0].ID].Note; got != "evil txet ]0;pwndone" {
		t.Errorf("stored note %q", got)
	}
}

// SIGTERM and SIGHUP end Run by cancelling its context; the position and
// the open note are still saved.
func TestRunSavesOnSignal(t *testing.T) {
	lib := newFakeLib()
	id := lib.add(store.Article{
		Content: article.Content{
			Title:          "Learning to Read Slowly Again",
			SiteName:       "slow.example",
			ReadingMinutes: 9,
			Markdown:       testMarkdown("Learning to Read Slowly Again"),
			Text:           "text",
		},
		Added: testNow,
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := startPTYContext(t, ctx, Options{Library: lib, Style: "dark", OpenID: id}, 80, 24)
	r.waitFor("Paragraph 1.1")
	// Everything below happens well within autosaveEvery, so only the
	// final save can store it.
	start := time.Now()
	r.keys("  ")
	r.waitFor("Section 3")
	r.keys("ha")
	r.waitFor("Note on:")
	r.keys("unsaved note")
	r.waitFor("unsaved note")
	cancel()
	if err := r.wait(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if time.Since(start) >= autosaveEvery {
		t.Skip("too slow to tell the final save from the autosave")
	}
	if lib.arts[id].Position == 0 {
		t.Error("the reading position was lost")
	}
	var notes []string
	for _, h := range lib.hls {
		notes = append(notes, h.Note)
	}
	if len(notes) != 1 || notes[0] != "unsaved note" {
		t.Errorf("notes after the signal: %q", notes)
	}
}

// Deleting a claim unlinks its evidence; undo links it again.
func TestUndoDeleteClaimRestoresLinks(t *testing.T) {
	hs, p := readerHarness(t, 100, 30)
	cursorOn(t, p, "Paragraph 1.1")
	hs.press("h", "L", "j", "enter") // claim
	claim := p.hl.list[0].ID
	var linked []int64
	for _, s := range []string{"Paragraph 1.2", "Paragraph 1.3"} {
		cursorOn(t, p, s)
		hs.press("h", "L", "j", "j", "enter", "m", "g", "enter") // evidence → the claim
		linked = append(linked, p.hl.list[p.hl.under()].ID)
	}
	for _, id := range linked {
		if hs.lib.hls[id].Supports != claim {
			t.Fatalf("setup: %d supports %d", id, hs.lib.hls[id].Supports)
		}
	}
	cursorOn(t, p, "Paragraph 1.1")
	hs.press("x")
	if !strings.Contains(hs.screen(), "Highlight deleted, and the 2 links to it. u to undo") {
		t.Errorf("x status:\n%s", hs.screen())
	}
	if hs.lib.hls[linked[0]].Supports != 0 {
		t.Fatal("the fake did not clear the link")
	}
	hs.press("u")
	for _, id := range linked {
		if hs.lib.hls[id].Supports != claim {
			t.Errorf("after undo %d supports %d, want %d", id, hs.lib.hls[id].Supports, claim)
		}
	}
	if !strings.Contains(hs.screen(), "Highlight restored and relinked 2 highlights.") {
		t.Errorf("u status:\n%s", hs.screen())
	}
	// A plain highlight says nothing about links.
	cursorOn(t, p, "Paragraph 2.1")
	hs.press("h", "x")
	if !strings.Contains(hs.screen(), "Highlight deleted. u to undo") {
		t.Errorf("x on a plain highlight:\n%s", hs.screen())
	}
	// One with a note says the note went with it.
	cursorOn(t, p, "Paragraph 2.2")
	hs.press("h", "a")
	hs.typeText("three words here")
	hs.press("esc", "x")
	if !strings.Contains(hs.screen(), "Highlight deleted with its note (3 words). u to undo") {
		t.Errorf("x on a highlight with a note:\n%s", hs.screen())
	}
}

// h on a passage already highlighted selects that highlight.
func TestHighlightTwiceSelectsExisting(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h")
	first := p.hl.list[0]
	cursorOn(t, p, "opens with a plain sentence about reading. It goes on to a second sentence with a [link number 12]")
	hs.press("h")
	if len(hs.lib.hls) != 1 || len(p.hl.list) != 1 {
		t.Fatalf("h twice made %d highlights", len(hs.lib.hls))
	}
	if p.hl.cursor != first.Start || !strings.Contains(hs.screen(), "Already highlighted.") {
		t.Errorf("cursor %d (want %d):\n%s", p.hl.cursor, first.Start, hs.screen())
	}
	// The same passage as a selection, then a: the note goes on the one there is.
	hs.press("v", ")", "a")
	if len(hs.lib.hls) != 1 || p.mode != readEditor || p.hl.editor.h.ID != first.ID {
		t.Fatalf("v ) n: %d highlights, mode %v", len(hs.lib.hls), p.mode)
	}
	hs.press("esc")
	// A longer passage that contains it is a new highlight.
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("v", ")", ")", "h")
	if len(hs.lib.hls) != 2 {
		t.Errorf("a wider selection was not highlighted: %d", len(hs.lib.hls))
	}
}

// An article without a site name shows its host in the list and reader.
func TestSiteFallsBackToHost(t *testing.T) {
	lib := newFakeLib()
	lib.add(store.Article{
		Content: article.Content{
			Title:     "No site name",
			SourceURL: "https://www.evil.example/story?x=1",
			Markdown:  testMarkdown("No site name"),
			Text:      "t",
		},
		Added: testNow,
	})
	hs := newHarness(t, lib, 100, 30)
	if row := lineWith(hs.screen(), "No site name"); !strings.Contains(row, "evil.example") {
		t.Errorf("library row: %q", row)
	}
	hs.press("/")
	hs.typeText("evil")
	if !strings.Contains(hs.screen(), "1 matching") && !strings.Contains(hs.screen(), "No site name") {
		t.Errorf("filter by host:\n%s", hs.screen())
	}
	hs.press("enter")
	if hs.m.screen != screenReader {
		hs.press("enter")
	}
	if hdr := strings.Split(hs.screen(), "\n")[1]; !strings.Contains(hdr, "evil.example") {
		t.Errorf("reader header: %q", hdr)
	}
}

func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// A refreshed article whose Markdown has the same length is rendered anew,
// not taken from the cache.
func TestRefreshedSameLengthRendersAnew(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	id := p.art.ID
	if !strings.Contains(hs.screen(), "Paragraph 1.1 opens") {
		t.Fatalf("setup:\n%s", hs.screen())
	}
	hs.press("q")
	a := hs.lib.arts[id]
	a.Markdown = strings.Replace(a.Markdown, "Paragraph 1.1 opens", "Paragraph 1.1 OPENS", 1)
	hs.press("enter")
	if !strings.Contains(hs.screen(), "Paragraph 1.1 OPENS") {
		t.Errorf("stale rendering after a same-length refresh:\n%s", hs.screen())
	}
}

// The note editor shows the quote as one block in quotation marks, cut at
// three lines with an ellipsis.
func TestNoteEditorQuote(t *testing.T) {
	long := strings.Repeat("word \x1b[31mred\n", 40)
	ls := quoteLines(long, 40)
	if len(ls) != maxQuoteLines {
		t.Fatalf("%d lines: %q", len(ls), ls)
	}
	if !strings.HasPrefix(ls[0], "“") || strings.Contains(ls[1], "“") || !strings.HasSuffix(ls[2], "…”") {
		t.Errorf("marks: %q", ls)
	}
	for _, l := range ls {
		if strings.ContainsAny(l, "\x1b\n") || ansi.StringWidth(l) > 40 {
			t.Errorf("line %q", l)
		}
	}
	if ls := quoteLines("A short quote.", 40); len(ls) != 1 || ls[0] != "“A short quote.”" {
		t.Errorf("short quote: %q", ls)
	}
	if ls := quoteLines(strings.Repeat("x", 60), 40); len(ls) != 2 || !strings.HasSuffix(ls[1], "x”") {
		t.Errorf("two lines, not cut: %q", ls)
	}
	// Wide characters take two cells each.
	for _, l := range quoteLines(strings.Repeat("読書は遅く ", 30), 40) {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("wide line of %d cells: %q", ansi.StringWidth(l), l)
		}
	}

	hs, p := readerHarness(t, 80, 24)
	hs.lib.hls[5] = &store.Highlight{ID: 5, ArticleID: p.art.ID, Start: 0, End: 10,
		Exact: strings.Repeat("A quoted passage that goes on. ", 12), Label: "claim"}
	p.loadHighlights()
	hs.run(p.hl.openEditor(p, 5))
	scr := hs.screen()
	if n := strings.Count(scr, "“"); n != 1 {
		t.Errorf("%d opening marks:\n%s", n, scr)
	}
	if !strings.Contains(scr, "…”") {
		t.Errorf("no ellipsis:\n%s", scr)
	}
}

// An article the screen showed to its end is done, though the window
// shrank before the reader left (the progress at leaving is 48%): it was
// left "reading".
func TestReadToTheEndIsDoneAfterAResize(t *testing.T) {
	hs, p := readerHarness(t, 120, 300)
	id := p.art.ID
	if p.progress() < store.DoneProgress {
		t.Fatalf("the whole article is not on a 300-row screen: %.2f", p.progress())
	}
	hs.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	if p.progress() >= store.DoneProgress {
		t.Fatalf("the small screen shows the end: %.2f", p.progress())
	}
	hs.press("q")
	if got := hs.lib.arts[id].Progress; got < store.DoneProgress {
		t.Errorf("stored progress %.2f after reading to the end; calls %q", got, hs.lib.calls)
	}
}

// Back in the library, the row of the article just read shows how far it
// was read at once: the position is saved before the library reads its
// rows, whatever order the runtime runs commands in (it showed "new" for
// a second or more).
func TestLibraryRowCurrentAfterReading(t *testing.T) {
	hs, p := readerHarness(t, 120, 300)
	id := p.art.ID
	hs.lastFirst = true
	hs.press("q")
	if hs.m.screen != screenLibrary {
		t.Fatal("q did not go back")
	}
	var row *libRow
	for i := range hs.m.library.arts {
		if hs.m.library.arts[i].ID == id {
			row = &hs.m.library.arts[i]
		}
	}
	if row == nil || row.Progress < 1 {
		t.Errorf("the library's row after reading to the end: %+v\n%s", row, hs.screen())
	}
}

// TestNoteEditorKeepsTheTypedLineInView: the editor was sized once, for a
// quote of two lines: under a quote of three, on a note longer than the
// editor, the line being typed was below the screen; and a resize with
// the editor open left it at its first size.
func TestNoteEditorKeepsTheTypedLineInView(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {60, 20}} {
		hs, p := readerHarness(t, size[0], size[1])
		var note []string
		for i := range 32 {
			note = append(note, fmt.Sprintf("line %d of the note", i))
		}
		hs.lib.hls[5] = &store.Highlight{ID: 5, ArticleID: p.art.ID, Start: 0, End: 10,
			Exact: strings.Repeat("A quoted passage that goes on. ", 12), Label: "claim", Note: strings.Join(note, "\n")}
		p.loadHighlights()
		hs.run(p.hl.openEditor(p, 5))
		hs.press("ctrl+end")
		hs.typeText("CLAIMEND")
		if !strings.Contains(hs.screen(), "CLAIMEND") {
			t.Errorf("%v: the line typed is not on the screen:\n%s", size, hs.screen())
		}
		hs.send(tea.WindowSizeMsg{Width: 60, Height: 16})
		hs.typeText("AFTER")
		scr := hs.screen()
		if !strings.Contains(scr, "CLAIMENDAFTER") || !strings.Contains(scr, "Note on:") {
			t.Errorf("%v then 60x16: the editor does not fit:\n%s", size, scr)
		}
		// Grown again, the text area shows what fits: it kept the lines
		// it had scrolled past hidden over rows left empty.
		hs.send(tea.WindowSizeMsg{Width: 100, Height: 40})
		empty := 0
		for _, l := range strings.Split(hs.screen(), "\n") {
			if strings.TrimSpace(l) == "┃" {
				empty++
			}
		}
		if scr := hs.screen(); empty > 0 || !strings.Contains(scr, "CLAIMENDAFTER") {
			t.Errorf("%v then 100x40: %d empty rows:\n%s", size, empty, scr)
		}
		// Their note, changed elsewhere meanwhile, takes only the room
		// the editor leaves.
		theirs := strings.Repeat("Their long note goes on and on about the claim. ", 30)
		p.hl.editor.theirs = &theirs
		hs.send(tea.WindowSizeMsg{Width: 60, Height: 20})
		hs.typeText("MORE")
		if scr := hs.screen(); !strings.Contains(scr, "CLAIMENDAFTERMORE") || !strings.Contains(scr, "Changed elsewhere") || !strings.Contains(scr, "Yours:") {
			t.Errorf("%v with their note at 60x20:\n%s", size, scr)
		}
	}
}
