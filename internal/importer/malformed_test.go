package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// oneLine checks an error is one line naming the file.
func oneLine(t *testing.T, err error, name, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, name+": ") || !strings.Contains(msg, want) {
		t.Fatalf("error %q, want one line starting %q containing %q", msg, name+": ", want)
	}
}

func TestTruncatedZip(t *testing.T) {
	data := buildZip(t, dirFiles(t, "testdata/pocket-export"))
	for _, n := range []int{len(data) - 1, len(data) / 2, 10, 4} {
		_, err := Parse("pocket.zip", data[:n], "")
		oneLine(t, err, "pocket.zip", "not a zip file, or a truncated one")
	}
	// A zip whose directory is intact but whose entry data is cut.
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, _ := w.Create("part_000000.csv")
	f.Write([]byte("title,url,time_added,tags,status\n" + strings.Repeat("t,https://example.com/x,1,,unread\n", 1000)))
	w.Close()
	b := buf.Bytes()
	// Corrupt the compressed data in the middle.
	for i := 60; i < 200 && i < len(b); i++ {
		b[i] ^= 0x55
	}
	_, err := Parse("pocket.zip", b, "")
	oneLine(t, err, "pocket.zip", "part_000000.csv")
}

// bomb is a zip whose one entry expands from a few hundred KiB to size.
func bomb(t *testing.T, entry string, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	if strings.HasPrefix(entry, "content/") {
		m, _ := w.Create("metadata_0_to_1.json")
		m.Write([]byte(`[{"slug":"a","url":"https://example.com/a","title":"A"}]`))
	}
	f, err := w.Create(entry)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for i := 0; i < size; i += len(chunk) {
		f.Write(chunk)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestZipBomb(t *testing.T) {
	for _, entry := range []string{"content/a.html", "part_000000.csv"} {
		data := bomb(t, entry, 70<<20)
		if len(data) > 1<<20 {
			t.Fatalf("bomb is %d bytes", len(data))
		}
		_, err := Parse("x.zip", data, "")
		oneLine(t, err, "x.zip", "entry "+entry+" expands")
		oneLine(t, err, "x.zip", "refusing a zip bomb")
	}
}

func TestInvalidUTF8(t *testing.T) {
	cases := map[string]string{
		"pocket.csv":     "title,url,time_added,tags,status\nBad \xff\xfe title\x1b[31m,https://example.com/\xff,17,ta\xffg|ok,unread\n",
		"bookmarks.html": "<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><DT><H3>F\xc3\x28</H3><DL><DT><A HREF=\"https://example.com/b\">T\xe2\x82\x28</A></DL></DL>",
		"urls.txt":       "https://example.com/\xff\xfe title \xc0\n",
		"wallabag.json":  "[{\"is_archived\":0,\"url\":\"https://example.com/w\",\"title\":\"W\xff\",\"content\":\"<p>\xff</p>\",\"annotations\":[{\"quote\":\"q\xff\",\"text\":\"n\xfe\"}]}]",
		"instapaper.csv": "URL,Title,Selection,Folder\nhttps://example.com/i,T\xff,S\xff,F\xff\n",
	}
	for name, data := range cases {
		e, err := Parse(name, []byte(data), "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkExport(t, e)
		if len(e.Items) != 1 {
			t.Fatalf("%s: %d items, problems %q", name, len(e.Items), e.Problems)
		}
		want := "\uFFFD"
		if strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".txt") {
			want = "ÿ" // no UTF-8 letter at all: read as Windows-1252 (TestCSVInWindows1252)
		}
		if !strings.Contains(e.Items[0].URL+e.Items[0].Title+strings.Join(e.Items[0].Tags, ""), want) {
			t.Fatalf("%s: %q title %q tags %q keep no %q", name, e.Items[0].URL, e.Items[0].Title, e.Items[0].Tags, want)
		}
	}
}

func TestBadFiles(t *testing.T) {
	cases := []struct{ name, data, format, want string }{
		{"export.csv", "a,b,c\n1,2,3\n", "", "not an export margin knows: Pocket, Instapaper, Omnivore, wallabag, Readwise, Readeck,"},
		{"empty.txt", "", "", "empty.txt: the file is empty"},
		{"blank.csv", "\ufeff \n\n", "", "blank.csv: the file is empty"},
		{"data.json", `[{"is_archived": 1, "url": "https://example.com/a"}, {"is_archived": 0, "url": "https://exa`, "", "JSON ends early, in entry 2: the file is cut short"},
		{"data.json", `[{"is_archived": 1, "url": "https://example.com/a"} {"x": 1}]`, "", "bad JSON at byte"},
		{"data.json", `{"is_archived": 1}`, "wallabag", "JSON object without an array"},
		{"data.json", `"domain_name"`, "wallabag", "not an array"},
		{"one.html", "<p>hi</p>", "readeck", "a Readeck export is a zip"},
		{"x.csv", "\"unterminated\n", "instapaper", "no URL column"},
		{"x.csv", "", "pocket", "empty CSV file"},
		{"wallabag.json", `[{"is_archived": 1, "url": "https://example.com/a"}]`, "pocket", "wallabag.json: not a CSV file (it reads as JSON)"},
		{"page.html", "<!DOCTYPE html><p>hi</p>", "instapaper", "page.html: not a CSV file (it reads as HTML or XML)"},
		{"x.zip", string(buildZip(t, map[string]string{"notes.md": "hello"})), "", "not an export margin knows"},
		{"x.zip", string(buildZip(t, map[string]string{"a.txt": "https://example.com/a", "b.csv": "URL,Title,Selection,Folder\n"})), "", "several kinds"},
		{"x.zip", string(buildZip(t, map[string]string{"a.txt": "https://example.com/a"})), "readeck", "no Readeck bookmarks"},
	}
	for _, c := range cases {
		_, err := Parse(c.name, []byte(c.data), c.format)
		oneLine(t, err, c.name, c.want)
	}
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "missing.zip"), "")
	oneLine(t, err, "missing.zip", "no such file")
}

