package reader

import (
	"margin/sanitize"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// leaf is a block with no block inside: the unit the end and JSON-LD
// rules keep or drop.
type leaf struct {
	n    *html.Node
	text string
}

// leaves calls visit for each text-bearing leaf block under root in
// document order, until visit returns false. Tables and preformatted
// blocks count as one leaf each.
func leaves(root *html.Node, visit func(leaf) bool) {
	stop := false
	var walk func(n *html.Node) bool // reports whether n holds a block
	walk = func(n *html.Node) bool {
		has := false
		for c := n.FirstChild; c != nil && !stop; c = c.NextSibling {
			if c.Type != html.ElementNode || mdSkipTags[c.Data] {
				continue
			}
			if c.Data == "table" || c.Data == "pre" {
				if t := squeeze(textOf(c)); t != "" {
					stop = !visit(leaf{c, t})
				}
				has = true
				continue
			}
			inner := walk(c)
			if mdBlockTags[c.Data] {
				if !inner && !stop {
					if t := squeeze(textOf(c)); t != "" {
						stop = !visit(leaf{c, t})
					}
				}
				has = true
			} else if inner {
				has = true
			}
		}
		return has
	}
	walk(root)
}

// isProse reports whether a block reads as a paragraph of the article: a
// long run of words, or a full sentence.
func isProse(t string) bool {
	words := strings.Count(t, " ") + 1 // t is squeezed
	if words < 20 && strings.ContainsFunc(t, isIdeographic) {
		// Chinese and Japanese set no spaces: count as CountWords does.
		words = max(words, CountWords(t))
	}
	if words >= 20 {
		return true
	}
	return words >= 8 && endsSentence(t)
}

func endsSentence(t string) bool {
	t = strings.TrimRight(t, " \"'”’»)]*")
	if t == "" {
		return false
	}
	r := []rune(t[max(0, len(t)-4):])
	last := r[len(r)-1]
	return strings.ContainsRune(".!?…。！？:;", last) || unicode.Is(unicode.Po, last) && last != ',' && last != '|'
}

// trimEnds removes what comes before the article's first paragraph and
// after its last one when it does not read as prose: titles repeated,
// kicker lines, bylines and datelines above; "Share", tags, bylines,
// follow-us lines below. Images are kept. It also applies the JSON-LD
// second opinion.
func (c *cleaner) trimEnds(root *html.Node) {
	// The JSON-LD rule needs every leaf; the head rule only those up to
	// the first paragraph.
	all := c.bodyTokens() != nil
	var ls []leaf
	first := -1
	leaves(root, func(l leaf) bool {
		ls = append(ls, l)
		if first < 0 && isProse(l.text) {
			first = len(ls) - 1
		}
		return all || first < 0
	})
	if first < 0 {
		return
	}
	c.title = tokens(c.info.title)
	remove := func(l leaf) {
		if l.n.Parent != nil && trace("ends", l.n) {
			l.n.Parent.RemoveChild(l.n)
		}
	}
	for _, l := range ls[:first] {
		if c.isHeadMatter(l) {
			remove(l)
		}
	}
	// What follows the last paragraph is left to the other rules: lists,
	// tables and short lines there are as often the article's as not.
	c.secondOpinion(ls[first:])
	// But a heading with nothing after it heads nothing: the title of a
	// box whose items were dropped or are drawn by a script ("News",
	// "More on this topic"). Nor does a label of up to four words that
	// ends in a colon lead into anything ("See more photos:",
	// "Quellenangaben:"); a sentence that does ("Das Konzeptpapier finden
	// Sie hier:") may point at a file the page offered, and stays.
	for {
		h := lastLeaf(root)
		if h == nil || h.Parent == nil {
			break
		}
		t := squeeze(textOf(h))
		if !(h.Data == "h1" || headingTag(h)) && !(strings.HasSuffix(t, ":") && strings.Count(t, " ") < 4) {
			break
		}
		// Some sites set whole paragraphs in heading tags.
		if strings.Count(t, " ") >= 12 || isProse(t) {
			break
		}
		trace("ends", h)
		h.Parent.RemoveChild(h)
	}
}

// lastLeaf returns the last leaf block under n (as leaves would visit
// it) when nothing but white space and empty elements follows it, else
// nil: text, a picture or a table after it.
func lastLeaf(n *html.Node) *html.Node {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil
			}
		case html.ElementNode:
			if mdSkipTags[c.Data] {
				continue
			}
			switch c.Data {
			case "img", "picture", "svg", "video", "iframe", "table", "pre":
				return nil
			}
			if l := lastLeaf(c); l != nil {
				return l
			}
			if !emptyElement(c) {
				if mdBlockTags[c.Data] && !hasBlock(c) {
					return c
				}
				return nil
			}
		}
	}
	return nil
}

