package reader

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"margin/sanitize"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Small limits keep every test well inside a few seconds.
var fetchTestOpt = FetchOptions{Timeout: 5 * time.Second, MaxBytes: 1 << 20}

const cyrillicSample = "Привет, мир! Съешь же ещё этих мягких французских булок."

func encode1251(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serve starts a loopback server with the given routes, closed when the
// test ends.
func fetchServe(t *testing.T, routes map[string]http.HandlerFunc) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func fetchPage(ct string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if ct == "" {
			w.Header()["Content-Type"] = nil // stop net/http sniffing one
		} else {
			w.Header().Set("Content-Type", ct)
		}
		w.Write(body)
	}
}

func fetchRedirect(to string, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", to)
		w.WriteHeader(code)
	}
}

// checkFetchErr asserts err is one line, names the URL and contains want.
func checkFetchErr(t *testing.T, err error, rawURL, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("fetch %s: no error, want %q", rawURL, want)
	}
	msg := err.Error()
	t.Log(msg)
	if !strings.Contains(msg, want) {
		t.Errorf("error %q does not contain %q", msg, want)
	}
	if !strings.HasPrefix(msg, "fetch "+rawURL+": ") {
		t.Errorf("error %q does not start with %q", msg, "fetch "+rawURL+": ")
	}
	if strings.ContainsAny(msg, "\n\r") || sanitize.Text(msg) != msg {
		t.Errorf("error %q is not one clean line", msg)
	}
	var fe *FetchError
	if !errors.As(err, &fe) {
		t.Errorf("error %T is not a *FetchError", err)
	}
}

const fetchOKHTML = `<!DOCTYPE html><html><head><title>T</title></head><body><article><p>Hello, reader.</p></article></body></html>`

func TestFetchOK(t *testing.T) {
	var ua, accept string
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/a": func(w http.ResponseWriter, r *http.Request) {
			ua, accept = r.UserAgent(), r.Header.Get("Accept")
			fetchPage("text/html; charset=UTF-8", []byte(fetchOKHTML))(w, r)
		},
	})
	p, err := Fetch(context.Background(), srv.URL+"/a", fetchTestOpt)
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Body) != fetchOKHTML {
		t.Errorf("body = %q", p.Body)
	}
	if p.ContentType != "text/html; charset=UTF-8" {
		t.Errorf("content type = %q", p.ContentType)
	}
	if p.URL != srv.URL+"/a" {
		t.Errorf("URL = %q", p.URL)
	}
	if !strings.HasPrefix(ua, "Mozilla/5.0 ") || !strings.Contains(ua, "margin") {
		t.Errorf("User-Agent = %q, want a browser-like one naming margin", ua)
	}
	if !strings.Contains(accept, "text/html") {
		t.Errorf("Accept = %q", accept)
	}

	opt := fetchTestOpt
	opt.UserAgent = "custom/1"
	if _, err := Fetch(context.Background(), srv.URL+"/a", opt); err != nil {
		t.Fatal(err)
	}
	if ua != "custom/1" {
		t.Errorf("User-Agent = %q, want the option's", ua)
	}
}

