package importer

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"margin/internal/urlid"
)

// Pocket's old HTML export (ril_export.html) is two lists under
// <h1>Unread</h1> and <h1>Read Archive</h1> of
// <li><a href="..." time_added="unix" tags="a,b">title</a></li>.
// Items under Read Archive are Archived; Pocket's "read" meant archived,
// not finished, so Done stays false.
func (p *parser) parsePocketHTML(name string, r io.Reader) error {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxEntryBytes)
	archived := false
	var (
		inH1, inA bool
		h1        strings.Builder
		cur       Item
		title     strings.Builder
		n         int
	)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				if inA {
					cur.Title = title.String()
					if err := p.add(cur); err != nil {
						return err
					}
				}
				return nil
			}
			return wrap(name, z.Err())
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			switch string(tn) {
			case "h1":
				inH1 = true
				h1.Reset()
			case "a":
				if inA { // an <a> left open: keep the one before
					cur.Title = title.String()
					if err := p.add(cur); err != nil {
						return err
					}
				}
				n++
				cur = p.anchorItem(z, hasAttr, fmt.Sprintf("%s link %d", name, n), "time_added")
				cur.Archived = archived
				title.Reset()
				inA = true
			}
		case html.EndTagToken:
			tn, _ := z.TagName()
			switch string(tn) {
			case "h1":
				if inH1 {
					inH1 = false
					s := strings.ToLower(strings.TrimSpace(h1.String()))
					archived = strings.Contains(s, "archive")
				}
			case "a":
				if inA {
					inA = false
					cur.Title = title.String()
					if err := p.add(cur); err != nil {
						return err
					}
				}
			}
		case html.TextToken:
			if inH1 && h1.Len() < 200 {
				h1.Write(z.Text())
			}
			if inA && title.Len() < maxLineBytes*2 {
				title.Write(z.Text())
			}
		}
	}
}

var pocketPart = regexp.MustCompile(`^part_\d+\.csv$`)

func isPocketPart(n string) bool { return pocketPart.MatchString(base(n)) }

// isPocketAnnotations is annotations/part_*.json.
func isPocketAnnotations(n string) bool {
	return path.Base(path.Dir(n)) == "annotations" && strings.HasPrefix(base(n), "part_") && strings.HasSuffix(n, ".json")
}

// parsePocketCSV reads one part of Pocket's 2025 export: a header with
// title,url,time_added,tags,status (columns found by name, others
// ignored), tags separated by '|', status "unread" or "archive"
// (archive -> Archived).
func (p *parser) parsePocketCSV(name string, r io.Reader) error {
	t, err := openTable(name, r)
	if err != nil {
		return err
	}
	if !t.has("url") {
		return fmt.Errorf("%s: no url column in the CSV header", name)
	}
	return p.rows(t, func(rec []string, ref string) error {
		status := strings.ToLower(strings.TrimSpace(t.get(rec, "status")))
		return p.add(Item{
			Ref:      ref,
			URL:      t.get(rec, "url"),
			Title:    t.get(rec, "title"),
			Saved:    p.savedDate(t.get(rec, "time_added")),
			Tags:     parseList(t.get(rec, "tags"), "|"),
			Archived: status == "archive" || status == "archived",
			Starred:  strings.EqualFold(strings.TrimSpace(t.get(rec, "favorite")), "1"),
		})
	})
}

// pocketAnnotation is one element of annotations/part_*.json.
type pocketAnnotation struct {
	URL        string `json:"url"`
	Title      string `json:"title"`
	Highlights []struct {
		Quote     string   `json:"quote"`
		CreatedAt flexTime `json:"created_at"`
	} `json:"highlights"`
}

// parsePocketZip reads the parts, then joins the annotations to the items
// by URL; an annotated URL no part lists becomes an item of its own.
func (p *parser) parsePocketZip(src source) error {
	parts := 0
	for _, n := range src.names() {
		if !isPocketPart(n) {
			continue
		}
		parts++
		rc, err := src.open(n)
		if err != nil {
			return err
		}
		err = p.parsePocketCSV(n, bufio.NewReader(rc))
		rc.Close()
		if err != nil {
			return err
		}
	}
	p.parts = append(p.parts, fmt.Sprintf("%d CSV %s", parts, plural(parts, "part", "parts")))
	// Joined by the library's identity of an address: Pocket's rows carry
	// its utm_source, the annotations may not.
	byURL := map[string]int{}
	for i, it := range p.exp.Items {
		if _, dup := byURL[urlid.Key(it.URL)]; !dup {
			byURL[urlid.Key(it.URL)] = i
		}
	}
	for _, n := range src.names() {
		if !isPocketAnnotations(n) {
			continue
		}
		rc, err := src.open(n)
		if err != nil {
			return err
		}
		err = p.jsonArray(n, rc, func(decode func(v any) error, ref string) error {
			var a pocketAnnotation
			if err := decode(&a); err != nil {
				if err == errSkip {
					return nil
				}
				return err
			}
			var hs []Highlight
			for _, h := range a.Highlights {
				hs = append(hs, Highlight{Quote: h.Quote, Created: h.CreatedAt.t})
			}
			u, _ := cleanURL(a.URL)
			if i, ok := byURL[urlid.Key(u)]; ok && u != "" {
				it := &p.exp.Items[i]
				for _, h := range hs {
					h.Quote = text(h.Quote)
					if h.Quote != "" && len(it.Highlights) < maxHighlights {
						it.Highlights = append(it.Highlights, h)
					}
				}
				return nil
			}
			before := len(p.exp.Items)
			if err := p.add(Item{Ref: ref, URL: a.URL, Title: a.Title, Highlights: hs}); err != nil {
				return err
			}
			if len(p.exp.Items) > before {
				byURL[urlid.Key(p.exp.Items[before].URL)] = before
			}
			return nil
		})
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// anchorItem reads a link's attributes, as Pocket's HTML export and
// browsers' bookmark files write them: href, the date it was saved (in the
// attribute dateAttr, unix seconds; one that cannot be read is counted) and
// comma-separated tags.
func (p *parser) anchorItem(z *html.Tokenizer, hasAttr bool, ref, dateAttr string) Item {
	it := Item{Ref: ref}
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		switch string(k) {
		case "href":
			it.URL = string(v)
		case dateAttr:
			it.Saved = p.savedDate(string(v))
		case "tags":
			it.Tags = parseList(string(v), ",")
		}
	}
	return it
}
