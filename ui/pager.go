package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/settings"
	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// readMode is what the reader is doing besides showing the article.
type readMode int

const (
	readNormal readMode = iota
	readSearch          // typing a search
	readPicker          // a list is open over the article
	readEditor          // writing a note
)

// Reader width limits and step for +/-.
const (
	defaultWidth = settings.DefaultWidth
	widthStep    = settings.WidthStep
)

// Messages the reader sends itself.
type (
	docMsg struct {
		key docKey
		doc *render.Doc
		err error
	}
	// closeMsg asks the root to go back to the library.
	closeMsg  struct{}
	statusMsg struct{ text string }
	errMsg    struct{ text string }
	exportMsg struct {
		path string
		err  error
	}
	// refreshMsg is the end of a refresh (r).
	refreshMsg struct {
		id      int64
		summary string
		err     error
	}
	// autosaveMsg is the tick that saves the reading position and a note
	// being written while the user reads or types.
	autosaveMsg struct{}
)

// autosaveEvery is how long a changed position or note waits before it is
// saved: often enough that a killed terminal loses little, rarely enough
// that scrolling does not write on every key.
const autosaveEvery = 2 * time.Second

// autosaveTimeout bounds a save made while the UI runs, so a library
// locked by another writer does not freeze the screen.
const autosaveTimeout = time.Second

// pagerModel is the reader screen.
type pagerModel struct {
	*Common
	art  *store.Article
	text *render.Text // art's Markdown parsed: cursor motions, quotes, outline, links
	// inlineLinks prints links' addresses in the text (config links inline).
	inlineLinks bool
	mdHash      uint64 // of art.Markdown, for the rendering cache
	doc         *render.Doc
	docKey      docKey
	want        docKey // the rendering asked for last
	top         int    // first display line on screen
	pending     int    // source offset to show at the top once a complete doc is in (a Window previews it); -1 none
	pendingRows int    // blank rows above pending's line at the top (a preview scrolled onto them)
	// lost is the top line kept by a width or style change made while the
	// top was past the part of the article rendered so far: pending waits
	// for that rendering's whole to say which passage the line shows.
	lost *lostTop
	// keepCursor is set by a width or style change: the rendering it asks
	// for scrolls to keep the cursor's passage on screen, not the cursor
	// moved onto whatever passage the old row now shows.
	keepCursor  bool
	cursorShown bool // the cursor's line was on screen before a resize (BeforeResize)
	// firstGate closes when the first screenful asked for last is
	// rendered: the work that would slow it waits (see afterFirstScreen).
	firstGate  chan struct{}
	width      int // preferred text width
	mode       readMode
	status     string
	statusPath string // the path a status ends with, fitted to the width by its middle
	errLine    string
	help       help.Model
	helpPane   helpPane
	keys       ReaderKeys

	// Input that arrived while a preview (a Window doc) was shown; it is
	// handled, in order, once the whole rendering is in.
	deferred []tea.Msg

	// In-article search.
	prompt *prompt
	query  string
	// lastFind is the last query searched, which / offers again even
	// when it found nothing (a typo is mended, not retyped).
	lastFind string
	matches  []render.Match
	cur      int
	// The query waits for the rest of the article: no match in the part
	// rendered so far.
	findRest bool
	// A search runs in a command (foundMsg); findSeq names the newest.
	// While it runs, input waits (see waits), as it would for Update.
	findSeq  int
	finding  bool
	findJump bool // the running search goes to its first match
	// curAt is where the current match is in the text, kept while a new
	// rendering is searched again (its matches are counted anew).
	curAt int

	// A list opened over the article.
	picker   *picker
	pickKind pickKind
	// headings and links behind the outline and links pickers.
	headings []render.Heading
	links    []render.Link

	hl highlightState

	// Autosave: the top offset when the position was last saved or
	// restored (-1 until the article is placed), and whether a tick is on
	// its way.
	savedOff int
	ticking  bool
	// reached is the furthest fraction of the article the screen has shown
	// since it opened: an article read to its end is done, though a
	// resize or a scroll back up shows less of it before the reader leaves.
	reached float64
	// reachedAt is the screen reached was last measured on: measuring
	// (the notes' rows on screen) waits for the screen to change.
	reachedAt struct {
		doc       *render.Doc
		top, h, w int
		notes     int
	}

	// Library calls out (ops.go), and the article being read (open).
	ops     map[int]*op
	opSeq   int
	opening int64

	// Commands started by handlers that return none (a reload's
	// rendering), sent with the next Update's.
	queued []tea.Cmd
}

// mdSeed keys the Markdown hashes; they live only as long as the process.
var mdSeed = maphash.MakeSeed()

func newPager(c *Common) *pagerModel {
	p := &pagerModel{Common: c, keys: c.Keys.Reader, pending: -1}
	p.help = c.newHelp()
	p.width = defaultWidth
	if c.Opt.Width > 0 {
		p.width = c.Opt.Width
	} else if w, err := strconv.Atoi(c.setting(settings.Width)); err == nil && w > 0 {
		p.width = w
	}
	p.width = settings.ClampWidth(p.width)
	p.inlineLinks = settings.InlineLinks(c.setting(settings.Links))
	p.hl.reset()
	return p
}

// OpenAt reads an article in a command and then starts rendering it, at a
// source offset when at > 0, else at the saved reading position.
func (p *pagerModel) OpenAt(id int64, at int) tea.Cmd { return p.open(id, at, "", false).tell("", "") }

// OpenFind opens an article at its top and shows the first match of q,
// painted, once the whole is rendered: a full-text search result lands on
// what was found.
func (p *pagerModel) OpenFind(id int64, q string) tea.Cmd {
	return p.open(id, 0, q, false).tell("", "")
}

// articleMsg is an article read for the reader, with its highlights.
type articleMsg struct {
	id   int64
	at   int
	find string
	keep bool // a reload: keep the cursor when the text is the same
	// say and warn are shown once the article is in (why it was reloaded).
	say, warn string
	art       *store.Article
	hs        []store.Highlight
	err       error
}

// textMsg is an article's Markdown parsed (render.Text: quotes, motions,
// links, headings). It is parsed beside the first screenful's rendering,
// not before it: at 200,000 words the parse alone takes longer than a
// frame, and the first screen needs only the rendering. Until it comes,
// input waits (see waits).
type textMsg struct {
	id   int64
	rev  int64 // the text revision it was parsed from
	text *render.Text
}

// parseText parses an article's Markdown in a command, once the first
// screenful is out (see firstGate).
func parseText(a *store.Article, gate <-chan struct{}) tea.Cmd {
	id, rev, md := a.ID, a.TextRevision, a.Markdown
	return func() tea.Msg {
		afterFirstScreen(gate)
		return textMsg{id: id, rev: rev, text: render.Parse(md)}
	}
}

// The first screenful is rendered alone: the whole rendering and the
// text's parse, run beside it on two cores, took it from 8 to 11-31 ms at
// 200,000 words (issue 17). They wait for it, or for firstScreenWait at most,
// in case it never runs (a command run on its own, as tests do).
var firstScreenWait = 250 * time.Millisecond

