package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"margin/store"
)

// mdFiles lists every file under dir, relative.
func allFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			r, _ := filepath.Rel(dir, p)
			out = append(out, r)
		}
		return nil
	})
	return out
}

// Issue 13, failure 1 and the test it asks for: the user edits the
// exported note as people do (a paragraph above and below the margin
// region, the YAML re-indented with a key and a tag of their own, the
// file renamed and moved into a sub-folder); a new highlight is made and
// the article exported again. One file, the user's words intact, the new
// highlight in it.
func TestReexportKeepsTheUsersEdits(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	rec := &fakeRecords{}
	a, hs := fixture(t)
	a.Title = "Reading with a pencil"
	first := hs[:3]
	out, err := Markdown(a, first, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := WriteFile(ctx, dir, a, out, "md", rec)
	if err != nil || res.Status != Written {
		t.Fatalf("first export: %+v %v", res, err)
	}

	// The user's edits.
	cur := read(t, res.Path)
	fm, body := splitFrontMatter(cur)
	var m yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
		t.Fatal(err)
	}
	// Reformat: two-space indent, flow lists, a key and a tag of their own.
	m.Content[0].Content = append(m.Content[0].Content,
		&yaml.Node{Kind: yaml.ScalarNode, Value: "my_rating"}, &yaml.Node{Kind: yaml.ScalarNode, Value: "5"})
	for i := 0; i < len(m.Content[0].Content); i += 2 {
		if m.Content[0].Content[i].Value == "tags" {
			tags := m.Content[0].Content[i+1]
			tags.Content = append(tags.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "to-reread"})
			tags.Style = yaml.FlowStyle
		}
	}
	var sb strings.Builder
	enc := yaml.NewEncoder(&sb)
	enc.SetIndent(2)
	if err := enc.Encode(&m); err != nil {
		t.Fatal(err)
	}
	userFM := "# my comment\n" + sb.String()
	above := "My summary, above margin's part: *read twice*.\n\n"
	below := "\n## My thoughts\n\nBelow margin's part, with a [[link]] and a trailing space \n"
	edited := "---\n" + userFM + "---\n" + above + strings.TrimPrefix(body, "\n") + below
	os.MkdirAll(filepath.Join(dir, "Reading", "2026"), 0o755)
	moved := filepath.Join(dir, "Reading", "2026", "Pencil notes (renamed).md")
	if err := os.WriteFile(moved, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(res.Path)

	// A new highlight, and export again.
	out, err = Markdown(a, hs[:4], Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err = WriteFile(ctx, dir, a, out, "md", rec)
	if err != nil || res.Status != Updated || res.Path != moved {
		t.Fatalf("re-export: %+v %v", res, err)
	}
	if files := allFiles(t, dir); !slices.Equal(files, []string{filepath.Join("Reading", "2026", "Pencil notes (renamed).md")}) {
		t.Fatalf("files after re-export: %q", files)
	}
	got := read(t, moved)
	if os.Getenv("SHOW") != "" {
		t.Logf("%s", got)
	}
	gfm, gbody := splitFrontMatter(got)
	if !strings.HasPrefix(gbody, above+regionBegin) || !strings.HasSuffix(gbody, regionEnd+"\n"+below) {
		t.Errorf("the user's text around the region changed:\n%s", got)
	}
	if !strings.Contains(gbody, "^"+ShortID(hs[3])+"\n") {
		t.Errorf("the new highlight is missing:\n%s", got)
	}
	// The front matter: the user's comment, key, layout and tag kept;
	// margin's count updated.
	var v struct {
		Tags       []string `yaml:"tags"`
		MyRating   int      `yaml:"my_rating"`
		Highlights int      `yaml:"highlights"`
		MarginID   int64    `yaml:"margin_id"`
	}
	if err := yaml.Unmarshal([]byte(gfm), &v); err != nil {
		t.Fatal(err)
	}
	if v.MyRating != 5 || !slices.Equal(v.Tags, []string{"margin", "to-reread"}) || v.Highlights != 4 || v.MarginID != 42 {
		t.Errorf("front matter %+v:\n%s", v, gfm)
	}
	if !strings.HasPrefix(gfm, "# my comment\n") || !strings.Contains(gfm, "tags: [margin, to-reread]\n") {
		t.Errorf("the user's YAML layout was not kept:\n%s", gfm)
	}
	for _, l := range strings.Split(userFM, "\n") {
		if !strings.HasPrefix(l, "highlights:") && !strings.Contains(gfm, l) {
			t.Errorf("front matter line %q lost:\n%s", l, gfm)
		}
	}

	// Exporting again changes nothing.
	if res, err = WriteFile(ctx, dir, a, out, "md", rec); err != nil || res.Status != Unchanged {
		t.Errorf("third export: %+v %v", res, err)
	}

	// A word written inside the region is never overwritten: a conflict,
	// reported in one line, and the file as it was.
	inside := strings.Replace(got, "^"+ShortID(hs[3])+"\n", "^"+ShortID(hs[3])+"\nmy words inside\n", 1)
	os.WriteFile(moved, []byte(inside), 0o644)
	out5, _ := Markdown(a, hs[:5], Options{})
	res, err = WriteFile(ctx, dir, a, out5, "md", rec)
	var ce *ConflictError
	if !errors.As(err, &ce) || read(t, moved) != inside || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "inside margin's region") {
		t.Errorf("edit inside the region: %+v %v", res, err)
	}
	if files := allFiles(t, dir); len(files) != 1 {
		t.Errorf("files after a conflict: %q", files)
	}
	// Removing the markers is a conflict too.
	nomarks := strings.Replace(got, regionEnd, "", 1)
	os.WriteFile(moved, []byte(nomarks), 0o644)
	if _, err := WriteFile(ctx, dir, a, out5, "md", rec); !errors.As(err, &ce) || read(t, moved) != nomarks {
		t.Errorf("markers removed: %v", err)
	}
}

