package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// paragraphs is a pasted text of n paragraphs, each with a unique marker
// sentence "Marker NNN is here."
func paragraphs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Paragraph %d opens with ordinary words about the topic at hand. Marker %03d is here. It closes with a sentence long enough to read as prose.", i, i)
	}
	return out
}

func writeText(t *testing.T, path string, paras []string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(paras, "\n\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

type hlJSON struct {
	ID          int64  `json:"id"`
	Quote       string `json:"quote"`
	Highlighted string `json:"highlighted"`
	Note        string `json:"note"`
	Label       string `json:"label"`
	Supports    int64  `json:"supports"`
	Orphan      bool   `json:"orphan"`
	Start, End  int
	Revision    int64 `json:"revision"`
}

func highlightsOf(t *testing.T, db, id string) []hlJSON {
	t.Helper()
	var hs []hlJSON
	if err := json.Unmarshal([]byte(must(t, db, "highlights", id, "--format", "json")), &hs); err != nil {
		t.Fatal(err)
	}
	return hs
}

// Issue 11, case 1: a text that got shorter, at several cut points, with
// highlights on both sides of the cut, always refreshes; what lay past the
// end is kept as orphans with their notes.
func TestRefreshShrunkTextNeverFails(t *testing.T) {
	for _, cut := range []int{3, 10, 17} {
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			dir := t.TempDir()
			db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
			paras := paragraphs(20)
			writeText(t, file, paras)
			id := savedID(t, must(t, db, "add", file))
			for _, i := range []int{1, 5, 12, 19} {
				must(t, db, "highlight", id, "--quote", fmt.Sprintf("Marker %03d is here.", i), "--label", "claim", "--note", fmt.Sprintf("note %d", i))
			}
			// The text is cut, and a sentence before the cut reworded.
			short := append([]string(nil), paras[:cut]...)
			short[0] = strings.Replace(short[0], "ordinary words", "plain words", 1)
			writeText(t, file, short)
			out, errOut, err := margin(t, db, "", "add", "--refresh", file)
			if err != nil {
				t.Fatalf("refresh failed: %v %s", err, errOut)
			}
			hs := highlightsOf(t, db, id)
			if len(hs) != 4 {
				t.Fatalf("%d highlights after refresh, want 4", len(hs))
			}
			md := must(t, db, "show", id, "--markdown")
			orphans := 0
			for _, h := range hs {
				if h.Orphan {
					orphans++
					if !strings.Contains(out, fmt.Sprintf("highlight %d not found in the new text (kept as an orphan with its note)", h.ID)) {
						t.Errorf("orphan %d not reported:\n%s", h.ID, out)
					}
				} else if !strings.Contains(md[h.Start:h.End], "Marker") {
					t.Errorf("placed highlight %d covers %q", h.ID, md[h.Start:h.End])
				}
				if !strings.HasPrefix(h.Note, "note ") || !strings.HasPrefix(h.Quote, "Marker") {
					t.Errorf("highlight lost its words: %+v", h)
				}
			}
			want := 0
			for _, i := range []int{1, 5, 12, 19} {
				if i >= cut {
					want++
				}
			}
			if orphans != want || !strings.Contains(out, fmt.Sprintf("%d orphaned", want)) {
				t.Errorf("%d orphans, want %d:\n%s", orphans, want, out)
			}
			if out := must(t, db, "check"); strings.Contains(out, "problem") {
				t.Errorf("check after refresh: %s", out)
			}
		})
	}
}

// Issue 11, case 3: a reworded passage keeps what the reader highlighted,
// and the refresh names it.
func TestRefreshRewordedKeepsReadersWords(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	paras := paragraphs(8)
	paras[4] = "Before it came a line. We know little about Halimov's path into the group, or who recruited him in the first place. After it another line follows here."
	writeText(t, file, paras)
	id := savedID(t, must(t, db, "add", file))
	quote := "We know little about Halimov's path into the group, or who recruited him in the first place."
	must(t, db, "highlight", id, "--quote", quote, "--note", "key gap")
	paras[4] = "Before it came a line. We know little about Halimov's route into the group, or who recruited him at the very first place. After it another line follows here."
	paras = paras[2:] // text before it removed too
	writeText(t, file, paras)
	out := must(t, db, "add", "--refresh", file)
	hs := highlightsOf(t, db, id)
	if len(hs) != 1 {
		t.Fatalf("highlights: %+v", hs)
	}
	h := hs[0]
	if h.Orphan || h.Highlighted != quote || !strings.Contains(h.Quote, "route") || h.Note != "key gap" {
		t.Fatalf("reworded highlight: %+v", h)
	}
	if !regexp.MustCompile(fmt.Sprintf(`highlight %d changed: you highlighted “We know little about Halimov's path.*”; it now reads “We know little about Halimov's route`, h.ID)).MatchString(out) {
		t.Errorf("change not reported:\n%s", out)
	}
	if !strings.Contains(out, "1 highlight: 0 placed, 1 changed, 0 orphaned") {
		t.Errorf("summary:\n%s", out)
	}
	list := must(t, db, "highlights", id)
	if !strings.Contains(list, "“"+quote+"”") || !strings.Contains(list, "now reads “We know little about Halimov's route") {
		t.Errorf("highlights listing lost the reader's words:\n%s", list)
	}
}

