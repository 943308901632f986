package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	_ "modernc.org/sqlite"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"margin/internal/library"
	"margin/store"
)

// pocketFile writes a Pocket ril_export.html of the given links: the
// first half unread, the rest in the read archive.
func pocketFile(t *testing.T, links []string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>Pocket Export</title></head>\n<body>\n<h1>Unread</h1>\n<ul>\n")
	for i, u := range links {
		if i == len(links)/2 {
			b.WriteString("</ul>\n\n<h1>Read Archive</h1>\n<ul>\n")
		}
		fmt.Fprintf(&b, "<li><a href=\"%s\" time_added=\"%d\" tags=\"bulk,n%d\">Link %d</a></li>\n", u, 1500000000+i, i%7, i)
	}
	b.WriteString("</ul>\n</body>\n</html>\n")
	path := filepath.Join(t.TempDir(), "ril_export.html")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The test: 2,000 links against a loopback server where some
// pages are slow, some 404 and some answer 429 with Retry-After; the
// import is killed (SIGKILL) in the middle, run again, and every link is
// in the library exactly once, the 404 ones kept without text.
func TestImportTwoThousandLinksKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs margin")
	}
	const n = 2000
	var served atomic.Int64
	var mu sync.Mutex
	hits := map[int]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		hits[i]++
		first := hits[i] == 1
		mu.Unlock()
		switch {
		case i%40 == 3:
			http.NotFound(w, r)
			return
		case i%500 == 11 && first:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		case i%50 == 5:
			time.Sleep(100 * time.Millisecond)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>Page %d</title></head><body><article><h1>Page %d</h1>", i, i)
		for k := range 3 {
			fmt.Fprintf(w, "<p>Paragraph %d of page %d carries enough ordinary words to be read as an article's prose by margin.</p>", k, i)
		}
		fmt.Fprint(w, "</article></body></html>")
		served.Add(1)
	}))
	defer srv.Close()
	// Two host names for the one server, so the per-host limit (2) is
	// not the whole import's.
	hosts := []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)}
	links := make([]string, n)
	for i := range links {
		links[i] = fmt.Sprintf("%s/p/%d", hosts[i%2], i)
	}
	file := pocketFile(t, links)
	db := filepath.Join(t.TempDir(), "lib.db")
	bin := marginBinary(t)
	start := time.Now()

	// First run: killed once about a third of the pages are in.
	cmd := exec.Command(bin, "import", file, "--jobs", "8", "--db", db)
	cmd.Env = append(os.Environ(), "MARGIN_DB=")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	killed := false
	for deadline := time.Now().Add(40 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if served.Load() >= n/3 {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the first run ended before it was killed: %v", err)
		default:
		}
	}
	<-done
	if !killed {
		t.Fatal("the first run served too few pages to be killed in the middle")
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	first, _ := st.Count(context.Background())
	st.Close()
	if first == 0 || first >= n {
		t.Errorf("%d articles after the kill; the test wants it in the middle", first)
	}

	// Second run: resumes, skipping what is saved.
	out, errOut, code := runBin(t, db, "import", file, "--jobs", "8")
	if code != 0 {
		t.Fatalf("rerun exit %d: %s %s", code, out, errOut)
	}
	t.Logf("%d saved before the kill; both runs took %s; rerun said: %s", first, time.Since(start).Round(time.Millisecond),
		out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
	if !strings.Contains(out, "Imported") || !strings.Contains(out, fmt.Sprintf("of %d items", n)) {
		t.Errorf("rerun summary: %s", out)
	}

	st, err = store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if c, _ := st.Count(ctx); c != n {
		t.Errorf("%d articles, want %d", c, n)
	}
	ids := map[int64]bool{}
	for i, u := range links {
		id, err := st.FindURL(ctx, u)
		if err != nil {
			t.Errorf("link %d (%s) missing: %v", i, u, err)
			continue
		}
		if ids[id] {
			t.Errorf("link %d is the same article as another", i)
		}
		ids[id] = true
		if i%40 == 3 || i%300 == 0 {
			a, err := st.Article(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case i%40 == 3 && (a.Fetched() || a.FetchError != "HTTP 404 Not Found" || a.Title != fmt.Sprintf("Link %d", i)):
				t.Errorf("404 link %d: fetched %v, reason %q, title %q", i, a.Fetched(), a.FetchError, a.Title)
			case i%40 != 3 && (!a.Fetched() || !strings.Contains(a.Markdown, fmt.Sprintf("of page %d ", i))):
				t.Errorf("link %d not fetched: %q", i, a.FetchError)
			}
		}
	}
	un, _ := st.Unfetched(ctx)
	if len(un) != n/40 {
		t.Errorf("%d kept without text, want the %d that 404", len(un), n/40)
	}
	// Resuming skipped what the first run saved: a page is fetched again
	// only if it was in flight (or waiting to be written) at the kill.
	if s := served.Load(); s > int64(n-n/40)+100 {
		t.Errorf("%d pages served for %d links: the rerun fetched saved ones again", s, n-n/40)
	}
}

// margin import as a user types it: dry run, no fetch, the report, what
// show says of a link kept without text, the usage errors.
func TestImportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	file := pocketFile(t, []string{"https://one.example/a", "https://two.example/b", "https://one.example/a?utm_source=x"})
	out := must(t, db, "import", file, "--dry-run", "--no-fetch")
	if !strings.Contains(out, "Pocket") || !strings.Contains(out, "Nothing was written") {
		t.Errorf("dry run said:\n%s", out)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a dry run made a library: %v", err)
	}
	if n := strings.Count(must(t, db, "list", "--all"), "\n"); n > 1 {
		t.Errorf("a dry run saved articles:\n%d lines", n)
	}
	// On a library that exists, a dry run still finds its duplicates.
	must(t, db, "import", file, "--no-fetch")
	before, _ := os.ReadFile(db)
	if out := must(t, db, "import", file, "--dry-run", "--no-fetch"); !strings.Contains(out, "3 duplicate") {
		t.Errorf("dry run over the library said:\n%s", out)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Errorf("a dry run changed the library file")
	}
	// A library that needs upgrading is not upgraded by a dry run: it
	// fell back to opening it to write.
	old := filepath.Join(t.TempDir(), "old.db")
	must(t, old, "import", file, "--no-fetch")
	sdb, err := sql.Open("sqlite", old)
	if err != nil {
		t.Fatal(err)
	}
	sdb.Exec("PRAGMA user_version = 3")
	sdb.Close()
	oldBytes, _ := os.ReadFile(old)
	if _, _, err := margin(t, old, "", "import", file, "--dry-run", "--no-fetch"); err == nil || !strings.Contains(err.Error(), "dry run:") {
		t.Errorf("a dry run on a library that needs upgrading: %v", err)
	}
	if b, _ := os.ReadFile(old); !bytes.Equal(b, oldBytes) {
		t.Errorf("a dry run upgraded the library")
	}
	for _, f := range []string{db, db + "-wal", db + "-shm"} {
		os.Remove(f)
	}
	report := filepath.Join(t.TempDir(), "report.jsonl")
	out = must(t, db, "import", file, "--no-fetch", "--report", report)
	for _, want := range []string{"kept without text https://one.example/a (article", "duplicate https://one.example/a?utm_source=x: the same address as item 1 (", "2 kept without text, 1 duplicate", "--retry"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	if b, err := os.ReadFile(report); err != nil || strings.Count(string(b), "\n") != 3 || !strings.Contains(string(b), `"outcome":"kept"`) {
		t.Errorf("report: %q %v", b, err)
	}
	// A rerun adds its lines: an interrupted run's report was lost to
	// the rerun's.
	must(t, db, "import", file, "--no-fetch", "--report", report)
	if b, _ := os.ReadFile(report); strings.Count(string(b), "\n") != 6 || !strings.Contains(string(b), `"outcome":"duplicate"`) {
		t.Errorf("report after a rerun: %q", b)
	}
	// Each line names its run, and a dry run's say so: the runs' lines
	// could not be told apart.
	must(t, db, "import", file, "--no-fetch", "--dry-run", "--report", report)
	b, _ := os.ReadFile(report)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	runs := map[string]bool{}
	for i, l := range lines {
		var ev struct {
			Run    string `json:"run"`
			DryRun bool   `json:"dry_run"`
		}
		if err := json.Unmarshal([]byte(l), &ev); err != nil || ev.Run == "" || ev.DryRun != (i >= 6) {
			t.Errorf("line %d %q: %v", i, l, err)
		}
		runs[ev.Run] = true
	}
	if len(lines) != 9 || len(runs) != 3 {
		t.Errorf("%d report lines of %d runs", len(lines), len(runs))
	}
	// An export that cannot be read says nothing went in: a wallabag
	// file cut short had nineteen whole entries, and the user was left to
	// guess whether they were imported.
	cut := filepath.Join(t.TempDir(), "wallabag.json")
	os.WriteFile(cut, []byte(`[{"is_archived": 1, "url": "https://example.com/a", "title": "A"}, {"is_archived": 0, "url": "https://exa`), 0o644)
	if _, _, err := margin(t, db, "", "import", cut, "--no-fetch"); err == nil || !strings.Contains(err.Error(), "the file is cut short; nothing was imported") {
		t.Errorf("a file cut short: %v", err)
	}
	// A report that cannot be written stops the run before the export
	// is read.
	out, _, err = margin(t, db, "", "import", file, "--no-fetch", "--report", filepath.Join(t.TempDir(), "no", "r.jsonl"))
	if err == nil || strings.Contains(out, "Pocket") || !strings.Contains(err.Error(), "report:") {
		t.Errorf("a report in a missing folder: %v\n%s", err, out)
	}
	_, _, err = margin(t, db, "", "show", "1")
	if err == nil || !strings.Contains(err.Error(), "not fetched: imported with --no-fetch; margin import --retry") {
		t.Errorf("show of a link without text: %v", err)
	}
	for _, args := range [][]string{{"import"}, {"import", file, "--retry"}, {"import", file, "--jobs", "0"}, {"import", file, "--format", "kindle"}} {
		if _, _, err := margin(t, db, "", args...); err == nil || !strings.Contains(err.Error(), "import:") {
			t.Errorf("margin %s: %v, want a usage error", strings.Join(args, " "), err)
		}
	}
	// An article deleted here stays deleted when the export is read again.
	var two string // ids follow the order the items were written in
	for _, line := range strings.Split(must(t, db, "list", "--all"), "\n") {
		if strings.Contains(line, "two.example") {
			two = strings.Fields(line)[0]
		}
	}
	must(t, db, "rm", two, "--yes")
	out = must(t, db, "import", file, "--no-fetch")
	if !strings.Contains(out, "duplicate https://two.example/b: deleted here before, so left out") ||
		!strings.Contains(out, "One of the duplicates is an article you deleted here: it stays deleted (margin add URL saves it again).") {
		t.Errorf("import after a delete:\n%s", out)
	}
	if l := must(t, db, "list", "--all"); strings.Contains(l, "two.example") {
		t.Errorf("the deleted article came back:\n%s", l)
	}
}

// --report holds every item of the export, those skipped when it was
// read (no URL, not http) too: they were only on stderr, and a report of
// 4,990 lines for 5,000 items did not say what became of the others.
func TestImportReportHasSkippedItems(t *testing.T) {
	dir := t.TempDir()
	db, file, report := filepath.Join(dir, "lib.db"), filepath.Join(dir, "pocket.csv"), filepath.Join(dir, "report.jsonl")
	csv := "title,url,time_added,tags,status\nOne,https://one.example/a,1700000000,,unread\nNo link,,1700000000,,unread\nFTP,ftp://x.example/f,1700000000,,unread\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, db, "import", file, "--no-fetch", "--report", report)
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var ev struct{ Outcome, Ref, Reason string }
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if ev.Outcome == "skipped" {
			skipped = append(skipped, ev.Ref+": "+ev.Reason)
		}
	}
	want := []string{"pocket.csv line 3: no URL", `pocket.csv line 4: "ftp://x.example/f" is not an http(s) URL`}
	if !slices.Equal(skipped, want) {
		t.Errorf("skipped in the report %q, want %q\n%s", skipped, want, b)
	}
}

