package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// The reader's writes to highlights. Each is an op (ops.go): the library
// call runs in a command, and what the user sees changes when it is back.

// placeOn places a highlight computed on an older text on an article's
// current text by its quote; false when the passage is gone.
func placeOn(a *store.Article, h *store.Highlight) bool {
	h.TextRevision = a.TextRevision
	t := render.Parse(a.Markdown)
	start, end, ok := t.Reanchor(render.Quote{Exact: h.Exact, Prefix: h.Prefix, Suffix: h.Suffix, Start: h.Start, End: h.End})
	if !ok || end <= start {
		h.Orphan, h.Start, h.End = true, 0, 0
		return false
	}
	q := t.QuoteAt(start, end)
	h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Orphan = start, end, q.Exact, q.Prefix, q.Suffix, false
	return true
}

// added is what saving a new highlight came to.
type added struct {
	h     store.Highlight
	stale bool // the article had been refreshed elsewhere: placed on the new text
	gone  bool // ...and the passage is not in it
}

// add highlights the selection, or the sentence under the cursor; after,
// if set, runs with the new highlight's ID once it is saved.
func (s *highlightState) add(v readerView, after func(v readerView, id int64) tea.Cmd) tea.Cmd {
	md := v.article().Markdown
	start, end, ok := s.selection(md)
	if !ok {
		start, end = v.parsed().SentenceAt(max(s.cursor, 0))
		start, end = trimRange(md, start, end)
	}
	if end <= start {
		s.fx.fail("Nothing to highlight here.")
		return nil
	}
	q := v.parsed().QuoteAt(start, end)
	for _, o := range s.list {
		if !o.Orphan && o.Start == q.Start && o.End == q.End {
			// The same passage twice would be two marks no one can tell
			// apart: act on the one there is.
			s.anchor = -1
			s.cursor = o.Start
			s.fx.say("Already highlighted. L label · a note · x delete")
			if after != nil {
				return after(v, o.ID)
			}
			return nil
		}
	}
	h := store.Highlight{
		ArticleID: v.article().ID, Start: q.Start, End: q.End, TextRevision: v.article().TextRevision,
		Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix, Label: store.Labels[0],
	}
	s.anchor = -1
	at := s.cursor // where the reader is: the selection's moving end
	return v.run("save the highlight", func(ctx context.Context, lib Library) (any, error) {
		_, err := lib.AddHighlight(ctx, &h)
		if !errors.Is(err, store.ErrStaleText) {
			return added{h: h}, err
		}
		// The article was refreshed elsewhere since it was opened: never
		// store offsets of the old text. Place the passage on the new one.
		a, err := lib.Article(ctx, h.ArticleID)
		if err != nil {
			return nil, err
		}
		if !placeOn(a, &h) {
			return added{h: h, stale: true, gone: true}, nil
		}
		_, err = lib.AddHighlight(ctx, &h)
		return added{h: h, stale: true}, err
	}, func(v readerView, val any, err error) tea.Cmd {
		var he *store.HighlightedError
		if errors.As(err, &he) {
			// Another margin highlighted the passage meanwhile: show
			// its highlight rather than make a second one.
			s.fx.reloadAt(h.Start, "Highlighted already, in another margin: shown now. L label · a note · x delete", "")
			return nil
		}
		if err != nil {
			s.fx.fail("Could not save the highlight: " + err.Error())
			return nil
		}
		r := val.(added)
		switch {
		case r.gone:
			s.fx.reload("", "The article was refreshed elsewhere and no longer has that passage; reloaded.")
			return nil
		case r.stale:
			s.pushUndo(undoStep{kind: undoCreate, h: r.h})
			s.fx.reloadAt(r.h.Start, "The article was refreshed elsewhere: reloaded, and your highlight placed in the new text.", "")
			return nil
		}
		s.pushUndo(undoStep{kind: undoCreate, h: r.h})
		// Keep the cursor on the new highlight so L, a and x act on it,
		// where the reader left it: at the end of a selection made
		// forward, ready to read on (it went back to the start).
		s.cursor = inside(v.article().Markdown, at, r.h.Start, r.h.End)
		s.fx.say("Highlighted. L label · a note · x delete · u undo")
		if after != nil {
			return after(v, r.h.ID)
		}
		return nil
	})
}

