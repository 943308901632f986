package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"margin/internal/urlid"
	"margin/sanitize"
)

// articleCols are the articles columns every query reads, in scanArticle's
// order (no Markdown/Text: those live in article_bodies).
const articleCols = `a.id, a.source_url, a.canonical_url, a.title, a.byline, a.site_name,
	a.language, a.excerpt, a.lead_image, a.published, a.word_count, a.reading_minutes,
	a.added, a.opened, a.state, a.position, a.progress, a.text_revision, a.reading, a.starred,
	a.note, a.fetch_error`

type scanner interface {
	Scan(dest ...any) error
}

// scanArticle reads articleCols plus any extra destinations.
func scanArticle(r scanner, a *Article, extra ...any) error {
	var published, added, opened int64
	var state string
	dest := []any{&a.ID, &a.SourceURL, &a.CanonicalURL, &a.Title, &a.Byline, &a.SiteName,
		&a.Language, &a.Excerpt, &a.LeadImage, &published, &a.WordCount, &a.ReadingMinutes,
		&added, &opened, &state, &a.Position, &a.Progress, &a.TextRevision, &a.Reading, &a.Starred,
		&a.Note, &a.FetchError}
	if err := r.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	a.Published = fromNanos(published)
	a.Added = fromNanos(added)
	a.Opened = fromNanos(opened)
	a.State = State(state)
	return nil
}

// findURLTx returns the article saved under any of the given addresses
// (same urlid.Key as its source or canonical address), or 0. Empty
// addresses match nothing.
func findURLTx(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, urls ...string) (int64, error) {
	var keys []any
	for _, u := range urls {
		if k := urlid.Key(u); k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return 0, nil
	}
	var id sql.NullInt64
	err := q.QueryRowContext(ctx, findURLSQL(len(keys)), append(keys, keys...)...).Scan(&id)
	if err != nil {
		return 0, err
	}
	return id.Int64, nil
}