// lowGCFrom is the Markdown size from which the whole rendering runs with
// the collector at lowGCPercent: a 200,000-word article (1.2 MB) allocates
// hundreds of megabytes on its way to a document of a few dozen, and at
// Go's default the garbage let the process peak at glamour's own peak. The
// rendering runs behind the first screen, where more collections cost a
// fraction of a second nobody waits for.
const (
	lowGCFrom    = 256 << 10
	lowGCPercent = 50
)

// lowGC counts the renderings running with the collector lowered, and
// keeps the setting to restore when the last ends.
var lowGC struct {
	sync.Mutex
	n, saved int
}

// lowGCWhile runs f, with the collector at lowGCPercent if low, unless
// the user's GOGC set it lower or off.
func lowGCWhile(low bool, f func()) {
	if !low {
		f()
		return
	}
	lowGC.Lock()
	if lowGC.n == 0 {
		if lowGC.saved = debug.SetGCPercent(lowGCPercent); lowGC.saved < lowGCPercent { // lower already, or off
			debug.SetGCPercent(lowGC.saved)
		}
	}
	lowGC.n++
	lowGC.Unlock()
	defer func() {
		lowGC.Lock()
		if lowGC.n--; lowGC.n == 0 {
			debug.SetGCPercent(lowGC.saved)
		}
		lowGC.Unlock()
	}()
	f()
}

// afterFirstScreen waits for the gate to close (nil: no first screenful).
func afterFirstScreen(gate <-chan struct{}) {
	if gate == nil {
		return
	}
	select {
	case <-gate:
	case <-time.After(firstScreenWait):
	}
}

// onText puts a parsed text in place and lets waiting input through.
func (p *pagerModel) onText(msg textMsg) tea.Cmd {
	if p.art == nil || p.art.ID != msg.id || p.art.TextRevision != msg.rev || p.text != nil {
		return nil // another article, or another version of it, since
	}
	p.text = msg.text
	if p.doc != nil && !p.doc.Window && len(p.ops) == 0 {
		return p.replay()
	}
	return nil
}

func (p *pagerModel) open(id int64, at int, find string, keep bool) openCmd {
	lib, ctx := p.Lib, p.ctx
	p.opening = id
	return func() articleMsg {
		a, err := lib.Article(ctx, id)
		var hs []store.Highlight
		if err == nil {
			hs, err = lib.Highlights(ctx, id)
		}
		return articleMsg{id: id, at: at, find: find, keep: keep, art: a, hs: hs, err: err}
	}
}

// onArticle shows an article read by open and starts rendering it.
func (p *pagerModel) onArticle(msg articleMsg) tea.Cmd {
	if msg.id != p.opening {
		return nil // another article was asked for since
	}
	if msg.err != nil {
		text := fmt.Sprintf("Could not open article %d: %v", msg.id, msg.err)
		if p.art != nil && p.art.ID == msg.id {
			p.errLine = text // a reload failed: the article stays
			return nil
		}
		return func() tea.Msg { return errMsg{text} }
	}
	a := msg.art
	again := p.art != nil && p.art.ID == a.ID // a reload of the article on screen
	same := msg.keep && again && p.art.TextRevision == a.TextRevision
	// A reload never drops what the reader is doing: a note being written
	// stays open (see highlightState.open), and keys waiting for a library
	// call still come.
	deferred := p.deferred
	if !again {
		deferred = nil
	}
	p.art, p.text = a, nil
	// A long title takes two lines: the panels fit what is left.
	p.hl.SetSize(p.textWidth(), p.bodyHeight())
	p.mdHash = maphash.String(mdSeed, a.Markdown)
	p.savedOff = -1
	p.reached, p.reachedAt.doc = 0, nil
	p.doc = nil
	p.top = 0
	p.pending, p.pendingRows = a.Position, 0
	p.lost = nil
	p.mode = readNormal
	p.status, p.errLine = msg.say, msg.warn
	p.query, p.matches, p.cur, p.prompt, p.findRest, p.curAt = "", nil, 0, nil, false, -1
	p.dropFind()
	p.picker = nil
	p.headings, p.links = nil, nil
	p.deferred = deferred
	if p.hl.open(msg.hs, msg.at, again, same) {
		p.mode = readEditor
	}
	if msg.at > 0 {
		p.pending = msg.at
	}
	if msg.find != "" {
		p.pending = 0
		p.query, p.findRest = msg.find, true
	}
	cmd := p.requestRender()
	return tea.Batch(cmd, parseText(a, p.firstGate))
}

// SetSize fits the reader to the terminal; a new text width re-renders,
// keeping the same passage at the top.
func (p *pagerModel) SetSize(w, h int) tea.Cmd {
	onScreen := p.cursorShown // at the old size (BeforeResize)
	p.cursorShown = false
	p.Width, p.Height = w, h
	p.help.SetWidth(w)
	if p.prompt != nil {
		p.prompt.SetWidth(w)
	}
	if p.picker != nil {
		p.picker.SetSize(p.textWidth()-4, p.bodyHeight())
	}
	p.hl.SetSize(p.textWidth(), p.bodyHeight())
	if p.art == nil {
		return nil
	}
	if p.key() != p.want {
		p.keepCursor = onScreen
		p.keepPosition()
		cmd := p.requestRender()
		return tea.Batch(cmd, p.takeQueued()) // a rendering cached: its search
	}
	p.clampTop()
	if onScreen {
		p.keepCursorInView() // a lower window: the cursor's row may be cut off
	}
	return nil
}

// BeforeResize notes, before the terminal's new size is set, whether the
// screen shows the cursor's line: SetSize then keeps it shown.
func (p *pagerModel) BeforeResize() {
	p.cursorShown = p.art != nil && p.cursorOnScreen()
}

// cursorOnScreen reports whether the screen shows the cursor's line (not
// so while the top waits past the part of the article rendered so far).
func (p *pagerModel) cursorOnScreen() bool {
	if p.doc == nil || p.hl.cursor < 0 || p.pending >= 0 {
		return false
	}
	line := lineOf(p.doc, p.hl.cursor)
	return line >= p.top && line < p.top+p.hl.visibleLines(p)
}

// keepCursorInView scrolls as little as shows the cursor's line, when
// the screen no longer does: h must mark the passage the cursor was on.
func (p *pagerModel) keepCursorInView() {
	if p.doc == nil || p.hl.cursor < 0 {
		return
	}
	line, vis := lineOf(p.doc, p.hl.cursor), p.hl.visibleLines(p)
	switch {
	case line < p.top:
		p.scrollTo(line)
	case line >= p.top+vis:
		p.scrollTo(line - vis + 1)
	}
}

// SetStyles applies new styles and re-renders in the new glamour style.
func (p *pagerModel) SetStyles() tea.Cmd {
	p.help.Styles = p.Styles.Help
	if p.prompt != nil {
		p.prompt.input.SetStyles(p.Styles.Prompt.Input)
	}
	if p.art == nil || p.key() == p.want {
		return nil
	}
	p.keepCursor = p.cursorOnScreen()
	p.keepPosition()
	cmd := p.requestRender()
	return tea.Batch(cmd, p.takeQueued())
}

// textWidth is the width the article is rendered at: the preferred width,
// or the terminal's when narrower.
func (p *pagerModel) textWidth() int {
	w := p.width
	if p.Width > 0 && p.Width < w {
		w = p.Width
	}
	return max(w, 20)
}

