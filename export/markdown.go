package export

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"margin/sanitize"
	"margin/store"
)

// Markdown renders an article's highlights as a Markdown note: YAML front
// matter, the title, a link to the source, the highlights in reading order,
// the argument outline and the orphans. With Options.Template the user's
// template is executed on Data instead. The result never contains a control
// character other than newline and tab, so it is safe to print to a terminal.
func Markdown(a *store.Article, hs []store.Highlight, opt Options) ([]byte, error) {
	d, err := build(a, hs, opt, neutralize)
	if err != nil {
		return nil, err
	}
	if opt.Template != nil {
		var buf bytes.Buffer
		if err := opt.Template.Execute(&buf, d); err != nil {
			return nil, fmt.Errorf("export article %d with template %s: %w", a.ID, opt.Template.Name(), err)
		}
		// The user's template may paste raw text anywhere; the last pass
		// still guarantees no escape sequence reaches a terminal.
		return []byte(sanitize.Text(neutralizeRefs(buf.String()))), nil
	}
	return []byte(sanitize.Text(defaultMarkdown(d))), nil
}

func defaultMarkdown(d *Data) string {
	var b strings.Builder
	b.WriteString(d.FrontMatter)
	b.WriteString("\n# ")
	b.WriteString(heading(d.Title))
	b.WriteString("\n\n")
	if src := sourceLine(d.URL); src != "" {
		b.WriteString(src)
		b.WriteString("\n\n")
	}
	if d.Content != "" {
		b.WriteString(strings.TrimRight(d.Content, "\n"))
		b.WriteString("\n\n")
	}

	b.WriteString("## Highlights\n\n")
	n := 0
	for _, h := range d.Highlights {
		if h.Orphan {
			continue
		}
		writeHighlight(&b, h)
		n++
	}
	if n == 0 {
		b.WriteString("No highlights.\n\n")
	}

	if len(d.Claims) > 0 {
		b.WriteString("## Argument\n\n")
		for _, c := range d.Claims {
			b.WriteString("- **Claim:** ")
			b.WriteString(outline(c.Highlight))
			b.WriteString("\n")
			for _, w := range c.Linked {
				b.WriteString("\t- **")
				b.WriteString(linkWord(w.Label))
				b.WriteString(":** ")
				b.WriteString(outline(w))
				b.WriteString("\n")
			}
		}
		b.WriteString("\n")
	}

	if len(d.Orphans) > 0 {
		b.WriteString("## Orphaned highlights\n\n")
		b.WriteString("These passages could not be found in the article's current text.\n\n")
		for _, h := range d.Orphans {
			writeHighlight(&b, h)
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// writeHighlight writes one highlight: the quote, its block id on its own
// line (so Obsidian attaches the id to the quote), a short list with the
// label tag and the claim it supports, then the note in a callout.
func writeHighlight(b *strings.Builder, h Highlight) {
	b.WriteString(blockquote(h.Text))
	b.WriteString("\n\n^")
	b.WriteString(h.ID)
	b.WriteString("\n\n")
	items := false
	if h.Label != "highlight" {
		b.WriteString("- Tags: ")
		b.WriteString(h.Tag)
		b.WriteString("\n")
		items = true
	}
	if h.Supports != "" {
		b.WriteString("- Supports: [[#^")
		b.WriteString(h.Supports)
		b.WriteString("]]\n")
		items = true
	}
	if items {
		b.WriteString("\n")
	}
	if note := callout("note", h.Note); note != "" {
		b.WriteString(note)
		b.WriteString("\n")
	}
}

func linkWord(label string) string {
	switch label {
	case "evidence":
		return "Evidence"
	case "question":
		return "Question"
	case "disagree":
		return "Disagree"
	}
	if label == "" {
		return "Linked"
	}
	return strings.ToUpper(label[:1]) + label[1:]
}

// outline is a highlight as one line of the argument: its quote, shortened,
// and a link to its block.
func outline(h Highlight) string {
	return "“" + escapeText(truncate(oneLine(h.Text), 120)) + "” [[#^" + h.ID + "]]"
}

// frontMatter marshals the note's YAML front matter. Marshalling, never
// pasting, is what keeps a title with a newline and "---" inside its value.
func frontMatter(d *Data) (string, error) {
	type fm struct {
		Title      string     `yaml:"title"`
		Author     string     `yaml:"author,omitempty"`
		Site       string     `yaml:"site,omitempty"`
		URL        string     `yaml:"url,omitempty"`
		Saved      *yaml.Node `yaml:"saved,omitempty"`
		Published  *yaml.Node `yaml:"published,omitempty"`
		Tags       []string   `yaml:"tags"`
		Labels     []string   `yaml:"labels"`
		Highlights int        `yaml:"highlights"`
		MarginID   int64      `yaml:"margin_id"`
	}
	v := fm{
		Title:      d.Title,
		Author:     d.Author,
		Site:       d.SiteName,
		URL:        d.URL,
		Tags:       d.Tags,
		Labels:     d.Labels,
		Highlights: len(d.Highlights),
		MarginID:   d.ID,
	}
	// Plain (unquoted) timestamps so that Obsidian and Dataview read dates.
	if d.DateSaved != "" {
		v.Saved = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.DateSaved}
	}
	if d.DatePublished != "" {
		v.Published = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.DatePublished}
	}
	out, err := yaml.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("export article %d: write front matter: %w", d.ID, err)
	}
	return "---\n" + string(out) + "---\n", nil
}

