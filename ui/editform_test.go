package ui

import (
	tea "charm.land/bubbletea/v2"
	"strings"
	"testing"
	"time"

	"margin/internal/article"
	"margin/store"
)

// E opens the details form on the selected article; tab moves between
// fields, enter saves only what changed, a bad date or address is one line
// naming the field and keeps the form open, esc leaves it unsaved
// (issue 15: an edit form in the library).
func TestLibraryEditDetails(t *testing.T) {
	lib := newFakeLib()
	id := lib.add(store.Article{
		Content: article.Content{
			Title:     "Scraped title | Site",
			Byline:    "Someone",
			SiteName:  "site.example",
			SourceURL: "https://site.example/a",
			Markdown:  "Text.",
			Text:      "Text.",
		},
		Added: testNow,
	})
	other := lib.add(store.Article{Content: article.Content{Title: "Other", SourceURL: "https://site.example/b", Markdown: "x", Text: "x"}, Added: testNow.Add(-time.Hour)})
	hs := newHarness(t, lib, 100, 30)
	hs.press("E")
	if scr := hs.screen(); !strings.Contains(scr, "Edit details") || !strings.Contains(scr, "Scraped title | Site") ||
		!strings.Contains(scr, "Someone") || !strings.Contains(scr, "enter save") {
		t.Fatalf("no details form:\n%s", scr)
	}
	hs.press("ctrl+u") // clear the title field
	hs.typeText("The real title")
	hs.press("tab", "tab", "tab") // to Published
	hs.typeText("31 March")
	hs.press("enter")
	if scr := hs.screen(); !strings.Contains(scr, `published: "31 March" is not a date like 2024-03-31`) {
		t.Fatalf("a bad date was not refused in one line:\n%s", scr)
	}
	hs.press("ctrl+u")
	hs.typeText("2024-03-31")
	hs.press("enter")
	a := lib.arts[id]
	if a.Title != "The real title" || !a.Published.Equal(time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)) || a.Byline != "Someone" || a.SiteName != "site.example" {
		t.Errorf("saved %q %v %q %q", a.Title, a.Published, a.Byline, a.SiteName)
	}
	if scr := hs.screen(); !strings.Contains(scr, "The real title") || strings.Contains(scr, "Edit details") {
		t.Errorf("the list does not show the new title:\n%s", scr)
	}
	// An address another article has: the store's refusal is one line.
	hs.press("E", "shift+tab") // to Address
	hs.press("ctrl+u")
	hs.typeText(lib.arts[other].SourceURL)
	hs.press("enter")
	if scr := hs.screen(); !strings.Contains(scr, "already saved under that address") {
		t.Errorf("a taken address was not refused:\n%s", scr)
	}
	hs.press("esc") // the form stayed open on it
	// esc leaves the form without saving.
	hs.press("E")
	hs.typeText(" and more")
	hs.press("esc")
	if a.Title != "The real title" || strings.Contains(hs.screen(), "Edit details") {
		t.Errorf("esc saved or stayed: %q", a.Title)
	}
}

// A field changed elsewhere (margin edit, another margin) while the form
// was open is not overwritten without a word: the form opens again on what
// was typed, says what the field now reads, and enter then saves over it.
// A save that fails (the library busy past its wait, the article deleted)
// opens the form again too: the form had closed, the words typed gone.
func TestEditDetailsChangedElsewhere(t *testing.T) {
	lib := libWith(1)
	hs := newHarness(t, lib, 100, 30)
	hs.press("E")
	hs.press("ctrl+u")
	hs.typeText("Mine")
	lib.arts[1].Title = "Theirs"
	hs.press("enter")
	if got := lib.arts[1].Title; got != "Theirs" {
		t.Fatalf("the title changed elsewhere was overwritten with %q", got)
	}
	if hs.m.library.mode != libEdit || !strings.Contains(hs.screen(), "Theirs") || hs.m.library.form.value(fieldTitle) != "Mine" {
		t.Fatalf("the form did not open again on what was typed:\n%s", hs.screen())
	}
	hs.press("enter")
	if got := lib.arts[1].Title; got != "Mine" {
		t.Errorf("enter again saved %q", got)
	}

	hs.press("E")
	hs.press("ctrl+u")
	hs.typeText("Kept")
	delete(lib.arts, 1)
	hs.press("enter")
	if hs.m.library.mode != libEdit || hs.m.library.form.value(fieldTitle) != "Kept" {
		t.Errorf("a failed save dropped what was typed:\n%s", hs.screen())
	}
}

