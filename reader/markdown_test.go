package reader

import (
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"margin/internal/mdsyntax"
	"margin/render"
	"margin/sanitize"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/net/html"
)

// update rewrites golden files instead of comparing with them.
var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares got with testdata/name, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// findElement returns the first element named tag under n.
func findElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func renderFile(t *testing.T, name string) (md, text string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(sanitize.Text(string(b))))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://example.org/dir/page.html")
	return toMarkdown(findElement(doc, "article"), base)
}

// assertNoControls fails when s holds a control character other than
// newline and tab.
func assertNoControls(t *testing.T, what, s string) {
	t.Helper()
	for i, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			t.Errorf("%s: control character %U at byte %d in %q", what, r, i, s[max(0, i-20):min(len(s), i+20)])
			return
		}
	}
}

// assertNoEntityControls fails when s, read as Markdown by a renderer that
// decodes entities, could yield a control character: every '&' that could
// start a character reference must start "&amp;" or "&lt;" (a bare
// address keeps its other "&"s as they are).
func assertNoLiveEntities(t *testing.T, what, s string) {
	t.Helper()
	for i := strings.IndexByte(s, '&'); i >= 0; i = strings.IndexByte(s, '&') {
		rest := s[i:]
		if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && mdsyntax.EntityLike(rest[1:]) {
			t.Errorf("%s: bare & at %q", what, rest[:min(len(rest), 20)])
			return
		}
		s = rest[1:]
	}
}

func TestMarkdownGolden(t *testing.T) {
	for _, name := range []string{"md_structured", "md_hostile"} {
		t.Run(name, func(t *testing.T) {
			md, text := renderFile(t, name+".html")
			assertNoControls(t, "markdown", md)
			assertNoControls(t, "text", text)
			assertNoLiveEntities(t, "markdown", md)
			golden(t, name+".golden", md+"\n----- text -----\n"+text+"\n")
		})
	}
}

