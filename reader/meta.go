package reader

import (
	"encoding/json"
	"margin/sanitize"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
	"golang.org/x/net/html"
)

// pageInfo is what the page says about itself outside the article body:
// link and meta tags, the root language and schema.org JSON-LD.
type pageInfo struct {
	canonical   string // link rel=canonical
	ogURL       string
	published   string // article:published_time and the like
	lang        string // <html lang>, else content-language / og:locale
	metaLang    string
	ogImage     string
	articleBody string      // schema.org articleBody, the longest found
	recipe      recipeParts // the page's schema.org Recipe, the longest found
	ldPublished string      // schema.org datePublished
	ldImage     string
	title       string // the title go-readability found
	h1          string // the text of the page's first <h1>
	host        string // the page's host without "www.", lower case; "" when unknown
	// The page's own summary (meta description, og: or twitter:), white
	// space squeezed; and the standfirst: a block of the page that says
	// the same, with the page's text before it (lede.go).
	descs      []string
	lede       string
	ledeItems  []string // the standfirst's points, when it is a list
	ledeNode   *html.Node
	beforeLede string
	// The page's first <h1>s (up to maxHeads), each with the first
	// paragraph of prose after it: the headline's block (extract_head.go).
	heads       []headline
	heads2      []headline // the first <h2>s that match docTitle, the same way: some pages title the post with one
	docTitle    string     // the page's <title> and og: and twitter:title, squeezed, lower case, a line each
	sawTitle    bool       // the first <title> is read (an <svg>'s may follow)
	headInFirst bool       // go-readability's container holds the headline's first paragraph
}

// scanHead records a <link>, <meta> or <html> element's contribution to
// info; scanLD reads one application/ld+json script.
func (info *pageInfo) scanElement(n *html.Node) {
	switch n.Data {
	case "html":
		if info.lang == "" {
			info.lang = getAttr(n, "lang")
		}
	case "link":
		if info.canonical == "" && hasToken(getAttr(n, "rel"), "canonical") {
			info.canonical = getAttr(n, "href")
		}
	case "meta":
		content := strings.TrimSpace(getAttr(n, "content"))
		if content == "" {
			return
		}
		key := strings.ToLower(strings.TrimSpace(getAttr(n, "property")))
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(getAttr(n, "name")))
		}
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(getAttr(n, "http-equiv")))
		}
		switch key {
		case "og:url":
			info.ogURL = content
		case "og:title", "twitter:title":
			info.docTitle += "\n" + strings.ToLower(squeeze(content))
		case "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date.issued", "dcterms.issued":
			if info.published == "" {
				info.published = content
			}
		case "content-language", "og:locale", "language", "dc.language":
			if info.metaLang == "" {
				info.metaLang = content
			}
		case "description", "og:description", "twitter:description":
			info.addDescription(content)
		case "og:image", "og:image:url", "og:image:secure_url", "twitter:image":
			if info.ogImage == "" {
				info.ogImage = content
			}
		}
	case "h1":
		if info.h1 == "" {
			info.h1 = textOf(n)
		}
		if len(info.heads) < maxHeads {
			info.heads = append(info.heads, headline{text: squeeze(textOf(n)), tag: "h1"})
		}
	case "title":
		if !info.sawTitle {
			info.sawTitle = true
			info.docTitle += "\n" + strings.ToLower(squeeze(textOf(n)))
		}
	case "h2":
		// Only an <h2> of three words or more that matches the page's
		// <title> or og:title may be the headline: the others are not
		// kept, and no paragraph is looked for after them.
		if len(info.heads2) < maxHeads && info.docTitle != "" {
			if t := squeeze(textOf(n)); strings.Count(t, " ") >= 2 && info.titleMatches(strings.ToLower(t)) {
				info.heads2 = append(info.heads2, headline{text: t, tag: "h2"})
			}
		}
	case "script":
		if strings.EqualFold(strings.TrimSpace(getAttr(n, "type")), "application/ld+json") && n.FirstChild != nil {
			info.scanLD(n.FirstChild.Data)
		}
	}
}