// findURLSQL is the identity lookup of n keys. The "not empty" terms let
// SQLite use the partial indexes on the keys (which leave out empty
// ones): without them every lookup read the whole table, which made a
// 10,000-article import quadratic (25 articles a second at the end).
func findURLSQL(n int) string {
	in := "?" + strings.Repeat(", ?", n-1)
	return `SELECT min(id) FROM (
		SELECT id FROM articles WHERE url_key IN (` + in + `) AND url_key <> ''
		UNION ALL SELECT id FROM articles WHERE canonical_key IN (` + in + `) AND canonical_key <> '')`
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

// canonicalKey is the identity key of a canonical address, "" for a home page.
func canonicalKey(u string) string { return urlid.Key(pageURL(u)) }

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
	a.ID, a.Added, a.State, a.TextRevision, a.Reading = id, added, Inbox, 1, New
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
	// Credentials given to fetch a page never enter the library.
	a.SourceURL, a.CanonicalURL = urlid.Public(a.SourceURL), urlid.Public(a.CanonicalURL)
	if id, err := findURLTx(ctx, tx, a.SourceURL, pageURL(a.CanonicalURL)); err != nil {
		return 0, false, added, err
	} else if id != 0 {
		return id, true, added, nil
	}
	added = now()
	res, err := tx.ExecContext(ctx, `INSERT INTO articles (source_url, canonical_url, title, byline,
		site_name, language, excerpt, lead_image, published, word_count, reading_minutes, added, state,
		url_key, canonical_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.SourceURL, a.CanonicalURL, a.Title, a.Byline, a.SiteName, a.Language, a.Excerpt,
		a.LeadImage, toNanos(a.Published), a.WordCount, a.ReadingMinutes, toNanos(added), string(Inbox),
		urlid.Key(a.SourceURL), canonicalKey(a.CanonicalURL))
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
	if err := tagNewTx(ctx, tx, id, a.SourceTags); err != nil {
		return 0, false, added, err
	}
	return id, false, added, nil
}

// tagNewTx gives a new article the tags its source or export gave it;
// one CleanTag refuses is left out (the importer names those).
func tagNewTx(ctx context.Context, tx *sql.Tx, id int64, tags []string) error {
	for _, t := range tags {
		t, ok := CleanTag(t)
		if !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING`, t); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
			SELECT ?, id FROM tags WHERE name = ?`, id, t); err != nil {
			return err
		}
	}
	return nil
}

// Carry moves an article's highlights and reading position onto its new
// Markdown. It returns the highlights with new ranges and quotes (Orphan
// set where one could not be placed) and the new position, or -1 when the
// position could not be placed. ReplaceArticle calls it inside its write
// transaction, so a highlight added or deleted meanwhile is never missed.
type Carry func(oldMarkdown string, hs []Highlight, position int) (moved []Highlight, newPosition int)

// Outcome is what a refresh did to one highlight.
type Outcome string

// The outcomes: every highlight ends as exactly one of them.
const (
	Placed   Outcome = "placed"   // found again, reading as it was highlighted
	Changed  Outcome = "changed"  // found again, but the passage now reads differently
	Orphaned Outcome = "orphaned" // not found: kept with its quote and note
)

// Moved is one highlight's outcome in a refresh.
type Moved struct {
	ID      int64
	Outcome Outcome
	Was     string // the words the reader highlighted
	Now     string // the passage in the new text (Changed only)
	Note    bool   // it has a note
}

// ReplaceResult says what a refresh did.
type ReplaceResult struct {
	Unchanged    bool    // the text was the same: nothing was written
	TextRevision int64   // the article's text revision now
	Highlights   []Moved // every highlight, in reading order of the old text
	Orphans      int     // how many are Orphaned
	Changed      int     // how many are Changed
}

// ReplaceArticle puts a refreshed version of an article in place: new
// content and metadata (Added and State kept), with highlights and the
// reading position carried over by carry; an article kept without its
// text (FetchError) has it now, and its orphaned highlights are placed
// when carry finds their quotes. When the Markdown is unchanged
// it writes nothing, so the reading position and highlights stay as they
// are. It never fails because of a highlight: a highlight carry cannot
// place on the new text (or places outside it) becomes an orphan, and the
// words the reader highlighted are kept (Highlight.Original) when the
// passage now reads differently.
func (s *Store) ReplaceArticle(ctx context.Context, id int64, a *Article, carry Carry) (ReplaceResult, error) {
	var res ReplaceResult
	a.SourceURL, a.CanonicalURL = urlid.Public(a.SourceURL), urlid.Public(a.CanonicalURL)
	err := s.write(ctx, fmt.Sprintf("replace article %d", id), func(tx *sql.Tx) error {
		var old string
		var pos int
		var progress float64
		var rev int64
		err := tx.QueryRowContext(ctx, `SELECT b.markdown, a.position, a.progress, a.text_revision FROM articles a
			JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?`, id).Scan(&old, &pos, &progress, &rev)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if old == a.Markdown {
			res.Unchanged, res.TextRevision = true, rev
			return nil
		}
		before, err := highlightsTx(ctx, tx, id)
		if err != nil {
			return err
		}
		hs := append([]Highlight(nil), before...)
		newPos := -1
		if carry != nil {
			hs, newPos = carry(old, hs, pos)
		}
		if newPos < 0 || newPos > len(a.Markdown) {
			newPos, progress = 0, 0
		}
		rev++
		// An empty URL in the new version keeps the old one: a refresh
		// must not make the article unfindable by the URL it was saved by.
		// Metadata the user edited stays as they wrote it.
		var edited string
		if err := tx.QueryRowContext(ctx, `SELECT edited FROM articles WHERE id = ?`, id).Scan(&edited); err != nil {
			return err
		}
		keep := func(field string) bool { return strings.Contains(","+edited+",", ","+field+",") }
		r, err := tx.ExecContext(ctx, `UPDATE articles SET
			source_url = CASE WHEN ?14 THEN source_url ELSE coalesce(nullif(?1, ''), source_url) END,
			canonical_url = coalesce(nullif(?2, ''), canonical_url),
			title = CASE WHEN ?15 THEN title ELSE ?3 END, byline = CASE WHEN ?16 THEN byline ELSE ?4 END,
			site_name = CASE WHEN ?17 THEN site_name ELSE ?5 END, language = ?6, excerpt = ?7, lead_image = ?8,
			published = CASE WHEN ?18 THEN published ELSE ?9 END, word_count = ?10, reading_minutes = ?11,
			position = ?12, progress = ?13, text_revision = ?19, fetch_error = ''
			WHERE id = ?20`,
			a.SourceURL, a.CanonicalURL, a.Title, a.Byline, a.SiteName, a.Language, a.Excerpt,
			a.LeadImage, toNanos(a.Published), a.WordCount, a.ReadingMinutes, newPos, progress,
			keep("source_url"), keep("title"), keep("byline"), keep("site_name"), keep("published"), rev, id)
		if err != nil {
			return err
		}
		if err := mustAffect(r, "article", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET url_key = ?, canonical_key = ? WHERE id = ?`,
			keyOf(ctx, tx, id, "source_url", urlid.Key), keyOf(ctx, tx, id, "canonical_url", canonicalKey), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article_bodies SET markdown = ?, text = ? WHERE article_id = ?`,
			a.Markdown, sanitize.Text(a.Text), id); err != nil {
			return err
		}
		byID := make(map[int64]Highlight, len(hs))
		for _, h := range hs {
			byID[h.ID] = h
		}
		for _, prev := range before {
			m, h := settle(prev, byID, len(a.Markdown))
			r, err := tx.ExecContext(ctx, `UPDATE highlights SET md_start = ?, md_end = ?, exact = ?, prefix = ?,
				suffix = ?, orphan = ?, original = ?, text_revision = ?, revision = revision + 1
				WHERE id = ? AND article_id = ?`,
				h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Orphan, h.Original, rev, h.ID, id)
			if err != nil {
				return err
			}
			if err := mustAffect(r, "highlight", h.ID); err != nil {
				return fmt.Errorf("%w in article %d", err, id)
			}
			res.Highlights = append(res.Highlights, m)
			switch m.Outcome {
			case Orphaned:
				res.Orphans++
			case Changed:
				res.Changed++
			}
		}
		res.TextRevision = rev
		return nil
	})
	if err != nil {
		return ReplaceResult{}, err
	}
	return res, nil
}

// keyOf computes an identity key of an article's stored address.
func keyOf(ctx context.Context, tx *sql.Tx, id int64, col string, key func(string) string) string {
	var u string
	tx.QueryRowContext(ctx, `SELECT `+col+` FROM articles WHERE id = ?`, id).Scan(&u)
	return key(u)
}

// settle decides one highlight's outcome from what carry made of it: a
// placement outside the new text is an orphan; an orphan keeps the quote
// it had; the words the reader highlighted are never lost.
func settle(prev Highlight, moved map[int64]Highlight, textLen int) (Moved, Highlight) {
	words := prev.Highlighted()
	m := Moved{ID: prev.ID, Was: words, Note: prev.Note != ""}
	h, ok := moved[prev.ID]
	if !ok || h.Orphan || h.Start < 0 || h.End <= h.Start || h.End > textLen || strings.TrimSpace(h.Exact) == "" {
		o := prev
		o.Orphan, o.Start, o.End = true, 0, 0
		m.Outcome = Orphaned
		return m, o
	}
	out := prev
	out.Start, out.End, out.Orphan = h.Start, h.End, false
	out.Exact, out.Prefix, out.Suffix = h.Exact, h.Prefix, h.Suffix
	if sameWords(words, h.Exact) {
		out.Original = ""
		m.Outcome = Placed
	} else {
		out.Original = words
		m.Outcome, m.Now = Changed, h.Exact
	}
	return m, out
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
	if a.Tags, err = s.ArticleTags(ctx, id); err != nil {
		return nil, err
	}
	return &a, nil
}

// FindURL returns the ID of the article saved under url (any form with the
// same urlid.Key), as its source or canonical URL.
func (s *Store) FindURL(ctx context.Context, url string) (int64, error) {
	if url == "" {
		return 0, fmt.Errorf("find article: empty URL: %w", ErrNotFound)
	}
	id, err := findURLTx(ctx, s.db, url)
	if err != nil {
		return 0, s.wrap("find article", err)
	}
	if id == 0 {
		return 0, fmt.Errorf("find article %s: %w", url, ErrNotFound)
	}
	return id, nil
}

// FindSaved returns the id of the article an article saved from src with
// the canonical address canonical would be a duplicate of, as adding or
// importing it finds it (a canonical home page counts for nothing), or 0.
func (s *Store) FindSaved(ctx context.Context, src, canonical string) (int64, error) {
	id, err := findURLTx(ctx, s.db, urlid.Public(src), pageURL(urlid.Public(canonical)))
	if err != nil {
		return 0, s.wrap("find article", err)
	}
	return id, nil
}

// WasDeleted reports whether an article saved under url was deleted (and
// not saved again since): an import leaves it out.
func (s *Store) WasDeleted(ctx context.Context, url string) (bool, error) {
	key := urlid.Key(url)
	if key == "" {
		return false, nil
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM deleted_urls WHERE key = ?`, key).Scan(&n); err != nil {
		return false, s.wrap("read deleted addresses", err)
	}
	return n > 0, nil
}

