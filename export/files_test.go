package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"margin/internal/article"
	"margin/store"
)

// checkName fails unless name is a safe single file name component.
func checkName(t testing.TB, title, name, ext string) {
	t.Helper()
	stem := strings.TrimSuffix(name, "."+ext)
	switch {
	case !utf8.ValidString(name):
		t.Fatalf("%q -> %q: invalid UTF-8", title, name)
	case name == "" || name == "." || name == "..":
		t.Fatalf("%q -> %q: not a name", title, name)
	case strings.ContainsAny(name, forbidden):
		t.Fatalf("%q -> %q: separator or character Obsidian or Windows refuses", title, name)
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "-"):
		t.Fatalf("%q -> %q: hidden or option-like", title, name)
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		t.Fatalf("%q -> %q: trailing dot or space", title, name)
	case len(stem) > maxStem:
		t.Fatalf("%q -> %q: %d bytes before the extension", title, name, len(stem))
	case !norm.NFC.IsNormalString(name):
		t.Fatalf("%q -> %q: not NFC", title, name)
	case reserved(name):
		t.Fatalf("%q -> %q: Windows reserved name", title, name)
	case strings.HasPrefix(name, " ") || strings.Contains(name, "  "):
		t.Fatalf("%q -> %q: leading or double space", title, name)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d' || unicode.IsSpace(r) && r != ' ' {
			t.Fatalf("%q -> %q: control, format (bidi) or odd space character %U", title, name, r)
		}
	}
}

func TestFileName(t *testing.T) {
	long := strings.Repeat("word ", 60) // 300 bytes
	cjk := strings.Repeat("読書の技術", 20)
	emoji := strings.Repeat("👩‍👩‍👧‍👦", 20) // ZWJ families, 25 bytes each
	accents := strings.Repeat("é", 150)    // U+00E9, 2 bytes each
	for _, c := range []struct {
		title string
		id    int64
		want  string // "" = only check safety
	}{
		{"Reading with a Pencil", 1, "Reading with a Pencil.md"},
		{"../../etc/passwd", 2, "etc passwd.md"},
		{"/etc/passwd", 3, "etc passwd.md"},
		{`a/b\c:d`, 4, "a b c d.md"},
		{"Why: a question? #1 [draft] ^x|y*", 4, "Why a question 1 draft x y.md"},
		{"CON", 5, "_CON.md"},
		{"CON.", 6, "_CON.md"},
		{"nul", 7, "_nul.md"},
		{"trailing dots...", 8, "trailing dots.md"},
		{".hidden", 9, "hidden.md"},
		{"   ", 10, "Untitled.md"},
		{"", 11, "Untitled.md"},
		{"\x1b[31mred\a\u009b", 12, "31mred.md"},
		{"right\u202eto\u2066left", 13, "righttoleft.md"},
		{"<b>&#27;[x](javascript:y)", 14, "b & 27; x (javascript y).md"},
		{"C'est l'été", 15, "C'est l'été.md"},
		{"Ünïcödé Straße", 16, "Ünïcödé Straße.md"},
		{"日本語のタイトル", 17, "日本語のタイトル.md"},
		{"Emoji 🎉 party", 18, "Emoji 🎉 party.md"},
		{"bad \xff\xfe utf8", 19, "bad utf8.md"},
		{"S&P 500 — 2024's ~rally~ 100% (sic), $5 @home!", 19, "S&P 500 — 2024's ~rally~ 100% (sic), $5 @home!.md"},
		{hostileTitle, 20, "etc passwd --- CON. b & 27; x (javascript y) 2J.md"},
		{long, 21, ""},
		{cjk, 22, ""},
		{emoji, 23, ""},
		{accents, 24, ""},
		{strings.Repeat("e\u0301", 150), 25, ""}, // NFD: e + combining acute
	} {
		a := &store.Article{ID: c.id, Content: article.Content{Title: c.title}}
		got := FileName(a, "md")
		checkName(t, c.title, got, "md")
		if c.want != "" && got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.title, got, c.want)
		}
		if len(c.title) > 200 && len(got) < 150 {
			t.Errorf("FileName(%q...) = %q: cut far too short", c.title[:20], got)
		}
	}
}

