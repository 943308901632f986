package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"margin/sanitize"
)

// ImportPlan is an export opened by Options.Import: what was found in it,
// and the import to run.
type ImportPlan struct {
	Summary string // one line: "pocket.zip: Pocket export, 3 CSV parts, 4,812 links, 212 highlights"
	Total   int    // items to import
	// Problems are the items the export's reading skipped, one line each
	// ("instapaper.csv line 11: 2 columns, expected 6").
	Problems []string
	// Run imports the items, calling progress after each one (one call at
	// a time, from another goroutine). Cancelling ctx stops it after the
	// items in flight; what is returned is then the part done.
	Run func(ctx context.Context, progress func(ImportCounts)) (ImportCounts, error)
}

// ImportCounts are an import's outcomes so far.
type ImportCounts struct {
	Total      int // items in the run
	Saved      int // saved with their text
	Kept       int // saved without text (not fetched)
	Failed     int // not saved
	Duplicates int // in the library already
	Highlights int // highlights saved (at the end)
	Orphans    int // of which not placed on the text
	Notes      int // highlights the library had whose export's note was added under theirs (at the end)
	Deleted    int // of the duplicates, how many the reader had deleted here (left out; at the end)
	// KeptWhy says why items were not fetched, in parentheses (at the end).
	KeptWhy  string
	Archived int // of those saved, how many are in the archive
	// Interrupted: the run was stopped; items not started are left for
	// the next run.
	Interrupted bool
}

// Done is how many items have an outcome.
func (c ImportCounts) Done() int { return c.Saved + c.Kept + c.Failed + c.Duplicates }

// Messages of the library's import (I).
type (
	// importOpenedMsg is the export read, or why it cannot be.
	importOpenedMsg struct {
		imp  *libImport // the import it belongs to; a stale one is dropped
		plan *ImportPlan
		err  error
	}
	// importProgressMsg is the latest counts of a running import.
	importProgressMsg struct {
		imp    *libImport
		counts ImportCounts
	}
	// importDoneMsg is a finished (or stopped) import.
	importDoneMsg struct {
		imp    *libImport
		counts ImportCounts
		err    error
	}
)

// libImport is the library's import in progress: opening the export,
// asking, or running.
type libImport struct {
	plan   *ImportPlan
	cancel context.CancelFunc
	counts ImportCounts
	start  time.Time
	stop   bool           // esc was pressed: stopping after the items in flight
	done   chan struct{}  // closed when Run has returned
	wait   func() tea.Cmd // waits for the next progress or the end
}

// startImportPrompt opens the path prompt.
func (l *libraryModel) startImportPrompt() tea.Cmd {
	if l.Opt.Import == nil {
		l.errLine = "Importing is not available here."
		return nil
	}
	l.mode = libImportPath
	l.prompt = newPrompt(l.Common, "import:", "the path of an export: a file, folder or zip (Pocket, Omnivore, …)")
	// The last path, selected: enter goes on with a stopped import,
	// typing replaces it.
	l.prompt.Select(l.impPath)
	return nil
}

// onImportKey handles keys while an import is asked for, read or run.
func (l *libraryModel) onImportKey(msg tea.KeyPressMsg) tea.Cmd {
	switch l.mode {
	case libImportPath:
		switch {
		case key.Matches(msg, l.Keys.Prompt.Cancel):
			l.mode, l.prompt = libList, nil
			return nil
		case key.Matches(msg, l.Keys.Prompt.Submit):
			path := strings.TrimSpace(l.prompt.Value())
			l.mode, l.prompt = libList, nil
			if path == "" {
				return nil
			}
			l.impPath = path
			return l.openImport(path)
		}
		return l.prompt.Update(msg)
	case libImportOpen:
		if key.Matches(msg, l.Keys.Prompt.Cancel, l.Keys.Quit) && l.imp != nil {
			l.imp.cancel()
		}
		return nil
	case libImportAsk:
		switch {
		case key.Matches(msg, l.Keys.Import.Go):
			return l.runImport()
		case key.Matches(msg, l.Keys.Import.Cancel, l.Keys.Quit):
			l.imp.cancel()
			l.imp, l.mode = nil, libList
			l.status = "Import cancelled."
		}
		return nil
	case libImporting:
		if key.Matches(msg, l.Keys.Import.Stop, l.Keys.Quit) {
			if !l.imp.stop {
				l.imp.stop = true
				l.imp.cancel()
			}
			return nil
		}
		l.onMoveKey(msg) // the list may be browsed as it fills
	}
	return nil
}

// openImport reads the export in a command, with the spinner.
func (l *libraryModel) openImport(path string) tea.Cmd {
	ctx, cancel := context.WithCancel(l.ctx)
	imp := &libImport{cancel: cancel}
	l.imp = imp
	l.mode = libImportOpen
	l.status, l.errLine = "Reading "+sanitize.Line(path)+"…", ""
	open := l.Opt.Import
	return tea.Batch(l.spin.Tick, func() tea.Msg {
		plan, err := open(ctx, path)
		return importOpenedMsg{imp: imp, plan: plan, err: err}
	})
}

