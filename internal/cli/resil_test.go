package cli

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/internal/library"
	"margin/store"
)

// essayLibrary saves the essay in a new library and returns its path and
// the article id.
func essayLibrary(t *testing.T) (db, id string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "lib.db")
	page := filepath.Join(dir, "p.html")
	os.WriteFile(page, []byte(essay), 0o644)
	return db, savedID(t, must(t, db, "add", page))
}

// Issue 12 item 14: show into a pipe printed escape codes and trailing
// padding, and ignored config style and width.
func TestCLIShowPlainInPipe(t *testing.T) {
	db, id := essayLibrary(t)
	out := must(t, db, "show", id)
	if strings.Contains(out, "\x1b") {
		t.Fatalf("show into a pipe printed escapes:\n%q", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasSuffix(l, " ") {
			t.Fatalf("trailing padding in %q", l)
		}
	}
	if !strings.Contains(out, "Security Assistance to a Failing State") || !strings.Contains(out, "rarely buys the stability") {
		t.Fatalf("show lost the text:\n%s", out)
	}
	// --style asks for the styled output, wherever it goes.
	if styled := must(t, db, "show", id, "--style", "light"); !strings.Contains(styled, "\x1b[") {
		t.Fatal("--style light printed no styling")
	}
	// config width is the default width.
	must(t, db, "config", "width", "40")
	for _, l := range strings.Split(must(t, db, "show", id), "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Fatalf("config width 40, line of %d cells: %q", w, l)
		}
	}
	// config style is used on a terminal only: see TestE2EShowStyleAndNoColor.
}

// Issue 12 items 14 and 16: on a terminal, show uses config style, and
// NO_COLOR turns the styling off.
func TestE2EShowStyleAndNoColor(t *testing.T) {
	db, id := essayLibrary(t)
	must(t, db, "config", "style", "light")
	tm := startTerm(t, 100, 60, []string{"MARGIN_DB="}, "--db", db, "show", id)
	tm.wait()
	light := must(t, db, "show", id, "--style", "light", "--width", "98")
	if !bytes.Contains(tm.output(), []byte("\x1b[")) {
		t.Fatal("show on a terminal printed no styling")
	}
	// The title line, escapes and all, is the light style's.
	first := strings.SplitN(light, "\n", 3)[1]
	first = first[:min(len(first), 200)]
	if !strings.Contains(first, "Security Assistance") || !bytes.Contains(tm.output(), []byte(first)) {
		t.Fatalf("show on a terminal did not use config style light: want %q in\n%q", first, tm.output())
	}
	tm = startTerm(t, 100, 60, []string{"MARGIN_DB=", "NO_COLOR=1"}, "--db", db, "show", id)
	tm.wait()
	if out := tm.output(); regexp.MustCompile(`\x1b\[[0-9;]*m`).Match(out) {
		t.Fatalf("NO_COLOR: show printed colours: %q", out)
	}
}