// edit applies an edit to a highlight; then runs with its result.
func (s *highlightState) edit(v readerView, e store.Edit, what string, then func(v readerView, res store.EditResult) tea.Cmd) tea.Cmd {
	return v.run(what, func(ctx context.Context, lib Library) (any, error) {
		return lib.EditHighlight(ctx, e)
	}, func(v readerView, val any, err error) tea.Cmd {
		if err != nil {
			s.fx.fail("Could not " + what + ": " + err.Error())
			return nil
		}
		return then(v, val.(store.EditResult))
	})
}

func (s *highlightState) remove(v readerView) tea.Cmd {
	i := s.under()
	if i < 0 {
		s.fx.fail("No highlight under the cursor.")
		return nil
	}
	return s.removeAt(v, i)
}

func (s *highlightState) removeAt(v readerView, i int) tea.Cmd {
	h := s.list[i]
	// The store clears the links to a deleted highlight; remember them so
	// that undo puts them back.
	var relink []int64
	for _, o := range s.list {
		if o.Supports == h.ID {
			relink = append(relink, o.ID)
		}
	}
	return v.run("delete the highlight", func(ctx context.Context, lib Library) (any, error) {
		return nil, lib.DeleteHighlight(ctx, h.ID)
	}, func(v readerView, _ any, err error) tea.Cmd {
		if err != nil {
			s.fx.fail("Could not delete the highlight: " + err.Error())
			return nil
		}
		s.pushUndo(undoStep{kind: undoDelete, h: h, relink: relink})
		// Say what went with it: a note of pages went without a word.
		what := "Highlight deleted"
		if strings.TrimSpace(h.Note) != "" {
			n := len(strings.Fields(h.Note))
			what += fmt.Sprintf(" with its note (%d word%s)", n, plural(n))
		}
		if n := len(relink); n > 0 {
			what += fmt.Sprintf(", and the %d link%s to it", n, plural(n))
		}
		s.fx.say(what + ". u to undo")
		s.refreshPanel(v)
		return nil
	})
}

// editNote opens the note editor on the highlight under the cursor; with
// a selection it highlights the selection first (the user chose it). With
// neither it only says how: no key makes a highlight the user did not ask
// for.
func (s *highlightState) editNote(v readerView) tea.Cmd {
	if _, _, sel := s.selection(v.article().Markdown); sel {
		return s.add(v, func(v readerView, id int64) tea.Cmd { return s.openEditor(v, id) })
	}
	i := s.under()
	if i < 0 {
		s.fx.fail("No highlight here: h highlights, then a notes it; A notes the article.")
		return nil
	}
	return s.openEditor(v, s.list[i].ID)
}

// openEditor opens the note editor on a highlight as stored now: another
// margin may have written its note.
func (s *highlightState) openEditor(v readerView, id int64) tea.Cmd {
	return v.run("read the note", func(context.Context, Library) (any, error) { return nil, nil },
		func(v readerView, _ any, _ error) tea.Cmd {
			i := s.byID(id)
			if i < 0 {
				s.fx.fail("This highlight was deleted elsewhere.")
				return nil
			}
			if why := tooLong(s.list[i].Note); why != "" {
				s.fx.fail(fmt.Sprintf("%s: use margin note %d -", why, id))
				return nil
			}
			s.editor = newNoteEditor(v.shared(), s.list[i])
			s.editor.SetSize(v.viewport().width, v.viewport().height)
			s.fx.enter(readEditor)
			return nil
		})
}