// onImportOpened shows what the export holds and asks to go on.
func (l *libraryModel) onImportOpened(msg importOpenedMsg) tea.Cmd {
	if l.imp == nil || msg.imp != l.imp {
		return nil
	}
	l.status = ""
	switch {
	case msg.err != nil:
		l.imp.cancel()
		l.imp, l.mode = nil, libList
		if errors.Is(msg.err, context.Canceled) {
			l.status = "Import cancelled."
			return nil
		}
		l.errLine = "Could not import: " + oneLine(msg.err.Error())
		return nil
	case msg.plan == nil || msg.plan.Total == 0:
		l.imp.cancel()
		l.imp, l.mode = nil, libList
		l.errLine = "Nothing to import"
		if msg.plan != nil {
			l.errLine += " in " + oneLine(msg.plan.Summary)
		}
		l.errLine += "."
		return nil
	}
	l.imp.plan = msg.plan
	l.mode = libImportAsk
	return nil
}

// runImport starts the import: Run goes in a goroutine that the command
// starts, its progress comes back through a channel that keeps only the
// newest counts (the screen needs no more), one message at a time.
func (l *libraryModel) runImport() tea.Cmd {
	imp := l.imp
	ctx, cancel := context.WithCancel(l.ctx)
	imp.cancel, imp.start = cancel, l.Now()
	imp.counts = ImportCounts{Total: imp.plan.Total}
	imp.done = make(chan struct{})
	l.mode, l.status, l.errLine = libImporting, "", ""
	progress := make(chan ImportCounts, 1)
	result := make(chan importDoneMsg, 1)
	run, done := imp.plan.Run, imp.done
	start := func() tea.Msg {
		go func() {
			defer close(done)
			counts, err := run(ctx, func(c ImportCounts) {
				// Only the newest counts matter: replace what the
				// screen has not taken yet (this is the only sender).
				select {
				case progress <- c:
				default:
					select {
					case <-progress:
					default:
					}
					progress <- c
				}
			})
			result <- importDoneMsg{imp: imp, counts: counts, err: err}
		}()
		return waitImport(imp, progress, result)()
	}
	imp.wait = func() tea.Cmd { return waitImport(imp, progress, result) }
	return tea.Batch(l.spin.Tick, start)
}

// waitImport is a command that waits for the next progress or the end.
func waitImport(imp *libImport, progress <-chan ImportCounts, result <-chan importDoneMsg) tea.Cmd {
	return func() tea.Msg {
		select {
		case c := <-progress:
			return importProgressMsg{imp: imp, counts: c}
		case r := <-result:
			return r
		}
	}
}

// onImportProgress shows the newest counts and waits for the next.
func (l *libraryModel) onImportProgress(msg importProgressMsg) tea.Cmd {
	if l.imp == nil || msg.imp != l.imp || l.mode != libImporting {
		return nil
	}
	l.imp.counts = msg.counts
	return l.imp.wait()
}

// onImportDone says what the import did and shows the new articles.
func (l *libraryModel) onImportDone(msg importDoneMsg) tea.Cmd {
	if l.imp == nil || msg.imp != l.imp {
		return nil
	}
	imp := l.imp
	imp.cancel()
	l.imp, l.mode = nil, libList
	c := msg.counts
	name := importName(imp.plan.Summary)
	// One line that fits a narrow footer: what matters first, counts
	// that are 0 left out.
	var b strings.Builder
	if c.Interrupted || imp.stop {
		fmt.Fprintf(&b, "Stopped at %d of %d (I, enter goes on)", c.Done(), c.Total)
	} else {
		fmt.Fprintf(&b, "Imported %s", name)
	}
	var parts []string
	for _, n := range []struct {
		n    int
		what string
	}{{c.Saved, "saved"}, {c.Kept, "not fetched"}, {c.Duplicates, "already here"}, {c.Failed, "failed"}} {
		if n.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n.n, n.what))
		}
		if n.what == "not fetched" && n.n > 0 && c.KeptWhy != "" {
			parts[len(parts)-1] += " " + oneLine(c.KeptWhy)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing new")
	}
	b.WriteString(": " + strings.Join(parts, ", "))
	if c.Highlights > 0 {
		fmt.Fprintf(&b, "; %d highlight%s", c.Highlights, plural(c.Highlights))
		if c.Orphans > 0 {
			fmt.Fprintf(&b, " (%d not found in the text)", c.Orphans)
		}
	}
	if c.Notes > 0 {
		fmt.Fprintf(&b, "; the export's notes on %d highlight%s added under yours", c.Notes, plural(c.Notes))
	}
	b.WriteString(".")
	if c.Deleted > 0 {
		fmt.Fprintf(&b, " %d you had deleted here stay%s deleted.", c.Deleted, map[bool]string{true: "s", false: ""}[c.Deleted == 1])
	}
	if c.Archived > 0 && !l.archived {
		// The list leaves them out: say where they are.
		fmt.Fprintf(&b, " %d went to the archive: . shows them.", c.Archived)
	}
	if c.Kept > 0 && !c.Interrupted && !imp.stop {
		b.WriteString(" margin import --retry fetches the rest.")
	}
	if msg.err != nil {
		l.errLine = "Could not import: " + oneLine(msg.err.Error()) + " " + b.String()
	} else {
		l.status = b.String()
	}
	return l.reload()
}

