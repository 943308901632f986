package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"margin/store"
)

// The note on the whole article (Readwise's document note) is written in
// the editor highlights use (A in the reader), saved over the note it was
// based on (store.SetArticleNote refuses a save over one changed
// elsewhere, and the editor offers both texts as for a highlight's note),
// and shown above the article's first line.

// newArticleNoteEditor opens the note editor on an article's note.
func newArticleNoteEditor(c *Common, a *store.Article) *noteEditor {
	e := newNoteEditor(c, store.Highlight{ArticleID: a.ID, Note: a.Note})
	e.article = true
	e.quote = a.Title
	e.area.Placeholder = "A note on the whole article (Markdown allowed)…"
	return e
}

// editArticleNote opens the editor on the article's note as stored now:
// another margin may have written it.
func (s *highlightState) editArticleNote(v readerView) tea.Cmd {
	if v.article() == nil {
		return nil
	}
	id := v.article().ID
	return v.run("read the article's note", func(ctx context.Context, lib Library) (any, error) {
		return lib.Article(ctx, id)
	}, func(v readerView, val any, err error) tea.Cmd {
		a, _ := val.(*store.Article)
		if err != nil || a == nil || v.article() == nil || v.article().ID != id {
			if err != nil {
				s.fx.fail("Could not read the article's note: " + err.Error())
			}
			return nil
		}
		v.article().Note = a.Note
		if why := tooLong(a.Note); why != "" {
			s.fx.fail(fmt.Sprintf("%s: use margin note --article %d -", why, id))
			return nil
		}
		s.editor = newArticleNoteEditor(v.shared(), v.article())
		s.editor.SetSize(v.viewport().width, v.viewport().height)
		s.fx.enter(readEditor)
		return nil
	})
}

// saveArticleNote stores the article note being written, and closes the
// editor after if asked (mine: over the note changed elsewhere).
func (s *highlightState) saveArticleNote(v readerView, mine, close bool) tea.Cmd {
	ed := s.editor
	id, note, from := ed.h.ArticleID, ed.Value(), ed.base
	if mine && ed.theirs != nil {
		from = *ed.theirs
	}
	if note == from {
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
		s.fx.say("Saving the note…") // at once, as saveNote does
	}
	return v.run("save the article's note", func(ctx context.Context, lib Library) (any, error) {
		return nil, lib.SetArticleNote(ctx, id, from, note)
	}, func(v readerView, _ any, err error) tea.Cmd {
		ed.saving--
		if s.editor != ed {
			return nil
		}
		if !s.articleNoteSaved(v, note, err) {
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

// articleNoteSaved takes an article note save's result, as noteSaved does
// for a highlight's.
func (s *highlightState) articleNoteSaved(v readerView, note string, err error) bool {
	ed := s.editor
	var ce *store.NoteConflictError
	switch {
	case errors.As(err, &ce):
		t := ce.Current
		ed.theirs = &t
		s.fx.fail("This note was changed elsewhere while you wrote: ctrl+s keeps yours, ctrl+o takes theirs, ctrl+g merges both.")
		return false
	case errors.Is(err, store.ErrNotFound):
		ed.deleted = true
		if v.shared().Opt.KeepUnsaved != nil {
			s.fx.fail("Article deleted elsewhere: this note cannot be saved; esc keeps it in a file.")
		} else {
			s.fx.fail("Article deleted elsewhere: this note cannot be saved; esc discards it.")
		}
		return false
	case err != nil:
		s.fx.fail("Could not save the note: " + err.Error())
		return false
	}
	ed.base, ed.theirs = note, nil
	if v.article() != nil && v.article().ID == ed.h.ArticleID {
		v.article().Note = note
	}
	return true
}

// flushArticleNote saves the article note being written when margin
// quits; a conflict saves both texts, the other first.
func (p *pagerModel) flushArticleNote(ed *noteEditor) error {
	note, from := ed.Value(), ed.base
	if note == from {
		return nil
	}
	err := p.Lib.SetArticleNote(p.ctx, ed.h.ArticleID, from, note)
	var ce *store.NoteConflictError
	if errors.As(err, &ce) {
		err = p.Lib.SetArticleNote(p.ctx, ed.h.ArticleID, ce.Current, ce.Current+"\n\n"+note)
	}
	if err != nil {
		return fmt.Errorf("could not save the note you were writing on the article: %w", err)
	}
	return nil
}

// articleNoteRows are the article's note as drawn above its first line:
// a bar, the note wrapped (at most maxArticleNoteRows lines).
func (s *highlightState) articleNoteRows(v readerView) []string {
	if v.viewport().top != 0 {
		return nil
	}
	return s.articleNoteAtTop(v)
}

// articleNoteAtTop is articleNoteRows wherever the reader is.
func (s *highlightState) articleNoteAtTop(v readerView) []string {
	if v.article() == nil || v.article().Note == "" || v.document() == nil || v.document().Window {
		return nil
	}
	st := v.shared().Styles.Reader
	bar := st.NoteBar.Render("┃ ")
	rows := []string{"  " + bar + st.Meta.Render("Your note on this article")}
	lines, more := wrapHead(v.article().Note, v.viewport().width-6, maxArticleNoteRows)
	for _, l := range lines {
		rows = append(rows, "  "+bar+st.Note.Render(l))
	}
	if more {
		rows[len(rows)-1] += " …"
	}
	return rows // the rendering opens with a blank line
}

// maxArticleNoteRows is how much of the article's note is shown above it;
// A shows the whole note in the editor.
const maxArticleNoteRows = 8