// A link the --budget left unfetched says once how to fetch it: its
// reason carried "margin import --retry fetches it" into show's message
// and the summary, which say it already.
func TestImportBudgetSaysRetryOnce(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // never answers within the budget
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "urls.txt")
	if err := os.WriteFile(file, []byte(srv.URL+"/slow\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := must(t, db, "import", file, "--budget", "50ms")
	if n := strings.Count(out, "--retry"); !strings.Contains(out, "time budget") || n != 1 {
		t.Errorf("import said --retry %d times, want once (the summary):\n%s", n, out)
	}
	_, _, err := margin(t, db, "", "show", "1")
	if err == nil || strings.Count(err.Error(), "--retry") != 1 || strings.Contains(err.Error(), "not fetched: not fetched") {
		t.Errorf("show: %v", err)
	}
}

// The articles an import put in the archive are not in margin list: the
// summary says how many went there and how to see them (the library's I
// said it, the command did not, and 3,000 of 5,000 looked lost).
func TestImportSummarySaysArchived(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "pocket.csv")
	csv := "title,url,time_added,tags,status\nOne,https://one.example/a,1700000000,,archive\nTwo,https://one.example/b,1700000000,,unread\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := must(t, db, "import", file, "--no-fetch")
	if !strings.Contains(out, "1 went to the archive (margin list --all shows them)") {
		t.Errorf("import said:\n%s", out)
	}
}

