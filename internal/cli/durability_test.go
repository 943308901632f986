package cli

// End-to-end proofs of issue 7's store promises, with the real binary:
// two processes at once lose nothing, a SIGKILL keeps every confirmed
// write and leaves a library that passes margin check, a locked, read-only
// or full library gives one clear line, and backup/check do what they say.

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// runBin runs the margin binary once and returns its output and exit code.
func runBin(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(marginBinary(t), append(args, "--db", db)...)
	cmd.Env = append(os.Environ(), "MARGIN_DB=", "MARGIN_EXPORT_DIR="+t.TempDir())
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run margin %s: %v", strings.Join(args, " "), err)
	}
	return o.String(), e.String(), code
}

// articleFile writes an article whose title and paragraphs carry tag, so
// a quote of "kq<tag>x" is unique in it.
func articleFile(t *testing.T, dir, tag string, quotes int) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><meta charset=utf-8><title>Essay %s</title></head><body><article><h1>Essay %s</h1>\n", tag, tag)
	for i := range max(quotes, 4) {
		fmt.Fprintf(&b, "<p>Paragraph %d of essay %s holds the marker kq%s%03dx among ordinary words, so that readability keeps it as article text and a highlight can find it again.</p>\n", i, tag, tag, i)
	}
	b.WriteString("</article></body></html>\n")
	p := filepath.Join(dir, "essay-"+tag+".html")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// libraryState is what margin list/highlights report, by id.
type libraryState struct {
	articles   map[string]string // id -> title
	highlights map[string]string // id -> quote
}

func readState(t *testing.T, db string) libraryState {
	t.Helper()
	// In-process: the writers under test are separate processes; reading
	// back with the same code is fast and sees the same file.
	st := libraryState{map[string]string{}, map[string]string{}}
	var arts []struct {
		ID    int64
		Title string
	}
	if out := must(t, db, "list", "--all", "--format", "json"); json.Unmarshal([]byte(out), &arts) != nil {
		t.Fatalf("list json: %s", out)
	}
	for _, a := range arts {
		st.articles[fmt.Sprint(a.ID)] = a.Title
	}
	var hs []struct {
		ID    int64
		Quote string
	}
	if out := must(t, db, "highlights", "--format", "json"); json.Unmarshal([]byte(out), &hs) != nil {
		t.Fatalf("highlights json: %s", out)
	}
	for _, h := range hs {
		st.highlights[fmt.Sprint(h.ID)] = h.Quote
	}
	return st
}

// mustCheck runs margin check, which must pass.
func mustCheck(t *testing.T, db string) {
	t.Helper()
	out, errOut, err := margin(t, db, "", "check")
	if err != nil || !strings.Contains(out, "integrity: ok") || !strings.Contains(out, "full-text index: consistent") || !strings.Contains(out, "orphaned highlights: 0") {
		t.Fatalf("margin check failed (%v):\n%s%s", err, out, errOut)
	}
}

var (
	addedRE       = regexp.MustCompile(`(?m)saved (\d+): Essay (\S+)`)
	highlightedRE = regexp.MustCompile(`(?m)^highlight (\d+) on article (\d+) \(\w+\): (\S+)`)
)

