package ui

import (
	tea "charm.land/bubbletea/v2"
)

// pickKind says which list is open over the reader.
type pickKind int

const (
	pickOutline pickKind = iota
	pickLinks
	pickLabel
	pickClaim
	pickPanel
	pickUnlink // may a label change unlink highlights?
)

// openOutline lists the article's headings, the one at the top of the
// screen selected.
func (p *pagerModel) openOutline() {
	if p.headings == nil {
		p.headings = p.text.Headings()
	}
	items := make([]pickItem, len(p.headings))
	top := p.topOffset()
	sel := 0
	for i, h := range p.headings {
		items[i] = pickItem{Title: h.Text, Indent: max(h.Level-1, 0), Value: h.Offset}
		if h.Offset <= top {
			sel = i
		}
	}
	pk := newPicker(p.Common, "Outline", items)
	pk.empty = "This article has no headings."
	pk.cursor = sel
	p.showPicker(pk, pickOutline)
}

// showPicker opens a list over the article.
func (p *pagerModel) showPicker(pk *picker, kind pickKind) {
	p.picker, p.pickKind, p.mode = pk, kind, readPicker
	pk.SetSize(p.textWidth()-4, p.bodyHeight())
}

func (p *pagerModel) closePicker() {
	p.picker, p.mode = nil, readNormal
}

// onPicked acts on an item chosen in a picker.
func (p *pagerModel) onPicked(msg pickedMsg) tea.Cmd {
	switch v := msg.value.(type) {
	case nil:
		return nil
	case int:
		if msg.kind == pickOutline {
			p.jumpTo(v)
			return nil
		}
	case string:
		if msg.kind == pickLinks {
			return p.openLink(v)
		}
	}
	return p.withHL(p.hl.onPick(p, msg.kind, msg.value))
}

// jumpTo puts a source offset near the top of the screen.
func (p *pagerModel) jumpTo(off int) { p.hl.jumpTo(p, off) }

func (p *pagerModel) onPickerKey(msg tea.KeyPressMsg) tea.Cmd {
	if p.pickKind == pickPanel && !p.picker.showHelp {
		if cmd, done := p.hl.onPanelKey(p, p.picker, msg); done {
			return p.withHL(cmd)
		}
		p.applyHL()
	}
	switch p.picker.HandleKey(msg) {
	case pickBack:
		p.closePicker()
	case pickChoose:
		msg := pickedMsg{kind: p.pickKind, value: p.picker.chosen()}
		p.closePicker()
		return func() tea.Msg { return msg }
	}
	return nil
}
