package importer

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

func parseFixture(t *testing.T, name, format string) *Export {
	t.Helper()
	e, err := Parse(name, readFixture(t, name), format)
	if err != nil {
		t.Fatal(err)
	}
	checkExport(t, e)
	return e
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestInstapaper(t *testing.T) {
	e := parseFixture(t, "instapaper.csv", "")
	if e.Format != "instapaper" {
		t.Fatalf("format %q", e.Format)
	}
	if got := urls(e); !slices.Equal(got, []string{"https://example.com/unread", "https://example.com/archived", "https://example.com/starred", "https://example.com/folder"}) {
		t.Fatalf("urls %v", got)
	}
	if a := item(t, e, "https://example.com/unread"); a.Archived || a.Starred || a.Tags != nil || !a.Saved.Equal(unix(1700000000)) {
		t.Fatalf("%+v", a)
	}
	b := item(t, e, "https://example.com/archived")
	if !b.Archived || !slices.Equal(b.Tags, []string{"slow", "essays"}) || len(b.Highlights) != 1 || b.Highlights[0].Quote != "A selected passage." {
		t.Fatalf("%+v", b)
	}
	if c := item(t, e, "https://example.com/starred"); !c.Starred || c.Archived {
		t.Fatalf("%+v", c)
	}
	if d := item(t, e, "https://example.com/folder"); !slices.Equal(d.Tags, []string{"a b", "Research Notes"}) {
		t.Fatalf("%+v", d.Tags)
	}
	if !slices.Equal(e.Problems, []string{"instapaper.csv line 6: 4 columns, expected 6"}) {
		t.Fatalf("problems %q", e.Problems)
	}

	old := parseFixture(t, "instapaper-old.csv", "")
	if old.Format != "instapaper" || len(old.Items) != 1 || !old.Items[0].Archived {
		t.Fatalf("old file %+v", old)
	}
}

// A field that opens with a quote it never closes (a title typed as
// "Quoted" rest) read the rest of the file as that one field: every row
// after it was lost as "1 item skipped". That row alone is skipped now,
// the others are read, and a quoted field over several lines still reads.
func TestCSVUnclosedQuoteLosesOneRow(t *testing.T) {
	data := "\ufeffURL,Title,Selection,Folder,Timestamp,Tags\r\n" +
		"https://example.com/i1,\"Quoted\" title here,,Unread,1700000000,\r\n" +
		"https://example.com/i2,Two,\"a passage\r\nover two lines\",Unread,1700000000,\r\n" +
		"https://example.com/i3,Three,,Unread,1700000000,\r\n" +
		"\r\n" +
		"https://example.com/i4,Four,,Archive,1700000000,\r\n"
	e, err := Parse("lazy.csv", []byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := urls(e); !slices.Equal(got, []string{"https://example.com/i2", "https://example.com/i3", "https://example.com/i4"}) {
		t.Fatalf("urls %v, problems %q", got, e.Problems)
	}
	if len(e.Problems) != 1 || !strings.HasPrefix(e.Problems[0], "lazy.csv line 2: ") {
		t.Fatalf("problems %q", e.Problems)
	}
	if h := item(t, e, "https://example.com/i2").Highlights; len(h) != 1 || h[0].Quote != "a passage\nover two lines" {
		t.Fatalf("highlights %+v", h)
	}
	if !item(t, e, "https://example.com/i4").Archived || item(t, e, "https://example.com/i3").Ref != "lazy.csv line 5" {
		t.Fatalf("%+v", e.Items)
	}
	// Two in a row: each names its own line, and so do the rows after.
	data = "URL,Title,Selection,Folder,Timestamp,Tags\n" +
		"https://example.com/j1,\"One,,Unread,1,\n" +
		"https://example.com/j2,\"Two,,Unread,1,\n" +
		"https://example.com/j3,Three,,Unread,1,\n"
	if e, err = Parse("lazy.csv", []byte(data), ""); err != nil {
		t.Fatal(err)
	}
	if len(e.Items) != 1 || e.Items[0].Ref != "lazy.csv line 4" || len(e.Problems) != 2 ||
		!strings.HasPrefix(e.Problems[0], "lazy.csv line 2: ") || !strings.HasPrefix(e.Problems[1], "lazy.csv line 3: ") {
		t.Fatalf("%+v %q", e.Items, e.Problems)
	}
}

func TestReadwiseReader(t *testing.T) {
	e := parseFixture(t, "reader.csv", "")
	if e.Format != "readwise" || len(e.Items) != 4 || len(e.Problems) != 0 {
		t.Fatalf("%s %v %q", e.Format, urls(e), e.Problems)
	}
	a := item(t, e, "https://example.com/short")
	if !a.Starred || a.Archived || a.Progress != 0.5 || !slices.Equal(a.Tags, []string{"essays", "reader's pick"}) || !a.Saved.Equal(date("2023-01-25T17:24:42Z")) {
		t.Fatalf("%+v", a)
	}
	if b := item(t, e, "https://example.com/arch"); !b.Archived || !b.Done || b.Progress != 1 {
		t.Fatalf("%+v", b)
	}
	if c := item(t, e, "https://example.com/later"); c.Archived || !c.Starred || c.Tags != nil || c.Progress != 0.42 || !c.Saved.Equal(date("2023-02-01T08:00:00Z")) {
		t.Fatalf("%+v", c)
	}
	if d := item(t, e, "https://example.com/feed"); !slices.Equal(d.Tags, []string{"news", "feed"}) || !d.Saved.IsZero() {
		t.Fatalf("%+v", d)
	}
}

func TestReadwiseHighlights(t *testing.T) {
	e := parseFixture(t, "readwise-highlights.csv", "")
	if e.Format != "readwise" || len(e.Items) != 2 {
		t.Fatalf("%s %d", e.Format, len(e.Items))
	}
	a := e.Items[0]
	if a.URL != "" || a.Title != "On Reasoning" || a.Author != "Ann Author" || !slices.Equal(a.Tags, []string{"logic"}) || len(a.Highlights) != 2 {
		t.Fatalf("%+v", a)
	}
	h0, h1 := a.Highlights[0], a.Highlights[1]
	if h0.Quote != "Claims need evidence." || h0.Note != "My note" || h0.Label != "claim" || h0.Tags != nil || !h0.Created.Equal(date("2023-05-16T18:37:19Z")) {
		t.Fatalf("%+v", h0)
	}
	if h1.Label != "disagree" || !slices.Equal(h1.Tags, []string{"favorite", "blue"}) {
		t.Fatalf("%+v", h1)
	}
	if !a.Saved.Equal(h0.Created) {
		t.Errorf("saved %v, want the first highlight's date %v", a.Saved, h0.Created)
	}
	if b := e.Items[1]; b.Title != "A Printed Book" || len(b.Highlights) != 1 || b.Highlights[0].Label != "" || b.Highlights[0].Tags != nil {
		t.Fatalf("%+v", b)
	}
	if !strings.Contains(e.Summary, "0 links, 2 documents without a URL, 3 highlights") {
		t.Fatalf("summary %q", e.Summary)
	}
}

func TestWallabag(t *testing.T) {
	e := parseFixture(t, "wallabag.json", "")
	if e.Format != "wallabag" || len(e.Items) != 2 {
		t.Fatalf("%s %v %q", e.Format, urls(e), e.Problems)
	}
	a := e.Items[0]
	if a.URL != "https://example.com/wallabag-archived" || !a.Archived || !a.Done || a.Starred || a.Author != "Jo Writer, Al Co" || a.Site != "example.com" || a.Language != "en" ||
		!slices.Equal(a.Tags, []string{"science", "long read"}) || a.Content != "<p>Stored <b>content</b>.</p>" ||
		!a.Saved.Equal(date("2019-01-01T09:00:00Z")) || !a.Published.Equal(date("2018-12-31T09:00:00Z")) {
		t.Fatalf("%+v", a)
	}
	if len(a.Highlights) != 1 || a.Highlights[0].Quote != "Stored content" || a.Highlights[0].Note != "my note" || !a.Highlights[0].Created.Equal(date("2019-01-03T09:00:00Z")) {
		t.Fatalf("%+v", a.Highlights)
	}
	if b := e.Items[1]; !b.Starred || b.Archived || b.Title != "Starred  article" && b.Title != "Starred article" {
		t.Fatalf("%+v", b)
	}
	if len(e.Problems) != 2 || !strings.HasPrefix(e.Problems[0], "wallabag.json entry 3: ") || e.Problems[1] != "wallabag.json entry 4: no URL" {
		t.Fatalf("problems %q", e.Problems)
	}
}

// wallabag writes a sentence of its own as the content of an entry it
// could not fetch: that entry has no copy (the import fetches the page,
// or keeps it without text), read from memory or from the file.
func TestWallabagFetchFailureIsNoContent(t *testing.T) {
	data := `[{"is_archived":0,"url":"https://example.com/failed","content":"wallabag can't retrieve contents for this article. Please <a href=\"https://doc.wallabag.org/en/user/errors_during_fetching.html#how-can-i-help-to-fix-that\">troubleshoot this issue</a>."},
		{"is_archived":0,"url":"https://example.com/graby","content":"[unable to retrieve full-text content]"},
		{"is_archived":0,"url":"https://example.com/ok","content":"<p>wallabag can't retrieve contents for this article, the author wrote, and went on.</p>"}]`
	e, err := Parse("wallabag.json", []byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "wallabag.json")
	os.WriteFile(path, []byte(data), 0o644)
	opened, err := Open(context.Background(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, exp := range []*Export{e, opened} {
		var got []string
		for i := range exp.Items {
			s, err := exp.Items[i].TakeContent(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, s)
		}
		if len(got) != 3 || got[0] != "" || got[1] != "" || !strings.Contains(got[2], "the author wrote") {
			t.Errorf("contents %q", got)
		}
	}
}

func TestOmnivore(t *testing.T) {
	zipped, err := Parse("omnivore.zip", buildZip(t, dirFiles(t, "testdata/omnivore-export")), "")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := Open(context.Background(), "testdata/omnivore-export", "omnivore")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []*Export{zipped, dir} {
		checkExport(t, e)
		if e.Format != "omnivore" || !slices.Equal(urls(e), []string{"https://example.com/omni-slow", "https://example.com/omni-half"}) {
			t.Fatalf("%s %v", e.Format, urls(e))
		}
		// The entry deleted in Omnivore is left out, and said to be: the
		// summary counted fewer links than the export held, silently.
		if !strings.HasSuffix(e.Summary, "; 1 deleted in the service left out") {
			t.Errorf("summary %q", e.Summary)
		}
		a := e.Items[0]
		if !a.Archived || !a.Done || a.Progress != 1 || a.Author != "Ann Author" || a.Excerpt != "Why slow." || !slices.Equal(a.Tags, []string{"essays", "long read"}) ||
			!a.Saved.Equal(date("2024-01-02T03:04:05Z")) || !a.Published.Equal(date("2023-12-31T00:00:00Z")) || !strings.Contains(takeContent(t, a), "Reading slowly is a skill.") {
			t.Fatalf("%+v", a)
		}
		hs := a.Highlights
		if len(hs) != 3 {
			t.Fatalf("highlights %+v", hs)
		}
		if hs[0].Quote != "Reading slowly is a skill." || hs[0].Label != "claim" || !slices.Equal(hs[0].Tags, []string{"favourite"}) || hs[0].Note != "A note on the claim." {
			t.Fatalf("%+v", hs[0])
		}
		if hs[1].Quote != "It takes practice.\nSecond paragraph." || hs[1].Note != "" || hs[1].Label != "" {
			t.Fatalf("%+v", hs[1])
		}
		if hs[2].Quote != "A third, plain one.\nIts second paragraph." || !slices.Equal(hs[2].Tags, []string{"long read"}) || hs[2].Note != "First note paragraph.\n\nSecond note paragraph." {
			t.Fatalf("%+v", hs[2])
		}
		if b := e.Items[1]; b.Progress != 0.5 || b.Done || b.Archived || b.HasContent() {
			t.Fatalf("%+v", b)
		}
		if !strings.Contains(e.Summary, "Omnivore export, 1 metadata file, 1 with content, 2 links, 3 highlights") {
			t.Fatalf("summary %q", e.Summary)
		}
	}
}

func TestReadeck(t *testing.T) {
	files := dirFiles(t, "testdata/readeck-export")
	zipped, err := Parse("readeck.zip", buildZip(t, files), "")
	if err != nil {
		t.Fatal(err)
	}
	// The stored page may also be a zip of the page's files.
	inner := buildZip(t, map[string]string{"index.html": files["bookmarks/abc123/container/index.html"], "props.json": "{}"})
	delete(files, "bookmarks/abc123/container/index.html")
	files["bookmarks/abc123/container.zip"] = string(inner)
	nested, err := Parse("readeck.zip", buildZip(t, files), "readeck")
	if err != nil {
		t.Fatal(err)
	}
	dir, err := Open(context.Background(), "testdata/readeck-export", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []*Export{zipped, nested, dir} {
		checkExport(t, e)
		if e.Format != "readeck" || !slices.Equal(urls(e), []string{"https://example.com/readeck-one", "https://example.com/readeck-two"}) {
			t.Fatalf("%s %v", e.Format, urls(e))
		}
		a := e.Items[0]
		if !a.Archived || !a.Starred || !a.Done || a.Progress != 1 || a.Site != "Example" || a.Author != "Ann Author" || a.Language != "en" || a.Excerpt != "An excerpt." ||
			!slices.Equal(a.Tags, []string{"science", "to check"}) || !a.Saved.Equal(date("2024-03-01T10:00:00Z")) || !strings.Contains(takeContent(t, a), "A stored passage.") {
			t.Fatalf("%+v", a)
		}
		if hs := a.Highlights; len(hs) != 2 || hs[0].Note != "why it matters" || hs[0].Label != "" || hs[0].Tags != nil || !slices.Equal(hs[1].Tags, []string{"red"}) {
			t.Fatalf("%+v", hs)
		}
		if b := e.Items[1]; b.Progress != 0.3 || b.Done || b.Archived || b.HasContent() {
			t.Fatalf("%+v", b)
		}
	}
}

// Every format named explicitly reads its fixture the same as auto.
func TestFormatForced(t *testing.T) {
	for name, format := range map[string]string{
		"ril_export.html": "pocket", "instapaper.csv": "instapaper", "reader.csv": "readwise",
		"wallabag.json": "wallabag", "bookmarks.html": "bookmarks", "urls.txt": "urls",
	} {
		e := parseFixture(t, name, format)
		if e.Format != format || len(e.Items) == 0 {
			t.Fatalf("%s as %s: %s, %d items", name, format, e.Format, len(e.Items))
		}
	}
	if _, err := Parse("x.csv", []byte("a,b\n1,2\n"), "nonsense"); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Fatalf("err %v", err)
	}
}

func TestOmnivoreHighlightsMarkdown(t *testing.T) {
	md := "An article note.\n\n> Quote one \n\n# Heading in a note\n\n> Quote two\n> next paragraph \n\n#disagreement #yellow\n\n"
	hs := parseOmnivoreHighlights(md)
	want := []Highlight{
		{Note: "An article note."},
		{Quote: "Quote one", Note: "# Heading in a note"},
		{Quote: "Quote two\nnext paragraph", Label: "disagree"},
	}
	if len(hs) != len(want) {
		t.Fatalf("%+v", hs)
	}
	for i := range want {
		if hs[i].Quote != want[i].Quote || hs[i].Note != want[i].Note || hs[i].Label != want[i].Label || hs[i].Tags != nil {
			t.Fatalf("%d: %+v, want %+v", i, hs[i], want[i])
		}
	}
	// Through add, the quote-less note becomes the article's note.
	p := newParser(context.Background(), "x", "x", "")
	if err := p.add(Item{Ref: "r", URL: "https://example.com/", Highlights: hs}); err != nil {
		t.Fatal(err)
	}
	if it := p.exp.Items[0]; it.Note != "An article note." || len(it.Highlights) != 2 {
		t.Fatalf("%+v", it)
	}
}

// A note's own Markdown quote (a "> " line right under its text, with no
// blank line between) is part of the note: Omnivore joins highlights with
// a blank line, so only a "> " after one starts the next highlight.
func TestOmnivoreNoteWithQuoteLine(t *testing.T) {
	md := "> Quote one \n\nMy note\n> quoting the author\nand more\n\n> Quote two \n\n#claim\n\nnote two\n> its quote"
	hs := parseOmnivoreHighlights(md)
	want := []Highlight{
		{Quote: "Quote one", Note: "My note\n> quoting the author\nand more"},
		{Quote: "Quote two", Note: "note two\n> its quote", Label: "claim"},
	}
	if len(hs) != len(want) {
		t.Fatalf("%d highlights, want %d: %+v", len(hs), len(want), hs)
	}
	for i := range want {
		if hs[i].Quote != want[i].Quote || hs[i].Note != want[i].Note || hs[i].Label != want[i].Label {
			t.Fatalf("%d: %+v, want %+v", i, hs[i], want[i])
		}
	}
}

// A note that starts with "#" ("#1 takeaway, ...") right under its
// quote is no line of labels when a label would not be kept (a comma,
// over 64 characters): it was taken for labels, refused as tags, and the
// note was lost.
func TestOmnivoreNoteStartingWithHash(t *testing.T) {
	md := "> Quote one \n\n#1 takeaway, and why it matters\n\n> Quote two \n\n#claim #long read\n\nnote two"
	hs := parseOmnivoreHighlights(md)
	if len(hs) != 2 || hs[0].Note != "#1 takeaway, and why it matters" || hs[0].Tags != nil ||
		hs[1].Label != "claim" || !slices.Equal(hs[1].Tags, []string{"long read"}) || hs[1].Note != "note two" {
		t.Fatalf("%+v", hs)
	}
}

// A note whose first line reads as labels ("#1 reason this matters")
// with its second line right under it lost that first line, and the
// article got a tag "1 reason this matters": Omnivore sets a blank line
// under its labels.
func TestOmnivoreNoteFirstLineHash(t *testing.T) {
	md := "> Quote one \n\n#1 reason this matters\nsecond line\n\n> Quote two \n\n#question\n\nnote two\n\n> Quote three \n\n#evidence"
	hs := parseOmnivoreHighlights(md)
	if len(hs) != 3 || hs[0].Note != "#1 reason this matters\nsecond line" || hs[0].Tags != nil || hs[0].Label != "" ||
		hs[1].Label != "question" || hs[1].Note != "note two" || hs[2].Label != "evidence" || hs[2].Note != "" {
		t.Fatalf("%+v", hs)
	}
}

// Tags margin cannot keep ("c#", a name past 64 characters) were dropped
// without a word: the summary now says how many and names them.
func TestSummaryNamesTagsNotKept(t *testing.T) {
	long := strings.Repeat("x", 70)
	csv := "title,url,time_added,tags,status\n" +
		"A,https://example.com/a,1700000000,c#|history|" + long + ",unread\n" +
		"B,https://example.com/b,1700000000,C#|f#,unread\n"
	e, err := Parse("pocket.csv", []byte(csv), "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(e.Items[0].Tags, []string{"history"}) {
		t.Fatalf("tags %q", e.Items[0].Tags)
	}
	if !strings.HasSuffix(e.Summary, ", 2 links, 0 highlights; 3 tags not kept (c#, "+long[:20]+"…, f#): margin's tags hold no # and at most 64 characters") {
		t.Fatalf("summary %q", e.Summary)
	}
}

// A CSV saved again by Excel on Windows is Windows-1252, not UTF-8: its
// accented letters and dashes were each a replacement character.
func TestCSVInWindows1252(t *testing.T) {
	data := "URL,Title,Selection,Folder,Timestamp,Tags\r\nhttps://example.com/e1,Caf\xe9 cr\xe8me \x96 na\xefve,,Unread,1700000000,\"[\"\"r\xe9sum\xe9\"\"]\"\r\n"
	e, err := Parse("instapaper.csv", []byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	if it := e.Items[0]; it.Title != "Café crème – naïve" || !slices.Equal(it.Tags, []string{"résumé"}) {
		t.Fatalf("%q %q", it.Title, it.Tags)
	}
	// UTF-8 with a stray byte stays UTF-8.
	e, err = Parse("instapaper.csv", []byte("URL,Title,Selection,Folder\nhttps://example.com/x,Caf\xc3\xa9 \xff,,Unread\n"), "")
	if err != nil || e.Items[0].Title != "Café \ufffd" {
		t.Fatalf("%v %q", err, e.Items[0].Title)
	}
	// UTF-8 stays as it is, a rune cut by the sniffed head too.
	pad := strings.Repeat("é", sniffBytes/2)
	e, err = Parse("instapaper.csv", []byte("URL,Title,Selection,Folder\nhttps://example.com/x,"+pad+"ü,,Unread\n"), "")
	if err != nil || e.Items[0].Title != cut(pad+"ü", maxLineBytes) {
		t.Fatalf("%v %q", err, e.Items[0].Title[:10])
	}
}

// A CSV with classic Mac line ends (a lone CR, Excel's "CSV
// (Macintosh)") was one long header row: "0 links", every item lost
// without a word.
func TestCSVWithCRLineEnds(t *testing.T) {
	data := "URL,Title,Selection,Folder,Timestamp,Tags\rhttps://example.com/m1,Mac one,\"two\rlines\",Unread,1700000000,\rhttps://example.com/m2,Mac two,,Archive,1700000000,\r"
	e, err := Parse("mac.csv", []byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := urls(e); !slices.Equal(got, []string{"https://example.com/m1", "https://example.com/m2"}) || !e.Items[1].Archived || e.Items[1].Ref != "mac.csv line 4" {
		t.Fatalf("%q %+v %q", got, e.Items, e.Problems)
	}
}

func TestLimits(t *testing.T) {
	defer func(n int) { maxItems = n }(maxItems)
	maxItems = 3
	_, err := Parse("urls.txt", []byte("https://a.example/\nhttps://b.example/\nhttps://c.example/\nhttps://d.example/\n"), "")
	oneLine(t, err, "urls.txt", "more than 3 items; split the export")
	_, err = Parse("h.csv", readFixture(t, "readwise-highlights.csv"), "")
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Open(ctx, "testdata/urls.txt", "")
	oneLine(t, err, "urls.txt", "context canceled")
}

func TestTitleIsURL(t *testing.T) {
	e, err := Parse("p.csv", []byte("title,url,time_added,tags,status\nhttps://example.com/x,https://example.com/x,1,,unread\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if e.Items[0].Title != "" {
		t.Fatalf("title %q", e.Items[0].Title)
	}
}

// Dates as exports and hand-edited CSVs write them: ISO 8601 without
// seconds and C's asctime too. One not read became the import's time.
func TestParseDateForms(t *testing.T) {
	want := time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)
	for _, s := range []string{
		"1704189600", "1704189600000", "2024-01-02T10:00:00Z", "2024-01-02 10:00", "2024-01-02 10:00:00",
		"2024-01-02T10:00", "2024-01-02T10:00Z", "2024-01-02T10:00+00:00", "Tue Jan  2 10:00:00 2024",
	} {
		if got := parseDate(s); !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, want %v", s, got, want)
		}
	}
}

// A saved date the importer can't read dated the item the day of the
// import without a word: the summary now counts them and shows the first.
func TestSummaryCountsUnreadDates(t *testing.T) {
	csv := "title,url,time_added,tags,status\n" +
		"A,https://example.com/a,yesterday,,unread\n" +
		"B,https://example.com/b,31/02/2020 25:00,,unread\n" +
		"C,https://example.com/c,1700000000,,unread\n" +
		"D,https://example.com/d,,,unread\n"
	e := parseBytes(t, "pocket.csv", []byte(csv), "")
	if !e.Items[0].Saved.IsZero() || e.Items[2].Saved.IsZero() {
		t.Fatalf("saved %v / %v", e.Items[0].Saved, e.Items[2].Saved)
	}
	if !strings.HasSuffix(e.Summary, `; 2 saved dates not read ("yesterday"): dated the day of the import`) {
		t.Errorf("summary %q", e.Summary)
	}
	js := `[{"id":"1","url":"https://example.com/x","title":"X","savedAt":"the other day"},{"id":"2","url":"https://example.com/y","title":"Y","savedAt":1700000000}]`
	e = parseBytes(t, "metadata_0_to_2.json", []byte(js), "omnivore")
	if !strings.HasSuffix(e.Summary, `; 1 saved date not read ("the other day"): dated the day of the import`) {
		t.Errorf("omnivore summary %q", e.Summary)
	}
}

// Excel saves a CSV with semicolons where the decimal mark is a comma,
// and its "Unicode Text" as UTF-16 with tabs: neither was recognised.
func TestCSVSemicolonsAndUTF16(t *testing.T) {
	semi := "title;url;time_added;tags;status\r\n" +
		"Hello, world;https://example.com/a;1700000000;history|policy;unread\r\n" +
		"\"Quoted; title\";https://example.com/b;1700000000;;archive\r\n"
	e := parseBytes(t, "pocket.csv", []byte(semi), "")
	if e.Format != "pocket" || len(e.Items) != 2 || e.Items[0].Title != "Hello, world" || e.Items[1].Title != "Quoted; title" ||
		!slices.Equal(e.Items[0].Tags, []string{"history", "policy"}) || !e.Items[1].Archived {
		t.Fatalf("semicolons: %s %+v", e.Format, e.Items)
	}
	tabs := "URL\tTitle\tSelection\tFolder\tTimestamp\tTags\r\nhttps://example.com/c\tCafé, crème\t\tUnread\t1700000000\t\r\n"
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		u := utf16.Encode([]rune("\ufeff" + tabs))
		b := make([]byte, 2*len(u))
		for i, c := range u {
			order.PutUint16(b[2*i:], c)
		}
		e = parseBytes(t, "instapaper.txt", b, "")
		if e.Format != "instapaper" || len(e.Items) != 1 || e.Items[0].Title != "Café, crème" || e.Items[0].URL != "https://example.com/c" {
			t.Fatalf("UTF-16 %v: %s %+v", order, e.Format, e.Items)
		}
	}
}
