package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"margin/internal/vtterm"
)

// binPath is the margin binary built once for the end-to-end tests.
var (
	binOnce sync.Once
	binPath string
	binErr  error
)

func marginBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		// Under the tests' home, which TestMain removes: a binary per
		// run left in the system's temp folder is 35 MB each time.
		dir, err := os.MkdirTemp(testHome, "margin-e2e")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "margin")
		out, err := exec.Command("go", "build", "-o", binPath, "margin").CombinedOutput()
		if err != nil {
			binErr = &buildError{string(out)}
		}
	})
	if binErr != nil {
		t.Fatalf("build margin: %v", binErr)
	}
	return binPath
}

type buildError struct{ out string }

func (e *buildError) Error() string { return e.out }

// ptyTerm is margin running in a pseudo-terminal, its screen kept by a
// terminal emulator so tests read what a user would see.
type ptyTerm struct {
	*vtterm.Term
	t   *testing.T
	cmd *exec.Cmd
}

// startTerm runs margin with args in a w x h pseudo-terminal.
func startTerm(t *testing.T, w, h int, env []string, args ...string) *ptyTerm {
	t.Helper()
	term, err := vtterm.Open(w, h)
	if err != nil {
		t.Fatalf("open a pty: %v", err)
	}
	cmd := exec.Command(marginBinary(t), args...)
	cmd.Env = append(os.Environ(), append([]string{"TERM=xterm-256color", "COLORTERM=truecolor"}, env...)...)
	if err := term.Start(cmd); err != nil {
		term.Close()
		t.Fatalf("start margin in a pty: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		term.Close()
	})
	return &ptyTerm{Term: term, t: t, cmd: cmd}
}

func (tm *ptyTerm) screen() string { return tm.Screen() }

// waitFor waits until the screen shows want.
func (tm *ptyTerm) waitFor(want string) {
	tm.t.Helper()
	if err := tm.WaitFor(want, 15*time.Second); err != nil {
		tm.t.Fatal(err)
	}
}

// waitGone waits until the screen no longer shows s.
func (tm *ptyTerm) waitGone(s string) {
	tm.t.Helper()
	if err := tm.WaitGone(s, 15*time.Second); err != nil {
		tm.t.Fatal(err)
	}
}

