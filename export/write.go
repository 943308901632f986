package export

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"go.yaml.in/yaml/v3"

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

// The outcomes of a write.
const (
	Written   = "written"   // a new file
	Updated   = "updated"   // margin's part of the file was brought up to date
	Unchanged = "unchanged" // the file already had exactly this content
	Conflict  = "conflict"  // the file could not be merged; nothing was written
)

// Result says where an export went and what happened to the file there.
type Result struct {
	Path   string // the article's export file
	Status string // Written, Updated, Unchanged or Conflict
	// Others are further files in the folder with the same margin_id
	// (copies the user made); margin left them alone.
	Others []string
}

// ConflictError says an export could not be merged into the user's file,
// and what the user can do; the file was left as it was.
type ConflictError struct {
	Path   string
	Reason string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("export %s: %s; margin left the file as it was", e.Path, e.Reason)
}

// Layout says where a new export goes inside the export folder. Both are
// templates with {{title}}, {{date}} (the day it was saved, 2006-01-02),
// {{site}} and {{id}}; Folder may hold "/" between folder names. A file
// margin exported before is found again by its margin_id wherever it was
// moved or renamed, so a layout only places new files.
type Layout struct {
	Name   string // default "{{title}}"
	Folder string // default "" (the export folder itself)
}

// CheckLayout reports a layout template that uses an unknown placeholder.
func CheckLayout(tmpl string) error {
	rest := tmpl
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			return nil
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			return fmt.Errorf("%q: a {{ without }}", tmpl)
		}
		switch strings.TrimSpace(rest[i+2 : i+j]) {
		case "title", "date", "site", "id":
		default:
			return fmt.Errorf("%q: unknown placeholder %s (known: {{title}}, {{date}}, {{site}}, {{id}})", tmpl, rest[i:i+j+2])
		}
		rest = rest[i+j+2:]
	}
}

// expand fills a layout template for a, each value made safe as a name.
func expand(tmpl string, a *store.Article) string {
	var date string
	if !a.Added.IsZero() {
		date = a.Added.Format(time.DateOnly)
	}
	r := strings.NewReplacer("{{title}}", cleanName(a.Title), "{{ title }}", cleanName(a.Title),
		"{{date}}", date, "{{ date }}", date,
		"{{site}}", cleanName(a.Site()), "{{ site }}", cleanName(a.Site()),
		"{{id}}", strconv.FormatInt(a.ID, 10), "{{ id }}", strconv.FormatInt(a.ID, 10))
	return r.Replace(tmpl)
}

// relPath is where a new export of a goes, relative to the export folder.
func (l Layout) relPath(a *store.Article, ext string) string {
	name := FileName(a, ext)
	if l.Name != "" {
		if stem := cleanName(expand(l.Name, a)); stem != "" {
			name = stem
			if e := cleanExt(ext); e != "" {
				name += "." + e
			}
		}
	}
	var parts []string
	for _, p := range strings.Split(expand(l.Folder, a), "/") {
		if p = cleanName(p); p != "" {
			parts = append(parts, p)
		}
	}
	return filepath.Join(append(parts, name)...)
}

// Folder is an export folder opened for writing. Every access goes through
// os.Root, so nothing outside it is touched, even through a symlink planted
// inside it.
type Folder struct {
	dir  string
	root *os.Root
	rec  Records
	// byID maps an article id to the files (relative paths) whose front
	// matter (or JSON collection id) names it; built on first use.
	byID map[int64][]string
}

// OpenFolder creates dir if need be and opens it. rec, which may be nil,
// remembers what margin last wrote where. Only dir itself is made: a
// missing parent is more often a mistyped path than a wish for a new tree.
func OpenFolder(dir string, rec Records) (*Folder, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("export folder %s: %w", dir, err)
	}
	if err := os.Mkdir(abs, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		if parent := filepath.Dir(abs); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no export folder %s: %s does not exist (check the path, or make it first)", abs, parent)
		}
		return nil, folderError(abs, err)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, folderError(abs, err)
	}
	return &Folder{dir: abs, root: root, rec: rec}, nil
}

// Close releases the folder.
func (f *Folder) Close() error { return f.root.Close() }

