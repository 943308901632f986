package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"margin/export"
	"margin/store"
)

// exportDirKey is the setting naming the folder `e` in the reader exports to.
const exportDirKey = "export_dir"

// defaultExportDir is ~/Documents/margin where ~/Documents exists, else ~/margin-notes.
func defaultExportDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "margin-notes"
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents", "margin")
	}
	return filepath.Join(home, "margin-notes")
}

// exportDir is the configured export folder.
func exportDir(ctx context.Context, st *store.Store) (string, error) {
	if d := os.Getenv("MARGIN_EXPORT_DIR"); d != "" {
		return d, nil
	}
	d, err := st.Setting(ctx, exportDirKey)
	if err != nil || d != "" {
		return d, err
	}
	return defaultExportDir(), nil
}

// exporter renders and writes one article's notes.
type exporter struct {
	st     *store.Store
	opt    export.Options
	format string // markdown or json
}

func (x *exporter) render(ctx context.Context, id int64) (*store.Article, []byte, error) {
	a, err := x.st.Article(ctx, id)
	if err != nil {
		return nil, nil, articleErr(id, err)
	}
	hs, err := x.st.Highlights(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	data, _, err := export.Render(a, hs, x.opt, x.format)
	if err != nil {
		return nil, nil, fmt.Errorf("export article %d: %w", id, err)
	}
	return a, data, nil
}

func (x *exporter) ext() string {
	if x.format == "json" {
		return ".json"
	}
	return ".md"
}

// write exports one article into dir.
func (x *exporter) write(ctx context.Context, dir string, id int64) (export.Result, error) {
	a, data, err := x.render(ctx, id)
	if err != nil {
		return export.Result{}, err
	}
	return export.WriteFile(ctx, dir, a, data, x.ext(), x.st)
}

// describe says what an export did, in a line.
func describe(res export.Result) string {
	switch res.Status {
	case export.KeptYours:
		return fmt.Sprintf("%s was edited since margin wrote it: kept yours, wrote %s beside it", res.Path, res.Beside)
	case export.Unchanged:
		return fmt.Sprintf("%s is up to date", res.Path)
	case export.Updated:
		return "updated " + res.Path
	default:
		return "wrote " + res.Path
	}
}

func cmdExport(e *env, args []string) error {
	fs := e.flags("export")
	out := fs.String("o", "", "write one file per article into this folder")
	fs.StringVar(out, "out", "", "same as -o")
	all := fs.Bool("all", false, "every article that has highlights")
	var labels listFlag
	fs.Var(&labels, "label", "only these labels (repeatable, or comma-separated)")
	tmpl := fs.String("template", "", "a Go text/template file to render each article with")
	format := fs.String("format", "markdown", "markdown or json")
	full := fs.Bool("full", false, "the whole article with highlights marked, then the notes")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "markdown" && *format != "json" && *format != "md" {
		return usageErr("export: --format must be markdown or json, not %q", *format)
	}
	if *format == "md" {
		*format = "markdown"
	}
	if *all && len(pos) > 0 {
		return usageErr("export: give article ids or --all, not both")
	}
	if !*all && len(pos) == 0 {
		return usageErr("export: give article ids, or --all with -o DIR")
	}
	if *all && *out == "" {
		return usageErr("export: --all writes one file per article; say where with -o DIR")
	}
	var opt export.Options
	opt.Full = *full
	for _, l := range labels {
		if err := checkLabel(l); err != nil {
			return err
		}
		opt.Labels = append(opt.Labels, l)
	}
	if *tmpl != "" {
		if *format == "json" {
			return usageErr("export: --template shapes Markdown; it cannot be used with --format json")
		}
		t, err := export.LoadTemplate(*tmpl)
		if err != nil {
			return err
		}
		opt.Template = t
	}
	ids, err := parseIDs(pos)
	if err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if *all {
		arts, err := st.List(e.ctx, store.ListOptions{Archived: true})
		if err != nil {
			return err
		}
		for _, a := range arts {
			if a.HighlightCount > 0 {
				ids = append(ids, a.ID)
			}
		}
		if len(ids) == 0 {
			fmt.Fprintln(e.stderr, "no article has highlights yet: nothing to export")
			return nil
		}
	}
	x := &exporter{st: st, opt: opt, format: *format}
	if *out == "" {
		// Several articles on stdout: Markdown one after another, JSON as
		// one array so the output stays one document.
		sep, begin, end := "\n\n", "", ""
		if x.format == "json" && len(ids) > 1 {
			sep, begin, end = ",\n", "[\n", "]\n"
		}
		io.WriteString(e.stdout, begin)
		for i, id := range ids {
			_, data, err := x.render(e.ctx, id)
			if err != nil {
				return err
			}
			if i > 0 {
				io.WriteString(e.stdout, sep)
			}
			if _, err := e.stdout.Write(bytes.TrimRight(data, "\n")); err != nil {
				return err
			}
		}
		_, err := io.WriteString(e.stdout, "\n"+end)
		return err
	}
	for _, id := range ids {
		res, err := x.write(e.ctx, *out, id)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, termLine(describe(res))) // the folder is the user's typing
	}
	return nil
}

// listFlag collects a flag given several times or as a comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}
