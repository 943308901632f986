package reader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"margin/sanitize"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// FetchOptions bound a fetch. Zero fields take the defaults.
type FetchOptions struct {
	// Timeout covers the whole fetch, redirects and body included
	// (default 30s).
	Timeout time.Duration
	// MaxBytes caps the body after decompression (default 20 MiB).
	MaxBytes int64
	// MaxRedirects caps redirects followed (default 10; negative: none).
	MaxRedirects int
	// UserAgent is sent with every request (default DefaultUserAgent).
	UserAgent string
}

// Fetch defaults.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 20 << 20
	DefaultMaxRedirects = 10
	// DefaultUserAgent looks like a browser, because many sites serve
	// robots a stripped or blocked page, and names margin so a site owner
	// can tell what fetched the page.
	DefaultUserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 margin/1.0 (terminal article reader)"
)

func (o FetchOptions) withDefaults() FetchOptions {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	} else if o.MaxRedirects < 0 {
		o.MaxRedirects = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// Page is a fetched web page, not yet decoded.
type Page struct {
	URL         string // the final URL, after redirects
	ContentType string // text/html, application/xhtml+xml, text/markdown or text/plain, with the server's parameters (charset); sniffed when the server sent none
	Body        []byte // raw bytes in the page's own charset (UTF-16 without a byte-order mark is converted to UTF-8, and ContentType says so)
}

// FetchError is the error Fetch returns: one line naming the URL asked for.
type FetchError struct {
	URL string
	Err error
}

func (e *FetchError) Error() string { return "fetch " + sanitize.Line(e.URL) + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *FetchError) Unwrap() error { return e.Err }

// ErrTooLarge, ErrNotHTML and ErrBlockedAddress let callers tell the
// common refusals apart (errors.Is).
var (
	ErrTooLarge       = errors.New("page is too large")
	ErrNotHTML        = errors.New("not HTML")
	ErrBlockedAddress = errors.New("address not allowed")
)

// Fetch downloads an http or https page for reading. It follows at most
// opt.MaxRedirects redirects (to http and https only), gives up after
// opt.Timeout, reads at most opt.MaxBytes of decompressed body, refuses
// content that is not HTML or plain text, and never connects to
// link-local (cloud metadata), unspecified or multicast addresses.
// Loopback is allowed: the user may ask for a page on their own machine.
func Fetch(ctx context.Context, rawURL string, opt FetchOptions) (*Page, error) {
	opt = opt.withDefaults()
	fail := func(err error) (*Page, error) { return nil, &FetchError{URL: rawURL, Err: err} }

	u, err := url.Parse(rawURL)
	if err != nil {
		return fail(errors.New("not a valid URL"))
	}
	if err := checkURL(u); err != nil {
		return fail(err)
	}

	tr := newTransport()
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport: tr,
		Timeout:   opt.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opt.MaxRedirects {
				return &redirectError{fmt.Sprintf("too many redirects (over %d)", opt.MaxRedirects)}
			}
			if err := checkURL(req.URL); err != nil {
				return &redirectError{"redirect to " + req.URL.Redacted() + ": " + err.Error()}
			}
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fail(errors.New("not a valid URL"))
	}
	req.Header.Set("User-Agent", opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,*/*;q=0.1")

	resp, err := client.Do(req)
	if err != nil {
		return fail(describe(ctx, err, opt))
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fail(&StatusError{Code: resp.StatusCode, Text: statusText(resp), RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())})
	}
	header := resp.Header.Get("Content-Type")
	mediatype, params, perr := mime.ParseMediaType(header)
	if strings.TrimSpace(header) != "" {
		if perr != nil && !errors.Is(perr, mime.ErrInvalidMediaParameter) {
			return fail(kindErr(ErrNotHTML, "content type %q is not HTML", sanitize.Line(shorten(header, 80))))
		}
		if !readableType(mediatype) {
			// Refuse before reading a body we would throw away.
			return fail(kindErr(ErrNotHTML, "content type %s is not HTML", mediatype))
		}
	}
	if resp.ContentLength > opt.MaxBytes {
		return fail(kindErr(ErrTooLarge, "page is larger than %s", sizeText(opt.MaxBytes)))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err != nil {
		return fail(describe(ctx, err, opt))
	}
	if int64(len(body)) > opt.MaxBytes {
		return fail(kindErr(ErrTooLarge, "page is larger than %s", sizeText(opt.MaxBytes)))
	}
	// UTF-16 without a byte-order mark is full of NULs, which would read
	// as binary: convert it first when the header says so, or when its
	// pattern of NULs is unmistakable.
	if b, ok := fromUTF16(body, strings.HasPrefix(strings.ToLower(params["charset"]), "utf-16")); ok {
		body = b
		if params != nil {
			params["charset"] = "utf-8"
		}
	}
	if kind := BinaryKind(body); kind != "" {
		return fail(kindErr(ErrNotHTML, "the body is not HTML or text (looks like %s)", kind))
	}
	// Normalised, so callers can compare it; only the charset matters.
	contentType := mediatype
	if cs, ok := params["charset"]; ok {
		if t := mime.FormatMediaType(mediatype, map[string]string{"charset": cs}); t != "" {
			contentType = t
		}
	}
	if strings.TrimSpace(header) == "" {
		// No header: sniff. The charset is left to DecodeHTML, which
		// reads the page's meta tag, so a bare type is returned.
		switch {
		case LooksLikeHTML(body):
			contentType = "text/html"
		default:
			sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(body))
			if sniffed == "text/html" {
				contentType = "text/html"
			} else if sniffed == "text/plain" {
				contentType = "text/plain"
			} else {
				return fail(kindErr(ErrNotHTML, "no content type, and the body looks like %s, not HTML", sniffed))
			}
		}
	}
	return &Page{URL: resp.Request.URL.String(), ContentType: contentType, Body: body}, nil
}

// StatusError is a server's answer other than 2xx, with how long it asked
// the client to wait (Retry-After) before trying again, so a bulk import
// can back off on 429 and 5xx.
type StatusError struct {
	Code       int
	Text       string        // the standard reason phrase (the server's own only for unknown codes, sanitised)
	RetryAfter time.Duration // 0 when the server said nothing
}

func (e *StatusError) Error() string { return fmt.Sprintf("HTTP %d %s", e.Code, e.Text) }

// Temporary reports whether trying again later may succeed: too many
// requests, or a server error.
func (e *StatusError) Temporary() bool {
	return e.Code == http.StatusTooManyRequests || e.Code >= 500 && e.Code != http.StatusNotImplemented
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date.
// Nonsense, or a date in the past, is 0.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(min(n, 1<<20)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// readableType reports whether a media type is one margin reads.
func readableType(mediatype string) bool {
	switch mediatype {
	case "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown":
		return true
	}
	return false
}

// checkURL refuses what Fetch must not request: other schemes, a missing
// host, and IP literals in the blocked ranges (caught here as well as at
// dial time, because behind a proxy the dialled address is the proxy's).
func checkURL(u *url.URL) error {
	switch u.Scheme {
	case "http", "https":
	case "":
		return errors.New("not a web address (it has no http:// or https://)")
	default:
		return fmt.Errorf("unsupported scheme %q", sanitize.Line(shorten(u.Scheme, 40)))
	}
	if u.Hostname() == "" {
		return errors.New("the URL has no host")
	}
	if a, err := netip.ParseAddr(u.Hostname()); err == nil {
		if why := blockedAddr(a); why != "" {
			return &blockedError{addr: a.Unmap().WithZone("").String(), why: why}
		}
	}
	return nil
}

// newTransport is http.DefaultTransport's setup with a dialer that checks
// the address it actually connects to, after DNS resolution.
func newTransport() *http.Transport {
	d := &net.Dialer{
		Timeout:   15 * time.Second,
		KeepAlive: 30 * time.Second,
		Control:   dialControl,
	}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          10,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// dialControl runs just before each connect(2) with the resolved address.
func dialControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("unexpected address %q", address)
	}
	if why := blockedAddr(ap.Addr()); why != "" {
		return &blockedError{addr: ap.Addr().Unmap().WithZone("").String(), why: why}
	}
	return nil
}

// nat64 is the well-known NAT64 prefix, 64:ff9b::/96, through which an
// IPv6-only host reaches IPv4 addresses, metadata ones included.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// blockedAddr says why a is never dialled, or "" if it may be.
func blockedAddr(a netip.Addr) string {
	a = a.Unmap().WithZone("")
	if a.Is6() && nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	switch {
	case a.IsLinkLocalUnicast():
		return "link-local address, where cloud metadata services live"
	case a == netip.MustParseAddr("fd00:ec2::254"):
		return "cloud metadata address"
	case a.IsUnspecified() || a.Is4() && a.As4()[0] == 0:
		return "unspecified address"
	case a.IsMulticast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast():
		return "multicast address"
	case a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "broadcast address"
	}
	return ""
}

type blockedError struct{ addr, why string }

func (e *blockedError) Error() string {
	return fmt.Sprintf("refusing to connect to %s (%s)", e.addr, e.why)
}

func (e *blockedError) Is(target error) bool { return target == ErrBlockedAddress }

// kindError is a message that errors.Is matches against a sentinel.
type kindError struct {
	kind error
	msg  string
}

func kindErr(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }

type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// NetError is a transport failure said in one plain line. Temporary
// ones (a request that timed out, a connection reset or cut mid-answer, a
// name server that did not answer) may work a moment later, so a bulk
// import tries them again; a refused connection or an unknown host will
// not.
type NetError struct {
	msg       string
	temporary bool
	timeout   bool
}

func (e *NetError) Error() string { return e.msg }

// Temporary says whether trying again later may work.
func (e *NetError) Temporary() bool { return e.temporary }

// Transient reports whether err is a fetch failure that trying again may
// cure: a temporary transport failure, or a 429 or 5xx answer.
func Transient(err error) bool {
	var t interface{ Temporary() bool }
	return errors.As(err, &t) && t.Temporary()
}

// TimedOut reports whether err is a request that got no answer in the
// fetch's time.
func TimedOut(err error) bool {
	var ne *NetError
	return errors.As(err, &ne) && ne.timeout
}

// describe turns a transport error into one plain line.
func describe(ctx context.Context, err error, opt FetchOptions) error {
	var be *blockedError
	if errors.As(err, &be) {
		return be
	}
	var re *redirectError
	if errors.As(err, &re) {
		return re
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return errors.New("canceled")
	}
	if ctx.Err() == context.DeadlineExceeded {
		return errors.New("timed out") // the caller's deadline, not this request's
	}
	plain := func(temporary bool, format string, a ...any) error {
		return &NetError{msg: fmt.Sprintf(format, a...), temporary: temporary}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &NetError{msg: fmt.Sprintf("timed out after %s", opt.Timeout), temporary: true, timeout: true}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return plain(false, "no such host %s", sanitize.Line(dnsErr.Name))
		}
		return plain(dnsErr.IsTimeout || dnsErr.IsTemporary, "looking up %s: %s", sanitize.Line(dnsErr.Name), sanitize.Line(dnsErr.Err))
	}
	cut := errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		if errors.Is(err, syscall.ECONNREFUSED) {
			return plain(false, "connection refused")
		}
		return plain(cut || errors.Is(err, syscall.ETIMEDOUT), "cannot connect: %s", sanitize.Line(oe.Err.Error()))
	}
	if cut {
		return plain(true, "the connection was cut: %s", sanitize.Line(err.Error()))
	}
	return plain(false, "%s", sanitize.Line(err.Error()))
}

// statusText is the standard reason phrase: the server's own is text a
// stranger wrote and could carry escapes.
func statusText(resp *http.Response) string {
	if t := http.StatusText(resp.StatusCode); t != "" {
		return t
	}
	_, reason, _ := strings.Cut(resp.Status, " ")
	return sanitize.Line(shorten(reason, 60))
}

// sizeText writes a byte count the way the limit was likely chosen.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// shorten cuts s to at most n bytes on a character boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