func TestRetrySummary(t *testing.T) {
	for _, c := range []struct {
		sum  library.ImportSummary
		want string
	}{
		{library.ImportSummary{}, "No article is waiting for its text."},
		{library.ImportSummary{ImportCounts: library.ImportCounts{Total: 9, Saved: 5, Kept: 4}, Highlights: 2},
			"Fetched again 9 of 9 articles in 0s: 5 now with their text, 4 still without; 2 highlights. margin show ID says why; margin import --retry tries them again later."},
		{library.ImportSummary{ImportCounts: library.ImportCounts{Total: 9, Saved: 2}, Interrupted: true},
			"Fetched again 2 of 9 articles in 0s: 2 now with their text, 0 still without. Stopped with 7 left: run margin import --retry again to go on."},
	} {
		if got := retrySummary(c.sum); got != c.want {
			t.Errorf("retrySummary(%+v)\n got %q\nwant %q", c.sum, got, c.want)
		}
	}
}

// On a terminal the bar leaves room for the echo of ctrl-C, and the end
// draws it again over that echo.
func TestImportProgressEnd(t *testing.T) {
	var b strings.Builder
	p := &importProgress{w: &b, tty: true, fd: -1, start: time.Now()}
	p.event(library.ImportEvent{Outcome: library.Saved, Counts: library.ImportCounts{Total: 300, Saved: 21}})
	p.end()
	out := b.String()
	if w := ansi.StringWidth(p.line); w > 77 {
		t.Errorf("the bar is %d columns wide on an 80-column terminal", w)
	}
	if !strings.HasSuffix(out, "\r"+p.line+"\x1b[K\n") {
		t.Errorf("end does not redraw the bar over the ^C: %q", out)
	}
}

