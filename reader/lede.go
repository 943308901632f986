package reader

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The standfirst (lede) of many news pages sits between the headline and
// the body, outside the container readability picks, and sites publish the
// same sentences as the page's summary (meta description, og: and twitter:
// description). A block of the page whose text is that summary, standing
// before the article's first paragraph, is the article's standfirst: it is
// put back at the top when the extracted text lacks it. The page's summary
// alone is never added: only text the page shows, found where a standfirst
// stands.

// minLedeWords keeps short summaries (a site's tagline, a name) out.
const minLedeWords = 8

// addDescription records one of the page's summaries.
func (info *pageInfo) addDescription(s string) {
	s = squeeze(html.UnescapeString(s))
	if CountWords(s) < minLedeWords {
		return
	}
	for _, d := range info.descs {
		if d == s {
			return
		}
	}
	info.descs = append(info.descs, s)
}

// pageText appends a visible text node's words to the page's text.
func (info *pageInfo) pageText(parent *html.Node, s string) {
	if len(info.descs) == 0 || info.lede != "" && info.page.Len() > info.ledeAt+1<<20 {
		return // no summary to look for, or far enough past the lede
	}
	switch parent.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Title, atom.Head:
		return
	}
	if w := squeeze(s); w != "" {
		info.page.WriteString(w)
		info.page.WriteByte(' ')
	}
}

// scanLede checks whether a block says the page's summary. Only blocks
// that hold no other blocks are read, so each text is read a few times at
// most, whatever the page's depth.
func (info *pageInfo) scanLede(n *html.Node) {
	if info.lede != "" || len(info.descs) == 0 {
		return
	}
	switch n.DataAtom {
	case atom.P, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Div, atom.Span, atom.Strong, atom.B, atom.Em:
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !inlineTag(c) {
			return
		}
	}
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Nav, atom.Footer, atom.Aside, atom.Form, atom.Li, atom.A, atom.Button, atom.Figcaption:
			return
		}
	}
	t := squeeze(textOf(n))
	if 2*len(linkedText(n)) > len(t) {
		return // a teaser linking elsewhere, not a standfirst
	}
	for _, d := range info.descs {
		if sameSummary(t, d) {
			info.lede, info.ledeAt = t, info.page.Len()
			return
		}
	}
}

// linkedText is the text of the links inside n, squeezed.
func linkedText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A {
			b.WriteString(squeeze(textOf(c)))
		} else {
			b.WriteString(linkedText(c))
		}
	}
	return b.String()
}

// inlineTag reports whether an element is text-level markup.
func inlineTag(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A, atom.Abbr, atom.B, atom.Br, atom.Cite, atom.Code, atom.Em, atom.I, atom.Mark, atom.Q, atom.S,
		atom.Small, atom.Span, atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Wbr:
		return true
	}
	return false
}

// sameSummary reports whether a block's text is the summary: the same
// words, or the words the summary cut off with an ellipsis.
func sameSummary(block, summary string) bool {
	if block == summary {
		return true
	}
	cut := strings.TrimRight(strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(summary, "…"), "...")), " ")
	return cut != summary && CountWords(cut) >= minLedeWords && strings.HasPrefix(block, cut) &&
		CountWords(block) <= 2*CountWords(cut)
}

// withLede puts the standfirst back at the top of an extracted article
// that lacks it, unless the page shows the article's first paragraph
// before it.
func withLede(md, text string, info *pageInfo, base *url.URL) (string, string) {
	if info.lede == "" || strings.Contains(squeeze(text), info.lede) {
		return md, text
	}
	first := ""
	for _, p := range strings.Split(text, "\n\n") {
		if p = squeeze(p); CountWords(p) >= 5 {
			first = p
			break
		}
	}
	if len(first) > 60 {
		first = first[:60]
	}
	// A body the page does not show as text (read from its JSON-LD, or
	// hidden until a script runs) has no place to compare with.
	if at := strings.Index(info.page.String(), first); first == "" || at >= 0 && at < info.ledeAt {
		return md, text
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	p.AppendChild(&html.Node{Type: html.TextNode, Data: info.lede})
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	root.AppendChild(p)
	lmd, ltext := toMarkdown(root, base)
	return strings.TrimRight(lmd, "\n") + "\n\n" + md, ltext + "\n\n" + text
}
