package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"margin/internal/query"
	"margin/sanitize"
	"margin/store"
)

// viewsMsg brings the saved views; open shows the chooser once they are
// in, reload reads the list again in the view as it now is.
type viewsMsg struct {
	views  []store.View
	err    error
	open   bool
	reload bool
}

// loadViews reads the saved views in a command.
func (l *libraryModel) loadViews(open bool) tea.Cmd {
	if open {
		l.await("views") // keys typed meanwhile are the chooser's
	}
	lib, ctx := l.Lib, l.ctx
	return func() tea.Msg {
		vs, err := lib.Views(ctx)
		return viewsMsg{views: vs, err: err, open: open}
	}
}

// refresh reads the list again; in a view, the view first: another margin
// may have changed its query (margin view save, margin tags rename) or
// deleted it.
func (l *libraryModel) refresh() tea.Cmd {
	if l.view == nil {
		return l.reload()
	}
	lib, ctx := l.Lib, l.ctx
	return func() tea.Msg {
		vs, err := lib.Views(ctx)
		return viewsMsg{views: vs, err: err, reload: true}
	}
}

func (l *libraryModel) onViews(msg viewsMsg) tea.Cmd {
	var keys []tea.Msg
	if msg.open {
		var ok bool
		if keys, ok = l.opened("views"); !ok {
			msg.open = false // cancelled with esc meanwhile
		}
	}
	if msg.err != nil {
		if msg.open {
			l.errLine = "Could not read the saved views: " + msg.err.Error()
		}
		if msg.reload {
			return l.reload()
		}
		return nil
	}
	l.views = msg.views
	if msg.reload {
		return l.followView()
	}
	if !msg.open || l.mode != libList {
		return nil
	}
	if len(l.views) == 0 {
		l.errLine = "No saved views yet: margin view save NAME QUERY (margin view save Later tag:later is:new)."
		return nil
	}
	items := []pickItem{{Title: "All articles", Desc: "the whole library", Value: (*store.View)(nil)}}
	cur := 0
	for i := range l.views {
		v := l.views[i]
		items = append(items, pickItem{Title: v.Name, Desc: v.Query, Value: &v})
		if l.view != nil && l.view.Name == v.Name {
			cur = i + 1
		}
	}
	l.picker = newPicker(l.Common, "Saved views", items)
	l.picker.keys.Delete.SetEnabled(true)
	l.picker.keys.Undo.SetEnabled(true)
	l.picker.cursor = cur
	l.picker.SetSize(l.Width-2, l.bodyHeight())
	l.mode = libViews
	return l.replay(keys)
}

// followView takes the shown view's query as saved now, or leaves the view
// when it was deleted, and reads the list again.
func (l *libraryModel) followView() tea.Cmd {
	if l.view == nil {
		return l.reload()
	}
	for i := range l.views {
		v := l.views[i]
		if !strings.EqualFold(v.Name, l.view.Name) {
			continue
		}
		if v.Query != l.view.Query {
			if q, err := query.Parse(v.Query); err == nil {
				l.view, l.viewQuery = &v, q
				l.status = "The view “" + sanitize.Line(v.Name) + "” now reads " + sanitize.Line(v.Query) + "."
			}
		}
		return l.reload()
	}
	l.status = "The view “" + sanitize.Line(l.view.Name) + "” was deleted: all articles."
	l.view = nil
	return l.reload()
}

// onViewsKey moves in the chooser; enter shows the view chosen, x
// deletes it.
func (l *libraryModel) onViewsKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, l.picker.keys.Undo) {
		return l.undoLast()
	}
	if key.Matches(msg, l.picker.keys.Delete) {
		if v, _ := l.picker.chosen().(*store.View); v != nil {
			return l.deleteView(*v)
		}
		return nil
	}
	switch l.picker.HandleKey(msg) {
	case pickBack:
		l.mode, l.picker = libList, nil
	case pickChoose:
		v, _ := l.picker.chosen().(*store.View)
		l.mode, l.picker = libList, nil
		return l.setView(v)
	}
	return nil
}