// WriteFile exports one article into dir with the default layout: see
// Folder.Write.
func WriteFile(ctx context.Context, dir string, a *store.Article, data []byte, ext string, rec Records) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	f, err := OpenFolder(dir, rec)
	if err != nil {
		return Result{}, err
	}
	defer f.Close()
	return f.Write(ctx, a, data, ext, Layout{})
}

// Write puts an article's export in the folder. The article's file is
// found again by the margin_id in its front matter (for JSON, the
// collection id) wherever the user moved or renamed it inside the folder.
// In a Markdown file only the margin region is replaced and the front
// matter's margin keys updated: the user's text above and below the region
// stays byte for byte, and keys the user added stay. A file that cannot be
// merged (the region was edited or its markers removed, the front matter
// is not YAML) is left as it is and a *ConflictError says why. Without a
// file of its own the export goes where the layout says; a name taken by
// another file gets " (ID)". Content always goes to a hidden temporary file
// in the same folder that is synced and renamed over the target, so a
// crash leaves the old file or the new one, never half of one.
func (f *Folder) Write(ctx context.Context, a *store.Article, data []byte, ext string, l Layout) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	if a == nil {
		return Result{}, fmt.Errorf("export: no article")
	}
	if err := f.scan(ctx); err != nil {
		return Result{}, err
	}
	e := "." + cleanExt(ext)
	var found []string
	for _, p := range f.byID[a.ID] {
		if strings.EqualFold(filepath.Ext(p), e) {
			found = append(found, p)
		}
	}
	w := writer{ctx: ctx, root: f.root, dir: f.dir, id: a.ID, rec: f.rec, data: data, hash: sum(data)}
	if len(found) > 0 {
		rel := found[0]
		want := l.relPath(a, ext)
		for _, p := range found {
			if p == want {
				rel = p
			}
		}
		res := Result{Path: filepath.Join(f.dir, rel)}
		for _, p := range found {
			if p != rel {
				res.Others = append(res.Others, filepath.Join(f.dir, p))
			}
		}
		st, err := w.update(rel, e == ".md")
		res.Status = st
		return res, err
	}
	rel := l.relPath(a, ext)
	for _, cand := range []string{rel, strings.TrimSuffix(rel, e) + " (" + strconv.FormatInt(a.ID, 10) + ")" + e} {
		_, err := f.root.Lstat(cand)
		if err == nil {
			continue // another article's or the user's own file
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return Result{}, fmt.Errorf("export %s: %w", filepath.Join(f.dir, cand), err)
		}
		if d := filepath.Dir(cand); d != "." {
			if err := f.root.MkdirAll(d, 0o755); err != nil {
				return Result{}, folderError(filepath.Join(f.dir, d), err)
			}
		}
		if err := w.write(cand, 0o644); err != nil {
			return Result{}, err
		}
		f.byID[a.ID] = append(f.byID[a.ID], cand)
		return Result{Path: filepath.Join(f.dir, cand), Status: Written}, w.record(filepath.Join(f.dir, cand))
	}
	return Result{}, fmt.Errorf("export %s: the name is taken by other files; move them or set another name template", filepath.Join(f.dir, rel))
}

// maxScan bounds how many entries the search for exported files visits.
const maxScan = 200_000

// scan indexes the folder's exports by article id (once), and removes
// margin's stale temporary files on the way.
func (f *Folder) scan(ctx context.Context) error {
	if f.byID != nil {
		return nil
	}
	f.byID = map[int64][]string{}
	n := 0
	err := fs.WalkDir(f.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // an unreadable corner is not ours
		}
		if n++; n > maxScan {
			return fmt.Errorf("more than %d files", maxScan)
		}
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		name := d.Name()
		if d.IsDir() {
			// .obsidian, .trash, .git: not the user's notes.
			if p != "." && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, tmpPrefix) {
			f.removeStale(p, d)
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".md" && ext != ".json" {
			return nil
		}
		if id := f.exportID(p, ext); id != 0 {
			f.byID[id] = append(f.byID[id], p)
		}
		return nil
	})
	if err != nil {
		f.byID = nil
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("export folder %s: look for earlier exports: %w", f.dir, err)
	}
	for _, ps := range f.byID {
		slices.Sort(ps)
	}
	return nil
}

