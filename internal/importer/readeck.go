package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// Readeck's export zip holds data.json and, per bookmark,
// bookmarks/<uid>/info.json with the bookmark's fields and annotations,
// next to its stored page (index.html, or a zip of the page's files
// holding index.html).
func isReadeckInfo(n string) bool {
	return base(n) == "info.json" && strings.Contains("/"+n, "/bookmarks/")
}

// readeckInfo is one bookmarks/<uid>/info.json.
type readeckInfo struct {
	URL          flexString `json:"url"`
	Title        flexString `json:"title"`
	SiteName     flexString `json:"site_name"`
	Site         flexString `json:"site"`
	Authors      flexNames  `json:"authors"`
	Lang         flexString `json:"lang"`
	Description  flexString `json:"description"`
	Labels       flexNames  `json:"labels"`
	IsArchived   flexBool   `json:"is_archived"`
	IsMarked     flexBool   `json:"is_marked"`
	ReadProgress flexNum    `json:"read_progress"`
	Created      flexTime   `json:"created"`
	Published    flexTime   `json:"published"`
	Annotations  []struct {
		Text    flexString `json:"text"`
		Note    flexString `json:"note"`
		Color   flexString `json:"color"`
		Created flexTime   `json:"created"`
	} `json:"annotations"`
}

// parseReadeck reads every bookmark's info.json. is_archived is Archived,
// is_marked (Readeck's favourite) is Starred, labels are tags,
// read_progress (0..100) is the progress and 100 is Done. An annotation's
// text is the quote, its note the note, its colour goes through the label
// rule (yellow is a plain highlight, other colours are tags).
func (p *parser) parseReadeck(src source) error {
	have := map[string]bool{}
	for _, n := range src.names() {
		have[n] = true
	}
	count, stored := 0, 0
	for _, n := range src.names() {
		if !isReadeckInfo(n) {
			continue
		}
		if err := p.ctx.Err(); err != nil {
			return err
		}
		count++
		b, err := readAll(src, n, maxEntryBytes)
		if err != nil {
			return err
		}
		var e readeckInfo
		if err := json.Unmarshal(b, &e); err != nil {
			p.problem("%s: %s", n, jsonErrText(b, err))
			continue
		}
		site := string(e.SiteName)
		if site == "" {
			site = string(e.Site)
		}
		it := Item{
			Ref:       n,
			URL:       string(e.URL),
			Title:     string(e.Title),
			Author:    strings.Join(e.Authors, ", "),
			Site:      site,
			Language:  string(e.Lang),
			Excerpt:   string(e.Description),
			Tags:      e.Labels,
			Saved:     e.Created.t,
			Published: e.Published.t,
			Archived:  bool(e.IsArchived),
			Starred:   bool(e.IsMarked),
			Progress:  float64(e.ReadProgress) / 100,
			Done:      e.ReadProgress >= 100,
		}
		for _, a := range e.Annotations {
			h := Highlight{Quote: string(a.Text), Note: string(a.Note), Created: a.Created.t}
			applyLabel(&h, string(a.Color))
			it.Highlights = append(it.Highlights, h)
		}
		c, err := readeckContent(src, path.Dir(n), have)
		if err != nil {
			return err
		}
		if c != "" {
			stored++
		}
		it.Content = c
		if err := p.add(it); err != nil {
			return err
		}
	}
	p.parts = append(p.parts, fmt.Sprintf("%s %s", thousands(count), plural(count, "bookmark", "bookmarks")))
	if stored > 0 {
		p.parts = append(p.parts, fmt.Sprintf("%s with content", thousands(stored)))
	}
	return nil
}

// readeckContent finds a bookmark's stored page in its directory:
// index.html or content.html, or index.html inside a zip there.
func readeckContent(src source, dir string, have map[string]bool) (string, error) {
	for _, f := range []string{"index.html", "content.html", "article.html"} {
		if n := dir + "/" + f; have[n] {
			b, err := readAll(src, n, maxEntryBytes)
			if err != nil || len(b) > maxContentBytes {
				return "", err
			}
			return string(b), nil
		}
	}
	for _, f := range []string{"container.zip", "bookmark.zip", path.Base(dir) + ".zip"} {
		n := dir + "/" + f
		if !have[n] {
			continue
		}
		b, err := readAll(src, n, maxEntryBytes)
		if err != nil {
			return "", err
		}
		var bud *budget
		switch s := src.(type) {
		case *zipSource:
			bud = s.b
		case *dirSource:
			bud = s.b
		default:
			bud = &budget{maxTotalBytes}
		}
		inner, err := openInnerZip(b, src.label()+": "+n, bud)
		if err != nil {
			return "", err
		}
		for _, in := range inner.names() {
			if base(in) == "index.html" {
				b, err := readAll(inner, in, maxEntryBytes)
				if err != nil || len(b) > maxContentBytes {
					return "", err
				}
				return string(b), nil
			}
		}
	}
	return "", nil
}

// jsonErrText says where a small JSON document is broken.
func jsonErrText(b []byte, err error) string {
	var se *json.SyntaxError
	if e, ok := err.(*json.SyntaxError); ok {
		se = e
		return fmt.Sprintf("bad JSON at byte %d: %v", se.Offset, se)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return "empty file"
	}
	return jsonErr(err)
}
