package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

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
	now      time.Time
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

func (f *fakeLib) Search(ctx context.Context, q string, limit int) ([]store.SearchResult, error) {
	f.call("Search %s", q)
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

func (f *fakeLib) Delete(ctx context.Context, id int64) error {
	f.call("Delete %d", id)
	delete(f.arts, id)
	return nil
}

func (f *fakeLib) SetState(ctx context.Context, id int64, st store.State) error {
	f.call("SetState %d %s", id, st)
	f.arts[id].State = st
	return nil
}

func (f *fakeLib) SetPosition(ctx context.Context, id int64, off int, progress float64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.call("SetPosition %d %d %.2f", id, off, progress)
	f.arts[id].Position, f.arts[id].Progress, f.arts[id].Opened = off, progress, f.now
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
	h.ID = f.nextHL
	f.nextHL++
	f.call("AddHighlight %d [%d,%d) %q %s", h.ID, h.Start, h.End, h.Exact, h.Label)
	c := *h
	f.hls[h.ID] = &c
	return h.ID, nil
}

func (f *fakeLib) UpdateHighlight(ctx context.Context, h *store.Highlight) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.failAdd != nil {
		return f.failAdd
	}
	f.call("UpdateHighlight %d %s note=%q supports=%d", h.ID, h.Label, h.Note, h.Supports)
	c := *h
	f.hls[h.ID] = &c
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
