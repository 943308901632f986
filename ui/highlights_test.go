package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/store"
)

// cursorOn puts the reader's cursor on the first occurrence of text in the
// article's Markdown.
func cursorOn(t *testing.T, p *pagerModel, text string) int {
	t.Helper()
	off := strings.Index(p.art.Markdown, text)
	if off < 0 {
		t.Fatalf("%q not in the article", text)
	}
	p.hl.moveTo(p, off)
	return off
}

func TestCursorMotions(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	md := p.art.Markdown
	start := cursorOn(t, p, "Paragraph 1.1")
	hs.press("w")
	if got := md[p.hl.cursor:]; !strings.HasPrefix(got, "1.1 opens") {
		t.Errorf("w: cursor before %q", got[:min(len(got), 20)])
	}
	hs.press("b")
	if p.hl.cursor != start {
		t.Errorf("b: cursor %d, want %d", p.hl.cursor, start)
	}
	hs.press(")")
	if got := md[p.hl.cursor:]; !strings.HasPrefix(got, "It goes on") {
		t.Errorf("): cursor before %q", got[:min(len(got), 20)])
	}
	hs.press("(")
	if p.hl.cursor != start {
		t.Errorf("(: cursor %d, want %d", p.hl.cursor, start)
	}
	hs.press("}")
	if got := md[p.hl.cursor:]; !strings.HasPrefix(got, "Paragraph 1.2") {
		t.Errorf("}: cursor before %q", got[:min(len(got), 20)])
	}
	hs.press("{")
	if p.hl.cursor != start {
		t.Errorf("{: cursor %d, want %d", p.hl.cursor, start)
	}
	// ← and → move a character (they did nothing), so a selection can
	// start or end inside a word.
	hs.press("right", "right")
	if got := md[p.hl.cursor:]; !strings.HasPrefix(got, "ragraph 1.1") {
		t.Errorf("→→: cursor before %q", got[:min(len(got), 20)])
	}
	hs.press("left")
	if got := md[p.hl.cursor:]; !strings.HasPrefix(got, "aragraph 1.1") {
		t.Errorf("←: cursor before %q", got[:min(len(got), 20)])
	}
	p.hl.moveTo(p, start)
	// Scrolling keeps the cursor on screen.
	hs.press("space", "space")
	if l := lineOf(p.doc, p.hl.cursor); l < p.top || l >= p.top+p.bodyHeight() {
		t.Errorf("cursor on line %d, screen shows %d..%d", l, p.top, p.top+p.bodyHeight())
	}
	hs.press("k")
	if l := lineOf(p.doc, p.hl.cursor); l < p.top || l >= p.top+p.bodyHeight() {
		t.Errorf("after k cursor on line %d, screen shows %d..", l, p.top)
	}
	// Moving the cursor off screen scrolls.
	hs.press("g")
	for range 30 {
		hs.press("}")
	}
	if l := lineOf(p.doc, p.hl.cursor); l < p.top || l >= p.top+p.bodyHeight() || p.top == 0 {
		t.Errorf("cursor on line %d, screen shows %d..", l, p.top)
	}
	// The cursor is drawn.
	if !strings.Contains(hs.m.View().Content, "\x1b[7m") {
		t.Error("no cursor painted")
	}
}

