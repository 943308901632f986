package ui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"margin/sanitize"
)

// prompt is a one-line text input with a label, used to add an article,
// filter the library, search the library and search in an article.
type prompt struct {
	*Common
	label string
	hint  string // the placeholder whole; the input shows it cut to fit
	input textinput.Model
	// selected: the text shown is the last query, as if selected; typing
	// or pasting replaces it, backspace clears it, a cursor key keeps it
	// for editing.
	selected bool
}

func newPrompt(c *Common, label, placeholder string) *prompt {
	in := textinput.New()
	in.Prompt = ""
	in.SetStyles(c.Styles.Prompt.Input)
	in.CharLimit = 4096
	p := &prompt{Common: c, label: label, hint: placeholder, input: in}
	p.input.Focus()
	p.SetWidth(c.Width)
	return p
}

// SetWidth fits the input in w cells after its label.
func (p *prompt) SetWidth(w int) {
	iw := max(w-len([]rune(p.label))-2, 1)
	p.input.SetWidth(iw)
	// The input would cut a long hint mid-word, with nothing to say so.
	p.input.Placeholder = truncate(p.hint, iw)
}

// Update passes a message to the text input; pasted and typed text loses
// its control and bidi characters first, so they never reach the screen.
func (p *prompt) Update(msg tea.Msg) tea.Cmd {
	msg = cleanInput(msg)
	if p.selected {
		switch m := msg.(type) {
		case tea.PasteMsg:
			p.input.SetValue("")
		case tea.KeyPressMsg:
			switch {
			case m.Text != "" && m.Mod&(tea.ModCtrl|tea.ModAlt) == 0:
				p.input.SetValue("")
			case m.Code == tea.KeyBackspace || m.Code == tea.KeyDelete:
				p.input.SetValue("")
				p.selected = false
				return nil
			}
		}
		p.selected = false
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// Select shows s as the value, replaced by whatever is typed next.
func (p *prompt) Select(s string) {
	p.SetValue(s)
	p.selected = s != ""
}

// Value is the text typed so far.
func (p *prompt) Value() string { return p.input.Value() }

// SetValue replaces the text typed so far.
func (p *prompt) SetValue(s string) {
	p.input.SetValue(s)
	p.input.CursorEnd()
}

// View draws the label and the input on one line; a selected value is
// shown reversed.
func (p *prompt) View() string {
	if p.selected {
		return p.Styles.Prompt.Label.Render(p.label) + " " + p.Styles.Prompt.Selected.Render(p.input.Value())
	}
	return p.Styles.Prompt.Label.Render(p.label) + " " + p.input.View()
}

// cleanInput drops control characters (but newlines and tabs) and bidi
// overrides from pasted or typed text.
func cleanInput(msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.PasteMsg:
		m.Content = sanitize.Text(m.Content)
		return m
	case tea.KeyPressMsg:
		if m.Text != "" {
			m.Text = sanitize.Text(m.Text)
		}
		return m
	}
	return msg
}