func TestMarkdownStructure(t *testing.T) {
	md, text := renderFile(t, "md_structured.html")
	for _, want := range []string{
		"# A Title &amp; More",
		"*emphasis*", "**strong words**",
		"[relative link](https://example.org/relative/page?a=1&amp;b=2)",
		"[absolute one](https://example.org/x_%28y%29)",
		"[mail link](mailto:someone@example.org)",
		"- Apples\n- Pears\n  - Conference\n  - Comice\n    3. third\n    4. fourth",
		"> To be, or not to be.\n>\n> That is the `question`.",
		"`a &lt; b &amp;&amp; c`", "``x`y``",
		"````go\nfunc main() {",
		"| Name | Value \\| pipe |\n| --- | --- |\n| alpha | *1* |",
		"![A photo \\[of\\] things](https://example.org/img/photo.jpg)",
		"Line one\\\nline two\\\n\\- line three",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	for _, bad := range []string{"javascript", "data:image", "](/", "inline data"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown holds %q:\n%s", bad, md)
		}
	}
	// The script link keeps its words, as text.
	if !strings.Contains(md, "and a script link.") {
		t.Errorf("script link's text lost:\n%s", md)
	}
	// Text: no Markdown syntax, one paragraph per block.
	for _, bad := range []string{"**", "](", "# ", "````", "| ---", "> "} {
		if strings.Contains(text, bad) {
			t.Errorf("text holds Markdown %q:\n%s", bad, text)
		}
	}
	for _, want := range []string{"A Title & More\n\nFirst paragraph with emphasis, strong words, both and a relative link,",
		"Apples\n\nPears\n\nConference", "To be, or not to be.\n\nThat is the question.", "Last words."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestMarkdownHostile(t *testing.T) {
	md, text := renderFile(t, "md_hostile.html")
	for _, bad := range []string{"javascript", "JAVASCRIPT", "data:text", "\x1b", "\u009b"} {
		if strings.Contains(md, bad) || strings.Contains(text, bad) {
			t.Errorf("output holds %q:\n%s\n%s", bad, md, text)
		}
	}
	for _, want := range []string{
		`\*not emphasis\*`, `\_nor this\_`, `\[not a\](link)`, "\\`not code\\`",
		"&lt;b\\>not html&lt;/b\\>", `\~\~not struck\~\~`, `\| not a cell \|`, `\\ backslash`,
		"\\# not a heading", "1\\. not a list", "\\- not a bullet", "\\+ nor this", "\\> not a quote",
		"&amp;\\#27;", "&amp;\\#x1b;",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	// The text is plain: what the page said, controls removed.
	if !strings.Contains(text, "double &#27; and &#x1b;") || !strings.Contains(text, "*not emphasis*") {
		t.Errorf("text lost the page's words:\n%s", text)
	}
}

func TestEscapeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"a & b", "a &amp; b"},
		{"&#27;[31m", "&amp;\\#27;\\[31m"},
		{"<script>", "&lt;script\\>"},
		{"*x* _y_ `z` [l](u) #h |t| ~s~ \\", `\*x\* \_y\_ \` + "`z\\`" + ` \[l\](u) \#h \|t\| \~s\~ \\`},
	} {
		var b strings.Builder
		escapeText(&b, tc.in)
		if b.String() != tc.want {
			t.Errorf("escapeText(%q) = %q, want %q", tc.in, b.String(), tc.want)
		}
	}
}

func TestHardBreaksEscapesLineStarts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"- a", "\\- a"},
		{"+ a", "\\+ a"},
		{"= a", "\\= a"},
		{"12. a", "12\\. a"},
		{"3) a", "3\\) a"},
		{"1986 was", "1986 was"},
		{"one\n  two\n\n- three", "one\\\ntwo\\\n\\- three"},
	} {
		if got := hardBreaks(tc.in); got != tc.want {
			t.Errorf("hardBreaks(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMDDestination(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://e.org/a?b=1&c=2", "https://e.org/a?b=1&amp;c=2"},
		{"https://e.org/a (b)<c>", "https://e.org/a%20%28b%29%3Cc%3E"},
		{"https://e.org/\x1b", "https://e.org/%1B"},
	} {
		if got := mdDestination(tc.in); got != tc.want {
			t.Errorf("mdDestination(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// parseFragment parses src and returns the first element of its body.
func parseFragment(t *testing.T, src string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + src + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	body := findElement(doc, "body")
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	t.Fatal("no element in fragment")
	return nil
}

func TestSqueeze(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""}, {"a b", "a b"}, {" a  b ", "a b"}, {"a\nb\tc", "a b c"}, {"a\u00a0 b", "a b"}, {"é ü", "é ü"},
	} {
		if got := squeeze(tc.in); got != tc.want {
			t.Errorf("squeeze(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestInlineEdgeSpaces: a space just inside an inline element's edge
// (`de<strong> Asuntos</strong>`) separates words in the text and the
// Markdown; soft hyphens (U+00AD) never reach either.
func TestInlineEdgeSpaces(t *testing.T) {
	mid := `<p>Ministerio de<strong> Asuntos</strong> Exteriores, oder<em> YouTube</em> und<a href="/x"> Links</a>,` +
		` auch<b><i> doppelt</i></b> und<code> code</code>; Ende<strong>fett </strong>danach, <code>rehash<br>which</code>.</p>` +
		"<p>Silben\u00adtrennung im Zei\u00adtungs\u00adtext.</p>"
	a := extractPage(t, page("", "", mid, ""))
	for _, want := range []string{"de Asuntos Exteriores", "oder YouTube und Links,", "auch doppelt und code;", "Endefett danach, rehash which.", "Silbentrennung im Zeitungstext."} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, want := range []string{"de **Asuntos** Exteriores", "oder *YouTube* und [Links](", "auch ***doppelt*** und `code`;", "Ende**fett** danach", "Silbentrennung im Zeitungstext."} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, a.Markdown)
		}
	}
	if strings.Contains(a.Text+a.Markdown, "\u00ad") {
		t.Error("a soft hyphen survived")
	}
}

// TestRubyAnnotations: the reading above a word (<rt>, with its <rp>
// fallback parentheses) is left out of the text and the Markdown.
func TestRubyAnnotations(t *testing.T) {
	mid := "<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくすための法律ができました。</p>"
	a := extractPage(t, page("", "", mid, ""))
	if !strings.Contains(a.Text, "子どもへの虐待をなくすための法律ができました。") || !strings.Contains(a.Markdown, "子どもへの虐待をなくすための法律ができました。") {
		t.Errorf("ruby readings kept:\n%s", a.Text)
	}
}

// A bare address in the text is linked and shown whole: an "_" in it was
// escaped, which ended the link there, and its "&" was written "&amp;",
// which the reader showed as such. An "&" that could start a character
// reference is still written "&amp;", and an address in a link's text or
// glued to a word is text.
func TestBareAddressesKeptWhole(t *testing.T) {
	const page = `<html><body><article><h1>The harbour</h1>
<p>The council wrote about it at https://en.wikipedia.org/wiki/Harbour_(port) and at https://e.org/search?a=1&amp;b=2&amp;c=x_y, said the teacher, who had read every report on the harbour.</p>
<p>https://example.org/start_of_paragraph opens this one, and a hostile https://x.org/a?q=&amp;#27[31m follows; see <a href="https://example.org/x">https://example.org/x_y</a> too, and word-https://example.org/glued_on.</p>
</article></body></html>`
	a, err := FromHTML([]byte(page), "", "https://example.org/page")
	if err != nil {
		t.Fatal(err)
	}
	assertNoLiveEntities(t, "markdown", a.Markdown)
	var got []string
	for _, l := range render.Parse(a.Markdown).Links() {
		got = append(got, l.URL)
	}
	want := []string{"https://en.wikipedia.org/wiki/Harbour_(port)", "https://e.org/search?a=1&b=2&c=x_y",
		"https://example.org/start_of_paragraph", "https://x.org/a?q=&amp;#27[31m", "https://example.org/x"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s\nmarkdown:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), a.Markdown)
	}
	if !strings.Contains(a.Markdown, `word-https://example.org/glued\_on`) {
		t.Errorf("an address glued to a word is text, escaped:\n%s", a.Markdown)
	}
	d, err := render.Render(a.Markdown, render.Options{Width: 200, Style: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	shown := ansi.Strip(strings.Join(d.Lines, "\n"))
	for _, s := range []string{"https://e.org/search?a=1&b=2&c=x_y,", "https://en.wikipedia.org/wiki/Harbour_(port) and"} {
		if !strings.Contains(shown, s) {
			t.Errorf("the reader does not show %q:\n%s", s, shown)
		}
	}
	// Pasted text the same.
	p, err := FromText("The harbour\n\nThe council wrote about it at https://en.wikipedia.org/wiki/Harbour_(port) and at https://e.org/search?a=1&b=2, said the teacher.\n\nhttps://example.org/start_of_paragraph opens the second paragraph of the note.")
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, l := range render.Parse(p.Markdown).Links() {
		got = append(got, l.URL)
	}
	want = []string{"https://en.wikipedia.org/wiki/Harbour_(port)", "https://e.org/search?a=1&b=2", "https://example.org/start_of_paragraph"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pasted text's links:\n%s\nwant:\n%s\nmarkdown:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), p.Markdown)
	}
}

// TestAdImagesLeftOut: an ad server's banner and a tracking pixel in the
// article were kept as its pictures; a picture right after a word was
// glued to it ("he posts.![](...)", shown "posts.Image: ...").
func TestAdImagesLeftOut(t *testing.T) {
	mid := `<p>Ministers met on Tuesday to agree the budget, and the debate ran late into the night.` +
		`<img src="https://ads.example.net/adserver/www/delivery/avw.php?zoneid=720&amp;cb=1" alt=""></p>` +
		`<p>The opposition walked out before the vote.<img src="https://stats.example.com/b.gif" width="1" height="1">` +
		`<img src="https://ad.doubleclick.net/ddm/ad/x;sz=1x1"></p>` +
		`<p>He shares the stuff he posts.<img src="https://img.example.com/l/BFHCvtF8Ee?w=640" alt=""></p>` +
		`<p><img src="https://img.example.com/photos/harbour.jpg" alt="The harbour at dawn"></p>`
	a := extractPage(t, page("", "", mid, ""))
	for _, bad := range []string{"avw.php", "b.gif", "doubleclick"} {
		if strings.Contains(a.Markdown, bad) {
			t.Errorf("an ad's picture kept (%s):\n%s", bad, a.Markdown)
		}
	}
	for _, want := range []string{"he posts. ![](https://img.example.com/l/BFHCvtF8Ee", "![The harbour at dawn](https://img.example.com/photos/harbour.jpg)"} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, a.Markdown)
		}
	}
}

