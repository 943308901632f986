package cli

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"

	"margin/internal/library"
	"margin/internal/query"
	"margin/internal/settings"
	"margin/reader"
	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// articleID parses an article or highlight number given on the command line.
func articleID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErr("%q is not an id (ids are the numbers margin list shows)", s)
	}
	return id, nil
}

// parseIDs parses every id before anything is done, so a typo stops the
// command before it has half happened.
func parseIDs(pos []string) ([]int64, error) {
	ids := make([]int64, 0, len(pos))
	for _, p := range pos {
		id, err := articleID(p)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// reportAdd prints one source's outcome: a line for the article, and after
// a refresh a line per changed or orphaned highlight and a summary.
func reportAdd(e *env, prefix string, res library.Result) {
	switch {
	case res.Unchanged:
		fmt.Fprintf(e.stdout, "%sunchanged %d: %s (the text is the same)\n", prefix, res.ID, sanitize.Line(res.Title))
		return
	case res.Existed && res.Archived:
		fmt.Fprintf(e.stdout, "%salready saved as %d, archived: %s (margin unarchive %d brings it back)\n", prefix, res.ID, sanitize.Line(res.Title), res.ID)
		return
	case res.Existed:
		fmt.Fprintf(e.stdout, "%salready saved as %d: %s (margin refresh %d fetches it again)\n", prefix, res.ID, sanitize.Line(res.Title), res.ID)
		return
	case !res.Refreshed:
		fmt.Fprintf(e.stdout, "%ssaved %d: %s (%d word%s)\n", prefix, res.ID, sanitize.Line(res.Title), res.Words, plural(res.Words))
		if note := library.LeftOutNote(res.Words, res.LeftOut); note != "" {
			fmt.Fprintf(e.stdout, "%s  %s\n", prefix, note)
		}
		return
	}
	fmt.Fprintf(e.stdout, "%srefreshed %d: %s (%d word%s)\n", prefix, res.ID, sanitize.Line(res.Title), res.Words, plural(res.Words))
	m := res.Moved
	for _, h := range m.Highlights {
		switch h.Outcome {
		case store.Changed:
			fmt.Fprintf(e.stdout, "%s  highlight %d changed: you highlighted “%s”; it now reads “%s”\n", prefix, h.ID, sanitize.Line(clip(h.Was, 60)), sanitize.Line(clip(h.Now, 60)))
		case store.Orphaned:
			kept := "kept as an orphan"
			if h.Note {
				kept = "kept as an orphan with its note"
			}
			fmt.Fprintf(e.stdout, "%s  highlight %d not found in the new text (%s): “%s”\n", prefix, h.ID, kept, sanitize.Line(clip(h.Was, 60)))
		}
	}
	if n := len(m.Highlights); n > 0 {
		fmt.Fprintf(e.stdout, "%s  %d highlight%s: %d placed, %d changed, %d orphaned", prefix, n, plural(n), n-m.Changed-m.Orphans, m.Changed, m.Orphans)
		if m.Changed+m.Orphans > 0 {
			fmt.Fprintf(e.stdout, " (margin highlights %d)", res.ID)
		}
		fmt.Fprintln(e.stdout)
	}
}

// plural is "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// refreshID is the article id a refresh source names: a number that is not
// a file in the current folder.
func refreshID(src string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimPrefix(src, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	if _, err := os.Stat(src); err == nil {
		return 0, false
	}
	return id, true
}

func cmdAdd(e *env, args []string) error {
	fs := e.flags("add")
	pageURL := fs.String("url", "", "the address a saved page came from")
	refresh := fs.Bool("refresh", false, "fetch an article already saved again (a source may be its id)")
	yes := fs.Bool("yes", false, "add a folder's files without asking, however many")
	srcs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		return usageErr("add: give a URL, a file, a folder or - for standard input")
	}
	if srcs, err = folderFiles(e, srcs, *yes); err != nil {
		return err
	}
	if *pageURL != "" && len(srcs) > 1 {
		return usageErr("add: --url names one page; give one source with it")
	}
	if err := checkPageURL("add", *pageURL); err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	opt := library.AddOptions{Refresh: *refresh, PageURL: *pageURL, Stdin: e.stdin}
	return addAll(e, library.New(st), opt, srcs)
}

// folderFiles replaces each folder among srcs with the article files in
// it and its subfolders (Markdown, pages, text: a vault of clippings, a
// folder of saved pages), asking before more than library.FolderLimit.
func folderFiles(e *env, srcs []string, yes bool) ([]string, error) {
	var out []string
	var folders []string
	found := 0
	for _, src := range srcs {
		st, err := os.Stat(src)
		if src == "-" || reader.IsURL(src) || err != nil || !st.IsDir() {
			out = append(out, src)
			continue
		}
		files, err := library.FolderFiles(src)
		if err != nil {
			return nil, fmt.Errorf("add: %w", err)
		}
		out, folders, found = append(out, files...), append(folders, src), found+len(files)
	}
	if found > library.FolderLimit && !yes {
		fmt.Fprintf(e.stderr, "Add %d files from %s? [y/N] ", found, sanitize.Line(strings.Join(folders, ", ")))
		line, _ := bufio.NewReader(e.stdin).ReadString('\n')
		if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" {
			return nil, fmt.Errorf("add: nothing added (--yes adds a folder's files without asking)")
		}
	}
	return out, nil
}

// cmdRefresh fetches saved articles again by id.
func cmdRefresh(e *env, args []string) error {
	fs := e.flags("refresh")
	ids, st, err := e.openWithIDs(fs, args, "ids of the articles to fetch again")
	if err != nil {
		return err
	}
	defer st.Close()
	srcs := make([]string, len(ids))
	for i, id := range ids {
		srcs[i] = strconv.FormatInt(id, 10)
	}
	return addAll(e, library.New(st), library.AddOptions{Refresh: true}, srcs)
}

// addAll loads the sources in parallel and saves them in the order given,
// so ids and the progress lines read in that order. With refresh, a source
// that is an article id (and no file) is fetched again from where it came.
func addAll(e *env, lib *library.Library, opt library.AddOptions, srcs []string) error {
	type job struct {
		res library.Result
		l   library.Loaded
		err error
	}
	results := make([]chan job, len(srcs))
	for i := range srcs {
		results[i] = make(chan job, 1)
	}
	// Four loaders take the sources in the order given, so the saves,
	// made in that order here, go on beside the loading instead of
	// waiting for a source a loader has not reached yet and piling up at
	// the end. The sources loaded by the time the writer gets to them are
	// saved in one transaction (one commit and index update for all).
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(4, len(srcs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(srcs) {
					return
				}
				src := srcs[i]
				if id, ok := refreshID(src); opt.Refresh && ok {
					// Saved at once: ids are not fetched in the order given
					// anyway, and each is its own article.
					res, err := lib.Refresh(e.ctx, id)
					results[i] <- job{res: res, err: err}
					continue
				}
				l, err := lib.Load(e.ctx, src, opt)
				results[i] <- job{l: l, err: err}
			}
		}()
	}
	failed := 0
	report := func(i int, j job) {
		prefix := ""
		if len(srcs) > 1 {
			prefix = fmt.Sprintf("[%d/%d] ", i+1, len(srcs))
		}
		if j.err != nil {
			failed++
			fmt.Fprintf(e.stderr, "%smargin: %s\n", prefix, oneLine(j.err.Error()))
			return
		}
		reportAdd(e, prefix, j.res)
	}
	for i := 0; i < len(srcs); {
		j := <-results[i]
		if _, byID := refreshID(srcs[i]); j.err != nil || opt.Refresh && byID {
			report(i, j)
			i++
			continue
		}
		batch := []job{j}
	more:
		for k := i + 1; k < len(srcs) && len(batch) < 64; k++ {
			select {
			case next := <-results[k]:
				if _, byID := refreshID(srcs[k]); next.err != nil || opt.Refresh && byID {
					results[k] <- next // not part of the batch: taken next round
					break more
				}
				batch = append(batch, next)
			default:
				break more
			}
		}
		lds := make([]library.Loaded, len(batch))
		for k := range batch {
			lds[k] = batch[k].l
		}
		res, errs := lib.CommitAll(e.ctx, lds, opt)
		for k := range batch {
			batch[k].res, batch[k].err = res[k], errs[k]
			report(i+k, batch[k])
		}
		i += len(batch)
	}
	wg.Wait()
	if failed > 0 {
		if len(srcs) > 1 {
			fmt.Fprintf(e.stderr, "margin: %d of %d sources failed\n", failed, len(srcs))
		}
		return errQuiet
	}
	return nil
}

