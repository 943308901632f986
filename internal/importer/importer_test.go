package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// buildZip makes a zip from name -> content, in name order.
func buildZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dirFiles reads a testdata directory as name -> content.
func dirFiles(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkExport holds every item to the properties the fuzz targets check.
func checkExport(t testing.TB, e *Export) {
	t.Helper()
	okLine := func(what, s string) {
		if !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 {
			t.Fatalf("%s %q is not clean", what, s)
		}
	}
	okLine("summary", e.Summary)
	for _, p := range e.Problems {
		okLine("problem", p)
	}
	for _, it := range e.Items {
		okLine("title", it.Title)
		okLine("author", it.Author)
		okLine("site", it.Site)
		okLine("ref", it.Ref)
		if it.URL != "" && !strings.HasPrefix(strings.ToLower(it.URL), "http://") && !strings.HasPrefix(strings.ToLower(it.URL), "https://") {
			t.Fatalf("URL %q is not http(s)", it.URL)
		}
		if !utf8.ValidString(it.Content) || !utf8.ValidString(it.Note) {
			t.Fatalf("content or note of %q is not valid UTF-8", it.URL)
		}
		for _, tag := range it.Tags {
			okLine("tag", tag)
			if tag == "" || strings.Contains(tag, ",") {
				t.Fatalf("bad tag %q", tag)
			}
		}
		for _, h := range it.Highlights {
			if h.Quote == "" || !utf8.ValidString(h.Quote) || !utf8.ValidString(h.Note) {
				t.Fatalf("bad highlight %+v", h)
			}
			if h.Label != "" && h.Label != "claim" && h.Label != "evidence" && h.Label != "question" && h.Label != "disagree" {
				t.Fatalf("bad label %q", h.Label)
			}
		}
		if it.Progress < 0 || it.Progress > 1 {
			t.Fatalf("progress %v", it.Progress)
		}
	}
}

func urls(e *Export) []string {
	var out []string
	for _, it := range e.Items {
		out = append(out, it.URL)
	}
	return out
}

func item(t *testing.T, e *Export, url string) Item {
	t.Helper()
	for _, it := range e.Items {
		if it.URL == url {
			return it
		}
	}
	t.Fatalf("no item %s in %v", url, urls(e))
	return Item{}
}

func unix(s int64) time.Time { return time.Unix(s, 0).UTC() }

func TestPocketHTML(t *testing.T) {
	for _, format := range []string{"", "auto", "pocket"} {
		e, err := Parse("ril_export.html", readFixture(t, "ril_export.html"), format)
		if err != nil {
			t.Fatal(err)
		}
		checkExport(t, e)
		if e.Format != "pocket" {
			t.Fatalf("format %q", e.Format)
		}
		want := []string{"https://example.com/slow-reading", "http://example.org/no-tags", "https://example.net/archived"}
		if !slices.Equal(urls(e), want) {
			t.Fatalf("urls %v", urls(e))
		}
		a := item(t, e, "https://example.com/slow-reading")
		if a.Title != "On Slow Reading" || !slices.Equal(a.Tags, []string{"essays", "long read"}) || !a.Saved.Equal(unix(1700000000)) || a.Archived {
			t.Fatalf("first item %+v", a)
		}
		if b := item(t, e, "http://example.org/no-tags"); b.Title != "Untagged & fine" || b.Tags != nil {
			t.Fatalf("second item %+v", b)
		}
		if c := item(t, e, "https://example.net/archived"); !c.Archived || !c.Saved.IsZero() || c.Done {
			t.Fatalf("archived item %+v", c)
		}
		if len(e.Problems) != 1 || !strings.Contains(e.Problems[0], "ril_export.html link 3") || !strings.Contains(e.Problems[0], "not an http(s) URL") {
			t.Fatalf("problems %q", e.Problems)
		}
		// The archived item's date ("bogus") is counted, as every other
		// format's unreadable dates are; it was dropped without a word.
		if e.Summary != `ril_export.html: Pocket export, 3 links, 0 highlights, 1 item skipped; 1 saved date not read ("bogus"): dated the day of the import` {
			t.Fatalf("summary %q", e.Summary)
		}
	}
}

func TestPocketZip(t *testing.T) {
	data := buildZip(t, dirFiles(t, "testdata/pocket-export"))
	zipped, err := Parse("pocket.zip", data, "")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := Open(context.Background(), "testdata/pocket-export", "auto")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []*Export{zipped, dir} {
		checkExport(t, e)
		if e.Format != "pocket" {
			t.Fatalf("format %q", e.Format)
		}
		want := []string{"https://example.com/slow-reading", "https://example.org/commas", "https://example.com/second", "https://example.com/only-annotated"}
		if !slices.Equal(urls(e), want) {
			t.Fatalf("urls %v", urls(e))
		}
		a := item(t, e, "https://example.com/slow-reading")
		if !slices.Equal(a.Tags, []string{"essays", "long read"}) || len(a.Highlights) != 1 || a.Highlights[0].Quote != "Reading slowly is a skill." || !a.Highlights[0].Created.Equal(unix(1700000500)) {
			t.Fatalf("annotated item %+v", a)
		}
		if b := item(t, e, "https://example.org/commas"); b.Title != `Commas, quotes "and" more` || !b.Archived {
			t.Fatalf("archived item %+v", b)
		}
		if c := item(t, e, "https://example.com/only-annotated"); c.Title != "Only annotated" || len(c.Highlights) != 1 || !c.Highlights[0].Created.Equal(unix(1700000000)) {
			t.Fatalf("annotation-only item %+v", c)
		}
		wantProblems := []string{
			"part_000000.csv line 4: 2 columns, expected 5",
			`part_000001.csv line 3: "ftp://example.com/file" is not an http(s) URL`,
		}
		if !slices.Equal(e.Problems, wantProblems) {
			t.Fatalf("problems %q", e.Problems)
		}
		if !strings.HasSuffix(e.Summary, ": Pocket export, 2 CSV parts, 4 links, 2 highlights, 2 items skipped") {
			t.Fatalf("summary %q", e.Summary)
		}
	}
	if !strings.HasPrefix(zipped.Summary, "pocket.zip: ") || !strings.HasPrefix(dir.Summary, "pocket-export: ") {
		t.Fatalf("summaries %q, %q", zipped.Summary, dir.Summary)
	}
}

// Pocket's annotations name a link in another form than its CSV row (the
// row with Pocket's utm_source, the annotation without): they are one
// item, as the library's identity has it, not a second item the summary
// counted as a link of its own.
func TestPocketZipAnnotationsJoinByIdentity(t *testing.T) {
	data := buildZip(t, map[string]string{
		"part_000000.csv":              "title,url,time_added,cursor,tags,status\nTwo,https://example.com/two?utm_source=pocket_saves,1700000001,c,,archive\n",
		"annotations/part_000000.json": `[{"url":"https://example.com/two/","title":"Two","highlights":[{"quote":"A passage.","created_at":1700000500}]}]`,
	})
	e, err := Parse("pocket.zip", data, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Items) != 1 || len(e.Items[0].Highlights) != 1 || !e.Items[0].Archived || !strings.Contains(e.Summary, " 1 link, 1 highlight") {
		t.Fatalf("%q %+v", e.Summary, e.Items)
	}
}

// A link's address longer than a title may be (a query string of 3,000
// characters) was cut at 2,000 bytes: another address was saved, its end
// lost. It is kept whole; one past maxURLBytes is refused, named.
func TestLongURLKeptWhole(t *testing.T) {
	long := "https://example.com/path?q=" + strings.Repeat("x", 3000) + "&end=1"
	huge := "https://example.com/?q=" + strings.Repeat("y", 40_000)
	e, err := Parse("urls.txt", []byte(long+"\n"+huge+"\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Items) != 1 || e.Items[0].URL != long {
		t.Fatalf("%d items, URL of %d bytes", len(e.Items), len(e.Items[0].URL))
	}
	if len(e.Problems) != 1 || !strings.Contains(e.Problems[0], "longer than") || len(e.Problems[0]) > 500 {
		t.Fatalf("problems %q", e.Problems)
	}
}

// A line "URL<tab>title" (copied from a spreadsheet) was read as the
// address "URL title": the title's first word joined the address.
func TestURLListTabSeparated(t *testing.T) {
	e, err := Parse("urls.txt", []byte("https://example.com/tab\tTab title\nhttps://example.com/sp  Two spaces\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := urls(e); !slices.Equal(got, []string{"https://example.com/tab", "https://example.com/sp"}) || e.Items[0].Title != "Tab title" || e.Items[1].Title != "Two spaces" {
		t.Fatalf("%q %+v", got, e.Items)
	}
	// A comment after a URL is no title; "#MeToo" after one is.
	e, err = Parse("urls.txt", []byte("https://example.com/a   # trailing comment\nhttps://example.com/b\t#MeToo, a year on\n"), "")
	if err != nil || len(e.Items) != 2 || e.Items[0].Title != "" || e.Items[1].Title != "#MeToo, a year on" {
		t.Fatalf("%v %+v", err, e.Items)
	}
	// A line of words is named whole, not by its first word.
	e, err = Parse("urls.txt", []byte("https://example.com/a\nnot a url\n"), "")
	if err != nil || len(e.Problems) != 1 || e.Problems[0] != `urls.txt line 2: "not a url" is not an http(s) URL` {
		t.Fatalf("%v %q", err, e.Problems)
	}
}

func TestURLList(t *testing.T) {
	e, err := Parse("urls.txt", readFixture(t, "urls.txt"), "")
	if err != nil {
		t.Fatal(err)
	}
	checkExport(t, e)
	if e.Format != "urls" || !slices.Equal(urls(e), []string{"https://example.com/a", "http://example.org/b"}) {
		t.Fatalf("%s %v", e.Format, urls(e))
	}
	if b := e.Items[1]; b.Title != "A title after the URL" || b.Ref != "urls.txt line 4" {
		t.Fatalf("%+v", b)
	}
	want := []string{`urls.txt line 5: "mailto:someone@example.com" is not an http(s) URL`, `urls.txt line 6: "example.com/no-scheme" is not an http(s) URL`}
	if !slices.Equal(e.Problems, want) {
		t.Fatalf("problems %q", e.Problems)
	}
}

func TestBookmarks(t *testing.T) {
	e, err := Parse("bookmarks.html", readFixture(t, "bookmarks.html"), "")
	if err != nil {
		t.Fatal(err)
	}
	checkExport(t, e)
	if e.Format != "bookmarks" {
		t.Fatalf("format %q", e.Format)
	}
	want := map[string][]string{
		"https://example.com/toolbar": nil,
		"https://example.com/essay":   {"slow", "long", "Essays", "Reading"},
		"https://example.com/reading": {"Reading"},
		"https://example.com/top":     nil,
	}
	if len(e.Items) != len(want) {
		t.Fatalf("items %v", urls(e))
	}
	for u, tags := range want {
		if it := item(t, e, u); !slices.Equal(it.Tags, tags) {
			t.Fatalf("%s tags %q, want %q", u, it.Tags, tags)
		}
	}
	if it := item(t, e, "https://example.com/essay"); it.Title != "An essay" || !it.Saved.Equal(unix(1600000200)) || it.Excerpt != "Why one reads slowly & well" {
		t.Fatalf("%+v", it)
	}
	if len(e.Problems) != 1 || !strings.Contains(e.Problems[0], "place:sort=8") {
		t.Fatalf("problems %q", e.Problems)
	}
	// A date that cannot be read is counted in the summary.
	e, err = Parse("b.html", []byte(`<!DOCTYPE NETSCAPE-Bookmark-file-1>
<DL><p><DT><A HREF="https://example.com/a" ADD_DATE="bogus">A</A></DL>`), "")
	if err != nil || !strings.Contains(e.Summary, `1 saved date not read ("bogus")`) {
		t.Fatalf("a bookmark's unreadable date: %v %q", err, e.Summary)
	}
}

// A file of 10,000 nested folders parses quickly with at most the
// innermost few folder names as tags.
func TestBookmarksDeepFolders(t *testing.T) {
	var b strings.Builder
	b.WriteString("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n")
	const depth = 10000
	for i := range depth {
		b.WriteString("<DT><H3>f" + strconv.Itoa(i) + "</H3>\n<DL><p>\n")
	}
	b.WriteString(`<DT><A HREF="https://example.com/deep">Deep</A>` + "\n")
	for range depth {
		b.WriteString("</DL><p>\n")
	}
	b.WriteString(`<DT><A HREF="https://example.com/shallow">Shallow</A>` + "\n</DL>\n")
	e, err := Parse("deep.html", []byte(b.String()), "")
	if err != nil {
		t.Fatal(err)
	}
	checkExport(t, e)
	if len(e.Items) != 2 {
		t.Fatalf("items %v", urls(e))
	}
	if tags := e.Items[0].Tags; len(tags) != maxFolderTags || tags[0] == "" {
		t.Fatalf("deep tags %q", tags)
	}
	if tags := e.Items[1].Tags; tags != nil {
		t.Fatalf("shallow tags %q", tags)
	}
}

// takeContent is an item's content, read from the export when the parse
// left it there (Open).
func takeContent(t testing.TB, it Item) string {
	t.Helper()
	s, err := it.TakeContent(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", it.Ref, err)
	}
	return s
}
