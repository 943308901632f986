package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

const highlightCols = `h.id, h.article_id, h.md_start, h.md_end, h.exact, h.prefix, h.suffix,
	h.label, h.note, h.supports, h.orphan, h.created, h.updated`

func scanHighlight(r scanner, h *Highlight, extra ...any) error {
	var supports sql.NullInt64
	var created, updated int64
	dest := []any{&h.ID, &h.ArticleID, &h.Start, &h.End, &h.Exact, &h.Prefix, &h.Suffix,
		&h.Label, &h.Note, &supports, &h.Orphan, &created, &updated}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	h.Supports = supports.Int64
	h.Created = fromNanos(created)
	h.Updated = fromNanos(updated)
	return nil
}

// supportsArg is the value stored for Supports: NULL for none.
func supportsArg(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// checkHighlight validates what the caller may set. Labels other than the
// default ones are allowed (room for user labels); an empty one becomes
// "highlight".
func checkHighlight(h *Highlight) error {
	if h.Start < 0 || h.End < h.Start {
		return fmt.Errorf("bad range [%d, %d)", h.Start, h.End)
	}
	if h.Label == "" {
		h.Label = Labels[0]
	}
	if h.Supports != 0 && h.Supports == h.ID {
		return errors.New("a highlight cannot support itself")
	}
	return nil
}

// checkSupports makes sure a link points at a highlight of the same
// article.
func checkSupports(ctx context.Context, tx *sql.Tx, h *Highlight) error {
	if h.Supports == 0 {
		return nil
	}
	var article int64
	err := tx.QueryRowContext(ctx, `SELECT article_id FROM highlights WHERE id = ?`, h.Supports).Scan(&article)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("linked highlight %d: %w", h.Supports, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if article != h.ArticleID {
		return fmt.Errorf("highlight %d belongs to another article; links stay within one article", h.Supports)
	}
	return nil
}

// AddHighlight saves a new highlight, filling h.ID, h.Created and
// h.Updated, and returns its ID.
func (s *Store) AddHighlight(ctx context.Context, h *Highlight) (int64, error) {
	op := fmt.Sprintf("save highlight in article %d", h.ArticleID)
	if err := checkHighlight(h); err != nil {
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	t := now()
	var id int64
	err := s.write(ctx, op, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, h.ArticleID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", h.ArticleID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := checkSupports(ctx, tx, h); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO highlights (article_id, md_start, md_end, exact,
			prefix, suffix, label, note, supports, orphan, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			h.ArticleID, h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Label, h.Note,
			supportsArg(h.Supports), h.Orphan, toNanos(t), toNanos(t))
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, err
	}
	h.ID, h.Created, h.Updated = id, t, t
	return id, nil
}

// UpdateHighlight stores a highlight's Start, End, Exact, Prefix, Suffix,
// Label, Note, Supports and Orphan, and sets Updated to now.
func (s *Store) UpdateHighlight(ctx context.Context, h *Highlight) error {
	op := fmt.Sprintf("update highlight %d", h.ID)
	if err := checkHighlight(h); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	t := now()
	err := s.write(ctx, op, func(tx *sql.Tx) error {
		// The article is the stored one, not whatever the caller has.
		err := tx.QueryRowContext(ctx, `SELECT article_id FROM highlights WHERE id = ?`, h.ID).Scan(&h.ArticleID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if err := checkSupports(ctx, tx, h); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE highlights SET md_start = ?, md_end = ?, exact = ?,
			prefix = ?, suffix = ?, label = ?, note = ?, supports = ?, orphan = ?, updated = ?
			WHERE id = ?`,
			h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Label, h.Note,
			supportsArg(h.Supports), h.Orphan, toNanos(t), h.ID)
		return err
	})
	if err != nil {
		return err
	}
	h.Updated = t
	return nil
}

// DeleteHighlight removes a highlight; highlights linked to it (Supports)
// lose the link. To undo, note the IDs whose Supports is id first and pass
// them to RestoreHighlight.
func (s *Store) DeleteHighlight(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete highlight %d", id), func(tx *sql.Tx) error {
		// The foreign key's ON DELETE SET NULL clears the links.
		res, err := tx.ExecContext(ctx, `DELETE FROM highlights WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "highlight", id)
	})
}

// RestoreHighlight puts a deleted highlight back with the same ID and
// fields (undo), and links the highlights in relink to it again, in one
// transaction. IDs are never reused, so the ID is still free unless the
// highlight was not deleted. A link to a claim that is gone is dropped; a
// relink ID that is gone, belongs to another article or was linked to
// something else since is left alone.
func (s *Store) RestoreHighlight(ctx context.Context, h *Highlight, relink []int64) error {
	op := fmt.Sprintf("restore highlight %d", h.ID)
	if h.ID <= 0 {
		return fmt.Errorf("%s: no ID", op)
	}
	if err := checkHighlight(h); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	created, updated := h.Created, h.Updated
	if created.IsZero() {
		created = now()
	}
	if updated.IsZero() {
		updated = created
	}
	return s.write(ctx, op, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM highlights WHERE id = ?`, h.ID).Scan(&one)
		if err == nil {
			return errors.New("a highlight with this ID exists")
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ?`, h.ArticleID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", h.ArticleID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if h.Supports != 0 {
			if err := checkSupports(ctx, tx, h); errors.Is(err, ErrNotFound) {
				h.Supports = 0
			} else if err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO highlights (id, article_id, md_start, md_end, exact,
			prefix, suffix, label, note, supports, orphan, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			h.ID, h.ArticleID, h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Label, h.Note,
			supportsArg(h.Supports), h.Orphan, toNanos(created), toNanos(updated))
		if err != nil {
			return err
		}
		// The deletion cleared these links (ON DELETE SET NULL) without
		// touching updated, so putting them back does not either.
		for _, id := range relink {
			if id == h.ID {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE highlights SET supports = ?
				WHERE id = ? AND article_id = ? AND supports IS NULL`, h.ID, id, h.ArticleID); err != nil {
				return fmt.Errorf("relink highlight %d: %w", id, err)
			}
		}
		return nil
	})
}

// Highlight returns one highlight.
func (s *Store) Highlight(ctx context.Context, id int64) (*Highlight, error) {
	var h Highlight
	err := scanHighlight(s.db.QueryRowContext(ctx, `SELECT `+highlightCols+` FROM highlights h WHERE h.id = ?`, id), &h)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read highlight %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("read highlight %d", id), err)
	}
	return &h, nil
}

// Highlights returns an article's highlights in reading order (Start,
// then End), orphans last.
func (s *Store) Highlights(ctx context.Context, articleID int64) ([]Highlight, error) {
	return s.highlights(ctx, fmt.Sprintf("list highlights of article %d", articleID),
		`SELECT `+highlightCols+`, '' FROM highlights h WHERE h.article_id = ?
		ORDER BY h.orphan, h.md_start, h.md_end, h.id`, articleID)
}

// AllHighlights returns highlights across the library with ArticleTitle
// filled, grouped by article (newest article first), each article's in
// reading order with orphans last.
func (s *Store) AllHighlights(ctx context.Context, f HighlightFilter) ([]Highlight, error) {
	var where []string
	var args []any
	if f.ArticleID != 0 {
		where = append(where, "h.article_id = ?")
		args = append(args, f.ArticleID)
	}
	if f.Label != "" {
		where = append(where, "h.label = ?")
		args = append(args, f.Label)
	}
	q := `SELECT ` + highlightCols + `, a.title FROM highlights h JOIN articles a ON a.id = h.article_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += ` ORDER BY a.added DESC, a.id DESC, h.orphan, h.md_start, h.md_end, h.id`
	hs, err := s.highlights(ctx, "list highlights", q, args...)
	if err != nil || f.Query == "" {
		return hs, err
	}
	// Case folding is done here rather than in SQL, whose lower() and LIKE
	// only fold ASCII; a library holds thousands of highlights, not millions.
	needle := strings.ToLower(f.Query)
	out := hs[:0]
	for _, h := range hs {
		if strings.Contains(strings.ToLower(h.Exact), needle) || strings.Contains(strings.ToLower(h.Note), needle) {
			out = append(out, h)
		}
	}
	return out, nil
}

func (s *Store) highlights(ctx context.Context, op, q string, args ...any) ([]Highlight, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	var out []Highlight
	for rows.Next() {
		var h Highlight
		if err := scanHighlight(rows, &h, &h.ArticleTitle); err != nil {
			return nil, s.wrap(op, err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(op, err)
	}
	return out, nil
}