// onEditorKey saves on ctrl+s or esc; every other key is typing. After a
// conflict or a deletion elsewhere the editor offers its choices and
// closes only on one of them: the words typed are never dropped.
func (s *highlightState) onEditorKey(v readerView, msg tea.KeyPressMsg) tea.Cmd {
	k := v.shared().Keys.Editor
	ed := s.editor
	switch {
	case ed.theirs != nil && keyIs(msg, k.Theirs):
		ed.SetValue(*ed.theirs)
		ed.base, ed.theirs = *ed.theirs, nil
		s.closeEditor(v)
		s.fx.say("Kept the note written elsewhere.")
		return nil
	case ed.theirs != nil && keyIs(msg, k.Merge):
		ed.SetValue(ed.Value() + "\n\n" + *ed.theirs)
		ed.base, ed.theirs = *ed.theirs, nil
		s.fx.say("Both notes are in the editor: edit, then ctrl+s saves.")
		return nil
	case ed.deleted && !ed.article && keyIs(msg, k.Restore):
		return s.restoreWithNote(v)
	case keyIs(msg, k.Save) || keyIs(msg, k.Cancel):
		if ed.theirs != nil && keyIs(msg, k.Cancel) {
			s.fx.fail("Changed elsewhere: ctrl+s keeps yours, ctrl+o takes theirs, ctrl+g merges both.")
			return nil
		}
		keep := v.shared().Opt.KeepUnsaved
		if ed.deleted && ed.Value() != "" && !ed.article && !(ed.escOnce && keyIs(msg, k.Cancel) && keep != nil) {
			ed.escOnce = keyIs(msg, k.Cancel)
			if keep == nil {
				s.fx.fail("Deleted elsewhere: ctrl+r restores the highlight with your note.")
			} else {
				s.fx.fail("Deleted elsewhere: ctrl+r restores it; esc again keeps your note in a file.")
			}
			return nil
		}
		if ed.deleted {
			// The draft file, if any, goes only once the words are kept
			// in theirs: were that to fail, the draft holds them.
			draft := ed.draftFile
			ed.draftFile = ""
			s.closeEditor(v)
			if keep != nil && strings.TrimSpace(ed.Value()) != "" {
				// The article is gone: the words go to a file, not nowhere.
				text, about, drop := ed.Value(), unsavedAbout(v.article(), ed), ed.Opt.KeepDraft
				return func() tea.Msg {
					path, err := keep(text, about)
					if err != nil {
						if draft != "" {
							return errMsg{"Could not keep the note in a file: " + err.Error() + "; your words up to the last seconds are in " + sanitize.Line(draft)}
						}
						return errMsg{"Could not keep the note in a file: " + err.Error()}
					}
					if draft != "" && drop != nil {
						_, _ = drop(draft, "", "")
					}
					return statusMsg{"Your note is kept in " + sanitize.Line(path)}
				}
			}
			ed.draftFile = draft
			return dropDraft(ed) // nothing to keep: the note was empty
		}
		return s.saveNote(v, ed.theirs != nil, true)
	}
	return ed.Update(msg)
}

// closeEditor leaves the editor, recording the note change for undo.
func (s *highlightState) closeEditor(v readerView) {
	ed := s.editor
	// Undo goes back to the note this save replaced: the one written
	// elsewhere when yours was kept over it (it was lost, undo and all).
	before := ed.h
	before.Note = ed.orig
	if ed.replaced != nil {
		before.Note = *ed.replaced
	}
	if !ed.deleted && ed.article && ed.base != before.Note {
		s.pushUndo(undoStep{kind: undoArticleNote, h: before, note: ed.base})
		switch {
		case ed.replaced != nil:
			s.fx.say("Your note on the article saved over the one written elsewhere. u brings that one back")
		case ed.base == "":
			s.fx.say("Note on the article removed. u to undo")
		default:
			s.fx.say("Note on the article saved. u to undo")
		}
	}
	if !ed.deleted && !ed.article && ed.base != before.Note {
		s.pushUndo(undoStep{kind: undoNote, h: before, note: ed.base})
		switch {
		case ed.replaced != nil:
			s.fx.say("Your note saved over the one written elsewhere. u brings that one back")
		case ed.base == "":
			s.fx.say("Note removed. u to undo")
		default:
			s.fx.say("Note saved. u to undo")
		}
	}
	s.fx.run(dropDraft(ed)) // its words are saved, or let go by choice
	s.editor = nil
	s.fx.enter(readNormal)
	if s.back {
		// Back on the highlight whose note it was, not the reader's.
		s.back = false
		s.openPanel(v)
		for j, it := range s.fx.picker.items {
			if it.Value == any(ed.h.ID) {
				s.fx.pickAt = j
			}
		}
	}
}

