package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// twoArticles saves two texts (three and four paragraphs) in a new
// library and returns its path and their ids.
func twoArticles(t *testing.T) (db, a, b string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "lib.db")
	writeText(t, filepath.Join(dir, "a.txt"), paragraphs(3))
	writeText(t, filepath.Join(dir, "b.txt"), paragraphs(4))
	a = savedID(t, must(t, db, "add", filepath.Join(dir, "a.txt")))
	b = savedID(t, must(t, db, "add", filepath.Join(dir, "b.txt")))
	return db, a, b
}

// Tags from the command line: add, remove, list with counts, rename,
// merge, delete (issue 15, the part the importers need first).
func TestCLITags(t *testing.T) {
	db, a, b := twoArticles(t)
	if out := must(t, db, "tag", a, b, "+policy", "+Later", "+#reading list"); !strings.Contains(out, a+": #Later #policy #reading list") {
		t.Errorf("tag: %q", out)
	}
	if out := must(t, db, "tag", b, "-later", "--db", db); !strings.Contains(out, b+": #policy #reading list") {
		t.Errorf("untag (any case, -name is a tag): %q", out)
	}
	if out := must(t, db, "tags"); !strings.Contains(out, "    1  #Later") || !strings.Contains(out, "    2  #policy") {
		t.Errorf("tags: %q", out)
	}
	if out := must(t, db, "list", "--format", "json"); !strings.Contains(out, `"tags": [
      "Later",
      "policy",
      "reading list"
    ]`) {
		t.Errorf("list json lacks the tags:\n%s", out)
	}
	if out := must(t, db, "export", a); !strings.Contains(out, "- Later") || !strings.Contains(out, "- reading-list") {
		t.Errorf("export front matter lacks the tags:\n%s", out)
	}
	must(t, db, "tags", "rename", "policy", "Policy")
	if out := must(t, db, "tags", "merge", "reading list", "Later"); !strings.Contains(out, "is now #Later (2 articles)") {
		t.Errorf("merge: %q", out)
	}
	// Deleting a tag asks first (no undo, one typo from rename), naming
	// the saved views that use it.
	must(t, db, "view", "save", "Later ones", "tag:later is:new")
	if out, stderr, err := margin(t, db, "n\n", "tags", "delete", "later"); err != nil || out != "" ||
		!strings.Contains(stderr, "Delete #Later from 2 articles (the view “Later ones” uses it)? [y/N] kept it") {
		t.Errorf("delete, answered no: %q %q %v", out, stderr, err)
	}
	if out, _, err := margin(t, db, "y\n", "tags", "delete", "later"); err != nil || !strings.Contains(out, "deleted #later from 2 articles") {
		t.Errorf("delete: %q %v", out, err)
	}
	if out := must(t, db, "tags"); strings.Contains(out, "Later") || !strings.Contains(out, "#Policy") {
		t.Errorf("after rename and delete: %q", out)
	}
	for _, bad := range [][]string{{"tag", a, "+a,b"}, {"tag", "+x"}, {"tag", a}, {"tags", "delete", "nope"}} {
		if _, errOut, err := margin(t, db, "", bad...); err == nil || errOut == "" && err.Error() == "" {
			t.Errorf("%v accepted", bad)
		}
	}
}

