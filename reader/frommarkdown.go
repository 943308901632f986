package reader

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"margin/sanitize"
)

// markdownExts are the file extensions read as Markdown.
var markdownExts = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true}

// markdown converts CommonMark with GitHub's tables, strike-through,
// task lists and bare links to HTML. Raw HTML is kept (a <details> block
// holds the writer's words too); what is not text is dropped after.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// FromMarkdown reads a Markdown file (a note, a README, a page a web
// clipper saved) as the article it already is: nothing is extracted or
// cleaned away, the text is only brought to margin's Markdown. YAML front
// matter gives the title, author, date and address where it names them
// (as Obsidian's Web Clipper writes them); otherwise a first "# Heading"
// is the title.
func FromMarkdown(text string) (*Article, error) {
	text = composeLetters(sanitize.Text(strings.TrimPrefix(text, "\ufeff")))
	meta, body := frontMatter(text)
	if markdownTooDeep(body) {
		// Parsing nesting hundreds deep costs the square of its depth
		// (seconds, gigabytes): no one writes that, so it is read as the
		// text it is, every word kept.
		return FromText(text)
	}
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(body), &buf); err != nil {
		return nil, fmt.Errorf("read Markdown: %w", err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		return nil, fmt.Errorf("read Markdown: %w", err)
	}
	root := bodyElement(doc)
	if root == nil {
		return nil, errNoText
	}
	dropNonText(root)
	// A first "# Heading" is the title, said once: it leaves the body
	// when it is the title, or when front matter names none.
	a := &Article{Title: oneLine(meta.title)}
	if h := firstHeading(root); h != nil {
		if ht := oneLine(textOf(h)); a.Title == "" || strings.EqualFold(ht, a.Title) {
			a.Title = ht
			h.Parent.RemoveChild(h)
		}
	}
	var base *url.URL
	if u, err := url.Parse(meta.source); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		base = u
		a.CanonicalURL = sanitize.Text(u.String())
	}
	a.Markdown, a.Text = toMarkdown(root, base)
	if CountWords(a.Text) == 0 {
		return nil, errNoText
	}
	a.Byline = oneLine(meta.author)
	a.Excerpt = oneLine(meta.description)
	a.Published = parseDate(meta.published)
	a.SourceTags = meta.tags
	finish(a)
	return a, nil
}

// maxMarkdownDepth bounds the nesting FromMarkdown parses: block
// containers (quotes and lists, by marker and indentation) on one line,
// and open brackets in one paragraph. Real writing nests a few deep; the
// HTML parser refuses 512 open elements.
const maxMarkdownDepth = 100

// markdownTooDeep reports whether text nests deeper than maxMarkdownDepth.
func markdownTooDeep(text string) bool {
	brackets := 0
	for line := range strings.Lines(text) {
		depth, i := 0, 0
		for i < len(line) {
			switch c := line[i]; {
			case c == ' ':
				depth, i = depth+1, i+1 // two spaces of indentation are about a level
				continue
			case c == '\t':
				depth, i = depth+4, i+1
				continue
			case c == '>':
				depth, i = depth+2, i+1
				continue
			case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
				depth, i = depth+2, i+1
				continue
			}
			break
		}
		if depth > 2*maxMarkdownDepth {
			return true
		}
		if strings.TrimSpace(line) == "" {
			brackets = 0
			continue
		}
		for j := 0; j < len(line); j++ {
			switch line[j] {
			case '\\':
				j++
			case '[':
				if brackets++; brackets > maxMarkdownDepth {
					return true
				}
			case ']':
				brackets = max(0, brackets-1)
			}
		}
	}
	return false
}

// mdMeta is what front matter says of the text.
type mdMeta struct {
	title, author, source, published, description string
	tags                                          []string
}

