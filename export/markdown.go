package export

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"margin/internal/article"
	"margin/internal/mdsyntax"
	"margin/render"
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
		out, err := execute(opt.Template, d, len(a.Markdown))
		if err != nil {
			return nil, fmt.Errorf("export article %d with template %s: %w", a.ID, opt.Template.Name(), err)
		}
		// The user's template may paste raw text anywhere; the last pass
		// still guarantees no escape sequence reaches a terminal.
		fm, body := splitFrontMatter(sanitize.Text(neutralizeRefs(out)))
		fm, err = withMarginID(fm, a.ID)
		if err != nil {
			return nil, fmt.Errorf("export article %d with template %s: %w", a.ID, opt.Template.Name(), err)
		}
		return []byte("---\n" + fm + "---\n\n" + wrapRegion(body, fmStamp(fm))), nil
	}
	fm, body := splitFrontMatter(sanitize.Text(defaultMarkdown(d)))
	return []byte("---\n" + fm + "---\n\n" + wrapRegion(body, fmStamp(fm))), nil
}

// The margin region of a Markdown export: margin owns what is between these
// two lines and rewrites it on every export; everything else in the file is
// the user's. The begin line carries a hash of what margin wrote inside,
// so an edit inside the region is noticed rather than overwritten.
const (
	regionBegin = "<!-- margin:begin "
	regionNote  = " · margin rewrites this part, up to margin:end, on every export: write above or below it -->"
	regionEnd   = "<!-- margin:end -->"
)

// wrapRegion puts body between the region's marker lines, the begin line
// carrying stamp (fmStamp; "" for none) after the region's hash.
func wrapRegion(body, stamp string) string {
	// A marker inside the body would end the region early.
	body = strings.ReplaceAll(body, "<!-- margin:", "<!-- margin :")
	inner := "\n" + strings.Trim(body, "\n") + "\n\n"
	if stamp != "" {
		stamp = " " + stamp
	}
	return regionBegin + regionHash(inner) + stamp + regionNote + "\n" + inner + regionEnd + "\n"
}

// regionHash is the short hash of a region's content that its begin line
// carries. Spaces at lines' ends do not count: many editors trim them on
// save, which is no edit of the user's.
func regionHash(inner string) string {
	return sum([]byte(trimLineEnds(inner)))[:16]
}

// trimLineEnds drops the spaces and tabs before every line's end.
func trimLineEnds(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Join(lines, "\n")
}

// splitFrontMatter splits a Markdown file into its YAML front matter (the
// text between the "---" lines, without them; "" if none) and the rest.
func splitFrontMatter(s string) (fm, body string) {
	first, rest, ok := strings.Cut(s, "\n")
	if !ok || strings.TrimRight(first, "\r") != "---" {
		return "", s
	}
	for at := 0; at < len(rest); {
		end := strings.IndexByte(rest[at:], '\n')
		line := rest[at:]
		next := len(rest)
		if end >= 0 {
			line, next = rest[at:at+end], at+end+1
		}
		if t := strings.TrimRight(line, "\r "); t == "---" || t == "..." {
			return rest[:at], rest[next:]
		}
		at = next
	}
	return "", s
}

