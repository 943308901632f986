package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/query"
	"margin/internal/settings"
	"margin/sanitize"
	"margin/store"
)

// libMode is what the library's footer is doing.
type libMode int

const (
	libList       libMode = iota // browsing
	libFilter                    // typing a filter
	libSearch                    // typing a full-text query
	libAdd                       // typing a URL or path
	libAdding                    // waiting for an add to finish
	libConfirm                   // asking whether to delete
	libAll                       // the list of all highlights
	libTags                      // editing the selected article's tags
	libViews                     // choosing a saved view
	libSaveView                  // naming the filter, to save it as a view
	libImportPath                // typing the path of an export to import
	libImportOpen                // reading the export
	libImportAsk                 // showing what the export holds, asking to import it
	libImporting                 // importing (libimport.go)
	libEdit                      // editing the selected article's details
)

// sortNames are the library's sort orders, in the order `o` cycles them;
// their names are what the settings.Sort setting remembers.
var sortNames = []struct {
	name  string
	label string
	sort  store.Sort
}{
	{"saved", "saved date", store.SortAdded},
	{"title", "title", store.SortTitle},
	{"progress", "progress", store.SortProgress},
}

const searchLimit = 50

// firstPage is how many articles the library reads before its first frame:
// more rows than any terminal shows, and a millisecond or two to read
// whatever the library's size. Reading all of a 10,000-article library
// takes a hundred times longer, so the rest follows in a second read.
const firstPage = 200

// firstRows is how much of the first page a terminal h rows high needs:
// two screens (page down works at once), at least 50. Each row read costs
// about 10 µs, and the first frame is drawn at the renderer's first tick
// only if the page is in by then.
func firstRows(h int) int {
	if h <= 0 {
		return firstPage
	}
	return min(firstPage, max(2*h, 50))
}

// freeFrom is the size of list from which reading it whole is followed by
// returning its garbage to the system.
const freeFrom = 20000

// restDelay is how long the rest of the list waits after the first page:
// a few frames, time for the first one to be drawn.
const restDelay = 40 * time.Millisecond

// Messages the library sends itself.
type (
	listMsg struct {
		seq      int // load request number, to drop stale lists
		arts     []libRow
		hay      []string // the filter's text of arts (foldRows); nil: not folded yet
		hayASCII []bool
		total    int // articles in the library, archived included
		err      error
		selectID int64
		partial  bool  // only the first page: the rest is being read
		version  int64 // the library's Version when the list was read
	}
	// watchMsg is the tick that checks whether another margin changed the
	// library; versionMsg is what the check found.
	watchMsg   struct{}
	versionMsg struct {
		version int64
		err     error
	}
	searchMsg struct {
		seq     int
		query   string
		results []store.SearchResult
		err     error
	}
	addedMsg struct {
		input string
		Added
		err error
	}
	// openMsg asks the root to open an article in the reader, at a source
	// offset when at > 0.
	openMsg struct {
		id   int64
		at   int
		find string // words to find and show (a full-text search result)
	}
)

// libraryModel is the library screen: the list of saved articles.
type libraryModel struct {
	*Common
	// undo is what u takes back, newest last: a deleted article (with its
	// highlights) or an archiving.
	undo    []libUndo
	version int64 // the library's Version the list shows
	// cancelSearch stops the full-text query in flight.
	cancelSearch context.CancelFunc
	helpPane     helpPane
	showIDs      bool      // rows start with the article's id (#)
	form         *editForm // the details form (libEdit)
	// awaiting names what a key opened and is being read ("details",
	// "views"): keys typed meanwhile wait in typeahead for it, so a paste
	// or fast typing lands in the form, not on the list (esc cancels).
	awaiting  string
	typeahead []tea.Msg // keys and pastes
	// detailsFor is the article whose details form is on its way: a late
	// answer for another (E, esc, E on the next) is not it.
	detailsFor int64
	mode       libMode
	loaded     bool
	arts       []libRow     // the list, what its rows need of each article
	hay        []string     // lower-cased "title site" per article, for the filter
	hayASCII   []bool       // hay[i] is all ASCII
	steps      []filterStep // rankings of the queries typed, each extending the one before
	rows       []int        // indexes into arts in display order, after the filter
	filter     string       // the filter applied, as typed
	words      string       // its free words, which rank titles
	queryErr   string       // why the filter cannot be read; "" when it can
	shown      string       // the filter the list answers: the last one read
	filterOps  query.Query
	opsKey     string      // the filter's operators the list was read with ("" none)
	view       *store.View // the saved view shown; nil for the whole library
	viewQuery  query.Query // view's query, parsed
	query      string      // the full-text query applied; results shown when non-empty
	results    []store.SearchResult
	seq        int // search request number, to drop stale results
	cursor     int
	offset     int
	sortIdx    int
	archived   bool         // archived articles shown
	total      int          // articles in the library, archived included
	listSeq    int          // load request number; older lists are dropped
	partial    bool         // arts is the first page only; the whole list follows
	toEnd      bool         // G was pressed on the first page: go to the end of the whole list
	first      chan tea.Msg // the first page, read ahead by prefetch; nil when not

	// The tag editor: the article it edits, the library's tags for
	// completion, and what was typed before Tab completed it.
	tagging  int64
	tagNames []string
	tagTyped string
	// tagDraft is what was typed in the tag editor when it could not be
	// saved, for the article tagDraftID: t on it brings the words back.
	tagDraft   string
	tagDraftID int64
	// views are the saved views (name and query), for v.
	views []store.View

	prompt  *prompt
	picker  *picker // the saved views chooser
	all     *allHighlights
	spin    spinner.Model
	cancel  context.CancelFunc // cancels a running add
	imp     *libImport         // the import being read, asked about or run (I)
	impPath string             // the last path given to I, offered again
	status  string
	errLine string
	help    help.Model
	keys    LibraryKeys
}

func newLibrary(c *Common) *libraryModel {
	l := &libraryModel{Common: c, keys: c.Keys.Library}
	l.spin = spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.App.Spinner))
	l.help = c.newHelp()
	if s := c.setting(settings.Sort); s != "" {
		for i, n := range sortNames {
			if n.name == s {
				l.sortIdx = i
			}
		}
	}
	return l
}

// Init loads the list: the first page for the first frame, then the rest.
func (l *libraryModel) Init() tea.Cmd {
	watch := l.watch(watchEvery, func(time.Time) tea.Msg { return watchMsg{} })
	if ch := l.first; ch != nil {
		l.first = nil
		select {
		case msg := <-ch:
			// Taken in here, the page is in the program's first render,
			// which its renderer draws at its first tick (8 ms after it
			// starts). Sent as a message, it would queue behind the
			// program's own (size, colours, environment), and miss that
			// tick on a busy machine: the first frame came a tick later.
			return tea.Batch(l.onList(msg.(listMsg)), watch, l.loadViews(false))
		case <-time.After(firstWait):
		}
		// The saved views are read once the first page is in, on the
		// connection it leaves free: read alongside, they would open a
		// second connection (and parse the schema again) while the first
		// frame waits.
		return tea.Batch(tea.Sequence(func() tea.Msg { return <-ch }, l.loadViews(false)), watch)
	}
	return tea.Batch(l.loadList(0, firstPage), watch, l.loadViews(false))
}

// firstWait is how long Init waits for the prefetched first page before
// leaving it to arrive as a message (a library on a slow disk).
const firstWait = 50 * time.Millisecond

// watchEvery is how often the library checks for changes made by another
// margin (one small read).
const watchEvery = 3 * time.Second

// checkVersion reads the library's version in a command.
func (l *libraryModel) checkVersion() tea.Cmd {
	lib, ctx := l.Lib, l.ctx
	return func() tea.Msg {
		v, err := lib.Version(ctx)
		return versionMsg{version: v, err: err}
	}
}