// TestDurabilityTwoProcesses runs two margin loops at once, each adding
// its own files and highlighting them; every add and highlight that
// printed success must be in the library afterwards, under its id.
func TestDurabilityTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test skipped in -short mode")
	}
	bin := marginBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	if _, errOut, code := runBin(t, db, "list"); code != 0 { // create it once
		t.Fatalf("create library: %s", errOut)
	}
	const n = 15
	type result struct {
		adds       map[string]string // id -> tag
		highlights map[string]string // id -> quote
		failures   []string
	}
	results := make([]result, 2)
	var wg sync.WaitGroup
	for w := range 2 {
		files := make([]string, n)
		for i := range n {
			files[i] = articleFile(t, dir, fmt.Sprintf("w%di%02d", w, i), 4)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := result{adds: map[string]string{}, highlights: map[string]string{}}
			do := func(args ...string) string {
				cmd := exec.Command(bin, append(args, "--db", db)...)
				cmd.Env = append(os.Environ(), "MARGIN_DB=")
				out, err := cmd.CombinedOutput()
				if err != nil {
					r.failures = append(r.failures, fmt.Sprintf("%s: %v: %s", strings.Join(args, " "), err, out))
				}
				return string(out)
			}
			for i, f := range files {
				m := addedRE.FindStringSubmatch(do("add", f))
				if m == nil {
					continue
				}
				r.adds[m[1]] = m[2]
				quote := fmt.Sprintf("kqw%di%02d%03dx", w, i, i%4)
				if h := highlightedRE.FindStringSubmatch(do("highlight", m[1], "--quote", quote, "--note", "note "+quote)); h != nil {
					r.highlights[h[1]] = quote
				}
			}
			results[w] = r
		}()
	}
	wg.Wait()

	st := readState(t, db)
	confirmedAdds, confirmedHighlights := 0, 0
	for w, r := range results {
		// Waiting is allowed (busy timeout); failing is not: neither
		// process was writing for anywhere near 5 s.
		for _, f := range r.failures {
			t.Errorf("process %d: a command failed: %s", w, f)
		}
		for id, tag := range r.adds {
			confirmedAdds++
			if got := st.articles[id]; got != "Essay "+tag {
				t.Errorf("article %s (Essay %s) confirmed but the library has %q", id, tag, got)
			}
		}
		for id, q := range r.highlights {
			confirmedHighlights++
			if got := st.highlights[id]; got != q {
				t.Errorf("highlight %s (%s) confirmed but the library has %q", id, q, got)
			}
		}
	}
	if confirmedAdds != 2*n || confirmedHighlights != 2*n {
		t.Errorf("confirmed %d adds and %d highlights, want %d each", confirmedAdds, confirmedHighlights, 2*n)
	}
	if len(st.articles) != confirmedAdds || len(st.highlights) != confirmedHighlights {
		t.Errorf("library holds %d articles and %d highlights; %d and %d were confirmed", len(st.articles), len(st.highlights), confirmedAdds, confirmedHighlights)
	}
	mustCheck(t, db)
}

// killAfter starts cmd in its own process group, reads its stdout line by
// line, and SIGKILLs the whole group once lines lines matching re have
// been printed (or it ends). It returns every line printed.
func killAfter(t *testing.T, cmd *exec.Cmd, re *regexp.Regexp, lines int) (out []string, killed bool) {
	t.Helper()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	defer close(done)
	go func() { // a safety net: never let a stuck child hang the test
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}()
	sc := bufio.NewScanner(pipe)
	seen := 0
	for sc.Scan() {
		out = append(out, sc.Text())
		if re.MatchString(sc.Text()) {
			seen++
		}
		if seen == lines {
			// The next write is in flight: the workers of margin add run
			// four at a time, and the loop starts its next highlight at once.
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			killed = true
			break
		}
	}
	// Lines printed before the kill landed are confirmed too.
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	cmd.Wait()
	return out, killed
}

// TestDurabilityKilledImport SIGKILLs margin add in the middle of a
// 100-file import, twice at different points on one library: the
// library must open, pass margin check, and hold every article whose
// "saved N:" line was printed.
func TestDurabilityKilledImport(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test skipped in -short mode")
	}
	bin := marginBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	confirmed := map[string]string{}
	for round, after := range []int{3, 25} {
		var files []string
		for i := range 100 {
			files = append(files, articleFile(t, dir, fmt.Sprintf("r%di%03d", round, i), 4))
		}
		cmd := exec.Command(bin, append(append([]string{"add"}, files...), "--db", db)...)
		cmd.Env = append(os.Environ(), "MARGIN_DB=")
		lines, killed := killAfter(t, cmd, addedRE, after)
		if !killed {
			t.Fatalf("round %d: margin add finished before the kill: raise the file count", round)
		}
		for _, l := range lines {
			if m := addedRE.FindStringSubmatch(l); m != nil {
				confirmed[m[1]] = m[2]
			}
		}
		mustCheck(t, db)
		st := readState(t, db)
		for id, tag := range confirmed {
			if st.articles[id] != "Essay "+tag {
				t.Errorf("round %d: article %s (Essay %s) was confirmed, library has %q", round, id, tag, st.articles[id])
			}
		}
		// Each article is whole: its text searchable, its body present.
		for id := range st.articles {
			out, errOut, err := margin(t, db, "", "show", id, "--markdown")
			if err != nil || !strings.Contains(out, "Paragraph 3 of essay") {
				t.Errorf("round %d: article %s is incomplete after the kill (%v): %.200s %s", round, id, err, out, errOut)
			}
		}
	}
	// The library still takes writes.
	f := articleFile(t, dir, "after", 4)
	if _, errOut, code := runBin(t, db, "add", f); code != 0 {
		t.Fatalf("add after the kills: %s", errOut)
	}
	if out := must(t, db, "search", "kqafter001x"); !strings.Contains(out, "Essay after") {
		t.Fatalf("search after the kills: %q", out)
	}
	mustCheck(t, db)
}

