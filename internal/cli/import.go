package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/term"

	"margin/internal/importer"
	"margin/internal/library"
	"margin/store"
	"margin/ui"
)

// cmdImport moves another service's library in: an export file, folder or
// zip (issue 16).
func cmdImport(e *env, args []string) error {
	fs := e.flags("import")
	format := fs.String("format", "auto", "auto, "+strings.Join(importer.Formats, ", "))
	fetch := fs.Bool("fetch", true, "fetch links whose export has no content")
	noFetch := fs.Bool("no-fetch", false, "keep links without their text (margin import --retry fetches them later)")
	jobs := fs.Int("jobs", 4, "fetches at once (at most 2 per site)")
	dry := fs.Bool("dry-run", false, "say what would happen; fetch and write nothing")
	retry := fs.Bool("retry", false, "fetch again the articles kept without text")
	reportPath := fs.String("report", "", "write every item's outcome to FILE (JSON lines)")
	budget := fs.Duration("budget", 0, "stop fetching after this long (e.g. 30m); the rest is kept without text")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *retry && len(pos) > 0:
		return usageErr("import: --retry fetches the articles kept without text; give it no file")
	case *retry && (*noFetch || !*fetch):
		// Accepted, it listed every link as one it "would fetch".
		return usageErr("import: --retry fetches the articles kept without text, --no-fetch fetches nothing: give one of them")
	case !*retry && len(pos) != 1:
		return usageErr("import: give one export file, folder or zip (or --retry)")
	case *jobs < 1 || *jobs > 32:
		return usageErr("import: --jobs must be 1 to 32, not %d", *jobs)
	case *budget < 0:
		return usageErr("import: --budget must not be negative")
	}
	if *format != "auto" && !slices.Contains(importer.Formats, *format) {
		return usageErr("import: --format must be auto or one of %s, not %q", strings.Join(importer.Formats, ", "), *format)
	}
	opt := library.ImportOptions{Fetch: *fetch && !*noFetch, Jobs: *jobs, DryRun: *dry, Budget: *budget,
		RunID: time.Now().UTC().Format(time.RFC3339Nano)}
	var report *os.File
	if *reportPath != "" {
		if err := checkReportPath(e, *reportPath, pos); err != nil {
			return err
		}
		// Opened before the export is read, so a wrong path stops the
		// run at once; added to, so an interrupted run's lines stay
		// beside the rerun's.
		report, err = os.OpenFile(*reportPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		defer report.Close()
	}

	p := newImportProgress(e.stdout, *dry)
	var exp *importer.Export
	if !*retry {
		// A large wallabag export takes seconds to parse: say so.
		p.reading(filepath.Base(pos[0]))
		exp, err = importer.Open(e.ctx, pos[0], *format)
		p.clear()
		if err != nil {
			if e.ctx.Err() != nil {
				return err
			}
			// A file cut short has its whole entries before the cut: say
			// that none of them went in, rather than leave it to guess.
			return fmt.Errorf("%w; nothing was imported", err)
		}
		fmt.Fprintln(e.stdout, oneLine(exp.Summary))
		for _, p := range exp.Problems {
			fmt.Fprintln(e.stderr, "margin: "+oneLine(p))
		}
	}
	if report != nil {
		opt.Report = report
		if exp != nil {
			// The items the export's reading skipped have their line too.
			enc := json.NewEncoder(report)
			for _, prob := range exp.Problems {
				ref, why, ok := strings.Cut(oneLine(prob), ": ")
				if !ok {
					ref, why = "", ref
				}
				enc.Encode(library.ImportEvent{Ref: ref, Outcome: library.Skipped, Reason: why, Run: opt.RunID, DryRun: *dry})
			}
		}
	}
	st, done, err := e.openForImport(*dry)
	if err != nil {
		return err
	}
	defer done()
	lib := library.New(st)
	opt.Progress = p.event
	var sum library.ImportSummary
	if *retry {
		sum, err = lib.Retry(e.ctx, opt)
	} else {
		sum, err = lib.Import(e.ctx, exp.Items, opt)
	}
	p.end()
	if *retry {
		fmt.Fprintln(e.stdout, retrySummary(sum))
	} else {
		fmt.Fprintln(e.stdout, importSummary(sum))
	}
	if err != nil {
		return err
	}
	if sum.Interrupted {
		return e.ctx.Err()
	}
	return nil
}