func TestFetchContentTypes(t *testing.T) {
	pdf := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i>>3)
	}
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/html":      fetchPage("text/html", []byte(fetchOKHTML)),
		"/xhtml":     fetchPage("application/xhtml+xml; charset=utf-8", []byte(fetchOKHTML)),
		"/upper":     fetchPage("Text/HTML; Charset=\"windows-1251\"", []byte(fetchOKHTML)),
		"/text":      fetchPage("text/plain; charset=utf-8", []byte("Just words.\n\nMore words.")),
		"/none-html": fetchPage("", []byte("\n  <p>First</p><div>two</div><p>three</p>")),
		"/none-text": fetchPage("", []byte("Just words, a < b and c > d.")),
		"/none-pdf":  fetchPage("", pdf),
		"/pdf":       fetchPage("application/pdf", pdf),
		"/pdf-lies":  fetchPage("text/html; charset=utf-8", pdf),
		"/image":     fetchPage("image/png", png),
		"/png-lies":  fetchPage("text/plain", png),
		"/binary":    fetchPage("text/html", random),
		"/nul":       fetchPage("text/html", []byte("<html><body>\x00\x00\x00</body></html>")),
		"/json":      fetchPage("application/json", []byte(`{"a":1}`)),
		"/bad-ct":    fetchPage("text html", []byte(fetchOKHTML)),
		"/bad-param": fetchPage("text/html; charset", []byte(fetchOKHTML)),
	})
	tests := []struct {
		path, wantType, wantErr string
	}{
		{"/html", "text/html", ""},
		{"/xhtml", "application/xhtml+xml; charset=utf-8", ""},
		{"/upper", "text/html; charset=windows-1251", ""},
		{"/text", "text/plain; charset=utf-8", ""},
		{"/none-html", "text/html", ""},
		{"/none-text", "text/plain", ""},
		{"/none-pdf", "", "the body is not HTML or text (looks like PDF)"},
		{"/pdf", "", "content type application/pdf is not HTML"},
		{"/pdf-lies", "", "the body is not HTML or text (looks like PDF)"},
		{"/image", "", "content type image/png is not HTML"},
		{"/png-lies", "", "looks like a PNG image"},
		{"/binary", "", "looks like binary data"},
		{"/nul", "", "looks like binary data"},
		{"/json", "", "content type application/json is not HTML"},
		{"/bad-ct", "", `content type "text html" is not HTML`},
		{"/bad-param", "text/html", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			u := srv.URL + tt.path
			p, err := Fetch(context.Background(), u, fetchTestOpt)
			if tt.wantErr != "" {
				checkFetchErr(t, err, u, tt.wantErr)
				if !errors.Is(err, ErrNotHTML) {
					t.Errorf("errors.Is(%v, ErrNotHTML) = false", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.ContentType != tt.wantType {
				t.Errorf("content type = %q, want %q", p.ContentType, tt.wantType)
			}
		})
	}
}

func TestFetchStatus(t *testing.T) {
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/404": func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
		"/500": func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) },
		"/204": func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) },
		// A reason phrase is the server's text: it must not reach the
		// terminal as an escape.
		"/599": func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				return
			}
			defer conn.Close()
			buf.WriteString("HTTP/1.1 599 Evil \x1b]0;pwned\x07 \x9b2J\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			buf.Flush()
		},
	})
	tests := []struct{ path, want string }{
		{"/404", "HTTP 404 Not Found"},
		{"/500", "HTTP 500 Internal Server Error"},
		{"/599", "HTTP 599 Evil ]0;pwned"},
	}
	for _, tt := range tests {
		u := srv.URL + tt.path
		_, err := Fetch(context.Background(), u, fetchTestOpt)
		checkFetchErr(t, err, u, tt.want)
	}
	// 204 is a success with an empty body: not an error of Fetch's.
	p, err := Fetch(context.Background(), srv.URL+"/204", fetchTestOpt)
	if err != nil {
		t.Fatalf("204: %v", err)
	}
	if len(p.Body) != 0 {
		t.Errorf("204 body = %q", p.Body)
	}
}

