// Package library is margin's application layer: the operations that take
// more than one package, used alike by the command line and the terminal
// UI. Saving a source (fetch or read, extract, decide identity, store),
// refreshing an article with its highlights re-anchored, the add prompt's
// rules, the sample article, and finding and repairing misplaced
// highlights. The rules it holds: one address is one article (urlid.Key,
// enforced again by the store), and a refresh places, rewords or orphans
// every highlight (Carry, settled by the store).
package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"margin/internal/settings"
	"margin/internal/urlid"
	"margin/reader"
	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// Library is an open library with its operations. It embeds the store, so
// it is also what the terminal UI reads and writes.
type Library struct {
	*store.Store
}

// New wraps an open store.
func New(st *store.Store) *Library { return &Library{Store: st} }

// AddOptions tune saving a source.
type AddOptions struct {
	Refresh bool      // an article saved under the same address gets the new text
	PageURL string    // the address a local HTML file was saved from (--url)
	Stdin   io.Reader // read for the source "-"
}

// Result is what saving one source came to.
type Result struct {
	ID        int64
	Title     string
	Words     int
	LeftOut   int                 // of a pasted text, the words cleaning left out (reader's article.Content.LeftOut)
	Existed   bool                // already saved, and no refresh was asked for
	Archived  bool                // of one Existed: it is in the archive, which the library hides
	Refreshed bool                // a refresh put a new text in place
	Unchanged bool                // a refresh found the same text
	Moved     store.ReplaceResult // what a refresh did to the highlights
	// A folder's files or a list of links (AddInput, From names which):
	// how many were saved, found saved already, and could not be read,
	// with the first one's error.
	Saved, Found, Failed int
	From                 string
	Why                  string
}

// Loaded is a source read and extracted, not yet saved.
type Loaded struct {
	existing int64          // the article already saved under its address, or 0
	rec      *store.Article // nil when existing is kept as it is
}

// ToStore makes the store's record of an extracted article: the same
// article.Content, with any credentials in its addresses kept out of the
// library.
func ToStore(a *reader.Article) *store.Article {
	rec := &store.Article{Content: *a}
	rec.SourceURL = urlid.Public(a.SourceURL)
	rec.CanonicalURL = urlid.Public(a.CanonicalURL)
	return rec
}

// Save loads src and stores it.
func (l *Library) Save(ctx context.Context, src string, opt AddOptions) (Result, error) {
	ld, err := l.Load(ctx, src, opt)
	if err != nil {
		return Result{}, err
	}
	return l.Commit(ctx, ld, opt)
}

// Load fetches and extracts src, unless its address is already saved and
// no refresh was asked for. It writes nothing, so loads may run in
// parallel. The address decides identity (urlid.Key: any saved form of it
// is the same article); the store checks again when saving.
func (l *Library) Load(ctx context.Context, src string, opt AddOptions) (Loaded, error) {
	lookup := cmp.Or(opt.PageURL, src)
	var ld Loaded
	if reader.IsURL(lookup) {
		if id, err := l.FindURL(ctx, lookup); err == nil {
			ld.existing = id
		} else if !errors.Is(err, store.ErrNotFound) {
			return ld, err
		}
	}
	if ld.existing != 0 && !opt.Refresh {
		return ld, nil
	}
	a, err := reader.Load(ctx, src, reader.LoadOptions{PageURL: opt.PageURL, Stdin: opt.Stdin})
	if err != nil {
		// Credentials given to fetch a page stay out of what is shown.
		return ld, redacted{err}
	}
	if err := fits(a.Markdown); err != nil {
		return ld, fmt.Errorf("%s: %w", sanitize.Line(urlid.Redact(src)), err)
	}
	ld.rec = ToStore(a)
	return ld, nil
}

// An article margin can show and read within its budget (300 MB and 10 s
// for the worst page, measured by margin bench hostile): rendering costs
// memory by the byte of text and by the paragraph, so a page past these
// is refused when it is added, with the limit it passed, rather than
// exhausting memory when it is opened.
const (
	MaxArticleBytes   = 3 << 20   // the article's Markdown (a 600,000-word book is about 2.6 MB)
	MaxParagraphs     = 15000     // blocks separated by a blank line
	MaxParagraphBytes = 512 << 10 // the longest block
)

