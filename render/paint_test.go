package render

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"
)

const (
	sgrA = "\x1b[48;5;58m"
	sgrB = "\x1b[48;5;24m"
	sgrC = "\x1b[7m"
)

// painted interprets a painted line: for each glyph, which of the given
// SGRs is in effect (the last one seen since a reset), "" for none.
func painted(line string, sgrs ...string) (glyphs []string, active []string) {
	cur := ""
	curs := false
	for i := 0; i < len(line); {
		seq, width, n := nextSeq(line[i:])
		i += n
		if seq[0] == 0x1b {
			if seq == "\x1b[m" || seq == "\x1b[0m" {
				cur, curs = "", false
			}
			for _, s := range sgrs {
				if seq == s {
					if s == sgrC {
						curs = true
					} else {
						cur = s
					}
				}
			}
			continue
		}
		if width == 0 {
			continue
		}
		glyphs = append(glyphs, seq)
		a := cur
		if curs {
			a += "+cursor"
		}
		active = append(active, a)
	}
	return glyphs, active
}

// paintedRuns returns the text under each style, in order, like
// "A:brave|B:new world".
func paintedRuns(line string) string {
	g, a := painted(line, sgrA, sgrB, sgrC)
	var b strings.Builder
	prev := ""
	for i := range g {
		if a[i] != prev && a[i] != "" {
			if b.Len() > 0 {
				b.WriteString("|")
			}
			b.WriteString(name(a[i]) + ":")
		}
		if a[i] != "" {
			b.WriteString(g[i])
		}
		prev = a[i]
	}
	return b.String()
}

func name(s string) string {
	r := strings.NewReplacer(sgrA, "A", sgrB, "B")
	return r.Replace(s)
}

