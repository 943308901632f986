package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"margin/internal/urlid"
	"margin/sanitize"
)

// Imported is an article brought in from another service's export, with
// what the reader made of it there.
type Imported struct {
	// Article is saved with its Added date (the original save date; zero
	// is now), State, Reading, Starred, Progress, Note and FetchError (set
	// when it has no text yet). ID, TextRevision and Opened are ignored.
	Article Article
	// Tags are cleaned by CleanTag; one it refuses is left out.
	Tags []string
	// Highlights are placed (Start, End, Exact, Prefix, Suffix on
	// Article.Markdown) or orphans (Orphan, with Exact and Note). A placed
	// one whose range is not inside the text is kept as an orphan.
	// Supports is ignored.
	Highlights []Highlight
	// Keys are ImportKey of every quote and note the export has for the
	// article, recorded with it (see ImportedKeys).
	Keys []string
}

// ImportKey names what an export says of an article: a quote (note "") or
// a note on a quote, folded and with its spaces made one, so that the same
// export read again is known whatever its case or line breaks.
func ImportKey(quote, note string) string {
	h := sha256.New()
	h.Write([]byte(Fold(strings.Join(strings.Fields(sanitize.Text(quote)), " "))))
	if note = strings.Join(strings.Fields(sanitize.Text(note)), " "); note != "" {
		h.Write([]byte{0})
		h.Write([]byte(Fold(note)))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ImportedKeys returns the ImportKeys imports recorded on article id: what
// an export said of it, whether the article still has it or the reader
// deleted or changed it since.
func (s *Store) ImportedKeys(ctx context.Context, id int64) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key FROM imported WHERE article_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys[k] = true
	}
	return keys, rows.Err()
}