// Issue 12 item 16: --style and --width before the command failed with
// "unknown command".
func TestCLIGlobalFlagsAnywhere(t *testing.T) {
	db, id := essayLibrary(t)
	after := must(t, db, "show", id, "--style", "light", "--width", "50")
	var o, e bytes.Buffer
	if err := run(t.Context(), []string{"--style", "light", "--width=50", "--db", db, "show", id}, strings.NewReader(""), &o, &e); err != nil {
		t.Fatalf("margin --style light --width=50 show: %v", err)
	}
	if o.String() != after {
		t.Fatal("global flags before the command rendered differently from after it")
	}
	// The reader takes them too (it then wants a terminal, which a test
	// has not: the point is that "open" is a command, not unknown).
	err := run(t.Context(), []string{"--style", "light", "--width", "60", "--db", db, "open", id}, strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || strings.Contains(err.Error(), "unknown") || !strings.Contains(err.Error(), "terminal") {
		t.Fatalf("margin --style light --width 60 open: %v", err)
	}
	// Commands that show no article accept and ignore them, in either place.
	for _, args := range [][]string{{"--style", "dark", "--db", db, "list"}, {"--db", db, "list", "--width", "90"}, {"--db", db, "search", "failing", "--style=light"}} {
		if err := run(t.Context(), args, strings.NewReader(""), io.Discard, io.Discard); err != nil {
			t.Errorf("margin %s: %v", strings.Join(args, " "), err)
		}
	}
	// A bad value is refused wherever it stands.
	for _, args := range [][]string{{"--width", "abc", "--db", db, "list"}, {"--db", db, "list", "--style", "blue"}} {
		err := run(t.Context(), args, strings.NewReader(""), io.Discard, io.Discard)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 2 {
			t.Errorf("margin %s: %v, want a usage error", strings.Join(args, " "), err)
		}
	}
}

// Issue 19 item 6: a note over 1 MiB from standard input was cut to its
// first 1 MiB and saved with "noted highlight".
func TestCLINoteTooLongRefused(t *testing.T) {
	db, id := essayLibrary(t)
	out := must(t, db, "highlight", id, "--quote", "weapons and advisers", "--note", "kept note")
	hid := regexp.MustCompile(`highlight (\d+)`).FindStringSubmatch(out)[1]
	long := strings.Repeat("a long note line\n", 1_200_000/17)
	_, _, err := margin(t, db, long, "note", hid, "-")
	if err == nil || !strings.Contains(err.Error(), "longer than 1 MiB") {
		t.Fatalf("a 1.2 MB note: %v, want a refusal", err)
	}
	var hs []map[string]any
	json.Unmarshal([]byte(must(t, db, "highlights", id, "--format", "json")), &hs)
	if len(hs) != 1 || hs[0]["note"] != "kept note" {
		t.Fatalf("the refused note changed the highlight: %v", hs[0]["note"] != "kept note")
	}
	// Exactly at the limit is fine.
	if _, _, err := margin(t, db, strings.Repeat("b", 1<<20), "note", hid, "-"); err != nil {
		t.Fatalf("a 1 MiB note: %v", err)
	}
}

// hasOpen waits until process pid has path open: then it is past its
// start-up (signal handlers installed) and inside the command.
func hasOpen(t *testing.T, pid int, path string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		for _, fd := range fds {
			if l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name())); err == nil && l == path {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d never opened %s", pid, path)
}

// exits waits for cmd to end after a signal; a command still running
// after 20 s ignored it (the bound only stops a hang from hanging the
// suite; the property is "it exits, having been interrupted").
func exits(t *testing.T, cmd *exec.Cmd, stderr *bytes.Buffer) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 128+int(syscall.SIGTERM) {
			t.Fatalf("after SIGTERM: %v, want exit status 143; stderr %q", err, stderr.String())
		}
		if !strings.Contains(stderr.String(), "margin: interrupted") {
			t.Fatalf("after SIGTERM stderr says %q", stderr.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatal("margin kept running after SIGTERM")
	}
}

// stopsWhileWriting runs margin with args into a pipe nobody reads after
// its first line (so it blocks writing), sends SIGTERM and checks that it
// stops at once, saying so.
func stopsWhileWriting(t *testing.T, db string, args ...string) {
	t.Helper()
	cmd := exec.Command(marginBinary(t), append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "MARGIN_DB=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	exits(t, cmd, &stderr)
}

// Issue 19 item 3: a long show (here one whose reader has stopped
// reading, so its writes block) and an add reading a pipe that never
// ends both kept running after SIGTERM.
func TestSignalStopsLongCommands(t *testing.T) {
	db, id := essayLibrary(t)
	var long strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&long, "Paragraph %d of a long article that fills a pipe when shown.\n\n", i)
	}
	if _, _, err := margin(t, db, long.String(), "add", "-"); err != nil {
		t.Fatal(err)
	}
	_ = id
	abs, _ := filepath.Abs(db)

	t.Run("show", func(t *testing.T) {
		stopsWhileWriting(t, db, "show", "2")
	})
	t.Run("export", func(t *testing.T) {
		stopsWhileWriting(t, db, "export", "2", "--full")
	})
	t.Run("add-stdin", func(t *testing.T) {
		cmd := exec.Command(marginBinary(t), "--db", db, "add", "-")
		cmd.Env = append(os.Environ(), "MARGIN_DB=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		in, _ := cmd.StdinPipe() // held open, never written: the read never ends
		defer in.Close()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		hasOpen(t, cmd.Process.Pid, abs)
		cmd.Process.Signal(syscall.SIGTERM)
		exits(t, cmd, &stderr)
	})
	t.Run("search", func(t *testing.T) {
		// Enough matching articles that the results fill the pipe.
		st, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		var as []*store.Article
		for i := range 800 {
			text := fmt.Sprintf("Harbour note %d: the harbour froze and the harbour master waited for the thaw.", i)
			as = append(as, &store.Article{
				Content: article.Content{
					SourceURL: fmt.Sprintf("https://harbour.example/%d", i),
					Title:     fmt.Sprintf("Harbour %d", i),
					Markdown:  text,
					Text:      text,
					WordCount: 14,
				},
			})
		}
		if _, _, err := st.AddArticles(t.Context(), as); err != nil {
			t.Fatal(err)
		}
		st.Close()
		stopsWhileWriting(t, db, "search", "harbour", "--limit", "1000")
	})
	t.Run("import", func(t *testing.T) {
		var once sync.Once
		arrived := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			once.Do(func() { close(arrived) })
			<-r.Context().Done() // a server that never answers
		}))
		defer srv.Close()
		list := filepath.Join(t.TempDir(), "urls.txt")
		os.WriteFile(list, []byte(srv.URL+"/a\n"+srv.URL+"/b\n"+srv.URL+"/c\n"), 0o644)
		before := must(t, db, "list", "--all")
		cmd := exec.Command(marginBinary(t), "--db", db, "import", list)
		cmd.Env = append(os.Environ(), "MARGIN_DB=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		<-arrived
		cmd.Process.Signal(syscall.SIGTERM)
		exits(t, cmd, &stderr)
		// The items in flight were dropped whole: nothing half-saved.
		if after := must(t, db, "list", "--all"); after != before {
			t.Errorf("an interrupted import changed the library:\n%s", after)
		}
	})
	t.Run("add-url", func(t *testing.T) {
		arrived := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(arrived)
			<-r.Context().Done() // a server that never answers
		}))
		defer srv.Close()
		cmd := exec.Command(marginBinary(t), "--db", db, "add", srv.URL+"/slow")
		cmd.Env = append(os.Environ(), "MARGIN_DB=")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		<-arrived
		cmd.Process.Signal(syscall.SIGTERM)
		exits(t, cmd, &stderr)
	})
}

