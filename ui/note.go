package ui

import (
	"cmp"
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/sanitize"
	"margin/store"
)

// noteEditor is the multi-line editor for a highlight's note.
type noteEditor struct {
	*Common
	h     store.Highlight // the highlight being annotated, as it was opened
	quote string          // its text, shown above the editor
	orig  string          // the note when the editor opened
	base  string          // the note as last saved: what a save replaces
	area  textarea.Model
	// theirs is the note another margin saved meanwhile (a conflict the
	// user resolves); deleted is set when the highlight was deleted
	// elsewhere.
	theirs        *string
	deleted       bool
	width, height int // the cells it is drawn in (SetSize)
	// escOnce: esc was pressed once on a note whose highlight was
	// deleted elsewhere; a second esc keeps the words in a file.
	escOnce bool
	// draftFile holds the words typed while the note could not be saved
	// (Options.KeepDraft), drafted what it holds.
	draftFile, drafted string
	// replaced is the note written elsewhere that "keep yours" saved
	// over: undo brings it back, not the note the editor opened on.
	replaced *string
	// article: the note is the article's own (h.ArticleID), not a
	// highlight's.
	article bool
	// saving counts the saves out; closing is set while the save of esc
	// is out, when the keys that follow are meant for the reader; stayed
	// when that save was refused, so they are not typed into the note.
	saving  int
	closing bool
	stayed  bool
	// exact is the text the editor was last given, and shown what the
	// text area made of it (a tab becomes spaces, U+FFFD goes): while the
	// text area still holds shown, the note is exact, never changed by
	// being opened.
	exact, shown string
}

func newNoteEditor(c *Common, h store.Highlight) *noteEditor {
	quote, note := h.Highlighted(), h.Note
	ta := textarea.New()
	ta.SetStyles(c.Styles.Prompt.Area)
	ta.Placeholder = "Write a note (Markdown allowed)…"
	ta.ShowLineNumbers = false
	ta.CharLimit = 0
	// No limit on lines but the text area's own (maxEditorLines): its
	// default, 99, ignored enter from the 99th line on.
	ta.MaxHeight = 0
	e := &noteEditor{Common: c, h: h, quote: quote, orig: note, base: note, area: ta}
	e.SetValue(note)
	e.area.Focus()
	return e
}

// SetValue replaces the text being written.
func (e *noteEditor) SetValue(s string) {
	e.area.SetValue(s)
	e.exact, e.shown = s, e.area.Value()
}

// maxEditorLines is the most lines the text area holds; the rest of a
// longer note would be cut off. maxEditorBytes is the longest note it
// edits in time: it lays out the whole text on every key (a second a key
// at 800 KB, ctrl+c waiting behind them).
const (
	maxEditorLines = 10000
	maxEditorBytes = 128 << 10
)

// tooLong says why the note cannot be written in the editor ("" when it
// can): some of it would be lost, or every key would wait.
func tooLong(note string) string {
	if n := strings.Count(note, "\n") + 1; n > maxEditorLines {
		return fmt.Sprintf("Too long for the editor (%d lines, %d at most)", n, maxEditorLines)
	}
	if len(note) > maxEditorBytes {
		return fmt.Sprintf("Too long for the editor (%d KB, %d at most)", len(note)>>10, maxEditorBytes>>10)
	}
	return ""
}

// keys are the editor's bindings that apply now.
func (e *noteEditor) keys() EditorKeys {
	k := e.Keys.Editor
	k.Theirs.SetEnabled(e.theirs != nil)
	k.Merge.SetEnabled(e.theirs != nil)
	k.Restore.SetEnabled(e.deleted && !e.article)
	if e.theirs != nil {
		k.Save.SetHelp("ctrl+s", "keep yours")
		k.Cancel.SetHelp("esc", "choose first")
	}
	switch {
	case e.deleted && e.article && e.Opt.KeepUnsaved != nil:
		k.Cancel.SetHelp("esc", "keep in a file")
	case e.deleted && e.article:
		k.Cancel.SetHelp("esc", "discard")
	case e.deleted && e.Opt.KeepUnsaved != nil:
		k.Cancel.SetHelp("esc esc", "keep in a file")
	case e.deleted:
		k.Cancel.SetHelp("esc", "see ctrl+r")
	}
	return k
}

// SetSize fits the editor in w×h cells.
func (e *noteEditor) SetSize(w, h int) {
	e.width, e.height = w, h
	e.fit()
}

// Update passes typing to the text area.
func (e *noteEditor) Update(msg tea.Msg) tea.Cmd {
	msg = cleanInput(msg)
	var cmd tea.Cmd
	e.area, cmd = e.area.Update(msg)
	return cmd
}

// Value is the note as typed, without trailing blank lines and without
// the control characters a paste may carry (a note is shown and exported
// like article text).
func (e *noteEditor) Value() string {
	v := e.area.Value()
	if v == e.shown {
		return e.exact
	}
	return strings.TrimRight(sanitize.Text(v), " \n\t")
}

// View draws the quote and the editor as lines: what stands above the
// text area (head), then the text area, sized by fit.
func (e *noteEditor) View(w, h int) []string {
	lines := e.head(w, h)
	for _, l := range strings.Split(e.area.View(), "\n") {
		lines = append(lines, "  "+l)
	}
	return lines
}

