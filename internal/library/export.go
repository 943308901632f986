package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"margin/export"
	"margin/internal/settings"
	"margin/store"
)

// Exporting an article's notes into a folder: the folder and layout the
// settings name, and the exporter the CLI and the reader's e key share.

// ExportLayout reads the name and folder templates from the settings.
func (l *Library) ExportLayout(ctx context.Context) (export.Layout, error) {
	var lay export.Layout
	var err error
	if lay.Name, err = l.Setting(ctx, string(settings.ExportName)); err != nil {
		return lay, err
	}
	lay.Folder, err = l.Setting(ctx, string(settings.ExportFolder))
	return lay, err
}

// ExportToFolder exports one article's notes as Markdown into the
// configured export folder, as the reader's e key does, and returns the
// file's path. A conflict (the user's file could not be merged) is an
// error saying what to do, then naming the file.
func (l *Library) ExportToFolder(ctx context.Context, id int64) (string, error) {
	dir, err := l.ExportDir(ctx)
	if err != nil {
		return "", err
	}
	lay, err := l.ExportLayout(ctx)
	if err != nil {
		return "", err
	}
	x := &Exporter{Store: l.Store, Format: "markdown", Layout: lay}
	res, err := x.Write(ctx, dir, id)
	var ce *export.ConflictError
	if errors.As(err, &ce) {
		// The reader shows it on two lines at most, cut to the terminal:
		// the file by its name first, then what to do.
		err = fmt.Errorf("%s left as it was: %s", filepath.Base(ce.Path), ce.Reason)
	}
	return res.Path, err
}

// DefaultExportDir is ~/Documents/margin where ~/Documents exists, else ~/margin-notes.
func DefaultExportDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "margin-notes"
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents", "margin")
	}
	return filepath.Join(home, "margin-notes")
}

// ExportDir is the configured export folder: $MARGIN_EXPORT_DIR, the
// export-dir setting, or DefaultExportDir.
func (l *Library) ExportDir(ctx context.Context) (string, error) {
	if d := os.Getenv("MARGIN_EXPORT_DIR"); d != "" {
		return d, nil
	}
	d, err := l.Setting(ctx, string(settings.ExportDir))
	if err != nil || d != "" {
		return d, err
	}
	return DefaultExportDir(), nil
}

// Exporter renders and writes articles' notes.
type Exporter struct {
	Store   *store.Store
	Options export.Options
	Format  string        // markdown or json
	Layout  export.Layout // where a new file goes in the folder
}

// Render renders one article's notes, returning the article too.
func (x *Exporter) Render(ctx context.Context, id int64) (*store.Article, []byte, error) {
	a, err := x.Store.Article(ctx, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil, fmt.Errorf("no article %d in the library (margin list shows the ids)", id)
		}
		return nil, nil, err
	}
	hs, err := x.Store.Highlights(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	data, _, err := export.Render(a, hs, x.Options, x.Format)
	if err != nil {
		return nil, nil, fmt.Errorf("export article %d: %w", id, err)
	}
	return a, data, nil
}

func (x *Exporter) ext() string {
	if x.Format == "json" {
		return ".json"
	}
	return ".md"
}

// Write exports one article into the folder dir.
func (x *Exporter) Write(ctx context.Context, dir string, id int64) (export.Result, error) {
	f, err := export.OpenFolder(dir, x.Store)
	if err != nil {
		return export.Result{}, err
	}
	defer f.Close()
	return x.WriteTo(ctx, f, id)
}

// WriteTo exports one article into an open folder.
func (x *Exporter) WriteTo(ctx context.Context, f *export.Folder, id int64) (export.Result, error) {
	a, data, err := x.Render(ctx, id)
	if err != nil {
		return export.Result{}, err
	}
	return f.Write(ctx, a, data, x.ext(), x.Layout)
}
