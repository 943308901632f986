package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// source is a zip or a directory: named files read under the limits.
type source interface {
	label() string   // "pocket.zip", for messages
	names() []string // regular files, slash-separated, sorted
	// open reads one file; the reader fails (with a one-line error naming
	// the file) past maxEntryBytes, past the whole source's budget, or
	// when a zip entry expands suspiciously.
	open(name string) (io.ReadCloser, error)
	head(name string) ([]byte, error) // the first sniffBytes of a file
}

// budget is what one source may still read in all.
type budget struct{ left int64 }

// readAll reads a file of src whole, at most max bytes; past that it fails.
func readAll(src source, name string, max int64) ([]byte, error) {
	rc, err := src.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, limitf("%s: %s is larger than %d MiB", src.label(), name, max>>20)
	}
	return b, nil
}

// zipSource reads a zip through the guards.
type zipSource struct {
	name  string
	files map[string]*zip.File
	list  []string
	b     *budget
	at    *origin // the zip file, when it can be read again (Open)
}

func openZip(r io.ReaderAt, size int64, name string) (*zipSource, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%s: not a zip file, or a truncated one: %v", name, err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, fmt.Errorf("%s: more than %s entries; refusing", name, thousands(maxZipEntries))
	}
	z := &zipSource{name: name, files: map[string]*zip.File{}, b: &budget{maxTotalBytes}}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || strings.HasSuffix(f.Name, "/") {
			continue
		}
		n := cleanName(f.Name)
		if n == "" || z.files[n] != nil {
			continue
		}
		z.files[n] = f
		z.list = append(z.list, n)
	}
	sort.Strings(z.list)
	return z, nil
}

// cleanName makes an entry's name a clean slash path without a leading
// "./" or "/".
func cleanName(n string) string {
	n = strings.ReplaceAll(strings.ToValidUTF8(n, "\uFFFD"), "\\", "/")
	n = path.Clean("/" + n)
	return strings.TrimPrefix(n, "/")
}

func (z *zipSource) label() string   { return z.name }
func (z *zipSource) names() []string { return z.list }

func (z *zipSource) open(name string) (io.ReadCloser, error) {
	f := z.files[name]
	if f == nil {
		return nil, limitf("%s: no entry %s", z.name, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, limitf("%s: entry %s: %v", z.name, line(name), err)
	}
	return &guard{rc: rc, r: io.LimitReader(rc, maxEntryBytes+1), src: z.name, entry: line(name),
		comp: int64(f.CompressedSize64), zip: true, b: z.b}, nil
}

func (z *zipSource) head(name string) ([]byte, error) {
	rc, err := z.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, sniffBytes))
	return b, err
}

// limitError is a guard's refusal; it already names the zip or directory
// and the entry, so no layer wraps it again.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

func limitf(format string, args ...any) error { return &limitError{fmt.Sprintf(format, args...)} }

// wrap names the file in err, unless err is a limit's or a cancellation.
func wrap(name string, err error) error {
	var le *limitError
	if errors.As(err, &le) {
		return le
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s: %v", line(name), err)
}

// guard reads one entry and refuses what a zip bomb would make of it.
type guard struct {
	rc    io.Closer
	r     io.Reader
	src   string
	entry string
	n     int64
	comp  int64
	zip   bool
	b     *budget
}

func (g *guard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.n += int64(n)
	g.b.left -= int64(n)
	switch {
	case g.n > maxEntryBytes && g.zip:
		return n, limitf("%s: entry %s expands past %d MiB; refusing a zip bomb", g.src, g.entry, maxEntryBytes>>20)
	case g.n > maxEntryBytes:
		return n, limitf("%s: %s is larger than %d MiB", g.src, g.entry, maxEntryBytes>>20)
	case g.b.left < 0:
		return n, limitf("%s: its files expand past %d GiB in all; refusing", g.src, maxTotalBytes>>30)
	case g.zip && g.n > 1<<20 && g.n > maxRatio*max(g.comp, 1):
		return n, limitf("%s: entry %s expands more than %d times; refusing a zip bomb", g.src, g.entry, maxRatio)
	}
	if err != nil && err != io.EOF {
		return n, limitf("%s: entry %s: %v", g.src, g.entry, err)
	}
	return n, err
}

func (g *guard) Close() error { return g.rc.Close() }

// dirSource reads an unpacked export.
type dirSource struct {
	root string
	name string
	list []string
	b    *budget
	at   *origin // the directory, when its files are read lazily (Open)
}

func openDir(root, name string) (*dirSource, error) {
	d := &dirSource{root: root, name: name, b: &budget{maxTotalBytes}}
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.Type().IsRegular() {
			return nil
		}
		if len(d.list) >= maxZipEntries {
			return fmt.Errorf("more than %s files; refusing", thousands(maxZipEntries))
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		d.list = append(d.list, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, unwrapPathError(err))
	}
	sort.Strings(d.list)
	return d, nil
}

func (d *dirSource) label() string   { return d.name }
func (d *dirSource) names() []string { return d.list }

func (d *dirSource) open(name string) (io.ReadCloser, error) {
	f, err := os.Open(filepath.Join(d.root, filepath.FromSlash(name)))
	if err != nil {
		return nil, limitf("%s: %s: %v", d.name, line(name), unwrapPathError(err))
	}
	return &guard{rc: f, r: io.LimitReader(f, maxEntryBytes+1), src: d.name, entry: line(name), b: d.b}, nil
}

func (d *dirSource) head(name string) ([]byte, error) {
	rc, err := d.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, sniffBytes))
}

// memSource is a zip held inside another (Readeck keeps a bookmark's
// files in one); it is opened from bytes already read under the limits.
func openInnerZip(data []byte, name string, b *budget) (*zipSource, error) {
	z, err := openZip(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		return nil, err
	}
	z.b = b
	return z, nil
}

// base is a slash path's last element.
func base(n string) string { return path.Base(n) }