// TestDurabilityKilledHighlights SIGKILLs a loop of margin highlight
// mid-way: every highlight whose success line was printed is kept, and
// the library passes margin check.
func TestDurabilityKilledHighlights(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test skipped in -short mode")
	}
	bin := marginBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	out, errOut, code := runBin(t, db, "add", articleFile(t, dir, "hl", 200))
	if code != 0 {
		t.Fatalf("add: %s", errOut)
	}
	id := addedRE.FindStringSubmatch(out)[1]
	confirmed := map[string]string{}
	for round, after := range []int{5, 23} {
		script := fmt.Sprintf(`for i in $(seq %d %d); do q=$(printf %%03d "$i"); "$0" highlight %s --quote "kqhl${q}x" --note "note $q" --db "$1" || exit 1; done`, round*100, round*100+99, id)
		cmd := exec.Command("sh", "-c", script, bin, db)
		cmd.Env = append(os.Environ(), "MARGIN_DB=")
		lines, killed := killAfter(t, cmd, highlightedRE, after)
		if !killed {
			t.Fatalf("round %d: the loop ended before the kill:\n%s", round, strings.Join(lines, "\n"))
		}
		for _, l := range lines {
			if m := highlightedRE.FindStringSubmatch(l); m != nil {
				confirmed[m[1]] = m[3]
			}
		}
		mustCheck(t, db)
		st := readState(t, db)
		for hid, q := range confirmed {
			if st.highlights[hid] != q {
				t.Errorf("round %d: highlight %s (%s) was confirmed, library has %q", round, hid, q, st.highlights[hid])
			}
		}
		if len(st.highlights) < len(confirmed) || len(st.highlights) > len(confirmed)+1 {
			t.Errorf("round %d: %d highlights in the library, %d confirmed (at most one unconfirmed may have committed)", round, len(st.highlights), len(confirmed))
		}
	}
}

// holdWriteLock opens db in this process and takes SQLite's write lock
// (BEGIN IMMEDIATE) until the returned function is called.
func holdWriteLock(t *testing.T, db string) (release func()) {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := conn.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("take the write lock: %v", err)
	}
	return func() {
		c.ExecContext(ctx, "ROLLBACK")
		c.Close()
		conn.Close()
	}
}

// TestDurabilityLockedLibrary: another process holding the write lock past
// the 5 s busy timeout gives one clear line and a failure, and nothing is
// half-written; reads still work meanwhile (WAL).
func TestDurabilityLockedLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 5 s busy timeout; skipped in -short mode")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	if _, errOut, code := runBin(t, db, "add", articleFile(t, dir, "one", 4)); code != 0 {
		t.Fatalf("add: %s", errOut)
	}
	release := holdWriteLock(t, db)
	defer release()

	// Readers are not blocked by a writer.
	if out, errOut, code := runBin(t, db, "list"); code != 0 || !strings.Contains(out, "Essay one") {
		t.Fatalf("list while locked: exit %d %s %s", code, out, errOut)
	}
	start := time.Now()
	_, errOut, code := runBin(t, db, "add", articleFile(t, dir, "two", 4))
	waited := time.Since(start)
	if code == 0 {
		t.Fatal("add succeeded while another process held the write lock")
	}
	msg := strings.TrimSpace(errOut)
	if strings.Count(msg, "\n") > 0 || !strings.Contains(msg, "busy") || !strings.HasPrefix(msg, "margin: ") {
		t.Errorf("locked library: want one line saying it is busy, got %q", msg)
	}
	if waited < 4*time.Second {
		t.Errorf("gave up after %v, before the 5 s busy timeout", waited)
	}
	release()
	st := readState(t, db)
	if len(st.articles) != 1 {
		t.Errorf("library holds %d articles after the refused add", len(st.articles))
	}
	mustCheck(t, db)
}

