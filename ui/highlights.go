package ui

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"margin/render"
	"margin/store"
)

// highlightState is the reader's cursor, selection and highlights.
type highlightState struct {
	caret
	list   []store.Highlight // reading order, orphans last
	undo   []undoStep        // what u takes back, newest last
	editor *noteEditor
	// noteLines maps a display line to the highlights whose notes are shown
	// under it (the line where the highlight ends).
	noteLines map[int][]int
	// Panel state.
	panelLabel string // label filter; "" for all
	argument   bool   // argument view
	back       bool   // return to the panel after the editor closes
	pressed    int    // offset where the mouse button went down; -1 when up
	target     int64  // highlight a label or claim chooser applies to
	newLabel   string // the label waiting for the user to allow unlinking
	// focus is the highlight ] [ or the panel chose, while the cursor
	// stays where they put it (focusAt): of highlights that start at one
	// word, it is the one the keys act on.
	focus   int64
	focusAt int
	// fx is what the last calls ask of the reader around them (status,
	// error line, mode, a list to open); the pager applies it (applyHL).
	fx hlEffects
}

// readerView is what the highlights see of the reader around them: the
// article, its parsed text and rendering, the viewport, and the reader's
// services (a library call, a reload, the clipboard). It gives no way to
// set the status, error line or mode: those are effects (hlEffects).
// *pagerModel is the one reader view.
type readerView interface {
	shared() *Common
	article() *store.Article
	parsed() *render.Text
	document() *render.Doc
	searchHits() (matches []render.Match, current int)
	viewport() viewport
	topOffset() int    // the offset of the first text on screen
	scrollTo(line int) // puts a display line at the top (within bounds)
	panelCursor() (cursor int, open bool)
	// run starts a library call (ops.go); then gets its result in Update.
	run(what string, fn func(context.Context, Library) (any, error), then func(v readerView, val any, err error) tea.Cmd) tea.Cmd
}

// viewport is the part of the article on screen and where it is drawn.
type viewport struct {
	top     int // the display line at the top
	pending int // the offset to show once rendered; -1 none
	height  int // body rows
	width   int // the text's width
	margin  int // columns left of the text
	header  int // rows above the body
}

// hlEffects is what the highlights ask of the reader: they never write the
// pager's status, error line or mode themselves.
type hlEffects struct {
	status, errLine   string
	setStatus, setErr bool
	mode              readMode
	setMode           bool
	picker            *picker // a list to open over the article
	pickKind          pickKind
	pickAt            int // with picker: the cursor to keep; -1 for its own
	reloadReq         *reloadReq
	copyReq           *copyReq
	cmds              []tea.Cmd // commands to run besides
}

// run asks for a command to be run.
func (e *hlEffects) run(c tea.Cmd) { e.cmds = append(e.cmds, c) }

// reloadReq asks for the article to be read again: at the passage on
// screen (here), or with the cursor at an offset.
type reloadReq struct {
	here      bool
	at        int
	say, warn string
}

// copyReq asks for text to be put on the clipboard.
type copyReq struct{ what, text string }

func (e *hlEffects) reload(say, warn string) {
	e.reloadReq = &reloadReq{here: true, say: say, warn: warn}
}
func (e *hlEffects) reloadAt(off int, say, warn string) {
	e.reloadReq = &reloadReq{at: off, say: say, warn: warn}
}
func (e *hlEffects) copyText(what, text string) { e.copyReq = &copyReq{what, text} }

// say shows a status; it clears an error shown before (a conflict the
// reader has since resolved), which would outrank it on the status line.
func (e *hlEffects) say(s string) {
	e.status, e.setStatus = s, true
	e.errLine, e.setErr = "", true
}
func (e *hlEffects) fail(s string) { e.errLine, e.setErr = s, true }

// enter asks for a mode; a list asked for before is not opened.
func (e *hlEffects) enter(m readMode) { e.mode, e.setMode, e.picker = m, true, nil }

// show asks for a list over the article, its cursor at at (-1: its own).
func (e *hlEffects) show(pk *picker, kind pickKind, at int) {
	e.picker, e.pickKind, e.pickAt = pk, kind, at
}

// take returns the effects asked for and forgets them.
func (s *highlightState) take() hlEffects {
	fx := s.fx
	s.fx = hlEffects{}
	return fx
}

