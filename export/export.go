// Package export turns an article's highlights and notes into files people
// keep: Markdown for a notes vault (front matter, one blockquote per
// highlight, label tags, notes, block ids, the argument outline) and W3C Web
// Annotation JSON-LD for other tools. It also names and writes those files
// safely. It depends on the store only for its types.
package export

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"

	"margin/sanitize"
	"margin/store"
)

// Options chooses what an export contains.
type Options struct {
	// Labels keeps only highlights with these labels; empty keeps all.
	Labels []string
	// Full includes the whole clean article with the highlights marked.
	Full bool
	// Template, when set, replaces the default Markdown layout.
	Template *template.Template
}

// Data is what a Markdown template sees. Field names follow Omnivore's and
// Readwise's export variables so their users recognise them.
type Data struct {
	ID            int64  // margin's article id
	Title         string // plain text, control characters removed
	Author        string
	SiteName      string
	URL           string // the original web address (canonical when known); "" for a local file or pasted text
	MarginURL     string // margin://ID, which `margin open` opens
	OpenCommand   string // margin open ID
	State         string // Inbox, Reading, Completed or Archived (Omnivore's states)
	Language      string
	Excerpt       string
	DateSaved     string // RFC 3339, e.g. 2026-11-25T06:00:00Z
	DatePublished string // 2006-01-02, "" when unknown
	Saved         time.Time
	Published     time.Time // zero when unknown
	WordsCount    int
	ReadLength    int      // minutes
	Labels        []string // labels used by the exported highlights, in margin's order
	Tags          []string // tags for the note: "margin", then the article's own tags
	// Note is the reader's note on the whole article, Markdown (in
	// Markdown exports made safe to embed); "" for none.
	Note string
	// Highlights are all exported highlights in reading order, orphans last.
	Highlights []Highlight
	// Orphans are the highlights that could not be placed in the current text.
	Orphans []Highlight
	// Claims is the argument: each claim with what is linked to it.
	Claims []Claim
	// Content is the article Markdown with highlights wrapped in ==...==;
	// only filled with Options.Full.
	Content string
	// FrontMatter is the default YAML front matter, "---" lines included.
	FrontMatter string
}

// Highlight is one highlight as a template sees it.
type Highlight struct {
	ID              string    // stable block id, e.g. hl-1x2y3z (link with [[#^hl-1x2y3z]])
	Text            string    // the passage as the reader highlighted it, plain text
	Quote           string    // Text as a Markdown blockquote; a passage across a list, table or code keeps those blocks
	Now             string    // the passage as the article reads now, when a refresh reworded it; else ""
	Prefix          string    // plain text just before it
	Suffix          string    // plain text just after it
	Note            string    // the reader's note, Markdown (in Markdown exports made safe to embed: see neutralize)
	Label           string    // highlight, claim, evidence, question or disagree
	Tag             string    // the label as a tag: "#claim"
	Color           string    // the label's colour name: yellow, purple, green, blue, red
	Location        int       // byte offset of the passage in the article's Markdown
	Position        int       // 1-based place in reading order
	DateHighlighted string    // RFC 3339
	Updated         string    // RFC 3339
	Created         time.Time // when it was made, for {{date "2006-01-02" .Created}}
	MarginURL       string    // margin://ARTICLE?highlight=ID: opens the article in margin
	Orphan          bool      // could not be re-anchored after the text changed
	Supports        string    // block id of the claim this is linked to, "" for none
	MarginID        int64     // margin's highlight id
}

// Claim is a claim with the highlights linked to it.
type Claim struct {
	Highlight
	Evidence      []Highlight
	Questions     []Highlight
	Disagreements []Highlight
	Linked        []Highlight // all of the above, in reading order
}

// ShortID returns a highlight's stable block id: "hl-" and base 36 of a hash
// of its article and highlight ids. It is the same on every export, and
// unlike the bare number it does not collide across articles in one vault.
func ShortID(h store.Highlight) string {
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], uint64(h.ArticleID))
	binary.BigEndian.PutUint64(buf[8:], uint64(h.ID))
	sum := sha256.Sum256(append([]byte("margin-highlight\x00"), buf[:]...))
	// 40 bits: 200 highlights in one article collide with odds of 1 in 50 million.
	n := binary.BigEndian.Uint64(sum[:8]) >> 24
	return "hl-" + strconv.FormatUint(n, 36)
}

