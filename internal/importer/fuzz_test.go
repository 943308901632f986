package importer

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Every fuzz target holds the result to the same properties: no panic,
// a one-line error, and items whose titles are clean one-line text and
// whose URLs are http(s) or empty (checkExport). Seeds are in
// testdata/fuzz/<target>/, made from the fixtures.

func fuzzCheck(t *testing.T, name string, data []byte, format string) {
	e, err := Parse(name, data, format)
	if err != nil {
		msg := err.Error()
		if !utf8.ValidString(msg) || strings.IndexFunc(msg, unicode.IsControl) >= 0 || !strings.HasPrefix(msg, name+": ") {
			t.Fatalf("error %q is not one clean line naming the file", msg)
		}
		return
	}
	if e.Format == "" || !strings.HasPrefix(e.Summary, name+": ") {
		t.Fatalf("format %q, summary %q", e.Format, e.Summary)
	}
	checkExport(t, e)
}

func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzCheck(t, "export", data, "") })
}

func FuzzParsePocketHTML(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzCheck(t, "ril_export.html", data, "pocket") })
}

func FuzzParseInstapaper(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzCheck(t, "instapaper.csv", data, "instapaper") })
}

func FuzzParseReadwise(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzCheck(t, "readwise.csv", data, "readwise") })
}

func FuzzParseWallabag(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzCheck(t, "wallabag.json", data, "wallabag") })
}

func FuzzParseBookmarks(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzCheck(t, "bookmarks.html", data, "bookmarks") })
}

func FuzzParseURLs(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzCheck(t, "urls.txt", data, "urls") })
}

// FuzzOmnivoreHighlights fuzzes the highlights/{slug}.md reader, and
// with the same text the list reader (tags written as JSON or Python
// lists) and the date reader.
func FuzzOmnivoreHighlights(f *testing.F) {
	f.Fuzz(func(t *testing.T, md string) {
		for _, h := range parseOmnivoreHighlights(md) {
			if h.Quote == "" && h.Note == "" {
				t.Fatalf("empty highlight from %q", md)
			}
		}
		parseList(md, ",")
		if d := parseDate(md); !d.IsZero() && (d.Year() < 1900 || d.Year() > 2200) {
			t.Fatalf("date %v from %q", d, md)
		}
	})
}
