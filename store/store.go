package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Store is an open margin library. It is safe for concurrent use by many
// goroutines, and other processes may use the same file at the same time.
type Store struct {
	db   *sql.DB
	path string
	ro   bool
	// damaged is set once SQLite finds the file damaged: writing on
	// could spread the damage over what is still whole, so every write
	// after is refused (a salvage copies what can be read).
	damaged atomic.Bool
	// file is the library file as opened, to tell when another took its
	// place (see ErrGone).
	file fileID
}

// fileID names a file whatever its path: device and inode.
type fileID struct{ dev, ino uint64 }

// idOf is the file at path; a file system without inode numbers gives
// the zero fileID.
func idOf(path string) (fileID, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileID{}, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st.Ino == 0 {
		return fileID{}, nil
	}
	return fileID{uint64(st.Dev), st.Ino}, nil
}

// there refuses a write to a library whose file is no longer at its path
// (deleted, its folder removed, or another file moved there): SQLite
// would write to the open, deleted file and report success.
func (s *Store) there() error {
	if s.file == (fileID{}) {
		return nil
	}
	id, err := idOf(s.path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && id != (fileID{}) && id != s.file {
		return fmt.Errorf("library %s %w", s.path, ErrGone)
	}
	return nil // what cannot be told is left to SQLite
}

// Errors a caller can test for with errors.Is; their messages are the
// one-line explanations the user sees.
var (
	ErrBusy     = errors.New("library is busy (another margin is writing); try again")
	ErrReadOnly = errors.New("library is read-only")
	ErrDiskFull = errors.New("disk full while writing the library")
	// ErrDamaged is a library file SQLite cannot read: cut short, pages
	// overwritten, a damaged header. See Salvage.
	ErrDamaged = errors.New("library file is damaged")
	// ErrEmptyFile is a 0-byte file where a library should be: Open
	// refuses to make it a new library over what may have been the
	// user's.
	ErrEmptyFile = errors.New("library file is empty")
	// ErrGone is a library whose file was deleted, or replaced by another,
	// while it was open: a write would go to the deleted file, and be lost
	// when margin ends.
	ErrGone = errors.New("was deleted or replaced while margin ran; nothing was saved (start margin again on the library)")
)

// Option changes how Open opens a library.
type Option func(*options)

type options struct {
	busyTimeout time.Duration
	readOnly    bool
	// extraPragmas are appended to the DSN; tests use them to simulate a
	// full disk (max_page_count).
	extraPragmas []string
}

// WithBusyTimeout sets how long a writer waits for another writer before
// giving up with ErrBusy (default 5s).
func WithBusyTimeout(d time.Duration) Option {
	return func(o *options) { o.busyTimeout = d }
}

// ReadOnly opens the library without the right to write (and without
// migrating it); every write fails with ErrReadOnly.
func ReadOnly() Option {
	return func(o *options) { o.readOnly = true }
}

// DefaultPath is where the library lives when the user names none:
// $MARGIN_DB, else $XDG_DATA_HOME/margin/library.db, else
// $HOME/.local/share/margin/library.db.
func DefaultPath() (string, error) {
	if p := os.Getenv("MARGIN_DB"); p != "" {
		return p, nil
	}
	// The XDG spec says relative values are invalid and must be ignored.
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "margin", "library.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the library: %w (set MARGIN_DB or use --db)", err)
	}
	return filepath.Join(home, ".local", "share", "margin", "library.db"), nil
}

// dsn builds the modernc.org/sqlite data source name. Pragmas are per
// connection, so they go in the DSN, which the driver replays on every new
// connection of the pool.
//
// Durability: synchronous=NORMAL in WAL mode. A commit has been written to
// the WAL file (write(2), in the OS page cache) before COMMIT returns, so it
// survives the process being killed, even with SIGKILL; the WAL is fsynced
// at each checkpoint. Only an OS crash or power loss can lose the last few
// commits, and even then the database stays consistent (never corrupt).
// FULL would fsync on every commit, which costs a disk flush per highlight
// and per imported page; issue 7 asks for durability across a killed
// process, which NORMAL gives. The store test TestKilledWriterKeepsConfirmed
// proves it.
func dsn(path string, o options) string {
	var b strings.Builder
	b.WriteString("file:")
	b.WriteString(escapeURIPath(path))
	fmt.Fprintf(&b, "?_pragma=busy_timeout(%d)", o.busyTimeout.Milliseconds())
	if !o.readOnly {
		// Switching the journal is a write: a library that may not be
		// written (a backup copy, in SQLite's default journal) is read
		// in the mode it is in.
		b.WriteString("&_pragma=journal_mode(WAL)")
	}
	b.WriteString("&_pragma=foreign_keys(1)")
	b.WriteString("&_pragma=synchronous(NORMAL)")
	// Write transactions take the write lock when they begin, so they wait
	// (busy_timeout) instead of failing with SQLITE_BUSY_SNAPSHOT when a
	// read would have to be upgraded to a write. Read-only transactions
	// (sql.TxOptions{ReadOnly: true}) still begin DEFERRED.
	b.WriteString("&_txlock=immediate")
	for _, p := range o.extraPragmas {
		b.WriteString("&_pragma=")
		b.WriteString(p)
	}
	if o.readOnly {
		b.WriteString("&mode=ro")
	}
	return b.String()
}

