package library

import (
	"context"
	"strings"

	"margin/render"
	"margin/store"
)

// Misplaced finds placed highlights whose offsets do not cover
// their quote in the article's current text: what a writer holding an
// older text would leave behind.
func (l *Library) Misplaced(ctx context.Context) ([]store.Misplaced, error) {
	st := l.Store
	hs, err := st.AllHighlights(ctx, store.HighlightFilter{})
	if err != nil {
		return nil, err
	}
	var out []store.Misplaced
	var art *store.Article
	var text *render.Text
	for _, h := range hs {
		if h.Orphan {
			continue
		}
		if art == nil || art.ID != h.ArticleID {
			if art, err = st.Article(ctx, h.ArticleID); err != nil {
				return nil, err
			}
			text = render.Parse(art.Markdown)
		}
		covers := ""
		if h.Start >= 0 && h.End > h.Start && h.End <= len(art.Markdown) {
			covers = text.QuoteAt(h.Start, h.End).Exact
		}
		if words(covers) != words(h.Exact) {
			out = append(out, store.Misplaced{Highlight: h, Covers: covers})
		}
	}
	return out, nil
}

// Repair places each misplaced highlight again by its quote, or
// keeps it as an orphan; it returns how many were placed and orphaned.
func (l *Library) Repair(ctx context.Context, ms []store.Misplaced) (placed, orphaned int, err error) {
	st := l.Store
	for _, m := range ms {
		a, err := st.Article(ctx, m.ArticleID)
		if err != nil {
			return placed, orphaned, err
		}
		h := m.Highlight
		t := render.Parse(a.Markdown)
		start, end, ok := t.Reanchor(render.Quote{Exact: h.Exact, Prefix: h.Prefix, Suffix: h.Suffix, Start: h.Start, End: h.End})
		pl := store.Place{TextRevision: a.TextRevision}
		if ok && end > start {
			q := t.QuoteAt(start, end)
			pl = store.Place{Start: start, End: end, Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix, TextRevision: a.TextRevision}
		}
		if err := st.RepairHighlight(ctx, h.ID, pl, ok && end > start); err != nil {
			return placed, orphaned, err
		}
		if ok && end > start {
			placed++
		} else {
			orphaned++
		}
	}
	return placed, orphaned, nil
}

func words(s string) string { return strings.Join(strings.Fields(s), " ") }
