package importer

import (
	"io"
	"strings"
)

// wallabagEntry is one element of wallabag v2's JSON export.
type wallabagEntry struct {
	Title       flexString `json:"title"`
	URL         flexString `json:"url"`
	IsArchived  flexBool   `json:"is_archived"`
	IsStarred   flexBool   `json:"is_starred"`
	CreatedAt   flexTime   `json:"created_at"`
	PublishedAt flexTime   `json:"published_at"`
	PublishedBy flexNames  `json:"published_by"`
	Content     flexString `json:"content"`
	Language    flexString `json:"language"`
	DomainName  flexString `json:"domain_name"`
	Tags        flexNames  `json:"tags"`
	Annotations []struct {
		Text      flexString `json:"text"`
		Quote     flexString `json:"quote"`
		CreatedAt flexTime   `json:"created_at"`
	} `json:"annotations"`
}

// parseWallabag reads wallabag's JSON export one entry at a time.
// is_archived means read and put away: Archived and Done. An annotation's
// text is its note, its quote the passage. content is the stored HTML.
func (p *parser) parseWallabag(name string, r io.Reader) error {
	return p.jsonArray(name, r, func(decode func(v any) error, ref string) error {
		var e wallabagEntry
		if err := decode(&e); err != nil {
			if err == errSkip {
				return nil
			}
			return err
		}
		it := Item{
			Ref:       ref,
			URL:       string(e.URL),
			Title:     string(e.Title),
			Author:    strings.Join(e.PublishedBy, ", "),
			Site:      string(e.DomainName),
			Language:  string(e.Language),
			Tags:      e.Tags,
			Saved:     e.CreatedAt.t,
			Published: e.PublishedAt.t,
			Archived:  bool(e.IsArchived),
			Done:      bool(e.IsArchived),
			Starred:   bool(e.IsStarred),
			Content:   string(e.Content),
		}
		if p.file != nil {
			// Read again when the import needs it; the parse holds none.
			if n := len(e.Content); n > 0 && n <= maxContentBytes {
				it.ref = &contentRef{at: p.file, name: ref, start: p.span[0], end: p.span[1]}
			}
			it.Content, e.Content = "", ""
		}
		for _, a := range e.Annotations {
			it.Highlights = append(it.Highlights, Highlight{Quote: string(a.Quote), Note: string(a.Text), Created: a.CreatedAt.t})
		}
		return p.add(it)
	})
}