// onVersion reloads the list when the library changed since it was read,
// and arms the next check. Nothing is reloaded under a prompt or a
// question, nor before the first list is in.
func (l *libraryModel) onVersion(msg versionMsg) tea.Cmd {
	next := l.watch(watchEvery, func(time.Time) tea.Msg { return watchMsg{} })
	if msg.err != nil || !l.loaded || msg.version == l.version || l.mode != libList && l.mode != libImporting {
		return next
	}
	return tea.Batch(l.refresh(), next)
}

// reload reads the list (and the search results) again, keeping the
// selected article.
func (l *libraryModel) reload() tea.Cmd { return l.reloadOn(l.selectedID()) }

// reloadOn reads the list (and the search results) again, selecting the
// article id.
func (l *libraryModel) reloadOn(id int64) tea.Cmd {
	if l.query != "" {
		return tea.Batch(l.load(id), l.runSearch(l.query))
	}
	return l.load(id)
}

// prefetch starts reading the first page (rows articles) at once, so the
// read overlaps the terminal's setup instead of waiting for Init.
func (l *libraryModel) prefetch(rows int) {
	load := l.loadList(0, rows)
	l.first = make(chan tea.Msg, 1)
	go func(ch chan<- tea.Msg) { ch <- load() }(l.first)
}

// SetSize fits the screen to the terminal.
func (l *libraryModel) SetSize(w, h int) {
	l.Width, l.Height = w, h
	l.help.SetWidth(w)
	if l.prompt != nil {
		l.prompt.SetWidth(w)
	}
	if l.all != nil {
		l.all.SetSize(w, h)
	}
	if l.form != nil {
		l.form.SetWidth(w)
	}
	if l.picker != nil {
		l.picker.SetSize(w-2, l.bodyHeight())
	}
	l.scroll()
}

// SetStyles applies new styles (after the terminal's background was learnt).
func (l *libraryModel) SetStyles() {
	l.help.Styles = l.Styles.Help
	l.spin.Style = l.Styles.App.Spinner
	if l.prompt != nil {
		l.prompt.input.SetStyles(l.Styles.Prompt.Input)
	}
}

// ShortHelp is the help line for the current mode.
func (l *libraryModel) ShortHelp() []key.Binding {
	if l.help.ShowAll && l.mode != libAll {
		return closeHelpKeys()
	}
	switch l.mode {
	case libFilter, libSearch, libAdd, libSaveView:
		return l.Keys.Prompt.ShortHelp()
	case libTags:
		return []key.Binding{l.Keys.Prompt.Submit, key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")), l.Keys.Prompt.Cancel}
	case libEdit:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
			key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")), l.Keys.Prompt.Cancel}
	case libConfirm:
		return l.Keys.Confirm.ShortHelp()
	case libViews:
		return []key.Binding{l.Keys.Picker.Choose, l.picker.keys.Delete, l.Keys.Picker.Back}
	case libAdding:
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	case libImportPath, libImportOpen, libImportAsk, libImporting:
		return l.importHelp()
	case libAll:
		return l.all.ShortHelp()
	}
	k := l.listKeys()
	if l.empty() {
		return []key.Binding{k.Add, k.Import, k.Sample, k.Help, k.Quit}
	}
	k.Sample.SetEnabled(false)
	k.Delete.SetEnabled(!l.empty())
	k.Views.SetEnabled(len(l.views) > 0)
	k.Clear.SetEnabled(l.filter != "" || l.query != "" || l.view != nil)
	bs := k.ShortHelp()
	if k.Clear.Enabled() {
		bs = append([]key.Binding{k.Clear}, bs...)
	}
	return bs
}

// FullHelp is the full help for the library.
func (l *libraryModel) FullHelp() [][]key.Binding {
	if l.mode == libAll {
		return l.all.FullHelp()
	}
	if l.mode != libList {
		return [][]key.Binding{l.ShortHelp()}
	}
	return l.listKeys().FullHelp()
}

// listKeys are the list's keys, the help of the toggles saying what they
// do now: A, m and * to the article selected, . to the list.
func (l *libraryModel) listKeys() LibraryKeys {
	k := l.keys
	if l.archived {
		k.ShowArchived.SetHelp(k.ShowArchived.Help().Key, "hide archived")
	}
	if a := l.selected(); a != nil {
		if a.State == store.Archived {
			k.Archive.SetHelp(k.Archive.Help().Key, "unarchive")
		}
		if a.Reading == store.Done {
			k.Done.SetHelp(k.Done.Help().Key, "not done")
		}
		if a.Starred {
			k.Star.SetHelp(k.Star.Help().Key, "unstar")
		}
	}
	return k
}

// empty is true when the library holds no article at all (not just none
// matching a filter).
func (l *libraryModel) empty() bool {
	return l.loaded && l.total == 0
}

// load reads the whole list from the store in a command; the list shown
// stays until it arrives.
func (l *libraryModel) load(selectID int64) tea.Cmd { return l.loadList(selectID, 0) }

// loadList reads up to limit articles (0 for all) in a command. A full
// page means there may be more: onList then asks for the whole list.
func (l *libraryModel) loadList(selectID int64, limit int) tea.Cmd {
	l.listSeq++
	seq, lib, ctx := l.listSeq, l.Lib, l.ctx
	opt := store.ListOptions{Archived: l.archived, Sort: sortNames[l.sortIdx].sort, Limit: limit}
	q, queried := l.listQuery()
	return func() tea.Msg {
		// Read first: a change made while listing shows at the next check.
		version, _ := lib.Version(ctx)
		var arts []store.Article
		var rows []libRow
		var err error
		switch {
		case queried:
			arts, err = lib.ListQuery(ctx, q, opt)
		case limit > 0:
			opt.Brief = true
			arts, err = lib.List(ctx, opt)
		default:
			// The whole library, each article kept as a row as it is
			// read: a list of 100,000 Articles is never held.
			if n, cerr := lib.Count(ctx); cerr == nil {
				rows = make([]libRow, 0, n)
			}
			opt.Brief = true
			opt.Each = func(a *store.Article) error {
				rows = append(rows, rowOf(a))
				return nil
			}
			arts, err = lib.List(ctx, opt)
		}
		if err != nil {
			return listMsg{seq: seq, err: err} // the store's error names what it did
		}
		rows = append(rows, rowsOf(arts)...) // a Library that gave the list whole
		arts = nil
		if err := fillTags(ctx, lib, rows); err != nil {
			return listMsg{seq: seq, err: err}
		}
		var hay []string
		var ascii []bool
		if limit == 0 {
			hay, ascii = foldRows(rows)
		}
		if limit == 0 && len(rows) >= freeFrom {
			// Reading a large list makes several times its size in
			// garbage (the driver's values: 140 MB at 100,000 articles)
			// that the heap would otherwise keep resident: hand it back
			// now, on this goroutine, while the screen stays live.
			debug.FreeOSMemory()
		}
		total := len(rows)
		if total == 0 && (!opt.Archived || queried) {
			// Empty, or everything is archived?
			if total, err = lib.Count(ctx); err != nil {
				return listMsg{seq: seq, err: fmt.Errorf("count articles: %w", err)}
			}
		}
		return listMsg{seq: seq, arts: rows, hay: hay, hayASCII: ascii, total: total, selectID: selectID,
			partial: limit > 0 && len(rows) >= limit, version: version}
	}
}

// fillTags gives listed articles their tags, in one read.
func fillTags(ctx context.Context, lib Library, rows []libRow) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	tags, err := lib.TagsOf(ctx, ids)
	if err != nil {
		return fmt.Errorf("read tags: %w", err)
	}
	if len(tags) == 0 {
		return nil
	}
	for i := range rows {
		rows[i].Tags = tags[rows[i].ID]
	}
	return nil
}

