package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpPane is the full help drawn over a screen. When it is taller than
// the room it scrolls (j/k, arrows, space, pgup/pgdn), so every key can be
// read at any size; ? or esc closes it.
type helpPane struct {
	top   int
	lines int // lines of the last drawing, to bound scrolling
	room  int
}

// helpScroll are the keys that scroll the help instead of closing it.
var helpScroll = struct{ down, up, pageDown, pageUp key.Binding }{
	down:     key.NewBinding(key.WithKeys("j", "down")),
	up:       key.NewBinding(key.WithKeys("k", "up")),
	pageDown: key.NewBinding(key.WithKeys("space", "pgdown", "f")),
	pageUp:   key.NewBinding(key.WithKeys("pgup", "b")),
}

// scroll moves the help for a scrolling key and reports whether it was
// one (only when the help does not fit).
func (hp *helpPane) scroll(msg tea.KeyPressMsg) bool {
	if hp.lines <= hp.room {
		return false
	}
	page := max(hp.room-2, 1)
	switch {
	case key.Matches(msg, helpScroll.down):
		hp.top++
	case key.Matches(msg, helpScroll.up):
		hp.top--
	case key.Matches(msg, helpScroll.pageDown):
		hp.top += page
	case key.Matches(msg, helpScroll.pageUp):
		hp.top -= page
	default:
		return false
	}
	hp.top = clamp(hp.top, 0, hp.lines-(hp.room-1))
	return true
}

// view draws the help in w×room cells: all of it, or a window of it with
// a line saying where it is and how to scroll.
func (hp *helpPane) view(c *Common, h help.Model, km help.KeyMap, w, room int) []string {
	lines := strings.Split(helpView(h, km, w), "\n")
	hp.lines, hp.room = len(lines), room
	if len(lines) <= room || room < 2 {
		hp.top = 0
		return lines
	}
	hp.top = clamp(hp.top, 0, len(lines)-(room-1))
	end := min(hp.top+room-1, len(lines))
	out := append([]string(nil), lines[hp.top:end]...)
	more := fmt.Sprintf("── lines %d–%d of %d · j/k scroll · ? close ──", hp.top+1, end, len(lines))
	return append(out, c.Styles.App.Dim.Render(truncate(more, w)))
}
