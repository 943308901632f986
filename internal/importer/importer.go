package importer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Export is what one import path holds.
type Export struct {
	Path    string
	Format  string // one of Formats
	Summary string // one line for the user: "pocket.zip: Pocket export, 3 CSV parts, 4,812 links, 212 highlights"
	Items   []Item
	// Problems are per-item problems, each one line naming the file and
	// line or entry ("part_000000.csv line 12: 3 columns, expected 5");
	// those items are skipped. At most maxProblems are kept, the last line
	// then says how many more there were.
	Problems []string
}

// Formats are the export formats margin reads, as --format names them.
var Formats = []string{"pocket", "instapaper", "omnivore", "wallabag", "readwise", "readeck", "bookmarks", "urls"}

// Limits on hostile files. Every one of them ends the import with one
// clear error rather than a partial article or an exhausted machine.
const (
	maxProblems     = 1000     // problem lines kept (the rest are counted)
	maxZipEntries   = 100_000  // entries of a zip, files of a directory
	maxEntryBytes   = 64 << 20 // one zip entry or file, uncompressed
	maxTotalBytes   = 2 << 30  // all entries read from one zip or directory
	maxRatio        = 1000     // uncompressed / compressed size of an entry past 1 MiB
	maxContentBytes = 20 << 20 // an item's stored HTML, like the fetcher's cap; larger content is dropped (the runner fetches)
	maxStreamBytes  = 4 << 30  // one plain file read as a stream
	maxLineBytes    = 2000     // a title, author, tag... (longer is cut)
	maxURLBytes     = 32 << 10 // a link's address (longer is refused, never cut)
	maxTextBytes    = 64 << 10 // a quote or a note (longer is cut)
	maxTags         = 100      // tags per item or highlight
	maxHighlights   = 10_000   // highlights per item
	sniffBytes      = 64 << 10 // what detection looks at
)

// formatTitles name the formats in summaries.
var formatTitles = map[string]string{
	"pocket":     "Pocket export",
	"instapaper": "Instapaper export",
	"omnivore":   "Omnivore export",
	"wallabag":   "wallabag export",
	"readwise":   "Readwise export",
	"readeck":    "Readeck export",
	"bookmarks":  "browser bookmarks",
	"urls":       "list of URLs",
}

// maxItems is how many items one export may hold (a variable so that a
// test can lower it).
var maxItems = 1_000_000

// errTooMany ends a parse at maxItems.
func errTooMany() error {
	return fmt.Errorf("more than %s items; split the export", thousands(maxItems))
}

// Open reads one import path: a file, a directory (an unpacked zip) or a
// zip. format is one of Formats, or "" or "auto" to recognise it by
// content. The error is one line naming the file.
func Open(ctx context.Context, path string, format string) (*Export, error) {
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	name := line(filepath.Base(path))
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	p := newParser(ctx, path, name, format)
	if st.IsDir() {
		src, err := openDir(path, name)
		if err != nil {
			return nil, err
		}
		src.at = &origin{path: path, label: p.name, dir: true}
		return p.finish(p.parseTree(src))
	}
	if st.Size() > maxStreamBytes {
		return nil, fmt.Errorf("%s: larger than %d GiB; refusing", name, maxStreamBytes>>30)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPathError(err))
	}
	defer f.Close()
	// The items' content is read again from the file when the import
	// needs it (Item.TakeContent), unless the file changed since.
	at := &origin{path: path, label: p.name, size: st.Size(), mod: st.ModTime()}
	if fst, err := f.Stat(); err == nil {
		at.size, at.mod = fst.Size(), fst.ModTime()
	}
	br := bufio.NewReaderSize(io.LimitReader(f, maxStreamBytes), sniffBytes)
	head, _ := br.Peek(sniffBytes)
	if isZip(head) {
		if !st.Mode().IsRegular() {
			// A zip's directory is at its end: it is read at offsets.
			return nil, fmt.Errorf("%s: a zip cannot be read from a pipe; save it to a file and import that", name)
		}
		src, err := openZip(f, st.Size(), name)
		if err != nil {
			return nil, err
		}
		src.at = at
		return p.finish(p.parseTree(src))
	}
	if err := partAlone(path, name, p.want, sniffFormat(sniff(head))); err != nil {
		return nil, err
	}
	if st.Mode().IsRegular() {
		p.file = at
	}
	// Else a pipe (margin import /dev/stdin < export.json): it cannot be
	// read again, so the parse keeps each item's content.
	return p.finish(p.parseStream(name, br))
}

