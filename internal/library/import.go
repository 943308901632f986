package library

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"margin/internal/importer"
	"margin/internal/urlid"
	"margin/reader"
	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// ImportOptions tune Import and Retry. Zero fields take the defaults.
type ImportOptions struct {
	// Fetch fetches the links whose export carries no content; without
	// it they are kept without text (margin import --retry fetches them).
	Fetch   bool
	Jobs    int           // fetches and extractions at once (default 4)
	PerHost int           // fetches at once to one host (default 2)
	Budget  time.Duration // the run's time: links not fetched by then are kept without text; 0 is none
	DryRun  bool          // parse, look up and extract offline, but fetch and write nothing

	Attempts int           // tries of a link answered 429 or 5xx, or cut off (default 3)
	Backoff  time.Duration // the first wait between tries without Retry-After (default 2s, doubling)
	MaxWait  time.Duration // the longest Retry-After honoured (default 1m); a longer one gives up on the link

	FetchOptions reader.FetchOptions // the fetcher's limits (reader's defaults)

	// Progress is called after each item, one call at a time.
	Progress func(ImportEvent)
	// Report gets one JSON line per item (ImportEvent's fields), with
	// Run (RunID, else the run's start) and DryRun set: a report file
	// that several runs add to tells their lines apart.
	Report io.Writer
	RunID  string
}

func (o ImportOptions) withDefaults() ImportOptions {
	if o.Jobs <= 0 {
		o.Jobs = 4
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Attempts <= 0 {
		o.Attempts = 3
	}
	if o.Backoff <= 0 {
		o.Backoff = 2 * time.Second
	}
	if o.MaxWait <= 0 {
		o.MaxWait = time.Minute
	}
	return o
}

// Outcome is what became of one imported item.
type Outcome string

// The outcomes of an item.
const (
	Saved     Outcome = "saved"     // saved with its text
	Kept      Outcome = "kept"      // saved without text (FetchError says why): --retry fetches it
	Failed    Outcome = "failed"    // not saved (no web address, or the library refused it)
	Duplicate Outcome = "duplicate" // its address is saved already (or twice in the export)
	ToFetch   Outcome = "to fetch"  // dry run: it would be fetched
	Skipped   Outcome = "skipped"   // not read from the export (no URL, a malformed row): only in the report
)

// ImportCounts are the outcomes so far.
type ImportCounts struct {
	Total      int // items in the run
	Saved      int
	Kept       int
	Failed     int
	Duplicates int
	ToFetch    int // dry run only
}

// Done is how many items have an outcome.
func (c ImportCounts) Done() int { return c.Saved + c.Kept + c.Failed + c.Duplicates + c.ToFetch }

// ImportEvent is one item's outcome.
type ImportEvent struct {
	N          int     `json:"n"` // the item's place in the export, from 1
	Ref        string  `json:"ref,omitempty"`
	URL        string  `json:"url"`
	Run        string  `json:"run,omitempty"`     // in a report: the run it belongs to
	DryRun     bool    `json:"dry_run,omitempty"` // in a report: a dry run's line
	Title      string  `json:"title,omitempty"`
	Outcome    Outcome `json:"outcome"`
	ID         int64   `json:"id,omitempty"`
	Reason     string  `json:"reason,omitempty"`  // why it has no text, or failed, or which article it duplicates
	Offline    bool    `json:"offline,omitempty"` // its text came from the export, not the web
	Highlights int     `json:"highlights,omitempty"`
	Orphans    int     `json:"orphans,omitempty"`  // highlights whose quote is not in the text
	Notes      int     `json:"notes,omitempty"`    // highlights the article had whose export's note was added under theirs
	Archived   bool    `json:"archived,omitempty"` // saved in the archive (the export's state)
	Deleted    bool    `json:"deleted,omitempty"`  // a duplicate of an article the reader deleted: left out

	Counts ImportCounts `json:"-"` // after this item
}

// ImportSummary is a whole run's outcome.
type ImportSummary struct {
	ImportCounts
	Highlights  int           // highlights saved
	Orphans     int           // of which not placed on the text
	Notes       int           // highlights the library had whose export's note was added under theirs
	Elapsed     time.Duration // the run's wall time
	Interrupted bool          // the context was cancelled: items not started are left for the next run
	DryRun      bool
	// KeptWhy is the commonest reason an item was kept without text
	// ("no such host example.com"), and KeptWhyN how many it was.
	KeptWhy  string
	KeptWhyN int
	Archived int // of the articles saved, how many went to the archive
	Deleted  int // of the duplicates, how many the reader had deleted (left out)
}

// job is one item to prepare: an export's item, or (Retry) an article
// kept without text.
type job struct {
	n    int
	item *importer.Item
	dup  int64          // Import: the article the item's address is saved as
	art  *store.Article // Retry
}

// result is a prepared item, for the writer.
type result struct {
	ev  ImportEvent
	rec *store.Imported // Import: the article to save
	id  int64           // Retry: the article to fill or mark
	txt *store.Article  // Retry: its fetched text
	add *added          // Import: highlights for an article saved already
}

// added are highlights placed on text revision rev of a saved article.
type added struct {
	rev   int64
	n     int // the text's length
	hs    []store.Highlight
	notes []store.Highlight // the export's notes on quotes the article has (store.AddImportedHighlights)
	keys  []string          // what the export says of the article (store.ImportKey), to record
}

// importKeys are the store.ImportKeys of an export's highlights: each
// quote, and each note on one.
func importKeys(hls []importer.Highlight) []string {
	var keys []string
	for _, h := range hls {
		keys = append(keys, store.ImportKey(h.Quote, ""))
		if strings.TrimSpace(h.Note) != "" {
			keys = append(keys, store.ImportKey(h.Quote, h.Note))
		}
	}
	return keys
}

// importRun is one Import or Retry in progress.
type importRun struct {
	l      *Library
	opt    ImportOptions
	ctx    context.Context // the caller's: cancelled, nothing new starts
	fctx   context.Context // fetches: ctx with the budget
	jobs   chan job
	out    chan result
	sum    ImportSummary
	report *json.Encoder
	why    map[string]int // reasons of the items kept without text

	mu     sync.Mutex
	hosts  map[string]chan struct{} // a slot per fetch at once to each host
	paused map[string]time.Time     // a host that asked to wait (Retry-After), until when
}

func (l *Library) newRun(ctx context.Context, opt ImportOptions, total int) (*importRun, context.CancelFunc) {
	opt = opt.withDefaults()
	r := &importRun{l: l, opt: opt, ctx: ctx, fctx: ctx,
		jobs: make(chan job), out: make(chan result, 2*opt.Jobs),
		hosts: map[string]chan struct{}{}, paused: map[string]time.Time{}}
	cancel := context.CancelFunc(func() {})
	if opt.Budget > 0 {
		r.fctx, cancel = context.WithTimeout(ctx, opt.Budget)
	}
	r.sum.Total, r.sum.DryRun = total, opt.DryRun
	if opt.Report != nil {
		if r.opt.RunID == "" {
			r.opt.RunID = time.Now().UTC().Format(time.RFC3339Nano)
		}
		r.report = json.NewEncoder(opt.Report)
	}
	return r, cancel
}

// run starts the workers and the writer, feeds them with feed, and waits
// for every result to be written.
func (r *importRun) run(prepare func(job) (result, bool), write func([]result), feed func(send func(job) bool, emit func(result))) ImportSummary {
	start := time.Now()
	var workers sync.WaitGroup
	for range r.opt.Jobs {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range r.jobs {
				if res, ok := prepare(j); ok {
					r.out <- res
				}
			}
		}()
	}
	writer := make(chan struct{})
	go func() {
		defer close(writer)
		for res := range r.out {
			// Whatever is ready goes in one transaction.
			batch := []result{res}
		more:
			for len(batch) < 64 {
				select {
				case x, ok := <-r.out:
					if !ok {
						break more
					}
					batch = append(batch, x)
				default:
					break more
				}
			}
			write(batch)
			for _, x := range batch {
				r.emit(x.ev)
			}
		}
	}()
	send := func(j job) bool {
		select {
		case r.jobs <- j:
			return true
		case <-r.ctx.Done():
			return false
		}
	}
	feed(send, func(res result) { r.out <- res })
	close(r.jobs)
	workers.Wait()
	close(r.out)
	<-writer
	r.sum.Interrupted = r.ctx.Err() != nil
	r.sum.Elapsed = time.Since(start)
	return r.sum
}