// The bar left on the screen when a run stops counts every item: an item
// done within a tenth of a second of the last drawing is drawn at the end.
func TestImportProgressEndCountsTheLastItems(t *testing.T) {
	var b strings.Builder
	p := &importProgress{w: &b, tty: true, fd: -1, start: time.Now()}
	p.event(library.ImportEvent{Outcome: library.Saved, Counts: library.ImportCounts{Total: 20, Saved: 1}})
	p.event(library.ImportEvent{Outcome: library.Saved, Counts: library.ImportCounts{Total: 20, Saved: 2}})
	p.end()
	if out := b.String(); !strings.HasSuffix(out, "\x1b[K\n") || !strings.Contains(p.line, "2/20  saved 2") {
		t.Errorf("the bar at the end: %q", p.line)
	}
}

// The library's I: ~ is the home folder; a path that is not there is
// named as typed; a dragged file's quotes are taken off.
func TestOpenImportForTheLibrary(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	os.WriteFile(filepath.Join(home, "links.txt"), []byte("https://example.org/a\nhttps://example.org/b\n"), 0o644)
	plan, err := openImport(context.Background(), nil, " ~/links.txt ")
	if err != nil || plan.Total != 2 || !strings.HasPrefix(plan.Summary, "links.txt: list of URLs, 2 links") {
		t.Fatalf("%+v %v", plan, err)
	}
	// A file dragged onto the terminal: quoted, or its spaces escaped.
	os.WriteFile(filepath.Join(home, "my links.txt"), []byte("https://example.org/a\n"), 0o644)
	for _, typed := range []string{"'" + filepath.Join(home, "my links.txt") + "' ", `~/my\ links.txt`} {
		if plan, err := openImport(context.Background(), nil, typed); err != nil || plan.Total != 1 {
			t.Errorf("%s: %+v %v", typed, plan, err)
		}
	}
	_, err = openImport(context.Background(), nil, "~/exports/nosuch.zip")
	if err == nil || err.Error() != "~/exports/nosuch.zip: no such file or folder" {
		t.Errorf("missing path: %v", err)
	}
}

