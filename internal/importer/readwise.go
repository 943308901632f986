package importer

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// parseReadwise reads either of Readwise's CSVs, told apart by header:
// Reader's library (Title,URL,ID,Document tags,Saved date,Reading
// progress,Location,Seen) or the highlights export (Highlight,Book
// Title,Book Author,...).
func (p *parser) parseReadwise(name string, r io.Reader) error {
	t, err := openTable(name, r)
	if err != nil {
		return err
	}
	if t.has("highlight") {
		return p.parseReadwiseHighlights(t)
	}
	if !t.has("url") {
		return fmt.Errorf("%s: neither a URL nor a Highlight column in the CSV header", name)
	}
	// Reader's library. Location: archive -> Archived, shortlist ->
	// Starred (Reader's "favourites" list), new/later -> inbox, feed ->
	// inbox with the tag "feed" (feed items were delivered, not saved).
	// The document tag "favorite" (Reader's star) is Starred, not a tag.
	// Reading progress is a fraction (0.42) or a percentage (42, "42%").
	return p.rows(t, func(rec []string, ref string) error {
		it := Item{
			Ref:      ref,
			URL:      t.get(rec, "url"),
			Title:    t.get(rec, "title"),
			Tags:     parseList(t.get(rec, "document tags"), ","),
			Saved:    p.savedDate(t.get(rec, "saved date")),
			Progress: parseProgress(t.get(rec, "reading progress")),
		}
		if i := slices.Index(it.Tags, "favorite"); i >= 0 {
			it.Starred = true
			it.Tags = slices.Delete(it.Tags, i, i+1)
		}
		switch strings.ToLower(strings.TrimSpace(t.get(rec, "location"))) {
		case "archive":
			it.Archived = true
		case "shortlist":
			it.Starred = true
		case "feed":
			it.Tags = append(it.Tags, "feed")
		}
		it.Done = it.Progress >= 0.99
		return p.add(it)
	})
}

// parseProgress reads 0.42, 42, or "42%" as a fraction.
func parseProgress(s string) float64 {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	if err != nil {
		return 0
	}
	if pct || f > 1 {
		f /= 100
	}
	return clamp01(f)
}

// parseReadwiseHighlights groups the highlights export's rows into one
// item per document (Book Title, and the URL column when the file has
// one), in the order documents first appear. A document without a URL
// keeps its title and an empty URL: the runner makes its text of its
// highlights and knows it by title and author. Note is the highlight's note; Tags and Color go through the
// label rule (a margin label's name is the label, others are tags).
func (p *parser) parseReadwiseHighlights(t *table) error {
	p.noURL = true
	defer func() { p.noURL = false }() // only this file's documents may lack one
	urlCol := ""
	for _, c := range []string{"url", "source url", "document url"} {
		if t.has(c) {
			urlCol = c
			break
		}
	}
	index := map[string]int{}
	var docs []Item
	err := p.rows(t, func(rec []string, ref string) error {
		if err := p.ctx.Err(); err != nil {
			return err
		}
		title := t.get(rec, "book title")
		u := ""
		if urlCol != "" {
			u = strings.TrimSpace(t.get(rec, urlCol))
		}
		if u != "" {
			if _, ok := cleanURL(u); !ok {
				p.problem("%s: %q is not an http(s) URL", ref, cut(line(u), 200))
				return nil
			}
		}
		key := title + "\x00" + u
		i, ok := index[key]
		if !ok {
			if len(docs) >= maxItems {
				return errTooMany()
			}
			i = len(docs)
			index[key] = i
			docs = append(docs, Item{
				Ref:    ref,
				URL:    u,
				Title:  title,
				Author: t.get(rec, "book author"),
				Tags:   parseList(t.get(rec, "document tags"), ","),
			})
		}
		h := Highlight{
			Quote:   t.get(rec, "highlight"),
			Note:    t.get(rec, "note"),
			Created: parseDate(t.get(rec, "highlighted at")),
		}
		for _, tag := range parseList(t.get(rec, "tags"), ",") {
			applyLabel(&h, tag)
		}
		applyLabel(&h, t.get(rec, "color"))
		if len(docs[i].Highlights) < maxHighlights {
			docs[i].Highlights = append(docs[i].Highlights, h)
		}
		// The export has no saved date: the first highlight is the
		// earliest the reader is known to have had the document.
		if c := h.Created; !c.IsZero() && (docs[i].Saved.IsZero() || c.Before(docs[i].Saved)) {
			docs[i].Saved = c
		}
		return nil
	})
	if err != nil {
		return err
	}
	p.parts = append(p.parts, "highlights export")
	for _, d := range docs {
		if err := p.add(d); err != nil {
			return err
		}
	}
	return nil
}
