package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// An export opened from disk (Open) does not hold its articles' HTML: the
// parse notes where each item's content lives (a file of the directory,
// an entry of the zip, an entry of the wallabag JSON) and checks it can
// be read, and Item.TakeContent reads it when the import needs it. So an
// import of 10,000 stored articles holds one article's HTML per worker,
// not all of them. Parse (bytes in memory) keeps the content in
// Item.Content.

// origin is the export file or directory an item's content is read back
// from.
type origin struct {
	path  string // the zip, the directory, or the JSON file
	label string // what messages call it: the name the parse used
	dir   bool
	size  int64     // a file's size and time when it was parsed: a file
	mod   time.Time // changed since is not read at the old offsets
}

func newOrigin(path, label string) (*origin, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label, unwrapPathError(err))
	}
	return &origin{path: path, label: label, dir: st.IsDir(), size: st.Size(), mod: st.ModTime()}, nil
}

// open opens the origin file, refusing one that changed since the parse.
func (o *origin) open() (*os.File, error) {
	f, err := os.Open(o.path)
	if err != nil {
		return nil, limitf("%s: %v", o.label, unwrapPathError(err))
	}
	st, err := f.Stat()
	if err != nil || st.Size() != o.size || !st.ModTime().Equal(o.mod) {
		f.Close()
		return nil, limitf("%s: changed since it was read; import it again", o.label)
	}
	return f, nil
}

// contentRef is where an item's content lives.
type contentRef struct {
	at    *origin
	name  string    // the file (directory) or entry (zip) holding the content
	entry *zipEntry // zip: where the entry's data is
	inner string    // the page inside the zip held in name (Readeck's container.zip)
	// start and end are a wallabag entry's bytes in the JSON file (end 0
	// when the content is a file), or its content string's when str.
	start, end int64
	str        bool
}

// zipEntry is what reading one entry of a zip needs, without the zip's
// directory.
type zipEntry struct {
	off, comp, size int64 // the data's offset in the file, its sizes
	method          uint16
	crc             uint32
}

// HasContent says the export carries the item's content (read or not).
func (it *Item) HasContent() bool { return it.Content != "" || it.ref != nil }

// TakeContent returns the item's content, reading it from the export
// when the parse left it there, and drops the item's hold on it: a second
// call returns "". An error (the file vanished, or changed, or is broken
// since the parse) concerns this item only; the content is then "".
// A cancelled ctx leaves the item as it was.
func (it *Item) TakeContent(ctx context.Context) (string, error) {
	if it.Content == "" && it.ref != nil && ctx.Err() != nil {
		return "", ctx.Err()
	}
	s, r := it.Content, it.ref
	it.Content, it.ref = "", nil
	if s != "" || r == nil {
		return s, nil
	}
	s, err := r.load()
	if err != nil {
		return "", errors.New(line(err.Error()))
	}
	return s, nil
}

// load reads the content under the parse's limits.
func (r *contentRef) load() (string, error) {
	var b []byte
	var err error
	switch {
	case r.end > 0:
		b, err = r.loadJSON()
	case r.at.dir:
		b, err = readAll(&dirSource{root: r.at.path, name: r.at.label, b: &budget{maxTotalBytes}}, r.name, maxEntryBytes)
	default:
		b, err = readAll(&entrySource{r: r, b: &budget{maxTotalBytes}}, r.name, maxEntryBytes)
	}
	if err == nil && r.inner != "" {
		var inner *zipSource
		inner, err = openInnerZip(b, r.at.label+": "+r.name, &budget{maxTotalBytes})
		if err == nil {
			b, err = readAll(inner, r.inner, maxEntryBytes)
		}
	}
	if err != nil {
		return "", err
	}
	if len(b) > maxContentBytes {
		return "", fmt.Errorf("%s: %s: the content is larger than %d MiB now", r.at.label, r.name, maxContentBytes>>20)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD"), nil
}

// loadJSON decodes a wallabag entry's content again from its bytes: read
// whole (the parse measured them) and decoded once into a string, which
// scans the content twice where a Decoder and flexString scanned it five
// times (a fifth of an import's CPU went there).
func (r *contentRef) loadJSON() ([]byte, error) {
	f, err := r.at.open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, r.end-r.start)
	if _, err := f.ReadAt(b, r.start); err != nil {
		return nil, fmt.Errorf("%s: %v", r.name, err)
	}
	if r.str {
		s, err := unquote(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", r.name, err)
		}
		return s, nil
	}
	// The span starts where the previous entry ended: a comma and spaces
	// come before this one.
	b = bytes.TrimLeft(b, ", \t\r\n")
	var e struct {
		Content string `json:"content"`
	}
	err = json.Unmarshal(b, &e)
	if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) {
		// Not a string: the parse took it as flexString does.
		var alt struct {
			Content flexString `json:"content"`
		}
		err = json.Unmarshal(b, &alt)
		e.Content = string(alt.Content)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s", r.name, jsonErr(err))
	}
	return []byte(e.Content), nil
}