// press types keys as a user would, pausing briefly between them.
func (tm *ptyTerm) press(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if err := tm.Type(k); err != nil {
			tm.t.Fatalf("type %q: %v", k, err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// wait waits for margin to exit and returns its error.
func (tm *ptyTerm) wait() error {
	tm.t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- tm.cmd.Wait() }()
	select {
	case err := <-errc:
		tm.Drained(5 * time.Second)
		return err
	case <-time.After(15 * time.Second):
		tm.t.Fatalf("margin did not exit; screen:\n%s", tm.screen())
		return nil
	}
}

// output is every byte margin wrote to the terminal so far.
func (tm *ptyTerm) output() []byte { return tm.Output() }

// longText is a pasted article of numbered paragraphs, so a test can tell
// exactly which passage is at the top of the screen.
func longText(paragraphs int) string {
	var b strings.Builder
	b.WriteString("The Long Test Essay\n\n")
	for i := 1; i <= paragraphs; i++ {
		fmt.Fprintf(&b, "Paragraph %d begins here and says something long enough to wrap across more than one line of the reader, so that scrolling moves through real text, which is what readers do with essays.\n\n", i)
	}
	return b.String()
}

// topParagraph is the first "Paragraph N" visible on screen, and its row.
func topParagraph(screen string) (string, int) {
	for i, l := range strings.Split(screen, "\n") {
		if m := paragraphRE.FindString(l); m != "" {
			return m, i
		}
	}
	return "", -1
}

var paragraphRE = regexp.MustCompile(`Paragraph \d+`)

func TestE2EReadingPositionSurvivesRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	src := filepath.Join(dir, "essay.txt")
	os.WriteFile(src, []byte(longText(60)), 0o644)
	must(t, db, "add", src)

	tm := startTerm(t, 80, 24, nil, "--db", db, "--style", "dark")
	tm.waitFor("The Long Test Essay")
	tm.press("\r")
	tm.waitFor("Paragraph 1 begins")
	tm.press(" ", " ", "j", "j", "j")
	tm.waitGone("Paragraph 1 begins")
	time.Sleep(200 * time.Millisecond)
	top, row := topParagraph(tm.screen())
	if top == "" || top == "Paragraph 1" {
		t.Fatalf("scrolling showed no later paragraph:\n%s", tm.screen())
	}
	tm.press("q")
	tm.waitFor("1 article")
	tm.press("q")
	if err := tm.wait(); err != nil {
		t.Fatalf("margin exited with %v", err)
	}

	tm = startTerm(t, 80, 24, nil, "--db", db, "--style", "dark")
	tm.waitFor("The Long Test Essay")
	tm.press("\r")
	tm.waitFor(top + " ")
	time.Sleep(200 * time.Millisecond)
	top2, row2 := topParagraph(tm.screen())
	if top2 != top || row2 != row {
		t.Fatalf("reopened at %q row %d, left at %q row %d:\n%s", top2, row2, top, row, tm.screen())
	}
	tm.press("q", "q")
	tm.wait()
}

func TestE2EHighlightClaimWithNote(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	db := filepath.Join(t.TempDir(), "lib.db")
	tm := startTerm(t, 100, 30, nil, "--db", db, "--style", "dark")
	// A new library opens with the bundled sample article in it.
	tm.waitFor("Reading with a Pencil")
	tm.press("\r")
	tm.waitFor("Most of what we read leaves no trace")
	// Select the second sentence: to it, start a selection, extend to the
	// next sentence start, highlight, label it a claim, write a note.
	tm.press(")", "v", ")", "h")
	tm.waitFor("highlight")
	tm.press("L")
	tm.waitFor("something the author asserts")
	tm.press("j", "\r")
	tm.waitGone("something the author asserts")
	tm.press("a")
	time.Sleep(300 * time.Millisecond)
	tm.press("Central claim of the piece.")
	tm.press("\x13") // ctrl+s
	tm.waitFor("┃ Central claim of the piece.")
	tm.press("q")
	tm.waitFor("1 article")
	tm.press("q")
	if err := tm.wait(); err != nil {
		t.Fatalf("margin exited with %v", err)
	}

	// The CLI sees the highlight as a claim with its note.
	out := must(t, db, "highlights", "--format", "json")
	var hs []map[string]any
	if err := json.Unmarshal([]byte(out), &hs); err != nil || len(hs) != 1 {
		t.Fatalf("highlights after the session: %v %s", err, out)
	}
	if hs[0]["label"] != "claim" || hs[0]["note"] != "Central claim of the piece." || !strings.HasPrefix(hs[0]["quote"].(string), "We finish a long essay") {
		t.Fatalf("highlight: %v", hs[0])
	}

	// Reopened, the passage is painted and the panel lists the note.
	tm = startTerm(t, 100, 30, nil, "--db", db, "--style", "dark")
	tm.waitFor("Reading with a Pencil")
	tm.press("\r")
	tm.waitFor("┃ Central claim of the piece.")
	// The claim colour (#1e4a78 on dark terminals) paints the passage.
	if !bytes.Contains(tm.output(), []byte("48;2;30;74;120m")) {
		t.Errorf("the claim's background was not painted")
	}
	tm.press("H")
	tm.waitFor("claim")
	tm.waitFor("Central claim of the piece.")
	tm.press("\x1b")
	time.Sleep(200 * time.Millisecond)
	tm.press("q", "q")
	tm.wait()
}

// A library that cannot be opened ends margin with the error, as before
// the library was opened alongside the terminal's setup: on the shell's
// screen (no alternate screen left behind), with status 1.
func TestE2ELibraryThatCannotBeOpened(t *testing.T) {
	dir := t.TempDir()
	tm := startTerm(t, 200, 24, nil, "--db", dir)
	err := tm.wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v", err)
	}
	if scr := tm.screen(); !strings.Contains(scr, "open library") || !strings.Contains(scr, "is a directory") {
		t.Errorf("screen:\n%s", scr)
	}
	if out := tm.output(); strings.Count(string(out), "\x1b[?1049h") != strings.Count(string(out), "\x1b[?1049l") {
		t.Errorf("the alternate screen was left on: %q", out)
	}
}

// On a terminal, margin import says it is reading the export before the
// parse, which takes seconds on a large wallabag file, and the summary
// then takes that line's place.
func TestE2EImportSaysItIsReading(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "links.txt")
	os.WriteFile(export, []byte("https://example.org/a\nhttps://example.org/b\n"), 0o644)
	tm := startTerm(t, 100, 24, nil, "import", "--db", filepath.Join(dir, "lib.db"), "--no-fetch", export)
	if err := tm.wait(); err != nil {
		t.Fatalf("import: %v\n%s", err, tm.screen())
	}
	out := string(tm.output())
	reading, summary := strings.Index(out, "Reading links.txt…"), strings.Index(out, "2 links")
	if reading < 0 || summary < reading {
		t.Fatalf("no reading line before the summary: %q", out)
	}
	if scr := tm.screen(); strings.Contains(scr, "Reading") {
		t.Errorf("the reading line stayed on the screen:\n%s", scr)
	}
}