// partAlone refuses one part of an unpacked Omnivore or Pocket export
// when what it lacks alone is beside it: the content and highlights
// (Omnivore), the annotations (Pocket), which its folder brings.
func partAlone(path, name, want, format string) error {
	var subs []string
	switch {
	case format == "omnivore" && isOmnivoreMetadata(name):
		subs = []string{"content", "highlights"}
	case format == "pocket" && isPocketPart(name):
		subs = []string{"annotations"}
	}
	if want != "" && want != format {
		return nil
	}
	dir := filepath.Dir(path)
	for _, sub := range subs {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err == nil && fi.IsDir() {
			return fmt.Errorf("%s: one part of an unpacked %s, which leaves out the %s/ beside it; import its folder instead: %s",
				name, formatTitles[format], strings.Join(subs, "/ and "), line(dir))
		}
	}
	return nil
}

// Parse reads one in-memory file (a zip's bytes too), as Open reads a
// file; name is what messages call it.
func Parse(name string, data []byte, format string) (*Export, error) {
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	name = line(name)
	p := newParser(context.Background(), name, name, format)
	if isZip(data) {
		src, err := openZip(bytes.NewReader(data), int64(len(data)), name)
		if err != nil {
			return nil, err
		}
		return p.finish(p.parseTree(src))
	}
	return p.finish(p.parseStream(name, bufio.NewReaderSize(bytes.NewReader(data), sniffBytes)))
}