// searchQuery runs a search as `margin search` does: the query's
// operators (tag:policy, -is:done) narrow what its words find, and
// operators alone list the articles they select. The words went to the
// full-text index whole, operators and all, and found nothing.
func searchQuery(ctx context.Context, lib Library, text string) ([]store.SearchResult, error) {
	q, err := query.Parse(text)
	if err != nil {
		return nil, err
	}
	if len(q.Filters) == 0 {
		return lib.Search(ctx, q.Words, searchLimit)
	}
	opt := store.ListOptions{Archived: true}
	if q.Words == "" {
		opt.Limit = searchLimit // the list shown; with words, all narrow them
	}
	arts, err := lib.ListQuery(ctx, query.Query{Filters: q.Filters, Sort: q.Sort}, opt)
	if err != nil {
		return nil, err
	}
	if q.Words == "" {
		res := make([]store.SearchResult, 0, min(len(arts), searchLimit))
		for _, a := range arts[:min(len(arts), searchLimit)] {
			// No words to show in context: the article's excerpt says
			// what it is about.
			res = append(res, store.SearchResult{Article: a, Snippet: a.Excerpt})
		}
		return res, nil
	}
	allow := make(map[int64]bool, len(arts))
	for _, a := range arts {
		allow[a.ID] = true
	}
	found, err := lib.Search(ctx, q.Words, max(searchLimit*20, 1000))
	if err != nil {
		return nil, err
	}
	var res []store.SearchResult
	for _, r := range found {
		if allow[r.ID] && len(res) < searchLimit {
			res = append(res, r)
		}
	}
	return res, nil
}

// runSearch runs a full-text query in a command.
// A new query cancels the one in flight: a search typed past stops (its
// SQLite statement interrupted) instead of piling up behind the next.
func (l *libraryModel) runSearch(q string) tea.Cmd {
	l.seq++
	if l.cancelSearch != nil {
		l.cancelSearch()
	}
	ctx, cancel := context.WithCancel(l.ctx)
	l.cancelSearch = cancel
	seq, lib := l.seq, l.Lib
	return func() tea.Msg {
		defer cancel()
		res, err := searchQuery(ctx, lib, q)
		if err != nil {
			err = fmt.Errorf("search %q: %w", q, err)
		} else {
			ids := make([]int64, len(res))
			for i := range res {
				ids[i] = res[i].ID
			}
			if tags, terr := lib.TagsOf(ctx, ids); terr == nil {
				for i := range res {
					res[i].Tags = tags[res[i].ID]
				}
			}
		}
		return searchMsg{seq: seq, query: q, results: res, err: err}
	}
}

// Update handles a message for the library.
func (l *libraryModel) Update(msg tea.Msg) (*libraryModel, tea.Cmd) {
	switch msg := msg.(type) {
	case listMsg:
		return l, l.onList(msg)
	case searchMsg:
		return l, l.onSearch(msg)
	case addedMsg:
		return l, l.onAdded(msg)
	case watchMsg:
		return l, l.checkVersion()
	case libWriteMsg:
		return l, l.onWrite(msg)
	case statusMsg:
		l.status, l.errLine = msg.text, ""
	case errMsg:
		l.errLine = msg.text
	case tagsMsg:
		l.tagNames = msg.names
	case viewsMsg:
		return l, l.onViews(msg)
	case detailsMsg:
		return l, l.onDetails(msg)
	case allListMsg:
		if l.all != nil {
			l.all.onList(msg)
		}
	case versionMsg:
		return l, l.onVersion(msg)
	case importOpenedMsg:
		return l, l.onImportOpened(msg)
	case importProgressMsg:
		return l, l.onImportProgress(msg)
	case importDoneMsg:
		return l, l.onImportDone(msg)
	case spinner.TickMsg:
		if l.mode != libAdding && l.mode != libImportOpen && l.mode != libImporting {
			return l, nil
		}
		var cmd tea.Cmd
		l.spin, cmd = l.spin.Update(msg)
		return l, cmd
	case tea.MouseWheelMsg:
		return l, l.onWheel(msg)
	case tea.MouseClickMsg:
		if l.awaiting != "" {
			return l, nil // a click would open an article over what opens
		}
		return l, l.onClick(msg)
	case tea.KeyPressMsg:
		if l.awaiting != "" {
			l.waitKey(msg)
			return l, nil
		}
		return l, l.onKey(msg)
	case tea.PasteMsg:
		if l.awaiting != "" {
			l.waitKey(msg)
			return l, nil
		}
		if l.mode == libEdit {
			return l, l.onForm(msg)
		}
		if l.mode == libImportPath {
			return l, l.prompt.Update(msg)
		}
		if l.prompt != nil {
			return l, l.onPromptInput(msg)
		}
	}
	return l, nil
}

func (l *libraryModel) onList(msg listMsg) tea.Cmd {
	if msg.seq != l.listSeq {
		return nil // a newer list is on its way
	}
	l.loaded = true
	l.version = msg.version
	rest := l.partial // this is the rest of a list whose first page is shown
	l.partial = false
	if msg.err != nil {
		l.errLine = msg.err.Error()
		return nil
	}
	l.total = msg.total
	var sel int64
	if msg.selectID != 0 {
		sel = msg.selectID
	} else if id := l.selectedID(); id != 0 {
		sel = id
	}
	if rest && l.mode == libFilter {
		// Still typing: the cursor belongs on the best match, which
		// may be among the articles just read.
		sel = 0
	}
	l.arts, l.rows = msg.arts, l.rows[:0] // the old rows index the old list
	if msg.hay != nil {
		l.hay, l.hayASCII, l.steps = msg.hay, msg.hayASCII, nil
	} else {
		l.fold()
	}
	l.applyFilter()
	l.selectID(sel)
	if rest && l.toEnd {
		l.move(l.count())
	}
	l.toEnd = false
	if msg.partial {
		l.partial = true
		// The rest waits until the first frame is on the screen: read at
		// once, its hundred milliseconds of work (and the garbage it
		// makes) would hold that frame back on a two-core machine.
		load := l.loadList(0, 0)
		return l.tick(restDelay, func(time.Time) tea.Msg { return load() })
	}
	if l.query != "" && !rest {
		// Counts and progress in the results may have changed too.
		return l.runSearch(l.query)
	}
	return nil
}

func (l *libraryModel) onSearch(msg searchMsg) tea.Cmd {
	if msg.seq != l.seq {
		return nil // a newer query is on its way
	}
	if msg.err != nil {
		l.errLine = msg.err.Error()
		return nil
	}
	l.errLine = ""
	if msg.query == l.query {
		// The same query read again (back from a result, or the library
		// changed): the cursor stays on its article.
		sel := l.selectedID()
		l.results = msg.results
		l.selectID(sel)
		return nil
	}
	l.query = msg.query
	l.results = msg.results
	l.cursor, l.offset = 0, 0
	l.scroll()
	return nil
}

func (l *libraryModel) onAdded(msg addedMsg) tea.Cmd {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	l.mode = libList
	if msg.err != nil {
		if errors.Is(msg.err, context.Canceled) {
			l.status = "Add cancelled."
			return nil
		}
		l.errLine = "Could not add: " + msg.err.Error() // the error names the source
		return nil
	}
	switch {
	case msg.Saved+msg.Found+msg.Failed > 0:
		l.status = folderStatus(msg.Added)
	case msg.Existed:
		l.status = "Already in your library."
		if msg.Title != "" {
			l.status = "Already in your library: " + quoted(msg.Title, l.Width) + "."
		}
		if msg.Archived {
			// The list hides it: say where it is.
			l.status = strings.TrimSuffix(l.status, ".") + ", archived: . shows the archive."
		}
	case msg.Title != "":
		// Named, and undone with one key: pasted text is saved as soon
		// as it is pasted.
		// The title cut so the count and the undo key still show.
		l.status = "Saved " + quoted(msg.Title, l.Width)
		if msg.Words > 0 {
			l.status += fmt.Sprintf(" (%d words)", msg.Words)
		}
		l.status += ". u to undo"
		if msg.LeftOut != "" {
			l.status += ". " + msg.LeftOut + "."
		}
		l.pushUndo(libUndo{added: true, id: msg.ID, title: msg.Title})
	default:
		l.status = "Saved."
	}
	// Show the new article even when a filter, search or view would hide it.
	l.filter, l.words, l.queryErr, l.shown, l.opsKey, l.filterOps = "", "", "", "", "", query.Query{}
	l.query, l.results, l.view = "", nil, nil
	return l.load(msg.ID)
}