// setView shows a saved view (nil: the whole library).
func (l *libraryModel) setView(v *store.View) tea.Cmd {
	if v != nil {
		q, err := query.Parse(v.Query)
		if err != nil {
			l.errLine = "The view “" + sanitize.Line(v.Name) + "” cannot be read: " + err.Error()
			return nil
		}
		l.viewQuery = q
	}
	l.view = v
	l.cursor, l.offset = 0, 0
	if v != nil {
		l.status = "View “" + sanitize.Line(v.Name) + "”: " + sanitize.Line(v.Query) + " · esc leaves it"
	} else {
		l.status = "All articles."
	}
	return l.load(0)
}

// deleteView forgets a saved view, then shows the chooser again; the list
// shown, when it was that view, becomes the whole library.
func (l *libraryModel) deleteView(v store.View) tea.Cmd {
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		if err := lib.DeleteView(ctx, v.Name); err != nil {
			return nil, fmt.Errorf("delete the view: %w", err)
		}
		return func(l *libraryModel) tea.Cmd {
			var cmd tea.Cmd
			if l.view != nil && strings.EqualFold(l.view.Name, v.Name) {
				cmd = l.setView(nil)
			}
			l.pushUndo(libUndo{view: &v})
			l.status = "Deleted the view “" + sanitize.Line(v.Name) + "” (" + sanitize.Line(v.Query) + "). u brings it back"
			if l.mode == libViews {
				l.mode, l.picker = libList, nil
			}
			return tea.Batch(cmd, l.loadViews(len(l.views) > 1))
		}, nil
	})
}

// viewToSave is the query V saves: the view shown narrowed by the filter.
func (l *libraryModel) viewToSave() string {
	q := strings.TrimSpace(l.filter)
	if q == "" && l.query != "" {
		// A full-text search shown: a view's words search the full text.
		q = strings.TrimSpace(l.query)
	}
	if l.view != nil {
		q = strings.TrimSpace(l.view.Query + " " + q)
	}
	return q
}

// askViewName asks for the name to save the filter under.
func (l *libraryModel) askViewName() {
	switch {
	case l.queryErr != "":
		l.errLine = "The filter cannot be read: " + l.queryErr
		return
	case strings.TrimSpace(l.filter) == "" && strings.TrimSpace(l.query) == "":
		l.errLine = "Filter with / or search with s first (tag:policy is:new, words…), then V saves it as a view."
		return
	}
	l.mode = libSaveView
	l.prompt = newPrompt(l.Common, "save view as:", "a name for “"+sanitize.Line(l.viewToSave())+"”")
}

// saveView saves the filter as a view named name, then shows it.
func (l *libraryModel) saveView(name string) tea.Cmd {
	n, ok := store.CleanViewName(name)
	if !ok {
		l.errLine = "Not saved: " + store.ErrBadViewName.Error() + "."
		return nil
	}
	q := l.viewToSave()
	// A view of that name (without case) is replaced, keeping its name as
	// the store does: say what it was.
	replaced := ""
	for _, v := range l.views {
		if !strings.EqualFold(v.Name, n) {
			continue
		}
		n = v.Name
		if v.Query != q {
			replaced = " (it replaced “" + sanitize.Line(v.Query) + "”)"
		}
	}
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		if err := lib.SaveView(ctx, n, q); err != nil {
			return nil, fmt.Errorf("save the view: %w", err)
		}
		return func(l *libraryModel) tea.Cmd {
			l.filter, l.words, l.queryErr, l.shown, l.opsKey, l.filterOps = "", "", "", "", "", query.Query{}
			l.query, l.results = "", nil // a search saved is now the view shown
			v := store.View{Name: n, Query: q}
			cmd := l.setView(&v)
			l.status = "Saved the view “" + sanitize.Line(n) + "”: " + sanitize.Line(q) + replaced + " · v chooses views"
			return tea.Batch(cmd, l.loadViews(false))
		}, nil
	})
}
