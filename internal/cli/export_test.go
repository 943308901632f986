package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exportFiles lists every file under dir, relative.
func exportFiles(t *testing.T, dir string) []string {
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

// TestExportVaultRoundTrip: export into a vault with a folder template,
// the user moves, renames and edits the note, a new highlight is made and
// the article exported again: still one file, the user's words intact.
func TestExportVaultRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	page := filepath.Join(dir, "essay.html")
	os.WriteFile(page, []byte(essay), 0o644)
	id := savedID(t, must(t, db, "add", page))
	must(t, db, "highlight", id, "--quote", "weapons and advisers", "--label", "claim")
	must(t, db, "config", "export-folder", "{{site}}")
	if _, _, err := margin(t, db, "", "config", "export-name", "{{nope}}"); err == nil {
		t.Error("an unknown placeholder was accepted")
	}
	vault := filepath.Join(dir, "vault")
	out := must(t, db, "export", id, "-o", vault)
	files := exportFiles(t, vault)
	if len(files) != 1 || !strings.HasSuffix(files[0], ".md") || !strings.Contains(out, "wrote ") {
		t.Fatalf("first export: %q %q", files, out)
	}
	first := filepath.Join(vault, files[0])
	if filepath.Dir(files[0]) == "." {
		t.Errorf("the folder template was not used: %q", files)
	}
	b, _ := os.ReadFile(first)
	if strings.Contains(string(b), page) {
		t.Errorf("the local path reached the note:\n%s", b)
	}

	// The user's edits: renamed, moved, a paragraph above and below.
	moved := filepath.Join(vault, "Mine", "My notes.md")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	s := string(b)
	i := strings.Index(s, "<!-- margin:begin")
	edited := s[:i] + "My own paragraph.\n\n" + s[i:] + "\nMy ending.\n"
	os.WriteFile(moved, []byte(edited), 0o644)
	os.Remove(first)

	must(t, db, "highlight", id, "--quote", "units trained at great expense", "--label", "evidence")
	out = must(t, db, "export", id, "-o", vault)
	if !strings.Contains(out, "updated "+moved) {
		t.Errorf("re-export: %q", out)
	}
	if files := exportFiles(t, vault); !slices.Equal(files, []string{filepath.Join("Mine", "My notes.md")}) {
		t.Fatalf("files: %q", files)
	}
	b, _ = os.ReadFile(moved)
	got := string(b)
	if !strings.Contains(got, "\nMy own paragraph.\n\n<!-- margin:begin") || !strings.HasSuffix(got, "<!-- margin:end -->\n\nMy ending.\n") ||
		!strings.Contains(got, "> units trained at great expense") {
		t.Errorf("after re-export:\n%s", got)
	}

	// An edit inside the region: reported, exit non-zero, file untouched.
	inside := strings.Replace(got, "> units trained", "> my change units trained", 1)
	os.WriteFile(moved, []byte(inside), 0o644)
	_, errOut, err := margin(t, db, "", "export", id, "-o", vault)
	b, _ = os.ReadFile(moved)
	if err == nil || !strings.Contains(errOut, "inside margin's region") || !strings.Contains(err.Error(), "1 file not updated") || string(b) != inside {
		t.Errorf("conflict: %v %q", err, errOut)
	}
}

// TestExportJSONMatchesShowText: JSON positions and quotes are over the
// text margin show --text prints.
func TestExportJSONMatchesShowText(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	page := filepath.Join(dir, "essay.html")
	os.WriteFile(page, []byte(essay), 0o644)
	id := savedID(t, must(t, db, "add", page))
	must(t, db, "highlight", id, "--quote", "weapons and advisers")
	must(t, db, "highlight", id, "--quote", "We trained an army")
	text := strings.TrimSuffix(must(t, db, "show", id, "--text"), "\n")
	if strings.Contains(text, "\n\n") || strings.ContainsAny(text, "*>#") {
		t.Errorf("show --text is not the plain form:\n%s", text)
	}
	var c struct {
		First struct {
			Items []struct {
				Target struct {
					Source   string
					Selector []struct {
						Exact, Prefix, Suffix string
						Start, End            *int
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(must(t, db, "export", id, "--format", "json")), &c); err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	if len(c.First.Items) != 2 {
		t.Fatalf("%d annotations", len(c.First.Items))
	}
	for _, it := range c.First.Items {
		q, p := it.Target.Selector[0], it.Target.Selector[1]
		if string(runes[*p.Start:*p.End]) != q.Exact || !strings.Contains(text, q.Prefix+q.Exact+q.Suffix) {
			t.Errorf("selector %+v does not match show --text", q)
		}
		if it.Target.Source != "urn:margin:source:"+id {
			t.Errorf("local file source %q", it.Target.Source)
		}
	}
}

func TestExportOpenArgs(t *testing.T) {
	got, err := openArgs([]string{"--style", "dark", "margin://12"})
	if err != nil || !slices.Equal(got, []string{"--style", "dark", "12"}) {
		t.Errorf("margin://12: %q %v", got, err)
	}
	if got, err := openArgs([]string{"margin://7?highlight=3"}); err != nil || got[0] != "7" {
		t.Errorf("with a highlight: %q %v", got, err)
	}
	if _, err := openArgs([]string{"margin://x"}); err == nil {
		t.Error("margin://x accepted")
	}
}

// TestExportAllTakesArticleNotes: --all exports an article whose only
// annotation is the reader's note on it, as it exports one with highlights.
func TestExportAllTakesArticleNotes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	page := filepath.Join(dir, "essay.html")
	os.WriteFile(page, []byte(essay), 0o644)
	text := filepath.Join(dir, "pasted.txt")
	os.WriteFile(text, []byte("A second piece\n\nIts one paragraph says little.\n"), 0o644)
	marked := savedID(t, must(t, db, "add", page))
	noted := savedID(t, must(t, db, "add", text))
	savedID(t, must(t, db, "add", "--url", "https://example.org/untouched", text))
	must(t, db, "highlight", marked, "--quote", "weapons and advisers")
	must(t, db, "note", "--article", noted, "My only thought on the second piece.")
	vault := filepath.Join(dir, "vault")
	must(t, db, "export", "--all", "-o", vault)
	files := exportFiles(t, vault)
	var all string
	for _, f := range files {
		b, _ := os.ReadFile(filepath.Join(vault, f))
		all += string(b)
	}
	if len(files) != 2 || !strings.Contains(all, "My only thought on the second piece.") {
		t.Errorf("--all wrote %q; the article note is missing or an untouched article was written", files)
	}
}

// TestExportAllIntoExportDir: --all without -o writes into the folder set
// with margin config export-dir (it was refused, naming -o), and says so.
func TestExportAllIntoExportDir(t *testing.T) {
	db, id := essayLibrary(t)
	must(t, db, "highlight", id, "--quote", "weapons and advisers")
	vault := filepath.Join(t.TempDir(), "vault")
	must(t, db, "config", "export-dir", vault)
	out := must(t, db, "export", "--all")
	files := exportFiles(t, vault)
	if len(files) != 1 || !strings.Contains(out, files[0]) {
		t.Fatalf("export --all: %q, files in the export-dir: %q", out, files)
	}
}
