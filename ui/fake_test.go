package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"margin/internal/query"
	"margin/store"
)

// fakeLib is an in-memory Library that records the calls made on it.
type fakeLib struct {
	// mu guards calls and limits: Run's prefetch lists the library in a
	// goroutine while the program opens an article.
	mu       sync.Mutex
	arts     map[int64]*store.Article
	hls      map[int64]*store.Highlight
	settings map[string]string
	nextID   int64
	nextHL   int64
	calls    []string
	limits   []int // the Limit of each List call
	failAdd  error // returned by AddHighlight/UpdateHighlight when set
	failTag  error // returned by TagArticle when set
	now      time.Time
	version  int64 // added to Version, for tests that change things behind its back
	views    []store.View
}

func newFakeLib() *fakeLib {
	return &fakeLib{
		arts: map[int64]*store.Article{}, hls: map[int64]*store.Highlight{}, settings: map[string]string{},
		nextID: 1, nextHL: 1, now: testNow,
	}
}

func (f *fakeLib) call(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

// lastCall is the most recent call whose text starts with prefix, "" if none.
func (f *fakeLib) lastCall(prefix string) string {
	for i := len(f.calls) - 1; i >= 0; i-- {
		if strings.HasPrefix(f.calls[i], prefix) {
			return f.calls[i]
		}
	}
	return ""
}

func (f *fakeLib) add(a store.Article) int64 {
	a.ID = f.nextID
	f.nextID++
	if a.State == "" {
		a.State = store.Inbox
	}
	if a.TextRevision == 0 {
		a.TextRevision = 1
	}
	f.arts[a.ID] = &a
	return a.ID
}

func (f *fakeLib) count(id int64) int {
	n := 0
	for _, h := range f.hls {
		if h.ArticleID == id {
			n++
		}
	}
	return n
}

func (f *fakeLib) List(ctx context.Context, opt store.ListOptions) ([]store.Article, error) {
	f.call("List %v %v", opt.Archived, opt.Sort)
	f.mu.Lock()
	f.limits = append(f.limits, opt.Limit)
	f.mu.Unlock()
	var out []store.Article
	for _, a := range f.arts {
		if a.State == store.Archived && !opt.Archived {
			continue
		}
		c := *a
		c.Markdown, c.Text = "", ""
		c.HighlightCount = f.count(a.ID)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		switch opt.Sort {
		case store.SortTitle:
			return out[i].Title < out[j].Title
		case store.SortProgress:
			return out[i].Progress > out[j].Progress
		}
		if !out[i].Added.Equal(out[j].Added) {
			return out[i].Added.After(out[j].Added)
		}
		return out[i].ID > out[j].ID
	})
	if opt.Limit > 0 && len(out) > opt.Limit {
		out = out[:opt.Limit]
	}
	return out, nil
}

func (f *fakeLib) Count(ctx context.Context) (int, error) { return len(f.arts), nil }

// Version changes with the articles and highlights the fake holds.
func (f *fakeLib) Version(ctx context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v := int64(len(f.arts))*1000003 + int64(len(f.hls))*7 + f.version
	for _, a := range f.arts {
		v += int64(len(a.Title)) + int64(len(a.State))
	}
	return v, nil
}