// escapeURIPath percent-encodes the characters that would end or alter the
// path part of an SQLite URI filename.
func escapeURIPath(p string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(p)
}

// Open opens (creating if needed) the library at path and brings its
// schema up to date.
func Open(path string, opts ...Option) (*Store, error) {
	o := options{busyTimeout: 5 * time.Second}
	for _, f := range opts {
		f(&o)
	}
	if path == "" {
		return nil, errors.New("open library: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	s := &Store{path: abs, ro: o.readOnly}
	fail := func(err error) (*Store, error) {
		if s.db != nil {
			s.db.Close()
		}
		return nil, fmt.Errorf("open library %s: %w", abs, s.classify(err))
	}
	if !o.readOnly {
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return fail(err)
		}
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return fail(errors.New("is a directory"))
	} else if err == nil && fi.Size() == 0 {
		if err := waitForCreator(abs, fi, o.busyTimeout); err != nil {
			return fail(err)
		}
	} else if errors.Is(err, fs.ErrNotExist) && !o.readOnly {
		// Create the file ourselves so a new library is private (0600;
		// SQLite gives its -wal and -shm files the same mode). SQLite
		// has no connection to it yet, so closing it drops no locks; an
		// empty file is an empty database. If another margin created it
		// first, O_EXCL fails and we use theirs.
		if f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
			f.Close()
		} else if !errors.Is(err, fs.ErrExist) {
			return fail(err)
		}
	}
	// Switching a new file to WAL, and migrating it, can meet SQLite's
	// "busy" without its busy handler being consulted when several margins
	// start at once on a new library; so the whole opening is retried until
	// the busy timeout.
	deadline := time.Now().Add(o.busyTimeout)
	for {
		err := s.connect(abs, o)
		if err == nil {
			s.file, _ = idOf(abs)
			return s, nil
		}
		if !errors.Is(s.classify(err), ErrBusy) || time.Now().After(deadline) {
			return fail(err)
		}
		s.db.Close()
		s.db = nil
		time.Sleep(25 * time.Millisecond)
	}
}

// connect opens the database handle and brings its schema up to date.
func (s *Store) connect(abs string, o options) error {
	db, err := sql.Open("sqlite", dsn(abs, o))
	if err != nil {
		return err
	}
	s.db = db
	// A handful of connections is plenty: readers run in parallel under
	// WAL; writers serialise on the database lock anyway.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		return err
	}
	return s.migrate(ctx)
}

// Close closes the library.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close library %s: %w", s.path, err)
	}
	return nil
}

// Path is the absolute path of the library file.
func (s *Store) Path() string { return s.path }

// busyError, readOnlyError and fullError carry the user's one-line message
// while still unwrapping to the driver's error for whoever wants detail.
type busyError struct{ err error }

func (e busyError) Error() string        { return ErrBusy.Error() }
func (e busyError) Unwrap() []error      { return []error{ErrBusy, e.err} }
func (e busyError) Is(target error) bool { return target == ErrBusy }

type readOnlyError struct {
	path string
	err  error
}

func (e readOnlyError) Error() string {
	// A file that may be written in a folder that may not: SQLite needs
	// the folder for its -wal and -shm files beside the library.
	dir := filepath.Dir(e.path)
	if syscall.Access(e.path, 2 /* W_OK */) == nil && syscall.Access(dir, 2) != nil {
		return "library " + e.path + " cannot be written: its folder " + dir + " is read-only (SQLite keeps two files beside the library)"
	}
	return "library " + e.path + " is read-only"
}
func (e readOnlyError) Unwrap() []error      { return []error{ErrReadOnly, e.err} }
func (e readOnlyError) Is(target error) bool { return target == ErrReadOnly }

// damagedError is ErrDamaged with what SQLite found.
type damagedError struct {
	what string
	err  error
}

func (e damagedError) Error() string {
	return "the library file is damaged: " + e.what + "; " + SalvageAdvice
}

// SalvageAdvice is what to do about a damaged library.
const SalvageAdvice = "restore a backup, or run margin check --salvage NEW.db to copy every readable article and highlight into a new library"

func (e damagedError) Unwrap() []error      { return []error{ErrDamaged, e.err} }
func (e damagedError) Is(target error) bool { return target == ErrDamaged }

