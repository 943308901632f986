// Package ui is margin's terminal interface: the library list and the
// reader, built on bubbletea v2. It is the only package that knows about
// the terminal.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"

	"margin/internal/settings"
	"margin/sanitize"
)

// Added is what an add saved: the article (or the first of a folder's)
// and whether it was in the library already; for a folder, how many of
// its files were saved, found saved already and could not be read (all 0
// for one source), with the first failure's reason.
type Added struct {
	ID                   int64
	Title                string // the article saved (one source)
	Words                int
	LeftOut              string // what cleaning left out of a pasted text, when it was most of it
	Existed              bool
	Archived             bool // of one Existed: in the archive, which the list hides
	Saved, Found, Failed int
	From                 string // what they came from: "the folder", "the links"
	Why                  string
}

// Options configure the UI.
type Options struct {
	Library   Library                                                                // *store.Store in production
	Add       func(ctx context.Context, input string) (Added, error)                 // fetch, extract and save a URL, a path or a folder's files
	AddSample func(ctx context.Context) (Added, error)                               // adds the bundled sample article
	Style     string                                                                 // "dark", "light"; "" follows the settings, else the terminal's background; "auto" the background
	Width     int                                                                    // reader text width; 0 = remembered setting or 80
	OpenID    int64                                                                  // open this article at start (0 = library)
	Export    func(ctx context.Context, articleID int64) (path string, err error)    // exports an article's notes; may be nil
	OpenURL   func(url string) error                                                 // opens a link with the system's browser
	Refresh   func(ctx context.Context, articleID int64) (summary string, err error) // fetches an article again; may be nil
	Copy      func(text string) error                                                // puts text on the system clipboard; may be nil
	// Import opens an export for the library's I key (a path as typed);
	// may be nil.
	Import func(ctx context.Context, path string) (*ImportPlan, error)
	// KeepUnsaved writes the words of a note that could not be saved when
	// margin ended to a file, and says where; may be nil.
	KeepUnsaved func(text, about string) (path string, err error)
	// KeepDraft keeps the words of a note that cannot be saved yet (a
	// conflict waits for the user's choice) in a file: a new private one
	// when path is "", else path itself, replaced; empty text removes the
	// file. It returns the file's path. May be nil.
	KeepDraft func(path, text, about string) (string, error)
	// Open gives the library when Library is nil: Run calls it once the
	// terminal is set up, so that opening it overlaps that setup. Its
	// error ends Run before anything is drawn.
	Open func() (Library, error)
}

// screen is which screen the root shows.
type screen int

const (
	screenLibrary screen = iota
	screenReader
)

// Model is the root model: it routes messages to the library or the reader
// and alone decides the alternate screen and mouse mode.
type Model struct {
	common  *Common
	screen  screen
	library *libraryModel
	pager   *pagerModel
	detect  bool  // follow the terminal's background colour
	rows    int   // the first page's length, when Init reads it
	openErr error // Options.Open failed: Run returns it
	// started is when Run began: a size read then may reach Update after
	// a resize's newer one (see onSize).
	started time.Time

	// The last frame, and whether it still stands: bubbletea asks for a
	// frame after every message, and the terminal's reports at start
	// (environment, colours, modes, the size again) change nothing on
	// screen, while drawing the library takes a millisecond or two.
	frame tea.View
	drawn bool
}

// New returns the root model, for Run and for tests.
func New(opt Options) tea.Model { return newModel(context.Background(), opt) }

func newModel(ctx context.Context, opt Options) *Model {
	c := &Common{
		ctx:    ctx,
		Keys:   DefaultKeyMap(),
		Lib:    opt.Library,
		Opt:    opt,
		Now:    time.Now,
		Loc:    time.Local,
		Styles: NewStyles(opt.Style != "light"),
		cache:  &docCache{},
		tick:   tea.Tick,
		watch:  tea.Tick,
	}
	// "auto" follows the terminal's background, whatever the settings say.
	m := &Model{common: c, detect: opt.Style == "" || opt.Style == "auto", rows: firstPage}
	m.useLibrary(opt.Library)
	return m
}

// useLibrary sets up the screens on the library (nil: not open yet), with
// what it remembers: the style, the sort, the reading width.
func (m *Model) useLibrary(lib Library) {
	c := m.common
	c.Lib, c.Opt.Library = lib, lib
	if c.Opt.Style == "" {
		// A style remembered in the settings overrides detection.
		if st := c.setting(settings.Style); st == "dark" || st == "light" {
			c.Opt.Style = st
			c.Styles = c.newStyles(st == "dark")
			m.detect = false
		}
	}
	m.library = newLibrary(c)
	m.pager = newPager(c)
	if c.Width > 0 {
		m.library.SetSize(c.Width, c.Height)
		m.pager.SetSize(c.Width, c.Height)
	}
}

