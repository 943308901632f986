package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"margin/sanitize"
	"net/url"
	"strings"
	"time"
)

// articleCols are the articles columns every query reads, in scanArticle's
// order (no Markdown/Text: those live in article_bodies).
const articleCols = `a.id, a.source_url, a.canonical_url, a.title, a.byline, a.site_name,
	a.language, a.excerpt, a.lead_image, a.published, a.word_count, a.reading_minutes,
	a.added, a.opened, a.state, a.position, a.progress`

type scanner interface {
	Scan(dest ...any) error
}

// scanArticle reads articleCols plus any extra destinations.
func scanArticle(r scanner, a *Article, extra ...any) error {
	var published, added, opened int64
	var state string
	dest := []any{&a.ID, &a.SourceURL, &a.CanonicalURL, &a.Title, &a.Byline, &a.SiteName,
		&a.Language, &a.Excerpt, &a.LeadImage, &published, &a.WordCount, &a.ReadingMinutes,
		&added, &opened, &state, &a.Position, &a.Progress}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	a.Published = fromNanos(published)
	a.Added = fromNanos(added)
	a.Opened = fromNanos(opened)
	a.State = State(state)
	return nil
}

// findURLTx returns the article saved under any of the given URLs (as
// source or canonical URL), or 0. Empty URLs match nothing.
func findURLTx(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, url1, url2 string) (int64, error) {
	if url1 == "" && url2 == "" {
		return 0, nil
	}
	nullIfEmpty := func(u string) sql.NullString { return sql.NullString{String: u, Valid: u != ""} }
	var id sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT min(id) FROM (
		SELECT id FROM articles WHERE source_url IN (?1, ?2)
		UNION ALL SELECT id FROM articles WHERE canonical_url IN (?1, ?2))`,
		nullIfEmpty(url1), nullIfEmpty(url2)).Scan(&id)
	if err != nil {
		return 0, err
	}
	return id.Int64, nil
}

// pageURL returns u when it names one page, and "" for a site's home page:
// sites that point every page's canonical link at their home page must not
// make all their articles one.
func pageURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Path == "" || p.Path == "/") && p.RawQuery == "" {
		return ""
	}
	return u
}

// AddArticle saves a new article (Added=now, State=Inbox) and returns its
// ID. If an article with the same source URL, or the same canonical URL
// naming a page (not a home page), is already saved, nothing changes and it
// returns that article's ID with existed=true.
func (s *Store) AddArticle(ctx context.Context, a *Article) (id int64, existed bool, err error) {
	var added time.Time
	err = s.write(ctx, "save article", func(tx *sql.Tx) error {
		id, existed, added, err = addArticleTx(ctx, tx, a)
		return err
	})
	if err != nil {
		return 0, false, err
	}
	if !existed {
		saved(a, id, added)
	}
	return id, existed, nil
}

// saved fills in what saving set, once the transaction has committed.
func saved(a *Article, id int64, added time.Time) {
	a.ID, a.Added, a.State = id, added, Inbox
	a.Opened, a.Position, a.Progress = time.Time{}, 0, 0
}

// AddArticles saves several articles in one transaction (bulk import),
// with AddArticle's rules for each; ids[i] and existed[i] describe as[i].
func (s *Store) AddArticles(ctx context.Context, as []*Article) (ids []int64, existed []bool, err error) {
	added := make([]time.Time, len(as))
	err = s.write(ctx, "save articles", func(tx *sql.Tx) error {
		ids, existed = make([]int64, len(as)), make([]bool, len(as))
		for i, a := range as {
			var err error
			if ids[i], existed[i], added[i], err = addArticleTx(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for i, a := range as {
		if !existed[i] {
			saved(a, ids[i], added[i])
		}
	}
	return ids, existed, nil
}

func addArticleTx(ctx context.Context, tx *sql.Tx, a *Article) (id int64, existed bool, added time.Time, err error) {
	if id, err := findURLTx(ctx, tx, a.SourceURL, pageURL(a.CanonicalURL)); err != nil {
		return 0, false, added, err
	} else if id != 0 {
		return id, true, added, nil
	}
	added = now()
	res, err := tx.ExecContext(ctx, `INSERT INTO articles (source_url, canonical_url, title, byline,
		site_name, language, excerpt, lead_image, published, word_count, reading_minutes, added, state)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.SourceURL, a.CanonicalURL, a.Title, a.Byline, a.SiteName, a.Language, a.Excerpt,
		a.LeadImage, toNanos(a.Published), a.WordCount, a.ReadingMinutes, toNanos(added), string(Inbox))
	if err != nil {
		return 0, false, added, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, false, added, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_bodies (article_id, markdown, text) VALUES (?, ?, ?)`,
		id, a.Markdown, sanitize.Text(a.Text)); err != nil {
		return 0, false, added, err
	}
	return id, false, added, nil
}

// Carry moves an article's highlights and reading position onto its new
// Markdown. It returns the highlights with new ranges and quotes (Orphan
// set where one could not be placed) and the new position, or -1 when the
// position could not be placed. ReplaceArticle calls it inside its write
// transaction, so a highlight added or deleted meanwhile is never missed.
type Carry func(oldMarkdown string, hs []Highlight, position int) (moved []Highlight, newPosition int)

// ReplaceResult says what a refresh did.
type ReplaceResult struct {
	Unchanged bool // the text was the same: nothing was written
	Orphans   int  // highlights that could not be placed in the new text
}

// ReplaceArticle puts a refreshed version of an article in place: new
// content and metadata (Added and State kept), with highlights and the
// reading position carried over by carry. When the Markdown is unchanged
// it writes nothing, so the reading position and highlights stay as they
// are.
func (s *Store) ReplaceArticle(ctx context.Context, id int64, a *Article, carry Carry) (ReplaceResult, error) {
	var res ReplaceResult
	err := s.write(ctx, fmt.Sprintf("replace article %d", id), func(tx *sql.Tx) error {
		var old string
		var pos int
		var progress float64
		err := tx.QueryRowContext(ctx, `SELECT b.markdown, a.position, a.progress FROM articles a
			JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?`, id).Scan(&old, &pos, &progress)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if old == a.Markdown {
			res.Unchanged = true
			return nil
		}
		hs, err := highlightsTx(ctx, tx, id)
		if err != nil {
			return err
		}
		newPos := -1
		if carry != nil {
			hs, newPos = carry(old, hs, pos)
		}
		if newPos < 0 {
			newPos, progress = 0, 0
		}
		// An empty URL in the new version keeps the old one: a refresh
		// must not make the article unfindable by the URL it was saved by.
		r, err := tx.ExecContext(ctx, `UPDATE articles SET
			source_url = coalesce(nullif(?, ''), source_url), canonical_url = coalesce(nullif(?, ''), canonical_url),
			title = ?, byline = ?, site_name = ?, language = ?, excerpt = ?, lead_image = ?,
			published = ?, word_count = ?, reading_minutes = ?, position = ?, progress = ?
			WHERE id = ?`,
			a.SourceURL, a.CanonicalURL, a.Title, a.Byline, a.SiteName, a.Language, a.Excerpt,
			a.LeadImage, toNanos(a.Published), a.WordCount, a.ReadingMinutes, newPos, progress, id)
		if err != nil {
			return err
		}
		if err := mustAffect(r, "article", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article_bodies SET markdown = ?, text = ? WHERE article_id = ?`,
			a.Markdown, sanitize.Text(a.Text), id); err != nil {
			return err
		}
		for _, h := range hs {
			if h.Start < 0 || h.End < h.Start || h.End > len(a.Markdown) {
				return fmt.Errorf("highlight %d: bad range [%d, %d)", h.ID, h.Start, h.End)
			}
			r, err := tx.ExecContext(ctx, `UPDATE highlights SET md_start = ?, md_end = ?, exact = ?, prefix = ?, suffix = ?, orphan = ?
				WHERE id = ? AND article_id = ?`, h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Orphan, h.ID, id)
			if err != nil {
				return err
			}
			if err := mustAffect(r, "highlight", h.ID); err != nil {
				return fmt.Errorf("%w in article %d", err, id)
			}
			if h.Orphan {
				res.Orphans++
			}
		}
		return nil
	})
	if err != nil {
		return ReplaceResult{}, err
	}
	return res, nil
}

