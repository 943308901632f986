package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"margin/internal/query"
	"margin/sanitize"
)

// View is a saved search (Readeck's collections): a name for a query in
// margin's query language.
type View struct {
	Name    string
	Query   string
	Created time.Time
}

// ErrBadViewName is a view name margin does not keep.
var ErrBadViewName = errors.New("a view's name is a word or words without control characters, at most 64 characters")

// CleanViewName normalises a view's name as typed; ok is false for one
// margin does not keep.
func CleanViewName(n string) (string, bool) {
	n = strings.Join(strings.Fields(sanitize.Line(n)), " ")
	if n == "" || len([]rune(n)) > 64 || strings.IndexFunc(n, unicode.IsControl) >= 0 {
		return "", false
	}
	return n, true
}

// SaveView names a query (replacing the query of a view of that name,
// compared without case). A malformed query is refused with the parser's
// error.
func (s *Store) SaveView(ctx context.Context, name, q string) error {
	n, ok := CleanViewName(name)
	if !ok {
		return fmt.Errorf("save view: %w", ErrBadViewName)
	}
	q = strings.TrimSpace(q)
	if _, err := query.Parse(q); err != nil {
		return fmt.Errorf("save view %s: %w", n, err)
	}
	return s.write(ctx, "save view "+n, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO views (name, query, created) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET query = excluded.query`, n, q, time.Now().UnixNano()); err != nil {
			return err
		}
		return libraryChanged(ctx, tx) // a library screen showing the view reads it again
	})
}

// Views returns the saved views, sorted by name without case.
func (s *Store) Views(ctx context.Context) ([]View, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, query, created FROM views ORDER BY name COLLATE NOCASE`)
	if err != nil {
		return nil, s.wrap("list views", err)
	}
	defer rows.Close()
	var out []View
	for rows.Next() {
		var v View
		var created int64
		if err := rows.Scan(&v.Name, &v.Query, &created); err != nil {
			return nil, s.wrap("list views", err)
		}
		v.Created = fromNanos(created)
		out = append(out, v)
	}
	return out, s.wrap("list views", rows.Err())
}

// FindView returns the view of that name (compared without case).
func (s *Store) FindView(ctx context.Context, name string) (View, error) {
	n, _ := CleanViewName(name)
	var v View
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT name, query, created FROM views WHERE name = ?`, n).Scan(&v.Name, &v.Query, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("view %q: %w", n, ErrNotFound)
	}
	if err != nil {
		return v, s.wrap("read view", err)
	}
	v.Created = fromNanos(created)
	return v, nil
}

// DeleteView forgets a saved view (the articles it shows are untouched).
func (s *Store) DeleteView(ctx context.Context, name string) error {
	n, _ := CleanViewName(name)
	return s.write(ctx, "delete view "+n, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM views WHERE name = ?`, n)
		if err != nil {
			return err
		}
		if k, err := res.RowsAffected(); err != nil {
			return err
		} else if k == 0 {
			return fmt.Errorf("view %q: %w", n, ErrNotFound)
		}
		return libraryChanged(ctx, tx)
	})
}