// Issue 11, case 2: refresh works from any saved form of the address and
// by id.
func TestRefreshAnyURLFormAndByID(t *testing.T) {
	var version atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page := strings.Replace(essay, "rarely buys", fmt.Sprintf("rarely (v%d) buys", version.Load()), 1)
		io.WriteString(w, page)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	id := savedID(t, must(t, db, "add", srv.URL+"/essay?utm_source=rss&utm_medium=feed"))
	for i, src := range []string{
		srv.URL + "/essay",
		srv.URL + "/essay/",
		srv.URL + "/essay#comments",
		strings.Replace(srv.URL, "127.0.0.1", "127.0.0.1", 1) + "/essay?fbclid=abc",
		id,
	} {
		version.Store(int32(i + 1))
		out, errOut, err := margin(t, db, "", "add", "--refresh", src)
		if err != nil || !strings.Contains(out, "refreshed "+id+":") {
			t.Errorf("add --refresh %s: %v %q %q", src, err, out, errOut)
		}
	}
	version.Store(10)
	if out := must(t, db, "refresh", id); !strings.Contains(out, "refreshed "+id+":") {
		t.Errorf("refresh ID: %q", out)
	}
	if !strings.Contains(must(t, db, "show", id, "--markdown"), "(v10)") {
		t.Error("refresh by id did not fetch the new text")
	}
	if out := must(t, db, "add", srv.URL+"/essay/#x"); !strings.Contains(out, "already saved as "+id) {
		t.Errorf("another form of the address saved twice: %q", out)
	}
	if n := strings.Count(must(t, db, "list"), "Security Assistance"); n != 1 {
		t.Errorf("%d copies in the library", n)
	}
	// A pasted text has nowhere to be fetched from: one clear line.
	out, _, err := margin(t, db, strings.Join(paragraphs(3), "\n\n"), "add", "-")
	if err != nil {
		t.Fatal(err)
	}
	pasted := savedID(t, out)
	if _, errOut, err := margin(t, db, "", "refresh", pasted); err == nil || !strings.Contains(errOut, "was pasted: there is nothing to fetch again") {
		t.Errorf("refresh of a pasted text: %v %q", err, errOut)
	}
}

// Issue 11, case 4: a label change that breaks links says so, and the
// listing and export agree.
func TestRelabelReportsUnlinked(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, paragraphs(6))
	id := savedID(t, must(t, db, "add", file))
	must(t, db, "highlight", id, "--quote", "Marker 001 is here.", "--label", "claim")
	claim := highlightsOf(t, db, id)[0].ID
	must(t, db, "highlight", id, "--quote", "Marker 003 is here.", "--label", "evidence", "--supports", fmt.Sprint(claim))
	if out := must(t, db, "highlights", id); !strings.Contains(out, fmt.Sprintf("on claim %d", claim)) {
		t.Fatalf("setup: %s", out)
	}
	out := must(t, db, "label", fmt.Sprint(claim), "question")
	if !strings.Contains(out, fmt.Sprintf("unlinked highlight %d from claim %d", claim+1, claim)) {
		t.Errorf("label did not report the unlinked evidence: %q", out)
	}
	if out := must(t, db, "highlights", id); strings.Contains(out, "on claim") {
		t.Errorf("evidence still listed as linked:\n%s", out)
	}
	// The store enforces the rule for every caller.
	if _, errOut, err := margin(t, db, "", "link", fmt.Sprint(claim+1), fmt.Sprint(claim)); err == nil {
		t.Errorf("linked to a question: %s", errOut)
	}
}