// TestDurabilityUnwritableLibrary: a library that cannot be written gives
// one clear line. As root chmod does not stop writes, so the read-only
// case uses a read-only tmpfs mount (skipped when mounting is not allowed)
// and a full disk a 1 MiB tmpfs; a path through a file needs neither.
func TestDurabilityUnwritableLibrary(t *testing.T) {
	dir := t.TempDir()
	page := articleFile(t, dir, "one", 40)

	t.Run("path through a file", func(t *testing.T) {
		blocker := filepath.Join(dir, "not-a-dir")
		os.WriteFile(blocker, []byte("x"), 0o644)
		_, errOut, code := runBin(t, filepath.Join(blocker, "lib.db"), "add", page)
		msg := strings.TrimSpace(errOut)
		if code == 0 || strings.Contains(msg, "\n") || !strings.Contains(msg, "not a directory") {
			t.Errorf("want one line saying not a directory, got exit %d %q", code, msg)
		}
	})

	mountTmpfs := func(t *testing.T, opts string) string {
		t.Helper()
		mnt := filepath.Join(t.TempDir(), "mnt")
		os.Mkdir(mnt, 0o755)
		if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, opts); err != nil {
			t.Skipf("cannot mount a tmpfs to simulate it (%v); needs root in a mount namespace", err)
		}
		t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })
		return mnt
	}

	t.Run("read-only file system", func(t *testing.T) {
		mnt := mountTmpfs(t, "size=8m")
		db := filepath.Join(mnt, "lib.db")
		if _, errOut, code := runBin(t, db, "add", page); code != 0 {
			t.Fatalf("add: %s", errOut)
		}
		// Remount read-only, as a disk that went read-only would be.
		if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			t.Skipf("cannot remount read-only: %v", err)
		}
		_, errOut, code := runBin(t, db, "add", articleFile(t, dir, "two", 4))
		msg := strings.TrimSpace(errOut)
		if code == 0 || strings.Contains(msg, "\n") || !strings.Contains(msg, "read-only") {
			t.Errorf("add to a read-only library: want one line saying read-only, got exit %d %q", code, msg)
		}
		_, errOut, code = runBin(t, db, "highlight", "1", "--quote", "kqone001x")
		msg = strings.TrimSpace(errOut)
		if code == 0 || strings.Contains(msg, "\n") || !strings.Contains(msg, "read-only") {
			t.Errorf("highlight in a read-only library: want one line saying read-only, got exit %d %q", code, msg)
		}
	})

	t.Run("full disk", func(t *testing.T) {
		mnt := mountTmpfs(t, "size=1m")
		db := filepath.Join(mnt, "lib.db")
		var lastErr string
		saved := map[string]string{}
		for i := range 200 {
			out, errOut, code := runBin(t, db, "add", articleFile(t, dir, fmt.Sprintf("full%03d", i), 400))
			if code != 0 {
				lastErr = strings.TrimSpace(errOut)
				break
			}
			if m := addedRE.FindStringSubmatch(out); m != nil {
				saved[m[1]] = m[2]
			}
		}
		if lastErr == "" {
			t.Fatal("200 articles fit in 1 MiB: the disk never filled")
		}
		if strings.Contains(lastErr, "\n") || !strings.Contains(lastErr, "disk full") {
			t.Errorf("full disk: want one line saying the disk is full, got %q", lastErr)
		}
		// Everything confirmed is there and whole, and the failed add left
		// no partial article.
		st := readState(t, db)
		if len(st.articles) != len(saved) {
			t.Errorf("library holds %d articles, %d were confirmed", len(st.articles), len(saved))
		}
		for id, tag := range saved {
			if st.articles[id] != "Essay "+tag {
				t.Errorf("article %s (Essay %s) confirmed before the disk filled, library has %q", id, tag, st.articles[id])
			}
		}
		mustCheck(t, db)
	})
}