// highlightsTx reads an article's highlights inside a transaction.
func highlightsTx(ctx context.Context, tx *sql.Tx, articleID int64) ([]Highlight, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+highlightCols+` FROM highlights h WHERE h.article_id = ? ORDER BY h.md_start, h.md_end, h.id`, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []Highlight
	for rows.Next() {
		var h Highlight
		if err := scanHighlight(rows, &h); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// mustAffect turns "no row changed" into ErrNotFound.
func mustAffect(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}

// Article returns one article with its Markdown and Text.
func (s *Store) Article(ctx context.Context, id int64) (*Article, error) {
	var a Article
	err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleCols+`, b.markdown, b.text,
		(SELECT count(*) FROM highlights h WHERE h.article_id = a.id)
		FROM articles a JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?`, id),
		&a, &a.Markdown, &a.Text, &a.HighlightCount)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("read article %d", id), err)
	}
	return &a, nil
}

// FindURL returns the ID of the article saved under url, as its source or
// canonical URL.
func (s *Store) FindURL(ctx context.Context, url string) (int64, error) {
	if url == "" {
		return 0, fmt.Errorf("find article: empty URL: %w", ErrNotFound)
	}
	id, err := findURLTx(ctx, s.db, url, "")
	if err != nil {
		return 0, s.wrap("find article", err)
	}
	if id == 0 {
		return 0, fmt.Errorf("find article %s: %w", url, ErrNotFound)
	}
	return id, nil
}

