package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// highlightState is the reader's cursor, selection and highlights.
type highlightState struct {
	list   []store.Highlight // reading order, orphans last
	cursor int               // source offset of the cursor; -1 before the first rendering
	anchor int               // where the selection started; -1 when not selecting
	undo   []undoStep        // what u takes back, newest last
	editor *noteEditor
	// noteLines maps a display line to the highlights whose notes are shown
	// under it (the line where the highlight ends).
	noteLines map[int][]int
	// Panel state.
	panelLabel string  // label filter; "" for all
	argument   bool    // argument view
	panelIDs   []int64 // highlight per panel item; 0 for a heading
	back       bool    // return to the panel after the editor closes
	pressed    int     // offset where the mouse button went down; -1 when up
	target     int64   // highlight a label or claim chooser applies to
	claimIDs   []int64 // claim per item of the claim chooser; 0 unlinks
	newLabel   string  // the label waiting for the user to allow unlinking
}

// reset clears everything but the undo history, which outlives one
// opening of an article.
func (s *highlightState) reset() {
	*s = highlightState{cursor: -1, anchor: -1, pressed: -1, undo: s.undo}
}

// loadHighlights reads the article's highlights from the store.
func (p *pagerModel) loadHighlights() {
	hs, err := p.Lib.Highlights(p.ctx, p.art.ID)
	if err != nil {
		p.errLine = "Could not read highlights: " + err.Error()
		return
	}
	p.hl.list = hs
	p.hl.indexNotes(p)
}

// indexNotes finds the display line under which each note is shown.
func (s *highlightState) indexNotes(p *pagerModel) {
	s.noteLines = nil
	if p.doc == nil {
		return
	}
	for i, h := range s.list {
		if h.Orphan || strings.TrimSpace(h.Note) == "" || h.End <= h.Start {
			continue
		}
		end := lastRuneStart(p.art.Markdown, h.End)
		line, _, ok := p.doc.CellOf(end)
		if !ok || p.doc.Window && !p.doc.Covers(end) {
			continue
		}
		// Under the paragraph, not inside it: after its last line.
		for line+1 < len(p.doc.Lines) && strings.TrimSpace(p.doc.Text(line+1)) != "" {
			line++
		}
		if s.noteLines == nil {
			s.noteLines = make(map[int][]int)
		}
		s.noteLines[line] = append(s.noteLines[line], i)
	}
}

// lastRuneStart is the offset of the last rune before end.
func lastRuneStart(md string, end int) int {
	end = min(end, len(md))
	_, n := utf8.DecodeLastRuneInString(md[:end])
	return end - max(n, 1)
}

// onDoc places the cursor when a rendering arrives.
func (s *highlightState) onDoc(p *pagerModel) {
	s.indexNotes(p)
	if s.cursor < 0 && p.pending < 0 {
		s.cursor = p.topOffset()
	}
}

// lineOf is the display line showing a source offset.
func lineOf(d *render.Doc, off int) int {
	if l, _, ok := d.CellOf(off); ok {
		return l
	}
	return d.LineOf(off)
}

// visibleLines is how many display lines fit the body, notes included.
func (s *highlightState) visibleLines(p *pagerModel) int {
	if p.doc == nil {
		return p.bodyHeight()
	}
	if len(s.noteLines) == 0 {
		return max(min(p.bodyHeight(), len(p.doc.Lines)-p.top), 1)
	}
	n := 0
	for _, l := range s.rowLines(p) {
		if l >= 0 {
			n++
		}
	}
	return max(n, 1)
}

// follow keeps the cursor on screen after scrolling: on the first text
// of the screen when it fell above, on the last when it fell below.
func (s *highlightState) follow(p *pagerModel) {
	if p.doc == nil || s.cursor < 0 {
		return
	}
	line := lineOf(p.doc, s.cursor)
	vis := s.visibleLines(p)
	switch {
	case line < p.top:
		s.cursor = firstOffsetFrom(p.doc, p.top, s.cursor)
	case line >= p.top+vis:
		s.cursor = lastOffsetBefore(p.doc, p.top+vis, s.cursor)
	}
}

// firstOffsetFrom is the first mapped offset at or after a line.
func firstOffsetFrom(d *render.Doc, line, fallback int) int {
	if l, c, ok := d.Next(line, 0); ok {
		if off := d.Offset(l, c); off >= 0 {
			return off
		}
	}
	return fallback
}