func TestFetchRedirects(t *testing.T) {
	var srv *httptest.Server
	routes := map[string]http.HandlerFunc{
		"/final":   fetchPage("text/html", []byte(fetchOKHTML)),
		"/once":    fetchRedirect("/final", http.StatusFound),
		"/perm":    fetchRedirect("/final", http.StatusMovedPermanently),
		"/loop-a":  fetchRedirect("/loop-b", http.StatusFound),
		"/loop-b":  fetchRedirect("/loop-a", http.StatusFound),
		"/self":    fetchRedirect("/self", http.StatusTemporaryRedirect),
		"/ftp":     fetchRedirect("ftp://example.org/file.html", http.StatusFound),
		"/file":    fetchRedirect("file:///etc/passwd", http.StatusFound),
		"/js":      fetchRedirect("javascript:alert(1)", http.StatusFound),
		"/meta":    fetchRedirect("http://169.254.169.254/latest/meta-data/", http.StatusFound),
		"/chain/":  nil, // set below
		"/tofinal": fetchRedirect("/chain/3", http.StatusSeeOther),
	}
	routes["/chain/"] = func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		if n <= 0 {
			fetchPage("text/html", []byte(fetchOKHTML))(w, r)
			return
		}
		fetchRedirect(fmt.Sprintf("/chain/%d", n-1), http.StatusFound)(w, r)
	}
	srv = fetchServe(t, routes)
	tests := []struct {
		path      string
		max       int
		wantFinal string
		wantErr   string
	}{
		{"/once", 0, "/final", ""},
		{"/perm", 0, "/final", ""},
		{"/tofinal", 0, "/chain/0", ""},
		{"/chain/10", 0, "/chain/0", ""}, // exactly the default cap
		{"/chain/11", 0, "", "too many redirects (over 10)"},
		{"/chain/3", 3, "/chain/0", ""},
		{"/chain/4", 3, "", "too many redirects (over 3)"},
		{"/once", -1, "", "too many redirects (over 0)"},
		{"/loop-a", 0, "", "too many redirects (over 10)"},
		{"/self", 0, "", "too many redirects (over 10)"},
		{"/ftp", 0, "", `redirect to ftp://example.org/file.html: unsupported scheme "ftp"`},
		{"/file", 0, "", `redirect to file:///etc/passwd: unsupported scheme "file"`},
		{"/js", 0, "", `unsupported scheme "javascript"`},
		{"/meta", 0, "", "refusing to connect to 169.254.169.254"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s_max%d", tt.path, tt.max), func(t *testing.T) {
			opt := fetchTestOpt
			opt.MaxRedirects = tt.max
			u := srv.URL + tt.path
			p, err := Fetch(context.Background(), u, opt)
			if tt.wantErr != "" {
				checkFetchErr(t, err, u, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.URL != srv.URL+tt.wantFinal {
				t.Errorf("final URL = %q, want %q", p.URL, srv.URL+tt.wantFinal)
			}
		})
	}
}

func TestFetchSchemes(t *testing.T) {
	tests := []struct{ url, want string }{
		{"ftp://example.org/a.html", `unsupported scheme "ftp"`},
		{"file:///etc/passwd", `unsupported scheme "file"`},
		{"javascript:alert(1)", `unsupported scheme "javascript"`},
		{"data:text/html,<p>hi</p>", `unsupported scheme "data"`},
		{"gopher://example.org/", `unsupported scheme "gopher"`},
		{"example.org/page", "not a web address"},
		{"http:///path", "the URL has no host"},
		{"http://exa mple.org/", "not a valid URL"},
	}
	for _, tt := range tests {
		_, err := Fetch(context.Background(), tt.url, fetchTestOpt)
		checkFetchErr(t, err, tt.url, tt.want)
	}
	// A URL with a raw escape in it must not print the escape.
	_, err := Fetch(context.Background(), "ftp://x/\x1b[2J", fetchTestOpt)
	if err == nil || sanitize.Text(err.Error()) != err.Error() {
		t.Errorf("error %q carries control characters", err)
	}
}

func TestFetchBlockedAddresses(t *testing.T) {
	opt := fetchTestOpt
	opt.Timeout = 500 * time.Millisecond
	tests := []struct{ url, want string }{
		{"http://169.254.169.254/latest/meta-data/", "refusing to connect to 169.254.169.254 (link-local address"},
		{"http://169.254.1.1:8080/", "refusing to connect to 169.254.1.1"},
		{"http://[fe80::1]/", "refusing to connect to fe80::1"},
		{"http://[fe80::1%25eth0]/", "refusing to connect to fe80::1"},
		{"http://[::ffff:169.254.169.254]/", "refusing to connect to 169.254.169.254"},
		{"http://[64:ff9b::a9fe:a9fe]/", "refusing to connect to"},
		{"http://[fd00:ec2::254]/", "cloud metadata address"},
		{"http://0.0.0.0:80/", "unspecified address"},
		{"http://[::]:80/", "unspecified address"},
		{"http://224.0.0.1/", "multicast address"},
		{"http://[ff02::1]/", "multicast address"},
		{"http://255.255.255.255/", "broadcast address"},
	}
	for _, tt := range tests {
		_, err := Fetch(context.Background(), tt.url, opt)
		checkFetchErr(t, err, tt.url, tt.want)
		if !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("errors.Is(%v, ErrBlockedAddress) = false", err)
		}
	}
}