// entrySource reads the one zip entry a contentRef names.
type entrySource struct {
	r *contentRef
	b *budget
}

func (s *entrySource) label() string   { return s.r.at.label }
func (s *entrySource) names() []string { return []string{s.r.name} }

func (s *entrySource) head(name string) ([]byte, error) {
	return nil, limitf("%s: no entry %s", s.label(), line(name))
}

func (s *entrySource) open(name string) (io.ReadCloser, error) {
	e := s.r.entry
	if name != s.r.name || e == nil {
		return nil, limitf("%s: no entry %s", s.label(), line(name))
	}
	f, err := s.r.at.open()
	if err != nil {
		return nil, err
	}
	var rc io.ReadCloser
	sec := io.NewSectionReader(f, e.off, e.comp)
	switch e.method {
	case zip.Store:
		rc = io.NopCloser(sec)
	case zip.Deflate:
		rc = flate.NewReader(sec)
	default:
		f.Close()
		return nil, limitf("%s: entry %s: %v", s.label(), line(name), zip.ErrAlgorithm)
	}
	chk := &checked{r: rc, h: crc32.NewIEEE(), want: e.crc, size: e.size}
	return &guard{rc: multiCloser{rc, f}, r: io.LimitReader(chk, maxEntryBytes+1), src: s.label(), entry: line(name),
		comp: e.comp, zip: true, b: s.b}, nil
}

// checked holds an entry's data to its size and checksum, as archive/zip
// does.
type checked struct {
	r    io.Reader
	h    hash.Hash32
	n    int64
	want uint32
	size int64
}

func (c *checked) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	if c.n > c.size {
		return n, zip.ErrFormat
	}
	if err == io.EOF {
		if c.n != c.size {
			return n, io.ErrUnexpectedEOF
		}
		if c.want != 0 && c.h.Sum32() != c.want {
			return n, zip.ErrChecksum
		}
	}
	return n, err
}

type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var first error
	for _, c := range m {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// stored is an item's content at name in src: read now (src has no
// origin: Parse), or checked readable and noted (Open). Content past
// maxContentBytes, or empty, is none: the runner fetches the URL. An
// error is a limit's and ends the parse, as it does when the content is
// read at once.
func stored(src source, name string) (string, *contentRef, error) {
	ref := locate(src, name)
	if ref == nil {
		b, err := readAll(src, name, maxEntryBytes)
		if err != nil || len(b) > maxContentBytes {
			return "", nil, err
		}
		return string(b), nil, nil
	}
	n, err := readCount(src, name, maxEntryBytes)
	if err != nil || n == 0 || n > maxContentBytes {
		return "", nil, err
	}
	return "", ref, nil
}

// readCount reads a file of src through and counts its bytes, as readAll
// would read it.
func readCount(src source, name string, max int64) (int64, error) {
	rc, err := src.open(name)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rc, max+1))
	if err != nil {
		return 0, err
	}
	if n > max {
		return 0, limitf("%s: %s is larger than %d MiB", src.label(), name, max>>20)
	}
	return n, nil
}

// locate is where name lives in src when src can be read again later
// (it was opened from disk), else nil.
func locate(src source, name string) *contentRef {
	switch s := src.(type) {
	case *dirSource:
		if s.at != nil {
			return &contentRef{at: s.at, name: name}
		}
	case *zipSource:
		if s.at == nil {
			return nil
		}
		f := s.files[name]
		if f == nil {
			return nil
		}
		off, err := f.DataOffset()
		if err != nil {
			return nil
		}
		return &contentRef{at: s.at, name: name, entry: &zipEntry{off: off, comp: int64(f.CompressedSize64),
			size: int64(f.UncompressedSize64), method: f.Method, crc: f.CRC32}}
	}
	return nil
}

// fileOrigin is the origin of one plain file of a directory source (a
// wallabag JSON in a folder), or nil.
func fileOrigin(src source, name string) *origin {
	d, ok := src.(*dirSource)
	if !ok || d.at == nil {
		return nil
	}
	o, err := newOrigin(filepath.Join(d.root, filepath.FromSlash(name)), line(name))
	if err != nil {
		return nil
	}
	return o
}
