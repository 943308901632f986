package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/internal/gen"
	"margin/internal/settings"
	"margin/store"
)

// readerHarness opens the first article of a small library in the reader.
func readerHarness(t *testing.T, w, h int, tweak ...func(*Options)) (*harness, *pagerModel) {
	t.Helper()
	lib := newFakeLib()
	lib.add(store.Article{
		Content: article.Content{
			Title:          "Learning to Read Slowly Again",
			Byline:         "Ada Reader",
			SiteName:       "slow.example",
			Published:      testNow.AddDate(0, -2, 0),
			ReadingMinutes: 9,
			Markdown:       testMarkdown("Learning to Read Slowly Again"),
			Text:           "text",
		},
		Added: testNow,
	})
	hs := newHarness(t, lib, w, h, tweak...)
	hs.press("enter")
	if hs.m.screen != screenReader || hs.m.pager.doc == nil {
		t.Fatal("article did not open")
	}
	return hs, hs.m.pager
}

func TestReaderGolden(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"120x40", 120, 40}} {
		t.Run(sz.name, func(t *testing.T) {
			hs, _ := readerHarness(t, sz.w, sz.h)
			hs.golden("reader_top_" + sz.name)
			hs.press("space")
			hs.golden("reader_page_" + sz.name)
			hs.press("?")
			hs.golden("reader_help_" + sz.name)
			hs.press("?", "o")
			hs.golden("reader_outline_" + sz.name)
		})
	}
}

func TestReaderRendersInACommand(t *testing.T) {
	lib := libWith(2)
	hs := newHarness(t, lib, 80, 24)
	id := hs.m.library.selectedID()
	_, cmd := hs.m.Update(openMsg{id: id})
	if hs.m.pager.doc != nil || cmd == nil {
		t.Fatal("Update rendered the article itself")
	}
	hs.run(cmd)
	if hs.m.pager.doc == nil || !hs.m.pager.doc.Complete {
		t.Fatal("the render command did not deliver the document")
	}
	hs.press("q")
	// Reopening uses the cache: the document is there at once.
	hs.m.Update(openMsg{id: id})
	if hs.m.pager.doc == nil {
		t.Error("reopening did not use the cached rendering")
	}
}

func TestReaderScrollKeys(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	h := p.bodyHeight()
	steps := []struct {
		keys []string
		want int
	}{
		{[]string{"j"}, 1}, {[]string{"down", "down"}, 3}, {[]string{"k"}, 2}, {[]string{"up"}, 1},
		{[]string{"g"}, 0}, {[]string{"space"}, h - 2}, {[]string{"shift+space"}, 0},
		{[]string{"pgdown"}, h - 2}, {[]string{"pgup"}, 0}, {[]string{"f"}, h - 2}, {[]string{"ctrl+b"}, 0},
		{[]string{"ctrl+d"}, h / 2}, {[]string{"ctrl+u"}, 0}, {[]string{"k"}, 0},
		{[]string{"G"}, p.maxTop()}, {[]string{"j"}, p.maxTop()}, {[]string{"home"}, 0}, {[]string{"end"}, p.maxTop()},
	}
	for _, s := range steps {
		hs.press(s.keys...)
		if p.top != s.want {
			t.Fatalf("after %v top = %d, want %d", s.keys, p.top, s.want)
		}
	}
	hs.press("g")
	hs.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if p.top != 3 {
		t.Errorf("wheel down: top = %d", p.top)
	}
	hs.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if p.top != 0 {
		t.Errorf("wheel up: top = %d", p.top)
	}
	if !strings.Contains(hs.screen(), "100%") {
		hs.press("G")
		if !strings.Contains(hs.screen(), "100%") {
			t.Errorf("progress at the end is not 100%%:\n%s", hs.screen())
		}
	}
}

func TestReaderPositionSavedAndRestored(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("space", "space", "j")
	top := p.top
	off := p.topOffset()
	hs.press("q")
	id := p.docKey.id
	a := hs.lib.arts[id]
	if a.Position != off || a.Progress <= 0 {
		t.Fatalf("saved position %d (progress %.2f), want %d", a.Position, a.Progress, off)
	}
	// A fresh program (empty cache) restores it.
	hs2 := newHarness(t, hs.lib, 80, 24)
	hs2.press("enter")
	// A blank line at the top is not a position: the text under it is.
	if got := hs2.m.pager.top; got != top && !(got == top+1 && strings.TrimSpace(p.doc.Text(top)) == "") {
		t.Errorf("restored top = %d, want %d", got, top)
	}
	// ctrl+c saves too.
	hs2.press("j", "j")
	off = hs2.m.pager.topOffset()
	hs2.press("ctrl+c")
	hs2.m.finalFlush() // as Run does once the program has ended
	if !hs2.quit || hs.lib.arts[id].Position != off {
		t.Errorf("ctrl+c: quit %v, position %d, want %d", hs2.quit, hs.lib.arts[id].Position, off)
	}
}

func TestReaderResizeKeepsPosition(t *testing.T) {
	hs, p := readerHarness(t, 100, 30)
	hs.press("space", "space")
	off := p.topOffset()
	hs.send(tea.WindowSizeMsg{Width: 60, Height: 30})
	if p.textWidth() != 60 || p.docKey.width != 60 {
		t.Fatalf("not re-rendered at 60: %d", p.docKey.width)
	}
	if got := p.doc.LineOf(off); got != p.top && p.top != p.maxTop() {
		t.Errorf("after resize top = %d, the old top passage is at line %d", p.top, got)
	}
	hs.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if d := p.topOffset() - off; d < -120 || d > 120 {
		t.Errorf("after resizing back the top moved by %d bytes", d)
	}
}

func TestReaderWidthKeys(t *testing.T) {
	hs, p := readerHarness(t, 120, 30)
	hs.press("+")
	if p.width != 84 || hs.lib.settings["reader.width"] != "84" || p.docKey.width != 84 {
		t.Fatalf("+: width %d, setting %q, doc %d", p.width, hs.lib.settings["reader.width"], p.docKey.width)
	}
	hs.press("-", "=", "-", "-")
	if p.width != 76 || hs.lib.settings["reader.width"] != "76" {
		t.Fatalf("-: width %d", p.width)
	}
	if p.margin() != (120-76)/2 {
		t.Errorf("text not centred: margin %d", p.margin())
	}
	for range 20 {
		hs.press("-")
	}
	if p.width != settings.MinWidth {
		t.Errorf("width went below %d: %d", settings.MinWidth, p.width)
	}
	// At the bound, - says so rather than doing nothing.
	if !strings.Contains(hs.screen(), "Width 20 is the narrowest") {
		t.Errorf("- at the narrowest width said nothing:\n%s", hs.screen())
	}
	// The width is remembered by the next session.
	hs2 := newHarness(t, hs.lib, 120, 30)
	if hs2.m.pager.width != settings.MinWidth {
		t.Errorf("width not remembered: %d", hs2.m.pager.width)
	}
	// A terminal narrower than the width wins.
	hs2.m.pager.width = 60
	hs2.send(tea.WindowSizeMsg{Width: 30, Height: 20})
	if hs2.m.pager.textWidth() != 30 {
		t.Errorf("text width %d in a 30-column terminal", hs2.m.pager.textWidth())
	}
}