func (f *fakeLib) Search(ctx context.Context, q string, limit int) ([]store.SearchResult, error) {
	f.call("Search %s", q)
	if err := ctx.Err(); err != nil {
		f.call("Search %s cancelled", q)
		return nil, err
	}
	var out []store.SearchResult
	ids := make([]int64, 0, len(f.arts))
	for id := range f.arts {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		a := f.arts[id]
		i := strings.Index(strings.ToLower(a.Text), strings.ToLower(q))
		if i < 0 {
			continue
		}
		from := max(i-20, 0)
		to := min(i+len(q)+20, len(a.Text))
		r := store.SearchResult{Article: *a, Snippet: a.Text[from:to], Rank: float64(-len(out))}
		r.Matches = [][2]int{{i - from, i - from + len(q)}}
		r.Markdown, r.Text = "", ""
		out = append(out, r)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

func (f *fakeLib) Article(ctx context.Context, id int64) (*store.Article, error) {
	f.call("Article %d", id)
	a, ok := f.arts[id]
	if !ok {
		return nil, store.ErrNotFound
	}
	c := *a
	return &c, nil
}

func (f *fakeLib) SetState(ctx context.Context, id int64, st store.State) error {
	f.call("SetState %d %s", id, st)
	f.arts[id].State = st
	return nil
}

func (f *fakeLib) SetPosition(ctx context.Context, id int64, textRev int64, off int, progress float64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.call("SetPosition %d %d %.2f", id, off, progress)
	f.arts[id].Position, f.arts[id].Progress, f.arts[id].Opened = off, progress, f.now
	return nil
}

func (f *fakeLib) SetReading(ctx context.Context, id int64, r store.Reading) error {
	f.call("SetReading %d %s", id, r)
	f.arts[id].Reading = r
	return nil
}

func (f *fakeLib) SetStarred(ctx context.Context, id int64, on bool) error {
	f.call("SetStarred %d %v", id, on)
	f.arts[id].Starred = on
	return nil
}

func (f *fakeLib) Setting(ctx context.Context, key string) (string, error) {
	return f.settings[key], nil
}

func (f *fakeLib) SetSetting(ctx context.Context, key, value string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.call("SetSetting %s %s", key, value)
	f.settings[key] = value
	return nil
}

func (f *fakeLib) Highlights(ctx context.Context, articleID int64) ([]store.Highlight, error) {
	var out []store.Highlight
	for _, h := range f.hls {
		if h.ArticleID == articleID {
			out = append(out, *h)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Orphan != out[j].Orphan {
			return !out[i].Orphan
		}
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out, nil
}

func (f *fakeLib) AddHighlight(ctx context.Context, h *store.Highlight) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if f.failAdd != nil {
		return 0, f.failAdd
	}
	if a := f.arts[h.ArticleID]; a != nil && h.TextRevision != 0 && a.TextRevision != h.TextRevision {
		return 0, store.ErrStaleText
	}
	for _, o := range f.hls { // as the store refuses the same passage twice
		if !h.Orphan && !o.Orphan && o.ArticleID == h.ArticleID && o.Start == h.Start && o.End == h.End {
			return 0, &store.HighlightedError{ID: o.ID}
		}
	}
	h.ID = f.nextHL
	f.nextHL++
	h.Revision = 1
	if a := f.arts[h.ArticleID]; a != nil {
		h.TextRevision = a.TextRevision
	}
	f.call("AddHighlight %d [%d,%d) %q %s", h.ID, h.Start, h.End, h.Exact, h.Label)
	c := *h
	f.hls[h.ID] = &c
	return h.ID, nil
}

func (f *fakeLib) EditHighlight(ctx context.Context, e store.Edit) (store.EditResult, error) {
	if err := ctx.Err(); err != nil {
		return store.EditResult{}, err
	}
	if f.failAdd != nil {
		return store.EditResult{}, f.failAdd
	}
	h := f.hls[e.ID]
	if h == nil {
		return store.EditResult{}, fmt.Errorf("highlight %d: %w", e.ID, store.ErrNotFound)
	}
	f.call("EditHighlight %d", e.ID)
	next := *h
	if c := e.Note; c != nil {
		if h.Note != c.From && h.Note != c.To {
			return store.EditResult{}, &store.ConflictError{ID: e.ID, Field: "note", Current: *h}
		}
		next.Note = c.To
	}
	if c := e.Supports; c != nil {
		next.Supports = c.To
	}
	var res store.EditResult
	if c := e.Label; c != nil {
		next.Label = c.To
		if next.Supports != 0 && !store.LinksToClaim(c.To) {
			res.Unlinked = append(res.Unlinked, store.Link{From: e.ID, To: next.Supports})
			next.Supports = 0
		}
		if h.Label == "claim" && c.To != "claim" {
			for _, o := range f.hls {
				if o.Supports == e.ID {
					res.Unlinked = append(res.Unlinked, store.Link{From: o.ID, To: e.ID})
				}
			}
		}
		if len(res.Unlinked) > 0 && !e.Unlink {
			var ids []int64
			for _, l := range res.Unlinked {
				ids = append(ids, l.From)
			}
			return store.EditResult{}, &store.UnlinkError{ID: e.ID, Linked: ids}
		}
		for _, l := range res.Unlinked {
			if l.From != e.ID {
				f.hls[l.From].Supports = 0
			}
		}
	}
	next.Revision++
	*h = next
	res.Highlight = next
	return res, nil
}

func (f *fakeLib) PlaceHighlight(ctx context.Context, id int64, pl store.Place) (store.Highlight, error) {
	h := f.hls[id]
	if h == nil {
		return store.Highlight{}, store.ErrNotFound
	}
	if a := f.arts[h.ArticleID]; pl.TextRevision != 0 && a.TextRevision != pl.TextRevision {
		return store.Highlight{}, store.ErrStaleText
	}
	f.call("PlaceHighlight %d [%d,%d)", id, pl.Start, pl.End)
	h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Orphan, h.Original = pl.Start, pl.End, pl.Exact, pl.Prefix, pl.Suffix, false, ""
	h.Revision++
	return *h, nil
}

func (f *fakeLib) DeleteArticle(ctx context.Context, id int64) (*store.Snapshot, error) {
	f.call("Delete %d", id)
	a, ok := f.arts[id]
	if !ok {
		return nil, store.ErrNotFound
	}
	snap := &store.Snapshot{Article: *a}
	for hid, h := range f.hls {
		if h.ArticleID == id {
			snap.Highlights = append(snap.Highlights, *h)
			delete(f.hls, hid)
		}
	}
	delete(f.arts, id)
	return snap, nil
}

func (f *fakeLib) RestoreArticle(ctx context.Context, snap *store.Snapshot) error {
	f.call("RestoreArticle %d", snap.Article.ID)
	a := snap.Article
	f.arts[a.ID] = &a
	for _, h := range snap.Highlights {
		c := h
		f.hls[h.ID] = &c
	}
	return nil
}

func (f *fakeLib) DeleteHighlight(ctx context.Context, id int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.call("DeleteHighlight %d", id)
	delete(f.hls, id)
	for _, h := range f.hls {
		if h.Supports == id {
			h.Supports = 0
		}
	}
	return nil
}

func (f *fakeLib) RestoreHighlight(ctx context.Context, h *store.Highlight, relink []int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.call("RestoreHighlight %d %v", h.ID, relink)
	if f.hls[h.ID] != nil {
		return store.ErrHighlightExists
	}
	c := *h
	f.hls[h.ID] = &c
	for _, id := range relink {
		if r := f.hls[id]; r != nil && r.ArticleID == h.ArticleID && r.Supports == 0 {
			r.Supports = h.ID
		}
	}
	return nil
}

func (f *fakeLib) AllHighlights(ctx context.Context, flt store.HighlightFilter) ([]store.Highlight, error) {
	f.call("AllHighlights %q %q", flt.Label, flt.Query)
	var out []store.Highlight
	for _, h := range f.hls {
		if flt.Label != "" && h.Label != flt.Label {
			continue
		}
		q := strings.ToLower(flt.Query)
		if q != "" && !strings.Contains(strings.ToLower(h.Exact), q) && !strings.Contains(strings.ToLower(h.Note), q) {
			continue
		}
		c := *h
		if a := f.arts[h.ArticleID]; a != nil {
			c.ArticleTitle = a.Title
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ArticleID != out[j].ArticleID {
			return out[i].ArticleID < out[j].ArticleID
		}
		return out[i].Start < out[j].Start
	})
	return out, nil
}

func (f *fakeLib) TagArticle(ctx context.Context, id int64, add, remove []string) error {
	f.call("TagArticle %d +%v -%v", id, add, remove)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failTag != nil {
		return f.failTag
	}
	a, ok := f.arts[id]
	if !ok {
		return store.ErrNotFound
	}
	for _, t := range remove {
		a.Tags = slices.DeleteFunc(a.Tags, func(s string) bool { return strings.EqualFold(s, t) })
	}
	for _, t := range add {
		if !slices.ContainsFunc(a.Tags, func(s string) bool { return strings.EqualFold(s, t) }) {
			a.Tags = append(a.Tags, t)
		}
	}
	sort.Slice(a.Tags, func(i, j int) bool { return strings.ToLower(a.Tags[i]) < strings.ToLower(a.Tags[j]) })
	f.version++
	return nil
}

func (f *fakeLib) Tags(ctx context.Context) ([]store.TagCount, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := map[string]int{}
	for _, a := range f.arts {
		for _, t := range a.Tags {
			n[t]++
		}
	}
	var out []store.TagCount
	for t, c := range n {
		out = append(out, store.TagCount{Name: t, Articles: c})
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

func (f *fakeLib) TagsOf(ctx context.Context, ids []int64) (map[int64][]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[int64][]string{}
	for id, a := range f.arts {
		if len(a.Tags) > 0 {
			out[id] = slices.Clone(a.Tags)
		}
	}
	return out, nil
}

// ListQuery understands the operators the tests use: tag:, is:, site:,
// sort:title, and words found in the text.
func (f *fakeLib) ListQuery(ctx context.Context, q query.Query, opt store.ListOptions) ([]store.Article, error) {
	f.call("ListQuery %s %v", q.Words, q.Filters)
	all, _ := f.List(ctx, store.ListOptions{Archived: true, Sort: cmp.Or(store.Sort(q.Sort), opt.Sort)})
	archived := opt.Archived
	var out []store.Article
	for _, a := range all {
		keep := q.Words == "" || strings.Contains(strings.ToLower(f.arts[a.ID].Text), strings.ToLower(q.Words))
		for _, fl := range q.Filters {
			var ok bool
			switch fl.Kind {
			case query.Tag:
				ok = slices.ContainsFunc(a.Tags, func(t string) bool { return strings.EqualFold(t, fl.Value) })
			case query.Site:
				ok = strings.Contains(strings.ToLower(a.SiteName), strings.ToLower(fl.Value))
			case query.Is:
				switch fl.Value {
				case "starred":
					ok = a.Starred
				case "done":
					ok = a.Reading == store.Done
				case "new", "unread":
					ok = a.Reading == store.New || a.Reading == ""
				case "archived":
					ok, archived = a.State == store.Archived, true
				case "unfetched":
					ok = !a.Fetched()
				}
			case query.Has:
				ok = fl.Value == "note" && a.Note != ""
			}
			if ok == fl.Not {
				keep = false
			}
		}
		if keep && (archived || a.State != store.Archived) {
			out = append(out, a)
		}
	}
	return out, nil
}

func (f *fakeLib) Views(ctx context.Context) ([]store.View, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.views), nil
}

func (f *fakeLib) SetArticleNote(ctx context.Context, id int64, from, to string) error {
	f.call("SetArticleNote %d %q", id, to)
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.arts[id]
	if !ok {
		return store.ErrNotFound
	}
	if a.Note != from && a.Note != to {
		return &store.NoteConflictError{ID: id, Current: a.Note}
	}
	a.Note = to
	f.version++
	return nil
}

func (f *fakeLib) SaveView(ctx context.Context, name, q string) error {
	f.call("SaveView %s %s", name, q)
	if _, err := query.Parse(q); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	// As the store: a view of that name without case keeps its name.
	if i := slices.IndexFunc(f.views, func(v store.View) bool { return strings.EqualFold(v.Name, name) }); i >= 0 {
		f.views[i].Query = q
		return nil
	}
	f.views = append(f.views, store.View{Name: name, Query: q})
	return nil
}

func (f *fakeLib) EditMetadata(ctx context.Context, id int64, m store.Metadata) error {
	f.call("EditMetadata %d", id)
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.arts[id]
	if !ok {
		return store.ErrNotFound
	}
	if m.SourceURL != nil {
		for oid, o := range f.arts {
			if oid != id && o.SourceURL == *m.SourceURL {
				return fmt.Errorf("article %d is already saved under that address", oid)
			}
		}
		a.SourceURL = *m.SourceURL
	}
	for _, p := range []struct {
		v   *string
		dst *string
	}{{m.Title, &a.Title}, {m.Byline, &a.Byline}, {m.SiteName, &a.SiteName}} {
		if p.v != nil {
			*p.dst = *p.v
		}
	}
	if m.Published != nil {
		a.Published = *m.Published
	}
	f.version++
	return nil
}

func (f *fakeLib) DeleteView(ctx context.Context, name string) error {
	f.call("DeleteView %s", name)
	f.mu.Lock()
	defer f.mu.Unlock()
	n := len(f.views)
	f.views = slices.DeleteFunc(f.views, func(v store.View) bool { return strings.EqualFold(v.Name, name) })
	if len(f.views) == n {
		return store.ErrNotFound
	}
	return nil
}