// Issue 19 item 14, from the command line: a damaged library names the
// damage and the way out in one line, and check --salvage takes the way.
func TestCLIDamagedLibrary(t *testing.T) {
	db, id := essayLibrary(t)
	must(t, db, "highlight", id, "--quote", "weapons and advisers", "--note", "the thesis")
	b, _ := os.ReadFile(db)
	b[0] ^= 0xff // "SQLite format 3" no more
	os.WriteFile(db, b, 0o600)
	for _, args := range [][]string{{"list"}, {"backup", filepath.Join(t.TempDir(), "b.db")}, {"check", "--repair"}} {
		_, stderr, code := runBin(t, db, args...)
		if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "damaged") || !strings.Contains(stderr, "margin check --salvage") {
			t.Fatalf("margin %s: exit %d, %q", args[0], code, stderr)
		}
	}
	out := filepath.Join(t.TempDir(), "saved.db")
	stdout, stderr, code := runBin(t, db, "check", "--salvage", out)
	if code != 0 || !strings.Contains(stdout, "salvaged 1 article and 1 highlight") {
		t.Fatalf("check --salvage: exit %d\n%s%s", code, stdout, stderr)
	}
	if hs := must(t, out, "highlights"); !strings.Contains(hs, "the thesis") {
		t.Fatalf("the salvaged library lost the note:\n%s", hs)
	}
	// An empty file where the library was is not a new library.
	empty := filepath.Join(t.TempDir(), "lib.db")
	os.WriteFile(empty, nil, 0o600)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(empty, old, old)
	if _, stderr, code := runBin(t, empty, "list"); code != 1 || !strings.Contains(stderr, "empty") {
		t.Fatalf("list on a 0-byte file: exit %d, %q", code, stderr)
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Fatal("the 0-byte file became a library")
	}
}

