package reader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSniffLooksLikeHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"doctype", "<!DOCTYPE html>\n<html><body>x</body></html>", true},
		{"doctype lower, leading space", "\n\n   <!doctype html><title>x</title>", true},
		{"bom", "\xef\xbb\xbf<!DOCTYPE html><p>x</p>", true},
		{"html", "<html lang=\"en\"><head></head></html>", true},
		{"comment first", "<!-- saved from url=(0042)https://example.org/ -->\n<html><body></body></html>", true},
		{"xml decl", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", true},
		{"fragment p", "<p>Hello there.</p><p>Second.</p>", true},
		{"fragment div", "<div class=\"x\">hi</div>", true},
		{"fragment article", "<article>\n<h1>T</h1>\n<p>x</p></article>", true},
		{"body later", "Some junk first\n<body><p>text</p></body>", true},
		{"blocks in text", "Copied from a page:\n<p>one</p>\n<p>two</p>\n<ul><li>x</li></ul>", true},
		{"plain", "Just an article.\n\nWith paragraphs.", false},
		{"empty", "", false},
		{"spaces", "   \n\t", false},
		{"comparison", "If a < b and b > c then a <p> is not a tag here.", false},
		{"mentions a tag", "Use the <div> element for layout, they said.", false},
		{"angle brackets", "<<<< >>>> <3 <- ->", false},
		{"email", "From: Jane <jane@example.org>\nTo: <bob@example.org>\n\nHi Bob", false},
		{"markdown", "# Title\n\nSome *text* with a [link](https://x.org).\n\n> quote", false},
		{"unknown tag first", "<foo>bar</foo>", false},
		{"ptolemy", "<ptolemy> was not a tag", false},
		{"truncated", "<", false},
		{"truncated tag", "<p", false},
	}
	for _, tt := range tests {
		if got := LooksLikeHTML([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: LooksLikeHTML(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestSniffBinaryKind(t *testing.T) {
	random := make([]byte, 2048)
	x := uint32(1)
	for i := range random {
		x = x*1664525 + 1013904223
		random[i] = byte(x>>24) | 1 // no NULs: the ratio test must catch it
	}
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"pdf", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"},
		{"zip", "PK\x03\x04\x14\x00\x06\x00", "a ZIP archive (or an office document or EPUB)"},
		{"gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed data"},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"},
		{"gif", "GIF89a\x01\x00\x01\x00", "a GIF image"},
		{"webp", "RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"},
		{"elf", "\x7fELF\x02\x01\x01", "a program"},
		{"sqlite", "SQLite format 3\x00\x10\x00", "an SQLite database"},
		{"mp4", "\x00\x00\x00\x18ftypmp42", "a video or HEIC image"},
		{"bzip2", "BZh91AY&SY\x00\x01", "bzip2-compressed data"},
		{"nul", "hello\x00world", "binary data"},
		{"random", string(random), "binary data"},
		{"text", "Just an article.\n\nWith paragraphs.", ""},
		{"html", "<!DOCTYPE html><p>x</p>", ""},
		{"utf8", "Привет, мир — 你好 — 🎉👩‍👩‍👧", ""},
		{"windows-1251", "\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0! \x97 \xab\xea\xe0\xea \xe4\xe5\xeb\xe0?\xbb", ""},
		{"windows-1252 quotes", "It\x92s \x93quoted\x94 \x97 and caf\xe9.", ""},
		{"latin-1", "Gr\xfc\xdfe aus M\xfcnchen, \xe0 bient\xf4t.", ""},
		{"utf-16 bom", "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", ""},
		{"hostile escapes", "Title \x1b]0;pwned\x07 and \x1b[2J more text here, enough of it.", ""},
		{"BZh prose", "BZh is not a file", ""},
		{"ID3 prose", "ID3 tags hold song titles", ""},
		{"RIFF prose", "RIFF raff, said the text.", ""},
		{"empty", "", ""},
		{"cut rune at end", strings.Repeat("a", sniffLen-1) + "Ж", ""},
	}
	for _, tt := range tests {
		got := BinaryKind([]byte(tt.in))
		if got != tt.want {
			t.Errorf("%s: BinaryKind = %q, want %q", tt.name, got, tt.want)
		}
		if IsBinary([]byte(tt.in)) != (tt.want != "") {
			t.Errorf("%s: IsBinary disagrees with BinaryKind", tt.name)
		}
	}
}

// TestSniffCorpus checks the sniffers against real pages: every HTML page
// of the shared corpus is HTML and text, every pasted text is text.
func TestSniffCorpus(t *testing.T) {
	dir := fetchTestShared(t)
	pages, _ := filepath.Glob(filepath.Join(dir, "corpus", "extraction", "html", "*.html.gz"))
	for _, f := range pages {
		_, b := gunzipFile(t, f)
		if k := BinaryKind(b); k != "" {
			t.Errorf("%s: BinaryKind = %q", filepath.Base(f), k)
		}
		if !LooksLikeHTML(b) {
			t.Errorf("%s: LooksLikeHTML = false; starts %.120q", filepath.Base(f), b)
		}
	}
	texts, _ := filepath.Glob(filepath.Join(dir, "corpus", "pasted", "text", "*.txt"))
	texts = append(texts, filepath.Join(dir, "corpus", "seed", "000_ad865d54b40ea3c0.txt"))
	for _, f := range texts {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if k := BinaryKind(b); k != "" {
			t.Errorf("%s: BinaryKind = %q", filepath.Base(f), k)
		}
		if LooksLikeHTML(b) {
			t.Errorf("%s: LooksLikeHTML = true; starts %.120q", filepath.Base(f), b)
		}
	}
	if len(pages) == 0 || len(texts) < 2 {
		t.Errorf("corpus incomplete: %d pages, %d texts", len(pages), len(texts))
	}
}

func FuzzLooksLikeHTML(f *testing.F) {
	for _, s := range []string{"<!DOCTYPE html>", "<p>x</p>", "a < b", "<", "</", "<p", "\xef\xbb\xbf<html>", "<!--", "<?xml", "%PDF-", "\xff\xfe<\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		LooksLikeHTML(b)
		if IsBinary(b) != (BinaryKind(b) != "") {
			t.Fatal("IsBinary disagrees with BinaryKind")
		}
	})
}
