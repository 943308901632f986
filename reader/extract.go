package reader

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"margin/sanitize"
	"mime"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// ErrNoArticle is returned when a page holds nothing that reads as an article.
var ErrNoArticle = errors.New("no article found in the page")

// newParser is go-readability configured for our post-cleaning: classes
// and ids are kept so that the cleaning rules can see them.
func newParser() readability.Parser {
	p := readability.NewParser()
	p.KeepClasses = true
	return p
}

// FromHTML extracts the article from an HTML page: it decodes the charset
// (contentType may be empty), parses, pre-cleans, runs go-readability,
// post-cleans and renders Markdown and text, filling in the metadata.
// pageURL, when known, makes links absolute and is the fallback canonical URL.
func FromHTML(raw []byte, contentType, pageURL string) (*Article, error) {
	if n := countTags(raw, maxTags+1); n > maxTags {
		// A page of a million tiny paragraphs costs gigabytes to parse
		// and extract: refuse it before, naming the limit.
		return nil, fmt.Errorf("the page has over %d elements; margin reads pages of up to %d", maxTags, maxTags)
	}
	doc, err := parseHTML(raw, contentType)
	if err != nil {
		return nil, err
	}
	return fromDocument(doc, pageURL, func() (*html.Node, error) { return parseHTML(raw, contentType) })
}

// maxTags bounds the elements of a page margin parses: ordinary long
// reads have a few thousand, a book-length page tens of thousands.
const maxTags = 300000

// countTags counts what looks like an element's start or end tag ("<" and
// a letter or "/"), stopping at limit.
func countTags(raw []byte, limit int) int {
	n := 0
	for i := 0; i+1 < len(raw); i++ {
		j := bytes.IndexByte(raw[i:len(raw)-1], '<')
		if j < 0 {
			break
		}
		i += j
		if c := raw[i+1]; c == '/' || c|0x20 >= 'a' && c|0x20 <= 'z' {
			if n++; n >= limit {
				return n
			}
		}
	}
	return n
}

// parseHTML decodes and parses a page. A body that is valid UTF-8, with no
// byte-order mark and no other charset declared in the header, is parsed
// as it stands: DecodeHTML would read it as UTF-8 too (valid UTF-8 wins
// over a meta tag, and a pure-ASCII body reads the same in every charset
// a meta tag can switch to), and skipping its copy and scans keeps the
// pipeline close to the bare library's speed. Every text and attribute
// that reaches the output is sanitised on the way out, so the controls
// DecodeHTML would have removed never get through.
func parseHTML(raw []byte, contentType string) (*html.Node, error) {
	if !utf8Body(raw, contentType) {
		src, err := DecodeHTML(raw, contentType)
		if err != nil {
			return nil, fmt.Errorf("extract article: %w", err)
		}
		raw = []byte(src)
	}
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("extract article: parse HTML: %w", err)
	}
	if softHyphenIn(raw) {
		dropSoftHyphens(doc)
	}
	return doc, nil
}

// softHyphenIn reports whether a page may hold a soft hyphen (U+00AD), as
// a character or a reference ("&shy;", "&#173;", "&#xAD;").
func softHyphenIn(raw []byte) bool {
	if bytes.Contains(raw, []byte("\u00ad")) || bytes.Contains(raw, []byte("&shy")) {
		return true
	}
	for rest := raw; ; {
		i := bytes.Index(rest, []byte("&#"))
		if i < 0 {
			return false
		}
		rest = rest[i+2:]
		hex := len(rest) > 0 && rest[0]|0x20 == 'x'
		if hex {
			rest = rest[1:]
		}
		j := 0
		for j < len(rest) && rest[j] == '0' {
			j++
		}
		if hex && len(rest) >= j+2 && rest[j]|0x20 == 'a' && rest[j+1]|0x20 == 'd' ||
			!hex && bytes.HasPrefix(rest[j:], []byte("173")) {
			return true
		}
	}
}

// dropSoftHyphens removes the soft hyphens (U+00AD) from the page's text
// before anything reads it: a hyphenating site sets them inside words
// ("Bild\u00adquelle"), where the cleaning's words and the headline's
// would not be found. The Markdown drops them anyway (noSoftHyphens).
func dropSoftHyphens(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			c.Data = noSoftHyphens(c.Data)
		} else {
			dropSoftHyphens(c)
		}
	}
}

