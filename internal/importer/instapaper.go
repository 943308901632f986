package importer

import (
	"fmt"
	"io"
	"strings"
)

// parseInstapaper reads Instapaper's CSV: URL,Title,Selection,Folder and,
// in newer files, Timestamp,Tags. Folder "Unread" is the inbox, "Archive"
// is Archived, "Starred" is Starred, any other folder's name is a tag.
// Selection (the text selected when the link was saved) is a highlight.
// Tags may be a list written as JSON (["a","b"]) or comma-separated.
func (p *parser) parseInstapaper(name string, r io.Reader) error {
	t, err := openTable(name, r)
	if err != nil {
		return err
	}
	if !t.has("url") {
		return fmt.Errorf("%s: no URL column in the CSV header", name)
	}
	return p.rows(t, func(rec []string, ref string) error {
		it := Item{
			Ref:   ref,
			URL:   t.get(rec, "url"),
			Title: t.get(rec, "title"),
			Saved: p.savedDate(t.get(rec, "timestamp")),
			Tags:  parseList(t.get(rec, "tags"), ","),
		}
		switch f := strings.TrimSpace(t.get(rec, "folder")); strings.ToLower(f) {
		case "", "unread":
		case "archive":
			it.Archived = true
		case "starred":
			it.Starred = true
		default:
			it.Tags = append(it.Tags, f)
		}
		if s := t.get(rec, "selection"); strings.TrimSpace(s) != "" {
			it.Highlights = []Highlight{{Quote: s}}
		}
		return p.add(it)
	})
}
