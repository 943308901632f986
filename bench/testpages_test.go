package bench

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTestPages: a page's expected article is the truth each path is
// scored against; a page shorter than testPagesMinWords (a unit case) is
// left out; the worst list names the page.
func TestTestPages(t *testing.T) {
	if _, err := W3MDump([]byte("<p>x</p>")); errors.Is(err, ErrNoW3M) {
		t.Skip(err)
	}
	dir := t.TempDir()
	article := strings.TrimSpace(strings.Repeat("The harbour council met again on Monday to argue about the ice. ", 15))
	write := func(name, src, exp string) {
		os.MkdirAll(filepath.Join(dir, name), 0o755)
		os.WriteFile(filepath.Join(dir, name, "source.html"), []byte(src), 0o644)
		os.WriteFile(filepath.Join(dir, name, "expected.html"), []byte(exp), 0o644)
	}
	write("harbour", "<nav>Home News Sport</nav><p>"+article+"</p><footer>Copyright</footer>", "<div><p>"+article+"</p></div>")
	write("unit-case", "<p>short</p>", "<p>short</p>")
	var b strings.Builder
	fromHTML := func([]byte, string) (string, error) { return article, nil }
	clean := func(raw []byte) (string, error) { return "", nil } // loses everything
	if err := TestPages(&b, dir, fromHTML, clean); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"1 pages of 150 words", "HTML pipeline               1.000", "text, browser copy          0.000", "harbour "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "unit-case") {
		t.Errorf("scored a unit case:\n%s", out)
	}
}
