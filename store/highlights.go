package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

const highlightCols = `h.id, h.article_id, h.md_start, h.md_end, h.exact, h.prefix, h.suffix,
	h.label, h.note, h.supports, h.orphan, h.created, h.updated, h.revision, h.text_revision, h.original`

func scanHighlight(r scanner, h *Highlight, extra ...any) error {
	var supports sql.NullInt64
	var created, updated int64
	dest := []any{&h.ID, &h.ArticleID, &h.Start, &h.End, &h.Exact, &h.Prefix, &h.Suffix,
		&h.Label, &h.Note, &supports, &h.Orphan, &created, &updated, &h.Revision, &h.TextRevision, &h.Original}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	h.Supports = supports.Int64
	h.Created = fromNanos(created)
	h.Updated = fromNanos(updated)
	return nil
}

// Errors of highlight writes a caller can test for with errors.Is.
var (
	// ErrConflict: the highlight was changed elsewhere since the caller
	// read it; the error is a *ConflictError holding what is stored now.
	ErrConflict = errors.New("changed elsewhere")
	// ErrStaleText: offsets computed on an older text of the article (it
	// was refreshed meanwhile); read the article again and re-place them.
	ErrStaleText = errors.New("the article's text changed (it was refreshed); reload it")
	// ErrHighlightExists: a highlight to restore is there already
	// (restored by another margin).
	ErrHighlightExists = errors.New("a highlight with this ID exists")
	// ErrWouldUnlink: a label change would break links; the error is an
	// *UnlinkError naming them, and Edit.Unlink allows it.
	ErrWouldUnlink = errors.New("the change would unlink highlights")
	// ErrBadLink: a link that the label rule forbids.
	ErrBadLink = errors.New("only evidence, a question or a disagreement links to a claim of the same article")
)

// HighlightedError refuses a highlight whose passage another highlight
// has already, the same range of the same text (another margin made it
// while this one showed the article): two marks no one could tell apart.
type HighlightedError struct{ ID int64 }

func (e *HighlightedError) Error() string {
	return fmt.Sprintf("the passage is highlighted already (highlight %d)", e.ID)
}

// ConflictError is a save refused because the field it changes was changed
// elsewhere since the value the save was based on.
type ConflictError struct {
	ID      int64
	Field   string    // "note", "label", "link" or "revision"
	Current Highlight // the highlight as stored now
}

