package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
)

// SalvageReport says what Salvage recovered.
type SalvageReport struct {
	Articles       int // articles copied
	TextLost       int // copied articles whose text could not be read (a placeholder stands in)
	Highlights     int // highlights copied
	Recovered      int // articles whose row was lost, rebuilt from their text or highlights ("Recovered article N")
	RowsLost       int // rows read but not placed (their article was lost)
	HeaderRepaired bool
	// Damaged lists the tables where reading met a damaged page.
	Damaged []string
	// ArticlesMissing and HighlightsMissing bound what a damaged table
	// may have lost: ids handed out but not read (some may simply have
	// been deleted).
	ArticlesMissing, HighlightsMissing int
}

// salvageTables are copied in this order, parents first.
var salvageTables = []string{"articles", "article_bodies", "highlights", "tags", "article_tags", "settings", "exports", "imported", "views", "deleted_urls"}

// recoveredTitle names an article whose own row could not be read but
// whose text or highlights could.
const recoveredTitle = "Recovered article %d (its title and address could not be read from the damaged library)"

// lostText stands in for an article text that could not be read.
const lostText = "The text of this article could not be read from the damaged library. Its highlights and notes are kept; margin add --refresh fetches the text again if it came from the web."

// Salvage copies every article, highlight, note and setting that can
// still be read from the library file at src into a new library at dst,
// which must not exist. It never writes to src: it reads a private copy
// (with its write-ahead log), mending what a flipped header byte broke,
// and asks SQLite to read past a file cut short. Rows are read one at a
// time, so a damaged page costs the rows on it, not the rest. An article
// whose text is lost keeps its highlights, as orphans. dst appears only
// when the copy is complete.
func Salvage(ctx context.Context, src, dst string) (SalvageReport, error) {
	var r SalvageReport
	op := "salvage " + src
	if _, err := os.Lstat(dst); err == nil {
		return r, fmt.Errorf("%s: %s exists; choose a new file", op, dst)
	}
	if fi, err := os.Stat(src); err != nil {
		return r, fmt.Errorf("%s: %w", op, err)
	} else if fi.IsDir() {
		return r, fmt.Errorf("%s: is a directory", op)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dst), ".margin-salvage-")
	if err != nil {
		return r, fmt.Errorf("%s: %w", op, classifyErr(dst, err))
	}
	defer os.RemoveAll(tmp)

	// The private copy: SQLite may write to it (replaying the log,
	// creating its shared-memory file) without touching the original.
	cp := filepath.Join(tmp, "damaged.db")
	if err := copyFile(src, cp); err != nil {
		return r, fmt.Errorf("%s: copy it: %w", op, err)
	}
	if err := copyFile(src+"-wal", cp+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return r, fmt.Errorf("%s: copy its log: %w", op, err)
	}
	r.HeaderRepaired, err = mendHeader(cp)
	if err != nil {
		return r, fmt.Errorf("%s: %w", op, err)
	}
	// writable_schema lets SQLite read a file shorter than its header
	// says (it refuses otherwise); nothing is written through it.
	sdb, err := sql.Open("sqlite", "file:"+escapeURIPath(cp)+"?_pragma=writable_schema(1)&_pragma=busy_timeout(1000)")
	if err != nil {
		return r, fmt.Errorf("%s: %w", op, err)
	}
	defer sdb.Close()
	sdb.SetMaxOpenConns(1)

	out := filepath.Join(tmp, "salvaged.db")
	d, err := Open(out)
	if err != nil {
		return r, fmt.Errorf("%s: %w", op, err)
	}
	defer func() {
		if d != nil {
			d.Close()
		}
	}()
	srcCols := map[string][]string{}
	for _, t := range salvageTables {
		cols, err := commonColumns(ctx, sdb, d.db, t)
		if err != nil {
			if ctx.Err() != nil {
				return r, ctx.Err()
			}
			if t == "articles" {
				return r, fmt.Errorf("%s: nothing can be read: %w", op, classifyErr(src, err))
			}
			continue // that table's schema is unreadable; the rest may not be
		}
		srcCols[t] = cols
	}
	err = d.write(ctx, op, func(tx *sql.Tx) error {
		return salvageInto(ctx, sdb, tx, srcCols, &r)
	})
	if err != nil {
		return r, err
	}
	if err := d.Close(); err != nil {
		return r, fmt.Errorf("%s: %w", op, err)
	}
	d = nil
	if err := os.Rename(out, dst); err != nil {
		return r, fmt.Errorf("%s: %w", op, classifyErr(dst, err))
	}
	return r, nil
}