func TestReaderSearch(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("/")
	if p.mode != readSearch {
		t.Fatal("/ did not open the search prompt")
	}
	hs.typeText("calmly")
	hs.press("enter")
	if len(p.matches) != 18 {
		t.Fatalf("%d matches for calmly, want 18", len(p.matches))
	}
	first := p.matches[p.cur]
	if first.Line < p.top || first.Line >= p.top+p.bodyHeight() {
		t.Errorf("current match not on screen")
	}
	if !strings.Contains(hs.screen(), "“calmly” 1/18") {
		t.Errorf("no match counter:\n%s", hs.screen())
	}
	hs.press("n")
	if p.cur != 1 {
		t.Errorf("n: current %d", p.cur)
	}
	hs.press("N", "N")
	if p.cur != 17 {
		t.Errorf("N wraps: current %d", p.cur)
	}
	if m := p.matches[p.cur]; m.Line < p.top || m.Line >= p.top+p.bodyHeight() {
		t.Errorf("match %d not on screen", p.cur)
	}
	// Matches are painted: the current one with its own background.
	if !strings.Contains(hs.m.View().Content, strings.TrimPrefix(hs.m.common.Styles.Reader.CurrentSGR, "\x1b[")) {
		t.Errorf("current match not painted")
	}
	hs.press("esc")
	if p.query != "" || len(p.matches) != 0 || hs.m.screen != screenReader {
		t.Errorf("esc should clear the search and stay in the reader")
	}
	hs.press("/")
	hs.typeText("no such words")
	hs.press("enter")
	if !strings.Contains(hs.screen(), "No match for “no such words”") {
		t.Errorf("no-match message missing:\n%s", hs.screen())
	}
	// / offers the query that found nothing again, to be mended (it
	// offered an empty prompt, so a typo was retyped whole).
	hs.press("/")
	if p.prompt == nil || p.prompt.Value() != "no such words" {
		t.Errorf("/ after no match offers %q", p.prompt.Value())
	}
	hs.press("esc")
	hs.press("/", "x", "esc")
	if p.mode != readNormal {
		t.Errorf("esc did not close the search prompt")
	}
}

func TestReaderOutlineAndLinks(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("o")
	if p.mode != readPicker || p.pickKind != pickOutline || len(p.picker.items) != 7 {
		t.Fatalf("o: mode %v, %d items", p.mode, len(p.picker.items))
	}
	hs.press("j", "j", "j", "enter")
	if p.mode != readNormal {
		t.Fatal("enter did not close the outline")
	}
	want := p.doc.LineOf(p.headings[3].Offset)
	if p.top != min(want, p.maxTop()) {
		t.Errorf("outline jump: top %d, heading at line %d", p.top, want)
	}
	if !strings.Contains(p.doc.Text(want), "Section 3") {
		t.Errorf("line %d is %q, not the heading", want, p.doc.Text(want))
	}
	hs.press("o", "esc")
	if p.mode != readNormal {
		t.Error("esc did not close the outline")
	}

	hs.press("g", "O")
	if p.pickKind != pickLinks || len(p.picker.items) != 18 {
		t.Fatalf("O: %d links", len(p.picker.items))
	}
	hs.press("j", "enter")
	if len(hs.urls) != 1 || hs.urls[0] != "https://example.com/1/2" {
		t.Errorf("opened %v", hs.urls)
	}
	if !strings.Contains(hs.screen(), "Opened https://example.com/1/2") {
		t.Errorf("no confirmation:\n%s", hs.screen())
	}
}

func TestReaderHelpExportBack(t *testing.T) {
	hs, p := readerHarness(t, 100, 30)
	hs.press("?")
	if !p.help.ShowAll || !strings.Contains(hs.screen(), "next sentence") {
		t.Fatalf("? did not show the full help:\n%s", hs.screen())
	}
	hs.press("?")
	if p.help.ShowAll {
		t.Fatal("? did not hide the full help")
	}
	hs.press("e")
	if !strings.Contains(hs.screen(), "Notes exported to /tmp/notes-1.md") {
		t.Errorf("export: %s", hs.screen())
	}
	hs.press("q")
	if hs.m.screen != screenLibrary {
		t.Error("q did not go back")
	}
}

// Tiny and odd terminal sizes never panic and never overflow the width.
func TestTinySizes(t *testing.T) {
	for _, sz := range [][2]int{{1, 1}, {10, 3}, {20, 5}, {30, 8}, {200, 60}} {
		hs, p := readerHarness(t, 80, 24)
		hs.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for _, k := range []string{"j", "G", "o", "esc", "O", "esc", "H", "esc", ")", "v", ")", "h", "a", "x", "ctrl+s", "?", "/", "a", "enter"} {
			hs.press(k)
			for _, l := range strings.Split(hs.m.View().Content, "\n") {
				if w := ansi.StringWidth(l); w > max(sz[0], 1) {
					t.Fatalf("%dx%d after %s: line %d cells wide", sz[0], sz[1], k, w)
				}
			}
		}
		_ = p
		hs.press("q")
		hs.press("j", "/", "x", "enter", "?")
		_ = hs.m.View()
	}
}

// Scrolling while only the first screenful is rendered is not lost when
// the rest arrives.
func TestScrollWhileRendering(t *testing.T) {
	lib := newFakeLib()
	id := lib.add(store.Article{Content: article.Content{Title: "Long", Markdown: testMarkdown("Long") + testMarkdown("More"), Text: "x"}, Added: testNow})
	hs := newHarness(t, lib, 80, 24)
	_, cmd := hs.m.Update(openMsg{id: id})
	_, cmd = hs.m.Update(cmd()) // the article, read
	batch := renderings(t, hs, cmd)
	hs.send(batch[0]()) // first screenful
	p := hs.m.pager
	if p.doc == nil || p.doc.Complete {
		t.Fatal("the first screenful did not arrive alone")
	}
	hs.press("space", "space", "space")
	want := 3 * (p.bodyHeight() - 2)
	hs.send(batch[1]()) // the whole
	if !p.doc.Complete || p.top != want {
		t.Errorf("top %d after the whole rendering, want %d", p.top, want)
	}
	// And G before the rest arrives lands at the real bottom.
	hs.press("q")
	hs.m.common.cache = &docCache{}
	lib.arts[id].Position = 0
	_, cmd = hs.m.Update(openMsg{id: id})
	_, cmd = hs.m.Update(cmd())
	batch = renderings(t, hs, cmd)
	hs.send(batch[0]())
	hs.press("G")
	hs.send(batch[1]())
	if p.top != p.maxTop() || p.maxTop() == incompleteTop {
		t.Errorf("G while rendering: top %d, max %d", p.top, p.maxTop())
	}
}