// margin is the left padding that centres the text in a wide terminal.
func (p *pagerModel) margin() int { return max((p.Width-p.textWidth())/2, 0) }

func (p *pagerModel) key() docKey {
	return docKey{id: p.art.ID, hash: p.mdHash, width: p.textWidth(), style: p.Styles.Name, inline: p.inlineLinks}
}

// requestRender shows a cached rendering or starts one in a command: the
// first screenful quickly, then the whole document.
func (p *pagerModel) requestRender() tea.Cmd {
	if p.Height <= 0 {
		// margin open ID: the terminal's size is not known yet, and a
		// first screenful of no lines would leave the screen blank until
		// the whole rendering ends. SetSize asks again.
		p.want = docKey{}
		return nil
	}
	k := p.key()
	p.want = k
	p.firstGate = nil
	if d := p.cache.get(k); d != nil {
		p.setDoc(k, d)
		return nil
	}
	md := p.art.Markdown
	opt := render.Options{Width: k.width, Style: k.style, InlineLinks: k.inline}
	var gate chan struct{}
	full := func() tea.Msg {
		afterFirstScreen(gate)
		var d *render.Doc
		var err error
		lowGCWhile(len(md) >= lowGCFrom, func() { d, err = render.Render(md, opt) })
		return docMsg{key: k, doc: d, err: err}
	}
	// The screenful to show first: the top, or the passage where the
	// reader left off or was reading when the width changed (a window of
	// the article until the whole arrives). An old rendering stays on
	// screen until then.
	if p.lost != nil {
		return full // no passage to preview until the top line is found
	}
	lines, at, text := p.Height, p.pending, p.text
	gate = make(chan struct{})
	p.firstGate = gate
	first := func() tea.Msg {
		defer close(gate)
		var d *render.Doc
		var err error
		if at > 0 {
			o := opt
			if text != nil {
				// A long article's window renders from a slice of it; with
				// the text parsed, its links are numbered from the text's
				// list rather than counted before the slice.
				o.Links = text.Links()
			}
			// Two screens' worth: room to scroll while the whole renders
			// (scrollPreview).
			d, err = render.RenderAt(md, o, at, 2*lines)
		} else {
			d, err = render.RenderFirst(md, opt, lines)
		}
		return docMsg{key: k, doc: d, err: err}
	}
	return tea.Batch(first, full)
}

func (p *pagerModel) onDoc(msg docMsg) tea.Cmd {
	found := p.findLost(msg)
	return tea.Batch(found, p.placeDoc(msg))
}

// placeDoc shows a rendering that arrived, if it is still wanted.
func (p *pagerModel) placeDoc(msg docMsg) tea.Cmd {
	if msg.err != nil {
		if msg.key == p.want {
			p.errLine = "Could not render the article: " + msg.err.Error()
			if p.doc != nil && p.doc.Window {
				p.doc = nil // no whole rendering will replace the preview
				return p.replay()
			}
		}
		return nil
	}
	if msg.doc.Window && p.pending < 0 {
		return nil // the reader is no longer waiting for that passage
	}
	if msg.doc.Complete {
		p.cache.put(msg.key, msg.doc)
	}
	if p.art == nil || msg.key != p.want {
		return nil // an old width or style
	}
	if p.doc != nil && p.docKey == msg.key && p.doc.Complete {
		return nil // the first screenful arrived after the whole
	}
	p.setDoc(msg.key, msg.doc)
	if msg.doc.Complete && len(p.ops) == 0 && p.text != nil {
		return p.replay()
	}
	return nil
}

