package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"margin/internal/urlid"
)

// applicationID marks the file as a margin library (PRAGMA application_id),
// so Open refuses some other program's SQLite database instead of adding
// tables to it. It is "mrgn" in ASCII.
const applicationID = 0x6d72676e

// migration brings the schema one version up: its SQL, then its Go step
// (data the SQL cannot compute), in one transaction.
type migration struct {
	sql  string
	step func(ctx context.Context, tx *sql.Tx) error
}

// migrations[i] brings the schema from version i to version i+1. They are
// append-only: never edit one that has shipped; add a new one.
var migrations = []migration{
	// 1: the first schema.
	{sql: `
-- Metadata and reading state: small rows, so listing 10,000 articles reads
-- a few megabytes. The article's content lives in article_bodies.
CREATE TABLE articles (
	id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: export file names carry it
	source_url      TEXT    NOT NULL DEFAULT '',
	canonical_url   TEXT    NOT NULL DEFAULT '',
	title           TEXT    NOT NULL DEFAULT '',
	byline          TEXT    NOT NULL DEFAULT '',
	site_name       TEXT    NOT NULL DEFAULT '',
	language        TEXT    NOT NULL DEFAULT '',
	excerpt         TEXT    NOT NULL DEFAULT '',
	lead_image      TEXT    NOT NULL DEFAULT '',
	published       INTEGER NOT NULL DEFAULT 0,  -- unix ns, 0 unknown
	word_count      INTEGER NOT NULL DEFAULT 0,
	reading_minutes INTEGER NOT NULL DEFAULT 0,
	added           INTEGER NOT NULL,            -- unix ns
	opened          INTEGER NOT NULL DEFAULT 0,  -- unix ns, 0 never
	state           TEXT    NOT NULL DEFAULT 'inbox' CHECK (state IN ('inbox', 'archived')),
	position        INTEGER NOT NULL DEFAULT 0,
	progress        REAL    NOT NULL DEFAULT 0
);
CREATE INDEX articles_source_url    ON articles(source_url);
CREATE INDEX articles_canonical_url ON articles(canonical_url);
CREATE INDEX articles_title         ON articles(title COLLATE NOCASE);

-- One row per article; deleted only together with its article.
CREATE TABLE article_bodies (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	markdown   TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE highlights (
	id         INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so undo can restore an ID
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	md_start   INTEGER NOT NULL DEFAULT 0, -- Markdown byte offsets [md_start, md_end)
	md_end     INTEGER NOT NULL DEFAULT 0,
	exact      TEXT    NOT NULL DEFAULT '',
	prefix     TEXT    NOT NULL DEFAULT '',
	suffix     TEXT    NOT NULL DEFAULT '',
	label      TEXT    NOT NULL DEFAULT 'highlight',
	note       TEXT    NOT NULL DEFAULT '',
	supports   INTEGER REFERENCES highlights(id) ON DELETE SET NULL,
	orphan     INTEGER NOT NULL DEFAULT 0,
	created    INTEGER NOT NULL,
	updated    INTEGER NOT NULL
);
CREATE INDEX highlights_article  ON highlights(article_id, md_start, md_end);
CREATE INDEX highlights_supports ON highlights(supports);

CREATE TABLE tags (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE article_tags (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
	PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Files margin wrote, with the hash of what it wrote, so a later export
-- can tell whether the user has edited the file since.
CREATE TABLE exports (
	path       TEXT PRIMARY KEY,
	article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
	hash       TEXT    NOT NULL,
	written    INTEGER NOT NULL
);
CREATE INDEX exports_article ON exports(article_id);

-- Full-text search. The index is an FTS5 external-content table over this
-- view, so the text is stored once; the triggers below keep it in step
-- inside the same transaction as every change.
CREATE VIEW article_search(id, title, byline, site_name, text) AS
	SELECT a.id, a.title, a.byline, a.site_name, b.text
	FROM articles a JOIN article_bodies b ON b.article_id = a.id;

CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, byline, site_name, text,
	content = 'article_search', content_rowid = 'id',
	-- No porter stemmer: snippet() tokenizes each result's whole text,
	-- and with porter that took 6.6 ms of CPU for 20 snippets against
	-- 3.0 ms without (1,500-word articles), the largest part of a search.
	-- The last word of a query prefix-matches instead ("bicycle" finds
	-- "bicycles").
	tokenize = 'unicode61 remove_diacritics 2',
	-- Search as you type ends in a short prefix ("th"*): index 2- and
	-- 3-character prefixes so those are one doclist, not a merge of
	-- thousands.
	prefix = '2 3'
);
-- ORDER BY rank uses these bm25 weights: a word in the title counts ten
-- times one in the body.
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 3.0, 2.0, 1.0)');

-- A body is indexed once its article row exists (AddArticle inserts the
-- article, then the body).
CREATE TRIGGER article_bodies_ai AFTER INSERT ON article_bodies BEGIN
	INSERT INTO articles_fts(rowid, title, byline, site_name, text)
		SELECT a.id, a.title, a.byline, a.site_name, new.text FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER article_bodies_au AFTER UPDATE OF text ON article_bodies BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, text)
		SELECT 'delete', a.id, a.title, a.byline, a.site_name, old.text FROM articles a WHERE a.id = old.article_id;
	INSERT INTO articles_fts(rowid, title, byline, site_name, text)
		SELECT a.id, a.title, a.byline, a.site_name, new.text FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, byline, site_name ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, text)
		SELECT 'delete', old.id, old.title, old.byline, old.site_name, b.text FROM article_bodies b WHERE b.article_id = old.id;
	INSERT INTO articles_fts(rowid, title, byline, site_name, text)
		SELECT new.id, new.title, new.byline, new.site_name, b.text FROM article_bodies b WHERE b.article_id = new.id;
END;
-- BEFORE, so the body (removed by the cascade) is still there to say what
-- was indexed.
CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, text)
		SELECT 'delete', old.id, old.title, old.byline, old.site_name, b.text FROM article_bodies b WHERE b.article_id = old.id;
END;
`},
	// 2: revisions (no stale or silent overwrite), the reader's own words
	// kept through a refresh, and one key per address for identity.
	{sql: `
-- A refresh that changes the text adds one; offsets are valid only for the
-- revision they were computed on.
ALTER TABLE articles ADD COLUMN text_revision INTEGER NOT NULL DEFAULT 1;
-- urlid.Key of source_url, and of canonical_url when it names a page (not
-- a home page): the identity add, refresh and import look up.
ALTER TABLE articles ADD COLUMN url_key       TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN canonical_key TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_url_key       ON articles(url_key) WHERE url_key <> '';
CREATE INDEX articles_canonical_key ON articles(canonical_key) WHERE canonical_key <> '';

-- Every change adds one to revision; text_revision is the article text
-- revision md_start and md_end belong to; original is what the reader
-- highlighted when a refresh placed it on reworded text ('' otherwise).
ALTER TABLE highlights ADD COLUMN revision      INTEGER NOT NULL DEFAULT 1;
ALTER TABLE highlights ADD COLUMN text_revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE highlights ADD COLUMN original      TEXT    NOT NULL DEFAULT '';

-- Reading: new (never read), reading, or done (finished or marked; it
-- stays done when the reader scrolls back up); archiving stays in state.
-- Starred is a flag on any article.
ALTER TABLE articles ADD COLUMN reading TEXT    NOT NULL DEFAULT 'new' CHECK (reading IN ('new', 'reading', 'done'));
ALTER TABLE articles ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
-- The metadata the user edited (title, byline, site_name, published,
-- source_url; comma-separated): a refresh keeps them.
ALTER TABLE articles ADD COLUMN edited  TEXT    NOT NULL DEFAULT '';
UPDATE articles SET reading = CASE WHEN progress >= 0.98 THEN 'done' WHEN progress > 0 OR opened > 0 THEN 'reading' ELSE 'new' END;

-- A counter of changes a library screen shows (articles saved, deleted,
-- renamed or moved, highlights made or deleted), so that another margin
-- notices them with one cheap read. Reading positions do not count.
CREATE TABLE library_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO library_version (id, n) VALUES (1, 0);
CREATE TRIGGER library_version_article_ai AFTER INSERT ON articles BEGIN
	UPDATE library_version SET n = n + 1;
END;
CREATE TRIGGER library_version_article_ad AFTER DELETE ON articles BEGIN
	UPDATE library_version SET n = n + 1;
END;
CREATE TRIGGER library_version_article_au AFTER UPDATE OF title, byline, site_name, state,
	word_count, reading_minutes, source_url, canonical_url, text_revision ON articles BEGIN
	UPDATE library_version SET n = n + 1;
END;
-- Every position save writes reading: count only a change.
CREATE TRIGGER library_version_article_reading AFTER UPDATE OF reading, starred ON articles
	WHEN old.reading IS NOT new.reading OR old.starred IS NOT new.starred BEGIN
	UPDATE library_version SET n = n + 1;
END;
CREATE TRIGGER library_version_highlight_ai AFTER INSERT ON highlights BEGIN
	UPDATE library_version SET n = n + 1;
END;
CREATE TRIGGER library_version_highlight_ad AFTER DELETE ON highlights BEGIN
	UPDATE library_version SET n = n + 1;
END;
`, step: fillURLKeys},
	// 3: organising and importing a library.
	{sql: `
-- A note on the whole article (Readwise's document note).
ALTER TABLE articles ADD COLUMN note        TEXT NOT NULL DEFAULT '';
-- Why an imported link has no text yet ('' when it has its text): the page
-- could not be fetched, or the import ran without fetching. Kept with its
-- title, address, tags and dates so nothing of the old library is lost;
-- margin import --retry fetches these again.
ALTER TABLE articles ADD COLUMN fetch_error TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_unfetched ON articles(id) WHERE fetch_error <> '';
-- Newest first means the date saved, which an import keeps from the old
-- service: imported articles are not the newest because their ids are.
CREATE INDEX articles_added ON articles(added DESC, id DESC);
CREATE TRIGGER library_version_article_note AFTER UPDATE OF note, fetch_error ON articles
	WHEN old.note IS NOT new.note OR old.fetch_error IS NOT new.fetch_error BEGIN
	UPDATE library_version SET n = n + 1;
END;

-- Saved searches (Readeck's collections): a name for a query.
CREATE TABLE views (
	name    TEXT PRIMARY KEY COLLATE NOCASE,
	query   TEXT    NOT NULL,
	created INTEGER NOT NULL -- unix ns
) WITHOUT ROWID;
`},
	// 4: every sort's first page read from an index (newest first and
	// title have theirs): a sort without one reads and sorts the whole
	// table to show one screen of it.
	{sql: `
CREATE INDEX articles_progress  ON articles(progress DESC, added DESC, id DESC);
CREATE INDEX articles_words     ON articles(word_count DESC, id DESC);
CREATE INDEX articles_published ON articles(published DESC, id DESC);
`},
	// 5: what imports wrote on each article (ImportKey of a quote, of a
	// note on it), so that an export read again brings back no highlight
	// and no note the reader has deleted or changed since.
	{sql: `
CREATE TABLE imported (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	key        TEXT    NOT NULL,
	PRIMARY KEY (article_id, key)
) WITHOUT ROWID;
`},
	// 6: CJK letters indexed one by one (cjk.go): the view and the
	// triggers pass every column through margin_fts. An article whose
	// text has none is indexed as before; those that have some are
	// indexed again (the 'delete' gives what version 1's triggers
	// indexed: the text as it is).
	{sql: `
DROP TRIGGER article_bodies_ai;
DROP TRIGGER article_bodies_au;
DROP TRIGGER articles_au;
DROP TRIGGER articles_bd;
DROP VIEW article_search;
CREATE VIEW article_search(id, title, byline, site_name, text) AS
	SELECT a.id, margin_fts(a.title), margin_fts(a.byline), margin_fts(a.site_name), margin_fts(b.text)
	FROM articles a JOIN article_bodies b ON b.article_id = a.id;

CREATE TRIGGER article_bodies_ai AFTER INSERT ON article_bodies BEGIN
	INSERT INTO articles_fts(rowid, title, byline, site_name, text)
		SELECT a.id, margin_fts(a.title), margin_fts(a.byline), margin_fts(a.site_name), margin_fts(new.text) FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER article_bodies_au AFTER UPDATE OF text ON article_bodies BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, text)
		SELECT 'delete', a.id, margin_fts(a.title), margin_fts(a.byline), margin_fts(a.site_name), margin_fts(old.text) FROM articles a WHERE a.id = old.article_id;
	INSERT INTO articles_fts(rowid, title, byline, site_name, text)
		SELECT a.id, margin_fts(a.title), margin_fts(a.byline), margin_fts(a.site_name), margin_fts(new.text) FROM articles a WHERE a.id = new.article_id;
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, byline, site_name ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, text)
		SELECT 'delete', old.id, margin_fts(old.title), margin_fts(old.byline), margin_fts(old.site_name), margin_fts(b.text) FROM article_bodies b WHERE b.article_id = old.id;
	INSERT INTO articles_fts(rowid, title, byline, site_name, text)
		SELECT new.id, margin_fts(new.title), margin_fts(new.byline), margin_fts(new.site_name), margin_fts(b.text) FROM article_bodies b WHERE b.article_id = new.id;
END;
CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, text)
		SELECT 'delete', old.id, margin_fts(old.title), margin_fts(old.byline), margin_fts(old.site_name), margin_fts(b.text) FROM article_bodies b WHERE b.article_id = old.id;
END;

CREATE TEMP TABLE cjk_articles AS
	SELECT a.id FROM articles a JOIN article_bodies b ON b.article_id = a.id
	WHERE margin_fts(b.text) <> b.text OR margin_fts(a.title) <> a.title
		OR margin_fts(a.byline) <> a.byline OR margin_fts(a.site_name) <> a.site_name;
INSERT INTO articles_fts(articles_fts, rowid, title, byline, site_name, text)
	SELECT 'delete', a.id, a.title, a.byline, a.site_name, b.text
	FROM articles a JOIN article_bodies b ON b.article_id = a.id WHERE a.id IN (SELECT id FROM cjk_articles);
INSERT INTO articles_fts(rowid, title, byline, site_name, text)
	SELECT id, title, byline, site_name, text FROM article_search WHERE id IN (SELECT id FROM cjk_articles);
DROP TABLE cjk_articles;
`},
	// 7: the addresses of articles the reader deleted, which an import
	// leaves out (an export read again brought them back); saving one
	// again, by hand or by undo, forgets it.
	{sql: `
CREATE TABLE deleted_urls (
	key     TEXT    PRIMARY KEY, -- urlid.Key, as url_key and canonical_key
	deleted INTEGER NOT NULL     -- unix seconds
) WITHOUT ROWID;
CREATE TRIGGER deleted_urls_ad AFTER DELETE ON articles BEGIN
	INSERT OR REPLACE INTO deleted_urls (key, deleted) SELECT old.url_key, strftime('%s', 'now') WHERE old.url_key <> '';
	INSERT OR REPLACE INTO deleted_urls (key, deleted) SELECT old.canonical_key, strftime('%s', 'now') WHERE old.canonical_key <> '';
END;
CREATE TRIGGER deleted_urls_ai AFTER INSERT ON articles BEGIN
	DELETE FROM deleted_urls WHERE key IN (new.url_key, new.canonical_key);
END;
`},
}

