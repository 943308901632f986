package reader

import (
	"margin/sanitize"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestDecodeHTML(t *testing.T) {
	win := func(s string) []byte { return encode1251(t, s) }
	koi8, _ := charmap.KOI8R.NewEncoder().Bytes([]byte(`<html><head><meta charset="koi8-r"></head><body><p>` + cyrillicSample + `</p></body></html>`))
	latin1, _ := charmap.ISO8859_1.NewEncoder().Bytes([]byte(`<p>Grüße aus München, à bientôt.</p>`))
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(`<html><head><meta charset="shift_jis"></head><body><p>日本語の記事です。</p></body></html>`))
	euckr, _ := korean.EUCKR.NewEncoder().Bytes([]byte(`<p>한국어 기사입니다.</p>`))
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("<p>" + cyrillicSample + "</p>"))
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("<p>" + cyrillicSample + "</p>"))
	filler := strings.Repeat("<p>ascii filler to push the first non-ascii byte past 1024 bytes</p>\n", 30)
	// The Web Archive puts ~1.2 KB of its own scripts (one with
	// charset="utf-8") before a page's head: the page's meta tag then
	// sits past the 1024 bytes of the prescan, and browsers still honour
	// it when they meet it in the head.
	archived := `<!DOCTYPE html><html><head><script src="//archive.org/includes/analytics.js" charset="utf-8"></script>` +
		"<script>" + strings.Repeat("var wombat_settings = 'https://web.archive.org/web/';\n", 24) + "</script>\n"
	gb, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(archived + `<meta http-equiv="Content-Type" content="text/html; charset=gb2312"/><title>新闻</title></head><body><p>一个约定，信守15年，感人至深。</p></body></html>`))
	late1251 := win(archived + `<meta charset="windows-1251"></head><body><p>` + proseRu + `</p></body></html>`)
	bodyMeta := win(archived + `</head><body><p>` + proseRu + `</p><meta charset="shift_jis"></body></html>`)
	scriptMeta := win(archived + `<script>document.write('<meta charset="shift_jis">');</script></head><body><p>` + proseRu + `</p></body></html>`)

	tests := []struct {
		name string
		raw  []byte
		ct   string
		want string
	}{
		{"1251 in header", win("<p>" + cyrillicSample + "</p>"), "text/html; charset=windows-1251", cyrillicSample},
		{"1251 header alias cp1251", win("<p>" + cyrillicSample + "</p>"), "text/html; charset=cp1251", cyrillicSample},
		{"1251 in meta", win(`<html><head><meta charset="windows-1251"></head><body><p>` + cyrillicSample + `</p></body></html>`), "text/html", cyrillicSample},
		{"1251 in http-equiv", win(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>` + cyrillicSample), "", cyrillicSample},
		{"koi8-r in meta", koi8, "", cyrillicSample},
		{"utf-8 bom beats header", []byte("\xef\xbb\xbf<p>" + cyrillicSample + "</p>"), "text/html; charset=windows-1251", cyrillicSample},
		{"utf-16le bom", utf16le, "text/html", cyrillicSample},
		{"utf-16be bom", utf16be, "", cyrillicSample},
		{"utf-8 no charset", []byte("<p>" + cyrillicSample + "</p>"), "text/html", cyrillicSample},
		{"utf-8 no charset, late non-ascii", []byte(filler + "<p>" + cyrillicSample + "</p>"), "text/html", cyrillicSample},
		{"utf-8 under lying latin-1 header", []byte("<p>" + cyrillicSample + "</p>"), "text/html; charset=iso-8859-1", cyrillicSample},
		{"utf-8 under lying 1251 meta", []byte(`<meta charset="windows-1251"><p>` + cyrillicSample + "</p>"), "", cyrillicSample},
		{"1251 under lying utf-8 header", win(`<meta charset="windows-1251"><p>` + cyrillicSample + "</p>"), "text/html; charset=utf-8", cyrillicSample},
		{"latin-1 in header", latin1, "text/html; charset=iso-8859-1", "Grüße aus München, à bientôt."},
		{"latin-1 no charset (windows-1252 default)", latin1, "", "Grüße aus München, à bientôt."},
		{"shift_jis in meta", sjis, "text/html", "日本語の記事です。"},
		{"euc-kr in header", euckr, "text/html; charset=euc-kr", "한국어 기사입니다."},
		{"unknown charset label", []byte("<p>" + cyrillicSample + "</p>"), "text/html; charset=x-martian", cyrillicSample},
		// Declarations browsers treat as weak (none, the Latin-1 family,
		// UTF-8 the body contradicts) give way to the meta tag, then to
		// Cyrillic detection, and genuine Latin-1 text stays Latin-1.
		{"1251 under latin-1 header with 1251 meta", win(`<meta charset="windows-1251"><title>` + proseRu + "</title>"), "text/html; charset=iso-8859-1", proseRu},
		{"shift_jis meta under latin-1 header", sjis, "text/html; charset=iso-8859-1", "日本語の記事です。"},
		{"1251 under windows-1252 header with 1251 meta", win(`<meta charset="windows-1251"><p>` + proseRu), "text/html; charset=windows-1252", proseRu},
		{"1251 undeclared", win("<p>" + proseRu + "</p>"), "text/html", proseRu},
		{"1251 undeclared, no header", win("<!doctype html><title>Помощь слабому государству</title><p>" + proseRu + "</p>"), "", "Помощь слабому государству"},
		{"1251 undeclared, all caps", win("<h1>" + proseRuCaps + "</h1>"), "", proseRuCaps},
		{"1251 under latin-1 header, no meta", win("<p>" + proseRu + "</p>"), "text/html; charset=ISO-8859-1", proseRu},
		{"1251 under latin-1 meta", win(`<meta charset="iso-8859-1"><p>` + proseRu + "</p>"), "", proseRu},
		{"1251 under lying utf-8 meta", win(`<meta charset="utf-8"><p>` + proseRu + "</p>"), "", proseRu},
		{"1251 under lying utf-8 header and meta", win(`<meta charset="utf-8"><p>` + proseRu + "</p>"), "text/html; charset=utf-8", proseRu},
		{"1251 ukrainian undeclared", win("<p>" + proseUk + "</p>"), "text/html", proseUk},
		{"koi8-r undeclared", encodeIn(t, charmap.KOI8R, "<p>"+proseRu+"</p>"), "text/html", proseRu},
		{"koi8-r under latin-1 header", encodeIn(t, charmap.KOI8R, "<p>"+proseRu+"</p>"), "text/html; charset=iso-8859-1", proseRu},
		{"koi8-r meta under latin-1 header", koi8, "text/html; charset=iso-8859-1", cyrillicSample},
		{"french latin-1 undeclared", encodeIn(t, charmap.ISO8859_1, "<p>"+proseFr+"</p>"), "text/html", proseFr},
		{"french latin-1 in header", encodeIn(t, charmap.ISO8859_1, "<p>"+proseFr+"</p>"), "text/html; charset=iso-8859-1", proseFr},
		{"french latin-1 in meta", encodeIn(t, charmap.ISO8859_1, `<meta charset="iso-8859-1"><p>`+proseFr+"</p>"), "text/html; charset=iso-8859-1", proseFr},
		{"french latin-1 under lying utf-8 header", encodeIn(t, charmap.ISO8859_1, "<p>"+proseFr+"</p>"), "text/html; charset=utf-8", proseFr},
		{"german latin-1 undeclared", encodeIn(t, charmap.ISO8859_1, "<p>"+proseDe+"</p>"), "", proseDe},
		{"german latin-1 in header", encodeIn(t, charmap.ISO8859_1, "<p>"+proseDe+"</p>"), "text/html; charset=latin1", proseDe},
		{"spanish 1252 undeclared", encodeIn(t, charmap.Windows1252, "<p>"+proseEs+"</p>"), "text/html", proseEs},
		{"portuguese 1252 in header", encodeIn(t, charmap.Windows1252, "<p>"+prosePt+"</p>"), "text/html; charset=windows-1252", prosePt},
		{"icelandic latin-1 undeclared", encodeIn(t, charmap.ISO8859_1, "<p>"+proseIs+"</p>"), "text/html", proseIs},
		{"polish 1250 in header beats detection", encodeIn(t, charmap.Windows1250, "<p>"+prosePl+"</p>"), "text/html; charset=windows-1250", prosePl},
		{"1251 header beats a latin-1 meta", win(`<meta charset="iso-8859-1"><p>` + proseRu + "</p>"), "text/html; charset=windows-1251", proseRu},
		{"greek 1253 undeclared stays windows-1252", encodeIn(t, charmap.Windows1253, "<p>"+proseEl+"</p>"), "", decodeIn(t, charmap.Windows1252, encodeIn(t, charmap.Windows1253, proseEl))},
		{"escapes removed", []byte("<p>a\x1b]0;pwned\x07b\u009bc</p>"), "text/html; charset=utf-8", "<p>a]0;pwnedbc</p>"},
		{"invalid utf-8 replaced", []byte("<p>" + cyrillicSample + "\xff</p>"), "text/html; charset=utf-8", cyrillicSample + "\ufffd"},
		{"empty", nil, "text/html", ""},
		{"gb2312 meta past the prescan", gb, "", "一个约定，信守15年，感人至深。"},
		{"1251 meta past the prescan", late1251, "", proseRu},
		{"1251 meta past the prescan under latin-1 header", late1251, "text/html; charset=iso-8859-1", proseRu},
		// A meta tag in the body, or written by a script, is not the page's.
		{"meta in the body ignored", bodyMeta, "", proseRu},
		{"meta in a script ignored", scriptMeta, "", proseRu},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeHTML(tt.raw, tt.ct)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("DecodeHTML = %.300q, want it to contain %q", got, tt.want)
			}
			if strings.HasPrefix(got, "\ufeff") {
				t.Error("byte-order mark kept")
			}
			if got != sanitize.Text(got) {
				t.Errorf("DecodeHTML output is not sanitised: %.300q", got)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	text := cyrillicSample + "\n\nВторой абзац."
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	latin1, _ := charmap.ISO8859_1.NewEncoder().Bytes([]byte("Grüße aus München"))
	tests := []struct {
		name string
		raw  []byte
		ct   string
		want string
	}{
		{"utf-8", []byte(text), "text/plain", text},
		{"utf-8 bom", []byte("\xef\xbb\xbf" + text), "text/plain; charset=windows-1251", text},
		{"utf-16 bom", utf16le, "text/plain", text},
		{"1251 header", encode1251(t, text), "text/plain; charset=windows-1251", text},
		{"utf-8 under lying header", []byte(text), "text/plain; charset=iso-8859-1", text},
		{"latin-1 undeclared", latin1, "text/plain", "Grüße aus München"},
		{"latin-1 declared utf-8", latin1, "text/plain; charset=utf-8", "Grüße aus München"},
		{"1251 undeclared", encode1251(t, proseRu), "text/plain", proseRu},
		{"1251 under latin-1 header", encode1251(t, proseRu), "text/plain; charset=iso-8859-1", proseRu},
		{"1251 under lying utf-8 header", encode1251(t, proseRu), "text/plain; charset=utf-8", proseRu},
		{"koi8-r undeclared", encodeIn(t, charmap.KOI8R, proseRu), "", proseRu},
		{"koi8-r header", encodeIn(t, charmap.KOI8R, proseRu), "text/plain; charset=koi8-r", proseRu},
		{"text with angle brackets, 1251", encode1251(t, "a<b "+proseRu), "", "a<b " + proseRu},
		{"french latin-1 undeclared", encodeIn(t, charmap.ISO8859_1, proseFr), "text/plain", proseFr},
		{"french latin-1 header", encodeIn(t, charmap.ISO8859_1, proseFr), "text/plain; charset=iso-8859-1", proseFr},
		{"german latin-1 undeclared", encodeIn(t, charmap.ISO8859_1, proseDe), "", proseDe},
		{"spanish 1252 declared utf-8", encodeIn(t, charmap.Windows1252, proseEs), "text/plain; charset=utf-8", proseEs},
		{"polish 1250 header", encodeIn(t, charmap.Windows1250, prosePl), "text/plain; charset=windows-1250", prosePl},
		{"meta is not read", []byte(`<meta charset="koi8-r"> plain ascii`), "text/plain", `<meta charset="koi8-r"> plain ascii`},
		{"crlf and escapes", []byte("a\r\nb\x1b[2J"), "", "a\nb[2J"},
		{"empty", nil, "", ""},
	}
	for _, tt := range tests {
		got, err := DecodeText(tt.raw, tt.ct)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s: DecodeText = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func decodeIn(t testing.TB, cm *charmap.Charmap, b []byte) string {
	t.Helper()
	s, err := cm.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatalf("decode from %v: %v", cm, err)
	}
	return string(s)
}

// TestDecodeCorpus decodes every real page of the shared corpus: valid
// UTF-8 out, no replacement characters that were not there before.
func TestDecodeCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fetchTestShared(t), "corpus", "extraction", "html", "*.html.gz"))
	sort.Strings(files)
	for _, f := range files {
		_, raw := gunzipFile(t, f)
		got, err := DecodeHTML(raw, "")
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if !utf8.ValidString(got) {
			t.Errorf("%s: output is not valid UTF-8", filepath.Base(f))
		}
		if utf8.Valid(raw) && strings.Count(got, "\ufffd") > strings.Count(string(raw), "\ufffd") {
			t.Errorf("%s: decoding a valid UTF-8 page added replacement characters", filepath.Base(f))
		}
	}
}

// benchPage is a long article page, about 100 KB, in the given code page
// (nil: UTF-8) and declaring nothing.
func benchPage(b *testing.B, cm *charmap.Charmap) []byte {
	page := "<!doctype html><html><head><title>Помощь слабому государству</title></head><body><article>" +
		strings.Repeat("<p>"+proseRu+"</p>\n", 250) + "</article></body></html>"
	if cm == nil {
		return []byte(page)
	}
	return encodeIn(b, cm, page)
}

// BenchmarkDecodeHTMLUTF8 is the common case (every corpus page): the
// valid-UTF-8 fast path, which detection must not slow down.
func BenchmarkDecodeHTMLUTF8(b *testing.B) {
	raw := benchPage(b, nil)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := DecodeHTML(raw, "text/html"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeHTML1251Undeclared takes the slow path: meta lookup,
// Cyrillic detection, then decoding.
func BenchmarkDecodeHTML1251Undeclared(b *testing.B) {
	raw := benchPage(b, charmap.Windows1251)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := DecodeHTML(raw, "text/html"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeHTML1251Declared is the slow path's baseline: the same
// page with its charset in the header, so nothing is detected.
func BenchmarkDecodeHTML1251Declared(b *testing.B) {
	raw := benchPage(b, charmap.Windows1251)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := DecodeHTML(raw, "text/html; charset=windows-1251"); err != nil {
			b.Fatal(err)
		}
	}
}