// build gathers the data shared by every output format. note, if not nil,
// prepares notes for embedding (Markdown neutralizes them; JSON keeps them
// as written).
func build(a *store.Article, hs []store.Highlight, opt Options, note func(string) string) (*Data, error) {
	if a == nil {
		return nil, fmt.Errorf("export: no article")
	}
	keep, err := labelFilter(opt.Labels)
	if err != nil {
		return nil, err
	}
	sel := make([]store.Highlight, 0, len(hs))
	for _, h := range hs {
		h.Label = normLabel(h.Label)
		if keep == nil || keep[h.Label] {
			sel = append(sel, h)
		}
	}
	slices.SortStableFunc(sel, func(x, y store.Highlight) int {
		if x.Orphan != y.Orphan {
			if x.Orphan {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End), cmp.Compare(x.ID, y.ID))
	})

	d := &Data{
		ID:          a.ID,
		Title:       sanitize.Text(a.Title),
		Author:      sanitize.Text(a.Byline),
		SiteName:    sanitize.Text(a.SiteName),
		URL:         webURL(a),
		MarginURL:   MarginURL(a.ID, 0),
		OpenCommand: "margin open " + strconv.FormatInt(a.ID, 10),
		State:       articleState(a),
		Language:    sanitize.Text(a.Language),
		Excerpt:     sanitize.Text(a.Excerpt),
		Saved:       a.Added,
		Published:   a.Published,
		WordsCount:  a.WordCount,
		ReadLength:  a.ReadingMinutes,
		Tags:        noteTags(a.Tags),
		Labels:      []string{},
		Note:        strings.Trim(sanitize.Text(a.Note), "\n"),
	}
	if note != nil && d.Note != "" {
		d.Note = note(d.Note)
	}
	if !a.Added.IsZero() {
		d.DateSaved = a.Added.Format(time.RFC3339)
	}
	if !a.Published.IsZero() {
		d.DatePublished = a.Published.Format(time.DateOnly)
	}

	ids := make(map[int64]string, len(sel))
	for _, h := range sel {
		ids[h.ID] = ShortID(h)
	}
	used := map[string]bool{}
	byID := map[int64]int{}
	quotes := blockQuotes(a.Markdown, sel)
	for i, h := range sel {
		used[h.Label] = true
		v := Highlight{
			ID:        ids[h.ID],
			Text:      sanitize.Text(h.Highlighted()),
			Prefix:    sanitize.Text(h.Prefix),
			Suffix:    sanitize.Text(h.Suffix),
			Note:      sanitize.Text(h.Note),
			Label:     h.Label,
			Tag:       "#" + tagName(h.Label),
			Color:     labelColor(h.Label),
			Location:  h.Start,
			Position:  i + 1,
			Orphan:    h.Orphan,
			MarginID:  h.ID,
			Created:   h.Created,
			MarginURL: MarginURL(a.ID, h.ID),
		}
		v.Quote = quotes[i]
		if v.Quote == "" {
			v.Quote = blockquote(v.Text)
		}
		if h.Changed() {
			v.Now = sanitize.Text(h.Exact)
		}
		if note != nil {
			v.Note = note(v.Note)
		}
		if !h.Created.IsZero() {
			v.DateHighlighted = h.Created.UTC().Format(time.RFC3339)
		}
		if !h.Updated.IsZero() {
			v.Updated = h.Updated.UTC().Format(time.RFC3339)
		}
		// A link only counts when its claim is in this export: a block
		// link to a highlight that is not in the file would be dead.
		if h.Supports != 0 && h.Supports != h.ID {
			if s, ok := ids[h.Supports]; ok && labelOf(sel, h.Supports) == "claim" {
				v.Supports = s
			}
		}
		byID[h.ID] = len(d.Highlights)
		d.Highlights = append(d.Highlights, v)
		if h.Orphan {
			d.Orphans = append(d.Orphans, v)
		}
	}
	for _, l := range store.Labels {
		if used[l] {
			d.Labels = append(d.Labels, l)
		}
	}
	var extra []string
	for l := range used {
		if !slices.Contains(store.Labels, l) {
			extra = append(extra, l)
		}
	}
	slices.Sort(extra)
	d.Labels = append(d.Labels, extra...)

	for _, v := range d.Highlights {
		if v.Label != "claim" {
			continue
		}
		c := Claim{Highlight: v}
		for _, w := range d.Highlights {
			if w.Supports != v.ID {
				continue
			}
			c.Linked = append(c.Linked, w)
			switch w.Label {
			case "evidence":
				c.Evidence = append(c.Evidence, w)
			case "question":
				c.Questions = append(c.Questions, w)
			case "disagree":
				c.Disagreements = append(c.Disagreements, w)
			}
		}
		d.Claims = append(d.Claims, c)
	}
	if opt.Full {
		if a.Markdown == "" {
			return nil, fmt.Errorf("export article %d in full: the article's text is not loaded", a.ID)
		}
		d.Content = markFull(a.Markdown, sel)
	}
	fm, err := frontMatter(d)
	if err != nil {
		return nil, err
	}
	d.FrontMatter = fm
	return d, nil
}

func labelOf(hs []store.Highlight, id int64) string {
	for _, h := range hs {
		if h.ID == id {
			return h.Label
		}
	}
	return ""
}

// labelFilter turns Options.Labels into a set; nil means every label.
func labelFilter(labels []string) (map[string]bool, error) {
	if len(labels) == 0 {
		return nil, nil
	}
	keep := map[string]bool{}
	for _, l := range labels {
		l = normLabel(l)
		if !slices.Contains(store.Labels, l) {
			return nil, fmt.Errorf("unknown label %q (labels are %s)", l, strings.Join(store.Labels, ", "))
		}
		keep[l] = true
	}
	return keep, nil
}