// withMarginID adds margin_id to a template's front matter when the
// template left it out: a re-export finds its file by it.
func withMarginID(fm string, id int64) (string, error) {
	var m map[string]any
	if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
		return "", fmt.Errorf("the template's front matter is not valid YAML: %w", err)
	}
	if _, ok := m["margin_id"]; ok {
		return fm, nil
	}
	if fm != "" && !strings.HasSuffix(fm, "\n") {
		fm += "\n"
	}
	return fm + "margin_id: " + strconv.FormatInt(id, 10) + "\n", nil
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
	if strings.TrimSpace(d.Note) != "" {
		// The reader's note on the whole article comes first.
		b.WriteString("## Note\n\n")
		b.WriteString(strings.TrimRight(d.Note, "\n"))
		b.WriteString("\n\n")
	}
	if d.Content != "" {
		if strings.TrimSpace(d.Note) != "" {
			// Without it the article's opening read as the note's
			// last paragraphs, and sat under "Note" in an outline.
			b.WriteString("## Article\n\n")
		}
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
// label tag and the claim it is linked to, then the note in a callout.
func writeHighlight(b *strings.Builder, h Highlight) {
	b.WriteString(h.Quote)
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
	if h.Now != "" {
		// A refresh reworded the passage: what was highlighted stays the
		// quote; what the article says now is shown beside it.
		b.WriteString("- Now reads: ")
		b.WriteString(article.Quoted(escapeText(oneLine(h.Now))))
		b.WriteString("\n")
		items = true
	}
	if h.Supports != "" {
		b.WriteString("- ")
		b.WriteString(relation(h.Label))
		b.WriteString(": [[#^")
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

// relation names how a highlight linked to a claim bears on it.
func relation(label string) string {
	switch label {
	case "question":
		return "Questions"
	case "disagree":
		return "Disputes"
	}
	return "Supports"
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
	return article.Quoted(escapeText(truncate(oneLine(h.Text), 120))) + " [[#^" + h.ID + "]]"
}

// frontMatter marshals the note's YAML front matter: margin's keys, then
// the keys Omnivore's Obsidian export writes, so existing Dataview queries
// keep working. Marshalling, never pasting, is what keeps a title with a
// newline and "---" inside its value.
func frontMatter(d *Data) (string, error) {
	type fm struct {
		Title      string     `yaml:"title"`
		Aliases    []string   `yaml:"aliases,omitempty"`
		Author     string     `yaml:"author,omitempty"`
		Site       string     `yaml:"site,omitempty"`
		URL        string     `yaml:"url,omitempty"`
		Saved      *yaml.Node `yaml:"saved,omitempty"`
		Published  *yaml.Node `yaml:"published,omitempty"`
		Tags       []string   `yaml:"tags"`
		Labels     []string   `yaml:"labels"`
		Highlights int        `yaml:"highlights"`
		MarginID   int64      `yaml:"margin_id"`
		MarginOpen string     `yaml:"margin_open"`
		MarginURL  string     `yaml:"margin_url"`
		// Omnivore's keys.
		DateSaved     *yaml.Node `yaml:"date_saved,omitempty"`
		DatePublished *yaml.Node `yaml:"date_published,omitempty"`
		SiteName      string     `yaml:"site_name,omitempty"`
		OriginalURL   string     `yaml:"original_url,omitempty"`
		WordsCount    int        `yaml:"words_count,omitempty"`
		ReadLength    int        `yaml:"read_length,omitempty"`
		Description   string     `yaml:"description,omitempty"`
		State         string     `yaml:"state,omitempty"`
	}
	title := oneLine(d.Title)
	v := fm{
		Title:       title,
		Author:      oneLine(d.Author),
		Site:        oneLine(d.SiteName),
		URL:         d.URL,
		Tags:        d.Tags,
		Labels:      d.Labels,
		Highlights:  len(d.Highlights),
		MarginID:    d.ID,
		MarginOpen:  d.OpenCommand,
		MarginURL:   d.MarginURL,
		SiteName:    oneLine(d.SiteName),
		OriginalURL: d.URL,
		WordsCount:  d.WordsCount,
		ReadLength:  d.ReadLength,
		Description: oneLine(d.Excerpt),
		State:       d.State,
	}
	if title != "" {
		v.Aliases = []string{title}
	}
	// Plain (unquoted) timestamps so that Obsidian and Dataview read dates.
	if d.DateSaved != "" {
		v.Saved = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.DateSaved}
		v.DateSaved = v.Saved
	}
	if d.DatePublished != "" {
		v.Published = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.DatePublished}
		v.DatePublished = v.Published
	}
	out, err := marshalYAML(v)
	if err != nil {
		return "", fmt.Errorf("export article %d: write front matter: %w", d.ID, err)
	}
	return "---\n" + out + "---\n", nil
}

// marshalYAML marshals v, and if go-yaml would not read its own output
// back (a scalar of only whitespace becomes a block scalar it rejects),
// marshals it again with every string double-quoted.
func marshalYAML(v any) (string, error) {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return "", err
	}
	out, err := yaml.Marshal(&n)
	if err == nil && readsBack(&n, out) {
		if lit := astralLiterals(out); readsBack(&n, lit) {
			out = lit
		}
		return string(out), nil
	}
	quoteStrings(&n)
	out, err = yaml.Marshal(&n)
	if lit := astralLiterals(out); err == nil && readsBack(&n, lit) {
		out = lit
	}
	return string(out), err
}