// heading is a title as one line of escaped Markdown.
func heading(title string) string {
	t := oneLine(title)
	if t == "" {
		return "Untitled"
	}
	return escapeText(t)
}

// sourceLine links to the article's source. Only http and https become
// links; a local path or anything else is shown as text.
func sourceLine(u string) string {
	if u == "" {
		return ""
	}
	if isWebURL(u) {
		if p, err := url.Parse(u); err == nil && p.Host != "" {
			return "[Read original](" + linkDest(p.String()) + ")"
		}
	}
	return "Source: " + escapeText(oneLine(u))
}

// linkDest percent-encodes the characters that would end or confuse a
// Markdown link destination.
func linkDest(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c >= 0x7f || strings.IndexByte("()<>`\"\\[]{}|^", c) >= 0:
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// blockquote quotes plain text: every line escaped and prefixed "> ", so a
// multi-line quote stays one blockquote whatever it contains.
func blockquote(text string) string {
	text = strings.Trim(text, "\n")
	if strings.TrimSpace(text) == "" {
		return "> *(empty)*"
	}
	lines := strings.Split(escapeText(text), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// callout puts Markdown in an Obsidian callout ("> [!note]", which GitHub
// renders too and other viewers show as a blockquote). Every line carries
// its ">", so nothing in the note (an unclosed code fence, a heading, an
// empty list item) can outlast the callout: the blank line after it ends
// the quote in every parser, where indentation-based containers proved
// fragile. The note's Markdown is kept, except what neutralize changes.
func callout(kind, md string) string {
	md = strings.Trim(md, "\n")
	if strings.TrimSpace(md) == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("> [!")
	b.WriteString(kind)
	b.WriteString("]\n")
	for _, l := range strings.Split(neutralize(md), "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			b.WriteString(">\n")
			continue
		}
		b.WriteString("> ")
		b.WriteString(l)
		b.WriteString("\n")
	}
	return b.String()
}

var (
	// A trailing " ^id" makes Obsidian give the block that id; a note
	// must not steal a highlight's id.
	blockIDAtEnd = regexp.MustCompile(`(^|\s)\^([A-Za-z0-9-]+)\s*$`)
	// Numeric character references to controls: glamour and others decode
	// them into live escapes (security.md), so their & is written as &amp;.
	numericRef = regexp.MustCompile(`&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});?`)
)

// neutralize makes user-written Markdown safe to embed: numeric references
// to control characters lose their power, a trailing block id is escaped, and
// Obsidian comment markers (%%), which would hide the rest of the file when
// unbalanced, are escaped.
func neutralize(md string) string {
	md = neutralizeRefs(md)
	md = strings.ReplaceAll(md, "%%", `\%\%`)
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		lines[i] = blockIDAtEnd.ReplaceAllString(l, `$1\^$2`)
	}
	return strings.Join(lines, "\n")
}

// neutralizeRefs writes the & of every numeric character reference to a
// control character (or to nothing valid) as &amp;.
func neutralizeRefs(md string) string {
	return numericRef.ReplaceAllStringFunc(md, func(m string) string {
		sub := numericRef.FindStringSubmatch(m)[1]
		var n uint64
		var err error
		if sub[0] == 'x' || sub[0] == 'X' {
			n, err = strconv.ParseUint(sub[1:], 16, 32)
		} else {
			n, err = strconv.ParseUint(sub, 10, 32)
		}
		if err == nil && n > 0 && n <= unicode.MaxRune && !unicode.IsControl(rune(n)) && !(n >= 0xD800 && n <= 0xDFFF) {
			return m
		}
		return "&amp;" + m[1:]
	})
}

// escapeText turns plain text (a quote, a title) into Markdown that shows
// exactly that text: inline syntax is backslash-escaped, & becomes &amp; so
// no entity can be decoded later, and what would start a block at the start
// of a line (heading, list, quote, rule) is escaped. Characters Obsidian
// gives meaning (== highlight, ^ block id, $ math, %% comment, #tag) too.
func escapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true // only spaces so far on this line
	digits := false   // only digits so far on this line
	prev := '\n'
	for i, r := range s {
		next := rune(0)
		if j := i + utf8.RuneLen(r); j < len(s) {
			next, _ = utf8.DecodeRuneInString(s[j:])
		}
		switch {
		case r == '\n':
			b.WriteByte('\n')
			lineStart, digits, prev = true, false, r
			continue
		case strings.ContainsRune("\\`*_[]<>|~=^$", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '&':
			b.WriteString("&amp;")
		case r == '#' && (unicode.IsSpace(prev) || lineStart):
			b.WriteString(`\#`)
		case r == '%' && (prev == '%' || next == '%'):
			b.WriteString(`\%`)
		case (r == '-' || r == '+') && lineStart:
			b.WriteByte('\\')
			b.WriteRune(r)
		case (r == '.' || r == ')') && digits:
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
		switch {
		case lineStart && (r == ' ' || r == '\t'):
		case (lineStart || digits) && r >= '0' && r <= '9':
			digits = true
			lineStart = false
		default:
			lineStart, digits = false, false
		}
		prev = r
	}
	return b.String()
}

// oneLine collapses all whitespace, newlines included, into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// truncate shortens s to at most n runes, ending with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n-1 {
			return strings.TrimRight(s[:j], " ") + "…"
		}
		i++
	}
	return s
}