// A file from before the region existed, that margin wrote and nobody
// touched, is replaced; one the user edited is a conflict.
func TestReexportOldFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, hs := fixture(t)
	old := "---\ntitle: x\nmargin_id: 42\n---\n\n# x\n"
	p := filepath.Join(dir, "x-16.md")
	os.WriteFile(p, []byte(old), 0o644)
	out, _ := Markdown(a, hs, Options{})
	if _, err := WriteFile(ctx, dir, a, out, "md", &fakeRecords{}); err == nil {
		t.Error("an unmarked file margin has no record of was replaced")
	}
	rec := &fakeRecords{hash: map[string]string{p: sum([]byte(old))}}
	if res, err := WriteFile(ctx, dir, a, out, "md", rec); err != nil || res.Path != p || read(t, p) != string(out) {
		t.Errorf("margin's own old file: %+v %v", res, err)
	}
}

// Issue 19, item 9: a temporary file left by an export that was killed is
// removed by the next export; one of a live export is not.
func TestStaleTemporariesRemoved(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	dead := filepath.Join(dir, "sub", ".margin-tmp-2147483646-0a1b2c3d4e5f") // no such process
	live := filepath.Join(dir, ".margin-tmp-1-0a1b2c3d4e5f")                 // init is alive
	old := filepath.Join(dir, ".margin-tmp-0a1b2c3d4e5f")                    // an older margin's name
	for _, p := range []string{dead, live, old} {
		os.WriteFile(p, []byte("partial"), 0o644)
	}
	past := mustTime(t, "2026-01-01T00:00:00Z")
	os.Chtimes(old, past, past)
	a, hs := fixture(t)
	out, _ := Markdown(a, hs, Options{})
	if _, err := WriteFile(context.Background(), dir, a, out, "md", nil); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{dead: false, live: true, old: false} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

func mustTime(t *testing.T, s string) (tm time.Time) {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// The user may reorder the front matter: margin's changed keys are still
// rewritten in place, each once.
func TestMergeReorderedFrontMatter(t *testing.T) {
	cur := "---\nhighlights: 1\nmine: yes\nlabels:\n  - claim\ntitle: T\nmargin_id: 9\n---\n" + wrapRegion("old", "")
	next := "---\ntitle: T\nlabels:\n    - claim\n    - evidence\nhighlights: 2\nmargin_id: 9\nnew_key: 1\n---\n\n" + wrapRegion("new", "")
	got, reason := mergeMarkdown(cur, next, false)
	want := "---\nhighlights: 2\nmine: yes\nlabels:\n    - claim\n    - evidence\ntitle: T\nmargin_id: 9\nnew_key: 1\n---\n" + wrapRegion("new", "")
	if reason != "" || got != want {
		t.Errorf("merge: %s\n got %q\nwant %q", reason, got, want)
	}
}

// A file whose line ends an editor turned into CRLF still merges, the
// user's text keeps its CRLF, and margin's new region and front matter
// are written with CRLF too (they came in LF: the file had mixed line
// ends, which some editors then "fix" into a diff of every line).
func TestMergeCRLF(t *testing.T) {
	lf := "---\ntitle: T\nmargin_id: 9\nhighlights: 1\n---\nmine\n\n" + wrapRegion("old", "") + "\nbelow\n"
	cur := strings.ReplaceAll(lf, "\n", "\r\n")
	next := "---\ntitle: T\nmargin_id: 9\nhighlights: 2\n---\n\n" + wrapRegion("new\nlines", "")
	got, reason := mergeMarkdown(cur, next, false)
	if reason != "" || !strings.Contains(got, "mine\r\n\r\n"+regionBegin) || !strings.HasSuffix(got, regionEnd+"\r\n\r\nbelow\r\n") ||
		!strings.Contains(got, "new\r\nlines") || !strings.Contains(got, "highlights: 2\r\n") {
		t.Errorf("CRLF merge: %s\n%q", reason, got)
	}
	if bare := strings.Count(got, "\n") - strings.Count(got, "\r\n"); bare != 0 {
		t.Errorf("%d line ends without CR in a CRLF file:\n%q", bare, got)
	}
	// The merged file merges again: margin knows its region in CRLF.
	if _, reason := mergeMarkdown(got, next, false); reason != "" {
		t.Errorf("second merge: %s", reason)
	}
	// A line of the user's own with a bare LF in a CRLF file keeps it
	// (the whole file was turned to CRLF; found in review).
	mixed := strings.Replace(cur, "below\r\n", "below\nmine too\r\n", 1)
	got, reason = mergeMarkdown(mixed, next, false)
	if reason != "" || !strings.Contains(got, "below\nmine too\r\n") {
		t.Errorf("mixed: %s %q", reason, got)
	}
}

// A value of margin's the user changed in the front matter (the title, the
// site) or a key of margin's the user removed stays as the user
// left it on every export after, however margin's own value changes and
// whatever keys margin adds; margin's other keys are kept up to date. A file without the begin
// line's record (an older margin's) gets margin's values, as it did.
func TestReexportKeepsTheUsersFrontMatterValues(t *testing.T) {
	dir := t.TempDir()
	rec := &fakeRecords{}
	a, hs := fixture(t)
	a.Title = "Reading with a pencil"
	res := exportMarkdown(t, dir, a, hs[:3], rec, Written)
	cur := read(t, res.Path)
	edit := func(s string) string {
		var lines []string
		for _, l := range strings.Split(s, "\n") {
			switch {
			case strings.HasPrefix(l, "title: "):
				l = `title: "Pencil: my working title"`
			case strings.HasPrefix(l, "site: "):
				l = "site: Essays I keep"
			case strings.HasPrefix(l, "published: "):
				continue
			}
			lines = append(lines, l)
		}
		return strings.Join(lines, "\n")
	}
	if err := os.WriteFile(res.Path, []byte(edit(cur)), 0o644); err != nil {
		t.Fatal(err)
	}
	for n, title := range []string{"Reading with a sharper pencil", "Reading with a pen"} {
		a.Title = title // margin's own title changes too
		if n == 1 {
			a.Excerpt = "A summary margin adds later." // and a key of margin's appears
		}
		res = exportMarkdown(t, dir, a, hs[:4], rec, Updated)
		fm, _ := splitFrontMatter(read(t, res.Path))
		if !strings.Contains(fm, "title: \"Pencil: my working title\"\n") || !strings.Contains(fm, "site: Essays I keep\n") ||
			strings.Contains(fm, "\npublished:") || !strings.Contains(fm, "highlights: 4\n") || !strings.Contains(fm, "- "+title+"\n") {
			t.Fatalf("after re-export (margin's title %q):\n%s", title, fm)
		}
		if n == 1 && !strings.Contains(fm, "description: A summary margin adds later.\n") {
			t.Fatalf("margin's new key not added:\n%s", fm)
		}
	}
	// The hash deleted, as the refusal of an edit inside the region says
	// to do to let margin replace it: the front matter edits stay (the
	// title came back as margin's).
	nohash := regexp.MustCompile(`(margin:begin) [0-9a-f]{16} `).ReplaceAllString(edit(read(t, res.Path)), "$1 ")
	nohash = strings.Replace(nohash, "\n> ", "\n> edited inside the region: ", 1)
	if err := os.WriteFile(res.Path, []byte(nohash), 0o644); err != nil {
		t.Fatal(err)
	}
	res = exportMarkdown(t, dir, a, hs[:4], rec, Updated)
	if fm, body := splitFrontMatter(read(t, res.Path)); !strings.Contains(fm, "title: \"Pencil: my working title\"\n") || !strings.Contains(fm, "site: Essays I keep\n") ||
		strings.Contains(body, "edited inside the region") {
		t.Errorf("the hash deleted: front matter\n%s\nbody\n%s", fm, body)
	}
	// An older margin's file: no record on the begin line.
	old := regexp.MustCompile(` fm=[0-9a-f.]+`).ReplaceAllString(edit(cur), "")
	if err := os.WriteFile(res.Path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	res = exportMarkdown(t, dir, a, hs[:4], rec, Updated)
	if fm, _ := splitFrontMatter(read(t, res.Path)); !strings.Contains(fm, "title: Reading with a pen\n") {
		t.Errorf("an older margin's file keeps the user's title:\n%s", fm)
	}
}

// exportMarkdown writes a's Markdown export with highlights hs into dir,
// failing the test unless it comes out as want (Written, Updated).
func exportMarkdown(t *testing.T, dir string, a *store.Article, hs []store.Highlight, rec Records, want string) Result {
	t.Helper()
	out, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := WriteFile(context.Background(), dir, a, out, "md", rec)
	if err != nil || res.Status != want {
		t.Fatalf("export: %+v %v, want %s", res, err, want)
	}
	return res
}

// An editor that trims the spaces at lines' ends (many do on save) changed
// nothing of the user's: the quote's line breaks margin writes as two
// spaces must not make the next export a conflict. A region stamped before
// this rule, with its spaces, is still recognised as margin's own.
func TestMergeTrimmedLineEnds(t *testing.T) {
	fm := "---\ntitle: T\nmargin_id: 9\n---\n"
	next := fm + "\n" + wrapRegion("new", "")
	body := "> Roses are red,  \n> violets are blue."
	trimmed := strings.ReplaceAll(fm+wrapRegion(body, ""), "red,  \n", "red,\n")
	if _, reason := mergeMarkdown(trimmed, next, false); reason != "" {
		t.Errorf("trimmed line ends: %s", reason)
	}
	inner := "\n" + body + "\n\n"
	legacy := fm + regionBegin + sum([]byte(inner))[:16] + regionNote + "\n" + inner + regionEnd + "\n"
	if _, reason := mergeMarkdown(legacy, next, false); reason != "" {
		t.Errorf("a region hashed with its spaces: %s", reason)
	}
	edited := strings.Replace(trimmed, "violets", "tulips", 1)
	if _, reason := mergeMarkdown(edited, next, false); reason == "" {
		t.Error("a word changed inside the region was not a conflict")
	}
}
