// Package render turns an article's Markdown into terminal lines with
// glamour and keeps a map between screen cells and Markdown source offsets,
// so highlights can be painted and a cursor turned into a source range.
package render

import (
	"strings"

	"charm.land/glamour/v2"
)

// Options choose how a document is rendered.
type Options struct {
	Width int    // wrap width in cells
	Style string // "dark" or "light"
}

// Doc is a rendered article.
type Doc struct {
	Lines []string // display lines with glamour's styling
}

// Render renders the whole Markdown document.
// TEMPORARY STUB: the render package owner replaces this file.
func Render(markdown string, opt Options) (*Doc, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(opt.Style), glamour.WithWordWrap(opt.Width))
	if err != nil {
		return nil, err
	}
	out, err := r.Render(markdown)
	if err != nil {
		return nil, err
	}
	return &Doc{Lines: strings.Split(strings.TrimRight(out, "\n"), "\n")}, nil
}
