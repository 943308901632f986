package reader

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

const utf16Page = `<html><head><title>Zwölf Boxkämpfer</title></head><body><article>
<h1>Zwölf Boxkämpfer</h1>
<p>Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich. Falsches Üben von Xylophonmusik quält jeden größeren Zwerg.</p>
<p>Victor jagt zwölf Boxkämpfer quer über den großen Sylter Deich, und die Zuschauer sehen zu, wie es dunkel wird über dem Meer.</p>
<p>Franz jagt im komplett verwahrlosten Taxi quer durch Bayern, und niemand weiß, wohin die Reise an diesem Abend gehen soll.</p>
</article></body></html>`

func utf16Bytes(t *testing.T, s string, order unicode.Endianness) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Issue 19 item 13: UTF-16 without a byte-order mark, declared by the
// header, was refused as binary data.
func TestFetchUTF16WithoutBOM(t *testing.T) {
	le := utf16Bytes(t, utf16Page, unicode.LittleEndian)
	be := utf16Bytes(t, utf16Page, unicode.BigEndian)
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/le":      fetchPage("text/html; charset=utf-16", le),
		"/be":      fetchPage("text/html; charset=UTF-16BE", be),
		"/bare-le": fetchPage("text/html; charset=utf-16le", le),
		"/plain":   fetchPage("text/plain; charset=utf-16", utf16Bytes(t, "Zwölf Boxkämpfer\n\nZwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich.\n", unicode.LittleEndian)),
	})
	for _, p := range []string{"/le", "/be", "/bare-le"} {
		a, err := Load(context.Background(), srv.URL+p, LoadOptions{Fetch: fetchTestOpt})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if a.Title != "Zwölf Boxkämpfer" || !strings.Contains(a.Text, "großen Sylter Deich") {
			t.Fatalf("%s: title %q, text %q", p, a.Title, a.Text)
		}
	}
	a, err := Load(context.Background(), srv.URL+"/plain", LoadOptions{Fetch: fetchTestOpt})
	if err != nil || !strings.Contains(a.Text, "großen Sylter Deich") {
		t.Fatalf("/plain: %v %+v", err, a)
	}
}

// A local UTF-16 file without a byte-order mark is text, not binary.
func TestFromBytesUTF16WithoutBOM(t *testing.T) {
	a, err := fromBytes(utf16Bytes(t, utf16Page, unicode.LittleEndian), ".html", "page.html", "")
	if err != nil || a.Title != "Zwölf Boxkämpfer" {
		t.Fatalf("fromBytes(UTF-16LE) = %v, %+v", err, a)
	}
	// Binary data with NUL pairs stays binary.
	if _, ok := sniffUTF16([]byte("\x00\x00\x01\x02abcd\x00\x00\x00\x00"), true); ok {
		t.Fatal("NUL pairs taken for UTF-16")
	}
}

// Issue 19 item 13: a text/plain page got an empty title.
func TestFetchPlainTextTitle(t *testing.T) {
	body := "Notes on the river crossing\n\nWe left before dawn. The water was higher than anyone had said, and the ford had moved.\n"
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/notes.txt": fetchPage("text/plain; charset=utf-8", []byte(body)),
		"/one.txt":   fetchPage("text/plain; charset=utf-8", []byte("short\n")),
	})
	for p, want := range map[string]string{"/notes.txt": "Notes on the river crossing", "/one.txt": "short"} {
		a, err := Load(context.Background(), srv.URL+p, LoadOptions{Fetch: fetchTestOpt})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if a.Title == "" || !strings.Contains(want, a.Title) && !strings.Contains(a.Title, want) {
			t.Fatalf("%s: title %q, want %q", p, a.Title, want)
		}
	}
}

// Issue 19 item 13: a URL with a control character said `unsupported
// scheme "http"`.
func TestLoadBadWebAddress(t *testing.T) {
	for _, src := range []string{"http://example.com/\x1b[31mred", "https://example.com/a\nb", "http://exa mple.com/", "http://"} {
		_, err := Load(context.Background(), src, LoadOptions{})
		if err == nil {
			t.Fatalf("%q: loaded", src)
		}
		msg := err.Error()
		if strings.Contains(msg, "scheme") || !strings.Contains(msg, "not a valid web address") || strings.ContainsAny(msg, "\x1b\n") {
			t.Errorf("%q: %q", src, msg)
		}
	}
}
