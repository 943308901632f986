package sanitize

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean ascii", "Hello, world.\n\tIndented.", "Hello, world.\n\tIndented."},
		{"clean unicode", "Привет — 你好 — مرحبا — שלום", "Привет — 你好 — مرحبا — שלום"},
		{"esc osc title", "a\x1b]0;pwned\x07b", "a]0;pwnedb"},
		{"esc csi clear", "\x1b[2J\x1b[Hx", "[2J[Hx"},
		{"osc 52 clipboard", "x\x1b]52;c;ZXZpbA==\x1b\\y", "x]52;c;ZXZpbA==\\y"},
		{"bel", "ding\adong", "dingdong"},
		{"nul", "a\x00b\x00", "ab"},
		{"del", "a\x7fb", "ab"},
		{"all c0", "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f.", "."},
		{"c1 csi", "a\u009b2Jb", "a2Jb"},
		{"c1 range", "a\u0080\u0085\u008d\u009c\u009d\u009fb", "ab"},
		{"nbsp stays", "a\u00a0b", "a\u00a0b"},
		{"crlf", "one\r\ntwo\r\n", "one\ntwo\n"},
		{"cr", "one\rtwo\r", "one\ntwo\n"},
		{"cr cr lf", "a\r\r\nb", "a\n\nb"},
		{"lf cr", "a\n\rb", "a\n\nb"},
		{"invalid utf8", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"overlong", "\xc0\xaf", "\ufffd\ufffd"},
		{"surrogate", "\xed\xa0\x80", "\ufffd\ufffd\ufffd"},
		{"real U+FFFD stays", "a\ufffdb", "a\ufffdb"},
		{"bidi overrides", "user\u202egnp.exe\u202c", "usergnp.exe"},
		{"bidi embeddings", "\u202aa\u202bb\u202dc\u202e", "abc"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"marks stay", "a\u200eb\u200fc", "a\u200eb\u200fc"},
		{"zwj emoji stays", "👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧"},
		{"zwnj zwsp stay", "می\u200cخواهم a\u200bb", "می\u200cخواهم a\u200bb"},
		{"combining stays", "e\u0301 n\u0303", "e\u0301 n\u0303"},
		{"mixed", "\x1b[31m\u202eRed\r\n\x9b", "[31mRed\n\ufffd"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Text(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
			checkSanitized(t, got, false)
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A Title", "A Title"},
		{"Two\nlines", "Two lines"},
		{"tab\there", "tab here"},
		{"crlf\r\nend", "crlf end"},
		{"cr\rend", "cr end"},
		{"\x1b]0;x\x07Title\u202e", "]0;xTitle"},
		{"a\xffb", "a\ufffdb"},
		{"", ""},
	}
	for _, tt := range tests {
		got := Line(tt.in)
		if got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if Line(got) != got {
			t.Errorf("SanitizeLine not idempotent on %q", got)
		}
		checkSanitized(t, got, true)
	}
}

// TestSanitizeCleanNoAlloc holds the promise that clean text, the common
// case, is returned as is without allocating.
func TestSanitizeCleanNoAlloc(t *testing.T) {
	clean := strings.Repeat("Clean text — with ünïcödé, 👩\u200d👩\u200d👧 and\ttabs.\n", 100)
	if n := testing.AllocsPerRun(100, func() { Text(clean) }); n != 0 {
		t.Errorf("Text(clean) allocates %v times", n)
	}
	line := strings.Repeat("Clean title — ünïcödé ", 10)
	if n := testing.AllocsPerRun(100, func() { Line(line) }); n != 0 {
		t.Errorf("Line(clean) allocates %v times", n)
	}
}

// checkSanitized asserts the properties every sanitised string has.
func checkSanitized(t *testing.T, s string, line bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%q is not valid UTF-8", s)
	}
	for _, r := range s {
		if line && (r == '\n' || r == '\t') {
			t.Errorf("%q keeps %U in a line", s, r)
		}
		if unicode.IsControl(r) && r != '\n' && r != '\t' || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Errorf("%q keeps %U", s, r)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	// More seeds live in testdata/fuzz/FuzzSanitize.
	f.Add("plain text")
	f.Add("\x1b]0;t\x07\r\n\u009b\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		checkSanitized(t, out, false)
		if again := Text(out); again != out {
			t.Errorf("Sanitize not idempotent: %q -> %q -> %q", s, out, again)
		}
		line := Line(s)
		checkSanitized(t, line, true)
		if again := Line(line); again != line {
			t.Errorf("SanitizeLine not idempotent: %q -> %q -> %q", s, line, again)
		}
		if strings.Contains(out, "\r") {
			t.Errorf("carriage return survived: %q", out)
		}
	})
}

func BenchmarkSanitizeClean(b *testing.B) {
	s := strings.Repeat("A clean paragraph of article text, ünïcödé included.\n", 2000)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Text(s)
	}
}

func BenchmarkSanitizeDirty(b *testing.B) {
	s := strings.Repeat("A dirty paragraph\r\n with \x1b[31m escapes \u009b and \u202e.\n", 2000)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Text(s)
	}
}