// emit counts an outcome, reports it and calls Progress (writer only).
func (r *importRun) emit(ev ImportEvent) {
	switch ev.Outcome {
	case Saved:
		r.sum.Saved++
	case Kept:
		r.sum.Kept++
		if r.why == nil {
			r.why = map[string]int{}
		}
		if n := r.why[ev.Reason] + 1; len(r.why) < 1000 || n > 1 {
			r.why[ev.Reason] = n
			if n > r.sum.KeptWhyN {
				r.sum.KeptWhy, r.sum.KeptWhyN = ev.Reason, n
			}
		}
	case Failed:
		r.sum.Failed++
	case Duplicate:
		r.sum.Duplicates++
		if ev.Deleted {
			r.sum.Deleted++
		}
	case ToFetch:
		r.sum.ToFetch++
	}
	if ev.Outcome == Saved || ev.Outcome == Kept || ev.Outcome == Duplicate {
		r.sum.Highlights += ev.Highlights
		r.sum.Orphans += ev.Orphans
		r.sum.Notes += ev.Notes
	}
	if ev.Archived && (ev.Outcome == Saved || ev.Outcome == Kept) {
		r.sum.Archived++ // of the articles saved
	}
	ev.Counts = r.sum.ImportCounts
	if r.report != nil {
		line := ev
		line.Run, line.DryRun = r.opt.RunID, r.opt.DryRun
		r.report.Encode(line)
	}
	if r.opt.Progress != nil {
		r.opt.Progress(ev)
	}
}