func (e *ConflictError) Error() string {
	what := "its " + e.Field
	if e.Field == "revision" {
		what = "it"
	}
	return fmt.Sprintf("highlight %d: %s was changed elsewhere since it was read (now revision %d)", e.ID, what, e.Current.Revision)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// UnlinkError is a label change refused because highlights linked to the
// claim would lose their link.
type UnlinkError struct {
	ID     int64
	Linked []int64 // the highlights linked to it
}

func (e *UnlinkError) Error() string {
	return fmt.Sprintf("highlight %d is the claim %d highlight%s link to; a new label unlinks them", e.ID, len(e.Linked), plural(len(e.Linked)))
}

// Is makes errors.Is(err, ErrWouldUnlink) true.
func (e *UnlinkError) Is(target error) bool { return target == ErrWouldUnlink }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
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

// checkLink enforces the one rule for links: a highlight whose label links
// to a claim (LinksToClaim) may point at a claim of its own article.
func checkLink(ctx context.Context, tx *sql.Tx, articleID int64, label string, target int64) error {
	if target == 0 {
		return nil
	}
	if !LinksToClaim(label) {
		return fmt.Errorf("%w; this one is labelled %s", ErrBadLink, label)
	}
	var article int64
	var tlabel string
	err := tx.QueryRowContext(ctx, `SELECT article_id, label FROM highlights WHERE id = ?`, target).Scan(&article, &tlabel)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("linked highlight %d: %w", target, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if article != articleID {
		return fmt.Errorf("highlight %d belongs to another article; links stay within one article", target)
	}
	if tlabel != ClaimLabel {
		return fmt.Errorf("%w; highlight %d is labelled %s", ErrBadLink, target, tlabel)
	}
	return nil
}

// textRevisionTx returns an article's text revision.
func textRevisionTx(ctx context.Context, tx *sql.Tx, articleID int64) (int64, error) {
	var rev int64
	err := tx.QueryRowContext(ctx, `SELECT text_revision FROM articles WHERE id = ?`, articleID).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("article %d: %w", articleID, ErrNotFound)
	}
	return rev, err
}

// checkText refuses offsets computed on another text revision than the
// article's (rev 0: the caller read the text in this transaction).
func checkText(ctx context.Context, tx *sql.Tx, articleID, rev int64) (int64, error) {
	cur, err := textRevisionTx(ctx, tx, articleID)
	if err != nil {
		return 0, err
	}
	if rev != 0 && rev != cur {
		return 0, fmt.Errorf("article %d: %w", articleID, ErrStaleText)
	}
	return cur, nil
}

// AddHighlight saves a new highlight, filling h.ID, h.Created, h.Updated,
// h.Revision and h.TextRevision, and returns its ID. A non-zero
// h.TextRevision must be the article's (its offsets were computed on that
// text), else ErrStaleText.
func (s *Store) AddHighlight(ctx context.Context, h *Highlight) (int64, error) {
	op := fmt.Sprintf("save highlight in article %d", h.ArticleID)
	if err := checkHighlight(h); err != nil {
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	t := now()
	var id, rev int64
	err := s.write(ctx, op, func(tx *sql.Tx) error {
		var err error
		if rev, err = checkText(ctx, tx, h.ArticleID, h.TextRevision); err != nil {
			return err
		}
		if err := checkLink(ctx, tx, h.ArticleID, h.Label, h.Supports); err != nil {
			return err
		}
		if !h.Orphan {
			var other int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM highlights WHERE article_id = ? AND md_start = ? AND md_end = ? AND orphan = 0 LIMIT 1`,
				h.ArticleID, h.Start, h.End).Scan(&other)
			if err == nil {
				return &HighlightedError{ID: other}
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO highlights (article_id, md_start, md_end, exact,
			prefix, suffix, label, note, supports, orphan, created, updated, revision, text_revision, original)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			h.ArticleID, h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Label, h.Note,
			supportsArg(h.Supports), h.Orphan, toNanos(t), toNanos(t), rev, h.Original)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, err
	}
	h.ID, h.Created, h.Updated, h.Revision, h.TextRevision = id, t, t, 1, rev
	return id, nil
}

// Change is a new value for one field, with the value the change was
// based on (what the editor showed when the user began).
type Change[T comparable] struct{ From, To T }

// Edit changes some fields of one highlight; a nil field is left alone,
// whatever else changed it meanwhile. A field whose stored value is neither
// From nor To was changed elsewhere: the edit is refused with a
// *ConflictError and nothing is written.
type Edit struct {
	ID int64
	// Revision, when non-zero, must be the highlight's revision (a script
	// that read it and wants nothing changed since).
	Revision int64
	Label    *Change[string]
	Note     *Change[string]
	Supports *Change[int64] // 0 unlinks
	// Unlink lets a label change remove the links it breaks: those of the
	// highlights linked to a claim that stops being one, and the
	// highlight's own link when its new label does not link. Without it
	// such a change fails with an *UnlinkError.
	Unlink bool
}

// Link is one highlight linked to a claim.
type Link struct{ From, To int64 }

// EditResult is what an edit came to.
type EditResult struct {
	Highlight Highlight // as stored now
	Unlinked  []Link    // links the label change removed
}

// EditHighlight applies an edit in one transaction. Each field changed adds
// one to the revision; an edit that changes nothing writes nothing.
func (s *Store) EditHighlight(ctx context.Context, e Edit) (EditResult, error) {
	var res EditResult
	err := s.write(ctx, fmt.Sprintf("update highlight %d", e.ID), func(tx *sql.Tx) error {
		cur, err := highlightTx(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		conflict := func(field string) error { return &ConflictError{ID: e.ID, Field: field, Current: *cur} }
		if e.Revision != 0 && e.Revision != cur.Revision {
			return conflict("revision")
		}
		next := *cur
		if c := e.Label; c != nil {
			if c.To == "" {
				c.To = Labels[0]
			}
			if cur.Label != c.From && cur.Label != c.To {
				return conflict("label")
			}
			next.Label = c.To
		}
		if c := e.Note; c != nil {
			if cur.Note != c.From && cur.Note != c.To {
				return conflict("note")
			}
			next.Note = c.To
		}
		if c := e.Supports; c != nil {
			if cur.Supports != c.From && cur.Supports != c.To {
				return conflict("link")
			}
			if c.To == e.ID {
				return errors.New("a highlight cannot link to itself")
			}
			next.Supports = c.To
		}
		if next == *cur {
			res.Highlight = *cur
			return nil
		}
		// The links a label change breaks.
		var unlink []Link
		if next.Label != cur.Label {
			if next.Supports != 0 && !LinksToClaim(next.Label) {
				unlink = append(unlink, Link{e.ID, next.Supports})
				next.Supports = 0
			}
			if cur.Label == ClaimLabel && next.Label != ClaimLabel {
				linked, err := linkedTo(ctx, tx, e.ID)
				if err != nil {
					return err
				}
				for _, id := range linked {
					unlink = append(unlink, Link{id, e.ID})
				}
			}
			if len(unlink) > 0 && !e.Unlink {
				ids := make([]int64, 0, len(unlink))
				for _, l := range unlink {
					ids = append(ids, l.From)
				}
				return &UnlinkError{ID: e.ID, Linked: ids}
			}
		}
		if err := checkLink(ctx, tx, cur.ArticleID, next.Label, next.Supports); err != nil {
			return err
		}
		t := now()
		if _, err := tx.ExecContext(ctx, `UPDATE highlights SET label = ?, note = ?, supports = ?,
			revision = revision + 1, updated = ? WHERE id = ?`,
			next.Label, next.Note, supportsArg(next.Supports), toNanos(t), e.ID); err != nil {
			return err
		}
		for _, l := range unlink {
			if l.From == e.ID {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE highlights SET supports = NULL, revision = revision + 1,
				updated = ? WHERE id = ? AND supports = ?`, toNanos(t), l.From, l.To); err != nil {
				return err
			}
		}
		next.Revision, next.Updated = cur.Revision+1, t
		res.Highlight, res.Unlinked = next, unlink
		return nil
	})
	if err != nil {
		return EditResult{}, err
	}
	return res, nil
}

// linkedTo lists the highlights linked to a claim.
func linkedTo(ctx context.Context, tx *sql.Tx, id int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM highlights WHERE supports = ? ORDER BY md_start, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// Place is a passage of an article's text at one text revision.
type Place struct {
	Start, End            int
	Exact, Prefix, Suffix string
	TextRevision          int64 // the revision Start and End belong to; must be the article's
}

// PlaceHighlight moves a highlight onto a passage (re-attaching an orphan,
// or repairing one): it is placed, and the passage is now what the reader
// highlighted. Offsets of another text revision fail with ErrStaleText.
func (s *Store) PlaceHighlight(ctx context.Context, id int64, pl Place) (Highlight, error) {
	var out Highlight
	err := s.write(ctx, fmt.Sprintf("place highlight %d", id), func(tx *sql.Tx) error {
		cur, err := highlightTx(ctx, tx, id)
		if err != nil {
			return err
		}
		rev, err := checkText(ctx, tx, cur.ArticleID, pl.TextRevision)
		if err != nil {
			return err
		}
		if pl.Start < 0 || pl.End <= pl.Start {
			return fmt.Errorf("bad range [%d, %d)", pl.Start, pl.End)
		}
		t := now()
		if _, err := tx.ExecContext(ctx, `UPDATE highlights SET md_start = ?, md_end = ?, exact = ?, prefix = ?,
			suffix = ?, orphan = 0, original = '', text_revision = ?, revision = revision + 1, updated = ?
			WHERE id = ?`, pl.Start, pl.End, pl.Exact, pl.Prefix, pl.Suffix, rev, toNanos(t), id); err != nil {
			return err
		}
		c, err := highlightTx(ctx, tx, id)
		if err != nil {
			return err
		}
		out = *c
		return nil
	})
	return out, err
}

// highlightTx reads one highlight inside a transaction.
func highlightTx(ctx context.Context, tx *sql.Tx, id int64) (*Highlight, error) {
	var h Highlight
	err := scanHighlight(tx.QueryRowContext(ctx, `SELECT `+highlightCols+` FROM highlights h WHERE h.id = ?`, id), &h)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("highlight %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return &h, nil
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
// something else since is left alone. A placed highlight whose
// TextRevision is not the article's fails with ErrStaleText: re-place it
// on the new text first.
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
			return ErrHighlightExists
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		want := h.TextRevision
		if h.Orphan {
			want = 0 // an orphan's offsets mean nothing
		}
		rev, err := checkText(ctx, tx, h.ArticleID, want)
		if err != nil {
			return err
		}
		if h.Supports != 0 {
			if err := checkLink(ctx, tx, h.ArticleID, h.Label, h.Supports); err != nil {
				h.Supports = 0 // the claim is gone or no longer one
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO highlights (id, article_id, md_start, md_end, exact,
			prefix, suffix, label, note, supports, orphan, created, updated, revision, text_revision, original)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			h.ID, h.ArticleID, h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Label, h.Note,
			supportsArg(h.Supports), h.Orphan, toNanos(created), toNanos(updated), h.Revision+1, rev, h.Original)
		if err != nil {
			return err
		}
		h.Revision++
		h.TextRevision = rev
		// The deletion cleared these links (ON DELETE SET NULL) without
		// touching updated, so putting them back does not either.
		if h.Label != ClaimLabel {
			return nil
		}
		for _, id := range relink {
			if id == h.ID {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE highlights SET supports = ?, revision = revision + 1
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
		if strings.Contains(strings.ToLower(h.Exact), needle) || strings.Contains(strings.ToLower(h.Original), needle) ||
			strings.Contains(strings.ToLower(h.Note), needle) {
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

// Misplaced is a placed highlight whose offsets do not cover its quote in
// the article's text (a writer with stale offsets, or a damaged row).
type Misplaced struct {
	Highlight
	Covers string // what its offsets cover now
}

// RepairHighlight re-places a misplaced highlight found by its quote at pl
// (pl.TextRevision must be the article's), or makes it an orphan when
// found is false. The words the reader highlighted are kept.
func (s *Store) RepairHighlight(ctx context.Context, id int64, pl Place, found bool) error {
	return s.write(ctx, fmt.Sprintf("repair highlight %d", id), func(tx *sql.Tx) error {
		cur, err := highlightTx(ctx, tx, id)
		if err != nil {
			return err
		}
		rev, err := checkText(ctx, tx, cur.ArticleID, pl.TextRevision)
		if err != nil {
			return err
		}
		words := cur.Highlighted()
		if !found || pl.End <= pl.Start {
			_, err = tx.ExecContext(ctx, `UPDATE highlights SET orphan = 1, md_start = 0, md_end = 0,
				text_revision = ?, revision = revision + 1 WHERE id = ?`, rev, id)
			return err
		}
		orig := ""
		if !sameWords(words, pl.Exact) {
			orig = words
		}
		_, err = tx.ExecContext(ctx, `UPDATE highlights SET md_start = ?, md_end = ?, exact = ?, prefix = ?,
			suffix = ?, orphan = 0, original = ?, text_revision = ?, revision = revision + 1 WHERE id = ?`,
			pl.Start, pl.End, pl.Exact, pl.Prefix, pl.Suffix, orig, rev, id)
		return err
	})
}
