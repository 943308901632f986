package reader

import (
	"margin/internal/mdsyntax"
	"margin/sanitize"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// toMarkdown renders an article's content node as Markdown and as plain
// text in one walk, so that both carry the same blocks. Every text node and
// attribute is sanitised, text is escaped so that it cannot turn into
// markup, and every '&' and '<' is written as an entity so that nothing can
// be decoded into a control character later (../shared/docs/security.md).
// Links keep only http, https and mailto targets, made absolute against base.
func toMarkdown(root *html.Node, base *url.URL) (md, text string) {
	r := &mdRenderer{base: base, hasBlock: blockMap(root)}
	r.blocks(root)
	r.flush()
	return strings.TrimRight(r.md.String(), "\n") + "\n", strings.TrimRight(r.tx.String(), "\n")
}

// container is one level of block nesting (a blockquote or a list item):
// the prefix of its first line and of the lines after it.
type container struct {
	first, rest string
	used        bool
}

type mdRenderer struct {
	base     *url.URL
	hasBlock map[*html.Node]bool

	md, tx strings.Builder // the finished output
	stack  []container

	// The paragraph being gathered: Markdown and text of its inline content.
	imd, itx strings.Builder

	started bool // whether a block has been written
	tight   bool // the next block follows a list item's first line: no blank line
	inLink  int  // inside a link's text, where no address is linked

	skip map[*html.Node]bool // cells a quote box leaves out (its quotation mark)
}

// mdBlockTags are the elements that start a block of their own.
var mdBlockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"center": true, "dd": true, "details": true, "dialog": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "hr": true, "html": true, "li": true, "main": true,
	"nav": true, "ol": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true,
	"tr": true, "ul": true, "caption": true, "menu": true,
}

// mdSkipTags never hold article text.
var mdSkipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "head": true,
	"iframe": true, "object": true, "embed": true, "svg": true, "canvas": true,
	"video": true, "audio": true, "source": true, "track": true, "button": true,
	"input": true, "select": true, "textarea": true, "map": true, "area": true,
	"title": true, "meta": true, "link": true,
	// Ruby annotations (the reading of a kanji) are not part of the
	// sentence: kept, they would double every annotated word.
	"rt": true, "rp": true,
}

// blockMap records, in one post-order pass, which elements hold a block
// element somewhere inside, so that an inline element wrapping blocks (an
// <a> around a <div>) is walked as a container instead of flattened.
func blockMap(root *html.Node) map[*html.Node]bool {
	m := make(map[*html.Node]bool)
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		has := false
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if mdSkipTags[c.Data] {
				continue
			}
			if walk(c) || mdBlockTags[c.Data] {
				has = true
			}
		}
		if has {
			m[n] = true
		}
		return has
	}
	walk(root)
	return m
}

// prefix returns the line prefix for the next line and marks first-line
// prefixes used.
func (r *mdRenderer) prefix() string {
	var b strings.Builder
	for i := range r.stack {
		c := &r.stack[i]
		if c.used {
			b.WriteString(c.rest)
		} else {
			b.WriteString(c.first)
			c.used = true
		}
	}
	return b.String()
}

