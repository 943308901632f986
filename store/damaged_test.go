package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// damagedFixture is a closed library of 8 long articles (several pages
// each) with highlights, one linked to another, and notes.
func damagedFixture(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lib.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 1; i <= 8; i++ {
		var text strings.Builder
		for j := range 150 {
			fmt.Fprintf(&text, "Paragraph %d of article %d says something worth keeping, word%d.\n\n", j, i, i)
		}
		id := mustAdd(t, s, sample(fmt.Sprintf("https://example.org/%d", i), fmt.Sprintf("Article %d", i), text.String()))
		claim, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 12, End: 30, Exact: "a quote", Label: "claim", Note: fmt.Sprintf("note %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 40, End: 60, Exact: "more", Label: "evidence", Supports: claim}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetSetting(ctx, "reader.width", "72"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveView(ctx, "long reads", "tag:long"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO imported (article_id, key) VALUES (1, ?)`, ImportKey("a quote", "")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the fixture's log was not checkpointed on close")
	}
	return path
}

// pagesOf lists the pages of the named b-trees (dbstat).
func pagesOf(t *testing.T, path string, like string) []int {
	t.Helper()
	s, err := Open(path, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.Query(`SELECT pageno FROM dbstat WHERE name LIKE ? ORDER BY pageno`, like)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ps []int
	for rows.Next() {
		var p int
		rows.Scan(&p)
		ps = append(ps, p)
	}
	return ps
}

func damage(t *testing.T, path string, fn func(b []byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, fn(b), 0o600); err != nil {
		t.Fatal(err)
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	b, _ := os.ReadFile(path)
	return sha256.Sum256(b)
}

// Issue 19 item 14: a cut-short file and a flipped header byte failed
// with SQLite's bare code ("database disk image is malformed (11)").
func TestOpenDamagedLibrarySaysWhat(t *testing.T) {
	cases := map[string]func([]byte) []byte{
		"truncated":    func(b []byte) []byte { return b[:len(b)/2] },
		"header magic": func(b []byte) []byte { b[3] ^= 0x20; return b },
		"page size":    func(b []byte) []byte { b[16] ^= 0x5a; return b },
	}
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) {
			path := damagedFixture(t)
			damage(t, path, fn)
			_, err := Open(path)
			if !errors.Is(err, ErrDamaged) || !IsDamaged(err) {
				t.Fatalf("Open: %v, want ErrDamaged", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "damaged") || !strings.Contains(msg, "margin check --salvage") || strings.Contains(msg, "\n") {
				t.Fatalf("message %q", msg)
			}
		})
	}
}

// Issue 19 item 14: a 0-byte file was silently made a new library.
func TestOpenRefusesEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(path, old, old)
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("a 0-byte file was opened as a new library")
	}
	if !errors.Is(err, ErrEmptyFile) || !strings.Contains(err.Error(), "0 bytes") {
		t.Fatalf("Open(empty) = %v", err)
	}
	if fi, _ := os.Stat(path); fi.Size() != 0 {
		t.Fatal("the empty file was written to")
	}
	// A new library, where there is no file, still opens.
	s = openTest(t)
	if n, err := s.Count(context.Background()); err != nil || n != 0 {
		t.Fatalf("new library: %d, %v", n, err)
	}
}