// Run shows the UI until the user quits, on the alternate screen with the
// mouse on; the reading position is saved however it ends.
func Run(ctx context.Context, opt Options, in io.Reader, out io.Writer) error {
	m := newModel(ctx, opt)
	m.started = time.Now()
	startWatch, stopWatch := watchResize() // before the size is read
	defer stopWatch()
	h := m.startSize(out)
	m.rows = firstRows(h)
	if m.common.Lib != nil {
		m.library.prefetch(m.rows)
	}
	prog := tea.NewProgram(m, programOptions(in, out)...)
	startWatch(prog)
	// A signal (ctx cancelled) quits the way q does, as bubbletea's own
	// SIGTERM handler does: the terminal is restored and no longer read
	// when Run returns. Only a program that does not stop in time is
	// killed.
	done := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		prog.Quit()
		select {
		case <-done:
		case <-time.After(quitTimeout):
			prog.Kill()
		}
	})
	_, err := prog.Run()
	close(done)
	stop()
	if m.openErr != nil {
		return m.openErr
	}
	if m.common.Lib == nil {
		return err // stopped before the library was open
	}
	ferr := m.finalFlush()
	if ferr != nil {
		ferr = unsavedError{ferr}
	}
	if err != nil && !(errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil) {
		return errors.Join(fmt.Errorf("run the terminal UI: %w", err), ferr)
	}
	return ferr
}

// programOptions are the program's options on in and out (nil: the
// terminal), shared with the bench's bare frame (BenchFloor).
func programOptions(in io.Reader, out io.Writer) []tea.ProgramOption {
	var opts []tea.ProgramOption
	if in != nil {
		opts = append(opts, tea.WithInput(in))
	}
	if out != nil {
		opts = append(opts, tea.WithOutput(out))
	}
	if out == os.Stdout {
		// lipgloss measured this output's colours when it was loaded;
		// asking again costs another terminfo lookup, and inside tmux
		// another run of tmux info.
		opts = append(opts, tea.WithColorProfile(screenProfile(lipgloss.Writer.Profile)))
	}
	// Frames go out up to 120 times a second (bubbletea's most; 60 by
	// default): a keystroke, and the first frame, reach the screen within
	// 8 ms instead of 17. An unchanged view costs a comparison per tick.
	opts = append(opts, tea.WithFPS(120))
	return opts
}