// blankPrefix is the prefix of a blank line between two blocks.
func (r *mdRenderer) blankPrefix() string {
	var b strings.Builder
	for _, c := range r.stack {
		if c.used {
			b.WriteString(c.rest)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// emit writes one finished block: md may hold several lines; txt is its
// plain text (empty when the block has none).
func (r *mdRenderer) emit(md, txt string) {
	if md == "" {
		return
	}
	if r.started {
		r.md.WriteByte('\n')
		if !r.tight {
			r.md.WriteString(r.blankPrefix())
			r.md.WriteByte('\n')
		}
	}
	r.tight = false
	r.started = true
	for i, line := range strings.Split(md, "\n") {
		if i > 0 {
			r.md.WriteByte('\n')
		}
		p := r.prefix()
		if line == "" {
			p = strings.TrimRight(p, " ")
		}
		r.md.WriteString(p)
		r.md.WriteString(line)
	}
	if txt = strings.TrimSpace(txt); txt != "" {
		r.tx.WriteString(txt)
		r.tx.WriteString("\n\n")
	}
}

// flush ends the paragraph being gathered, if it has any content.
func (r *mdRenderer) flush() {
	md := strings.TrimSpace(r.imd.String())
	txt := collapseSpace(r.itx.String())
	r.imd.Reset()
	r.itx.Reset()
	if md == "" {
		return
	}
	r.emit(hardBreaks(md), txt)
}

// blocks walks the children of n as block content.
func (r *mdRenderer) blocks(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			r.inlineText(c.Data, &r.imd, &r.itx)
		case html.ElementNode:
			r.element(c)
		}
	}
}

func (r *mdRenderer) element(n *html.Node) {
	if mdSkipTags[n.Data] || r.skip[n] {
		return
	}
	if !mdBlockTags[n.Data] {
		if r.hasBlock[n] {
			// An inline element around blocks: its blocks matter more
			// than its inline formatting.
			r.blocks(n)
			return
		}
		r.inline(n, &r.imd, &r.itx)
		return
	}
	r.flush()
	switch n.Data {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		var md, tx strings.Builder
		r.inlineChildren(n, &md, &tx)
		s := squeeze(md.String())
		if s != "" {
			level := int(n.Data[1] - '0')
			r.emit(strings.Repeat("#", level)+" "+s, collapseSpace(tx.String()))
		}
	case "p":
		r.blocks(n)
		r.flush()
	case "hr":
		r.emit("---", "")
	case "pre":
		r.pre(n)
	case "blockquote":
		r.stack = append(r.stack, container{first: "> ", rest: "> "})
		r.blocks(n)
		r.flush()
		r.stack = r.stack[:len(r.stack)-1]
	case "ul", "ol", "menu":
		r.list(n)
	case "li":
		// A list item outside a list: treat it as a bullet of its own.
		r.item(n, "- ", false)
	case "table":
		if r.hasLayoutCells(n) || r.quoteBox(n) {
			r.blocks(n)
			r.flush()
		} else {
			r.table(n)
		}
	default:
		r.blocks(n)
		r.flush()
	}
}

func (r *mdRenderer) list(n *html.Node) {
	ordered := n.Data == "ol"
	num := 1
	if ordered {
		if s, err := strconv.Atoi(strings.TrimSpace(getAttr(n, "start"))); err == nil && s >= 0 && s < 1e9 {
			num = s
		}
	}
	first := true
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.Data == "li":
			marker := "- "
			if ordered {
				marker = strconv.Itoa(num) + ". "
				num++
			}
			r.item(c, marker, !first)
			first = false
		case c.Type == html.ElementNode && (c.Data == "ul" || c.Data == "ol"):
			// A list directly inside a list (invalid but common): nest it
			// under the previous item.
			r.stack = append(r.stack, container{first: "  ", rest: "  ", used: true})
			r.tight = r.started
			r.list(c)
			r.stack = r.stack[:len(r.stack)-1]
		case c.Type == html.ElementNode:
			r.element(c)
		case c.Type == html.TextNode:
			r.inlineText(c.Data, &r.imd, &r.itx)
		}
	}
	r.flush()
}

// item renders one list item; tight says it follows a sibling item, so no
// blank line goes between them.
func (r *mdRenderer) item(n *html.Node, marker string, tight bool) {
	r.flush()
	pad := strings.Repeat(" ", len(marker))
	r.stack = append(r.stack, container{first: marker, rest: pad})
	depth := len(r.stack)
	r.tight = r.started && (tight || r.tight)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			r.inlineText(c.Data, &r.imd, &r.itx)
		case html.ElementNode:
			if c.Data == "ul" || c.Data == "ol" {
				// A nested list right after the item's text stays tight.
				r.flush()
				r.tight = true
				r.list(c)
				continue
			}
			r.element(c)
		}
	}
	r.flush()
	if !r.stack[depth-1].used {
		// An empty item still shows its marker.
		r.emit(strings.TrimRight(marker, " "), "")
	}
	r.stack = r.stack[:depth-1]
}

