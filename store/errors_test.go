package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestLockedPastTimeoutSaysBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.db")
	s, err := Open(path, WithBusyTimeout(150*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	id := mustAdd(t, s, sample("u:1", "t", "x"))

	// Another connection (as another margin would) holds the write lock.
	other := rawDB(t, path)
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, _, err = s.AddArticle(ctx, sample("u:2", "t", "x"))
	waited := time.Since(start)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("AddArticle under lock: %v", err)
	}
	if want := "library is busy (another margin is writing); try again"; !strings.HasSuffix(err.Error(), want) {
		t.Errorf("message %q does not end with %q", err, want)
	}
	if waited < 100*time.Millisecond {
		t.Errorf("gave up after %v, before the busy timeout", waited)
	}
	for name, f := range map[string]func() error{
		"highlight": func() error { _, err := s.AddHighlight(ctx, &Highlight{ArticleID: id}); return err },
		"setting":   func() error { return s.SetSetting(ctx, "k", "v") },
		"position":  func() error { return s.SetPosition(ctx, id, 0, 1, 0.1) },
	} {
		if err := f(); !errors.Is(err, ErrBusy) {
			t.Errorf("%s under lock: %v", name, err)
		}
	}
	// Readers are not blocked by a writer under WAL.
	if _, err := s.Article(ctx, id); err != nil {
		t.Errorf("read under lock: %v", err)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	conn.Close()
	if _, _, err := s.AddArticle(ctx, sample("u:2", "t", "x")); err != nil {
		t.Errorf("after the lock is released: %v", err)
	}
}

func TestReadOnlyLibrary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, sample("u:1", "t", "x"))
	s.Close()
	ctx := context.Background()
	wantMsg := "library " + path + " is read-only"

	// 1. Opened read-only by choice (mode=ro): reads work, writes say so.
	ro, err := Open(path, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ro.Count(ctx); err != nil || n != 1 {
		t.Errorf("read-only Count = %d, %v", n, err)
	}
	if _, _, err := ro.AddArticle(ctx, sample("u:2", "t", "x")); !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), wantMsg) {
		t.Errorf("write to read-only store: %v", err)
	}
	if r, err := ro.Check(ctx); err != nil || r.Integrity != "ok" {
		t.Errorf("Check read-only: %+v %v", r, err)
	}
	ro.Close()

	// 2. SQLite itself refusing the write (what a read-only file or mount
	// produces), which must map to the same message.
	q, err := Open(path, func(o *options) { o.extraPragmas = append(o.extraPragmas, "query_only(1)") })
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = q.AddArticle(ctx, sample("u:2", "t", "x"))
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), wantMsg) {
		t.Errorf("SQLite read-only error: %v", err)
	}
	q.Close()

	// 3. Real file permissions, which root ignores.
	if os.Geteuid() == 0 {
		t.Log("running as root: chmod cannot make the library read-only; covered by 1, 2 and TestClassify")
		return
	}
	dir := filepath.Dir(path)
	os.Chmod(path, 0o444)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	s, err = Open(path)
	if err != nil {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("open read-only file: %v", err)
		}
		return
	}
	defer s.Close()
	if _, _, err := s.AddArticle(ctx, sample("u:3", "t", "x")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write to read-only file: %v", err)
	}
}

func TestDiskFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, sample("u:1", "t", "x"))
	var pages int
	s.db.QueryRow("PRAGMA page_count").Scan(&pages)
	s.Close()
	ctx := context.Background()

	// max_page_count makes SQLite report SQLITE_FULL exactly as a full
	// disk does.
	s, err = Open(path, func(o *options) {
		o.extraPragmas = append(o.extraPragmas, fmt.Sprintf("max_page_count(%d)", pages+2))
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	big := sample("u:big", "big", strings.Repeat("many words of text ", 50000))
	_, _, err = s.AddArticle(ctx, big)
	if !errors.Is(err, ErrDiskFull) || !strings.HasSuffix(err.Error(), "disk full while writing the library") {
		t.Fatalf("full disk: %v", err)
	}
	// Nothing half-written; the library still works.
	if n, _ := s.Count(ctx); n != 1 {
		t.Errorf("Count = %d after a failed write", n)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("Check after full disk: %+v %v", r, err)
	}
}

func TestClassify(t *testing.T) {
	p := "/lib.db"
	cases := []struct {
		err  error
		is   error
		want string
	}{
		{&fs.PathError{Op: "mkdir", Path: "/x", Err: syscall.EROFS}, ErrReadOnly, "library /lib.db is read-only"},
		{&fs.PathError{Op: "mkdir", Path: "/x", Err: syscall.EACCES}, ErrReadOnly, "library /lib.db is read-only"},
		{&fs.PathError{Op: "write", Path: "/x", Err: syscall.ENOSPC}, ErrDiskFull, "disk full while writing the library"},
		{errors.New("other"), nil, "other"},
	}
	for _, c := range cases {
		got := classifyErr(p, c.err)
		if c.is != nil && !errors.Is(got, c.is) {
			t.Errorf("%v: not %v", c.err, c.is)
		}
		if got.Error() != c.want {
			t.Errorf("%v: message %q, want %q", c.err, got, c.want)
		}
		// Still unwraps to the cause, for whoever wants detail.
		if !errors.Is(got, c.err) {
			t.Errorf("%v: cause lost", c.err)
		}
	}
	if classifyErr(p, nil) != nil {
		t.Error("nil error classified")
	}
}

func TestOpenInUnwritablePlace(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not apply (see TestClassify)")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	_, err := Open(filepath.Join(dir, "sub", "lib.db"))
	if !errors.Is(err, ErrReadOnly) {
		t.Errorf("open in read-only folder: %v", err)
	}
}

// A backup copy (SQLite's default rollback journal, not WAL) kept
// read-only could not be opened at all: the read-only opening switched
// its journal to WAL first, which is a write.
func TestReadOnlyOpensARollbackJournalLibrary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, sample("u:1", "t", "x"))
	backup := filepath.Join(dir, "backup.db")
	if _, err := s.db.Exec(`VACUUM INTO ?`, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := Open(backup, ReadOnly())
	if err != nil {
		t.Fatalf("read-only backup: %v", err)
	}
	defer ro.Close()
	if n, err := ro.Count(context.Background()); err != nil || n != 1 {
		t.Errorf("Count = %d, %v", n, err)
	}
	var mode string
	ro.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode == "wal" {
		t.Error("the read-only opening changed the backup's journal")
	}
}