func TestHighlightSentenceAndSelection(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "plain sentence about reading. It goes on to a second sentence with a [link number 21]")
	hs.press("h")
	want := `AddHighlight 1 [`
	if c := hs.lib.lastCall("AddHighlight"); !strings.HasPrefix(c, want) ||
		!strings.Contains(c, `"Paragraph 2.1 opens with a plain sentence about reading." highlight`) {
		t.Fatalf("h without selection: %s", c)
	}
	if len(p.hl.list) != 1 {
		t.Fatalf("%d highlights loaded", len(p.hl.list))
	}
	h := hs.lib.hls[1]
	if h.Prefix == "" || h.Suffix == "" || !strings.HasPrefix(h.Suffix, " It goes on") {
		t.Errorf("quote context: prefix %q suffix %q", h.Prefix, h.Suffix)
	}
	// Painted in the highlight label's colour.
	if !strings.Contains(hs.m.View().Content, hs.m.common.Styles.Label("highlight").SGR) {
		t.Error("highlight not painted")
	}

	// A selection extended by word moves.
	cursorOn(t, p, "second sentence with a [link number 22]")
	hs.press("v", "w", "w")
	if _, _, ok := p.hl.selection(p.art.Markdown); !ok {
		t.Fatal("v did not start a selection")
	}
	if !strings.Contains(hs.m.View().Content, hs.m.common.Styles.Reader.SelectionSGR) {
		t.Error("selection not painted")
	}
	hs.press("h")
	if c := hs.lib.lastCall("AddHighlight"); !strings.Contains(c, `"second sentence"`) {
		t.Errorf("v w w h: %s", c)
	}
	if p.hl.anchor != -1 {
		t.Error("selection not cleared after highlighting")
	}
	// The cursor stays at the selection's end, on the highlight: it went
	// back to its start, and the next motion landed inside it.
	if h := p.hl.list[p.hl.under()]; !strings.HasPrefix(p.art.Markdown[p.hl.cursor:], "e with a [link") || p.hl.cursor < h.Start || p.hl.cursor >= h.End {
		t.Errorf("cursor at %q after v w w h", p.art.Markdown[p.hl.cursor:min(p.hl.cursor+12, len(p.art.Markdown))])
	}
	// esc cancels a selection and stays in the reader.
	hs.press("v", "w", "esc")
	if p.hl.anchor != -1 || hs.m.screen != screenReader {
		t.Error("esc did not cancel the selection")
	}
}

func TestHighlightLabelNoteDeleteUndo(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h")
	id := p.hl.list[0].ID

	hs.press("L")
	if p.mode != readPicker || p.pickKind != pickLabel || p.picker.cursor != 0 {
		t.Fatalf("L: mode %v kind %v", p.mode, p.pickKind)
	}
	// The labels' descriptions start in one column.
	cols := map[int]bool{}
	for _, l := range strings.Split(ansi.Strip(hs.screen()), "\n") {
		for _, d := range []string{"worth keeping", "something the author asserts", "supports a claim", "disputes a claim"} {
			if i := strings.Index(l, d); i >= 0 {
				cols[len([]rune(l[:i]))] = true
			}
		}
	}
	if len(cols) != 1 {
		t.Errorf("the label chooser's descriptions start in columns %v:\n%s", cols, hs.screen())
	}
	hs.press("j", "enter")
	if hs.lib.hls[id].Label != "claim" {
		t.Fatalf("label = %s", hs.lib.hls[id].Label)
	}
	if !strings.Contains(hs.screen(), "claim") {
		t.Errorf("status does not show the label:\n%s", hs.screen())
	}

	hs.press("a")
	if p.mode != readEditor {
		t.Fatal("a did not open the editor")
	}
	hs.typeText("First line")
	hs.press("enter")
	hs.typeText("second *line*")
	hs.press("ctrl+s")
	if p.mode != readNormal || hs.lib.hls[id].Note != "First line\nsecond *line*" {
		t.Fatalf("ctrl+s: mode %v note %q", p.mode, hs.lib.hls[id].Note)
	}
	scr := hs.screen()
	if !strings.Contains(scr, "┃ First line") || !strings.Contains(scr, "┃ second *line*") {
		t.Errorf("note not shown under the passage:\n%s", scr)
	}
	// The note sits under the paragraph: the paragraph's text is all there.
	if !strings.Contains(scr, "The third sentence closes") || !strings.Contains(scr, "paragraph 1.2 calmly.") {
		t.Errorf("note hides text:\n%s", scr)
	}
	// esc saves as well.
	hs.press("a", "!", "esc")
	if hs.lib.hls[id].Note != "First line\nsecond *line*!" {
		t.Errorf("esc did not save: %q", hs.lib.hls[id].Note)
	}

	hs.press("x")
	if _, ok := hs.lib.hls[id]; ok || len(p.hl.list) != 0 {
		t.Fatal("x did not delete")
	}
	hs.press("u")
	if h, ok := hs.lib.hls[id]; !ok || h.Note == "" || h.Label != "claim" || len(p.hl.list) != 1 {
		t.Fatal("u did not restore the highlight with its note")
	}
	// Undo goes back step by step: the last note edit, the first, the
	// label, the highlight itself (issue 11: every change can be undone).
	hs.press("u")
	if n := hs.lib.hls[id].Note; n != "First line\nsecond *line*" {
		t.Errorf("second u: note %q", n)
	}
	if !strings.Contains(hs.screen(), "Note changed back.") {
		t.Errorf("second u's status:\n%s", hs.screen())
	}
	hs.press("u")
	if n := hs.lib.hls[id].Note; n != "" {
		t.Errorf("third u: note %q", n)
	}
	// The note written is taken away, not "changed back".
	if !strings.Contains(hs.screen(), "Note removed.") {
		t.Errorf("third u's status:\n%s", hs.screen())
	}
	hs.press("u")
	if l := hs.lib.hls[id].Label; l != "highlight" {
		t.Errorf("fourth u: label %q", l)
	}
	hs.press("u")
	if _, ok := hs.lib.hls[id]; ok {
		t.Error("fifth u did not take back the highlight")
	}
	hs.press("u")
	if !strings.Contains(hs.screen(), "Nothing to undo.") {
		t.Error("last u should have nothing to undo")
	}
}