// reset clears everything but the undo history, which outlives one
// opening of an article.
func (s *highlightState) reset() {
	*s = highlightState{caret: caret{cursor: -1, anchor: -1}, pressed: -1, undo: s.undo, fx: s.fx}
}

// open takes the highlights of an article opened or read again; all but
// the undo history starts afresh. A reload (again) keeps a note being
// written open (it is saved by the highlight's id): open reports whether
// one is. The cursor goes to at when set, and stays where it was when the
// text is the same.
func (s *highlightState) open(hs []store.Highlight, at int, again, same bool) (editing bool) {
	cursor, editor := s.cursor, s.editor
	if !again {
		editor = nil
	}
	s.reset()
	s.editor = editor
	if at > 0 {
		s.cursor = at
	}
	if same {
		s.cursor = cursor
	}
	s.list = hs
	return s.editor != nil
}

// setList takes the highlights read again after a library call.
func (s *highlightState) setList(v readerView, hs []store.Highlight) {
	s.list = hs
	s.indexNotes(v)
}

// SetSize fits the note editor, if open, to the text's width and the body.
func (s *highlightState) SetSize(w, h int) {
	if s.editor != nil {
		s.editor.SetSize(w, h)
	}
}

// ShortHelp is the note editor's help line.
func (s *highlightState) ShortHelp() []key.Binding { return s.editor.keys().ShortHelp() }

// updateEditor passes a message other than a key (a paste, the cursor's
// blink) to the note editor.
func (s *highlightState) updateEditor(msg tea.Msg) tea.Cmd {
	if s.editor == nil {
		return nil
	}
	if pm, ok := msg.(tea.PasteMsg); ok {
		// The text area would keep only what it holds, dropping the rest
		// without a word.
		if why := tooLong(s.editor.area.Value() + pm.Content); why != "" {
			s.fx.fail("Not pasted. " + why + ": margin note takes a longer note.")
			return nil
		}
	}
	return s.editor.Update(msg)
}