func mustRender(t *testing.T, md string, w int) *Doc {
	t.Helper()
	d, err := Render(md, Options{Width: w, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func rangeOf(t *testing.T, md, s string) (int, int) {
	t.Helper()
	i := strings.Index(md, s)
	if i < 0 {
		t.Fatalf("%q not in source", s)
	}
	return i, i + len(s)
}

func paintOne(t *testing.T, d *Doc, marks []Mark, cursor int, want string) []string {
	t.Helper()
	var runs []string
	for l, line := range d.Paint(0, len(d.Lines), marks, cursor, "") {
		if xansi.Strip(line) != d.Text(l) {
			t.Fatalf("painting changed the text of line %d: %q vs %q", l, xansi.Strip(line), d.Text(l))
		}
		if !SafeLine(line) {
			t.Fatalf("painted line unsafe: %q", line)
		}
		if r := paintedRuns(line); r != "" {
			runs = append(runs, r)
		}
	}
	if got := strings.Join(runs, " / "); got != want {
		t.Errorf("painted runs = %q, want %q", got, want)
	}
	return runs
}

func TestPaintBasicOverlapAdjacent(t *testing.T) {
	md := "Hello brave new world, said the *reader* again.\n"
	d := mustRender(t, md, 80)
	s, e := rangeOf(t, md, "brave")
	paintOne(t, d, []Mark{{s, e, MarkStyle{sgrA}}}, -1, "A:brave")

	// Overlap: the later mark wins where they overlap.
	s1, e1 := rangeOf(t, md, "brave new")
	s2, e2 := rangeOf(t, md, "new world")
	paintOne(t, d, []Mark{{s1, e1, MarkStyle{sgrA}}, {s2, e2, MarkStyle{sgrB}}}, -1, "A:brave |B:new world")
	paintOne(t, d, []Mark{{s2, e2, MarkStyle{sgrB}}, {s1, e1, MarkStyle{sgrA}}}, -1, "A:brave new|B: world")

	// Adjacent marks leave no gap and do not merge.
	s3, e3 := rangeOf(t, md, "Hello ")
	paintOne(t, d, []Mark{{s3, e3, MarkStyle{sgrA}}, {e3, e3 + 5, MarkStyle{sgrB}}}, -1, "A:Hello |B:brave")

	// Across glamour's styling (emphasis resets inside the range).
	s4, e4 := rangeOf(t, md, "the *reader* again")
	paintOne(t, d, []Mark{{s4, e4, MarkStyle{sgrA}}}, -1, "A:the reader again")

	// Cursor alone, and on a mark.
	c, _ := rangeOf(t, md, "world")
	paintOne(t, d, nil, c, "+cursor:w")
	paintOne(t, d, []Mark{{s2, e2, MarkStyle{sgrB}}}, c, "B:new |B+cursor:w|B:orld")
}

func TestPaintInsideBlocks(t *testing.T) {
	md := "- first item here\n  - nested target word\n\n> quoted target text\n\n| col | other |\n|---|---|\n| cell target | x |\n\n```\ncode target line\n```\n"
	d := mustRender(t, md, 60)
	for _, word := range []string{"nested target word", "quoted target text", "cell target", "code target line"} {
		s, e := rangeOf(t, md, word)
		paintOne(t, d, []Mark{{s, e, MarkStyle{sgrA}}}, -1, "A:"+word)
	}
	// A mark across a wrapped table cell paints both lines of it.
	md2 := "| a | b |\n|---|---|\n| one two three four five six | seven |\n"
	d2 := mustRender(t, md2, 30)
	s, e := rangeOf(t, md2, "one two three four five six")
	runs := paintOne(t, d2, []Mark{{s, e, MarkStyle{sgrA}}}, -1, paintedWant(d2, s, e))
	if len(runs) < 2 {
		t.Errorf("wrapped cell should paint on several lines, got %v", runs)
	}
}

// paintedWant derives the expected runs from the map: on each line, the
// text from the first to the last cell inside [s,e).
func paintedWant(d *Doc, s, e int) string {
	var runs []string
	for l := range d.Lines {
		a, b := -1, -1
		for c, o := range d.row(l) {
			if o >= 0 && int(o) >= s && int(o) < e {
				if a < 0 {
					a = c
				}
				b = c
			}
		}
		if a >= 0 {
			runs = append(runs, "A:"+xansi.Cut(d.Text(l), a, b+1))
		}
	}
	return strings.Join(runs, " / ")
}

func TestPaintFrameBounds(t *testing.T) {
	d := mustRender(t, "one\n\ntwo\n", 40)
	out := d.Paint(-2, len(d.Lines)+4, nil, -1, "")
	if len(out) != len(d.Lines)+4 || out[0] != "" || out[len(out)-1] != "" {
		t.Errorf("out-of-range lines should be empty: %s", strconv.Quote(strings.Join(out, "\n")))
	}
}

func TestFind(t *testing.T) {
	md := "Alpha WORLD beta.\n\nA [world link](http://example.com) and `world` code.\n"
	d := mustRender(t, md, 80)
	ms := d.Find("world")
	if len(ms) != 3 {
		t.Fatalf("Find found %d matches, want 3: %+v", len(ms), ms)
	}
	for _, m := range ms {
		if got := strings.ToLower(md[m.Start:m.End]); got != "world" {
			t.Errorf("match %+v covers source %q", m, got)
		}
		if got := xansi.Cut(d.Text(m.Line), m.Col, m.Col+m.Width); strings.ToLower(got) != "world" {
			t.Errorf("match %+v covers cells %q", m, got)
		}
	}
	if len(d.Find("")) != 0 || len(d.Find("absent")) != 0 {
		t.Error("empty or absent query should find nothing")
	}
}

func TestCellOfOffsetRoundTrip(t *testing.T) {
	md := readTestdata(t, "tricky.md")
	d := mustRender(t, md, 60)
	for l := range d.Lines {
		for c := range d.row(l) {
			o := d.Offset(l, c)
			if o < 0 {
				continue
			}
			l2, c2, ok := d.CellOf(o)
			if !ok || d.Offset(l2, c2) != o {
				t.Fatalf("CellOf(%d) = %d,%d,%v; Offset there %d", o, l2, c2, ok, d.Offset(l2, c2))
			}
			if d.LineOf(o) != l2 {
				t.Fatalf("LineOf(%d) = %d, want %d", o, d.LineOf(o), l2)
			}
		}
	}
	if l, c, ok := d.Next(0, 0); !ok || d.Offset(l, c) < 0 {
		t.Errorf("Next(0,0) = %d,%d,%v", l, c, ok)
	}
	if _, _, ok := d.Next(len(d.Lines), 0); ok {
		t.Error("Next past the end should fail")
	}
}

func TestGolden(t *testing.T) {
	md := readTestdata(t, "small.md")
	for _, st := range []string{"dark", "light"} {
		d, err := Render(md, Options{Width: 60, Style: st})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, l := range d.Lines {
			b.WriteString(strconv.Quote(l))
			b.WriteString("\n")
		}
		path := "testdata/small_" + st + ".golden"
		if *update {
			if err := writeFile(path, b.String()); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want := readTestdata(t, "small_"+st+".golden")
		if b.String() != want {
			t.Errorf("%s: rendered lines differ from %s (run go test -update to accept):\n%s", st, path, b.String())
		}
	}
}

// A phrase is found wherever lines wrap it, and quotes, apostrophes,
// dashes, non-breaking spaces and case fold together (issue 12, item 1).
func TestFindAcrossLinesAndFolded(t *testing.T) {
	md := "It made a certain sense to the reporters who wasn’t alone — “helps direct” the story, she said.\n\nAnother\u00a0paragraph here.\n"
	for _, w := range []int{20, 24, 30, 40, 68, 72} {
		d, err := Render(md, Options{Width: w, Style: "dark"})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"made a certain sense", "wasn't alone", "WASN'T ALONE - \"helps direct\"", "helps direct", "another paragraph", "sense to the reporters who"} {
			ms := d.Find(q)
			if len(ms) != 1 {
				t.Errorf("width %d: %q found %d times", w, q, len(ms))
				continue
			}
			got := strings.Map(Fold, md[ms[0].Start:ms[0].End])
			if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(strings.Map(Fold, q)), " ") {
				t.Errorf("width %d: %q matched source %q", w, q, md[ms[0].Start:ms[0].End])
			}
		}
	}
}

func TestFindQuoteFoldsQuotes(t *testing.T) {
	md := "She wasn’t alone in the room.\n"
	s, e, err := FindQuote(md, "wasn't alone")
	if err != nil || md[s:e] != "wasn’t alone" {
		t.Errorf("FindQuote: %q %v", md[s:e], err)
	}
}

func TestFindInTablesAndEmphasis(t *testing.T) {
	md := "Mid*word*emphasis and more.\n\n| Name | Value |\n| --- | --- |\n| alpha | beta |\n"
	d, err := Render(md, Options{Width: 60, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	for q, n := range map[string]int{"midwordemphasis": 1, "alpha beta": 1, "alphabeta": 0} {
		if got := len(d.Find(q)); got != n {
			t.Errorf("%q found %d times, want %d", q, got, n)
		}
	}
}

// An address carries its '&', on the screen and in the links list, not
// "&amp;" (issue 12, item 2); a reference hidden behind one still cannot
// become a control.
func TestAmpersandInAddresses(t *testing.T) {
	md := "See [the page](https://a.example/b?x=1&amp;y=2) and ![a map](https://a.example/m.png?w=640&amp;fit=crop). Text &amp; more.\n\n[bad](https://a.example/?q=&amp;#27;[31m)\n"
	d, text := screenText(t, md, Options{Width: 100, Style: "dark", InlineLinks: true})
	if strings.Contains(text, "&amp;") || !strings.Contains(text, "b?x=1&y=2") || !strings.Contains(text, "w=640&fit=crop") || !strings.Contains(text, "Text & more") {
		t.Errorf("rendered:\n%s", text)
	}
	links := Parse(md).Links()
	if len(links) < 1 || links[0].URL != "https://a.example/b?x=1&y=2" {
		t.Errorf("links: %+v", links)
	}
	for _, l := range d.Lines {
		if strings.Contains(l, "\x1b[31m") {
			t.Errorf("a hidden reference became an escape: %q", l)
		}
	}
	// Every cell still maps into the source.
	off := strings.Index(md, "y=2")
	if l, _, ok := d.CellOf(off); !ok || !strings.Contains(d.Text(l), "y=2") {
		t.Errorf("y=2 maps to line %d %q", l, d.Text(l))
	}
}

// A link reads as its text; its address is in the links list, and
// InlineLinks prints it as glamour does (issue 12, item 4).
func TestLinkAddressesHidden(t *testing.T) {
	md := "Read [the report](https://example.org/report?id=7) before [https://example.org/x](https://example.org/x), or <https://example.org/auto>.\n"
	for _, inline := range []bool{false, true} {
		d, err := Render(md, Options{Width: 100, Style: "dark", InlineLinks: inline})
		if err != nil {
			t.Fatal(err)
		}
		var text string
		for l := range d.Lines {
			text += d.Text(l) + " "
		}
		if shown := strings.Contains(text, "report?id=7"); shown != inline {
			t.Errorf("inline %v: %q", inline, text)
		}
		if !strings.Contains(text, "the report") || !strings.Contains(text, "example.org/auto") {
			t.Errorf("inline %v: link text or autolink lost: %q", inline, text)
		}
		checkMap(t, fmt.Sprint("links inline ", inline), md, d, true)
	}
	if ls := Parse(md).Links(); len(ls) != 3 || ls[0].URL != "https://example.org/report?id=7" {
		t.Errorf("links list: %+v", ls)
	}
}

// CellOf with the per-line index answers exactly what a sorted index of
// every mapped cell answered (the first cell, in reading order, of the
// smallest offset at or after the one asked), also where tables and lists
// show offsets out of order, for every offset including gaps and the ends.
func TestCellOfMatchesCellIndex(t *testing.T) {
	type pos struct{ off, line, col int32 }
	for _, name := range []string{"tricky.md"} {
		md := readTestdata(t, name)
		for _, width := range []int{30, 60, 100} {
			d := mustRender(t, md, width)
			var idx []pos
			for l := range d.cells {
				cl := d.row(l)
				for c, o := range cl {
					if o >= 0 && (c == 0 || cl[c-1] != o) {
						idx = append(idx, pos{o, int32(l), int32(c)})
					}
				}
			}
			sort.SliceStable(idx, func(i, j int) bool { return idx[i].off < idx[j].off })
			for o := -1; o <= len(md)+1; o++ {
				i := sort.Search(len(idx), func(i int) bool { return int(idx[i].off) >= o })
				l, c, ok := d.CellOf(o)
				if i >= len(idx) {
					if ok {
						t.Fatalf("%s@%d: CellOf(%d) = %d,%d past the end", name, width, o, l, c)
					}
					continue
				}
				if !ok || l != int(idx[i].line) || c != int(idx[i].col) {
					t.Fatalf("%s@%d: CellOf(%d) = %d,%d,%v; want %d,%d", name, width, o, l, c, ok, idx[i].line, idx[i].col)
				}
				if cov := d.Covers(o); cov != (o >= int(idx[0].off) && o <= int(idx[len(idx)-1].off)) {
					t.Fatalf("%s@%d: Covers(%d) = %v", name, width, o, cov)
				}
			}
		}
	}
}

// A match ends after its last source unit, however many bytes that unit
// is: a non-ASCII letter, an entity, an escape.
func TestFindEndsAfterWideUnits(t *testing.T) {
	md := "A café here, salt \\& pepper, fish &amp; chips, naïve.\n"
	d := mustRender(t, md, 60)
	for q, want := range map[string]string{"café": "café", "fish &": "fish &amp;", "naïve": "naïve"} {
		ms := d.Find(q)
		if len(ms) != 1 || md[ms[0].Start:ms[0].End] != want {
			t.Errorf("Find(%q) = %+v, want the source %q", q, ms, want)
		}
	}
}

// A link reads as its text with a small reference number, the link's
// number in the links list (issue 12, item 4): a link with an address
// the list leaves out (javascript:) gets none, an autolink shows its
// address and counts, the number maps to no source offset, and a window
// rendered mid-article numbers links as the whole article does.
func TestLinkReferences(t *testing.T) {
	md := "Read [the report](https://example.org/report?id=7), [bad](javascript:x) and <https://example.org/auto>.\n\n" +
		strings.Repeat("Filler paragraph with enough words to make a block.\n\n", 40) +
		"Then [the *second* one](https://example.org/2) and [a mail](mailto:a@b.example).\n"
	links := Parse(md).Links()
	if len(links) != 4 || links[2].URL != "https://example.org/2" {
		t.Fatalf("links list: %+v", links)
	}
	d, err := Render(md, Options{Width: 100, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	var text string
	for l := range d.Lines {
		text += d.Text(l) + "\n"
		for c, r := range []rune(d.Text(l)) {
			if strings.ContainsRune("⁰¹²³⁴⁵⁶⁷⁸⁹", r) && d.Offset(l, c) >= 0 {
				t.Errorf("reference %q at line %d maps to offset %d", r, l, d.Offset(l, c))
			}
		}
	}
	for _, want := range []string{"the report¹,", "bad and", "https://example.org/auto.", "the second one³", "a mail⁴."} {
		if !strings.Contains(text, want) {
			t.Errorf("rendered text lacks %q:\n%s", want, text)
		}
	}
	checkMap(t, "references", md, d, true)
	w, err := RenderAt(md, Options{Width: 100, Style: "dark"}, strings.Index(md, "Then"), 10)
	if err != nil {
		t.Fatal(err)
	}
	var wtext string
	for l := range w.Lines {
		wtext += w.Text(l) + "\n"
	}
	if !strings.Contains(wtext, "the second one³") {
		t.Errorf("window numbers links differently:\n%s", wtext)
	}
	in, _ := Render(md, Options{Width: 100, Style: "dark", InlineLinks: true})
	for l := range in.Lines {
		if strings.ContainsAny(in.Text(l), "¹³") {
			t.Errorf("inline addresses carry references: %q", in.Text(l))
		}
	}
	if Superscript(1024) != "¹⁰²⁴" {
		t.Errorf("Superscript(1024) = %q", Superscript(1024))
	}
}

// A table whose header does not fit its columns prints the header as its
// first row, wrapped in bold: lipgloss cut a header to one line
// ("Pricing tier for the mon…"), and the words were lost from the screen
// and from search. A header that fits keeps its rule; a header's words
// are found and map back to their source.
func TestTableHeaderWraps(t *testing.T) {
	long := "| Pricing tier for the month of the year | Taker fee paid by the customer | Maker fee paid by the customer |\n| --- | --- | --- |\n| Less than ten thousand dollars | 0.60 percent | 0.40 percent |\n"
	short := "| Tier | Taker | Maker |\n| --- | --- | --- |\n| Small | 0.60 | 0.40 |\n"
	for _, c := range []struct {
		md   string
		rule bool
	}{{long, false}, {short, true}} {
		d, text := screenText(t, "Before.\n\n"+c.md+"\nAfter.\n", Options{Width: 60, Style: "dark"})
		if strings.Contains(text, "…") || strings.Contains(text, "─┼─") != c.rule {
			t.Errorf("rule %v wanted:\n%s", c.rule, text)
		}
		if c.rule {
			continue
		}
		for _, w := range []string{"month of the year", "paid by the customer"} {
			if len(d.Find(w)) == 0 {
				t.Errorf("%q not found on screen:\n%s", w, text)
			}
		}
		if lines := strings.Join(d.Lines, "\n"); !strings.Contains(lines, ";1mPricing") && !strings.Contains(lines, "[1mPricing") {
			t.Errorf("the header row is not bold")
		}
	}
}

// A picture without alternative text showed its address alone, a line of
// URL in the text with nothing to say it was a picture: it is labelled
// with its file's name, as decoration that search does not find.
func TestBareImageLabelled(t *testing.T) {
	md := "Before the picture.\n\n![](https://example.com/images/path/harbour-dawn.jpg?w=640)\n\n![A harbour at dawn](https://example.com/h.jpg)\n\nAfter.\n"
	d, text := screenText(t, md, Options{Width: 80, Style: "dark"})
	if !strings.Contains(text, "Image: harbour-dawn.jpg →") || !strings.Contains(text, "Image: A harbour at dawn →") {
		t.Errorf("rendered:\n%s", text)
	}
	if n := len(d.Find("harbour-dawn")); n != 0 {
		t.Errorf("the label was found %d times: it is no text of the article's", n)
	}
	for _, c := range []struct{ dest, want string }{
		{"https://a.example/x/y.png?w=1#f", "y.png"}, {"https://a.example/", "picture"}, {"data:image/png;base64,xx", "picture"},
		// An image server's id, a script: no file's name to show.
		{"https://zdbb.net/l/BFHCvtF8EeO0LCIACh-JyA?width=640", "picture"}, {"https://a.example/avw.php?zoneid=1", "picture"},
	} {
		if got := imageName(c.dest); got != c.want {
			t.Errorf("imageName(%q) = %q, want %q", c.dest, got, c.want)
		}
	}
}

// screenText renders md and returns the document and its lines' text,
// one line each.
func screenText(t *testing.T, md string, opt Options) (*Doc, string) {
	t.Helper()
	d, err := Render(md, opt)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for l := range d.Lines {
		all.WriteString(d.Text(l) + "\n")
	}
	return d, all.String()
}

// The reader's search ignores accents and marks as full-text search does:
// "Friedlander" found no "Friedländer", يعد no يُعدّ, AI no ＡＩ.
func TestFindIgnoresMarks(t *testing.T) {
	md := "Saul Friedländer wrote about phở and café life. يُعدّ النهر طويلا. The ＡＩ model, and a cafe\u0301 too.\n"
	d, err := Render(md, Options{Width: 60, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{"friedlander": "Friedländer", "pho and": "phở and", "يعد": "يُعدّ", "AI model": "ＡＩ model", "Café life": "café life"} {
		ms := d.Find(q)
		if len(ms) != 1 || md[ms[0].Start:ms[0].End] != want {
			t.Errorf("Find(%q) = %+v, want %q", q, ms, want)
		}
	}
	if ms := d.Find("cafe"); len(ms) != 2 {
		t.Errorf("cafe: %d matches, want 2 (café, and e with a combining accent)", len(ms))
	}
}