// markFull returns the article's Markdown with every anchored highlight
// wrapped in ==...==. A highlight crossing lines (paragraphs, list items,
// table cells) is wrapped part by part, leaving block syntax outside the
// marks; code blocks are left alone because == would show there literally.
func markFull(md string, hs []store.Highlight) string {
	type span struct{ s, e int }
	var rs []span
	for _, h := range hs {
		if h.Orphan || h.Start < 0 || h.End > len(md) || h.Start >= h.End {
			continue
		}
		rs = append(rs, span{h.Start, h.End})
	}
	if len(rs) == 0 {
		return sanitize.Text(md)
	}
	// Marks cannot nest: merge overlapping and touching ranges (hs is
	// sorted by Start).
	merged := rs[:1]
	for _, r := range rs[1:] {
		last := &merged[len(merged)-1]
		if r.s <= last.e {
			last.e = max(last.e, r.e)
			continue
		}
		merged = append(merged, r)
	}

	var segs []span
	var fence string
	for ls := 0; ls < len(md); {
		le := strings.IndexByte(md[ls:], '\n')
		if le < 0 {
			le = len(md)
		} else {
			le += ls
		}
		line := md[ls:le]
		next := le + 1
		cs := ls + len(blockPrefix.FindString(line)) // content start
		content := md[cs:le]
		if m := fencePrefix.FindStringSubmatch(line); m != nil {
			switch {
			case fence == "":
				fence = m[1]
			case m[1][0] == fence[0] && len(m[1]) >= len(fence):
				fence = ""
			}
			ls = next
			continue
		}
		if fence != "" || ruleLine.MatchString(content) || tableDelim.MatchString(content) {
			ls = next
			continue
		}
		for _, r := range merged {
			s, e := max(r.s, cs), min(r.e, le)
			if s >= e {
				continue
			}
			if strings.HasPrefix(strings.TrimSpace(content), "|") {
				// Table row: one mark per cell.
				start := s
				for i := s; i <= e; i++ {
					if i == e || md[i] == '|' && (i == 0 || md[i-1] != '\\') {
						if a, z, ok := fitMark(md, cs, le, start, i); ok {
							segs = append(segs, span{a, z})
						}
						start = i + 1
					}
				}
				continue
			}
			if a, z, ok := fitMark(md, cs, le, s, e); ok {
				segs = append(segs, span{a, z})
			}
		}
		ls = next
	}

	var b strings.Builder
	b.Grow(len(md) + 4*len(segs))
	at := 0
	for _, sg := range segs {
		if sg.s < at {
			continue
		}
		b.WriteString(md[at:sg.s])
		b.WriteString("==")
		b.WriteString(md[sg.s:sg.e])
		b.WriteString("==")
		at = sg.e
	}
	b.WriteString(md[at:])
	return sanitize.Text(neutralize(b.String()))
}