// hasLayoutCells reports whether a table holds blocks in its cells, which
// makes it a layout table to be read as blocks rather than a grid.
func (r *mdRenderer) hasLayoutCells(table *html.Node) bool {
	found := false
	eachRow(table, func(tr *html.Node) {
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") && r.hasBlock[c] {
				found = true
			}
		}
	})
	return found
}

// quoteBox reports a quotation set in a table (a wiki's quote template):
// no header, two rows at most, one cell of quoteBoxWords or more and
// the others a few words each (the source, a big quotation mark). Its
// cells read as paragraphs; a cell of punctuation alone is left out.
func (r *mdRenderer) quoteBox(table *html.Node) bool {
	rows, long, ok := 0, 0, true
	var bare []*html.Node
	eachRow(table, func(tr *html.Node) {
		rows++
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.Data != "td" && c.Data != "th" {
				continue
			}
			words := len(strings.Fields(textOf(c)))
			switch {
			case c.Data == "th":
				ok = false
			case words >= quoteBoxWords:
				long++
			case words > quoteBoxSourceWords:
				ok = false
			case strings.IndexFunc(textOf(c), func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0:
				bare = append(bare, c)
			}
		}
	})
	if !ok || rows > 2 || long != 1 {
		return false
	}
	for _, c := range bare {
		if r.skip == nil {
			r.skip = map[*html.Node]bool{}
		}
		r.skip[c] = true
	}
	return true
}

// quoteBoxWords is the fewest words of a quote box's quotation, and
// quoteBoxSourceWords the most of its other cells.
const (
	quoteBoxWords       = 25
	quoteBoxSourceWords = 6
)

// eachRow calls fn for every row of table, not descending into nested tables.
func eachRow(table *html.Node, fn func(tr *html.Node)) {
	for c := table.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "tr":
			fn(c)
		case "thead", "tbody", "tfoot":
			eachRow(c, fn)
		}
	}
}

func (r *mdRenderer) table(n *html.Node) {
	var rows [][]string
	var texts []string
	cols := 0
	headerFirst := false
	eachRow(n, func(tr *html.Node) {
		var cells, tcells []string
		allTH := true
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.Data != "td" && c.Data != "th") {
				continue
			}
			if c.Data != "th" {
				allTH = false
			}
			var md, tx strings.Builder
			r.inlineChildren(c, &md, &tx)
			cells = append(cells, strings.Join(strings.Fields(md.String()), " "))
			if t := collapseSpace(tx.String()); t != "" {
				tcells = append(tcells, t)
			}
		}
		if len(cells) == 0 {
			return
		}
		if len(rows) == 0 && allTH {
			headerFirst = true
		}
		rows = append(rows, cells)
		texts = append(texts, strings.Join(tcells, "\t"))
		cols = max(cols, len(cells))
	})
	if len(rows) == 0 {
		return
	}
	var md strings.Builder
	writeRow := func(cells []string) {
		md.WriteString("|")
		for i := range cols {
			md.WriteString(" ")
			if i < len(cells) {
				md.WriteString(cells[i])
			}
			md.WriteString(" |")
		}
		md.WriteString("\n")
	}
	body := rows
	if headerFirst {
		writeRow(rows[0])
		body = rows[1:]
	} else {
		// GFM needs a header row; an empty one keeps every data row a row.
		writeRow(nil)
	}
	md.WriteString("|")
	for range cols {
		md.WriteString(" --- |")
	}
	md.WriteString("\n")
	for _, row := range body {
		writeRow(row)
	}
	var tx strings.Builder
	for _, t := range texts {
		if t != "" {
			tx.WriteString(t)
			tx.WriteString("\n")
		}
	}
	r.emit(strings.TrimRight(md.String(), "\n"), tx.String())
}