// quoted is a title in quotes for a status line, cut to leave room for
// what the line says of it (the status is one line of width w).
func quoted(title string, w int) string {
	return "“" + truncate(sanitize.Line(title), max(12, w-44)) + "”"
}

// folderStatus says what adding a folder's files did: "Saved 3 articles
// from the folder; 1 in your library already; 1 could not be read: ...".
func folderStatus(a Added) string {
	s := fmt.Sprintf("Saved %d article%s from %s", a.Saved, plural(a.Saved), cmp.Or(a.From, "the folder"))
	if a.Found > 0 {
		s += fmt.Sprintf("; %d in your library already", a.Found)
	}
	if a.Failed > 0 {
		s += fmt.Sprintf("; %d could not be read: %s", a.Failed, sanitize.Line(a.Why))
	}
	return s + "."
}

func (l *libraryModel) onWheel(msg tea.MouseWheelMsg) tea.Cmd {
	switch msg.Button {
	case tea.MouseWheelUp:
		l.move(-3)
	case tea.MouseWheelDown:
		l.move(3)
	}
	return nil
}

func (l *libraryModel) onClick(msg tea.MouseClickMsg) tea.Cmd {
	if msg.Button != tea.MouseLeft || l.mode != libList {
		return nil
	}
	per := l.rowHeight()
	y := msg.Y - l.headerHeight()
	if y < 0 || y >= l.bodyHeight() {
		return nil
	}
	i := l.offset + y/per
	if i >= l.count() {
		return nil
	}
	if i == l.cursor {
		return l.open()
	}
	l.cursor = i
	return nil
}

func (l *libraryModel) onKey(msg tea.KeyPressMsg) tea.Cmd {
	switch l.mode {
	case libEdit:
		return l.onForm(msg)
	case libFilter, libSearch, libAdd:
		return l.onPromptKey(msg)
	case libImportPath, libImportOpen, libImportAsk, libImporting:
		return l.onImportKey(msg)
	case libTags:
		switch {
		case key.Matches(msg, l.Keys.Prompt.Cancel):
			l.mode, l.prompt = libList, nil
			return nil
		case key.Matches(msg, l.Keys.Prompt.Submit):
			v := l.prompt.Value()
			l.mode, l.prompt = libList, nil
			return l.saveTags(v)
		}
		return l.onTagKey(msg)
	case libAdding:
		if key.Matches(msg, l.Keys.Prompt.Cancel) && l.cancel != nil {
			l.cancel()
		}
		return nil
	case libConfirm:
		return l.onConfirmKey(msg)
	case libViews:
		return l.onViewsKey(msg)
	case libSaveView:
		switch {
		case key.Matches(msg, l.Keys.Prompt.Cancel):
			l.mode, l.prompt = libList, nil
			return nil
		case key.Matches(msg, l.Keys.Prompt.Submit):
			name := l.prompt.Value()
			l.mode, l.prompt = libList, nil
			return l.saveView(name)
		}
		return l.prompt.Update(msg)
	case libAll:
		cmd, closed := l.all.onKey(msg)
		if closed {
			l.mode, l.all = libList, nil
		}
		return cmd
	}
	l.status, l.errLine = "", ""
	l.toEnd = false
	k := l.keys
	if l.help.ShowAll {
		// The full help covers the list: it scrolls when it does not fit;
		// ?, esc and q close it, any other key closes it and acts.
		if l.helpPane.scroll(msg) {
			return nil
		}
		l.help.ShowAll = false
		if key.Matches(msg, k.Help, k.Clear, k.Quit) {
			return nil
		}
	}
	if l.onMoveKey(msg) {
		return nil
	}
	return l.onListKey(msg)
}

// onMoveKey moves the cursor for a movement key and reports whether it
// was one.
func (l *libraryModel) onMoveKey(msg tea.KeyPressMsg) bool {
	k := l.keys
	switch {
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.Top):
		l.move(-l.count())
	case key.Matches(msg, k.Bottom):
		l.move(l.count())
		l.toEnd = l.partial
	case key.Matches(msg, k.PageUp):
		l.move(-l.pageRows())
	case key.Matches(msg, k.PageDown):
		l.move(l.pageRows())
	default:
		return false
	}
	return true
}

// onListKey handles the list's other keys.
func (l *libraryModel) onListKey(msg tea.KeyPressMsg) tea.Cmd {
	k := l.keys
	switch {
	case key.Matches(msg, k.Open):
		return l.open()
	case key.Matches(msg, k.Filter):
		l.query, l.results = "", nil
		l.mode = libFilter
		l.prompt = newPrompt(l.Common, "/", "title words, tag:x is:starred site:… sort:title")
		l.prompt.SetValue(l.filter)
	case key.Matches(msg, k.Search):
		cmd := l.clearFilter()
		l.mode = libSearch
		l.prompt = newPrompt(l.Common, "search:", "words in the full text")
		l.prompt.SetValue(l.query)
		return cmd
	case key.Matches(msg, k.Clear):
		// esc clears the filter or search first, then leaves the view.
		if l.filter == "" && l.query == "" && l.view != nil {
			return l.setView(nil)
		}
		l.query, l.results = "", nil
		return l.clearFilter()
	case key.Matches(msg, k.Add):
		l.mode = libAdd
		l.prompt = newPrompt(l.Common, "add:", "a URL, a file or folder, or paste the text")
	case key.Matches(msg, k.Import):
		return l.startImportPrompt()
	case key.Matches(msg, k.Sample):
		return l.addSample()
	case key.Matches(msg, k.Archive):
		return l.toggleArchive()
	case key.Matches(msg, k.Undo):
		return l.undoLast()
	case key.Matches(msg, k.IDs):
		l.showIDs = !l.showIDs
	case key.Matches(msg, k.Done):
		return l.toggleDone()
	case key.Matches(msg, k.Original):
		return l.openOriginal()
	case key.Matches(msg, k.Star):
		return l.toggleStar()
	case key.Matches(msg, k.Tags):
		return l.editTags()
	case key.Matches(msg, k.Details):
		return l.openDetails()
	case key.Matches(msg, k.Views):
		return l.loadViews(true)
	case key.Matches(msg, k.SaveView):
		l.askViewName()
	case key.Matches(msg, k.Reload):
		l.status = "Reloaded."
		return l.refresh()
	case key.Matches(msg, k.Delete):
		if l.selected() != nil {
			l.mode = libConfirm
		}
	case key.Matches(msg, k.Sort):
		if l.query != "" {
			// Search results stay by relevance: the sort changed
			// unseen, and showed only once the search was left.
			l.status = "Search results are by relevance; esc leaves the search, then o sorts the list."
			return nil
		}
		return l.nextSort()
	case key.Matches(msg, k.Highlights):
		l.mode = libAll
		var load tea.Cmd
		l.all, load = newAllHighlights(l.Common)
		return load
	case key.Matches(msg, k.ShowArchived):
		l.archived = !l.archived
		return l.load(0)
	case key.Matches(msg, k.Help):
		l.help.ShowAll, l.helpPane.top = true, 0
	case key.Matches(msg, k.Quit):
		return tea.Quit
	}
	return nil
}