// startSize lays the screens out for the terminal's size before the
// program starts, so that its first render is the whole screen: bubbletea
// draws a frame before its first WindowSizeMsg is handled, and at width 0
// that frame was only the help line (the header and rows cut to the
// width), which once stayed on screen until a key was pressed (issue 12
// item 13). It returns the height, 0 when unknown.
func (m *Model) startSize(out io.Writer) int {
	f, ok := out.(interface{ Fd() uintptr })
	if !ok {
		return 0
	}
	w, h, err := term.GetSize(int(f.Fd()))
	if err != nil || w <= 0 || h <= 0 {
		return 0
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return h
}

// sizeSettles is how long after the start a new size is checked again.
const sizeSettles = 2 * time.Second

// askAfter is when a library that cannot be opened asks the terminal its
// last question: after the renderer's first frame (8 ms), which asks one;
// answerWait is how long it waits for the answer before margin quits.
const (
	askAfter   = 25 * time.Millisecond
	answerWait = 300 * time.Millisecond
)

// askLastMsg says it is time to ask the last question.
type askLastMsg struct{}

// Init loads the library, asks the terminal for its background colour and
// opens the article asked for.
func (m *Model) Init() tea.Cmd {
	if open := m.common.Opt.Open; m.common.Lib == nil && open != nil {
		// The renderer draws its first frame 8 ms after the program
		// starts: the library, opened meanwhile, and its first page are
		// taken in here, before the program's first render.
		lib, err := open()
		if err != nil {
			m.openErr = err
			// The terminal is answering the program's questions (its
			// modes, its keyboard): answers left unread when margin quits
			// are typed into the shell. Once the renderer has asked its
			// own, margin asks one more that every terminal answers, and
			// quits on that answer (the last), or after a while.
			return tea.Tick(askAfter, func(time.Time) tea.Msg { return askLastMsg{} })
		}
		m.useLibrary(lib)
		m.library.prefetch(m.rows)
	}
	m.drawn = false
	cmds := []tea.Cmd{m.library.Init()}
	if m.detect {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if id := m.common.Opt.OpenID; id != 0 {
		m.screen = screenReader
		cmds = append(cmds, m.pager.OpenAt(id, 0))
	}
	return tea.Batch(cmds...)
}

// Update routes a message: window and colour messages to everyone, the
// rest to the screen it belongs to.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.openErr != nil {
		// The library could not be opened: nothing to do but wait for
		// the last answer (see Init).
		switch msg.(type) {
		case askLastMsg:
			return m, tea.Batch(tea.Raw(ansi.RequestPrimaryDeviceAttributes),
				tea.Tick(answerWait, func(time.Time) tea.Msg { return tea.QuitMsg{} }))
		case uv.PrimaryDeviceAttributesEvent:
			return m, tea.Quit
		}
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.ColorProfileMsg:
		return m, m.onProfile(msg)
	case tea.EnvMsg, tea.ModeReportMsg, tea.KeyboardEnhancementsMsg:
		return m, nil // read by bubbletea itself; nothing here depends on them
	case tea.WindowSizeMsg:
		if msg.Width == m.common.Width && msg.Height == m.common.Height {
			return m, nil
		}
	}
	m.drawn = false
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.pager.BeforeResize() // the reader's screen at the old size
		m.common.Width, m.common.Height = msg.Width, msg.Height
		m.library.SetSize(msg.Width, msg.Height)
		cmd := m.pager.SetSize(msg.Width, msg.Height)
		if !m.started.IsZero() && time.Since(m.started) < sizeSettles {
			// At the start the size bubbletea read first can arrive after
			// a resize's (TestE2EResizeDuringStartup): the size is asked
			// again, and a message of the same size changes nothing.
			cmd = tea.Batch(cmd, tea.RequestWindowSize)
		}
		return m, cmd
	case tea.BackgroundColorMsg:
		return m, m.onBackground(msg)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.common.Keys.Quit) && !(m.screen == screenLibrary && m.library.importing()) {
			// What the reader holds is saved once the program has ended
			// (finalFlush), never inside Update.
			return m, tea.Quit
		}
	case openMsg:
		// The reader shows once the article is read (articleMsg).
		if msg.find != "" {
			return m, m.pager.OpenFind(msg.id, msg.find)
		}
		return m, m.pager.OpenAt(msg.id, msg.at)
	case articleMsg:
		var cmd tea.Cmd
		m.pager, cmd = m.pager.Update(msg)
		if m.pager.art != nil && m.pager.art.ID == msg.id && msg.err == nil {
			m.screen = screenReader
		}
		return m, cmd
	case closeMsg:
		// The library comes back on the article just read, which it may
		// never have shown (margin open ID).
		var id int64
		if m.pager.art != nil {
			id = m.pager.art.ID
		}
		m.screen = screenLibrary
		m.pager.art = nil
		return m, m.library.load(id)
	case watchMsg:
		if m.screen != screenLibrary {
			// The list is checked when the library is on screen (and
			// reloaded on the way back to it anyway); the reader checks
			// its article's highlights.
			return m, tea.Batch(m.library.watch(watchEvery, func(time.Time) tea.Msg { return watchMsg{} }), m.pager.watchHighlights())
		}
		var cmd tea.Cmd
		m.library, cmd = m.library.Update(msg)
		return m, cmd
	case listMsg, searchMsg, addedMsg, versionMsg, libWriteMsg, allListMsg, spinner.TickMsg,
		importOpenedMsg, importProgressMsg, importDoneMsg, detailsMsg, viewsMsg, tagsMsg:
		// The library's, whatever is on screen: one that went to the
		// reader left the library waiting for it (awaiting).
		var cmd tea.Cmd
		m.library, cmd = m.library.Update(msg)
		return m, cmd
	case docMsg, exportMsg, refreshMsg, autosaveMsg, opMsg, retryMsg, positionMsg, copyMsg, foundMsg, hlWatchMsg:
		var cmd tea.Cmd
		m.pager, cmd = m.pager.Update(msg)
		return m, cmd
	case errMsg:
		if m.screen == screenLibrary || m.pager.art == nil {
			// An article that could not be opened: say so in the library.
			m.screen = screenLibrary
			m.library.errLine = msg.text
			return m, nil
		}
	}
	var cmd tea.Cmd
	switch m.screen {
	case screenReader:
		m.pager, cmd = m.pager.Update(msg)
	default:
		m.library, cmd = m.library.Update(msg)
	}
	return m, cmd
}

func (m *Model) onBackground(msg tea.BackgroundColorMsg) tea.Cmd {
	if !m.detect {
		return nil
	}
	dark := msg.IsDark()
	if dark == m.common.Styles.Dark {
		return nil
	}
	m.common.Styles = m.common.newStyles(dark)
	m.library.SetStyles()
	return m.pager.SetStyles()
}

// screenProfile is the colour profile margin draws its screen with:
// TERM=dumb reads as no terminal at all, which would drop the underline
// and reverse that mark passages where there are no colours.
func screenProfile(p colorprofile.Profile) colorprofile.Profile {
	if p == colorprofile.NoTTY {
		return colorprofile.ASCII
	}
	return p
}