func cmdList(e *env, args []string) error {
	fs := e.flags("list")
	all := fs.Bool("all", false, "include archived articles")
	sortBy := fs.String("sort", "added", "added, title, progress, words or published")
	format := fs.String("format", "text", "text or json")
	words, rest := splitQuery(args)
	pos, err := parse(fs, rest)
	if err != nil {
		return err
	}
	// The sorts the sort: operator takes.
	sorts := map[string]store.Sort{"added": store.SortAdded, "title": store.SortTitle, "progress": store.SortProgress,
		"words": store.SortWords, "published": store.SortPublished}
	sort, ok := sorts[*sortBy]
	if !ok {
		return usageErr("list: --sort must be added, title, progress, words or published, not %q", *sortBy)
	}
	q, err := query.Parse(strings.Join(append(pos, words...), " "))
	if err != nil {
		return usageErr("list: %v", err)
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	var arts []store.Article
	if q.Words == "" && len(q.Filters) == 0 && q.Sort == "" {
		arts, err = st.List(e.ctx, store.ListOptions{Archived: *all, Sort: sort})
	} else {
		arts, err = st.ListQuery(e.ctx, q, store.ListOptions{Archived: *all, Sort: sort})
	}
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		type row struct {
			ID         int64     `json:"id"`
			Title      string    `json:"title"`
			Site       string    `json:"site"`
			URL        string    `json:"url"`
			Words      int       `json:"words"`
			Minutes    int       `json:"minutes"`
			Saved      time.Time `json:"saved"`
			State      string    `json:"state"`
			Progress   float64   `json:"progress"`
			Highlights int       `json:"highlights"`
			Tags       []string  `json:"tags"`
			Reading    string    `json:"reading"`
			Starred    bool      `json:"starred"`
		}
		tags, err := st.TagsByArticle(e.ctx)
		if err != nil {
			return err
		}
		rows := make([]row, 0, len(arts))
		for _, a := range arts {
			ts := make([]string, 0, len(tags[a.ID]))
			for _, t := range tags[a.ID] {
				ts = append(ts, sanitize.Line(t))
			}
			// Sanitised again: the library file may not be what margin wrote.
			rows = append(rows, row{a.ID, sanitize.Line(a.Title), sanitize.Line(a.SiteName), sanitize.Line(cmp.Or(a.CanonicalURL, a.SourceURL)), a.WordCount, a.ReadingMinutes, a.Added, sanitize.Line(string(a.State)), a.Progress, a.HighlightCount, ts, sanitize.Line(string(a.Reading)), a.Starred})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	case "text":
	default:
		return usageErr("list: --format must be text or json, not %q", *format)
	}
	if len(arts) == 0 {
		// Only an empty library is called empty: a query or the archive
		// may hide what it holds.
		n, err := st.Count(e.ctx)
		switch {
		case err != nil:
			return err
		case n == 0:
			fmt.Fprintln(e.stderr, "The library is empty: margin add URL saves an article, and margin opens it.")
		case q.Words != "" || len(q.Filters) > 0:
			hint := ""
			if !*all {
				hint = " outside the archive (margin list --all looks there too)"
			}
			fmt.Fprintf(e.stderr, "nothing in the library matches %q%s%s\n", sanitize.Line(strings.Join(append(pos, words...), " ")), hint, labelHint(q))
		default:
			fmt.Fprintf(e.stderr, "Every article is archived (%d): margin list --all lists them.\n", n)
		}
		return nil
	}
	titleW, siteW := listWidths(terminalWidth(e.stdout))
	fmt.Fprintf(e.stdout, "%5s  %s  %s  %6s  %4s  %-10s  %s\n", "ID", fit("TITLE", titleW), fit("SITE", siteW), "WORDS", "HL", "SAVED", "STATE")
	for _, a := range arts {
		state := sanitize.Line(string(a.Reading))
		if a.Reading == store.ReadingNow {
			state += fmt.Sprintf(" %d%%", int(a.Progress*100+0.5))
		}
		if a.State == store.Archived {
			state += ", archived"
		}
		if !a.Fetched() {
			state += ", not fetched" // margin import --retry fetches it
		}
		if a.Starred {
			state = "★ " + state
		}
		fmt.Fprintf(e.stdout, "%5d  %s  %s  %6d  %4d  %-10s  %s\n", a.ID, fit(a.Title, titleW), fit(a.Source(), siteW), a.WordCount, a.HighlightCount, a.Added.Local().Format("2006-01-02"), state)
	}
	return nil
}

// listWidths sizes list's title and site columns to the terminal (tw
// columns; 0 when not a terminal, where the layout stays fixed for
// scripts). The other columns take 51 cells ("archived 100%" the widest
// state).
func listWidths(tw int) (title, site int) {
	if tw <= 0 {
		return 44, 20
	}
	site = 20
	if tw < 120 {
		site = 14
	}
	return max(tw-51-site, 20), site
}

// splitQuery takes the query operators out of a command's arguments
// before its flags are parsed: they may look like flags (-tag:later).
func splitQuery(args []string) (ops, rest []string) {
	for _, a := range args {
		if queryOperator.MatchString(a) {
			ops = append(ops, a)
		} else {
			rest = append(rest, a)
		}
	}
	return ops, rest
}

// selected is the set of articles a query's operators select (archived
// ones included unless the query says otherwise), or nil when it has none.
func selected(e *env, st *store.Store, q query.Query) (map[int64]bool, error) {
	if len(q.Filters) == 0 {
		return nil, nil
	}
	arts, err := st.ListQuery(e.ctx, query.Query{Filters: q.Filters}, store.ListOptions{Archived: true})
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]bool, len(arts))
	for _, a := range arts {
		ids[a.ID] = true
	}
	return ids, nil
}