// emptyElement reports whether n holds no text and no picture.
func emptyElement(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		case html.ElementNode:
			if mdSkipTags[c.Data] {
				continue
			}
			switch c.Data {
			case "img", "picture", "svg", "video", "iframe":
				return false
			}
			if !emptyElement(c) {
				return false
			}
		}
	}
	return true
}

// hasBlock reports whether a block element is under n.
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (mdBlockTags[c.Data] || c.Data == "table" || c.Data == "pre" || hasBlock(c)) {
			return true
		}
	}
	return false
}

// isHeadMatter reports whether a block above the first paragraph is the
// page's head rather than the article: the title again, a bare link, a
// top-level heading, or a short line carrying a date (a dateline with a
// byline or a section name).
func (c *cleaner) isHeadMatter(l leaf) bool {
	if l.n.Data == "h1" {
		return true
	}
	t := tokens(l.text)
	if len(t) == 0 {
		return false
	}
	if title := c.title; len(title) > 0 {
		if joined, tj := strings.Join(t, " "), " "+strings.Join(title, " ")+" "; tokenWords(t) >= 3 && strings.Contains(tj, " "+joined+" ") ||
			tokenWords(title) >= 3 && strings.Contains(" "+joined+" ", tj) {
			return true
		}
	}
	words := strings.Count(l.text, " ") + 1 // l.text is squeezed
	if words == 1 && (strings.HasPrefix(l.text, "http://") || strings.HasPrefix(l.text, "https://")) {
		return true
	}
	return words <= 20 && !endsSentence(l.text) && rxDateAnchor().MatchString(l.text) && strings.ContainsAny(l.text, "0123456789")
}

// secondOpinion uses the page's own schema.org articleBody, when it is
// substantial, to drop blocks whose words it does not contain: the site
// itself says they are not the article.
func (c *cleaner) secondOpinion(ls []leaf) {
	bodyTokens := c.bodyTokens()
	if bodyTokens == nil {
		return
	}
	words := 0
	for _, l := range ls {
		words += len(tokens(l.text))
	}
	// A truncated articleBody (a teaser) is no judge of the whole text.
	if len(bodyTokens)*2 < words {
		return
	}
	set := make(map[string]bool, len(bodyTokens))
	for i := range bodyTokens {
		set[shingle(bodyTokens, i)] = true
	}
	// Only a body that is the text extracted is a judge of it: one that
	// shares under half its word runs is another text (a teaser of
	// another page, a product's blurb).
	all, agree := 0, 0
	for _, l := range ls {
		t := tokens(l.text)
		for i := 0; i+4 <= len(t); i++ {
			all++
			if set[shingle(t, i)] {
				agree++
			}
		}
	}
	if agree*2 < all {
		return
	}
	joined := " " + strings.Join(bodyTokens, " ") + " "
	for _, l := range ls {
		t := tokens(l.text)
		if len(t) == 0 || headingTag(l.n) {
			// An articleBody is the running text: sites leave the
			// subheadings out of it.
			continue
		}
		if len(t) < 4 {
			if !strings.Contains(joined, " "+strings.Join(t, " ")+" ") && l.n.Parent != nil && trace("jsonld", l.n) {
				l.n.Parent.RemoveChild(l.n)
			}
			continue
		}
		in := 0
		for i := 0; i+4 <= len(t); i++ {
			if set[shingle(t, i)] {
				in++
			}
		}
		if in*10 < (len(t)-3)*3 && l.n.Parent != nil && trace("jsonld", l.n) {
			l.n.Parent.RemoveChild(l.n)
		}
	}
}

// bodyTokens returns the tokens of the page's JSON-LD articleBody when it
// is long enough to judge by (150 words), else nil.
func (c *cleaner) bodyTokens() []string {
	if !c.ldChecked {
		c.ldChecked = true
		if body := c.info.articleBody; body != "" {
			if bodyIsHTML(body) {
				if doc, err := html.Parse(strings.NewReader(body)); err == nil {
					_, body = toMarkdown(doc, nil)
				}
			}
			if t := tokens(sanitize.Text(body)); len(t) >= 150 {
				c.ldTokens = t
			}
		}
	}
	return c.ldTokens
}

// tokens splits s into lower-case runs of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && !unicode.IsMark(r)
	})
}

// tokenWords is how many words tokens hold: a token of Chinese or
// Japanese, which sets no spaces, counts its characters (CountWords), so
// a title of one such token is no "one word".
func tokenWords(t []string) int {
	n := 0
	for _, w := range t {
		n += max(CountWords(w), 1)
	}
	return n
}