func TestFileNameProperties(t *testing.T) {
	// NFC and NFD spellings of one title give one name.
	nfc, nfd := "Café Noël", norm.NFD.String("Café Noël")
	if nfc == nfd {
		t.Fatal("test needs distinct spellings")
	}
	if a, b := FileName(&store.Article{ID: 1, Content: article.Content{Title: nfc}}, "md"), FileName(&store.Article{ID: 1, Content: article.Content{Title: nfd}}, "md"); a != b {
		t.Errorf("NFC %q and NFD %q differ", a, b)
	}
	// A cut never splits a character or a grapheme: the emoji family
	// survives whole or not at all.
	n := FileName(&store.Article{ID: 7, Content: article.Content{Title: strings.Repeat("👩‍👩‍👧‍👦", 20)}}, "")
	if strings.HasSuffix(n, "\u200d") || !strings.HasPrefix(n, "👩") {
		t.Errorf("emoji name %q", n)
	}
	for _, ext := range []string{"md", ".md", "JSON", "../x", ""} {
		n := FileName(&store.Article{ID: 1, Content: article.Content{Title: "t"}}, ext)
		checkName(t, "t", n, cleanExt(ext))
	}
	if got := FileName(nil, "md"); got != "Untitled.md" {
		t.Errorf("nil article: %q", got)
	}
	for _, r := range []string{"CON", "con.md", "LPT9", "COM1.txt", "AUX"} {
		if !reserved(r) {
			t.Errorf("%q not seen as reserved", r)
		}
	}
	for _, r := range []string{"con-1", "console", "COM10", "lpt"} {
		if reserved(r) {
			t.Errorf("%q seen as reserved", r)
		}
	}
}

// fakeRecords is an in-memory Records.
type fakeRecords struct {
	hash map[string]string
	err  error
}

func (f *fakeRecords) ExportHash(_ context.Context, path string) (string, error) {
	return f.hash[path], f.err
}

func (f *fakeRecords) SetExportHash(_ context.Context, path string, _ int64, hash string) error {
	if f.err != nil {
		return f.err
	}
	if f.hash == nil {
		f.hash = map[string]string{}
	}
	f.hash[path] = hash
	return nil
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteFileRules(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "notes") // created on demand
	a := &store.Article{ID: 42, Content: article.Content{Title: "Reading with a pencil"}}
	rec := &fakeRecords{}
	v := func(s string) []byte { return []byte("---\nmargin_id: 42\n---\n\n" + wrapRegion(s, "")) }

	res, err := WriteFile(ctx, dir, a, v("v1"), "md", rec)
	path := filepath.Join(dir, "Reading with a pencil.md")
	if err != nil || res.Status != Written || res.Path != path || read(t, path) != string(v("v1")) || rec.hash[path] != sum(v("v1")) {
		t.Fatalf("fresh write: %+v %v, record %q", res, err, rec.hash[path])
	}
	if res, err = WriteFile(ctx, dir, a, v("v1"), "md", rec); err != nil || res.Status != Unchanged {
		t.Fatalf("same again: %+v %v", res, err)
	}
	if res, err = WriteFile(ctx, dir, a, v("v2"), "md", rec); err != nil || res.Status != Updated || read(t, path) != string(v("v2")) {
		t.Fatalf("changed export: %+v %v", res, err)
	}
	// A file its owner made read-only was replaced all the same (the
	// rename needs only the folder): it is a conflict, and stays.
	os.Chmod(path, 0o444)
	res, err = WriteFile(ctx, dir, a, v("v2b"), "md", rec)
	var roe *ConflictError
	if !errors.As(err, &roe) || res.Status != Conflict || read(t, path) != string(v("v2")) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("read-only file: %+v %v", res, err)
	}
	os.Chmod(path, 0o644)

	// A file by that name that is not this article's stays; the export
	// takes the name with its id.
	other := &store.Article{ID: 43, Content: article.Content{Title: "Other"}}
	os.WriteFile(filepath.Join(dir, "Other.md"), []byte("theirs"), 0o644)
	if res, err = WriteFile(ctx, dir, other, []byte("---\nmargin_id: 43\n---\n"), "md", rec); err != nil || res.Status != Written ||
		res.Path != filepath.Join(dir, "Other (43).md") || read(t, filepath.Join(dir, "Other.md")) != "theirs" {
		t.Fatalf("name taken: %+v %v", res, err)
	}

	// An edit inside the margin region is a conflict: nothing written, and
	// never a copy beside the file.
	edited := strings.Replace(read(t, path), "v2", "v2 and my words", 1)
	os.WriteFile(path, []byte(edited), 0o644)
	res, err = WriteFile(ctx, dir, a, v("v3"), "md", rec)
	var ce *ConflictError
	if !errors.As(err, &ce) || res.Status != Conflict || read(t, path) != edited || strings.Contains(err.Error(), "\n") {
		t.Fatalf("edited region: %+v %v", res, err)
	}

	// No temporary files or copies are left behind.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".margin-tmp") || strings.Contains(e.Name(), ".margin-") {
			t.Errorf("file left: %s", e.Name())
		}
	}

	// A failing record store is reported.
	bad := &fakeRecords{err: errors.New("database is locked")}
	if _, err := WriteFile(ctx, dir, &store.Article{ID: 44, Content: article.Content{Title: "x"}}, []byte("x"), "md", bad); err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Errorf("record failure: %v", err)
	}
}

