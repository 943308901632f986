package ui

import (
	"margin/sanitize"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// pickItem is one entry of a picker. Title and Desc are plain text (the
// picker sanitises them); Tag is a pre-styled prefix such as a label chip.
type pickItem struct {
	Title  string
	Desc   string
	Tag    string
	Indent int
	// Value is what choosing the item means (a heading's offset, a link,
	// a label, a highlight's id); it comes back in a pickedMsg.
	Value any
}

// pickedMsg is an item chosen in a picker: the list it was in and the
// item's Value.
type pickedMsg struct {
	kind  pickKind
	value any
}

// chosen is the Value of the item under the cursor, nil when empty.
func (p *picker) chosen() any {
	if p.cursor < 0 || p.cursor >= len(p.items) {
		return nil
	}
	return p.items[p.cursor].Value
}

// pickAction is what a key did to a picker.
type pickAction int

const (
	pickNone   pickAction = iota // moved or ignored
	pickChoose                   // enter on an item
	pickBack                     // closed
)

// picker is a scrollable list opened over a screen: the outline, the links,
// the label and claim choosers and the highlights panel.
type picker struct {
	*Common
	title   string
	empty   string // shown when there are no items
	items   []pickItem
	cursor  int
	offset  int
	twoLine bool // Desc on its own line under the title
	// alignTags pads the tags to the widest, so the titles line up (the
	// label and claim choosers).
	alignTags bool
	keys      PickerKeys
	width     int
	height    int
	// showHelp draws the picker's full help over its list (?).
	showHelp bool
	helpPane helpPane
}

func newPicker(c *Common, title string, items []pickItem) *picker {
	keys := c.Keys.Picker
	for _, b := range []*key.Binding{&keys.Filter, &keys.Edit, &keys.Delete, &keys.Undo, &keys.Argument, &keys.Reattach, &keys.Search} {
		b.SetEnabled(false)
	}
	return &picker{Common: c, title: title, items: items, keys: keys, empty: "nothing here"}
}

// SetSize sets the area the picker draws in.
func (p *picker) SetSize(w, h int) {
	p.width, p.height = w, h
	p.scroll()
}

func (p *picker) rows() int {
	n := p.height - 2 // title and blank line
	if p.twoLine {
		n /= 2
	}
	return max(n, 1)
}

func (p *picker) scroll() {
	p.cursor = clamp(p.cursor, 0, len(p.items)-1)
	if p.cursor < 0 {
		p.cursor = 0
	}
	r := p.rows()
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+r {
		p.offset = p.cursor - r + 1
	}
	p.offset = clamp(p.offset, 0, max(len(p.items)-r, 0))
}

// HandleKey moves the cursor or reports a choice.
func (p *picker) HandleKey(msg tea.KeyPressMsg) pickAction {
	k := p.keys
	if p.showHelp {
		if p.helpPane.scroll(msg) {
			return pickNone
		}
		p.showHelp = false
		if key.Matches(msg, k.Help, k.Back) {
			return pickNone
		}
	}
	switch {
	case key.Matches(msg, k.Help):
		p.showHelp, p.helpPane.top = true, 0
	case key.Matches(msg, k.Up):
		p.cursor--
	case key.Matches(msg, k.Down):
		p.cursor++
	case key.Matches(msg, k.Top):
		p.cursor = 0
	case key.Matches(msg, k.Bottom):
		p.cursor = len(p.items) - 1
	case key.Matches(msg, k.PageUp):
		p.cursor -= p.rows()
	case key.Matches(msg, k.PageDown):
		p.cursor += p.rows()
	case key.Matches(msg, k.Choose):
		if len(p.items) > 0 {
			return pickChoose
		}
	case key.Matches(msg, k.Back):
		return pickBack
	}
	p.scroll()
	return pickNone
}

// HandleWheel scrolls the cursor with the mouse wheel.
func (p *picker) HandleWheel(down bool) {
	if down {
		p.cursor += 3
	} else {
		p.cursor -= 3
	}
	p.scroll()
}

// View draws the picker in its area.
func (p *picker) View() string {
	st := p.Styles.Picker
	lines := make([]string, 0, p.height)
	lines = append(lines, padRight(st.Title.Render(sanitize.Line(p.title)), p.width), "")
	if p.showHelp {
		lines = append(lines, p.helpPane.view(p.Common, p.newHelp(), p.keys, p.width, p.height-2)...)
		return strings.Join(lines[:min(len(lines), p.height)], "\n")
	}
	if len(p.items) == 0 {
		// Wrapped: a narrow terminal would cut off the hint it gives.
		for _, l := range strings.Split(ansi.Wordwrap(p.empty, p.width, ""), "\n") {
			lines = append(lines, st.Desc.Render(l))
		}
	}
	end := min(p.offset+p.rows(), len(p.items))
	// In a chooser of a few, tags are padded to the widest, so the titles
	// after them line up (an item without a tag, too).
	tagW := 0
	if p.alignTags {
		for _, it := range p.items[p.offset:end] {
			tagW = max(tagW, lipgloss.Width(it.Tag))
		}
	}
	for i := p.offset; i < end; i++ {
		it := p.items[i]
		title := sanitize.Line(it.Title)
		desc := sanitize.Line(it.Desc)
		prefix := "  " + strings.Repeat("  ", it.Indent)
		sel := i == p.cursor
		if sel {
			prefix = "▸ " + strings.Repeat("  ", it.Indent)
		}
		style := st.Item
		if sel {
			style = st.Selected
		}
		tag := ""
		switch {
		case tagW > 0:
			tag = it.Tag + strings.Repeat(" ", tagW-lipgloss.Width(it.Tag)+1)
		case it.Tag != "":
			tag = it.Tag + " "
		}
		w := p.width - len([]rune(prefix)) - lipgloss.Width(tag)
		var line string
		if p.twoLine || desc == "" {
			line = style.Render(padRight(title, w))
		} else {
			tw := min(lipgloss.Width(title), w*2/3)
			line = style.Render(padRight(title, tw)) + st.Desc.Render(padRight("  "+desc, w-tw))
		}
		lines = append(lines, style.Render(prefix)+tag+line)
		if p.twoLine {
			indent := strings.Repeat(" ", len([]rune(prefix))+lipgloss.Width(tag))
			lines = append(lines, st.Desc.Render(padRight(indent+desc, p.width)))
		}
	}
	for len(lines) < p.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:min(len(lines), p.height)], "\n")
}