func shingle(t []string, i int) string {
	end := min(i+4, len(t))
	return strings.Join(t[i:end], " ")
}

// bodyMissing reports whether the extracted text holds under half of the
// articleBody's word runs: the container chosen is not the article the
// page describes.
func bodyMissing(body, text string) bool {
	bt := tokens(body)
	have := make(map[string]bool)
	tt := tokens(text)
	for i := 0; i+4 <= len(tt); i++ {
		have[shingle(tt, i)] = true
	}
	in, all := 0, 0
	for i := 0; i+4 <= len(bt); i++ {
		all++
		if have[shingle(bt, i)] {
			in++
		}
	}
	return in*2 < all
}

// bodyIsHTML reports whether an articleBody holds markup: closing tags,
// paragraphs or line breaks.
func bodyIsHTML(s string) bool {
	return strings.Contains(s, "</p>") || strings.Contains(s, "</a>") || strings.Contains(s, "<br") ||
		strings.Contains(s, "</div>") || strings.Contains(s, "</strong>") || strings.Contains(s, "</em>")
}

// bodyFallback returns the JSON-LD articleBody as the article when the
// extracted text is far shorter than it (go-readability picked a teaser or
// a comment) or empty, or when the text is shorter and holds under half of
// it (go-readability picked another text).
func bodyFallback(text string, info *pageInfo) (md, txt string, ok bool) {
	body := strings.TrimSpace(noSoftHyphens(sanitize.Text(info.articleBody)))
	if body == "" {
		return "", "", false
	}
	markup := bodyIsHTML(body)
	var doc *html.Node
	if markup {
		// Some sites put the body's markup in articleBody: read it as
		// HTML rather than show its tags.
		var err error
		if doc, err = html.Parse(strings.NewReader(body)); err != nil {
			return "", "", false
		}
		_, body = toMarkdown(doc, nil)
	}
	bw, tw := CountWords(body), CountWords(text)
	if bw < 150 || tw >= bw || tw*3 >= bw && !bodyMissing(body, text) {
		return "", "", false
	}
	if markup {
		// The markup is the page's own, furniture and all (a "read
		// also" box, a hidden date): it is cleaned as go-readability's
		// result is. The choice above was made on the whole body.
		dropHidden(doc)
		postClean(doc, info)
		md, txt = toMarkdown(doc, nil)
		return md, txt, hasWords(txt)
	}
	md, txt = plainParagraphs(body)
	return md, txt, true
}

// dropHidden removes the elements under n the page hides from every reader.
func dropHidden(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if isHidden(c) {
				n.RemoveChild(c)
			} else {
				dropHidden(c)
			}
		}
		c = next
	}
}

// headingTag reports whether n is h2-h6 (a subheading).
func headingTag(n *html.Node) bool {
	switch n.Data {
	case "h2", "h3", "h4", "h5", "h6":
		return true
	}
	return false
}

// recipeFallback returns a schema.org Recipe's text (description,
// ingredients, steps) as the article when the page rendered far less of
// it than the recipe holds: a shop or an app that draws the recipe with
// scripts.
func recipeFallback(text string, info *pageInfo) (md, txt string, ok bool) {
	r := strings.TrimSpace(noSoftHyphens(sanitize.Text(info.recipe.all())))
	if r == "" || bodyIsHTML(r) {
		return "", "", false
	}
	rw, tw := CountWords(r), CountWords(text)
	// The page's text must lack most of the ingredients and steps: a
	// page that shows them keeps its own rendering.
	if rw < 50 || tw >= rw || !bodyMissing(info.recipe.steps(), text) {
		return "", "", false
	}
	md, txt = recipeMarkdown(info.recipe, true)
	return md, txt, txt != ""
}

// recipeMarkdown is a recipe's Markdown and text, set as a page would set
// it (recipeParts.html) and read as every page is.
func recipeMarkdown(r recipeParts, withDesc bool) (md, txt string) {
	doc, err := html.Parse(strings.NewReader("<body>" + r.html(withDesc)))
	if err != nil {
		return "", ""
	}
	return toMarkdown(doc, nil)
}

// plainParagraphs turns plain text with one paragraph per line (a JSON-LD
// body or recipe) into Markdown and the matching plain text.
func plainParagraphs(s string) (md, txt string) {
	var mdb, txb strings.Builder
	for _, p := range strings.Split(s, "\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		var e strings.Builder
		escapeText(&e, p)
		mdb.WriteString(hardBreaks(e.String()) + "\n\n")
		txb.WriteString(p + "\n\n")
	}
	return strings.TrimRight(mdb.String(), "\n") + "\n", strings.TrimRight(txb.String(), "\n")
}