// noteEdit is the edit that saves the note being written: based on the
// note the editor last saw, or (mine) over the one changed elsewhere, as
// the user chose. ok is false when there is nothing to save.
func (s *highlightState) noteEdit(mine bool) (e store.Edit, note string, ok bool) {
	ed := s.editor
	note, from := ed.Value(), ed.base
	if mine && ed.theirs != nil {
		from = *ed.theirs
	}
	if note == from {
		return e, note, false
	}
	return store.Edit{ID: ed.h.ID, Note: &store.Change[string]{From: from, To: note}}, note, true
}

// saveNote stores the note being written, and closes the editor after if
// asked. A conflict or a deletion elsewhere keeps the editor open with its
// choices.
func (s *highlightState) saveNote(v readerView, mine, close bool) tea.Cmd {
	ed := s.editor
	if ed.article {
		return s.saveArticleNote(v, mine, close)
	}
	e, note, ok := s.noteEdit(mine)
	if !ok {
		ed.base, ed.theirs = note, nil
		if close {
			s.closeEditor(v)
		}
		return nil
	}
	over := overwritten(ed, mine)
	ed.saving++
	ed.closing = ed.closing || close
	if close {
		// Said at once: on a library another margin is writing, the
		// save waits (up to seconds) before it says the library is busy.
		s.fx.say("Saving the note…")
	}
	return v.run("save the note", func(ctx context.Context, lib Library) (any, error) {
		return lib.EditHighlight(ctx, e)
	}, func(v readerView, _ any, err error) tea.Cmd {
		ed.saving--
		if s.editor != ed {
			return nil // closed meanwhile (a draft that landed late)
		}
		if !s.noteSaved(v, note, err) {
			ed.stayed, ed.closing = ed.closing, false
			return nil
		}
		ed.replaced = cmp.Or(over, ed.replaced)
		if close {
			s.closeEditor(v)
		}
		return nil
	})
}

// overwritten is the note written elsewhere a save with mine replaces,
// nil when it replaces none.
func overwritten(ed *noteEditor, mine bool) *string {
	if !mine || ed.theirs == nil {
		return nil
	}
	t := *ed.theirs
	return &t
}

// noteSaved takes a note save's result: a conflict keeps the other text
// for the user to choose, a deletion offers the highlight back. It
// reports whether the note is saved.
func (s *highlightState) noteSaved(v readerView, note string, err error) bool {
	ed := s.editor
	var ce *store.ConflictError
	switch {
	case errors.As(err, &ce):
		t := ce.Current.Note
		ed.theirs = &t
		s.fx.fail("This note was changed elsewhere while you wrote: ctrl+s keeps yours, ctrl+o takes theirs, ctrl+g merges both.")
		return false
	case errors.Is(err, store.ErrNotFound):
		ed.deleted = true
		s.fx.fail("This highlight was deleted elsewhere: ctrl+r restores it with your note.")
		return false
	case err != nil:
		s.fx.fail("Could not save the note: " + err.Error())
		return false
	}
	ed.base, ed.theirs = note, nil
	return true
}

// restoreWithNote puts back a highlight deleted elsewhere, with the note
// being written, on the article's current text.
func (s *highlightState) restoreWithNote(v readerView) tea.Cmd {
	ed := s.editor
	h := ed.h
	h.Note = ed.Value()
	return v.run("restore the highlight", func(ctx context.Context, lib Library) (any, error) {
		return nil, restoreOn(ctx, lib, &h, nil)
	}, func(v readerView, _ any, err error) tea.Cmd {
		if errors.Is(err, store.ErrHighlightExists) && s.editor == ed {
			// Restored elsewhere meanwhile: the note is saved on it as
			// any note is, a conflict if it has another note now.
			ed.deleted, ed.escOnce = false, false
			s.fx.say("The highlight was restored elsewhere: saving your note on it…")
			return s.saveNote(v, false, true)
		}
		if err != nil {
			s.fx.fail("Could not restore the highlight: " + err.Error())
			return nil
		}
		if s.editor == ed {
			ed.deleted = false
			ed.base, ed.orig = h.Note, h.Note
			s.closeEditor(v)
		}
		s.fx.say("Highlight restored with your note.")
		return nil
	})
}

