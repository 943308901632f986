package bench

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPastedPassages(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "html"), 0o755)
	os.WriteFile(filepath.Join(dir, "evaldata.json"), []byte(`{"a1":{"url":"","with":["good words"],"without":["menu words"]},"b2":{"url":"","with":["other"],"without":[]}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "html", "a1.html"), []byte(`<p>good words</p><nav>menu words</nav>`), 0o644)
	os.WriteFile(filepath.Join(dir, "html", "b2.html"), []byte(`<p>other</p>`), 0o644)
	dumps := 0
	dump := func(page []byte) ([]byte, error) {
		dumps++
		return bytes.ReplaceAll(bytes.ReplaceAll(page, []byte("<p>"), nil), []byte("</p>"), []byte("\n")), nil
	}
	// The cleaner sees the dump, not the page, and drops the menu.
	clean := func(text []byte) (string, error) {
		if bytes.Contains(text, []byte("<p>")) {
			t.Errorf("the cleaner was given the page, not its dump: %q", text)
		}
		s, _, _ := strings.Cut(string(text), "<nav>")
		return s, nil
	}
	rep, err := PastedPassages(dir, dump, clean)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pipeline != (Counts{TP: 2, TN: 1}) || rep.Baseline != (Counts{TP: 2, FP: 1}) {
		t.Errorf("pipeline %+v, baseline (the dump) %+v", rep.Pipeline, rep.Baseline)
	}
	if dumps != 2 {
		t.Errorf("%d dumps of 2 pages, want one each", dumps)
	}
	_, err = PastedPassages(dir, func([]byte) ([]byte, error) { return nil, errors.New("boom") }, clean)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("a failed dump: %v", err)
	}
}

// TestW3MDumpIsThePastedFormat: the arguments give the pasted corpus's
// shape (ASCII bullets by level, 100 columns).
func TestW3MDumpIsThePastedFormat(t *testing.T) {
	out, err := W3MDump([]byte(`<ul><li>one<ul><li>two<ul><li>three</ul></ul></ul><p>` + strings.Repeat("word ", 30) + `</p>`))
	if errors.Is(err, ErrNoW3M) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	want := "  * one\n      + two\n          o three\n\n" + strings.TrimSpace(strings.Repeat("word ", 20)) + "\n"
	if !strings.HasPrefix(string(out), want) {
		t.Errorf("dump:\n%s\nwant it to start:\n%s", out, want)
	}
}
