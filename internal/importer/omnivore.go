package importer

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
)

var omnivoreMetadata = regexp.MustCompile(`^metadata_.*\.json$`)

func isOmnivoreMetadata(n string) bool { return omnivoreMetadata.MatchString(base(n)) }

// omnivoreEntry is one element of an Omnivore metadata_*.json.
type omnivoreEntry struct {
	ID              flexString `json:"id"`
	Slug            flexString `json:"slug"`
	Title           flexString `json:"title"`
	Description     flexString `json:"description"`
	Author          flexString `json:"author"`
	URL             flexString `json:"url"`
	State           flexString `json:"state"`
	ReadingProgress flexNum    `json:"readingProgress"`
	Labels          flexNames  `json:"labels"`
	SavedAt         flexTime   `json:"savedAt"`
	PublishedAt     flexTime   `json:"publishedAt"`
}

// omnivoreFiles finds an item's content and highlights in the zip.
type omnivoreFiles interface {
	content(slug string) string
	highlights(slug string) []Highlight
}

// parseOmnivoreMetadata reads one metadata file. State ARCHIVED is
// Archived; DELETED items are left out; readingProgress (0..100) is the
// progress, 100 is Done. Labels (strings or {name,color}) are tags.
func (p *parser) parseOmnivoreMetadata(name string, r io.Reader, files omnivoreFiles) error {
	return p.jsonArray(name, r, func(raw json.RawMessage, ref string) error {
		var e omnivoreEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			p.problem("%s: %s", ref, jsonErr(err))
			return nil
		}
		state := strings.ToUpper(strings.TrimSpace(string(e.State)))
		if state == "DELETED" {
			return nil
		}
		it := Item{
			Ref:       ref,
			URL:       string(e.URL),
			Title:     string(e.Title),
			Author:    string(e.Author),
			Excerpt:   string(e.Description),
			Tags:      e.Labels,
			Saved:     e.SavedAt.t,
			Published: e.PublishedAt.t,
			Archived:  state == "ARCHIVED",
			Progress:  float64(e.ReadingProgress) / 100,
			Done:      e.ReadingProgress >= 100,
		}
		if files != nil && e.Slug != "" {
			it.Content = files.content(string(e.Slug))
			it.Highlights = files.highlights(string(e.Slug))
		}
		return p.add(it)
	})
}

// omnivoreZip reads content/{slug}.html and highlights/{slug}.md.
type omnivoreZip struct {
	p     *parser
	src   source
	have  map[string]bool
	err   error // the first limit error; it ends the parse
	count int   // content files read
}

func (o *omnivoreZip) find(dir, slug, ext string) string {
	want := dir + "/" + slug + ext
	if o.have[want] {
		return want
	}
	return ""
}

func (o *omnivoreZip) read(n string, max int64) string {
	if n == "" || o.err != nil {
		return ""
	}
	b, err := readAll(o.src, n, max)
	if err != nil {
		o.err = err
		return ""
	}
	return string(b)
}

func (o *omnivoreZip) content(slug string) string {
	n := o.find("content", slug, ".html")
	if n == "" {
		return ""
	}
	o.count++
	s := o.read(n, maxEntryBytes)
	if len(s) > maxContentBytes {
		return ""
	}
	return s
}

func (o *omnivoreZip) highlights(slug string) []Highlight {
	return parseOmnivoreHighlights(o.read(o.find("highlights", slug, ".md"), maxEntryBytes))
}

// parseOmnivoreZip reads every metadata_*.json, with each item's content
// and highlights from the same directory level.
func (p *parser) parseOmnivoreZip(src source) error {
	o := &omnivoreZip{p: p, src: src, have: map[string]bool{}}
	var metas []string
	for _, n := range src.names() {
		if isOmnivoreMetadata(n) {
			metas = append(metas, n)
		}
	}
	for _, m := range metas {
		// content/ and highlights/ sit next to the metadata file.
		dir := ""
		if i := strings.LastIndexByte(m, '/'); i >= 0 {
			dir = m[:i+1]
		}
		clear(o.have)
		for _, n := range src.names() {
			if strings.HasPrefix(n, dir) {
				o.have[strings.TrimPrefix(n, dir)] = true
			}
		}
		sub := &prefixed{source: src, dir: dir}
		o.src = sub
		rc, err := src.open(m)
		if err != nil {
			return err
		}
		err = p.parseOmnivoreMetadata(m, bufio.NewReader(rc), o)
		rc.Close()
		if o.err != nil {
			return o.err
		}
		if err != nil {
			return err
		}
	}
	p.parts = append(p.parts, fmt.Sprintf("%d metadata %s", len(metas), plural(len(metas), "file", "files")))
	if o.count > 0 {
		p.parts = append(p.parts, fmt.Sprintf("%s with content", thousands(o.count)))
	}
	return nil
}

// prefixed is a source seen from one of its directories.
type prefixed struct {
	source
	dir string
}

func (s *prefixed) open(name string) (io.ReadCloser, error) { return s.source.open(s.dir + name) }

// parseOmnivoreHighlights reads highlights/{slug}.md: blocks of "> quote"
// lines, then optionally a line of #label words, then the note, blocks
// separated by a blank line before the next "> ". Labels go through the
// label rule.
func parseOmnivoreHighlights(md string) []Highlight {
	if strings.TrimSpace(md) == "" {
		return nil
	}
	var out []Highlight
	var quote, note []string
	var labels []string
	inQuote := false
	flush := func() {
		if len(quote) > 0 || len(note) > 0 {
			h := Highlight{Quote: strings.Join(quote, "\n"), Note: strings.TrimSpace(strings.Join(note, "\n"))}
			for _, l := range labels {
				applyLabel(&h, l)
			}
			if len(out) < maxHighlights {
				out = append(out, h)
			}
		}
		quote, note, labels = nil, nil, nil
	}
	for _, l := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		if strings.HasPrefix(l, ">") {
			if !inQuote && (len(quote) > 0 || len(note) > 0 || len(labels) > 0) {
				flush()
			}
			inQuote = true
			quote = append(quote, strings.TrimPrefix(strings.TrimPrefix(l, ">"), " "))
			continue
		}
		inQuote = false
		t := strings.TrimSpace(l)
		if t == "" {
			if len(note) > 0 {
				note = append(note, "")
			}
			continue
		}
		if len(note) == 0 && isLabelLine(t) {
			for _, f := range strings.Fields(t) {
				labels = append(labels, strings.TrimPrefix(f, "#"))
			}
			continue
		}
		note = append(note, l)
	}
	flush()
	return out
}

// isLabelLine is a line of #words only.
func isLabelLine(t string) bool {
	for _, f := range strings.Fields(t) {
		if len(f) < 2 || f[0] != '#' || f[1] == '#' {
			return false
		}
	}
	return true
}
