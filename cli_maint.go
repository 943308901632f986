package main

import (
	"fmt"
	"path/filepath"
	"strconv"

	"margin/bench"
	"margin/reader"
	"margin/render"
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
	if err := st.Backup(e.ctx, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up the library to %s\n", pos[0])
	return nil
}

func cmdCheck(e *env, args []string) error {
	fs := e.flags("check")
	repair := fs.Bool("repair", false, "rebuild the full-text index if it is inconsistent")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := st.Check(e.ctx)
	if err == nil && *repair && !rep.FTSConsistent {
		if err := st.RebuildSearch(e.ctx); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "rebuilt the full-text index")
		rep, err = st.Check(e.ctx)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "integrity: %s\n", rep.Integrity)
	fts := "consistent"
	if !rep.FTSConsistent {
		fts = "INCONSISTENT"
	}
	fmt.Fprintf(e.stdout, "full-text index: %s\n", fts)
	fmt.Fprintf(e.stdout, "orphaned highlights: %d\n", rep.OrphanHighlights)
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stdout, "problem: %s\n", sanitize.Line(p))
	}
	if !rep.OK() {
		return fmt.Errorf("the library has problems (see above); margin backup FILE keeps a copy, and margin check --repair rebuilds the full-text index")
	}
	return nil
}

// setting is one thing margin config can read or set.
type setting struct {
	key   string                       // the store's settings key
	check func(string) (string, error) // validates and normalises a new value
	get   func(e *env, st *store.Store) (string, error)
}

var settings = map[string]setting{
	"export-dir": {exportDirKey, func(v string) (string, error) { return filepath.Abs(v) },
		func(e *env, st *store.Store) (string, error) { return exportDir(e.ctx, st) }},
	"style": {"ui.style", func(v string) (string, error) {
		if v != "dark" && v != "light" && v != "auto" {
			return "", fmt.Errorf("style must be dark, light or auto, not %q", v)
		}
		if v == "auto" {
			v = "" // follow the terminal's background
		}
		return v, nil
	}, nil},
	"width": {"reader.width", func(v string) (string, error) {
		if n, err := strconv.Atoi(v); err != nil || n < 20 || n > 400 {
			return "", fmt.Errorf("width must be a number of columns from 20 to 400, not %q", v)
		}
		return v, nil
	}, nil},
}

func cmdConfig(e *env, args []string) error {
	fs := e.flags("config")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || len(pos) > 2 {
		return usageErr("config: margin config export-dir|style|width [VALUE]")
	}
	set, ok := settings[pos[0]]
	if !ok {
		return usageErr("config: unknown setting %q (known: export-dir, style, width)", pos[0])
	}
	var v string
	if len(pos) == 2 {
		if v, err = set.check(pos[1]); err != nil {
			return usageErr("config: %v", err)
		}
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if len(pos) == 2 {
		return st.SetSetting(e.ctx, set.key, v)
	}
	if set.get != nil {
		v, err = set.get(e, st)
	} else {
		v, err = st.Setting(e.ctx, set.key)
	}
	if err != nil {
		return err
	}
	if v == "" {
		v = "(not set)"
	}
	fmt.Fprintln(e.stdout, v)
	return nil
}

func cmdBench(e *env, args []string) error {
	fs := e.flags("bench")
	corpus := fs.String("corpus", "", "corpus folder (ground-truth.json with html/ or text/)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("bench: say which: extract, paste, read or library")
	}
	dir := func(def string) string {
		if *corpus != "" {
			return *corpus
		}
		return def
	}
	switch pos[0] {
	case "extract":
		return bench.Extraction(e.stdout, dir(bench.DefaultExtractionCorpus))
	case "paste":
		return bench.Pasted(e.stdout, dir(bench.DefaultPastedCorpus), func(raw []byte) (string, error) {
			a, err := reader.FromText(string(raw))
			if err != nil {
				return "", err
			}
			return a.Text, nil
		})
	case "multilingual":
		return benchMultilingual(e, *corpus)
	case "read":
		return render.Bench(e.stdout)
	case "library":
		return benchLibrary(e)
	}
	return usageErr("bench: unknown benchmark %q (extract, paste, read or library)", pos[0])
}
