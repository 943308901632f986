package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/store"
)

// fakeImport is an Options.Import whose run imports n articles, each
// after a step the test gives.
type fakeImport struct {
	lib   *fakeLib
	n     int
	step  chan struct{}
	paths []string
	kept  bool // the run ends with one link kept without text
}

func (f *fakeImport) open(ctx context.Context, path string) (*ImportPlan, error) {
	f.paths = append(f.paths, path)
	if strings.Contains(path, "nosuch") {
		return nil, errors.New("nosuch.zip: no such file or directory")
	}
	plan := &ImportPlan{Summary: fmt.Sprintf("pocket.zip: Pocket export, %d links, 1 highlight", f.n), Total: f.n}
	if strings.Contains(path, "badrow") {
		plan.Summary += ", 2 items skipped"
		plan.Problems = []string{"instapaper.csv line 11: 2 columns, expected 6", "instapaper.csv line 14: no URL"}
	}
	plan.Run = func(ctx context.Context, progress func(ImportCounts)) (ImportCounts, error) {
		c := ImportCounts{Total: f.n}
		for i := range f.n {
			select {
			case <-f.step:
			case <-ctx.Done():
				c.Interrupted = true
				return c, nil
			}
			f.lib.add(store.Article{Content: article.Content{Title: fmt.Sprintf("Imported %d", i), SiteName: "import.example"}, Added: testNow})
			c.Saved++
			progress(c)
		}
		c.Highlights = 1
		if f.kept {
			c.Kept, c.KeptWhy, c.Archived, c.Notes, c.Deleted = 1, "(no such host example.com)", 2, 1, 2
		}
		return c, nil
	}
	return plan, nil
}

func importHarness(t *testing.T, n, w, h int) (*harness, *fakeImport) {
	lib := libWith(2)
	f := &fakeImport{lib: lib, n: n, step: make(chan struct{})}
	hs := newHarness(t, lib, w, h, func(o *Options) { o.Import = f.open })
	return hs, f
}

// startMsg runs the command a key returned and gives the first message
// that is not the spinner's.
func startMsg(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if c == nil {
				continue
			}
			if m := c(); m != nil {
				if _, tick := m.(spinner.TickMsg); !tick {
					return m
				}
			}
		}
		t.Fatal("the batch gave no message")
	}
	return msg
}

// askImport presses I, types the path and enter, and checks the question.
func askImport(t *testing.T, hs *harness, f *fakeImport) {
	t.Helper()
	hs.press("I")
	if hs.m.library.mode != libImportPath || !strings.Contains(hs.screen(), "import:") {
		t.Fatalf("I did not open the import prompt:\n%s", hs.screen())
	}
	hs.typeText("~/exports/pocket.zip")
	hs.press("enter")
	if len(f.paths) != 1 || f.paths[0] != "~/exports/pocket.zip" {
		t.Fatalf("Import called with %q", f.paths)
	}
	if hs.m.library.mode != libImportAsk || !strings.Contains(hs.screen(), "pocket.zip: Pocket export, 3 links, 1 highlight — import? (y/n)") {
		t.Fatalf("the export's summary is not shown:\n%s", hs.screen())
	}
}

// I: the prompt, what the export holds, the progress in the status area,
// the summary and the new articles in the list.
func TestLibraryImport(t *testing.T) {
	hs, f := importHarness(t, 3, 100, 24)
	askImport(t, hs, f)
	_, cmd := hs.m.Update(keyMsg("y"))
	go func() { f.step <- struct{}{} }()
	_, next := hs.m.Update(startMsg(t, cmd))
	scr := hs.screen()
	if hs.m.library.mode != libImporting || !strings.Contains(scr, "1/3  saved 1") {
		t.Fatalf("no progress after the first item:\n%s", scr)
	}
	if !strings.Contains(scr, "esc stop") {
		t.Errorf("the help does not say how to stop:\n%s", scr)
	}
	// The list may be browsed meanwhile; other keys wait.
	hs.press("j")
	if hs.m.library.cursor != 1 || hs.m.library.mode != libImporting {
		t.Errorf("j during the import: cursor %d, mode %v", hs.m.library.cursor, hs.m.library.mode)
	}
	go func() { f.step <- struct{}{}; f.step <- struct{}{} }()
	hs.run(next)
	scr = hs.screen()
	if hs.m.library.mode != libList || !strings.Contains(scr, "Imported pocket.zip: 3 saved; 1 highlight.") {
		t.Fatalf("no summary:\n%s", scr)
	}
	if len(hs.m.library.arts) != 5 || !strings.Contains(scr, "Imported 2") {
		t.Errorf("the list was not reloaded with the imported articles:\n%s", scr)
	}

	// Why links were kept without text is said.
	f.kept = true
	askImport2 := func() { hs.press("I"); hs.typeText("pocket.zip"); hs.press("enter", "y") }
	go func() { f.step <- struct{}{}; f.step <- struct{}{}; f.step <- struct{}{} }()
	askImport2()
	if st := hs.m.library.status; st != "Imported pocket.zip: 3 saved, 1 not fetched (no such host example.com); 1 highlight; the export's notes on 1 highlight added under yours. 2 you had deleted here stay deleted. 2 went to the archive: . shows them. margin import --retry fetches the rest." {
		t.Errorf("no reason for the link kept without text: %q", st)
	}
}

