package library

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"margin/internal/article"
	"margin/render"
	"margin/store"
)

// paragraphs is a text of n paragraphs, each with a unique marker
// sentence "Marker NNN is here."
func paragraphs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Paragraph %d opens with ordinary words about the topic at hand. Marker %03d is here. It closes with a sentence long enough to read as prose.", i, i)
	}
	return out
}

// What the add prompt takes (issue 12, item 12).
func TestPromptSource(t *testing.T) {
	home, _ := os.UserHomeDir()
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("notes.txt", []byte("x"), 0o644)
	for in, want := range map[string]string{
		"~/x.txt":                     filepath.Join(home, "x.txt"),
		"example.org/foo":             "https://example.org/foo",
		"www.example.co.uk":           "https://www.example.co.uk",
		"news.example.org:8080/a?b=1": "https://news.example.org:8080/a?b=1",
		"https://example.org/a":       "https://example.org/a",
		"notes.txt":                   "notes.txt",   // a file that exists stays a file
		"missing.txt":                 "missing.txt", // one that does not is still a file: "no such file", not "no such host"
		"saved page.html":             "saved page.html",
		"just words":                  "just words",
	} {
		if got, pasted := PromptSource(in); got != want || pasted != "" {
			t.Errorf("PromptSource(%q) = %q, %q; want %q", in, got, pasted, want)
		}
	}
	// A file dragged onto the terminal comes quoted (GNOME's terminals),
	// or with its spaces escaped (macOS), and a space after.
	os.WriteFile("my notes.txt", []byte("x"), 0o644)
	for _, in := range []string{"'my notes.txt' ", `"my notes.txt"`, `my\ notes.txt `, "'" + filepath.Join(dir, "my notes.txt") + "'"} {
		if got, _ := PromptSource(in); filepath.Base(got) != "my notes.txt" {
			t.Errorf("PromptSource(%q) = %q; want the file my notes.txt", in, got)
		}
	}
	// A paragraph pasted as one line is an article's text; a file's name
	// of many words is not, nor a path.
	para := "The quick brown fox jumps over the lazy dog, and this is one long pasted paragraph."
	if src, pasted := PromptSource(para); src != "-" || pasted != para {
		t.Errorf("a pasted paragraph: %q %q", src, pasted)
	}
	for _, in := range []string{"my notes on the long essay about the failing state.html", "/home/me/a folder with many words in its long name",
		"~/Documents/an essay about security assistance to a failing state", "just a few words here"} {
		if src, pasted := PromptSource(in); pasted != "" || src == "-" {
			t.Errorf("PromptSource(%q) took it for pasted text", in)
		}
	}
	text := "A title\n\nFirst paragraph.\n\nSecond."
	if src, pasted := PromptSource(text); src != "-" || pasted != text {
		t.Errorf("pasted text: %q %q", src, pasted)
	}
}