// restoreOn puts a deleted highlight back, on the article's current text
// if it was refreshed since.
func restoreOn(ctx context.Context, lib Library, h *store.Highlight, relink []int64) error {
	err := lib.RestoreHighlight(ctx, h, relink)
	if !errors.Is(err, store.ErrStaleText) {
		return err
	}
	a, err := lib.Article(ctx, h.ArticleID)
	if err != nil {
		return err
	}
	placeOn(a, h)
	return lib.RestoreHighlight(ctx, h, relink)
}

// draftChanged is true when the note being written differs from the one
// last saved.
func (s *highlightState) draftChanged() bool {
	ed := s.editor
	// Not while a save is out: the draft would be based on the note
	// before it, and refused as changed elsewhere by it.
	return ed != nil && ed.saving == 0 && ed.theirs == nil && !ed.deleted && ed.base != ed.Value()
}

// saveDraft stores the note being written without closing the editor, so
// that a killed terminal loses at most the last seconds of typing.
func (s *highlightState) saveDraft(v readerView) tea.Cmd {
	if s.draftToKeep() {
		return s.keepDraft(v)
	}
	if !s.draftChanged() {
		return nil
	}
	return s.saveNote(v, false, false)
}

// draftToKeep is true when the note being written cannot be saved until
// the user chooses (changed or deleted elsewhere) and its file does not
// hold it yet.
func (s *highlightState) draftToKeep() bool {
	ed := s.editor
	return ed != nil && ed.Opt.KeepDraft != nil && (ed.theirs != nil || ed.deleted) &&
		ed.Value() != ed.drafted && strings.TrimSpace(ed.Value()) != ""
}

// keepDraft writes the note being written to its draft file, in a
// command: until the user chooses, a killed terminal loses nothing.
func (s *highlightState) keepDraft(v readerView) tea.Cmd {
	ed := s.editor
	keep, path, text, about := ed.Opt.KeepDraft, ed.draftFile, ed.Value(), unsavedAbout(v.article(), ed)
	ed.drafted = text
	return v.run("keep the note in a file", func(context.Context, Library) (any, error) {
		return keep(path, text, about)
	}, func(v readerView, val any, err error) tea.Cmd {
		if err != nil {
			ed.drafted = "" // tried again at the next tick
			return nil
		}
		if ed.draftFile == "" {
			s.fx.say("Until you choose, your words are kept in " + sanitize.Line(val.(string)))
		}
		ed.draftFile = val.(string)
		if s.editor != ed {
			return dropDraft(ed) // closed meanwhile
		}
		return nil
	})
}

// dropDraft removes a closed editor's draft file: its words are saved.
func dropDraft(ed *noteEditor) tea.Cmd {
	if ed.draftFile == "" || ed.Opt.KeepDraft == nil {
		return nil
	}
	keep, path := ed.Opt.KeepDraft, ed.draftFile
	ed.draftFile = ""
	return func() tea.Msg {
		_, _ = keep(path, "", "")
		return nil
	}
}