func TestNoteNeverLost(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 1.2")
	// No key makes a highlight the user did not ask for: a on plain text
	// says how, and changes nothing (issue 11, case 6).
	hs.press("a")
	// The whole hint shows on an 80-column screen (it was cut at 100).
	if p.mode != readNormal || len(p.hl.list) != 0 || !strings.Contains(hs.screen(), "No highlight here: h highlights, then a notes it; A notes the article.") {
		t.Fatalf("a on plain text: mode %v, %d highlights:\n%s", p.mode, len(p.hl.list), hs.screen())
	}
	hs.press("n") // n is next match only: without a search it does nothing
	if p.mode != readNormal || len(p.hl.list) != 0 {
		t.Fatalf("n on plain text: mode %v, %d highlights", p.mode, len(p.hl.list))
	}
	hs.press("h", "a")
	if p.mode != readEditor || len(p.hl.list) != 1 {
		t.Fatalf("h a: mode %v, %d highlights", p.mode, len(p.hl.list))
	}
	hs.typeText("precious words")
	hs.lib.failAdd = errors.New("disk full")
	hs.press("ctrl+s")
	if p.mode != readEditor || p.hl.editor.Value() != "precious words" {
		t.Fatal("a failed save closed the editor")
	}
	if !strings.Contains(hs.screen(), "Could not save the note: disk full") {
		t.Errorf("no error:\n%s", hs.screen())
	}
	hs.lib.failAdd = nil
	// Quitting saves the note.
	hs.press("ctrl+c")
	hs.m.finalFlush()
	if !hs.quit || hs.lib.hls[p.hl.list[0].ID].Note != "precious words" {
		t.Errorf("ctrl+c lost the note: %q", hs.lib.hls[p.hl.list[0].ID].Note)
	}
}