// salvageInto copies the readable rows of each table.
func salvageInto(ctx context.Context, sdb *sql.DB, tx *sql.Tx, srcCols map[string][]string, r *SalvageReport) error {
	articles := map[int64]bool{}
	bodies := map[int64]bool{}
	highlights := map[int64]bool{}
	supports := map[int64]int64{}
	// rebuild makes article aid again, whose row was lost, so that its text
	// and highlights, which were read, are kept: the words matter more
	// than the title that went with them.
	rebuild := func(aid int64, withBody bool) error {
		if aid <= 0 || articles[aid] {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles (id, title, added) VALUES (?, ?, ?)`, aid, fmt.Sprintf(recoveredTitle, aid), toNanos(now())); err != nil {
			return err
		}
		articles[aid] = true
		r.Articles++
		r.Recovered++
		if withBody {
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_bodies (article_id, markdown, text) VALUES (?, ?, ?)`, aid, lostText, lostText); err != nil {
				return err
			}
			// Not in bodies, which holds the texts read: the
			// highlights on a placeholder are orphans, every one.
			r.TextLost++
		}
		return nil
	}
	for _, t := range salvageTables {
		cols := srcCols[t]
		if cols == nil {
			continue
		}
		ins := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t, strings.Join(cols, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "))
		keep := func(vals []any) error {
			idx := func(name string) int {
				for i, c := range cols {
					if c == name {
						return i
					}
				}
				return -1
			}
			id := func(name string) int64 {
				if i := idx(name); i >= 0 {
					if v, ok := vals[i].(int64); ok {
						return v
					}
				}
				return 0
			}
			switch t {
			case "article_bodies":
				if err := rebuild(id("article_id"), false); err != nil {
					return err
				}
			case "highlights":
				hadBody := bodies[id("article_id")]
				if err := rebuild(id("article_id"), !hadBody); err != nil {
					return err
				}
				// Links between highlights are restored once all are in.
				if i := idx("supports"); i >= 0 {
					if s := id("supports"); s != 0 {
						supports[id("id")] = s
					}
					vals[i] = nil
				}
				if i := idx("orphan"); i >= 0 && !hadBody {
					vals[i] = int64(1)
				}
			case "imported":
				if !articles[id("article_id")] {
					return nil // what an import wrote on an article lost
				}
			case "article_tags", "exports":
				if i := idx("article_id"); i >= 0 && vals[i] != nil && !articles[id("article_id")] {
					if t == "article_tags" {
						r.RowsLost++
						return nil
					}
					vals[i] = nil
				}
			}
			if _, err := tx.ExecContext(ctx, ins, vals...); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				r.RowsLost++
				return nil
			}
			switch t {
			case "articles":
				articles[id("id")] = true
				r.Articles++
			case "article_bodies":
				bodies[id("article_id")] = true
			case "highlights":
				highlights[id("id")] = true
				r.Highlights++
			}
			return nil
		}
		seen, maxID, damaged, err := readRows(ctx, sdb, t, cols, keep)
		if err != nil {
			return err
		}
		if damaged {
			r.Damaged = append(r.Damaged, t)
			switch t {
			case "articles":
				r.ArticlesMissing = max(int(maxID)-seen, 0)
			case "highlights":
				r.HighlightsMissing = max(int(maxID)-seen, 0)
			}
		}
		if t == "article_bodies" {
			// An article whose text is lost keeps its place, and so its
			// highlights, with a placeholder text.
			for id := range articles {
				if bodies[id] {
					continue
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO article_bodies (article_id, markdown, text) VALUES (?, ?, ?)`, id, lostText, lostText); err != nil {
					return err
				}
				r.TextLost++
			}
		}
	}
	for h, s := range supports {
		if highlights[s] {
			if _, err := tx.ExecContext(ctx, `UPDATE highlights SET supports = ? WHERE id = ?`, s, h); err != nil {
				return err
			}
		}
	}
	// Those rebuilt are not missing.
	r.ArticlesMissing = max(r.ArticlesMissing-r.Recovered, 0)
	return nil
}

// maxProbes bounds how many single-row reads Salvage tries past a damaged
// page before it gives a table up.
const maxProbes = 200_000

// readRows calls keep with the values of every readable row of table t.
// It returns how many rows it read, the largest id SQLite handed out
// (AUTOINCREMENT; 0 when unknown), and whether it met damage. A scan that
// meets a damaged page goes on past it: rows are then looked up one id at
// a time up to that largest id, or until a long run of ids finds nothing.
func readRows(ctx context.Context, sdb *sql.DB, t string, cols []string, keep func([]any) error) (seen int, maxID int64, damaged bool, err error) {
	list := strings.Join(cols, ", ")
	// settings, article_tags, imported and views are WITHOUT ROWID
	// tables, and small: take what one scan reaches.
	if t == "settings" || t == "article_tags" || t == "imported" || t == "views" || t == "deleted_urls" {
		rows, err := sdb.QueryContext(ctx, "SELECT "+list+" FROM "+t)
		if err != nil {
			return 0, 0, true, ctx.Err()
		}
		defer rows.Close()
		for rows.Next() {
			vals, err := scanAny(rows, len(cols))
			if err != nil {
				return seen, 0, true, ctx.Err()
			}
			seen++
			if err := keep(vals); err != nil {
				return seen, 0, false, err
			}
		}
		return seen, 0, rows.Err() != nil, ctx.Err()
	}
	seqOf := t
	if t == "article_bodies" {
		seqOf = "articles" // a body's id is its article's
	}
	sdb.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = ?`, seqOf).Scan(&maxID)
	last := int64(0)
	for {
		ok, err := scanFrom(ctx, sdb, t, list, len(cols), last, func(rowid int64, vals []any) error {
			last = rowid
			seen++
			return keep(vals)
		})
		if err != nil {
			return seen, maxID, damaged, err
		}
		if ok {
			return seen, maxID, damaged, nil
		}
		damaged = true
		// A damaged page: look the following ids up one by one until one
		// reads, then scan on from it.
		found := false
		for misses := 0; misses < maxProbes && (maxID == 0 && misses < 1000 || last < maxID); misses++ {
			if ctx.Err() != nil {
				return seen, maxID, damaged, ctx.Err()
			}
			last++
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := sdb.QueryRowContext(ctx, "SELECT "+list+" FROM "+t+" WHERE rowid = ?", last).Scan(ptrs...); err == nil {
				seen++
				if err := keep(vals); err != nil {
					return seen, maxID, damaged, err
				}
				found = true
				break
			}
		}
		if !found {
			return seen, maxID, damaged, nil
		}
	}
}

// scanFrom reads rows of t with rowid > after in order, until the end
// (true) or a damaged page (false).
func scanFrom(ctx context.Context, sdb *sql.DB, t, list string, ncols int, after int64, fn func(int64, []any) error) (bool, error) {
	rows, err := sdb.QueryContext(ctx, "SELECT rowid, "+list+" FROM "+t+" WHERE rowid > ? ORDER BY rowid", after)
	if err != nil {
		return false, ctx.Err()
	}
	defer rows.Close()
	for rows.Next() {
		vals, err := scanAny(rows, ncols+1)
		if err != nil {
			return false, ctx.Err()
		}
		if err := fn(vals[0].(int64), vals[1:]); err != nil {
			return false, err
		}
	}
	if rows.Err() != nil {
		return false, ctx.Err()
	}
	return true, nil
}

func scanAny(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, rows.Scan(ptrs...)
}

// commonColumns lists the columns table t has in both libraries.
func commonColumns(ctx context.Context, sdb, ddb *sql.DB, t string) ([]string, error) {
	names := func(db *sql.DB) (map[string]bool, []string, error) {
		rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, t)
		if err != nil {
			return nil, nil, err
		}
		defer rows.Close()
		set := map[string]bool{}
		var order []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return nil, nil, err
			}
			set[n] = true
			order = append(order, n)
		}
		return set, order, rows.Err()
	}
	have, _, err := names(sdb)
	if err != nil {
		return nil, err
	}
	if len(have) == 0 {
		return nil, fmt.Errorf("no table %s", t)
	}
	_, want, err := names(ddb)
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, c := range want {
		if have[c] {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("no columns of %s", t)
	}
	return cols, nil
}

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// mendHeader repairs the fields of a database header (the first 100
// bytes) that have one valid value or can be checked, so a flipped byte
// there does not hide every page: the magic string, the page size (taken
// as the size that makes the file a whole number of pages, 4096 first),
// the file format bytes and the fixed payload fractions.
func mendHeader(path string) (bool, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false, err
	}
	defer f.Close()
	h := make([]byte, 100)
	if _, err := io.ReadFull(f, h); err != nil {
		return false, fmt.Errorf("the file is too short to be a library (%v)", err)
	}
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	orig := string(h)
	copy(h, sqliteMagic)
	ps := int(h[16])<<8 | int(h[17])
	if ps == 1 {
		ps = 65536
	}
	if ps < 512 || ps > 65536 || ps&(ps-1) != 0 {
		ps = 4096
		for _, c := range []int{4096, 1024, 2048, 8192, 16384, 32768, 65536, 512} {
			if fi.Size()%int64(c) == 0 {
				ps = c
				break
			}
		}
		h[16], h[17] = byte(ps>>8), byte(ps)
		if ps == 65536 {
			h[16], h[17] = 0, 1
		}
	}
	_, walErr := os.Stat(path + "-wal")
	for _, i := range []int{18, 19} {
		if h[i] != 1 && h[i] != 2 {
			h[i] = 1
			if walErr == nil {
				h[i] = 2
			}
		}
	}
	h[21], h[22], h[23] = 64, 32, 32
	if string(h) == orig {
		return false, nil
	}
	if _, err := f.WriteAt(h, 0); err != nil {
		return false, err
	}
	return true, nil
}

