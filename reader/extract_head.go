package reader

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// A second opinion from the headline: the page's <h1> and the prose after
// it are the article's opening on most pages, whatever the page's kind. On
// short pages, shops, recipes and blogs go-readability sometimes picks
// another box (an author's bio, the shipping terms, the reviews) or a part
// of the post. When its container lacks the headline's first paragraph,
// the smallest block around the <h1> that holds the prose after it is
// taken instead, when it holds more prose. The block is read from the
// page go-readability was given: it scores and takes its container from
// a copy of the page (after removing scripts, styles and comments, and
// turning runs of <br> into paragraphs), so the page needs no second
// parse (TestHeadlineOpinionOpening, through FromHTML, would catch a
// version of go-readability that moved its box out of the page).

// maxHeads bounds the <h1>s recorded: a page's headline is among its first.
const maxHeads = 4

// A headline is one of the page's <h1>s (or <h2>s) and the first
// paragraph of prose after it in the page's order ("" until found).
type headline struct {
	text, after string
	tag         string
}

// waiting reports whether the last of heads still waits for its paragraph.
func waiting(heads []headline) bool {
	return len(heads) > 0 && heads[len(heads)-1].after == ""
}

// scanAfterHead gives n's text to the headlines still waiting for their
// first paragraph of prose, when n is a paragraph that reads as prose.
func (info *pageInfo) scanAfterHead(n *html.Node) {
	if !waiting(info.heads) && !waiting(info.heads2) {
		return
	}
	switch n.Data {
	case "h1", "h2", "h3", "h4", "h5", "h6", "nav", "footer", "aside", "form", "figcaption":
		return
	}
	if !paragraphLike(n) {
		return
	}
	if own, links := linkText(n, false); own < 60 || links*2 >= own || classIsFurniture(n) {
		return
	}
	t := noSoftHyphens(squeeze(textOf(n)))
	if !isProse(t) {
		return
	}
	for _, heads := range [][]headline{info.heads, info.heads2} {
		for i := len(heads) - 1; i >= 0 && heads[i].after == ""; i-- {
			heads[i].after = t
		}
	}
}

// headline picks the page's headline: the longest <h1> that the title
// holds or that holds the title; else such an <h2> of three words or more
// (a forum's or a shop's <h1> is often the site's logo, and the thread's
// or the product's name an <h2>); else the first <h1> with text. ok is
// false when the page has none.
func (info *pageInfo) headline() (h headline, ok bool) {
	if h, ok := titled(info.heads, info.title, 1); ok {
		return h, true
	}
	if h, ok := titled(info.heads2, info.title, 3); ok {
		return h, true
	}
	for _, h := range info.heads {
		if h.text != "" {
			return h, true
		}
	}
	return headline{}, false
}

// titled returns the longest of heads, of minWords words or more, that
// the title holds or that holds the title.
func titled(heads []headline, title string, minWords int) (best headline, ok bool) {
	title = strings.ToLower(squeeze(title))
	if title == "" {
		return best, false
	}
	for _, h := range heads {
		t := strings.ToLower(h.text)
		if t == "" || strings.Count(t, " ")+1 < minWords {
			continue
		}
		if (strings.Contains(title, t) || strings.Contains(t, title)) && len(t) > len(best.text) {
			best, ok = h, true
		}
	}
	return best, ok
}

// doubtsHeadline reports whether an extracted text looks like the wrong
// box: it lacks the first paragraph after the page's headline.
func doubtsHeadline(text string, info *pageInfo) bool {
	h, ok := info.headline()
	if !ok || h.after == "" {
		return false
	}
	// The standfirst, when that is the paragraph after the headline, is
	// lede.go's to add, unless the text is short. Where go-readability's
	// container held the paragraph, the cleaning took it out, and would
	// again from the block.
	if info.headInFirst || h.after == info.lede && CountWords(text) >= 150 {
		return false
	}
	return !strings.Contains(text, h.after) && !strings.Contains(squeeze(text), h.after)
}