func TestStyleFromBackground(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.m.detect = true // as with Options.Style == ""
	hs.send(tea.BackgroundColorMsg{Color: color.White})
	if hs.m.common.Styles.Dark || p.docKey.style != "light" {
		t.Errorf("a white background should give the light style: %v %s", hs.m.common.Styles.Dark, p.docKey.style)
	}
	hs.send(tea.BackgroundColorMsg{Color: color.Black})
	if !hs.m.common.Styles.Dark || p.docKey.style != "dark" {
		t.Errorf("a black background should give the dark style")
	}
	// A fixed style ignores the terminal.
	hs2, p2 := readerHarness(t, 80, 24)
	hs2.send(tea.BackgroundColorMsg{Color: color.White})
	if !hs2.m.common.Styles.Dark || p2.docKey.style != "dark" {
		t.Errorf("--style dark was overridden")
	}
	// The remembered setting wins over detection.
	lib := newFakeLib()
	lib.settings["ui.style"] = "light"
	hs3 := newHarness(t, lib, 80, 24, func(o *Options) { o.Style = "" })
	if hs3.m.detect || hs3.m.common.Styles.Dark {
		t.Errorf("ui.style setting ignored")
	}
	// --style auto follows the terminal, whatever the setting says.
	lib.settings["ui.style"] = "dark"
	hs4 := newHarness(t, lib, 80, 24, func(o *Options) { o.Style = "auto" })
	hs4.send(tea.BackgroundColorMsg{Color: color.White})
	if hs4.m.common.Styles.Dark {
		t.Errorf("--style auto on a light terminal: the dark style")
	}
}

// An empty or odd article opens and every key is safe on it.
func TestEmptyArticle(t *testing.T) {
	for _, md := range []string{"", "   \n\n", "# Only a heading", "| a | b |\n|---|---|\n| 1 | 2 |\n"} {
		lib := newFakeLib()
		lib.add(store.Article{Content: article.Content{Title: "", SourceURL: "file:///x.html", Markdown: md}, Added: testNow})
		hs := newHarness(t, lib, 80, 24)
		hs.press("enter")
		for _, k := range []string{"j", "G", "g", "w", "b", ")", "(", "}", "{", "v", "w", "h", "L", "enter", "a", "ctrl+s",
			"x", "u", "]", "[", "H", "esc", "m", "o", "esc", "O", "esc", "/", "a", "enter", "n", "N", "+", "-", "e", "?", "?"} {
			hs.press(k)
			_ = hs.m.View()
		}
		hs.press("q")
		if hs.m.screen != screenLibrary {
			t.Errorf("%q: q did not go back", md)
		}
	}
}

// openDeep opens a long article whose saved position is two thirds in and
// returns the two renderings the reader asks for: the window around the
// passage, then the whole article.
func openDeep(t *testing.T) (hs *harness, p *pagerModel, window, whole tea.Cmd) {
	t.Helper()
	md := gen.Article(10000)
	return openAt(t, md, len(md)*2/3)
}

// openAt opens md with its reading position at off (see openDeep).
func openAt(t *testing.T, md string, off int) (hs *harness, p *pagerModel, window, whole tea.Cmd) {
	t.Helper()
	lib := newFakeLib()
	id := lib.add(store.Article{
		Content: article.Content{
			Title:          "A long read",
			SiteName:       "example.org",
			ReadingMinutes: 40,
			Markdown:       md,
			Text:           "long",
		},
		Added:    testNow,
		Position: off,
		Progress: 0.66,
	})
	hs = newHarness(t, lib, 80, 24)
	_, cmd := hs.m.Update(openMsg{id: id})
	_, cmd = hs.m.Update(cmd()) // the article, read
	renders := renderings(t, hs, cmd)
	return hs, hs.m.pager, renders[0], renders[1]
}

// renderings takes apart what opening an article asks for: the text's
// parse, which it runs, and the two renderings (the first screenful or a
// window, and the whole), which it returns unrun.
func renderings(t *testing.T, hs *harness, cmd tea.Cmd) tea.BatchMsg {
	t.Helper()
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("opening asked for %T, want the renderings and the text's parse", cmd())
	}
	text, ok := batch[1]().(textMsg)
	if !ok {
		t.Fatalf("opening asked for %T, want the text's parse", batch[1]())
	}
	hs.m.Update(text)
	renders, ok := batch[0]().(tea.BatchMsg)
	if !ok || len(renders) != 2 {
		t.Fatalf("opening asked for %T, want two renderings", batch[0]())
	}
	return renders
}

// Reopening deep in a long article shows the passage at once, from a
// window of the article, and the whole rendering keeps it in place.
func TestReaderReopensDeepFromAWindow(t *testing.T) {
	hs, p, window, whole := openDeep(t)
	hs.m.Update(window())
	if p.doc == nil || !p.doc.Window || p.doc.Complete {
		t.Fatalf("the first rendering is not a window (nil %v)", p.doc == nil)
	}
	scr := hs.screen()
	if strings.Contains(scr, "Rendering") || !strings.Contains(scr, " 66%") {
		t.Fatalf("the window is not shown with the saved progress:\n%s", scr)
	}
	if l := p.doc.LineOf(p.art.Position); l != p.top {
		t.Errorf("window top = %d, the saved passage is on line %d", p.top, l)
	}
	want := p.doc.Text(p.top)
	hs.m.Update(whole())
	if !p.doc.Complete || p.doc.Window {
		t.Fatal("the whole rendering did not replace the window")
	}
	if got := p.doc.Text(p.top); got != want || p.top < 100 {
		t.Errorf("after the whole arrived the top line (%d) is %q, want %q", p.top, got, want)
	}
	if got := hs.screen(); !strings.Contains(got, strings.TrimSpace(want)) {
		t.Errorf("the passage left the screen:\n%s", got)
	}
}