// Import saves items from another service's export: each becomes an
// article with its tags, state, dates and highlights, unless its address
// is already saved (a duplicate: rerunning an interrupted import resumes
// it). An item whose export carries its content is read offline; the
// others are fetched (opt.Fetch) with opt.Jobs at once, opt.PerHost per
// host, and retries on 429 and 5xx; one that cannot be fetched is kept
// without text, with the reason. Every article is written whole, by one
// writer. When ctx is cancelled no new item starts; fetches in flight are
// dropped whole and what is ready is written. Each item's content is read
// from the export when its turn comes (Item.TakeContent) and dropped
// once read, so memory stays flat; one that cannot be read then is
// fetched, or kept without text.
func (l *Library) Import(ctx context.Context, items []importer.Item, opt ImportOptions) (ImportSummary, error) {
	r, cancel := l.newRun(ctx, opt, len(items))
	defer cancel()
	var storeErr error
	wctx := context.WithoutCancel(ctx)
	write := func(batch []result) {
		if r.opt.DryRun {
			return
		}
		var recs []*store.Imported
		var at []int
		for i := range batch {
			if x := &batch[i]; x.add != nil {
				if err := l.AddImportedHighlights(wctx, x.ev.ID, x.add.rev, x.add.n, x.add.hs, x.add.notes, x.add.keys); err != nil {
					r.failed(x, err, &storeErr)
				}
			}
		}
		for i, x := range batch {
			if x.rec != nil {
				recs, at = append(recs, x.rec), append(at, i)
			}
		}
		if len(recs) == 0 {
			return
		}
		ids, existed, err := l.ImportArticles(wctx, recs)
		if err != nil && len(recs) > 1 {
			// Find the one the library refused: the others are saved.
			for k, i := range at {
				r.saveOne(wctx, &batch[i], recs[k], &storeErr)
			}
			return
		}
		if err != nil {
			r.failed(&batch[at[0]], err, &storeErr)
			return
		}
		for k, i := range at {
			r.settled(&batch[i], ids[k], existed[k])
		}
	}
	seen := make(map[string]int, len(items))
	found := map[string]bool{} // keys saved before the run: they take highlights only
	joined, byTitle := joinRepeats(items)
	feed := func(send func(job) bool, emit func(result)) {
		for i := range items {
			if ctx.Err() != nil {
				return
			}
			it := &items[i]
			if j, ok := joined[i]; ok {
				it = j
			}
			ev := ImportEvent{N: i + 1, Ref: it.Ref, URL: sanitize.Line(urlid.Redact(it.URL)), Title: sanitize.Line(it.Title)}
			u, doc, key := itemKey(it)
			if f, ok := byTitle[key]; ok && doc {
				ev.Outcome, ev.Reason = Duplicate, fmt.Sprintf("the same title as item %d", f+1)
				if len(it.Highlights) > 0 {
					ev.Reason += ", its highlights joined to it"
				}
				emit(result{ev: ev})
				continue
			}
			if !doc && (!reader.IsURL(u) || key == "" || !strings.HasPrefix(strings.ToLower(u), "http")) || key == "" {
				ev.Outcome, ev.Reason = Failed, "not a web address"
				if doc {
					ev.Reason = "neither a web address nor a title"
				}
				if n := len(it.Highlights); n > 0 {
					ev.Reason += fmt.Sprintf("; %d highlight%s not imported", n, plural(n))
				}
				emit(result{ev: ev})
				continue
			}
			if n, ok := seen[key]; ok {
				// Item n is the export's n-th, not the n-th line of
				// progress (items finish out of order): its place in the
				// file, when known, says which one.
				ev.Outcome, ev.Reason = Duplicate, fmt.Sprintf("the same address as item %d", n)
				if ref := items[n-1].Ref; ref != "" {
					ev.Reason += " (" + sanitize.Line(ref) + ")"
				}
				switch {
				case found[key]:
					// Item n was saved before: it takes highlights, not tags.
					if len(it.Highlights) > 0 {
						ev.Reason += ", its highlights joined to it"
					}
				case len(it.Tags) > 0 && len(it.Highlights) > 0:
					ev.Reason += ", its tags and highlights joined to it"
				case len(it.Tags) > 0:
					ev.Reason += ", its tags joined to it"
				case len(it.Highlights) > 0:
					ev.Reason += ", its highlights joined to it"
				}
				emit(result{ev: ev})
				continue
			}
			seen[key] = i + 1
			id, err := l.FindURL(ctx, u)
			if doc && errors.Is(err, store.ErrNotFound) {
				// A document named by its title alone (Readwise's
				// highlights CSV has no URL) may be a web article saved
				// already: the one saved under that title.
				id, err = l.FindTitle(ctx, it.Title)
			}
			if err == nil {
				found[key] = true
				if len(it.Highlights) > 0 {
					// Its highlights the article lacks are added to it.
					if !send(job{n: i + 1, item: it, dup: id}) {
						return
					}
					continue
				}
				ev.Outcome, ev.ID, ev.Reason = Duplicate, id, fmt.Sprintf("saved already as article %d", id)
				emit(result{ev: ev})
				continue
			} else if !errors.Is(err, store.ErrNotFound) {
				if ctx.Err() != nil {
					return
				}
				ev.Outcome, ev.Reason = Failed, oneLine(err)
				emit(result{ev: ev})
				continue
			}
			// An article the reader deleted stays deleted: reading an
			// export again brought back what they had pruned.
			if gone, err := l.WasDeleted(ctx, u); err == nil && gone {
				ev.Outcome, ev.Deleted, ev.Reason = Duplicate, true, "deleted here before, so left out (margin add saves it again)"
				emit(result{ev: ev})
				continue
			}
			if !send(job{n: i + 1, item: it}) {
				return
			}
		}
	}
	sum := r.run(r.prepareItem, write, feed)
	return sum, storeErr
}

