package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"margin/internal/article"
	"margin/render"
	"margin/store"
)

// fakeView is a reader around the highlights with no pager: the
// highlights work through readerView alone and ask for the rest as
// effects.
type fakeView struct {
	art      *store.Article
	text     *render.Text
	doc      *render.Doc
	vp       viewport
	scrolled []int
	ran      []string
}

func (v *fakeView) shared() *Common                   { return nil }
func (v *fakeView) article() *store.Article           { return v.art }
func (v *fakeView) parsed() *render.Text              { return v.text }
func (v *fakeView) document() *render.Doc             { return v.doc }
func (v *fakeView) searchHits() ([]render.Match, int) { return nil, 0 }
func (v *fakeView) viewport() viewport                { return v.vp }
func (v *fakeView) topOffset() int                    { return 0 }
func (v *fakeView) panelCursor() (int, bool)          { return 0, false }
func (v *fakeView) scrollTo(line int) {
	v.scrolled = append(v.scrolled, line)
	v.vp.top = max(line, 0)
}
func (v *fakeView) run(what string, _ func(context.Context, Library) (any, error), _ func(readerView, any, error) tea.Cmd) tea.Cmd {
	v.ran = append(v.ran, what)
	return func() tea.Msg { return nil }
}

func TestHighlightStateAlone(t *testing.T) {
	md := strings.Repeat("A sentence here. Another one follows.\n\n", 40)
	doc, err := render.Render(md, render.Options{Width: 60, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	v := &fakeView{art: &store.Article{ID: 1, Content: article.Content{Markdown: md}}, text: render.Parse(md), doc: doc,
		vp: viewport{pending: -1, height: 10, width: 60}}
	var s highlightState
	s.reset()
	s.onDoc(v)
	if s.cursor != 0 {
		t.Fatalf("cursor %d after the rendering, want the top (0)", s.cursor)
	}

	// No highlights: ] says so as an effect, and nothing else moves.
	s.jump(v, 1)
	if fx := s.take(); !fx.setErr || fx.setStatus || fx.setMode || fx.picker != nil || len(v.scrolled) > 0 {
		t.Errorf("] with no highlights: effects %+v, scrolled %v", fx, v.scrolled)
	}
	if fx := s.take(); fx.setErr {
		t.Error("take did not forget the effects")
	}

	// A cursor moved off screen scrolls through the view, a third down.
	end := len(md) - 5
	s.moveTo(v, end)
	if want := lineOf(doc, end) - 10/3; len(v.scrolled) != 1 || v.scrolled[0] != want {
		t.Errorf("moveTo off screen scrolled %v, want [%d]", v.scrolled, want)
	}

	// y asks for a copy; h starts a library call through the view.
	k := readerKeys()
	if cmd := s.onKey(v, tea.KeyPressMsg{Code: 'y', Text: "y"}, k); cmd != nil {
		t.Error("y returned a command: the copy is the pager's, asked as an effect")
	}
	if fx := s.take(); fx.copyReq == nil || fx.copyReq.text != "Another one follows." {
		t.Errorf("y: copy effect %+v", fx.copyReq)
	}
	if cmd := s.onKey(v, tea.KeyPressMsg{Code: 'h', Text: "h"}, k); cmd == nil || len(v.ran) != 1 || v.ran[0] != "save the highlight" {
		t.Errorf("h: ran %v", v.ran)
	}
}