func checkFormat(format string) error {
	if format == "" || format == "auto" {
		return nil
	}
	for _, f := range Formats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (known: auto, %s)", format, strings.Join(Formats, ", "))
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func isZip(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06"))
}

// parser collects one export's items.
type parser struct {
	ctx    context.Context
	name   string // the path's base name, for errors and the summary
	want   string // the format asked for; "" detects
	exp    *Export
	parts  []string // what the summary lists after the format: "3 CSV parts"
	extra  int      // problems past maxProblems
	nprob  int      // all problems
	noURL  bool     // items without a URL are kept (Readwise highlight documents)
	format string   // the format being parsed
	// file is the plain file being parsed when it can be read again
	// (Open): a wallabag entry's content is then read when needed, from
	// span, the entry's bytes in the file.
	file *origin
	span [2]int64
	// dropped are the tags margin cannot keep, without case (at most
	// maxDropped), and droppedNames the first few, for the summary.
	dropped      map[string]bool
	droppedNames []string
	// badDates counts the saved dates that could not be read (the items
	// are dated the day of the import); badDate is the first, for the
	// summary.
	badDates int
	badDate  string
	// deleted counts the items the export marks deleted (Omnivore's
	// DELETED), left out; the summary says so rather than count fewer.
	deleted int
}

// savedDate reads an item's saved date, counting one that is written but
// cannot be read.
func (p *parser) savedDate(s string) time.Time {
	t := parseDate(s)
	if t.IsZero() && strings.TrimSpace(s) != "" {
		p.unreadDate(s)
	}
	return t
}

// savedFlex is savedDate for a date read from JSON.
func (p *parser) savedFlex(f flexTime) time.Time {
	if f.raw != "" {
		p.unreadDate(f.raw)
	}
	return f.t
}

func (p *parser) unreadDate(s string) {
	if p.badDates++; p.badDate == "" {
		p.badDate = cut(line(s), 40)
	}
}

const maxDropped = 10_000

// dropTag notes a tag margin cannot keep.
func (p *parser) dropTag(t string) {
	k := strings.ToLower(t)
	if p.dropped[k] || len(p.dropped) >= maxDropped {
		return
	}
	if p.dropped == nil {
		p.dropped = map[string]bool{}
	}
	p.dropped[k] = true
	if len(p.droppedNames) < 3 {
		if r := []rune(t); len(r) > 20 {
			t = string(r[:20]) + "…"
		}
		p.droppedNames = append(p.droppedNames, t)
	}
}

func newParser(ctx context.Context, path, name, format string) *parser {
	if format == "auto" {
		format = ""
	}
	return &parser{ctx: ctx, name: line(name), want: format, exp: &Export{Path: path}}
}

// finish turns a parse's error into the one-line error, or writes the
// summary.
func (p *parser) finish(err error) (*Export, error) {
	if err != nil {
		msg := line(err.Error()) // entry names and quoted values come from the file
		if !strings.HasPrefix(msg, p.name+": ") {
			msg = p.name + ": " + msg
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%s: %w", p.name, p.ctx.Err())
		}
		return nil, errors.New(msg)
	}
	e := p.exp
	if p.extra > 0 {
		e.Problems = append(e.Problems, fmt.Sprintf("... and %s more problems", thousands(p.extra)))
	}
	if e.Format == "" {
		e.Format = p.format
	}
	hl, links := 0, 0
	for i := range e.Items {
		hl += len(e.Items[i].Highlights)
		if e.Items[i].URL != "" {
			links++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", p.name, formatTitles[e.Format])
	for _, part := range p.parts {
		b.WriteString(", " + part)
	}
	fmt.Fprintf(&b, ", %s %s", thousands(links), plural(links, "link", "links"))
	if n := len(e.Items) - links; n > 0 {
		fmt.Fprintf(&b, ", %s %s without a URL", thousands(n), plural(n, "document", "documents"))
	}
	fmt.Fprintf(&b, ", %s %s", thousands(hl), plural(hl, "highlight", "highlights"))
	if n := p.nprob; n > 0 {
		fmt.Fprintf(&b, ", %s %s skipped", thousands(n), plural(n, "item", "items"))
	}
	if n := len(p.dropped); n > 0 {
		names := strings.Join(p.droppedNames, ", ")
		if n > len(p.droppedNames) {
			names += ", …"
		}
		fmt.Fprintf(&b, "; %s %s not kept (%s): margin's tags hold no # and at most 64 characters", thousands(n), plural(n, "tag", "tags"), names)
	}
	if n := p.deleted; n > 0 {
		fmt.Fprintf(&b, "; %s deleted in the service left out", thousands(n))
	}
	if n := p.badDates; n > 0 {
		fmt.Fprintf(&b, "; %s saved %s not read (%q): dated the day of the import", thousands(n), plural(n, "date", "dates"), p.badDate)
	}
	e.Summary = b.String()
	return e, nil
}

// problem records one skipped item.
func (p *parser) problem(format string, args ...any) {
	p.nprob++
	if len(p.exp.Problems) >= maxProblems {
		p.extra++
		return
	}
	p.exp.Problems = append(p.exp.Problems, line(fmt.Sprintf(format, args...)))
}

// add cleans one item and keeps it, or records why it is skipped. Its
// error ends the parse (too many items, cancelled).
func (p *parser) add(it Item) error {
	if err := p.ctx.Err(); err != nil {
		return err
	}
	if len(p.exp.Items) >= maxItems {
		return errTooMany()
	}
	it.Format = p.format
	it.Ref = line(it.Ref)
	u, ok := cleanURL(it.URL)
	switch {
	case ok:
		it.URL = u
	case strings.TrimSpace(it.URL) == "" && p.noURL:
		it.URL = ""
	case strings.TrimSpace(it.URL) == "":
		p.problem("%s: no URL", it.Ref)
		return nil
	case len(u) > maxURLBytes:
		p.problem("%s: an address longer than %d KiB (%s…)", it.Ref, maxURLBytes>>10, cut(u, 100))
		return nil
	default:
		p.problem("%s: %q is not an http(s) URL", it.Ref, cut(u, 200))
		return nil
	}
	it.Title = line(it.Title)
	if it.Title == it.URL {
		it.Title = "" // services write the URL when they have no title
	}
	it.Author = line(it.Author)
	it.Site = line(it.Site)
	it.Excerpt = line(it.Excerpt)
	it.Language = line(it.Language)
	it.Tags = cleanTags(it.Tags, p.dropTag)
	it.Saved = sane(it.Saved)
	it.Published = sane(it.Published)
	it.Progress = clamp01(it.Progress)
	if len(it.Content) > maxContentBytes {
		it.Content = "" // too large to keep: the runner fetches the URL instead
	}
	it.Content = strings.ToValidUTF8(it.Content, "\uFFFD")
	it.Note = text(it.Note)
	hs := it.Highlights[:0]
	for _, h := range it.Highlights {
		h.Quote = text(h.Quote)
		h.Note = text(h.Note)
		h.Tags = cleanTags(h.Tags, p.dropTag)
		h.Created = sane(h.Created)
		if h.Label != "" {
			h.Label, _ = labelFor(h.Label)
		}
		if h.Quote == "" {
			// A note without a passage has nothing to anchor: it joins the
			// article's note rather than being lost.
			if h.Note != "" {
				it.Note = joinNote(it.Note, h.Note)
			}
			continue
		}
		if len(hs) < maxHighlights {
			hs = append(hs, h)
		}
	}
	it.Highlights = hs
	if len(hs) == 0 {
		it.Highlights = nil
	}
	p.exp.Items = append(p.exp.Items, it)
	return nil
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return cut(a+"\n\n"+b, maxTextBytes)
}

// parseStream reads one plain (not zip) file.
func (p *parser) parseStream(name string, br *bufio.Reader) error {
	head, _ := br.Peek(sniffBytes)
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		// UTF-16 with its byte order mark: Excel's "Unicode Text".
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), sniffBytes)
		head, _ = br.Peek(sniffBytes)
	}
	format := p.want
	kind := sniff(head)
	if format == "" {
		if len(bytes.TrimSpace(bytes.TrimPrefix(head, bom))) == 0 {
			return errors.New("the file is empty")
		}
		if kind == "" {
			return errUnknown(name)
		}
		format = sniffFormat(kind)
	}
	p.format = format
	p.exp.Format = format
	return p.parseFile(name, br, kind)
}