func TestWriteFileSymlink(t *testing.T) {
	ctx := context.Background()
	dir, outside := t.TempDir(), t.TempDir()
	secret := filepath.Join(outside, "secret")
	os.WriteFile(secret, []byte("keep me"), 0o644)
	a := &store.Article{ID: 1, Content: article.Content{Title: "Planted"}}
	name := FileName(a, "md")
	if err := os.Symlink(secret, filepath.Join(dir, name)); err != nil {
		t.Skipf("cannot make symlinks: %v", err)
	}
	rec := &fakeRecords{hash: map[string]string{filepath.Join(dir, name): sum([]byte("keep me"))}}
	// The link is not margin's file: the export goes to a name of its own.
	res, err := WriteFile(ctx, dir, a, []byte("overwrite"), "md", rec)
	if err != nil || res.Path != filepath.Join(dir, "Planted (1).md") {
		t.Errorf("planted symlink: %+v %v", res, err)
	}
	if read(t, secret) != "keep me" {
		t.Fatal("wrote through a planted symlink")
	}

	// A symlinked sub-folder cannot be reached either: names never hold a
	// separator, and os.Root refuses a link out of the folder.
	os.Symlink(outside, filepath.Join(dir, "escape"))
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	if _, err := root.Create("escape/secret"); err == nil {
		t.Error("os.Root followed a symlink out of the folder")
	}
}

func TestWriteFileBadFolder(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	file := filepath.Join(base, "notes")
	os.WriteFile(file, []byte("a file, not a folder"), 0o644)
	a := &store.Article{ID: 1, Content: article.Content{Title: "t"}}
	_, err := WriteFile(ctx, file, a, []byte("x"), "md", nil)
	if err == nil || !strings.Contains(err.Error(), file) || strings.Contains(err.Error(), "\n") {
		t.Errorf("file as folder: %v", err)
	}
	if _, err := WriteFile(ctx, filepath.Join(file, "sub"), a, []byte("x"), "md", nil); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("folder under a file: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := WriteFile(cancelled, base, a, []byte("x"), "md", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestWriteFileReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permission bits do not stop root (TestWriteFileBadFolder covers the error path)")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	_, err := WriteFile(context.Background(), dir, &store.Article{ID: 1, Content: article.Content{Title: "t"}}, []byte("x"), "md", nil)
	if err == nil || err.Error() != "cannot write to export folder "+dir+": it is read-only or not yours" {
		t.Errorf("read-only folder: %v", err)
	}
}

func TestFolderError(t *testing.T) {
	err := folderError("/mnt/ro", &os.PathError{Op: "open", Path: "/mnt/ro/x", Err: syscall.EROFS})
	if err.Error() != "cannot write to export folder /mnt/ro: it is read-only or not yours" {
		t.Errorf("EROFS: %v", err)
	}
}

// A mistyped export folder ("-o ~/Documets/vault/margin") made every folder
// on the way, so the notes went where the user never looks. The folder
// itself is made when missing; a missing parent is an error naming it.
func TestOpenFolderWantsItsParent(t *testing.T) {
	dir := t.TempDir()
	f, err := OpenFolder(filepath.Join(dir, "notes"), nil)
	if err != nil {
		t.Fatalf("a new folder in an existing one: %v", err)
	}
	f.Close()
	typo := filepath.Join(dir, "Documets", "vault", "margin")
	_, err = OpenFolder(typo, nil)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "Documets", "vault")+" does not exist") || strings.Contains(err.Error(), "\n") {
		t.Errorf("missing parent: %v", err)
	}
	if _, serr := os.Stat(filepath.Join(dir, "Documets")); serr == nil {
		t.Error("the mistyped folder was made")
	}
}
