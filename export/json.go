package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

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
	Selector []annoSelector `json:"selector"`
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
// one Annotation per highlight, targeting the article's URL with a
// TextQuoteSelector (exact, prefix, suffix) and, unless orphaned, a
// TextPositionSelector (code point offsets into the article's Markdown).
// Bodies: the note (TextualBody, purpose "commenting"), the label
// (purpose "tagging") and the claim it supports (purpose "linking").
// Motivation is "commenting" when there is a note, else "highlighting".
func JSON(a *store.Article, hs []store.Highlight, opt Options) ([]byte, error) {
	d, err := build(a, hs, opt, nil)
	if err != nil {
		return nil, err
	}
	coll := "urn:margin:article:" + strconv.FormatInt(a.ID, 10)
	source := d.URL
	if !isWebURL(source) {
		source = coll
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
	cp := newCodePoints(a.Markdown)
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
		exact := h.Text
		an.Target = annoTarget{
			Source:   source,
			Selector: []annoSelector{{Type: "TextQuoteSelector", Exact: &exact, Prefix: h.Prefix, Suffix: h.Suffix}},
		}
		if !h.Orphan {
			if s, e, ok := cp.span(h.Location, locEnd(hs, h.MarginID)); ok {
				an.Target.Selector = append(an.Target.Selector, annoSelector{Type: "TextPositionSelector", Start: &s, End: &e})
			}
		}
		c.First.Items = append(c.First.Items, an)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("export article %d as JSON: %w", a.ID, err)
	}
	return buf.Bytes(), nil
}

func annoID(article, highlight int64) string {
	return "urn:margin:article:" + strconv.FormatInt(article, 10) + ":highlight:" + strconv.FormatInt(highlight, 10)
}

func locEnd(hs []store.Highlight, id int64) int {
	for _, h := range hs {
		if h.ID == id {
			return h.End
		}
	}
	return -1
}

// codePoints converts byte offsets of a text into code point offsets, which
// is what a TextPositionSelector counts.
type codePoints struct{ s string }

func newCodePoints(s string) codePoints { return codePoints{s} }

func (c codePoints) span(start, end int) (int, int, bool) {
	if c.s == "" || start < 0 || end > len(c.s) || start >= end {
		return 0, 0, false
	}
	if !utf8.RuneStart(c.s[start]) || end < len(c.s) && !utf8.RuneStart(c.s[end]) {
		return 0, 0, false
	}
	s := utf8.RuneCountInString(c.s[:start])
	return s, s + utf8.RuneCountInString(c.s[start:end]), true
}