// replay handles the input that waited for the whole rendering.
func (p *pagerModel) replay() tea.Cmd {
	msgs := p.deferred
	p.deferred = nil
	if ed := p.hl.editor; ed != nil && ed.stayed {
		// The save of esc was refused (changed or deleted elsewhere) and
		// the editor stays: the keys pressed after esc were meant for the
		// reader, and must not end up in the note.
		ed.stayed = false
		msgs = slices.DeleteFunc(msgs, func(m tea.Msg) bool {
			switch m.(type) {
			case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
				return true
			}
			return false
		})
	}
	var cmds []tea.Cmd
	for _, m := range msgs {
		_, cmd := p.update(m)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (p *pagerModel) setDoc(k docKey, d *render.Doc) {
	wasWhole := p.doc != nil && p.doc.Complete
	p.doc, p.docKey = d, k
	if p.pending == 0 {
		// The top of the article: show it at once, even partly rendered,
		// and let the user scroll before the rest arrives.
		p.top, p.pending = 0, -1
	}
	switch {
	case d.Window && p.pending >= 0:
		// A preview of the passage where the reader left off: on screen
		// at once, while input waits for the whole (see deferred), so
		// that every key acts on the whole article.
		p.top = d.LineOf(p.pending)
	case d.Complete && p.pending >= 0 && p.lost == nil:
		p.top = d.LineOf(p.pending) - p.pendingRows
		p.pending, p.pendingRows = -1, 0
	}
	if d.Complete && p.savedOff < 0 && p.pending < 0 {
		// Placed where the reader left off: nothing new to save yet.
		p.savedOff = p.topOffset()
	}
	switch {
	case p.findRest && d.Complete, p.finding && p.findJump:
		p.status = ""
		p.queued = append(p.queued, p.find(p.query))
	case p.query != "":
		// The matches are lines of the old rendering: found again. (A
		// preview's are only some: its index says nothing.)
		if wasWhole && p.cur < len(p.matches) {
			p.curAt = p.matches[p.cur].Start
		}
		p.matches = nil
		p.queued = append(p.queued, p.findIn(d, p.query, false))
	}
	p.hl.onDoc(p)
	p.clampTop()
	if p.keepCursor && (d.Complete || d.Window) {
		// A width or style change: the screen follows the cursor.
		p.keepCursor = !d.Complete
		p.keepCursorInView()
	}
	if d.Complete {
		// G before the whole arrived clamps only now: the cursor follows.
		p.hl.follow(p)
	}
}

// keepPosition remembers the passage at the top so the next rendering
// opens at it.
func (p *pagerModel) keepPosition() {
	if p.doc == nil || p.pending >= 0 {
		return
	}
	if _, _, ok := p.doc.Next(p.top, 0); !ok && !p.doc.Complete && !p.doc.Window {
		// Scrolled past what is rendered so far: only the whole rendering
		// at this width, already under way, knows the passage.
		p.lost = &lostTop{key: p.docKey, line: p.top}
		p.pending, p.pendingRows = p.doc.End(), 0
		return
	}
	p.pending, p.pendingRows = p.topOffset(), 0
}

// lostTop is a top line in a rendering still coming (see pagerModel.lost).
type lostTop struct {
	key  docKey
	line int
}

// findLost turns the lost top line into its passage with the whole
// rendering it was a line of (or, if that failed, the end of the part
// rendered before), and places it if the rendering it waited for is in.
func (p *pagerModel) findLost(msg docMsg) tea.Cmd {
	if p.lost == nil || msg.key != p.lost.key || msg.err == nil && !msg.doc.Complete {
		return nil
	}
	if msg.err == nil {
		d := msg.doc
		line := min(p.lost.line, max(len(d.Lines)-p.bodyHeight(), 0))
		p.pending, p.pendingRows = len(p.art.Markdown), 0
		if l, c, ok := d.Next(line, 0); ok {
			p.pending = max(d.Offset(l, c), 0)
		}
	}
	p.lost = nil
	if p.doc != nil && p.doc.Complete && p.docKey == p.want && msg.key != p.want {
		p.setDoc(p.docKey, p.doc)
		if len(p.ops) == 0 && p.text != nil {
			return p.replay()
		}
	}
	return nil
}

// topOffset is the source offset of the first text on screen.
func (p *pagerModel) topOffset() int {
	if p.doc == nil || p.pending >= 0 {
		return max(p.pending, 0)
	}
	if l, c, ok := p.doc.Next(p.top, 0); ok {
		if off := p.doc.Offset(l, c); off >= 0 {
			return off
		}
	}
	return len(p.art.Markdown)
}

// progress is the fraction of the article above the bottom of the screen.
func (p *pagerModel) progress() float64 {
	if p.doc == nil || len(p.doc.Lines) == 0 {
		return 0
	}
	// The lines on screen: notes drawn under passages take rows too.
	return min(float64(p.top+p.hl.visibleLines(p))/float64(len(p.doc.Lines)), 1)
}

// positionMsg is what saving the reading position came to.
type positionMsg struct {
	id       int64
	off      int
	progress float64
	err      error
}

// savePosition stores the reading position in a command; nil when there is
// nothing new to store.
func (p *pagerModel) savePosition() tea.Cmd {
	if p.art == nil || p.doc == nil || !p.doc.Complete || p.pending >= 0 {
		return nil
	}
	off, prog := p.topOffset(), p.readProgress()
	if off == p.art.Position && prog == p.art.Progress {
		p.savedOff = off
		return nil
	}
	lib, ctx, id, rev := p.Lib, p.ctx, p.art.ID, p.art.TextRevision
	p.savedOff = off // a tick meanwhile need not save it again
	return func() tea.Msg {
		c, cancel := context.WithTimeout(ctx, autosaveTimeout)
		defer cancel()
		return positionMsg{id: id, off: off, progress: prog, err: lib.SetPosition(c, id, rev, off, prog)}
	}
}

func (p *pagerModel) onPosition(msg positionMsg) {
	if p.art == nil || p.art.ID != msg.id {
		return
	}
	if msg.err != nil {
		p.savedOff = -2 // unsaved: the next tick tries again
		if !errors.Is(msg.err, store.ErrBusy) && !errors.Is(msg.err, context.DeadlineExceeded) {
			p.errLine = "Could not save the reading position: " + msg.err.Error()
		}
		return
	}
	p.art.Position, p.art.Progress = msg.off, msg.progress
	if msg.progress >= store.DoneProgress {
		p.art.Reading = store.Done
	}
}

// saveNow stores the reading position at once, once the program has ended.
func (p *pagerModel) saveNow(ctx context.Context) error {
	if p.art == nil || p.doc == nil || !p.doc.Complete || p.pending >= 0 {
		return nil
	}
	off, prog := p.topOffset(), p.readProgress()
	if off == p.art.Position && prog == p.art.Progress {
		return nil
	}
	if err := p.Lib.SetPosition(ctx, p.art.ID, p.art.TextRevision, off, prog); err != nil {
		return fmt.Errorf("could not save the reading position: %w", err)
	}
	p.art.Position, p.art.Progress = off, prog
	if prog >= store.DoneProgress {
		p.art.Reading = store.Done
	}
	return nil
}

// unsaved is true when the top offset moved since the position was last
// saved, or the note being written differs from the stored one.
func (p *pagerModel) unsaved() bool {
	if p.art == nil {
		return false
	}
	if p.mode == readEditor && (p.hl.draftChanged() || p.hl.draftToKeep()) {
		return true
	}
	if p.doc == nil || !p.doc.Complete || p.pending >= 0 || p.savedOff == -1 {
		return false
	}
	return p.topOffset() != p.savedOff || p.reached >= store.DoneProgress && p.art.Reading != store.Done
}

// scheduleSave starts the autosave tick when something is unsaved and no
// tick is on its way.
func (p *pagerModel) scheduleSave() tea.Cmd {
	if p.ticking || !p.unsaved() {
		return nil
	}
	p.ticking = true
	return p.tick(autosaveEvery, func(time.Time) tea.Msg { return autosaveMsg{} })
}

// autosave saves the position and the note being written, each in a
// command.
func (p *pagerModel) autosave() tea.Cmd {
	p.ticking = false
	if p.art == nil {
		return nil
	}
	var cmds []tea.Cmd
	if p.mode == readEditor {
		cmds = append(cmds, p.withHL(p.hl.saveDraft(p)))
	}
	if p.doc != nil && p.savedOff != -1 && p.topOffset() != p.savedOff {
		cmds = append(cmds, p.savePosition())
	}
	return tea.Batch(cmds...)
}

// Layout: a three-line header, the body, a status line and the help.
// headerHeight is the title's lines (one or two), the meta line and the
// rule.
func (p *pagerModel) headerHeight() int { return len(p.titleLines()) + 2 }

// maxTitleLines is how many lines a long title wraps to before it is cut.
const maxTitleLines = 2

// titleLines is the article's title wrapped to the text's width, two
// lines at most: one line cut it short with room to spare.
func (p *pagerModel) titleLines() []string {
	if p.art == nil {
		return []string{""}
	}
	title := sanitize.Line(p.art.Title)
	if title == "" {
		title = sanitize.Line(p.art.SourceURL)
	}
	w := max(p.textWidth()-4, 10)
	if ansi.StringWidth(title) <= w {
		return []string{title}
	}
	ls := wrapPlain(title, w)
	if len(ls) > maxTitleLines {
		// The rest runs on in the last line, cut with an ellipsis.
		ls = append(ls[:maxTitleLines-1], truncate(strings.Join(ls[maxTitleLines-1:], " "), w))
	}
	return ls
}

func (p *pagerModel) footerHeight() int { return 2 }

func (p *pagerModel) bodyHeight() int {
	return max(p.Height-p.headerHeight()-p.footerHeight(), 1)
}

// incompleteTop is how far one may scroll into a partly rendered article:
// the rest is coming, and the full rendering clamps the position.
const incompleteTop = 1 << 30

func (p *pagerModel) maxTop() int {
	if p.doc == nil {
		return 0
	}
	if !p.doc.Complete {
		return incompleteTop
	}
	return p.hl.lastTop(p, p.bodyHeight())
}

func (p *pagerModel) clampTop() { p.top = clamp(p.top, 0, p.maxTop()) }

func (p *pagerModel) scrollBy(n int) {
	p.top += n
	p.clampTop()
	p.hl.follow(p)
}

// ShortHelp is the help line for the current mode.
func (p *pagerModel) ShortHelp() []key.Binding {
	if p.help.ShowAll && p.mode == readNormal {
		return closeHelpKeys()
	}
	switch p.mode {
	case readSearch:
		return p.Keys.Prompt.ShortHelp()
	case readPicker:
		return p.picker.keys.ShortHelp()
	case readEditor:
		return p.hl.ShortHelp()
	}
	return p.currentKeys().ShortHelp()
}

// FullHelp is the reader's full help.
func (p *pagerModel) FullHelp() [][]key.Binding {
	switch p.mode {
	case readPicker:
		return p.picker.keys.FullHelp()
	case readNormal:
		return p.currentKeys().FullHelp()
	}
	return [][]key.Binding{p.ShortHelp()}
}

// currentKeys switches on the bindings that make sense now: n/N show
// while a search has matches (each key does one thing either way).
func (p *pagerModel) currentKeys() ReaderKeys {
	k := p.keys
	searching := len(p.matches) > 0
	k.NextMatch.SetEnabled(searching)
	k.PrevMatch.SetEnabled(searching)
	k.Export.SetEnabled(p.Opt.Export != nil)
	k.Refresh.SetEnabled(p.Opt.Refresh != nil)
	return k
}

// Update handles a message for the reader, then starts the autosave tick
// if the message moved the text or changed a note.
func (p *pagerModel) Update(msg tea.Msg) (*pagerModel, tea.Cmd) {
	if _, ok := msg.(autosaveMsg); ok {
		cmd := p.autosave()
		return p, tea.Batch(cmd, p.scheduleSave())
	}
	p, cmd := p.update(msg)
	if p.art != nil && p.doc != nil && p.doc.Complete && !p.doc.Window && p.pending < 0 {
		at := p.reachedAt
		at.doc, at.top, at.h, at.w, at.notes = p.doc, p.top, p.Height, p.Width, len(p.hl.noteLines)
		if at != p.reachedAt {
			p.reachedAt = at
			p.reached = max(p.reached, p.progress())
		}
	}
	return p, tea.Batch(cmd, p.takeQueued(), p.scheduleSave())
}

// readProgress is the fraction read to store: where the screen is, or the
// end once the screen has shown it and the article is not yet done.
func (p *pagerModel) readProgress() float64 {
	prog := p.progress()
	if p.reached >= store.DoneProgress && p.art.Reading != store.Done {
		prog = max(prog, p.reached)
	}
	return prog
}

// takeQueued hands over the commands queued by handlers that return none.
func (p *pagerModel) takeQueued() tea.Cmd {
	queued := p.queued
	p.queued = nil
	return tea.Batch(queued...)
}

func (p *pagerModel) update(msg tea.Msg) (*pagerModel, tea.Cmd) {
	if p.doc != nil && p.doc.Window && p.scrollPreview(msg) {
		return p, nil
	}
	if p.doc != nil && p.doc.Window || p.lost != nil || p.waits(msg) {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
			p.deferred = append(p.deferred, msg)
			return p, nil
		}
	}
	switch msg := msg.(type) {
	case articleMsg:
		return p, p.onArticle(msg)
	case textMsg:
		return p, p.onText(msg)
	case pickedMsg:
		return p, p.onPicked(msg)
	case opMsg:
		return p, p.onOp(msg)
	case retryMsg:
		return p, p.onRetry(msg)
	case positionMsg:
		p.onPosition(msg)
	case copyMsg:
		p.onCopy(msg)
	case foundMsg:
		return p, p.onFound(msg)
	case hlWatchMsg:
		p.onHighlightsWatched(msg)
	case docMsg:
		return p, p.onDoc(msg)
	case statusMsg:
		p.status, p.errLine = msg.text, ""
	case errMsg:
		p.errLine = msg.text
	case refreshMsg:
		if p.art == nil || msg.id != p.art.ID {
			return p, nil
		}
		if msg.err != nil {
			p.errLine = "Refresh failed: " + msg.err.Error()
			return p, nil
		}
		return p, p.reload(msg.summary, "")
	case exportMsg:
		if msg.err != nil {
			p.errLine = "Export failed: " + msg.err.Error()
		} else {
			p.statusPath = sanitize.Line(msg.path)
			if home, err := os.UserHomeDir(); err == nil && home != "/" && strings.HasPrefix(p.statusPath, home+"/") {
				p.statusPath = "~" + strings.TrimPrefix(p.statusPath, home)
			}
			p.status = "Notes exported to " + p.statusPath
		}
	case tea.MouseWheelMsg:
		return p, p.onWheel(msg)
	case tea.MouseClickMsg, tea.MouseMotionMsg, tea.MouseReleaseMsg:
		if p.mode == readNormal {
			p.hl.onMouse(p, msg.(tea.MouseMsg))
		}
	case tea.KeyPressMsg:
		return p, p.onKey(msg)
	case tea.PasteMsg:
		switch p.mode {
		case readSearch:
			return p, p.prompt.Update(msg)
		case readEditor:
			return p, p.withHL(p.hl.updateEditor(msg))
		}
	default:
		if p.mode == readEditor {
			return p, p.hl.updateEditor(msg)
		}
	}
	return p, nil
}

func (p *pagerModel) onWheel(msg tea.MouseWheelMsg) tea.Cmd {
	down := msg.Button == tea.MouseWheelDown
	if msg.Button != tea.MouseWheelDown && msg.Button != tea.MouseWheelUp {
		return nil
	}
	if p.mode == readPicker {
		p.picker.HandleWheel(down)
		return nil
	}
	if down {
		p.scrollBy(3)
	} else {
		p.scrollBy(-3)
	}
	return nil
}

func (p *pagerModel) onKey(msg tea.KeyPressMsg) tea.Cmd {
	switch p.mode {
	case readSearch:
		return p.onSearchKey(msg)
	case readPicker:
		return p.onPickerKey(msg)
	case readEditor:
		return p.withHL(p.hl.onEditorKey(p, msg))
	}
	p.status, p.errLine = "", ""
	k := p.currentKeys()
	if p.help.ShowAll {
		// The full help covers the article: it scrolls when it does not
		// fit; ?, esc and q close it, any other key closes it and acts.
		if p.helpPane.scroll(msg) {
			return nil
		}
		p.help.ShowAll = false
		if key.Matches(msg, k.Help, k.Back) {
			return nil
		}
	}
	if p.onScrollKey(msg, k) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Wider):
		return p.setWidth(p.width + widthStep)
	case key.Matches(msg, k.Narrower):
		return p.setWidth(p.width - widthStep)
	case key.Matches(msg, k.Search):
		p.mode = readSearch
		p.prompt = newPrompt(p.Common, "/", "search in this article")
		p.prompt.Select(p.lastFind)
	case key.Matches(msg, k.NextMatch):
		p.jumpMatch(1)
	case key.Matches(msg, k.PrevMatch):
		p.jumpMatch(-1)
	case key.Matches(msg, p.keys.NextMatch, p.keys.PrevMatch):
		// No matches to go to (currentKeys switched n and N off): say
		// why, rather than nothing.
		switch {
		case p.query != "" && (p.findRest || p.finding):
			p.status = "Still searching for “" + sanitize.Line(p.query) + "”…"
		case p.lastFind != "":
			p.status = "No match for “" + sanitize.Line(p.lastFind) + "”: / searches again."
		default:
			p.status = "No search in this article: / searches."
		}
	case key.Matches(msg, k.Outline):
		p.openOutline()
	case key.Matches(msg, k.Links):
		p.openLinks()
	case key.Matches(msg, k.Export):
		return p.export()
	case key.Matches(msg, k.Refresh):
		return p.refresh()
	case key.Matches(msg, k.Original):
		if u := originalURL(p.art); u != "" {
			return p.openLink(u)
		}
		p.errLine = "This article was not read from a web address."
	case key.Matches(msg, k.Help):
		p.help.ShowAll, p.helpPane.top = true, 0
	case key.Matches(msg, k.Back):
		return p.back(msg)
	default:
		// The cursor, selection, highlight and copy keys.
		return p.withHL(p.hl.onKey(p, msg, k))
	}
	return nil
}

