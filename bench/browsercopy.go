package bench

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"margin/reader"
)

// A reader pastes what a browser copies, not what w3m dumps: paragraphs
// whole on one line, list items and menu links without bullets, a table's
// cells set apart by tabs, nothing for a picture. BrowserCopy writes a page
// that way (after the HTML standard's innerText, which select-all and copy
// follow closely): a second, unlike dumper, so rules fitted to w3m's
// bullets and wrapping show where they break. It cannot see a stylesheet,
// so it keeps what a site hides with one (a cancel link, a menu's
// drop-down) where a browser would not.
func BrowserCopy(page []byte) ([]byte, error) {
	s, err := reader.DecodeHTML(page, "")
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return nil, err
	}
	var c copier
	c.walk(doc, false)
	return c.text(), nil
}

// copyBreaks are the line breaks a block asks for around it: 2 (a blank
// line) for a paragraph and a heading, as a browser's copy gives them, 1
// for any other block.
var copyBreaks = map[string]int{"p": 2, "h1": 2, "h2": 2, "h3": 2, "h4": 2, "h5": 2, "h6": 2,
	"div": 1, "li": 1, "ul": 1, "ol": 1, "dl": 1, "dt": 1, "dd": 1, "section": 1, "article": 1, "header": 1,
	"footer": 1, "nav": 1, "aside": 1, "main": 1, "blockquote": 1, "figure": 1, "figcaption": 1, "form": 1,
	"fieldset": 1, "legend": 1, "table": 1, "caption": 1, "tr": 1, "address": 1, "hr": 1, "pre": 1, "body": 1,
	"details": 1, "summary": 1, "select": 1, "option": 1}

// copySkipped are elements whose text a copy leaves out.
var copySkipped = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "head": true,
	"iframe": true, "svg": true, "img": true, "input": true, "button": true, "textarea": true, "object": true}

var (
	copyHiddenRe = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)
	copySpaceRe  = regexp.MustCompile(`[ \t\r\n\f]+`)
)

// copier collects a page's text: runs of text and required line breaks,
// which collapse to the most any of them asked for.
type copier struct {
	b       strings.Builder
	pending int  // line breaks asked for since the last text
	started bool // text written: breaks before the first are dropped
	atLine  bool // the last text ended a line (a <br>)
}

func (c *copier) brk(n int) { c.pending = max(c.pending, n) }

func (c *copier) write(s string, pre bool) {
	if !pre {
		s = copySpaceRe.ReplaceAllString(s, " ")
		if c.pending > 0 || !c.started || c.atLine {
			s = strings.TrimLeft(s, " ")
		}
	}
	if s == "" {
		return
	}
	if c.pending > 0 && c.started {
		c.b.WriteString(strings.Repeat("\n", c.pending))
	}
	c.pending = 0
	c.b.WriteString(s)
	c.started = true
	c.atLine = strings.HasSuffix(s, "\n")
}

func (c *copier) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		c.write(n.Data, pre)
		return
	case html.ElementNode:
		if copySkipped[n.Data] {
			return
		}
		if n.Data == "br" {
			c.write("\n", true)
			return
		}
		for _, a := range n.Attr {
			if a.Key == "hidden" || a.Key == "aria-hidden" && a.Val == "true" || a.Key == "style" && copyHiddenRe.MatchString(a.Val) {
				return
			}
		}
	}
	br := 0
	if n.Type == html.ElementNode {
		br = copyBreaks[n.Data]
	}
	c.brk(br)
	pre = pre || n.Data == "pre"
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.walk(k, pre)
		if n.Data == "tr" && isCell(k) && nextCell(k) != nil {
			c.write("\t", true)
		}
	}
	c.brk(br)
}

func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.Data == "td" || n.Data == "th")
}

func nextCell(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if isCell(s) {
			return s
		}
	}
	return nil
}

// text is the copy: lines without trailing spaces, a cell's tab without
// the spaces around it, one line break at the end.
func (c *copier) text() []byte {
	lines := strings.Split(c.b.String(), "\n")
	for i, l := range lines {
		l = strings.ReplaceAll(strings.ReplaceAll(l, " \t", "\t"), "\t ", "\t")
		lines[i] = strings.TrimRight(l, " ")
	}
	return []byte(strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n")
}

// BrowserCopied prints the pasted-text pipeline on the extraction
// corpus's pages as BrowserCopy writes them (shingle F1 against the same
// truth as the pasted corpus), then on the multilingual pages (passages).
func BrowserCopied(w io.Writer, clean func([]byte) (string, error)) error {
	copied := func(_ CorpusPage, raw []byte) (string, error) {
		b, err := BrowserCopy(raw)
		if err != nil {
			return "", err
		}
		return clean(b)
	}
	asIs := func(_ CorpusPage, raw []byte) (string, error) {
		b, err := BrowserCopy(raw)
		return string(b), err
	}
	rep, err := Quality(DefaultExtractionCorpus, copied, asIs, 0)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "the extraction pages as a browser's copy gives them (bench.BrowserCopy; baseline: the copy as it stands)")
	if err := rep.Print(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	prep, err := PastedPassages(DefaultMultilingualCorpus, BrowserCopy, clean)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "the multilingual pages as a browser's copy gives them (bench.BrowserCopy; baseline: the copy as it stands)")
	return prep.Print(w)
}