// A quotation set in a table (a wiki's quote template: a big opening mark
// in one cell, the quotation in the next, its source in a row under it)
// reads as the quotation, not as a grid with an empty header and a cell
// of one quotation mark. A table of data with one long cell stays a table.
func TestQuoteBoxTableReadsAsText(t *testing.T) {
	quote := "“Penny lives with her mom, Pam, in a little trailer by the river. While Pam is out carousing at the saloon, Penny quietly tends to her chores in the dim, stuffy room she is forced to call home.”"
	box := `<article><p>Intro paragraph.</p><table><tr><td rowspan="2"> &#8220;</td><td>` + quote + `</td></tr>` +
		`<tr><td> &#8212; <a href="https://example.org/update">Dev Update #12</a></td></tr></table><p>After.</p></article>`
	doc, err := html.Parse(strings.NewReader(box))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://example.org/wiki/Penny")
	md, _ := toMarkdown(findElement(doc, "article"), base)
	if strings.Contains(md, "|") || !strings.Contains(md, "\n\n"+quote+"\n\n") || !strings.Contains(md, "Dev Update") {
		t.Errorf("quote box:\n%s", md)
	}
	for _, l := range strings.Split(md, "\n") {
		if strings.TrimSpace(l) == "“" {
			t.Errorf("the quotation mark's cell is a paragraph of its own:\n%s", md)
		}
	}
	data := `<article><table><tr><th>Term</th><th>Meaning</th></tr><tr><td>claim</td><td>` + quote + `</td></tr>` +
		`<tr><td>evidence</td><td>what supports it</td></tr></table></article>`
	doc, _ = html.Parse(strings.NewReader(data))
	if md, _ := toMarkdown(findElement(doc, "article"), base); !strings.Contains(md, "| claim |") {
		t.Errorf("a table of terms lost its grid:\n%s", md)
	}
}