// scrollPreview moves a preview (a Window doc, shown while the whole
// article renders: two seconds at 200,000 words) for a scrolling key whose
// move stays inside it. Its lines are the whole rendering's lines for
// those blocks, so the move is the one the whole will show, and the
// passage the whole opens at follows it. A move past the preview's edge,
// and any key behind one that waits, waits for the whole.
func (p *pagerModel) scrollPreview(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || p.mode != readNormal || len(p.deferred) > 0 || p.lost != nil || p.pending < 0 {
		return false
	}
	h, r := p.bodyHeight(), p.keys
	var n int
	switch {
	case key.Matches(k, r.Down):
		n = 1
	case key.Matches(k, r.Up):
		n = -1
	case key.Matches(k, r.PageDown):
		n = max(h-2, 1)
	case key.Matches(k, r.PageUp):
		n = -max(h-2, 1)
	case key.Matches(k, r.HalfDown):
		n = max(h/2, 1)
	case key.Matches(k, r.HalfUp):
		n = -max(h/2, 1)
	default:
		return false
	}
	top := p.top + n
	if top < 0 || top > p.maxTop() {
		return false
	}
	l, c, ok := p.doc.Next(top, 0)
	if !ok {
		return false
	}
	off := p.doc.Offset(l, c)
	if off < 0 {
		return false
	}
	p.top, p.pending, p.pendingRows = top, off, l-top
	p.hl.follow(p)
	return true
}

