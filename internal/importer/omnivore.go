package importer

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"margin/store"
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
	content(slug string) (string, *contentRef)
	highlights(slug string) []Highlight
}

// parseOmnivoreMetadata reads one metadata file. State ARCHIVED is
// Archived; DELETED items are left out; readingProgress (0..100) is the
// progress, 100 is Done. Labels (strings or {name,color}) are tags.
func (p *parser) parseOmnivoreMetadata(name string, r io.Reader, files omnivoreFiles) error {
	return p.jsonArray(name, r, func(decode func(v any) error, ref string) error {
		var e omnivoreEntry
		if err := decode(&e); err != nil {
			if err == errSkip {
				return nil
			}
			return err
		}
		state := strings.ToUpper(strings.TrimSpace(string(e.State)))
		if state == "DELETED" {
			p.deleted++
			return nil
		}
		it := Item{
			Ref:       ref,
			URL:       string(e.URL),
			Title:     string(e.Title),
			Author:    string(e.Author),
			Excerpt:   string(e.Description),
			Tags:      e.Labels,
			Saved:     p.savedFlex(e.SavedAt),
			Published: e.PublishedAt.t,
			Archived:  state == "ARCHIVED",
			Progress:  float64(e.ReadingProgress) / 100,
			Done:      e.ReadingProgress >= 100,
		}
		if files != nil && e.Slug != "" {
			it.Content, it.ref = files.content(string(e.Slug))
			it.Highlights = files.highlights(string(e.Slug))
		}
		return p.add(it)
	})
}

// omnivoreZip reads content/{slug}.html and highlights/{slug}.md next to
// the metadata file being read (dir).
type omnivoreZip struct {
	src   source
	have  map[string]bool // every file of the source
	dir   string          // the metadata file's directory, "" or ending in '/'
	err   error           // the first limit error; it ends the parse
	count int             // content files read
}

func (o *omnivoreZip) read(n string) string {
	if !o.have[n] || o.err != nil {
		return ""
	}
	b, err := readAll(o.src, n, maxEntryBytes)
	if err != nil {
		o.err = err
		return ""
	}
	return string(b)
}

// content is the item's content/{slug}.html, or where it is (Open).
func (o *omnivoreZip) content(slug string) (string, *contentRef) {
	n := o.dir + "content/" + slug + ".html"
	if !o.have[n] {
		return "", nil
	}
	o.count++
	if o.err != nil {
		return "", nil
	}
	s, ref, err := stored(o.src, n)
	if err != nil {
		o.err = err
	}
	return s, ref
}

func (o *omnivoreZip) highlights(slug string) []Highlight {
	return parseOmnivoreHighlights(o.read(o.dir + "highlights/" + slug + ".md"))
}

// parseOmnivoreZip reads every metadata_*.json, with each item's content
// and highlights from the same directory level.
func (p *parser) parseOmnivoreZip(src source) error {
	o := &omnivoreZip{src: src, have: map[string]bool{}}
	var metas []string
	for _, n := range src.names() {
		o.have[n] = true
		if isOmnivoreMetadata(n) {
			metas = append(metas, n)
		}
	}
	for _, m := range metas {
		o.dir = ""
		if i := strings.LastIndexByte(m, '/'); i >= 0 {
			o.dir = m[:i+1]
		}
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
	p.parts = append(p.parts, fmt.Sprintf("%s metadata %s", thousands(len(metas)), plural(len(metas), "file", "files")))
	if o.count > 0 {
		p.parts = append(p.parts, fmt.Sprintf("%s with content", thousands(o.count)))
	}
	return nil
}

// parseOmnivoreHighlights reads highlights/{slug}.md as Omnivore wrote
// it (highlightToMarkdown, blocks joined by a blank line): "> " and the
// quote, whose further lines follow unprefixed (a paragraph break inside
// it is a line starting "> "), then after a blank line optionally a line
// of labels ("#claim #long read"), then after another blank line the
// note, which may run over several paragraphs (its own "> " lines too)
// until a "> " after a blank line. A note
// written on the article itself (no quote) comes out as a highlight
// without a quote; add moves it to the item's note. Labels go through the
// label rule.
func parseOmnivoreHighlights(md string) []Highlight {
	if strings.TrimSpace(md) == "" {
		return nil
	}
	var out []Highlight
	var quote, note, labels []string
	inQuote := false
	blank := true // the line before was blank (or there was none)
	flush := func() {
		h := Highlight{Quote: strings.TrimSpace(strings.Join(quote, "\n")), Note: strings.TrimSpace(strings.Join(note, "\n"))}
		if h.Quote != "" || h.Note != "" {
			for _, l := range labels {
				applyLabel(&h, l)
			}
			if len(out) < maxHighlights {
				out = append(out, h)
			}
		}
		quote, note, labels = nil, nil, nil
	}
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		// Omnivore sets a blank line under its labels: a "#" line with
		// text right under it is the note's first line ("#1 reason").
		alone := i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == ""
		prevBlank := blank
		blank = t == ""
		switch {
		case strings.HasPrefix(l, ">") && (inQuote || prevBlank):
			// Highlights are joined by a blank line: a "> " right under a
			// note's text is the note's own quote.
			if !inQuote {
				flush()
			}
			inQuote = true
			quote = append(quote, strings.TrimPrefix(strings.TrimPrefix(l, ">"), " "))
		case t == "":
			inQuote = false
			if len(note) > 0 {
				note = append(note, "")
			}
		case inQuote:
			quote = append(quote, l) // the quote's next line
		case len(quote) > 0 && len(note) == 0 && len(labels) == 0 && alone && isLabelLine(t):
			for _, f := range strings.Split(t[1:], " #") {
				if f = strings.TrimSpace(f); f != "" {
					labels = append(labels, f)
				}
			}
		default:
			note = append(note, l)
		}
	}
	flush()
	return out
}

// isLabelLine is a line of #labels, not a Markdown heading, nor a note
// that starts with "#": each label must be one margin keeps (a label or
// a tag), or the line would be lost.
func isLabelLine(t string) bool {
	if len(t) < 2 || t[0] != '#' || t[1] == ' ' || t[1] == '#' {
		return false
	}
	for _, f := range strings.Split(t[1:], " #") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if l, _ := labelFor(f); l == "" {
			if _, ok := store.CleanTag(f); !ok {
				return false
			}
		}
	}
	return true
}