func TestKeptWhy(t *testing.T) {
	if got := importSummary(library.ImportSummary{ImportCounts: library.ImportCounts{Total: 3, ToFetch: 3}, DryRun: true}); !strings.Contains(got, "3 would be fetched") {
		t.Errorf("dry run: %q", got)
	}
	s := library.ImportSummary{ImportCounts: library.ImportCounts{Total: 4, Kept: 4}, KeptWhy: "no such host example.com", KeptWhyN: 4}
	if got := importSummary(s); !strings.Contains(got, "4 kept without text (no such host example.com), 0 duplicates") {
		t.Errorf("%q", got)
	}
	s.KeptWhyN = 3
	if got := keptWhy(s); got != " (3 of them: no such host example.com)" {
		t.Errorf("%q", got)
	}
}

// An item without a URL (a Readwise book) is named by its title, which an
// export may make 2,000 bytes long: its line printed all of it.
func TestItemLineClipsALongTitle(t *testing.T) {
	ev := library.ImportEvent{Title: strings.Repeat("T", 2000), Outcome: library.Saved, ID: 2, Highlights: 1,
		Counts: library.ImportCounts{Total: 3, Saved: 2}}
	got := itemLine(ev, false)
	if len([]rune(got)) > 200 || !strings.Contains(got, "…") || !strings.HasSuffix(got, "(article 2), 1 highlight") {
		t.Errorf("itemLine of a 2,000-byte title is %d runes: %.80q…", len([]rune(got)), got)
	}
}

// margin import FILE --report LIBRARY emptied the library (the report is
// created before the import), and --report FILE emptied the export being
// imported. Both are refused now, and neither file is touched.
func TestImportReportRefusesLibraryAndExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	page := filepath.Join(dir, "p.html")
	os.WriteFile(page, []byte(essay), 0o644)
	must(t, db, "add", page)
	urls := filepath.Join(dir, "urls.txt")
	const list = "http://127.0.0.1:1/a\n"
	os.WriteFile(urls, []byte(list), 0o644)
	for _, report := range []string{db, urls} {
		_, _, err := margin(t, db, "", "import", urls, "--no-fetch", "--report", report)
		if err == nil || !strings.Contains(err.Error(), "would empty it") {
			t.Errorf("import --report %s: %v", filepath.Base(report), err)
		}
	}
	if b, _ := os.ReadFile(urls); string(b) != list {
		t.Errorf("the export now reads %q", b)
	}
	if out := must(t, db, "list"); !strings.Contains(out, "Security Assistance") {
		t.Errorf("the library lost its article: %q", out)
	}
}

// TestImportSummarySaysNotes: the last line said nothing of the export's
// notes added under the user's (only the item's own line did, which a
// long import scrolls away).
func TestImportSummarySaysNotes(t *testing.T) {
	s := library.ImportSummary{ImportCounts: library.ImportCounts{Total: 3, Duplicates: 3}, Notes: 2}
	if got := importSummary(s); !strings.Contains(got, "3 duplicates, 0 failed; the export's notes on 2 highlights you had added under yours.") {
		t.Errorf("%q", got)
	}
}

// A pasted text whose cleaning left out most of it (the same article fifty
// times: the repeats read as a page's) was saved as a few hundred words
// without a word said; the add says what was left out and how to keep it.
func TestAddSaysWhatCleaningLeftOut(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "long.txt")
	one := "Home\nNews\nSport\n\nA Report on the Harbour\n\nBy Jane Roe\n\n" + strings.Join(paragraphs(8), "\n\n") + "\n\n© 2020 Example News. All rights reserved.\n\n"
	writeText(t, file, []string{strings.Repeat(one, 50)})
	out := must(t, db, "add", file)
	if !strings.Contains(out, "words of the text were left out as a page's menus, repeats and comments; saved as a .md file, every word is kept") {
		t.Errorf("%q", out)
	}
	// A text kept whole says nothing more.
	short := filepath.Join(dir, "short.txt")
	writeText(t, short, paragraphs(8))
	if out := must(t, db, "add", short); strings.Contains(out, "left out") {
		t.Errorf("%q", out)
	}
}