// utf8Body reports whether raw can be parsed without decoding.
func utf8Body(raw []byte, contentType string) bool {
	if bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) {
		return false
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		switch strings.ToLower(strings.TrimSpace(params["charset"])) {
		case "", "utf-8", "utf8", "us-ascii", "ascii":
		default:
			return false
		}
	} else if strings.Contains(strings.ToLower(contentType), "charset") {
		return false
	}
	return utf8.Valid(raw)
}

// fromDocument extracts the article from a parsed page; reparse parses
// the page again, for a second opinion on go-readability's container.
func fromDocument(doc *html.Node, pageURL string, reparse func() (*html.Node, error)) (*Article, error) {
	var base *url.URL
	if u, err := url.Parse(strings.TrimSpace(pageURL)); err == nil && u.IsAbs() {
		base = u
	}
	info := preClean(doc)
	if base != nil {
		info.host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	parser := newParser()
	ra, err := parser.ParseAndMutate(doc, base)
	if err != nil {
		return nil, fmt.Errorf("extract article: %w", err)
	}
	var md, text string
	info.title = noSoftHyphens(ra.Title())
	if ra.Node != nil {
		info.headInFirst = headIn(ra.Node, info)
		postClean(ra.Node, info)
		md, text = toMarkdown(ra.Node, base)
	}
	if reparse != nil && (!hasWords(text) || notProse(text)) {
		if smd, stext, ok := secondContainer(reparse, info, base, text); ok {
			md, text = smd, stext
		}
	} else if doubtsHeadline(text, info) {
		if hmd, htext, ok, intro := headContainer(doc, info, base, text); intro {
			md, text = strings.TrimRight(hmd, "\n")+"\n\n"+md, htext+"\n\n"+text
		} else if ok {
			md, text = hmd, htext
		}
	}
	if fmd, ftext, ok := bodyFallback(text, info); ok {
		md, text = fmd, ftext
	} else if fmd, ftext, ok := recipeFallback(text, info); ok {
		md, text = fmd, ftext
	} else if rmd, rtext, ok := recipeAfter(text, info); ok {
		md, text = strings.TrimRight(md, "\n")+"\n\n"+rmd, text+"\n\n"+rtext
	}
	if !hasWords(text) {
		return nil, ErrNoArticle
	}
	md, text = withLede(md, text, info, base)
	md, text = composeLetters(md), composeLetters(text)
	a := &Article{
		Title:     oneLine(dropSiteName(pickTitle(titleInHead(ra.Title(), info), info.h1), ra.SiteName(), info.host)),
		SiteName:  oneLine(ra.SiteName()),
		SourceURL: sanitize.Text(strings.TrimSpace(pageURL)),
		Language:  oneLine(cmp.Or(ra.Language(), info.lang, info.metaLang)),
		Excerpt:   oneLine(ra.Excerpt()),
		Markdown:  md,
		Text:      text,
	}
	byline, printed := tidyByline(bylineApart(doc, oneLine(ra.Byline())))
	a.Byline = byline
	a.CanonicalURL = cmp.Or(absolute(info.canonical, base), absolute(info.ogURL, base))
	if a.CanonicalURL == "" && base != nil {
		a.CanonicalURL = absolute(base.String(), nil)
	}
	a.LeadImage = cmp.Or(absolute(ra.ImageURL(), base), absolute(info.ogImage, base), absolute(info.ldImage, base))
	if t, err := ra.PublishedTime(); err == nil && t.Year() >= 1900 && t.Year() <= 3000 {
		a.Published = t
	} else if t := parseDate(cmp.Or(info.ldPublished, info.published)); !t.IsZero() {
		a.Published = t
	} else {
		a.Published = printed
	}
	finish(a)
	return a, nil
}

// composeLetters composes the letters a page or a file sets as a base
// and a combining mark (written on a Mac: "u" and U+0308 for "ü"), as a
// reader types them, so that search and quotes find the words (HTML,
// pasted text and Markdown alike). Only a text that
// holds a combining diacritical mark (U+0300-U+036F, whose UTF-8 opens
// with 0xCC or 0xCD) is normalised: the scan for those bytes costs far
// less than normalising every page.
func composeLetters(s string) string {
	if strings.IndexByte(s, 0xCC) < 0 && strings.IndexByte(s, 0xCD) < 0 {
		return s
	}
	return norm.NFC.String(s)
}

// titleInHead prefers an <h1> of three words or more that the page's
// <title> holds whole when the shorter title readability made of it does
// not: a
// title of the site's sections and then the headline ("www.example.de:
// Der Bundespräsident / Reden / Rede von Bundespräsident Johannes Rau
// ...") was cut to the sections.
func titleInHead(title string, info *pageInfo) string {
	low := strings.ToLower(strings.Join(strings.Fields(title), " "))
	for _, h := range info.heads {
		t := strings.ToLower(h.text)
		// Longer than the title kept: a blog's name in its <h1> and
		// after the headline in its <title> is no headline.
		if h.tag == "h1" && strings.Count(t, " ") >= 2 && strings.Count(t, " ") > strings.Count(low, " ") &&
			!strings.Contains(low, t) && strings.Contains(info.docTitle, t) {
			return h.text
		}
	}
	return title
}

// pickTitle prefers the page's own <h1> when the metadata title is that
// heading with the site's name added ("Headline | Site").
func pickTitle(title, h1 string) string {
	title, h1 = strings.TrimSpace(title), strings.Join(strings.Fields(h1), " ")
	if h1 == "" || len(h1) >= len(title) {
		return title
	}
	if t := strings.Join(strings.Fields(title), " "); strings.HasPrefix(t, h1) {
		rest := strings.TrimSpace(t[len(h1):])
		for _, sep := range []string{"|", "-", "–", "—", "·", "•", ":", "/", "»"} {
			if strings.HasPrefix(rest, sep) {
				return h1
			}
		}
	}
	return title
}

// titleSeparators set a site's name apart from the headline in a title;
// a bar may stand tight or full width, as Chinese and Japanese titles set
// it ("NEWS WEB EASY|見出し", "見出し｜朝日新聞デジタル").
var titleSeparators = []string{" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » ", " / ", " ｜ ", "｜", "|"}

// dropSiteName removes the site's name from the start or the end of a
// title ("Headline - IGN", "The Guardian | Headline") when the page names
// its site (og:site_name) or the name is the page's host ("IGN" on
// ign.com). What remains must still be a headline of two words or more
// (CountWords counts each Chinese or Japanese character as one).
func dropSiteName(title, siteName, host string) string {
	t := strings.Join(strings.Fields(title), " ")
	names := map[string]bool{}
	if f := foldName(siteName); f != "" {
		names[f] = true
	}
	if h := hostName(host); h != "" {
		names[h] = true
	}
	if len(names) == 0 {
		return title
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(t, sep); i > 0 && names[foldName(t[i+len(sep):])] {
			if rest := strings.TrimSpace(t[:i]); CountWords(rest) >= 2 {
				return rest
			}
		}
		if i := strings.Index(t, sep); i > 0 && names[foldName(t[:i])] {
			if rest := strings.TrimSpace(t[i+len(sep):]); CountWords(rest) >= 2 {
				return rest
			}
		}
	}
	return title
}

// foldName keeps a name's letters and digits, lower-cased.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hostName is the name part of a host: "theguardian" for
// theguardian.com, "bbc" for bbc.co.uk.
func hostName(host string) string {
	labels := strings.Split(strings.TrimPrefix(host, "www."), ".")
	if len(labels) < 2 {
		return ""
	}
	labels = labels[:len(labels)-1]
	if n := len(labels); n >= 2 && len(labels[n-1]) <= 3 {
		labels = labels[:n-1]
	}
	return foldName(labels[len(labels)-1])
}

// BareText is the benchmark's baseline: html.Parse, go-readability with
// its defaults and its own RenderText, nothing else.
func BareText(raw []byte, pageURL string) (string, error) {
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return "", fmt.Errorf("bare extract: parse HTML: %w", err)
	}
	u, _ := url.Parse(pageURL)
	parser := readability.NewParser()
	a, err := parser.ParseAndMutate(doc, u)
	if err != nil {
		return "", fmt.Errorf("bare extract: %w", err)
	}
	if a.Node == nil {
		return "", ErrNoArticle
	}
	var b strings.Builder
	if err := a.RenderText(&b); err != nil {
		return "", fmt.Errorf("bare extract: %w", err)
	}
	return b.String(), nil
}