// onScrollKey moves the article on screen; false when msg is not one of
// the scrolling keys.
func (p *pagerModel) onScrollKey(msg tea.KeyPressMsg, k ReaderKeys) bool {
	h := p.bodyHeight()
	switch {
	case key.Matches(msg, k.Down):
		p.scrollBy(1)
	case key.Matches(msg, k.Up):
		p.scrollBy(-1)
	case key.Matches(msg, k.PageDown):
		p.scrollBy(max(h-2, 1))
	case key.Matches(msg, k.PageUp):
		p.scrollBy(-max(h-2, 1))
	case key.Matches(msg, k.HalfDown):
		p.scrollBy(max(h/2, 1))
	case key.Matches(msg, k.HalfUp):
		p.scrollBy(-max(h/2, 1))
	case key.Matches(msg, k.Top):
		p.scrollBy(-p.top)
		p.hl.toEnd(p, false)
	case key.Matches(msg, k.Bottom):
		p.scrollBy(p.maxTop() - p.top)
		p.hl.toEnd(p, true)
	default:
		return false
	}
	return true
}

// back is esc or q: esc first drops the selection, then the search; then
// either goes back to the library.
func (p *pagerModel) back(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "esc" {
		if p.hl.cancelSelection() {
			return nil
		}
		if p.query != "" {
			p.query, p.matches, p.findRest = "", nil, false
			p.dropFind()
			return nil
		}
	}
	// In order: the library comes back showing the position just saved.
	return tea.Sequence(p.savePosition(), func() tea.Msg { return closeMsg{} })
}

func (p *pagerModel) setWidth(w int) tea.Cmd {
	asked := w
	w = settings.ClampWidth(w)
	if w == p.width {
		switch {
		case asked < w:
			p.status = fmt.Sprintf("Width %d is the narrowest", w)
		case asked > w:
			p.status = fmt.Sprintf("Width %d is the widest", w)
		}
		return nil
	}
	p.width = w
	lib, ctx := p.Lib, p.ctx
	remember := func() tea.Msg {
		if err := lib.SetSetting(ctx, string(settings.Width), strconv.Itoa(w)); err != nil {
			return errMsg{"Could not remember the width: " + err.Error()}
		}
		return nil
	}
	p.status = fmt.Sprintf("Width %d", w)
	if p.Width > 0 && p.Width < w {
		p.status += fmt.Sprintf(" (the terminal shows %d)", p.Width)
	}
	if p.art == nil || p.key() == p.want {
		return remember
	}
	p.keepPosition()
	return tea.Batch(remember, p.requestRender())
}

func (p *pagerModel) onSearchKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.Keys.Prompt.Cancel):
		p.mode, p.prompt = readNormal, nil
		return nil
	case key.Matches(msg, p.Keys.Prompt.Submit):
		q := strings.TrimSpace(p.prompt.Value())
		p.mode, p.prompt = readNormal, nil
		return p.find(q)
	}
	return p.prompt.Update(msg)
}

// find searches the article, in a command, and jumps to the first match
// on or after the top of the screen when the answer comes (onFound).
func (p *pagerModel) find(q string) tea.Cmd {
	p.query, p.matches, p.cur, p.findRest, p.curAt = q, nil, 0, false, -1
	p.dropFind()
	if q == "" {
		return nil
	}
	p.lastFind = q
	if p.doc == nil {
		p.findRest = true
		p.status = "Searching the rest of the article…"
		return nil
	}
	p.status = "Searching…"
	return p.findIn(p.doc, q, true)
}

// foundMsg is the answer of an article search (findIn).
type foundMsg struct {
	seq     int
	doc     *render.Doc
	query   string
	matches []render.Match
}

// findIn searches the rendering d in a command: a 200,000-word article
// takes a few hundred milliseconds, too long to hold the screen. A
// rendering is not changed once made, so the command may read it.
func (p *pagerModel) findIn(d *render.Doc, q string, jump bool) tea.Cmd {
	p.findSeq++
	p.finding, p.findJump = true, jump
	seq := p.findSeq
	return func() tea.Msg { return foundMsg{seq: seq, doc: d, query: q, matches: d.Find(q)} }
}

// dropFind forgets the search under way: its answer will be ignored.
func (p *pagerModel) dropFind() {
	p.findSeq++
	p.finding, p.findJump = false, false
}

// onFound applies a search's answer, then handles the input that waited
// for it.
func (p *pagerModel) onFound(msg foundMsg) tea.Cmd {
	if msg.seq != p.findSeq || !p.finding {
		return nil // a newer search, or none wanted now
	}
	jump := p.findJump
	p.finding, p.findJump = false, false
	if msg.doc == p.doc && msg.query == p.query {
		p.applyFound(msg, jump)
	}
	if len(p.ops) == 0 && p.text != nil && p.lost == nil && (p.doc == nil || !p.doc.Window) {
		return p.replay()
	}
	return nil
}