// checkReportPath refuses a --report file that is the library (or one of
// SQLite's files beside it) or the export being imported: creating the
// report empties the file, and the library or the export was lost.
func checkReportPath(e *env, report string, exports []string) error {
	fi, err := os.Stat(report)
	if err != nil {
		return nil // a new file, or one os.Create will explain
	}
	lib, err := e.libPath()
	if err != nil {
		return err
	}
	for _, p := range []string{lib, lib + "-wal", lib + "-shm", lib + "-journal"} {
		if li, err := os.Stat(p); err == nil && os.SameFile(fi, li) {
			return usageErr("import: --report %s is the library itself: writing the report would empty it; name a new file", oneLine(report))
		}
	}
	for _, p := range exports {
		if xi, err := os.Stat(p); err == nil && os.SameFile(fi, xi) {
			return usageErr("import: --report %s is the export being imported: writing the report would empty it; name a new file", oneLine(report))
		}
	}
	return nil
}

// importProgress shows an import going: a bar redrawn in place on a
// terminal, else one line per item.
type importProgress struct {
	w     io.Writer
	tty   bool
	fd    int
	dry   bool
	start time.Time
	last  time.Time
	drawn bool
	line  string // the bar as last drawn
	// skipped is the last event when the bar was not drawn for it: end
	// draws it, so that a stopped run's bar counts every item.
	skipped *library.ImportEvent
}

func newImportProgress(w io.Writer, dry bool) *importProgress {
	p := &importProgress{w: w, dry: dry, start: time.Now()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty, p.fd = true, int(f.Fd())
	}
	return p
}

func (p *importProgress) event(ev library.ImportEvent) {
	if !p.tty {
		fmt.Fprintln(p.w, itemLine(ev, p.dry))
		return
	}
	// A terminal shows what went wrong above the bar, and the bar at most
	// ten times a second.
	if ev.Outcome == library.Failed {
		p.clear()
		fmt.Fprintln(p.w, itemLine(ev, p.dry))
	}
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && ev.Counts.Done() < ev.Counts.Total {
		p.skipped = &ev
		return
	}
	p.draw(ev, now)
}

// draw redraws the bar with ev's counts.
func (p *importProgress) draw(ev library.ImportEvent, now time.Time) {
	p.last, p.skipped = now, nil
	width := 80
	if w, _, err := term.GetSize(p.fd); err == nil && w > 0 {
		width = w
	}
	c := ev.Counts
	elapsed := now.Sub(p.start).Seconds()
	// Duplicates cost no time: the rate and the time left count the rest.
	rate := float64(c.Done()-c.Duplicates) / max(elapsed, 0.001)
	text := fmt.Sprintf("%d/%d  saved %d  kept %d  failed %d  dup %d", c.Done(), c.Total, c.Saved, c.Kept, c.Failed, c.Duplicates)
	if c.ToFetch > 0 {
		text += fmt.Sprintf("  to fetch %d", c.ToFetch)
	}
	if elapsed > 1 {
		text += fmt.Sprintf("  %.0f/s", rate)
		if left := c.Total - c.Done(); left > 0 && rate > 0 {
			text += "  " + time.Duration(float64(left)/rate*float64(time.Second)).Round(time.Second).String() + " left"
		}
	}
	// Two columns are left for the terminal's echo of ctrl-C ("^C"),
	// which end draws over: at the full width it would wrap.
	p.line = ui.ProgressLine(width-3, float64(c.Done())/float64(max(c.Total, 1)), text)
	fmt.Fprint(p.w, "\r"+p.line+"\x1b[K")
	p.drawn = true
}

// reading shows, on a terminal, that the export is being read.
func (p *importProgress) reading(name string) {
	if p.tty {
		fmt.Fprint(p.w, "Reading "+oneLine(name)+"…")
		p.drawn = true
	}
}

