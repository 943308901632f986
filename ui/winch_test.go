package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// asksSize reports whether running cmd (a batch or not) asks bubbletea
// for the terminal's size.
func asksSize(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			if asksSize(c) {
				return true
			}
		}
		return false
	default:
		return fmt.Sprintf("%T", msg) == fmt.Sprintf("%T", tea.RequestWindowSize())
	}
}

// At the start, the size bubbletea read first can reach Update after a
// resize's newer size, and the screen stayed drawn for the old one (a
// TestE2EResizeDuringStartup failure): a new size in the first seconds
// asks for the size again; the same size, or a resize later on, does not.
func TestStartSizeIsAskedAgain(t *testing.T) {
	m := newModel(context.Background(), Options{Library: newFakeLib(), Style: "dark"})
	m.started = time.Now()
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 30}); !asksSize(cmd) {
		t.Error("a new size at the start did not ask for the size again")
	}
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 30}); asksSize(cmd) {
		t.Error("the same size asked again (a loop)")
	}
	m.started = time.Now().Add(-time.Minute)
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30}); asksSize(cmd) {
		t.Error("a resize long after the start asked again")
	}
}
