package cli

import (
	"os"
	"testing"
)

// TestMain gives the tests a home of their own: a test that forgot --db
// (or put it after a "--", where it is a word) opened the user's own
// library, ~/.local/share/margin/library.db, and made one where none was.
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "margin-cli-home")
	if err != nil {
		panic(err)
	}
	os.Setenv("HOME", home)
	os.Unsetenv("XDG_DATA_HOME")
	os.Unsetenv("XDG_CONFIG_HOME")
	os.Unsetenv("MARGIN_DB")
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}