// ErrTooLarge is an article past one of the limits above.
var ErrTooLarge = errors.New("too large to read")

// fits checks an article's Markdown against the limits.
func fits(md string) error {
	if len(md) > MaxArticleBytes {
		return fmt.Errorf("%w: its text is %d MB; margin reads articles of up to %d MB", ErrTooLarge, len(md)>>20, MaxArticleBytes>>20)
	}
	n, longest := 0, 0
	for rest := md; rest != ""; {
		i := strings.Index(rest, "\n\n")
		block := rest
		if i >= 0 {
			block, rest = rest[:i], rest[i+2:]
		} else {
			rest = ""
		}
		if strings.TrimSpace(block) == "" {
			continue
		}
		n++
		longest = max(longest, len(block))
	}
	if n > MaxParagraphs {
		return fmt.Errorf("%w: it has %d paragraphs; margin reads articles of up to %d", ErrTooLarge, n, MaxParagraphs)
	}
	if longest > MaxParagraphBytes {
		return fmt.Errorf("%w: one paragraph is %d KB long; margin reads paragraphs of up to %d KB", ErrTooLarge, longest>>10, MaxParagraphBytes>>10)
	}
	return nil
}

// Commit stores a loaded source. With a refresh, an article saved under
// the same address (or a file read before) gets the new text, its
// highlights and reading position carried over by their quotes in the same
// transaction.
func (l *Library) Commit(ctx context.Context, ld Loaded, opt AddOptions) (Result, error) {
	if ld.rec == nil {
		return l.existed(ctx, ld.existing)
	}
	if ld.existing == 0 && opt.Refresh && ld.rec.SourceURL != "" {
		// A file read before, or a page whose fetch ended elsewhere.
		if id, err := l.FindURL(ctx, ld.rec.SourceURL); err == nil {
			ld.existing = id
		}
	}
	if ld.existing != 0 && opt.Refresh {
		return l.replace(ctx, ld.existing, ld.rec)
	}
	// The store finds an article saved under any form of the address, or
	// whose canonical link names it (an AMP or mobile copy). A refresh
	// never replaces through the canonical link alone: a page can name any
	// address as its canonical one.
	id, existed, err := l.AddArticle(ctx, ld.rec)
	if err != nil {
		return Result{}, err
	}
	if existed {
		return l.existed(ctx, id)
	}
	return Result{ID: id, Title: ld.rec.Title, Words: ld.rec.WordCount, LeftOut: ld.rec.LeftOut}, nil
}

// LeftOutNote says how much of a pasted text cleaning left out, when it
// was most of a long one (a text of the same article many times, a thread
// longer than its post) or more than a page's furniture: "" otherwise.
// Nothing is dropped silently.
func LeftOutNote(words, leftOut int) string {
	// Most of the text, or more than a page's furniture ever is: a long
	// text that lost a third of itself said nothing.
	if leftOut < 1000 || leftOut <= words && leftOut < 5000 {
		return ""
	}
	return fmt.Sprintf("%d words of the text were left out as a page's menus, repeats and comments; saved as a .md file, every word is kept", leftOut)
}

// CommitAll saves several loaded sources in one transaction, as Commit
// saves each (not for a refresh): one commit, and one update of the
// full-text index, instead of one per article, which kept the single
// writer of a bulk add busy after the loaders were done. When the
// transaction fails, each is committed alone so that only the one the
// library refuses fails.
func (l *Library) CommitAll(ctx context.Context, lds []Loaded, opt AddOptions) ([]Result, []error) {
	res, errs := make([]Result, len(lds)), make([]error, len(lds))
	var recs []*store.Article
	var at []int
	for i, ld := range lds {
		if ld.rec == nil || opt.Refresh {
			res[i], errs[i] = l.Commit(ctx, ld, opt)
			continue
		}
		recs, at = append(recs, ld.rec), append(at, i)
	}
	if len(recs) == 0 {
		return res, errs
	}
	ids, existed, err := l.AddArticles(ctx, recs)
	for k, i := range at {
		switch {
		case err != nil:
			res[i], errs[i] = l.Commit(ctx, lds[i], opt)
		case existed[k]:
			res[i], errs[i] = l.existed(ctx, ids[k])
		default:
			res[i] = Result{ID: ids[k], Title: recs[k].Title, Words: recs[k].WordCount, LeftOut: recs[k].LeftOut}
		}
	}
	return res, errs
}