func (p *pagerModel) applyFound(msg foundMsg, jump bool) {
	if p.status == "Searching…" {
		p.status = ""
	}
	p.matches = msg.matches
	if !jump {
		p.cur = clamp(p.cur, 0, len(p.matches)-1)
		for i, m := range p.matches {
			if p.curAt >= 0 && m.Start >= p.curAt {
				p.cur = i
				break
			}
		}
		return
	}
	q := msg.query
	if len(p.matches) == 0 && !msg.doc.Complete {
		p.findRest = true
		p.status = "Searching the rest of the article…"
		return
	}
	if len(p.matches) == 0 {
		p.errLine = "No match for “" + sanitize.Line(q) + "”."
		p.query = ""
		return
	}
	p.cur = 0
	for i, m := range p.matches {
		if m.Line >= p.top {
			p.cur = i
			break
		}
	}
	p.showMatch()
}

func (p *pagerModel) jumpMatch(d int) {
	if len(p.matches) == 0 {
		return
	}
	p.cur = (p.cur + d + len(p.matches)) % len(p.matches)
	p.showMatch()
}

// showMatch scrolls the current match into view, a third down the screen.
func (p *pagerModel) showMatch() {
	m := p.matches[p.cur]
	if m.Line < p.top || m.Line >= p.top+p.bodyHeight() {
		p.top = m.Line - p.bodyHeight()/3
		p.clampTop()
	}
	if m.Start >= 0 {
		p.hl.moveTo(p, m.Start)
	}
}

// refresh fetches the article again in a command; the reader reloads it
// when the result comes (refreshMsg).
func (p *pagerModel) refresh() tea.Cmd {
	if p.Opt.Refresh == nil || p.art == nil {
		return nil
	}
	save := p.savePosition()
	f, ctx, id := p.Opt.Refresh, p.ctx, p.art.ID
	p.status = "Fetching the article again…"
	return tea.Sequence(save, func() tea.Msg {
		summary, err := f(ctx, id)
		return refreshMsg{id: id, summary: summary, err: err}
	})
}

// reload reads the article again after it changed (a refresh here or in
// another margin): the new text and highlights, at the passage on screen,
// or where the refresh carried the reading position if the text changed
// (the article's saved position, which open uses when at is 0).
func (p *pagerModel) reload(say, warn string) tea.Cmd {
	if p.art == nil {
		return nil
	}
	return p.open(p.art.ID, max(p.topOffset(), 1), "", true).tell(say, warn)
}

// reloadAt reloads the article with the cursor at a source offset.
func (p *pagerModel) reloadAt(off int, say, warn string) tea.Cmd {
	if p.art == nil {
		return nil
	}
	return p.open(p.art.ID, max(off, 1), "", false).tell(say, warn)
}

// openCmd reads an article for the reader (see open).
type openCmd func() articleMsg

// tell makes the reader show a status and an error once the article is in
// (why it was read again).
func (c openCmd) tell(say, warn string) tea.Cmd {
	return func() tea.Msg {
		m := c()
		m.say, m.warn = say, cmp.Or(warn, m.warn)
		return m
	}
}

func (p *pagerModel) export() tea.Cmd {
	if p.Opt.Export == nil || p.art == nil {
		return nil
	}
	exp, ctx, id := p.Opt.Export, p.ctx, p.art.ID
	p.status = "Exporting…"
	return func() tea.Msg {
		path, err := exp(ctx, id)
		return exportMsg{path: path, err: err}
	}
}

// View draws the reader.
func (p *pagerModel) View() string {
	if p.art == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(p.viewHeader())
	b.WriteByte('\n')
	b.WriteString(p.viewBody())
	b.WriteByte('\n')
	status := p.viewStatus()
	b.WriteString(strings.Join(status, "\n"))
	if len(status) == 2 {
		return b.String() // a long message took the help bar's line too, until a key
	}
	b.WriteByte('\n')
	b.WriteString(shortHelpView(p.help, p.ShortHelp()))
	return b.String()
}

func (p *pagerModel) viewHeader() string {
	st := p.Styles.Reader
	w := p.textWidth()
	pad := strings.Repeat(" ", p.margin()+2)
	a := p.art
	var meta []string
	if s := sanitize.Line(a.Byline); s != "" {
		meta = append(meta, s)
	}
	if s := sanitize.Line(a.Site()); s != "" {
		meta = append(meta, s)
	}
	if !a.Published.IsZero() {
		meta = append(meta, a.Published.In(p.Loc).Format("Jan 2, 2006"))
	}
	if a.ReadingMinutes > 0 {
		meta = append(meta, fmt.Sprintf("%d min read", a.ReadingMinutes))
	}
	var lines []string
	for _, l := range p.titleLines() {
		lines = append(lines, pad+st.Title.Render(l))
	}
	lines = append(lines,
		pad+st.Meta.Render(truncate(strings.Join(meta, " · "), w-4)),
		strings.Repeat(" ", p.margin())+st.Rule.Render(strings.Repeat("─", w)))
	return strings.Join(lines, "\n")
}