// frontMatter splits YAML front matter ("---" lines around it, at the very
// top) from the body. Front matter that is not YAML, or not a mapping, is
// left in the body: those are the writer's lines, not margin's to drop.
func frontMatter(text string) (mdMeta, string) {
	var m mdMeta
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		if rest, ok = strings.CutPrefix(text, "---\r\n"); !ok {
			return m, text
		}
	}
	var yamlText, body string
	for off := 0; off < len(rest); {
		line, _, _ := strings.Cut(rest[off:], "\n")
		if l := strings.TrimRight(line, "\r \t"); l == "---" || l == "..." {
			yamlText, body = rest[:off], rest[min(len(rest), off+len(line)+1):]
			break
		}
		off += len(line) + 1
		if off >= len(rest) {
			return m, text // never closed: a thematic break, not front matter
		}
	}
	var fields map[string]any
	if err := yaml.Unmarshal([]byte(yamlText), &fields); err != nil {
		return m, text
	}
	get := func(keys ...string) string {
		for _, k := range keys {
			for name, v := range fields {
				if strings.EqualFold(name, k) {
					if s := yamlString(v); s != "" {
						return s
					}
				}
			}
		}
		return ""
	}
	m.title = get("title")
	m.author = get("author", "authors", "byline")
	m.source = strings.TrimSpace(get("source", "url", "link", "canonical"))
	m.published = get("published", "date")
	m.description = get("description", "summary", "excerpt")
	for name, v := range fields {
		if strings.EqualFold(name, "tags") || strings.EqualFold(name, "tag") {
			m.tags = yamlTags(v)
		}
	}
	return m, body
}

// yamlTags are front matter tags: a list, or one string of them separated
// by commas or spaces (Obsidian takes both), a leading "#" taken off.
func yamlTags(v any) []string {
	var raw []string
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			raw = append(raw, yamlString(e))
		}
	case string:
		sep := func(r rune) bool { return r == ',' }
		if !strings.Contains(v, ",") {
			sep = unicode.IsSpace
		}
		raw = strings.FieldsFunc(v, sep)
	}
	var tags []string
	for _, t := range raw {
		if t = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(t), "#")); t != "" && len(tags) < maxSourceTags {
			tags = append(tags, t)
		}
	}
	return tags
}

// maxSourceTags bounds the tags a file gives itself.
const maxSourceTags = 50

// yamlString is a front matter value as text: a string, a date, or a list
// of them joined by commas ("[[Name]]" wiki links as their names).
func yamlString(v any) string {
	switch v := v.(type) {
	case string:
		v = strings.TrimSpace(v)
		if strings.HasPrefix(v, "[[") && strings.HasSuffix(v, "]]") {
			v = strings.TrimSuffix(strings.TrimPrefix(v, "[["), "]]")
			if _, alias, ok := strings.Cut(v, "|"); ok {
				v = alias
			}
		}
		return v
	case time.Time:
		return v.Format(time.RFC3339)
	case int, int64, float64, bool:
		return fmt.Sprint(v)
	case []any:
		var parts []string
		for _, e := range v {
			if s := yamlString(e); s != "" && len(parts) < 20 {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// dropNonText removes what raw HTML in Markdown may hold that is not the
// writer's text: scripts, styles, frames, forms' controls, embedded media.
func dropNonText(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Frame, atom.Frameset,
				atom.Object, atom.Embed, atom.Applet, atom.Svg, atom.Math, atom.Canvas, atom.Audio, atom.Video,
				atom.Input, atom.Button, atom.Select, atom.Textarea, atom.Link, atom.Meta, atom.Base:
				n.RemoveChild(c)
				c = next
				continue
			}
		}
		if c.Type == html.CommentNode {
			n.RemoveChild(c)
		} else {
			dropNonText(c)
		}
		c = next
	}
}

// firstHeading is the body's first block when it is an <h1>: the title.
func firstHeading(body *html.Node) *html.Node {
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
			continue
		case c.Type == html.ElementNode && c.DataAtom == atom.H1:
			return c
		}
		return nil
	}
	return nil
}

// bodyElement is the parsed document's <body>.
func bodyElement(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := bodyElement(c); f != nil {
			return f
		}
	}
	return nil
}