// lastOffsetBefore is the start of the last text shown before a line: the
// last mapped cell of the nearest line above it that has text, moved back
// to the start of its word so the cursor sits on something whole.
func lastOffsetBefore(d *render.Doc, line, fallback int) int {
	for l := min(line, len(d.Lines)) - 1; l >= 0; l-- {
		for c := len(d.Text(l)) + 4; c >= 0; c-- {
			if off := d.Offset(l, c); off >= 0 {
				// Its first cell must be on this line, else it belongs above.
				if fl, _, ok := d.CellOf(off); ok && fl == l {
					return off
				}
			}
		}
	}
	return fallback
}

// moveTo puts the cursor on a source offset and scrolls it into view.
func (s *highlightState) moveTo(p *pagerModel, off int) {
	if p.doc == nil {
		return
	}
	s.cursor = clamp(off, 0, len(p.art.Markdown))
	line := lineOf(p.doc, s.cursor)
	vis := s.visibleLines(p)
	if line < p.top || line >= p.top+vis {
		p.top = line - p.bodyHeight()/3
		p.clampTop()
	}
}

// selection is the selected source range, ok=false when not selecting.
func (s *highlightState) selection(md string) (start, end int, ok bool) {
	if s.anchor < 0 || s.cursor < 0 {
		return 0, 0, false
	}
	// Motions land on the start of the next word or sentence, so the
	// selection ends before the cursor: "v ) h" highlights one sentence.
	start, end = trimRange(md, min(s.anchor, s.cursor), max(s.anchor, s.cursor))
	return start, end, end > start
}

