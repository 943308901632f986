package ui

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/query"
	"margin/internal/settings"
	"margin/render"
	"margin/store"
)

// Library is the part of the store the UI uses; *store.Store satisfies it.
type Library interface {
	List(ctx context.Context, opt store.ListOptions) ([]store.Article, error)
	Count(ctx context.Context) (int, error)
	Version(ctx context.Context) (int64, error)
	Search(ctx context.Context, query string, limit int) ([]store.SearchResult, error)
	Article(ctx context.Context, id int64) (*store.Article, error)
	DeleteArticle(ctx context.Context, id int64) (*store.Snapshot, error)
	RestoreArticle(ctx context.Context, snap *store.Snapshot) error
	SetState(ctx context.Context, id int64, st store.State) error
	SetReading(ctx context.Context, id int64, r store.Reading) error
	SetStarred(ctx context.Context, id int64, on bool) error
	SetPosition(ctx context.Context, id int64, textRev int64, offset int, progress float64) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	Highlights(ctx context.Context, articleID int64) ([]store.Highlight, error)
	AddHighlight(ctx context.Context, h *store.Highlight) (int64, error)
	EditHighlight(ctx context.Context, e store.Edit) (store.EditResult, error)
	PlaceHighlight(ctx context.Context, id int64, pl store.Place) (store.Highlight, error)
	DeleteHighlight(ctx context.Context, id int64) error
	RestoreHighlight(ctx context.Context, h *store.Highlight, relink []int64) error
	AllHighlights(ctx context.Context, f store.HighlightFilter) ([]store.Highlight, error)
	TagArticle(ctx context.Context, id int64, add, remove []string) error
	Tags(ctx context.Context) ([]store.TagCount, error)
	TagsOf(ctx context.Context, ids []int64) (map[int64][]string, error)
	ListQuery(ctx context.Context, q query.Query, opt store.ListOptions) ([]store.Article, error)
	Views(ctx context.Context) ([]store.View, error)
	SaveView(ctx context.Context, name, query string) error
	DeleteView(ctx context.Context, name string) error
	SetArticleNote(ctx context.Context, id int64, from, to string) error
	EditMetadata(ctx context.Context, id int64, m store.Metadata) error
}

// Common is what every screen shares: the terminal size, styles, keys, the
// library and the options the program was started with.
type Common struct {
	ctx    context.Context
	Width  int
	Height int
	Styles *Styles
	Keys   *KeyMap
	Lib    Library
	Opt    Options
	Now    func() time.Time // the clock; tests fix it
	Loc    *time.Location   // dates are shown in this zone
	cache  *docCache
	// tick is tea.Tick; tests replace it so that time passes when they say.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// watch is tick for the library's check for changes made elsewhere.
	watch func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// plain: the terminal shows no colours (its colour profile).
	plain bool
}

// newStyles builds the styles for a dark or light background, marked
// with attributes where the terminal shows no colours.
func (c *Common) newStyles(dark bool) *Styles {
	s := NewStyles(dark)
	if c.plain {
		s.plain()
	}
	return s
}

// docKey names one rendering of an article.
type docKey struct {
	id     int64
	hash   uint64 // of the Markdown, so a refreshed article renders anew
	width  int
	style  string
	inline bool // link addresses printed in the text
}

// docCache keeps a few complete renderings so reopening an article, or
// going back to a width, costs nothing. It is bounded by count and by
// lines: a rendering costs memory by the line, and a few long articles
// must not be kept at once.
type docCache struct {
	docs  map[docKey]*render.Doc
	order []docKey
	lines int // of the renderings kept
}

const (
	docCacheSize  = 8
	docCacheLines = 60000 // about three 200,000-word articles at 80 columns
)

func (c *docCache) get(k docKey) *render.Doc { return c.docs[k] }

func (c *docCache) put(k docKey, d *render.Doc) {
	if c.docs == nil {
		c.docs = make(map[docKey]*render.Doc)
	}
	if old, ok := c.docs[k]; ok {
		c.lines -= len(old.Lines)
	} else {
		c.order = append(c.order, k)
	}
	c.docs[k] = d
	c.lines += len(d.Lines)
	for len(c.order) > 1 && (len(c.order) > docCacheSize || c.lines > docCacheLines) {
		c.lines -= len(c.docs[c.order[0]].Lines)
		delete(c.docs, c.order[0])
		c.order = c.order[1:]
	}
}

// newHelp returns a help bar styled and sized for the terminal.
func (c *Common) newHelp() help.Model {
	h := help.New()
	h.Styles = c.Styles.Help
	h.SetWidth(c.Width)
	return h
}

// setting reads a remembered setting, "" when unset or unreadable.
func (c *Common) setting(key settings.Key) string {
	if c.Lib == nil {
		return ""
	}
	v, err := c.Lib.Setting(c.ctx, string(key))
	if err != nil {
		return ""
	}
	return v
}