func (l *Library) existed(ctx context.Context, id int64) (Result, error) {
	a, err := l.Article(ctx, id)
	if err != nil {
		return Result{}, err
	}
	return Result{ID: id, Title: a.Title, Words: a.WordCount, Existed: true, Archived: a.State == store.Archived}, nil
}

// replace swaps in a refreshed text.
func (l *Library) replace(ctx context.Context, id int64, rec *store.Article) (Result, error) {
	res, err := l.ReplaceArticle(ctx, id, rec, Carry(rec.Markdown))
	if err != nil {
		return Result{}, err
	}
	// The title kept, which is the user's if they edited it, not the
	// page's.
	title := rec.Title
	if a, err := l.Article(ctx, id); err == nil {
		title = a.Title
	}
	return Result{ID: id, Title: title, Words: rec.WordCount, Refreshed: !res.Unchanged, Unchanged: res.Unchanged, Moved: res}, nil
}

// Refresh fetches a saved article again from where it came from: its
// address, or the file it was read from.
func (l *Library) Refresh(ctx context.Context, id int64) (Result, error) {
	a, err := l.Article(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return Result{}, fmt.Errorf("no article %d in the library (margin list shows the ids)", id)
	}
	if err != nil {
		return Result{}, err
	}
	src := cmp.Or(a.SourceURL, a.CanonicalURL)
	switch {
	case src == "":
		return Result{}, fmt.Errorf("article %d was pasted: there is nothing to fetch again", id)
	case isDocumentKey(src):
		return Result{}, fmt.Errorf("article %d is a book imported without a web address: there is nothing to fetch", id)
	case !reader.IsURL(src):
		if _, err := os.Stat(src); err != nil {
			return Result{}, fmt.Errorf("article %d was read from %s, which is gone; margin add --refresh FILE reads another copy", id, sanitize.Line(src))
		}
	}
	ld, err := l.Load(ctx, src, AddOptions{Refresh: true})
	if err != nil {
		return Result{}, err
	}
	if !a.Fetched() && a.Title != "" && a.Title != titleOf(src) {
		// An imported link never fetched keeps its export's title, as
		// margin import --retry keeps it.
		ld.rec.Title = a.Title
	}
	return l.replace(ctx, id, ld.rec)
}

// Carry re-anchors highlights and the reading position on a new text by
// their quotes (W3C TextQuoteSelector). A highlight it cannot place is
// marked an orphan; the store decides each outcome (placed, changed,
// orphaned) and keeps the words the reader highlighted.
func Carry(newMD string) store.Carry {
	return func(oldMD string, hs []store.Highlight, pos int) ([]store.Highlight, int) {
		t := render.Parse(newMD)
		for i := range hs {
			h := &hs[i]
			start, end, ok := t.Reanchor(render.Quote{Exact: h.Exact, Prefix: h.Prefix, Suffix: h.Suffix, Start: h.Start, End: h.End})
			if !ok || end <= start {
				h.Orphan = true
				continue
			}
			q := t.QuoteAt(start, end)
			h.Start, h.End, h.Orphan = start, end, false
			h.Exact, h.Prefix, h.Suffix = q.Exact, q.Prefix, q.Suffix
		}
		if pos <= 0 || pos >= len(oldMD) {
			return hs, 0
		}
		end := min(pos+120, len(oldMD))
		for end < len(oldMD) && !utf8.RuneStart(oldMD[end]) {
			end++
		}
		if start, _, ok := t.Reanchor(render.QuoteAt(oldMD, pos, end)); ok {
			return hs, start
		}
		return hs, -1
	}
}

