package ui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// prompt is a one-line text input with a label, used to add an article,
// filter the library, search the library and search in an article.
type prompt struct {
	*Common
	label string
	input textinput.Model
}

func newPrompt(c *Common, label, placeholder string) *prompt {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.SetStyles(c.Styles.Prompt.Input)
	in.CharLimit = 4096
	p := &prompt{Common: c, label: label, input: in}
	p.input.Focus()
	p.SetWidth(c.Width)
	return p
}

// SetWidth fits the input in w cells after its label.
func (p *prompt) SetWidth(w int) {
	p.input.SetWidth(max(w-len([]rune(p.label))-2, 1))
}

// Update passes a message to the text input.
func (p *prompt) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// Value is the text typed so far.
func (p *prompt) Value() string { return p.input.Value() }

// SetValue replaces the text typed so far.
func (p *prompt) SetValue(s string) {
	p.input.SetValue(s)
	p.input.CursorEnd()
}

// View draws the label and the input on one line.
func (p *prompt) View() string {
	return p.Styles.Prompt.Label.Render(p.label) + " " + p.input.View()
}