// nextSort cycles the sort order and remembers it.
func (l *libraryModel) nextSort() tea.Cmd {
	// A filter's or view's sort: wins over o's: say so rather than change,
	// unseen, the order remembered for later.
	if q, _ := l.listQuery(); q.Sort != "" && l.query == "" {
		l.status = "This list follows “sort:" + q.Sort + "”: o sorts the list without it."
		return nil
	}
	l.sortIdx = (l.sortIdx + 1) % len(sortNames)
	name := sortNames[l.sortIdx].name
	return tea.Batch(l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		if err := lib.SetSetting(ctx, string(settings.Sort), name); err != nil {
			return nil, fmt.Errorf("remember the sort order: %w", err)
		}
		return nil, nil
	}), l.load(0))
}

// addSample adds the bundled sample article.
func (l *libraryModel) addSample() tea.Cmd {
	if l.Opt.AddSample == nil {
		l.errLine = "No sample article in this build."
		return nil
	}
	return l.startAdd("the sample article", l.Opt.AddSample)
}

func (l *libraryModel) onPromptKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, l.Keys.Prompt.Cancel):
		switch l.mode {
		case libFilter:
			l.mode, l.prompt = libList, nil
			return l.clearFilter()
		case libSearch:
			l.query, l.results = "", nil
			l.seq++
		}
		l.mode, l.prompt = libList, nil
		l.scroll()
		return nil
	case key.Matches(msg, l.Keys.Prompt.Submit):
		v := strings.TrimSpace(l.prompt.Value())
		mode := l.mode
		l.mode, l.prompt = libList, nil
		switch mode {
		case libAdd:
			if v == "" {
				return nil
			}
			add := l.Opt.Add
			if add == nil {
				l.errLine = "Adding is not available here."
				return nil
			}
			return l.startAdd(v, func(ctx context.Context) (Added, error) { return add(ctx, v) })
		case libSearch:
			if v == "" {
				l.query, l.results = "", nil
				return nil
			}
			return l.runSearch(v)
		}
		return nil
	}
	return l.onPromptInput(msg)
}

// onPromptInput passes typing to the prompt; filter and search follow it
// as the user types.
func (l *libraryModel) onPromptInput(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok && l.mode == libTags {
		msg = tea.PasteMsg{Content: strings.Join(strings.Fields(p.Content), " ")}
	}
	if p, ok := msg.(tea.PasteMsg); ok && l.mode == libAdd && l.Opt.Add != nil && strings.Count(strings.TrimSpace(sanitize.Text(p.Content)), "\n") > 0 {
		// Several lines pasted at the add prompt are an article's text.
		// (Terminals send a pasted line break as a carriage return, which
		// sanitize makes a line break.)
		text, add := sanitize.Text(p.Content), l.Opt.Add
		l.mode, l.prompt = libList, nil
		return l.startAdd("the pasted text", func(ctx context.Context) (Added, error) { return add(ctx, text) })
	}
	cmd := l.prompt.Update(msg)
	switch l.mode {
	case libFilter:
		if v := l.prompt.Value(); v != l.filter {
			return tea.Batch(cmd, l.setFilter(v))
		}
	case libSearch:
		v := strings.TrimSpace(l.prompt.Value())
		if v != l.query {
			if v == "" {
				l.query, l.results = "", nil
				l.seq++
			} else {
				return tea.Batch(cmd, l.runSearch(v))
			}
		}
	}
	return cmd
}

func (l *libraryModel) onConfirmKey(msg tea.KeyPressMsg) tea.Cmd {
	l.mode = libList
	if !key.Matches(msg, l.Keys.Confirm.Yes) {
		return nil
	}
	a := l.selected()
	if a == nil {
		return nil
	}
	id, title := a.ID, a.Title
	l.status = "Deleting…"
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		snap, err := lib.DeleteArticle(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("delete: %w", err)
		}
		return func(l *libraryModel) tea.Cmd {
			l.pushUndo(libUndo{deleted: snap})
			l.status = "Deleted " + quoted(title, l.Width) + ". u to undo"
			return l.reload()
		}, nil
	})
}

// libWriteMsg is a library write's outcome, applied in Update.
type libWriteMsg struct {
	then func(l *libraryModel) tea.Cmd
	err  error
}

// write runs a library write in a command, bounded by opTimeout; its
// outcome comes back as a libWriteMsg.
func (l *libraryModel) write(fn func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error)) tea.Cmd {
	lib, ctx := l.Lib, l.ctx
	return func() tea.Msg {
		c, cancel := context.WithTimeout(ctx, opTimeout)
		defer cancel()
		then, err := fn(c, lib)
		return libWriteMsg{then: then, err: err}
	}
}

func (l *libraryModel) onWrite(msg libWriteMsg) tea.Cmd {
	if msg.err != nil {
		l.status = ""
		l.errLine = "Could not " + msg.err.Error()
		return nil
	}
	if msg.then != nil {
		return msg.then(l)
	}
	return nil
}

// startAdd runs a slow add in a command, with a spinner and a way to
// cancel it.
func (l *libraryModel) startAdd(input string, add func(context.Context) (Added, error)) tea.Cmd {
	ctx, cancel := context.WithCancel(l.ctx)
	l.cancel = cancel
	l.mode = libAdding
	l.status, l.errLine = "Adding "+sanitize.Line(input)+"…", ""
	return tea.Batch(l.spin.Tick, func() tea.Msg {
		a, err := add(ctx)
		return addedMsg{input: sanitize.Line(input), Added: a, err: err}
	})
}

func (l *libraryModel) toggleArchive() tea.Cmd {
	a := l.selected()
	if a == nil {
		return nil
	}
	st, verb := store.Archived, "Archived"
	if a.State == store.Archived {
		st, verb = store.Inbox, "Moved back to the inbox:"
	}
	u := libUndo{id: a.ID, title: a.Title, state: a.State}
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		if err := lib.SetState(ctx, u.id, st); err != nil {
			return nil, fmt.Errorf("archive: %w", err)
		}
		return func(l *libraryModel) tea.Cmd {
			l.pushUndo(u)
			l.status = verb + " " + quoted(u.title, l.Width) + ". u to undo"
			return l.load(0)
		}, nil
	})
}

// openOriginal opens the selected article's web address in the browser.
func (l *libraryModel) openOriginal() tea.Cmd {
	a := l.selected()
	if a == nil {
		return nil
	}
	u, open := originalURL(a), l.Opt.OpenURL
	switch {
	case u == "":
		l.errLine = "This article was not read from a web address."
		return nil
	case open == nil:
		l.errLine = "Opening links is not available here."
		return nil
	}
	shown := sanitize.Line(u)
	return func() tea.Msg {
		if err := open(u); err != nil {
			return errMsg{"Could not open " + shown + ": " + err.Error()}
		}
		return statusMsg{"Opened " + shown}
	}
}

// toggleDone marks the selected article done, or not done again (being
// read if it was opened, else new).
func (l *libraryModel) toggleDone() tea.Cmd {
	a := l.selected()
	if a == nil {
		return nil
	}
	id, title, r := a.ID, a.Title, store.Done
	if a.Reading == store.Done {
		r = store.New
		if a.Progress > 0 || !a.Opened.IsZero() {
			r = store.ReadingNow
		}
	}
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		if err := lib.SetReading(ctx, id, r); err != nil {
			return nil, fmt.Errorf("mark: %w", err)
		}
		return func(l *libraryModel) tea.Cmd {
			l.status = quoted(title, l.Width) + " is " + map[store.Reading]string{store.Done: "done", store.ReadingNow: "being read", store.New: "new"}[r] + "."
			return l.reload()
		}, nil
	})
}

// toggleStar stars the selected article, or unstars it.
func (l *libraryModel) toggleStar() tea.Cmd {
	a := l.selected()
	if a == nil {
		return nil
	}
	id, title, on := a.ID, a.Title, !a.Starred
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		if err := lib.SetStarred(ctx, id, on); err != nil {
			return nil, fmt.Errorf("star: %w", err)
		}
		return func(l *libraryModel) tea.Cmd {
			l.status = "Starred " + quoted(title, l.Width) + "."
			if !on {
				l.status = "Unstarred " + quoted(title, l.Width) + "."
			}
			return l.reload()
		}, nil
	})
}

