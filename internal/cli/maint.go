package cli

import (
	"flag"
	"fmt"
	"strings"

	"margin/internal/library"
	"margin/sanitize"
	"margin/store"
)

func cmdBackup(e *env, args []string) error {
	fs := e.flags("backup")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("backup: give the file to write the copy to")
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	err = st.Backup(e.ctx, pos[0])
	if store.IsDamaged(err) {
		// VACUUM INTO reads every row; a damaged page it cannot read
		// (the search index, most often) must not stop a backup of
		// what can be read: copy the pages as they are.
		if err := st.BackupPages(e.ctx, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "backed up the library to %s page for page: the library is damaged, and so is the copy; margin check --salvage NEW.db makes a clean library\n", sanitize.Line(pos[0]))
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up the library to %s\n", sanitize.Line(pos[0]))
	return nil
}

// salvageAdvice ends the message of a library SQLite cannot read.
const salvageAdvice = store.SalvageAdvice

func cmdCheck(e *env, args []string) error {
	fs := e.flags("check")
	repair := fs.Bool("repair", false, "rebuild the full-text index if it is inconsistent, and place misplaced highlights again by their quotes")
	salvage := fs.String("salvage", "", "copy every readable article and highlight into this new library")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	named := false
	fs.Visit(func(f *flag.Flag) { named = named || f.Name == "salvage" })
	if named && strings.TrimSpace(*salvage) == "" {
		return usageErr("check --salvage needs the name of a new library file, such as salvaged.db")
	}
	if *salvage != "" {
		return salvageTo(e, *salvage)
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.Check(e.ctx)
	if *repair && (err == nil && !rep.FTSConsistent || store.IsDamaged(err)) {
		// A damaged search index can make the check itself fail: the
		// rebuild is worth trying before giving up on the library.
		if rerr := st.RebuildSearch(e.ctx); rerr != nil {
			if store.IsDamaged(rerr) {
				return fmt.Errorf("could not rebuild the full-text index: %w", rerr)
			}
			return rerr
		}
		fmt.Fprintln(e.stdout, "rebuilt the full-text index")
		rep, err = st.Check(e.ctx)
	}
	if err != nil {
		if store.IsDamaged(err) && !*repair {
			return fmt.Errorf("%w; if only the search index is damaged, margin check --repair rebuilds it", err)
		}
		return err
	}
	fmt.Fprintf(e.stdout, "integrity: %s\n", sanitize.Text(rep.Integrity))
	fts := "consistent"
	if !rep.FTSConsistent {
		fts = "INCONSISTENT"
	}
	fmt.Fprintf(e.stdout, "full-text index: %s\n", fts)
	fmt.Fprintf(e.stdout, "orphaned highlights: %d\n", rep.OrphanHighlights)
	// A highlight whose offsets no longer cover its quote (a writer that
	// held an older text of the article) is a problem --repair fixes.
	lib := library.New(st)
	mis, err := lib.Misplaced(e.ctx)
	if err != nil {
		return err
	}
	if len(mis) > 0 && *repair {
		placed, orphaned, err := lib.Repair(e.ctx, mis)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "misplaced highlights: %d placed again by their quotes, %d kept as orphans\n", placed, orphaned)
		mis = nil
	}
	for _, m := range mis {
		rep.Problems = append(rep.Problems, fmt.Sprintf("highlight %d in article %d does not cover its quote %q (it covers %q); margin check --repair places it again",
			m.ID, m.ArticleID, clip(m.Exact, 40), clip(m.Covers, 40)))
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stdout, "problem: %s\n", sanitize.Line(p))
	}
	if !rep.OK() {
		if rep.Integrity != "ok" {
			return fmt.Errorf("the library file is damaged (see above); %s", salvageAdvice)
		}
		return fmt.Errorf("the library has problems (see above); margin backup FILE keeps a copy, and margin check --repair rebuilds the full-text index")
	}
	return nil
}

// salvageTo runs margin check --salvage OUT.
func salvageTo(e *env, out string) error {
	src, err := e.libPath()
	if err != nil {
		return err
	}
	rep, err := store.Salvage(e.ctx, src, out)
	if err != nil {
		return err
	}
	if rep.HeaderRepaired {
		fmt.Fprintln(e.stdout, "the file's header was damaged; read it with a mended header")
	}
	fmt.Fprintf(e.stdout, "salvaged %d article%s and %d highlight%s into %s\n", rep.Articles, plural(rep.Articles), rep.Highlights, plural(rep.Highlights), sanitize.Line(out))
	if rep.Recovered > 0 {
		fmt.Fprintf(e.stdout, "%d article%s could not be read but their text or highlights could: rebuilt from them, titled \"Recovered article ID\" (margin edit sets a title)\n", rep.Recovered, plural(rep.Recovered))
	}
	if rep.TextLost > 0 {
		fmt.Fprintf(e.stdout, "the text of %d article%s could not be read: they keep their title, address and highlights (margin add --refresh fetches a web article again)\n", rep.TextLost, plural(rep.TextLost))
	}
	if len(rep.Damaged) > 0 {
		fmt.Fprintf(e.stdout, "damaged pages in: %s; up to %d articles and %d highlights could not be read (ids given out but not found: some may have been deleted)\n", strings.Join(rep.Damaged, ", "), rep.ArticlesMissing, rep.HighlightsMissing)
	}
	if rep.RowsLost > 0 {
		fmt.Fprintf(e.stdout, "%d rows were read but left out: the articles they belong to could not be read\n", rep.RowsLost)
	}
	fmt.Fprintf(e.stdout, "the damaged library is unchanged; look through the new one (margin --db %s list), then put it in the old one's place\n", sanitize.Line(out))
	return nil
}

func cmdConfig(e *env, args []string) error {
	fs := e.flags("config")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	var names []string
	for _, s := range library.Settings {
		names = append(names, s.Name)
	}
	if len(pos) > 2 {
		return usageErr("config: margin config [SETTING [VALUE]] (settings: %s)", strings.Join(names, ", "))
	}
	var set library.Setting
	if len(pos) > 0 {
		var ok bool
		if set, ok = library.SettingNamed(pos[0]); !ok {
			return usageErr("config: unknown setting %q (known: %s)", sanitize.Line(pos[0]), strings.Join(names, ", "))
		}
	}
	var v string
	if len(pos) == 2 {
		if v, err = set.Check(pos[1]); err != nil {
			return usageErr("config: %s", sanitize.Line(err.Error()))
		}
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	lib := library.New(st)
	if len(pos) == 0 {
		// Every setting, its value and where the value comes from.
		for _, s := range library.Settings {
			v, from, err := lib.Value(e.ctx, s)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%-11s %s  (%s)\n", s.Name, sanitize.Line(v), from)
		}
		return nil
	}
	if len(pos) == 2 {
		if err := lib.Set(e.ctx, set, v); err != nil {
			return err
		}
		if v == "" {
			v = "auto"
		}
		fmt.Fprintf(e.stdout, "%s set to %s\n", pos[0], sanitize.Line(v))
		return nil
	}
	v, _, err = lib.Value(e.ctx, set)
	if err != nil {
		return err
	}
	if v == "" {
		v = "(not set)"
	}
	fmt.Fprintln(e.stdout, sanitize.Line(v))
	return nil
}