// esc, or ctrl+c, stops a running import (its context), which ends with
// what was done; ctrl+c does not quit meanwhile.
func TestLibraryImportCancel(t *testing.T) {
	for _, k := range []string{"esc", "ctrl+c"} {
		t.Run(k, func(t *testing.T) {
			hs, f := importHarness(t, 3, 80, 24)
			askImport(t, hs, f)
			_, cmd := hs.m.Update(keyMsg("enter"))
			go func() { f.step <- struct{}{} }()
			_, next := hs.m.Update(startMsg(t, cmd))
			hs.press(k)
			if hs.quit {
				t.Fatal("the key quit margin instead of stopping the import")
			}
			if !strings.Contains(hs.screen(), "Stopping after the items in flight… 1/3 done") {
				t.Errorf("no stopping line:\n%s", hs.screen())
			}
			hs.run(next)
			scr := hs.screen()
			if hs.m.library.mode != libList || hs.m.library.imp != nil ||
				!strings.Contains(scr, "Stopped at 1 of 3 (I, enter goes on): 1 saved.") {
				t.Fatalf("no summary of the stopped import:\n%s", scr)
			}
			if len(hs.m.library.arts) != 3 {
				t.Errorf("%d articles listed, want 3", len(hs.m.library.arts))
			}
			// I offers the same path again, selected.
			hs.press("I")
			if p := hs.m.library.prompt; p == nil || !p.selected || p.Value() != "~/exports/pocket.zip" {
				t.Fatalf("I does not offer the last path: %+v", p)
			}
			hs.press("esc")
			// Back to the list: ctrl+c quits again.
			hs.press("ctrl+c")
			if !hs.quit {
				t.Error("ctrl+c does not quit after the import")
			}
		})
	}
	// n at the question imports nothing.
	hs, f := importHarness(t, 3, 80, 24)
	askImport(t, hs, f)
	hs.press("n")
	if hs.m.library.mode != libList || !strings.Contains(hs.screen(), "Import cancelled.") || len(hs.m.library.arts) != 2 {
		t.Errorf("n at the question:\n%s", hs.screen())
	}
}

// A path that cannot be read is one error line; the list stays.
func TestLibraryImportBadPath(t *testing.T) {
	hs, f := importHarness(t, 3, 80, 24)
	hs.press("I")
	hs.typeText("nosuch.zip")
	hs.press("enter")
	scr := hs.screen()
	if len(f.paths) != 1 || hs.m.library.mode != libList {
		t.Fatalf("paths %q, mode %v", f.paths, hs.m.library.mode)
	}
	if n := strings.Count(scr, "Could not import"); n != 1 || !strings.Contains(scr, "Could not import: nosuch.zip: no such file or directory") {
		t.Errorf("want one error line:\n%s", scr)
	}
	// esc at the prompt imports nothing; I without Options.Import says so.
	hs.press("I", "esc")
	if len(f.paths) != 1 || hs.m.library.mode != libList {
		t.Errorf("esc at the prompt: paths %q, mode %v", f.paths, hs.m.library.mode)
	}
	hs2 := newHarness(t, libWith(2), 80, 24)
	hs2.press("I")
	if !strings.Contains(hs2.screen(), "Importing is not available here.") {
		t.Errorf("I without an importer:\n%s", hs2.screen())
	}
}