// libUndo is one library action u takes back.
type libUndo struct {
	deleted *store.Snapshot // a deleted article, or nil
	added   bool            // an article just added: undone, it is deleted (and u brings it back)
	id      int64           // an article whose state changed…
	title   string
	state   store.State // …from this state
	view    *store.View // a saved view deleted
}

func (l *libraryModel) pushUndo(u libUndo) {
	l.undo = append(l.undo, u)
	if len(l.undo) > maxUndo {
		l.undo = l.undo[len(l.undo)-maxUndo:]
	}
}

// undoLast takes back the newest delete or archiving.
func (l *libraryModel) undoLast() tea.Cmd {
	if len(l.undo) == 0 {
		l.errLine = "Nothing to undo."
		return nil
	}
	u := l.undo[len(l.undo)-1]
	l.undo = l.undo[:len(l.undo)-1]
	w := l.Width // the closure below runs away from Update
	return l.write(func(ctx context.Context, lib Library) (func(l *libraryModel) tea.Cmd, error) {
		var say string
		if v := u.view; v != nil {
			if err := lib.SaveView(ctx, v.Name, v.Query); err != nil {
				return nil, fmt.Errorf("undo: %w", err)
			}
			return func(l *libraryModel) tea.Cmd {
				l.status = "The view “" + sanitize.Line(v.Name) + "” is back: " + sanitize.Line(v.Query)
				open := l.mode == libViews
				if open {
					l.mode, l.picker = libList, nil
				}
				return l.loadViews(open)
			}, nil
		}
		if u.added {
			snap, err := lib.DeleteArticle(ctx, u.id)
			if err != nil {
				return nil, fmt.Errorf("undo: %w", err)
			}
			return func(l *libraryModel) tea.Cmd {
				l.pushUndo(libUndo{deleted: snap})
				l.status = "Removed " + quoted(u.title, l.Width) + ", just added. u to bring it back"
				return l.reload()
			}, nil
		}
		if u.deleted != nil {
			if err := lib.RestoreArticle(ctx, u.deleted); err != nil {
				return nil, fmt.Errorf("restore: %w", err)
			}
			say = "Restored " + quoted(u.deleted.Article.Title, w)
			if n := len(u.deleted.Highlights); n > 0 {
				say += fmt.Sprintf(" with its %d highlight%s", n, plural(n))
			}
			say += "."
		} else {
			if err := lib.SetState(ctx, u.id, u.state); err != nil {
				return nil, fmt.Errorf("undo: %w", err)
			}
			say = "Undone: " + quoted(u.title, w) + " is back in the " + map[store.State]string{store.Inbox: "inbox", store.Archived: "archive"}[u.state] + "."
		}
		id := u.id
		if u.deleted != nil {
			id = u.deleted.Article.ID
		}
		return func(l *libraryModel) tea.Cmd {
			l.status = say
			return l.reloadOn(id) // the cursor on what came back
		}, nil
	})
}

func (l *libraryModel) open() tea.Cmd {
	a := l.selected()
	if a == nil {
		return nil
	}
	id := a.ID
	find := ""
	if l.query != "" && l.cursor < len(l.results) {
		// The words the search matched, as the snippet shows them.
		if r := l.results[l.cursor]; len(r.Matches) > 0 {
			m := r.Matches[0]
			if m[0] >= 0 && m[1] <= len(r.Snippet) && m[0] < m[1] {
				find = r.Snippet[m[0]:m[1]]
			}
		}
	}
	return func() tea.Msg { return openMsg{id: id, find: find} }
}

// applyFilter recomputes the visible rows from the filter.
func (l *libraryModel) applyFilter() {
	sel := l.selectedID()
	l.rows = l.rows[:0]
	q := foldFilter(strings.TrimSpace(l.words))
	if q == "" {
		for i := range l.arts {
			l.rows = append(l.rows, i)
		}
	} else {
		l.rank(q)
	}
	if q != "" {
		l.cursor, l.offset = 0, 0
	} else {
		l.selectID(sel)
	}
	l.scroll()
}

// count is the number of rows or results shown.
func (l *libraryModel) count() int {
	if l.query != "" {
		return len(l.results)
	}
	return len(l.rows)
}

func (l *libraryModel) selected() *store.Article {
	if l.query != "" {
		if l.cursor < len(l.results) {
			return &l.results[l.cursor].Article
		}
		return nil
	}
	if l.cursor < len(l.rows) {
		a := l.arts[l.rows[l.cursor]].article()
		return &a
	}
	return nil
}

func (l *libraryModel) selectedID() int64 {
	if a := l.selected(); a != nil {
		return a.ID
	}
	return 0
}

func (l *libraryModel) selectID(id int64) {
	if id == 0 {
		l.scroll()
		return
	}
	if l.query != "" {
		for i := range l.results {
			if l.results[i].ID == id {
				l.cursor = i
				break
			}
		}
		l.scroll()
		return
	}
	for i, r := range l.rows {
		if l.arts[r].ID == id {
			l.cursor = i
			break
		}
	}
	l.scroll()
}

func (l *libraryModel) move(n int) {
	l.toEnd = false
	l.cursor += n
	l.scroll()
}

// Layout: two header lines, the body, a footer line and the help.
func (l *libraryModel) headerHeight() int { return 2 }

// footerHeight is the footer's lines: a message or prompt and the help
// bar, or an import's question over an export some rows of which were
// skipped, which can take three on a narrow screen.
func (l *libraryModel) footerHeight() int {
	if l.mode == libImportAsk && l.imp != nil {
		return max(2, len(l.viewFooter()))
	}
	return 2
}

func (l *libraryModel) bodyHeight() int {
	return max(l.Height-l.headerHeight()-l.footerHeight(), 1)
}

func (l *libraryModel) rowHeight() int {
	if l.query != "" {
		return 2
	}
	return 1
}

func (l *libraryModel) pageRows() int { return max(l.bodyHeight()/l.rowHeight(), 1) }

func (l *libraryModel) scroll() {
	n := l.count()
	l.cursor = clamp(l.cursor, 0, n-1)
	if l.cursor < 0 {
		l.cursor = 0
	}
	r := l.pageRows()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+r {
		l.offset = l.cursor - r + 1
	}
	l.offset = clamp(l.offset, 0, max(n-r, 0))
}

// View draws the library.
func (l *libraryModel) View() string {
	var b strings.Builder
	b.WriteString(l.viewTitle())
	b.WriteByte('\n')
	body := l.viewBody()
	switch {
	case l.help.ShowAll:
		body = "\n" + indent(strings.Join(l.helpPane.view(l.Common, l.help, l, l.Width-2, l.bodyHeight()-1), "\n"), "  ")
	case l.mode == libAll:
		body = l.all.View()
	case l.mode == libViews:
		body = indent(l.picker.View(), "  ")
	case l.mode == libEdit:
		body = l.form.View()
	}
	switch {
	case l.queryErr != "" && l.mode != libAll && !l.help.ShowAll:
		b.WriteString(truncate(" "+l.Styles.Library.QueryErr.Render(sanitize.Line(l.queryErr)), l.Width))
	case l.query == "" && len(l.rows) > 0 && l.mode != libAll && l.mode != libViews && l.mode != libEdit && !l.help.ShowAll:
		b.WriteString(l.viewColumns())
	}
	b.WriteByte('\n')
	lines := strings.Split(body, "\n")
	h := l.bodyHeight()
	for len(lines) < h {
		lines = append(lines, "")
	}
	b.WriteString(strings.Join(lines[:h], "\n"))
	b.WriteByte('\n')
	footer := l.viewFooter()
	if len(footer) >= 2 {
		// A long message takes the help bar's line too, until a key.
		b.WriteString(strings.Join(footer, "\n"))
		return b.String()
	}
	b.WriteString(strings.Join(footer, ""))
	b.WriteByte('\n')
	b.WriteString(shortHelpView(l.help, l.ShortHelp()))
	return b.String()
}

