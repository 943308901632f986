package ui

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"margin/store"
)

// undoKind is what an undo step takes back.
type undoKind int

const (
	undoCreate      undoKind = iota // a highlight made: delete it
	undoDelete                      // a highlight deleted: put it back, relinked
	undoLabel                       // a label changed (and the links it broke)
	undoLink                        // a link to a claim changed
	undoNote                        // a note written or changed
	undoArticleNote                 // the article's note changed: h.ArticleID, h.Note before
)

// undoStep is one action u takes back; the reader keeps the last
// maxUndo of them.
type undoStep struct {
	kind     undoKind
	h        store.Highlight // the highlight before the action
	relink   []int64         // undoDelete: the highlights that were linked to it
	unlinked []store.Link    // undoLabel: the links the change removed
	label    string          // undoLabel: the label it was given
	supports int64           // undoLink: the claim it was linked to
	note     string          // undoNote, undoArticleNote: the note saved
}

const maxUndo = 50

func (s *highlightState) pushUndo(u undoStep) {
	s.undo = append(s.undo, u)
	if len(s.undo) > maxUndo {
		s.undo = s.undo[len(s.undo)-maxUndo:]
	}
}

// undoLast takes back the newest action; a step that cannot be taken back
// (changed elsewhere since) is dropped with a message, so u goes on to the
// one before it.
func (s *highlightState) undoLast(v readerView) tea.Cmd {
	if len(s.undo) == 0 {
		s.fx.fail("Nothing to undo.")
		return nil
	}
	u := s.undo[len(s.undo)-1]
	s.undo = s.undo[:len(s.undo)-1]
	return v.run("undo", func(ctx context.Context, lib Library) (any, error) {
		return apply(ctx, lib, u)
	}, func(v readerView, val any, err error) tea.Cmd {
		if err != nil {
			s.fx.fail("Could not undo: " + err.Error())
			if errors.Is(err, store.ErrConflict) {
				s.fx.fail("Not undone: it was changed elsewhere since.")
			}
			return nil
		}
		if u.kind == undoCreate || u.kind == undoDelete && !u.h.Orphan {
			s.cursor = u.h.Start
		}
		if a := v.article(); u.kind == undoArticleNote && a != nil && a.ID == u.h.ArticleID {
			a.Note = u.h.Note
		}
		msg := val.(string)
		if n := len(s.undo); n > 0 {
			msg += fmt.Sprintf(" (%d more to undo)", n)
		}
		s.fx.say(msg)
		s.refreshPanel(v)
		return nil
	})
}

// apply takes back one step in the library and says what it did.
func apply(ctx context.Context, lib Library, u undoStep) (string, error) {
	h := u.h
	switch u.kind {
	case undoCreate:
		if err := lib.DeleteHighlight(ctx, h.ID); err != nil {
			return "", err
		}
		return "Highlight undone.", nil
	case undoDelete:
		if err := restoreOn(ctx, lib, &h, u.relink); err != nil {
			return "", err
		}
		// Count what is linked now: a link changed since stays as it is.
		if hs, err := lib.Highlights(ctx, h.ArticleID); err == nil {
			n := 0
			for _, o := range hs {
				if o.Supports == h.ID {
					n++
				}
			}
			if n > 0 {
				return fmt.Sprintf("Highlight restored and relinked %d highlight%s.", n, plural(n)), nil
			}
		}
		return "Highlight restored.", nil
	case undoLabel:
		if _, err := lib.EditHighlight(ctx, store.Edit{ID: h.ID, Label: &store.Change[string]{From: u.label, To: h.Label}, Unlink: true}); err != nil {
			return "", err
		}
		for _, l := range u.unlinked {
			lib.EditHighlight(ctx, store.Edit{ID: l.From, Supports: &store.Change[int64]{From: 0, To: l.To}})
		}
		return "Label changed back to " + h.Label + ".", nil
	case undoLink:
		if _, err := lib.EditHighlight(ctx, store.Edit{ID: h.ID, Supports: &store.Change[int64]{From: u.supports, To: h.Supports}}); err != nil {
			return "", err
		}
		return "Link undone.", nil
	case undoNote:
		if _, err := lib.EditHighlight(ctx, store.Edit{ID: h.ID, Note: &store.Change[string]{From: u.note, To: h.Note}}); err != nil {
			return "", err
		}
		switch {
		case h.Note == "":
			return "Note removed.", nil
		case u.note == "":
			return "Note brought back.", nil
		}
		return "Note changed back.", nil
	case undoArticleNote:
		if err := lib.SetArticleNote(ctx, h.ArticleID, u.note, h.Note); err != nil {
			var ce *store.NoteConflictError
			if errors.As(err, &ce) {
				return "", fmt.Errorf("%w: %w", store.ErrConflict, err)
			}
			return "", err
		}
		return "Note on the article changed back.", nil
	}
	return "", nil
}
