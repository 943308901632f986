package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// Readeck's export zip (readeck export, internal/portability) holds
// data.json (users, collections and the list of bookmarks) and, per
// bookmark, bookmarks/<uid>/info.json: the bookmark record encoded by Go
// without JSON tags ("URL", "IsArchived", "ReadProgress", "Files", ...;
// annotations are {id,text,note,color,created}), with the files of the
// bookmark's container under bookmarks/<uid>/container/ (the article is
// Files.article.name, index.html). The API's snake_case names
// (is_archived, site_name, read_progress) are read as well, and a page
// stored as index.html beside info.json or as a zip of the container.
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
	// The record's Go field names where they are not the same word as
	// the API's (encoding/json matches the others without case).
	SiteNameGo     flexString `json:"SiteName"`
	IsArchivedGo   flexBool   `json:"IsArchived"`
	IsMarkedGo     flexBool   `json:"IsMarked"`
	ReadProgressGo flexNum    `json:"ReadProgress"`
	Files          map[string]struct {
		Name string `json:"name"`
	} `json:"Files"`
	Annotations []struct {
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
	count, withContent := 0, 0
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
		site := firstNonEmpty(string(e.SiteName), string(e.SiteNameGo), string(e.Site))
		e.IsArchived = e.IsArchived || e.IsArchivedGo
		e.IsMarked = e.IsMarked || e.IsMarkedGo
		e.ReadProgress = max(e.ReadProgress, e.ReadProgressGo)
		it := Item{
			Ref:       n,
			URL:       string(e.URL),
			Title:     string(e.Title),
			Author:    strings.Join(e.Authors, ", "),
			Site:      site,
			Language:  string(e.Lang),
			Excerpt:   string(e.Description),
			Tags:      e.Labels,
			Saved:     p.savedFlex(e.Created),
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
		article := ""
		if f, ok := e.Files["article"]; ok {
			article = f.Name
		}
		c, ref, err := readeckContent(src, path.Dir(n), article, have)
		if err != nil {
			return err
		}
		if c != "" || ref != nil {
			withContent++
		}
		it.Content, it.ref = c, ref
		if err := p.add(it); err != nil {
			return err
		}
	}
	p.parts = append(p.parts, fmt.Sprintf("%s %s", thousands(count), plural(count, "bookmark", "bookmarks")))
	if withContent > 0 {
		p.parts = append(p.parts, fmt.Sprintf("%s with content", thousands(withContent)))
	}
	return nil
}

// readeckContent finds a bookmark's stored page in its directory: the
// container's article, index.html, or index.html inside a zip there. A
// source opened from disk gives where the page is instead (Open).
func readeckContent(src source, dir, article string, have map[string]bool) (string, *contentRef, error) {
	names := []string{"container/index.html", "index.html", "content.html", "article.html"}
	if article != "" {
		names = append([]string{path.Join("container", article)}, names...)
	}
	for _, f := range names {
		if n := dir + "/" + f; have[n] {
			return stored(src, n)
		}
	}
	for _, f := range []string{"container.zip", "bookmark.zip", path.Base(dir) + ".zip"} {
		n := dir + "/" + f
		if !have[n] {
			continue
		}
		b, err := readAll(src, n, maxEntryBytes)
		if err != nil {
			return "", nil, err
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
			return "", nil, err
		}
		for _, in := range inner.names() {
			if base(in) == "index.html" {
				s, _, err := stored(inner, in)
				if err != nil || s == "" {
					return "", nil, err
				}
				if ref := locate(src, n); ref != nil {
					ref.inner = in
					return "", ref, nil
				}
				return s, nil, nil
			}
		}
	}
	return "", nil, nil
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

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