// Issue 12 item 17: phrases, OR and NOT were words to find ("nothing
// matches"); a malformed query now says what is wrong, in one line.
func TestCLISearchSyntax(t *testing.T) {
	db, _ := essayLibrary(t)
	for q, match := range map[string]bool{
		`"trained an army"`:          true,
		`"army trained"`:             false,
		"tomatoes OR defected":       true,
		"army NOT trained":           false,
		"(tomatoes OR army) NOT sun": true,
		"defect*":                    true,
	} {
		out, errOut, err := margin(t, db, "", "search", q)
		if err != nil {
			t.Fatalf("search %s: %v", q, err)
		}
		if got := strings.Contains(out, "Security Assistance"); got != match {
			t.Errorf("search %s: matched %v, want %v (%q %q)", q, got, match, out, errOut)
		}
	}
	for _, q := range []string{"army OR", `"trained an army`, "NOT army", "(army"} {
		_, _, err := margin(t, db, "", "search", q)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 2 || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "search: ") {
			t.Errorf("search %s: %v, want one usage line", q, err)
		}
	}
}

// Issue 12 item 15: config export-dir '~/notes' made a folder named ~;
// config alone printed a usage error.
func TestCLIConfigListAndHome(t *testing.T) {
	db, _ := essayLibrary(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("MARGIN_EXPORT_DIR", "")
	must(t, db, "config", "export-dir", "~/notes")
	if got := strings.TrimSpace(must(t, db, "config", "export-dir")); got != filepath.Join(home, "notes") {
		t.Fatalf("export-dir %q, want %q", got, filepath.Join(home, "notes"))
	}
	must(t, db, "config", "width", "66")
	out := must(t, db, "config")
	for _, want := range []string{"export-dir  " + filepath.Join(home, "notes") + "  (set in the library)", "style       auto  (default", "width       66  (set in the library"} {
		if !strings.Contains(out, want) {
			t.Errorf("config lacks %q:\n%s", want, out)
		}
	}
	t.Setenv("MARGIN_EXPORT_DIR", "/elsewhere")
	if out := must(t, db, "config"); !strings.Contains(out, "/elsewhere  (from $MARGIN_EXPORT_DIR)") {
		t.Errorf("config does not say the environment set export-dir:\n%s", out)
	}
}

// Issue 12 item 18: list cut titles at 44 characters in a wide terminal
// and did not show highlights.
func TestE2EListUsesWidth(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	long := "A Remarkably Long Title About Security Assistance To Failing States And What Remains Afterwards"
	page := filepath.Join(dir, "p.html")
	os.WriteFile(page, []byte(strings.ReplaceAll(essay, "Security Assistance to a Failing State", long)), 0o644)
	id := savedID(t, must(t, db, "add", page))
	must(t, db, "highlight", id, "--quote", "weapons and advisers")
	tm := startTerm(t, 200, 20, []string{"MARGIN_DB="}, "--db", db, "list")
	tm.wait()
	screen := tm.screen()
	if !strings.Contains(screen, long) {
		t.Fatalf("a 200-column list cut the title:\n%s", screen)
	}
	if !regexp.MustCompile(`HL`).MatchString(screen) || !regexp.MustCompile(long+`\s+The Review\s+\d+\s+1\s`).MatchString(screen) {
		t.Fatalf("no highlight count:\n%s", screen)
	}
	// Into a pipe the layout stays fixed, and still counts highlights.
	if out := must(t, db, "list"); !regexp.MustCompile(`\s+1\s+\d{4}-\d\d-\d\d`).MatchString(out) {
		t.Fatalf("list into a pipe: %q", out)
	}
}

// Issue 19 item 11: paths and settings the user typed were echoed raw,
// and text read from a tampered library reached list --format json and
// show --markdown raw.
func TestCLIEchoesSanitised(t *testing.T) {
	db, id := essayLibrary(t)
	must(t, db, "highlight", id, "--quote", "weapons and advisers")
	hostile := "x\x1b]0;owned\x07\u009b2J\u202egnp"
	bad := func(what, s string) {
		t.Helper()
		if strings.ContainsAny(s, "\x1b\x07\u009b\u202e") {
			t.Errorf("%s: %q", what, s)
		}
	}
	dir := t.TempDir()
	out := must(t, db, "backup", filepath.Join(dir, hostile+".db"))
	bad("backup", out)
	out = must(t, db, "export", id, "-o", filepath.Join(dir, hostile))
	if !strings.Contains(out, "wrote") {
		t.Fatalf("export: %q", out)
	}
	bad("export", out)
	must(t, db, "config", "export-dir", filepath.Join(dir, hostile))
	t.Setenv("MARGIN_EXPORT_DIR", "")
	bad("config export-dir", must(t, db, "config", "export-dir"))
	bad("config", must(t, db, "config"))

	// A tampered library.
	sdb, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec(`UPDATE articles SET title = ?, source_url = ?, canonical_url = ''`, "T"+hostile, "/tmp/"+hostile+"\n.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec(`UPDATE article_bodies SET markdown = ?`, "# Title\n\nBody "+hostile+"\n"); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	js := must(t, db, "list", "--format", "json")
	bad("list json", js)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(js), &rows); err != nil {
		t.Fatal(err)
	}
	bad("list json url", rows[0]["url"].(string))
	bad("list json title", rows[0]["title"].(string))
	bad("list", must(t, db, "list"))
	bad("search", must(t, db, "search", "Body"))
	tm := startTerm(t, 100, 20, []string{"MARGIN_DB="}, "--db", db, "show", id, "--markdown")
	tm.wait()
	bad("show --markdown to a terminal", string(tm.output()))
}

// Issue 19 item 8: a FIFO given to add, or typed into the reader's add
// prompt (both go through saver.save and reader.Load), blocked forever.
func TestSaverRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	st, err := store.Open(filepath.Join(dir, "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	done := make(chan error, 1)
	go func() {
		_, err := library.New(st).Save(t.Context(), fifo, library.AddOptions{})
		done <- err
	}()
	// A save blocked on the FIFO (the failure mode) is let go by a
	// writer opened without blocking; the result tells what happened.
	for waiting := true; waiting; {
		select {
		case err = <-done:
			waiting = false
		default:
			if w, werr := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); werr == nil {
				w.WriteString("<p>let through</p>")
				w.Close()
			}
			runtime.Gosched()
		}
	}
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("add FIFO: %v", err)
	}
	// From the command line: one line, exit 1, nothing saved.
	_, stderr, code := runBin(t, filepath.Join(dir, "lib2.db"), "add", fifo)
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "named pipe") {
		t.Fatalf("margin add FIFO: exit %d, %q", code, stderr)
	}
}

// A library whose shared-memory file cannot grow (a full disk, a quota,
// here a file size limit) fails with one line saying so: it said "disk I/O
// error (4874)", SQLite's code, for every command, reading ones too.
func TestCLIShmCannotGrow(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	must(t, db, "add", articleFile(t, dir, "alpha", 4))
	cmd := exec.Command("sh", "-c", `ulimit -f 8 && exec "$0" list --db "$1"`, marginBinary(t), db)
	cmd.Env = append(os.Environ(), "MARGIN_DB=")
	var errOut strings.Builder
	cmd.Stderr = &errOut
	if err := cmd.Run(); err == nil {
		t.Skip("the file size limit did not apply")
	}
	msg := errOut.String()
	if strings.Count(msg, "\n") != 1 || strings.Contains(msg, "(4874)") || !strings.Contains(msg, "shared-memory file") {
		t.Errorf("margin list with no room for the -shm file: %q", msg)
	}
}