// Reading states and stars from the command line (issue 15).
func TestCLIMarkAndStar(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	writeText(t, filepath.Join(dir, "a.txt"), paragraphs(3))
	a := savedID(t, must(t, db, "add", filepath.Join(dir, "a.txt")))
	if out := must(t, db, "list"); !strings.Contains(out, "new") {
		t.Errorf("a new article: %q", out)
	}
	must(t, db, "mark", a, "done")
	must(t, db, "star", a)
	if out := must(t, db, "list"); !strings.Contains(out, "★ done") {
		t.Errorf("done and starred: %q", out)
	}
	if out := must(t, db, "list", "--format", "json"); !strings.Contains(out, `"reading": "done"`) || !strings.Contains(out, `"starred": true`) {
		t.Errorf("json: %s", out)
	}
	// Starring a starred article, or taking out of the archive one that
	// is not in it, says so rather than that it did it.
	if out := must(t, db, "star", a); out != a+" is starred already\n" {
		t.Errorf("star twice: %q", out)
	}
	if out := must(t, db, "unarchive", a); out != a+" is in the inbox already\n" {
		t.Errorf("unarchive from the inbox: %q", out)
	}
	if out := must(t, db, "unstar", a); out != "unstarred "+a+"\n" {
		t.Errorf("unstar: %q", out)
	}
	if out := must(t, db, "unstar", a); out != a+" was not starred\n" {
		t.Errorf("unstar twice: %q", out)
	}
	must(t, db, "mark", a, "new")
	if out := must(t, db, "list"); strings.Contains(out, "★") || !strings.Contains(out, "new") {
		t.Errorf("unstarred, new again: %q", out)
	}
	if _, _, err := margin(t, db, "", "mark", a, "finished"); err == nil {
		t.Error("an unknown state accepted")
	}
	// The state first reads as well ("mark: "12" is not done, reading or new").
	must(t, db, "mark", "done", a)
	if out := must(t, db, "list", "--all"); !strings.Contains(out, "done") {
		t.Errorf("mark done ID: %q", out)
	}
}