func TestHighlightJumpsAndPanel(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	for _, s := range []string{"Paragraph 1.1", "Paragraph 3.2", "Paragraph 5.3"} {
		cursorOn(t, p, s)
		hs.press("h")
	}
	hs.press("g")
	p.hl.moveTo(p, 0)
	hs.press("]")
	if p.hl.cursor != p.hl.list[0].Start {
		t.Fatalf("]: cursor %d, want %d", p.hl.cursor, p.hl.list[0].Start)
	}
	hs.press("]", "]")
	if p.hl.cursor != p.hl.list[2].Start {
		t.Fatalf("]]: cursor %d, want %d", p.hl.cursor, p.hl.list[2].Start)
	}
	if l := lineOf(p.doc, p.hl.cursor); l < p.top || l >= p.top+p.bodyHeight() {
		t.Error("] did not scroll to the highlight")
	}
	hs.press("[")
	if p.hl.cursor != p.hl.list[1].Start {
		t.Fatalf("[: cursor %d", p.hl.cursor)
	}

	// An orphan is listed too.
	hs.lib.hls[99] = &store.Highlight{ID: 99, ArticleID: p.art.ID, Exact: "a lost passage", Note: "kept note", Label: "question", Orphan: true}
	p.loadHighlights()

	hs.press("H")
	if p.pickKind != pickPanel || len(p.picker.items) != 4 {
		t.Fatalf("H: %d items", len(p.picker.items))
	}
	scr := hs.screen()
	for _, want := range []string{"Highlights (4)", "Paragraph 3.2 opens", "orphan", "a lost passage", "kept note"} {
		if !strings.Contains(scr, want) {
			t.Errorf("panel lacks %q:\n%s", want, scr)
		}
	}
	hs.press("g", "j", "j", "enter")
	if p.mode != readNormal || p.hl.cursor != p.hl.list[2].Start {
		t.Fatalf("enter in the panel did not jump")
	}
	// Filter by label: highlight, then claim (none).
	hs.press("H", "l")
	if len(p.picker.items) != 3 {
		t.Errorf("filter highlight: %d items", len(p.picker.items))
	}
	hs.press("l")
	if len(p.picker.items) != 0 || !strings.Contains(hs.screen(), "Highlights · claim (0)") {
		t.Errorf("filter claim: %d items", len(p.picker.items))
	}
	hs.press("l", "l", "l", "l")
	if p.hl.panelLabel != "" || len(p.picker.items) != 4 {
		t.Errorf("filter did not cycle back to all: %q", p.hl.panelLabel)
	}
	// Edit a note from the panel, come back to it.
	hs.press("g", "n")
	if p.mode != readEditor {
		t.Fatal("n in the panel did not open the editor")
	}
	hs.typeText("from the panel")
	hs.press("ctrl+s")
	if p.mode != readPicker || hs.lib.hls[p.hl.list[0].ID].Note != "from the panel" {
		t.Fatalf("panel note: mode %v", p.mode)
	}
	// Delete from the panel.
	hs.press("x")
	if len(p.picker.items) != 3 || len(hs.lib.hls) != 3 {
		t.Errorf("x in the panel: %d items", len(p.picker.items))
	}
	hs.press("esc")
	hs.press("u")
	if len(hs.lib.hls) != 4 {
		t.Error("undo after a panel delete failed")
	}
}

func TestArgumentLinks(t *testing.T) {
	hs, p := readerHarness(t, 100, 30)
	cursorOn(t, p, "Paragraph 1.1")
	hs.press("h", "L", "j", "enter") // claim
	claim := p.hl.list[0].ID
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h")
	hs.press("m")
	if !strings.Contains(hs.screen(), "Only evidence, questions and disagreements link to a claim") {
		t.Errorf("m on a plain highlight:\n%s", hs.screen())
	}
	hs.press("L", "j", "j", "enter") // evidence
	hs.press("m")
	if p.pickKind != pickClaim || len(p.picker.items) != 2 {
		t.Fatalf("m: kind %v, %d items", p.pickKind, len(p.picker.items))
	}
	hs.press("g", "enter")
	ev := p.hl.list[p.hl.under()]
	if ev.Supports != claim || ev.Label != "evidence" {
		t.Fatalf("evidence supports %d, want %d", ev.Supports, claim)
	}
	cursorOn(t, p, "Paragraph 1.3")
	hs.press("h", "L", "j", "j", "j", "j", "enter") // disagree, not linked

	hs.press("H", "a")
	if !strings.HasPrefix(p.picker.title, "Argument") || len(p.picker.items) != 3 {
		t.Fatalf("argument view: %q, %d items", p.picker.title, len(p.picker.items))
	}
	if p.picker.items[1].Indent != 1 || !strings.Contains(p.picker.items[1].Title, "Paragraph 1.2") {
		t.Errorf("evidence not listed under its claim: %+v", p.picker.items[1])
	}
	if p.picker.items[2].Indent != 0 {
		t.Errorf("unlinked disagreement should not be indented")
	}
	hs.golden("reader_argument_100x30")
	hs.press("a")
	if !strings.HasPrefix(p.picker.title, "Highlights") {
		t.Errorf("a did not go back to the list")
	}
	// Relabelling evidence as a claim drops its link.
	hs.press("esc")
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("L", "g", "j", "enter")
	if !strings.Contains(hs.screen(), "unlink it from its claim") || hs.lib.hls[ev.ID].Label != "evidence" {
		t.Fatalf("relabelling linked evidence did not ask:\n%s", hs.screen())
	}
	// The question reads as a sentence: it said "keep it a evidence".
	if scr := hs.screen(); !strings.Contains(scr, "Make it a claim?") || !strings.Contains(scr, "No, keep it evidence") {
		t.Errorf("the question's words:\n%s", scr)
	}
	hs.press("enter")
	if hs.lib.hls[ev.ID].Label != "claim" || hs.lib.hls[ev.ID].Supports != 0 {
		t.Errorf("a claim cannot support a claim")
	}
	if !strings.Contains(hs.screen(), "Labelled claim and unlinked 1 highlight") {
		t.Errorf("status:\n%s", hs.screen())
	}
	hs.press("u")
	if hs.lib.hls[ev.ID].Label != "evidence" || hs.lib.hls[ev.ID].Supports == 0 {
		t.Errorf("undo did not bring back the label and link: %+v", hs.lib.hls[ev.ID])
	}
}