func (r *mdRenderer) pre(n *html.Node) {
	var raw strings.Builder
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				raw.WriteString(c.Data)
			case c.Type == html.ElementNode && c.Data == "br":
				raw.WriteByte('\n')
			case c.Type == html.ElementNode && !mdSkipTags[c.Data]:
				collect(c)
			}
		}
	}
	collect(n)
	code := strings.Trim(sanitize.Text(raw.String()), "\n")
	if strings.TrimSpace(code) == "" {
		return
	}
	lang := ""
	for _, el := range []*html.Node{n, firstElement(n)} {
		if el == nil {
			continue
		}
		for _, cls := range strings.Fields(getAttr(el, "class")) {
			if l, ok := strings.CutPrefix(cls, "language-"); ok {
				lang = safeLang(l)
			} else if l, ok := strings.CutPrefix(cls, "lang-"); ok && lang == "" {
				lang = safeLang(l)
			}
		}
	}
	fence := strings.Repeat("`", max(3, longestRun(code, '`')+1))
	r.emit(fence+lang+"\n"+escapeEntities(code)+"\n"+fence, code)
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// safeLang keeps a code block's language name to letters, digits and +-_#.
func safeLang(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("+-_#", c)) {
			b.WriteRune(c)
		}
	}
	if b.Len() > 30 {
		return ""
	}
	return b.String()
}

func longestRun(s string, c byte) int {
	best, cur := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			cur++
			best = max(best, cur)
		} else {
			cur = 0
		}
	}
	return best
}

// inlineChildren renders the children of n as inline content.
func (r *mdRenderer) inlineChildren(n *html.Node, md, tx *strings.Builder) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			r.inlineText(c.Data, md, tx)
		case html.ElementNode:
			if mdBlockTags[c.Data] {
				// A block where only inline content fits (a cell, a
				// heading): keep its words, separated by a space.
				writeSpace(md)
				writeSpace(tx)
				r.inlineChildren(c, md, tx)
				writeSpace(md)
				writeSpace(tx)
				continue
			}
			r.inline(c, md, tx)
		}
	}
}

// inlineText appends a text node, whitespace collapsed, escaped for Markdown.
func (r *mdRenderer) inlineText(s string, md, tx *strings.Builder) {
	s = noSoftHyphens(sanitize.Text(s))
	if s == "" {
		return
	}
	if !strings.ContainsAny(s, "\t\n\f\r") && !strings.Contains(s, "  ") {
		// The common case: single spaces only.
		if s[0] == ' ' {
			writeSpace(md)
			writeSpace(tx)
			s = s[1:]
		}
		trailing := strings.HasSuffix(s, " ")
		s = strings.TrimSuffix(s, " ")
		r.escapeProse(md, s)
		tx.WriteString(s)
		if trailing {
			writeSpace(md)
			writeSpace(tx)
		}
		return
	}
	for len(s) > 0 {
		i := strings.IndexAny(s, " \t\n\f\r")
		word := s
		if i >= 0 {
			word = s[:i]
		}
		if word != "" {
			r.escapeProse(md, word)
			tx.WriteString(word)
		}
		if i < 0 {
			break
		}
		writeSpace(md)
		writeSpace(tx)
		s = s[i+1:]
	}
}

// noSoftHyphens removes soft hyphens (U+00AD): invisible hyphenation
// hints that would otherwise sit inside words, breaking search and
// quoting.
func noSoftHyphens(s string) string {
	if !strings.Contains(s, "\u00ad") {
		return s
	}
	return strings.ReplaceAll(s, "\u00ad", "")
}

// writeSpace appends one space unless b already ends in one or in a line
// break. An empty b takes the space too: an inline element rendered into
// a builder of its own (emphasis, a link) that starts with a space must
// pass it on, or `de<strong> Asuntos` reads "deAsuntos". Blocks trim
// their ends, so a leading space never shows.
func writeSpace(b *strings.Builder) {
	s := b.String()
	if len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n') {
		return
	}
	b.WriteByte(' ')
}