// Keys pressed while the passage is previewed act on it as if the whole
// rendering had been there all along: a scroll that stays inside the
// preview moves it at once (issue 17: scrolling stays smooth while the
// rest renders), the first key past its edge and every key after it wait
// for the whole and then act, in order.
func TestReaderKeysInAWindow(t *testing.T) {
	keys := []string{"space", "space", "space", "j", "h", "a"} // past the window's end, then a note
	hs, p, window, whole := openDeep(t)
	hs.m.Update(window())
	preview, top := hs.screen(), p.top
	hs.m.Update(keyMsg("space"))
	if hs.screen() == preview || p.top != top+p.bodyHeight()-2 || len(p.deferred) != 0 {
		t.Fatalf("space inside the preview did not move it: top %d (was %d), %d waiting", p.top, top, len(p.deferred))
	}
	for _, k := range keys[1:] {
		hs.m.Update(keyMsg(k))
	}
	if n := len(p.deferred); n == 0 || p.top > p.maxTop() || p.mode != readNormal {
		t.Fatalf("keys past the preview's edge acted on it: %d waiting, top %d of %d", n, p.top, p.maxTop())
	}
	hs.send(whole())

	// The same keys once the whole rendering is in.
	want, wp, _, wholeFirst := openDeep(t)
	want.send(wholeFirst())
	for _, k := range keys {
		want.send(keyMsg(k))
	}
	if p.top != wp.top || p.mode != wp.mode || p.mode != readEditor || len(p.deferred) != 0 {
		t.Errorf("after the preview: top %d mode %v; without it: top %d mode %v", p.top, p.mode, wp.top, wp.mode)
	}

	// g goes to the article's top; q leaves once the article is placed,
	// saving the position it was opened at.
	hs, p, window, whole = openDeep(t)
	hs.m.Update(window())
	hs.m.Update(keyMsg("g"))
	hs.send(whole())
	if p.top != 0 {
		t.Errorf("g in the preview: top %d once the whole arrived, want 0", p.top)
	}
	want, wp, _, wholeFirst = openDeep(t)
	want.send(wholeFirst())
	want.send(keyMsg("q"))
	hs, p, window, whole = openDeep(t)
	hs.m.Update(window())
	hs.m.Update(keyMsg("q"))
	hs.send(whole())
	got, exp := hs.lib.arts[p.docKey.id].Position, want.lib.arts[wp.docKey.id].Position
	if hs.m.screen != screenLibrary || got != exp {
		t.Errorf("q in the preview: screen %v, position %d; without the preview %d", hs.m.screen, got, exp)
	}
}

// A note on a passage above the preview is not drawn inside it.
func TestReaderWindowNotesStayPut(t *testing.T) {
	hs, p, window, _ := openDeep(t)
	md := p.art.Markdown
	first := strings.Index(md, "\n\n") + 2 // the first paragraph after the title
	if _, err := hs.lib.AddHighlight(context.Background(), &store.Highlight{ArticleID: p.art.ID, Start: first, End: first + 20,
		Exact: md[first : first+20], Label: "claim", Note: "NOTE-FROM-THE-TOP"}); err != nil {
		t.Fatal(err)
	}
	p.loadHighlights()
	hs.m.Update(window())
	if len(p.hl.noteLines) != 0 {
		t.Errorf("a note from the article's top is placed in the preview: %v", p.hl.noteLines)
	}
}

// A position in the article's first blocks is previewed too, not left to
// "Rendering…" until the whole arrives.
func TestReaderPreviewNearTheTop(t *testing.T) {
	md := gen.Article(10000)
	second := strings.Index(md[strings.Index(md, "\n\n")+2:], "\n\n") + strings.Index(md, "\n\n") + 4
	hs, p, window, _ := openAt(t, md, second+10)
	hs.m.Update(window())
	if p.doc == nil || !p.doc.Window || strings.Contains(hs.screen(), "Rendering") {
		t.Fatalf("no preview for a position in the second block:\n%s", hs.screen())
	}
	if l := p.doc.LineOf(second + 10); l != p.top {
		t.Errorf("preview top %d, the position is on line %d", p.top, l)
	}
}

// A search typed while only the top of the article is rendered, for a word
// further down, waits for the rest instead of saying there is no match.
func TestReaderSearchWaitsForTheRest(t *testing.T) {
	md := gen.Article(10000) + "\n\nThe word zanzibar appears only here.\n"
	hs, p, first, whole := openAt(t, md, 0)
	hs.m.Update(first())
	if p.doc == nil || p.doc.Complete {
		t.Fatal("the first rendering is the whole article")
	}
	hs.m.Update(keyMsg("/"))
	hs.typeText("zanzibar")
	_, find := hs.m.Update(keyMsg("enter"))
	hs.run(find) // the search of the part rendered
	if p.errLine != "" || !strings.Contains(hs.screen(), "Searching the rest") {
		t.Fatalf("the search did not wait for the rest (%q):\n%s", p.errLine, hs.screen())
	}
	hs.send(whole())
	if len(p.matches) != 1 || p.errLine != "" || !strings.Contains(hs.screen(), "zanzibar appears only here") {
		t.Fatalf("after the whole arrived: %d matches (%q):\n%s", len(p.matches), p.errLine, hs.screen())
	}
}

// A new width shows the passage re-wrapped from a preview first, then the
// whole at the same place.
func TestReaderResizePreviews(t *testing.T) {
	hs, p, _, whole := openDeep(t)
	hs.send(whole())
	hs.press("space")
	off := p.topOffset()
	_, cmd := hs.m.Update(tea.WindowSizeMsg{Width: 60, Height: 24})
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("a new width asked for %T, want a preview and the whole", cmd())
	}
	hs.m.Update(batch[0]())
	if !p.doc.Window || p.docKey.width != 60 || strings.Contains(hs.screen(), "Rendering") {
		t.Fatalf("no preview at the new width (window %v, width %d):\n%s", p.doc.Window, p.docKey.width, hs.screen())
	}
	if l := p.doc.LineOf(off); l != p.top {
		t.Errorf("preview top %d, the passage is on line %d", p.top, l)
	}
	hs.send(batch[1]())
	if !p.doc.Complete || p.doc.LineOf(off) != p.top {
		t.Errorf("the whole at the new width: complete %v, top %d, passage on line %d", p.doc.Complete, p.top, p.doc.LineOf(off))
	}
}

// An imported link kept without its text opens to why, and how to fetch
// it, not to an empty page that never finishes rendering; and says it
// once, not again in the status line.
func TestReaderSaysWhyAnArticleHasNoText(t *testing.T) {
	lib := libWith(1)
	id := lib.add(store.Article{Content: article.Content{Title: "Gone page", SourceURL: "https://gone.example/x"}, FetchError: "HTTP 404 Not Found"})
	hs := newHarness(t, lib, 80, 24)
	_, cmd := hs.m.Update(openMsg{id: id})
	hs.run(cmd)
	view := hs.m.pager.View()
	if !strings.Contains(view, "Not fetched: HTTP 404 Not Found.") || !strings.Contains(view, "r fetches it again") || strings.Contains(view, "Rendering…") {
		t.Errorf("the reader of an article without text shows:\n%s", view)
	}
	if n := strings.Count(view, "Not fetched"); n != 1 {
		t.Errorf("the reason is shown %d times:\n%s", n, view)
	}
}

