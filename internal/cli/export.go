package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"margin/export"
	"margin/internal/library"
	"margin/internal/query"
	"margin/sanitize"
	"margin/store"
)

// openArgs turns a margin://ID argument of margin open into the ID.
func openArgs(args []string) ([]string, error) {
	out := slices.Clone(args)
	for i, a := range out {
		t, err := openTarget(a)
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

// openTarget reads the article id of margin open: a number or a
// margin://ID link (what exported notes link back with).
func openTarget(arg string) (string, error) {
	if !strings.HasPrefix(arg, "margin://") {
		return arg, nil
	}
	id, _, err := export.ParseMarginURL(arg)
	if err != nil {
		return "", usageErr("open: %v", err)
	}
	return strconv.FormatInt(id, 10), nil
}

// describe says what an export did, in a line (paths sanitised: a folder
// the user typed may hold anything).
func describe(res export.Result) string {
	p := sanitize.Line(res.Path)
	var s string
	switch res.Status {
	case export.Unchanged:
		s = p + " is up to date"
	case export.Updated:
		s = "updated " + p
	default:
		s = "wrote " + p
	}
	for _, o := range res.Others {
		s += "\n  (left alone: " + sanitize.Line(o) + " has the same margin_id)"
	}
	return s
}

func cmdExport(e *env, args []string) error {
	fs := e.flags("export")
	out := fs.String("o", "", "write one file per article into this folder")
	fs.StringVar(out, "out", "", "same as -o")
	all := fs.Bool("all", false, "every article that has highlights or a note, a file each (into config export-dir unless -o)")
	qs := fs.String("query", "", "every article this query selects (margin list QUERY shows them)")
	viewName := fs.String("view", "", "every article of this saved view (margin view list)")
	var labels listFlag
	fs.Var(&labels, "label", "only these labels (repeatable, or comma-separated)")
	tmpl := fs.String("template", "", "a Go text/template file to render each article with")
	format := fs.String("format", "markdown", "markdown or json")
	full := fs.Bool("full", false, "the whole article with highlights marked, then the notes")
	nameT := fs.String("name", "", "file name template for new files: {{title}}, {{date}}, {{site}}, {{id}} (default: config export-name, else {{title}})")
	folderT := fs.String("folder", "", "sub-folder template for new files, same placeholders and / (default: config export-folder)")
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
	chosen := 0
	for _, b := range []bool{*all, len(pos) > 0, *qs != "", *viewName != ""} {
		if b {
			chosen++
		}
	}
	if chosen > 1 {
		return usageErr("export: give article ids, --all, --query or --view: one of them")
	}
	if chosen == 0 {
		return usageErr("export: give article ids, --all, --query QUERY or --view NAME")
	}
	var q *query.Query
	if *qs != "" {
		p, err := query.Parse(*qs)
		if err != nil {
			return usageErr("export: --query: %v", err)
		}
		q = &p
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
			// The note on an article is the reader's words as much as a
			// highlight's.
			if a.HighlightCount > 0 || a.Note != "" {
				ids = append(ids, a.ID)
			}
		}
		if len(ids) == 0 {
			fmt.Fprintln(e.stderr, "no article has highlights or a note yet: nothing to export")
			return nil
		}
	}
	for _, t := range []string{*nameT, *folderT} {
		if err := export.CheckLayout(t); err != nil {
			return usageErr("export: %v", err)
		}
	}
	if *viewName != "" {
		v, err := st.FindView(e.ctx, *viewName)
		if err != nil {
			return fmt.Errorf("export: %w (margin view list shows the saved views)", err)
		}
		p, err := query.Parse(v.Query)
		if err != nil {
			return fmt.Errorf("export: view %s: %w", v.Name, err)
		}
		q = &p
	}
	if q != nil {
		arts, err := st.ListQuery(e.ctx, *q, store.ListOptions{})
		if err != nil {
			return err
		}
		for _, a := range arts {
			ids = append(ids, a.ID)
		}
		if len(ids) == 0 {
			fmt.Fprintln(e.stderr, "no article matches: nothing to export")
			return nil
		}
	}
	lib := library.New(st)
	layout, err := lib.ExportLayout(e.ctx)
	if err != nil {
		return err
	}
	if *nameT != "" {
		layout.Name = *nameT
	}
	if *folderT != "" {
		layout.Folder = *folderT
	}
	if *all && *out == "" {
		// One file per article, into the folder the library's export
		// uses (margin config export-dir): never all of them on stdout.
		if *out, err = lib.ExportDir(e.ctx); err != nil {
			return err
		}
	}
	x := &library.Exporter{Store: st, Options: opt, Format: *format, Layout: layout}
	if *out == "" {
		// Several articles on stdout: Markdown one after another, JSON as
		// one array so the output stays one document.
		sep, begin, end := "\n\n", "", ""
		if x.Format == "json" && len(ids) > 1 {
			sep, begin, end = ",\n", "[\n", "]\n"
		}
		io.WriteString(e.stdout, begin)
		for i, id := range ids {
			_, data, err := x.Render(e.ctx, id)
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
	f, err := export.OpenFolder(*out, st)
	if err != nil {
		return err
	}
	defer f.Close()
	// A conflict on one article does not stop the others; each is
	// reported, and the command fails at the end.
	var conflicts int
	for _, id := range ids {
		res, err := x.WriteTo(e.ctx, f, id)
		var ce *export.ConflictError
		if errors.As(err, &ce) {
			conflicts++
			fmt.Fprintln(e.stderr, sanitize.Line(ce.Error()))
			continue
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, termLine(describe(res))) // the folder is the user's typing
	}
	if conflicts > 0 {
		return fmt.Errorf("%d file%s not updated: see above; nothing you wrote was changed", conflicts, plural(conflicts))
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