// FindTitle returns the id of the one web article saved under title (case
// and spacing aside), for an export that names an article by its title
// alone; ErrNotFound when no article or more than one has it.
func (s *Store) FindTitle(ctx context.Context, title string) (int64, error) {
	title = strings.Join(strings.Fields(title), " ")
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM articles
		WHERE title = ? COLLATE NOCASE AND (source_url LIKE 'http://%' OR source_url LIKE 'https://%') LIMIT 2`, title)
	if err != nil {
		return 0, s.wrap("find article by title", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, s.wrap("find article by title", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, s.wrap("find article by title", err)
	}
	if title == "" || len(ids) != 1 {
		return 0, fmt.Errorf("find article titled %q: %w", title, ErrNotFound)
	}
	return ids[0], nil
}

// orders is each sort's ORDER BY. Newest first is by the date saved, which
// an import keeps from the old service (articles_added), then by id.
var orders = map[Sort]string{
	SortAdded:     ` ORDER BY a.added DESC, a.id DESC`,
	SortTitle:     ` ORDER BY a.title COLLATE NOCASE, a.id`,
	SortProgress:  ` ORDER BY a.progress DESC, a.added DESC, a.id DESC`,
	SortWords:     ` ORDER BY a.word_count DESC, a.id DESC`,
	SortPublished: ` ORDER BY a.published DESC, a.id DESC`,
}

// orderBy returns a sort's ORDER BY ("" is newest first).
func orderBy(s Sort) (string, error) {
	o, ok := orders[cmp.Or(s, SortAdded)]
	if !ok {
		return "", fmt.Errorf("unknown sort %q", s)
	}
	return o, nil
}

// List returns the library's articles without Markdown and Text, with
// HighlightCount filled (opt.Brief: only what a row shows; opt.Each: one
// at a time, see ListOptions).
func (s *Store) List(ctx context.Context, opt ListOptions) ([]Article, error) {
	query, args, err := listSQL(opt)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
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
	if n <= 0 && opt.Each == nil {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
			return nil, s.wrap("list articles", err)
		}
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.wrap("list articles", err)
	}
	defer rows.Close()
	var out []Article
	if opt.Each == nil {
		out = make([]Article, 0, n)
	}
	var brief briefScan
	for rows.Next() {
		var a Article
		if opt.Brief {
			err = brief.scan(rows, &a)
		} else {
			err = scanArticle(rows, &a, &a.HighlightCount)
		}
		if err != nil {
			return nil, s.wrap("list articles", err)
		}
		if opt.Each != nil {
			if err := opt.Each(&a); err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("list articles", err)
	}
	if opt.Each != nil {
		// The pages read for a whole list stay in this connection's
		// cache, resident for as long as the connection lives: free them.
		rows.Close()
		if _, err := tx.ExecContext(ctx, `PRAGMA shrink_memory`); err != nil {
			return nil, s.wrap("list articles", err)
		}
	}
	return out, nil
}

// listSQL is List's query and its arguments.
func listSQL(opt ListOptions) (string, []any, error) {
	var q strings.Builder
	cols := articleCols
	if opt.Brief {
		cols = briefCols
	}
	q.WriteString(`SELECT ` + cols + `,
		(SELECT count(*) FROM highlights h WHERE h.article_id = a.id) FROM articles a`)
	if !opt.Archived {
		// "+" keeps SQLite from using an index on state, which would
		// mean sorting the whole inbox before returning one screen of it.
		q.WriteString(` WHERE +a.state = 'inbox'`)
	}
	order, err := orderBy(opt.Sort)
	if err != nil {
		return "", nil, err
	}
	q.WriteString(order)
	args := []any{}
	if opt.Limit > 0 {
		q.WriteString(` LIMIT ?`)
		args = append(args, opt.Limit)
	}
	return q.String(), args, nil
}

// briefCols are the columns of a Brief list, in briefScan's order.
const briefCols = `a.id, a.source_url, a.canonical_url = a.source_url, a.canonical_url, a.title,
	a.site_name, a.reading_minutes, a.added, a.opened, a.state, a.progress, a.reading,
	a.starred, a.note <> '', a.fetch_error <> ''`

// briefScan reads briefCols; the few site names a library has are kept
// once (a large library repeats each thousands of times).
type briefScan struct {
	sites map[string]string
}

// internState and internReading give the constants for the values they
// name, so a list does not hold a copy of "inbox" per article.
func internState(s State) State {
	switch s {
	case Inbox:
		return Inbox
	case Archived:
		return Archived
	}
	return s
}

func internReading(r Reading) Reading {
	switch r {
	case New:
		return New
	case ReadingNow:
		return ReadingNow
	case Done:
		return Done
	}
	return r
}

func (b *briefScan) scan(r scanner, a *Article) error {
	var added, opened int64
	var state string
	var sameURL, note, fetchErr bool
	var canon, site sql.RawBytes
	if err := r.Scan(&a.ID, &a.SourceURL, &sameURL, &canon, &a.Title, &site, &a.ReadingMinutes,
		&added, &opened, &state, &a.Progress, &a.Reading, &a.Starred, &note, &fetchErr, &a.HighlightCount); err != nil {
		return err
	}
	if sameURL {
		a.CanonicalURL = a.SourceURL
	} else {
		a.CanonicalURL = string(canon)
	}
	if b.sites == nil {
		b.sites = map[string]string{}
	}
	if s, ok := b.sites[string(site)]; ok {
		a.SiteName = s
	} else {
		a.SiteName = string(site)
		b.sites[a.SiteName] = a.SiteName
	}
	a.Added = fromNanos(added)
	a.Opened = fromNanos(opened)
	a.State = internState(State(state))
	a.Reading = internReading(a.Reading)
	if note {
		a.Note = BriefMark
	}
	if fetchErr {
		a.FetchError = BriefMark
	}
	return nil
}

// Delete removes an article with its highlights and tags (export records
// are kept, unlinked, so margin still recognises files it wrote).
func (s *Store) Delete(ctx context.Context, id int64) error {
	_, err := s.DeleteArticle(ctx, id)
	return err
}

// Snapshot is everything deleting an article removes, for undo.
type Snapshot struct {
	Article    Article // Markdown and Text included
	Highlights []Highlight
	Tags       []string
}

// DeleteArticle removes an article like Delete and returns what it
// removed, read in the same transaction, for RestoreArticle.
func (s *Store) DeleteArticle(ctx context.Context, id int64) (*Snapshot, error) {
	var snap Snapshot
	err := s.write(ctx, fmt.Sprintf("delete article %d", id), func(tx *sql.Tx) error {
		a := &snap.Article
		err := scanArticle(tx.QueryRowContext(ctx, `SELECT `+articleCols+`, b.markdown, b.text
			FROM articles a JOIN article_bodies b ON b.article_id = a.id WHERE a.id = ?`, id), a, &a.Markdown, &a.Text)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if snap.Highlights, err = highlightsTx(ctx, tx, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT t.name FROM tags t JOIN article_tags x ON x.tag_id = t.id
			WHERE x.article_id = ? ORDER BY t.name`, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			snap.Tags = append(snap.Tags, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "article", id)
	})
	if err != nil {
		return nil, err
	}
	snap.Article.HighlightCount = len(snap.Highlights)
	return &snap, nil
}

