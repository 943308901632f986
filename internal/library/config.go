package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"margin/export"
	"margin/internal/settings"
)

// Setting is one thing `margin config` reads or sets: its name on the
// command line, its key in the library, how a new value is checked, and
// where the value in effect comes from. Settings lists them, in the order
// margin config shows them; nothing else names a setting by a string.
type Setting struct {
	Name string
	Key  settings.Key
	// check validates and normalises a value as typed.
	check func(v string) (string, error)
	// unset is the value in effect, and why, when the library holds none.
	unset func() (value, from string)
	// env, when set, names an environment variable that wins over the
	// library's value.
	env string
}

// Settings are the settings margin config knows.
var Settings = []Setting{
	{Name: "export-dir", Key: settings.ExportDir, env: "MARGIN_EXPORT_DIR",
		check: func(v string) (string, error) { return filepath.Abs(ExpandHome(v)) },
		unset: func() (string, string) { return DefaultExportDir(), "default" }},
	{Name: "style", Key: settings.Style,
		check: func(v string) (string, error) {
			if v != "dark" && v != "light" && v != "auto" {
				return "", fmt.Errorf("style must be dark, light or auto, not %q", v)
			}
			if v == "auto" {
				v = "" // follow the terminal's background
			}
			return v, nil
		},
		unset: func() (string, string) {
			return "auto", "default: the reader follows the terminal's background; show uses dark"
		}},
	{Name: "width", Key: settings.Width,
		check: func(v string) (string, error) {
			if _, err := settings.ParseWidth(v); err != nil {
				return "", err
			}
			return v, nil
		},
		unset: func() (string, string) { return "80", "default; never wider than the terminal" }},
	{Name: "links", Key: settings.Links,
		check: func(v string) (string, error) {
			if v != "inline" && v != "text" {
				return "", fmt.Errorf("links must be text (a link shows as its words with a reference number; addresses in the links list, O) or inline (addresses printed after the words), not %q", v)
			}
			return v, nil
		},
		unset: func() (string, string) {
			return "text", "default: a link shows as its words and a reference number; O lists the addresses"
		}},
	{Name: "export-name", Key: settings.ExportName, check: checkLayout,
		unset: func() (string, string) { return "{{title}}", "default" }},
	{Name: "export-folder", Key: settings.ExportFolder, check: checkLayout,
		unset: func() (string, string) { return "(the export folder itself)", "default" }},
}

// checkLayout checks an export file name or folder template.
func checkLayout(v string) (string, error) { return v, export.CheckLayout(v) }

// SettingNamed finds a setting by its command-line name.
func SettingNamed(name string) (Setting, bool) {
	for _, s := range Settings {
		if s.Name == name {
			return s, true
		}
	}
	return Setting{}, false
}

// Check validates and normalises a new value for s.
func (s Setting) Check(v string) (string, error) { return s.check(v) }

// Value is the value of s in effect and where it comes from.
func (l *Library) Value(ctx context.Context, s Setting) (value, from string, err error) {
	if s.env != "" {
		if v := os.Getenv(s.env); v != "" {
			return v, "from $" + s.env, nil
		}
	}
	v, err := l.Setting(ctx, string(s.Key))
	if err != nil || v != "" {
		from := "set in the library"
		if s.Key == settings.Width {
			from = "set in the library, by margin config or the reader"
		}
		return v, from, err
	}
	v, from = s.unset()
	return v, from, nil
}

// Set stores a value that passed Check.
func (l *Library) Set(ctx context.Context, s Setting, v string) error {
	return l.SetSetting(ctx, string(s.Key), v)
}
