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
// stands, and only when it reads as the article's opening paragraph: not
// a subtitle (a heading, or words that are not a sentence) and not a line
// of the byline's box.

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

// scanLede checks whether a block says the page's summary. Only blocks
// that hold no other blocks are read, and only their opening words until
// one opens as a summary does, so the scan costs little on pages without
// a standfirst.
func (info *pageInfo) scanLede(n *html.Node) {
	if info.ledeNode != nil || len(info.descs) == 0 {
		return
	}
	// Headings are left out: a summary set as a heading under the
	// headline is its subtitle, as the page marks it. A list is read when
	// it is the summary's points, one an item ("Das Wichtigste in Kürze").
	list := false
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Span, atom.Strong, atom.B, atom.Em:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && !inlineTag(c) {
				return
			}
		}
	case atom.Ul, atom.Ol:
		list = true
	default:
		return
	}
	var buf [48]byte
	if !opensAsSummary(textHead(n, buf[:0]), info.descs) {
		return
	}
	var items []string
	if list {
		// Read only now: a page's menus are lists too.
		if items = listPoints(n); len(items) < 2 {
			return
		}
	}
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Nav, atom.Footer, atom.Aside, atom.Form, atom.Li, atom.A, atom.Button, atom.Figcaption:
			return
		}
		if bylineBox(p) {
			return // a line of the byline's box: the head's matter
		}
	}
	t := squeeze(textOf(n))
	if items != nil {
		t = strings.Join(items, " ")
	}
	if !isProse(t) {
		return // a subtitle: a phrase, not the article's opening sentences
	}
	if 2*len(linkedText(n)) > len(t) {
		return // a teaser linking elsewhere, not a standfirst
	}
	for _, d := range info.descs {
		if sameSummary(t, d) {
			info.lede, info.ledeItems, info.ledeNode = t, items, n
			return
		}
	}
}

// listPoints returns the texts (squeezed) of a list's items when each
// holds only text-level markup, else nil.
func listPoints(n *html.Node) []string {
	var items []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.Li {
			return nil
		}
		for g := c.FirstChild; g != nil; g = g.NextSibling {
			if g.Type == html.ElementNode && !inlineTag(g) {
				return nil
			}
		}
		if t := squeeze(textOf(c)); t != "" {
			items = append(items, t)
		}
	}
	return items
}

// textHead appends to buf the start of n's text, white space squeezed as
// squeeze does, until buf is full.
func textHead(n *html.Node, buf []byte) []byte {
	// A walk by the nodes' links, without recursion, so that buf (the
	// caller's array) stays on the stack.
	space := false
	for c := n.FirstChild; c != nil && len(buf) < cap(buf); {
		switch {
		case c.Type == html.TextNode:
			buf, space = appendWords(buf, c.Data, space, cap(buf))
		case c.Type == html.ElementNode && !mdSkipTags[c.Data] && c.FirstChild != nil:
			c = c.FirstChild
			continue
		}
		for c != n && c.NextSibling == nil {
			c = c.Parent
		}
		if c == n {
			break
		}
		c = c.NextSibling
	}
	return buf
}

// opensAsSummary reports whether a block's opening (squeezed, cut short)
// agrees with the opening of one of the summaries.
func opensAsSummary(head []byte, descs []string) bool {
	if len(head) == 0 {
		return false
	}
	for _, d := range descs {
		d = summaryCut(d)
		k := min(len(head), len(d))
		if string(head[:k]) == d[:k] {
			return true
		}
	}
	return false
}

// bylineWords name the box of the byline in a class or id: the author,
// the date, the article's meta line.
var bylineWords = wordSet("byline", "bylines", "author", "authors", "meta", "dateline")

// bylineBox reports whether an element's class or id names the byline's box.
func bylineBox(n *html.Node) bool { return namedBy(n, bylineWords) }

// namedBy reports whether a word of n's class or id (split as splitName
// splits "main-nav" or "bylineBox", generated names left out) is in set.
func namedBy(n *html.Node, set map[string]bool) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, tok := range strings.Fields(a.Val) {
			if generatedName(tok) {
				continue
			}
			for _, w := range splitName(tok) {
				if set[w] {
					return true
				}
			}
		}
	}
	return false
}

// textBefore is the page's visible text up to (not including) stop,
// squeezed, for telling whether the article begins before its standfirst.
func textBefore(doc, stop *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node) bool // reports whether stop is still ahead
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c == stop {
				return false
			}
			switch c.Type {
			case html.TextNode:
				if w := squeeze(c.Data); w != "" {
					b.WriteString(w)
					b.WriteByte(' ')
				}
			case html.ElementNode:
				if !mdSkipTags[c.Data] && !walk(c) {
					return false
				}
			}
		}
		return true
	}
	walk(doc)
	return b.String()
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
// words, or the words the summary cut off with an ellipsis. The words are
// compared without their punctuation: a page sets a dash or curly quotes
// where its summary has a hyphen or straight ones.
func sameSummary(block, summary string) bool {
	if block == summary || sameWords(block, summary) {
		return true
	}
	cut := summaryCut(summary)
	return cut != summary && CountWords(cut) >= minLedeWords && strings.HasPrefix(block, cut) &&
		CountWords(block) <= 2*CountWords(cut)
}

// sameWords reports whether a and b are the same words, told apart by
// neither case nor punctuation.
func sameWords(a, b string) bool {
	ta, tb := tokens(a), tokens(b)
	if len(ta) != len(tb) {
		return false
	}
	for i := range ta {
		if ta[i] != tb[i] {
			return false
		}
	}
	return true
}

// summaryCut is a summary less the ellipsis it was cut off with.
func summaryCut(summary string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(summary, "…"), "..."))
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
	if first == "" || strings.Contains(info.beforeLede, first) {
		return md, text
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	if info.ledeItems != nil {
		ul := &html.Node{Type: html.ElementNode, Data: "ul", DataAtom: atom.Ul}
		for _, it := range info.ledeItems {
			li := &html.Node{Type: html.ElementNode, Data: "li", DataAtom: atom.Li}
			li.AppendChild(&html.Node{Type: html.TextNode, Data: it})
			ul.AppendChild(li)
		}
		root.AppendChild(ul)
	} else {
		p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: info.lede})
		root.AppendChild(p)
	}
	lmd, ltext := toMarkdown(root, base)
	return strings.TrimRight(lmd, "\n") + "\n\n" + md, ltext + "\n\n" + text
}