// TestFetchDialCheck exercises the check on the address actually dialled,
// which is what catches a host name that resolves to a metadata address.
func TestFetchDialCheck(t *testing.T) {
	tr := newTransport()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for _, addr := range []string{"169.254.169.254:80", "[fe80::1]:80", "[::ffff:169.254.169.254]:80", "0.0.0.0:80", "[::]:80"} {
		conn, err := tr.DialContext(ctx, "tcp", addr)
		if err == nil {
			conn.Close()
			t.Errorf("dial %s: connected", addr)
			continue
		}
		if !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("dial %s: %v, want a refusal", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:80", "[::1]:443", "10.1.2.3:80", "192.168.1.1:80", "93.184.215.14:443", "[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:443"} {
		if err := dialControl("tcp", addr, nil); err != nil {
			t.Errorf("dialControl(%s) = %v, want allowed", addr, err)
		}
	}
}

// TestFetchLocalhostName checks that a host name is resolved and dialled
// through the checking dialer and loopback passes.
func TestFetchLocalhostName(t *testing.T) {
	srv := fetchServe(t, map[string]http.HandlerFunc{"/": fetchPage("text/html", []byte(fetchOKHTML))})
	u := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if _, err := Fetch(context.Background(), u, fetchTestOpt); err != nil {
		t.Fatal(err)
	}
}

// gzipBomb is one small gzip member that inflates to 1 MiB of spaces;
// repeated, the members form a valid multi-member stream.
func gzipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte(" "), 1<<20))
	zw.Close()
	return buf.Bytes()
}

func TestFetchGzipBomb(t *testing.T) {
	member := gzipBomb(t)
	const members = 1024 // 1 GiB once inflated, about 1 MiB on the wire
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/bomb": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write([]byte{}) // headers only: no Content-Length
			for i := 0; i < members; i++ {
				if _, err := w.Write(member); err != nil {
					return
				}
			}
		},
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	u := srv.URL + "/bomb"
	_, err := Fetch(context.Background(), u, fetchTestOpt)
	runtime.ReadMemStats(&after)
	checkFetchErr(t, err, u, "page is larger than 1 MiB")
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("errors.Is(%v, ErrTooLarge) = false", err)
	}
	// Reading it all would allocate over 1 GiB; the cap keeps it near the
	// 1 MiB limit (plus ReadAll's doubling and the transport's buffers).
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("fetching the bomb allocated %d MiB", alloc>>20)
	}
}

// endless writes chunks until the client goes away.
func fetchEndless(chunk []byte, delay time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!DOCTYPE html><html><body>"))
		fl := w.(http.Flusher)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			fl.Flush()
			if delay > 0 {
				select {
				case <-r.Context().Done():
					return
				case <-time.After(delay):
				}
			}
		}
	}
}

func TestFetchEndlessAndSlow(t *testing.T) {
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/endless": fetchEndless(bytes.Repeat([]byte("<p>more and more and more</p>\n"), 1000), 0),
		"/drip":    fetchEndless([]byte("x"), 20*time.Millisecond),
		"/hang": func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done() // never sends headers
		},
		"/slow-redirect": func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(200 * time.Millisecond)
			fetchRedirect("/slow-redirect", http.StatusFound)(w, r)
		},
	})
	// The size case gets a generous timeout, so a loaded machine cannot
	// turn it into a timeout; the slow cases a short one.
	slow := FetchOptions{Timeout: 300 * time.Millisecond, MaxBytes: 1 << 20}
	big := FetchOptions{Timeout: 10 * time.Second, MaxBytes: 1 << 20}
	tests := []struct {
		path string
		opt  FetchOptions
		want string
	}{
		{"/endless", big, "page is larger than 1 MiB"},
		{"/drip", slow, "timed out after 300ms"},
		{"/hang", slow, "timed out after 300ms"},
		{"/slow-redirect", slow, "timed out after 300ms"},
	}
	for _, tt := range tests {
		u := srv.URL + tt.path
		_, err := Fetch(context.Background(), u, tt.opt)
		checkFetchErr(t, err, u, tt.want)
	}

	// The caller's context is obeyed too.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	u := srv.URL + "/hang"
	_, err := Fetch(ctx, u, FetchOptions{Timeout: 5 * time.Second})
	checkFetchErr(t, err, u, "canceled")
}

