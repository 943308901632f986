package importer

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// maxFolderDepth is how many nested folders' names are kept; deeper
// folders are counted, not stored, so a file of a million nested <DL>s
// costs no memory. maxFolderTags is how many of the innermost folder
// names become an item's tags.
const (
	maxFolderDepth = 1024
	maxFolderTags  = 3
)

// browserFolders are the top folders browsers create themselves; they
// are not the user's folders and become no tag.
var browserFolders = map[string]bool{
	"bookmarks bar": true, "bookmarks toolbar": true, "other bookmarks": true,
	"bookmarks menu": true, "mobile bookmarks": true, "favorites bar": true,
	"favourites bar": true, "bookmarks": true, "favorites": true, "menu": true,
	"toolbar": true, "unsorted bookmarks": true, "other favorites": true,
}

// parseBookmarks reads a browser's Netscape bookmark file with the
// tokenizer and a folder stack, never recursion: <DT><H3>folder</H3>
// opens a folder for the <DL> that follows, <DT><A HREF ADD_DATE TAGS>
// is a bookmark. Its tags are its TAGS and the innermost maxFolderTags
// folder names (the browser's own top folders left out).
func (p *parser) parseBookmarks(name string, r io.Reader) error {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxEntryBytes)
	var (
		stack   []string // folder names of the open <DL>s, up to maxFolderDepth
		deeper  int      // open <DL>s past maxFolderDepth
		pending string   // the last <H3>'s name, for the next <DL>
		inH3    bool
		h3      strings.Builder
		inA     bool
		cur     Item
		title   strings.Builder
		n       int
		inDD    bool            // in a <DD>: the description of the last bookmark
		dd      strings.Builder // its text
		last    = -1            // index in p.exp.Items of the last bookmark kept
	)
	endDD := func() {
		if inDD && last >= 0 && last < len(p.exp.Items) && p.exp.Items[last].Excerpt == "" {
			p.exp.Items[last].Excerpt = line(dd.String())
		}
		inDD = false
		dd.Reset()
	}
	finishA := func() error {
		inA = false
		cur.Title = title.String()
		for i, k := len(stack)-1, 0; i >= 0 && k < maxFolderTags; i-- {
			if stack[i] != "" {
				cur.Tags = append(cur.Tags, stack[i])
				k++
			}
		}
		before := len(p.exp.Items)
		err := p.add(cur)
		last = -1
		if len(p.exp.Items) > before {
			last = before
		}
		return err
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return wrap(name, z.Err())
			}
			if inA {
				if err := finishA(); err != nil {
					return err
				}
			}
			endDD()
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			switch string(tn) {
			case "dt", "dl", "h3", "a":
				endDD()
			case "dd":
				endDD()
				inDD = true
			}
			switch string(tn) {
			case "h3":
				inH3 = true
				h3.Reset()
				for hasAttr {
					var k []byte
					k, _, hasAttr = z.TagAttr()
					if s := string(k); s == "personal_toolbar_folder" || s == "unfiled_bookmarks_folder" {
						h3.WriteString("bookmarks toolbar") // the browser's own
						inH3 = false
					}
				}
			case "dl":
				if len(stack) < maxFolderDepth {
					stack = append(stack, pending)
				} else {
					deeper++
				}
				pending = ""
			case "a":
				if inA {
					if err := finishA(); err != nil {
						return err
					}
				}
				n++
				cur = p.anchorItem(z, hasAttr, fmt.Sprintf("%s bookmark %d", name, n), "add_date")
				title.Reset()
				inA = true
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			switch string(tn) {
			case "h3":
				inH3 = false
				f := line(h3.String())
				if browserFolders[strings.ToLower(f)] {
					f = ""
				}
				pending = f
			case "dl":
				endDD()
				if deeper > 0 {
					deeper--
				} else if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case "a":
				if inA {
					if err := finishA(); err != nil {
						return err
					}
				}
			}
		case html.TextToken:
			if inH3 && h3.Len() < maxLineBytes {
				h3.Write(z.Text())
			}
			if inA && title.Len() < maxLineBytes*2 {
				title.Write(z.Text())
			}
			if inDD && dd.Len() < maxLineBytes*2 {
				dd.Write(z.Text())
			}
		}
	}
}
