// Package settings names what the library remembers and the bounds of
// each value, once for the command line, the terminal UI and the
// application layer: no key is written as a string literal elsewhere.
package settings

import (
	"fmt"
	"strconv"
)

// Key is the name under which the library stores a setting.
type Key string

// The settings.
const (
	Style        Key = "ui.style"      // dark, light, or "" to follow the terminal
	Width        Key = "reader.width"  // reading width in columns
	Sort         Key = "library.sort"  // the library's order
	ExportDir    Key = "export_dir"    // where e in the reader writes
	ExportName   Key = "export_name"   // file name template of a new export
	ExportFolder Key = "export_folder" // folder template of a new export
	SampleAdded  Key = "sample.added"  // the sample was put in this library once
	Links        Key = "reader.links"  // "inline" prints link addresses in the text; else links are their text
)

// InlineLinks reports whether a Links value asks for addresses in the text.
func InlineLinks(v string) bool { return v == "inline" }

// Reading width: one rule for margin config width, --width and the
// reader's + and -.
const (
	MinWidth     = 20
	MaxWidth     = 200
	DefaultWidth = 80
	WidthStep    = 4 // + and - in the reader
)

// ClampWidth brings a width into bounds.
func ClampWidth(n int) int { return min(max(n, MinWidth), MaxWidth) }

// ParseWidth reads a width given by the user, refusing one out of bounds.
func ParseWidth(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < MinWidth || n > MaxWidth {
		return 0, fmt.Errorf("width must be a number of columns from %d to %d, not %q", MinWidth, MaxWidth, s)
	}
	return n, nil
}