// headContainer returns the Markdown and text of the block around the
// page's headline that holds the prose after it, when it holds more prose
// than the text extracted first (and 50 words of it at least); or, with
// intro set, when the block is a short box of prose before the first
// text in the page (the head's introduction, which go-readability left
// out), to be put before it. The block is cut out of doc, the cleaned
// page.
func headContainer(doc *html.Node, info *pageInfo, base *url.URL, first string) (md, text string, ok, intro bool) {
	h, _ := info.headline()
	h1 := headingNamed(doc, h.tag, h.text)
	if h1 == nil {
		return "", "", false, false
	}
	block := headBlock(h1)
	if block == nil {
		return "", "", false, false
	}
	// Where the first text follows the block in the page, the block is
	// the head, and its prose the article's introduction.
	before := false
	if open := firstParagraph(first); open != "" {
		n := holding(doc, open)
		before = n != nil && !inside(n, block) && precedes(doc, block, n)
	}
	// The block is read from after the headline, the article's title
	// (what comes before it in the block is the site's and the section's
	// names). Where the first text is a part of the block (go-readability
	// took the post's body without its opening), it is read up to where
	// that text ends: what follows the post in its box is other posts'
	// teasers more often than the article.
	for n := h1; n != block; n = n.Parent {
		for n.PrevSibling != nil {
			n.Parent.RemoveChild(n.PrevSibling)
		}
	}
	h1.Parent.RemoveChild(h1)
	if end := lastParagraph(first); end != "" {
		// Only a text that ends after the headline's first paragraph is
		// a part of the post: one that ends before it is the head's
		// (a standfirst), and the post follows.
		if n := holding(block, end); n != nil && !precedes(block, n, holding(block, cutBytes(h.after, 60))) {
			for ; n != block; n = n.Parent {
				for n.NextSibling != nil {
					n.Parent.RemoveChild(n.NextSibling)
				}
			}
		}
	}
	postClean(block, info)
	md, text = toMarkdown(block, base)
	w, fw := proseWords(text), proseWords(first)
	if w >= 50 && w > fw {
		return md, text, true, false
	}
	if before && w > 0 && CountWords(text) <= 120 && w*5 >= CountWords(text)*4 && !holdsPicture(block) {
		return md, text, true, true
	}
	// A first text from the page's footer or navigation (the site's
	// "about us", its links) is no article: the headline's block wins
	// even when it is no prose (a product database's or a shop's fields
	// and values). A sidebar is not judged so: some pages keep their
	// text in an <aside>.
	if CountWords(text) >= 20 && inFurniture(doc, firstParagraph(first)) {
		return md, text, true, false
	}
	return "", "", false, false
}

// inFurniture reports whether the paragraph opening with probe sits in
// the page's footer or navigation: a <footer> or <nav> outside the page's
// <main> and <article>s (an article's own footer is a part of it).
func inFurniture(doc *html.Node, probe string) bool {
	if probe == "" {
		return false
	}
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || mdSkipTags[c.Data] {
				continue
			}
			switch c.Data {
			case "main", "article":
				continue
			case "footer", "nav":
				if holding(c, probe) != nil {
					return true
				}
				continue
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(doc)
}

// firstParagraph returns the opening (up to 60 bytes) of a text's first
// paragraph of prose, squeezed; "" when it has none.
func firstParagraph(text string) string {
	for _, p := range strings.Split(text, "\n\n") {
		if p = squeeze(p); isProse(p) {
			return cutBytes(p, 60)
		}
	}
	return ""
}

// headingNamed returns the first heading of the tag under n whose text is text.
func headingNamed(n *html.Node, tag, text string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == tag && squeeze(textOf(c)) == text {
			return c
		}
		if h := headingNamed(c, tag, text); h != nil {
			return h
		}
	}
	return nil
}

// headBlock climbs from the headline to the smallest ancestor that holds
// prose (100 bytes of paragraphs) and whose parent adds little to it
// (under a quarter more): the block of the headline and its text, not the
// page around it. The headline's header is climbed out of: the prose it
// holds is the standfirst, and the text is beside it.
func headBlock(h1 *html.Node) *html.Node {
	prose := 0
	from := h1
	for a := h1.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if a.Data == "body" || a.Data == "html" {
			return nil
		}
		next := prose
		for c := a.FirstChild; c != nil; c = c.NextSibling {
			if c != from {
				next += blockProse(c)
			}
		}
		if prose >= 100 && next*4 < prose*5 && !headerBox(from) {
			return from
		}
		prose, from = next, a
	}
	return nil
}

// blockProse measures the prose under n as densestBlock does: the text of
// its paragraphs outside links, leaving out page furniture.
func blockProse(n *html.Node) int {
	if n.Type != html.ElementNode || mdSkipTags[n.Data] {
		return 0
	}
	switch n.Data {
	case "nav", "footer", "form", "menu", "dialog", "button", "select", "label", "aside":
		return 0
	}
	if paragraphLike(n) {
		if classIsFurniture(n) {
			return 0
		}
		own, links := linkText(n, false)
		if own >= 25 && links*2 < own {
			return own - links
		}
		return 0
	}
	s := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s += blockProse(c)
	}
	return s
}

