package reader

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// A second opinion on the container, for the pages where go-readability
// finds no article at all (its candidates were all dropped as furniture:
// text kept in a <header> or an <aside>, or in blocks it never scores),
// and for those where what it found is not prose (a table of names, a
// list of products, a form's messages) although the page has paragraphs
// elsewhere. The page is parsed again (go-readability consumed the first
// parse) and the densest block of paragraphs is taken instead when it
// holds at least twice the prose. It runs only on those pages, so it costs
// the others nothing. (Running it on every page with a short result was
// tried: on the multilingual corpus the densest block mostly agreed with
// go-readability, for one passage more and a slower pipeline.)

// notProse reports whether an extracted text is mostly not prose: under a
// third of its words are in paragraphs that read as sentences.
func notProse(text string) bool {
	all, prose := 0, 0
	for _, p := range strings.Split(text, "\n\n") {
		p = squeeze(p)
		if p == "" {
			continue
		}
		w := strings.Count(p, " ") + 1
		all += w
		if isProse(p) {
			prose += w
		}
	}
	return prose*3 < all
}

// proseWords counts the words of a text's paragraphs that read as prose.
func proseWords(text string) int {
	n := 0
	for _, p := range strings.Split(text, "\n\n") {
		if p = squeeze(p); p != "" && isProse(p) {
			n += strings.Count(p, " ") + 1
		}
	}
	return n
}

// secondContainer returns the Markdown and text of the page's densest
// block of paragraphs when it holds at least twice the prose of the
// extracted text (and enough to be an article), else ok is false.
func secondContainer(reparse func() (*html.Node, error), info *pageInfo, base *url.URL, first string) (md, text string, ok bool) {
	doc, err := reparse()
	if err != nil {
		return "", "", false
	}
	preClean(doc)
	alt := densestBlock(doc, first == "")
	if alt == nil {
		return "", "", false
	}
	postClean(alt, info)
	md, text = toMarkdown(alt, base)
	if w := proseWords(text); CountWords(text) < 50 || w < 2*proseWords(first) || first != "" && w < 50 {
		return "", "", false
	}
	return md, text, true
}

// densestBlock scores every paragraph of the page by its text outside
// links (at least 25 bytes, and not mostly links), credits each score to
// the paragraph's parent and half of it to the grandparent, and returns
// the element with the highest credit. Page furniture (navigation,
// footers, forms other than one wrapping the page, and unless lax headers
// and asides) is not searched, nor paragraphs whose class names furniture.
func densestBlock(doc *html.Node, lax bool) *html.Node {
	credit := map[*html.Node]int{}
	var best *html.Node
	add := func(n *html.Node, s int) {
		if n == nil || n.Type != html.ElementNode {
			return
		}
		credit[n] += s
		if best == nil || credit[n] > credit[best] {
			best = n
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || mdSkipTags[c.Data] {
				continue
			}
			switch c.Data {
			case "nav", "footer", "menu", "dialog", "button", "select", "label":
				continue
			case "form":
				if !wrapsPage(c) {
					continue
				}
			case "header", "aside":
				// A page where go-readability found nothing may keep
				// its text in either.
				if !lax {
					continue
				}
			}
			if paragraphLike(c) {
				if classIsFurniture(c) {
					// A caption, a credit; a container's class names
					// are too often "article-tags-wrapper" to judge by.
					continue
				}
				own, links := linkText(c, false)
				if own >= 25 && links*2 < own {
					add(c.Parent, own)
					if c.Parent != nil {
						add(c.Parent.Parent, own/2)
					}
				}
				continue
			}
			walk(c)
		}
	}
	walk(doc)
	if best == nil || credit[best] < 200 {
		return nil
	}
	return best
}

// paragraphLike reports whether n is a block of running text: a <p>, a
// <pre>, or a block element with no block inside.
func paragraphLike(n *html.Node) bool {
	switch n.Data {
	case "p", "pre", "blockquote", "li", "td", "dd":
		return true
	}
	if !mdBlockTags[n.Data] {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && mdBlockTags[c.Data] {
			return false
		}
	}
	return true
}

// linkText measures n's text (non-space bytes) and the share of it inside links.
func linkText(n *html.Node, inLink bool) (size, links int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			s := wordChars(c.Data)
			size += s
			if inLink {
				links += s
			}
		case html.ElementNode:
			if mdSkipTags[c.Data] {
				continue
			}
			s, l := linkText(c, inLink || c.Data == "a")
			size += s
			links += l
		}
	}
	return size, links
}

// wrapsPage reports whether a <form> wraps the page rather than being one
// of its furniture (a search box, a login): it holds a <main> or an <h1>.
// ASP.NET's WebForms put every page in one such form.
func wrapsPage(form *html.Node) bool {
	for c := form.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "main", "h1":
			return true
		}
		if wrapsPage(c) {
			return true
		}
	}
	return false
}
