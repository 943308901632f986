package reader

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// clipped is a page as Obsidian's Web Clipper saves it.
const clipped = `---
title: "Security assistance to a failing state"
source: "https://example.org/essays/assistance?id=3"
author:
  - "[[Ada Reader]]"
published: 2024-03-05
tags:
  - clippings
---

# Security assistance to a failing state

The **central argument**: aid *strengthens* whichever faction controls it. See [the report](/report) and https://example.org/raw_data.

- first point
- second point with ` + "`code_span`" + `

| Year | Units |
|------|-------|
| 2014 | 3 |

<details><summary>More</summary>

Hidden words the writer wrote.
</details>

<script>alert("not text")</script><style>p{}</style>

> A quote.
`

// A .md file is read as Markdown: its links, emphasis, lists and tables
// are the article's, not literal brackets and stars (a .md file was read
// as pasted text, "[the report](/report)" kept as typed), its front matter
// gives the title, author, date and address, and the heading that repeats
// the title is not said twice.
func TestFromMarkdownFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "clip.md")
	os.WriteFile(file, []byte(clipped), 0o644)
	a, err := Load(context.Background(), file, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Security assistance to a failing state" || a.Byline != "Ada Reader" ||
		!a.Published.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) || a.CanonicalURL != "https://example.org/essays/assistance?id=3" {
		t.Errorf("metadata: title %q, byline %q, published %v, canonical %q", a.Title, a.Byline, a.Published, a.CanonicalURL)
	}
	for _, want := range []string{
		"The **central argument**: aid *strengthens*",
		"[the report](https://example.org/report)", // relative to the page it was clipped from
		"https://example.org/raw_data",
		"- first point\n- second point with `code_span`",
		"| 2014 | 3 |",
		"Hidden words the writer wrote.",
		"> A quote.",
	} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, a.Markdown)
		}
	}
	for _, gone := range []string{"alert", "p{}", "clippings", "title:", "# Security"} {
		if strings.Contains(a.Markdown, gone) || strings.Contains(a.Text, gone) {
			t.Errorf("%q is in the article:\n%s", gone, a.Markdown)
		}
	}
	if strings.Contains(a.Text, "**") || !strings.Contains(a.Text, "The central argument: aid strengthens") {
		t.Errorf("text: %q", a.Text)
	}
	if !slices.Equal(a.SourceTags, []string{"clippings"}) {
		t.Errorf("tags %q, want the front matter's", a.SourceTags)
	}
}

// TestFromMarkdownTags: front matter tags as a list, or a string of them
// separated by commas or spaces, "#" taken off.
func TestFromMarkdownTags(t *testing.T) {
	for in, want := range map[string][]string{
		"tags:\n  - policy\n  - \"#aid\"\n": {"policy", "aid"},
		"tags: [policy, aid]\n":             {"policy", "aid"},
		"tags: policy, foreign aid\n":       {"policy", "foreign aid"},
		"Tags: \"#policy #aid\"\n":          {"policy", "aid"},
		"tags:\n":                           nil,
		"keywords: [not, tags]\ntitle: T\n": nil,
	} {
		a, err := FromMarkdown("---\n" + in + "---\nBody words.")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.SourceTags, want) {
			t.Errorf("%q: tags %q, want %q", in, a.SourceTags, want)
		}
	}
}

func TestFromMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name, in, title string
		keep            []string // in the text
	}{
		{"first heading is the title", "# A Note\n\nSome *words* here.\n\n# Another heading\n\nMore.", "A Note", []string{"Some words here.", "Another heading"}},
		{"no heading", "Just a paragraph of words.\n", "", []string{"Just a paragraph of words."}},
		{"a heading after text is no title", "Opening words.\n\n# Later\n", "", []string{"Opening words.", "Later"}},
		{"front matter names another title", "---\ntitle: Mine\n---\n# Theirs\n\nBody.", "Mine", []string{"Theirs", "Body."}},
		{"front matter not YAML stays", "---\n: [unclosed\n---\nBody words.", "", []string{": [unclosed", "Body words."}},
		{"front matter never closed", "---\nline one\n\nline two", "", []string{"line one", "line two"}},
		{"CRLF front matter", "---\r\ntitle: Windows\r\n---\r\nBody words.\r\n", "Windows", []string{"Body words."}},
		{"wiki link author alias", "---\nauthor: \"[[people/ada|Ada R.]]\"\n---\nBody.", "", []string{"Body."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := FromMarkdown(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tc.title {
				t.Errorf("title %q, want %q", a.Title, tc.title)
			}
			for _, k := range tc.keep {
				if !strings.Contains(a.Text, k) {
					t.Errorf("text lacks %q: %q", k, a.Text)
				}
			}
		})
	}
	if a, _ := FromMarkdown("---\nauthor: \"[[people/ada|Ada R.]]\"\n---\nBody."); a.Byline != "Ada R." {
		t.Errorf("byline %q", a.Byline)
	}
	for _, empty := range []string{"", "---\ntitle: Only\n---\n", "# \n", "<script>x()</script>"} {
		if _, err := FromMarkdown(empty); !errors.Is(err, errNoText) {
			t.Errorf("FromMarkdown(%q): %v, want no text", empty, err)
		}
	}
}

// A page served as Markdown, or as plain text from a .md address (raw
// files on code hosts), is read as Markdown.
func TestLoadMarkdownFromTheWeb(t *testing.T) {
	body := []byte("# Notes on aid\n\nA [link](https://example.org/x) and **bold** words here.\n")
	srv := fetchServe(t, map[string]http.HandlerFunc{
		"/served":       fetchPage("text/markdown; charset=utf-8", body),
		"/raw/notes.md": fetchPage("text/plain; charset=utf-8", body),
		"/notes.txt":    fetchPage("text/plain; charset=utf-8", body),
	})
	for p, md := range map[string]bool{"/served": true, "/raw/notes.md": true, "/notes.txt": false} {
		a, err := Load(context.Background(), srv.URL+p, LoadOptions{Fetch: fetchTestOpt})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if got := strings.Contains(a.Markdown, "[link](https://example.org/x)") && a.Title == "Notes on aid"; got != md {
			t.Errorf("%s: read as Markdown %v, want %v: title %q\n%s", p, got, md, a.Title, a.Markdown)
		}
	}
}

func FuzzFromMarkdown(f *testing.F) {
	f.Add(clipped)
	f.Fuzz(func(t *testing.T, in string) {
		a, err := FromMarkdown(in)
		checkLoaded(t, a, err)
	})
}
