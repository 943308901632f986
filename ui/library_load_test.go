package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"margin/internal/article"
	"margin/store"
)

// bigLib holds n articles titled "Article i" (i = 0 is the newest), on
// sites that repeat; the oldest one (last in saved order, so beyond the
// first page) is titled "Zebra crossing".
func bigLib(n int) *fakeLib {
	lib := newFakeLib()
	for i := n - 1; i >= 0; i-- {
		title := fmt.Sprintf("Article %d", i)
		if i == n-1 {
			title = "Zebra crossing"
		}
		lib.add(store.Article{
			Content: article.Content{
				Title:          title,
				SiteName:       fmt.Sprintf("site%d.example", i%7),
				ReadingMinutes: 5,
			},
			Added: testNow.Add(-time.Duration(i) * time.Hour),
		})
	}
	return lib
}

// stepper drives a root model one message at a time, so a test can act
// between the first page of the library and the rest of it.
type stepper struct {
	t *testing.T
	m *Model
}

func newStepper(t *testing.T, lib *fakeLib, w, h int) (*stepper, tea.Cmd) {
	t.Helper()
	m := newModel(context.Background(), Options{Library: lib, Style: "dark"})
	m.common.Now = func() time.Time { return testNow }
	m.common.Loc = time.UTC
	init := m.Init()
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return &stepper{t: t, m: m}, init
}

// listOf runs cmd (and any batch in it) and returns the list message it
// produces, failing when there is none.
func (s *stepper) listOf(cmd tea.Cmd) listMsg {
	s.t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case listMsg:
			return msg
		}
	}
	s.t.Fatal("no list was read")
	return listMsg{}
}

// send delivers a message and returns the command it asks for, without
// running it.
func (s *stepper) send(msg tea.Msg) tea.Cmd {
	_, cmd := s.m.Update(msg)
	return cmd
}

func (s *stepper) press(keys ...string) {
	for _, k := range keys {
		s.send(keyMsg(k))
	}
}