// lastParagraph returns the opening (up to 60 bytes) of a text's last
// paragraph of prose, squeezed; "" when it has none.
func lastParagraph(text string) string {
	paras := strings.Split(text, "\n\n")
	for i := len(paras) - 1; i >= 0; i-- {
		if p := squeeze(paras[i]); isProse(p) {
			return cutBytes(p, 60)
		}
	}
	return ""
}

// cutBytes cuts s to at most n bytes, at the start of a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// holding returns the first paragraph under n (in the page's order) whose
// text holds probe.
func holding(n *html.Node, probe string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || mdSkipTags[c.Data] {
			continue
		}
		if paragraphLike(c) {
			if strings.Contains(squeeze(textOf(c)), probe) {
				return c
			}
			continue
		}
		if f := holding(c, probe); f != nil {
			return f
		}
	}
	return nil
}

// headerBox reports whether n is a header: the element, or a class or id
// that says so.
func headerBox(n *html.Node) bool {
	if n.Data == "header" || n.Data == "hgroup" {
		return true
	}
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && strings.Contains(strings.ToLower(a.Val), "header") {
			return true
		}
	}
	return false
}

// headIn reports whether the text under n holds the opening of the first
// paragraph after the page's headline (as one text node: an opening set
// in bold or a link is not found, and the headline is doubted). The
// opening found must go on as the paragraph does: a standfirst and a
// later paragraph may open with the same words ("The council demands
// ..."), and finding the one is no proof of the other.
func headIn(n *html.Node, info *pageInfo) bool {
	h, ok := info.headline()
	if !ok || h.after == "" {
		return false
	}
	probe := cutBytes(h.after, 24)
	opening := cutBytes(probe, 8)
	if i := strings.IndexByte(opening, ' '); i > 0 {
		opening = opening[:i]
	}
	return holdsProbeThen(n, probe, opening, cutBytes(h.after, 80))
}

// holdsProbeThen is holdsProbe whose text node's block (its nearest
// ancestor that is a block) also holds more, white space squeezed.
func holdsProbeThen(n *html.Node, probe, opening, more string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if len(c.Data) >= len(probe) && strings.Contains(c.Data, opening) &&
				strings.Contains(noSoftHyphens(squeeze(c.Data)), probe) {
				b := c.Parent
				for b != n && !mdBlockTags[b.Data] {
					b = b.Parent
				}
				if strings.Contains(noSoftHyphens(squeeze(textOf(b))), more) {
					return true
				}
			}
		case html.ElementNode:
			if !mdSkipTags[c.Data] && holdsProbeThen(c, probe, opening, more) {
				return true
			}
		}
	}
	return false
}

// holdsText reports whether a text node under n holds probe, white space
// squeezed.
func holdsText(n *html.Node, probe string) bool {
	opening := cutBytes(probe, 8)
	if i := strings.IndexByte(opening, ' '); i > 0 {
		opening = opening[:i]
	}
	return holdsProbe(n, probe, opening)
}

func holdsProbe(n *html.Node, probe, opening string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			// Squeezing copies: only a text that holds the probe's
			// opening is squeezed to look for the whole of it.
			if len(c.Data) >= len(probe) && strings.Contains(c.Data, opening) &&
				strings.Contains(noSoftHyphens(squeeze(c.Data)), probe) {
				return true
			}
		case html.ElementNode:
			if !mdSkipTags[c.Data] && holdsProbe(c, probe, opening) {
				return true
			}
		}
	}
	return false
}

// precedes reports whether a comes before b under root in the page's
// order (b nil or missing: false).
func precedes(root, a, b *html.Node) bool {
	if b == nil || a == b {
		return false
	}
	found := 0 // 1: a seen first, 2: b seen first
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == 0; c = c.NextSibling {
			switch c {
			case a:
				found = 1
			case b:
				found = 2
			default:
				walk(c)
			}
		}
	}
	walk(root)
	return found == 1
}

// inside reports whether n is under (or is) root.
func inside(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

// holdsPicture reports whether n holds an image: a head with its lead
// picture holds the picture's caption, not an introduction.
func holdsPicture(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "img", "picture", "figure", "figcaption", "video":
			return true
		}
		if holdsPicture(c) {
			return true
		}
	}
	return false
}