// itemKey is the address an item is saved under (a documentKey when it
// has no web address) and its identity (urlid.Key).
func itemKey(it *importer.Item) (u string, doc bool, key string) {
	u = strings.TrimSpace(it.URL)
	if doc = u == ""; doc {
		u = documentKey(it)
	}
	return u, doc, urlid.Key(u)
}

// joinRepeats finds the addresses an export lists more than once (a
// bookmark in two folders, a link saved again and highlighted): the first
// listing is imported, the others are duplicates, so their tags and
// highlights join the first's. A document without an address whose title
// is that of one web article of the export (Readwise's highlights CSV
// beside its documents CSV) joins that article too: byTitle maps it to
// the article's listing, since the article may not be saved yet when the
// document is looked up (by the document's identity, so its repeats go
// there too). It returns the first listings that gained some, as copies:
// the caller's items are left as they are.
func joinRepeats(items []importer.Item) (joined map[int]*importer.Item, byTitle map[string]int) {
	first := make(map[string]int, len(items))
	joined, byTitle = map[int]*importer.Item{}, map[string]int{}
	join := func(f int, it *importer.Item) {
		j, ok := joined[f]
		if !ok {
			c := items[f]
			c.Tags, c.Highlights = slices.Clone(c.Tags), slices.Clone(c.Highlights)
			j, joined[f] = &c, &c
		}
		for _, t := range it.Tags {
			if !slices.ContainsFunc(j.Tags, func(x string) bool { return strings.EqualFold(x, t) }) {
				j.Tags = append(j.Tags, t)
			}
		}
		for _, h := range it.Highlights {
			if !slices.ContainsFunc(j.Highlights, func(x importer.Highlight) bool { return x.Quote == h.Quote }) {
				j.Highlights = append(j.Highlights, h)
			}
		}
	}
	titles := map[string]int{} // a web article's title, folded: its first listing, -1 when articles share it
	var docs []string          // the documents' identities
	for i := range items {
		it := &items[i]
		_, doc, key := itemKey(it)
		if key == "" {
			continue
		}
		f, ok := first[key]
		if !ok {
			first[key], f = i, i
			if doc {
				docs = append(docs, key)
			}
		}
		if t := store.Fold(it.Title); !doc && t != "" {
			if g, seen := titles[t]; seen && g != f {
				titles[t] = -1
			} else {
				titles[t] = f
			}
		}
		if ok && len(it.Tags)+len(it.Highlights) > 0 {
			join(f, it)
		}
	}
	for _, key := range docs {
		i := first[key]
		f, ok := titles[store.Fold(items[i].Title)]
		if !ok || f < 0 {
			continue
		}
		it := &items[i]
		if j, ok := joined[i]; ok {
			it = j
		}
		if len(it.Tags)+len(it.Highlights) > 0 {
			join(f, it)
		}
		byTitle[key] = f
	}
	return joined, byTitle
}

// saveOne saves one article of a batch that failed as a whole.
func (r *importRun) saveOne(ctx context.Context, x *result, rec *store.Imported, storeErr *error) {
	id, existed, err := r.l.ImportArticle(ctx, rec)
	if err != nil {
		r.failed(x, err, storeErr)
		return
	}
	r.settled(x, id, existed)
}

func (r *importRun) settled(x *result, id int64, existed bool) {
	x.ev.ID = id
	if !existed {
		return
	}
	x.ev.Outcome, x.ev.Reason, x.ev.Highlights, x.ev.Orphans = Duplicate, fmt.Sprintf("saved already as article %d", id), 0, 0
	if len(x.rec.Highlights) == 0 {
		return
	}
	// The page was an article saved already (its canonical address): the
	// highlights it lacks are added to it, as for an address found saved.
	hls := make([]importer.Highlight, 0, len(x.rec.Highlights))
	for _, h := range x.rec.Highlights {
		hls = append(hls, importer.Highlight{Quote: h.Exact, Note: h.Note, Label: h.Label, Created: h.Created})
	}
	ctx := context.WithoutCancel(r.ctx)
	add, err := r.lacking(ctx, id, hls, &x.ev)
	if err == nil && add != nil {
		err = r.l.AddImportedHighlights(ctx, id, add.rev, add.n, add.hs, add.notes, add.keys)
	}
	if err != nil {
		x.ev.Reason = fmt.Sprintf("saved already as article %d; its highlights could not be added: %s", id, oneLine(err))
		x.ev.Highlights, x.ev.Orphans = 0, 0
	}
}