// openBeforeText opens a two-part article and shows its first screenful
// with the text not yet parsed; it returns the two renderings (the
// second, the whole, unsent) and the text's parse, unrun.
func openBeforeText(t *testing.T) (hs *harness, lib *fakeLib, id int64, renders tea.BatchMsg, text tea.Cmd) {
	t.Helper()
	lib = newFakeLib()
	id = lib.add(store.Article{Content: article.Content{Title: "Long", Markdown: testMarkdown("Long") + testMarkdown("More"), Text: "x"}, Added: testNow})
	hs = newHarness(t, lib, 80, 24)
	_, cmd := hs.m.Update(openMsg{id: id})
	_, cmd = hs.m.Update(cmd()) // the article, read
	batch := cmd().(tea.BatchMsg)
	renders = batch[0]().(tea.BatchMsg)
	hs.send(renders[0]()) // the first screenful, the text not yet parsed
	return hs, lib, id, renders, batch[1]
}

// The first screenful is drawn before the article's text is parsed (at
// 200,000 words the parse alone takes longer than a frame, issue 17);
// keys pressed meanwhile wait for the text and then act, and a text
// parsed for another article is ignored.
func TestFirstScreenBeforeTheText(t *testing.T) {
	hs, lib, id, renders, text := openBeforeText(t)
	other := lib.add(store.Article{Content: article.Content{Title: "Other", Markdown: testMarkdown("Other"), Text: "x"}, Added: testNow})
	p := hs.m.pager
	if p.doc == nil || p.text != nil || !strings.Contains(hs.screen(), "Paragraph 1.1 opens") {
		t.Fatalf("no first screen before the text (doc %v, text %v):\n%s", p.doc != nil, p.text != nil, hs.screen())
	}
	hs.press("w", "h") // next word, highlight its sentence: both need the text
	if len(p.hl.list) != 0 || len(p.deferred) != 2 {
		t.Fatalf("keys acted before the text: %d highlights, %d waiting", len(p.hl.list), len(p.deferred))
	}
	hs.send(parseText(lib.arts[other], nil)()) // another article's text: ignored
	if p.text != nil {
		t.Fatal("took another article's text")
	}
	hs.send(renders[1]()) // the whole, still without the text: keys keep waiting
	if len(p.deferred) != 2 {
		t.Fatalf("keys ran without the text: %d waiting", len(p.deferred))
	}
	hs.send(text()) // the text
	if p.text == nil || len(p.deferred) != 0 {
		t.Fatalf("the text did not let the keys through: %d waiting", len(p.deferred))
	}
	if got, _ := lib.Highlights(t.Context(), id); len(got) != 1 {
		t.Errorf("the waiting h made %d highlights, want 1", len(got))
	}
}

// A width change pressed while a long article is still rendering, with the
// top scrolled past the part rendered so far, keeps the passage that was
// there: the new width opens at it once the old width's whole rendering
// tells where it is, not at the article's end.
func TestWidthChangeWhileRenderingKeepsPlace(t *testing.T) {
	hs, p, first, whole := openAt(t, gen.Article(10000), 0)
	hs.send(first())
	if p.doc == nil || p.doc.Complete {
		t.Fatal("the first rendering is the whole article")
	}
	hs.press("space", "space", "space", "space")
	if p.top < len(p.doc.Lines) {
		t.Fatalf("top %d is inside the first screenful (%d lines)", p.top, len(p.doc.Lines))
	}
	top := p.top
	_, cmd := hs.m.Update(tea.WindowSizeMsg{Width: 60, Height: 24})
	if got := hs.screen(); !strings.Contains(got, "Rendering") {
		t.Errorf("the passage is not known yet, but the screen shows:\n%s", got)
	}
	old := whole() // the old width's whole rendering, under way before the change
	oldDoc := old.(docMsg).doc
	l, c, ok := oldDoc.Next(top, 0)
	if !ok {
		t.Fatal("the article has no text below the top")
	}
	want := oldDoc.Offset(l, c)
	for _, order := range []string{"old first", "new first"} {
		hs, p := hs, p
		if order == "new first" {
			hs, p, first, whole = openAt(t, gen.Article(10000), 0)
			hs.send(first())
			hs.press("space", "space", "space", "space")
			_, cmd = hs.m.Update(tea.WindowSizeMsg{Width: 60, Height: 24})
			old = whole()
			hs.run(cmd)   // the new width's renderings arrive before the old whole
			hs.press("j") // waits for the passage, then moves from it
			if len(p.deferred) != 1 {
				t.Fatalf("a key did not wait for the passage (%d waiting)", len(p.deferred))
			}
			hs.send(old)
			if p.top != p.doc.LineOf(want)+1 {
				t.Errorf("j while the passage was lost: top %d, want %d", p.top, p.doc.LineOf(want)+1)
			}
			hs.press("k")
		} else {
			hs.send(old)
			hs.run(cmd)
		}
		if !p.doc.Complete || p.docKey.width != 60 {
			t.Fatalf("%s: the new width's whole rendering is not shown (width %d)", order, p.docKey.width)
		}
		// The passage's line is the top line (the passage may start
		// inside it: lines break elsewhere at the new width).
		if p.top != p.doc.LineOf(want) {
			t.Errorf("%s: top at offset %d (line %d of %d), the passage is at %d (line %d)", order, p.topOffset(), p.top, len(p.doc.Lines), want, p.doc.LineOf(want))
		}
	}
}

// The whole rendering and the text's parse start once the first screenful
// is rendered, not beside it (issue 17: on two cores they tripled its time
// at 200,000 words).
func TestFirstScreenRendersAlone(t *testing.T) {
	lib := newFakeLib()
	hs := newHarness(t, lib, 80, 24)
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	defer func(d time.Duration) { firstScreenWait = d }(firstScreenWait)
	firstScreenWait = time.Hour
	id := lib.add(store.Article{Content: article.Content{Title: "Alone", Markdown: testMarkdown("Alone"), Text: "t"}, Added: testNow})
	_, cmd := hs.m.Update(openMsg{id: id})
	msg := cmd() // the article read
	_, cmd = hs.m.Update(msg)
	batch := cmd().(tea.BatchMsg)
	renders := batch[0]().(tea.BatchMsg)
	first, full, parse := renders[0], renders[1], batch[1]
	started := make(chan string, 2)
	go func() { full(); started <- "whole" }()
	go func() { parse(); started <- "parse" }()
	select {
	case s := <-started:
		t.Fatalf("the %s ran before the first screenful", s)
	case <-time.After(100 * time.Millisecond):
	}
	if _, ok := first().(docMsg); !ok {
		t.Fatal("the first screenful is not a rendering")
	}
	for range 2 {
		select {
		case <-started:
		case <-time.After(10 * time.Second):
			t.Fatal("the whole rendering or the parse never ran after the first screenful")
		}
	}
}

