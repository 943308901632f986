package main

import (
	"fmt"
	"path/filepath"

	"margin/bench"
	"margin/reader"
	"margin/render"
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
	if _, err := parse(fs, args); err != nil {
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
		fmt.Fprintf(e.stdout, "problem: %s\n", reader.SanitizeLine(p))
	}
	if rep.Integrity != "ok" || !rep.FTSConsistent || len(rep.Problems) > 0 {
		return fmt.Errorf("the library has problems (see above); margin backup FILE keeps a copy, and margin check --repair rebuilds the full-text index")
	}
	return nil
}

func cmdConfig(e *env, args []string) error {
	fs := e.flags("config")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	keys := map[string]string{"export-dir": exportDirKey}
	if len(pos) == 0 || len(pos) > 2 {
		return usageErr("config: margin config export-dir [FOLDER]")
	}
	key, ok := keys[pos[0]]
	if !ok {
		return usageErr("config: unknown setting %q (known: export-dir)", pos[0])
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if len(pos) == 1 {
		v, err := exportDir(e.ctx, st)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, v)
		return nil
	}
	v, err := filepath.Abs(pos[1])
	if err != nil {
		return fmt.Errorf("config %s: %w", pos[0], err)
	}
	return st.SetSetting(e.ctx, key, v)
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
		return bench.Extraction(e.stdout, dir(filepath.Join("..", "shared", "corpus", "extraction")))
	case "paste":
		return bench.Pasted(e.stdout, dir(filepath.Join("..", "shared", "corpus", "pasted")), func(raw []byte) (string, error) {
			a, err := reader.FromText(string(raw))
			if err != nil {
				return "", err
			}
			return a.Text, nil
		})
	case "read":
		return render.Bench(e.stdout)
	case "library":
		return benchLibrary(e)
	}
	return usageErr("bench: unknown benchmark %q (extract, paste, read or library)", pos[0])
}