// headSize is how much of a file is read to find its margin_id: first a
// little (most notes have short front matter, or none), then more only for
// front matter that has not ended yet.
const (
	headSmall = 4 << 10
	headSize  = 64 << 10
)

var jsonCollectionID = regexp.MustCompile(`"id":\s*"urn:margin:article:([0-9]+)"`)

// exportID returns the article id a file was exported for, 0 if none.
func (f *Folder) exportID(p, ext string) int64 {
	fh, err := f.root.Open(p)
	if err != nil {
		return 0
	}
	defer fh.Close()
	buf := make([]byte, headSmall)
	k, _ := io.ReadFull(fh, buf)
	head := string(buf[:k])
	if ext == ".json" {
		if m := jsonCollectionID.FindStringSubmatch(head); m != nil {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			return id
		}
		return 0
	}
	if !strings.HasPrefix(head, "---") {
		return 0
	}
	fm, _ := splitFrontMatter(head)
	if fm == "" && k == headSmall {
		more := make([]byte, headSize-headSmall)
		n, _ := io.ReadFull(fh, more)
		head += string(more[:n])
		fm, _ = splitFrontMatter(head)
	}
	if !strings.Contains(fm, "margin_id") {
		return 0
	}
	var v struct {
		MarginID int64 `yaml:"margin_id"`
	}
	if yaml.Unmarshal([]byte(fm), &v) != nil {
		return 0
	}
	return v.MarginID
}

// tmpPrefix starts the name of margin's temporary files: hidden (a dot
// name), so a vault never shows them, and followed by the writing
// process's id.
const tmpPrefix = ".margin-tmp-"

// staleAge is how old a temporary file of an older margin (no process id
// in its name) must be before it counts as left behind.
const staleAge = time.Minute

// removeStale deletes a temporary file left by an export that died: its
// process no longer exists (or, for an older name without a process id, it
// is over a minute old).
func (f *Folder) removeStale(p string, d fs.DirEntry) {
	rest := strings.TrimPrefix(d.Name(), tmpPrefix)
	if pidStr, _, ok := strings.Cut(rest, "-"); ok {
		pid, err := strconv.Atoi(pidStr)
		if err != nil || pid <= 0 || pid == os.Getpid() || processAlive(pid) {
			return
		}
	} else {
		info, err := d.Info()
		if err != nil || time.Since(info.ModTime()) < staleAge {
			return
		}
	}
	_ = f.root.Remove(p)
}

// processAlive reports whether a process with this id exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
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

// update brings the export file at rel up to date: merged when it is
// Markdown, replaced when it is margin's JSON that nobody changed.
func (w *writer) update(rel string, markdown bool) (string, error) {
	path := filepath.Join(w.dir, rel)
	fi, err := w.root.Lstat(rel)
	if err != nil {
		return "", fmt.Errorf("export %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("export %s: refusing to write, it is not a regular file", path)
	}
	cur, err := w.root.ReadFile(rel)
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
	var out []byte
	if markdown {
		merged, reason := mergeMarkdown(string(cur), string(w.data), last != "" && last == sum(cur))
		if reason != "" {
			return Conflict, &ConflictError{Path: path, Reason: reason}
		}
		out = []byte(merged)
	} else {
		if last != "" && last != sum(cur) {
			return Conflict, &ConflictError{Path: path, Reason: "it was changed since margin wrote it (a JSON export is margin's whole file: move it away to keep your version)"}
		}
		out = w.data
	}
	if bytes.Equal(out, cur) {
		return Unchanged, w.record(path)
	}
	if fi.Mode().Perm()&0o222 == 0 {
		// The rename would replace it all the same: a file made
		// read-only is one its owner wants kept as it is.
		return Conflict, &ConflictError{Path: path, Reason: "it is read-only; make it writable to let margin update it"}
	}
	w.data, w.hash = out, sum(out)
	if err := w.write(rel, fi.Mode().Perm()); err != nil {
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
	tmp := filepath.Join(filepath.Dir(name), tmpPrefix+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(rnd[:]))
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
	if d, derr := w.root.Open(filepath.Dir(name)); derr == nil {
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