// parseFile parses one file of a known format; kind is what sniff saw.
func (p *parser) parseFile(name string, br *bufio.Reader, kind string) error {
	switch p.format {
	case "pocket":
		if kind == "pocketcsv" || looksCSV(br) {
			return p.parsePocketCSV(name, plainText(br))
		}
		return p.parsePocketHTML(name, br)
	case "instapaper":
		return p.parseInstapaper(name, plainText(br))
	case "omnivore":
		return p.parseOmnivoreMetadata(name, br, nil)
	case "wallabag":
		return p.parseWallabag(name, br)
	case "readwise":
		return p.parseReadwise(name, plainText(br))
	case "readeck":
		return fmt.Errorf("%s: a Readeck export is a zip (or its unpacked directory), not one file", name)
	case "bookmarks":
		return p.parseBookmarks(name, br)
	case "urls":
		return p.parseURLs(name, plainText(br))
	}
	return fmt.Errorf("%s: unknown format %q", name, p.format)
}

// plainText reads a CSV or text file as UTF-8 lines ending in LF, as
// the readers expect: one that is not UTF-8 as Windows-1252 (an export
// saved again by Excel on Windows is, and each accented letter was a
// replacement character), one whose lines end in a lone CR (classic Mac,
// Excel's "CSV (Macintosh)": it was one long header row) with LF. Its
// first sniffBytes decide: bytes that are not UTF-8 and no letter that
// is (a UTF-8 file with a stray byte stays UTF-8); CRs and no LF.
func plainText(br *bufio.Reader) *bufio.Reader {
	head, _ := br.Peek(sniffBytes)
	var r io.Reader = br
	if bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0 {
		r = crToLF{br}
	}
	if notUTF8(head) {
		r = charmap.Windows1252.NewDecoder().Reader(r)
	}
	if r == io.Reader(br) {
		return br
	}
	return bufio.NewReaderSize(r, sniffBytes)
}

