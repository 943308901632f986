package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"margin/store"
	"margin/ui"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// margin runs one CLI command in-process against db and returns its
// output; err is what main would print.
func margin(t *testing.T, db string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	// --db goes first: after a "--" in args it would be a word to look for,
	// and the user's own library would be opened.
	err = run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(stdin), &o, &e)
	return o.String(), e.String(), err
}

// must runs a command that has to succeed.
func must(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, errOut, err := margin(t, db, "", args...)
	if err != nil {
		t.Fatalf("margin %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

var savedRE = regexp.MustCompile(`saved (\d+): `)

// savedID pulls the article id from add's output.
func savedID(t *testing.T, out string) string {
	t.Helper()
	m := savedRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("add printed no id: %q", out)
	}
	return m[1]
}

const essay = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Security Assistance to a Failing State | The Review</title>
<meta property="og:site_name" content="The Review">
<meta name="author" content="A. Writer">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article><h1>Security Assistance to a Failing State</h1>
<p>Security assistance to a failing state rarely buys the stability its sponsors promise. The record of the last two decades shows training programmes that outlived the governments they were meant to protect.</p>
<p>When the state itself is hollow, weapons and advisers tend to strengthen whichever faction controls the ministry, not the ministry as an institution. That is the central argument of this essay.</p>
<h2>The evidence</h2>
<p>In three of the four cases examined here, units trained at great expense defected or dissolved within a year of the sponsor's departure, taking their equipment with them.</p>
<blockquote><p>We trained an army for a country that did not exist.</p></blockquote>
<p>None of this means assistance must stop. It means it must be tied to reforms that outlast the people who sign for it, and measured by what remains when the advisers have gone home.</p>
</article>
<footer>Copyright The Review. <a href="/subscribe">Subscribe</a></footer>
</body></html>`

func TestCLIAddListShowSearchRemove(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, essay)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")

	out := must(t, db, "add", srv.URL+"/essay")
	id := savedID(t, out)
	if !strings.Contains(out, "Security Assistance to a Failing State") {
		t.Fatalf("add did not name the article: %q", out)
	}
	// The same URL again keeps the first copy.
	out = must(t, db, "add", srv.URL+"/essay")
	if !strings.Contains(out, "already saved as "+id) {
		t.Fatalf("second add: %q", out)
	}
	// Archived, it is hidden from the list: add says so, and how back.
	must(t, db, "archive", id)
	if out = must(t, db, "add", srv.URL+"/essay"); !strings.Contains(out, "already saved as "+id+", archived: ") || !strings.Contains(out, "margin unarchive "+id) {
		t.Fatalf("add of an archived article: %q", out)
	}
	must(t, db, "unarchive", id)

	out = must(t, db, "list")
	if !strings.Contains(out, "Security Assistance") || !strings.Contains(out, "new") {
		t.Fatalf("list: %q", out)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(must(t, db, "list", "--format", "json")), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("list json: %v %v", rows, err)
	}

	md := must(t, db, "show", id, "--markdown")
	for _, want := range []string{"## The evidence", "> We trained an army", "central argument"} {
		if !strings.Contains(md, want) {
			t.Errorf("stored Markdown lacks %q:\n%s", want, md)
		}
	}
	for _, junk := range []string{"Subscribe", "Politics", "Copyright"} {
		if strings.Contains(md, junk) {
			t.Errorf("stored Markdown keeps site junk %q", junk)
		}
	}
	shown := must(t, db, "show", id, "--width", "60")
	if !strings.Contains(shown, "Security Assistance") || !strings.Contains(shown, "evidence") {
		t.Fatalf("show: %q", shown)
	}

	out = must(t, db, "search", "trained army")
	if !strings.Contains(out, "Security Assistance") || !strings.Contains(out, "*") {
		t.Fatalf("search: %q", out)
	}

	// rm asks first; "n" keeps the article.
	_, _, err := margin(t, db, "n\n", "rm", id)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(must(t, db, "list"), "Security Assistance") {
		t.Fatal("rm deleted although the answer was no")
	}
	must(t, db, "rm", id, "--yes")
	if strings.Contains(must(t, db, "list"), "Security Assistance") {
		t.Fatal("rm --yes did not delete")
	}
}

func TestCLIAddErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/pdf":
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.4\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	nothing := filepath.Join(dir, "nothing")
	os.MkdirAll(filepath.Join(nothing, ".git"), 0o755)
	cases := []struct{ src, want string }{
		{srv.URL + "/pdf", "application/pdf"},
		{srv.URL + "/missing", "404"},
		{"ftp://example.org/x", "unsupported scheme"},
		{filepath.Join(dir, "nope.html"), "no such file"},
		{empty, "empty"},
		{nothing, "holds no file margin reads"}, // a folder's files are added
	}
	for _, c := range cases {
		_, errOut, err := margin(t, db, "", "add", c.src)
		if err == nil {
			t.Errorf("add %s succeeded", c.src)
			continue
		}
		msg := errOut + err.Error()
		if !strings.Contains(msg, c.want) {
			t.Errorf("add %s: message %q does not say %q", c.src, msg, c.want)
		}
		if strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("add %s: more than one line: %q", c.src, errOut)
		}
	}
	if out := must(t, db, "list", "--format", "json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("failed adds saved something: %s", out)
	}
	if _, _, err := margin(t, db, "", "show", "999"); err == nil || !strings.Contains(err.Error(), "no article 999") {
		t.Fatalf("show 999: %v", err)
	}
	if _, _, err := margin(t, db, "", "frobnicate"); err == nil {
		t.Fatal("unknown command accepted")
	}
}

func TestCLIAddStdinAndFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	page := filepath.Join(dir, "saved.html")
	os.WriteFile(page, []byte(essay), 0o644)
	out := must(t, db, "add", page, "--url", "https://review.example/essay")
	savedID(t, out)
	// --url identifies the page: adding the same URL again keeps it.
	if out := must(t, db, "add", page, "--url", "https://review.example/essay"); !strings.Contains(out, "already saved") {
		t.Fatalf("re-add with --url: %q", out)
	}

	text := "An Essay On Notes\n\nWritten notes are how readers keep what they read, and keeping them well takes a little care every time.\n\nA second paragraph explains that the habit pays off a month later, when the memo is due and the article is long forgotten.\n"
	out, errOut, err := margin(t, db, text, "add", "-")
	if err != nil {
		t.Fatalf("add -: %v %s", err, errOut)
	}
	id := savedID(t, out)
	md := must(t, db, "show", id, "--markdown")
	if !strings.Contains(md, "keeping them well takes a little care") {
		t.Fatalf("stdin text not kept: %q", md)
	}
	// The list names where each came from, as the library screen does: a
	// site, or "pasted" (the column was empty).
	if list := must(t, db, "list"); !regexp.MustCompile(`An Essay On Notes +pasted`).MatchString(list) {
		t.Errorf("list without the pasted text's source:\n%s", list)
	}

	// A page saved gzip-compressed is read for what it holds; what it
	// holds must still be HTML or text, and no bigger than a page.
	gzipped := func(name string, b []byte) string {
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(b)
		zw.Close()
		path := filepath.Join(dir, name)
		os.WriteFile(path, gz.Bytes(), 0o644)
		return path
	}
	out, errOut, err = margin(t, db, "", "add", gzipped("essay.html.gz", []byte(strings.Replace(essay, "<title>", "<title>Zipped ", 1))))
	if err != nil {
		t.Fatalf("add page.html.gz: %v %s", err, errOut)
	}
	if md := must(t, db, "show", savedID(t, out)); !strings.Contains(md, "Zipped") {
		t.Errorf("the gzipped page was not read: %q", md)
	}
	if _, errOut, err := margin(t, db, "", "add", gzipped("doc.pdf.gz", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"))); err == nil || !strings.Contains(errOut, "not HTML or text (looks like PDF)") {
		t.Errorf("gzipped PDF: %v %q", err, errOut)
	}
	if _, errOut, err := margin(t, db, "", "add", gzipped("bomb.html.gz", make([]byte, 30<<20))); err == nil || !strings.Contains(errOut, "larger than 20 MiB") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("gzip bomb: %v %q", err, errOut)
	}
	truncated := gzipped("cut.html.gz", []byte(essay))
	b, _ := os.ReadFile(truncated)
	os.WriteFile(truncated, b[:len(b)/2], 0o644)
	if _, errOut, err := margin(t, db, "", "add", truncated); err == nil || !strings.Contains(errOut, "uncompress") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("truncated gzip: %v %q", err, errOut)
	}
}

func TestCLIExtractFormats(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.html")
	os.WriteFile(page, []byte(essay), 0o644)
	db := filepath.Join(dir, "lib.db")
	text := must(t, db, "extract", page, "--format", "text")
	if strings.Contains(text, "Security Assistance to a Failing State\n") && strings.HasPrefix(text, "Security Assistance to a Failing State") {
		t.Errorf("text format starts with the title line: %q", text)
	}
	if !strings.Contains(text, "central argument of this essay") || strings.Contains(text, "## ") {
		t.Errorf("text format: %q", text)
	}
	var meta map[string]any
	if err := json.Unmarshal([]byte(must(t, db, "extract", page, "--format", "json", "--url", "https://review.example/x")), &meta); err != nil {
		t.Fatal(err)
	}
	if meta["title"] != "Security Assistance to a Failing State" || meta["site"] != "The Review" || meta["words"].(float64) < 100 {
		t.Errorf("json metadata: %v", meta)
	}
	// extract saves nothing.
	if out := must(t, db, "list", "--format", "json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("extract saved: %s", out)
	}
}

func TestCLIHighlightsRoundTrip(t *testing.T) {
	db, id := essayLibrary(t)

	out := must(t, db, "highlight", id, "--quote", "weapons and advisers tend to   strengthen whichever faction", "--label", "claim")
	claim := regexp.MustCompile(`highlight (\d+)`).FindStringSubmatch(out)[1]
	out = must(t, db, "highlight", id, "--quote", "units trained at great expense defected", "--label", "evidence", "--supports", claim, "--note", "three of *four* cases")
	evidence := regexp.MustCompile(`highlight (\d+)`).FindStringSubmatch(out)
	if _, _, err := margin(t, db, "", "highlight", id, "--quote", "not in the article at all"); err == nil {
		t.Fatal("a missing quote was accepted")
	}
	if _, _, err := margin(t, db, "", "highlight", id, "--quote", "the"); err == nil {
		t.Fatal("an ambiguous quote was accepted")
	}
	if _, _, err := margin(t, db, "", "highlight", id, "--quote", "hollow", "--label", "nonsense"); err == nil {
		t.Fatal("an unknown label was accepted")
	}
	// The link rule lives in the store; its refusals reach the user as one
	// line and save nothing.
	for _, args := range [][]string{
		{"--label", "claim", "--supports", claim},
		{"--label", "question", "--supports", "999"},
		{"--label", "question", "--supports", evidence[1]},
	} {
		_, stderr, err := margin(t, db, "", append([]string{"highlight", id, "--quote", "hollow"}, args...)...)
		if err == nil || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Fatalf("link %v: err %v, stderr %q", args, err, stderr)
		}
	}
	must(t, db, "note", claim, "the thesis")
	var hs []map[string]any
	if err := json.Unmarshal([]byte(must(t, db, "highlights", id, "--format", "json")), &hs); err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0]["label"] != "claim" || hs[0]["note"] != "the thesis" || hs[1]["supports"] == nil {
		t.Fatalf("highlights: %v", hs)
	}
	if out := must(t, db, "highlights", "--label", "evidence"); !strings.Contains(out, "units trained") || strings.Contains(out, "weapons and advisers") {
		t.Fatalf("label filter: %q", out)
	}
	md := must(t, db, "export", id)
	for _, want := range []string{"#claim", "> weapons and advisers", "the thesis", "Argument"} {
		if !strings.Contains(md, want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
	if out := must(t, db, "unhighlight", "--yes", claim); !strings.Contains(out, "unlinked the 1 highlight") {
		t.Errorf("unhighlight of a claim with evidence: %q", out)
	}
	if out := must(t, db, "highlights", id); strings.Contains(out, "weapons and advisers") {
		t.Fatalf("unhighlight kept it: %q", out)
	}
}

// TestUnhighlightAsksBeforeANote: a highlight's note is the user's words;
// unhighlight asks before they go with it, and no answer (a script, an
// empty line) keeps both. A highlight without a note goes at once, and
// an unknown id among several removes nothing.
func TestUnhighlightAsksBeforeANote(t *testing.T) {
	db, id := essayLibrary(t)
	hid := func(out string) string { return regexp.MustCompile(`highlight (\d+)`).FindStringSubmatch(out)[1] }
	noted := hid(must(t, db, "highlight", id, "--quote", "units trained at great expense defected", "--note", "my argument rests on this"))
	bare := hid(must(t, db, "highlight", id, "--quote", "weapons and advisers"))
	if _, _, err := margin(t, db, "", "unhighlight", bare, "999"); err == nil {
		t.Fatal("an unknown id was accepted")
	}
	for _, answer := range []string{"", "\n", "n\n"} {
		out, stderr, err := margin(t, db, answer, "unhighlight", noted)
		if err != nil || strings.Contains(out, "removed") || !strings.Contains(stderr, `its note "my argument rests on this"?`) || !strings.Contains(stderr, "kept highlight "+noted) {
			t.Fatalf("answer %q: out %q, stderr %q, err %v", answer, out, stderr, err)
		}
	}
	if out := must(t, db, "highlights", id); !strings.Contains(out, "my argument rests on this") || !strings.Contains(out, "weapons and advisers") {
		t.Fatalf("a highlight went without a yes: %q", out)
	}
	if out, stderr, err := margin(t, db, "y\n", "unhighlight", bare, noted); err != nil || strings.Count(stderr, "? [y/N]") != 1 || strings.Count(out, "removed highlight") != 2 {
		t.Fatalf("yes: out %q, stderr %q, err %v", out, stderr, err)
	}
	if out := must(t, db, "highlights", id); strings.Contains(out, "units trained") || strings.Contains(out, "weapons and advisers") {
		t.Fatalf("unhighlight kept them: %q", out)
	}
}

func TestCLIRefreshReanchorsHighlights(t *testing.T) {
	version := 1
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page := essay
		if version == 2 {
			// A new opening paragraph shifts every offset; the evidence
			// paragraph is gone.
			page = strings.Replace(page, "<p>Security assistance", "<p>Editor's note: this essay was updated with a new introduction for readers of the second edition.</p><p>Security assistance", 1)
			page = strings.Replace(page, "units trained at great expense defected or dissolved", "some units changed sides", 1)
		}
		io.WriteString(w, page)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	id := savedID(t, must(t, db, "add", srv.URL))
	must(t, db, "highlight", id, "--quote", "tend to strengthen whichever faction controls the ministry", "--label", "claim", "--note", "kept")
	must(t, db, "highlight", id, "--quote", "units trained at great expense defected", "--label", "evidence")
	var before []map[string]any
	json.Unmarshal([]byte(must(t, db, "highlights", id, "--format", "json")), &before)

	version = 2
	out, errOut, err := margin(t, db, "", "add", "--refresh", srv.URL)
	if err != nil || !strings.Contains(out, "refreshed "+id) {
		t.Fatalf("refresh: %v %q %q", err, out, errOut)
	}
	if !strings.Contains(out, "not found in the new text (kept as an orphan)") || !strings.Contains(out, "2 highlights: 1 placed, 0 changed, 1 orphaned") {
		t.Errorf("refresh did not report the orphan: %q", out)
	}
	var after []map[string]any
	if err := json.Unmarshal([]byte(must(t, db, "highlights", id, "--format", "json")), &after); err != nil || len(after) != 2 {
		t.Fatalf("highlights after refresh: %v %v", after, err)
	}
	md := must(t, db, "show", id, "--markdown")
	claim := after[0]
	start, end := int(claim["start"].(float64)), int(claim["end"].(float64))
	if claim["orphan"] == true || start == int(before[0]["start"].(float64)) || !strings.Contains(md[start:end], "whichever faction") || claim["note"] != "kept" {
		t.Errorf("claim not re-anchored: %v (text %q)", claim, md[start:end])
	}
	if after[1]["orphan"] != true || after[1]["quote"] != before[1]["quote"] {
		t.Errorf("lost evidence should be an orphan with its quote: %v", after[1])
	}
}

func TestCLIArgumentsAsUsersTypeThem(t *testing.T) {
	db, id := essayLibrary(t)

	// --db before the command.
	var o, e bytes.Buffer
	if err := run(context.Background(), []string{"--db", db, "list"}, strings.NewReader(""), &o, &e); err != nil || !strings.Contains(o.String(), "Security Assistance") {
		t.Fatalf("margin --db PATH list: %v %q %q", err, o.String(), e.String())
	}
	// A note may start with a dash (a Markdown list).
	hid := regexp.MustCompile(`highlight (\d+)`).FindStringSubmatch(must(t, db, "highlight", id, "--quote", "the ministry as an institution"))[1]
	must(t, db, "note", hid, "- first point\n- second point")
	if out := must(t, db, "highlights", id); !strings.Contains(out, "│ - first point") {
		t.Fatalf("dash note: %q", out)
	}
	// An unknown flag is named, not taken for a file.
	if _, _, err := margin(t, db, "", "list", "--frobnicate"); err == nil || !strings.Contains(err.Error(), "unknown flag --frobnicate") {
		t.Fatalf("unknown flag: %v", err)
	}
	// --db in a folder that is not there is a mistyped path, not a new
	// library: nothing is made.
	missing := filepath.Join(t.TempDir(), "no-such-folder", "lib.db")
	if _, _, err := run2(missing, "list"); err == nil || !strings.Contains(err.Error(), "there is no folder") {
		t.Fatalf("--db in a missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Fatal("--db in a missing folder made the folder")
	}
	// An article that is not there is said in one line, before any screen.
	if _, _, err := margin(t, db, "", "open", "999"); err == nil || !strings.Contains(err.Error(), "no article 999 in the library") {
		t.Fatalf("open 999: %v", err)
	}
	// A flag's value of the wrong kind is named in margin's words, not
	// the flag package's ("invalid value ... parse error").
	for args, want := range map[string]string{
		"search x --limit abc":        `--limit wants a whole number, not "abc"`,
		"search x --limit -1":         "--limit wants a number of results of 1 or more, not -1",
		"import x.csv --budget 5":     `--budget wants a duration such as 90s, 10m or 1h30m, not "5"`,
		"import --retry --no-fetch":   "--no-fetch fetches nothing: give one of them",
		"view delete no-such-view-at": `no view named "no-such-view-at" (margin view list shows them)`,
		"tag 1 policy":                `"policy" is not an id; a tag to add is written +policy, one to remove -policy (margin tag 12 +policy)`,
	} {
		if _, _, err := margin(t, db, "", strings.Fields(args)...); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("margin %s: %v, want %q", args, err, want)
		}
	}
	// --url must be a web address, as margin edit --url's must.
	if _, _, err := margin(t, db, "", "add", "--url", "notaurl", "-"); err == nil || !strings.Contains(err.Error(), `"notaurl" is not a web address`) {
		t.Errorf("add --url notaurl: %v", err)
	}
	// A command on several articles changes none when one id is wrong,
	// as rm does: tag, mark, star and archive changed those before it.
	for _, args := range [][]string{{"tag", id, "9999", "+zz"}, {"mark", id, "9999", "done"}, {"star", id, "9999"}, {"archive", id, "9999"}} {
		if _, _, err := margin(t, db, "", args...); err == nil || !strings.Contains(err.Error(), "no article 9999") {
			t.Errorf("%q: %v", args, err)
		}
	}
	if out := must(t, db, "show", id); strings.Contains(out, "#zz") || strings.Contains(out, "★") {
		t.Errorf("a failed command changed article %s:\n%s", id, out)
	}
	if out := must(t, db, "list"); !strings.Contains(out, "new") {
		t.Errorf("a failed mark or archive changed article %s:\n%s", id, out)
	}
	// With no answer on standard input (a script), rm fails naming
	// --yes: it said "kept it" and exited 0, as if it had deleted.
	if _, _, err := margin(t, db, "", "rm", id); err == nil || !strings.Contains(err.Error(), "margin rm --yes") {
		t.Errorf("rm with no answer: %v", err)
	}
	if _, _, err := margin(t, db, "", "show", id); err != nil {
		t.Fatalf("rm with no answer deleted: %v", err)
	}
	// rm asks naming the article in quotes (a title's own full stop ran
	// into the question mark).
	if _, stderr, _ := margin(t, db, "n\n", "rm", id); !strings.Contains(stderr, "Delete "+id+", “") || !strings.Contains(stderr, "”, and its 1 highlight? [y/N]") {
		t.Errorf("rm's question: %q", stderr)
	}
	// and names the article's note, which goes with it.
	if _, _, err := margin(t, db, "", "note", "--article", id, "mine"); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := margin(t, db, "n\n", "rm", id); !strings.Contains(stderr, "”, and its 1 highlight, and its note? [y/N]") {
		t.Errorf("rm's question on an article with a note: %q", stderr)
	}
	// A command's --help shows how to call it, and nothing else runs.
	for _, args := range [][]string{{"import", "--help"}, {"help", "import"}, {"import", "-h", "x.csv"}} {
		out, _, err := margin(t, db, "", args...)
		if err != nil || !strings.Contains(out, "margin import FILE|DIR|ZIP") || !strings.Contains(out, "--no-fetch") || strings.Contains(out, "margin list") {
			t.Fatalf("%q: %v %q", args, err, out)
		}
	}
	if out, _, err := margin(t, db, "", "link", "--help"); err != nil || !strings.Contains(out, "margin link HID") {
		t.Fatalf("link --help: %v %q", err, out)
	}
	// After "--" it is a word to look for.
	if out, _, err := margin(t, db, "", "search", "--", "--help"); err != nil || strings.Contains(out, "Usage") {
		t.Fatalf("search -- --help: %v %q", err, out)
	}
	if out, _, err := margin(t, db, "", "--version"); err != nil || !strings.HasPrefix(out, "margin ") {
		t.Fatalf("--version: %v %q", err, out)
	}
	// The library's own flags: named once ("margin: unknown flag", not
	// "margin: margin: unknown flag").
	if _, _, err := margin(t, db, "", "--frobnicate"); err == nil || strings.HasPrefix(err.Error(), "margin") || !strings.Contains(err.Error(), "--frobnicate") {
		t.Fatalf("--frobnicate: %v", err)
	}
	// A query word that starts with "-" is told where it goes, and goes.
	if _, _, err := margin(t, db, "", "search", "-hollow"); err == nil || !strings.Contains(err.Error(), "margin search -- -hollow") {
		t.Fatalf("search -hollow: %v", err)
	}
	if _, _, err := margin(t, db, "", "search", "--", "-hollow"); err != nil {
		t.Fatalf("search -- -hollow: %v", err)
	}
	// list takes a query: a malformed operator is named.
	if _, _, err := margin(t, db, "", "list", "is:archivedd"); err == nil || !strings.Contains(err.Error(), `"is:archivedd"`) {
		t.Fatalf("malformed query: %v", err)
	}
	// rm with one missing id deletes nothing.
	if _, _, err := margin(t, db, "", "rm", id, "999", "--yes"); err == nil {
		t.Fatal("rm with a missing id succeeded")
	}
	if !strings.Contains(must(t, db, "list"), "Security Assistance") {
		t.Fatal("rm deleted an article although another id was wrong")
	}
	// Several articles exported as JSON are one document.
	out, errOut, err := margin(t, db, longEssayText, "add", "-")
	if err != nil {
		t.Fatalf("add -: %v %s", err, errOut)
	}
	id2 := savedID(t, out)
	var docs []map[string]any
	if err := json.Unmarshal([]byte(must(t, db, "export", id, id2, "--format", "json")), &docs); err != nil || len(docs) != 2 {
		t.Fatalf("export of two articles as JSON: %v (%d documents)", err, len(docs))
	}
}

const longEssayText = "Notes On Keeping Notes\n\nWritten notes are how readers keep what they read, and keeping them well takes a little care every time.\n\nA second paragraph explains that the habit pays off a month later, when the memo is due.\n"

func TestCLIErrorsAreSanitised(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	var o, e bytes.Buffer
	err := run(context.Background(), []string{"add", "--db", db, "x\x1b]0;pwned\x07.html"}, strings.NewReader(""), &o, &e)
	if err == nil {
		t.Fatal("adding a missing file succeeded")
	}
	msg := e.String() + oneLine(err.Error())
	if strings.ContainsAny(msg, "\x1b\x07") {
		t.Fatalf("error output carries control characters: %q", msg)
	}
}

func TestCLIRefreshKeepsWhatDidNotChange(t *testing.T) {
	version := 1
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page := strings.ReplaceAll(essay, `<meta name="author"`, `<link rel="canonical" href="https://review.example/"><meta name="author"`)
		if r.URL.Path == "/other" {
			page = strings.Replace(page, "Security assistance to a failing state rarely", "A different story entirely: security assistance to a failing state rarely", 1)
		}
		if version == 2 {
			page = strings.Replace(page, "<p>None of this means", "<p>An added paragraph near the end changes the text a little.</p><p>None of this means", 1)
		}
		io.WriteString(w, page)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "lib.db")
	id := savedID(t, must(t, db, "add", srv.URL+"/essay"))
	// Two pages whose canonical link is the site's home page stay two articles.
	other := savedID(t, must(t, db, "add", srv.URL+"/other"))
	if other == id {
		t.Fatal("a page with the same home-page canonical link was taken for the saved one")
	}
	st := func() *store.Store {
		s, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	h := st()
	n, _ := articleID(id)
	a, _ := h.Article(context.Background(), n)
	pos := strings.Index(a.Markdown, "## The evidence")
	h.SetPosition(context.Background(), n, 0, pos, 0.5)
	h.Close()

	if out := must(t, db, "add", "--refresh", srv.URL+"/essay"); !strings.Contains(out, "unchanged "+id) {
		t.Fatalf("refresh of the same text: %q", out)
	}
	version = 2
	if out := must(t, db, "add", "--refresh", srv.URL+"/essay"); !strings.Contains(out, "refreshed "+id) {
		t.Fatalf("refresh of a changed text: %q", out)
	}
	h = st()
	defer h.Close()
	a, _ = h.Article(context.Background(), n)
	// The position lands on the same heading (its text: quotes are matched
	// on the text, not on Markdown syntax).
	if rest := a.Markdown[a.Position:]; !strings.HasPrefix(rest, "## The evidence") && !strings.HasPrefix(rest, "The evidence") || a.Progress != 0.5 {
		t.Fatalf("reading position not carried over: at %q progress %v", a.Markdown[a.Position:min(len(a.Markdown), a.Position+20)], a.Progress)
	}
}

// margin link HID CLAIM with a claim that does not exist names the
// claim, not the highlight (it said "no highlight HID", which exists).
func TestCLILinkToMissingClaimNamesTheClaim(t *testing.T) {
	db, id := essayLibrary(t)
	out := must(t, db, "highlight", id, "--quote", "units trained at great expense defected", "--label", "evidence")
	hid := regexp.MustCompile(`highlight (\d+)`).FindStringSubmatch(out)[1]
	_, _, err := margin(t, db, "", "link", hid, "999")
	if err == nil || !strings.Contains(err.Error(), "no highlight 999") || strings.Contains(err.Error(), "highlight "+hid) {
		t.Fatalf("link %s 999: %v; want it to say highlight 999 is missing", hid, err)
	}
}

// margin show ID --width N takes the widths the global --width and
// margin config width take: --width 5 printed the article a letter or two
// a line, and --width -3 was silently ignored.
func TestCLIShowWidthIsChecked(t *testing.T) {
	db, id := essayLibrary(t)
	for _, w := range []string{"5", "-3", "100000"} {
		out, _, err := margin(t, db, "", "show", id, "--width", w)
		if err == nil || !strings.Contains(err.Error(), "from 20 to 200") {
			t.Errorf("show --width %s: err %v, printed %d bytes; want the width refused", w, err, len(out))
		}
	}
	if out := must(t, db, "show", id, "--width", "40"); !strings.Contains(out, "Security") {
		t.Errorf("show --width 40: %q", out)
	}
}

// A one-word text was reported "saved N: Pasted text (1 words)".
func TestCLIAddOneWordSaysWord(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	out, errOut, err := margin(t, db, "Hello\n", "add", "-")
	if err != nil {
		t.Fatalf("add: %v %s", err, errOut)
	}
	if !strings.Contains(out, "(1 word)") {
		t.Errorf("add of one word: %q", out)
	}
}

// margin search with operators only that match nothing echoed the query
// with a space in front: nothing in the library matches " tag:nope".
func TestCLISearchOperatorsOnlyEchoesTheQuery(t *testing.T) {
	db, _ := essayLibrary(t)
	_, errOut, err := margin(t, db, "", "search", "tag:nope")
	if err != nil || !strings.Contains(errOut, `matches "tag:nope"`) {
		t.Errorf("search tag:nope: %v %q", err, errOut)
	}
}

// margin note HID - with an empty standard input (a producer that failed,
// a script run with no input) cleared the note; so did note --article ID -.
// Both now refuse and keep the note; "" still clears it.
func TestCLINoteFromEmptyStdinKeepsTheNote(t *testing.T) {
	db, id := essayLibrary(t)
	out := must(t, db, "highlight", id, "--quote", "units trained at great expense defected", "--note", "my careful note")
	hid := regexp.MustCompile(`highlight (\d+)`).FindStringSubmatch(out)[1]
	must(t, db, "note", "--article", id, "the article's note")
	for _, stdin := range []string{"", "\n \n"} {
		if _, _, err := margin(t, db, stdin, "note", hid, "-"); err == nil || !strings.Contains(err.Error(), "standard input is empty") {
			t.Errorf("note %s - with stdin %q: %v", hid, stdin, err)
		}
		if _, _, err := margin(t, db, stdin, "note", "--article", id, "-"); err == nil {
			t.Errorf("note --article %s - with stdin %q was taken", id, stdin)
		}
	}
	if out := must(t, db, "highlights", id); !strings.Contains(out, "my careful note") {
		t.Errorf("the highlight's note is gone: %q", out)
	}
	if out := must(t, db, "note", "--article", id); !strings.Contains(out, "the article's note") {
		t.Errorf("the article's note is gone: %q", out)
	}
	if out, _, err := margin(t, db, "from stdin\n", "note", hid, "-"); err != nil || !strings.Contains(must(t, db, "highlights", id), "from stdin") {
		t.Errorf("note from stdin: %v %q", err, out)
	}
}

// check --salvage with an empty name ran a plain check and said nothing.
func TestCheckSalvageNeedsAName(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	must(t, db, "list")
	_, _, err := margin(t, db, "", "check", "--salvage", "")
	if err == nil || !strings.Contains(err.Error(), "--salvage needs the name of a new library file") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("check --salvage '': %v", err)
	}
}

// list --sort takes every sort the sort: operator does (words and
// published were refused).
func TestListSortWordsAndPublished(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	dir := t.TempDir()
	short := filepath.Join(dir, "short.txt")
	long := filepath.Join(dir, "long.txt")
	os.WriteFile(short, []byte("A Short One\n\nOne paragraph of a few words only, enough for a text."), 0o644)
	os.WriteFile(long, []byte("A Long One\n\n"+strings.Repeat("A paragraph with a good many more words in it than the other one has. ", 20)), 0o644)
	must(t, db, "add", long)
	must(t, db, "add", short)
	out := must(t, db, "list", "--sort", "words")
	if i, j := strings.Index(out, "A Long One"), strings.Index(out, "A Short One"); i < 0 || j < 0 || i > j {
		t.Errorf("list --sort words: the longest is not first:\n%s", out)
	}
	must(t, db, "list", "--sort", "published")
}

// A label: that is none of margin's labels matches nothing, and the
// message says so ("disagreement" for disagree was a silent empty list).
func TestQueryNamesAnUnknownLabel(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lib.db")
	f := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(f, []byte("A Title\n\nA paragraph of ordinary words, long enough to be kept as the text of an article."), 0o644)
	must(t, db, "add", f)
	for _, args := range [][]string{{"list", "label:disagreement"}, {"search", "label:disagreement"}, {"search", "words", "label:disagreement"}} {
		_, errOut, err := margin(t, db, "", args...)
		if err != nil || !strings.Contains(errOut, `"disagreement" is none of margin's labels (highlight, claim, evidence, question, disagree)`) {
			t.Errorf("margin %s: %v %q", strings.Join(args, " "), err, errOut)
		}
	}
	if _, errOut, _ := margin(t, db, "", "list", "label:claim"); strings.Contains(errOut, "none of margin's labels") {
		t.Errorf("a label of margin's named as unknown: %q", errOut)
	}
}

