package cli

import (
	"os"
	"strings"
	"testing"
)

// testHome is the folder TestMain makes and removes at the end.
var testHome string

// TestMain gives the tests a home of their own: a test that forgot --db
// (or put it after a "--", where it is a word) opened the user's own
// library, ~/.local/share/margin/library.db, and made one where none was.
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "margin-cli-home")
	if err != nil {
		panic(err)
	}
	testHome = home
	os.Setenv("HOME", home)
	os.Unsetenv("XDG_DATA_HOME")
	os.Unsetenv("XDG_CONFIG_HOME")
	os.Unsetenv("MARGIN_DB")
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}

// keepDraft makes a private file, replaces its words in place, and
// removes it once the note is saved.
func TestKeepDraft(t *testing.T) {
	dir := t.TempDir()
	path, err := keepDraft(dir, "", "first words", "the note on highlight 3")
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("new draft: %v %v", fi, err)
	}
	again, err := keepDraft(dir, path, "second words", "the note on highlight 3")
	b, _ := os.ReadFile(path)
	if err != nil || again != path || !strings.HasSuffix(string(b), "\n\nsecond words\n") || !strings.HasPrefix(string(b), "margin could not save the note on highlight 3.") {
		t.Fatalf("replaced draft: %q %v %q", again, err, b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("files left beside the draft: %v", ents)
	}
	if _, err := keepDraft(dir, path, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the draft was not removed: %v", err)
	}
}