// The notes drawn under passages take rows too: G still shows the
// article's last line and the note under it, and a short article whose
// notes push its end below the screen can be scrolled to that end.
func TestReaderEndShowsPastNotes(t *testing.T) {
	note := "one\ntwo\nthree\nfour\nfive"
	hs, p := readerHarness(t, 80, 24)
	md := p.art.Markdown
	off := strings.LastIndex(md, "second item 6")
	if _, err := hs.lib.AddHighlight(context.Background(), &store.Highlight{ArticleID: p.art.ID, Start: off, End: off + 13,
		Exact: "second item 6", Label: "claim", Note: note}); err != nil {
		t.Fatal(err)
	}
	p.loadHighlights()
	hs.press("G")
	if s := hs.screen(); !strings.Contains(s, "second item 6") || !strings.Contains(s, "five") {
		t.Errorf("G hides the last line or its note:\n%s", s)
	}

	lib := newFakeLib()
	short := "# Short\n\nThe first paragraph has a claim in it.\n\nThe middle paragraph.\n\nThe last paragraph ends here.\n"
	lib.add(store.Article{Content: article.Content{Title: "Short", Markdown: short, Text: "short"}, Note: note, Added: testNow})
	hs = newHarness(t, lib, 60, 16)
	hs.press("enter")
	p = hs.m.pager
	off = strings.Index(short, "The first")
	if _, err := lib.AddHighlight(context.Background(), &store.Highlight{ArticleID: p.art.ID, Start: off, End: off + 9,
		Exact: "The first", Label: "claim", Note: note}); err != nil {
		t.Fatal(err)
	}
	p.loadHighlights()
	hs.press("G")
	if s := hs.screen(); !strings.Contains(s, "The last paragraph ends here.") {
		t.Errorf("G does not reach the end of a short article with notes:\n%s", s)
	}
}

// A short article whose notes push its end below the screen is not read to
// its end on opening: the progress (which marks it done at 98%) counts the
// lines on screen, not the screen's height.
func TestReaderProgressCountsNotes(t *testing.T) {
	note := "one\ntwo\nthree\nfour\nfive"
	lib := newFakeLib()
	short := "# Short\n\nThe first paragraph has a claim in it.\n\nThe middle paragraph.\n\nThe last paragraph ends here.\n"
	lib.add(store.Article{Content: article.Content{Title: "Short", Markdown: short, Text: "short"}, Note: note, Added: testNow})
	hs := newHarness(t, lib, 60, 16)
	hs.press("enter")
	p := hs.m.pager
	off := strings.Index(short, "The first")
	if _, err := lib.AddHighlight(context.Background(), &store.Highlight{ArticleID: p.art.ID, Start: off, End: off + 9,
		Exact: "The first", Label: "claim", Note: note}); err != nil {
		t.Fatal(err)
	}
	p.loadHighlights()
	if got := p.progress(); got >= 0.98 {
		t.Errorf("progress at the top %.2f, with the end not on screen:\n%s", got, hs.screen())
	}
	hs.press("G")
	if got := p.progress(); got != 1 {
		t.Errorf("progress at the end %.2f", got)
	}
}

// A note typed straight after h and a, while the highlight is still being
// saved (a busy library), reaches the editor whole: the keys that would
// scroll (space, j, k, g) wait behind the a, as the others do, instead of
// scrolling past it.
func TestReaderNoteTypedWhileHighlightSaves(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	_, save := hs.m.Update(keyMsg("h")) // the op is out until save runs
	if len(p.ops) == 0 {
		t.Fatal("h started no op")
	}
	hs.m.Update(keyMsg("a"))
	typed := "a jug kept going, then G"
	for _, r := range typed {
		hs.m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	top := p.top
	hs.run(save)
	if p.mode != readEditor || p.hl.editor == nil {
		t.Fatalf("the editor did not open: mode %v", p.mode)
	}
	if got := p.hl.editor.Value(); got != typed {
		t.Errorf("the note reads %q, typed %q", got, typed)
	}
	if top != 0 {
		t.Errorf("keys typed for the note scrolled the article to %d", top)
	}
}

// A selection reaches the article's last word: ), } and w on the last
// sentence go to its end, so "v ) h" there highlights it, and a selection
// started higher takes the article to its end.
func TestSelectionReachesTheEnd(t *testing.T) {
	lib := newFakeLib()
	md := "# Short\n\nThe first paragraph says one thing. It says another.\n\nThe last paragraph opens. It ends the article here.\n"
	lib.add(store.Article{Content: article.Content{Title: "Short", Markdown: md, Text: "short"}, Added: testNow})
	for _, motion := range []string{")", "}", "w"} {
		hs := newHarness(t, lib, 80, 24)
		hs.press("enter")
		p := hs.m.pager
		p.hl.moveTo(p, strings.Index(md, "The last paragraph"))
		hs.press("v")
		for range 12 {
			hs.press(motion)
		}
		start, end, ok := p.hl.selection(md)
		if want := strings.TrimSpace(md[strings.Index(md, "The last paragraph"):]); !ok || md[start:end] != want {
			t.Errorf("v then %s to the end selects %q, want %q", motion, md[start:end], want)
		}
	}
}

// The article search runs in a command, not in Update: in a 200,000-word
// article it took 150-350 ms, the screen frozen after enter. Keys pressed
// meanwhile wait for its answer and then act on it.
func TestReaderSearchOffTheScreenGoroutine(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	hs.press("/")
	hs.typeText("calmly")
	_, cmd := hs.m.Update(keyMsg("enter"))
	if len(p.matches) != 0 || cmd == nil {
		t.Fatalf("enter searched in Update: %d matches", len(p.matches))
	}
	if !strings.Contains(hs.screen(), "Searching…") {
		t.Errorf("no word that the search runs:\n%s", hs.screen())
	}
	_, next := hs.m.Update(keyMsg("n")) // typed before the answer
	hs.run(next)
	hs.run(cmd)
	if len(p.matches) != 18 || p.cur != 1 {
		t.Fatalf("after the answer: %d matches, current %d, want 18 and 1 (n waited)", len(p.matches), p.cur)
	}
	if !strings.Contains(hs.screen(), "“calmly” 2/18") {
		t.Errorf("no match counter:\n%s", hs.screen())
	}
	// A new width searches the new rendering again, off the goroutine too.
	_, cmd = hs.m.Update(tea.WindowSizeMsg{Width: 60, Height: 24})
	hs.run(cmd)
	if len(p.matches) != 18 || p.query != "calmly" {
		t.Errorf("after a resize: %d matches for %q", len(p.matches), p.query)
	}
}

// A new width keeps the current match: at match 42 of 1,878, a resize
// showed 4/1878 (the preview's few matches clamped the index) and n went
// back to the top of the article.
func TestReaderResizeKeepsTheCurrentMatch(t *testing.T) {
	hs, p, _, whole := openDeep(t)
	hs.send(whole())
	hs.press("/")
	hs.typeText("claim")
	hs.press("enter")
	for range 5 {
		hs.press("n")
	}
	if len(p.matches) < 20 {
		t.Fatalf("%d matches", len(p.matches))
	}
	at := p.matches[p.cur].Start
	_, cmd := hs.m.Update(tea.WindowSizeMsg{Width: 60, Height: 24})
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("a new width asked for %T, want a preview and the whole", cmd())
	}
	hs.send(batch[0]())
	if !p.doc.Window {
		t.Fatal("no preview")
	}
	if m := p.matches[p.cur]; m.Start != at {
		t.Errorf("in the preview the current match is at %d, want %d", m.Start, at)
	}
	hs.send(batch[1]())
	if m := p.matches[p.cur]; !p.doc.Complete || m.Start != at {
		t.Errorf("in the whole the current match is at %d, want %d", m.Start, at)
	}
}

