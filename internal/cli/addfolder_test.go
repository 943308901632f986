package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"margin/internal/library"
)

// TestAddFolder: margin add DIR saves every article file in the folder
// and its subfolders (a vault of clippings), leaving out hidden files and
// folders and files margin does not read; a folder of none is refused in
// one line; past library.FolderLimit files it asks first, and no answer adds nothing.
func TestAddFolder(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	vault := filepath.Join(dir, "Clippings")
	write := func(name, body string) {
		p := filepath.Join(vault, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("aid.md", "---\ntitle: Aid and the failing state\ntags: [clippings]\n---\nThe central argument is that aid props up the state.\n")
	write("2024/page.html", "<html><head><title>A Saved Page</title></head><body><article><p>A saved page with enough words in it to be read as an article.</p></article></body></html>")
	write("notes.txt", "A pasted note with a few words in it.\n")
	write(".obsidian/workspace.md", "# Not an article\n\nThe vault's settings.\n")
	write(".hidden.md", "# Hidden\n\nWords.\n")
	write("picture.png", "\x89PNG\r\n")
	out := string(mustBytes(t, db, "add", vault))
	for _, want := range []string{"[1/3]", "[3/3]", "Aid and the failing state", "A Saved Page"} {
		if !strings.Contains(out, want) {
			t.Errorf("add's output lacks %q:\n%s", want, out)
		}
	}
	list := string(mustBytes(t, db, "list"))
	if strings.Contains(list, "Not an article") || strings.Contains(list, "Hidden") || strings.Count(list, "\n") != 4 {
		t.Errorf("the library after adding the folder:\n%s", list)
	}
	if l := string(mustBytes(t, db, "list", "tag:clippings")); !strings.Contains(l, "Aid and the failing state") {
		t.Errorf("the clipping's tag:\n%s", l)
	}

	empty := filepath.Join(dir, "empty")
	os.MkdirAll(filepath.Join(empty, ".git"), 0o755)
	_, _, err := runCtx(context.Background(), db, "", "add", empty)
	if err == nil || !strings.Contains(err.Error(), "holds no file margin reads") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a folder of nothing to read: %v", err)
	}

	many := filepath.Join(dir, "many")
	os.MkdirAll(many, 0o755)
	for i := range library.FolderLimit + 1 {
		os.WriteFile(filepath.Join(many, fmt.Sprintf("n%03d.txt", i)), []byte(fmt.Sprintf("Note %d has words.\n", i)), 0o644)
	}
	_, errOut, err := runCtx(context.Background(), db, "\n", "add", many)
	if err == nil || !strings.Contains(string(errOut), fmt.Sprintf("Add %d files from", library.FolderLimit+1)) {
		t.Errorf("no question before %d files: %v, %q", library.FolderLimit+1, err, errOut)
	}
	if n := strings.Count(string(mustBytes(t, db, "list")), "\n"); n != 4 {
		t.Errorf("no answer added files: %d lines in the list", n)
	}
	mustBytes(t, db, "add", "--yes", many)
	if n := strings.Count(string(mustBytes(t, db, "list")), "\n"); n != 4+library.FolderLimit+1 {
		t.Errorf("--yes: %d lines in the list", n)
	}
}