// Issue 11, case 5 (CLI side): a script's note based on an old revision is
// refused with exit 1; nothing is overwritten.
func TestNoteRevisionConflictCLI(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, paragraphs(4))
	id := savedID(t, must(t, db, "add", file))
	must(t, db, "highlight", id, "--quote", "Marker 001 is here.", "--note", "first")
	h := highlightsOf(t, db, id)[0]
	must(t, db, "note", fmt.Sprint(h.ID), "second, from another script")
	_, errOut, err := margin(t, db, "", "note", fmt.Sprint(h.ID), "--revision", fmt.Sprint(h.Revision), "stale")
	if err == nil || !strings.Contains(errOut+err.Error(), "changed since revision") {
		t.Errorf("stale note accepted: %v %s", err, errOut)
	}
	if got := highlightsOf(t, db, id)[0].Note; got != "second, from another script" {
		t.Errorf("note overwritten: %q", got)
	}
}

// Issue 11, case 5 with a real second process: the reader has a note open
// while the CLI changes it, then deletes the highlight. The reader shows
// the conflict and keeps both texts; then offers to restore the deleted
// highlight with the note. Nothing typed is lost.
func TestE2ENoteConflictWithSecondProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, paragraphs(6))
	id := savedID(t, must(t, db, "add", file))
	must(t, db, "highlight", id, "--quote", "Marker 000 is here.", "--note", "base")
	hid := fmt.Sprint(highlightsOf(t, db, id)[0].ID)

	tm := startTerm(t, 100, 30, nil, "open", id, "--db", db, "--style", "dark")
	tm.waitFor("Marker 000")
	tm.press(")")
	tm.waitFor("has a note")
	tm.press("a")
	tm.waitFor("Note on:")
	tm.press(" mine")
	tm.waitFor("base mine")
	// Another process writes the note meanwhile.
	if _, e, code := runBin(t, db, "note", hid, "theirs from the CLI"); code != 0 {
		t.Fatalf("second process: %s", e)
	}
	tm.press("\x13") // ctrl+s
	tm.waitFor("changed elsewhere")
	tm.waitFor("theirs from the CLI")
	if got := highlightsOf(t, db, id)[0].Note; got != "theirs from the CLI" {
		t.Fatalf("the conflict overwrote the other note: %q", got)
	}
	tm.press("\x07") // ctrl+g: both texts in the editor
	time.Sleep(200 * time.Millisecond)
	tm.press("\x13")
	tm.waitGone("Note on:")
	got := highlightsOf(t, db, id)[0].Note
	if !strings.Contains(got, "base mine") || !strings.Contains(got, "theirs from the CLI") {
		t.Fatalf("merged note %q", got)
	}

	// Deleted elsewhere while the note is open: offered back, never dropped.
	tm.press("a")
	tm.waitFor("Note on:")
	tm.press(" more")
	if _, e, code := runBin(t, db, "unhighlight", "--yes", hid); code != 0 {
		t.Fatalf("second process: %s", e)
	}
	tm.press("\x13")
	tm.waitFor("deleted elsewhere")
	tm.press("\x1b") // esc does not drop it
	tm.waitFor("Deleted elsewhere: ctrl+r restores")
	time.Sleep(300 * time.Millisecond) // an esc right before a key reads as alt
	tm.press("\x12")                   // ctrl+r
	tm.waitGone("Note on:")
	hs := highlightsOf(t, db, id)
	if len(hs) != 1 || !strings.HasSuffix(hs[0].Note, " more") || fmt.Sprint(hs[0].ID) != hid {
		t.Fatalf("restored highlight: %+v", hs)
	}
	tm.press("q", "q")
	tm.wait()
}

// Issue 14: with another process holding the library's write lock, the
// reader keeps responding (it scrolls, and says the library is busy), and
// a highlight made meanwhile is saved once the lock is released; one still
// waiting when margin quits is reported, never lost silently.
func TestE2ELockedLibraryStaysResponsive(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 5 s busy timeout")
	}
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, paragraphs(60))
	id := savedID(t, must(t, db, "add", file))

	tm := startTerm(t, 100, 30, nil, "open", id, "--db", db, "--style", "dark")
	tm.waitFor("Marker 000")
	release := holdWriteLock(t, db)
	tm.press("h")
	// The screen answers while the write waits: a page down shows later
	// paragraphs at once.
	tm.press(" ")
	tm.waitFor("Marker 012")
	tm.waitFor("library is busy")
	if n := len(highlightsOf(t, db, id)); n != 0 {
		t.Fatalf("%d highlights while locked", n)
	}
	release()
	tm.waitFor("Highlighted.")
	if hs := highlightsOf(t, db, id); len(hs) != 1 || !strings.HasPrefix(hs[0].Quote, "Paragraph 0 opens") {
		t.Fatalf("after the lock: %+v", hs)
	}

	// Locked again, a highlight, and quit: margin says what it could not save.
	release = holdWriteLock(t, db)
	defer release()
	tm.press("g", ")", ")", ")", "h")
	time.Sleep(300 * time.Millisecond)
	tm.press("\x03") // ctrl+c
	err := tm.wait()
	out := string(tm.output())
	if err == nil || !strings.Contains(out, "could not save the highlight") {
		t.Errorf("quit with a highlight unsaved: exit %v; output ends %q", err, out[max(0, len(out)-300):])
	}
}

