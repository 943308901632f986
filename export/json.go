package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// The W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/)
// in its JSON-LD serialisation.
const annoContext = "http://www.w3.org/ns/anno.jsonld"

type annoCollection struct {
	Context string   `json:"@context"`
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Label   string   `json:"label"`
	Total   int      `json:"total"`
	First   annoPage `json:"first"`
}

type annoPage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	StartIndex int          `json:"startIndex"`
	Items      []annotation `json:"items"`
}

type annotation struct {
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Motivation string     `json:"motivation"`
	Created    string     `json:"created,omitempty"`
	Modified   string     `json:"modified,omitempty"`
	Body       []annoBody `json:"body,omitempty"`
	Target     annoTarget `json:"target"`
}

type annoBody struct {
	Type    string `json:"type"`
	Value   string `json:"value,omitempty"`
	Format  string `json:"format,omitempty"`
	Source  string `json:"source,omitempty"`
	Purpose string `json:"purpose"`
}

type annoTarget struct {
	Source   string         `json:"source"`
	Selector []annoSelector `json:"selector,omitempty"` // none: the whole article
}

type annoSelector struct {
	Type   string  `json:"type"`
	Exact  *string `json:"exact,omitempty"`
	Prefix string  `json:"prefix,omitempty"`
	Suffix string  `json:"suffix,omitempty"`
	Start  *int    `json:"start,omitempty"`
	End    *int    `json:"end,omitempty"`
}

// JSON renders the highlights as a W3C Web Annotation collection (JSON-LD):
// first the annotations on the whole article (the reader's note on it,
// motivation "commenting", and its tags, motivation "tagging"; both target
// the source without a selector), then one Annotation
// per highlight, targeting the article with a
// TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector, both
// over the article's plain text as render.PlainText defines it (what
// `margin show ID --text` prints): positions count code points of that
// text, and prefix+exact+suffix occurs in it at the position. An orphan
// (a highlight that could not be placed in the current text) has no
// position, keeps the quote it was made on, and carries a tagging body
// "orphan". Bodies: the note (TextualBody, purpose "commenting"), the label
// (purpose "tagging") and the claim it is linked to (purpose "linking").
// Motivation is "commenting" when there is a note, else "highlighting". The
// target's source is the article's web address, or for a local file or
// pasted text urn:margin:source:ID (never the collection's own id).
func JSON(a *store.Article, hs []store.Highlight, opt Options) ([]byte, error) {
	d, err := build(a, hs, opt, nil)
	if err != nil {
		return nil, err
	}
	coll := "urn:margin:article:" + strconv.FormatInt(a.ID, 10)
	source := d.URL
	if !isWebURL(source) {
		source = "urn:margin:source:" + strconv.FormatInt(a.ID, 10)
	}
	c := annoCollection{
		Context: annoContext,
		ID:      coll,
		Type:    "AnnotationCollection",
		Label:   d.Title,
		Total:   len(d.Highlights),
		First: annoPage{
			ID:    coll + ":page:0",
			Type:  "AnnotationPage",
			Items: []annotation{},
		},
	}
	var pt *render.PlainText
	if a.Markdown != "" {
		pt = render.NewPlainText(a.Markdown)
	}
	c.First.Items = append(c.First.Items, articleAnnotations(a, d.Note, coll, source)...)
	byID := make(map[int64]store.Highlight, len(hs))
	for _, h := range hs {
		byID[h.ID] = h
	}
	for _, h := range d.Highlights {
		an := annotation{
			ID:         annoID(a.ID, h.MarginID),
			Type:       "Annotation",
			Motivation: "highlighting",
			Created:    h.DateHighlighted,
			Modified:   h.Updated,
		}
		if h.Note != "" {
			an.Motivation = "commenting"
			an.Body = append(an.Body, annoBody{Type: "TextualBody", Value: h.Note, Format: "text/markdown", Purpose: "commenting"})
		}
		an.Body = append(an.Body, annoBody{Type: "TextualBody", Value: h.Label, Purpose: "tagging"})
		if h.Supports != "" {
			for _, w := range d.Highlights {
				if w.ID == h.Supports {
					an.Body = append(an.Body, annoBody{Type: "SpecificResource", Source: annoID(a.ID, w.MarginID), Purpose: "linking"})
				}
			}
		}
		sel, placed := selectors(pt, byID[h.MarginID])
		if !placed {
			an.Body = append(an.Body, annoBody{Type: "TextualBody", Value: "orphan", Purpose: "tagging"})
		}
		an.Target = annoTarget{Source: source, Selector: sel}
		c.First.Items = append(c.First.Items, an)
	}
	c.Total = len(c.First.Items)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	// "&" and "<" as they are: the file is read by people and tools, not
	// pasted into HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("export article %d as JSON: %w", a.ID, err)
	}
	return buf.Bytes(), nil
}