func TestMouseSelect(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	// Find the screen row of "Paragraph 1.1".
	var row int
	for i, l := range strings.Split(hs.screen(), "\n") {
		if strings.Contains(l, "Paragraph 1.1") {
			row = i
			break
		}
	}
	col := strings.Index(strings.Split(hs.screen(), "\n")[row], "Paragraph")
	hs.send(tea.MouseClickMsg{Button: tea.MouseLeft, X: col, Y: row})
	if !strings.HasPrefix(p.art.Markdown[p.hl.cursor:], "Paragraph 1.1") {
		t.Fatalf("click put the cursor before %q", p.art.Markdown[p.hl.cursor:p.hl.cursor+15])
	}
	hs.send(tea.MouseMotionMsg{Button: tea.MouseLeft, X: col + 18, Y: row})
	hs.send(tea.MouseReleaseMsg{Button: tea.MouseLeft, X: col + 18, Y: row})
	hs.press("h")
	if c := hs.lib.lastCall("AddHighlight"); !strings.Contains(c, `"Paragraph 1.1 opens"`) {
		t.Errorf("drag select: %s", c)
	}
}

func TestReaderWithHighlightsGolden(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"120x40", 120, 40}} {
		t.Run(sz.name, func(t *testing.T) {
			hs, p := readerHarness(t, sz.w, sz.h)
			cursorOn(t, p, "Paragraph 1.1")
			hs.press("h", "a")
			hs.typeText("Why slowly? The author never says.")
			hs.press("ctrl+s")
			cursorOn(t, p, "third sentence closes paragraph 1.2")
			hs.press("v", ")", "h", "L", "j", "enter")
			hs.press("g") // the top of the article, the cursor back on the claim
			cursorOn(t, p, "third sentence closes paragraph 1.2")
			hs.golden("reader_highlights_" + sz.name)
			hs.press("H")
			hs.golden("reader_panel_" + sz.name)
		})
	}
}

func TestReattachOrphan(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.lib.hls[7] = &store.Highlight{ID: 7, ArticleID: p.art.ID, Exact: "an old passage", Label: "claim", Orphan: true}
	p.loadHighlights()
	cursorOn(t, p, "Paragraph 2.2")
	hs.press("v", ")", "H")
	if !p.picker.keys.Reattach.Enabled() {
		t.Fatal("re-attach not offered with a selection")
	}
	hs.press("r")
	h := hs.lib.hls[7]
	if h.Orphan || !strings.HasPrefix(h.Exact, "Paragraph 2.2 opens") || h.Label != "claim" {
		t.Errorf("re-attached: %+v", h)
	}
}

func TestAllHighlightsView(t *testing.T) {
	lib := libWith(3)
	lib.hls = map[int64]*store.Highlight{}
	md := lib.arts[1].Markdown
	off := strings.Index(md, "Paragraph 4.2")
	lib.hls[1] = &store.Highlight{ID: 1, ArticleID: 1, Start: off, End: off + 13, Exact: "Paragraph 4.2", Label: "claim", Note: "deep in"}
	lib.hls[2] = &store.Highlight{ID: 2, ArticleID: 2, Start: 10, End: 20, Exact: "other text", Label: "question"}
	lib.hls[3] = &store.Highlight{ID: 3, ArticleID: 3, Exact: "lost", Label: "highlight", Orphan: true}
	hs := newHarness(t, lib, 100, 30)
	hs.press("H")
	l := hs.m.library
	if l.mode != libAll || len(l.all.list) != 3 {
		t.Fatalf("H: mode %v", l.mode)
	}
	hs.golden("library_all_highlights_100x30")
	hs.press("l", "l")
	if len(l.all.list) != 1 || l.all.list[0].ID != 1 {
		t.Fatalf("label filter claim: %d", len(l.all.list))
	}
	hs.press("l", "l", "l", "l")
	hs.press("/")
	hs.typeText("deep")
	if len(l.all.list) != 1 || lib.lastCall("AllHighlights") != `AllHighlights "" "deep"` {
		t.Fatalf("query: %d, %s", len(l.all.list), lib.lastCall("AllHighlights"))
	}
	hs.press("enter", "enter")
	p := hs.m.pager
	if hs.m.screen != screenReader || p.art.ID != 1 {
		t.Fatal("enter did not open the article")
	}
	if p.hl.cursor != off || lineOf(p.doc, off) < p.top || lineOf(p.doc, off) >= p.top+p.bodyHeight() {
		t.Errorf("not opened at the highlight: cursor %d, want %d", p.hl.cursor, off)
	}
	hs.press("q", "H", "esc")
	if l.mode != libList {
		t.Error("esc did not close the view")
	}
}