// head is what stands above the text area in w×h cells: the quote, and a
// conflict's or a deletion's notice.
func (e *noteEditor) head(w, h int) []string {
	st := e.Styles
	head := "Note on:"
	if e.article {
		head = "Note on the article:"
	}
	lines := []string{"  " + st.Picker.Title.Render(head)}
	for _, l := range quoteLines(e.quote, w-6) {
		lines = append(lines, "  "+st.App.Dim.Render(l))
	}
	lines = append(lines, "")
	switch {
	case e.theirs != nil:
		lines = append(lines, "  "+st.App.Error.Render("Changed elsewhere while you wrote; it now reads:"))
		// Their note takes what room the editor leaves: the notice,
		// "Yours:" and three rows to type in stay on the screen.
		rows, more := wrapHead(*e.theirs, w-6, clamp(h-len(lines)-7, 1, maxQuoteLines*2))
		if more {
			rows = append(rows, "…")
		}
		for _, l := range rows {
			lines = append(lines, "  │ "+l)
		}
		lines = append(lines, "", "  "+st.Picker.Title.Render("Yours:"))
	case e.deleted && e.article:
		lines = append(lines, "  "+st.App.Error.Render("This article was deleted elsewhere; your note is kept here until esc."), "")
	case e.deleted:
		lines = append(lines, "  "+st.App.Error.Render("This highlight was deleted elsewhere; your note is kept here."), "")
	}
	return lines
}

// fit gives the text area the rows its head leaves. It was sized once, for
// a quote of two lines: under a longer quote, or a conflict's notice, the
// line being typed fell below the screen. The reader calls it after each
// change to the editor (applyHL) and on a resize (SetSize).
func (e *noteEditor) fit() {
	if aw := max(e.width-4, 10); e.area.Width() != aw {
		e.area.SetWidth(aw)
	}
	ah := max(e.height-len(e.head(e.width, e.height)), 3)
	if ah == e.area.Height() {
		return
	}
	grown := ah > e.area.Height()
	e.area.SetHeight(ah)
	if grown {
		// The text area scrolls only to keep its cursor in view: grown,
		// it kept the lines it had scrolled past hidden over rows left
		// empty. Scrolled from the top down to the cursor again, it
		// shows what fits.
		row, col := e.area.Line(), e.area.Column()
		e.area.MoveToBegin()
		for i := 0; e.area.Line() < row && i < maxNoteRows; i++ {
			e.area.CursorDown()
		}
		e.area.SetCursorColumn(col)
	}
}

// maxNoteRows bounds the walk back to the cursor (a note's rows and the
// rows its lines wrap to).
const maxNoteRows = 100_000

// maxQuoteLines is how much of the quote the editor shows above the note.
const maxQuoteLines = 3

// quoteLines is a quote as one block in quotation marks, wrapped to w
// cells and cut at maxQuoteLines lines with an ellipsis.
func quoteLines(quote string, w int) []string {
	w = max(w, 10)
	// Room for the marks: “ opens the first line, the others are indented
	// to align with it, and ” or …” closes the last.
	ls := wrapPlain(sanitize.Line(quote), w-3)
	cut := len(ls) > maxQuoteLines
	if cut {
		ls = ls[:maxQuoteLines]
	}
	opening, closing := "“", "”"
	if article.QuoteMarked(quote) {
		opening, closing = " ", "" // its own marks: ““…”” read as a stammer
	}
	for i := range ls {
		if i == 0 {
			ls[i] = opening + ls[i]
		} else {
			ls[i] = " " + ls[i]
		}
	}
	last := len(ls) - 1
	if cut {
		ls[last] += "…"
	}
	ls[last] += closing
	return ls
}

// wrapHead is the first n lines of a note wrapped at w cells (sanitised),
// and whether more follow. Only the note's beginning is wrapped: a note
// may be a megabyte, and is drawn several times a frame.
func wrapHead(s string, w, n int) (lines []string, more bool) {
	// n+1 lines of at most n+1 rows each, four bytes a cell, are more
	// than n rows can show.
	limit := (n + 1) * (n + 1) * (max(w, 10) + 1) * 4
	if len(s) > limit {
		s, more = s[:limit], true
		// Not half a character.
		for range utf8.UTFMax {
			if r, size := utf8.DecodeLastRuneInString(s); r != utf8.RuneError || size != 1 {
				break
			}
			s = s[:len(s)-1]
		}
	}
	at := 0
	for range n + 1 {
		i := strings.IndexByte(s[at:], '\n')
		if i < 0 {
			at = -1
			break
		}
		at += i + 1
	}
	if at > 0 {
		s, more = s[:at-1], true
	}
	lines = wrapPlain(sanitize.Text(s), w)
	if len(lines) > n {
		lines, more = lines[:n], true
	}
	return lines, more
}

// wrapPlain wraps plain text at spaces into lines of at most w cells
// (wide characters count two), splitting words longer than a line.
func wrapPlain(s string, w int) []string {
	w = max(w, 10)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			switch {
			case line == "":
				line = word
			case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= w:
				line += " " + word
			default:
				out = append(out, line)
				line = word
			}
			for ansi.StringWidth(line) > w {
				head := ansi.Truncate(line, w, "")
				out = append(out, head)
				line = line[len(head):]
			}
		}
		out = append(out, line)
	}
	return out
}

// unsavedAbout names what a note that could not be saved was written on,
// for the file that keeps its words: the highlight, its passage and the
// article, so that it can be put back.
func unsavedAbout(a *store.Article, ed *noteEditor) string {
	of := ""
	if a != nil {
		of = fmt.Sprintf("article %d, “%s”", a.ID, sanitize.Line(a.Title))
	}
	if ed.article {
		return "the note on " + cmp.Or(of, "the article")
	}
	if of != "" {
		of = " of " + of
	}
	return fmt.Sprintf("the note on highlight %d%s: %s", ed.h.ID, of, article.Quoted(truncate(sanitize.Line(ed.h.Exact), 100)))
}
