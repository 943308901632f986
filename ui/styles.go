package ui

import (
	"fmt"
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"margin/store"
)

// Styles holds every style the UI draws with, grouped by screen. Nobody
// writes a colour inline: screens read them from here.
type Styles struct {
	Dark bool   // built for a dark background
	Name string // "dark" or "light": the glamour style to render articles with

	App struct {
		Brand   lipgloss.Style // "margin" in headers
		Dim     lipgloss.Style // secondary text
		Error   lipgloss.Style // the one-line error message
		Status  lipgloss.Style // the one-line status message
		Spinner lipgloss.Style
		Key     lipgloss.Style // a key named in running text ("press a")
	}

	Library struct {
		Header    lipgloss.Style // column titles
		Row       lipgloss.Style
		Selected  lipgloss.Style // the row under the cursor
		Marker    lipgloss.Style // the ▸ in front of the selected row
		Archived  lipgloss.Style // an archived row, when shown
		Site      lipgloss.Style
		Meta      lipgloss.Style // time, progress, counts, date
		Done      lipgloss.Style // progress of a finished article
		Snippet   lipgloss.Style // a search result's context line
		Match     lipgloss.Style // matched terms in a snippet, matched runes in a filter
		Welcome   lipgloss.Style // the empty library's heading
		Tag       lipgloss.Style // an article's tags in its row
		Unfetched lipgloss.Style // "not fetched": an imported link without its text
		View      lipgloss.Style // the saved view named in the header
		QueryErr  lipgloss.Style // a malformed filter, in place of the column titles
	}

	Reader struct {
		Title       lipgloss.Style
		Meta        lipgloss.Style
		Rule        lipgloss.Style
		Status      lipgloss.Style
		Bar         lipgloss.Style // the filled part of the progress bar
		BarEmpty    lipgloss.Style
		Placeholder lipgloss.Style // "rendering…"
		Note        lipgloss.Style // a note shown under its passage
		NoteBar     lipgloss.Style // the gutter in front of a note
		// SGR prefixes handed to render.Doc.Paint, which re-applies them
		// after every reset glamour emits inside a painted range.
		MatchSGR     string
		CurrentSGR   string // the current search match
		CursorSGR    string
		SelectionSGR string
	}

	Picker struct {
		Title    lipgloss.Style
		Item     lipgloss.Style
		Selected lipgloss.Style
		Desc     lipgloss.Style
		Border   lipgloss.Style
	}

	Prompt struct {
		Label    lipgloss.Style
		Selected lipgloss.Style // a previous query, replaced by typing
		Input    textinput.Styles
		Area     textarea.Styles
	}

	// Labels maps each highlight label to its colours.
	Labels map[string]LabelStyle

	Help help.Styles
}

// LabelStyle is how one highlight label looks: a tag for lists and a
// background SGR for painting passages.
type LabelStyle struct {
	Tag lipgloss.Style // the label's name in lists and notes
	SGR string         // background colour painted behind the passage
}

// NewStyles builds the styles for a dark or a light terminal background.
func NewStyles(dark bool) *Styles {
	ld := lipgloss.LightDark(dark)
	c := lipgloss.Color
	fg := ld(c("#1a1a1a"), c("#e4e4e4"))
	dim := ld(c("#6c6c6c"), c("#8a8a8a"))
	faint := ld(c("#a8a8a8"), c("#4e4e4e"))
	accent := ld(c("#8a3ffc"), c("#b69cff"))
	selBg := ld(c("#e8e2f8"), c("#2e2840"))
	matchFg := ld(c("#a35200"), c("#ffb454"))
	errFg := ld(c("#b00020"), c("#ff6b6b"))
	okFg := ld(c("#1b7a3a"), c("#7ed491"))

	s := &Styles{Dark: dark, Name: "light"}
	if dark {
		s.Name = "dark"
	}
	ns := lipgloss.NewStyle

	s.App.Brand = ns().Foreground(accent).Bold(true)
	s.App.Dim = ns().Foreground(dim)
	s.App.Error = ns().Foreground(errFg)
	s.App.Status = ns().Foreground(okFg)
	s.App.Spinner = ns().Foreground(accent)
	s.App.Key = ns().Foreground(accent).Bold(true)

	s.Library.Header = ns().Foreground(dim).Bold(true)
	s.Library.Row = ns().Foreground(fg)
	s.Library.Selected = ns().Foreground(fg).Background(selBg).Bold(true)
	s.Library.Marker = ns().Foreground(accent).Background(selBg).Bold(true)
	s.Library.Archived = ns().Foreground(dim).Italic(true)
	s.Library.Site = ns().Foreground(dim)
	s.Library.Meta = ns().Foreground(dim)
	s.Library.Done = ns().Foreground(okFg)
	s.Library.Snippet = ns().Foreground(dim)
	s.Library.Match = ns().Foreground(matchFg).Bold(true)
	s.Library.Welcome = ns().Foreground(accent).Bold(true)
	s.Library.Tag = ns().Foreground(accent)
	s.Library.Unfetched = ns().Foreground(dim).Italic(true)
	s.Library.View = ns().Foreground(accent).Bold(true)
	s.Library.QueryErr = ns().Foreground(errFg)

	s.readerStyles(fg, dim, faint, accent)

	s.Picker.Title = ns().Foreground(accent).Bold(true)
	s.Picker.Item = ns().Foreground(fg)
	s.Picker.Selected = ns().Foreground(fg).Background(selBg).Bold(true)
	s.Picker.Desc = ns().Foreground(dim)
	s.Picker.Border = ns().Foreground(faint)

	s.Prompt.Label = ns().Foreground(accent).Bold(true)
	s.Prompt.Selected = ns().Foreground(fg).Background(selBg)
	s.Prompt.Input = textinput.DefaultStyles(dark)
	s.Prompt.Area = textarea.DefaultStyles(dark)
	// A steady cursor: calmer, and no blink ticks to wake the program.
	s.Prompt.Input.Cursor.Blink = false
	s.Prompt.Area.Cursor.Blink = false
	// The text's own colour: the default drew a white block on a light
	// terminal's white.
	s.Prompt.Input.Cursor.Color = fg
	s.Prompt.Area.Cursor.Color = fg

	s.labelStyles(fg)
	s.Help = help.DefaultStyles(dark)
	s.Help.ShortKey = ns().Foreground(accent)
	s.Help.FullKey = ns().Foreground(accent)
	// bubbles' own greys read at 2:1 on a light terminal.
	s.Help.ShortDesc = ns().Foreground(dim)
	s.Help.FullDesc = ns().Foreground(dim)
	s.Help.ShortSeparator = ns().Foreground(faint)
	s.Help.FullSeparator = ns().Foreground(faint)
	s.Help.Ellipsis = ns().Foreground(faint)
	return s
}