func normLabel(l string) string {
	l = strings.ToLower(strings.TrimSpace(sanitize.Text(l)))
	if l == "" {
		return "highlight"
	}
	return l
}

// tagName makes a label usable as an Obsidian tag ("highlight" when
// nothing of it is).
func tagName(l string) string {
	if t := obsidianTag(l); t != "" {
		return t
	}
	return "highlight"
}

// obsidianTag makes a name an Obsidian tag: its letters, digits, marks
// and emoji, "_", "-" and "/" (nesting) kept, anything else a "-", none at
// either end. A tag of digits alone is no tag to Obsidian ("#2026" is plain
// text), so it gets a leading "_": the least added that makes it one.
func obsidianTag(name string) string {
	t := strings.Trim(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.So, r) ||
			r == '_' || r == '-' || r == '/' || r == '\u200d' { // a zero-width joiner holds an emoji sequence together
			return r
		}
		return '-'
	}, strings.TrimSpace(name)), "-")
	if t != "" && !strings.ContainsFunc(t, func(r rune) bool { return !unicode.IsDigit(r) }) {
		t = "_" + t
	}
	return t
}

// webURL is the address a note should link to: the canonical URL when the
// page named one, else the address it was fetched from; "" for a local
// file or pasted text, whose path is nobody else's business. An "&amp;"
// left in an address by a page's double escaping is the "&" it meant.
func webURL(a *store.Article) string {
	for _, u := range []string{a.CanonicalURL, a.SourceURL} {
		if isWebURL(u) {
			u = sanitize.Text(u)
			for strings.Contains(u, "&amp;") {
				u = strings.ReplaceAll(u, "&amp;", "&")
			}
			return u
		}
	}
	return ""
}

// MarginURL is the link that opens an article in margin (margin://ID), or
// with a highlight id, that highlight (margin://ID?highlight=HID).
func MarginURL(article, highlight int64) string {
	u := "margin://" + strconv.FormatInt(article, 10)
	if highlight != 0 {
		u += "?highlight=" + strconv.FormatInt(highlight, 10)
	}
	return u
}

// ParseMarginURL reads the article id (and the highlight id, 0 if none)
// from a margin:// URL.
func ParseMarginURL(s string) (article, highlight int64, err error) {
	rest, ok := strings.CutPrefix(s, "margin://")
	if !ok {
		return 0, 0, fmt.Errorf("%q is not a margin:// link", s)
	}
	rest = strings.TrimSuffix(rest, "/")
	id, q, _ := strings.Cut(rest, "?")
	article, err = strconv.ParseInt(strings.TrimSuffix(id, "/"), 10, 64)
	if err != nil || article <= 0 {
		return 0, 0, fmt.Errorf("%q: want margin://ARTICLE-ID", s)
	}
	if h, ok := strings.CutPrefix(q, "highlight="); ok {
		if highlight, err = strconv.ParseInt(h, 10, 64); err != nil || highlight <= 0 {
			return 0, 0, fmt.Errorf("%q: bad highlight id", s)
		}
	}
	return article, highlight, nil
}

// articleState is the article's state as Omnivore names them: how far
// the reader is (done is done whatever the scroll position says), or
// archived.
func articleState(a *store.Article) string {
	switch {
	case a.State == store.Archived:
		return "Archived"
	case a.Reading == store.Done:
		return "Completed"
	case a.Reading == store.ReadingNow:
		return "Reading"
	}
	return "Inbox"
}

func isWebURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// Render exports in the named format, "markdown" (or "md", the default
// when empty) or "json", and returns the bytes and the file extension to
// write them under. The bytes can go to stdout as they are.
func Render(a *store.Article, hs []store.Highlight, opt Options, format string) ([]byte, string, error) {
	switch strings.ToLower(format) {
	case "", "markdown", "md":
		b, err := Markdown(a, hs, opt)
		return b, "md", err
	case "json", "jsonld", "json-ld":
		if opt.Template != nil {
			return nil, "", fmt.Errorf("a template makes Markdown; it cannot be used with --format json")
		}
		b, err := JSON(a, hs, opt)
		return b, "json", err
	}
	return nil, "", fmt.Errorf("unknown export format %q (want markdown or json)", format)
}

// labelColor is a label's colour name, as Omnivore names its highlight
// colours (store.LabelDefs: the reader paints the same).
func labelColor(label string) string {
	l, _ := store.LabelNamed(label)
	return l.Color
}

// noteTags are the tags an exported note carries: "margin" (every note is
// one tag away) and the article's own, as Obsidian tags (no spaces).
func noteTags(own []string) []string {
	out := []string{"margin"}
	for _, t := range own {
		t = obsidianTag(t)
		if t != "" && !strings.EqualFold(t, "margin") && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
