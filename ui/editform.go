package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"margin/sanitize"
	"margin/store"
)

// editForm edits an article's details in the library (E): title, author,
// site, published date and address, one input each. Only the fields the
// user changed are saved, and the store remembers them, so a refresh keeps
// them (as margin edit does).
type editForm struct {
	*Common
	id     int64
	title  string // the article's title when the form opened, for messages
	fields []formField
	focus  int
	err    string
}

// formField is one labelled input and the value it started with.
type formField struct {
	name  string
	input *prompt
	was   string
}

// The form's fields, in order.
const (
	fieldTitle = iota
	fieldAuthor
	fieldSite
	fieldPublished
	fieldAddress
)

// formValues are an article's details as the form's fields show them.
func formValues(a *store.Article) [5]string {
	published := ""
	if !a.Published.IsZero() {
		published = a.Published.Format(store.DateLayout)
	}
	return [5]string{a.Title, a.Byline, a.SiteName, published, a.SourceURL}
}

func newEditForm(c *Common, a *store.Article) *editForm {
	vals := formValues(a)
	f := &editForm{Common: c, id: a.ID, title: a.Title}
	for i, fd := range []struct{ name, hint string }{
		{"Title", "the article's title"},
		{"Author", "who wrote it"},
		{"Site", "where it was published"},
		{"Published", "YYYY-MM-DD, or empty"},
		{"Address", "https://…"},
	} {
		p := newPrompt(c, fmt.Sprintf("%-10s", fd.name+":"), fd.hint)
		p.SetValue(sanitize.Line(vals[i]))
		p.input.CursorStart() // a field not being edited shows its start
		p.input.Blur()
		f.fields = append(f.fields, formField{name: fd.name, input: p, was: p.Value()})
	}
	f.fields[0].input.input.Focus()
	f.fields[0].input.input.CursorEnd()
	f.SetWidth(c.Width)
	return f
}

// SetWidth fits the inputs to the screen.
func (f *editForm) SetWidth(w int) {
	for _, fd := range f.fields {
		fd.input.SetWidth(max(w-4, 10))
	}
}

// move focuses the field d places away, wrapping.
func (f *editForm) move(d int) {
	f.fields[f.focus].input.input.CursorStart()
	f.fields[f.focus].input.input.Blur()
	f.focus = (f.focus + d + len(f.fields)) % len(f.fields)
	f.fields[f.focus].input.input.Focus()
	f.fields[f.focus].input.input.CursorEnd()
}

// Update handles a key or a paste; done is true when the form closes,
// with save set when it is to be saved.
func (f *editForm) Update(msg tea.Msg) (cmd tea.Cmd, done, save bool) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return nil, true, false
		case "enter":
			if err := f.check(); err != nil {
				f.err = err.Error()
				return nil, false, false
			}
			return nil, true, true
		case "tab", "down":
			f.move(1)
			return nil, false, false
		case "shift+tab", "up":
			f.move(-1)
			return nil, false, false
		}
	}
	if p, ok := msg.(tea.PasteMsg); ok {
		msg = tea.PasteMsg{Content: strings.Join(strings.Fields(p.Content), " ")}
	}
	f.err = ""
	return f.fields[f.focus].input.Update(msg), false, false
}

// value is a field's text, spaces trimmed.
func (f *editForm) value(i int) string { return strings.TrimSpace(f.fields[i].input.Value()) }

// changed reports whether a field differs from what it started with.
func (f *editForm) changed(i int) bool { return f.value(i) != strings.TrimSpace(f.fields[i].was) }

// check refuses what the store would refuse, naming the field, so the
// form stays open on what was typed.
func (f *editForm) check() error {
	m, _, err := f.metadata()
	if err != nil {
		return err
	}
	return m.Check()
}

// metadata is what the form changes, as the store takes it; ok is false
// when nothing changed.
func (f *editForm) metadata() (m store.Metadata, ok bool, err error) {
	str := func(i int) *string {
		if !f.changed(i) {
			return nil
		}
		v := f.value(i)
		ok = true
		return &v
	}
	m.Title, m.Byline, m.SiteName, m.SourceURL = str(fieldTitle), str(fieldAuthor), str(fieldSite), str(fieldAddress)
	if f.changed(fieldPublished) {
		t, err := store.ParsePublished(f.value(fieldPublished))
		if err != nil {
			return m, ok, fmt.Errorf("published: %w", err)
		}
		m.Published, ok = &t, true
	}
	return m, ok, nil
}