// setLabel changes a highlight's label. A change that would break links
// (a claim others link to, or a linked evidence given a label that cannot
// link) asks first; with unlink it goes ahead and says what it unlinked.
func (s *highlightState) setLabel(v readerView, id int64, label string, unlink bool) tea.Cmd {
	i := s.byID(id)
	if i < 0 {
		return nil
	}
	h := s.list[i]
	e := store.Edit{ID: id, Label: &store.Change[string]{From: h.Label, To: label}, Unlink: unlink}
	return v.run("change the label", func(ctx context.Context, lib Library) (any, error) {
		return lib.EditHighlight(ctx, e)
	}, func(v readerView, val any, err error) tea.Cmd {
		var ue *store.UnlinkError
		if errors.As(err, &ue) {
			what := fmt.Sprintf("unlink the %d highlight%s linked to this claim", len(ue.Linked), plural(len(ue.Linked)))
			if len(ue.Linked) == 1 && ue.Linked[0] == id {
				what = "unlink it from its claim (" + labelPhrase(label) + " does not link)"
			}
			s.target, s.newLabel = id, label
			pk := newPicker(v.shared(), "Make it "+labelPhrase(label)+"?", []pickItem{
				{Title: "Yes, and " + what, Value: true},
				{Title: "No, keep it " + labelPhrase(h.Label), Value: false},
			})
			s.fx.show(pk, pickUnlink, -1)
			return nil
		}
		if err != nil {
			s.fx.fail("Could not change the label: " + err.Error())
			return nil
		}
		res := val.(store.EditResult)
		s.pushUndo(undoStep{kind: undoLabel, h: h, label: label, unlinked: res.Unlinked})
		s.fx.say("Labelled " + label + ". u to undo")
		if n := len(res.Unlinked); n > 0 {
			s.fx.say(fmt.Sprintf("Labelled %s and unlinked %d highlight%s. u to undo", label, n, plural(n)))
		}
		return nil
	})
}

// link links the chooser's target to a claim (0 unlinks).
func (s *highlightState) link(v readerView, to int64) tea.Cmd {
	i := s.byID(s.target)
	if i < 0 {
		return nil
	}
	h := s.list[i]
	if to == h.Supports {
		// Nothing to change, and nothing for u to take back.
		if to == 0 {
			s.fx.say("Left unlinked.")
		} else {
			s.fx.say("Already linked to that claim.")
		}
		return nil
	}
	return s.edit(v, store.Edit{ID: h.ID, Supports: &store.Change[int64]{From: h.Supports, To: to}}, "link the highlight",
		func(v readerView, _ store.EditResult) tea.Cmd {
			s.pushUndo(undoStep{kind: undoLink, h: h, supports: to})
			s.fx.say("Linked to the claim. u to undo")
			if to == 0 {
				s.fx.say("Unlinked. u to undo")
			}
			return nil
		})
}

// reattach moves a highlight (typically an orphan) onto the selection: the
// selected passage is now what it highlights.
func (s *highlightState) reattach(v readerView, i int) tea.Cmd {
	md := v.article().Markdown
	start, end, ok := s.selection(md)
	if !ok {
		return nil
	}
	q := v.parsed().QuoteAt(start, end)
	h := s.list[i]
	pl := store.Place{Start: q.Start, End: q.End, Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix, TextRevision: v.article().TextRevision}
	return v.run("re-attach the highlight", func(ctx context.Context, lib Library) (any, error) {
		return lib.PlaceHighlight(ctx, h.ID, pl)
	}, func(v readerView, _ any, err error) tea.Cmd {
		if errors.Is(err, store.ErrStaleText) {
			s.fx.reload("", "The article was refreshed elsewhere: reloaded; select the passage again.")
			return nil
		}
		if err != nil {
			s.fx.fail("Could not re-attach the highlight: " + err.Error())
			return nil
		}
		s.anchor = -1
		s.fx.say("Re-attached to the selection.")
		s.refreshPanel(v)
		return nil
	})
}

// refreshPanel redraws the highlights panel, if open, from the list.
func (s *highlightState) refreshPanel(v readerView) {
	cur, ok := v.panelCursor()
	if !ok {
		return
	}
	s.openPanel(v)
	s.fx.pickAt = cur
}

// labelPhrase names a label as a sentence says it: "a claim", "evidence",
// "a disagreement" ("Make it a evidence?" read badly).
func labelPhrase(label string) string {
	switch label {
	case "evidence":
		return "evidence"
	case "disagree":
		return "a disagreement"
	case "":
		return "a highlight"
	}
	return "a " + label
}

// inside is the offset at, moved into [start, end): onto the passage's
// last character when it lies past it, its first when before.
func inside(md string, at, start, end int) int {
	switch {
	case at < start || end <= start || end > len(md):
		return start
	case at >= end:
		_, n := utf8.DecodeLastRuneInString(md[:end])
		return max(end-n, start)
	}
	return at
}
