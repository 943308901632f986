package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"margin/store"
)

// allHighlights is the library-wide list of highlights, searchable by
// text and note and filtered by label.
type allHighlights struct {
	*Common
	label  string // "" for every label
	query  string
	list   []store.Highlight
	picker *picker
	prompt *prompt // open while a query is typed
	err    string
}

func newAllHighlights(c *Common) *allHighlights {
	a := &allHighlights{Common: c}
	a.reload()
	return a
}

// reload reads the highlights for the current filter and rebuilds the list.
func (a *allHighlights) reload() {
	hs, err := a.Lib.AllHighlights(a.ctx, store.HighlightFilter{Label: a.label, Query: a.query})
	a.err = ""
	if err != nil {
		a.err = "Could not list highlights: " + err.Error()
	}
	a.list = hs
	items := make([]pickItem, len(hs))
	for i, h := range hs {
		tag := a.Styles.Label(h.Label).Tag.Render(h.Label)
		if h.Orphan {
			tag = a.Styles.App.Error.Render("orphan") + " " + tag
		}
		desc := h.ArticleTitle
		if h.Note != "" {
			desc += " · " + h.Note
		}
		items[i] = pickItem{Tag: tag, Title: h.Exact, Desc: desc}
	}
	title := fmt.Sprintf("All highlights (%d)", len(hs))
	if a.label != "" {
		title += " · " + a.label
	}
	if a.query != "" {
		title += " · “" + a.query + "”"
	}
	cur := 0
	if a.picker != nil {
		cur = a.picker.cursor
	}
	a.picker = newPicker(a.Common, title, items)
	a.picker.twoLine = true
	a.picker.empty = "No highlights yet: open an article, select with v and highlight with h."
	if a.label != "" || a.query != "" {
		a.picker.empty = "No highlight matches."
	}
	a.picker.keys.Filter.SetEnabled(true)
	a.picker.keys.Search.SetEnabled(true)
	a.picker.cursor = cur
	a.SetSize(a.Width, a.Height)
}

// SetSize fits the list under the library's title line.
func (a *allHighlights) SetSize(w, h int) {
	a.picker.SetSize(w-2, max(h-4, 3))
	if a.prompt != nil {
		a.prompt.SetWidth(w)
	}
}

// ShortHelp is the help line of the view.
func (a *allHighlights) ShortHelp() []key.Binding {
	if a.prompt != nil {
		return a.Keys.Prompt.ShortHelp()
	}
	return a.picker.keys.ShortHelp()
}

// FullHelp is the full help of the view.
func (a *allHighlights) FullHelp() [][]key.Binding {
	if a.prompt != nil {
		return a.Keys.Prompt.FullHelp()
	}
	return a.picker.keys.FullHelp()
}

// onKey handles a key; closed=true when the view should close.
func (a *allHighlights) onKey(msg tea.KeyPressMsg) (cmd tea.Cmd, closed bool) {
	if a.prompt != nil {
		switch {
		case key.Matches(msg, a.Keys.Prompt.Cancel):
			a.prompt, a.query = nil, ""
			a.reload()
		case key.Matches(msg, a.Keys.Prompt.Submit):
			a.prompt = nil
		default:
			cmd = a.prompt.Update(msg)
			if v := a.prompt.Value(); v != a.query {
				a.query = v
				a.reload()
			}
		}
		return cmd, false
	}
	k := a.picker.keys
	switch {
	case a.picker.showHelp:
		// The help is open: keys go to it.
	case key.Matches(msg, k.Filter):
		a.label = nextLabel(a.label)
		a.picker.cursor = 0
		a.reload()
		return nil, false
	case key.Matches(msg, k.Search):
		a.prompt = newPrompt(a.Common, "find:", "words in highlights and notes")
		a.prompt.SetValue(a.query)
		a.SetSize(a.Width, a.Height)
		return nil, false
	}
	switch a.picker.HandleKey(msg) {
	case pickBack:
		return nil, true
	case pickChoose:
		h := a.list[a.picker.cursor]
		at := h.Start
		if h.Orphan {
			at = -1
		}
		return func() tea.Msg { return openMsg{id: h.ArticleID, at: at} }, true
	}
	return nil, false
}

// View draws the list and, while typing, the query prompt.
func (a *allHighlights) View() string {
	out := a.picker.View()
	if a.err != "" {
		out = a.Styles.App.Error.Render(a.err) + "\n" + out
	}
	return out
}
