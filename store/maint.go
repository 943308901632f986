package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Backup writes a consistent copy of the library to path with VACUUM INTO
// (other margins may keep writing meanwhile). It refuses to overwrite an
// existing file, and path appears only once the copy is whole (see
// writeAside).
func (s *Store) Backup(ctx context.Context, path string) error {
	op := "back up library to " + path
	if strings.TrimSpace(path) == "" {
		// VACUUM INTO '' copies the library to a temporary file SQLite
		// then deletes: the copy would be lost.
		return errors.New("back up library: give the name of the file to write the copy to")
	}
	// Lstat, not Open: opening the library's own file with os.Open and
	// closing it would drop SQLite's POSIX locks.
	if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s: it is a folder; give the name of a new file, such as %s", op, filepath.Join(path, "margin-backup.db"))
	}
	return writeAside(op, path, func(tmp string) error {
		_, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp)
		return err
	})
}

// backupTmpPrefix starts the name of a backup being written: hidden, and
// followed by the writing process's id, so a later backup can tell one
// left by a killed margin from one still being written.
const backupTmpPrefix = ".margin-tmp-"

// writeAside has fill write a new file in a hidden temporary file (0600:
// it holds the library's notes) beside path, syncs it and only then gives
// it path's name, never replacing a file there: a backup killed midway
// leaves no partial copy under the name the user gave (one opened as an
// empty library). Temporary files of margins that died are removed first.
func writeAside(op, path string, fill func(tmp string) error) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: file exists; choose a new name", op)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", op, classifyErr(path, err))
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s: folder %s does not exist", op, dir)
	}
	removeStaleTmp(dir)
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(dir, backupTmpPrefix+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(rnd[:]))
	// Created empty, as VACUUM INTO and the backup API accept, so it is
	// private from its first byte.
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("%s: %w", op, classifyErr(path, err))
	}
	f.Close()
	err = fill(tmp)
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		// A link, unlike a rename, fails if a file took the name
		// meanwhile; a file system without links gets the rename.
		if err = os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
			err = os.Rename(tmp, path)
		}
	}
	os.Remove(tmp)
	os.Remove(tmp + "-journal")
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: file exists; choose a new name", op)
		}
		// Errors here are about the destination, so name it.
		return fmt.Errorf("%s: %w", op, classifyErr(path, err))
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// removeStaleTmp deletes the temporary files (and their journals) of
// backups whose margin no longer runs.
func removeStaleTmp(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		rest, ok := strings.CutPrefix(e.Name(), backupTmpPrefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		pidStr, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidStr)
		if err != nil || pid <= 0 || pid == os.Getpid() {
			continue
		}
		if err := syscall.Kill(pid, 0); err == nil || errors.Is(err, syscall.EPERM) {
			continue // still writing
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}

// Check verifies the library: SQLite's integrity check, foreign keys,
// highlight ranges and the full-text index. It reports; it changes
// nothing.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return r, s.wrap("check library", err)
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return r, s.wrap("check library", err)
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, s.wrap("check library", err)
	}
	r.Integrity = strings.Join(msgs, "\n")

	fk, err := s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return r, s.wrap("check library", err)
	}
	for fk.Next() {
		var table, parent string
		var rowid, fkid any
		if err := fk.Scan(&table, &rowid, &parent, &fkid); err != nil {
			fk.Close()
			return r, s.wrap("check library", err)
		}
		r.Problems = append(r.Problems, fmt.Sprintf("%s row %v points at a missing %s row", table, rowid, parent))
	}
	fk.Close()

	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM highlights WHERE orphan`).Scan(&r.OrphanHighlights); err != nil {
		return r, s.wrap("check library", err)
	}
	var bad int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM highlights h JOIN article_bodies b ON b.article_id = h.article_id
		WHERE NOT h.orphan AND (h.md_start < 0 OR h.md_end < h.md_start OR h.md_end > length(CAST(b.markdown AS BLOB)))`).Scan(&bad); err != nil {
		return r, s.wrap("check library", err)
	}
	if bad > 0 {
		r.Problems = append(r.Problems, fmt.Sprintf("%d highlights point outside their article's text", bad))
	}
	var noBody int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles a WHERE NOT EXISTS
		(SELECT 1 FROM article_bodies b WHERE b.article_id = a.id)`).Scan(&noBody); err != nil {
		return r, s.wrap("check library", err)
	}
	if noBody > 0 {
		r.Problems = append(r.Problems, fmt.Sprintf("%d articles have no text", noBody))
	}

	// FTS5's integrity-check with rank=1 also compares the index with the
	// external content (the article_search view). It is spelled as an
	// INSERT, so it needs the write lock, but it changes nothing.
	r.FTSConsistent = true
	if _, err := s.db.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		cerr := s.classify(err)
		switch {
		case errors.Is(cerr, ErrBusy) || ctx.Err() != nil:
			return r, s.wrap("check search index", err)
		case errors.Is(cerr, ErrReadOnly):
			// Opened read-only: the row counts below are all we can check.
		default:
			r.FTSConsistent = false
			r.Problems = append(r.Problems, "search index does not match the articles ("+err.Error()+"); run a rebuild")
		}
	}
	var indexed, articles int
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles_fts_docsize), (SELECT count(*) FROM article_search)`).Scan(&indexed, &articles); err != nil {
		return r, s.wrap("check search index", err)
	}
	if indexed != articles {
		if r.FTSConsistent {
			r.Problems = append(r.Problems, fmt.Sprintf("search index holds %d articles, library %d; run a rebuild", indexed, articles))
		}
		r.FTSConsistent = false
	}
	return r, nil
}

// RebuildSearch rebuilds the full-text index from the articles (the
// repair for a Check that found it inconsistent).
func (s *Store) RebuildSearch(ctx context.Context) error {
	// A repair of a damaged index: allowed on a library found damaged,
	// and, done, the library may be written again (were the damage
	// elsewhere, the next read that meets it says so again).
	err := s.writeAnyway(ctx, "rebuild search index", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')`)
		return err
	})
	if err == nil {
		s.damaged.Store(false)
	}
	return err
}