// notUTF8 is a head with bytes that are not UTF-8 and no letter that is.
func notUTF8(head []byte) bool {
	bad := false
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		switch {
		case n > 1:
			return false // a letter written in UTF-8
		case r == utf8.RuneError && (len(head) < sniffBytes || utf8.FullRune(head[i:])):
			bad = true // (not a rune the head cuts short)
		}
		i += n
	}
	return bad
}

// crToLF turns every CR into LF.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

func looksCSV(br *bufio.Reader) bool {
	head, _ := br.Peek(512)
	return !bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(head, bom)), []byte("<"))
}

func errUnknown(name string) error {
	// Short enough for two lines of a 60-column library screen, and
	// naming every format (Readeck was missing).
	return fmt.Errorf("%s: not an export margin knows: Pocket, Instapaper, Omnivore, wallabag, Readwise, Readeck, bookmarks or a list of links", name)
}

// parseTree reads a zip or a directory.
func (p *parser) parseTree(src source) error {
	names := src.names()
	layout := treeLayout(names)
	format := p.want
	if format == "" {
		format = layout
	}
	switch {
	case format == "pocket" && layout == "pocket":
		p.format, p.exp.Format = format, format
		return p.parsePocketZip(src)
	case format == "omnivore" && layout == "omnivore":
		p.format, p.exp.Format = format, format
		return p.parseOmnivoreZip(src)
	case format == "readeck" && layout == "readeck":
		p.format, p.exp.Format = format, format
		return p.parseReadeck(src)
	case format == "readeck" || (p.want != "" && layout == p.want):
		return fmt.Errorf("%s: no Readeck bookmarks/*/info.json inside", src.label())
	}
	// Otherwise the tree holds plain files: parse those of one format.
	type file struct{ name, kind string }
	var files []file
	var zips []string // zips inside are not opened: the user is told to import one
	kinds := map[string]bool{}
	for _, n := range names {
		if err := p.ctx.Err(); err != nil {
			return err
		}
		head, err := src.head(n)
		if err != nil {
			return err
		}
		if isZip(head) {
			zips = append(zips, n)
			continue
		}
		k := sniff(head)
		if k == "" || (p.want != "" && sniffFormat(k) != p.want) {
			continue
		}
		files = append(files, file{n, k})
		kinds[sniffFormat(k)] = true
	}
	if len(files) == 0 {
		if len(zips) > 0 {
			more := ""
			if len(zips) > 1 {
				more = fmt.Sprintf(" (and %d more zips)", len(zips)-1)
			}
			return fmt.Errorf("%s: holds %s%s, not an export itself: import the zip", src.label(), zips[0], more)
		}
		if p.want != "" {
			return fmt.Errorf("%s: no %s inside", src.label(), formatTitles[p.want])
		}
		return errUnknown(src.label())
	}
	if len(kinds) > 1 {
		var ks []string
		for k := range kinds {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return fmt.Errorf("%s: holds exports of several kinds (%s); import them one at a time", src.label(), strings.Join(ks, ", "))
	}
	p.format = sniffFormat(files[0].kind)
	p.exp.Format = p.format
	for _, f := range files {
		rc, err := src.open(f.name)
		if err != nil {
			return err
		}
		p.file = fileOrigin(src, f.name)
		err = p.parseFile(f.name, bufio.NewReaderSize(rc, sniffBytes), f.kind)
		p.file = nil
		rc.Close()
		if err != nil {
			return err
		}
	}
	if len(files) > 1 {
		p.parts = append(p.parts, fmt.Sprintf("%d files", len(files)))
	}
	return nil
}

// treeLayout recognises a zip's or directory's layout by its entry names.
func treeLayout(names []string) string {
	for _, n := range names {
		if isPocketPart(n) {
			return "pocket"
		}
	}
	for _, n := range names {
		if isOmnivoreMetadata(n) {
			return "omnivore"
		}
	}
	for _, n := range names {
		if isReadeckInfo(n) {
			return "readeck"
		}
	}
	return ""
}

var bom = []byte("\xef\xbb\xbf")

// sniff recognises a plain file by its first bytes. It returns a format
// name, or "pocketcsv" for one Pocket CSV part, or "".
func sniff(head []byte) string {
	head = bytes.TrimPrefix(head, bom)
	t := bytes.TrimSpace(head)
	if len(t) == 0 {
		return ""
	}
	lower := bytes.ToLower(t)
	switch t[0] {
	case '[', '{':
		switch {
		case bytes.Contains(t, []byte(`"is_archived"`)) || bytes.Contains(t, []byte(`"domain_name"`)):
			return "wallabag"
		case bytes.Contains(t, []byte(`"readingProgress"`)) || bytes.Contains(t, []byte(`"savedAt"`)):
			return "omnivore"
		}
		return ""
	case '<':
		switch {
		case bytes.Contains(lower, []byte("netscape-bookmark-file")):
			return "bookmarks"
		case bytes.Contains(lower, []byte("<h1>unread</h1>")) || bytes.Contains(lower, []byte("<h1>read archive</h1>")):
			return "pocket"
		case bytes.Contains(lower, []byte("<dt><a ")) || bytes.Contains(lower, []byte("<dt><h3")):
			return "bookmarks"
		case bytes.Contains(lower, []byte("time_added=")):
			return "pocket"
		}
		return ""
	}
	if k := sniffCSV(t); k != "" {
		return k
	}
	// A list of URLs: the first line that is not blank or a comment.
	for _, l := range strings.Split(string(t), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		ll := strings.ToLower(l)
		if strings.HasPrefix(ll, "http://") || strings.HasPrefix(ll, "https://") {
			return "urls"
		}
		break
	}
	return ""
}

// sniffFormat maps sniff's kinds to format names.
func sniffFormat(kind string) string {
	if kind == "pocketcsv" {
		return "pocket"
	}
	return kind
}

// sniffCSV recognises an export CSV by its header row.
func sniffCSV(t []byte) string {
	first := t
	if i := bytes.IndexAny(t, "\r\n"); i >= 0 {
		first = t[:i] // a classic Mac file's lines end in CR alone
	}
	h := map[string]bool{}
	for _, f := range splitHeader(string(first)) {
		h[f] = true
	}
	switch {
	case h["highlight"] && h["book title"]:
		return "readwise"
	case h["title"] && h["url"] && (h["document tags"] || h["reading progress"] || h["saved date"]):
		return "readwise"
	case h["url"] && h["title"] && h["folder"]:
		return "instapaper"
	case h["title"] && h["url"] && (h["time_added"] || h["status"]):
		return "pocketcsv"
	}
	return ""
}

// splitHeader splits a CSV header line loosely: names lower-cased, quotes
// and spaces trimmed.
func splitHeader(l string) []string {
	var out []string
	for _, f := range strings.Split(strings.TrimRight(l, "\r"), string(headerComma([]byte(l)))) {
		out = append(out, strings.ToLower(strings.Trim(strings.TrimSpace(f), `"`)))
	}
	return out
}

// thousands writes n with commas: 4,812.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