// claimHarness is a reader on the test article with one claim, on
// "Paragraph 1.2", whose note is note.
func claimHarness(t *testing.T, note string) (*harness, *pagerModel) {
	t.Helper()
	hs, p := readerHarness(t, 80, 24)
	off := strings.Index(p.art.Markdown, "Paragraph 1.2")
	if _, err := hs.lib.AddHighlight(context.Background(), &store.Highlight{ArticleID: p.art.ID, Start: off, End: off + 13,
		Exact: "Paragraph 1.2", Label: "claim", Note: note}); err != nil {
		t.Fatal(err)
	}
	p.loadHighlights()
	return hs, p
}

// x in the highlights panel says "u to undo", and u there takes the
// deletion back, the panel open on the list as it is again.
func TestPanelUndo(t *testing.T) {
	hs, p := claimHarness(t, "keep this note")
	hs.press("H", "x")
	if len(hs.lib.hls) != 0 || !strings.Contains(hs.screen(), "u to undo") {
		t.Fatalf("x in the panel: %d highlights\n%s", len(hs.lib.hls), hs.screen())
	}
	hs.press("u")
	if len(hs.lib.hls) != 1 || p.mode != readPicker || !strings.Contains(hs.screen(), "Paragraph 1.2") {
		t.Errorf("u in the panel: %d highlights, mode %v\n%s", len(hs.lib.hls), p.mode, hs.screen())
	}
	for _, h := range hs.lib.hls {
		if h.Note != "keep this note" {
			t.Errorf("restored without its note: %+v", h)
		}
	}
	if !strings.Contains(helpText(p.picker.keys.FullHelp()), "undo") {
		t.Error("u is not in the panel's help")
	}
}

func helpText(groups [][]key.Binding) string {
	var b strings.Builder
	for _, g := range groups {
		for _, k := range g {
			if k.Enabled() {
				b.WriteString(k.Help().Key + " " + k.Help().Desc + "\n")
			}
		}
	}
	return b.String()
}

// An empty list's message wraps on a narrow terminal: at 60 columns the
// library's H showed "…select with v and highli", the rest cut off.
func TestEmptyPickerMessageWraps(t *testing.T) {
	for _, w := range []int{40, 60} {
		lib := libWith(3)
		lib.hls = map[int64]*store.Highlight{}
		hs := newHarness(t, lib, w, 20)
		hs.press("H")
		scr := hs.screen()
		if !strings.Contains(strings.Join(strings.Fields(scr), " "), "select with v and highlight with h.") {
			t.Errorf("%d columns: the empty message is cut:\n%s", w, scr)
		}
		for i, l := range strings.Split(scr, "\n") {
			if cw := ansi.StringWidth(l); cw > w {
				t.Errorf("%d columns: line %d is %d cells: %q", w, i, cw, l)
			}
		}
	}
}

// Editing a note from the panel comes back to that highlight: the cursor
// jumped to the one under the reader's cursor, so a second edit changed
// the wrong note.
func TestPanelNoteKeepsRow(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	for _, s := range []string{"Paragraph 1.1", "Paragraph 3.2", "Paragraph 5.3"} {
		cursorOn(t, p, s)
		hs.press("h")
	}
	hs.press("H", "g")
	want, _ := p.picker.chosen().(int64)
	hs.press("n")
	hs.typeText("first")
	hs.press("esc")
	if p.mode != readPicker {
		t.Fatalf("mode %v after the note, want the panel", p.mode)
	}
	if got, _ := p.picker.chosen().(int64); got != want {
		t.Errorf("panel cursor on highlight %d after its note, want %d", got, want)
	}
}