func (l *libraryModel) viewTitle() string {
	st := l.Styles
	n := len(l.arts)
	more := "" // the first page is shown and the rest is being read
	if l.partial {
		more = "+"
	}
	parts := []string{fmt.Sprintf("%d%s article%s", n, more, plural(n))}
	view := ""
	if l.view != nil {
		view = "  " + st.Library.View.Render(sanitize.Line(l.view.Name)) + st.App.Dim.Render(" ·")
	}
	switch {
	case l.query != "" && len(l.results) >= searchLimit:
		// The search stops at the limit: there may be more.
		parts = append(parts, fmt.Sprintf("the %d best for “%s”", len(l.results), sanitize.Line(l.query)))
	case l.query != "":
		parts = append(parts, fmt.Sprintf("%d found for “%s”", len(l.results), sanitize.Line(l.query)))
	case l.shown != "" && l.opsKey != "":
		// The filter's operators narrowed the list itself: "4 articles ·
		// 4 matching" would count it twice.
		parts = []string{fmt.Sprintf("%d%s matching “%s”", len(l.rows), more, sanitize.Line(l.shown))}
	case l.shown != "":
		// The last filter read: a malformed one leaves the list as it was.
		parts = append(parts, fmt.Sprintf("%d%s matching “%s”", len(l.rows), more, sanitize.Line(l.shown)))
	}
	by := sortNames[l.sortIdx].label
	if l.query != "" {
		by = "relevance" // the search's order, whatever the list's
	} else if q, _ := l.listQuery(); q.Sort != "" {
		// The view's or the filter's sort: wins over o's.
		by = map[string]string{"added": "saved date", "title": "title", "progress": "progress", "words": "length", "published": "published date"}[q.Sort]
	}
	parts = append(parts, "by "+by)
	if l.archived {
		parts = append(parts, "archived shown")
	}
	sep := "  "
	if view != "" {
		sep = " "
	}
	line := st.App.Brand.Render(" margin") + view + st.App.Dim.Render(sep+strings.Join(parts, " · "))
	return truncate(line, l.Width)
}

// minTagTitle is the narrowest title column that shows tags after the
// title.
const minTagTitle = 30

// columns returns the widths of the title and site columns.
func (l *libraryModel) columns() (title, site int) {
	site = clamp(l.Width/6, 8, 24)
	fixed := 2 + 2 + site + 2 + 4 + 1 + 4 + 1 + 3 + 2 + 7 + 1
	// Very long title columns push the numbers too far from the titles.
	title = min(l.Width-fixed, 90)
	if title < 12 {
		site = max(site-(12-title), 0)
		title = 12
	}
	return title, site
}

func (l *libraryModel) viewColumns() string {
	tw, sw := l.columns()
	s := "  " + padRight("Title", tw) + "  " + padRight("Site", sw) + "  " +
		padLeft("Time", 4) + " " + padLeft("Read", 4) + " " + padLeft("Hl", 3) + "  " + padRight("Saved", 7)
	return l.Styles.Library.Header.Render(truncate(s, l.Width))
}

func (l *libraryModel) viewBody() string {
	st := l.Styles
	switch {
	case !l.loaded, l.query == "" && len(l.rows) == 0 && l.partial:
		return st.App.Dim.Render("  Loading…")
	case l.empty() && l.filter == "":
		return l.viewWelcome()
	case l.query != "" && len(l.results) == 0:
		note := "Nothing found for “" + sanitize.Line(l.query) + "”."
		if err := store.CheckQuery(l.query); err != nil {
			// The search forgave it as typed; say what it made of it.
			note += " (" + sanitize.Line(err.Error()) + ")"
		}
		return l.viewNote(note)
	case l.query == "" && len(l.rows) == 0 && l.filter != "":
		note := "No article matches “" + sanitize.Line(l.filter) + "”."
		if v, ok := store.UnknownLabel(l.filterOps); ok {
			note += " “" + sanitize.Line(v) + "” is none of margin's labels (" + strings.Join(store.Labels, ", ") + ")."
		}
		return l.viewNote(note)
	case l.query == "" && len(l.rows) == 0 && l.view != nil:
		return l.viewNote("No article in the view “" + sanitize.Line(l.view.Name) + "” (" + sanitize.Line(l.view.Query) + ").")
	case l.query == "" && len(l.rows) == 0:
		return st.App.Dim.Render("  Every article is archived: press . to show them.")
	}
	var lines []string
	end := min(l.offset+l.pageRows(), l.count())
	for i := l.offset; i < end; i++ {
		if l.query != "" {
			lines = append(lines, l.viewResult(i)...)
		} else {
			a := l.arts[l.rows[i]].article()
			lines = append(lines, l.viewRow(&a, i == l.cursor))
		}
	}
	return strings.Join(lines, "\n")
}

// viewNote is a message in place of the list, wrapped: it names a
// filter, search or view that may be longer than the screen is wide.
func (l *libraryModel) viewNote(msg string) string {
	lines := strings.Split(ansi.Wrap(msg, max(l.Width-2, 10), " "), "\n")
	for i, line := range lines {
		lines[i] = l.Styles.App.Dim.Render("  " + line)
	}
	return strings.Join(lines, "\n")
}

func (l *libraryModel) viewWelcome() string {
	st := l.Styles
	// Wrapped, not cut: on a narrow terminal the sentences ended in "…".
	w := min(max(l.Width-4, 20), 76) // as the sentences read on 80 columns
	wrap := func(s string, w int) []string { return strings.Split(ansi.Wordwrap(s, w, ""), "\n") }
	lines := []string{"", "  " + st.Library.Welcome.Render("Welcome to margin."), ""}
	for _, s := range wrap("Your library is empty. margin keeps the articles you save, lets you read them calmly, "+
		"highlight passages, mark claims and evidence, and write notes.", w) {
		lines = append(lines, "  "+s)
	}
	lines = append(lines, "")
	for _, e := range []struct {
		b    key.Binding
		what string
	}{
		{l.keys.Add, "add a web page (URL), a local HTML file or a text file"},
		{l.keys.Import, "import a library: Pocket, Instapaper, Omnivore, wallabag, Readwise…"},
		{l.keys.Sample, "add the sample article: a short tour of margin"},
		{l.keys.Help, "all keys"},
	} {
		key := st.App.Key.Render(padRight(e.b.Help().Key, 3))
		for i, s := range wrap(e.what, w-3) {
			if i > 0 {
				key = "   "
			}
			lines = append(lines, "  "+key+st.App.Dim.Render(s))
		}
	}
	for i := range lines {
		lines[i] = truncate(lines[i], l.Width)
	}
	return strings.Join(lines, "\n")
}

// readingTime is a reading time in the four cells of its column: minutes,
// then hours ("2h" from 90 minutes on; 1838 minutes showed "183…").
func readingTime(mins int) string {
	switch {
	case mins <= 0:
		return ""
	case mins < 90:
		return fmt.Sprintf("%dm", mins)
	case mins < 999*60:
		return fmt.Sprintf("%dh", (mins+30)/60)
	default:
		return "999h"
	}
}