// fillURLKeys computes the identity keys of the articles already saved.
func fillURLKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, source_url, canonical_url FROM articles`)
	if err != nil {
		return err
	}
	type keys struct {
		id       int64
		src, can string
	}
	var all []keys
	for rows.Next() {
		var k keys
		if err := rows.Scan(&k.id, &k.src, &k.can); err != nil {
			rows.Close()
			return err
		}
		all = append(all, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range all {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET url_key = ?, canonical_key = ? WHERE id = ?`,
			urlid.Key(k.src), canonicalKey(k.can), k.id); err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the schema version this build of margin writes.
var SchemaVersion = len(migrations)

// migrate brings the schema up to SchemaVersion, one transaction per
// migration, so a crash leaves the library at some whole version.
func (s *Store) migrate(ctx context.Context) error {
	if err := s.checkOwner(ctx); err != nil {
		return err
	}
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("library has schema version %d, newer than this margin understands (%d); upgrade margin", v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	if s.ro {
		return fmt.Errorf("library has schema version %d and needs upgrading to %d, but was opened read-only", v, len(migrations))
	}
	for {
		done, err := s.migrateOne(ctx)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

// migrateOne applies the next migration, if any, re-reading the version
// inside the write transaction: another margin may have migrated first.
func (s *Store) migrateOne(ctx context.Context) (done bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate schema: %w", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	if v >= len(migrations) {
		return true, nil
	}
	m := migrations[v]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", v+1, err)
	}
	if m.step != nil {
		if err := m.step(ctx, tx); err != nil {
			return false, fmt.Errorf("migrate schema to version %d: %w", v+1, err)
		}
	}
	if v == 0 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return false, fmt.Errorf("migrate schema to version 1: %w", err)
		}
	}
	// PRAGMA takes no bound parameters; v+1 is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate schema to version %d: %w", v+1, err)
	}
	return v+1 >= len(migrations), nil
}

// checkOwner refuses a database that belongs to another program.
func (s *Store) checkOwner(ctx context.Context) error {
	// One statement reads all three from one snapshot: another margin may
	// be creating this library at this moment.
	var app, v, tables int
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id()),
		(SELECT user_version FROM pragma_user_version()), (SELECT count(*) FROM sqlite_schema)`).Scan(&app, &v, &tables); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	if app == applicationID {
		return nil
	}
	if app != 0 {
		return errors.New("not a margin library (another program's database)")
	}
	if v != 0 || tables != 0 {
		return errors.New("not a margin library (another program's database)")
	}
	return nil
}