// titleMatches reports whether a heading's text (lower case) is in one
// of the page's titles or holds one, as headline() will match it.
func (info *pageInfo) titleMatches(t string) bool {
	for _, title := range strings.Split(info.docTitle, "\n") {
		if title != "" && (strings.Contains(title, t) || strings.Contains(t, title)) {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// scanLD reads a JSON-LD script and keeps the longest articleBody found in
// any object (top level, arrays, @graph), with that object's date and image.
func (info *pageInfo) scanLD(src string) {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<![CDATA[")
	src = strings.TrimSuffix(src, "]]>")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return
	}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			if body, ok := x["articleBody"].(string); ok && len(body) > len(info.articleBody) {
				info.articleBody = body
			}
			if isType(x["@type"], "recipe") {
				if r := recipeText(x); len(r.all()) > len(info.recipe.all()) {
					info.recipe = r
				}
			}
			if d, ok := x["datePublished"].(string); ok && info.ldPublished == "" && isArticleType(x["@type"]) {
				info.ldPublished = d
			}
			if info.ldImage == "" && isArticleType(x["@type"]) {
				info.ldImage = ldImage(x["image"])
			}
			if g, ok := x["@graph"]; ok {
				walk(g, depth+1)
			}
			if m, ok := x["mainEntity"]; ok {
				walk(m, depth+1)
			}
		}
	}
	walk(v, 0)
}

// isType reports whether a JSON-LD @type is (or lists) the lower-case name.
func isType(t any, name string) bool {
	switch x := t.(type) {
	case string:
		return strings.EqualFold(x, name)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && strings.EqualFold(s, name) {
				return true
			}
		}
	}
	return false
}

// recipeParts are a schema.org Recipe's own words: its description, its
// ingredients and its steps.
type recipeParts struct {
	desc        string
	ingredients []string
	method      []string
}

// all is the recipe in the page's order of reading, one a line.
func (r recipeParts) all() string {
	return strings.Join(append(append(r.lines(r.desc), r.ingredients...), r.method...), "\n")
}

// steps is the ingredients and steps alone, one a line.
func (r recipeParts) steps() string {
	return strings.Join(append(slices.Clip(r.ingredients), r.method...), "\n")
}

func (recipeParts) lines(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// html is the recipe as a page would set it, for the Markdown every page
// goes through: the description (withDesc), the ingredients as a list,
// the steps as a numbered list.
func (r recipeParts) html(withDesc bool) string {
	var b strings.Builder
	if withDesc && r.desc != "" {
		b.WriteString("<p>" + html.EscapeString(r.desc) + "</p>")
	}
	for _, l := range []struct {
		tag   string
		items []string
	}{{"ul", r.ingredients}, {"ol", r.method}} {
		if len(l.items) == 0 {
			continue
		}
		b.WriteString("<" + l.tag + ">")
		for _, it := range l.items {
			b.WriteString("<li>" + html.EscapeString(it) + "</li>")
		}
		b.WriteString("</" + l.tag + ">")
	}
	return b.String()
}

// recipeText reads a schema.org Recipe: its description, its ingredients,
// and its steps (plain strings, HowToStep texts, or the steps of
// HowToSections).
func recipeText(x map[string]any) recipeParts {
	var r recipeParts
	str := func(v any) string {
		s, _ := v.(string)
		return strings.TrimSpace(s)
	}
	r.desc = str(x["description"])
	if ing, ok := x["recipeIngredient"].([]any); ok {
		for _, e := range ing {
			if s := str(e); s != "" {
				r.ingredients = append(r.ingredients, s)
			}
		}
	}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch y := v.(type) {
		case string:
			if s := str(y); s != "" {
				r.method = append(r.method, s)
			}
		case []any:
			for _, e := range y {
				walk(e, depth+1)
			}
		case map[string]any:
			if t, ok := y["text"]; ok {
				if s := str(t); s != "" {
					r.method = append(r.method, s)
				}
			} else if items, ok := y["itemListElement"]; ok {
				walk(items, depth+1)
			}
		}
	}
	walk(x["recipeInstructions"], 0)
	return r
}

func isArticleType(t any) bool {
	match := func(s string) bool {
		s = strings.ToLower(s)
		return strings.Contains(s, "article") || strings.Contains(s, "posting") || strings.Contains(s, "report")
	}
	switch x := t.(type) {
	case string:
		return match(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && match(s) {
				return true
			}
		}
	}
	return false
}

func ldImage(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return ldImage(x[0])
		}
	case map[string]any:
		if s, ok := x["url"].(string); ok {
			return s
		}
	}
	return ""
}