// readerStyles sets the reader's group.
func (s *Styles) readerStyles(fg, dim, faint, accent color.Color) {
	ns := lipgloss.NewStyle
	s.Reader.Title = ns().Foreground(fg).Bold(true)
	s.Reader.Meta = ns().Foreground(dim)
	s.Reader.Rule = ns().Foreground(faint)
	s.Reader.Status = ns().Foreground(dim)
	s.Reader.Bar = ns().Foreground(accent)
	s.Reader.BarEmpty = ns().Foreground(faint)
	s.Reader.Placeholder = ns().Foreground(dim).Italic(true)
	s.Reader.Note = ns().Foreground(fg).Italic(true)
	s.Reader.NoteBar = ns().Foreground(accent)
	// No label's colour, on 256 colours either (TestMatchesUnlikeEveryLabel);
	// matches are underlined too, so that one inside a highlight shows
	// where a terminal has few colours.
	const underline = "\x1b[4m"
	if s.Dark {
		s.Reader.MatchSGR = bgSGR("#875f00") + underline
		s.Reader.CurrentSGR = bgSGR("#d75f00") + underline
		s.Reader.SelectionSGR = bgSGR("#4e4e4e") // grey
	} else {
		s.Reader.MatchSGR = bgSGR("#ffe08a") + underline
		s.Reader.CurrentSGR = bgSGR("#ffb35c") + underline
		s.Reader.SelectionSGR = bgSGR("#b9c9f0")
	}
	s.Reader.CursorSGR = "\x1b[7m"
}

// plain marks passages with attributes as well, for a terminal that shows
// no colours (NO_COLOR, TERM=dumb): there every background is dropped,
// and highlights and the selection were not seen at all. Highlights are
// underlined (a claim bold too), search matches bold and italic, the
// current one bold in reverse, the selection in reverse.
func (s *Styles) plain() {
	const bold, italic, underline, reverse = "\x1b[1m", "\x1b[3m", "\x1b[4m", "\x1b[7m"
	for name, l := range s.Labels {
		l.SGR += underline
		if name == "claim" {
			l.SGR += bold
		}
		s.Labels[name] = l
	}
	s.Reader.MatchSGR = bold + italic
	s.Reader.CurrentSGR = bold + reverse
	s.Reader.SelectionSGR = reverse
}

// labelStyles sets each label's tag and paint from store.LabelDefs.
func (s *Styles) labelStyles(fg color.Color) {
	ns := lipgloss.NewStyle
	s.Labels = make(map[string]LabelStyle, len(store.LabelDefs))
	for _, l := range store.LabelDefs {
		name, bg := l.Name, l.Light
		if s.Dark {
			bg = l.Dark
		}
		s.Labels[name] = LabelStyle{
			Tag: ns().Background(lipgloss.Color(bg)).Foreground(fg).Padding(0, 1),
			SGR: bgSGR(bg),
		}
	}
}

// Label returns the style of a label, falling back to "highlight" for a
// label the UI does not know.
func (s *Styles) Label(name string) LabelStyle {
	if l, ok := s.Labels[name]; ok {
		return l
	}
	return s.Labels["highlight"]
}

// bgSGR is the 24-bit background SGR sequence of a hex colour; the program's
// colour profile downsamples it for terminals with fewer colours.
func bgSGR(hex string) string {
	r, g, b := rgb(lipgloss.Color(hex))
	return fmt.Sprintf("\x1b[48;2;%d;%d;%dm", r, g, b)
}

func rgb(c color.Color) (uint8, uint8, uint8) {
	r, g, b, _ := c.RGBA()
	return uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)
}