// RestoreArticle puts a deleted article back with its ID, text, reading
// state, highlights (IDs, links and notes) and tags. It fails if an
// article with that ID or address was saved since.
func (s *Store) RestoreArticle(ctx context.Context, snap *Snapshot) error {
	a := &snap.Article
	return s.write(ctx, fmt.Sprintf("restore article %d", a.ID), func(tx *sql.Tx) error {
		if other, err := findURLTx(ctx, tx, a.SourceURL, pageURL(a.CanonicalURL)); err != nil {
			return err
		} else if other != 0 {
			return fmt.Errorf("the same address was saved again since, as article %d", other)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles (id, source_url, canonical_url, title, byline,
			site_name, language, excerpt, lead_image, published, word_count, reading_minutes, added, opened,
			state, position, progress, text_revision, url_key, canonical_key, reading, starred, note, fetch_error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.SourceURL, a.CanonicalURL, a.Title, a.Byline, a.SiteName, a.Language, a.Excerpt,
			a.LeadImage, toNanos(a.Published), a.WordCount, a.ReadingMinutes, toNanos(a.Added), toNanos(a.Opened),
			string(a.State), a.Position, a.Progress, max(a.TextRevision, 1), urlid.Key(a.SourceURL), canonicalKey(a.CanonicalURL),
			string(cmp.Or(a.Reading, New)), a.Starred, a.Note, a.FetchError); err != nil {
			return fmt.Errorf("an article with ID %d exists: %w", a.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_bodies (article_id, markdown, text) VALUES (?, ?, ?)`,
			a.ID, a.Markdown, a.Text); err != nil {
			return err
		}
		// Claims first, so links to them hold when the rest go in.
		hs := append([]Highlight(nil), snap.Highlights...)
		for pass := 0; pass < 2; pass++ {
			for _, h := range hs {
				if (h.Label == ClaimLabel) != (pass == 0) {
					continue
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO highlights (id, article_id, md_start, md_end, exact,
					prefix, suffix, label, note, supports, orphan, created, updated, revision, text_revision, original)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					h.ID, a.ID, h.Start, h.End, h.Exact, h.Prefix, h.Suffix, h.Label, h.Note, supportsArg(h.Supports),
					h.Orphan, toNanos(h.Created), toNanos(h.Updated), h.Revision, h.TextRevision, h.Original); err != nil {
					return fmt.Errorf("restore highlight %d: %w", h.ID, err)
				}
			}
		}
		for _, t := range snap.Tags {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING`, t); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
				SELECT ?, id FROM tags WHERE name = ?`, a.ID, t); err != nil {
				return err
			}
		}
		return nil
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

// DoneProgress is the fraction read that makes an article done.
const DoneProgress = 0.98

// SetPosition remembers where the reader is (a Markdown byte offset into
// text revision textRev, and the fraction read, clamped to 0..1) and sets
// Opened to now. An offset into another revision's text (the article was
// refreshed while it was open) is not stored: the position carried over by
// the refresh stays. textRev 0 skips that check.
func (s *Store) SetPosition(ctx context.Context, id int64, textRev int64, offset int, progress float64) error {
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
		// Opening makes an article one being read; reaching its end makes
		// it done, and scrolling back up does not undo that.
		res, err := tx.ExecContext(ctx, `UPDATE articles SET
			position = CASE WHEN ?1 = 0 OR text_revision = ?1 THEN ?2 ELSE position END,
			progress = CASE WHEN ?1 = 0 OR text_revision = ?1 THEN ?3 ELSE progress END,
			reading = CASE WHEN reading = 'done' OR ?3 >= ?6 THEN 'done' ELSE 'reading' END,
			opened = ?4 WHERE id = ?5`,
			textRev, offset, progress, toNanos(now()), id, DoneProgress)
		if err != nil {
			return err
		}
		return mustAffect(res, "article", id)
	})
}

// Version is a number that changes whenever what a library screen shows
// changes (articles saved, deleted, renamed, archived; highlights made or
// deleted), by this margin or another: one read, to notice them.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM library_version`).Scan(&n); err != nil {
		return 0, s.wrap("read library version", err)
	}
	return n, nil
}

// Count returns how many articles the library holds.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, s.wrap("count articles", err)
	}
	return n, nil
}

// SetReading marks how far the reader is with an article (done, reading,
// or new again).
func (s *Store) SetReading(ctx context.Context, id int64, r Reading) error {
	op := fmt.Sprintf("mark article %d %s", id, r)
	if r != New && r != ReadingNow && r != Done {
		return fmt.Errorf("%s: unknown reading state", op)
	}
	return s.write(ctx, op, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET reading = ? WHERE id = ?`, string(r), id)
		if err != nil {
			return err
		}
		return mustAffect(res, "article", id)
	})
}

// SetStarred stars or unstars an article.
// ArticleFlags reads an article's state and star, without its text.
func (s *Store) ArticleFlags(ctx context.Context, id int64) (State, bool, error) {
	var st string
	var starred bool
	err := s.db.QueryRowContext(ctx, `SELECT state, starred FROM articles WHERE id = ?`, id).Scan(&st, &starred)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, fmt.Errorf("read article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", false, s.wrap(fmt.Sprintf("read article %d", id), err)
	}
	return State(st), starred, nil
}

func (s *Store) SetStarred(ctx context.Context, id int64, on bool) error {
	return s.write(ctx, fmt.Sprintf("star article %d", id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE articles SET starred = ? WHERE id = ?`, on, id)
		if err != nil {
			return err
		}
		return mustAffect(res, "article", id)
	})
}