// shmError is a -shm file that could not grow, the disk not full.
type shmError struct {
	path string
	err  error
}

func (e shmError) Error() string {
	return "could not make room for the library's shared-memory file " + e.path + "-shm (over a quota, or a limit on file sizes: ulimit -f)"
}
func (e shmError) Unwrap() error { return e.err }

type fullError struct{ err error }

func (e fullError) Error() string        { return ErrDiskFull.Error() }
func (e fullError) Unwrap() []error      { return []error{ErrDiskFull, e.err} }
func (e fullError) Is(target error) bool { return target == ErrDiskFull }

// classify turns the SQLite and OS errors a user can do something about
// into clear messages; anything else is returned unchanged.
func (s *Store) classify(err error) error {
	return classifyErr(s.path, err)
}

func classifyErr(path string, err error) error {
	if err == nil {
		return nil
	}
	var be busyError
	var re readOnlyError
	var fe fullError
	var de damagedError
	if errors.As(err, &be) || errors.As(err, &re) || errors.As(err, &fe) || errors.As(err, &de) || errors.Is(err, ErrEmptyFile) {
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		code := se.Code()
		switch code & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return busyError{err}
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
			return readOnlyError{path, err}
		case sqlite3.SQLITE_FULL:
			return fullError{err}
		case sqlite3.SQLITE_CORRUPT:
			return damagedError{"SQLite finds its pages malformed (cut short, or overwritten)", err}
		case sqlite3.SQLITE_NOTADB:
			return damagedError{"it is not an SQLite database, or its header is damaged", err}
		case sqlite3.SQLITE_CANTOPEN:
			// CANTOPEN is what SQLite says when it may not create the
			// file or its -wal/-shm companions: check whether that is
			// a permission problem before calling it read-only.
			if dirReadOnly(path) {
				return readOnlyError{path, err}
			}
		case sqlite3.SQLITE_IOERR:
			// SQLite reports ENOSPC from write(2) as SQLITE_FULL, but a
			// failed fsync or truncate on a full disk can surface as an
			// I/O error, without the OS's words.
			if strings.Contains(strings.ToLower(se.Error()), "no space") || noSpace(path) {
				return fullError{err}
			}
			if code == sqlite3.SQLITE_IOERR_SHMSIZE {
				// Every command, reading too, needs the -shm file.
				return shmError{path, err}
			}
		}
		return err
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fullError{err}
	case errors.Is(err, syscall.EROFS), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return readOnlyError{path, err}
	}
	return err
}

// noSpace reports whether the library's file system has no room left.
func noSpace(path string) bool {
	var st syscall.Statfs_t
	return syscall.Statfs(filepath.Dir(path), &st) == nil && st.Bavail == 0
}

// dirReadOnly reports whether the library's folder (or file) refuses
// writes to this process.
func dirReadOnly(path string) bool {
	if err := syscall.Access(filepath.Dir(path), 2 /* W_OK */); err != nil {
		return true
	}
	if err := syscall.Access(path, 2); err != nil && !errors.Is(err, syscall.ENOENT) {
		return true
	}
	return false
}

// wrap prefixes err with what was being done, mapping SQLite errors to
// the messages above. ErrNotFound and context errors pass through.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	err = s.classify(err)
	var de damagedError
	if errors.As(err, &de) {
		s.damaged.Store(true)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// errWriteDamaged refuses a write to a library found damaged.
var errWriteDamaged = damagedError{what: "nothing more is written to it (margin check --repair mends a damaged search index)", err: errors.New("found damaged earlier")}

// write runs fn in one IMMEDIATE transaction and commits it; a returned
// nil means the change is durable (see dsn).
func (s *Store) write(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	if s.damaged.Load() {
		return fmt.Errorf("%s: %w", op, errWriteDamaged)
	}
	return s.writeAnyway(ctx, op, fn)
}

// writeAnyway is write, also on a library found damaged: for a repair.
func (s *Store) writeAnyway(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	if s.ro {
		return fmt.Errorf("%s: %w", op, readOnlyError{s.path, errors.New("opened read-only")})
	}
	if err := s.there(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(op, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.wrap(op, err)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap(op, err)
	}
	return nil
}

// Nanos and FromNanos are how the library writes a time (Unix
// nanoseconds, 0 for unknown or never): also what a compact row keeps.
func Nanos(t time.Time) int64 { return toNanos(t) }

// FromNanos reads a time written by Nanos.
func FromNanos(n int64) time.Time { return fromNanos(n) }

// Times are stored as Unix nanoseconds (0 = unknown/never) so they sort as
// integers and survive any locale.
func toNanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n)
}

// now is the clock; tests may replace it.
var now = time.Now
