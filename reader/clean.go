package reader

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// preClean walks the whole parsed page once before go-readability sees it:
// it reads the page's metadata and JSON-LD, looks for the standfirst, and
// removes elements a reader never sees (hidden ones) and the other posts
// that follow the page's own, so they cannot be picked as the article.
func preClean(doc *html.Node) *pageInfo {
	info := &pageInfo{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		var own *html.Node // the page's post, when it is a child of n
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if end := phpErrorEnd(c); end != nil {
				next = removeRun(n, c, end)
			} else if c.Type == html.ElementNode {
				info.scanElement(c)
				if isHidden(c) || own != nil && c.DataAtom == atom.Article {
					n.RemoveChild(c)
				} else {
					if c.DataAtom == atom.Blockquote && isQuotedPost(c) {
						unhideQuotedPost(c)
					}
					before := info.h1
					info.scanLede(c)
					info.scanAfterHead(c)
					walk(c)
					// The <article> holding the page's headline (its
					// first <h1>) and prose of its own is the page's
					// post: a series of <article>s after it, beside it,
					// are other posts (a blog's "you may also like"
					// teasers, each with its picture and opening lines).
					// One alone may be the post's own body.
					if c.DataAtom == atom.Article && before == "" && info.h1 != "" && postsAfter(c) >= 2 && holdsProse(c) {
						own = c
					}
				}
			}
			c = next
		}
	}
	if doc.Type == html.ElementNode {
		info.scanElement(doc)
	}
	walk(doc)
	if info.ledeNode != nil {
		info.beforeLede = textBefore(doc, info.ledeNode)
	}
	return info
}

// phpErrorEnd is the last node of the error message PHP printed starting
// at n ("<b>Warning</b>:  message in <b>/path/file.php</b> on line
// <b>12</b><br />"), the break after it included, or nil when n does not
// start one. Old hosts print them by the hundred, anywhere in a page.
func phpErrorEnd(n *html.Node) *html.Node {
	if n.Type != html.ElementNode || n.Data != "b" || !rxPHPLevel().MatchString(strings.ToLower(strings.TrimSpace(textOf(n)))) {
		return nil
	}
	if t := n.NextSibling; t == nil || t.Type != html.TextNode || !strings.HasPrefix(t.Data, ":") {
		return nil
	}
	// The message, the file and the line: a few siblings at most.
	k := n.NextSibling
	for range 8 {
		k = k.NextSibling
		if k == nil || k.Type == html.ElementNode && k.Data != "b" {
			return nil
		}
		if k.Type == html.ElementNode && strings.HasSuffix(k.PrevSibling.Data, " on line ") && isDigits(textOf(k)) {
			if b := k.NextSibling; b != nil && b.Type == html.ElementNode && b.Data == "br" {
				return b
			}
			return k
		}
	}
	return nil
}

// removeRun removes from and the siblings after it up to end, and the
// break before from, from parent; it returns the sibling after end.
func removeRun(parent, from, end *html.Node) *html.Node {
	if p := from.PrevSibling; p != nil && p.Type == html.TextNode && strings.TrimSpace(p.Data) == "" {
		if b := p.PrevSibling; b != nil && b.Type == html.ElementNode && b.Data == "br" {
			parent.RemoveChild(b)
		}
	} else if p != nil && p.Type == html.ElementNode && p.Data == "br" {
		parent.RemoveChild(p)
	}
	next := end.NextSibling
	for c := from; c != next; {
		after := c.NextSibling
		parent.RemoveChild(c)
		c = after
	}
	return next
}

func isDigits(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// postsAfter counts the <article>s among the siblings after n and their
// children.
func postsAfter(n *html.Node) int {
	posts := 0
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Article {
			posts++
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if k.DataAtom == atom.Article {
				posts++
			}
		}
	}
	return posts
}