// failed marks an item the library refused; a library that cannot be
// written at all (full, read-only, damaged) is the run's error too.
func (r *importRun) failed(x *result, err error, storeErr *error) {
	x.ev.Outcome, x.ev.Reason, x.ev.Highlights, x.ev.Orphans = Failed, oneLine(err), 0, 0
	if *storeErr == nil && (errors.Is(err, store.ErrDiskFull) || errors.Is(err, store.ErrReadOnly) ||
		errors.Is(err, store.ErrDamaged) || errors.Is(err, store.ErrBusy)) {
		*storeErr = err
	}
}

// prepareItem reads or fetches one item and builds its article; ok is
// false when an interruption dropped it.
func (r *importRun) prepareItem(j job) (result, bool) {
	if j.dup != 0 {
		return r.prepareAdded(j)
	}
	it := j.item
	u := strings.TrimSpace(it.URL)
	ev := ImportEvent{N: j.n, Ref: it.Ref, URL: sanitize.Line(urlid.Redact(u)), Title: sanitize.Line(it.Title)}
	var a *reader.Article
	var why string
	doc := u == ""
	if doc {
		// A book or document without a web address: its text is its
		// highlights, nothing is fetched.
		u = documentKey(it)
		if a = highlightsArticle(it); a != nil {
			ev.Offline = true
		} else {
			why = noAddress
		}
	} else {
		// The export's copy is read now (Open leaves it in the export) and
		// once: the item holds it no longer.
		content, err := it.TakeContent(r.ctx)
		if err != nil && r.ctx.Err() != nil {
			return result{}, false // interrupted: the next run reads it
		}
		if err == nil && content != "" {
			if a, err = reader.FromHTML([]byte(content), "text/html; charset=utf-8", u); err == nil {
				err = fits(a.Markdown)
			}
		}
		if err != nil {
			a, why = nil, "the export's copy could not be read: "+oneLine(err)
		} else if a != nil {
			ev.Offline = true
		}
	}
	if a == nil && !doc {
		switch {
		case r.opt.DryRun && r.opt.Fetch:
			ev.Outcome = ToFetch
			return result{ev: ev}, true
		case !r.opt.Fetch:
			why = cmp.Or(why, "imported with --no-fetch")
		default:
			var err error
			a, err = r.fetch(u)
			if err != nil {
				if r.ctx.Err() != nil {
					return result{}, false // interrupted: the next run fetches it
				}
				why = reason(err, u)
			}
		}
	}
	rec := &store.Imported{Tags: append([]string(nil), it.Tags...)}
	ra := &rec.Article
	if a != nil {
		*ra = *ToStore(a)
		ev.Outcome = Saved
		ev.Title = sanitize.Line(cmp.Or(strings.TrimSpace(it.Title), a.Title))
	} else {
		ra.FetchError = why
		ev.Outcome, ev.Reason = Kept, why
	}
	ra.SourceURL = urlid.Public(u)
	// The export's title is the one the reader knows the article by (and
	// Readwise's highlights CSV names it by): it wins over the page's.
	ra.Title = cmp.Or(strings.TrimSpace(it.Title), ra.Title, titleOf(u))
	ra.Byline = cmp.Or(ra.Byline, it.Author)
	ra.SiteName = cmp.Or(ra.SiteName, it.Site)
	ra.Excerpt = cmp.Or(ra.Excerpt, it.Excerpt)
	ra.Language = cmp.Or(ra.Language, it.Language)
	if ra.Published.IsZero() {
		ra.Published = it.Published
	}
	ra.Added, ra.Starred, ra.Progress, ra.Note = it.Saved, it.Starred, it.Progress, it.Note
	if it.Archived {
		ra.State = store.Archived
		ev.Archived = true
	}
	if it.Done {
		ra.Reading = store.Done
	}
	var t *render.Text
	if a != nil && len(it.Highlights) > 0 {
		t = render.Parse(ra.Markdown)
	}
	rec.Keys = importKeys(it.Highlights)
	for _, h := range it.Highlights {
		sh := place(t, h.Quote)
		sh.Note, sh.Label, sh.Created = h.Note, h.Label, h.Created
		if strings.TrimSpace(sh.Exact) == "" {
			continue
		}
		rec.Highlights = append(rec.Highlights, sh)
		rec.Tags = append(rec.Tags, h.Tags...)
		ev.Highlights++
		if sh.Orphan {
			ev.Orphans++
		}
	}
	if r.opt.DryRun {
		rec = nil
		// The export's copy may name an article saved already by its
		// canonical address, as the real run finds when it writes: say so
		// here too (a dry run said "30 would be saved", the run "30
		// duplicates").
		if a != nil && ra.CanonicalURL != "" {
			if id, err := r.l.FindSaved(r.ctx, ra.SourceURL, ra.CanonicalURL); err == nil && id != 0 {
				ev.Outcome, ev.ID, ev.Reason = Duplicate, id, fmt.Sprintf("saved already as article %d (the export's copy names its address)", id)
				ev.Highlights, ev.Orphans, ev.Archived = 0, 0, false
			}
		}
	}
	return result{ev: ev, rec: rec}, true
}