// View draws the form: one line a field, the error if any, and the keys.
func (f *editForm) View() string {
	st := f.Styles
	lines := []string{"", "  " + st.App.Brand.Render("Edit details") + st.App.Dim.Render("  "+truncate(sanitize.Line(f.title), max(f.Width-18, 10))), ""}
	for i, fd := range f.fields {
		mark := "  "
		if i == f.focus {
			mark = st.App.Brand.Render("▸ ")
		}
		lines = append(lines, mark+fd.input.View())
	}
	lines = append(lines, "")
	if f.err != "" {
		lines = append(lines, "  "+st.App.Error.Render(truncate(sanitize.Line(f.err), f.Width-4)))
	}
	lines = append(lines, "  "+st.App.Dim.Render(truncate("tab/↓ next field · shift+tab/↑ previous · enter save · esc cancel", f.Width-4)))
	return strings.Join(lines, "\n")
}

// saveDetails writes what the form changed, in a command.
func (l *libraryModel) saveDetails(f *editForm) tea.Cmd {
	m, ok, _ := f.metadata() // checked when enter closed the form
	if !ok {
		l.status = "Details unchanged."
		return nil
	}
	id, title := f.id, f.title
	if m.Title != nil {
		title = *m.Title
	}
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		// A field the user changed that was changed elsewhere meanwhile
		// is not overwritten unseen; a failed save keeps what was typed.
		cur, err := lib.Article(ctx, id)
		if err == nil {
			now := formValues(cur)
			for i := range f.fields {
				if v := strings.TrimSpace(sanitize.Line(now[i])); f.changed(i) && v != strings.TrimSpace(f.fields[i].was) {
					return func(l *libraryModel) tea.Cmd {
						f.fields[i].was = v // enter now saves over it
						l.reopenForm(f, fmt.Sprintf("The %s was changed elsewhere meanwhile, to “%s”: enter saves yours over it, esc keeps it.", strings.ToLower(f.fields[i].name), v))
						return nil
					}, nil
				}
			}
			err = lib.EditMetadata(ctx, id, m)
		}
		if err != nil {
			return func(l *libraryModel) tea.Cmd {
				l.reopenForm(f, "Not saved: "+err.Error())
				return nil
			}, nil
		}
		return func(l *libraryModel) tea.Cmd {
			l.status = "Saved the details of “" + sanitize.Line(title) + "”."
			return l.reload()
		}, nil
	})
}

// reopenForm shows the form again on what was typed, with why, unless the
// user went on to something else meanwhile.
func (l *libraryModel) reopenForm(f *editForm, why string) {
	if l.mode != libList || l.form != nil {
		l.errLine = why
		return
	}
	f.err = why
	f.SetWidth(l.Width)
	l.form, l.mode = f, libEdit
}

// onForm passes a key or a paste to the details form, and saves or
// closes it when it is done.
func (l *libraryModel) onForm(msg tea.Msg) tea.Cmd {
	cmd, done, save := l.form.Update(msg)
	if !done {
		return cmd
	}
	f := l.form
	l.form, l.mode = nil, libList
	if save {
		return l.saveDetails(f)
	}
	return nil
}

// detailsMsg is an article read whole for the details form: a row holds
// only what it shows (no author or published date).
type detailsMsg struct {
	id  int64
	a   *store.Article
	err error
}

// openDetails reads the selected article in a command; the form opens
// when it comes.
func (l *libraryModel) openDetails() tea.Cmd {
	a := l.selected()
	if a == nil {
		return nil
	}
	lib, ctx, id := l.Lib, l.ctx, a.ID
	l.await("details")
	l.detailsFor = id
	return func() tea.Msg {
		a, err := lib.Article(ctx, id)
		return detailsMsg{id: id, a: a, err: err}
	}
}

func (l *libraryModel) onDetails(msg detailsMsg) tea.Cmd {
	if msg.id != l.detailsFor {
		return nil // the answer for an article E was pressed on before
	}
	keys, ok := l.opened("details")
	if !ok {
		return nil // cancelled with esc meanwhile
	}
	if msg.err != nil {
		l.errLine = "Could not read the article: " + msg.err.Error()
		return nil
	}
	if l.mode != libList {
		return nil // the user went on to something else meanwhile
	}
	l.form, l.mode = newEditForm(l.Common, msg.a), libEdit
	return l.replay(keys)
}