// Credentials in an address are used to fetch it and never stored or
// printed (issue 19, item 7).
func TestCredentialsNeverShown(t *testing.T) {
	var auth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, _ := r.BasicAuth()
		auth.Store(u + ":" + p)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, essay)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	withCreds := strings.Replace(srv.URL, "http://", "http://alice:pa55w0rd@", 1) + "/essay"
	out := must(t, db, "add", withCreds)
	if auth.Load() != "alice:pa55w0rd" {
		t.Errorf("fetched without the credentials: %v", auth.Load())
	}
	id := savedID(t, out)
	for _, args := range [][]string{{"list", "--format", "json"}, {"show", id, "--markdown"}, {"export", id}, {"export", "--format", "json", id}} {
		if o := must(t, db, args...); strings.Contains(o, "pa55w0rd") {
			t.Errorf("%v shows the password", args)
		}
	}
	_, errOut, err := margin(t, db, "", "add", "http://alice:pa55w0rd@127.0.0.1:9/x")
	if err == nil || strings.Contains(errOut, "pa55w0rd") || !strings.Contains(errOut, "127.0.0.1:9") {
		t.Errorf("error line: %q", errOut)
	}
}

// A note still unsaved when a signal ends the reader (SIGTERM, or SIGHUP
// from a closed terminal), the library locked by another margin, is
// reported as such: it was reported as only "interrupted", as if nothing
// had been lost. The words themselves are kept in a file, named: the
// report alone lost them (and no one reads a closed terminal).
func TestE2ESignalReportsUnsavedNote(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, paragraphs(6))
	id := savedID(t, must(t, db, "add", file))

	tm := startTerm(t, 100, 30, nil, "open", id, "--db", db, "--style", "dark")
	tm.waitFor("Marker 000")
	tm.press("A")
	tm.waitFor("Note on the article:")
	release := holdWriteLock(t, db)
	defer release()
	tm.press("words nobody saved")
	tm.waitFor("words nobody saved")
	tm.cmd.Process.Signal(syscall.SIGTERM)
	err := tm.wait()
	out := string(tm.output())
	if err == nil || !strings.Contains(out, "could not save the note you were writing") {
		t.Errorf("ended by SIGTERM with a note unsaved: exit %v; output ends %q", err, out[max(0, len(out)-300):])
	}
	// The words are kept in a file beside the library, which the line names.
	kept, _ := filepath.Glob(filepath.Join(dir, "margin-unsaved-*.md"))
	if len(kept) != 1 {
		t.Fatalf("the unsaved note was not kept in a file: %v; output ends %q", kept, out[max(0, len(out)-300):])
	}
	if b, _ := os.ReadFile(kept[0]); !strings.Contains(string(b), "words nobody saved") {
		t.Errorf("%s holds %q", kept[0], b)
	}
	if fi, _ := os.Stat(kept[0]); fi.Mode().Perm() != 0o600 {
		t.Errorf("%s reads %v: a note is private", kept[0], fi.Mode().Perm())
	}
	if !strings.Contains(strings.ReplaceAll(out, "\r\n", ""), filepath.Base(kept[0])) {
		t.Errorf("the line does not name %s: %q", kept[0], out[max(0, len(out)-300):])
	}
}

// A refresh keeps the title the user gave (margin edit), and says it: the
// line named the page's own title, as if the user's had been replaced.
func TestRefreshNamesTheTitleKept(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	paras := paragraphs(6)
	writeText(t, file, paras)
	id := savedID(t, must(t, db, "add", file))
	must(t, db, "edit", id, "--title", "My own title")
	paras[2] = "A new paragraph replaces the third one entirely."
	writeText(t, file, paras)
	out := must(t, db, "refresh", id)
	if !strings.Contains(out, "refreshed "+id+": My own title") {
		t.Errorf("the refresh's line: %q", out)
	}
	if got := must(t, db, "list", "--format", "json"); !strings.Contains(got, "My own title") {
		t.Errorf("the title edited was not kept: %s", got)
	}
}