// inline renders one inline element.
func (r *mdRenderer) inline(n *html.Node, md, tx *strings.Builder) {
	if mdSkipTags[n.Data] {
		return
	}
	switch n.Data {
	case "br":
		// A line break; flush turns it into a Markdown hard break.
		md.WriteByte('\n')
		tx.WriteByte('\n')
	case "em", "i", "cite", "dfn", "var":
		r.wrap(n, "*", md, tx)
	case "strong", "b":
		r.wrap(n, "**", md, tx)
	case "del", "s", "strike":
		r.wrap(n, "~~", md, tx)
	case "code", "kbd", "samp", "tt":
		r.code(n, md, tx)
	case "a":
		r.link(n, md, tx)
	case "img":
		r.image(n, md, tx)
	case "math":
		r.codeSpan(mathText(n), md, tx)
	default:
		r.inlineChildren(n, md, tx)
	}
}

// wrap renders n's content between delimiters, keeping surrounding spaces
// outside them (CommonMark ignores "* x*").
func (r *mdRenderer) wrap(n *html.Node, delim string, md, tx *strings.Builder) {
	var imd, itx strings.Builder
	r.inlineChildren(n, &imd, &itx)
	s := imd.String()
	inner := strings.TrimSpace(s)
	if strings.Contains(inner, "\n") || inner == "" || inner == "\\" {
		// Line breaks inside emphasis would not render; keep the text.
		if strings.TrimLeft(s, " ") != s {
			writeSpace(md)
		}
		md.WriteString(inner)
	} else {
		if strings.TrimLeft(s, " ") != s {
			writeSpace(md)
		}
		md.WriteString(delim + inner + delim)
	}
	if strings.TrimRight(s, " ") != s {
		writeSpace(md)
	}
	tx.WriteString(itx.String())
}

func (r *mdRenderer) code(n *html.Node, md, tx *strings.Builder) {
	r.codeSpan(codeText(n), md, tx)
}

// codeSpan writes raw as a code span, its spaces collapsed, a space kept
// on either side where raw has one.
func (r *mdRenderer) codeSpan(raw string, md, tx *strings.Builder) {
	raw = noSoftHyphens(sanitize.Text(raw))
	s := strings.Join(strings.Fields(raw), " ")
	if s == "" {
		if raw != "" {
			writeSpace(md)
			writeSpace(tx)
		}
		return
	}
	if raw[0] != s[0] {
		writeSpace(md)
		writeSpace(tx)
	}
	defer func() {
		if raw[len(raw)-1] != s[len(s)-1] {
			writeSpace(md)
			writeSpace(tx)
		}
	}()
	ticks := strings.Repeat("`", longestRun(s, '`')+1)
	pad := ""
	if s[0] == '`' || s[len(s)-1] == '`' {
		pad = " "
	}
	md.WriteString(ticks + pad + escapeEntities(s) + pad + ticks)
	tx.WriteString(s)
}

// codeText is the text of inline code, a line break read as a space
// (`rehash<br>which` is two commands, not one).
func codeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.Data == "br":
				b.WriteByte(' ')
			case c.Type == html.ElementNode && !mdSkipTags[c.Data]:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			} else if c.Type == html.ElementNode && !mdSkipTags[c.Data] {
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

func (r *mdRenderer) link(n *html.Node, md, tx *strings.Builder) {
	var imd, itx strings.Builder
	r.inLink++
	r.inlineChildren(n, &imd, &itx)
	r.inLink--
	s := imd.String()
	inner := strings.TrimSpace(s)
	href := r.absURL(getAttr(n, "href"), true)
	if strings.TrimLeft(s, " ") != s {
		writeSpace(md)
	}
	if href == "" || inner == "" || strings.Contains(inner, "\n") || hasLink(n) {
		md.WriteString(inner)
	} else {
		md.WriteString("[" + inner + "](" + href + ")")
	}
	if strings.TrimRight(s, " ") != s {
		writeSpace(md)
	}
	tx.WriteString(itx.String())
}

// hasLink reports whether an <a> holds another <a> (nested links cannot be
// written in Markdown; the outer one becomes text).
func hasLink(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "a" || hasLink(c)) {
			return true
		}
	}
	return false
}

