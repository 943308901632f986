package reader

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
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
		{"escapes removed", []byte("<p>a\x1b]0;pwned\x07b\u009bc</p>"), "text/html; charset=utf-8", "<p>a]0;pwnedbc</p>"},
		{"invalid utf-8 replaced", []byte("<p>" + cyrillicSample + "\xff</p>"), "text/html; charset=utf-8", cyrillicSample + "\ufffd"},
		{"empty", nil, "text/html", ""},
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
			checkSanitized(t, got, false)
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