// isHidden reports whether the page hides n from every reader: the hidden
// attribute or an inline display:none. (aria-hidden is left alone: sites
// put it on decorative wrappers around real text.)
func isHidden(n *html.Node) bool {
	switch n.Data {
	case "html", "body", "head":
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(a.Val)
			if strings.Contains(strings.ReplaceAll(s, " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

// cleaner removes what is not the article from go-readability's result.
type cleaner struct {
	root      *html.Node
	info      *pageInfo
	total     int      // letters and digits in the whole result, before cleaning
	title     []string // tokens of the title
	ldTokens  []string // tokens of the JSON-LD articleBody, when it is long enough
	ldChecked bool
	furniture map[string]bool // isFurnitureText's answers, by text
}

// postClean removes what is not the article from go-readability's result:
// see the rules in clean_rules.go and clean_ends.go.
func postClean(root *html.Node, info *pageInfo) {
	c := &cleaner{root: root, info: info, total: countText(root)}
	if c.total == 0 {
		return
	}
	c.clean(root, false)
	c.trimEnds(root)
}

// countText counts the letters and digits under n.
func countText(n *html.Node) int {
	size := 0
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		switch k.Type {
		case html.TextNode:
			size += wordChars(k.Data)
		case html.ElementNode:
			if !mdSkipTags[k.Data] {
				size += countText(k)
			}
		}
	}
	return size
}

// clean prunes n's subtree bottom-up and returns what is left of its text
// (size counts non-space bytes, links those inside links to the same site),
// whether an image is left in it and whether a tag link is (rel="tag").
// Children are judged before their parent, so a paragraph is judged
// without the furniture inside it (a hover card full of links).
func (c *cleaner) clean(n *html.Node, inLink bool) (size, links int, img, tagged bool) {
	for k := n.FirstChild; k != nil; {
		next := k.NextSibling
		switch k.Type {
		case html.TextNode:
			s := wordChars(k.Data)
			size += s
			if inLink {
				links += s
			}
		case html.ElementNode:
			if mdSkipTags[k.Data] {
				break
			}
			s, l, i, t := c.clean(k, inLink || k.Data == "a" && c.internal(getAttr(k, "href")))
			i = i || k.Data == "img"
			t = t || k.Data == "a" && hasToken(getAttr(k, "rel"), "tag")
			if c.condemned(k, s, l, i, t) {
				if isCommentsHeading(k) && c.proseBefore(k) && !paragraphsAfter(k) {
					// What follows a "Comments" heading after the
					// article, in the same box, is the comments
					// (each in its own box: paragraphs right under
					// the heading's parent would be the article's).
					for next != nil {
						after := next.NextSibling
						if trace("comments", next) {
							n.RemoveChild(next)
						}
						next = after
					}
				}
				n.RemoveChild(k)
			} else {
				size += s
				links += l
				img = img || i
				tagged = tagged || t
			}
		}
		k = next
	}
	return size, links, img, tagged
}

// internal reports whether a link leads to the page's own site: lists of
// those are the site's navigation and "related" boxes, where lists of links
// elsewhere (sources, shops, references) are often the article's own.
func (c *cleaner) internal(href string) bool {
	if c.info.host == "" {
		return true
	}
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return false
	}
	if u.Host == "" {
		return u.Scheme == "" || u.Scheme == "http" || u.Scheme == "https"
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") == c.info.host
}

// wordChars measures text for the size rules: bytes that are not ASCII
// whitespace. Counting bytes rather than letters keeps the two passes over
// the tree cheap; every rule compares sizes within one page, where the
// unit does not matter.
func wordChars(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] > ' ' {
			n++
		}
	}
	return n
}

// proseBefore reports whether a paragraph of prose comes before n in the
// result (what is before n is cleaned already).
func (c *cleaner) proseBefore(n *html.Node) bool {
	for x := n; x != nil && x != c.root; x = x.Parent {
		for s := x.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.ElementNode && !mdSkipTags[s.Data] && isProse(squeeze(textOf(s))) {
				return true
			}
		}
	}
	return false
}

// paragraphsAfter reports whether a paragraph of prose follows n among
// its siblings.
func paragraphsAfter(n *html.Node) bool {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && s.Data == "p" && isProse(squeeze(textOf(s))) {
			return true
		}
	}
	return false
}

// textFormulaBlock: a block of this many letters and digits or fewer
// around a formula is the formula's.
const textFormulaBlock = 40

// cleanTrace, when set (by tests), hears every removal and its rule.
var cleanTrace func(rule string, n *html.Node)

func trace(rule string, n *html.Node) bool {
	if cleanTrace != nil {
		cleanTrace(rule, n)
	}
	return true
}

// condemned applies the element rules in order; img says whether n holds
// an image, tagged whether it holds a tag link.
func (c *cleaner) condemned(n *html.Node, size, links int, img, tagged bool) bool {
	if img && size <= textFormulaBlock && holdsFormula(n) {
		// A formula set apart (a wiki's <dd> holding its picture and
		// a full stop) has no text but the formula.
		return false
	}
	switch {
	case dropTag(n, size, c.total):
		return trace("tag", n)
	case dropClass(n, size, c.total, img):
		return trace("class", n)
	case dropLinkList(n, size, links, c.total):
		return trace("links", n)
	case c.dropText(n):
		return trace("text", n)
	case dropHeadedLinks(n):
		return trace("links", n)
	case size <= 120 && titleOfEmptiedList(n):
		return trace("links", n)
	case size*4 <= c.total*3 && c.dropTeaserList(n):
		// A site's teaser grid under a short post can outweigh it: the
		// shape is signal enough, unless the list is nearly all there is
		// (go-readability took a listing page; better that than nothing).
		return trace("links", n)
	case tagged && dropPostMeta(n, size, c.total):
		return trace("postmeta", n)
	}
	return false
}

// quotedPostClasses are the classes a social network's embed code gives
// the blockquote that holds a post's text (the text shows until the
// network's script replaces it).
var quotedPostClasses = []string{"twitter-tweet", "instagram-media", "tiktok-embed", "bluesky-embed", "mastodon-embed", "reddit-embed-bq", "text-post-media"}

// isQuotedPost reports a blockquote holding a post from a social network
// that the article quotes.
func isQuotedPost(n *html.Node) bool {
	class := getAttr(n, "class")
	for _, c := range quotedPostClasses {
		if hasToken(class, c) {
			return true
		}
	}
	return false
}

// unhideQuotedPost takes the name off the wrappers a site sets around a
// quoted post ("social-media-embed"): readability drops any element so
// named as the site's share bar, and with it the post the article quotes
// ("a whole lot of people on Twitter pointed it out:" and their posts).
// Only wrappers holding nothing but the post are renamed.
func unhideQuotedPost(q *html.Node) {
	words := strings.Join(strings.Fields(textOf(q)), " ")
	for p := q.Parent; p != nil && p.Type == html.ElementNode && (p.DataAtom == atom.Div || p.DataAtom == atom.Figure || p.DataAtom == atom.Section); p = p.Parent {
		if strings.Join(strings.Fields(textOf(p)), " ") != words {
			return
		}
		for i := range p.Attr {
			if k := p.Attr[i].Key; k == "class" || k == "id" {
				p.Attr[i].Val = "quoted-post"
			}
		}
	}
}