// meta renders the right-hand columns of a row: time, progress, count,
// date; on renders each piece on the row's background.
func (l *libraryModel) meta(a *store.Article, on func(lipgloss.Style) lipgloss.Style) string {
	st := l.Styles.Library
	mins := readingTime(a.ReadingMinutes)
	var read string
	readStyle := st.Meta
	// The reading state decides; an article read before states existed
	// (or a test's) has none and goes by its progress.
	switch {
	case a.Reading == store.Done || a.Reading == "" && a.Progress >= store.DoneProgress:
		read, readStyle = "✓", st.Done
	case a.Reading == store.New || a.Reading == "" && a.Opened.IsZero():
		read = "new"
	case a.Progress > 0:
		read = fmt.Sprintf("%d%%", int(a.Progress*100+0.5)) // rounded, as the reader and margin list round it
	default:
		read = "0%"
	}
	hl := ""
	if a.HighlightCount > 0 {
		hl = fmt.Sprint(a.HighlightCount)
	}
	gap := on(lipgloss.NewStyle()).Render(" ")
	return on(st.Meta).Render(padLeft(mins, 4)) + gap + on(readStyle).Render(padLeft(read, 4)) + gap +
		on(st.Meta).Render(padLeft(hl, 3)+"  "+padRight(l.formatDate(a.Added), 7))
}

func (l *libraryModel) viewRow(a *store.Article, sel bool) string {
	st := l.Styles.Library
	tw, sw := l.columns()
	title := sanitize.Line(a.Title)
	if title == "" {
		title = sanitize.Line(a.SourceURL)
	}
	if a.Note != "" {
		title = "✎ " + title
	}
	if a.Starred {
		title = "★ " + title
	}
	if l.showIDs {
		title = fmt.Sprintf("%*d  %s", l.idWidth(), a.ID, title)
	}
	titleStyle, marker := st.Row, "  "
	if a.State == store.Archived {
		titleStyle = st.Archived
	}
	if sel {
		// Selected, an archived row keeps its italic.
		titleStyle, marker = st.Selected.Inherit(titleStyle), st.Marker.Render("▸ ")
	}
	// Tags follow the title in the title column, in at most a third of it
	// when the title needs the room; an imported link kept without its
	// text says so first.
	cell := titleStyle.Render(padRight(title, tw))
	tagStyle := st.Tag.Inherit(titleStyle)
	tail, tailW := tagStyle.Render(tagLine(a.Tags)), lipgloss.Width(tagLine(a.Tags))
	if !a.Fetched() {
		nf := st.Unfetched.Inherit(titleStyle).Render("not fetched")
		if tailW > 0 {
			nf += tagStyle.Render(" ")
		}
		tail, tailW = nf+tail, tailW+len("not fetched")+min(tailW, 1)
	}
	if tailW > 0 {
		share := tw / 3
		if tw < minTagTitle && a.Fetched() {
			// A narrow column is the title's: "✎ Why Cities… #housi…"
			// told neither. Tags take what the title leaves.
			share = 0
		}
		tgw := min(tailW, max(share, tw-lipgloss.Width(title)-1))
		if tgw >= 3 {
			t := truncate(title, tw-tgw-1)
			rest := max(tw-lipgloss.Width(t)-1-tgw, 0)
			cell = titleStyle.Render(t+" ") + truncate(tail, tgw) + titleStyle.Render(strings.Repeat(" ", rest))
		}
	}
	// The cursor's background runs the row's width, not the title's only.
	on := func(s lipgloss.Style) lipgloss.Style { return s }
	if sel {
		bg := lipgloss.NewStyle().Background(st.Selected.GetBackground())
		on = func(s lipgloss.Style) lipgloss.Style { return s.Inherit(bg) }
	}
	gap := on(lipgloss.NewStyle()).Render("  ")
	return truncate(marker+cell+gap+on(st.Site).Render(padRight(sanitize.Line(a.Source()), sw))+gap+l.meta(a, on), l.Width)
}

// idWidth is how many digits the largest id listed has, so ids align.
func (l *libraryModel) idWidth() int {
	var top int64
	for i := range l.arts {
		top = max(top, l.arts[i].ID)
	}
	for i := range l.results {
		top = max(top, l.results[i].ID)
	}
	return len(fmt.Sprint(top))
}

func (l *libraryModel) viewResult(i int) []string {
	st := l.Styles.Library
	r := &l.results[i]
	first := l.viewRow(&r.Article, i == l.cursor)
	snip := "    " + highlightMatches(r.Snippet, r.Matches, st.Snippet, st.Match)
	return []string{first, truncate(snip, l.Width)}
}

// highlightMatches styles the matched byte ranges of a snippet, sanitising
// each piece separately so the ranges stay true.
func highlightMatches(s string, ms [][2]int, plain, match lipgloss.Style) string {
	var b strings.Builder
	at := 0
	for _, m := range ms {
		if m[0] < at || m[1] > len(s) || m[0] >= m[1] {
			continue
		}
		b.WriteString(plain.Render(sanitize.Line(s[at:m[0]])))
		b.WriteString(match.Render(sanitize.Line(s[m[0]:m[1]])))
		at = m[1]
	}
	b.WriteString(plain.Render(sanitize.Line(s[at:])))
	return b.String()
}

// viewFooter is the line over the help bar: a prompt, an import's
// progress, a question, or the error or status line, which, longer than
// the screen is wide, is two lines (messageLines) and takes the help
// bar's place.
func (l *libraryModel) viewFooter() []string {
	st := l.Styles
	line := func(s string) []string { return []string{s} }
	switch l.mode {
	case libFilter, libSearch, libAdd, libTags, libSaveView, libImportPath:
		return line(l.prompt.View())
	case libImportAsk:
		if skipped, ok := l.viewSkipped(); ok {
			return append([]string{skipped}, l.viewAsk()...)
		}
		return l.viewAsk()
	case libImportOpen, libImporting:
		return line(l.viewImport())
	case libAll:
		if l.all.prompt != nil {
			return line(l.all.prompt.View())
		}
		return nil
	case libAdding:
		return line(truncate(" "+l.spin.View()+" "+st.App.Dim.Render(l.status), l.Width))
	case libConfirm:
		// The title gives way: what goes with the article stays in view.
		a := l.selected()
		var with []string
		if a.HighlightCount > 0 {
			with = append(with, fmt.Sprintf("its %d highlight%s", a.HighlightCount, plural(a.HighlightCount)))
		}
		if a.Note != "" {
			with = append(with, "its note")
		}
		tail := "”"
		if len(with) > 0 {
			tail += " and " + strings.Join(with, " and ")
		}
		tail += "? (y/n)"
		room := max(l.Width-1-lipgloss.Width("Delete “"+tail), 8)
		q := "Delete “" + truncate(sanitize.Line(a.Title), room) + tail
		return line(truncate(" "+st.App.Error.Render(q), l.Width))
	}
	switch {
	case l.errLine != "":
		return messageLines(sanitize.Line(l.errLine), l.Width, st.App.Error.Render)
	case l.status != "":
		return messageLines(sanitize.Line(l.status), l.Width, st.App.Status.Render)
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// await holds the keys typed from now until what is named opens.
func (l *libraryModel) await(what string) {
	l.awaiting, l.typeahead = what, nil
}

// waitKey keeps a key typed (or a paste) while something opens; esc
// cancels the opening, and what was typed with it.
func (l *libraryModel) waitKey(msg tea.Msg) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		l.awaiting, l.typeahead = "", nil
		return
	}
	if len(l.typeahead) < maxTypeahead {
		l.typeahead = append(l.typeahead, msg)
	}
}

// maxTypeahead bounds the keys kept while something opens.
const maxTypeahead = 256

// opened ends the wait for what: false when it was cancelled (or never
// asked for). What was typed meanwhile is returned, to be replayed on
// what opened.
func (l *libraryModel) opened(what string) (typed []tea.Msg, ok bool) {
	if l.awaiting != what {
		return nil, false
	}
	typed = l.typeahead
	l.awaiting, l.typeahead = "", nil
	return typed, true
}

// replay types what was held while something opened.
func (l *libraryModel) replay(typed []tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, m := range typed {
		_, c := l.Update(m)
		cmds = append(cmds, c)
	}
	return tea.Batch(cmds...)
}