// sized serves n bytes of HTML generated as it goes, with or without a
// Content-Length.
func fetchSized(size int64, withLength bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := size
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if withLength {
			w.Header().Set("Content-Length", fmt.Sprint(n))
		}
		bw := bufio.NewWriterSize(w, 64<<10)
		line := []byte("<p>All work and no play makes Jack a dull boy.</p>\n")
		for n > 0 {
			k := int64(len(line))
			if k > n {
				k = n
			}
			if _, err := bw.Write(line[:k]); err != nil {
				return
			}
			n -= k
		}
		bw.Flush()
	}
}

func TestFetchSize(t *testing.T) {
	const mb50 = 50_000_000
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/50mb":        fetchSized(mb50, false),
		"/50mb-length": fetchSized(mb50, true),
		"/at-cap":      fetchSized(1<<20, false),
		"/over-cap":    fetchSized(1<<20+1, false),
	})
	tests := []struct {
		path    string
		opt     FetchOptions
		wantErr string
	}{
		{"/50mb", FetchOptions{Timeout: 10 * time.Second}, "page is larger than 20 MiB"},
		{"/50mb-length", FetchOptions{Timeout: 10 * time.Second}, "page is larger than 20 MiB"},
		{"/50mb", fetchTestOpt, "page is larger than 1 MiB"},
		{"/at-cap", fetchTestOpt, ""},
		{"/over-cap", fetchTestOpt, "page is larger than 1 MiB"},
		{"/over-cap", FetchOptions{Timeout: time.Second, MaxBytes: 1000}, "page is larger than 1000 bytes"},
	}
	for _, tt := range tests {
		u := srv.URL + tt.path
		p, err := Fetch(context.Background(), u, tt.opt)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.path, err)
			} else if len(p.Body) != 1<<20 {
				t.Errorf("%s: body is %d bytes", tt.path, len(p.Body))
			}
			continue
		}
		checkFetchErr(t, err, u, tt.wantErr)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("errors.Is(%v, ErrTooLarge) = false", err)
		}
	}
}

