package export

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"margin/store"
)

// Records remembers what margin last wrote to each export path (the store
// implements it), so a re-export can tell its own file from one the user
// has edited since.
type Records interface {
	// ExportHash returns the sha256 (hex) last written to path, "" if none.
	ExportHash(ctx context.Context, path string) (string, error)
	// SetExportHash records the sha256 (hex) just written to path.
	SetExportHash(ctx context.Context, path string, articleID int64, hash string) error
}

// The outcomes of WriteFile.
const (
	Written   = "written"    // a new file
	Updated   = "updated"    // replaced a file margin wrote and nobody changed
	Unchanged = "unchanged"  // the file already had exactly this content
	KeptYours = "kept-yours" // the user changed the file: kept it, wrote beside it
)

// Result says where an export went and what happened to the file there.
type Result struct {
	Path   string // the article's export file
	Status string // Written, Updated, Unchanged or KeptYours
	Beside string // with KeptYours: the file written next to the user's
}

// maxBeside bounds the search for a free "name.margin-N.ext".
const maxBeside = 100

// WriteFile writes an article's export into dir under FileName(a, ext).
// Every access goes through os.Root, so nothing outside dir is touched, even
// through a symlink planted inside it. The content goes to a temporary file
// in dir that is synced and then renamed over the target, so a crash leaves
// the old file or the new one, never half of one. A file margin wrote before
// (its sha256 matches the record) is replaced; a file the user edited (or
// one margin has no record of) is kept, and the export is written beside it
// as "name.margin-N.ext". rec may be nil: then every existing file counts as
// the user's.
func WriteFile(ctx context.Context, dir string, a *store.Article, data []byte, ext string, rec Records) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Result{}, fmt.Errorf("export folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return Result{}, folderError(abs, err)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return Result{}, folderError(abs, err)
	}
	defer root.Close()

	var id int64
	if a != nil {
		id = a.ID
	}
	w := writer{ctx: ctx, root: root, dir: abs, id: id, rec: rec, data: data, hash: sum(data)}
	name := FileName(a, ext)
	res := Result{Path: filepath.Join(abs, name)}
	st, err := w.place(name)
	if err != nil {
		return res, err
	}
	if st != KeptYours {
		res.Status = st
		return res, nil
	}

	// The user's file stays. Write beside it: reuse a beside file margin
	// wrote before, else take the first free number.
	stem, e := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		stem, e = name[:i], name[i:]
	}
	for n := 1; n <= maxBeside; n++ {
		b := stem + ".margin-" + strconv.Itoa(n) + e
		st, err := w.place(b)
		if err != nil {
			return res, err
		}
		if st != KeptYours {
			res.Status = KeptYours
			res.Beside = filepath.Join(abs, b)
			return res, nil
		}
	}
	return res, fmt.Errorf("export %s: you edited it and %d copies beside it; move some away", res.Path, maxBeside)
}

type writer struct {
	ctx  context.Context
	root *os.Root
	dir  string
	id   int64
	rec  Records
	data []byte
	hash string
}

// place writes w.data to name unless name holds a file margin did not write
// (or wrote and the user changed): then it returns KeptYours and writes
// nothing.
func (w *writer) place(name string) (string, error) {
	path := filepath.Join(w.dir, name)
	fi, err := w.root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := w.write(name, 0o644); err != nil {
			return "", err
		}
		return Written, w.record(path)
	case err != nil:
		return "", fmt.Errorf("export %s: %w", path, err)
	case !fi.Mode().IsRegular():
		// A symlink or device where the export goes is not ours to
		// follow or replace.
		kind := "not a regular file"
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			kind = "a symbolic link"
		case fi.IsDir():
			kind = "a folder"
		}
		return "", fmt.Errorf("export %s: refusing to write, it is %s", path, kind)
	}
	cur, err := w.root.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("export %s: read the existing file: %w", path, err)
	}
	if bytes.Equal(cur, w.data) {
		return Unchanged, w.record(path)
	}
	var last string
	if w.rec != nil {
		if last, err = w.rec.ExportHash(w.ctx, path); err != nil {
			return "", fmt.Errorf("export %s: look up the last export: %w", path, err)
		}
	}
	if last == "" || last != sum(cur) {
		return KeptYours, nil
	}
	if err := w.write(name, fi.Mode().Perm()); err != nil {
		return "", err
	}
	return Updated, w.record(path)
}

// write puts w.data at name atomically: a temporary file in the same
// folder, synced, renamed over name, then the folder synced.
func (w *writer) write(name string, perm fs.FileMode) (err error) {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := ".margin-tmp-" + hex.EncodeToString(rnd[:])
	f, err := w.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return folderError(w.dir, err)
	}
	defer func() {
		if err != nil {
			_ = w.root.Remove(tmp)
		}
	}()
	if _, err = f.Write(w.data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", filepath.Join(w.dir, name), err)
	}
	if err = w.root.Rename(tmp, name); err != nil {
		return fmt.Errorf("export %s: %w", filepath.Join(w.dir, name), err)
	}
	// Sync the folder so the rename itself survives a crash. Best effort:
	// some file systems refuse to sync a directory.
	if d, derr := w.root.Open("."); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

func (w *writer) record(path string) error {
	if w.rec == nil {
		return nil
	}
	if err := w.rec.SetExportHash(w.ctx, path, w.id, w.hash); err != nil {
		return fmt.Errorf("export %s: record the export: %w", path, err)
	}
	return nil
}

// folderError turns a failure to create or write in the export folder into
// one clear line naming the folder.
func folderError(dir string, err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("cannot write to export folder %s: it is read-only or not yours", dir)
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("cannot use export folder %s: it is not a folder", dir)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("cannot write to export folder %s: the disk is full", dir)
	}
	return fmt.Errorf("export folder %s: %w", dir, err)
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