// prepareAdded places the highlights of an item saved already that its
// article lacks (neither the same quote nor the same passage) on the
// article's text, as a refresh would: an export of highlights imported
// after the export of the articles (Readwise's two CSV files) adds them
// rather than dropping them.
func (r *importRun) prepareAdded(j job) (result, bool) {
	it := j.item
	ev := ImportEvent{N: j.n, Ref: it.Ref, URL: sanitize.Line(urlid.Redact(it.URL)), Title: sanitize.Line(it.Title),
		Outcome: Duplicate, ID: j.dup, Reason: fmt.Sprintf("saved already as article %d", j.dup)}
	add, err := r.lacking(r.ctx, j.dup, it.Highlights, &ev)
	if err != nil {
		if r.ctx.Err() != nil {
			return result{}, false
		}
		ev.Outcome, ev.Reason = Failed, oneLine(err)
		return result{ev: ev}, true
	}
	return result{ev: ev, add: add}, true
}

// lacking places the highlights article id lacks on its text, counting
// them in ev; nil when there are none to write (or a dry run). A
// highlight it has (the same quote or the same passage) whose note in the
// export says more (written in the other app since a first import) gets
// that note under its own, as does a quote the export lists twice:
// nothing the user wrote is dropped.
func (r *importRun) lacking(ctx context.Context, id int64, hls []importer.Highlight, ev *ImportEvent) (*added, error) {
	a, err := r.l.Article(ctx, id)
	var have []store.Highlight
	var recorded map[string]bool // what imports wrote on it before
	if err == nil {
		have, err = r.l.Highlights(ctx, id)
	}
	if err == nil {
		recorded, err = r.l.ImportedKeys(ctx, id)
	}
	if err != nil {
		return nil, err
	}
	ev.Title = sanitize.Line(a.Title)
	// known is a highlight the article has (added -1) or this import adds
	// (add.hs[added]), with the export's notes on it so far.
	type known struct {
		exact, note string
		added       int
		more        []string // export notes for a saved highlight
	}
	seen := map[string]*known{}
	mark := func(h store.Highlight, k *known) {
		seen["q "+store.Fold(h.Exact)] = k
		if !h.Orphan {
			seen[fmt.Sprintf("at %d %d", h.Start, h.End)] = k
		}
	}
	var saved []*known
	for _, h := range have {
		k := &known{exact: h.Exact, note: h.Note, added: -1}
		saved = append(saved, k)
		mark(h, k)
	}
	var t *render.Text
	if a.Markdown != "" {
		t = render.Parse(a.Markdown)
	}
	add := &added{rev: a.TextRevision, n: len(a.Markdown)}
	notes := 0
	for _, h := range hls {
		sh := place(t, h.Quote)
		if strings.TrimSpace(sh.Exact) == "" {
			continue
		}
		k := seen["q "+store.Fold(sh.Exact)]
		if k == nil {
			k = seen["q "+store.Fold(h.Quote)]
		}
		if k == nil && !sh.Orphan {
			k = seen[fmt.Sprintf("at %d %d", sh.Start, sh.End)]
		}
		if k == nil && recorded[store.ImportKey(h.Quote, "")] {
			// An import wrote it and the reader deleted it since.
			continue
		}
		if k != nil {
			// A note an import wrote before stays as the reader left it
			// (changed, cleared); a note the export has since is added.
			if n := strings.TrimSpace(h.Note); n != "" && !recorded[store.ImportKey(h.Quote, n)] && !strings.Contains(store.Fold(k.note), store.Fold(n)) {
				k.note = store.JoinNotes(k.note, n)
				if k.added >= 0 {
					add.hs[k.added].Note = k.note
				} else {
					k.more = append(k.more, n)
				}
			}
			continue
		}
		sh.Note, sh.Label, sh.Created = h.Note, h.Label, h.Created
		add.hs = append(add.hs, sh)
		mark(sh, &known{exact: sh.Exact, note: h.Note, added: len(add.hs) - 1})
		ev.Highlights++
		if sh.Orphan {
			ev.Orphans++
		}
	}
	for _, k := range saved {
		if len(k.more) > 0 {
			add.notes = append(add.notes, store.Highlight{Exact: k.exact, Note: strings.Join(k.more, "\n\n")})
			notes++
		}
	}
	for _, k := range importKeys(hls) {
		if !recorded[k] {
			add.keys = append(add.keys, k)
		}
	}
	if len(add.hs) == 0 && len(add.notes) == 0 && len(add.keys) == 0 || r.opt.DryRun {
		add = nil
	}
	switch {
	case ev.Highlights > 0 && r.opt.DryRun:
		ev.Reason += ", the highlights it lacks would be added"
	case ev.Highlights > 0:
		ev.Reason += ", the highlights it lacked added"
	}
	ev.Notes = notes
	switch {
	case notes > 0 && r.opt.DryRun:
		ev.Reason += fmt.Sprintf(", the export's notes on %d of its highlights would be added under theirs", notes)
	case notes > 0:
		ev.Reason += fmt.Sprintf(", the export's notes on %d of its highlights added under theirs", notes)
	}
	return add, nil
}

// noAddress is why a book or document without a web address has no text.
const noAddress = "no web address (a book or document margin cannot fetch)"