// Summary is a refresh's outcome in one line, for the reader's status.
func (r Result) Summary() string {
	if r.Unchanged {
		return "Refreshed: the text is the same."
	}
	m := r.Moved
	out := fmt.Sprintf("Refreshed (%d words).", r.Words)
	if n := len(m.Highlights); n > 0 {
		placed := n - m.Changed - m.Orphans
		out = fmt.Sprintf("Refreshed: %d highlight%s placed, %d reworded, %d orphaned.", placed, plural(placed), m.Changed, m.Orphans)
		if m.Changed+m.Orphans > 0 {
			out += " H lists them."
		}
	}
	return out
}

// plural is "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// FirstRun puts the sample article in a new, empty library, so that a new
// user lands on something to read and mark. It happens once per library:
// one emptied later stays empty (and the welcome screen offers the sample).
func (l *Library) FirstRun(ctx context.Context) error {
	done, err := l.Setting(ctx, string(settings.SampleAdded))
	if err != nil || done != "" {
		return err
	}
	n, err := l.Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		_, err = l.AddSample(ctx)
	}
	if err == nil {
		err = l.SetSetting(ctx, string(settings.SampleAdded), "1")
	}
	if errors.Is(err, store.ErrReadOnly) {
		return nil // a library that may not be written is read as it is
	}
	return err
}

// AddSample saves the bundled sample article (once: a second time it
// says it is there already, and whether archived).
func (l *Library) AddSample(ctx context.Context) (Result, error) {
	rec := ToStore(reader.Sample())
	id, existed, err := l.AddArticle(ctx, rec)
	if err != nil || !existed {
		return Result{ID: id, Title: rec.Title, Words: rec.WordCount}, err
	}
	return l.existed(ctx, id)
}

// domainLike is a bare web address as people type it: example.org/x.
var domainLike = regexp.MustCompile(`^(?i)(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$`)

// PromptSource reads what was typed or pasted at the add prompt: several
// lines are an article's text (read as standard input would be, returned
// as pasted with src "-"), ~ is the home folder, and a bare domain with no
// such file is a web address.
func PromptSource(input string) (src, pasted string) {
	if strings.Contains(strings.TrimSpace(input), "\n") {
		return "-", input
	}
	input = strings.TrimSpace(input)
	if p := PromptPath(input); p != input {
		return p, ""
	}
	// notes.txt or page.html, missing, is a file not found, not a web
	// address to fetch.
	fileNamed := reader.ArticleFileName(input) && !strings.Contains(input, "/")
	if !reader.IsURL(input) && domainLike.MatchString(input) && !fileNamed {
		if _, err := os.Stat(input); err != nil {
			return "https://" + input, ""
		}
	}
	if proseLike(input) {
		if _, err := os.Stat(input); err != nil {
			return "-", input
		}
	}
	return input, ""
}

// proseLike is a line of text, not a path or an address: a paragraph
// pasted at the prompt (terminals paste one as a single line) is an
// article's text. A path starts as one does or ends in a file's
// extension, and a file's name is seldom proseWords words.
func proseLike(s string) bool {
	f := strings.Fields(s)
	if len(f) < proseWords || reader.IsURL(s) || strings.ContainsAny(s[:1], `/\~.'"`) {
		return false
	}
	ext := filepath.Ext(f[len(f)-1])
	return !(len(ext) >= 2 && len(ext) <= 6 && strings.IndexFunc(ext[1:], func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) < 0)
}

// proseWords is the fewest words of a line pasted as an article's text.
const proseWords = 8