// readsBack reports whether go-yaml reads out back as n's scalars.
func readsBack(n *yaml.Node, out []byte) bool {
	var back yaml.Node
	return yaml.Unmarshal(out, &back) == nil && sameScalars(n, &back)
}

// astralEscape is go-yaml's escape of a character beyond the BMP (an
// emoji), with the backslashes before it.
var astralEscape = regexp.MustCompile(`(\\+)U([0-9A-Fa-f]{8})`)

// astralLiterals writes the emoji and other visible characters beyond the
// BMP that go-yaml escapes ("Pear Jam \U0001F350") as themselves, as
// Obsidian's properties and a person reading the file show them; an
// escaped backslash before a U, and invisible characters, stay as they
// are.
func astralLiterals(out []byte) []byte {
	if !bytes.Contains(out, []byte(`\U`)) {
		return out
	}
	return astralEscape.ReplaceAllFunc(out, func(m []byte) []byte {
		sub := astralEscape.FindSubmatch(m)
		if len(sub[1])%2 == 0 {
			return m // "\\U…": a backslash, then the letter U
		}
		r, err := strconv.ParseUint(string(sub[2]), 16, 32)
		if err != nil || r < 0x10000 || r > unicode.MaxRune || !unicode.IsGraphic(rune(r)) {
			return m
		}
		return append(sub[1][:len(sub[1])-1:len(sub[1])-1], string(rune(r))...)
	})
}

