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
	seq    int // request number, to drop stale lists
}

// allListMsg is a list of highlights read for the view.
type allListMsg struct {
	seq int
	hs  []store.Highlight
	err error
}

func newAllHighlights(c *Common) (*allHighlights, tea.Cmd) {
	a := &allHighlights{Common: c}
	a.show(nil, nil)
	return a, a.reload()
}

// reload reads the highlights for the current filter in a command.
func (a *allHighlights) reload() tea.Cmd {
	a.seq++
	seq, lib, ctx, f := a.seq, a.Lib, a.ctx, store.HighlightFilter{Label: a.label, Query: a.query}
	return func() tea.Msg {
		hs, err := lib.AllHighlights(ctx, f)
		return allListMsg{seq: seq, hs: hs, err: err}
	}
}

func (a *allHighlights) onList(msg allListMsg) {
	if msg.seq == a.seq {
		a.show(msg.hs, msg.err)
	}
}

// show rebuilds the list from highlights read.
func (a *allHighlights) show(hs []store.Highlight, err error) {
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
		items[i] = pickItem{Tag: tag, Title: h.Highlighted(), Desc: desc}
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
			return a.reload(), false
		case key.Matches(msg, a.Keys.Prompt.Submit):
			a.prompt = nil
		default:
			cmd = a.prompt.Update(msg)
			if v := a.prompt.Value(); v != a.query {
				a.query = v
				cmd = tea.Batch(cmd, a.reload())
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
		return a.reload(), false
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