func (p *pagerModel) viewBody() string {
	h := p.bodyHeight()
	pad := strings.Repeat(" ", p.margin())
	var lines []string
	switch {
	case p.help.ShowAll && p.mode == readNormal:
		lines = []string{""}
		for _, l := range p.helpPane.view(p.Common, p.help, p, p.Width-p.margin()-2, h-1) {
			lines = append(lines, pad+"  "+l)
		}
	case p.mode == readPicker:
		for _, l := range strings.Split(p.picker.View(), "\n") {
			lines = append(lines, pad+"  "+l)
		}
	case p.mode == readEditor:
		lines = p.hl.viewEditor(p, h)
	case p.art != nil && strings.TrimSpace(p.art.Markdown) == "":
		// An imported link kept without its text, or an empty page.
		why := "This article has no text."
		if !p.art.Fetched() {
			why = "Not fetched: " + sanitize.Line(p.art.FetchError) + "."
		}
		lines = []string{"", pad + "  " + p.Styles.Reader.Placeholder.Render(truncate(why, p.textWidth()-4)),
			pad + "  " + p.Styles.Reader.Placeholder.Render(truncate("r fetches it again; W opens the original in your browser.", p.textWidth()-4))}
	case p.doc == nil || p.lost != nil || p.pending > 0 && !p.doc.Complete && !p.doc.Window:
		lines = []string{"", pad + "  " + p.Styles.Reader.Placeholder.Render("Rendering…")}
	case p.top >= len(p.doc.Lines):
		// Scrolled past the part rendered so far.
		lines = []string{"", pad + "  " + p.Styles.Reader.Placeholder.Render("Rendering…")}
	default:
		lines = p.hl.paint(p, h)
		for i, l := range lines {
			lines[i] = pad + truncate(l, p.Width-p.margin())
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines[:h], "\n")
}

// viewStatus is the status line: the progress bar and the reader's
// state, or a message; a message the line cannot hold beside the bar is
// one line or two (messageLines), the second in the help bar's place.
func (p *pagerModel) viewStatus() []string {
	st := p.Styles
	var left string
	if p.doc != nil {
		const barW = 12
		prog := p.progress()
		switch {
		case p.doc.Window:
			prog = p.art.Progress // where the reader left off
		case !p.doc.Complete:
			prog = 0
		}
		fill := int(prog*barW + 0.5)
		left = " " + st.Reader.Bar.Render(strings.Repeat("━", fill)) +
			st.Reader.BarEmpty.Render(strings.Repeat("━", barW-fill)) +
			st.Reader.Status.Render(fmt.Sprintf(" %3d%%", int(prog*100+0.5)))
	}
	var right string
	switch {
	case p.mode == readSearch:
		return []string{p.prompt.View()}
	case p.errLine != "":
		right = st.App.Error.Render(sanitize.Line(p.errLine))
	case p.status != "":
		right = st.App.Status.Render(p.status)
	case len(p.matches) > 0 && p.doc != nil && p.doc.Window:
		// A preview's matches are only some of the article's: no count.
		right = st.Reader.Status.Render("“" + sanitize.Line(p.query) + "”")
	case len(p.matches) > 0:
		right = st.Reader.Status.Render(fmt.Sprintf("“%s” %d/%d", sanitize.Line(p.query), p.cur+1, len(p.matches)))
	default:
		right = p.hl.statusLine(p)
	}
	if (p.errLine != "" || p.status != "") && ansi.StringWidth(left+"  "+right) > p.Width {
		// A message that does not fit says more than the bar; a path at
		// its end keeps its file's name.
		if p.errLine == "" && p.statusPath != "" && strings.HasSuffix(p.status, p.statusPath) {
			say := strings.TrimSuffix(p.status, p.statusPath)
			return []string{truncate(" "+st.App.Status.Render(say+fitPath(p.statusPath, p.Width-1-ansi.StringWidth(say))), p.Width)}
		}
		if p.errLine != "" {
			return messageLines(sanitize.Line(p.errLine), p.Width, st.App.Error.Render)
		}
		return messageLines(sanitize.Line(p.status), p.Width, st.App.Status.Render)
	}
	if ansi.StringWidth(left+"  "+right) > p.Width && ansi.StringWidth(right) < p.Width {
		// What does not fit beside the bar (a selection's keys, a
		// highlight's label and note, a long query) says more than the
		// bar, which comes back when it fits again: at 60 columns
		// "selecting: h highlight · a note · esc c…" was cut.
		return []string{" " + right}
	}
	return []string{truncate(left+"  "+right, p.Width)}
}

// applyHL applies, in one place, what the highlights asked of the reader
// during the last call into them: the status and error lines, the mode, a
// list to open; and returns the command for a reload or a copy asked for.
func (p *pagerModel) applyHL() tea.Cmd {
	if p.hl.editor != nil {
		p.hl.editor.fit() // a conflict's notice may have come or gone
	}
	fx := p.hl.take()
	if fx.setStatus {
		p.status = fx.status
	}
	if fx.setErr {
		p.errLine = fx.errLine
	}
	if fx.setMode {
		p.mode = fx.mode
	}
	if fx.picker != nil {
		p.showPicker(fx.picker, fx.pickKind)
		if fx.pickAt >= 0 {
			p.picker.cursor = clamp(fx.pickAt, 0, len(p.picker.items)-1)
			p.picker.scroll()
		}
	}
	var cmds []tea.Cmd
	if r := fx.reloadReq; r != nil && r.here {
		cmds = append(cmds, p.reload(r.say, r.warn))
	} else if r != nil {
		cmds = append(cmds, p.reloadAt(r.at, r.say, r.warn))
	}
	if c := fx.copyReq; c != nil {
		cmds = append(cmds, p.copyText(c.what, c.text))
	}
	cmds = append(cmds, fx.cmds...)
	return tea.Batch(cmds...)
}

// withHL applies the highlights' effects after a call into them, with
// its command.
func (p *pagerModel) withHL(cmd tea.Cmd) tea.Cmd {
	return tea.Batch(cmd, p.applyHL())
}

// panelCursor is the cursor of the highlights panel, when it is open.
func (p *pagerModel) panelCursor() (int, bool) {
	if p.mode != readPicker || p.pickKind != pickPanel || p.picker == nil {
		return 0, false
	}
	return p.picker.cursor, true
}

// The reader as the highlights see it (readerView).

func (p *pagerModel) shared() *Common                   { return p.Common }
func (p *pagerModel) article() *store.Article           { return p.art }
func (p *pagerModel) parsed() *render.Text              { return p.text }
func (p *pagerModel) document() *render.Doc             { return p.doc }
func (p *pagerModel) searchHits() ([]render.Match, int) { return p.matches, p.cur }

func (p *pagerModel) viewport() viewport {
	return viewport{top: p.top, pending: p.pending, height: p.bodyHeight(), width: p.textWidth(), margin: p.margin(), header: p.headerHeight()}
}

// scrollTo puts a display line at the top, within bounds.
func (p *pagerModel) scrollTo(line int) {
	p.top = line
	p.clampTop()
}

// run is do for the highlights: then sees the reader as a readerView.
func (p *pagerModel) run(what string, fn func(context.Context, Library) (any, error), then func(v readerView, val any, err error) tea.Cmd) tea.Cmd {
	return p.do(what, fn, func(p *pagerModel, val any, err error) tea.Cmd { return then(p, val, err) })
}

// hlWatchMsg is the open article's highlights read again (watchHighlights).
type hlWatchMsg struct {
	id  int64
	hs  []store.Highlight
	err error
}

// watchHighlights reads the open article's highlights again, as the
// library checks its list every watchEvery: another margin on the same
// library may have highlighted, noted or deleted meanwhile. Not while a
// note, a picker or a prompt is open.
func (p *pagerModel) watchHighlights() tea.Cmd {
	if p.art == nil || p.mode != readNormal || p.Lib == nil {
		return nil
	}
	lib, ctx, id := p.Lib, p.ctx, p.art.ID
	return func() tea.Msg {
		hs, err := lib.Highlights(ctx, id)
		return hlWatchMsg{id: id, hs: hs, err: err}
	}
}

// onHighlightsWatched shows the highlights another margin changed. Those
// of a text refreshed elsewhere wait: their offsets are the new text's,
// and the reader's next write reloads it.
func (p *pagerModel) onHighlightsWatched(msg hlWatchMsg) {
	if msg.err != nil || p.art == nil || msg.id != p.art.ID || p.mode != readNormal || p.hl.editor != nil {
		return
	}
	for _, h := range msg.hs {
		if h.TextRevision != 0 && h.TextRevision != p.art.TextRevision {
			return
		}
	}
	if sameHighlights(p.hl.list, msg.hs) {
		return
	}
	p.hl.setList(p, msg.hs)
	p.status = "The highlights changed in another margin: shown now."
}

// sameHighlights reports whether a and b hold the same highlights, as a
// reader shows them (place, label, note, link, revision).
func sameHighlights(a, b []store.Highlight) bool {
	if len(a) != len(b) {
		return false
	}
	type shown struct {
		start, end    int
		label, note   string
		supports, rev int64
		orphan        bool
	}
	seen := make(map[int64]shown, len(a))
	for _, h := range a {
		seen[h.ID] = shown{h.Start, h.End, h.Label, h.Note, h.Supports, h.Revision, h.Orphan}
	}
	for _, h := range b {
		if s, ok := seen[h.ID]; !ok || s != (shown{h.Start, h.End, h.Label, h.Note, h.Supports, h.Revision, h.Orphan}) {
			return false
		}
	}
	return true
}
