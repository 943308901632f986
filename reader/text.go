package reader

import (
	"errors"
	"margin/sanitize"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// errNoText is returned when pasted text holds nothing to read.
var errNoText = errors.New("no article text found")

// FromText turns text a person pasted (a browser's select-all dump or a .txt
// file) into an article: it finds the paragraphs, the title and the
// standfirst, and drops the site's lines around the article (menus, link
// lists, cookie notices, promos, share lines, footers, comment threads).
// The author's words are never changed or reordered, only left out.
func FromText(text string) (*Article, error) {
	a, err := fromText(text)
	if err == nil {
		a.LeftOut = max(CountWords(text)-a.WordCount, 0)
	}
	return a, err
}

func fromText(text string) (*Article, error) {
	text = composeLetters(noSoftHyphens(sanitize.Text(text)))
	if strings.TrimSpace(text) == "" {
		return nil, errNoText
	}
	units := textUnits(text)
	if len(units) == 0 {
		return nil, errNoText
	}
	textClassify(units)
	body := textBody(units)
	a := &Article{}
	if !textFurnitureFound(units) {
		return textNote(units, body)
	}
	body = textExtendBody(units, body)
	body = textDropClosingBio(units, body)
	if len(body) == 0 {
		// No run of prose (a note, a list): keep every line but the
		// placeholders rather than lose the text, up to the comments
		// heading or the copyright that follows some of it.
		for i, u := range units {
			if u.stop && len(body) > 0 {
				break
			}
			if !u.junk && !u.stop {
				body = append(body, i)
			}
		}
	}
	t := textTitle(units, body)
	if t > 0 && textSeriesHeading(units, t) {
		// The nearest headline opens a series ("Section 1", "Section
		// 2", ...): it is the first section's heading, and the title is
		// the headline above it.
		for i := t - 1; i >= 0 && i >= t-5; i-- {
			if u := units[i]; !u.boiler && !u.junk && textTitleShaped(u) {
				t = i
				break
			}
		}
	}
	t = textRunInTitle(units, t)
	t = textOverStandfirst(units, t)
	deck := false // body opens with the deck under the title
	if t >= 0 {
		a.Title = textTitleText(units[t].text)
		// What the region holds above the title is the site's.
		keep := body[:0:0]
		for _, i := range body {
			if i > t {
				keep = append(keep, i)
			}
		}
		body = keep
		body = textDropTitled(units, body, a.Title)
		if d := textDeck(units, t, body); d >= 0 {
			body = append([]int{d}, body...)
			deck = true
		}
	}
	textJoinLeadIn(units, body, t)
	if s := textStandfirst(units, t, body); s >= 0 {
		a.Excerpt = units[s].text
		if s < body[0] {
			// The standfirst stood apart from the body (a byline
			// between them); it is still the first paragraph of the piece.
			body = append([]int{s}, body...)
		}
	} else if deck && len(body) > 1 && textSummaryShaped(units[body[1]]) {
		// A deck written as a headline is no summary; the paragraph
		// under it is.
		a.Excerpt = units[body[1]].text
	}
	if len(body) > 0 {
		if s := textRepeatedStandfirst(units, t, body[0]); s >= 0 {
			body = append([]int{s}, body...)
		}
	}
	// A page's passage printed twice is kept once; a note, which may say
	// a thing twice, keeps what it says (textNote).
	return textArticle(a, units, textDropCopies(units, body))
}

// textRepeatedStandfirst returns the paragraph right over the article's
// first one at first, below the title t, that the page prints again
// elsewhere (in a teaser of the piece, in the text shared with a link,
// twice for two screen sizes): the standfirst, which lost to its copies'
// weight as a repeat. Only the site's lines that part a standfirst from
// the text may stand between (a credit, a date, a share button, a
// placeholder). -1 when there is none.
func textRepeatedStandfirst(units []textUnit, t, first int) int {
	k := first - 1
	for n := 0; k > t && n < textMaxStandfirstGap; n++ {
		u := units[k]
		if !u.junk && !u.meta && (!u.boiler || u.prose) {
			break
		}
		k--
	}
	if k <= t || k < 0 {
		return -1
	}
	if u := units[k]; !u.prose || !u.repeated || u.boiler || u.list || u.meta || u.words < textMinRepeatedStandfirst && !textTeasedOn(units, k, first) || !textEndsSentence(u.text) || textTitleShaped(u) {
		return -1
	}
	if c := units[k+1]; c.meta && !c.byline && textCopyNear(units, k) {
		// A picture's caption, over its credit, printed twice (its alt
		// text and its caption); a standfirst's copy stands far off,
		// in the page's list of stories.
		return -1
	}
	if k > 0 && units[k-1].junk {
		return -1 // a picture's caption, under the picture's placeholder
	}
	return k
}

// textCopyNear reports whether the page prints unit k's text again
// within textDoubleGap lines of it.
func textCopyNear(units []textUnit, k int) bool {
	for j := max(0, k-textDoubleGap); j < len(units) && j <= k+textDoubleGap; j++ {
		if j != k && units[j].text == units[k].text {
			return true
		}
	}
	return false
}

// textTeasedOn reports whether the page's teaser of the piece quotes the
// line k and reads on into the paragraph at first ("Pop-ups have earned a
// solid name. No wonder -.."): k opens the article, however short.
func textTeasedOn(units []textUnit, k, first int) bool {
	if first != k+1 {
		return false
	}
	line := units[k].text
	next := strings.Fields(units[first].text)
	for j, u := range units {
		if j == k || !strings.HasPrefix(u.text, line) {
			continue
		}
		// The teaser breaks off with an ellipsis; a dumper may have run
		// the next line on after it.
		cut := u.text[len(line):]
		if e := strings.IndexRune(cut, '…'); e >= 0 {
			cut = cut[:e]
		}
		if e := strings.Index(cut, ".."); e >= 0 {
			cut = cut[:e]
		}
		rest := strings.Fields(strings.TrimRight(cut, ".-–— "))
		if len(rest) < textMinTeasedWords || len(rest) > len(next) {
			continue
		}
		same := true
		for i, w := range rest {
			if w != next[i] && !(i == len(rest)-1 && strings.HasPrefix(next[i], w)) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// textMinTeasedWords is the fewest words of the first paragraph a teaser
// quotes on after the line over it.
const textMinTeasedWords = 2

// textMaxStandfirstGap bounds the site's lines between a standfirst and
// the article's first paragraph; a repeated standfirst holds so many words
// at least (a shorter line printed twice is a headline, a caption or a
// row of a table).
const (
	textMaxStandfirstGap      = 3
	textMinRepeatedStandfirst = 15
)

// textDropCopies leaves out of body the second copy of a passage printed
// twice whose first copy body holds.
func textDropCopies(units []textUnit, body []int) []int {
	in := make(map[int]bool, len(body))
	for _, i := range body {
		in[i] = true
	}
	return slices.DeleteFunc(slices.Clone(body), func(i int) bool {
		return units[i].copyOf > 0 && in[units[i].copyOf-1]
	})
}

// textRunInTitle returns the line under the title t that ends it, when
// t runs the breadcrumb or the section into the headline ("Home News
// Council Votes ...") and the headline stands alone below, over the
// article.
func textRunInTitle(units []textUnit, t int) int {
	if t < 0 {
		return t
	}
	for k := t + 1; k < len(units) && k <= t+textHeadGap; k++ {
		if u := units[k]; !u.prose && textTitleShaped(u) && strings.HasSuffix(units[t].text, " "+u.text) {
			return k
		}
	}
	return t
}

// textOverStandfirst returns the headline right over the title t when t
// is written as a paragraph: that is the standfirst under the headline.
// A shorter line is a kicker or the site's.
func textOverStandfirst(units []textUnit, t int) int {
	if t <= 0 || !units[t].prose {
		return t
	}
	for k := t - 1; k >= 0 && k >= t-2; k-- {
		u := units[k]
		if u.junk {
			continue
		}
		if !u.prose && !u.boiler && !u.repeated && u.words >= textMinHeadlineWords && textTitleShaped(u) && textCaseJoins(u.text) < 2 {
			return k
		}
		break
	}
	return t
}

// textDeck returns the deck between the title t and the body's first
// paragraph ("Erneuter Verzicht auf Regionallehrgang" / "Nächste
// Maßnahme der Nationalmannschaft im März mit Länderspielen gegen die
// Niederlande"): a headline-shaped line, too short or unpunctuated to be
// prose, none of the site's and no repeat, that sums the article up. It
// was left out with the header's lines. -1 if there is none.
func textDeck(units []textUnit, t int, body []int) int {
	if len(body) == 0 || !units[body[0]].prose || units[t].boiler {
		return -1
	}
	k := body[0] - 1
	for k > t && (units[k].junk || units[k].meta && !units[k].prose || textShareButton(units[k]) && textShareLabel(units[k].text) || textNameOverDate(units, k)) {
		k--
	}
	if k <= t {
		return -1
	}
	// Between the deck and the body only its date (or byline, or the
	// writer's name over the date) and what follows that (a share
	// button, "Share", "Teilen"; a picture's credit, a placeholder): a
	// line right over a credit is the picture's caption.
	if n := textNextNonJunk(units, k); n < body[0] && !units[n].byline && !textNameOverDate(units, n) {
		return -1
	}
	u := units[k]
	// A deck the page prints again far off (its teaser of the piece
	// quotes it) is still the deck, right under a headline printed again
	// too; two copies together are a caption's, and a line past the
	// byline printed again is a caption a gallery repeats.
	if u.prose || u.table || u.teaser || u.words < textMinHeadlineWords || !textTitleShaped(u) || !textKeepShort(u) && !u.repeated ||
		u.repeated && (!units[t].repeated || textNextNonJunk(units, t) != k || u.junk || u.boiler || u.meta || u.stop || u.aside || textCopyNear(units, k)) {
		return -1
	}
	// A deck says more than the headline, in a sentence's words: a
	// capital first (not a row of tags) and no words the dumper ran
	// together (an icon's name, a picture's credit).
	if u.words <= units[t].words || !textCapitalised(u.text) || textCaseJoins(u.text) > 0 {
		return -1
	}
	// Right under the title (or the copy of it the page prints there):
	// only its date or byline between.
	h := k - 1
	for h > t && (units[h].junk || units[h].meta) {
		h--
	}
	if h != t && units[h].text != units[t].text {
		return -1
	}
	return k
}

// textShareLabel reports a share button's label: "Share", a network's
// name or its share verb in the languages the page cleaner knows
// ("Teilen", "Partager").
func textShareLabel(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,:;!")
		if strings.HasPrefix(w, "share") || networkWords[w] {
			return true
		}
	}
	return false
}

// textNameOverDate reports the writer's name alone at k right over the
// date of the piece ("Patrick Barkham" / "Wed 6 Mar 2024 06.00 GMT").
func textNameOverDate(units []textUnit, k int) bool {
	return k+1 < len(units) && textNameLine(units[k]) && units[k+1].byline
}

// textNextNonJunk returns the first unit after k that is no placeholder,
// or len(units).
func textNextNonJunk(units []textUnit, k int) int {
	k++
	for k < len(units) && units[k].junk {
		k++
	}
	return k
}

// textCaseJoins counts the places where a small letter runs into a
// capital ("TemasCorte SupremaOrganismos"): links the dumper wrote
// without a space between them.
func textCaseJoins(s string) int {
	n := 0
	var prev rune
	for _, r := range s {
		if unicode.IsLower(prev) && unicode.IsUpper(r) {
			n++
		}
		prev = r
	}
	return n
}

// textUnglue puts a space where a small letter runs into a capital, as
// the copy glues two links ("Yahoo FinanceOctober 13" -> "Yahoo Finance
// October 13").
func textUnglue(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range s {
		if unicode.IsLower(prev) && unicode.IsUpper(r) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// textTitleText is the title line without an image's placeholder glued
// to it ("[csm_camp_10]Skiing Made Light"; see textDropPlaceholders), nor
// the site's address a window title ends with.
func textTitleText(s string) string {
	s = textDropPlaceholders(s)
	// The site's address after a bar, as the window title adds it.
	for _, sep := range []string{" | ", " – ", " - "} {
		if k := strings.LastIndex(s, sep); k > 0 && textDomain(s[k+len(sep):]) {
			s = s[:k]
			break
		}
	}
	return s
}

// textDropPlaceholders takes off the placeholders a dumper writes for an
// image at a paragraph's edges: the file name or alt text in brackets
// ("[ps4dualsho]The price ...", "[svg][eubank-jr]Chris ...",
// "[img-22-244] Berlin (dpa) ...", "... he posts.[BFHCvtF8Ee]"). At the
// start a bracketed word is one when glued to the text after it or shaped
// like a file name (a letter and a digit, '_' or '-'); at the end when
// glued to the sentence. The author's brackets stay: a footnote ("[1]",
// "growth.[12]"), an editor's letter ("[T]he"), a transcript's
// "[laughter] ..." or "[00:12]", words with a space ("[citation needed]").
func textDropPlaceholders(s string) string {
	rest := s
	for strings.HasPrefix(rest, "[") {
		k := strings.IndexByte(rest, ']')
		if k < 0 || !textPlaceholderWord(rest[1:k]) {
			break
		}
		after := rest[k+1:]
		glued := after != "" && after[0] != ' '
		if !glued && !textFileNameShaped(rest[1:k]) {
			break
		}
		rest = strings.TrimLeft(after, " ")
	}
	if k := strings.LastIndexByte(rest, '['); k > 0 && strings.HasSuffix(rest, "]") && rest[k-1] != ' ' &&
		textPlaceholderWord(rest[k+1:len(rest)-1]) && strings.IndexFunc(rest[k+1:], unicode.IsLetter) >= 0 {
		rest = rest[:k]
	}
	if strings.TrimSpace(rest) == "" {
		return s // a placeholder alone is the cleaner's to drop, not this
	}
	return rest
}

// textPlaceholderWord reports whether w, the inside of brackets, can be a
// dumper's placeholder: one token of three characters or more, not a
// number.
func textPlaceholderWord(w string) bool {
	return utf8.RuneCountInString(w) >= 3 && len(w) <= 80 && !strings.ContainsAny(w, " \t[") &&
		strings.Trim(w, "0123456789") != ""
}

// textFileNameShaped reports a token shaped like a file name: a letter,
// and a digit, '_' or '-' ("img-22-244", "RS34944_IMG_7065").
func textFileNameShaped(w string) bool {
	return strings.IndexFunc(w, unicode.IsLetter) >= 0 && strings.ContainsAny(w, "0123456789_-")
}

// textDomain reports a site's address written alone ("FASSETTE.NET",
// "example.co.uk").
func textDomain(s string) bool {
	k := strings.LastIndexByte(s, '.')
	if k <= 0 || strings.ContainsAny(s, " /") {
		return false
	}
	return textTLDs[strings.ToLower(s[k+1:])] // not "Vue.js"
}

// textTLDs are the commonest endings of a site's address.
var textTLDs = map[string]bool{"com": true, "net": true, "org": true, "info": true, "de": true, "at": true, "ch": true,
	"fr": true, "es": true, "it": true, "nl": true, "be": true, "uk": true, "eu": true, "pl": true, "ru": true, "br": true,
	"mx": true, "ar": true, "cl": true, "co": true, "us": true, "ca": true, "au": true, "in": true, "jp": true, "cn": true}

// textDropTitled drops the units of body that open with the whole title
// and go on: an image's alt text (the headline, as sites fill it) run
// into its caption. An article does not begin a paragraph by repeating
// its headline.
func textDropTitled(units []textUnit, body []int, title string) []int {
	if textWordCount(title) < 4 {
		return body
	}
	keep := body[:0:0]
	for _, i := range body {
		if !strings.HasPrefix(units[i].text, title+" ") {
			keep = append(keep, i)
		}
	}
	return keep
}

// textNote is FromText for text with no sign of a web page around it (see
// textFurnitureFound): every line is kept, and only a headline-shaped
// first line, the one the cleaner would have taken for the title anyway,
// becomes the title. prose is the body the cleaner found.
func textNote(units []textUnit, prose []int) (*Article, error) {
	a := &Article{}
	body := make([]int, 0, len(units))
	for i := range units {
		body = append(body, i)
	}
	// The title is the first line when it is the headline the cleaner
	// finds before the first paragraph, or when it is headline-shaped and
	// the text has sections (the nearest headline is then the first);
	// a mail's header field ("From: Anna Keller") or a letter's
	// salutation ("Hi Sam,") is no title.
	if t := textTitle(units, prose); len(units) > 1 && textMailField(units[0]) == 0 && !textSalutationRe().MatchString(units[0].text) && (t == 0 || t > 0 && textTitleShaped(units[0]) && textSectioned(units, body[1:])) {
		a.Title = units[0].text
		body = body[1:]
	}
	if s := textStandfirst(units, -1, body); s >= 0 {
		a.Excerpt = units[s].text
	}
	return textArticle(a, units, body)
}

// textSeriesHeading reports whether unit i starts like a numbered heading
// ("Section 1", "Chapter 2: ...", "Part IV") that another line of the text
// continues with a different number.
func textSeriesHeading(units []textUnit, i int) bool {
	word, num, ok := textSeriesKey(units[i].text)
	if !ok {
		return false
	}
	for j := i + 1; j < len(units); j++ {
		if w, n, ok := textSeriesKey(units[j].text); ok && w == word && n != num {
			return true
		}
	}
	return false
}

// textSeriesKey splits "Section 12: Background" into its lower-cased first
// word and the number after it.
func textSeriesKey(s string) (word, num string, ok bool) {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 12 {
		return "", "", false
	}
	num = strings.TrimRight(f[1], ".:)-–—")
	if num == "" {
		return "", "", false
	}
	for _, r := range num {
		if !unicode.IsDigit(r) && !strings.ContainsRune("IVXLCivxlc", r) {
			return "", "", false
		}
	}
	return strings.ToLower(f[0]), num, true
}

// textSectioned reports whether body has section headings.
func textSectioned(units []textUnit, body []int) bool {
	return slices.Contains(textHeadings(units, body), true)
}

// textArticle fills a's text and Markdown with the units of body.
func textArticle(a *Article, units []textUnit, body []int) (*Article, error) {
	paras := make([]string, 0, len(body))
	heads := textHeadings(units, body)
	// Items of a list, two or more kept one after the other, stand one
	// under the other: the reader shows them as a list, not as
	// paragraphs. A lone item stays the line it was.
	inList := func(k int) bool {
		return k >= 0 && k < len(body) && units[body[k]].list && units[body[k]].text != ""
	}
	next := func(k int) bool { return inList(k) && inList(k+1) && body[k+1] == body[k]+1 }
	var mdText strings.Builder
	for k, i := range body {
		u := units[i]
		u.text = textDropPlaceholders(u.text)
		p := textParagraph(u)
		paras = append(paras, p)
		m := textEscapeMarkdown(p)
		switch {
		case next(k) || next(k-1):
			m = textListItem(u)
		case heads[k]:
			m = textHeading(m)
		}
		if k > 0 {
			if next(k - 1) {
				mdText.WriteString("\n")
			} else {
				mdText.WriteString("\n\n")
			}
		}
		mdText.WriteString(m)
	}
	a.Text = strings.Join(paras, "\n\n")
	a.Markdown = mdText.String()
	if strings.TrimSpace(a.Text) == "" {
		if a.Title == "" {
			return nil, errNoText
		}
		// Only a title: better an article of one line than an error.
		a.Text = a.Title
		a.Markdown = textEscapeMarkdown(a.Title)
	}
	finish(a)
	return a, nil
}

// textListItem is a list item as Markdown: its number kept ("3. ..."),
// any bullet of the dump's ("*", "-", "•", w3m's "+", "=" for deeper
// levels) written "-".
func textListItem(u textUnit) string {
	if n := strings.TrimRight(u.bullet, ".)"); n != "" && strings.Trim(n, "0123456789") == "" {
		return n + ". " + textEscapeMarkdown(u.text)
	}
	return "- " + textEscapeMarkdown(u.text)
}

// textUnit is one paragraph, list item or line of the pasted text: the unit
// the cleaner keeps or drops.
type textUnit struct {
	text   string // the words, wrapped lines joined by a space
	indent int    // leading spaces of its first line
	list   bool   // a bulleted or numbered list item
	bullet string // the marker ("*", "-", "1.") of a list item
	cells  int    // columns of a one-line unit set apart by runs of spaces (a table row)
	blank  bool   // a blank line (or the start of the text) comes before it

	// Filled by textClassify.
	words    int
	prose    bool    // sentence-shaped text long enough to be a paragraph
	boiler   bool    // carries the site's vocabulary (share, subscribe, cookies ...)
	stop     bool    // a line that starts what follows the article (comments, the copyright)
	aside    bool    // a heading of a box of links (related, popular, tags)
	meta     bool    // a byline, a date, a photo credit
	byline   bool    // a byline or a date
	junk     bool    // an image placeholder, a form field, a bare URL
	chart    bool    // a chart's axis label between paragraphs (junk too; no sign of a page)
	siteLine bool    // boiler by its words alone (a licence, a disclaimer, a post's footer): no sign of a page by itself
	repeated bool    // the same line occurs elsewhere in the dump
	dup      float64 // share of its word 4-grams found elsewhere in the dump
	table    bool    // a row of a table
	clause   bool    // the article's own though no prose: a list completing the sentence over it, cited works, code
	teaser   bool    // a link to another story set in the article ("Read more: ...")
	copyOf   int     // 1 + the unit this one repeats in a passage printed twice; 0 for none
	score    float64 // its weight in the search for the article's run of prose

	heading bool // written as a Markdown heading ("# Title"), its marks taken off
}

// textUnits splits text into units. Browsers and text dumpers wrap long
// paragraphs at a fixed width, so lines that a greedy wrap at that width
// would have broken are joined again; any other line break is kept as a
// unit boundary.
func textUnits(text string) []textUnit {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	lines = textDecolumn(lines)
	width := textWrapWidth(lines)
	local := textLocalWraps(lines, width)
	var units []textUnit
	var cur *textUnit
	var parts []string // the lines of cur, joined when it is complete
	var prev string    // previous line, for the wrap test
	blank := true      // a blank line since the last unit started
	flush := func() {
		if cur != nil {
			// Collapse the dumper's spacing, but keep the author's
			// no-break spaces.
			cur.text = strings.Join(strings.FieldsFunc(textJoinLines(parts), func(r rune) bool { return r == ' ' || r == '\t' }), " ")
			if cur.text != "" {
				units = append(units, *cur)
			}
		}
		cur, parts = nil, parts[:0]
	}
	fenced := false // inside a Markdown code fence, where "#" starts a comment
	step := ""      // a step's number on the line above its text
	steps := textStepLines(lines)
	for n, raw := range lines {
		if strings.TrimSpace(raw) == "" {
			flush()
			blank = true
			continue
		}
		indent := textIndent(raw)
		content := strings.TrimSpace(raw)
		if strings.HasPrefix(content, "```") || strings.HasPrefix(content, "~~~") {
			fenced = !fenced
		}
		heading := ""
		if !fenced && indent < textDeepIndent {
			heading = textATXHeading(content)
		}
		if step == "" && !fenced && steps != nil && steps[n] && n+1 < len(lines) && textStepText(lines[n+1]) &&
			(cur == nil || !textWrapped(prev, content, width)) {
			// "1" on its own line over "Roast the chicken ...": a
			// numbered step whose number the page sets apart.
			flush()
			step = content
			blank = false
			continue
		}
		marker, rest := textListMarker(content)
		if step != "" {
			marker, rest, step = strings.TrimRight(step, ".)")+".", content, ""
		}
		if marker != "" && cur != nil && !cur.list && indent <= cur.indent && textWrapped(prev, content, width) {
			// The wrap put a date's day or a dash at the line's start
			// ("... vom 2" / "4. März ..."): a list item would be indented.
			marker, rest = "", content
		}
		if marker == "" && indent >= textDeepIndent {
			if m, r := textDeepMarker(content); m != "" && !(cur != nil && textWrapped(prev, content, width)) {
				marker, rest = m, r
			}
		}
		switch {
		case marker == "" && heading != "":
			// A text written in Markdown (a note, a .md file) marks its
			// headings: a line of its own, whatever follows.
			flush()
			cur = &textUnit{indent: indent, heading: true, blank: blank}
			parts = append(parts, heading)
			flush()
		case marker != "":
			flush()
			cur = &textUnit{indent: indent, list: true, bullet: marker, blank: blank}
			parts = append(parts, rest)
		case cur != nil && cur.list && indent > cur.indent:
			// A list item's continuation is indented under its marker.
			parts = append(parts, content)
		case cur != nil && (textWrapped(prev, content, width) || n > 0 && local[n-1]) && indent <= cur.indent+2,
			cur != nil && !cur.list && cur.cells <= 1 && indent == cur.indent && textBrokenSentence(prev, raw, lines[n+1:], width):
			// Wrapped, or broken inside a sentence where no wrap explains
			// it (an author's line break, a table cell's wrap).
			parts = append(parts, content)
			cur.cells = 0
		default:
			flush()
			cur = &textUnit{indent: indent, cells: textCellCount(content), blank: blank}
			parts = append(parts, content)
		}
		blank = false
		prev = raw
	}
	flush()
	textLoneOrdinals(units)
	return units
}

// textBrokenSentence reports a line break inside a sentence that no
// wrap explains (an author's line break, a wrap in a table's cell the
// text's width does not tell): prev, a line of some length and no code,
// ends with a word no line ends with (textDangles), or stops short of a
// sentence's end over a line going on in a small letter; and line goes
// on with the sentence to its end or past it. A cut teaser ("... Aber
// die") over the next teaser's headline, or a short line of a name
// ("Verband des"), is not one.
func textBrokenSentence(prev, line string, after []string, width int) bool {
	t := strings.TrimSpace(line)
	if textCells(prev) < textMinLocalWrap || textCellCount(t) > 1 || textWrapCode(strings.TrimSpace(prev)) || textWrapCode(t) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(t); !textDangles(prev) && !(unicode.IsLower(r) && !textEndsSentence(strings.TrimSpace(prev)) && !strings.HasSuffix(prev, ":")) {
		return false
	}
	return textEndsSentence(t) || textDangles(t) || len(after) > 0 && textWrapped(line, after[0], width)
}

// textDangles reports a line that ends with a word no sentence, heading
// or link ends with (an article, a preposition, a conjunction: "... an
// die", "... of the", "... et les"), in the languages of Europe: the next
// line goes on with its sentence.
func textDangles(line string) bool {
	line = strings.TrimRight(line, " ")
	k := strings.LastIndexByte(line, ' ')
	if k < 0 {
		return false
	}
	return textDanglingWords[line[k+1:]]
}

// textDanglingWords are the words textDangles looks for, as written in
// the middle of a sentence (lower case).
var textDanglingWords = wordSet(strings.Fields(`the an of to and or but in on at for with from by into than
	der die das den dem des ein eine einen einem einer und oder aber auf aus bei mit nach von vor zu zum zur für über unter durch gegen ohne im ins
	le la les un une des du au aux et ou à pour par sur dans avec sans
	el los las una unos unas del al y en con para sin sobre
	il lo gli di della dello delle degli nel nella tra fra
	os um uma da dos das em na com ou
	het een van voor naar bij
	przez dla oraz`)...)

// textOrdinalReach is how many units away the next or previous number of
// a list may stand (a heading over each numbered point).
const textOrdinalReach = 4

// textLoneOrdinals turns back into text a line that opens with an ordinal
// ("15. Zukunftsforum Ländliche Entwicklung", "3. Liga: ...") standing
// alone between blank lines, with no item numbered one before or after
// it: a headline or a sentence, not a list (whose items a dumper sets one
// under the other). A day before its month ("12. September 2013") stays
// as it was read: a post's date, which must not pass for a byline.
func textLoneOrdinals(units []textUnit) {
	num := func(u textUnit) int {
		if !u.list || !strings.HasSuffix(u.bullet, ".") {
			return -1
		}
		n, err := strconv.Atoi(strings.TrimSuffix(u.bullet, "."))
		if err != nil {
			return -1
		}
		return n
	}
	for i := range units {
		u := &units[i]
		n := num(*u)
		if n < 0 || u.indent > 0 || !u.blank || i+1 < len(units) && !units[i+1].blank {
			continue
		}
		seq := false // an item numbered one before or after, a heading or two away
		for k := max(0, i-textOrdinalReach); k < min(len(units), i+textOrdinalReach+1) && !seq; k++ {
			m := num(units[k])
			seq = k < i && m == n-1 || k > i && m == n+1
		}
		if seq {
			continue
		}
		if first, _, _ := strings.Cut(strings.ToLower(u.text), " "); textHasMonth(first) {
			continue
		}
		u.list, u.text, u.bullet = false, u.bullet+" "+u.text, ""
	}
}

// textJoinLines joins the lines of one unit with a space, except where
// the dumper broke a run of CJK text, which has no spaces between words:
// a space there would split a word in two.
func textJoinLines(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(parts[i-1])
			first, _ := utf8.DecodeRuneInString(p)
			if !(textWide(last) && textWide(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func textIndent(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// textListMarker reports the bullet or number that starts a list item, and
// the rest of the line. "1999." alone or "3.5 million" are not markers.
func textListMarker(s string) (marker, rest string) {
	for _, b := range []string{"* ", "+ ", "- ", "• ", "· ", "– "} {
		if strings.HasPrefix(s, b) {
			return strings.TrimSpace(b), strings.TrimSpace(s[len(b):])
		}
	}
	if s == "*" || s == "+" || s == "-" || s == "•" {
		return s, ""
	}
	n := 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n < len(s) && (s[n] == '.' || s[n] == ')') && (n+1 == len(s) || s[n+1] == ' ') {
		return s[:n+1], strings.TrimSpace(s[n+1:])
	}
	return "", s
}

// textATXHeading is the text of a Markdown heading line ("## Section",
// "# Title #"), or "" when s is not one. A long line or one that ends as
// a sentence does is a sentence that happens to open with "#".
func textATXHeading(s string) string {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n == len(s) || s[n] != ' ' {
		return ""
	}
	t := strings.TrimSpace(s[n:])
	if u := strings.TrimRight(t, "#"); u != t && (u == "" || strings.HasSuffix(u, " ")) {
		t = strings.TrimSpace(u) // the closing marks
	}
	if len(strings.Fields(t)) > textMaxHeadingWords || strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") {
		return ""
	}
	return t
}

// textDeepMarker reports the bullet of a list item nested three levels
// or more, as text browsers mark them (w3m cycles "*", "+", "o", "#",
// "@", "-", "=", "x", "%" down the levels), and the rest of the line.
// Only an indented line that no wrap continues is read so: "o" and "#"
// start sentences and words too.
func textDeepMarker(s string) (marker, rest string) {
	for _, b := range []string{"o ", "# ", "@ ", "= ", "x ", "% "} {
		if strings.HasPrefix(s, b) {
			return strings.TrimSpace(b), strings.TrimSpace(s[len(b):])
		}
	}
	return "", s
}

// textNestedItem reports a line (trimmed) that opens with a list item's
// marker, nested or not.
func textNestedItem(s string) bool {
	m, _ := textListMarker(s)
	if m == "" {
		m, _ = textDeepMarker(s)
	}
	return m != ""
}

// textDeepIndent is the least indent of a nested list item.
const textDeepIndent = 4

// textWrapped reports whether next continues prev because a greedy wrap at
// width broke the line there: prev fits, and prev plus next's first word
// would not have.
func textWrapped(prev, next string, width int) bool {
	if width == 0 || prev == "" {
		return false
	}
	n := textCells(prev)
	next = strings.TrimSpace(next)
	first := next
	if i := strings.IndexByte(next, ' '); i >= 0 {
		first = next[:i]
	}
	return n <= width+textWrapSlack && n+1+textCells(first) > width-textWrapSlack
}

// textDecolumn undoes a layout of two columns dumped side by side, as a
// text browser prints a page laid out in a table: the article wrapped in
// the left column and a sidebar's lines beside it, each line holding a
// piece of both. In a block between blank lines, a run of lines with a
// space at one column on every line (or ending before it), text of words
// on both sides on textMinColumnRows lines or more, the left side filled
// as wrapped text is, a gap of spaces up to the column inside some of
// them, and no code or table row among them, is given back as its left
// column, then its right one. The words stay as they were;
// only the dumper's interleaving is undone.
func textDecolumn(lines []string) []string {
	var out []string
	changed := false
	for a := 0; a < len(lines); {
		b := a
		for b < len(lines) && strings.TrimSpace(lines[b]) != "" {
			b++
		}
		block := lines[a:b]
		if s, e, c := textColumnRun(block); c > 0 {
			if !changed {
				out = append(out, lines[:a]...)
				changed = true
			}
			out = append(out, block[:s]...)
			var left, right []string
			for _, l := range block[s:e] {
				r := []rune(l)
				if len(r) < c {
					// Short of the column: the left column's alone.
					left = append(left, l)
					right = append(right, "")
					continue
				}
				left = append(left, strings.TrimRight(string(r[:c-1]), " "))
				right = append(right, strings.TrimRight(string(r[c:]), " "))
			}
			if e == len(block) && textColumnGoesOn(lines[b:], c) {
				// The left column is the longer: its text goes on under
				// the run, so the right one is given first.
				left, right = right, left
			}
			out = append(out, left...)
			out = append(out, "")
			out = append(out, right...)
			out = append(out, "")
			out = append(out, block[e:]...)
		} else if changed {
			out = append(out, block...)
		}
		if b < len(lines) && changed {
			out = append(out, lines[b])
		}
		a = b + 1
	}
	if !changed {
		return lines
	}
	return out
}

// textColumnGoesOn reports whether the left column of a run that ends a
// block goes on in the lines after it: the next block is wrapped within
// the column, as filled as the column's lines are.
func textColumnGoesOn(after []string, c int) bool {
	for len(after) > 0 && strings.TrimSpace(after[0]) == "" {
		after = after[1:]
	}
	filled, n := 0, 0
	for _, l := range after {
		if strings.TrimSpace(l) == "" {
			break
		}
		n++
		w := textCells(l)
		if w > c-1 || textIndent(l) > 0 {
			return false
		}
		if w >= c-1-textWrapNear {
			filled++
		}
	}
	return n >= 3 && 2*filled >= n-1
}

// textColumnRun finds in a block the run of lines block[s:e] that two
// columns share and the column c at which the right one starts; c is 0
// when there is none.
func textColumnRun(block []string) (s, e, c int) {
	if len(block) < textMinColumnRows {
		return 0, 0, 0
	}
	// Only a column that a run of three spaces or more ends at, inside a
	// line, on a few lines is looked at: wrapped paragraphs have none.
	rows := make([][]rune, len(block))
	gaps := make(map[int]int)
	for i, l := range block {
		r := []rune(l)
		rows[i] = r
		for k, run := 0, 0; k < len(r); k++ {
			if r[k] == ' ' {
				run++
				continue
			}
			if run >= 3 && run < k {
				gaps[k]++
			}
			run = 0
		}
	}
	best := 0
	for col, n := range gaps {
		if col < textMinColumnWidth || n < textMinColumnRows/4 {
			continue
		}
		start, both, filled, gapped := 0, 0, 0, 0
		for i := 0; i <= len(rows); i++ {
			r := []rune(nil)
			if i < len(rows) {
				r = rows[i]
			}
			var l, rt string
			if i < len(rows) && len(r) > col {
				l = strings.TrimRight(string(r[:col-1]), " ")
				rt = strings.TrimSpace(string(r[col:]))
			}
			// A line of code or a table's row (a menu laid out as one)
			// is no line of two columns: the run ends before it.
			code := strings.ContainsAny(l, "{}=;") || strings.Contains(l, "()") || textCellCount(strings.TrimSpace(l)) > 1 || textCellCount(rt) > 1
			if i == len(rows) || len(r) >= col && r[col-1] != ' ' || code {
				// The run ends: is it the best so far?
				if both >= textMinColumnRows && gapped >= textMinColumnRows/4 && 3*filled >= 2*both && (both > best || both == best && col < c) {
					best, s, e, c = both, start, i, col
				}
				start, both, filled, gapped = i+1, 0, 0, 0
				continue
			}
			if len(r) <= col {
				continue
			}
			if textWordCount(l) >= 3 && textWordCount(rt) >= 2 {
				both++
				if n := utf8.RuneCountInString(l); n >= col-1-textWrapNear {
					filled++
					if n <= col-4 {
						// Spaces run up to the column inside the line: no
						// wrapped paragraph holds such a gap.
						gapped++
					}
				}
			}
		}
	}
	return s, e, c
}

const (
	textMinColumnRows  = 8  // lines with words on both sides of the column, at least
	textMinColumnWidth = 30 // the left column's width, at least
)

// textStepLines marks the lines that are a step's number alone, as a
// recipe or a guide prints it over its step: a number of one to three
// digits on its own line, with the next number or the one before it on a
// line of its own within textStepReach lines ("1" ... "2"). A count alone
// (a share bar's "1") has no such neighbour.
func textStepLines(lines []string) []bool {
	var steps []bool
	last := make(map[int]int) // a number's latest line
	for n, l := range lines {
		v, ok := textStepNumber(strings.TrimSpace(l))
		if !ok {
			continue
		}
		if steps == nil {
			steps = make([]bool, len(lines))
		}
		if p, seen := last[v-1]; seen && n-p <= textStepReach {
			steps[p], steps[n] = true, true
		}
		last[v] = n
	}
	return steps
}

// textStepReach bounds the lines between two steps' numbers.
const textStepReach = 60

// textStepNumber reads a line that is a number of one to three digits
// alone, maybe closed by "." or ")".
func textStepNumber(s string) (int, bool) {
	s = strings.TrimRight(s, ".)")
	if s == "" || len(s) > 3 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = 10*v + int(s[i]-'0')
	}
	return v, true
}

// textStepText reports a line that reads as a step's text: four words or
// more, opening with a letter.
func textStepText(line string) bool {
	t := strings.TrimSpace(line)
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) && len(strings.Fields(t)) >= 4
}

// textLocalWraps marks the lines whose next line continues them in a
// paragraph wrapped narrower than the text's width (a column of a layout
// table, a sidebar's box) or wider (a table's right cell, indented to its
// column, running past it): three lines or more of a block, one indent,
// where each line but the last is filled so that the next line's first
// word would not fit, and written as prose is (lines going on in a
// lower-case word, a sentence ending inside a line, no line of code).
// Lines of headlines or of a poem start in capitals and end where their
// sentences do.
func textLocalWraps(lines []string, width int) []bool {
	local := make([]bool, len(lines))
	for a := 0; a < len(lines); {
		b := a
		for b < len(lines) && strings.TrimSpace(lines[b]) != "" {
			b++
		}
		// Each run of one indent: a layout table's right cell goes on
		// indented under the lines it shared with the left one. A
		// dumper's placeholder for an ad or an image, set between the
		// column's paragraphs, parts runs: it continues no wrap.
		for s := a; s < b; {
			if textPlaceholderLine(lines[s]) {
				s++
				continue
			}
			e := s + 1
			for e < b && textIndent(lines[e]) == textIndent(lines[s]) && !textPlaceholderLine(lines[e]) {
				e++
			}
			if e-s >= 3 {
				textMarkLocalWrap(lines[s:e], local[s:e], width)
			}
			s = e
		}
		a = b + 1
	}
	return local
}

// textPlaceholderLine reports a line that is a dumper's placeholder for
// an image, a frame or an ad, and nothing else ("[INS::INS]", "[photo-1]").
func textPlaceholderLine(l string) bool {
	l = strings.TrimSpace(l)
	return len(l) > 2 && l[0] == '[' && l[len(l)-1] == ']' && strings.IndexByte(l, ' ') < 0
}

func textMarkLocalWrap(block []string, local []bool, width int) {
	w, indent := 0, textIndent(block[0])
	for i, l := range block {
		if textIndent(l) != indent || i < len(block)-1 && strings.IndexByte(strings.TrimSpace(l), ' ') < 0 {
			return
		}
		if m, _ := textListMarker(strings.TrimSpace(l)); m != "" {
			return
		}
		if i < len(block)-1 {
			w = max(w, textCells(l))
		}
	}
	if w < textMinLocalWrap || width > 0 && w > width-textWrapNear && w <= width+textWrapSlack {
		return // the text's own wrap joins them
	}
	lower, inside := 0, false
	for i := 0; i+1 < len(block); i++ {
		if !textWrapped(block[i], block[i+1], w) {
			return
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(block[i+1])); unicode.IsLower(r) {
			lower++
		}
	}
	ends := false
	for _, l := range block {
		l = strings.TrimSpace(l)
		if textWrapCode(l) || textCellCount(l) > 1 {
			return
		}
		inside = inside || textSentenceInside(l)
		ends = ends || inside || textEndsSentence(l) && !strings.HasSuffix(l, ":")
	}
	if !ends || lower == 0 || 3*lower < len(block)-1 && !inside {
		return
	}
	for i := 0; i+1 < len(block); i++ {
		local[i] = true
	}
}

// textWrapCode reports a line of code among wrapped lines: a semicolon
// between two words ("... hinaus; maßgeblich seien ...") is a writer's,
// in any language, and tells no code; one that ends a statement or
// touches a bracket does.
func textWrapCode(l string) bool {
	if strings.IndexByte(l, ';') < 0 {
		return textCodeLine(l)
	}
	b := []byte(l)
	for i := 1; i+2 < len(b); i++ {
		if b[i] != ';' || b[i+1] != ' ' {
			continue
		}
		before, _ := utf8.DecodeLastRune(b[:i])
		after, _ := utf8.DecodeRune(b[i+2:])
		if unicode.IsLetter(before) && unicode.IsLetter(after) {
			b[i] = ','
		}
	}
	return textCodeLine(string(b))
}

// textSentenceInside reports a sentence ending inside s and another
// starting after it ("... gefährden. Auch").
func textSentenceInside(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && unicode.IsLower(rune(s[i-1])) {
			if r, _ := utf8.DecodeRuneInString(s[i+2:]); unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
}

// textMinLocalWrap is the narrowest column looked for inside a text.
const textMinLocalWrap = 25

// textWrapSlack allows for dumpers that count a trailing space or an
// indent differently from us.
const textWrapSlack = 2

// textSetInCells reports a line whose parts a run of spaces sets apart,
// as a dumper lays out a table's cells (two spaces after a sentence's
// end are a typist's habit, not a cell), or a tab, as a browser's copy
// does.
func textSetInCells(t string) bool {
	for i := 1; i+1 < len(t); i++ {
		if t[i] == '\t' || t[i] == ' ' && t[i+1] == ' ' && !strings.ContainsRune(".?!:;", rune(t[i-1])) {
			return true
		}
	}
	return false
}

// textWrapWidth estimates the width the text was wrapped at, or 0 when it
// was not wrapped: every pair of adjacent lines allows a range of widths
// (the first line fits, the next word would not), and the width most pairs
// allow wins, if enough do.
func textWrapWidth(lines []string) int {
	const maxWidth = 400
	var votes [maxWidth + 2]int
	pairs := 0
	var filled []int // the width of the first line of each pair
	var ends []bool  // whether that line ends a sentence
	for i := 0; i+1 < len(lines); i++ {
		a, b := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1])
		if a == "" || b == "" {
			continue
		}
		if m, _ := textListMarker(b); m != "" {
			continue
		}
		if textNestedItem(a) && textNestedItem(b) && textIndent(lines[i+1]) >= textDeepIndent {
			continue // a nested menu's next item, not a wrap
		}
		n := textCells(lines[i])
		if n < textMinWrapWidth || n > maxWidth {
			continue
		}
		first := b
		if j := strings.IndexByte(b, ' '); j >= 0 {
			first = b[:j]
		}
		hi := min(n+textCells(first), maxWidth)
		pairs++
		filled = append(filled, n)
		ends = append(ends, textEndsSentence(a) && textCapitalised(b))
		votes[n]++
		votes[hi+1]--
	}
	// A wrap width is a ceiling: a width that many lines of several words
	// exceed is not the one the text was wrapped at, however many short
	// pairs (menus, headlines) happen to agree on it.
	// Lines set in cells (a layout table's columns side by side, a form's
	// fields) run past the width the text in them was wrapped at: they
	// are no witness of it.
	// So are the lines of a block (between blank lines) holding one: the
	// cell on the right goes on under an empty one on the left.
	var over [maxWidth + 2]int
	spaced, widest := 0, 0
	cells := false // the block holds a line set in cells
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if i == 0 || strings.TrimSpace(lines[i-1]) == "" {
			cells = false
			for _, m := range lines[i:] {
				if strings.TrimSpace(m) == "" {
					break
				}
				if textSetInCells(strings.TrimSpace(m)) {
					cells = true
					break
				}
			}
		}
		if strings.IndexByte(t, ' ') < 0 {
			continue
		}
		n := min(textCells(l), maxWidth+1)
		widest = max(widest, n)
		if cells {
			continue
		}
		spaced++
		over[n]++
	}
	longer := spaced // lines wider than w+textWrapSlack
	best, bestW, run := 0, 0, 0
	for w := 0; w <= maxWidth; w++ {
		run += votes[w]
		if w+textWrapSlack <= maxWidth {
			longer -= over[w+textWrapSlack]
		}
		if run > best && longer <= textMaxOverWrap+spaced/25 {
			best, bestW = run, w
		}
	}
	if best < 3 {
		return 0
	}
	// A line of words a few cells wider than the estimate says the
	// width is that line's (lines of long words vote for a narrower
	// width too); only far wider ones are unbreakable (an address).
	for w := bestW + textWrapSlack + 1; w <= min(bestW+2*textWrapSlack+1, maxWidth); w++ {
		if over[w] > 0 {
			bestW = w
		}
	}
	// Lines that fill the width and end a sentence, the next opening
	// one, are paragraphs one to a line (a browser's copy without blank
	// lines), not a wrap: a wrap breaks most lines inside a sentence.
	fill, whole := 0, 0
	for k, n := range filled {
		if n >= bestW-textWrapNear && n <= bestW+textWrapSlack {
			fill++
			if ends[k] {
				whole++
			}
		}
	}
	if fill >= textMinWholeLines && 2*whole > fill {
		return 0
	}
	if best*3 < pairs {
		// Most lines that run on to the next stop short of the width
		// (a page's headlines over their dates); the lines that nearly
		// fill it tell: at a wrap width, most of them wrap, and no line
		// of words is wider (a table's rows are).
		if widest > bestW+textWrapSlack {
			return 0
		}
		near := 0
		for _, n := range filled {
			if n >= bestW-textWrapNear && n <= bestW+textWrapSlack {
				near++
			}
		}
		if best*2 < near {
			return 0
		}
	}
	return bestW
}

// textMinWholeLines: this many lines filling the width, most of them
// ending a sentence, say the text is not wrapped.
const textMinWholeLines = 3

// textWrapNear: a line this many cells short of the wrap width or less
// nearly fills it.
const textWrapNear = 10

// textMinWrapWidth is the narrowest wrap the cleaner looks for; shorter
// line pairs are menus and lists, whose breaks are not wraps.
const textMinWrapWidth = 50

// textMaxOverWrap: this many lines of words, and one in 25 more, may be
// wider than the wrap width (an unbreakable address, an indented quote, a
// line the dumper did not wrap).
const textMaxOverWrap = 2

// textCells is the width of s on a terminal-like dump: wide East Asian
// characters take two cells, as the dumper that wrapped them counted.
func textCells(s string) int {
	n := 0
	for _, r := range s {
		n++
		if textWide(r) {
			n++
		}
	}
	return n
}

// textWide reports a character that takes two cells as the dumper counts
// them: CJK ideographs, kana and the marks between them (the long-vowel
// mark U+30FC counts in no script), Hangul, full-width forms and
// punctuation. (Not emoji: the dumper counted them one cell.)
func textWide(r rune) bool {
	return r >= 0x1100 && (textIsCJK(r) || unicode.Is(unicode.Hangul, r) ||
		r >= 0x3000 && r <= 0x30ff || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6)
}

// textCellCount counts the columns of a line whose fields are set apart by
// two or more spaces or by pipes, as a dumped table's are, or by tabs, as
// a browser's copy of a table's are; 1 for ordinary text.
func textCellCount(s string) int {
	n := 1
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '|' && i > 0 && i < len(s)-1:
			n++
		case s[i] == ' ' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t'), s[i] == '\t' && i > 0 && i < len(s)-1:
			n++
			for i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
				i++
			}
		}
	}
	return n
}