// queryOperator is an argument that is a query operator, negated or not.
var queryOperator = regexp.MustCompile(`^-?(tag|site|is|has|label|added|published|words|sort):`)

// fit sanitises s to one line and pads or cuts it to n display cells.
func fit(s string, n int) string {
	s = ansi.Truncate(sanitize.Line(s), n, "…")
	if w := ansi.StringWidth(s); w < n {
		s += strings.Repeat(" ", n-w)
	}
	return s
}

// labelHint names, after a query that matched nothing, a label: value
// that is none of margin's labels (store.UnknownLabel).
func labelHint(q query.Query) string {
	if v, ok := store.UnknownLabel(q); ok {
		return fmt.Sprintf("; %q is none of margin's labels (%s)", sanitize.Line(v), strings.Join(store.Labels, ", "))
	}
	return ""
}

func cmdShow(e *env, args []string) error {
	fs := e.flags("show")
	md := fs.Bool("markdown", false, "print the stored Markdown")
	text := fs.Bool("text", false, "print the plain text that JSON export positions count")
	width := fs.Int("width", 0, "wrap width (default: config width, else 80; at most the terminal's)")
	style := fs.String("style", "", "dark or light (default: config style; plain text when not a terminal or NO_COLOR)")
	id, err := oneID(fs, args, "one article id")
	if err != nil {
		return err
	}
	if *style != "" && *style != "dark" && *style != "light" && *style != "auto" {
		return usageErr("show: --style must be dark, light or auto, not %q", *style)
	}
	if *style == "auto" {
		*style = "" // show cannot ask the terminal: the configured style, else dark
	}
	if *width != 0 {
		// The same bounds as the global --width and margin config width.
		if _, err := settings.ParseWidth(strconv.Itoa(*width)); err != nil {
			return usageErr("show: --%v", err)
		}
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Article(e.ctx, id)
	if err != nil {
		return articleErr(id, err)
	}
	if !a.Fetched() {
		return fmt.Errorf("article %d is not fetched: %s; margin import --retry or margin refresh %d fetches it", id, a.FetchError, id)
	}
	if *md {
		if isTerminal(e.stdout) {
			a.Markdown = sanitize.Text(a.Markdown) // the library may have been tampered with
		}
		_, err := io.WriteString(e.stdout, a.Markdown)
		return err
	}
	if *text {
		_, err := io.WriteString(e.stdout, sanitize.Text(render.NewPlainText(a.Markdown).Text)+"\n")
		return err
	}
	opt, plain := showOptions(e.ctx, st, e.stdout, *width, *style)
	doc, err := render.Render(headerMarkdown(a)+a.Markdown, opt)
	if err != nil {
		return fmt.Errorf("render article %d: %w", id, err)
	}
	return writeLines(e.ctx, e.stdout, doc.Lines, plain)
}

// unlinked keeps an address in escaped Markdown from being linked: the
// renderer showed a title "www.example.com: Reden" as
// "http://www.example.com: Reden". An escaped "." or "/" reads the same.
func unlinked(md string) string {
	return strings.NewReplacer("www.", `www\.`, "://", `:\/\/`).Replace(md)
}

// headerMarkdown is the title block margin show prints above the body.
func headerMarkdown(a *store.Article) string {
	var b strings.Builder
	b.WriteString("# " + unlinked(reader.EscapeMarkdown(sanitize.Line(a.Title))) + "\n\n")
	var meta []string
	for _, s := range []string{a.Byline, a.Site()} {
		if s = sanitize.Line(s); s != "" {
			meta = append(meta, unlinked(reader.EscapeMarkdown(s)))
		}
	}
	if !a.Published.IsZero() {
		meta = append(meta, a.Published.Format("Jan 2, 2006")) // as the reader writes it
	}
	meta = append(meta, fmt.Sprintf("%d min read", a.ReadingMinutes))
	b.WriteString("*" + strings.Join(meta, " · ") + "*\n\n")
	if note := strings.TrimSpace(sanitize.Text(a.Note)); note != "" {
		// The reader's note on the whole article, as plain text in a quote.
		b.WriteString("> **Your note on this article**\n>\n")
		for _, l := range strings.Split(note, "\n") {
			b.WriteString("> " + reader.EscapeMarkdown(l) + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("---\n\n")
	return b.String()
}

// articleErr says which article was missing.
func articleErr(id int64, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no article %d in the library (margin list shows the ids)", id)
	}
	return err
}

func cmdSearch(e *env, args []string) error {
	fs := e.flags("search")
	limit := fs.Int("limit", 20, "at most this many results")
	ops, rest := splitQuery(args)
	pos, err := parse(fs, rest)
	if err != nil {
		return err
	}
	q, err := query.Parse(strings.Join(append(pos, ops...), " "))
	if err != nil {
		return usageErr("search: %v", err)
	}
	if q.Words == "" && len(q.Filters) == 0 {
		return usageErr("search: give the words to look for (and operators such as tag:policy is:new to narrow)")
	}
	if *limit < 1 {
		return usageErr("search: --limit wants a number of results of 1 or more, not %d", *limit)
	}
	if q.Words != "" {
		if err := store.CheckQuery(q.Words); err != nil {
			return usageErr("search: %v (words must all match; \"a phrase\", a OR b, a NOT b, (groups) and prefix* are understood)", err)
		}
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	allow, err := selected(e, st, q)
	if err != nil {
		return err
	}
	if q.Words == "" {
		// Operators only: the articles they select, without snippets.
		arts, err := st.ListQuery(e.ctx, query.Query{Filters: q.Filters, Sort: q.Sort}, store.ListOptions{Archived: true, Limit: *limit})
		if err != nil {
			return err
		}
		if len(arts) == 0 {
			fmt.Fprintf(e.stderr, "nothing in the library matches %q%s\n", sanitize.Line(strings.Join(append(pos, ops...), " ")), labelHint(q))
		}
		for _, a := range arts {
			title := sanitize.Line(a.Title)
			if site := sanitize.Line(a.Site()); site != "" {
				title += " — " + site
			}
			fmt.Fprintf(e.stdout, "%5d  %s\n", a.ID, title)
		}
		return nil
	}
	n := *limit
	if allow != nil {
		n = max(*limit*20, 1000) // the operators narrow what the search finds
	}
	found, err := st.Search(e.ctx, q.Words, n)
	if err != nil {
		return err
	}
	var res []store.SearchResult
	for _, r := range found {
		if (allow == nil || allow[r.ID]) && len(res) < *limit {
			res = append(res, r)
		}
	}
	if len(res) == 0 {
		fmt.Fprintf(e.stderr, "nothing in the library matches %q%s\n", sanitize.Line(strings.TrimSpace(strings.Join(append(pos, ops...), " "))), labelHint(q))
		return nil
	}
	tty := isTerminal(e.stdout) && !noColor()
	for _, r := range res {
		title := sanitize.Line(r.Title)
		if site := sanitize.Line(r.Site()); site != "" {
			title += " — " + site
		}
		fmt.Fprintf(e.stdout, "%5d  %s\n", r.ID, title)
		fmt.Fprintf(e.stdout, "       %s\n", markSnippet(r.Snippet, r.Matches, tty))
	}
	return nil
}

// markSnippet shows the matched terms in bold on a terminal and between
// asterisks elsewhere; the rest of the snippet is sanitised text.
func markSnippet(s string, matches [][2]int, tty bool) string {
	on, off := "*", "*"
	if tty {
		on, off = "\x1b[1m", "\x1b[22m"
	}
	var b strings.Builder
	last := 0
	for _, m := range matches {
		if m[0] < last || m[1] > len(s) || m[0] > m[1] {
			continue
		}
		b.WriteString(sanitize.Line(s[last:m[0]]))
		b.WriteString(on + sanitize.Line(s[m[0]:m[1]]) + off)
		last = m[1]
	}
	b.WriteString(sanitize.Line(s[last:]))
	return b.String()
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func cmdRemove(e *env, args []string) error {
	fs := e.flags("rm")
	yes := fs.Bool("yes", false, "do not ask")
	fs.BoolVar(yes, "y", false, "do not ask")
	ids, st, err := e.openWithIDs(fs, args, "ids of the articles to delete")
	if err != nil {
		return err
	}
	defer st.Close()
	// Every id must exist before anything is deleted.
	arts := make([]*store.Article, len(ids))
	for i, id := range ids {
		if arts[i], err = st.Article(e.ctx, id); err != nil {
			return articleErr(id, err)
		}
	}
	in := bufio.NewReader(e.stdin)
	for i, id := range ids {
		a := arts[i]
		if !*yes {
			hs, err := st.Highlights(e.ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "Delete %d, “%s”", id, sanitize.Line(a.Title))
			if len(hs) > 0 {
				fmt.Fprintf(e.stderr, ", and its %d highlight%s", len(hs), map[bool]string{true: "s"}[len(hs) != 1])
			}
			if a.Note != "" {
				fmt.Fprint(e.stderr, ", and its note")
			}
			fmt.Fprint(e.stderr, "? [y/N] ")
			if ok, err := askYes(e, in, "margin rm --yes"); err != nil {
				return err
			} else if !ok {
				continue
			}
		}
		if err := st.Delete(e.ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "deleted %d: %s\n", id, sanitize.Line(a.Title))
	}
	return nil
}

func cmdArchive(state store.State) command {
	return func(e *env, args []string) error {
		fs := e.flags(map[store.State]string{store.Archived: "archive", store.Inbox: "unarchive"}[state])
		ids, st, err := e.openWithIDs(fs, args, "article ids")
		if err != nil {
			return err
		}
		defer st.Close()
		if err := e.allArticles(st, ids); err != nil {
			return err
		}
		for _, id := range ids {
			// Said as it is: an article in the inbox already was not
			// "unarchived".
			if was, _, err := st.ArticleFlags(e.ctx, id); err == nil && was == state {
				fmt.Fprintf(e.stdout, "%d is %s already\n", id, map[store.State]string{store.Archived: "archived", store.Inbox: "in the inbox"}[state])
				continue
			}
			if err := st.SetState(e.ctx, id, state); err != nil {
				return articleErr(id, err)
			}
			fmt.Fprintf(e.stdout, "%s %d\n", map[store.State]string{store.Archived: "archived", store.Inbox: "unarchived"}[state], id)
		}
		return nil
	}
}

// checkPageURL refuses a --url that is no web address, as margin edit
// --url does: the links and the export would carry it.
func checkPageURL(cmd, u string) error {
	if u == "" {
		return nil
	}
	if err := (store.Metadata{SourceURL: &u}).Check(); err != nil {
		return usageErr("%s: --url: %v", cmd, err)
	}
	return nil
}

func cmdExtract(e *env, args []string) error {
	fs := e.flags("extract")
	pageURL := fs.String("url", "", "the address the page came from")
	format := fs.String("format", "text", "text, markdown or json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("extract: give one file, URL or - for standard input")
	}
	if err := checkPageURL("extract", *pageURL); err != nil {
		return err
	}
	a, err := reader.Load(e.ctx, pos[0], reader.LoadOptions{PageURL: *pageURL, Stdin: e.stdin})
	if err != nil {
		return err
	}
	switch *format {
	case "text":
		_, err = fmt.Fprintln(e.stdout, a.Text)
	case "markdown", "md":
		_, err = fmt.Fprintln(e.stdout, a.Markdown)
	case "json":
		out := map[string]any{
			"title": a.Title, "byline": a.Byline, "site": a.SiteName, "url": a.SourceURL,
			"canonical_url": a.CanonicalURL, "language": a.Language, "excerpt": a.Excerpt,
			"lead_image": a.LeadImage, "words": a.WordCount, "reading_minutes": a.ReadingMinutes,
			"markdown": a.Markdown, "text": a.Text,
		}
		if !a.Published.IsZero() {
			out["published"] = a.Published.Format(time.RFC3339)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(out)
	default:
		return usageErr("extract: --format must be text, markdown or json, not %q", *format)
	}
	return err
}