// documentKey is the address of an item its export gives none (a Kindle
// book in Readwise's highlights export): never a web address, made of its
// format, title and author, so that a rerun finds it saved (the store's
// identity keeps a key that is not http as it is, as it keeps a file's
// path). "" when it has no title either.
func documentKey(it *importer.Item) string {
	title := store.Fold(it.Title)
	if title == "" {
		return ""
	}
	v := url.Values{"title": {title}}
	if a := store.Fold(it.Author); a != "" {
		v.Set("author", a)
	}
	return cmp.Or(it.Format, "readwise") + ":" + v.Encode()
}

// isDocumentKey is true for a documentKey.
func isDocumentKey(src string) bool {
	f, rest, ok := strings.Cut(src, ":")
	return ok && !strings.HasPrefix(rest, "//") && slices.Contains(importer.Formats, f)
}

// highlightsArticle is the text of a book or document margin has no copy
// of: its highlighted passages in the export's order, each once, so that
// every highlight is placed on it (and shown, searched and exported with
// its note) rather than kept as an orphan. nil when there is no passage.
func highlightsArticle(it *importer.Item) *reader.Article {
	var md, text strings.Builder
	seen := map[string]bool{}
	for _, h := range it.Highlights {
		q := strings.TrimSpace(sanitize.Text(h.Quote))
		if q == "" || seen[q] {
			continue
		}
		seen[q] = true
		for _, line := range strings.Split(q, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				md.WriteString(reader.EscapeText(line) + "\n\n")
				text.WriteString(line + "\n\n")
			}
		}
	}
	if md.Len() == 0 {
		return nil
	}
	words := reader.CountWords(text.String())
	site := "Readwise"
	if it.Format != "readwise" {
		site = it.Format
	}
	return &reader.Article{
		Title: it.Title, Byline: it.Author, SiteName: cmp.Or(it.Site, site),
		Excerpt:  cmp.Or(it.Excerpt, "Your highlights: margin has no copy of the whole text."),
		Markdown: md.String(), Text: strings.TrimSpace(text.String()),
		WordCount: words, ReadingMinutes: reader.ReadingMinutes(words),
	}
}

// place finds a highlight's quote on margin's text the way a refresh
// re-anchors one (whitespace, case, quote marks and dashes aside); one it
// cannot find, or when there is no text, is an orphan with its quote.
func place(t *render.Text, quote string) store.Highlight {
	quote = strings.TrimSpace(sanitize.Text(quote))
	if t != nil && quote != "" {
		if start, end, ok := t.Reanchor(render.Quote{Exact: quote}); ok && end > start {
			q := t.QuoteAt(start, end)
			return store.Highlight{Start: start, End: end, Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix}
		}
	}
	return store.Highlight{Exact: quote, Orphan: true}
}

// titleOf names a link that has no title: its host and path as a reader
// writes them ("café.example/ünïcode-päth", not "xn--caf-dma.example/
// %C3%BCn%C3%AFcode-p%C3%A4th").
func titleOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return sanitize.Line(u)
	}
	host := p.Host
	if h, err := idna.ToUnicode(p.Hostname()); err == nil && h != p.Hostname() {
		host = h
		if port := p.Port(); port != "" {
			host += ":" + port
		}
	}
	path := p.EscapedPath()
	if utf8.ValidString(p.Path) {
		path = p.Path
	}
	return sanitize.Line(strings.TrimSuffix(host+path, "/"))
}

// reason is why a link could not be fetched, in one line without the
// address (the article shows it already).
func reason(err error, u string) string {
	tries := ""
	var te *triedError
	if errors.As(err, &te) {
		tries = fmt.Sprintf(" (%d tries)", te.tries)
	}
	var fe *reader.FetchError
	if errors.As(err, &fe) {
		err = fe.Err
	}
	msg := oneLine(err)
	msg = strings.TrimPrefix(msg, sanitize.Line(urlid.Redact(u))+": ")
	return cmp.Or(msg, "could not be fetched") + tries
}

// triedError is a fetch that failed each of its tries: a reason that
// said "timed out after 30s" after a minute and a half was a puzzle.
type triedError struct {
	err   error
	tries int
}

func (e *triedError) Error() string { return fmt.Sprintf("%v (%d tries)", e.err, e.tries) }
func (e *triedError) Unwrap() error { return e.err }

func oneLine(err error) string {
	return strings.Join(strings.Fields(sanitize.Line(urlid.Redact(err.Error()))), " ")
}

// errBudget says the run's time budget is spent.
var errBudget = errors.New("the import's time budget (--budget) ran out before it")