func (s *stepper) typeText(text string) {
	for _, r := range text {
		s.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (s *stepper) screen() string {
	hs := harness{t: s.t, m: s.m}
	return hs.screen()
}

func (s *stepper) selectedTitle() string {
	if a := s.m.library.selected(); a != nil {
		return a.Title
	}
	return ""
}

func TestLibraryFirstPageThenAll(t *testing.T) {
	lib := bigLib(firstPage + 50)
	s, init := newStepper(t, lib, 100, 30)
	l := s.m.library

	first := s.listOf(init)
	if !first.partial || len(first.arts) != firstPage {
		t.Fatalf("first read: %d articles, partial %v; want the first %d", len(first.arts), first.partial, firstPage)
	}
	rest := s.send(first)
	if rest == nil {
		t.Fatal("no read of the rest after the first page")
	}
	// The first frame shows the newest articles and says more are coming.
	scr := s.screen()
	if !strings.Contains(scr, fmt.Sprintf("%d+ articles", firstPage)) || !strings.Contains(scr, "Article 0 ") {
		t.Fatalf("first frame:\n%s", scr)
	}
	if s.selectedTitle() != "Article 0" {
		t.Errorf("selected %q on the first page", s.selectedTitle())
	}

	all := s.listOf(rest)
	if all.partial || len(all.arts) != firstPage+50 {
		t.Fatalf("second read: %d articles, partial %v", len(all.arts), all.partial)
	}
	if cmd := s.send(all); cmd != nil {
		t.Errorf("the whole list asked for more: %v", cmd)
	}
	if l.partial || l.count() != firstPage+50 {
		t.Fatalf("after the rest: partial %v, %d rows", l.partial, l.count())
	}
	if !strings.Contains(s.screen(), fmt.Sprintf(" %d articles", firstPage+50)) {
		t.Errorf("title after the rest:\n%s", s.screen())
	}
	if want := []int{firstPage, 0}; !slices.Equal(lib.limits, want) {
		t.Errorf("List limits %v, want %v", lib.limits, want)
	}
	s.press("G")
	if s.selectedTitle() != "Zebra crossing" {
		t.Errorf("G selects %q, want the oldest article", s.selectedTitle())
	}
}

func TestLibraryFilterBeforeAllLoaded(t *testing.T) {
	lib := bigLib(firstPage + 50)
	s, init := newStepper(t, lib, 100, 30)
	l := s.m.library
	rest := s.send(s.listOf(init))

	// Typed before the rest has arrived: the only match is not on the
	// first page, so nothing matches yet, and the screen says it is
	// still loading rather than "no match".
	s.press("/")
	s.typeText("zebra")
	if l.count() != 0 {
		t.Fatalf("%d rows match in the first page", l.count())
	}
	scr := s.screen()
	if !strings.Contains(scr, "Loading…") || strings.Contains(scr, "No article matches") || !strings.Contains(scr, "0+ matching") {
		t.Errorf("filtering the first page:\n%s", scr)
	}

	// The rest arrives: the filter applies to the whole library.
	s.send(s.listOf(rest))
	if l.count() != 1 || s.selectedTitle() != "Zebra crossing" {
		t.Fatalf("after the rest: %d rows, selected %q", l.count(), s.selectedTitle())
	}
	if !strings.Contains(s.screen(), "1 matching “zebra”") {
		t.Errorf("title:\n%s", s.screen())
	}
	// Typing on filters all of it; the cursor is on the best match.
	s.press("backspace", "backspace", "backspace", "backspace", "backspace")
	s.typeText("article 24")
	if l.count() < 2 || s.selectedTitle() != "Article 24" {
		t.Errorf("filter %q: %d rows, selected %q", l.filter, l.count(), s.selectedTitle())
	}
	open := s.send(keyMsg("enter"))
	if open != nil || l.mode != libList {
		t.Fatalf("enter in the filter: mode %v", l.mode)
	}
	if cmd := s.send(keyMsg("enter")); cmd == nil {
		t.Fatal("enter does not open")
	} else if msg, ok := cmd().(openMsg); !ok || lib.arts[msg.id].Title != "Article 24" {
		t.Errorf("enter opens %v", cmd())
	}
}

func TestLibraryFilterMatchesBothPages(t *testing.T) {
	// A filter with a weak match on the first page and the best match in
	// the rest: while typing, the cursor goes to the best match of
	// everything once it arrives.
	lib := bigLib(firstPage + 50)
	for _, a := range lib.arts {
		if a.Title == "Article 3" {
			a.Title = "Zone of embers, brass and ash"
		}
	}
	s, init := newStepper(t, lib, 100, 30)
	l := s.m.library
	rest := s.send(s.listOf(init))
	s.press("/")
	s.typeText("zebra")
	if l.count() != 1 || s.selectedTitle() != "Zone of embers, brass and ash" {
		t.Fatalf("first page: %d rows, selected %q", l.count(), s.selectedTitle())
	}
	s.send(s.listOf(rest))
	if l.count() != 2 || l.cursor != 0 || s.selectedTitle() != "Zebra crossing" {
		t.Errorf("after the rest: %d rows, cursor %d on %q; want the best match, Zebra crossing", l.count(), l.cursor, s.selectedTitle())
	}

	// Once the filter is submitted, the row chosen is kept instead.
	s2, init2 := newStepper(t, lib, 100, 30)
	rest = s2.send(s2.listOf(init2))
	s2.press("/")
	s2.typeText("zebra")
	s2.press("enter")
	s2.send(s2.listOf(rest))
	if s2.selectedTitle() != "Zone of embers, brass and ash" {
		t.Errorf("submitted filter: selected %q after the rest", s2.selectedTitle())
	}
}

func TestLibrarySelectionKeptWhenAllArrives(t *testing.T) {
	lib := bigLib(firstPage + 50)
	s, init := newStepper(t, lib, 100, 30)
	l := s.m.library
	rest := s.send(s.listOf(init))
	s.press("j", "j", "j", "j", "j")
	if s.selectedTitle() != "Article 5" {
		t.Fatalf("selected %q", s.selectedTitle())
	}
	offset := l.offset
	s.send(s.listOf(rest))
	if s.selectedTitle() != "Article 5" || l.cursor != 5 || l.offset != offset {
		t.Errorf("after the rest: selected %q at %d (offset %d, was %d)", s.selectedTitle(), l.cursor, l.offset, offset)
	}
}

func TestLibraryBottomBeforeAllLoaded(t *testing.T) {
	lib := bigLib(firstPage + 50)
	s, init := newStepper(t, lib, 100, 30)
	rest := s.send(s.listOf(init))
	s.press("G")
	if s.selectedTitle() != fmt.Sprintf("Article %d", firstPage-1) {
		t.Fatalf("G on the first page selects %q", s.selectedTitle())
	}
	s.send(s.listOf(rest))
	if s.selectedTitle() != "Zebra crossing" {
		t.Errorf("G before the rest arrived ends on %q, want the last article", s.selectedTitle())
	}

	// G then k is a choice of row, kept when the rest arrives.
	s2, init2 := newStepper(t, lib, 100, 30)
	rest = s2.send(s2.listOf(init2))
	s2.press("G", "k")
	s2.send(s2.listOf(rest))
	if want := fmt.Sprintf("Article %d", firstPage-2); s2.selectedTitle() != want {
		t.Errorf("G k before the rest: selected %q, want %q", s2.selectedTitle(), want)
	}
}

func TestLibraryStaleListDropped(t *testing.T) {
	lib := bigLib(firstPage + 50)
	s, init := newStepper(t, lib, 100, 30)
	l := s.m.library
	rest := s.send(s.listOf(init))
	// Sorting by title before the rest arrives: the rest (in saved order)
	// is stale and must not replace the sorted list.
	sorted := s.send(keyMsg("o"))
	stale := s.listOf(rest)
	s.send(stale)
	if !l.partial || len(l.arts) != firstPage {
		t.Fatalf("a stale list was applied: %d articles", len(l.arts))
	}
	s.send(s.listOf(sorted))
	if l.partial || len(l.arts) != firstPage+50 || l.arts[0].Title != "Article 0" || l.arts[1].Title != "Article 1" ||
		l.arts[2].Title != "Article 10" {
		t.Errorf("sorted list: partial %v, %d articles, starting %q %q %q", l.partial, len(l.arts),
			l.arts[0].Title, l.arts[1].Title, l.arts[2].Title)
	}
	if !strings.Contains(s.screen(), fmt.Sprintf("%d articles · by title", firstPage+50)) {
		t.Errorf("title:\n%s", s.screen())
	}
}

func TestLibrarySmallReadOnce(t *testing.T) {
	// A library smaller than a page is read once, as before.
	lib := libWith(30)
	s, init := newStepper(t, lib, 80, 24)
	first := s.listOf(init)
	if first.partial || len(first.arts) != 30 {
		t.Fatalf("read %d articles, partial %v", len(first.arts), first.partial)
	}
	if cmd := s.send(first); cmd != nil {
		t.Errorf("a small library asks for more: %v", cmd)
	}
	if !slices.Equal(lib.limits, []int{firstPage}) {
		t.Errorf("List limits %v", lib.limits)
	}
	if scr := s.screen(); !strings.Contains(scr, "30 articles") || strings.Contains(scr, "+") {
		t.Errorf("title:\n%s", scr)
	}
}

func TestLibraryDeleteLastRow(t *testing.T) {
	// Deleting the bottom article shrinks the list under the cursor.
	lib := libWith(5)
	hs := newHarness(t, lib, 80, 24)
	hs.press("G")
	id := hs.m.library.selected().ID
	hs.press("d", "y")
	if _, ok := lib.arts[id]; ok {
		t.Fatal("not deleted")
	}
	if l := hs.m.library; l.count() != 4 || l.cursor != 3 {
		t.Errorf("after deleting the last row: %d rows, cursor %d", l.count(), l.cursor)
	}
}

func TestLibraryPrefetch(t *testing.T) {
	// Run reads the first page ahead, while the terminal is set up; Init
	// takes it in, so that the program's first render shows it, and asks
	// for the rest instead of reading the page again.
	lib := bigLib(firstPage + 50)
	m := newModel(context.Background(), Options{Library: lib, Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.library.prefetch(firstPage)
	s := &stepper{t: t, m: m}
	rest := m.Init()
	if s.selectedTitle() != "Article 0" || !m.library.partial || m.library.count() != firstPage {
		t.Fatalf("after Init: selected %q, partial %v, %d rows", s.selectedTitle(), m.library.partial, m.library.count())
	}
	if v := m.View().Content; !strings.Contains(v, "Article 0") || !strings.Contains(v, fmt.Sprintf("%d+ articles", firstPage)) {
		t.Errorf("the first render does not show the first page:\n%s", v)
	}
	s.send(s.listOf(rest))
	if m.library.count() != firstPage+50 {
		t.Errorf("%d rows after the rest", m.library.count())
	}
	if want := []int{firstPage, 0}; !slices.Equal(lib.limits, want) {
		t.Errorf("List limits %v, want %v", lib.limits, want)
	}
}