// A folder that holds the export's zip (a Downloads folder) says so: the
// zip is what to import. It said the folder was not an export at all.
func TestFolderHoldingZip(t *testing.T) {
	dir := t.TempDir()
	data := buildZip(t, dirFiles(t, "testdata/omnivore-export"))
	if err := os.WriteFile(filepath.Join(dir, "omnivore-export.zip"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"", "omnivore"} {
		_, err := Open(context.Background(), dir, format)
		oneLine(t, err, filepath.Base(dir), "omnivore-export.zip")
	}
}

// One metadata file of an unpacked Omnivore export, given alone, was
// imported without the content and highlights beside it (and without the
// other metadata files): every highlight lost, every page fetched. It
// names the folder to import instead.
func TestOmnivoreMetadataFileAlone(t *testing.T) {
	_, err := Open(context.Background(), "testdata/omnivore-export/metadata_0_to_2.json", "")
	oneLine(t, err, "metadata_0_to_2.json", "omnivore-export")
	// A metadata file with nothing beside it is the links it lists.
	dir := t.TempDir()
	meta := filepath.Join(dir, "metadata_0_to_2.json")
	if err := os.WriteFile(meta, readFixture(t, "omnivore-export/metadata_0_to_2.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if e, err := Open(context.Background(), meta, ""); err != nil || len(e.Items) != 2 {
		t.Fatalf("%v %+v", err, e)
	}
}

// Likewise one part of an unpacked Pocket export whose annotations/ are
// beside it: alone, its highlights were lost.
func TestPocketPartAlone(t *testing.T) {
	_, err := Open(context.Background(), "testdata/pocket-export/part_000000.csv", "")
	oneLine(t, err, "part_000000.csv", "pocket-export")
}

// A zip of plain files is read like each file.
func TestZipOfFiles(t *testing.T) {
	data := buildZip(t, map[string]string{"export/instapaper.csv": string(readFixture(t, "instapaper.csv")), "export/old.csv": string(readFixture(t, "instapaper-old.csv")), "README": "hi"})
	e, err := Parse("instapaper.zip", data, "")
	if err != nil {
		t.Fatal(err)
	}
	checkExport(t, e)
	if e.Format != "instapaper" || len(e.Items) != 5 || !strings.Contains(e.Summary, "2 files") {
		t.Fatalf("%s %d %q", e.Format, len(e.Items), e.Summary)
	}
}

// A 50 MB wallabag file is decoded one entry at a time: it finishes, and
// the heap holds about the content kept, not many copies of the file.
func TestLargeJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB file")
	}
	path := filepath.Join(t.TempDir(), "wallabag.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	content := strings.Repeat("<p>Lorem ipsum dolor sit amet.</p>", 300) // ~10 KB
	f.WriteString("[")
	const n = 5000
	for i := range n {
		if i > 0 {
			f.WriteString(",\n")
		}
		fmt.Fprintf(f, `{"is_archived":0,"is_starred":1,"title":"Article %d","url":"https://example.com/%d","domain_name":"example.com","tags":["t%d"],"content":%q,"annotations":[{"quote":"Lorem ipsum","text":"note"}]}`, i, i, i%7, content)
	}
	f.WriteString("]")
	f.Close()
	st, _ := os.Stat(path)
	if st.Size() < 50e6 {
		t.Fatalf("file is only %d bytes", st.Size())
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	e, err := Open(context.Background(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("parsed in %v", time.Since(start))
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(e.Items) != n || len(e.Problems) != 0 {
		t.Fatalf("%d items, %d problems", len(e.Items), len(e.Problems))
	}
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("file %d MB, heap held %d MB, allocated %d MB", st.Size()>>20, held>>20, (after.TotalAlloc-before.TotalAlloc)>>20)
	if held > 2*st.Size() {
		t.Fatalf("heap holds %d MB for a %d MB file", held>>20, st.Size()>>20)
	}
	runtime.KeepAlive(e)
}

// TestBackslashQuoteRunsIntoRows: a title whose quotes an exporter escaped
// with backslashes (\"), which CSV does not know, kept its field open over
// the rows below it; with the right count of columns at its end, the rows
// were swallowed into one title, their tags and states lost without a word.
// The bad row is skipped and named; the rows below it are read.
func TestBackslashQuoteRunsIntoRows(t *testing.T) {
	for _, c := range []struct{ name, data string }{
		{"instapaper.csv", "URL,Title,Selection,Folder,Timestamp\n" +
			"https://a.example/1,\"Ends with \\\"quoted\\\"\",,Unread,1574100000\n" +
			"https://a.example/2,Second,,Archive,1574100001\n" +
			"https://a.example/3,\"Third\",,Unread,1574100002\n"},
		{"pocket.csv", "title,url,time_added,cursor,tags,status\n" +
			"\"Ends with \\\"quoted\\\"\",https://a.example/1,1574100000,c,,unread\n" +
			"Second,https://a.example/2,1574100001,c,tennis|sport,archive\n" +
			"\"Third\",https://a.example/3,1574100002,c,,unread\n"},
	} {
		e, err := Parse(c.name, []byte(c.data), "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range e.Items {
			got = append(got, it.URL+" "+it.Title)
		}
		if want := []string{"https://a.example/2 Second", "https://a.example/3 Third"}; !slices.Equal(got, want) {
			t.Errorf("%s: items %q, want %q", c.name, got, want)
		}
		if len(e.Problems) != 1 || !strings.Contains(e.Problems[0], "line 2: a quote in it is not closed") {
			t.Errorf("%s: problems %q", c.name, e.Problems)
		}
		for _, it := range e.Items {
			if it.URL == "https://a.example/2" && (!it.Archived || c.name == "pocket.csv" && !slices.Equal(it.Tags, []string{"tennis", "sport"})) {
				t.Errorf("%s: the second row's state or tags lost: %+v", c.name, it)
			}
		}
	}
	// A note over several lines, with commas, is no row inside a row.
	e, err := Parse("instapaper.csv", []byte("URL,Title,Selection,Folder,Timestamp\nhttps://a.example/1,One,\"A note, over\ntwo lines, with commas, here\",Unread,1574100000\nhttps://a.example/2,Two,,Unread,1574100001\n"), "")
	if err != nil || len(e.Items) != 2 || len(e.Problems) != 0 {
		t.Fatalf("a note over two lines: %v %+v %q", err, e.Items, e.Problems)
	}
}

// TestOneColumnRow: a row of one column was "1 columns".
func TestOneColumnRow(t *testing.T) {
	e, err := Parse("instapaper.csv", []byte("URL,Title,Selection,Folder,Timestamp\nhttps://a.example/1,One,,Unread,1574100000\njust words\n"), "")
	if err != nil || !slices.Equal(e.Problems, []string{"instapaper.csv line 3: 1 column, expected 5"}) {
		t.Fatalf("%v %q", err, e.Problems)
	}
}