// copyFile copies a file byte for byte. Only Salvage uses it, on a
// library it has not opened, so no SQLite lock of this process is at
// stake.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BackupPages writes a page-for-page copy of the library to path with
// SQLite's online backup, for when Backup's VACUUM INTO cannot read every
// row (a damaged search index): pages are copied, not interpreted, so the
// copy is as good as the library, damage included. It refuses to
// overwrite an existing file and leaves no partial copy.
func (s *Store) BackupPages(ctx context.Context, path string) error {
	return writeAside("back up library to "+path, path, func(tmp string) error {
		return s.pageCopy(ctx, tmp)
	})
}

// pageCopy copies the library's pages into the empty file tmp.
func (s *Store) pageCopy(ctx context.Context, tmp string) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	type backuper interface {
		NewBackup(string) (*sqlite.Backup, error)
	}
	return conn.Raw(func(dc any) error {
		b, ok := dc.(backuper)
		if !ok {
			return errors.New("the SQLite driver cannot make backups")
		}
		bk, err := b.NewBackup(tmp)
		if err != nil {
			return err
		}
		for {
			more, err := bk.Step(256)
			if err != nil {
				bk.Finish()
				return err
			}
			if !more {
				break
			}
			if ctx.Err() != nil {
				bk.Finish()
				return ctx.Err()
			}
		}
		return bk.Finish()
	})
}
