package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// writeTemp writes files (name -> content) under a new directory and
// returns the directory.
func writeTemp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for n, c := range files {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeTree writes files under a new directory called name and returns
// its path.
func writeTree(t *testing.T, name string, files map[string]string) string {
	t.Helper()
	m := map[string]string{}
	for n, c := range files {
		m[name+"/"+n] = c
	}
	return filepath.Join(writeTemp(t, m), name)
}

// buildStoredZip is buildZip without compression.
func buildStoredZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := w.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(files[n]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameExport holds an export read by Open (lazy) to the same export
// parsed in memory (eager): the same items, and each item's content,
// read when asked, the content the eager parse kept. It returns how many
// items had content.
func sameExport(t *testing.T, eager, lazy *Export) int {
	t.Helper()
	checkExport(t, lazy)
	if eager.Format != lazy.Format || eager.Summary != lazy.Summary || !reflect.DeepEqual(eager.Problems, lazy.Problems) || len(eager.Items) != len(lazy.Items) {
		t.Fatalf("eager %s %q %q %d items\nlazy %s %q %q %d items", eager.Format, eager.Summary, eager.Problems, len(eager.Items),
			lazy.Format, lazy.Summary, lazy.Problems, len(lazy.Items))
	}
	with := 0
	for i := range eager.Items {
		e, l := eager.Items[i], lazy.Items[i]
		if e.ref != nil {
			t.Fatalf("%s: the in-memory parse left the content in the export", e.Ref)
		}
		if l.Content != "" {
			t.Fatalf("%s: Open held the content", l.Ref)
		}
		if l.HasContent() != (e.Content != "") {
			t.Fatalf("%s: HasContent %v, eager content %q", l.Ref, l.HasContent(), cut(e.Content, 80))
		}
		if l.HasContent() {
			// A cancelled read leaves the item as it was.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if s, err := l.TakeContent(ctx); s != "" || err == nil || !l.HasContent() {
				t.Fatalf("%s: cancelled TakeContent %q %v, has %v", l.Ref, cut(s, 80), err, l.HasContent())
			}
		}
		got, err := l.TakeContent(context.Background())
		if err != nil || got != e.Content {
			t.Fatalf("%s: read later %q (%v), parsed at once %q", l.Ref, cut(got, 200), err, cut(e.Content, 200))
		}
		if e.Content != "" {
			with++
		}
		// TakeContent drops the item's hold: a second call has nothing.
		if s, err := l.TakeContent(context.Background()); s != "" || err != nil || l.HasContent() {
			t.Fatalf("%s: second TakeContent %q %v", l.Ref, cut(s, 80), err)
		}
		e.Content, l.ref = "", nil
		if !reflect.DeepEqual(e, l) {
			t.Fatalf("eager %+v\nlazy %+v", e, l)
		}
	}
	return with
}

func openPath(t *testing.T, path, format string) *Export {
	t.Helper()
	e, err := Open(context.Background(), path, format)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func parseBytes(t *testing.T, name string, data []byte, format string) *Export {
	t.Helper()
	e, err := Parse(name, data, format)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// A tricky wallabag file: an object holding the array after another
// value, escapes, a lone surrogate, raw invalid UTF-8, a number for
// content, a key written twice in two cases, an entry skipped before
// one with content, odd spacing between entries.
const trickyWallabag = `{"export": {"v": [1, {"x": 2}]}, "count": 6, "items":
[{"url":"https://a.example/1","title":"one","is_archived":1,"content":"<p>caf\u00e9 \"quoted\" \ud800 tab\tend</p>\n"} ,
  {"url":"https://a.example/2","content":12345,"domain_name":"a.example"}
,{"url":"https://a.example/3","content":"<p>first</p>","Content":"<p>last wins</p>"},
	{"title": 5, "url": ["not a string"], "is_archived": 0, "domain_name": "x"},

{"url":"https://a.example/4","content":"<p>raw ` + "\xff\xfe" + ` bytes, after a skipped entry</p>","annotations":[{"quote":"raw","text":"n"}]},
{"url":"https://a.example/5","content":"","is_archived":0},{"url":"https://a.example/6","content":null},
{"url":"https://a.example/7","content":"<p>last</p>"}]}`

func TestLazyContentWallabag(t *testing.T) {
	for name, data := range map[string]string{
		"wallabag.json": string(readFixture(t, "wallabag.json")),
		"tricky.json":   trickyWallabag,
		"one.json":      `[{"url":"https://a.example/only","is_archived":true,"content":"<p>only</p>"}]`,
	} {
		dir := writeTemp(t, map[string]string{name: data})
		eager := parseBytes(t, name, []byte(data), "")
		if n := sameExport(t, eager, openPath(t, filepath.Join(dir, name), "")); n == 0 {
			t.Fatalf("%s: no item with content", name)
		}
		// A JSON in a folder is read again from its file too.
		lazy := openPath(t, dir, "wallabag")
		if len(lazy.Items) == 0 || lazy.Items[0].ref == nil {
			t.Fatalf("%s in a folder: %+v", name, lazy.Items)
		}
		for i := range lazy.Items {
			if got := takeContent(t, lazy.Items[i]); got != eager.Items[i].Content {
				t.Fatalf("%s in a folder, item %d: %q, want %q", name, i, got, eager.Items[i].Content)
			}
		}
	}
}

func TestLazyContentOmnivore(t *testing.T) {
	files := dirFiles(t, "testdata/omnivore-export")
	// More items, one of them with an empty content file, in a second
	// metadata file in a subfolder.
	files["more/metadata_2_to_4.json"] = `[{"slug":"x","url":"https://example.com/x","title":"X"},{"slug":"empty","url":"https://example.com/e"},{"slug":"none","url":"https://example.com/n"}]`
	files["more/content/x.html"] = "<html><body><p>Sub folder x, " + strings.Repeat("long ", 5000) + "</p></body></html>"
	files["more/content/empty.html"] = ""
	eager := parseBytes(t, "omnivore", buildZip(t, files), "")
	for _, data := range [][]byte{buildZip(t, files), buildStoredZip(t, files)} {
		dir := writeTemp(t, map[string]string{"omnivore": string(data)})
		if n := sameExport(t, eager, openPath(t, filepath.Join(dir, "omnivore"), "")); n != 2 {
			t.Fatalf("zip: %d items with content", n)
		}
	}
	if n := sameExport(t, eager, openPath(t, writeTree(t, "omnivore", files), "")); n != 2 {
		t.Fatalf("folder: %d items with content", n)
	}
}

func TestLazyContentReadeck(t *testing.T) {
	files := dirFiles(t, "testdata/readeck-export")
	eager := parseBytes(t, "readeck", buildZip(t, files), "")
	dir := writeTemp(t, map[string]string{"readeck": string(buildZip(t, files))})
	if n := sameExport(t, eager, openPath(t, filepath.Join(dir, "readeck"), "")); n != 1 {
		t.Fatalf("zip: %d with content", n)
	}
	if n := sameExport(t, eager, openPath(t, writeTree(t, "readeck", files), "")); n != 1 {
		t.Fatalf("folder: %d with content", n)
	}
	// The stored page as a zip of the container, in a zip and in a folder.
	inner := buildZip(t, map[string]string{"index.html": files["bookmarks/abc123/container/index.html"], "props.json": "{}"})
	delete(files, "bookmarks/abc123/container/index.html")
	files["bookmarks/abc123/container.zip"] = string(inner)
	eager = parseBytes(t, "readeck", buildZip(t, files), "")
	dir = writeTemp(t, map[string]string{"readeck": string(buildStoredZip(t, files))})
	if n := sameExport(t, eager, openPath(t, filepath.Join(dir, "readeck"), "")); n != 1 {
		t.Fatalf("nested zip: %d with content", n)
	}
	if n := sameExport(t, eager, openPath(t, writeTree(t, "readeck", files), "")); n != 1 {
		t.Fatalf("nested zip in a folder: %d with content", n)
	}
}

// contentErr reads an item's content expecting a one-line error
// containing want.
func contentErr(t *testing.T, it Item, want string) {
	t.Helper()
	s, err := it.TakeContent(context.Background())
	if err == nil || s != "" {
		t.Fatalf("%s: content %q, error %v; want an error containing %q", it.Ref, cut(s, 80), err, want)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, want) {
		t.Fatalf("%s: error %q, want one line containing %q", it.Ref, msg, want)
	}
}

// rewrite changes a file in place, keeping its size and, with keepTime,
// its modification time (so the content check, not the stat, notices).
func rewrite(t *testing.T, path, old, new string, keepTime bool) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if len(old) != len(new) || !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s: cannot replace %q", path, old)
	}
	b = bytes.Replace(b, []byte(old), []byte(new), 1)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if keepTime {
		os.Chtimes(path, st.ModTime(), st.ModTime())
	}
}

// Content that vanished or broke between the parse and the read is that
// item's failure: an error naming it, never a panic or another item's
// content.
func TestLazyContentGone(t *testing.T) {
	files := dirFiles(t, "testdata/omnivore-export")
	content := files["content/slow-reading-1.html"]

	// A folder whose content file was deleted, or became a directory.
	root := writeTemp(t, files)
	e := openPath(t, root, "")
	os.Remove(filepath.Join(root, "content/slow-reading-1.html"))
	contentErr(t, e.Items[0], "content/slow-reading-1.html")
	e = openPath(t, root+"/", "omnivore")
	if e.Items[0].HasContent() {
		t.Fatal("a deleted file still has content")
	}
	root = writeTemp(t, files)
	e = openPath(t, root, "")
	p := filepath.Join(root, "content/slow-reading-1.html")
	os.Remove(p)
	os.Mkdir(p, 0o755)
	contentErr(t, e.Items[0], "content/slow-reading-1.html")

	// A zip changed in place: noticed by its time and size, and, with
	// those kept, by the entry's checksum.
	for _, keep := range []bool{false, true} {
		dir := writeTemp(t, map[string]string{"o.zip": string(buildStoredZip(t, files))})
		e = openPath(t, filepath.Join(dir, "o.zip"), "")
		rewrite(t, filepath.Join(dir, "o.zip"), "Reading slowly", "Reading SLOWLY", keep)
		if keep {
			contentErr(t, e.Items[0], "checksum")
		} else {
			contentErr(t, e.Items[0], "changed since it was read")
		}
	}
	// A compressed zip whose entry's data broke.
	data := buildZip(t, files)
	dir := writeTemp(t, map[string]string{"o.zip": string(data)})
	e = openPath(t, filepath.Join(dir, "o.zip"), "")
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range zr.File {
		if f.Name == "content/slow-reading-1.html" {
			off, _ := f.DataOffset()
			for i := off; i < off+int64(f.CompressedSize64); i++ {
				data[i] ^= 0x5a
			}
		}
	}
	st, _ := os.Stat(filepath.Join(dir, "o.zip"))
	os.WriteFile(filepath.Join(dir, "o.zip"), data, 0o644)
	os.Chtimes(filepath.Join(dir, "o.zip"), st.ModTime(), st.ModTime())
	contentErr(t, e.Items[0], "content/slow-reading-1.html")
	// The zip deleted.
	dir = writeTemp(t, map[string]string{"o.zip": string(buildZip(t, files))})
	e = openPath(t, filepath.Join(dir, "o.zip"), "")
	os.Remove(filepath.Join(dir, "o.zip"))
	contentErr(t, e.Items[0], "o.zip")

	// A wallabag file whose entry broke, or that was deleted.
	dir = writeTemp(t, map[string]string{"wallabag.json": string(readFixture(t, "wallabag.json"))})
	wp := filepath.Join(dir, "wallabag.json")
	e = openPath(t, wp, "")
	rewrite(t, wp, `"content": "<p>Stored`, `"content": 7<p>Stored`, true)
	contentErr(t, e.Items[0], "wallabag.json entry 1")
	if _, err := Open(context.Background(), wp, ""); err == nil {
		t.Fatal("the broken file opens")
	}
	os.WriteFile(wp, readFixture(t, "wallabag.json"), 0o644)
	e = openPath(t, wp, "")
	os.Remove(wp)
	contentErr(t, e.Items[0], "wallabag.json")

	// Readeck: the container file gone.
	rf := dirFiles(t, "testdata/readeck-export")
	root = writeTemp(t, rf)
	e = openPath(t, root, "")
	os.Remove(filepath.Join(root, "bookmarks/abc123/container/index.html"))
	contentErr(t, e.Items[0], "bookmarks/abc123/container/index.html")
	if !strings.Contains(content, "Reading slowly") {
		t.Fatal("fixture changed")
	}
}

// Open of a large wallabag file holds none of its content: the heap after
// the parse is a small part of the file.
func TestLazyParseHoldsNoContent(t *testing.T) {
	const n, size = 1500, 20 << 10
	path := filepath.Join(t.TempDir(), "wallabag.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	body := strings.Repeat("Words of a stored article, escaped \\u00e9 and \\\"quoted\\\". ", size/60)
	w.WriteString("[\n")
	for i := range n {
		if i > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, `{"url":"https://big.example/%d","title":"Article %d","is_archived":%d,"tags":["a","b"],"content":"<p>%d %s</p>","annotations":[{"quote":"Words","text":"a note"}]}`, i, i, i%2, i, body)
	}
	w.WriteString("\n]\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e := openPath(t, path, "")
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if len(e.Items) != n || !strings.Contains(e.Summary, "1,500 links, 1,500 highlights") {
		t.Fatalf("%d items, %q", len(e.Items), e.Summary)
	}
	t.Logf("file %d MB, heap held after the parse %d KB", st.Size()>>20, held>>10)
	if held > st.Size()/10 {
		t.Fatalf("the parse holds %d KB of a %d KB file", held>>10, st.Size()>>10)
	}
	for _, i := range []int{0, 1, n / 2, n - 1} {
		s := takeContent(t, e.Items[i])
		if !strings.HasPrefix(s, fmt.Sprintf("<p>%d Words", i)) || !strings.Contains(s, `escaped é and "quoted".`) || len(s) < size/2 {
			t.Fatalf("item %d: %q", i, cut(s, 100))
		}
	}
	runtime.KeepAlive(e)
}

// FuzzLazyWallabag holds the lazy read to the eager one on any JSON:
// Open of the file then TakeContent gives each item what Parse of its
// bytes gives.
func FuzzLazyWallabag(f *testing.F) {
	f.Add([]byte(trickyWallabag))
	f.Add(readFixture(f, "wallabag.json"))
	f.Add([]byte(`[{"url":"https://a.example/","content":"<p>x</p>"},{"url":"https://a.example/2","content":"\u0000"}]`))
	// An array the scan reads (trickyWallabag is an object: the Decoder's).
	f.Add([]byte(`[{"url":"https://a.example/1","title":"one","is_archived":1,"content":"<p>caf\u00e9 \"q\" \ud800 tab\tend</p>\n"} ,` +
		`{"url":"https://a.example/3","content":"<p>first</p>","Content":"<p>last wins</p>","tags":["a",{"label":"b"}]},` +
		`{"title": 5, "url": ["not a string"], "is_archived": 0, "created_at": {"x": 1}},` +
		`{"url":"https://a.example/skipped","annotations":"not a list","content":"<p>a problem, not an item</p>"},` +
		"\n\t" + `{"url":"https://a.example/4","content":"<p>raw ` + "\xff\xfe" + ` bytes</p>","annotations":[{"quote":"raw","text":"n","created_at":1600000000}]},` +
		`{"url":"https://a.example/5","content":"wallabag can't retrieve contents for this article. Please troubleshoot this issue."}]`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		eager, err := Parse("w.json", data, "wallabag")
		path := filepath.Join(dir, "w.json")
		if werr := os.WriteFile(path, data, 0o644); werr != nil {
			t.Fatal(werr)
		}
		lazy, lerr := Open(context.Background(), path, "wallabag")
		if (err == nil) != (lerr == nil) {
			t.Fatalf("Parse %v, Open %v", err, lerr)
		}
		if err != nil {
			return
		}
		if len(eager.Items) != len(lazy.Items) {
			t.Fatalf("%d items, %d", len(eager.Items), len(lazy.Items))
		}
		for i := range lazy.Items {
			got, err := lazy.Items[i].TakeContent(context.Background())
			if err != nil || got != eager.Items[i].Content {
				t.Fatalf("item %d: %q (%v), want %q", i, cut(got, 100), err, cut(eager.Items[i].Content, 100))
			}
			// Every other field alike too (scanWallabag reads them apart
			// from the content).
			e, l := eager.Items[i], lazy.Items[i]
			e.Content, l.Content = "", ""
			if !reflect.DeepEqual(e, l) {
				t.Fatalf("item %d:\n%+v\nwant\n%+v", i, l, e)
			}
		}
		if !reflect.DeepEqual(eager.Problems, lazy.Problems) {
			t.Fatalf("problems %q, want %q", lazy.Problems, eager.Problems)
		}
	})
}

// TestScanWallabag: an export on disk is read by the scan, not the
// Decoder, when it is an array of objects with string contents (escapes
// cut by the reader's buffer included); anything else is left to the
// Decoder, which reads the file again.
func TestScanWallabag(t *testing.T) {
	long := strings.Repeat(`ab\"\u00e9\n`, 100000) // escapes across every buffer boundary
	for _, c := range []struct {
		name, data string
		scanned    int // entries; -1: left to the Decoder
	}{
		{"export", `[{"url":"https://a.example/1","content":"<p>` + long + `</p>","tags":["x",{"label":"y"}]},` +
			"\n" + `{"URL":"https://a.example/2","CONTENT":"short","annotations":[{"quote":"q","text":"n"}]}]`, 2},
		{"empty", `[ ]`, 0},
		{"a field of another type, read as text", `[{"url":["x"],"content":"c"},{"url":"https://a.example/3","content":"c"}]`, 2},
		{"object around the array", `{"items":[{"url":"u","content":"c"}]}`, -1},
		{"content not a string", `[{"url":"u","content":12}]`, -1},
		{"control character in the content", "[{\"url\":\"u\",\"content\":\"a\x01b\"}]", -1},
		{"bad escape", `[{"url":"u","content":"a\qb"}]`, -1},
		{"missing comma", `[{"url":"u" "content":"c"}]`, -1},
		{"bad literal", `[{"url":"u","is_archived":tru}]`, -1},
		{"cut short", `[{"url":"u","content":"abc`, -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newParser(context.Background(), "", "w.json", "wallabag")
			got, ok := p.scanWallabag(strings.NewReader(c.data))
			switch {
			case c.scanned < 0 && ok:
				t.Errorf("scanned %d entries; the Decoder should read it", len(got))
			case c.scanned >= 0 && (!ok || len(got) != c.scanned):
				t.Errorf("scanned %d entries (%v), want %d", len(got), ok, c.scanned)
			}
		})
	}
	// The first entry's long content is measured, not kept.
	p := newParser(context.Background(), "", "w.json", "wallabag")
	got, _ := p.scanWallabag(strings.NewReader(`[{"url":"u","content":"` + long + `"}]`))
	if len(got) != 1 || got[0].content != nil || got[0].contentLen != int64(len(long)+2) {
		t.Fatalf("long content: %+v", got)
	}
}

// TestContentSize: contentSize says what rawText's length would say about
// an empty content and about the limit, without decoding.
func TestContentSize(t *testing.T) {
	over := `"` + strings.Repeat(`\"`, maxContentBytes/2+1) + `"` // raw over the limit, text under it
	big := `"` + strings.Repeat("a", maxContentBytes+1) + `"`
	for _, raw := range []string{"", "null", `""`, `"a"`, `"\u0000"`, `"\\"`, "123", "true", `{"a":1}`, `["x"]`, over, big} {
		text := rawText(json.RawMessage(raw))
		n := contentSize(json.RawMessage(raw))
		if (n == 0) != (text == "") || (n <= maxContentBytes) != (len(text) <= maxContentBytes) {
			t.Errorf("contentSize(%.20q) = %d; the text is %d bytes", raw, n, len(text))
		}
	}
}