// While a new width shows its preview, the search counts nothing: the
// preview's matches are only some of the article's (a 1,878-match search
// showed "6/6" until the whole arrived).
func TestReaderPreviewDoesNotCountMatches(t *testing.T) {
	hs, p, _, whole := openDeep(t)
	hs.send(whole())
	hs.press("/")
	hs.typeText("claim")
	hs.press("enter")
	n := len(p.matches)
	_, cmd := hs.m.Update(tea.WindowSizeMsg{Width: 60, Height: 24})
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("a new width asked for %T, want a preview and the whole", cmd())
	}
	hs.send(batch[0]())
	if !p.doc.Window || len(p.matches) == n {
		t.Fatalf("preview %v, %d matches of %d", p.doc.Window, len(p.matches), n)
	}
	if s := strings.Join(p.viewStatus(), "\n"); strings.Contains(s, fmt.Sprintf("/%d", len(p.matches))) || !strings.Contains(s, "“claim”") {
		t.Errorf("the preview's status: %q", ansi.Strip(s))
	}
	hs.send(batch[1]())
	if s := ansi.Strip(strings.Join(p.viewStatus(), "\n")); !strings.Contains(s, fmt.Sprintf("/%d", n)) {
		t.Errorf("the whole's status: %q", s)
	}
}

// Scrolling does not wait for the text: at 200,000 words its parse takes
// half a second after the first screen (issue 17: scrolling stays smooth
// while the rest renders), and j, space or ctrl-d need only the screen.
// A key that needs the text waits, and a scroll typed after it waits
// behind it, in order.
func TestScrollBeforeTheText(t *testing.T) {
	hs, lib, id, renders, text := openBeforeText(t)
	p := hs.m.pager
	if p.doc == nil || p.text != nil {
		t.Fatalf("no first screen before the text (doc %v, text %v)", p.doc != nil, p.text != nil)
	}
	hs.press("j", "space")
	if p.top == 0 || len(p.deferred) != 0 {
		t.Fatalf("j and space waited for the text: top %d, %d waiting", p.top, len(p.deferred))
	}
	top := p.top
	hs.press("h", "j")
	if p.top != top || len(p.deferred) != 2 {
		t.Fatalf("after h, j went ahead of it: top %d (was %d), %d waiting", p.top, top, len(p.deferred))
	}
	hs.send(renders[1]())
	hs.send(text()) // the text: h, then j
	if len(p.deferred) != 0 || p.top != top+1 {
		t.Errorf("the waiting keys: %d still waiting, top %d (want %d)", len(p.deferred), p.top, top+1)
	}
	if got, _ := lib.Highlights(t.Context(), id); len(got) != 1 {
		t.Errorf("the waiting h made %d highlights, want 1", len(got))
	}
}

// Scrolling a preview lands where the same keys land on the whole
// rendering, blank lines included (a line without text has no passage of
// its own: the rows above the next one are kept).
func TestPreviewScrollMatchesTheWhole(t *testing.T) {
	for _, keys := range [][]string{{"j"}, {"j", "j", "j"}, {"j", "j", "j", "j", "j", "j", "j"}, {"ctrl+d"}, {"k", "k"}, {"space", "k"}, {"ctrl+d", "ctrl+u", "j"}} {
		hs, p, window, whole := openDeep(t)
		hs.m.Update(window())
		for _, k := range keys {
			hs.m.Update(keyMsg(k))
		}
		moved := len(p.deferred) == 0
		hs.send(whole())
		want, wp, _, wholeFirst := openDeep(t)
		want.send(wholeFirst())
		for _, k := range keys {
			want.send(keyMsg(k))
		}
		if !moved || p.top != wp.top {
			t.Errorf("%v: in the preview (moved at once: %v) then the whole: top %d; the whole alone: %d", keys, moved, p.top, wp.top)
		}
	}
}

// The export's message keeps the file's name when the path is longer than
// the screen is wide: the folders give way first, then the name's middle
// (the end was cut: "Notes exported to /home/…/vault/folder/…").
func TestExportMessageKeepsTheFile(t *testing.T) {
	long := "/srv/vaults/a/very/long/path/to/some/obsidian/vault/folder/margin/Tajikistan’s Security Chief Has Gone Over.md"
	hs, p := readerHarness(t, 60, 20, func(o *Options) {
		o.Export = func(context.Context, int64) (string, error) { return long, nil }
	})
	hs.press("e")
	s := ansi.Strip(strings.Join(p.viewStatus(), "\n"))
	if !strings.HasPrefix(s, " Notes exported to …/") || !strings.HasSuffix(s, "Has Gone Over.md") || ansi.StringWidth(s) > 60 {
		t.Errorf("at 60 columns: %q", s)
	}
	hs.send(tea.WindowSizeMsg{Width: 160, Height: 40})
	if s := ansi.Strip(strings.Join(p.viewStatus(), "\n")); !strings.Contains(s, long) {
		t.Errorf("at 160 columns: %q", s)
	}
}

func TestFitPath(t *testing.T) {
	for _, c := range []struct {
		path string
		w    int
		want string
	}{
		{"/a/b/notes.md", 20, "/a/b/notes.md"},
		{"/home/me/vault/margin/notes.md", 22, "…/margin/notes.md"},
		{"/home/me/vault/margin/notes.md", 12, "…/notes.md"},
		{"/v/A very long title of an article.md", 20, "…/A very…article.md"},
		{"/v/A very long title of an article.md", 4, "…/A…"},
	} {
		if got := fitPath(c.path, c.w); got != c.want || ansi.StringWidth(got) > c.w {
			t.Errorf("fitPath(%q, %d) = %q, want %q", c.path, c.w, got, c.want)
		}
	}
}