// trimRange drops white space at both ends of a source range.
func trimRange(md string, start, end int) (int, int) {
	start, end = clamp(start, 0, len(md)), clamp(end, 0, len(md))
	for start < end {
		r, n := utf8.DecodeRuneInString(md[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(md[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// under is the index of the highlight under the cursor (the shortest when
// several overlap), or -1.
func (s *highlightState) under() int {
	best := -1
	for i, h := range s.list {
		if h.Orphan || s.cursor < h.Start || s.cursor >= h.End {
			continue
		}
		if best < 0 || h.End-h.Start < s.list[best].End-s.list[best].Start {
			best = i
		}
	}
	return best
}

func (s *highlightState) byID(id int64) int {
	for i := range s.list {
		if s.list[i].ID == id {
			return i
		}
	}
	return -1
}

// onKey handles the cursor and highlight keys of the reader.
func (s *highlightState) onKey(p *pagerModel, msg tea.KeyPressMsg, k ReaderKeys) tea.Cmd {
	if p.doc == nil {
		return nil
	}
	md := p.art.Markdown
	motion := func(f func(string, int) int) {
		s.moveTo(p, f(md, max(s.cursor, 0)))
	}
	switch {
	case key.Matches(msg, k.WordNext):
		motion(render.NextWord)
	case key.Matches(msg, k.WordPrev):
		motion(render.PrevWord)
	case key.Matches(msg, k.SentenceNext):
		motion(render.NextSentence)
	case key.Matches(msg, k.SentencePrev):
		motion(render.PrevSentence)
	case key.Matches(msg, k.ParagraphNext):
		motion(render.NextParagraph)
	case key.Matches(msg, k.ParagraphPrev):
		motion(render.PrevParagraph)
	case key.Matches(msg, k.Select):
		if s.anchor >= 0 {
			s.anchor = -1
		} else {
			s.anchor = max(s.cursor, 0)
		}
	case key.Matches(msg, k.Highlight):
		s.add(p)
	case key.Matches(msg, k.Label):
		s.chooseLabel(p)
	case key.Matches(msg, k.Note):
		s.editNote(p)
	case key.Matches(msg, k.Delete):
		s.remove(p)
	case key.Matches(msg, k.Undo):
		s.undoLast(p)
	case key.Matches(msg, k.NextHighlight):
		s.jump(p, 1)
	case key.Matches(msg, k.PrevHighlight):
		s.jump(p, -1)
	case key.Matches(msg, k.Panel):
		s.openPanel(p)
	case key.Matches(msg, k.Link):
		s.chooseClaim(p)
	}
	return nil
}

// add highlights the selection, or the sentence under the cursor.
func (s *highlightState) add(p *pagerModel) int {
	md := p.art.Markdown
	start, end, ok := s.selection(md)
	if !ok {
		start, end = render.SentenceAt(md, max(s.cursor, 0))
		start, end = trimRange(md, start, end)
	}
	if end <= start {
		p.errLine = "Nothing to highlight here."
		return -1
	}
	q := render.QuoteAt(md, start, end)
	for i, o := range s.list {
		if !o.Orphan && o.Start == q.Start && o.End == q.End {
			// The same passage twice would be two marks no one can tell
			// apart: act on the one there is.
			s.anchor = -1
			s.cursor = o.Start
			p.status = "Already highlighted. L label · a note · x delete"
			return i
		}
	}
	h := store.Highlight{
		ArticleID: p.art.ID, Start: q.Start, End: q.End, TextRevision: p.art.TextRevision,
		Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix, Label: store.Labels[0],
	}
	id, err := p.Lib.AddHighlight(p.ctx, &h)
	refreshed := false
	if errors.Is(err, store.ErrStaleText) {
		// The article was refreshed elsewhere since it was opened: never
		// store offsets of the old text. Place the passage on the new one.
		refreshed = true
		s.replace(p, &h)
		if h.Orphan {
			p.reload()
			p.errLine = "The article was refreshed elsewhere and no longer has that passage; reloaded."
			return -1
		}
		id, err = p.Lib.AddHighlight(p.ctx, &h)
	}
	if err != nil {
		p.errLine = "Could not save the highlight: " + err.Error()
		return -1
	}
	s.anchor = -1
	s.pushUndo(undoStep{kind: undoCreate, h: h})
	// Keep the cursor on the new highlight so L, a and x act on it.
	s.cursor = h.Start
	if refreshed {
		p.reload()
		p.status = "The article was refreshed elsewhere: reloaded, and your highlight placed in the new text."
		return s.byID(id)
	}
	p.loadHighlights()
	p.status = "Highlighted. L label · a note · x delete · u undo"
	return s.byID(id)
}

// edit applies an edit to a highlight and reloads the highlights.
func (s *highlightState) edit(p *pagerModel, e store.Edit, what string) (store.EditResult, bool) {
	res, err := p.Lib.EditHighlight(p.ctx, e)
	p.loadHighlights()
	if err != nil {
		p.errLine = "Could not " + what + ": " + err.Error()
		return res, false
	}
	return res, true
}

func (s *highlightState) remove(p *pagerModel) {
	i := s.under()
	if i < 0 {
		p.errLine = "No highlight under the cursor."
		return
	}
	s.removeAt(p, i)
}

func (s *highlightState) removeAt(p *pagerModel, i int) {
	h := s.list[i]
	// The store clears the links to a deleted highlight; remember them so
	// that undo puts them back.
	var relink []int64
	for _, o := range s.list {
		if o.Supports == h.ID {
			relink = append(relink, o.ID)
		}
	}
	if err := p.Lib.DeleteHighlight(p.ctx, h.ID); err != nil {
		p.errLine = "Could not delete the highlight: " + err.Error()
		return
	}
	s.pushUndo(undoStep{kind: undoDelete, h: h, relink: relink})
	p.loadHighlights()
	p.status = "Highlight deleted. u to undo"
	if n := len(relink); n > 0 {
		p.status = fmt.Sprintf("Highlight deleted and unlinked %d highlight%s. u to undo", n, plural(n))
	}
}

// jump moves the cursor to the next or previous highlight.
func (s *highlightState) jump(p *pagerModel, dir int) {
	var starts []int
	for _, h := range s.list {
		if !h.Orphan {
			starts = append(starts, h.Start)
		}
	}
	if len(starts) == 0 {
		p.errLine = "No highlights in this article yet: select with v, highlight with h."
		return
	}
	sort.Ints(starts)
	cur := max(s.cursor, 0)
	target := -1
	if dir > 0 {
		for _, st := range starts {
			if st > cur {
				target = st
				break
			}
		}
	} else {
		for i := len(starts) - 1; i >= 0; i-- {
			if starts[i] < cur {
				target = starts[i]
				break
			}
		}
	}
	if target < 0 {
		p.status = "No more highlights that way."
		return
	}
	s.moveTo(p, target)
}

// editNote opens the note editor on the highlight under the cursor; with
// a selection it highlights the selection first (the user chose it). With
// neither it only says how: no key makes a highlight the user did not ask
// for.
func (s *highlightState) editNote(p *pagerModel) {
	i := s.under()
	if _, _, sel := s.selection(p.art.Markdown); sel {
		if i = s.add(p); i < 0 {
			return
		}
	}
	if i < 0 {
		p.errLine = "No highlight under the cursor: h highlights the sentence (or v selects), then a writes a note."
		return
	}
	s.openEditor(p, i)
}

func (s *highlightState) openEditor(p *pagerModel, i int) {
	// The note as stored now: another margin may have written it.
	id := s.list[i].ID
	p.loadHighlights()
	if i = s.byID(id); i < 0 {
		p.errLine = "This highlight was deleted elsewhere."
		return
	}
	h := s.list[i]
	s.editor = newNoteEditor(p.Common, h)
	s.editor.SetSize(p.textWidth(), p.bodyHeight())
	p.mode = readEditor
}

// onEditorKey saves on ctrl+s or esc; every other key is typing. After a
// conflict or a deletion elsewhere the editor offers its choices and
// closes only on one of them: the words typed are never dropped.
func (s *highlightState) onEditorKey(p *pagerModel, msg tea.KeyPressMsg) tea.Cmd {
	k := p.Keys.Editor
	ed := s.editor
	switch {
	case ed.theirs != nil && key.Matches(msg, k.Theirs):
		ed.SetValue(*ed.theirs)
		ed.base, ed.theirs = *ed.theirs, nil
		s.closeEditor(p)
		p.status = "Kept the note written elsewhere."
		return nil
	case ed.theirs != nil && key.Matches(msg, k.Merge):
		ed.SetValue(ed.Value() + "\n\n" + *ed.theirs)
		ed.base, ed.theirs = *ed.theirs, nil
		p.status = "Both notes are in the editor: edit, then ctrl+s saves."
		return nil
	case ed.deleted && key.Matches(msg, k.Restore):
		s.restoreWithNote(p)
		return nil
	case key.Matches(msg, k.Save) || key.Matches(msg, k.Cancel):
		if ed.theirs != nil && key.Matches(msg, k.Cancel) {
			p.errLine = "Changed elsewhere: ctrl+s keeps yours, ctrl+o takes theirs, ctrl+g merges both."
			return nil
		}
		if ed.deleted && ed.Value() != "" {
			p.errLine = "Deleted elsewhere: ctrl+r restores the highlight with your note."
			return nil
		}
		if ed.deleted || s.saveNote(p, p.ctx, ed.theirs != nil) {
			s.closeEditor(p)
		}
		return nil
	}
	return ed.Update(msg)
}

// closeEditor leaves the editor, recording the note change for undo.
func (s *highlightState) closeEditor(p *pagerModel) {
	ed := s.editor
	if !ed.deleted && ed.base != ed.orig {
		before := ed.h
		before.Note = ed.orig
		s.pushUndo(undoStep{kind: undoNote, h: before, note: ed.base})
		p.status = "Note saved. u to undo"
	}
	s.editor = nil
	p.mode = readNormal
	p.loadHighlights()
	if s.back {
		s.back = false
		s.openPanel(p)
	}
}

// saveNote stores the note being edited, based on the note the editor last
// saw (mine=true: over a note changed elsewhere, as the user chose). A
// conflict or a deletion elsewhere keeps the editor open with its choices;
// it reports whether the note is saved.
func (s *highlightState) saveNote(p *pagerModel, ctx context.Context, mine bool) bool {
	ed := s.editor
	if ed == nil {
		return true
	}
	note := ed.Value()
	from := ed.base
	if mine && ed.theirs != nil {
		from = *ed.theirs
	}
	if note == from {
		ed.base, ed.theirs = note, nil
		return true
	}
	_, err := p.Lib.EditHighlight(ctx, store.Edit{ID: ed.h.ID, Note: &store.Change[string]{From: from, To: note}})
	var ce *store.ConflictError
	switch {
	case errors.As(err, &ce):
		t := ce.Current.Note
		ed.theirs = &t
		p.errLine = "This note was changed elsewhere while you wrote: ctrl+s keeps yours, ctrl+o takes theirs, ctrl+g merges both."
		return false
	case errors.Is(err, store.ErrNotFound):
		ed.deleted = true
		p.errLine = "This highlight was deleted elsewhere: ctrl+r restores it with your note."
		return false
	case err != nil:
		p.errLine = "Could not save the note: " + err.Error()
		return false
	}
	ed.base, ed.theirs = note, nil
	return true
}

// restoreWithNote puts back a highlight deleted elsewhere, with the note
// being written, on the article's current text.
func (s *highlightState) restoreWithNote(p *pagerModel) {
	ed := s.editor
	h := ed.h
	h.Note = ed.Value()
	err := p.Lib.RestoreHighlight(p.ctx, &h, nil)
	if errors.Is(err, store.ErrStaleText) {
		s.replace(p, &h)
		err = p.Lib.RestoreHighlight(p.ctx, &h, nil)
	}
	if err != nil {
		p.errLine = "Could not restore the highlight: " + err.Error()
		return
	}
	ed.deleted = false
	ed.base, ed.orig = h.Note, h.Note
	s.closeEditor(p)
	p.status = "Highlight restored with your note."
}

// draftChanged is true when the note being written differs from the one
// last saved.
func (s *highlightState) draftChanged() bool {
	ed := s.editor
	return ed != nil && ed.theirs == nil && !ed.deleted && ed.base != ed.Value()
}

// saveDraft stores the note being written without closing the editor, so
// that a killed terminal loses at most the last seconds of typing. A
// conflict or failure is shown; ctrl+s or esc try again.
func (s *highlightState) saveDraft(p *pagerModel, ctx context.Context) {
	if s.draftChanged() {
		s.saveNote(p, ctx, false)
	}
}

func (s *highlightState) viewEditor(p *pagerModel, h int) []string {
	pad := strings.Repeat(" ", p.margin())
	lines := s.editor.View(p.textWidth())
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return lines
}

// chooseLabel opens the label chooser for the highlight under the cursor.
func (s *highlightState) chooseLabel(p *pagerModel) {
	i := s.under()
	if i < 0 {
		p.errLine = "No highlight under the cursor: h highlights the sentence."
		return
	}
	s.labelPicker(p, i)
}

func (s *highlightState) labelPicker(p *pagerModel, i int) {
	h := s.list[i]
	items := make([]pickItem, len(store.Labels))
	pk := newPicker(p.Common, "Label", nil)
	for j, l := range store.Labels {
		items[j] = pickItem{Tag: p.Styles.Label(l).Tag.Render(l), Title: labelHelp(l)}
		if l == h.Label {
			pk.cursor = j
		}
	}
	pk.items = items
	s.target = h.ID
	p.showPicker(pk, pickLabel)
}

// labelHelp says what a label marks.
func labelHelp(name string) string {
	l, _ := store.LabelNamed(name)
	return l.Help
}

// linksToClaim is true for the labels that may point at a claim.
func linksToClaim(label string) bool { return store.LinksToClaim(label) }

// chooseClaim opens the claim chooser for the highlight under the cursor.
func (s *highlightState) chooseClaim(p *pagerModel) {
	i := s.under()
	if i < 0 {
		p.errLine = "No highlight under the cursor."
		return
	}
	if !linksToClaim(s.list[i].Label) {
		p.errLine = "Only evidence, questions and disagreements link to a claim: L changes the label."
		return
	}
	var items []pickItem
	var ids []int64
	for _, h := range s.list {
		if h.Label == "claim" {
			items = append(items, pickItem{Tag: p.Styles.Label("claim").Tag.Render("claim"), Title: h.Exact})
			ids = append(ids, h.ID)
		}
	}
	if len(items) == 0 {
		p.errLine = "No claims in this article yet: label a highlight as a claim first (L)."
		return
	}
	items = append(items, pickItem{Title: "(not linked to a claim)"})
	ids = append(ids, 0)
	pk := newPicker(p.Common, "Link to which claim?", items)
	for j, id := range ids {
		if id == s.list[i].Supports {
			pk.cursor = j
		}
	}
	s.target = s.list[i].ID
	s.claimIDs = ids
	p.showPicker(pk, pickClaim)
}

// onPick applies a choice from the label, claim or panel lists.
func (s *highlightState) onPick(p *pagerModel, kind pickKind, item int) tea.Cmd {
	switch kind {
	case pickLabel:
		s.setLabel(p, s.target, store.Labels[item], false)
	case pickUnlink:
		if item == 0 {
			s.setLabel(p, s.target, s.newLabel, true)
		} else {
			p.status = "Label kept."
		}
	case pickClaim:
		i := s.byID(s.target)
		if i < 0 {
			return nil
		}
		h := s.list[i]
		to := s.claimIDs[item]
		if _, ok := s.edit(p, store.Edit{ID: h.ID, Supports: &store.Change[int64]{From: h.Supports, To: to}}, "link the highlight"); ok {
			s.pushUndo(undoStep{kind: undoLink, h: h, supports: to})
			p.status = "Linked to the claim. u to undo"
			if to == 0 {
				p.status = "Unlinked. u to undo"
			}
		}
	case pickPanel:
		i := s.byID(s.panelIDs[item])
		if i < 0 {
			return nil
		}
		if s.list[i].Orphan {
			p.errLine = "This highlight's passage is no longer in the article (orphan)."
			return nil
		}
		p.jumpTo(s.list[i].Start)
	}
	return nil
}

// setLabel changes a highlight's label. A change that would break links
// (a claim others link to, or a linked evidence given a label that cannot
// link) asks first; with unlink it goes ahead and says what it unlinked.
func (s *highlightState) setLabel(p *pagerModel, id int64, label string, unlink bool) {
	i := s.byID(id)
	if i < 0 {
		return
	}
	h := s.list[i]
	res, err := p.Lib.EditHighlight(p.ctx, store.Edit{ID: id, Label: &store.Change[string]{From: h.Label, To: label}, Unlink: unlink})
	var ue *store.UnlinkError
	if errors.As(err, &ue) {
		what := fmt.Sprintf("unlink the %d highlight%s linked to this claim", len(ue.Linked), plural(len(ue.Linked)))
		if len(ue.Linked) == 1 && ue.Linked[0] == id {
			what = "unlink it from its claim (a " + label + " does not link)"
		}
		s.target, s.newLabel = id, label
		pk := newPicker(p.Common, "Make it a "+label+"?", []pickItem{
			{Title: "Yes, and " + what},
			{Title: "No, keep it a " + h.Label},
		})
		p.showPicker(pk, pickUnlink)
		return
	}
	p.loadHighlights()
	if err != nil {
		p.errLine = "Could not change the label: " + err.Error()
		return
	}
	s.pushUndo(undoStep{kind: undoLabel, h: h, label: label, unlinked: res.Unlinked})
	p.status = "Labelled " + label + ". u to undo"
	if n := len(res.Unlinked); n > 0 {
		p.status = fmt.Sprintf("Labelled %s and unlinked %d highlight%s. u to undo", label, n, plural(n))
	}
}

// openPanel lists the article's highlights in reading order, or the
// argument view: each claim with what supports, questions or disputes it.
func (s *highlightState) openPanel(p *pagerModel) {
	var items []pickItem
	s.panelIDs = s.panelIDs[:0]
	add := func(h *store.Highlight, indent int) {
		tag := p.Styles.Label(h.Label).Tag.Render(h.Label)
		if h.Orphan {
			tag = p.Styles.App.Error.Render("orphan") + " " + tag
		}
		note := strings.TrimSpace(h.Note)
		if note == "" {
			note = "—"
		}
		items = append(items, pickItem{Tag: tag, Title: h.Exact, Desc: note, Indent: indent})
		s.panelIDs = append(s.panelIDs, h.ID)
	}
	title := "Highlights"
	if s.argument {
		title = "Argument"
		linked := map[int64]bool{}
		for i := range s.list {
			c := &s.list[i]
			if c.Label != "claim" {
				continue
			}
			add(c, 0)
			for j := range s.list {
				if e := &s.list[j]; e.Supports == c.ID && linksToClaim(e.Label) {
					add(e, 1)
					linked[e.ID] = true
				}
			}
		}
		for i := range s.list {
			if e := &s.list[i]; linksToClaim(e.Label) && !linked[e.ID] {
				add(e, 0)
			}
		}
	} else {
		for i := range s.list {
			if s.panelLabel == "" || s.list[i].Label == s.panelLabel {
				add(&s.list[i], 0)
			}
		}
	}
	if s.panelLabel != "" && !s.argument {
		title += " · " + s.panelLabel
	}
	title += fmt.Sprintf(" (%d)", len(items))
	pk := newPicker(p.Common, title, items)
	pk.twoLine = true
	pk.empty = "No highlights. Select with v and highlight with h."
	if s.argument {
		pk.empty = "No claims, evidence, questions or disagreements yet."
	}
	for _, b := range []*key.Binding{&pk.keys.Filter, &pk.keys.Edit, &pk.keys.Delete, &pk.keys.Argument} {
		b.SetEnabled(true)
	}
	// An orphan (or any highlight) can be moved onto the current selection.
	_, _, sel := s.selection(p.art.Markdown)
	pk.keys.Reattach.SetEnabled(sel)
	if s.argument {
		pk.keys.Argument.SetHelp("a", "all highlights")
		pk.keys.Filter.SetEnabled(false)
	}
	// Select the highlight under the cursor, or the next one.
	for j, id := range s.panelIDs {
		if i := s.byID(id); i >= 0 && !s.list[i].Orphan && s.list[i].End > s.cursor {
			pk.cursor = j
			break
		}
	}
	p.showPicker(pk, pickPanel)
}

// onPanelKey handles the panel's own keys; done=false passes the key on to
// the list.
func (s *highlightState) onPanelKey(p *pagerModel, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.picker.keys
	cur := p.picker.cursor
	id := int64(0)
	if cur < len(s.panelIDs) {
		id = s.panelIDs[cur]
	}
	switch {
	case key.Matches(msg, k.Filter) && k.Filter.Enabled():
		s.panelLabel = nextLabel(s.panelLabel)
	case key.Matches(msg, k.Argument):
		s.argument = !s.argument
	case key.Matches(msg, k.Edit):
		if i := s.byID(id); i >= 0 {
			s.back = true
			s.openEditor(p, i)
			return nil, true
		}
		return nil, true
	case key.Matches(msg, k.Delete):
		if i := s.byID(id); i >= 0 {
			s.removeAt(p, i)
		}
	case key.Matches(msg, k.Reattach):
		if i := s.byID(id); i >= 0 {
			s.reattach(p, i)
		}
	default:
		return nil, false
	}
	s.openPanel(p)
	p.picker.cursor = clamp(cur, 0, len(p.picker.items)-1)
	p.picker.scroll()
	return nil, true
}

// nextLabel cycles "" (all) through the labels and back.
func nextLabel(l string) string {
	if l == "" {
		return store.Labels[0]
	}
	for i, x := range store.Labels {
		if x == l && i+1 < len(store.Labels) {
			return store.Labels[i+1]
		}
	}
	return ""
}

// marks are the ranges painted over the article: highlights, search
// matches, then the selection (later ones win).
func (s *highlightState) marks(p *pagerModel) []render.Mark {
	ms := make([]render.Mark, 0, len(s.list)+len(p.matches)+1)
	for _, h := range s.list {
		if !h.Orphan && h.End > h.Start {
			ms = append(ms, render.Mark{Start: h.Start, End: h.End, Style: render.MarkStyle{SGR: p.Styles.Label(h.Label).SGR}})
		}
	}
	st := p.Styles.Reader
	for i, m := range p.matches {
		if m.Start < 0 || m.End <= m.Start {
			continue
		}
		sgr := st.MatchSGR
		if i == p.cur {
			sgr = st.CurrentSGR
		}
		ms = append(ms, render.Mark{Start: m.Start, End: m.End, Style: render.MarkStyle{SGR: sgr}})
	}
	if a, b, ok := s.selection(p.art.Markdown); ok {
		ms = append(ms, render.Mark{Start: a, End: b, Style: render.MarkStyle{SGR: st.SelectionSGR}})
	}
	return ms
}

// paint draws the visible part of the article with its marks, the cursor,
// and each note under the line where its passage ends.
func (s *highlightState) paint(p *pagerModel, h int) []string {
	n := s.visibleLines(p)
	body := p.doc.Paint(p.top, n, s.marks(p), s.cursor, p.Styles.Reader.CursorSGR)
	if len(s.noteLines) == 0 {
		return body
	}
	out := make([]string, 0, h)
	for i, l := range body {
		out = append(out, l)
		for _, j := range s.noteLines[p.top+i] {
			out = append(out, s.noteRows(p, &s.list[j])...)
		}
	}
	return out
}

// noteRows is a note drawn as indented lines with a bar in the label's colour.
func (s *highlightState) noteRows(p *pagerModel, h *store.Highlight) []string {
	st := p.Styles.Reader
	bar := st.NoteBar.Render("  ┃ ")
	var rows []string
	const maxRows = 6
	for _, l := range wrapPlain(sanitize.Text(h.Note), p.textWidth()-8) {
		if len(rows) == maxRows {
			rows[maxRows-1] += " …"
			break
		}
		rows = append(rows, "  "+bar+st.Note.Render(l))
	}
	return rows
}

// statusLine describes the highlight under the cursor or the selection.
func (s *highlightState) statusLine(p *pagerModel) string {
	st := p.Styles
	if _, _, ok := s.selection(p.art.Markdown); ok {
		return st.Reader.Status.Render("selecting: h highlight · a note · esc cancel")
	}
	if i := s.under(); i >= 0 {
		h := s.list[i]
		out := st.Label(h.Label).Tag.Render(h.Label)
		if h.Supports != 0 {
			out += st.Reader.Status.Render(" → claim")
		}
		if h.Note != "" {
			out += st.Reader.Status.Render(" · has a note")
		}
		return out
	}
	if n := len(s.list); n > 0 {
		return st.Reader.Status.Render(fmt.Sprintf("%d highlight%s", n, plural(n)))
	}
	return ""
}

// rowLines maps each body row to its display line; note rows map to -1.
func (s *highlightState) rowLines(p *pagerModel) []int {
	h := p.bodyHeight()
	rows := make([]int, 0, h)
	for l := p.top; l < len(p.doc.Lines) && len(rows) < h; l++ {
		rows = append(rows, l)
		for _, i := range s.noteLines[l] {
			for range s.noteRows(p, &s.list[i]) {
				rows = append(rows, -1)
			}
		}
	}
	return rows
}

// offsetAt is the source offset under a screen cell, or -1.
func (s *highlightState) offsetAt(p *pagerModel, x, y int) int {
	if p.doc == nil {
		return -1
	}
	rows := s.rowLines(p)
	r := y - p.headerHeight()
	if r < 0 || r >= len(rows) || rows[r] < 0 {
		return -1
	}
	l, c, ok := p.doc.Next(rows[r], max(x-p.margin(), 0))
	if !ok {
		return -1
	}
	return p.doc.Offset(l, c)
}

// onMouse places the cursor with a click and selects by dragging.
func (s *highlightState) onMouse(p *pagerModel, msg tea.MouseMsg) {
	m := msg.Mouse()
	switch msg.(type) {
	case tea.MouseClickMsg:
		if m.Button != tea.MouseLeft {
			return
		}
		if off := s.offsetAt(p, m.X, m.Y); off >= 0 {
			s.cursor, s.anchor, s.pressed = off, -1, off
		}
	case tea.MouseMotionMsg:
		if s.pressed < 0 || m.Button != tea.MouseLeft {
			return
		}
		if off := s.offsetAt(p, m.X, m.Y); off >= 0 {
			if off >= s.pressed && off < len(p.art.Markdown) {
				// Dragging forward selects the cell under the pointer too.
				_, n := utf8.DecodeRuneInString(p.art.Markdown[off:])
				off += n
			}
			s.anchor, s.cursor = s.pressed, off
		}
	case tea.MouseReleaseMsg:
		s.pressed = -1
	}
}

// reattach moves a highlight (typically an orphan) onto the selection: the
// selected passage is now what it highlights.
func (s *highlightState) reattach(p *pagerModel, i int) {
	md := p.art.Markdown
	start, end, ok := s.selection(md)
	if !ok {
		return
	}
	q := render.QuoteAt(md, start, end)
	h := s.list[i]
	_, err := p.Lib.PlaceHighlight(p.ctx, h.ID, store.Place{Start: q.Start, End: q.End, Exact: q.Exact,
		Prefix: q.Prefix, Suffix: q.Suffix, TextRevision: p.art.TextRevision})
	if errors.Is(err, store.ErrStaleText) {
		p.reload()
		p.errLine = "The article was refreshed elsewhere: reloaded; select the passage again."
		return
	}
	if err != nil {
		p.errLine = "Could not re-attach the highlight: " + err.Error()
		return
	}
	s.anchor = -1
	p.loadHighlights()
	p.status = "Re-attached to the selection."
}