// List returns the library's articles without Markdown and Text, with
// HighlightCount filled.
func (s *Store) List(ctx context.Context, opt ListOptions) ([]Article, error) {
	var q strings.Builder
	q.WriteString(`SELECT ` + articleCols + `,
		(SELECT count(*) FROM highlights h WHERE h.article_id = a.id) FROM articles a`)
	if !opt.Archived {
		// "+" keeps SQLite from using an index on state, which would
		// mean sorting the whole inbox before returning one screen of it.
		q.WriteString(` WHERE +a.state = 'inbox'`)
	}
	switch opt.Sort {
	case SortAdded, "":
		// IDs are handed out in the order articles are added (and never
		// reused), so this is newest first, read straight off the table
		// instead of an index lookup per row.
		q.WriteString(` ORDER BY a.id DESC`)
	case SortTitle:
		q.WriteString(` ORDER BY a.title COLLATE NOCASE, a.id`)
	case SortProgress:
		q.WriteString(` ORDER BY a.progress DESC, a.added DESC, a.id DESC`)
	default:
		return nil, fmt.Errorf("list articles: unknown sort %q", opt.Sort)
	}
	args := []any{}
	if opt.Limit > 0 {
		q.WriteString(` LIMIT ?`)
		args = append(args, opt.Limit)
	}
	// One read transaction, so the count used to size the slice (growing
	// a slice of 10,000 Articles was a fifth of the time) is the count of
	// what the query sees.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, s.wrap("list articles", err)
	}
	defer tx.Rollback()
	n := min(opt.Limit, 1000) // a capacity hint, not a promise
	if n <= 0 {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
			return nil, s.wrap("list articles", err)
		}
	}
	rows, err := tx.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return nil, s.wrap("list articles", err)
	}
	defer rows.Close()
	out := make([]Article, 0, n)
	for rows.Next() {
		var a Article
		if err := scanArticle(rows, &a, &a.HighlightCount); err != nil {
			return nil, s.wrap("list articles", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list articles", err)
	}
	return out, nil
}

// Delete removes an article with its highlights and tags (export records
// are kept, unlinked, so margin still recognises files it wrote).
func (s *Store) Delete(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete article %d", id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "article", id)
	})
}

// SetState moves an article to the inbox or the archive.
func (s *Store) SetState(ctx context.Context, id int64, st State) error {
	op := fmt.Sprintf("set state of article %d", id)
	if st != Inbox && st != Archived {
		return fmt.Errorf("%s: unknown state %q", op, st)
	}
	return s.write(ctx, op, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET state = ? WHERE id = ?`, string(st), id)
		if err != nil {
			return err
		}
		return mustAffect(res, "article", id)
	})
}

// SetPosition remembers where the reader is (a Markdown byte offset and
// the fraction read, clamped to 0..1) and sets Opened to now.
func (s *Store) SetPosition(ctx context.Context, id int64, offset int, progress float64) error {
	if offset < 0 {
		offset = 0
	}
	if !(progress >= 0) { // also catches NaN
		progress = 0
	}
	if progress > 1 {
		progress = 1
	}
	return s.write(ctx, fmt.Sprintf("save reading position of article %d", id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET position = ?, progress = ?, opened = ? WHERE id = ?`,
			offset, progress, toNanos(now()), id)
		if err != nil {
			return err
		}
		return mustAffect(res, "article", id)
	})
}

// Count returns how many articles the library holds.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, s.wrap("count articles", err)
	}
	return n, nil
}