// onProfile restyles for a terminal that shows no colours, or shows them
// after all.
func (m *Model) onProfile(msg tea.ColorProfileMsg) tea.Cmd {
	plain := msg.Profile == colorprofile.NoTTY || msg.Profile == colorprofile.ASCII
	if plain == m.common.plain {
		return nil
	}
	m.common.plain = plain
	m.common.Styles = m.common.newStyles(m.common.Styles.Dark)
	m.library.SetStyles()
	return m.pager.SetStyles()
}

// View draws the current screen.
func (m *Model) View() tea.View {
	if !m.drawn {
		m.frame, m.drawn = m.view(), true
	}
	return m.frame
}

func (m *Model) view() tea.View {
	var v tea.View
	if m.common.Lib == nil && m.common.Opt.Open != nil {
		return v // nothing to show before the library is open (or if it cannot be)
	}
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "margin"
	switch m.screen {
	case screenReader:
		v.SetContent(fit(m.pager.View(), m.common.Width, m.common.Height))
		if m.pager.art != nil {
			v.WindowTitle = "margin · " + sanitize.Line(m.pager.art.Title)
		}
	default:
		v.SetContent(fit(m.library.View(), m.common.Width, m.common.Height))
	}
	return v
}

// fit cuts the frame to the terminal, so a tiny terminal shows the top
// left of it rather than wrapped garbage.
func fit(s string, w, h int) string {
	if w <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	if h > 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// ErrUnsaved is in the error of a Run that ended with something the
// reader could not save (a note, a highlight): a signal that ended it must
// not hide that behind "interrupted".
var ErrUnsaved = errors.New("not saved")

type unsavedError struct{ err error }

func (e unsavedError) Error() string   { return e.err.Error() }
func (e unsavedError) Unwrap() []error { return []error{ErrUnsaved, e.err} }

// quitTimeout is how long a signalled program may take to quit before it
// is killed.
const quitTimeout = 2 * time.Second

// flushTimeout bounds the last save after the program ends.
const flushTimeout = 2 * time.Second

// finalFlush saves what the reader holds once the program has ended. A
// SIGTERM or SIGHUP ends it by cancelling ctx, which every store call
// uses, so the last save gets a context of its own: the signal's values
// without its cancellation, and a deadline so that a locked library cannot
// keep a closing terminal waiting.
func (m *Model) finalFlush() error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(m.common.ctx), flushTimeout)
	defer cancel()
	m.common.ctx = ctx
	// An import stops after the items in flight, which are written whole.
	m.library.stopImport(flushTimeout)
	return m.pager.flush()
}

// flush saves what the reader holds once the program has ended: the
// library calls still out, an open note and the position. A note that
// meets a conflict is saved with both texts (the other first), and one
// whose highlight was deleted elsewhere brings the highlight back: the
// words typed are never dropped. What could not be saved is returned.
func (p *pagerModel) flush() error {
	errs := []error{p.settle(p.ctx)}
	if ed := p.hl.editor; p.mode == readEditor && ed != nil {
		if err := p.flushNote(ed); err != nil {
			errs = append(errs, p.keepUnsaved(ed.Value(), unsavedAbout(p.art, ed), err))
		}
	}
	errs = append(errs, p.saveNow(p.ctx))
	return errors.Join(errs...)
}

// keepUnsaved puts the words of a note that could not be saved in a file
// (Options.KeepUnsaved), so that the report of err is not all that is
// left of them.
func (p *pagerModel) keepUnsaved(text, about string, err error) error {
	if strings.TrimSpace(text) == "" || p.Opt.KeepUnsaved == nil {
		return err
	}
	path, kerr := p.Opt.KeepUnsaved(text, about)
	if kerr != nil {
		return fmt.Errorf("%w (and keeping it in a file failed: %v)", err, kerr)
	}
	return fmt.Errorf("%w; your words are kept in %s", err, path)
}

func (p *pagerModel) flushNote(ed *noteEditor) error {
	if ed.article {
		return p.flushArticleNote(ed)
	}
	e, note, ok := p.hl.noteEdit(false)
	if !ok {
		return nil
	}
	_, err := p.Lib.EditHighlight(p.ctx, e)
	saved := p.hl.noteSaved(p, note, err)
	p.applyHL()
	if saved {
		return nil
	}
	switch {
	case ed.theirs != nil:
		ed.SetValue(*ed.theirs + "\n\n" + ed.Value())
		if e, _, ok := p.hl.noteEdit(true); ok {
			_, err = p.Lib.EditHighlight(p.ctx, e)
		}
	case ed.deleted && ed.Value() != "":
		h := ed.h
		h.Note = ed.Value()
		err = restoreOn(p.ctx, p.Lib, &h, nil)
	}
	if err != nil {
		return fmt.Errorf("could not save the note you were writing: %w", err)
	}
	return nil
}
