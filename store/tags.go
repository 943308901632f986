package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"margin/internal/query"
	"margin/sanitize"
)

// TagCount is a tag with how many articles carry it.
type TagCount struct {
	Name     string
	Articles int
}

// ErrBadTag is a tag name margin does not keep.
var ErrBadTag = errors.New("a tag is a word or words without commas, #, or control characters, at most 64 characters")

// CleanTag normalises a tag as typed ("#Policy " is "Policy"); ok is false
// for one margin does not keep.
func CleanTag(t string) (string, bool) {
	t = strings.TrimSpace(sanitize.Line(strings.TrimPrefix(strings.TrimSpace(t), "#")))
	t = strings.Join(strings.Fields(t), " ")
	if t == "" || len([]rune(t)) > 64 || strings.ContainsAny(t, ",#") || strings.IndexFunc(t, unicode.IsControl) >= 0 {
		return "", false
	}
	return t, true
}

// TagArticle adds and removes tags of one article in one transaction.
// Tags compare without case; a new tag keeps the spelling first given.
func (s *Store) TagArticle(ctx context.Context, id int64, add, remove []string) error {
	for _, t := range append(append([]string(nil), add...), remove...) {
		if _, ok := CleanTag(t); !ok {
			return fmt.Errorf("tag %q: %w", sanitize.Line(t), ErrBadTag)
		}
	}
	return s.write(ctx, fmt.Sprintf("tag article %d", id), func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", id, ErrNotFound)
		} else if err != nil {
			return err
		}
		for _, t := range add {
			t, _ = CleanTag(t)
			if _, err := tx.ExecContext(ctx, `INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING`, t); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
				SELECT ?, id FROM tags WHERE name = ?`, id, t); err != nil {
				return err
			}
		}
		for _, t := range remove {
			t, _ = CleanTag(t)
			if _, err := tx.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = ?
				AND tag_id = (SELECT id FROM tags WHERE name = ?)`, id, t); err != nil {
				return err
			}
		}
		// A tag no article carries any more is gone.
		if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)`); err != nil {
			return err
		}
		return tagsChanged(ctx, tx)
	})
}

// tagsChanged counts a change of tags as a change of the library, so a
// margin showing the library reads it again (no trigger watches the tag
// tables: a migration for that waits for the next schema change).
func tagsChanged(ctx context.Context, tx *sql.Tx) error { return libraryChanged(ctx, tx) }

// libraryChanged adds one to the library's version (Version), which a
// library screen checks every few seconds, for a change no trigger counts:
// tags, saved views.
func libraryChanged(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE library_version SET n = n + 1`)
	return err
}