// The status line while writing a note names that note's highlight: from
// the panel it showed the label of the highlight under the reader's
// cursor ("question" over a claim's note), and over the article's note too.
func TestEditorStatusNamesItsHighlight(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	md := p.art.Markdown
	for _, h := range []struct{ exact, label string }{{"Paragraph 1.2", "claim"}, {"Paragraph 3.2", "question"}} {
		off := strings.Index(md, h.exact)
		if _, err := hs.lib.AddHighlight(context.Background(), &store.Highlight{ArticleID: p.art.ID, Start: off, End: off + len(h.exact),
			Exact: h.exact, Label: h.label}); err != nil {
			t.Fatal(err)
		}
	}
	p.loadHighlights()
	cursorOn(t, p, "Paragraph 3.2")
	hs.press("H", "g", "n")
	if p.mode != readEditor {
		t.Fatalf("mode %v, want the editor", p.mode)
	}
	last := func() string { l := strings.Split(hs.screen(), "\n"); return strings.Join(l[len(l)-3:], "\n") }
	if s := last(); !strings.Contains(s, "claim") || strings.Contains(s, "question") {
		t.Errorf("status while writing the claim's note:\n%s", s)
	}
	hs.press("esc", "esc", "A")
	if s := last(); strings.Contains(s, "question") {
		t.Errorf("status while writing the article's note:\n%s", s)
	}
}

// Emptying a highlight's note says it is removed, as the article's note
// does: it said "Note saved."
func TestEmptiedNoteSaysRemoved(t *testing.T) {
	hs, p := claimHarness(t, "gone")
	hs.press("H", "g", "n", "backspace", "backspace", "backspace", "backspace", "esc")
	for _, h := range hs.lib.hls {
		if h.Note != "" {
			t.Fatalf("note %q, want none", h.Note)
		}
	}
	if !strings.Contains(p.status, "Note removed") {
		t.Errorf("status %q, want Note removed", p.status)
	}
}

// The scrolled help counts its lines, not keys: "keys 1–13 of 21" was
// shown over 37 keys.
func TestHelpPaneCountsLines(t *testing.T) {
	hs, _ := readerHarness(t, 60, 20)
	hs.press("?")
	if scr := hs.screen(); !strings.Contains(scr, "── lines 1–") || strings.Contains(scr, "── keys") {
		t.Errorf("scrolled help:\n%s", scr)
	}
}

// An empty panel does not offer to edit or delete: its help said
// "n edit note" over "No highlights."
func TestEmptyPanelHelp(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("H")
	if p.picker == nil {
		t.Fatal("H did not open the panel")
	}
	h := helpText(p.picker.keys.FullHelp())
	for _, bad := range []string{"edit note", "delete"} {
		if strings.Contains(h, bad) {
			t.Errorf("empty panel's help offers %q:\n%s", bad, h)
		}
	}
	if scr := hs.screen(); strings.Contains(scr, "edit note") {
		t.Errorf("empty panel's help bar offers edit note:\n%s", scr)
	}
}

// On a narrow terminal a message takes the progress bar's room: at 60
// columns "Only evidence, questions and disagreeme…" hid what was wrong.
func TestNarrowStatusMessageTakesBarRoom(t *testing.T) {
	hs, p := readerHarness(t, 60, 20)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("h", "m")
	lines := strings.Split(hs.screen(), "\n")
	status := lines[len(lines)-2]
	if !strings.Contains(status, "link to a claim") {
		t.Errorf("status line %q", status)
	}
}