// TestOpenURLWithoutABrowser: with no program to open a browser, the
// error says which is missing, once, without the address the status
// line already names (it read "Could not open URL: open URL: exec:
// "xdg-open": executable file not found in $PATH").
func TestOpenURLWithoutABrowser(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("xdg-open is Linux's")
	}
	t.Setenv("PATH", t.TempDir())
	err := openURL("http://127.0.0.1:1/b")
	if err == nil || err.Error() != "xdg-open, which opens the browser, is not installed" {
		t.Errorf("openURL without xdg-open: %v", err)
	}
}

// run2 runs margin with --db before the command, as a user types it.
func run2(db string, args ...string) (stdout, stderr string, err error) {
	var o, e bytes.Buffer
	err = run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &o, &e)
	return o.String(), e.String(), err
}

// What the reader could not save as it closed on a busy library was one
// run-on line ("...: context deadline exceeded could not save the note
// you were writing: ...; your words are kept in ... could not save the
// reading position: ..."): one line each now, in plain words.
func TestLastWordsOfUnsavedWork(t *testing.T) {
	busy := fmt.Errorf("update highlight 1: %w", context.DeadlineExceeded)
	err := errors.Join(ui.ErrUnsaved, fmt.Errorf("could not save the note: %w", busy),
		fmt.Errorf("could not save the note you were writing: %w; your words are kept in /lib/margin-unsaved-x.md", busy),
		fmt.Errorf("could not save the reading position: %w", busy))
	got := strings.Split(lastWords(err), "\n")
	if len(got) != 4 || got[2] != "could not save the note you were writing: update highlight 1: the library stayed busy (another margin was writing to it); your words are kept in /lib/margin-unsaved-x.md" {
		t.Errorf("%q", got)
	}
	if lastWords(errors.New("a\nb")) != "a b" {
		t.Errorf("another error is one line: %q", lastWords(errors.New("a\nb")))
	}
}

// margin show printed a title "www.example.com: Reden" as
// "http://www.example.com: Reden": the renderer linked the address.
func TestShowKeepsTheTitleAsWritten(t *testing.T) {
	dir := t.TempDir()
	db, page := filepath.Join(dir, "lib.db"), filepath.Join(dir, "p.html")
	body := strings.Repeat("<p>A paragraph with enough words to be read as prose by the extractor, about bridges and rivers.</p>", 4)
	if err := os.WriteFile(page, []byte(`<html><head><title>www.example.com: Some sections / Reden</title></head><body><article>`+body+`</article></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	id := savedID(t, must(t, db, "add", page))
	out := must(t, db, "show", id)
	if strings.Contains(out, "http://www.example.com") || !strings.Contains(out, "www.example.com: Some sections") {
		t.Errorf("show's title:\n%s", out)
	}
}