// PromptPath reads a path typed or dropped at a prompt. A terminal pastes
// a file dragged onto it quoted ('/a b/x.zip', GNOME's terminals) or with
// its spaces escaped (/a\ b/x.zip, macOS's), and a space after: those are
// taken off unless a file of that very name exists. ~ is the home folder.
func PromptPath(typed string) string {
	p := strings.TrimSpace(typed)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if n := len(p); n >= 2 && (p[0] == '\'' || p[0] == '"') && p[n-1] == p[0] {
		p = p[1 : n-1]
	} else if filepath.Separator == '/' && strings.Contains(p, `\`) {
		var b strings.Builder
		for i := 0; i < len(p); i++ {
			if p[i] == '\\' && i+1 < len(p) {
				i++
			}
			b.WriteByte(p[i])
		}
		p = b.String()
	}
	return ExpandHome(p)
}

// ExpandHome reads a path typed at a prompt: ~ (alone or before a slash)
// is the home folder.
func ExpandHome(path string) string {
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, path[1:])
		}
	}
	return path
}

// AddInput saves what was typed or pasted at the add prompt (PromptSource).
func (l *Library) AddInput(ctx context.Context, input string) (Result, error) {
	if input == "-" {
		// Standard input is the terminal margin is reading keys from.
		return Result{}, fmt.Errorf("- reads standard input, which is this terminal; give a URL or a file path")
	}
	if urls := urlList(input); len(urls) > 1 {
		// Links pasted one per line are links to add, as margin add
		// URL URL adds them: they were saved as one article of links.
		if len(urls) > FolderLimit {
			return Result{}, fmt.Errorf("%d links, more than %d; in a shell, margin import FILE adds a list of links", len(urls), FolderLimit)
		}
		res, err := l.addAll(ctx, urls)
		res.From = "the links"
		return res, err
	}
	src, pasted := PromptSource(input)
	if st, err := os.Stat(src); err == nil && st.IsDir() && pasted == "" {
		return l.addFolder(ctx, src)
	}
	return l.Save(ctx, src, AddOptions{Stdin: strings.NewReader(pasted)})
}

// urlList is the web addresses of input when every line that is not blank
// is one; nil otherwise.
func urlList(input string) []string {
	var urls []string
	for _, l := range strings.Split(input, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case reader.IsURL(l) && !strings.ContainsAny(l, " \t"):
			urls = append(urls, l)
		default:
			return nil
		}
	}
	return urls
}

// FolderLimit is how many files of folders margin adds without asking
// (margin add asks; the library's prompt refuses): more is likely a folder
// given by mistake (a home, a whole disk).
const FolderLimit = 200

// FolderFiles lists the article files margin reads in dir and its
// subfolders (a vault of clippings, a folder of saved pages); a folder of
// none is an error naming it.
func FolderFiles(dir string) ([]string, error) {
	files, err := reader.ArticleFiles(dir)
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("%s holds no file margin reads (.md, .html, .htm, .txt)", sanitize.Line(dir))
	}
	return files, err
}

// addFolder saves the article files in dir, as margin add FOLDER does
// (addAll).
func (l *Library) addFolder(ctx context.Context, dir string) (Result, error) {
	files, err := FolderFiles(dir)
	if err != nil {
		return Result{}, err
	}
	if len(files) > FolderLimit {
		return Result{}, fmt.Errorf("%s holds %d files, more than %d; in a shell, margin add FOLDER --yes adds them", sanitize.Line(dir), len(files), FolderLimit)
	}
	res, err := l.addAll(ctx, files)
	res.From = "the folder"
	return res, err
}

// addAll saves several sources (files, web addresses) in one transaction.
// The result is the first article saved (or found saved), with how many
// were saved and found (Saved, Found) and how many could not be read
// (Failed, the first one's error in Why); it fails only when none could
// be saved.
func (l *Library) addAll(ctx context.Context, srcs []string) (Result, error) {
	var lds []Loaded
	var out Result
	var first error
	fail := func(err error) {
		out.Failed++
		first = cmp.Or(first, err)
	}
	for _, f := range srcs {
		ld, err := l.Load(ctx, f, AddOptions{})
		switch {
		case ctx.Err() != nil:
			return Result{}, ctx.Err()
		case err != nil:
			fail(err)
		default:
			lds = append(lds, ld)
		}
	}
	res, errs := l.CommitAll(ctx, lds, AddOptions{})
	for i, r := range res {
		switch {
		case errs[i] != nil:
			fail(errs[i])
			continue
		case out.ID == 0:
			out.ID, out.Title, out.Words, out.Existed = r.ID, r.Title, r.Words, r.Existed
		}
		if r.Existed {
			out.Found++
		} else {
			out.Saved++
		}
	}
	if out.ID == 0 {
		return Result{}, first
	}
	if first != nil {
		out.Why = first.Error()
	}
	return out, nil
}

// redacted is an error whose message shows no credentials.
type redacted struct{ err error }

func (r redacted) Error() string { return urlid.Redact(r.err.Error()) }
func (r redacted) Unwrap() error { return r.err }