// editArticle applies n random edits driven by r to an article's
// paragraphs: insert, delete, reword (swap or drop words), move.
func editArticle(r *rand.Rand, paras []string, n int) []string {
	out := append([]string(nil), paras...)
	for range n {
		if len(out) == 0 {
			out = append(out, "A lone new paragraph.")
			continue
		}
		i := r.IntN(len(out))
		switch r.IntN(5) {
		case 0: // insert
			out = append(out[:i], append([]string{fmt.Sprintf("Inserted paragraph %d with words of its own.", r.IntN(1000))}, out[i:]...)...)
		case 1: // delete
			out = append(out[:i], out[i+1:]...)
		case 2: // reword: replace one word
			w := strings.Fields(out[i])
			if len(w) > 0 {
				w[r.IntN(len(w))] = []string{"route", "plain", "nearly", "the", "changed"}[r.IntN(5)]
				out[i] = strings.Join(w, " ")
			}
		case 3: // drop a word
			w := strings.Fields(out[i])
			if len(w) > 1 {
				k := r.IntN(len(w))
				out[i] = strings.Join(append(w[:k], w[k+1:]...), " ")
			}
		case 4: // move
			j := r.IntN(len(out))
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

// checkRefresh highlights random passages of an article, refreshes it with
// a randomly edited text and checks the promises: the refresh succeeds;
// every highlight is placed, changed or orphaned; a placed highlight
// covers exactly its quote; what the reader highlighted and wrote is kept.
func checkRefresh(t *testing.T, st *store.Store, seed uint64, edits int) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	paras := paragraphs(3 + r.IntN(12))
	md := strings.Join(paras, "\n\n") + "\n"
	id, _, err := st.AddArticle(ctx, &store.Article{Content: article.Content{Title: "t", Markdown: md, Text: md}})
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ words, note string }
	wants := map[int64]want{}
	for k := range 1 + r.IntN(6) {
		off := r.IntN(len(md))
		s, e := render.SentenceAt(md, off)
		if e <= s {
			continue
		}
		q := render.QuoteAt(md, s, e)
		h := &store.Highlight{ArticleID: id, Start: s, End: e, Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix,
			Note: fmt.Sprintf("note %d", k), Label: store.Labels[r.IntN(2)]}
		var twice *store.HighlightedError
		if _, err := st.AddHighlight(ctx, h); errors.As(err, &twice) {
			continue // the same sentence drawn again: one highlight of it
		} else if err != nil {
			t.Fatal(err)
		}
		wants[h.ID] = want{q.Exact, h.Note}
	}
	nmd := strings.Join(editArticle(r, paras, edits), "\n\n") + "\n"
	res, err := st.ReplaceArticle(ctx, id, &store.Article{Content: article.Content{Title: "t", Markdown: nmd, Text: nmd}}, Carry(nmd))
	if err != nil {
		t.Fatalf("seed %d: refresh failed: %v", seed, err)
	}
	hs, _ := st.Highlights(ctx, id)
	if len(hs) != len(wants) || (!res.Unchanged && len(res.Highlights) != len(wants)) {
		t.Fatalf("seed %d: %d highlights after, %d before, %d outcomes", seed, len(hs), len(wants), len(res.Highlights))
	}
	for _, h := range hs {
		w := wants[h.ID]
		if h.Note != w.note || h.Highlighted() != w.words {
			t.Errorf("seed %d: highlight %d lost the reader's words: %q/%q, want %q/%q", seed, h.ID, h.Highlighted(), h.Note, w.words, w.note)
		}
		if h.Orphan {
			continue
		}
		if h.End > len(nmd) || h.Start >= h.End {
			t.Fatalf("seed %d: highlight %d at [%d,%d) in %d bytes", seed, h.ID, h.Start, h.End, len(nmd))
		}
		if got := render.QuoteAt(nmd, h.Start, h.End).Exact; got != h.Exact {
			t.Errorf("seed %d: placed highlight %d covers %q, its quote says %q", seed, h.ID, got, h.Exact)
		}
	}
}

// TestRefreshProperty runs checkRefresh over many random edits.
func TestRefreshProperty(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n := 300
	if testing.Short() {
		n = 40
	}
	for seed := range uint64(n) {
		checkRefresh(t, st, seed, 1+int(seed%7))
	}
}

// FuzzRefresh explores the same promises from fuzzed seeds.
func FuzzRefresh(f *testing.F) {
	for _, s := range []uint64{1, 7, 42, 1 << 40} {
		f.Add(s, uint8(3))
	}
	st, err := store.Open(filepath.Join(f.TempDir(), "lib.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	f.Fuzz(func(t *testing.T, seed uint64, edits uint8) {
		checkRefresh(t, st, seed, int(edits%16))
	})
}

// An article past the size limits is refused at add, naming the limit;
// one within them fits (issue 19, items 1-2).
func TestFitsLimits(t *testing.T) {
	ok := strings.Repeat("A paragraph of ordinary words.\n\n", 1000)
	if err := fits(ok); err != nil {
		t.Errorf("an ordinary article refused: %v", err)
	}
	for name, md := range map[string]string{
		"paragraphs": strings.Repeat("a b.\n\n", MaxParagraphs+1),
		"paragraph":  strings.Repeat("word ", MaxParagraphBytes/5+10),
		"bytes":      strings.Repeat(strings.Repeat("word ", 20000)+"\n\n", MaxArticleBytes/100000+2),
	} {
		err := fits(md)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "margin reads") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The settings margin config knows live in one table: each checks its
// value, and the value in effect says where it comes from (issue 14: the
// settings registry in the application layer).
func TestSettingsRegistry(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l := New(st)
	ctx := t.Context()
	var names []string
	for _, s := range Settings {
		names = append(names, s.Name)
		if v, from, err := l.Value(ctx, s); err != nil || v == "" || from == "" {
			t.Errorf("%s unset: %q (%s) %v", s.Name, v, from, err)
		}
	}
	if strings.Join(names, " ") != "export-dir style width links export-name export-folder" {
		t.Errorf("settings: %v", names)
	}
	w, _ := SettingNamed("width")
	if _, err := w.Check("10"); err == nil {
		t.Error("width 10 accepted")
	}
	if err := l.Set(ctx, w, "72"); err != nil {
		t.Fatal(err)
	}
	if v, from, _ := l.Value(ctx, w); v != "72" || !strings.Contains(from, "set in the library") {
		t.Errorf("width after set: %q (%s)", v, from)
	}
	s, _ := SettingNamed("style")
	if v, err := s.Check("auto"); err != nil || v != "" {
		t.Errorf("style auto: %q %v", v, err)
	}
	d, _ := SettingNamed("export-dir")
	t.Setenv("MARGIN_EXPORT_DIR", "/tmp/elsewhere")
	if v, from, _ := l.Value(ctx, d); v != "/tmp/elsewhere" || from != "from $MARGIN_EXPORT_DIR" {
		t.Errorf("export-dir from the environment: %q (%s)", v, from)
	}
	n, _ := SettingNamed("export-name")
	if _, err := n.Check("{{title"); err == nil {
		t.Error("a broken template accepted")
	}
	if _, ok := SettingNamed("colour"); ok {
		t.Error("an unknown setting found")
	}
}

// The reader's e shows an export's error on two lines at most, cut to
// the terminal: the file it could not merge by its name, then the reason
// (the name came last and was cut off, 100 columns wide).
func TestExportToFolderSaysWhyFirst(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := t.Context()
	md := "A passage worth keeping here. And more."
	id, _, err := st.AddArticle(ctx, &store.Article{Content: article.Content{Title: "A rather long title for an essay on reading", Markdown: md, Text: md}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddHighlight(ctx, &store.Highlight{ArticleID: id, Start: 0, End: 29, Exact: md[:29], Label: "highlight"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Setenv("MARGIN_EXPORT_DIR", dir)
	l := New(st)
	path, err := l.ExportToFolder(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(b), "> A passage", "> My words. A passage", 1)), 0o644)
	_, err = l.ExportToFolder(ctx, id)
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Base(path)+" left as it was: you edited inside margin's region") {
		t.Errorf("export over an edited region: %v", err)
	}
}