// TestDurabilityBackupAndCheck: margin backup writes a copy that opens
// with the same articles and highlights and refuses to overwrite a file;
// margin check passes on it and fails, non-zero, on a copy whose search
// index was broken by raw SQL.
func TestDurabilityBackupAndCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	for _, tag := range []string{"alpha", "beta", "gamma"} {
		id := savedID(t, must(t, db, "add", articleFile(t, dir, tag, 4)))
		must(t, db, "highlight", id, "--quote", "kq"+tag+"002x", "--label", "claim", "--note", "why "+tag)
	}
	backup := filepath.Join(dir, "copy.db")
	if out := must(t, db, "backup", backup); !strings.Contains(out, backup) {
		t.Errorf("backup did not say where: %q", out)
	}
	for _, args := range [][]string{{"list", "--all", "--format", "json"}, {"highlights", "--format", "json"}} {
		a, b := must(t, db, args...), must(t, backup, args...)
		if a != b || len(a) < 10 {
			t.Errorf("margin %s differs between the library and its backup:\n%s\n---\n%s", args[0], a, b)
		}
	}
	if out := must(t, backup, "search", "kqbeta001x"); !strings.Contains(out, "Essay beta") {
		t.Errorf("search in the backup: %q", out)
	}
	must(t, backup, "check")

	// A second backup to the same name is refused and leaves the file alone.
	before, _ := os.ReadFile(backup)
	must(t, db, "add", articleFile(t, dir, "delta", 4))
	_, _, err := margin(t, db, "", "backup", backup)
	if err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("backup over an existing file: %v", err)
	}
	if after, _ := os.ReadFile(backup); string(after) != string(before) {
		t.Error("a refused backup changed the existing file")
	}
	if out := must(t, backup, "list", "--format", "json"); strings.Contains(out, "delta") {
		t.Error("the old backup gained an article")
	}

	// Break the search index of another copy behind the triggers' back.
	broken := filepath.Join(dir, "broken.db")
	must(t, db, "backup", broken)
	raw, err := sql.Open("sqlite", "file:"+broken)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DROP TRIGGER article_bodies_au`,
		`UPDATE article_bodies SET text = 'replaced words nobody indexed' WHERE article_id = 1`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	out, _, err := margin(t, broken, "", "check")
	if err == nil {
		t.Fatalf("check passed a library with a broken search index:\n%s", out)
	}
	if !strings.Contains(out, "INCONSISTENT") {
		t.Errorf("check did not name the search index:\n%s", out)
	}
	// And a row count mismatch: an article the index never saw.
	broken2 := filepath.Join(dir, "broken2.db")
	must(t, db, "backup", broken2)
	raw, _ = sql.Open("sqlite", "file:"+broken2)
	if _, err := raw.Exec(`INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, text) SELECT 'delete', a.id, a.title, a.byline, a.site_name, b.text FROM articles a JOIN article_bodies b ON b.article_id = a.id WHERE a.id = 2`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if out, _, err := margin(t, broken2, "", "check"); err == nil || !strings.Contains(out, "INCONSISTENT") {
		t.Errorf("check on an index missing an article: %v\n%s", err, out)
	}
	// The original is untouched by all this.
	must(t, db, "check")
}

// TestDurabilityKilledBackup kills margin backup with SIGKILL the moment
// the backup's name appears: what is there under that name must be the
// whole library, private, never a partial copy (which opened as an empty
// library and passed margin check). The hidden temporary file the killed
// backup left is removed by the next backup into that folder.
func TestDurabilityKilledBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	words := strings.Fields("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda")
	for i := range 6 {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Long %d\n---\n", i)
		for p := range 2000 {
			for w := range 100 {
				b.WriteString(words[(p*7+w*3+i)%len(words)])
				b.WriteByte(' ')
			}
			b.WriteString("end.\n\n")
		}
		p := filepath.Join(dir, fmt.Sprintf("long%d.md", i))
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		must(t, db, "add", p)
	}
	want := must(t, db, "list", "--all", "--format", "json")

	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(out, "copy.db")
	cmd := exec.Command(marginBinary(t), "backup", backup, "--db", db)
	cmd.Env = append(os.Environ(), "MARGIN_DB=")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	for {
		if _, err := os.Lstat(backup); err == nil {
			break
		}
		select {
		case <-exited:
			if _, err := os.Lstat(backup); err != nil {
				t.Fatal("the backup ended without its file")
			}
		default:
		}
	}
	cmd.Process.Kill()
	<-exited

	fi, err := os.Stat(backup)
	if err != nil {
		t.Fatalf("the backup's name was there, then gone: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the backup reads %v: it holds private notes", fi.Mode().Perm())
	}
	if got := must(t, backup, "list", "--all", "--format", "json"); got != want {
		t.Fatalf("a killed backup left a partial copy under its name:\n%.300s", got)
	}

	must(t, db, "backup", filepath.Join(out, "second.db"))
	ents, _ := os.ReadDir(out)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if len(names) != 2 {
		t.Errorf("the folder holds %q: the killed backup's temporary file stayed", names)
	}
}