// At 60 columns the progress line keeps its bar and the time left: counts
// still 0 are left out, the rate goes first; duplicates cost no time.
func TestLibraryImportNarrow(t *testing.T) {
	hs, _ := importHarness(t, 3, 60, 20)
	l := hs.m.library
	for _, c := range []struct {
		counts ImportCounts
		want   string
		bar    bool
	}{
		{ImportCounts{Total: 300, Saved: 14, Kept: 2}, "16/300  saved 14  not fetched 2  1m11s left", true},
		{ImportCounts{Total: 300, Saved: 14, Kept: 2, Duplicates: 10}, "26/300  saved 14  not fetched 2  dup 10  1m8s left", false},
	} {
		l.imp = &libImport{plan: &ImportPlan{Summary: "slow.txt: list of URLs", Total: 300}, cancel: func() {},
			counts: c.counts, start: testNow.Add(-4 * time.Second)}
		l.mode = libImporting
		got := ansi.Strip(l.viewImport())
		if !strings.Contains(got, c.want) || strings.Contains(got, "░") != c.bar {
			t.Errorf("progress line at 60 columns: %q, want %q (bar %v)", got, c.want, c.bar)
		}
		if w := ansi.StringWidth(got); w > 60 {
			t.Errorf("%d columns wide", w)
		}
	}
	l.imp, l.mode = nil, libList
}

// The question and the progress, as frames.
func TestLibraryImportGolden(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"120x40", 120, 40}} {
		t.Run(sz.name, func(t *testing.T) {
			hs, f := importHarness(t, 3, sz.w, sz.h)
			askImport(t, hs, f)
			hs.golden("library_import_ask_" + sz.name)
			_, cmd := hs.m.Update(keyMsg("y"))
			go func() { f.step <- struct{}{} }()
			_, next := hs.m.Update(startMsg(t, cmd))
			hs.golden("library_import_progress_" + sz.name)
			go func() { f.step <- struct{}{}; f.step <- struct{}{} }()
			hs.run(next)
			hs.golden("library_import_done_" + sz.name)
		})
	}
}

// A prompt's hint too long for the terminal ends in "…": at 60 columns the
// import prompt's stopped at "a file, folder or zip (Pocket".
func TestPromptHintCutWithEllipsis(t *testing.T) {
	hs, _ := importHarness(t, 3, 60, 20)
	hs.press("I")
	lines := strings.Split(hs.screen(), "\n")
	got := lines[len(lines)-2]
	if !strings.HasPrefix(got, "import:") || !strings.HasSuffix(got, "…") || ansi.StringWidth(got) > 60 {
		t.Errorf("import prompt at 60 columns: %q", got)
	}
	hs.press("esc")
	hs.send(tea.WindowSizeMsg{Width: 120, Height: 20})
	hs.press("I")
	lines = strings.Split(hs.screen(), "\n")
	if got := lines[len(lines)-2]; !strings.HasSuffix(got, "(Pocket, Omnivore, …)") {
		t.Errorf("import prompt at 120 columns: %q", got)
	}
}

// TestLibraryImportSaysWhatWasSkipped: the question over an export some
// of whose rows could not be read said "2 items skipped" and not which
// or why, where margin import names each.
func TestLibraryImportSaysWhatWasSkipped(t *testing.T) {
	hs, _ := importHarness(t, 3, 100, 24)
	hs.press("I")
	hs.typeText("instapaper_badrow.csv")
	hs.press("enter")
	scr := hs.screen()
	if !strings.Contains(scr, "Skipped: instapaper.csv line 11: 2 columns, expected 6 (and 1 more") || !strings.Contains(scr, "2 items skipped — import? (y/n)") {
		t.Fatalf("the skipped row is not named:\n%s", scr)
	}
	hs.press("n")
	if strings.Contains(hs.screen(), "Skipped:") {
		t.Errorf("the skipped line stays after the question:\n%s", hs.screen())
	}
}

// At 60 columns the question cut the export's counts ("2 links, 0 high…
// — import?"): the summary now wraps onto a second line that ends with
// the question, under the line naming a skipped row.
func TestLibraryImportQuestionFitsNarrow(t *testing.T) {
	hs, _ := importHarness(t, 3, 60, 20)
	hs.press("I")
	hs.typeText("instapaper_badrow.csv")
	hs.press("enter")
	scr := hs.screen()
	for _, want := range []string{"Skipped: instapaper.csv line 11", "pocket.zip: Pocket export, 3 links, 1 highlight, 2 items", "skipped — import? (y/n)"} {
		if !strings.Contains(scr, want) {
			t.Errorf("%q is not on the screen:\n%s", want, scr)
		}
	}
	if n := len(strings.Split(strings.TrimRight(scr, "\n"), "\n")); n != 20 {
		t.Errorf("%d lines, want 20:\n%s", n, scr)
	}
}