// Two highlights that start at the same word (a claim on a phrase, then
// the whole sentence highlighted): ] and [ reached one of them only, the
// panel's enter landed on the other's, and x deleted the one the cursor
// was not on. Each is now a stop of ] and [, what they or the panel
// chose is the one the keys act on, and the shorter is painted over the
// longer so both show.
func TestOverlappingHighlightsEachReachable(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	cursorOn(t, p, "Paragraph 3.2")
	hs.press("v", "w", "w", "h")
	cursorOn(t, p, "Paragraph 3.2")
	hs.press("h")
	if len(p.hl.list) != 2 || p.hl.list[0].Start != p.hl.list[1].Start {
		t.Fatalf("setup: %+v", p.hl.list)
	}
	short, long := p.hl.list[0].ID, p.hl.list[1].ID
	if p.hl.list[0].End > p.hl.list[1].End {
		short, long = long, short
	}
	p.hl.moveTo(p, 0)
	var seen []int64
	for range 2 {
		hs.press("]")
		if i := p.hl.under(); i >= 0 {
			seen = append(seen, p.hl.list[i].ID)
		}
	}
	if len(seen) != 2 || seen[0] == seen[1] {
		t.Fatalf("] ] went to %v, want both highlights", seen)
	}
	hs.press("[")
	if i := p.hl.under(); i < 0 || p.hl.list[i].ID != seen[0] {
		t.Errorf("[ did not come back to the first")
	}
	// The panel's choice is the one x deletes.
	hs.press("H")
	for i, it := range p.picker.items {
		if it.Value.(int64) == long {
			p.picker.cursor = i
		}
	}
	hs.press("enter")
	if i := p.hl.under(); i < 0 || p.hl.list[i].ID != long {
		t.Fatalf("the panel's enter chose %d, want %d", p.hl.list[max(i, 0)].ID, long)
	}
	hs.press("x")
	if _, ok := hs.lib.hls[short]; !ok || len(p.hl.list) != 1 || p.hl.list[0].ID != short {
		t.Errorf("x deleted the wrong highlight: %+v", p.hl.list)
	}
	hs.press("u")
	// Painted: the shorter goes over the longer.
	ms := p.hl.marks(p)
	if len(ms) < 2 || ms[len(ms)-1].End-ms[len(ms)-1].Start > ms[0].End-ms[0].Start {
		t.Errorf("the longer highlight is painted over the shorter: %+v", ms)
	}
}

// m on unlinked evidence started on "(not linked to a claim)": enter
// right away changed nothing yet said "Unlinked. u to undo" and left a
// step for u. The chooser now starts on the nearest claim before the
// evidence, and a choice that changes nothing leaves no undo step.
func TestLinkChooserStartsOnAClaim(t *testing.T) {
	hs, p := readerHarness(t, 100, 30)
	cursorOn(t, p, "Paragraph 1.1")
	hs.press("h", "L", "j", "enter") // claim
	cursorOn(t, p, "Paragraph 3.1")
	hs.press("h", "L", "j", "enter") // a second claim, nearer
	near := p.hl.list[p.hl.under()].ID
	cursorOn(t, p, "Paragraph 3.3")
	hs.press("h", "L", "j", "j", "enter") // evidence
	undos := len(p.hl.undo)
	hs.press("m")
	if got, _ := p.picker.chosen().(int64); got != near {
		t.Fatalf("m starts on %v, want the nearest claim %d", p.picker.chosen(), near)
	}
	hs.press("G", "enter") // (not linked), as it was
	if len(p.hl.undo) != undos || strings.Contains(hs.screen(), "u to undo") {
		t.Errorf("a choice that changed nothing left an undo step:\n%s", hs.screen())
	}
	hs.press("m", "enter")
	if ev := p.hl.list[p.hl.under()]; ev.Supports != near {
		t.Errorf("enter linked to %d, want %d", ev.Supports, near)
	}
}

// The reader's full help left out keys that work: esc (back), pgdn,
// shift+space, home and end. Every key of every binding it lists is named.
func TestReaderFullHelpNamesEveryKey(t *testing.T) {
	helpNamesEveryKey(t, readerKeys().FullHelp())
	// The library's too (space, b, ctrl+u, ctrl+d, home and end were
	// missing).
	helpNamesEveryKey(t, libraryKeys().FullHelp())
}

func helpNamesEveryKey(t *testing.T, groups [][]key.Binding) {
	t.Helper()
	shown := map[string]string{"down": "↓", "up": "↑", "pgdown": "pgdn", "right": "→", "left": "←"}
	for _, g := range groups {
		for _, b := range g {
			h := b.Help().Key + " " + b.Help().Desc
			for _, k := range b.Keys() {
				name := k
				if s, ok := shown[k]; ok {
					name = s
				}
				if !strings.Contains(h, name) {
					t.Errorf("%q (%s) does not name %q", h, b.Help().Desc, k)
				}
			}
		}
	}
}