// truncate cuts a styled or plain string to w cells, ending in … when cut.
// messageLines fits a message (plain text) into the status line of w
// cells, or, when it is longer, into two lines: the second stands in for
// the help bar until the next key clears the message. What two lines
// cannot hold ends in "…". style draws each line.
func messageLines(msg string, w int, style func(...string) string) []string {
	if ansi.StringWidth(msg)+1 <= w {
		return []string{" " + style(msg)}
	}
	lines := wrapPlain(msg, max(w-1, 10))
	if len(lines) > 2 {
		lines = []string{lines[0], truncate(strings.Join(lines[1:], " "), max(w-1, 1))}
	}
	for i, l := range lines {
		lines[i] = truncate(" "+style(l), w)
	}
	return lines
}

func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// fitPath fits a file's path into w cells: whole if it fits, else "…/"
// and as many of its last folders as fit before the file's name, else the
// name cut in its middle, its extension kept: the file is what the reader
// looks for.
func fitPath(path string, w int) string {
	if ansi.StringWidth(path) <= w {
		return path
	}
	parts := strings.Split(path, "/")
	name := parts[len(parts)-1]
	fit := "…/" + name
	if ansi.StringWidth(fit) > w {
		ext := filepath.Ext(name)
		if ext == name || ansi.StringWidth(ext)+4 > w {
			ext = ""
		}
		stem := strings.TrimSuffix(name, ext)
		room := w - ansi.StringWidth(ext) - 3 // "…/" and the "…" inside
		head := ansi.Truncate(stem, (room+1)/2, "")
		tail := ansi.TruncateLeft(stem, ansi.StringWidth(stem)-room/2, "")
		return truncate("…/"+strings.TrimRight(head, " ")+"…"+strings.TrimLeft(tail, " ")+ext, w)
	}
	for i := len(parts) - 2; i >= 0; i-- {
		longer := "…/" + strings.Join(parts[i:], "/")
		if i == 0 {
			longer = path
		}
		if ansi.StringWidth(longer) > w {
			break
		}
		fit = longer
	}
	return fit
}

// padRight pads a string with spaces to w cells (after truncating it).
func padRight(s string, w int) string {
	s = truncate(s, w)
	if n := w - lipgloss.Width(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// padLeft right-aligns a string in w cells.
func padLeft(s string, w int) string {
	s = truncate(s, w)
	if n := w - lipgloss.Width(s); n > 0 {
		s = strings.Repeat(" ", n) + s
	}
	return s
}

// clamp limits v to [lo, hi]; hi wins when hi < lo.
func clamp(v, lo, hi int) int {
	if v < lo {
		v = lo
	}
	if v > hi {
		v = hi
	}
	return v
}

// formatDate shows a saved date in at most 7 cells: "Jan 02" this year,
// "Jan '25" before.
func (c *Common) formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(c.Loc)
	if t.Year() == c.Now().In(c.Loc).Year() {
		return t.Format("Jan 02")
	}
	return t.Format("Jan '06")
}

// The store is the production Library.
var _ Library = (*store.Store)(nil)

// helpView draws the full help with its columns packed into as many rows
// as w cells need (bubbles' help would cut the last columns off).
func helpView(h help.Model, km help.KeyMap, w int) string {
	groups := km.FullHelp()
	wide := h // draws without cutting; rows are packed to fit w instead
	wide.SetWidth(0)
	h = wide
	var rows []string
	var row [][]key.Binding
	for _, g := range groups {
		try := append(append([][]key.Binding(nil), row...), g)
		if len(row) > 0 && lipgloss.Width(wide.FullHelpView(try)) > w {
			rows = append(rows, h.FullHelpView(row))
			row = [][]key.Binding{g}
			continue
		}
		row = try
	}
	if len(row) > 0 {
		rows = append(rows, h.FullHelpView(row))
	}
	return strings.Join(rows, "\n\n")
}

// closeHelpKeys is the help bar under the full help: it no longer offers
// "? more keys", it says how to close it (the pane says when j/k scroll).
func closeHelpKeys() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("?/esc", "close keys · any other key closes them and acts"))}
}

// shortHelpView is the one-line help cut to the help bar's width: the
// keys that fit, then "…", the ? key and q, so the full list and the way
// out stay in reach on a narrow terminal. bubbles' own cut drops ? first and, when its "…"
// does not fit, adds the next key past the edge (a line ending in "•").
func shortHelpView(h help.Model, bs []key.Binding) string {
	w := h.Width()
	h.SetWidth(0)
	full := h.ShortHelpView(bs)
	if w <= 0 || lipgloss.Width(full) <= w {
		return full
	}
	var keep []key.Binding
	rest := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		// The full help and the way out stay in reach.
		if k := b.Help().Key; b.Enabled() && (k == "?" || k == "q") {
			keep = append(keep, b)
		} else if b.Enabled() {
			rest = append(rest, b)
		}
	}
	tail := " " + h.Styles.Ellipsis.Render(h.Ellipsis)
	if len(keep) > 0 {
		tail += " " + h.ShortHelpView(keep)
	}
	for n := len(rest); n > 0; n-- {
		if line := h.ShortHelpView(rest[:n]) + tail; lipgloss.Width(line) <= w {
			return line
		}
	}
	return truncate(strings.TrimPrefix(tail, " "), w)
}

// indent puts a prefix in front of every line.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