// Issue 19 item 14: check --salvage copies every readable article and
// highlight into a new library, whatever the damage, and never writes to
// the damaged one.
func TestSalvage(t *testing.T) {
	ctx := context.Background()
	cases := map[string]struct {
		damage       func(t *testing.T, path string) func([]byte) []byte
		articles     int // at least
		withText     int // at least
		highlights   int // at least
		headerMended bool
	}{
		"intact": {func(*testing.T, string) func([]byte) []byte { return func(b []byte) []byte { return b } }, 8, 8, 16, false},
		"header magic": {func(*testing.T, string) func([]byte) []byte {
			return func(b []byte) []byte { b[0] ^= 0xff; b[16] ^= 0x0f; return b }
		}, 8, 8, 16, true},
		"search index pages": {func(t *testing.T, path string) func([]byte) []byte {
			ps := pagesOf(t, path, "articles_fts_data")
			return func(b []byte) []byte {
				for _, p := range ps {
					for _, o := range []int{0, 1, 3, 5, 100, 2000} {
						b[(p-1)*4096+o] ^= 0xff
					}
				}
				return b
			}
		}, 8, 8, 16, false},
		"cut short": {func(*testing.T, string) func([]byte) []byte {
			return func(b []byte) []byte { return b[:len(b)*3/4] }
		}, 8, 4, 16, false},
		// The articles' own rows lost: their text and highlights were
		// read and left out; each article is rebuilt from them.
		"article pages overwritten": {func(t *testing.T, path string) func([]byte) []byte {
			ps := pagesOf(t, path, "articles")
			return func(b []byte) []byte {
				for _, p := range ps {
					copy(b[(p-1)*4096+100*boolInt(p == 1):p*4096], bytes.Repeat([]byte{0xa5}, 4096))
				}
				return b
			}
		}, 8, 8, 16, false},
		"body pages overwritten": {func(t *testing.T, path string) func([]byte) []byte {
			ps := pagesOf(t, path, "article_bodies")
			return func(b []byte) []byte {
				p := ps[len(ps)/2]
				copy(b[(p-1)*4096:], bytes.Repeat([]byte{0xa5}, 4096))
				return b
			}
		}, 8, 6, 16, false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := damagedFixture(t)
			damage(t, path, c.damage(t, path))
			before := fileHash(t, path)
			out := filepath.Join(t.TempDir(), "salvaged.db")
			rep, err := Salvage(ctx, path, out)
			if err != nil {
				t.Fatalf("Salvage: %v", err)
			}
			t.Logf("%s: %+v", name, rep)
			if (len(rep.Damaged) > 0) != (name == "cut short" || name == "body pages overwritten" || name == "article pages overwritten") {
				t.Errorf("damaged tables %v", rep.Damaged)
			}
			if fileHash(t, path) != before {
				t.Fatal("Salvage changed the damaged library")
			}
			if rep.Articles < c.articles || rep.Highlights < c.highlights || rep.Articles-rep.TextLost < c.withText || rep.HeaderRepaired != c.headerMended {
				t.Fatalf("report %+v, want >= %d articles (%d with text), >= %d highlights, header mended %v", rep, c.articles, c.withText, c.highlights, c.headerMended)
			}
			s, err := Open(out)
			if err != nil {
				t.Fatalf("open the salvaged library: %v", err)
			}
			defer s.Close()
			chk, err := s.Check(ctx)
			if err != nil || !chk.OK() {
				t.Fatalf("salvaged library: %+v, %v", chk, err)
			}
			arts, err := s.List(ctx, ListOptions{Archived: true})
			if err != nil || len(arts) != rep.Articles {
				t.Fatalf("list: %d articles, %v; report %+v", len(arts), err, rep)
			}
			hs, err := s.AllHighlights(ctx, HighlightFilter{})
			if err != nil || len(hs) != rep.Highlights {
				t.Fatalf("highlights: %d, %v", len(hs), err)
			}
			links := 0
			for _, h := range hs {
				if h.Supports != 0 {
					links++
				}
				if h.Label == "claim" && !strings.HasPrefix(h.Note, "note ") {
					t.Fatalf("a note was lost: %+v", h)
				}
			}
			if links*2 != len(hs) {
				t.Fatalf("%d links among %d highlights", links, len(hs))
			}
			if rep.Articles-rep.TextLost > 0 {
				if res, err := s.Search(ctx, "worth keeping", 20); err != nil || len(res) == 0 {
					t.Fatalf("search in the salvaged library: %d, %v", len(res), err)
				}
			}
			if w, _ := s.Setting(ctx, "reader.width"); w != "72" {
				t.Fatalf("setting lost: %q", w)
			}
			if name == "intact" || name == "header magic" {
				// A saved view, and what an import wrote (so reading the
				// export again brings back nothing the reader deleted).
				if v, err := s.FindView(ctx, "long reads"); err != nil || v.Query != "tag:long" {
					t.Errorf("saved view lost: %+v %v", v, err)
				}
				if keys, err := s.ImportedKeys(ctx, 1); err != nil || !keys[ImportKey("a quote", "")] {
					t.Errorf("imported keys lost: %v %v", keys, err)
				}
			}
			// Salvage never overwrites.
			if _, err := Salvage(ctx, path, out); err == nil || !strings.Contains(err.Error(), "exists") {
				t.Fatalf("Salvage over an existing file: %v", err)
			}
		})
	}
}