// Editing an article's metadata, kept through a refresh (issue 15).
func TestCLIEditKeptByRefresh(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, paragraphs(4))
	id := savedID(t, must(t, db, "add", file))
	must(t, db, "edit", id, "--title", "A better title", "--published", "2024-05-06")
	writeText(t, file, paragraphs(5))
	must(t, db, "refresh", id)
	if out := must(t, db, "list"); !strings.Contains(out, "A better title") {
		t.Errorf("the edited title did not survive the refresh:\n%s", out)
	}
	for _, bad := range [][]string{{"edit", id}, {"edit", id, "--published", "May 6"}, {"edit", id, "--title", " "}, {"edit", "99", "--title", "x"}} {
		if _, _, err := margin(t, db, "", bad...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// margin list takes the query language (issue 15).
func TestCLIListQuery(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	writeText(t, filepath.Join(dir, "a.txt"), paragraphs(3))
	writeText(t, filepath.Join(dir, "b.txt"), append(paragraphs(2), "Security assistance to a failing state."))
	a := savedID(t, must(t, db, "add", filepath.Join(dir, "a.txt")))
	b := savedID(t, must(t, db, "add", filepath.Join(dir, "b.txt")))
	must(t, db, "tag", a, "+later")
	must(t, db, "mark", b, "done")
	count := func(args ...string) int {
		out := must(t, db, append([]string{"list", "--format", "json"}, args...)...)
		return strings.Count(out, `"id":`)
	}
	if n := count("tag:later"); n != 1 {
		t.Errorf("tag:later: %d", n)
	}
	if n := count("-tag:later"); n != 1 {
		t.Errorf("-tag:later: %d", n)
	}
	if n := count("security", "is:done"); n != 1 {
		t.Errorf("security is:done: %d", n)
	}
	if n := count("is:new", "sort:title"); n != 1 {
		t.Errorf("is:new: %d", n)
	}
	_, errOut, err := margin(t, db, "", "list", "is:sleeping")
	if err == nil || !strings.Contains(errOut+err.Error(), `"is:sleeping"`) {
		t.Errorf("a malformed query: %v %q", err, errOut)
	}
}

// margin search and margin highlights take the query language: operators
// narrow, words search (issue 15).
func TestCLISearchAndHighlightsQuery(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	writeText(t, filepath.Join(dir, "a.txt"), append(paragraphs(2), "Security assistance to a failing state."))
	writeText(t, filepath.Join(dir, "b.txt"), append(paragraphs(2), "Security guarantees were promised twice."))
	a := savedID(t, must(t, db, "add", filepath.Join(dir, "a.txt")))
	b := savedID(t, must(t, db, "add", filepath.Join(dir, "b.txt")))
	must(t, db, "tag", a, "+policy")
	if out := must(t, db, "search", "security"); !strings.Contains(out, " "+a+"  ") || !strings.Contains(out, " "+b+"  ") {
		t.Errorf("search security: %q", out)
	}
	out := must(t, db, "search", "security", "tag:policy")
	if !strings.Contains(out, " "+a+"  ") || strings.Contains(out, " "+b+"  ") {
		t.Errorf("search security tag:policy: %q", out)
	}
	if out := must(t, db, "search", "-tag:policy", "security"); strings.Contains(out, " "+a+"  ") || !strings.Contains(out, " "+b+"  ") {
		t.Errorf("search -tag:policy security: %q", out)
	}
	if out := must(t, db, "search", "tag:policy"); !strings.Contains(out, " "+a+"  ") || strings.Contains(out, " "+b+"  ") {
		t.Errorf("search tag:policy (operators only): %q", out)
	}
	if _, errOut, err := margin(t, db, "", "search", "security", "has:everything"); err == nil || !strings.Contains(errOut+err.Error(), `"has:everything"`) {
		t.Errorf("a malformed search: %v %q", err, errOut)
	}
	must(t, db, "highlight", a, "--quote", "Security assistance", "--label", "claim")
	must(t, db, "highlight", b, "--quote", "Security guarantees")
	hl := func(args ...string) string { return must(t, db, append([]string{"highlights"}, args...)...) }
	if out := hl("tag:policy"); !strings.Contains(out, "Security assistance") || strings.Contains(out, "guarantees") {
		t.Errorf("highlights tag:policy: %q", out)
	}
	if out := hl("label:claim"); !strings.Contains(out, "assistance") || strings.Contains(out, "guarantees") {
		t.Errorf("highlights label:claim: %q", out)
	}
	if out := hl("-label:claim"); strings.Contains(out, "assistance") || !strings.Contains(out, "guarantees") {
		t.Errorf("highlights -label:claim: %q", out)
	}
	if out := hl("guarantees"); strings.Contains(out, "assistance") || !strings.Contains(out, "guarantees") {
		t.Errorf("highlights guarantees: %q", out)
	}
	if out := hl(b); strings.Contains(out, "assistance") || !strings.Contains(out, "guarantees") {
		t.Errorf("highlights ID still lists one article: %q", out)
	}
}

// The note on a whole article from the command line: written, shown,
// read from standard input, exported above the highlights, cleared.
func TestCLIArticleNote(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	writeText(t, filepath.Join(dir, "a.txt"), paragraphs(3))
	a := savedID(t, must(t, db, "add", filepath.Join(dir, "a.txt")))
	if out := must(t, db, "note", "--article", a, "Read it twice."); !strings.Contains(out, "noted article "+a) {
		t.Errorf("note: %q", out)
	}
	if out := must(t, db, "note", "--article", a); strings.TrimSpace(out) != "Read it twice." {
		t.Errorf("show: %q", out)
	}
	if out, _, err := margin(t, db, "From stdin.\n", "note", "--article", a, "-"); err != nil || !strings.Contains(out, "noted") {
		t.Errorf("stdin: %q %v", out, err)
	}
	if out := must(t, db, "export", a); !strings.Contains(out, "## Note\n\nFrom stdin.\n\n## Highlights") {
		t.Errorf("export:\n%s", out)
	}
	// show heads the note and writes the date as the reader does.
	must(t, db, "edit", a, "--published", "2019-11-20")
	if out := must(t, db, "show", a); !strings.Contains(out, "Your note on this article") || !strings.Contains(out, "From stdin.") || !strings.Contains(out, "Nov 20, 2019") {
		t.Errorf("show lacks the note or the reader's date:\n%s", out)
	}
	if out := must(t, db, "list", "has:note"); !strings.Contains(out, " "+a+" ") {
		t.Errorf("has:note: %q", out)
	}
	must(t, db, "note", "--article", a, "")
	if _, errOut, _ := margin(t, db, "", "note", "--article", a); !strings.Contains(errOut, "no note") {
		t.Errorf("cleared: %q", errOut)
	}
	if _, _, err := margin(t, db, "", "note", "--article", "99", "x"); err == nil {
		t.Error("a missing article accepted")
	}
}

// Saved views from the command line, and export by query or view.
func TestCLIViewsAndExportQuery(t *testing.T) {
	db, a, b := twoArticles(t)
	must(t, db, "edit", a, "--title", "Alpha Piece")
	must(t, db, "edit", b, "--title", "Beta Piece")
	must(t, db, "tag", a, "+later")
	if out := must(t, db, "view", "save", "Later", "tag:later", "-is:done"); !strings.Contains(out, "saved view Later: tag:later -is:done (1 article now") {
		t.Errorf("save: %q", out)
	}
	if out := must(t, db, "view", "list"); !strings.Contains(out, "Later") || !strings.Contains(out, "    1  tag:later -is:done") {
		t.Errorf("list: %q", out)
	}
	// Saving under a name in use says what the view was.
	// A view needs a query: one without would be the whole library.
	if _, _, err := margin(t, db, "", "view", "save", "Everything"); err == nil || !strings.Contains(err.Error(), "give the query") {
		t.Errorf("view save without a query: %v", err)
	}
	if out := must(t, db, "view", "save", "later", "tag:later"); !strings.Contains(out, `replaced "tag:later -is:done"`) {
		t.Errorf("save again: %q", out)
	}
	must(t, db, "view", "save", "Later", "tag:later", "-is:done")
	if _, errOut, err := margin(t, db, "", "view", "save", "Bad", "is:asleep"); err == nil || !strings.Contains(errOut+err.Error(), `"is:asleep"`) {
		t.Errorf("a malformed view: %v %q", err, errOut)
	}
	out := must(t, db, "export", "--view", "later")
	if !strings.Contains(out, "# Alpha Piece") || strings.Contains(out, "Beta Piece") {
		t.Errorf("export --view:\n%s", out)
	}
	out = must(t, db, "export", "--query", "-tag:later", "--format", "json")
	if !strings.Contains(out, "Beta Piece") || strings.Contains(out, "Alpha Piece") {
		t.Errorf("export --query:\n%s", out)
	}
	for _, bad := range [][]string{{"export", "--view", "nope"}, {"export", a, "--query", "tag:x"}, {"export", "--query", "is:zzz"}} {
		if _, _, err := margin(t, db, "", bad...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	must(t, db, "view", "delete", "LATER")
	if _, errOut, _ := margin(t, db, "", "view", "list"); !strings.Contains(errOut, "no saved views") {
		t.Errorf("after delete: %q", errOut)
	}
}

// Tag an article, mark it done, save a view, reopen margin and find the
// article in the view (issue 15's end-to-end case).
func TestE2ETagStateView(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	db, a, b := twoArticles(t)
	must(t, db, "edit", a, "--title", "Alpha Piece")
	must(t, db, "edit", b, "--title", "Beta Piece")

	tm := startTerm(t, 100, 30, nil, "--db", db, "--style", "dark")
	tm.waitFor("Beta Piece")
	// The newest (Beta) is first: go to Alpha, tag it, mark it done.
	tm.press("j", "t")
	tm.waitFor("tags:")
	tm.press("wee", "\t")
	tm.waitGone("tags: wee ")
	tm.press("kend", "\r")
	tm.waitFor("#weekend")
	tm.press("m")
	tm.waitFor("is done")
	tm.press("q")
	if err := tm.wait(); err != nil {
		t.Fatalf("margin exited with %v", err)
	}
	if out := must(t, db, "view", "save", "Weekend", "tag:weekend", "is:done"); !strings.Contains(out, "1 article now") {
		t.Fatalf("view save: %q", out)
	}

	tm = startTerm(t, 100, 30, nil, "--db", db, "--style", "dark")
	tm.waitFor("Beta Piece")
	tm.press("v")
	tm.waitFor("Saved views")
	tm.press("j", "\r")
	tm.waitGone("Beta Piece")
	s := tm.screen()
	if !strings.Contains(s, "Weekend") || !strings.Contains(s, "Alpha Piece") || !strings.Contains(s, "#weekend") || !strings.Contains(s, "1 article") {
		t.Errorf("the view:\n%s", s)
	}
	tm.press("q")
	if err := tm.wait(); err != nil {
		t.Fatalf("margin exited with %v", err)
	}
}

// margin list that finds nothing says why: the query matched nothing, or
// every article is archived; only an empty library is called empty.
func TestCLIListSaysWhyItIsEmpty(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	writeText(t, filepath.Join(dir, "a.txt"), paragraphs(3))
	if _, errOut, _ := margin(t, db, "", "list"); !strings.Contains(errOut, "The library is empty") {
		t.Errorf("an empty library: %q", errOut)
	}
	a := savedID(t, must(t, db, "add", filepath.Join(dir, "a.txt")))
	_, errOut, err := margin(t, db, "", "list", "tag:nowhere")
	if err != nil || strings.Contains(errOut, "empty") || !strings.Contains(errOut, `nothing in the library matches "tag:nowhere"`) {
		t.Errorf("a query that matches nothing: %v %q", err, errOut)
	}
	must(t, db, "archive", a)
	_, errOut, err = margin(t, db, "", "list")
	if err != nil || strings.Contains(errOut, "empty") || !strings.Contains(errOut, "--all") {
		t.Errorf("every article archived: %v %q", err, errOut)
	}
	// The query would match in the archive: --all says where to look.
	if _, errOut, _ = margin(t, db, "", "list", "words:>1"); !strings.Contains(errOut, "--all") {
		t.Errorf("a query matching archived articles only: %q", errOut)
	}
}

// A tag typed with its # (as margin tags shows it) is named once with it.
func TestCLITagsNamedAsShown(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	writeText(t, filepath.Join(dir, "a.txt"), paragraphs(3))
	a := savedID(t, must(t, db, "add", filepath.Join(dir, "a.txt")))
	must(t, db, "tag", a, "+work")
	if out := must(t, db, "tags", "rename", "#work", "#deep work"); out != "#work is now #deep work (1 article)\n" {
		t.Errorf("rename: %q", out)
	}
	if out := must(t, db, "tags", "delete", "--yes", "#deep work"); out != "deleted #deep work from 1 article\n" {
		t.Errorf("delete: %q", out)
	}
}

// margin list marks an imported link kept without its text, as the
// library's rows do.
func TestCLIListMarksNotFetched(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	writeText(t, filepath.Join(dir, "links.txt"), []string{"https://example.invalid/a"})
	must(t, db, "import", filepath.Join(dir, "links.txt"), "--no-fetch")
	if out := must(t, db, "list"); !strings.Contains(out, "new, not fetched") {
		t.Errorf("list:\n%s", out)
	}
}

// margin tags rename alpha beta, onto an existing #Beta, merged into #Beta
// but said "#alpha is now #beta".
func TestCLITagsRenameOntoOtherSpelling(t *testing.T) {
	db, a, b := twoArticles(t)
	must(t, db, "tag", a, "+alpha")
	must(t, db, "tag", b, "+Beta")
	if out := must(t, db, "tags", "rename", "alpha", "beta"); out != "#alpha is now #Beta (2 articles)\n" {
		t.Errorf("rename onto #Beta: %q", out)
	}
	if out := must(t, db, "tags"); !strings.Contains(out, "    2  #Beta") {
		t.Errorf("tags: %q", out)
	}
}