// fetch fetches and extracts one link, with at most PerHost fetches to its
// host at once, and tries again on 429 and 5xx, and on a request that
// timed out or a connection cut, after the wait the server asked for
// (Retry-After) or a doubling backoff.
func (r *importRun) fetch(u string) (*reader.Article, error) {
	host := ""
	if p, err := url.Parse(u); err == nil {
		host = strings.ToLower(p.Host)
	}
	for attempt := 1; ; attempt++ {
		if err := r.waitHost(host); err != nil {
			return nil, err
		}
		slot := r.slot(host)
		select {
		case slot <- struct{}{}:
		case <-r.fctx.Done():
			return nil, r.stopped()
		}
		a, err := reader.Load(r.fctx, u, reader.LoadOptions{Fetch: r.opt.FetchOptions})
		<-slot
		if err == nil {
			if err = fits(a.Markdown); err == nil {
				return a, nil
			}
			return nil, err
		}
		if r.fctx.Err() != nil {
			return nil, r.stopped()
		}
		// A link that did not answer twice will not: each try holds one
		// of its host's slots for the whole timeout.
		tries := r.opt.Attempts
		if reader.TimedOut(err) {
			tries = min(tries, 2)
		}
		if !reader.Transient(err) || attempt >= tries {
			if attempt > 1 {
				err = &triedError{err: err, tries: attempt}
			}
			return nil, err
		}
		var wait time.Duration
		var se *reader.StatusError
		if errors.As(err, &se) {
			wait = se.RetryAfter
		}
		if wait > r.opt.MaxWait {
			return nil, fmt.Errorf("%s (the server asks to wait %s)", se.Error(), wait.Round(time.Second))
		}
		if wait > 0 {
			r.pause(host, wait)
		} else {
			wait = r.opt.Backoff << (attempt - 1)
			wait += rand.N(wait/4 + 1)
		}
		select {
		case <-time.After(wait):
		case <-r.fctx.Done():
			return nil, r.stopped()
		}
	}
}

// stopped is the error of a fetch cut short: by the caller or the budget.
func (r *importRun) stopped() error {
	if r.ctx.Err() != nil {
		return r.ctx.Err()
	}
	return errBudget
}

func (r *importRun) slot(host string) chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.hosts[host]
	if !ok {
		s = make(chan struct{}, r.opt.PerHost)
		r.hosts[host] = s
	}
	return s
}

// pause holds every fetch to host for d (the server's Retry-After).
func (r *importRun) pause(host string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if until := time.Now().Add(d); until.After(r.paused[host]) {
		r.paused[host] = until
	}
}

func (r *importRun) waitHost(host string) error {
	for {
		r.mu.Lock()
		d := time.Until(r.paused[host])
		r.mu.Unlock()
		if d <= 0 {
			return nil
		}
		select {
		case <-time.After(d):
		case <-r.fctx.Done():
			return r.stopped()
		}
	}
}

// Retry fetches again the articles kept without text. One that now
// fetches gets its text (its highlights placed where their quotes are
// found, its dates and states kept); one that fails again keeps the new
// reason.
func (l *Library) Retry(ctx context.Context, opt ImportOptions) (ImportSummary, error) {
	arts, err := l.Unfetched(ctx)
	if err != nil {
		return ImportSummary{}, err
	}
	opt.Fetch = true
	r, cancel := l.newRun(ctx, opt, len(arts))
	defer cancel()
	var storeErr error
	wctx := context.WithoutCancel(ctx)
	prepare := func(j job) (result, bool) {
		a := j.art
		u := cmp.Or(a.SourceURL, a.CanonicalURL)
		ev := ImportEvent{N: j.n, URL: sanitize.Line(urlid.Redact(u)), Title: a.Title, ID: a.ID}
		if !reader.IsURL(u) || !strings.HasPrefix(strings.ToLower(u), "http") {
			// A book without a web address: nothing to fetch.
			ev.Outcome, ev.Reason, ev.URL = Kept, cmp.Or(a.FetchError, noAddress), ""
			return result{ev: ev}, true
		}
		if r.opt.DryRun {
			ev.Outcome = ToFetch
			return result{ev: ev}, true
		}
		got, err := r.fetch(u)
		if err != nil {
			if r.ctx.Err() != nil {
				return result{}, false
			}
			ev.Outcome, ev.Reason = Kept, reason(err, u)
			return result{ev: ev, id: a.ID}, true
		}
		rec := ToStore(got)
		rec.SourceURL = a.SourceURL
		if a.Title != "" && a.Title != titleOf(u) {
			rec.Title = a.Title // the export's, not the address standing in for none
		}
		rec.Title = cmp.Or(rec.Title, a.Title)
		ev.Outcome, ev.Title = Saved, rec.Title
		return result{ev: ev, id: a.ID, txt: rec}, true
	}
	write := func(batch []result) {
		for i := range batch {
			x := &batch[i]
			switch {
			case x.id == 0:
			case x.txt != nil:
				res, err := l.ReplaceArticle(wctx, x.id, x.txt, Carry(x.txt.Markdown))
				if err != nil {
					r.failed(x, err, &storeErr)
					continue
				}
				x.ev.Highlights, x.ev.Orphans = len(res.Highlights), res.Orphans
			default:
				if err := l.SetFetchError(wctx, x.id, x.ev.Reason); err != nil {
					r.failed(x, err, &storeErr)
				}
			}
		}
	}
	feed := func(send func(job) bool, _ func(result)) {
		for i := range arts {
			if !send(job{n: i + 1, art: &arts[i]}) {
				return
			}
		}
	}
	sum := r.run(prepare, write, feed)
	return sum, storeErr
}
