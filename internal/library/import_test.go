package library

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"margin/internal/article"
	"margin/internal/importer"
	"margin/store"
)

func openLib(t *testing.T) *Library {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return New(st)
}

// page is an article page of a few paragraphs naming it.
func page(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<html><head><title>%s</title></head><body><article><h1>%s</h1>", name, name)
	for i := range 4 {
		fmt.Fprintf(&b, "<p>Paragraph %d of %s says something long enough to be read as prose by the extractor, with words about rivers, bridges and the “weather” that nobody listens to.</p>", i, name)
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// importServer serves /ok/*, /404/*, /slow/*, /429/* (429 with
// Retry-After: 1 the first time, then the page) and /503/* (always 503),
// counting requests and the most fetches at once.
type importServer struct {
	*httptest.Server
	mu       sync.Mutex
	seen     map[string]int
	inFlight atomic.Int32
	most     atomic.Int32
}

func newImportServer(t *testing.T) *importServer {
	s := &importServer{seen: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.most.Load()
			if n <= m || s.most.CompareAndSwap(m, n) {
				break
			}
		}
		s.mu.Lock()
		s.seen[r.URL.Path]++
		times := s.seen[r.URL.Path]
		s.mu.Unlock()
		switch {
		case strings.HasPrefix(r.URL.Path, "/404/"):
			http.NotFound(w, r)
			return
		case strings.HasPrefix(r.URL.Path, "/503/"):
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		case strings.HasPrefix(r.URL.Path, "/429/") && times == 1:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		case strings.HasPrefix(r.URL.Path, "/slow/"):
			time.Sleep(150 * time.Millisecond)
		case strings.HasPrefix(r.URL.Path, "/hang/"):
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(r.URL.Path))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *importServer) requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[path]
}

func TestImportFetchesKeepsAndSkips(t *testing.T) {
	l := openLib(t)
	ctx := context.Background()
	srv := newImportServer(t)
	saved := time.Date(2017, 6, 5, 4, 3, 2, 0, time.UTC)
	items := []importer.Item{
		{URL: srv.URL + "/ok/a", Title: "A", Tags: []string{"news", "#Long reads"}, Saved: saved, Archived: true, Done: true, Starred: true,
			Highlights: []importer.Highlight{
				{Quote: "says something long enough to be read as prose", Note: "good", Label: "claim", Tags: []string{"yellow"}},
				{Quote: "“weather” that nobody listens to", Note: "folded quotes"},
				{Quote: "A sentence the page never had.", Note: "kept as orphan"},
			}},
		{URL: srv.URL + "/404/b", Title: "B, gone", Tags: []string{"old"}, Saved: saved, Highlights: []importer.Highlight{{Quote: "lost words", Note: "n"}}},
		{URL: srv.URL + "/429/c", Title: "C"},
		{URL: srv.URL + "/ok/a#again", Title: "A twice"},
		{URL: "javascript:alert(1)", Title: "not a page"},
		{URL: "https://offline.example/d", Title: "D", Content: page("offline D"), Highlights: []importer.Highlight{{Quote: "Paragraph 2 of offline D"}}},
		{URL: srv.URL + "/503/e", Title: "E"},
	}
	var report bytes.Buffer
	var events []ImportEvent
	sum, err := l.Import(ctx, items, ImportOptions{Fetch: true, Backoff: 10 * time.Millisecond, Report: &report,
		Progress: func(ev ImportEvent) { events = append(events, ev) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Total != 7 || sum.Saved != 3 || sum.Kept != 2 || sum.Duplicates != 1 || sum.Failed != 1 || sum.Highlights != 5 || sum.Orphans != 2 {
		t.Errorf("summary %+v", sum)
	}
	if len(events) != 7 || events[6].Counts.Done() != 7 {
		t.Errorf("%d events, last counts %+v", len(events), events[len(events)-1].Counts)
	}
	if lines := strings.Split(strings.TrimSpace(report.String()), "\n"); len(lines) != 7 {
		t.Errorf("report has %d lines, want 7", len(lines))
	} else {
		var ev ImportEvent
		if err := json.Unmarshal([]byte(lines[0]), &ev); err != nil || ev.Outcome == "" || ev.URL == "" {
			t.Errorf("report line %q: %v", lines[0], err)
		}
	}
	if n := srv.requests("/429/c"); n != 2 {
		t.Errorf("429 page fetched %d times, want 2 (once more after Retry-After)", n)
	}
	if n := srv.requests("/503/e"); n != 3 {
		t.Errorf("503 page fetched %d times, want 3 attempts", n)
	}

	id, err := l.FindURL(ctx, srv.URL+"/ok/a")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := l.Article(ctx, id)
	if !a.Fetched() || !a.Added.Equal(saved) || a.State != store.Archived || a.Reading != store.Done || !a.Starred {
		t.Errorf("fetched article: fetched %v added %v state %s reading %s starred %v", a.Fetched(), a.Added, a.State, a.Reading, a.Starred)
	}
	if strings.Join(a.Tags, "|") != "Long reads|news|yellow" {
		t.Errorf("tags %q (the highlight's colour is a tag)", a.Tags)
	}
	hs, _ := l.Highlights(ctx, id)
	if len(hs) != 3 || hs[0].Orphan || hs[1].Orphan || !hs[2].Orphan || hs[2].Note != "kept as orphan" {
		t.Fatalf("highlights %+v", hs)
	}
	for _, h := range hs[:2] {
		if !strings.Contains(a.Markdown[h.Start:h.End], "nobody listens") && !strings.Contains(a.Markdown[h.Start:h.End], "prose") {
			t.Errorf("highlight covers %q", a.Markdown[h.Start:h.End])
		}
	}
	if hs[0].Label != "claim" && hs[1].Label != "claim" {
		t.Errorf("label lost: %q %q", hs[0].Label, hs[1].Label)
	}

	gone, _ := l.FindURL(ctx, srv.URL+"/404/b")
	b, _ := l.Article(ctx, gone)
	if b.Fetched() || b.FetchError != "HTTP 404 Not Found" || b.Title != "B, gone" || !b.Added.Equal(saved) || len(b.Tags) != 1 {
		t.Errorf("kept without text: %+v", b)
	}
	if hs, _ := l.Highlights(ctx, gone); len(hs) != 1 || !hs[0].Orphan || hs[0].Note != "n" {
		t.Errorf("orphan of a page not fetched: %+v", hs)
	}
	d, _ := l.FindURL(ctx, "https://offline.example/d")
	if da, _ := l.Article(ctx, d); !da.Fetched() || !strings.Contains(da.Markdown, "offline D") {
		t.Errorf("offline article: %+v", da)
	}

	// Again: everything is a duplicate, nothing fetched.
	before := srv.requests("/ok/a")
	sum, err = l.Import(ctx, items, ImportOptions{Fetch: true})
	if err != nil || sum.Duplicates != 6 || sum.Failed != 1 || srv.requests("/ok/a") != before {
		t.Errorf("rerun: %+v %v", sum, err)
	}
	if n, _ := l.Count(ctx); n != 5 {
		t.Errorf("%d articles, want 5", n)
	}
}

func TestImportPerHostLimitAndNoFetch(t *testing.T) {
	l := openLib(t)
	ctx := context.Background()
	srv := newImportServer(t)
	var items []importer.Item
	for i := range 12 {
		items = append(items, importer.Item{URL: fmt.Sprintf("%s/slow/%d", srv.URL, i)})
	}
	sum, err := l.Import(ctx, items, ImportOptions{Fetch: true, Jobs: 8, PerHost: 2})
	if err != nil || sum.Saved != 12 {
		t.Fatalf("%+v %v", sum, err)
	}
	if m := srv.most.Load(); m > 2 {
		t.Errorf("%d fetches at once to one host, limit 2", m)
	}

	sum, err = l.Import(ctx, []importer.Item{{URL: srv.URL + "/ok/nofetch", Title: "T"}}, ImportOptions{Fetch: false})
	if err != nil || sum.Kept != 1 || srv.requests("/ok/nofetch") != 0 {
		t.Errorf("no fetch: %+v %v", sum, err)
	}
	// Retry fetches it, and places an orphan whose quote is now found.
	id, _ := l.FindURL(ctx, srv.URL+"/ok/nofetch")
	if _, err := l.AddHighlight(ctx, &store.Highlight{ArticleID: id, Exact: "Paragraph 1 of /ok/nofetch", Orphan: true, Note: "later"}); err != nil {
		t.Fatal(err)
	}
	sum, err = l.Retry(ctx, ImportOptions{})
	if err != nil || sum.Saved != 1 || sum.Total != 1 {
		t.Fatalf("retry: %+v %v", sum, err)
	}
	a, _ := l.Article(ctx, id)
	hs, _ := l.Highlights(ctx, id)
	if !a.Fetched() || len(hs) != 1 || hs[0].Orphan || a.Markdown[hs[0].Start:hs[0].End] != "Paragraph 1 of /ok/nofetch" {
		t.Errorf("after retry: fetched %v, highlights %+v", a.Fetched(), hs)
	}
}

func TestImportBudgetAndInterrupt(t *testing.T) {
	l := openLib(t)
	srv := newImportServer(t)
	items := []importer.Item{{URL: srv.URL + "/hang/1"}, {URL: srv.URL + "/hang/2"}, {URL: srv.URL + "/ok/3"}}
	sum, err := l.Import(context.Background(), items, ImportOptions{Fetch: true, Jobs: 1, Budget: 200 * time.Millisecond})
	if err != nil || sum.Kept != 3 {
		t.Fatalf("budget: %+v %v", sum, err)
	}
	un, _ := l.Unfetched(context.Background())
	if len(un) != 3 || !strings.Contains(un[0].FetchError, "budget") {
		t.Errorf("kept for --retry: %+v", un)
	}

	// Cancelled: what is in flight is dropped whole, nothing else starts.
	l2 := openLib(t)
	ctx, cancel := context.WithCancel(context.Background())
	var hang []importer.Item
	for i := range 20 {
		hang = append(hang, importer.Item{URL: fmt.Sprintf("%s/hang/x%d", srv.URL, i)})
	}
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	sum, err = l2.Import(ctx, hang, ImportOptions{Fetch: true})
	if err != nil || !sum.Interrupted || sum.Done() != 0 || time.Since(start) > 2*time.Second {
		t.Errorf("interrupted: %+v %v after %s", sum, err, time.Since(start))
	}
	if n, _ := l2.Count(context.Background()); n != 0 {
		t.Errorf("%d articles saved by an interrupted fetch", n)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	l := openLib(t)
	srv := newImportServer(t)
	items := []importer.Item{{URL: srv.URL + "/ok/1"}, {URL: "https://x.example/2", Content: page("two")}, {URL: "nope"}}
	sum, err := l.Import(context.Background(), items, ImportOptions{Fetch: true, DryRun: true})
	if err != nil || sum.ToFetch != 1 || sum.Saved != 1 || sum.Failed != 1 {
		t.Errorf("dry run: %+v %v", sum, err)
	}
	if n, _ := l.Count(context.Background()); n != 0 || srv.requests("/ok/1") != 0 {
		t.Errorf("dry run wrote %d articles, fetched %d", n, srv.requests("/ok/1"))
	}
}

// A Readwise book without a web address (Kindle) is kept: its text is its
// highlights, every one placed with its note; a rerun finds it by title
// and author, and --retry leaves it be. Real addresses keep their
// identity.
func TestImportBookWithoutAddress(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	data := "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags\n" +
		"\"Claims need evidence.\",On Reasoning,Ann Author,B01,\"My note\",yellow,claim,location,1,2023-05-16 18:37:19+00:00,\"['logic']\"\n" +
		"\"1. A numbered *starred* line\nand a second line.\",On Reasoning,Ann Author,B01,,blue,,location,2,2023-05-16 18:38:00+00:00,\"['logic']\"\n" +
		"\"Claims need evidence.\",On Reasoning,Ann Author,B01,\"Again\",yellow,,location,3,2023-05-16 18:39:00+00:00,\n" +
		"\"Book passage.\",A Printed Book,Bo Writer,B02,,yellow,,location,120,2022-01-01 00:00:00+00:00,\n"
	exp, err := importer.Parse("highlights.csv", []byte(data), "auto")
	if err != nil {
		t.Fatal(err)
	}
	var evs []ImportEvent
	sum, err := l.Import(ctx, exp.Items, ImportOptions{Progress: func(ev ImportEvent) { evs = append(evs, ev) }})
	if err != nil || sum.Saved != 2 || sum.Failed != 0 || sum.Highlights != 4 || sum.Orphans != 0 {
		t.Fatalf("import: %+v %v %+v", sum, err, evs)
	}
	arts, err := l.List(ctx, store.ListOptions{})
	if err != nil || len(arts) != 2 {
		t.Fatalf("list: %d %v", len(arts), err)
	}
	var book *store.Article
	for i := range arts {
		if arts[i].Title == "On Reasoning" {
			book, _ = l.Article(ctx, arts[i].ID)
		}
	}
	if book == nil || book.Byline != "Ann Author" || !book.Fetched() || book.SiteName != "Readwise" ||
		!strings.HasPrefix(book.SourceURL, "readwise:") {
		t.Fatalf("the book: %+v", book)
	}
	for _, want := range []string{"Claims need evidence.", "1\\. A numbered \\*starred\\* line", "and a second line."} {
		if strings.Count(book.Markdown, want) != 1 {
			t.Errorf("the book's text lacks %q once:\n%s", want, book.Markdown)
		}
	}
	if tags, _ := l.TagsOf(ctx, []int64{book.ID}); !strings.Contains(fmt.Sprint(tags[book.ID]), "logic") {
		t.Errorf("tags %v", tags)
	}
	hs, _ := l.Highlights(ctx, book.ID)
	notes := 0
	for _, h := range hs {
		if h.Orphan || h.End <= h.Start {
			t.Errorf("highlight not placed: %+v", h)
		}
		if h.Note != "" {
			notes++
		}
	}
	if len(hs) != 3 || notes != 2 {
		t.Errorf("%d highlights, %d notes: %+v", len(hs), notes, hs)
	}

	// A rerun finds both books saved; --retry fetches nothing.
	sum, err = l.Import(ctx, exp.Items, ImportOptions{Fetch: true})
	if err != nil || sum.Duplicates != 2 || sum.Saved+sum.Kept+sum.Failed != 0 {
		t.Errorf("rerun: %+v %v", sum, err)
	}
	if n, _ := l.Count(ctx); n != 2 {
		t.Errorf("%d articles after the rerun", n)
	}
	if sum, err := l.Retry(ctx, ImportOptions{}); err != nil || sum.Total != 0 {
		t.Errorf("retry: %+v %v", sum, err)
	}

	if _, err := l.Refresh(ctx, book.ID); err == nil || !strings.Contains(err.Error(), "a book imported without a web address") {
		t.Errorf("refresh of the book: %v", err)
	}

	// A book with no passage is kept without text, and --retry leaves it.
	_, err = l.Import(ctx, []importer.Item{{Format: "readwise", Title: "Empty Book", Highlights: []importer.Highlight{{Quote: " "}}}}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	un, _ := l.Unfetched(ctx)
	if len(un) != 1 || un[0].FetchError != noAddress {
		t.Fatalf("unfetched: %+v", un)
	}
	if sum, err := l.Retry(ctx, ImportOptions{}); err != nil || sum.Kept != 1 {
		t.Errorf("retry of the empty book: %+v %v", sum, err)
	}
	// Identity of real addresses is unchanged: a readwise: key matches
	// only itself.
	if _, err := l.FindURL(ctx, "https://readwise.io/"); err == nil {
		t.Error("a web address found a book")
	}
}

// The summary names the commonest reason links were kept without text.
func TestImportKeptWhy(t *testing.T) {
	l := openLib(t)
	srv := newImportServer(t)
	items := []importer.Item{{URL: srv.URL + "/404/a"}, {URL: srv.URL + "/404/b"}, {URL: srv.URL + "/ok/c", Archived: true}, {URL: "http://127.0.0.1:1/x"}}
	sum, err := l.Import(context.Background(), items, ImportOptions{Fetch: true})
	if err != nil || sum.Kept != 3 || sum.KeptWhyN != 2 || !strings.Contains(sum.KeptWhy, "404") || sum.Archived != 1 {
		t.Errorf("%+v %v", sum, err)
	}
}

// A link whose request timed out or whose connection was cut is tried
// again, as a 503 is; a refused connection is not (it would only wait).
func TestImportRetriesTransientNetworkErrors(t *testing.T) {
	l := openLib(t)
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path]++
		n := seen[r.URL.Path]
		mu.Unlock()
		switch {
		case strings.HasPrefix(r.URL.Path, "/cut/") && n == 1:
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // no answer at all
			}
			return
		case strings.HasPrefix(r.URL.Path, "/midway/") && n == 1:
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", "100000")
			fmt.Fprint(w, "<html><body><p>The first words and then")
			w.(http.Flusher).Flush()
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		case strings.HasPrefix(r.URL.Path, "/hang/"):
			<-r.Context().Done()
			return
		case strings.HasPrefix(r.URL.Path, "/stall/") && n == 1:
			select {
			case <-r.Context().Done():
			case <-time.After(3 * time.Second):
			}
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(r.URL.Path))
	}))
	defer srv.Close()
	items := []importer.Item{{URL: srv.URL + "/cut/a"}, {URL: srv.URL + "/midway/b"}, {URL: srv.URL + "/stall/c"}, {URL: "http://127.0.0.1:1/refused"}, {URL: srv.URL + "/hang/d"}}
	opt := ImportOptions{Fetch: true, Backoff: 10 * time.Millisecond}
	opt.FetchOptions.Timeout = 300 * time.Millisecond
	var evs []ImportEvent
	var evMu sync.Mutex
	opt.Progress = func(ev ImportEvent) { evMu.Lock(); evs = append(evs, ev); evMu.Unlock() }
	sum, err := l.Import(context.Background(), items, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Saved != 3 || sum.Kept != 2 {
		t.Errorf("saved %d kept %d (%s), want 3 saved after a second try and the refused and the hung one kept", sum.Saved, sum.Kept, sum.KeptWhy)
	}
	// A link that never answers costs two timeouts, not three, and its
	// reason says so: it said "timed out after 30s" after 1m36s.
	hung := ""
	for _, ev := range evs {
		if strings.Contains(ev.Ref, "/hang/d") || strings.Contains(ev.URL, "/hang/d") {
			hung = ev.Reason
		}
	}
	if !strings.Contains(hung, "timed out after 300ms (2 tries)") {
		t.Errorf("the hung link's reason: %q", hung)
	}
	for _, p := range []string{"/cut/a", "/midway/b", "/stall/c", "/hang/d"} {
		if seen[p] != 2 {
			t.Errorf("%s fetched %d times, want 2", p, seen[p])
		}
	}
}

// An export's highlights on an article already saved are added to it,
// each once, placed on its text (the documents of Readwise's CSV and its
// highlights export, imported one after the other); a rerun adds none
// again, and a dry run writes nothing.
func TestImportAddsHighlightsToASavedArticle(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	srv := newImportServer(t)
	u := srv.URL + "/ok/1"
	if sum, err := l.Import(ctx, []importer.Item{{URL: u}}, ImportOptions{Fetch: true}); err != nil || sum.Saved != 1 {
		t.Fatalf("first import: %+v %v", sum, err)
	}
	id, err := l.FindURL(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	with := []importer.Item{{URL: u, Highlights: []importer.Highlight{
		{Quote: "Paragraph 1 of /ok/1 says something long enough", Note: "placed"},
		{Quote: "a passage this page lacks", Note: "orphan"},
	}}}
	var dry []ImportEvent
	if sum, err := l.Import(ctx, with, ImportOptions{Fetch: true, DryRun: true, Progress: func(ev ImportEvent) { dry = append(dry, ev) }}); err != nil || sum.Duplicates != 1 ||
		len(dry) != 1 || !strings.HasSuffix(dry[0].Reason, "would be added") {
		t.Fatalf("dry run: %+v %v %+v", sum, err, dry)
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 0 {
		t.Fatalf("a dry run wrote %d highlights", len(hs))
	}
	var evs []ImportEvent
	sum, err := l.Import(ctx, with, ImportOptions{Fetch: true, Progress: func(ev ImportEvent) { evs = append(evs, ev) }})
	if err != nil || sum.Duplicates != 1 || sum.Saved != 0 || sum.Highlights != 2 || sum.Orphans != 1 {
		t.Fatalf("second import: %+v %v %+v", sum, err, evs)
	}
	if len(evs) != 1 || evs[0].ID != id || evs[0].Highlights != 2 {
		t.Errorf("event: %+v", evs)
	}
	hs, _ := l.Highlights(ctx, id)
	if len(hs) != 2 {
		t.Fatalf("%d highlights: %+v", len(hs), hs)
	}
	for _, h := range hs {
		if orphan := h.Note == "orphan"; h.Orphan != orphan || (!orphan && (h.End <= h.Start || !strings.Contains(h.Exact, "Paragraph 1"))) {
			t.Errorf("highlight: %+v", h)
		}
	}
	sum, err = l.Import(ctx, with, ImportOptions{Fetch: true})
	if hs, _ := l.Highlights(ctx, id); err != nil || sum.Highlights != 0 || len(hs) != 2 {
		t.Errorf("rerun: %+v %v, %d highlights", sum, err, len(hs))
	}
}

// A note written in the other app after a first import (Readwise's
// highlights export read again a week later) reaches the highlight margin
// has: under its own note when it has one, never instead of it; a quote
// the export lists twice keeps both notes; a rerun adds nothing.
func TestImportAddsTheExportsNoteToAHighlight(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	srv := newImportServer(t)
	u := srv.URL + "/ok/1"
	const quote = "Paragraph 1 of /ok/1 says something long enough"
	first := []importer.Item{{URL: u, Highlights: []importer.Highlight{{Quote: quote}}}}
	if sum, err := l.Import(ctx, first, ImportOptions{Fetch: true}); err != nil || sum.Saved != 1 || sum.Highlights != 1 {
		t.Fatalf("first import: %+v %v", sum, err)
	}
	id, err := l.FindURL(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	hs, _ := l.Highlights(ctx, id)
	if len(hs) != 1 || hs[0].Note != "" {
		t.Fatalf("after the first import: %+v", hs)
	}
	again := []importer.Item{{URL: u, Highlights: []importer.Highlight{
		{Quote: quote, Note: "The central claim."},
		{Quote: "  paragraph 1 of /ok/1 SAYS something long enough", Note: "Compare with the 2019 report."},
	}}}
	var dry []ImportEvent
	if _, err := l.Import(ctx, again, ImportOptions{Fetch: true, DryRun: true, Progress: func(ev ImportEvent) { dry = append(dry, ev) }}); err != nil ||
		len(dry) != 1 || !strings.Contains(dry[0].Reason, "would be added under theirs") {
		t.Fatalf("dry run: %v %+v", err, dry)
	}
	if hs, _ := l.Highlights(ctx, id); hs[0].Note != "" {
		t.Fatalf("a dry run wrote a note: %q", hs[0].Note)
	}
	for run := range 2 { // the rerun adds nothing
		var evs []ImportEvent
		sum, err := l.Import(ctx, again, ImportOptions{Fetch: true, Progress: func(ev ImportEvent) { evs = append(evs, ev) }})
		if err != nil || sum.Duplicates != 1 || sum.Highlights != 0 || sum.Notes != 1-run || len(evs) != 1 || evs[0].Notes != 1-run {
			t.Fatalf("import %d: %+v %v %+v", run+2, sum, err, evs)
		}
		hs, _ := l.Highlights(ctx, id)
		if want := "The central claim.\n\nCompare with the 2019 report."; len(hs) != 1 || hs[0].Note != want {
			t.Fatalf("after the second import: %+v, want one highlight noted %q", hs, want)
		}
	}
	// The user's own note stays first; the export's goes under it.
	hs, _ = l.Highlights(ctx, id)
	h := hs[0]
	if _, err := l.EditHighlight(ctx, store.Edit{ID: h.ID, Note: &store.Change[string]{From: h.Note, To: "Mine."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Import(ctx, again, ImportOptions{Fetch: true}); err != nil {
		t.Fatal(err)
	}
	// The export read again brings back no note it gave before: the
	// reader's change stands (it brought "The central claim." back under
	// "Mine."; cleared, the note came back whole).
	if hs, _ := l.Highlights(ctx, id); hs[0].Note != "Mine." {
		t.Errorf("the export's old notes came back under the reader's: %q", hs[0].Note)
	}
	hs, _ = l.Highlights(ctx, id)
	if _, err := l.EditHighlight(ctx, store.Edit{ID: hs[0].ID, Note: &store.Change[string]{From: hs[0].Note, To: ""}}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Import(ctx, again, ImportOptions{Fetch: true}); err != nil {
		t.Fatal(err)
	}
	if hs, _ := l.Highlights(ctx, id); hs[0].Note != "" {
		t.Errorf("a cleared note came back: %q", hs[0].Note)
	}
	// A note the export has since goes under the reader's.
	since := []importer.Item{{URL: u, Highlights: []importer.Highlight{{Quote: quote, Note: "Written in Readwise last week."}}}}
	if sum, err := l.Import(ctx, since, ImportOptions{Fetch: true}); err != nil || sum.Notes != 1 {
		t.Fatalf("a new note: %+v %v", sum, err)
	}
	if hs, _ := l.Highlights(ctx, id); hs[0].Note != "Written in Readwise last week." {
		t.Errorf("the export's new note: %q", hs[0].Note)
	}
	// A highlight the import wrote and the reader deleted stays deleted;
	// one the export has since is added.
	hs, _ = l.Highlights(ctx, id)
	if err := l.DeleteHighlight(ctx, hs[0].ID); err != nil {
		t.Fatal(err)
	}
	const other = "Paragraph 2 of /ok/1 says something long enough"
	more := []importer.Item{{URL: u, Highlights: []importer.Highlight{{Quote: quote, Note: "The central claim."}, {Quote: other}}}}
	if sum, err := l.Import(ctx, more, ImportOptions{Fetch: true}); err != nil || sum.Highlights != 1 {
		t.Fatalf("after a deletion: %+v %v", sum, err)
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 1 || !strings.HasPrefix(hs[0].Exact, "Paragraph 2") {
		t.Errorf("the deleted highlight came back, or the new one is missing: %+v", hs)
	}
}

// An address an export lists twice (a bookmark in two folders, a link
// saved again with a highlight) is one article with the tags and
// highlights of both listings.
func TestImportJoinsAnAddressListedTwice(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	srv := newImportServer(t)
	u := srv.URL + "/ok/1"
	items := []importer.Item{
		{URL: u, Tags: []string{"reading"}},
		{URL: srv.URL + "/ok/2"},
		{URL: u + "#top", Tags: []string{"work", "reading"}, Highlights: []importer.Highlight{{Quote: "Paragraph 1 of /ok/1 says something long enough", Note: "n"}}},
	}
	sum, err := l.Import(ctx, items, ImportOptions{Fetch: true})
	if err != nil || sum.Saved != 2 || sum.Duplicates != 1 || sum.Highlights != 1 || sum.Orphans != 0 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	id, err := l.FindURL(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if tags, _ := l.TagsOf(ctx, []int64{id}); fmt.Sprint(tags[id]) != "[reading work]" {
		t.Errorf("tags %v", tags[id])
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 1 || hs[0].Orphan || hs[0].Note != "n" {
		t.Errorf("highlights %+v", hs)
	}
	if len(items[0].Tags) != 1 || items[0].Highlights != nil {
		t.Errorf("the caller's items were changed: %+v", items[0])
	}

	// Listed twice again, now saved before the run: the highlights join
	// it, the tags do not, and the second listing says only what is so.
	var reasons []string
	items = []importer.Item{
		{URL: u},
		{URL: u, Tags: []string{"later"}, Highlights: []importer.Highlight{{Quote: "Paragraph 2 of /ok/1 says something", Note: "m"}}},
	}
	_, err = l.Import(ctx, items, ImportOptions{Progress: func(ev ImportEvent) { reasons = append(reasons, ev.Reason) }})
	slices.Sort(reasons) // the second listing's event comes first
	if err != nil || len(reasons) != 2 || reasons[1] != "the same address as item 1, its highlights joined to it" {
		t.Errorf("second run: %q %v", reasons, err)
	}
}

// A link whose page names an article already saved as its canonical
// address (a redirect, an alias) is that article: the highlights the
// export has for it are added to it, as for its own address.
func TestImportAddsHighlightsToTheCanonicalArticle(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	srv := newImportServer(t)
	alias := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, strings.Replace(page("/ok/1"), "<head>", `<head><link rel="canonical" href="`+srv.URL+`/ok/1">`, 1))
	}))
	t.Cleanup(alias.Close)
	if sum, err := l.Import(ctx, []importer.Item{{URL: srv.URL + "/ok/1"}}, ImportOptions{Fetch: true}); err != nil || sum.Saved != 1 {
		t.Fatalf("first import: %+v %v", sum, err)
	}
	id, _ := l.FindURL(ctx, srv.URL+"/ok/1")
	items := []importer.Item{{URL: alias.URL + "/a", Archived: true, Highlights: []importer.Highlight{{Quote: "Paragraph 2 of /ok/1 says something", Note: "n"}}}}
	sum, err := l.Import(ctx, items, ImportOptions{Fetch: true})
	if err != nil || sum.Duplicates != 1 || sum.Highlights != 1 || sum.Orphans != 0 || sum.Archived != 0 {
		t.Fatalf("import of the alias: %+v %v", sum, err)
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 1 || hs[0].Orphan || hs[0].Note != "n" {
		t.Errorf("highlights %+v", hs)
	}
}

// Readwise's highlights CSV names a web article by its title alone (no
// URL column): its highlights go to the one article saved under that
// title (the documents CSV imported before), not to a new article made of
// them. A title two articles share, or none has, still makes one.
func TestImportPlacesURLlessHighlightsByTitle(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	srv := newImportServer(t)
	if sum, err := l.Import(ctx, []importer.Item{{URL: srv.URL + "/ok/1"}}, ImportOptions{Fetch: true}); err != nil || sum.Saved != 1 {
		t.Fatalf("documents: %+v %v", sum, err)
	}
	id, _ := l.FindURL(ctx, srv.URL+"/ok/1")
	items := []importer.Item{
		{Title: "/OK/1", Author: "Someone", Format: "readwise", Highlights: []importer.Highlight{{Quote: "Paragraph 2 of /ok/1 says something", Note: "n"}}},
		{Title: "A Kindle book", Format: "readwise", Highlights: []importer.Highlight{{Quote: "A passage of the book", Note: "b"}}},
	}
	sum, err := l.Import(ctx, items, ImportOptions{})
	if err != nil || sum.Duplicates != 1 || sum.Saved != 1 || sum.Highlights != 2 || sum.Orphans != 0 {
		t.Fatalf("highlights: %+v %v", sum, err)
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 1 || hs[0].Orphan || hs[0].Note != "n" {
		t.Errorf("the article's highlights: %+v", hs)
	}
}

// Both of Readwise's CSVs in one folder (or zip) are one import: the
// highlights of a document named by title go to the web article of that
// title in the same export, whichever file comes first. They made an
// article of their own, the web article not yet saved when they were
// looked up.
func TestImportURLlessHighlightsJoinTheSameExportsArticle(t *testing.T) {
	for _, docFirst := range []bool{false, true} {
		ctx := context.Background()
		l := openLib(t)
		srv := newImportServer(t)
		web := importer.Item{URL: srv.URL + "/ok/1", Title: "An Essay", Format: "readwise", Tags: []string{"essays"}}
		doc := importer.Item{Title: "an  essay", Author: "Someone", Format: "readwise",
			Highlights: []importer.Highlight{{Quote: "Paragraph 2 of /ok/1 says something", Note: "n"}}}
		again := doc // the same document listed twice
		again.Highlights = []importer.Highlight{{Quote: "Paragraph 3 of /ok/1 says something", Note: "m"}}
		items := []importer.Item{web, doc, again}
		if docFirst {
			items = []importer.Item{doc, again, web}
		}
		sum, err := l.Import(ctx, items, ImportOptions{Fetch: true})
		if err != nil || sum.Saved != 1 || sum.Duplicates != 2 || sum.Highlights != 2 || sum.Orphans != 0 {
			t.Fatalf("docFirst %v: %+v %v", docFirst, sum, err)
		}
		id, _ := l.FindURL(ctx, srv.URL+"/ok/1")
		if hs, _ := l.Highlights(ctx, id); len(hs) != 2 || hs[0].Orphan || hs[1].Orphan || hs[0].Note+hs[1].Note != "nm" {
			t.Errorf("docFirst %v: the article's highlights: %+v", docFirst, hs)
		}
		if arts, _ := l.List(ctx, store.ListOptions{}); len(arts) != 1 {
			t.Errorf("docFirst %v: %d articles, want 1", docFirst, len(arts))
		}
	}
}

// The export's title is the one the reader knew the article by (renamed
// in Pocket or Reader, a bookmark's name): it was replaced by the fetched
// page's, on import and on --retry, so Readwise's highlights CSV, which
// names the article by that title, no longer found it and made a second
// article of its highlights. A link without a title takes the page's.
func TestImportKeepsTheExportsTitle(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	srv := newImportServer(t)
	items := []importer.Item{{URL: srv.URL + "/ok/1", Title: "My renamed essay"}, {URL: srv.URL + "/ok/2"}}
	if sum, err := l.Import(ctx, items, ImportOptions{Fetch: true}); err != nil || sum.Saved != 2 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	items = []importer.Item{{URL: srv.URL + "/ok/3", Title: "Renamed three"}, {URL: srv.URL + "/ok/4"}}
	if sum, err := l.Import(ctx, items, ImportOptions{}); err != nil || sum.Kept != 2 {
		t.Fatalf("import without fetching: %+v %v", sum, err)
	}
	if sum, err := l.Retry(ctx, ImportOptions{}); err != nil || sum.Saved != 2 {
		t.Fatalf("retry: %+v %v", sum, err)
	}
	for path, want := range map[string]string{"/ok/1": "My renamed essay", "/ok/2": "/ok/2", "/ok/3": "Renamed three", "/ok/4": "/ok/4"} {
		id, _ := l.FindURL(ctx, srv.URL+path)
		if a, err := l.Article(ctx, id); err != nil || a.Title != want {
			t.Errorf("%s: title %q, want %q (%v)", path, a.Title, want, err)
		}
	}
	doc := importer.Item{Title: "My renamed essay", Format: "readwise", Highlights: []importer.Highlight{{Quote: "Paragraph 2 of /ok/1 says something", Note: "n"}}}
	if sum, err := l.Import(ctx, []importer.Item{doc}, ImportOptions{}); err != nil || sum.Duplicates != 1 || sum.Saved != 0 {
		t.Errorf("highlights by title: %+v %v", sum, err)
	}
}

// r in the reader (or margin refresh) fetches an imported link kept
// without text as --retry does: it keeps the export's title too.
func TestRefreshOfAnUnfetchedImportKeepsItsTitle(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	srv := newImportServer(t)
	items := []importer.Item{{URL: srv.URL + "/ok/1", Title: "Renamed one"}, {URL: srv.URL + "/ok/2"}}
	if sum, err := l.Import(ctx, items, ImportOptions{}); err != nil || sum.Kept != 2 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	for path, want := range map[string]string{"/ok/1": "Renamed one", "/ok/2": "/ok/2"} {
		id, _ := l.FindURL(ctx, srv.URL+path)
		if _, err := l.Refresh(ctx, id); err != nil {
			t.Fatal(err)
		}
		if a, err := l.Article(ctx, id); err != nil || !a.Fetched() || a.Title != want {
			t.Errorf("%s: title %q, want %q (%v)", path, a.Title, want, err)
		}
	}
}

// TestTitleOfUnicodeAddress: a link saved without its page was titled by
// its address in percent-encoding ("example.com/%C3%BCn%C3%AFcode-p%C3%A4th")
// and its host in punycode; a reader writes them as the page shows them.
func TestTitleOfUnicodeAddress(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/ünïcode-päth":        "example.com/ünïcode-päth",
		"https://example.com/%C3%BCn%C3%AFcode":   "example.com/ünïcode",
		"https://xn--caf-dma.example:8080/a%20b/": "café.example:8080/a b",
		"https://example.com/bad%FFbyte":          "example.com/bad%FFbyte",
		"https://example.com/a%0Ab":               "example.com/a b",
	} {
		if got := titleOf(in); got != want {
			t.Errorf("titleOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// A note a first import saved with a new article, cleared by the reader,
// stays cleared when the export is read again.
func TestImportKeepsAClearedNoteCleared(t *testing.T) {
	ctx := context.Background()
	l := openLib(t)
	srv := newImportServer(t)
	u := srv.URL + "/ok/1"
	items := []importer.Item{{URL: u, Highlights: []importer.Highlight{{Quote: "Paragraph 1 of /ok/1 says something long enough", Note: "From Pocket."}}}}
	if sum, err := l.Import(ctx, items, ImportOptions{Fetch: true}); err != nil || sum.Saved != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	id, _ := l.FindURL(ctx, u)
	hs, _ := l.Highlights(ctx, id)
	if len(hs) != 1 || hs[0].Note != "From Pocket." {
		t.Fatalf("%+v", hs)
	}
	if _, err := l.EditHighlight(ctx, store.Edit{ID: hs[0].ID, Note: &store.Change[string]{From: hs[0].Note, To: ""}}); err != nil {
		t.Fatal(err)
	}
	if sum, err := l.Import(ctx, items, ImportOptions{Fetch: true}); err != nil || sum.Notes != 0 {
		t.Fatalf("%+v %v", sum, err)
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 1 || hs[0].Note != "" {
		t.Errorf("the cleared note came back: %+v", hs)
	}
}

// An article the reader deleted came back when the same export was read
// again: it stays deleted (a duplicate, named so), until saved again by
// hand; undo puts it back as it was.
func TestImportLeavesDeletedArticlesOut(t *testing.T) {
	l := openLib(t)
	ctx := context.Background()
	items := []importer.Item{
		{URL: "https://offline.example/keep", Title: "Keep", Content: page("offline keep")},
		{URL: "https://offline.example/prune", Title: "Prune", Tags: []string{"junk"}, Content: page("offline prune")},
	}
	if sum, err := l.Import(ctx, items, ImportOptions{}); err != nil || sum.Saved != 2 {
		t.Fatalf("first import: %+v %v", sum, err)
	}
	id, _ := l.FindURL(ctx, "https://offline.example/prune")
	snap, err := l.DeleteArticle(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var events []ImportEvent
	sum, err := l.Import(ctx, items, ImportOptions{Progress: func(ev ImportEvent) { events = append(events, ev) }})
	if err != nil || sum.Saved != 0 || sum.Duplicates != 2 || sum.Deleted != 1 {
		t.Errorf("again: %+v %v", sum, err)
	}
	if _, err := l.FindURL(ctx, "https://offline.example/prune"); err == nil {
		t.Error("the deleted article came back")
	}
	for _, ev := range events {
		if ev.URL == "https://offline.example/prune" && (!ev.Deleted || !strings.Contains(ev.Reason, "deleted here before")) {
			t.Errorf("event %+v", ev)
		}
	}
	// Undo brings it back, and an import then finds it saved.
	if err := l.RestoreArticle(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if sum, err := l.Import(ctx, items, ImportOptions{}); err != nil || sum.Duplicates != 2 || sum.Deleted != 0 {
		t.Errorf("after undo: %+v %v", sum, err)
	}
	// Deleted again, then saved by hand: imports see it saved.
	id, _ = l.FindURL(ctx, "https://offline.example/prune")
	if _, err := l.DeleteArticle(ctx, id); err != nil {
		t.Fatal(err)
	}
	if gone, _ := l.WasDeleted(ctx, "https://offline.example/prune?utm_source=x"); !gone {
		t.Error("WasDeleted does not know the address in another form")
	}
	a := &store.Article{Content: article.Content{SourceURL: "https://offline.example/prune", Title: "Prune", Markdown: "Text.", Text: "Text."}}
	if _, _, err := l.AddArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if gone, _ := l.WasDeleted(ctx, "https://offline.example/prune"); gone {
		t.Error("saved again, still counted deleted")
	}
}

// A dry run said "would be saved from the export's copy" of items whose
// copy names an article saved already (its canonical address), which the
// real run then counts duplicates: the dry run finds them too.
func TestImportDryRunFindsCanonicalDuplicates(t *testing.T) {
	l := openLib(t)
	ctx := context.Background()
	first := []importer.Item{{URL: "https://news.example/story", Title: "Story", Content: page("story")}}
	if sum, err := l.Import(ctx, first, ImportOptions{}); err != nil || sum.Saved != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	copyOf := strings.Replace(page("story"), "<head>", `<head><link rel="canonical" href="https://news.example/story">`, 1)
	again := []importer.Item{{URL: "https://reader.example/entry/7", Title: "Story (from the reader app)", Content: copyOf}}
	dry, err := l.Import(ctx, again, ImportOptions{DryRun: true})
	if err != nil || dry.Duplicates != 1 || dry.Saved != 0 {
		t.Errorf("dry run: %+v %v", dry, err)
	}
	again[0].Content = copyOf // the dry run took it
	real, err := l.Import(ctx, again, ImportOptions{})
	if err != nil || real.Duplicates != dry.Duplicates || real.Saved != dry.Saved {
		t.Errorf("the run %+v, its dry run %+v", real, dry)
	}
}

// The sample added a second time is there already, and says whether it is
// archived (the library's S said "Saved." and nothing showed).
func TestAddSampleTwice(t *testing.T) {
	l := openLib(t)
	ctx := context.Background()
	first, err := l.AddSample(ctx)
	if err != nil || first.Existed || first.Title == "" {
		t.Fatalf("first: %+v %v", first, err)
	}
	if err := l.Store.SetState(ctx, first.ID, store.Archived); err != nil {
		t.Fatal(err)
	}
	again, err := l.AddSample(ctx)
	if err != nil || !again.Existed || !again.Archived || again.ID != first.ID {
		t.Errorf("second: %+v %v", again, err)
	}
}

// A pasted text of 100,000 words that lost 35,000 of them as a page's
// furniture said nothing: the note is given when most of a text, or
// more than any page's furniture, was left out.
func TestLeftOutNote(t *testing.T) {
	for _, c := range []struct {
		words, left int
		says        bool
	}{{65000, 35000, true}, {400, 1200, true}, {1500, 1200, false}, {300, 500, false}} {
		if got := LeftOutNote(c.words, c.left) != ""; got != c.says {
			t.Errorf("%d kept, %d left out: note %v, want %v", c.words, c.left, got, c.says)
		}
	}
}

// The library screen would not open a library that may not be written
// when the CLI alone had used it: its first run, which notes that the
// sample was offered, failed the opening. Read-only, the first run does
// nothing.
func TestFirstRunReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(st).AddSample(context.Background()); err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := store.Open(path, store.ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := New(ro).FirstRun(context.Background()); err != nil {
		t.Errorf("first run on a read-only library: %v", err)
	}
}
