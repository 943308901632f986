package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"margin/store"
)

// The library's add prompt given a folder saves its article files, as
// margin add FOLDER does (it said "is a folder, use a shell"), counting
// what it saved, found saved and could not read; a folder of nothing
// margin reads, or of more than FolderLimit files, is refused in one line
// naming it.
func TestAddInputFolder(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	dir := t.TempDir()
	body := "A paragraph long enough to be an article's, about the harbour and the council's long debate over the ice."
	files := map[string]string{
		"one.md":           "# One\n\n" + body + "\n",
		"sub/two.txt":      "Two\n\n" + body + "\n",
		".hidden/three.md": "# Three\n\n" + body + "\n",
		"picture.png":      "not an article",
		"bad.html":         "\x00\x01\x02 binary, no article",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := l.AddInput(ctx, dir)
	if err != nil || res.ID == 0 || res.Saved != 2 || res.Found != 0 || res.Failed != 1 || !strings.Contains(res.Why, "bad.html") {
		t.Fatalf("add a folder: %+v %v", res, err)
	}
	as, err := l.List(ctx, store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range as {
		titles = append(titles, a.Title)
	}
	if all := strings.ToLower(strings.Join(titles, "|")); len(as) != 2 || !strings.Contains(all, "one") || !strings.Contains(all, "two") {
		t.Errorf("saved %q, want One and Two", titles)
	}
	// Again: found saved, not saved twice.
	if res, err := l.AddInput(ctx, dir); err != nil || res.Saved != 0 || res.Found != 2 {
		t.Errorf("the folder again: %+v %v", res, err)
	}
	empty := t.TempDir()
	if _, err := l.AddInput(ctx, empty); err == nil || !strings.Contains(err.Error(), "holds no file margin reads") || strings.Contains(err.Error(), "\n") {
		t.Errorf("an empty folder: %v", err)
	}
	many := t.TempDir()
	for i := range FolderLimit + 1 {
		os.WriteFile(filepath.Join(many, fmt.Sprintf("n%03d.txt", i)), []byte(body), 0o644)
	}
	if _, err := l.AddInput(ctx, many); err == nil || !strings.Contains(err.Error(), "--yes") {
		t.Errorf("a folder of %d files: %v", FolderLimit+1, err)
	}
}

// Links pasted at the library's add prompt, one per line, were saved as
// one article whose text was the links: each is added, as margin add URL
// URL adds them, and what could not be read is counted.
func TestAddInputLinks(t *testing.T) {
	l := openLib(t)
	srv := newImportServer(t)
	ctx := context.Background()
	input := srv.URL + "/ok/one\n\n" + srv.URL + "/ok/two\n" + srv.URL + "/404/gone\n"
	res, err := l.AddInput(ctx, input)
	if err != nil || res.Saved != 2 || res.Failed != 1 || res.From != "the links" {
		t.Fatalf("links: %+v %v", res, err)
	}
	if n, _ := l.Count(ctx); n != 2 {
		t.Errorf("%d articles, want 2", n)
	}
	// Text with a link in it is still a text.
	if _, err := l.AddInput(ctx, "My notes on it\n"+srv.URL+"/ok/three\n"); err != nil {
		t.Fatal(err)
	}
	if srv.requests("/ok/three") != 0 {
		t.Error("a link inside a pasted text was fetched")
	}
}