// absolute resolves ref against base and keeps it only if it is http(s).
func absolute(ref string, base *url.URL) string {
	ref = strings.TrimSpace(sanitize.Text(ref))
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// parseDate reads a published date in any of the common formats.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	t, err := dateparse.ParseAny(s)
	if err != nil || t.Year() < 1900 || t.Year() > 3000 {
		return time.Time{}
	}
	return t
}

// oneLine sanitises s and collapses its whitespace to single spaces, for
// titles, bylines and other single-line fields.
func oneLine(s string) string {
	return strings.Join(strings.Fields(noSoftHyphens(sanitize.Text(s))), " ")
}

// bylineDate matches a date (and time) that a page printed at the end of
// its byline, glued to the name or set apart by a dash or a comma:
// "Jeff Foust — November 18, 2019", "Associated Press November 19, 2019,
// 9:02 AM", "Carrie ArnoldNovember 15, 2019".
var bylineDate = lazyRegexp(`(?i)(\b|[a-z])((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4})(,?\s+\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?)?\s*$`)

// bylinePrefixes are the words before a name that the header does not need.
var bylinePrefixes = []string{"by ", "written by ", "por ", "von ", "par ", "door ", "di ", "text: ", "текст: ", "автор: "}

// bylineApart sets apart with a comma the blocks of the page's byline
// element that a byline's text runs together: two <div>s, the names and
// the agency, read "JILL LAWLESSAssociated Press". The element is one
// whose words are the byline's, found by the attributes that mark one.
func bylineApart(doc *html.Node, byline string) string {
	if doc == nil || byline == "" || !bylineGlued().MatchString(byline) {
		return byline
	}
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	bare := func(s string) string { return strings.NewReplacer(" ", "", ",", "").Replace(s) }
	want := words(byline)
	var found string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == ""; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if bylineMarked(c) && words(textOf(c)) == want {
				found = words(blocksApart(c))
				return
			}
			walk(c)
		}
	}
	walk(doc)
	if found == "" || bare(found) != bare(want) {
		return byline // only commas and spaces may come in
	}
	return found
}

// bylineGlued matches a byline whose words may run together: a small
// letter or capitals right before a capitalised word ("LAWLESSAssociated",
// "RoeReuters"); bylineApart then reads the element.
var bylineGlued = lazyRegexp(`[\p{Ll}.]\p{Lu}|\p{Lu}{2}\p{Ll}`)

// bylineMarked reports an element marked as a byline or an author, as
// readability finds one.
func bylineMarked(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "rel", "itemprop", "class", "id":
			v := strings.ToLower(a.Val)
			if strings.Contains(v, "byline") || strings.Contains(v, "author") {
				return true
			}
		}
	}
	return false
}

// blocksApart is n's text with ", " between its block elements.
func blocksApart(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && !mdSkipTags[c.Data]:
				block := blockTags[c.Data]
				if block && strings.TrimSpace(b.String()) != "" && !strings.HasSuffix(strings.TrimSpace(b.String()), ",") {
					b.WriteString(", ")
				}
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// tidyByline keeps the names of a byline: without "By" in front, a date
// printed after them (returned, for an article that has no other date) or
// a dangling comma.
func tidyByline(s string) (string, time.Time) {
	var when time.Time
	if m := bylineDate().FindStringSubmatchIndex(s); m != nil {
		if t := parseDate(strings.ReplaceAll(s[m[4]:m[1]], ".", "")); !t.IsZero() {
			when, s = t, s[:m[4]]
		}
	}
	low := strings.ToLower(s)
	for _, p := range bylinePrefixes {
		if strings.HasPrefix(low, p) && len(s) > len(p) {
			s = s[len(p):]
			break
		}
	}
	return strings.Trim(s, " ,;:|-–—"), when
}