// importName is the file an export's summary names ("pocket.zip: ...").
func importName(summary string) string {
	if name, _, ok := strings.Cut(summary, ": "); ok {
		return sanitize.Line(name)
	}
	return "the export"
}

// stopImport stops a running import and waits (at most d) for the items
// in flight to be written, when margin quits.
func (l *libraryModel) stopImport(d time.Duration) {
	imp := l.imp
	if imp == nil {
		return
	}
	imp.cancel()
	if imp.done == nil {
		return
	}
	select {
	case <-imp.done:
	case <-time.After(d):
	}
}

// importing is true while an import is read, asked about or run: ctrl+c
// then stops it rather than quitting.
func (l *libraryModel) importing() bool { return l.imp != nil }

// viewSkipped is the line over the import's question that names the
// first item the export's reading skipped, as margin import prints it:
// the summary alone said "1 item skipped" and not which or why.
func (l *libraryModel) viewSkipped() (string, bool) {
	ps := l.imp.plan.Problems
	if len(ps) == 0 {
		return "", false
	}
	text := "Skipped: " + oneLine(ps[0])
	if n := len(ps) - 1; n > 0 {
		text += fmt.Sprintf(" (and %d more: margin import lists them)", n)
	}
	return truncate(" "+l.Styles.App.Error.Render(text), l.Width), true
}

// viewAsk is the import's question: the export's summary and "import?"
// on one line, or, when they do not fit, on two, the summary wrapped and
// cut on the second line before the question, which always shows (the
// counts at the summary's end were cut on a narrow screen).
func (l *libraryModel) viewAsk() []string {
	st, w := l.Styles, l.Width
	const ask = " — import? (y/n)"
	sum := oneLine(l.imp.plan.Summary)
	if 1+lipgloss.Width(sum+ask) <= w {
		return []string{" " + st.App.Status.Render(sum+ask)}
	}
	lines := wrapPlain(sum, max(w-1, 10))
	rest := strings.Join(lines[1:], " ")
	second := truncate(rest, max(w-1-lipgloss.Width(ask), 1)) + ask
	if rest == "" {
		second = "Import? (y/n)"
	}
	return []string{truncate(" "+st.App.Status.Render(lines[0]), w), truncate(" "+st.App.Status.Render(second), w)}
}

// viewImport is the footer while an import is read or run (viewAsk asks).
func (l *libraryModel) viewImport() string {
	st := l.Styles
	w := l.Width
	switch l.mode {
	case libImportOpen:
		return truncate(" "+l.spin.View()+" "+st.App.Dim.Render(l.status), w)
	}
	c := l.imp.counts
	if l.imp.stop {
		return truncate(" "+l.spin.View()+" "+st.App.Dim.Render(fmt.Sprintf("Stopping after the items in flight… %d/%d done", c.Done(), c.Total)), w)
	}
	// Counts that are still 0 are left out: the bar keeps its room on a
	// narrow terminal.
	text := fmt.Sprintf("%d/%d  saved %d", c.Done(), c.Total, c.Saved)
	for _, n := range []struct {
		n    int
		what string
	}{{c.Kept, "not fetched"}, {c.Duplicates, "dup"}, {c.Failed, "failed"}} {
		if n.n > 0 {
			text += fmt.Sprintf("  %s %d", n.what, n.n)
		}
	}
	// Duplicates cost no time: the rate and the time left count the rest.
	if el, worked := l.Now().Sub(l.imp.start).Seconds(), c.Done()-c.Duplicates; el >= 1 && worked > 0 {
		rate := float64(worked) / el
		left := ""
		if n := c.Total - c.Done(); n > 0 {
			left = "  " + (time.Duration(float64(n)/rate) * time.Second).Round(time.Second).String() + " left"
		}
		// The rate goes first when the bar would not fit.
		if withRate := text + fmt.Sprintf("  %.1f/s", rate) + left; w-4-lipgloss.Width(withRate)-1 >= 10 {
			text = withRate
		} else {
			text += left
		}
	}
	line := ProgressLine(w-4, float64(c.Done())/float64(max(c.Total, 1)), text)
	return truncate(" "+l.spin.View()+" "+line, w)
}

// importHelp is the help line while an import is read, asked about or run.
func (l *libraryModel) importHelp() []key.Binding {
	switch l.mode {
	case libImportPath:
		return l.Keys.Prompt.ShortHelp()
	case libImportAsk:
		return []key.Binding{l.Keys.Import.Go, l.Keys.Import.Cancel}
	case libImportOpen:
		return []key.Binding{l.Keys.Prompt.Cancel}
	}
	return []key.Binding{l.Keys.Import.Stop, l.keys.Up, l.keys.Down}
}

// oneLine is s on one line, without control characters.
func oneLine(s string) string { return strings.Join(strings.Fields(sanitize.Line(s)), " ") }