// NoteConflictError is an article note save refused because the note was
// changed elsewhere since the text the save was based on.
type NoteConflictError struct {
	ID      int64
	Current string // the note as stored now
}

func (e *NoteConflictError) Error() string {
	return fmt.Sprintf("article %d: its note was changed elsewhere since it was read", e.ID)
}

// SetArticleNote replaces an article's note (the reader's note on the
// whole article) with to, if it still reads from: a save based on a note
// another margin changed meanwhile is refused with *NoteConflictError, so
// neither writer's words are lost silently.
func (s *Store) SetArticleNote(ctx context.Context, id int64, from, to string) error {
	to = sanitize.Text(to)
	return s.write(ctx, fmt.Sprintf("note article %d", id), func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, `SELECT note FROM articles WHERE id = ?`, id).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if cur == to {
			return nil
		}
		if cur != from {
			return &NoteConflictError{ID: id, Current: cur}
		}
		_, err = tx.ExecContext(ctx, `UPDATE articles SET note = ? WHERE id = ?`, to, id)
		return err
	})
}

// Metadata is what the user may edit of an article; a nil field is left
// as it is.
type Metadata struct {
	Title, Byline, SiteName, SourceURL *string
	Published                          *time.Time
}

// DateLayout is how a published date is typed when editing (margin edit
// --published, the library's details form).
const DateLayout = "2006-01-02"