// sameScalars reports whether two node trees hold the same scalar values.
func sameScalars(a, b *yaml.Node) bool {
	if a.Kind == yaml.DocumentNode {
		a = a.Content[0]
	}
	if b.Kind == yaml.DocumentNode {
		if len(b.Content) == 0 {
			return false
		}
		b = b.Content[0]
	}
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode && a.Value != b.Value {
		return false
	}
	for i := range a.Content {
		if !sameScalars(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

func quoteStrings(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		quoteStrings(c)
	}
}

// heading is a title as one line of escaped Markdown.
func heading(title string) string {
	t := oneLine(title)
	if t == "" {
		return "Untitled"
	}
	return escapeText(t)
}

// sourceLine links to the article's web address; a local file or pasted
// text has none (and its path is not written).
func sourceLine(u string) string {
	if isWebURL(u) {
		if p, err := url.Parse(u); err == nil && p.Host != "" {
			return "[Read original](" + linkDest(p.String()) + ")"
		}
	}
	return ""
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
// multi-line quote stays one blockquote whatever it contains. A blank line
// parts paragraphs; any other line break is the text's own (a poem's
// lines, an address, code), so it ends in Markdown's line break.
func blockquote(text string) string {
	text = strings.Trim(text, "\n")
	if strings.TrimSpace(text) == "" {
		return "> *(empty)*"
	}
	lines := strings.Split(escapeText(text), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \t")
	}
	for i, l := range lines {
		switch {
		case l == "":
			lines[i] = ">"
		case i+1 < len(lines) && lines[i+1] != "":
			lines[i] = "> " + l + "  "
		default:
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
	lines := strings.Split(neutralize(md), "\n")
	for i, l := range lines {
		// Two spaces before a line's end are Markdown's line break (the
		// article's own note keeps them): kept where a line follows.
		hardBreak := strings.HasSuffix(l, "  ") && i < len(lines)-1
		l = strings.TrimRight(l, " \t")
		if l == "" {
			b.WriteString(">\n")
			continue
		}
		if hardBreak {
			l += "  "
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
// unbalanced, are escaped. Code (spans and fenced or indented blocks) is
// shown verbatim, so nothing but control references is changed there.
func neutralize(md string) string {
	return outsideCode(neutralizeRefs(md), func(s string) string {
		s = strings.ReplaceAll(s, "%%", `\%\%`)
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = blockIDAtEnd.ReplaceAllString(l, `$1\^$2`)
		}
		return strings.Join(lines, "\n")
	})
}

// outsideCode applies f to the parts of md that are not code.
func outsideCode(md string, f func(string) string) string {
	if !mayHaveCode(md) {
		return f(md)
	}
	var b strings.Builder
	at := 0
	for _, r := range render.VerbatimRanges(md) {
		if r[0] < at {
			continue
		}
		b.WriteString(f(md[at:r[0]]))
		b.WriteString(md[r[0]:r[1]])
		at = r[1]
	}
	b.WriteString(f(md[at:]))
	return b.String()
}

// mayHaveCode reports whether md could hold code or an autolink at all: a
// backtick or tilde, a "<", or an indented line. Most notes hold none, and
// then need no parse.
func mayHaveCode(md string) bool {
	return strings.ContainsAny(md, "`~<") || strings.HasPrefix(md, "    ") || strings.HasPrefix(md, "\t") ||
		strings.Contains(md, "\n    ") || strings.Contains(md, "\n\t")
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
		case r == '&' && mdsyntax.EntityLike(s[i+1:]):
			// Only an & that could start a character reference is
			// written &amp;: "S&P 500" stays as it reads.
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

// plainAmps writes the article's "&amp;" as the "&" it stands for where
// the "&" cannot start a reference ("S&amp;P" reads "S&P" in the file too).
func plainAmps(s string) string {
	if !strings.Contains(s, "&amp;") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "&amp;")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		if mdsyntax.EntityLike(s[i+5:]) {
			b.WriteString("&amp;")
		} else {
			b.WriteByte('&')
		}
		s = s[i+5:]
	}
}

// oneLine collapses all whitespace, newlines included, into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// truncate shortens s to at most n runes, cut between words (never inside
// a word or a number) and ending with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, cut := 0, -1
	for j, r := range s {
		if i == n-1 {
			if cut < 0 {
				// One word longer than n: cut it rather than print it all.
				cut = j
			}
			return strings.TrimRight(s[:cut], " ,;:") + "…"
		}
		if r == ' ' {
			cut = j
		}
		i++
	}
	return s
}

// markFull returns the article's Markdown with every anchored highlight
// wrapped in ==...==. A highlight is marked piece by piece where it crosses
// a line, a block (paragraphs, list items, table cells) or the edge of a
// link, emphasis or strikethrough, so a mark never straddles syntax; a code
// span is marked whole and code blocks are left alone, because == would
// show there literally. The article's own == is escaped so it stays text,
// and no escape is written inside code or autolinks.
func markFull(md string, hs []store.Highlight) string {
	var rs [][2]int
	for _, h := range hs {
		if h.Orphan || h.Start < 0 || h.End > len(md) || h.Start >= h.End {
			continue
		}
		rs = append(rs, [2]int{h.Start, h.End})
	}
	slices.SortFunc(rs, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	// Marks cannot nest: merge overlapping and touching ranges.
	var merged [][2]int
	for _, r := range rs {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	segs, verbatim := render.MarkPlan(md, merged)
	segs = trimMarks(md, joinMarks(md, segs))
	var b strings.Builder
	b.Grow(len(md) + 4*len(segs))
	at := 0
	for _, sg := range segs {
		b.WriteString(escapeArticle(md, at, sg[0], verbatim))
		b.WriteString("==")
		b.WriteString(escapeArticle(md, sg[0], sg[1], verbatim))
		b.WriteString("==")
		at = sg[1]
	}
	b.WriteString(escapeArticle(md, at, len(md), verbatim))
	return sanitize.Text(b.String())
}

// escapeDollars escapes each $ of Markdown text that is not escaped
// already: Obsidian reads "$5-$10" as inline math ("5-").
func escapeDollars(s string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	slashes := 0 // backslashes just before
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '$' && slashes%2 == 0 {
			b.WriteByte('\\')
		}
		if c == '\\' {
			slashes++
		} else {
			slashes = 0
		}
		b.WriteByte(c)
	}
	return b.String()
}

// escapeArticle returns md[from:to] with what Obsidian would read as
// syntax in the article's text escaped (== highlights, %% comments, a
// trailing ^block-id, references to control characters), leaving the
// verbatim ranges (code, autolinks) as they are except for control
// references.
func escapeArticle(md string, from, to int, verbatim [][2]int) string {
	var b strings.Builder
	text := func(s string) {
		s = plainAmps(s)
		s = strings.ReplaceAll(s, "==", `\=\=`)
		// A lone = beside a mark would join it.
		if strings.HasPrefix(s, "=") {
			s = `\` + s
		}
		if strings.HasSuffix(s, "=") && !strings.HasSuffix(s, `\=`) {
			s = s[:len(s)-1] + `\=`
		}
		s = strings.ReplaceAll(s, "%%", `\%\%`)
		s = escapeDollars(s)
		if strings.Contains(s, "^") {
			lines := strings.Split(s, "\n")
			for i, l := range lines {
				lines[i] = blockIDAtEnd.ReplaceAllString(l, `$1\^$2`)
			}
			s = strings.Join(lines, "\n")
		}
		b.WriteString(neutralizeRefs(s))
	}
	at := from
	for _, r := range verbatim {
		if r[1] <= at || r[0] >= to {
			continue
		}
		if r[0] > at {
			text(md[at:r[0]])
		}
		e := min(r[1], to)
		b.WriteString(codeChars(neutralizeRefs(md[max(r[0], at):e])))
		at = e
	}
	if at < to {
		text(md[at:to])
	}
	return b.String()
}

// trimMarks moves the white space at the edges of each mark (a space, a
// no-break space, a line break) outside it: "==word ==" closes nothing, as
// a closing == must follow a non-space (markdown-it-mark, Obsidian).
func trimMarks(md string, segs [][2]int) [][2]int {
	out := segs[:0]
	for _, sg := range segs {
		a, z := sg[0], sg[1]
		for a < z {
			r, n := utf8.DecodeRuneInString(md[a:z])
			if !unicode.IsSpace(r) {
				break
			}
			a += n
		}
		for z > a {
			r, n := utf8.DecodeLastRuneInString(md[a:z])
			if !unicode.IsSpace(r) {
				break
			}
			z -= n
		}
		if a < z {
			out = append(out, [2]int{a, z})
		}
	}
	return out
}

// charRef is a character reference as CommonMark reads one.
var charRef = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// codeChars writes the character references inside code (a code span or a
// code block's text) as the characters they stand for. margin's stored
// Markdown writes & and < in code as &amp; and &lt;, which margin shows as
// & and <, but CommonMark (Obsidian) shows references in code as written.
// Autolinks, and references to control characters, backticks, tildes or
// nothing valid, are left as they are, so no fence or span is ended early.
func codeChars(s string) string {
	if !strings.Contains(s, "&") || strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") && !strings.ContainsAny(s, " \n") {
		return s
	}
	return charRef.ReplaceAllStringFunc(s, func(m string) string {
		d := html.UnescapeString(m)
		if d == m {
			return m
		}
		for _, r := range d {
			if unicode.IsControl(r) || r == '`' || r == '~' || r == utf8.RuneError {
				return m
			}
		}
		return d
	})
}

// maxJoin bounds a joined mark, so joining stays linear in the article.
const maxJoin = 1024

// joinMarks joins pieces of one highlight that only emphasis markers and
// spaces on one line separate, when the joined span, taking in the markers
// at its edges if need be, holds whole emphases: "==A **bold** claim=="
// rather than "==A== **==bold==** ==claim==". Links are never joined over.
func joinMarks(md string, segs [][2]int) [][2]int {
	var out [][2]int
	for _, sg := range segs {
		n := len(out)
		if n == 0 || strings.Trim(md[out[n-1][1]:sg[0]], "*_~ ") != "" {
			out = append(out, sg)
			continue
		}
		a, z := out[n-1][0], sg[1]
		if z-a > maxJoin {
			out = append(out, sg)
			continue
		}
		if !balanced(md[a:z]) {
			for a > 0 && strings.IndexByte("*_~", md[a-1]) >= 0 {
				a--
			}
			for z < len(md) && strings.IndexByte("*_~", md[z]) >= 0 {
				z++
			}
		}
		if !balanced(md[a:z]) || n > 1 && a < out[n-2][1] {
			out = append(out, sg)
			continue
		}
		out[n-1] = [2]int{a, z}
	}
	return out
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
