package ui

import (
	tea "charm.land/bubbletea/v2"

	"margin/render"
	"margin/sanitize"
)

// openLinks lists the article's links; enter opens one in the browser.
func (p *pagerModel) openLinks() {
	if p.links == nil {
		p.links = p.text.Links()
	}
	items := make([]pickItem, len(p.links))
	top := p.topOffset()
	sel := -1
	for i, l := range p.links {
		text := l.Text
		if text == "" {
			text = l.URL
		}
		// The number the reader shows after the link's text.
		items[i] = pickItem{Tag: p.Styles.App.Dim.Render(render.Superscript(i + 1)), Title: text, Desc: l.URL, Value: l.URL}
		if sel < 0 && l.Offset >= top {
			sel = i
		}
	}
	pk := newPicker(p.Common, "Links", items)
	pk.empty = "This article has no links."
	pk.twoLine = true
	pk.cursor = max(sel, 0)
	p.showPicker(pk, pickLinks)
}

// openLink opens a URL with the system's browser in a command.
func (p *pagerModel) openLink(url string) tea.Cmd {
	open := p.Opt.OpenURL
	if open == nil {
		p.errLine = "Opening links is not available here."
		return nil
	}
	shown := sanitize.Line(url)
	return func() tea.Msg {
		if err := open(url); err != nil {
			return errMsg{"Could not open " + shown + ": " + err.Error()}
		}
		return statusMsg{"Opened " + shown}
	}
}
