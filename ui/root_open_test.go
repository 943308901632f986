package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"

	"margin/internal/settings"
)

// A library opened while the terminal is set up (Options.Open) is taken
// in by Init, with what it remembers (style, sort), and its first page is
// in the program's first render.
func TestOpenWhileTheTerminalIsSetUp(t *testing.T) {
	lib := bigLib(30)
	lib.settings[string(settings.Style)] = "light"
	lib.settings[string(settings.Sort)] = "title"
	opened := false
	m := newModel(context.Background(), Options{Open: func() (Library, error) { opened = true; return lib, nil }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if opened || len(lib.limits) != 0 {
		t.Fatal("the library was opened or read before Init")
	}
	m.Init()
	if !opened || m.common.Lib == nil {
		t.Fatal("Init did not open the library")
	}
	if m.common.Styles.Dark || m.detect {
		t.Errorf("the remembered light style was not applied (dark %v, detect %v)", m.common.Styles.Dark, m.detect)
	}
	if sortNames[m.library.sortIdx].name != "title" {
		t.Errorf("sort %q, want the remembered title", sortNames[m.library.sortIdx].name)
	}
	if v := m.View().Content; !strings.Contains(v, "30 articles") || !strings.Contains(v, "Article 0") {
		t.Errorf("the first render does not show the library:\n%s", v)
	}
}

// A library that cannot be opened draws nothing and ends the program
// with its error, once the terminal has answered the last question it
// was asked (an answer left unread is typed into the shell).
func TestOpenFailureQuitsOnTheLastAnswer(t *testing.T) {
	bad := errors.New("open library x: is a directory")
	m := newModel(context.Background(), Options{Open: func() (Library, error) { return nil, bad }})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	cmd := m.Init()
	if !errors.Is(m.openErr, bad) || cmd == nil {
		t.Fatalf("Init: error %v, command %v", m.openErr, cmd)
	}
	if v := m.View(); v.Content != "" || v.AltScreen {
		t.Errorf("a frame was drawn: %+v", v)
	}
	if _, quit := runCmd(cmd).(tea.QuitMsg); quit {
		t.Fatal("quit before asking the last question")
	}
	_, ask := m.Update(askLastMsg{})
	if ask == nil {
		t.Fatal("the last question was not asked")
	}
	for _, msg := range []tea.Msg{tea.KeyPressMsg{Code: 'q', Text: "q"}, tea.EnvMsg{}} {
		if _, c := m.Update(msg); c != nil {
			t.Errorf("%T: %v", msg, c)
		}
	}
	_, c := m.Update(uv.PrimaryDeviceAttributesEvent{62, 22})
	if _, quit := runCmd(c).(tea.QuitMsg); !quit {
		t.Error("the answer did not end the program")
	}
}

// The terminal's reports (environment, colours, modes, the same size) keep
// the frame drawn; anything else draws it again, even when a report comes
// between the change and the next frame.
func TestFrameKeptForTerminalReports(t *testing.T) {
	lib := libWith(5)
	m := newModel(context.Background(), Options{Library: lib, Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	s := &stepper{t: t, m: m}
	s.send(s.listOf(m.Init()))
	before := m.View().Content
	for _, msg := range []tea.Msg{tea.EnvMsg{}, tea.ColorProfileMsg{}, tea.ModeReportMsg{}, tea.WindowSizeMsg{Width: 100, Height: 30}} {
		m.Update(msg)
		if m.View().Content != before {
			t.Errorf("%T changed the frame", msg)
		}
	}
	first := s.selectedTitle()
	m.Update(keyMsg("j"))
	m.Update(tea.EnvMsg{})
	after := m.View().Content
	if after == before || s.selectedTitle() == first {
		t.Error("moving down did not draw the frame again")
	}
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 30})
	if m.View().Content == after {
		t.Error("a new width did not draw the frame again")
	}
}

// runCmd runs a command (nil gives nil).
func runCmd(c tea.Cmd) tea.Msg {
	if c == nil {
		return nil
	}
	return c()
}