// TestFetchCharsets fetches pages in several encodings and decodes them
// the way the pipeline does.
func TestFetchCharsets(t *testing.T) {
	body1251 := encode1251(t, "<html><head><title>Т</title></head><body><p>"+cyrillicSample+"</p></body></html>")
	meta1251 := encode1251(t, `<html><head><meta charset="windows-1251"><title>Т</title></head><body><p>`+cyrillicSample+"</p></body></html>")
	metaHTTPEquiv := encode1251(t, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>`+cyrillicSample+"</p></body></html>")
	bomUTF8 := []byte("\xef\xbb\xbf<html><body><p>" + cyrillicSample + "</p></body></html>")
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("<html><body><p>" + cyrillicSample + "</p></body></html>"))
	late := []byte("<html><head><title>x</title></head><body>" + strings.Repeat("<p>plain ascii filler text</p>\n", 100) + "<p>" + cyrillicSample + "</p></body></html>")
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/header":      fetchPage("text/html; charset=windows-1251", body1251),
		"/meta":        fetchPage("text/html", meta1251),
		"/meta-noct":   fetchPage("", meta1251),
		"/http-equiv":  fetchPage("text/html", metaHTTPEquiv),
		"/bom":         fetchPage("text/html; charset=windows-1251", bomUTF8), // the BOM wins
		"/utf16":       fetchPage("text/html", utf16),
		"/no-charset":  fetchPage("text/html", late),
		"/lying-latin": fetchPage("text/html; charset=iso-8859-1", late),
		"/lying-utf8":  fetchPage("text/html; charset=utf-8", meta1251),
	})
	for _, path := range []string{"/header", "/meta", "/meta-noct", "/http-equiv", "/bom", "/utf16", "/no-charset", "/lying-latin", "/lying-utf8"} {
		t.Run(path, func(t *testing.T) {
			p, err := Fetch(context.Background(), srv.URL+path, fetchTestOpt)
			if err != nil {
				t.Fatal(err)
			}
			s, err := DecodeHTML(p.Body, p.ContentType)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(s, cyrillicSample) {
				t.Errorf("decoded page lacks the Cyrillic text: %.200q", s)
			}
			if strings.HasPrefix(s, "\ufeff") {
				t.Errorf("decoded page starts with a byte-order mark")
			}
		})
	}
}

// fetchTestShared finds ../shared from the module root, i.e. ../../shared from
// this package, or skips.
func fetchTestShared(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Skip("../shared not present")
	}
	return dir
}

func gunzipFile(t *testing.T, path string) (raw, plain []byte) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	plain, err = io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return raw, plain
}

// TestFetchCorpus serves real pages, some compressed on the wire, and
// checks they arrive byte for byte.
func TestFetchCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(fetchTestShared(t), "corpus", "extraction", "html", "*.html.gz"))
	if len(files) < 5 {
		t.Skipf("only %d corpus pages", len(files))
	}
	sort.Strings(files)
	files = files[:5]
	var mu sync.Mutex
	pages := map[string][2][]byte{}
	for _, f := range files {
		raw, plain := gunzipFile(t, f)
		pages["/"+filepath.Base(f)] = [2][]byte{raw, plain}
	}
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			pg, ok := pages[r.URL.Path]
			mu.Unlock()
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if r.URL.Query().Get("gz") == "1" && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(pg[0])
				return
			}
			w.Write(pg[1])
		},
	})
	opt := FetchOptions{Timeout: 5 * time.Second}
	for i, f := range files {
		path := "/" + filepath.Base(f)
		if i%2 == 1 {
			path += "?gz=1"
		}
		p, err := Fetch(context.Background(), srv.URL+path, opt)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		want := pages[strings.TrimSuffix(path, "?gz=1")][1]
		if !bytes.Equal(p.Body, want) {
			t.Errorf("%s: got %d bytes, want %d identical bytes", path, len(p.Body), len(want))
		}
	}
}

func TestFetchNetworkErrors(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	closed := srv.URL + "/gone"
	srv.Close() // nothing listens on its port now
	_, err := Fetch(context.Background(), closed, fetchTestOpt)
	checkFetchErr(t, err, closed, "connection refused")

	// No DNS in a sandbox may mean a lookup error or a timeout; either
	// way it is one line naming the URL.
	u := "http://margin-test.invalid/"
	_, err = Fetch(context.Background(), u, FetchOptions{Timeout: 500 * time.Millisecond})
	checkFetchErr(t, err, u, "")
}

func TestStatusErrorCarriesRetryAfter(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	_, err := Fetch(context.Background(), srv.URL, FetchOptions{})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 429 || se.RetryAfter != 7*time.Second || !se.Temporary() {
		t.Fatalf("429: %#v", err)
	}
	if !strings.HasSuffix(err.Error(), "HTTP 429 Too Many Requests") {
		t.Errorf("message %q", err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"": 0, "0": 0, "-3": 0, "soon": 0, "120": 2 * time.Minute,
		"Thu, 01 Jan 2026 00:00:30 GMT": 30 * time.Second, "Wed, 31 Dec 2025 00:00:00 GMT": 0,
	} {
		if got := retryAfter(v, now); got != want {
			t.Errorf("Retry-After %q: %s, want %s", v, got, want)
		}
	}
	if (&StatusError{Code: 404}).Temporary() || (&StatusError{Code: 501}).Temporary() || !(&StatusError{Code: 502}).Temporary() {
		t.Error("Temporary: 404 and 501 are not, 502 is")
	}
}