// ArticleTags returns an article's tags, sorted without case.
func (s *Store) ArticleTags(ctx context.Context, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.name FROM tags t JOIN article_tags x ON x.tag_id = t.id
		WHERE x.article_id = ? ORDER BY t.name COLLATE NOCASE`, id)
	if err != nil {
		return nil, s.wrap("read tags", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, s.wrap("read tags", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Tags returns every tag with its number of articles, sorted without case.
func (s *Store) Tags(ctx context.Context) ([]TagCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.name, count(x.article_id) FROM tags t
		LEFT JOIN article_tags x ON x.tag_id = t.id GROUP BY t.id ORDER BY t.name COLLATE NOCASE`)
	if err != nil {
		return nil, s.wrap("list tags", err)
	}
	defer rows.Close()
	var out []TagCount
	for rows.Next() {
		var t TagCount
		if err := rows.Scan(&t.Name, &t.Articles); err != nil {
			return nil, s.wrap("list tags", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RenameTag gives a tag a new name; renaming onto an existing tag merges
// the two (every article keeps one tag). It returns how many articles
// carry the tag now.
func (s *Store) RenameTag(ctx context.Context, from, to string) (int, error) {
	f, ok1 := CleanTag(from)
	t, ok2 := CleanTag(to)
	if !ok1 || !ok2 {
		return 0, fmt.Errorf("rename tag: %w", ErrBadTag)
	}
	var n int
	err := s.write(ctx, fmt.Sprintf("rename tag %s", f), func(tx *sql.Tx) error {
		var fid int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = ?`, f).Scan(&fid); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("tag %q: %w", f, ErrNotFound)
		} else if err != nil {
			return err
		}
		var tid int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = ?`, t).Scan(&tid)
		switch {
		case errors.Is(err, sql.ErrNoRows) || tid == fid:
			// A new name (or the same tag spelt otherwise).
			if _, err := tx.ExecContext(ctx, `UPDATE tags SET name = ? WHERE id = ?`, t, fid); err != nil {
				return err
			}
			tid = fid
		case err != nil:
			return err
		default: // merge into the existing tag
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
				SELECT article_id, ? FROM article_tags WHERE tag_id = ?`, tid, fid); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, fid); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM article_tags WHERE tag_id = ?`, tid).Scan(&n); err != nil {
			return err
		}
		if err := renameInViews(ctx, tx, f, t); err != nil {
			return err
		}
		return tagsChanged(ctx, tx)
	})
	return n, err
}

// renameInViews renames the tag in the saved views' queries: a view of
// the old name would otherwise show nothing.
func renameInViews(ctx context.Context, tx *sql.Tx, from, to string) error {
	rows, err := tx.QueryContext(ctx, `SELECT name, query FROM views`)
	if err != nil {
		return err
	}
	changed := map[string]string{}
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			rows.Close()
			return err
		}
		if nq, ok := query.RenameTag(q, from, to); ok {
			changed[name] = nq
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for name, q := range changed {
		if _, err := tx.ExecContext(ctx, `UPDATE views SET query = ? WHERE name = ?`, q, name); err != nil {
			return err
		}
	}
	return nil
}

// DeleteTag takes a tag off every article; it returns how many had it.
func (s *Store) DeleteTag(ctx context.Context, name string) (int, error) {
	t, ok := CleanTag(name)
	if !ok {
		return 0, fmt.Errorf("delete tag: %w", ErrBadTag)
	}
	var n int
	err := s.write(ctx, fmt.Sprintf("delete tag %s", t), func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name = ?`, t).Scan(&id); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("tag %q: %w", t, ErrNotFound)
		} else if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM article_tags WHERE tag_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, id); err != nil {
			return err
		}
		return tagsChanged(ctx, tx)
	})
	return n, err
}

// TagsByArticle returns every article's tags in one read, each article's
// sorted without case.
func (s *Store) TagsByArticle(ctx context.Context) (map[int64][]string, error) {
	return s.tagsWhere(ctx, "")
}

// TagsOf returns the tags of the articles given (a screenful of a list:
// one indexed read, not a scan of every tag), each sorted without case.
func (s *Store) TagsOf(ctx context.Context, ids []int64) (map[int64][]string, error) {
	if len(ids) == 0 {
		return map[int64][]string{}, nil
	}
	if len(ids) > 500 {
		return s.TagsByArticle(ctx)
	}
	var b strings.Builder
	args := make([]any, len(ids))
	b.WriteString(" WHERE x.article_id IN (")
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('?')
		args[i] = id
	}
	b.WriteByte(')')
	return s.tagsWhere(ctx, b.String(), args...)
}

func (s *Store) tagsWhere(ctx context.Context, where string, args ...any) (map[int64][]string, error) {
	// Sorted here rather than by SQLite: ordering every (article, tag) pair
	// of a large library cost more than the read itself.
	rows, err := s.db.QueryContext(ctx, `SELECT x.article_id, t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id`+where, args...)
	if err != nil {
		return nil, s.wrap("read tags", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return nil, s.wrap("read tags", err)
		}
		out[id] = append(out[id], n)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read tags", err)
	}
	for _, ts := range out {
		if len(ts) > 1 {
			slices.SortFunc(ts, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		}
	}
	return out, nil
}