// indexNotes finds the display line under which each note is shown.
func (s *highlightState) indexNotes(v readerView) {
	s.noteLines = nil
	if v.document() == nil {
		return
	}
	for i, h := range s.list {
		if h.Orphan || strings.TrimSpace(h.Note) == "" || h.End <= h.Start {
			continue
		}
		end := lastRuneStart(v.article().Markdown, h.End)
		line, _, ok := v.document().CellOf(end)
		if !ok || v.document().Window && !v.document().Covers(end) {
			continue
		}
		// Under the paragraph, not inside it: after its last line.
		for line+1 < len(v.document().Lines) && strings.TrimSpace(v.document().Text(line+1)) != "" {
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
func (s *highlightState) onDoc(v readerView) {
	s.indexNotes(v)
	if s.cursor < 0 && v.viewport().pending < 0 {
		s.cursor = v.topOffset()
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
func (s *highlightState) visibleLines(v readerView) int {
	if v.document() == nil {
		return v.viewport().height
	}
	if len(s.noteLines) == 0 && len(s.articleNoteRows(v)) == 0 {
		return max(min(v.viewport().height, len(v.document().Lines)-v.viewport().top), 1)
	}
	n := 0
	for _, l := range s.rowLines(v) {
		if l >= 0 {
			n++
		}
	}
	return max(n, 1)
}

// lastTop is the deepest top line, for h rows of body: the one from which
// the article's last line and the notes under it fit (with the article's
// note above line 0), since each note takes rows of its own.
func (s *highlightState) lastTop(v readerView, h int) int {
	d := v.document()
	n := len(d.Lines)
	if len(s.noteLines) == 0 && (v.article() == nil || v.article().Note == "") || d.Window {
		return max(n-h, 0)
	}
	rows := 0
	for l := n - 1; l >= 0; l-- {
		rows++
		for _, i := range s.noteLines[l] {
			rows += len(s.noteRows(v, &s.list[i]))
		}
		if l == 0 {
			rows += len(s.articleNoteAtTop(v))
		}
		if rows > h {
			return min(l+1, n-1)
		}
	}
	return 0
}

// follow keeps the cursor on screen after scrolling: on the first text
// of the screen when it fell above, on the last when it fell below.
func (s *highlightState) follow(v readerView) {
	if v.document() == nil || s.cursor < 0 {
		return
	}
	line := lineOf(v.document(), s.cursor)
	vis := s.visibleLines(v)
	switch {
	case line < v.viewport().top:
		s.cursor = firstOffsetFrom(v.document(), v.viewport().top, s.cursor)
	case line >= v.viewport().top+vis:
		s.cursor = lastOffsetBefore(v.document(), v.viewport().top+vis, s.cursor)
	}
}

// toEnd puts the cursor on the article's first text, or on the start of
// its last line of text, as vim's gg and G do: G then h marks the last
// sentence, and a selection extends to the end. The screen already shows
// that end (the caller scrolled there).
func (s *highlightState) toEnd(v readerView, last bool) {
	d := v.document()
	if d == nil || s.cursor < 0 {
		return
	}
	if !last {
		s.cursor = firstOffsetFrom(d, 0, s.cursor)
		return
	}
	if off := lastOffsetBefore(d, len(d.Lines), -1); off >= 0 {
		s.cursor = firstOffsetFrom(d, lineOf(d, off), off)
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
		for c := d.Cells(l) - 1; c >= 0; c-- {
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
func (s *highlightState) moveTo(v readerView, off int) {
	if v.document() == nil {
		return
	}
	s.cursor = clamp(off, 0, len(v.article().Markdown))
	line := lineOf(v.document(), s.cursor)
	vis := s.visibleLines(v)
	if line < v.viewport().top || line >= v.viewport().top+vis {
		v.scrollTo(line - v.viewport().height/3)
	}
}

// cancelSelection drops the selection; false when there was none.
func (s *highlightState) cancelSelection() bool {
	if s.anchor < 0 {
		return false
	}
	s.anchor = -1
	return true
}

// jumpTo puts a source offset near the top of the screen, the cursor on it.
func (s *highlightState) jumpTo(v readerView, off int) {
	if v.document() == nil {
		return
	}
	v.scrollTo(v.document().LineOf(off))
	s.moveTo(v, off)
}

// under is the index of the highlight under the cursor (the one ] [ or
// the panel chose, else the shortest when several overlap), or -1.
func (s *highlightState) under() int {
	if s.focus != 0 && s.cursor == s.focusAt {
		if i := s.byID(s.focus); i >= 0 && !s.list[i].Orphan && s.cursor >= s.list[i].Start && s.cursor < s.list[i].End {
			return i
		}
	}
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
func (s *highlightState) onKey(v readerView, msg tea.KeyPressMsg, k ReaderKeys) tea.Cmd {
	switch {
	case key.Matches(msg, k.Copy):
		return s.copyQuote(v, false)
	case key.Matches(msg, k.CopyNote):
		return s.copyQuote(v, true)
	}
	if v.document() == nil {
		return nil
	}
	t := v.parsed()
	motion := func(f func(*render.Text, int) int) {
		s.moveTo(v, f(t, max(s.cursor, 0)))
	}
	// Past the last word, sentence or paragraph a forward motion goes to
	// the end of the text, so that a selection can take the article's end.
	forward := func(f func(*render.Text, int) int) {
		cur := max(s.cursor, 0)
		if off := f(t, cur); off != cur {
			s.moveTo(v, off)
		} else if end := t.End(); end > cur {
			s.moveTo(v, end)
		}
	}
	switch {
	case key.Matches(msg, k.CharNext):
		motion((*render.Text).NextChar)
	case key.Matches(msg, k.CharPrev):
		motion((*render.Text).PrevChar)
	case key.Matches(msg, k.WordNext):
		forward((*render.Text).NextWord)
	case key.Matches(msg, k.WordPrev):
		motion((*render.Text).PrevWord)
	case key.Matches(msg, k.SentenceNext):
		forward((*render.Text).NextSentence)
	case key.Matches(msg, k.SentencePrev):
		motion((*render.Text).PrevSentence)
	case key.Matches(msg, k.ParagraphNext):
		forward((*render.Text).NextParagraph)
	case key.Matches(msg, k.ParagraphPrev):
		motion((*render.Text).PrevParagraph)
	case key.Matches(msg, k.Select):
		s.toggleSelect()
	case key.Matches(msg, k.Highlight):
		return s.add(v, nil)
	case key.Matches(msg, k.Label):
		s.chooseLabel(v)
	case key.Matches(msg, k.Note):
		return s.editNote(v)
	case key.Matches(msg, k.ArticleNote):
		return s.editArticleNote(v)
	case key.Matches(msg, k.Delete):
		return s.remove(v)
	case key.Matches(msg, k.Undo):
		return s.undoLast(v)
	case key.Matches(msg, k.NextHighlight):
		s.jump(v, 1)
	case key.Matches(msg, k.PrevHighlight):
		s.jump(v, -1)
	case key.Matches(msg, k.Panel):
		s.openPanel(v)
	case key.Matches(msg, k.Link):
		s.chooseClaim(v)
	}
	return nil
}

// jump moves the cursor to the next or previous highlight: each is a
// stop, those that start at one word too, in the order of their starts
// and then their ends.
func (s *highlightState) jump(v readerView, dir int) {
	var order []int
	for i, h := range s.list {
		if !h.Orphan {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		s.fx.fail("No highlights in this article yet: select with v, highlight with h.")
		return
	}
	sort.SliceStable(order, func(a, b int) bool {
		ha, hb := s.list[order[a]], s.list[order[b]]
		if ha.Start != hb.Start {
			return ha.Start < hb.Start
		}
		return ha.End < hb.End
	})
	cur := max(s.cursor, 0)
	at := -1 // where in order the cursor is, when on a highlight's start
	if u := s.under(); u >= 0 && s.list[u].Start == cur {
		at = slices.Index(order, u)
	}
	target := -1
	switch {
	case at >= 0:
		if k := at + dir; k >= 0 && k < len(order) {
			target = order[k]
		}
	case dir > 0:
		for _, i := range order {
			if s.list[i].Start > cur {
				target = i
				break
			}
		}
	default:
		for k := len(order) - 1; k >= 0; k-- {
			if s.list[order[k]].Start < cur {
				target = order[k]
				break
			}
		}
	}
	if target < 0 {
		s.fx.say("No more highlights that way.")
		return
	}
	s.moveTo(v, s.list[target].Start)
	s.setFocus(target)
}

// setFocus makes highlight i the one the keys act on while the cursor
// stays where it is.
func (s *highlightState) setFocus(i int) {
	s.focus, s.focusAt = s.list[i].ID, s.cursor
}

func (s *highlightState) viewEditor(v readerView, h int) []string {
	pad := strings.Repeat(" ", v.viewport().margin)
	lines := s.editor.View(v.viewport().width, h)
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return lines
}

// chooseLabel opens the label chooser for the highlight under the cursor.
func (s *highlightState) chooseLabel(v readerView) {
	i := s.under()
	if i < 0 {
		s.fx.fail("No highlight under the cursor: h highlights the sentence.")
		return
	}
	s.labelPicker(v, i)
}

func (s *highlightState) labelPicker(v readerView, i int) {
	h := s.list[i]
	items := make([]pickItem, len(store.Labels))
	pk := newPicker(v.shared(), "Label", nil)
	for j, l := range store.Labels {
		items[j] = pickItem{Tag: v.shared().Styles.Label(l).Tag.Render(l), Title: labelHelp(l), Value: l}
		if l == h.Label {
			pk.cursor = j
		}
	}
	pk.items, pk.alignTags = items, true
	s.target = h.ID
	s.fx.show(pk, pickLabel, -1)
}

// labelHelp says what a label marks.
func labelHelp(name string) string {
	l, _ := store.LabelNamed(name)
	return l.Help
}

// chooseClaim opens the claim chooser for the highlight under the cursor.
func (s *highlightState) chooseClaim(v readerView) {
	i := s.under()
	if i < 0 {
		s.fx.fail("No highlight under the cursor.")
		return
	}
	if !store.LinksToClaim(s.list[i].Label) {
		s.fx.fail("Only evidence, questions and disagreements link to a claim: L changes the label.")
		return
	}
	var items []pickItem
	for _, h := range s.list {
		if h.Label == store.ClaimLabel {
			items = append(items, pickItem{Tag: v.shared().Styles.Label(h.Label).Tag.Render(h.Label), Title: h.Highlighted(), Value: h.ID})
		}
	}
	if len(items) == 0 {
		s.fx.fail("No claims in this article yet: label a highlight as a claim first (L).")
		return
	}
	items = append(items, pickItem{Title: "(not linked to a claim)", Value: int64(0)})
	pk := newPicker(v.shared(), "Link to which claim?", items)
	pk.alignTags = true
	// The cursor starts on the claim it is linked to; an unlinked one's
	// on the nearest claim before it, the likeliest it bears on (not on
	// "not linked", where enter would change nothing).
	pk.cursor = 0
	for j, h := range s.list {
		if h.Label == store.ClaimLabel && h.Start <= s.list[i].Start && j != i {
			if k := slices.IndexFunc(items, func(it pickItem) bool { return it.Value == h.ID }); k >= 0 {
				pk.cursor = k
			}
		}
	}
	if sup := s.list[i].Supports; sup != 0 {
		if k := slices.IndexFunc(items, func(it pickItem) bool { return it.Value == sup }); k >= 0 {
			pk.cursor = k
		}
	}
	s.target = s.list[i].ID
	s.fx.show(pk, pickClaim, -1)
}

// onPick applies a choice from the label, claim or panel lists.
func (s *highlightState) onPick(v readerView, kind pickKind, value any) tea.Cmd {
	switch kind {
	case pickLabel:
		return s.setLabel(v, s.target, value.(string), false)
	case pickUnlink:
		if value == true {
			return s.setLabel(v, s.target, s.newLabel, true)
		}
		s.fx.say("Label kept.")
	case pickClaim:
		return s.link(v, value.(int64))
	case pickPanel:
		i := s.byID(value.(int64))
		if i < 0 {
			return nil
		}
		if s.list[i].Orphan {
			s.fx.fail("This highlight's passage is no longer in the article (orphan).")
			return nil
		}
		s.jumpTo(v, s.list[i].Start)
		s.setFocus(i)
	}
	return nil
}

// openPanel lists the article's highlights in reading order, or the
// argument view: each claim with what supports, questions or disputes it.
func (s *highlightState) openPanel(v readerView) {
	items := s.panelItems(v.shared().Styles)
	title := "Highlights"
	if s.argument {
		title = "Argument"
	}
	if s.panelLabel != "" && !s.argument {
		title += " · " + s.panelLabel
	}
	title += fmt.Sprintf(" (%d)", len(items))
	pk := newPicker(v.shared(), title, items)
	pk.twoLine = true
	pk.alignTags = true // the quotes line up, whatever their labels
	pk.empty = "No highlights. Select with v and highlight with h."
	if s.argument {
		pk.empty = "No claims, evidence, questions or disagreements yet."
	}
	for _, b := range []*key.Binding{&pk.keys.Filter, &pk.keys.Undo, &pk.keys.Argument} {
		b.SetEnabled(true)
	}
	// Nothing listed: nothing to write a note on or delete.
	pk.keys.Edit.SetEnabled(len(items) > 0)
	pk.keys.Delete.SetEnabled(len(items) > 0)
	// An orphan (or any highlight) can be moved onto the current selection.
	_, _, sel := s.selection(v.article().Markdown)
	pk.keys.Reattach.SetEnabled(sel)
	if s.argument {
		pk.keys.Argument.SetHelp("a", "all highlights")
		pk.keys.Filter.SetEnabled(false)
	}
	// Select the highlight under the cursor (the one ] [ chose, of two at
	// one word), or the next one.
	under := int64(-1)
	if u := s.under(); u >= 0 {
		under = s.list[u].ID
	}
	for j, it := range items {
		if i := s.byID(it.Value.(int64)); i >= 0 && !s.list[i].Orphan && s.list[i].End > s.cursor {
			pk.cursor = j
			break
		}
	}
	if k := slices.IndexFunc(items, func(it pickItem) bool { return it.Value == under }); k >= 0 {
		pk.cursor = k
	}
	s.fx.show(pk, pickPanel, -1)
}

// panelItems are the panel's rows: the highlights with the label shown,
// or the argument view's claims, each followed by what links to it.
func (s *highlightState) panelItems(st *Styles) []pickItem {
	var items []pickItem
	add := func(h *store.Highlight, indent int) {
		items = append(items, panelItem(st, h, indent))
	}
	if !s.argument {
		for i := range s.list {
			if s.panelLabel == "" || s.list[i].Label == s.panelLabel {
				add(&s.list[i], 0)
			}
		}
		return items
	}
	linked := map[int64]bool{}
	for i := range s.list {
		c := &s.list[i]
		if c.Label != "claim" {
			continue
		}
		add(c, 0)
		for j := range s.list {
			if e := &s.list[j]; e.Supports == c.ID && store.LinksToClaim(e.Label) {
				add(e, 1)
				linked[e.ID] = true
			}
		}
	}
	for i := range s.list {
		if e := &s.list[i]; store.LinksToClaim(e.Label) && !linked[e.ID] {
			add(e, 0)
		}
	}
	return items
}

// panelItem is one highlight in the panel: its label (and whether it is an
// orphan or was reworded), its words and its note.
func panelItem(st *Styles, h *store.Highlight, indent int) pickItem {
	tag := st.Label(h.Label).Tag.Render(h.Label)
	if h.Orphan {
		tag = st.App.Error.Render("orphan") + " " + tag
	}
	note := strings.TrimSpace(h.Note)
	if note == "" {
		note = "—"
	}
	if h.Changed() {
		// A refresh reworded it: the reader's words, and what it says now.
		tag = st.App.Error.Render("reworded") + " " + tag
		note = "now: “" + h.Exact + "” · " + note
	}
	return pickItem{Tag: tag, Title: h.Highlighted(), Desc: note, Indent: indent, Value: h.ID}
}

// onPanelKey handles the panel's own keys; done=false passes the key on to
// the list.
func (s *highlightState) onPanelKey(v readerView, pk *picker, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := pk.keys
	cur := pk.cursor
	id, _ := pk.chosen().(int64)
	switch {
	case key.Matches(msg, k.Filter) && k.Filter.Enabled():
		s.panelLabel = nextLabel(s.panelLabel)
	case key.Matches(msg, k.Argument):
		s.argument = !s.argument
	case key.Matches(msg, k.Edit):
		if i := s.byID(id); i >= 0 {
			s.back = true
			return s.openEditor(v, id), true
		}
		return nil, true
	case key.Matches(msg, k.Delete):
		if i := s.byID(id); i >= 0 {
			return s.removeAt(v, i), true
		}
	case key.Matches(msg, k.Undo):
		// x here says "u to undo": the panel is redrawn when it is done.
		return s.undoLast(v), true
	case key.Matches(msg, k.Reattach):
		if i := s.byID(id); i >= 0 {
			return s.reattach(v, i), true
		}
	default:
		return nil, false
	}
	s.openPanel(v)
	s.fx.pickAt = cur
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
func (s *highlightState) marks(v readerView) []render.Mark {
	matches, cur := v.searchHits()
	ms := make([]render.Mark, 0, len(s.list)+len(matches)+1)
	for _, h := range s.list {
		if !h.Orphan && h.End > h.Start {
			ms = append(ms, render.Mark{Start: h.Start, End: h.End, Style: render.MarkStyle{SGR: v.shared().Styles.Label(h.Label).SGR}})
		}
	}
	// Where highlights overlap, the shorter is painted over the longer,
	// so both show.
	slices.SortStableFunc(ms, func(a, b render.Mark) int { return (b.End - b.Start) - (a.End - a.Start) })
	st := v.shared().Styles.Reader
	for i, m := range matches {
		if m.Start < 0 || m.End <= m.Start {
			continue
		}
		sgr := st.MatchSGR
		if i == cur {
			sgr = st.CurrentSGR
		}
		ms = append(ms, render.Mark{Start: m.Start, End: m.End, Style: render.MarkStyle{SGR: sgr}})
	}
	if a, b, ok := s.selection(v.article().Markdown); ok {
		ms = append(ms, render.Mark{Start: a, End: b, Style: render.MarkStyle{SGR: st.SelectionSGR}})
	}
	return ms
}

// paint draws the visible part of the article with its marks, the cursor,
// and each note under the line where its passage ends.
func (s *highlightState) paint(v readerView, h int) []string {
	n := s.visibleLines(v)
	body := v.document().Paint(v.viewport().top, n, s.marks(v), s.cursor, v.shared().Styles.Reader.CursorSGR)
	top := s.articleNoteRows(v)
	if len(s.noteLines) == 0 && len(top) == 0 {
		return body
	}
	out := append(make([]string, 0, h), top...)
	for i, l := range body {
		out = append(out, l)
		for _, j := range s.noteLines[v.viewport().top+i] {
			out = append(out, s.noteRows(v, &s.list[j])...)
		}
	}
	return out
}

// noteRows is a note drawn as indented lines with a bar in the label's colour.
func (s *highlightState) noteRows(v readerView, h *store.Highlight) []string {
	st := v.shared().Styles.Reader
	bar := st.NoteBar.Render("  ┃ ")
	var rows []string
	const maxRows = 6
	lines, more := wrapHead(h.Note, v.viewport().width-8, maxRows)
	for _, l := range lines {
		rows = append(rows, "  "+bar+st.Note.Render(l))
	}
	if more {
		rows[len(rows)-1] += " …"
	}
	return rows
}

// statusLine describes the highlight under the cursor or the selection.
func (s *highlightState) statusLine(v readerView) string {
	st := v.shared().Styles
	// The note being written may not be the one under the cursor (n in
	// the panel, A): name its own.
	if ed := s.editor; ed != nil {
		if ed.article {
			return st.Reader.Status.Render("note on the article")
		}
		h := ed.h
		if i := s.byID(h.ID); i >= 0 {
			h = s.list[i]
		}
		return describe(st, h, false)
	}
	if _, _, ok := s.selection(v.article().Markdown); ok {
		return st.Reader.Status.Render("selecting: h highlight · a note · esc cancel")
	}
	if i := s.under(); i >= 0 {
		return describe(st, s.list[i], true)
	}
	if n := len(s.list); n > 0 {
		return st.Reader.Status.Render(fmt.Sprintf("%d highlight%s", n, plural(n)))
	}
	return ""
}

// describe is a highlight's label, whether it is linked to a claim and
// (withNote) whether it has a note.
func describe(st *Styles, h store.Highlight, withNote bool) string {
	out := st.Label(h.Label).Tag.Render(h.Label)
	if h.Supports != 0 {
		out += st.Reader.Status.Render(" → claim")
	}
	if withNote && h.Note != "" {
		out += st.Reader.Status.Render(" · has a note")
	}
	return out
}

// rowLines maps each body row to its display line; note rows map to -1.
func (s *highlightState) rowLines(v readerView) []int {
	h := v.viewport().height
	rows := make([]int, 0, h)
	for range s.articleNoteRows(v) {
		rows = append(rows, -1)
	}
	for l := v.viewport().top; l < len(v.document().Lines) && len(rows) < h; l++ {
		rows = append(rows, l)
		for _, i := range s.noteLines[l] {
			for range s.noteRows(v, &s.list[i]) {
				rows = append(rows, -1)
			}
		}
	}
	return rows
}

// offsetAt is the source offset under a screen cell, or -1.
func (s *highlightState) offsetAt(v readerView, x, y int) int {
	if v.document() == nil {
		return -1
	}
	rows := s.rowLines(v)
	r := y - v.viewport().header
	if r < 0 || r >= len(rows) || rows[r] < 0 {
		return -1
	}
	l, c, ok := v.document().Next(rows[r], max(x-v.viewport().margin, 0))
	if !ok {
		return -1
	}
	return v.document().Offset(l, c)
}

// onMouse places the cursor with a click and selects by dragging.
func (s *highlightState) onMouse(v readerView, msg tea.MouseMsg) {
	m := msg.Mouse()
	switch msg.(type) {
	case tea.MouseClickMsg:
		if m.Button != tea.MouseLeft {
			return
		}
		if off := s.offsetAt(v, m.X, m.Y); off >= 0 {
			s.cursor, s.anchor, s.pressed = off, -1, off
		}
	case tea.MouseMotionMsg:
		if s.pressed < 0 || m.Button != tea.MouseLeft {
			return
		}
		if off := s.offsetAt(v, m.X, m.Y); off >= 0 {
			if off >= s.pressed && off < len(v.article().Markdown) {
				// Dragging forward selects the cell under the pointer too.
				_, n := utf8.DecodeRuneInString(v.article().Markdown[off:])
				off += n
			}
			s.anchor, s.cursor = s.pressed, off
		}
	case tea.MouseReleaseMsg:
		s.pressed = -1
	}
}

// keyIs reports whether a key press matches a binding.
func keyIs(msg tea.KeyPressMsg, b key.Binding) bool { return key.Matches(msg, b) }
