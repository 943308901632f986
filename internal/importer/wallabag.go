package importer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// wallabagEntry is one element of wallabag v2's JSON export.
type wallabagEntry struct {
	Title       flexString      `json:"title"`
	URL         flexString      `json:"url"`
	IsArchived  flexBool        `json:"is_archived"`
	IsStarred   flexBool        `json:"is_starred"`
	CreatedAt   flexTime        `json:"created_at"`
	PublishedAt flexTime        `json:"published_at"`
	PublishedBy flexNames       `json:"published_by"`
	Content     json.RawMessage `json:"content"` // decoded only when kept (contentSize)
	Language    flexString      `json:"language"`
	DomainName  flexString      `json:"domain_name"`
	Tags        flexNames       `json:"tags"`
	Annotations []struct {
		Text      flexString `json:"text"`
		Quote     flexString `json:"quote"`
		CreatedAt flexTime   `json:"created_at"`
	} `json:"annotations"`
}

// parseWallabag reads wallabag's JSON export one entry at a time.
// is_archived means read and put away: Archived and Done. An annotation's
// text is its note, its quote the passage. content is the stored HTML.
// An export on disk is read by scanWallabag when it can.
func (p *parser) parseWallabag(name string, r io.Reader) error {
	if p.file != nil {
		if entries, ok := p.scanWallabag(r); ok {
			return p.addScanned(name, entries)
		}
		// Read again from the start, by the Decoder.
		f, err := p.file.open()
		if err != nil {
			return err
		}
		defer f.Close()
		r = bufio.NewReaderSize(io.LimitReader(f, maxStreamBytes), sniffBytes)
	}
	return p.jsonArray(name, r, func(decode func(v any) error, ref string) error {
		var e wallabagEntry
		if err := decode(&e); err != nil {
			if err == errSkip {
				return nil
			}
			return err
		}
		size := 0
		if p.file != nil {
			size = contentSize(e.Content)
		}
		return p.addWallabag(&e, ref, size, nil)
	})
}

// addScanned adds the entries scanWallabag read, as the Decoder's path
// adds them.
func (p *parser) addScanned(name string, entries []scanned) error {
	for i := range entries {
		s := &entries[i]
		ref := fmt.Sprintf("%s entry %d", name, i+1)
		if s.typeErr != nil {
			p.problem("%s: %s", ref, jsonErr(s.typeErr))
			continue
		}
		e := &s.entry
		e.Content = s.content
		size := 0
		switch {
		case s.content != nil:
			size = contentSize(s.content)
		case s.contentLen > 0:
			size = int(s.contentLen - 2) // a string's escapes each decode to at least one byte
		}
		p.span = s.span
		if err := p.addWallabag(e, ref, size, &s.at); err != nil {
			return err
		}
	}
	return nil
}

// addWallabag adds one entry; size is its content's (contentSize) when
// the export is on disk, and at where its content string is when the
// scan read it (else the entry's span is read again).
func (p *parser) addWallabag(e *wallabagEntry, ref string, size int, at *[2]int64) error {
	it := Item{
		Ref:       ref,
		URL:       string(e.URL),
		Title:     string(e.Title),
		Author:    strings.Join(e.PublishedBy, ", "),
		Site:      string(e.DomainName),
		Language:  string(e.Language),
		Tags:      e.Tags,
		Saved:     p.savedFlex(e.CreatedAt),
		Published: e.PublishedAt.t,
		Archived:  bool(e.IsArchived),
		Done:      bool(e.IsArchived),
		Starred:   bool(e.IsStarred),
	}
	if p.file != nil {
		// Read again when the import needs it; the parse holds none.
		if size > 0 && size <= maxContentBytes && !(size < 1024 && fetchFailed(rawText(e.Content))) {
			it.ref = &contentRef{at: p.file, name: ref, start: p.span[0], end: p.span[1]}
			if at != nil {
				it.ref.start, it.ref.end, it.ref.str = at[0], at[1], true
			}
		}
	} else if c := rawText(e.Content); !fetchFailed(c) {
		it.Content = c
	}
	for _, a := range e.Annotations {
		it.Highlights = append(it.Highlights, Highlight{Quote: string(a.Quote), Note: string(a.Text), Created: a.CreatedAt.t})
	}
	return p.add(it)
}

// fetchFailed is the content wallabag stores for an entry it could not
// fetch: its own sentence (wallabag.fetching_error_message) or graby's.
// Such an entry has no copy: the import fetches the page, or keeps it
// without text for --retry, rather than saving the sentence as the text.
func fetchFailed(content string) bool {
	c := strings.TrimSpace(content)
	return strings.HasPrefix(c, "wallabag can't retrieve contents for this article.") ||
		c == "[unable to retrieve full-text content]"
}

// rawText is a JSON value read as flexString reads it.
func rawText(raw json.RawMessage) string {
	var f flexString
	if len(raw) > 0 {
		f.UnmarshalJSON(raw)
	}
	return string(f)
}

// contentSize is 0 when rawText(raw) is empty, and at most
// maxContentBytes when it fits an item: the raw string's length (its
// escapes each decode to at least one byte), the text decoded only when
// that is over the limit. The parse of an export on disk only notes where
// each content is, and decoding each (about 100 KB of escaped HTML) was a
// third of an import's serial work.
func contentSize(raw json.RawMessage) int {
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return 0
	case raw[0] == '"' && len(raw)-2 <= maxContentBytes:
		return len(raw) - 2 // a string's escapes each decode to at least one byte
	}
	return len(rawText(raw))
}
