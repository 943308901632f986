package cli

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"margin/internal/library"
	"margin/store"

	_ "modernc.org/sqlite"
)

// A highlight whose offsets no longer cover its quote (a stale writer) is
// found by check and placed again by repair (issue 19, item 4).
func TestCheckFindsAndRepairsMisplacedHighlights(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, paragraphs(6))
	id := savedID(t, must(t, db, "add", file))
	must(t, db, "highlight", id, "--quote", "Marker 002 is here.", "--note", "n")
	must(t, db, "highlight", id, "--quote", "Marker 004 is here.")
	// A stale writer moves the first one's offsets.
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE highlights SET md_start = md_start - 40, md_end = md_end - 40 WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	// check names it and fails; check --repair fixes it.
	out, _, err := margin(t, db, "", "check")
	if err == nil || !strings.Contains(out, "highlight 1 in article 1 does not cover its quote") {
		t.Fatalf("check: %v\n%s", err, out)
	}
	out = must(t, db, "check", "--repair")
	if !strings.Contains(out, "misplaced highlights: 1 placed again") {
		t.Fatalf("check --repair:\n%s", out)
	}
	// Damaged again, for the functions themselves.
	raw, err = sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec(`UPDATE highlights SET md_start = md_start - 40, md_end = md_end - 40 WHERE id = 1`)
	raw.Close()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	ms, err := library.New(st).Misplaced(ctx)
	if err != nil || len(ms) != 1 || ms[0].ID != 1 {
		t.Fatalf("misplaced: %+v %v", ms, err)
	}
	placed, orphaned, err := library.New(st).Repair(ctx, ms)
	if err != nil || placed != 1 || orphaned != 0 {
		t.Fatalf("repair: %d %d %v", placed, orphaned, err)
	}
	if ms, _ := library.New(st).Misplaced(ctx); len(ms) != 0 {
		t.Errorf("still misplaced after repair: %+v", ms)
	}
	a, _ := st.Article(ctx, 1)
	h, _ := st.Highlight(ctx, 1)
	if got := a.Markdown[h.Start:h.End]; !strings.Contains(got, "Marker 002 is here.") || h.Note != "n" {
		t.Errorf("repaired to %q", got)
	}
}

// What a tampered library holds reaches no terminal through highlights
// (issue 19, item 11).
func TestHighlightsOutputSanitised(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, paragraphs(3))
	id := savedID(t, must(t, db, "add", file))
	must(t, db, "highlight", id, "--quote", "Marker 001 is here.")
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE highlights SET label = 'x\x1b]0;pwn\x07', note = 'n\u202e\x1b[2J', prefix = '\x9b31m'"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	for _, args := range [][]string{{"highlights"}, {"highlights", "--format", "json"}} {
		out := must(t, db, args...)
		if strings.ContainsAny(out, "\x1b\x07\u202e\u009b") || strings.Contains(out, `\u001b`) || strings.Contains(out, `\u009b`) {
			t.Errorf("%v printed control characters: %q", args, out)
		}
	}
}

// A passage that is a quotation already was printed in a second pair of
// marks (““No tax is popular.””).
func TestHighlightsQuoteMarksOnce(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "lib.db"), filepath.Join(dir, "e.txt")
	writeText(t, file, append(paragraphs(2), "“No tax is popular, but this one is less so than most,” the minister said to the house on Tuesday."))
	id := savedID(t, must(t, db, "add", file))
	must(t, db, "highlight", id, "--quote", "“No tax is popular, but this one is less so than most,”")
	if out := must(t, db, "highlights"); strings.Contains(out, "““") || !strings.Contains(out, "“No tax is popular, but this one is less so than most,”") {
		t.Errorf("%q", out)
	}
}