// Keys typed right after E, before the article was read and the form
// open (a paste, fast typing), went to the library: "E dy" deleted the
// article ("d", then "y" to the question), "E XYZ" lost the X. They wait
// for the form now and are typed into it; esc meanwhile cancels. The same
// for v (the views chooser), where "v dy" deleted an article too.
func TestKeysTypedBeforeTheFormOpens(t *testing.T) {
	lib := newFakeLib()
	id := lib.add(store.Article{Content: article.Content{Title: "Kept", SourceURL: "https://site.example/a", Markdown: "Text.", Text: "Text."}, Added: testNow})
	hs := newHarness(t, lib, 100, 30)
	_, open := hs.m.Update(keyMsg("E"))
	hs.typeText("dy")
	hs.run(open)
	if _, ok := lib.arts[id]; !ok {
		t.Fatal("keys typed before the form opened deleted the article")
	}
	if scr := hs.screen(); !strings.Contains(scr, "Edit details") || !strings.Contains(scr, "Keptdy") {
		t.Fatalf("the keys did not reach the form:\n%s", scr)
	}
	hs.press("esc")
	// esc before the form opens cancels it, and what came before esc.
	_, open = hs.m.Update(keyMsg("E"))
	hs.typeText("x")
	hs.press("esc")
	hs.run(open)
	if strings.Contains(hs.screen(), "Edit details") || lib.arts[id].Title != "Kept" {
		t.Fatalf("esc did not cancel the form:\n%s", hs.screen())
	}
	// The views chooser.
	lib.views = []store.View{{Name: "Later", Query: "tag:later"}}
	_, open = hs.m.Update(keyMsg("v"))
	hs.typeText("dy")
	hs.run(open)
	if _, ok := lib.arts[id]; !ok {
		t.Fatal("keys typed before the views opened deleted the article")
	}
}

// A click while the details form was on its way opened the article; the
// form's answer went to the reader, and back in the library every key
// was held for a form that never came (found in review). Clicks wait too,
// and the answer reaches the library whatever is on screen.
func TestClickWhileTheFormOpens(t *testing.T) {
	lib := newFakeLib()
	lib.add(store.Article{Content: article.Content{Title: "Kept", SourceURL: "https://site.example/a", Markdown: "Text.", Text: "Text."}, Added: testNow})
	hs := newHarness(t, lib, 100, 30)
	_, open := hs.m.Update(keyMsg("E"))
	hs.send(tea.MouseClickMsg{X: 5, Y: 2, Button: tea.MouseLeft})
	hs.run(open)
	if hs.m.screen != screenLibrary || !strings.Contains(hs.screen(), "Edit details") {
		t.Fatalf("after a click while the form opened:\n%s", hs.screen())
	}
	hs.press("esc", "j")
	if hs.m.library.awaiting != "" {
		t.Error("the library still waits")
	}
}

// A paste while the form opened was dropped while keys around it were
// kept; a late answer for an article E was pressed on before opened that
// one's form, with the keys typed for the next (found in review).
func TestFormTypeaheadPasteAndLateAnswer(t *testing.T) {
	lib := newFakeLib()
	a := lib.add(store.Article{Content: article.Content{Title: "First", SourceURL: "https://site.example/a", Markdown: "Text.", Text: "Text."}, Added: testNow})
	lib.add(store.Article{Content: article.Content{Title: "Second", SourceURL: "https://site.example/b", Markdown: "Text.", Text: "Text."}, Added: testNow.Add(-time.Hour)})
	hs := newHarness(t, lib, 100, 30)
	_, open := hs.m.Update(keyMsg("E"))
	hs.send(tea.PasteMsg{Content: "foo"})
	hs.typeText("bar")
	hs.run(open)
	if !strings.Contains(hs.screen(), "Firstfoobar") {
		t.Fatalf("paste while the form opened:\n%s", hs.screen())
	}
	hs.press("esc")
	_, late := hs.m.Update(keyMsg("E")) // on First
	hs.press("esc", "j")                // cancelled, and on to Second
	_, open = hs.m.Update(keyMsg("E"))
	hs.typeText("x")
	hs.run(late)
	if strings.Contains(hs.screen(), "Edit details") {
		t.Fatalf("the late answer for %d opened a form:\n%s", a, hs.screen())
	}
	hs.run(open)
	if !strings.Contains(hs.screen(), "Secondx") {
		t.Errorf("the second form:\n%s", hs.screen())
	}
}