// ParsePublished reads a published date as typed; "" is no date.
func ParsePublished(v string) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(DateLayout, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2024-03-31", v)
	}
	if t.After(now().AddDate(0, 0, 1)) {
		// A slip of a digit (2042 for 2024): nothing saved is published
		// after today (a day's grace for time zones).
		return time.Time{}, fmt.Errorf("%q is in the future", v)
	}
	return t, nil
}

// Check refuses an edit the library does not take, naming the field: an
// empty title, an address that is not a web address.
func (m Metadata) Check() error {
	if m.Title != nil && strings.TrimSpace(*m.Title) == "" {
		return errors.New("title: an article needs a title")
	}
	if m.SourceURL != nil {
		u := strings.ToLower(strings.TrimSpace(*m.SourceURL))
		if p, err := url.Parse(u); err != nil || p.Host == "" || !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return fmt.Errorf("address: %q is not a web address (http:// or https://)", *m.SourceURL)
		}
	}
	return nil
}

// EditMetadata changes an article's metadata and remembers which fields
// the user set, so that a refresh keeps them. An edit Check refuses is
// refused whole.
func (s *Store) EditMetadata(ctx context.Context, id int64, m Metadata) error {
	if err := m.Check(); err != nil {
		return err
	}
	return s.write(ctx, fmt.Sprintf("edit article %d", id), func(tx *sql.Tx) error {
		var edited string
		err := tx.QueryRowContext(ctx, `SELECT edited FROM articles WHERE id = ?`, id).Scan(&edited)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		set := func(col string, v any) error {
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET `+col+` = ? WHERE id = ?`, v, id); err != nil {
				return err
			}
			if !strings.Contains(","+edited+",", ","+col+",") {
				edited = strings.TrimPrefix(edited+","+col, ",")
			}
			return nil
		}
		for _, f := range []struct {
			col string
			v   *string
		}{{"title", m.Title}, {"byline", m.Byline}, {"site_name", m.SiteName}} {
			if f.v != nil {
				if err := set(f.col, sanitize.Line(*f.v)); err != nil {
					return err
				}
			}
		}
		if m.SourceURL != nil {
			u := urlid.Public(strings.TrimSpace(*m.SourceURL))
			if other, err := findURLTx(ctx, tx, u); err != nil {
				return err
			} else if other != 0 && other != id {
				return fmt.Errorf("%s is article %d already", u, other)
			}
			if err := set("source_url", u); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET url_key = ? WHERE id = ?`, urlid.Key(u), id); err != nil {
				return err
			}
		}
		if m.Published != nil {
			if err := set("published", toNanos(*m.Published)); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE articles SET edited = ? WHERE id = ?`, edited, id)
		return err
	})
}