func (r *mdRenderer) image(n *html.Node, md, tx *strings.Builder) {
	src := r.absURL(imageSrc(n), false)
	alt := strings.Join(strings.Fields(sanitize.Text(getAttr(n, "alt"))), " ")
	if mathImage(n) {
		// A formula's picture (MediaWiki's fallback for its MathML,
		// its TeX in the alt text) reads as the formula, unless the
		// MathML beside it is still there to say it.
		if n.Parent == nil || !holdsMath(n.Parent) {
			r.codeSpan(texBody(alt), md, tx)
		}
		return
	}
	if src == "" || adImage(n, src) {
		return
	}
	var a strings.Builder
	escapeText(&a, alt)
	if md.Len() > 0 {
		// A picture set right after a word ("he posts.<img>") is shown
		// as a label, which would run into the word.
		writeSpace(md)
	}
	md.WriteString("![" + a.String() + "](" + src + ")")
	// The plain text leaves images out: alt text mostly repeats a caption
	// or describes a picture, and it is not the author's prose (on the
	// extraction corpus keeping it cost about one point of precision).
	_ = tx
}

// adImage reports a picture that is no part of the article: a tracking
// pixel (a side of a pixel or two) or an ad server's banner, known by the
// ad servers' paths and hosts.
func adImage(n *html.Node, src string) bool {
	w, h := getAttr(n, "width"), getAttr(n, "height")
	if (w == "0" || w == "1" || w == "2") && (h == "0" || h == "1" || h == "2") {
		return true
	}
	u, err := url.Parse(src)
	if err != nil {
		return false
	}
	p, host := strings.ToLower(u.Path), strings.ToLower(u.Hostname())
	for _, d := range adPaths {
		if strings.Contains(p, d) {
			return true
		}
	}
	for _, d := range adHosts {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// adPaths are the paths ad servers deliver banners and count views on
// (Revive/OpenX, Google's); adHosts the hosts of the ad and tracking
// networks whose pictures pages embed.
var (
	adPaths = []string{"/adserver/", "/www/delivery/", "/pagead/", "/adview", "/adclick"}
	adHosts = []string{"doubleclick.net", "googlesyndication.com", "googleadservices.com", "adnxs.com", "scorecardresearch.com",
		"quantserve.com", "moatads.com", "adsrvr.org", "amazon-adsystem.com", "criteo.com", "criteo.net", "taboola.com",
		"outbrain.com", "advertising.com", "pubmatic.com", "rubiconproject.com", "casalemedia.com", "bluekai.com", "krxd.net"}
)

// imageSrc is the image's source, looking past lazy-loading placeholders.
func imageSrc(n *html.Node) string {
	src := getAttr(n, "src")
	if src == "" || strings.HasPrefix(src, "data:") {
		for _, k := range []string{"data-src", "data-original", "data-lazy-src"} {
			if v := getAttr(n, k); v != "" {
				return v
			}
		}
		if ss := getAttr(n, "srcset"); ss != "" {
			if f := strings.Fields(ss); len(f) > 0 {
				return strings.TrimSuffix(f[0], ",")
			}
		}
	}
	return src
}

// absURL resolves ref against the page and returns it ready for a Markdown
// link destination, or "" when its scheme is not allowed.
func (r *mdRenderer) absURL(ref string, link bool) string {
	ref = strings.TrimSpace(sanitize.Text(ref))
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if r.base != nil {
		u = r.base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if !link {
			return ""
		}
	default:
		return ""
	}
	return mdDestination(u.String())
}

// mdDestination percent-encodes everything in a URL that could end a
// Markdown link destination early or be decoded into something else, and
// writes '&' as an entity.
func mdDestination(s string) string {
	var b strings.Builder
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			b.WriteString("&amp;")
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("-._~:/?#[]@!$'*+,;=%", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// EscapeMarkdown returns plain text as literal Markdown: nothing in it can
// become markup, a link or an entity.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	escapeText(&b, s)
	return b.String()
}

// escapeProse writes article text as escapeText does, but for the bare
// web addresses in it (mdsyntax.AddressLen), where the parser looks for
// them: after a space or "(", or at a paragraph's start, and not in a
// link's text. Those are copied as they are, so that the whole address
// is linked and shown (a backslash before "_" ended the link there, and
// "&amp;" showed as such); an "&" that could start a character reference
// is still written "&amp;".
func (r *mdRenderer) escapeProse(md *strings.Builder, s string) {
	if r.inLink > 0 || !strings.Contains(s, "http") && !strings.Contains(s, "ftp://") && !strings.Contains(s, "www.") {
		escapeText(md, s)
		return
	}
	done := 0
	for j := 0; j < len(s); j++ {
		if c := s[j]; c != 'h' && c != 'f' && c != 'w' {
			continue
		}
		prev := byte(' ') // a paragraph's start
		switch {
		case j > 0:
			prev = s[j-1]
		case md.Len() > 0:
			prev = md.String()[md.Len()-1]
		case md != &r.imd:
			prev = 0 // inside emphasis: the delimiter comes first
		}
		if prev != ' ' && prev != '(' && prev != '\n' {
			continue
		}
		n := mdsyntax.AddressLen(s[j:])
		if n == 0 {
			continue
		}
		escapeText(md, s[done:j])
		writeAddress(md, s[j:j+n])
		done = j + n
		j = done - 1
	}
	escapeText(md, s[done:])
}

// writeAddress writes a bare address as it is but for an "&" that could
// start a character reference.
func writeAddress(b *strings.Builder, u string) {
	for i := 0; i < len(u); i++ {
		if u[i] == '&' && mdsyntax.EntityLike(u[i+1:]) {
			b.WriteString("&amp;")
			continue
		}
		b.WriteByte(u[i])
	}
}

// escapeText writes s with every character that Markdown could read as
// markup escaped, and '&', '<' as entities.
func escapeText(b *strings.Builder, s string) {
	if !strings.ContainsAny(s, "&<\\`*_[]>#|~") {
		b.WriteString(s)
		return
	}
	for _, c := range s {
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '\\', '`', '*', '_', '[', ']', '>', '#', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
}

// escapeEntities writes '&' and '<' as entities (for code, where backslash
// escapes do not apply).
func escapeEntities(s string) string {
	if !strings.ContainsAny(s, "&<") {
		return s
	}
	s = strings.ReplaceAll(s, "&", "&amp;")
	return strings.ReplaceAll(s, "<", "&lt;")
}

// hardBreaks trims the lines of a paragraph (split where a <br> was),
// drops empty ones, escapes what only means something at the start of a
// line (list markers, ordered-list numbers, thematic breaks and setext
// underlines made of '-', '+' or '=') and joins them with Markdown hard
// breaks.
func hardBreaks(md string) string {
	lines := strings.Split(md, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		switch l[0] {
		case '-', '+', '=':
			l = "\\" + l
		default:
			j := 0
			for j < len(l) && j < 10 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j > 0 && j < len(l) && (l[j] == '.' || l[j] == ')') {
				l = l[:j] + "\\" + l[j:]
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\\\n")
}

// squeeze trims s and collapses each run of whitespace to one space; it
// returns s itself, without allocating, when there is nothing to do.
func squeeze(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
			c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			clean = false
			break
		}
		if c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 {
			// Non-ASCII spaces (no-break space and friends) are
			// whitespace to strings.Fields too; every one opens with
			// one of these bytes (U+0085, U+00A0; U+1680; U+2000-U+205F;
			// U+3000), so other letters are not decoded.
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				clean = false
				break
			}
		}
	}
	if clean {
		return s
	}
	// strings.Join(strings.Fields(s), " "), without the slice of words.
	var b strings.Builder
	b.Grow(len(s))
	for w := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// appendWords appends the words of s to b as squeeze joins them (one
// space between words, none at the ends), stopping before b would hold
// more than max bytes; space says whether a word before s is owed its
// space, and the result whether one is owed after.
func appendWords(b []byte, s string, space bool, max int) ([]byte, bool) {
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			space = space || len(b) > 0
			i += size
			continue
		}
		if space {
			if len(b) >= max {
				return b, true
			}
			b = append(b, ' ')
			space = false
		}
		j := i + size
		for j < len(s) {
			// Only a byte that may open a space is decoded (see squeeze).
			c := s[j]
			if c < utf8.RuneSelf {
				if c == ' ' || c >= '\t' && c <= '\r' {
					break
				}
				j++
				continue
			}
			if c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 {
				r, size := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += size
				continue
			}
			j++
		}
		if room := max - len(b); j-i > room {
			k := i + room // the word is cut where the room ends, at a character's start
			for k > i && !utf8.RuneStart(s[k]) {
				k--
			}
			return append(b, s[i:k]...), false
		}
		b = append(b, s[i:j]...)
		i = j
	}
	return b, space
}

// collapseSpace trims s and collapses runs of spaces on each line, keeping
// the line breaks a <br> made.
func collapseSpace(s string) string {
	if !strings.Contains(s, "\n") {
		return squeeze(s)
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = squeeze(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// mathText is a MathML formula as text: its TeX (the alttext MediaWiki
// gives it, or a TeX annotation), else its symbols one after another
// ("x = − b ± b 2 − 4 a c"), so that a sentence around a formula keeps it
// instead of a hole ("If the transpose is denoted by , then").
func mathText(n *html.Node) string {
	if alt := strings.TrimSpace(getAttr(n, "alttext")); alt != "" {
		return texBody(alt)
	}
	var tex string
	var tokens []string
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.ElementNode && c.Data == "annotation" && strings.Contains(strings.ToLower(getAttr(c, "encoding")), "tex"):
				if tex == "" {
					tex = textOf(c)
				}
			case c.Type == html.ElementNode && c.Data == "annotation-xml":
			case c.Type == html.TextNode:
				if t := strings.TrimSpace(c.Data); t != "" {
					tokens = append(tokens, t)
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	if tex = strings.TrimSpace(tex); tex != "" {
		return texBody(tex)
	}
	return strings.Join(tokens, " ")
}

// texMath reports an image's alt text that is a TeX formula (MediaWiki's
// "{\displaystyle A}").
func texMath(alt string) bool {
	return strings.Contains(alt, "\\displaystyle") || strings.Contains(alt, "\\textstyle")
}

// texBody strips the style wrapper MediaWiki puts around a formula's TeX:
// "{\displaystyle a_{ij}}" is "a_{ij}".
func texBody(tex string) string {
	tex = strings.TrimSpace(tex)
	for _, w := range []string{"{\\displaystyle", "{\\textstyle"} {
		if strings.HasPrefix(tex, w) && strings.HasSuffix(tex, "}") {
			return strings.TrimSpace(tex[len(w) : len(tex)-1])
		}
	}
	return tex
}

// holdsMath reports a MathML formula inside n.
func holdsMath(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "math" || holdsMath(c)) {
			return true
		}
	}
	return false
}

// holdsFormula reports a formula inside n: MathML, or the picture of one
// that says its TeX (mathImage).
func holdsFormula(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "math" || c.Data == "img" && mathImage(c) || holdsFormula(c)) {
			return true
		}
	}
	return false
}

// mathImage reports a formula's picture whose alt text is the formula
// (MediaWiki's fallback for its MathML, "{\displaystyle A}" or "A").
func mathImage(n *html.Node) bool {
	alt := strings.TrimSpace(getAttr(n, "alt"))
	return texMath(alt) || alt != "" && strings.Contains(getAttr(n, "class"), "math-fallback")
}