// articleAnnotations are the annotations on the whole article: the
// reader's note on it (motivation "commenting", a Markdown body) and its
// tags (motivation "tagging", one tagging body per tag). They come first
// and target the source without a selector.
func articleAnnotations(a *store.Article, note, coll, source string) []annotation {
	var out []annotation
	if note != "" {
		out = append(out, annotation{ID: coll + ":note", Type: "Annotation", Motivation: "commenting",
			Body:   []annoBody{{Type: "TextualBody", Value: note, Format: "text/markdown", Purpose: "commenting"}},
			Target: annoTarget{Source: source}})
	}
	if len(a.Tags) > 0 {
		an := annotation{ID: coll + ":tags", Type: "Annotation", Motivation: "tagging", Target: annoTarget{Source: source}}
		for _, t := range a.Tags {
			an.Body = append(an.Body, annoBody{Type: "TextualBody", Value: sanitize.Line(t), Purpose: "tagging"})
		}
		out = append(out, an)
	}
	return out
}

// quoteContext is how much context a TextQuoteSelector carries on each
// side: whole code points, at most 32 UTF-16 units (32 characters unless
// some are astral, such as emoji). JavaScript matchers count UTF-16 units,
// and the bitap search of diff-match-patch (dom-anchor-text-quote, which
// Hypothesis-style tools use) refuses a pattern longer than 32.
const quoteContext = 32

// selectors describes a highlight in the plain text: a quote selector whose
// exact, prefix and suffix are slices of the text, and a position selector
// in code points. An orphan, or a highlight that covers no text, gets only
// the quote it was made on, its block breaks made single newlines.
func selectors(pt *render.PlainText, h store.Highlight) ([]annoSelector, bool) {
	if pt != nil && !h.Orphan {
		if a, b, ok := pt.Span(h.Start, h.End); ok {
			t := pt.Text
			exact := t[a:b]
			pa := a
			for n := 0; pa > 0; {
				r, sz := utf8.DecodeLastRuneInString(t[:pa])
				if n += utf16.RuneLen(r); n > quoteContext {
					break
				}
				pa -= sz
			}
			pb := b
			for n := 0; pb < len(t); {
				r, sz := utf8.DecodeRuneInString(t[pb:])
				if n += utf16.RuneLen(r); n > quoteContext {
					break
				}
				pb += sz
			}
			s := utf8.RuneCountInString(t[:a])
			e := s + utf8.RuneCountInString(exact)
			return []annoSelector{
				{Type: "TextQuoteSelector", Exact: &exact, Prefix: t[pa:a], Suffix: t[b:pb]},
				{Type: "TextPositionSelector", Start: &s, End: &e},
			}, true
		}
	}
	exact := singleBreaks(sanitize.Text(h.Exact))
	return []annoSelector{{Type: "TextQuoteSelector", Exact: &exact,
		Prefix: singleBreaks(sanitize.Text(h.Prefix)), Suffix: singleBreaks(sanitize.Text(h.Suffix))}}, false
}

// singleBreaks turns the blank lines between blocks of a stored quote into
// the single newline of the plain text form.
func singleBreaks(s string) string {
	for strings.Contains(s, "\n\n") {
		s = strings.ReplaceAll(s, "\n\n", "\n")
	}
	return s
}

func annoID(article, highlight int64) string {
	return "urn:margin:article:" + strconv.FormatInt(article, 10) + ":highlight:" + strconv.FormatInt(highlight, 10)
}