// clear takes the bar off its line.
func (p *importProgress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

func (p *importProgress) end() {
	if p.skipped != nil {
		p.draw(*p.skipped, time.Now())
	}
	if p.drawn {
		fmt.Fprint(p.w, "\r"+p.line+"\x1b[K\n")
		p.drawn = false
	}
}

// itemLine is one item's outcome on one line.
func itemLine(ev library.ImportEvent, dry bool) string {
	c := ev.Counts
	what := string(ev.Outcome)
	if dry {
		what = map[library.Outcome]string{library.Saved: "would save", library.Kept: "would keep without text",
			library.ToFetch: "would fetch", library.Duplicate: "duplicate", library.Failed: "would fail"}[ev.Outcome]
	} else if ev.Outcome == library.Kept {
		what = "kept without text"
	}
	name := ev.URL
	if name == "" {
		// An export's title may run to 2,000 bytes: the line names the
		// item, and --report keeps the whole title.
		name = fmt.Sprintf("%q", clip(ev.Title, 120))
	}
	s := fmt.Sprintf("[%d/%d] %s %s", c.Done(), c.Total, what, name)
	if ev.ID != 0 && ev.Outcome != library.Duplicate {
		s += fmt.Sprintf(" (article %d)", ev.ID)
	}
	if ev.Highlights > 0 {
		s += fmt.Sprintf(", %d highlight%s", ev.Highlights, plural(ev.Highlights))
		if ev.Orphans > 0 {
			s += fmt.Sprintf(" (%d not found in the text)", ev.Orphans)
		}
	}
	if ev.Reason != "" {
		s += ": " + ev.Reason
	}
	return oneLine(s)
}

// keptWhy says why items were kept without text, when a terminal showed
// only their count: the commonest reason, " (no such host example.org)"
// or " (3 of them: ...)".
func keptWhy(s library.ImportSummary) string {
	switch {
	case s.KeptWhy == "" || s.Kept == 0 || strings.Contains(s.KeptWhy, "--no-fetch"): // asked for
		return ""
	case s.KeptWhyN == s.Kept:
		return " (" + s.KeptWhy + ")"
	}
	return fmt.Sprintf(" (%d of them: %s)", s.KeptWhyN, s.KeptWhy)
}

// retrySummary is the last line of margin import --retry.
func retrySummary(s library.ImportSummary) string {
	if s.Total == 0 {
		return "No article is waiting for its text."
	}
	var b strings.Builder
	if s.DryRun {
		fmt.Fprintf(&b, "Dry run: %d article%s would be fetched again. Nothing was written.", s.ToFetch, plural(s.ToFetch))
		return b.String()
	}
	fmt.Fprintf(&b, "Fetched again %d of %d article%s in %s: %d now with their text, %d still without%s",
		s.Done(), s.Total, plural(s.Total), s.Elapsed.Round(10*time.Millisecond), s.Saved, s.Kept, keptWhy(s))
	if s.Failed > 0 {
		fmt.Fprintf(&b, ", %d failed", s.Failed)
	}
	writeHighlights(&b, s)
	if s.Interrupted {
		fmt.Fprintf(&b, " Stopped with %d left: run margin import --retry again to go on.", s.Total-s.Done())
	} else if s.Kept > 0 {
		b.WriteString(" margin show ID says why; margin import --retry tries them again later.")
	}
	return b.String()
}

// writeHighlights ends a summary with what became of the highlights.
func writeHighlights(b *strings.Builder, s library.ImportSummary) {
	if s.Highlights > 0 {
		fmt.Fprintf(b, "; %d highlight%s", s.Highlights, plural(s.Highlights))
		if s.Orphans > 0 {
			fmt.Fprintf(b, " (%d not found in the text, kept as orphans)", s.Orphans)
		}
	}
	if s.Notes > 0 && !s.DryRun {
		fmt.Fprintf(b, "; the export's notes on %d highlight%s you had added under yours", s.Notes, plural(s.Notes))
	}
	b.WriteString(".")
}

// importSummary is the run's last line.
func importSummary(s library.ImportSummary) string {
	var b strings.Builder
	if s.DryRun {
		fmt.Fprintf(&b, "Dry run of %d item%s: %d would be saved from the export's copy, %d would be fetched, %d kept without text, %d duplicate%s, %d would fail.",
			s.Total, plural(s.Total), s.Saved, s.ToFetch, s.Kept, s.Duplicates, plural(s.Duplicates), s.Failed)
		if s.Deleted > 0 {
			fmt.Fprintf(&b, " %d of the duplicates %s you deleted here, which would stay deleted.", s.Deleted, map[bool]string{true: "is an article", false: "are articles"}[s.Deleted == 1])
		}
		b.WriteString(" Nothing was written.")
		return b.String()
	}
	fmt.Fprintf(&b, "Imported %d of %d item%s in %s: %d saved, %d kept without text%s, %d duplicate%s, %d failed",
		s.Saved+s.Kept, s.Total, plural(s.Total), s.Elapsed.Round(10*time.Millisecond), s.Saved, s.Kept, keptWhy(s), s.Duplicates, plural(s.Duplicates), s.Failed)
	writeHighlights(&b, s)
	if s.Deleted > 0 {
		if s.Deleted == 1 {
			b.WriteString(" One of the duplicates is an article you deleted here: it stays deleted (margin add URL saves it again).")
		} else {
			fmt.Fprintf(&b, " %d of the duplicates are articles you deleted here: they stay deleted (margin add URL saves one again).", s.Deleted)
		}
	}
	if s.Archived > 0 {
		// They are not in margin list: say where they are.
		fmt.Fprintf(&b, " %d went to the archive (margin list --all shows them).", s.Archived)
	}
	if s.Interrupted {
		fmt.Fprintf(&b, " Stopped with %d left: run the same command again to go on.", s.Total-s.Done())
	} else if s.Kept > 0 {
		b.WriteString(" margin import --retry fetches the ones kept without text.")
	}
	return b.String()
}

// openImport opens an export for the library's I key: the path as typed
// (~ is the home folder), its format recognised by content, the links
// fetched as margin import does by default.
func openImport(ctx context.Context, lib *library.Library, path string) (*ui.ImportPlan, error) {
	path = strings.TrimSpace(path)
	full := library.PromptPath(path)
	if _, err := os.Stat(full); errors.Is(err, fs.ErrNotExist) {
		// The path as typed: the importer's messages name the file only.
		return nil, fmt.Errorf("%s: no such file or folder", oneLine(path))
	}
	exp, err := importer.Open(ctx, full, "auto")
	if err != nil {
		return nil, err
	}
	items := exp.Items
	plan := &ui.ImportPlan{Summary: oneLine(exp.Summary), Total: len(items)}
	for _, p := range exp.Problems {
		plan.Problems = append(plan.Problems, oneLine(p))
	}
	plan.Run = func(ctx context.Context, progress func(ui.ImportCounts)) (ui.ImportCounts, error) {
		opt := library.ImportOptions{Fetch: true, Progress: func(ev library.ImportEvent) { progress(uiCounts(ev.Counts)) }}
		sum, err := lib.Import(ctx, items, opt)
		items = nil // each import's items are read once
		c := uiCounts(sum.ImportCounts)
		c.Highlights, c.Orphans, c.Interrupted, c.Archived, c.Notes = sum.Highlights, sum.Orphans, sum.Interrupted, sum.Archived, sum.Notes
		c.Deleted = sum.Deleted
		if sum.Kept > 0 {
			c.KeptWhy = strings.TrimPrefix(keptWhy(sum), " ")
		}
		return c, err
	}
	return plan, nil
}

func uiCounts(c library.ImportCounts) ui.ImportCounts {
	return ui.ImportCounts{Total: c.Total, Saved: c.Saved, Kept: c.Kept, Failed: c.Failed, Duplicates: c.Duplicates}
}

// openForImport opens the library, or for a dry run opens it only to
// read: a dry run that said "Nothing was written" had made a library
// where there was none. With none yet, a dry run compares the export
// with an empty library in a folder of its own. done closes the store
// and removes that folder.
func (e *env) openForImport(dry bool) (st *store.Store, done func(), err error) {
	closeIt := func() { st.Close() }
	if !dry {
		st, err = e.open()
		return st, closeIt, err
	}
	path, err := e.libPath()
	if err != nil {
		return nil, nil, err
	}
	if _, serr := os.Stat(path); serr == nil {
		// Never opened to write, even when reading it fails (a library
		// that needs upgrading): that would write to it.
		if st, err = store.Open(path, store.ReadOnly()); err != nil {
			return nil, nil, fmt.Errorf("dry run: %w", err)
		}
		return st, closeIt, nil
	}
	dir, err := os.MkdirTemp("", "margin-dry-run")
	if err != nil {
		return nil, nil, err
	}
	if st, err = store.Open(filepath.Join(dir, "library.db")); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return st, func() { st.Close(); os.RemoveAll(dir) }, nil
}