var (
	blockPrefix = regexp.MustCompile(`^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:#{1,6}[ \t]+)?`)
	fencePrefix = regexp.MustCompile("^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})")
	ruleLine    = regexp.MustCompile(`^[ \t]*(?:(?:[-*_=][ \t]*){3,})?$`)
	tableDelim  = regexp.MustCompile(`^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`)
)

// fitMark trims the range [s, e) of the line whose content is [cs, le) to a
// span that can be wrapped in ==: no surrounding spaces, on rune boundaries,
// not splitting a code span, and taking in emphasis markers when that
// balances them.
func fitMark(md string, cs, le, s, e int) (int, int, bool) {
	for s < e && !utf8.RuneStart(md[s]) {
		s++
	}
	for e < le && !utf8.RuneStart(md[e]) {
		e++
	}
	for s < e && (md[s] == ' ' || md[s] == '\t') {
		s++
	}
	for e > s && (md[e-1] == ' ' || md[e-1] == '\t') {
		e--
	}
	if s >= e {
		return 0, 0, false
	}
	// A boundary inside a code span moves out to the span's edge.
	if strings.Count(md[cs:s], "`")%2 == 1 {
		if i := strings.LastIndexByte(md[cs:s], '`'); i >= 0 {
			s = cs + i
		}
	}
	if strings.Count(md[cs:e], "`")%2 == 1 {
		if i := strings.IndexByte(md[e:le], '`'); i >= 0 {
			e += i + 1
		}
	}
	if !balanced(md[s:e]) {
		a, z := s, e
		for a > cs && strings.IndexByte("*_~", md[a-1]) >= 0 {
			a--
		}
		for z < le && strings.IndexByte("*_~", md[z]) >= 0 {
			z++
		}
		if balanced(md[a:z]) {
			s, e = a, z
		}
	}
	return s, e, true
}

// balanced reports whether s has an even number of runs of each emphasis
// marker ("**" opening and "**" closing are two runs), ignoring escaped ones.
func balanced(s string) bool {
	var n [3]int
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i-1] == '\\' {
			continue
		}
		k := strings.IndexByte("*_~", s[i])
		if k < 0 || i > 0 && s[i-1] == s[i] {
			continue
		}
		n[k]++
	}
	return n[0]%2 == 0 && n[1]%2 == 0 && n[2]%2 == 0
}