// Issue 19 item 14: flipped bytes in the search index's pages broke
// backup, although listing and reading worked.
func TestBackupWithDamagedSearchIndex(t *testing.T) {
	ctx := context.Background()
	path := damagedFixture(t)
	ps := pagesOf(t, path, "articles_fts_data")
	damage(t, path, func(b []byte) []byte {
		for _, p := range ps {
			for _, o := range []int{0, 1, 3, 5} {
				b[(p-1)*4096+o] ^= 0xff
			}
		}
		return b
	})
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.List(ctx, ListOptions{}); err != nil {
		t.Fatalf("list (reading works): %v", err)
	}
	out := filepath.Join(t.TempDir(), "copy.db")
	err = s.Backup(ctx, out)
	if err == nil {
		t.Skip("VACUUM INTO read this damage; nothing to fall back from")
	}
	if !IsDamaged(err) {
		t.Fatalf("Backup: %v, want ErrDamaged", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a failed Backup left a partial copy")
	}
	if err := s.BackupPages(ctx, out); err != nil {
		t.Fatalf("BackupPages: %v", err)
	}
	c, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if arts, err := c.List(ctx, ListOptions{}); err != nil || len(arts) != 8 {
		t.Fatalf("the copy lists %d, %v", len(arts), err)
	}
}

// FuzzSalvage damages a library at the offsets the fuzzer picks: Salvage
// must never panic or hang, never write to the damaged file, and what it
// writes must be a sound library.
func FuzzSalvage(f *testing.F) {
	f.Add(uint32(0), uint32(0), byte(0xff))       // the magic string
	f.Add(uint32(16), uint32(17), byte(0x5a))     // the page size
	f.Add(uint32(4096), uint32(4196), byte(0xff)) // page 2's header and a cell
	f.Add(uint32(100), uint32(108), byte(0x01))   // page 1's b-tree header
	f.Add(uint32(1<<30), uint32(0), byte(0))      // cut short
	fixture, err := os.ReadFile(damagedFixture(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, a, b uint32, x byte) {
		raw := bytes.Clone(fixture)
		n := uint32(len(raw))
		if a >= 1<<30 {
			raw = raw[:int(b%n)] // cut short at b
		} else {
			raw[a%n] ^= x
			raw[b%n] ^= x
		}
		dir := t.TempDir()
		src := filepath.Join(dir, "lib.db")
		if err := os.WriteFile(src, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out.db")
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_, err := Salvage(ctx, src, out)
		if ctx.Err() != nil {
			t.Fatalf("Salvage hung: %v", err)
		}
		if got, _ := os.ReadFile(src); !bytes.Equal(got, raw) {
			t.Fatal("Salvage wrote to the damaged file")
		}
		if err != nil {
			if _, serr := os.Stat(out); serr == nil {
				t.Fatalf("a failed Salvage (%v) left %s", err, out)
			}
			return
		}
		s, err := Open(out)
		if err != nil {
			t.Fatalf("open the salvaged library: %v", err)
		}
		defer s.Close()
		if rep, err := s.Check(ctx); err != nil || !rep.OK() {
			t.Fatalf("salvaged library: %+v %v", rep, err)
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A library found damaged took writes all the same (a note saved, an
// article deleted), which could spread the damage over what was whole:
// once a read meets damage, writes are refused, naming the salvage; the
// search index's rebuild, a repair, is still allowed.
func TestNoWritesAfterDamage(t *testing.T) {
	ctx := context.Background()
	path := damagedFixture(t)
	ps := pagesOf(t, path, "article_bodies")
	damage(t, path, func(b []byte) []byte {
		for _, p := range ps {
			copy(b[(p-1)*4096:p*4096], bytes.Repeat([]byte{0xa5}, 4096))
		}
		return b
	})
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: 1, Start: 1, End: 5, Exact: "x"}); err != nil && IsDamaged(err) {
		t.Logf("the first write met the damage itself: %v", err)
	}
	found := false
	for id := int64(1); id <= 8; id++ {
		if _, err := s.Article(ctx, id); IsDamaged(err) {
			found = true
			break
		}
	}
	if !found {
		t.Skip("no read met the damage")
	}
	err = s.SetStarred(ctx, 1, true)
	if !IsDamaged(err) || !strings.Contains(err.Error(), "nothing more is written") || !strings.Contains(err.Error(), "--salvage") {
		t.Errorf("a write after damage: %v", err)
	}
	if err := s.RebuildSearch(ctx); err != nil && strings.Contains(err.Error(), "nothing more is written") {
		t.Errorf("the index rebuild was refused: %v", err)
	}
}

// An article whose row and text were both lost is rebuilt with a
// placeholder text: every highlight on it is an orphan, not the first
// alone (found in review).
func TestSalvageRecoveredHighlightsAreOrphans(t *testing.T) {
	ctx := context.Background()
	path := damagedFixture(t)
	ps := append(pagesOf(t, path, "articles"), pagesOf(t, path, "article_bodies")...)
	damage(t, path, func(b []byte) []byte {
		for _, p := range ps {
			if p > 1 {
				copy(b[(p-1)*4096:p*4096], bytes.Repeat([]byte{0xa5}, 4096))
			}
		}
		return b
	})
	out := filepath.Join(t.TempDir(), "salvaged.db")
	rep, err := Salvage(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hs, err := s.AllHighlights(ctx, HighlightFilter{})
	if err != nil || len(hs) == 0 {
		t.Fatalf("highlights: %d, %v (%+v)", len(hs), err, rep)
	}
	for _, h := range hs {
		if a, err := s.Article(ctx, h.ArticleID); err == nil && a.Markdown == lostText && !h.Orphan {
			t.Errorf("highlight %d on a placeholder text is not an orphan", h.ID)
		}
	}
}

// A damaged search index found by a search refused every write after, for
// the rest of the session, even once margin check --repair had rebuilt
// it: a rebuild lets the library be written again (found in review).
func TestRebuiltIndexAllowsWrites(t *testing.T) {
	ctx := context.Background()
	s, err := Open(damagedFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.wrap("search", damagedError{"SQLite finds its pages malformed", errors.New("index")}) // as a search that met it
	if err := s.SetStarred(ctx, 1, true); !IsDamaged(err) {
		t.Fatalf("a write after damage: %v", err)
	}
	if err := s.RebuildSearch(ctx); err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	if err := s.SetStarred(ctx, 1, true); err != nil {
		t.Errorf("a write after the rebuild: %v", err)
	}
}