// A long article's whole rendering runs with the collector lowered (its
// garbage had the reader peak at glamour's own peak), nested renderings
// restore the setting once, and a GOGC set lower or off is kept.
func TestLowGCWhile(t *testing.T) {
	gc := func() int { v := debug.SetGCPercent(100); debug.SetGCPercent(v); return v }
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	lowGCWhile(true, func() {
		if gc() != lowGCPercent {
			t.Errorf("during a long rendering: GOGC %d", gc())
		}
		lowGCWhile(true, func() {})
		if gc() != lowGCPercent {
			t.Errorf("after a nested one ended: GOGC %d", gc())
		}
	})
	if gc() != 100 {
		t.Errorf("after: GOGC %d, want 100", gc())
	}
	lowGCWhile(false, func() {
		if gc() != 100 {
			t.Errorf("a short article: GOGC %d", gc())
		}
	})
	for _, user := range []int{30, -1} {
		debug.SetGCPercent(user)
		lowGCWhile(true, func() {
			if gc() != user {
				t.Errorf("GOGC %d set by the user became %d", user, gc())
			}
		})
		if gc() != user {
			t.Errorf("GOGC %d set by the user: %d after", user, gc())
		}
	}
}

// A long error (an export refused: the reader edited inside the region)
// was cut at the screen's edge, its file and its fix lost; it takes the
// help bar's line too until the next key, the screen's height unchanged.
func TestLongErrorTakesTwoLines(t *testing.T) {
	msg := errors.New("export /home/me/vault/margin/Notes on slow reading.md: you edited inside the margin region, which margin rewrites; move your words above or below it")
	hs, _ := readerHarness(t, 100, 30, func(o *Options) {
		o.Export = func(context.Context, int64) (string, error) { return "", msg }
	})
	hs.press("e")
	scr := ansi.Strip(hs.screen())
	lines := strings.Split(scr, "\n")
	if len(lines) != 30 {
		t.Fatalf("%d lines", len(lines))
	}
	tail := strings.Join(lines[28:], " ")
	for _, w := range []string{"Export failed:", "Notes on slow reading.md", "move your words above or below it"} {
		if !strings.Contains(strings.Join(strings.Fields(tail), " "), w) {
			t.Errorf("the last two lines lack %q:\n%s", w, strings.Join(lines[27:], "\n"))
		}
	}
	hs.press("j")
	if scr := ansi.Strip(hs.screen()); strings.Contains(scr, "Export failed") || !strings.Contains(scr, "? more keys") && !strings.Contains(scr, "? keys") {
		t.Errorf("after a key, the help bar is not back:\n%s", scr)
	}
}

// Shrinking the terminal kept the top line and moved the cursor onto the
// passage its old row now showed: a following h highlighted the wrong
// sentence. The screen scrolls to keep the cursor's passage.
func TestShrinkKeepsTheCursorsPassage(t *testing.T) {
	hs, p := readerHarness(t, 160, 50)
	off := cursorOn(t, p, "The third sentence closes paragraph 3.2")
	if l := lineOf(p.doc, off); l < p.top || l >= p.top+p.hl.visibleLines(p) {
		t.Fatalf("the cursor's line %d is not on the first screen (top %d)", l, p.top)
	}
	hs.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	if p.hl.cursor != off {
		t.Fatalf("the cursor moved from %q to %q", p.art.Markdown[off:off+20], p.art.Markdown[p.hl.cursor:p.hl.cursor+20])
	}
	if l := lineOf(p.doc, off); l < p.top || l >= p.top+p.hl.visibleLines(p) {
		t.Errorf("the cursor's line %d is off screen (top %d)", l, p.top)
	}
	hs.press("h")
	for _, h := range hs.lib.hls {
		if !strings.Contains(h.Exact, "closes paragraph 3.2") {
			t.Errorf("h marked %q", h.Exact)
		}
	}
}

// TestNextMatchWithoutSearch: n and N before any search did nothing and
// said nothing.
func TestNextMatchWithoutSearch(t *testing.T) {
	hs, p := readerHarness(t, 80, 24)
	top := p.top
	for _, k := range []string{"n", "N"} {
		hs.press(k)
		if !strings.Contains(hs.screen(), "No search in this article: / searches.") || p.top != top {
			t.Errorf("%s without a search:\n%s", k, hs.screen())
		}
	}
	hs.press("/")
	hs.typeText("Paragraph")
	hs.press("enter", "n")
	if strings.Contains(hs.screen(), "No search in this article") {
		t.Errorf("n with matches:\n%s", hs.screen())
	}
	// After a search that found nothing, n says that, not that there
	// was no search.
	hs.press("esc", "/")
	hs.typeText("zzqqxx")
	hs.press("enter", "n")
	if !strings.Contains(hs.screen(), "No match for “zzqqxx”: / searches again.") {
		t.Errorf("n after a search without matches:\n%s", hs.screen())
	}
}

// TestLongTitleWraps: a title longer than the text's width was cut to
// one line, with room to wrap; it takes two lines now, the second cut
// with an ellipsis, and the article starts below them.
func TestLongTitleWraps(t *testing.T) {
	title := "Universal basic income is often proposed as a simple answer to automation, yet the evidence from the pilots in Finland, Kenya and California is mixed"
	for _, sz := range [][2]int{{160, 50}, {60, 20}} {
		lib := newFakeLib()
		lib.add(store.Article{Content: article.Content{Title: title, SiteName: "ubi.example", ReadingMinutes: 3,
			Markdown: testMarkdown("UBI"), Text: "text"}, Added: testNow})
		hs := newHarness(t, lib, sz[0], sz[1])
		hs.press("enter")
		p := hs.m.pager
		scr := strings.Split(hs.screen(), "\n")
		if len(p.titleLines()) != 2 || !strings.Contains(scr[0], "Universal basic income") || !strings.Contains(scr[1], "Finland") && !strings.Contains(scr[1], "…") {
			t.Errorf("%v: title lines %q:\n%s", sz, p.titleLines(), hs.screen())
		}
		if !strings.Contains(scr[2], "ubi.example") || !strings.Contains(scr[3], "───") {
			t.Errorf("%v: the meta line and the rule do not follow the title:\n%s", sz, hs.screen())
		}
		if sz[0] == 160 && !strings.Contains(hs.screen(), "Kenya and California is mixed") {
			t.Errorf("160 columns: the title is cut:\n%s", hs.screen())
		}
		if len(scr) > sz[1] {
			t.Errorf("%v: %d lines on a screen of %d", sz, len(scr), sz[1])
		}
	}
}

// TestSelectingHintFitsNarrow: at 60 columns the bar and the selection's
// keys did not fit one line, and the keys were cut ("esc c…").
func TestSelectingHintFitsNarrow(t *testing.T) {
	hs, p := readerHarness(t, 60, 20)
	cursorOn(t, p, "Paragraph 1.2")
	hs.press("v", "w")
	if !strings.Contains(hs.screen(), "selecting: h highlight · a note · esc cancel") {
		t.Errorf("the selection's keys are cut:\n%s", hs.screen())
	}
	hs.press("esc")
	if !strings.Contains(hs.screen(), "━") {
		t.Errorf("the bar did not come back:\n%s", hs.screen())
	}
}