// recordImportedTx records keys (ImportKeys) on article id.
func recordImportedTx(ctx context.Context, tx *sql.Tx, id int64, keys []string) error {
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO imported (article_id, key) VALUES (?, ?)`, id, k); err != nil {
			return err
		}
	}
	return nil
}

// ImportArticle saves one imported article with its tags and highlights
// in one transaction: all of it or nothing. If its address is already
// saved (AddArticle's identity rule), nothing is written and it returns
// that article's ID with existed=true.
func (s *Store) ImportArticle(ctx context.Context, im *Imported) (id int64, existed bool, err error) {
	ids, ex, err := s.ImportArticles(ctx, []*Imported{im})
	if err != nil {
		return 0, false, err
	}
	return ids[0], ex[0], nil
}

// ImportArticles saves several imported articles in one transaction, with
// ImportArticle's rules for each; ids[i] and existed[i] describe ims[i].
// Two of them with the same address are one article: the later one
// existed.
func (s *Store) ImportArticles(ctx context.Context, ims []*Imported) (ids []int64, existed []bool, err error) {
	err = s.write(ctx, "import articles", func(tx *sql.Tx) error {
		ids, existed = make([]int64, len(ims)), make([]bool, len(ims))
		for i, im := range ims {
			var err error
			if ids[i], existed[i], err = importTx(ctx, tx, im); err != nil {
				return fmt.Errorf("%s: %w", sanitize.Line(urlid.Redact(cmp.Or(im.Article.SourceURL, im.Article.Title))), err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return ids, existed, nil
}

// importReading is the reading state an import gives: done is done; read
// some way is being read.
func importReading(a *Article) Reading {
	switch {
	case a.Reading == Done || a.Progress >= DoneProgress:
		return Done
	case a.Reading == ReadingNow || a.Progress > 0:
		return ReadingNow
	}
	return New
}

func importTx(ctx context.Context, tx *sql.Tx, im *Imported) (int64, bool, error) {
	a := &im.Article
	a.SourceURL, a.CanonicalURL = urlid.Public(a.SourceURL), urlid.Public(a.CanonicalURL)
	if id, err := findURLTx(ctx, tx, a.SourceURL, pageURL(a.CanonicalURL)); err != nil {
		return 0, false, err
	} else if id != 0 {
		return id, true, nil
	}
	added := a.Added
	if added.IsZero() {
		added = now()
	}
	state := a.State
	if state != Archived {
		state = Inbox
	}
	progress := a.Progress
	if !(progress >= 0) {
		progress = 0
	}
	progress = min(progress, 1)
	reading := importReading(a)
	res, err := tx.ExecContext(ctx, `INSERT INTO articles (source_url, canonical_url, title, byline,
		site_name, language, excerpt, lead_image, published, word_count, reading_minutes, added, state,
		url_key, canonical_key, progress, reading, starred, note, fetch_error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.SourceURL, a.CanonicalURL, sanitize.Line(a.Title), sanitize.Line(a.Byline), sanitize.Line(a.SiteName),
		sanitize.Line(a.Language), sanitize.Text(a.Excerpt), a.LeadImage, toNanos(a.Published), a.WordCount,
		a.ReadingMinutes, toNanos(added), string(state), urlid.Key(a.SourceURL), canonicalKey(a.CanonicalURL),
		progress, string(reading), a.Starred, sanitize.Text(a.Note), sanitize.Line(a.FetchError))
	if err != nil {
		return 0, false, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, false, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_bodies (article_id, markdown, text) VALUES (?, ?, ?)`,
		id, a.Markdown, sanitize.Text(a.Text)); err != nil {
		return 0, false, err
	}
	if err := tagNewTx(ctx, tx, id, im.Tags); err != nil {
		return 0, false, err
	}
	if err := insertImportedTx(ctx, tx, id, 1, len(a.Markdown), added, im.Highlights); err != nil {
		return 0, false, err
	}
	if err := recordImportedTx(ctx, tx, id, im.Keys); err != nil {
		return 0, false, err
	}
	a.ID, a.Added, a.State, a.Reading, a.Progress, a.TextRevision = id, added, state, reading, progress, 1
	return id, false, nil
}

// insertImportedTx saves an import's highlights on an article of text
// revision rev and textLen bytes of Markdown; a highlight without a date
// gets created.
func insertImportedTx(ctx context.Context, tx *sql.Tx, id, rev int64, textLen int, created time.Time, hs []Highlight) error {
	for _, h := range hs {
		h.Exact, h.Note = sanitize.Text(h.Exact), sanitize.Text(h.Note)
		if strings.TrimSpace(h.Exact) == "" {
			continue // nothing to place or show
		}
		if h.Label == "" {
			h.Label = Labels[0]
		}
		if h.Orphan || h.Start < 0 || h.End <= h.Start || h.End > textLen {
			h.Orphan, h.Start, h.End, h.Prefix, h.Suffix = true, 0, 0, "", ""
		}
		at := h.Created
		if at.IsZero() {
			at = created
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO highlights (article_id, md_start, md_end, exact,
			prefix, suffix, label, note, orphan, created, updated, revision, text_revision)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
			id, h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Label, h.Note, h.Orphan,
			toNanos(at), toNanos(at), rev); err != nil {
			return err
		}
	}
	return nil
}

// AddImportedHighlights saves an import's highlights on an article already
// saved, in one transaction, their offsets computed on its text revision
// rev (else ErrStaleText). A quote the article has already (case and
// spacing aside) is skipped: two parts of one import may each have found
// it lacking. notes are the export's notes on quotes the article has
// (Exact the saved quote, Note the export's words): each is added under
// the highlight's own note unless that holds it already, so a note
// written in the other app after a first import is not lost, and a rerun
// adds nothing. keys (ImportKeys of what the export says of the article)
// are recorded with them.
func (s *Store) AddImportedHighlights(ctx context.Context, id, rev int64, textLen int, hs, notes []Highlight, keys []string) error {
	return s.write(ctx, fmt.Sprintf("save highlights in article %d", id), func(tx *sql.Tx) error {
		if _, err := checkText(ctx, tx, id, rev); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, exact, note FROM highlights WHERE article_id = ? ORDER BY id`, id)
		if err != nil {
			return err
		}
		type saved struct {
			id   int64 // 0: in fresh, at index at
			at   int
			note string
		}
		have := map[string]*saved{}
		for rows.Next() {
			var q string
			h := &saved{}
			if err := rows.Scan(&h.id, &q, &h.note); err != nil {
				rows.Close()
				return err
			}
			if k := Fold(q); have[k] == nil {
				have[k] = h
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var fresh []Highlight
		for _, h := range hs {
			if q := Fold(sanitize.Text(h.Exact)); have[q] == nil {
				have[q] = &saved{at: len(fresh), note: sanitize.Text(h.Note)}
				fresh = append(fresh, h)
			}
		}
		t := now()
		for _, n := range notes {
			words := sanitize.Text(n.Note)
			h := have[Fold(sanitize.Text(n.Exact))]
			if strings.TrimSpace(words) == "" || h != nil && strings.Contains(Fold(h.note), Fold(words)) {
				continue
			}
			switch {
			case h == nil:
				// The highlight went (deleted since the import read it):
				// its note comes back as an orphan's.
				n.Note, n.Orphan = words, true
				have[Fold(sanitize.Text(n.Exact))] = &saved{at: len(fresh), note: words}
				fresh = append(fresh, n)
				continue
			case h.id == 0:
				h.note = JoinNotes(h.note, words)
				fresh[h.at].Note = h.note
				continue
			}
			h.note = JoinNotes(h.note, words)
			if _, err := tx.ExecContext(ctx, `UPDATE highlights SET note = ?, revision = revision + 1, updated = ? WHERE id = ?`,
				h.note, toNanos(t), h.id); err != nil {
				return err
			}
		}
		if err := recordImportedTx(ctx, tx, id, keys); err != nil {
			return err
		}
		return insertImportedTx(ctx, tx, id, rev, textLen, t, fresh)
	})
}

// JoinNotes is note with more written under it, a blank line between.
func JoinNotes(note, more string) string {
	if strings.TrimSpace(note) == "" {
		return more
	}
	return strings.TrimRight(note, "\n") + "\n\n" + more
}

// Fold is s with case and spacing folded: how an import tells the same
// quote, title or author from another.
func Fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Unfetched returns the articles kept without their text (FetchError set),
// oldest first, without Markdown and Text.
func (s *Store) Unfetched(ctx context.Context) ([]Article, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleCols+` FROM articles a WHERE a.fetch_error <> '' ORDER BY a.id`)
	if err != nil {
		return nil, s.wrap("list articles not fetched", err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		var a Article
		if err := scanArticle(rows, &a); err != nil {
			return nil, s.wrap("list articles not fetched", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list articles not fetched", err)
	}
	return out, nil
}

// SetFetchError records why an article still has no text (a retry failed
// again). It changes nothing of an article that has its text.
func (s *Store) SetFetchError(ctx context.Context, id int64, reason string) error {
	reason = sanitize.Line(reason)
	if strings.TrimSpace(reason) == "" {
		return errors.New("set fetch error: empty reason")
	}
	return s.write(ctx, fmt.Sprintf("mark article %d not fetched", id), func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT fetch_error FROM articles WHERE id = ?`, id).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", id, ErrNotFound)
		}
		if err != nil || cur == "" {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE articles SET fetch_error = ? WHERE id = ?`, reason, id)
		return err
	})
}
