package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns a remembered UI setting, or "" when it was never set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", s.wrap(fmt.Sprintf("read setting %q", key), err)
	}
	return v, nil
}

// SetSetting remembers a UI setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.write(ctx, fmt.Sprintf("save setting %q", key), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// ExportHash returns the hash of what margin last wrote to path, or ""
// when margin never wrote it.
func (s *Store) ExportHash(ctx context.Context, path string) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, `SELECT hash FROM exports WHERE path = ?`, path).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", s.wrap("read export record "+path, err)
	}
	return h, nil
}

// SetExportHash records that margin wrote path (for article articleID, 0
// for none) with content of the given hash.
func (s *Store) SetExportHash(ctx context.Context, path string, articleID int64, hash string) error {
	return s.write(ctx, "save export record "+path, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO exports (path, article_id, hash, written) VALUES (?, ?, ?, ?)
			ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id, hash = excluded.hash,
			written = excluded.written`,
			path, sql.NullInt64{Int64: articleID, Valid: articleID != 0}, hash, toNanos(now()))
		return err
	})
}
