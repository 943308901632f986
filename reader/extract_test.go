package reader

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestFromHTMLMetadata(t *testing.T) {
	head := `<link rel="canonical" href="/canonical/harbour">
<meta property="og:site_name" content="Example&#27;]0;pwned&#7; News">
<meta name="author" content="Jane
   Doe &#x9b;2J">
<meta property="og:description" content="How a school   cleared the ice.">
<meta property="og:image" content="/img/lead.jpg">
<meta property="article:published_time" content="2019-11-20T09:28:00Z">`
	a := extractPage(t, page(head, "", "", ""))
	for _, tc := range []struct{ field, got, want string }{
		{"Title", a.Title, "The Harbour Heater"},
		{"Byline", a.Byline, "Jane Doe ›2J"},
		{"SiteName", a.SiteName, "Example]0;pwned News"},
		{"CanonicalURL", a.CanonicalURL, "https://news.example.com/canonical/harbour"},
		{"SourceURL", a.SourceURL, "https://news.example.com/2019/11/harbour-heater.html"},
		{"Language", a.Language, "en"},
		{"Excerpt", a.Excerpt, "How a school cleared the ice."},
		{"LeadImage", a.LeadImage, "https://news.example.com/img/lead.jpg"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, tc.got, tc.want)
		}
		assertNoControls(t, tc.field, tc.got)
	}
	if want := time.Date(2019, 11, 20, 9, 28, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", a.Published, want)
	}
	if a.WordCount != CountWords(a.Text) || a.WordCount < 150 || a.ReadingMinutes != ReadingMinutes(a.WordCount) {
		t.Errorf("WordCount %d, ReadingMinutes %d", a.WordCount, a.ReadingMinutes)
	}
	if strings.HasPrefix(a.Text, "The Harbour Heater") || strings.HasPrefix(a.Markdown, "#") {
		t.Errorf("the title is repeated in the body:\n%s", a.Markdown)
	}
}

func TestFromHTMLMetadataFallbacks(t *testing.T) {
	// og:url stands in for a missing canonical link; JSON-LD datePublished
	// for a missing meta date; the page URL when neither exists.
	head := `<meta property="og:url" content="https://news.example.com/og/harbour">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2018-02-16T18:45:00-05:00","headline":"The Harbour Heater"}]}</script>`
	a := extractPage(t, page(head, "", "", ""))
	if a.CanonicalURL != "https://news.example.com/og/harbour" {
		t.Errorf("CanonicalURL = %q", a.CanonicalURL)
	}
	if a.Published.IsZero() || a.Published.UTC().Format(time.RFC3339) != "2018-02-16T23:45:00Z" {
		t.Errorf("Published = %v", a.Published)
	}
	b := extractPage(t, page("", "", "", ""))
	if b.CanonicalURL != "https://news.example.com/2019/11/harbour-heater.html" {
		t.Errorf("CanonicalURL without tags = %q", b.CanonicalURL)
	}
	// A canonical link with a hostile scheme is not a canonical URL.
	c := extractPage(t, page(`<link rel="canonical" href="javascript:alert(1)">`, "", "", ""))
	if strings.Contains(c.CanonicalURL, "javascript") {
		t.Errorf("CanonicalURL = %q", c.CanonicalURL)
	}
}

func TestFromHTMLNoArticle(t *testing.T) {
	for name, src := range map[string]string{
		"empty":       "",
		"empty body":  "<html><body></body></html>",
		"images only": `<html><body><img src="a.jpg"><img src="b.jpg"></body></html>`,
		"controls":    "\x00\x01\x02\x1b\x07 \u009b",
		"script only": "<html><body><script>var a = 'lots of words here';</script></body></html>",
	} {
		_, err := FromHTML([]byte(src), "", "")
		if !errors.Is(err, ErrNoArticle) {
			t.Errorf("%s: err = %v, want %v", name, err, ErrNoArticle)
		}
		if err != nil && err.Error() != "no article found in the page" {
			t.Errorf("%s: message %q", name, err)
		}
	}
}

func TestFromHTMLShortPage(t *testing.T) {
	// A short note is still an article.
	a, err := FromHTML([]byte("<html><head><title>Note</title></head><body><p>Back at five. Feed the cat.</p></body></html>"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Back at five. Feed the cat." {
		t.Errorf("Text = %q", a.Text)
	}
}

func TestFromHTMLArticleBodyFallback(t *testing.T) {
	// The page shows a teaser; its JSON-LD carries the whole piece.
	var paras []string
	for i := range 12 {
		paras = append(paras, fmt.Sprintf("Paragraph %d of the full story, which the page itself only teases, goes on for a while about the harbour & its boats.", i))
	}
	body, _ := json.Marshal(strings.Join(paras, "\n"))
	src := `<html><head><title>Teaser</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","articleBody":` +
		string(body) + `}</script></head><body><article><p>A teaser of a few words only.</p></article></body></html>`
	a, err := FromHTML([]byte(src), "", "https://example.org/a")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(paras, "\n\n"); a.Text != want {
		t.Errorf("Text = %q, want the JSON-LD body", a.Text)
	}
	if !strings.Contains(a.Markdown, "harbour &amp; its boats") {
		t.Errorf("Markdown does not escape &:\n%s", a.Markdown)
	}
}

func TestFromHTMLCharset(t *testing.T) {
	// windows-1251 declared in the header.
	cyr := "\xcf\xf0\xe8\xe2\xe5\xf2" // "Привет"
	src := "<html><body><article><p>" + strings.Repeat(cyr+" мир. ", 1)
	src = "<html><body><article><p>" + cyr + ", " + strings.Repeat("a b c d e f. ", 30) + "</p></article></body></html>"
	a, err := FromHTML([]byte(src), "text/html; charset=windows-1251", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Привет,") {
		t.Errorf("Text = %q", a.Text[:min(len(a.Text), 40)])
	}
}

// corpusPages returns the shared extraction corpus's pages, or skips.
func corpusPages(t testing.TB) map[string][]byte {
	dir := filepath.Join("..", "..", "shared", "corpus", "extraction", "html")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Skip("../shared not present")
	}
	pages := make(map[string][]byte)
	for _, e := range ents {
		gz, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		pages[strings.TrimSuffix(e.Name(), ".html.gz")] = raw
	}
	return pages
}

// TestCorpusClean runs every corpus page and checks that no control
// character reaches any field, that the Markdown holds no bare '&', and
// that the Markdown keeps the text's paragraph breaks.
func TestCorpusClean(t *testing.T) {
	for id, raw := range corpusPages(t) {
		a, err := FromHTML(raw, "", "https://example.org/"+id)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		for field, s := range map[string]string{"Title": a.Title, "Byline": a.Byline, "SiteName": a.SiteName,
			"CanonicalURL": a.CanonicalURL, "Language": a.Language, "Excerpt": a.Excerpt, "LeadImage": a.LeadImage,
			"Markdown": a.Markdown, "Text": a.Text} {
			assertNoControls(t, id+" "+field, s)
		}
		for field, s := range map[string]string{"Title": a.Title, "Byline": a.Byline, "SiteName": a.SiteName, "Excerpt": a.Excerpt} {
			if strings.ContainsAny(s, "\n\t") {
				t.Errorf("%s: %s is not one line: %q", id, field, s)
			}
		}
		assertNoLiveEntities(t, id+" Markdown", a.Markdown)
		// Every paragraph of the text is a line of its own in the Markdown.
		mdLines := 0
		for _, l := range strings.Split(a.Markdown, "\n") {
			if strings.TrimSpace(l) != "" {
				mdLines++
			}
		}
		if tp := len(strings.Split(a.Text, "\n\n")); mdLines < tp {
			t.Errorf("%s: Markdown has %d lines for %d paragraphs", id, mdLines, tp)
		}
	}
}

// FuzzFromHTML: no panic, no control character in any output field, no
// bare '&' in the Markdown.
func FuzzFromHTML(f *testing.F) {
	for _, name := range []string{"md_structured.html", "md_hostile.html"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(page("", "", "", ""))
	f.Fuzz(func(t *testing.T, src string) {
		a, err := FromHTML([]byte(src), "", "https://example.org/p")
		if err != nil {
			if !errors.Is(err, ErrNoArticle) {
				// Other errors are allowed but must be one line.
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("multi-line error %q", err)
				}
			}
			return
		}
		for field, s := range map[string]string{"Title": a.Title, "Byline": a.Byline, "SiteName": a.SiteName,
			"CanonicalURL": a.CanonicalURL, "Language": a.Language, "Excerpt": a.Excerpt, "LeadImage": a.LeadImage,
			"Markdown": a.Markdown, "Text": a.Text} {
			assertNoControls(t, field, s)
		}
		assertNoLiveEntities(t, "Markdown", a.Markdown)
	})
}

func TestFromHTMLHostile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "md_hostile.html"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := FromHTML(b, "", "https://example.org/p")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Hostile ]0;pwned title" {
		t.Errorf("Title = %q", a.Title)
	}
	for field, s := range map[string]string{"Title": a.Title, "Markdown": a.Markdown, "Text": a.Text, "Excerpt": a.Excerpt} {
		assertNoControls(t, field, s)
	}
	assertNoLiveEntities(t, "Markdown", a.Markdown)
	if strings.Contains(a.Markdown, "javascript") {
		t.Errorf("script link survived:\n%s", a.Markdown)
	}
}

// TestUTF8FastPath checks that parsing a valid UTF-8 page as it stands
// gives exactly what decoding it first gives, on every corpus page and on
// pages carrying controls and bidi overrides.
func TestUTF8FastPath(t *testing.T) {
	pages := corpusPages(t)
	pages["hostile"] = []byte("<html><head><title>T\x1b]0;x\x07 \u202eevil</title></head><body><article><p>" +
		strings.Repeat("Words \u202e\x1b[31mred\u0085 and more words. ", 20) + "</p></article></body></html>")
	for id, raw := range pages {
		if !utf8Body(raw, "") {
			continue
		}
		fast, err1 := FromHTML(raw, "", "https://example.org/"+id)
		src, err := DecodeHTML(raw, "")
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if softHyphenIn([]byte(src)) {
			dropSoftHyphens(doc) // as parseHTML does
		}
		slow, err2 := fromDocument(doc, "https://example.org/"+id, func() (*html.Node, error) { return html.Parse(strings.NewReader(src)) })
		if (err1 == nil) != (err2 == nil) {
			t.Errorf("%s: errors differ: %v / %v", id, err1, err2)
			continue
		}
		if err1 != nil {
			continue
		}
		if fast.Text != slow.Text || fast.Markdown != slow.Markdown || fast.Title != slow.Title || fast.Byline != slow.Byline || fast.Excerpt != slow.Excerpt {
			t.Errorf("%s: the fast path differs from DecodeHTML's", id)
		}
	}
	if utf8Body([]byte("caf\xe9"), "") || utf8Body([]byte("abc"), "text/html; charset=windows-1251") || utf8Body([]byte("\xef\xbb\xbfabc"), "") {
		t.Error("utf8Body accepted a body that needs decoding")
	}
}

func TestTidyByline(t *testing.T) {
	day := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	cases := []struct {
		in, want string
		when     time.Time
	}{
		{"by Tom Rogan", "Tom Rogan", time.Time{}},
		{"By MEG KINNARD and ERRIN HAINES, Associated Press", "MEG KINNARD and ERRIN HAINES, Associated Press", time.Time{}},
		{"by Jeff Foust — November 18, 2019", "Jeff Foust", day(2019, 11, 18, 0, 0)},
		{"Associated Press November 19, 2019, 9:02 AM", "Associated Press", day(2019, 11, 19, 9, 2)},
		{"By Carrie ArnoldNovember 15, 2019", "Carrie Arnold", day(2019, 11, 15, 0, 0)},
		{"Jane Doe | 3 March 2021", "Jane Doe", day(2021, 3, 3, 0, 0)},
		{"Reuters,", "Reuters", time.Time{}},
		{"Текст: Лида Буслаева", "Лида Буслаева", time.Time{}},
		{"Theresa May", "Theresa May", time.Time{}},
		{"By", "By", time.Time{}},
	}
	for _, c := range cases {
		got, when := tidyByline(c.in)
		// Compared as printed: a date without a zone is read in local time.
		if got != c.want || when.IsZero() != c.when.IsZero() || !when.IsZero() && when.Format("2006-01-02 15:04") != c.when.Format("2006-01-02 15:04") {
			t.Errorf("tidyByline(%q) = %q, %v; want %q, %v", c.in, got, when, c.want, c.when)
		}
	}
}

// FuzzFromBytes feeds a local file's bytes through what `margin add FILE`
// does with them: gzip, sniffing, then HTML or text. Whatever comes in, the
// answer is an article with no control characters or one line of error.
// Seeds: testdata/fuzz/FuzzFromBytes (pages plain and gzipped, truncated,
// nested, a gzipped PDF, controls inside gzip).
func FuzzFromBytes(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte, ext string) {
		a, err := fromBytes(raw, ext, "page", "") // the name is the user's, printed sanitised
		checkLoaded(t, a, err)
	})
}

// checkLoaded is what every reading of untrusted bytes promises: a
// one-line error, or an article with text and no control characters.
func checkLoaded(t *testing.T, a *Article, err error) {
	t.Helper()
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("multi-line error %q", err)
		}
		return
	}
	if strings.TrimSpace(a.Text) == "" {
		t.Error("an article with no text")
	}
	for field, s := range map[string]string{"Title": a.Title, "Byline": a.Byline, "Markdown": a.Markdown, "Text": a.Text, "CanonicalURL": a.CanonicalURL} {
		assertNoControls(t, field, s)
	}
}

// TestDropSiteName: a title loses the site's name at its start or end when
// the page names its site or the name is its host, and only then.
func TestDropSiteName(t *testing.T) {
	for _, tc := range []struct{ title, site, host, want string }{
		{"Daily Deals: PS4 Controllers - IGN", "", "ign.com", "Daily Deals: PS4 Controllers"},
		{"Brexit talks stall again | The Guardian", "The Guardian", "theguardian.com", "Brexit talks stall again"},
		{"Brexit talks stall again | The Guardian", "", "theguardian.com", "Brexit talks stall again"},
		{"BBC - Storm hits the coast", "", "bbc.co.uk", "Storm hits the coast"},
		{"BBC News - Storm hits the coast", "", "bbc.co.uk", "BBC News - Storm hits the coast"},
		{"September open thread - The GiveWell Blog", "The GiveWell Blog", "blog.givewell.org", "September open thread"},
		{"Spider-Man - Far From Home review", "", "example.com", "Spider-Man - Far From Home review"},
		{"Review - IGN", "", "ign.com", "Review - IGN"},
		// Chinese and Japanese titles set the bar tight or full width, and
		// their headlines have no spaces.
		{"NEWS WEB EASY|子どもへの体罰を禁止する法律ができる", "NEWS WEB EASY", "www3.nhk.or.jp", "子どもへの体罰を禁止する法律ができる"},
		{"東京で大雪、交通に乱れ｜朝日新聞デジタル", "朝日新聞デジタル", "asahi.com", "東京で大雪、交通に乱れ"},
		{"东京大雪 交通受阻 | 新华网", "新华网", "xinhuanet.com", "东京大雪 交通受阻"},
		{"AC|DC", "", "ac.com", "AC|DC"},
	} {
		if got := dropSiteName(tc.title, tc.site, tc.host); got != tc.want {
			t.Errorf("dropSiteName(%q, %q, %q) = %q, want %q", tc.title, tc.site, tc.host, got, tc.want)
		}
	}
	// Through the whole pipeline: a page without an <h1> that matches.
	a := extractPage(t, strings.Replace(page(`<meta property="og:site_name" content="Example News">`, "", "", ""), "<h1>The Harbour Heater</h1>", "", 1))
	if a.Title != "The Harbour Heater" {
		t.Errorf("title %q", a.Title)
	}
}

// TestFromHTMLSecondContainer: a page whose only text sits where
// go-readability finds no candidate still yields its paragraphs, from the
// densest block of them.
func TestFromHTMLSecondContainer(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><title>Prize</title></head><body><nav><a href="/">Home</a></nav><main><aside class="panel"><section><header>`)
	for i := range 4 {
		fmt.Fprintf(&b, "<p>KEEP paragraph %d: the jury gave the prize to a novel about a harbour town, and the author thanked the fishermen who told him their stories.</p>", i)
	}
	b.WriteString(`</header></section></aside></main><footer>Contact</footer></body></html>`)
	a, err := FromHTML([]byte(b.String()), "", "https://example.org/prize")
	if err != nil {
		t.Fatalf("FromHTML: %v", err)
	}
	if !strings.Contains(a.Text, "KEEP paragraph 0") || !strings.Contains(a.Text, "KEEP paragraph 3") || strings.Contains(a.Text, "Contact") {
		t.Errorf("text:\n%s", a.Text)
	}
}

// TestSecondOpinionWhenNotProse: a result that is mostly not prose (a
// table of names) asks for a second opinion, and the densest block of
// paragraphs wins over it even inside a container whose class names
// furniture ("heading-tag-switch").
func TestSecondOpinionWhenNotProse(t *testing.T) {
	var names strings.Builder
	for i := range 40 {
		fmt.Fprintf(&names, "Constituency %d\n\nMember Name %d\n\n", i, i)
	}
	if !notProse(names.String()) || notProse(strings.Join(bodyParas, "\n\n")) {
		t.Fatal("notProse misjudges a table of names or an article")
	}
	var b strings.Builder
	b.WriteString(`<html><body><div class="article-text heading-tag-switch"><div>`)
	for _, p := range bodyParas {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString(`</div><table>`)
	for i := range 40 {
		fmt.Fprintf(&b, "<tr><td>Constituency %d</td><td>Member Name %d</td></tr>", i, i)
	}
	b.WriteString(`</table></div></body></html>`)
	src := b.String()
	md, text, ok := secondContainer(func() (*html.Node, error) { return html.Parse(strings.NewReader(src)) }, &pageInfo{}, nil, names.String())
	if !ok || !strings.Contains(text, bodyParas[0]) || !strings.Contains(text, bodyParas[4]) || md == "" {
		t.Errorf("second opinion %v:\n%s", ok, text)
	}
}

// TestFromHTMLRecipeFallback: a page that draws its recipe with scripts
// shows the schema.org Recipe's ingredients and steps; a page that shows
// them keeps its own text.
func TestFromHTMLRecipeFallback(t *testing.T) {
	desc := "Pumpkin dumplings are a classic of the autumn kitchen, and this version with sage butter takes an afternoon but rewards every minute of it."
	var steps []string
	for i := range 6 {
		steps = append(steps, fmt.Sprintf(`{"@type":"HowToStep","text":"Step %d: knead the dough again, let it rest in the cold for twenty minutes, then roll it thin on a floured board."}`, i))
	}
	ld := `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Recipe","name":"Pumpkin dumplings","description":"` + desc +
		`","recipeIngredient":["500 g flour","1 egg","300 g pumpkin"],"recipeInstructions":[` + strings.Join(steps, ",") + `]}</script>`
	scripted := `<html><head>` + ld + `</head><body><article><h1>Pumpkin dumplings</h1><p>` + desc + `</p><p>` + desc + `</p></article></body></html>`
	a, err := FromHTML([]byte(scripted), "", "https://example.org/recipe")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"500 g flour", "Step 0: knead the dough", "Step 5: knead the dough"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("lacks %q:\n%s", want, a.Text)
		}
	}
	// Set as a recipe is: the ingredients a list, the steps numbered.
	for _, want := range []string{"\n- 500 g flour\n- 1 egg\n- 300 g pumpkin\n", "\n1. Step 0: knead", "\n6. Step 5: knead"} {
		if !strings.Contains(a.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, a.Markdown)
		}
	}
	var shown strings.Builder
	shown.WriteString(`<html><head>` + ld + `</head><body><article><h1>Pumpkin dumplings</h1><p>` + desc + `</p><ul><li>500 g flour</li><li>1 egg</li><li>300 g pumpkin</li></ul><ol>`)
	for i := range 6 {
		fmt.Fprintf(&shown, "<li>Step %d: knead the dough again, let it rest in the cold for twenty minutes, then roll it thin on a floured board.</li>", i)
	}
	shown.WriteString(`</ol><p>Our own closing words about the dumplings, which only the page itself has and the recipe data does not.</p></article></body></html>`)
	b, err := FromHTML([]byte(shown.String()), "", "https://example.org/recipe")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.Text, "Our own closing words") || strings.Count(b.Text, "Step 0:") != 1 {
		t.Errorf("a page showing its recipe lost its own text:\n%s", b.Text)
	}
}

// A page of a million tiny paragraphs is refused before it is parsed, with
// one line naming the limit (issue 19, item 1).
func TestFromHTMLRefusesTooManyElements(t *testing.T) {
	page := "<html><body><article>" + strings.Repeat("<p>a b.</p>", maxTags) + "</article></body></html>"
	_, err := FromHTML([]byte(page), "text/html", "")
	if err == nil || !strings.Contains(err.Error(), "elements; margin reads pages of up to") {
		t.Errorf("err = %v", err)
	}
	if n := countTags([]byte("<p>a</p> 1 < 2 <br/><!-- x -->"), 100); n != 3 {
		t.Errorf("countTags = %d, want 3", n)
	}
}

// TestSecondOpinionInPageForm: a page that sits wholly in one <form>
// (ASP.NET's WebForms) still has a densest block.
func TestSecondOpinionInPageForm(t *testing.T) {
	var names strings.Builder
	for i := range 40 {
		fmt.Fprintf(&names, "Constituency %d\n\nMember Name %d\n\n", i, i)
	}
	var b strings.Builder
	b.WriteString(`<html><body><form id="aspnetForm" method="post"><main><h1>Members</h1><div class="article-text">`)
	for _, p := range bodyParas {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString(`</div><table>`)
	for i := range 40 {
		fmt.Fprintf(&b, "<tr><td>Constituency %d</td><td>Member Name %d</td></tr>", i, i)
	}
	b.WriteString(`</table></main></form></body></html>`)
	src := b.String()
	_, text, ok := secondContainer(func() (*html.Node, error) { return html.Parse(strings.NewReader(src)) }, &pageInfo{}, nil, names.String())
	if !ok || !strings.Contains(text, bodyParas[0]) || !strings.Contains(text, bodyParas[4]) {
		t.Errorf("second opinion %v:\n%s", ok, text)
	}
}

// TestFromHTMLRecipeAfterStory: a food blog's story is longer than its
// recipe, whose card the page draws apart from the story (here with
// scripts); the recipe's ingredients and steps follow the story. A page
// whose text holds the steps gets no copy of them.
func TestFromHTMLRecipeAfterStory(t *testing.T) {
	var steps []string
	for i := range 5 {
		steps = append(steps, fmt.Sprintf(`{"@type":"HowToStep","text":"Step %d: fry the tofu in hot oil until the edges are golden, then drain it well on paper towels."}`, i))
	}
	ld := `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Recipe","name":"Fried noodles",` +
		`"recipeIngredient":["200 g flat rice noodles","1 block of firm tofu","2 cloves of garlic"],"recipeInstructions":[` + strings.Join(steps, ",") + `]}</script>`
	page := `<html><head>` + ld + `</head><body><article><h1>Fried noodles</h1><p>` + strings.Join(bodyParas, "</p><p>") + `</p></article>` +
		`<div class="recipe-card" id="card"></div></body></html>`
	a, err := FromHTML([]byte(page), "", "https://example.org/noodles")
	if err != nil {
		t.Fatal(err)
	}
	story, ing := strings.Index(a.Text, bodyParas[4]), strings.Index(a.Text, "200 g flat rice noodles")
	if !strings.Contains(a.Text, bodyParas[0]) || story < 0 || ing < story ||
		!strings.HasSuffix(a.Text, "Step 4: fry the tofu in hot oil until the edges are golden, then drain it well on paper towels.") {
		t.Errorf("text:\n%s", a.Text)
	}
	if !strings.Contains(a.Markdown, "\n\n- 200 g flat rice noodles\n- 1 block of firm tofu\n") || !strings.Contains(a.Markdown, "\n1. Step 0: fry") {
		t.Errorf("the recipe is not set as lists:\n%s", a.Markdown)
	}
	var shown strings.Builder
	shown.WriteString(`<html><head>` + ld + `</head><body><article><h1>Fried noodles</h1><p>` + strings.Join(bodyParas, "</p><p>") + `</p><ol>`)
	for i := range 5 {
		fmt.Fprintf(&shown, "<li>Step %d: fry the tofu in hot oil until the edges are golden, then drain it well on paper towels.</li>", i)
	}
	shown.WriteString(`</ol></article></body></html>`)
	b, err := FromHTML([]byte(shown.String()), "", "https://example.org/noodles")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.Text, "Step 0:") != 1 {
		t.Errorf("a page showing its steps got them twice:\n%s", b.Text)
	}
	// A story that lists the ingredients itself gets the steps alone.
	listed := strings.Replace(page, `</p></article>`, `</p><ul><li>200 g flat rice noodles</li><li>1 block of firm tofu</li><li>2 cloves of garlic</li></ul></article>`, 1)
	c, err := FromHTML([]byte(listed), "", "https://example.org/noodles")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(c.Text, "1 block of firm tofu") != 1 || !strings.Contains(c.Markdown, "\n1. Step 0: fry") {
		t.Errorf("ingredients twice, or no steps:\n%s", c.Markdown)
	}
}

// TestCountWordsCJK: Chinese and Japanese write no spaces between words;
// each character counts, so a page of Japanese is not "2 words, 1 min".
func TestCountWordsCJK(t *testing.T) {
	for s, want := range map[string]int{
		"日本語の長い文章です。":              10,
		"中文文章":                     4,
		"Go 言語で書く":                 6, // Go and five characters
		"two words":                2,
		"한국어 문장입니다":                2, // Korean sets spaces between words
		"l'homme d’affaires, 2026": 3,
		// A vowel sign or a vowel point is part of its word: it split
		// Hindi, Arabic and Hebrew words into pieces (14 words for 4).
		"बिस्मिल्लाह भारतीय संगीत परंपरा":        4,
		"بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ": 4,
		"בְּרֵאשִׁית בָּרָא אֱלֹהִים":            3,
		"ประวัติศาสตร์ ของ":                      2,
	} {
		if got := CountWords(s); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestFromHTMLComposesLetters: a page that sets its umlauts and accents as
// a letter and a combining mark gives them composed, in the text and the
// Markdown, so that the words typed in a search or a quote are found.
func TestFromHTMLComposesLetters(t *testing.T) {
	decomposed := "Besonders bei Babyschalen sollte gepru\u0308ft werden, ob die Gurtla\u0308nge im Fahrzeug ausreicht, um den Sitz sicher anzuschnallen, und das Cafe\u0301 bleibt offen."
	var body strings.Builder
	for range 6 {
		body.WriteString("<p>" + decomposed + "</p>")
	}
	a, err := FromHTML([]byte(`<html><head><title>Kindersitze</title></head><body><article>`+body.String()+`</article></body></html>`), "", "https://example.org/sitze")
	if err != nil {
		t.Fatal(err)
	}
	want := "Besonders bei Babyschalen sollte geprüft werden, ob die Gurtlänge im Fahrzeug ausreicht, um den Sitz sicher anzuschnallen, und das Café bleibt offen."
	if !strings.Contains(a.Text, want) || !strings.Contains(a.Markdown, want) || strings.Contains(a.Text, "\u0308") {
		t.Errorf("letters not composed:\ntext %q\nmarkdown %q", a.Text, a.Markdown)
	}
}

// TestFromHTMLSoftHyphens: a hyphenating site sets soft hyphens inside
// its words, the furniture's as well as the story's; the cleaning reads
// the words without them, so a picture credit or a byline is known for
// what it is ("Bild&shy;quelle", "Von Mat&shy;thias"), and the story's
// paragraphs, hyphenated as much, stay whole.
func TestFromHTMLSoftHyphens(t *testing.T) {
	para := "Die Schnee&shy;decke auf dem Hafen&shy;becken ist in diesem Winter dicker als je zuvor, und die Fischer warten auf das Tau&shy;wetter, das die Boote befreit."
	var body strings.Builder
	body.WriteString("<p>Von Mat&#173;thias Lau&#xAD;erer</p>")
	for i := range 6 {
		fmt.Fprintf(&body, "<p>Absatz %d. %s</p>", i, para)
	}
	body.WriteString("<p>Bild&shy;quelle: Hafen&shy;verwaltung Kiel</p>")
	a, err := FromHTML([]byte(`<html><head><title>Der Hafen im Eis</title></head><body><article><h1>Der Hafen im Eis</h1>`+body.String()+`</article></body></html>`), "", "https://example.org/hafen")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "Bildquelle") || strings.Contains(a.Text, "Matthias") {
		t.Errorf("credit or byline kept:\n%s", a.Text)
	}
	want := "Die Schneedecke auf dem Hafenbecken ist in diesem Winter dicker als je zuvor, und die Fischer warten auf das Tauwetter, das die Boote befreit."
	if strings.Count(a.Text, want) != 6 || strings.Contains(a.Text, "\u00ad") {
		t.Errorf("paragraphs not whole:\n%s", a.Text)
	}
	for raw, want := range map[string]bool{
		"a\u00adb": true, "&shy;": true, "&shy": true, "&#173;": true, "&#0173;": true, "&#xad;": true, "&#XAD;": true,
		"&#x00AD;": true, "&#174;": false, "&#xae;": false, "&#x27;": false, "plain &amp; text": false, "&#": false, "&#x": false,
	} {
		if got := softHyphenIn([]byte(raw)); got != want {
			t.Errorf("softHyphenIn(%q) = %v, want %v", raw, got, want)
		}
	}
}

// A Chinese or Japanese page showed its title twice, in the header and as
// the first heading: the cleaning counted words by spaces, so it found no
// first paragraph and no title in the heading.
func TestFromHTMLDropsTheTitleRepeatedCJK(t *testing.T) {
	for _, c := range []struct{ title, paras string }{
		{"経済学の基礎：市場と「見えざる手」", "<p>経済学は、限られた資源をどのように配分するかを研究する学問である。アダム・スミスは一七七六年に『国富論』を出版した。</p><p>市場では、需要と供給のバランスによって価格が決まる。価格が高すぎると需要が減り、低すぎると供給が減る。</p>"},
		{"城市化进程中的传统村落保护", "<p>随着城市化进程的加快，许多传统村落正在迅速消失。据统计，过去十年间，中国的自然村数量减少了约九十万个。</p><p>这一现象引起了学者和政府的广泛关注。专家认为，保护传统村落就是保护文化的根。</p>"},
	} {
		page := `<html><head><title>` + c.title + `</title></head><body><article><h1>` + c.title + `</h1>` + c.paras + `</article></body></html>`
		a, err := FromHTML([]byte(page), "", "https://example.org/x")
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != c.title || strings.Contains(a.Markdown, c.title) {
			t.Errorf("title %q, markdown %q", a.Title, a.Markdown)
		}
	}
}

// A page whose <title> lists the site's sections before the headline
// ("www.example.de: Der Bundespräsident / Reden / Rede von ...") was saved
// under the sections: the <h1> the title holds whole is the headline. A
// blog's name in its <h1> and after the headline in the title is not.
func TestTitleFromTheHeadlineTheTitleHolds(t *testing.T) {
	paras := strings.Repeat("<p>Der Bundespräsident sprach vor den Abgeordneten der Landesparlamente über die Zukunft des Föderalismus in Deutschland und die Rolle der Länder.</p>", 5)
	for _, c := range []struct{ title, h1, want string }{
		{"www.example.de: Der Bundespräsident / Reden / Rede von Bundespräsident Johannes Rau beim Föderalismuskonvent",
			"Rede von Bundespräsident Johannes Rau beim Föderalismuskonvent", "Rede von Bundespräsident Johannes Rau beim Föderalismuskonvent"},
		{"Jangan Membenci Satu Kaum Secara Berlebihan | Kabar tentang Dunia Islam", "Kabar tentang Dunia Islam", "Jangan Membenci Satu Kaum Secara Berlebihan"},
	} {
		page := `<html><head><title>` + c.title + `</title></head><body><header><h1>` + c.h1 + `</h1></header><article>` + paras + `</article></body></html>`
		a, err := FromHTML([]byte(page), "", "https://www.example.de/reden/rau")
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != c.want {
			t.Errorf("title %q, want %q", a.Title, c.want)
		}
	}
}

// TestBylineBlocksApart: a byline element of two blocks (the names, then
// the agency) read "JILL LAWLESSAssociated Press", in the reader's header
// and the export's author. A name that is one word stays as it is.
func TestBylineBlocksApart(t *testing.T) {
	body := `<article><p>LONDON (AP) — Britain's Conservative Party was accused Wednesday of trying to deceive voters by changing the name of its press office account during a televised debate.</p><p>The party's account was rebranded for the duration of the debate between the leaders, with a logo that looked like an independent checker's, and critics said it misled voters.</p><p>The party said the change was clearly labelled and that it had checked the opposition leader's claims in real time, as it would again in the weeks ahead.</p></article>`
	for _, c := range []struct{ byline, want string }{
		{`<div class="ap-story-byline"><div>By DANICA KIRKA and JILL LAWLESS</div><div>Associated Press</div></div>`, "DANICA KIRKA and JILL LAWLESS, Associated Press"},
		{`<div class="byline"><p>By Jane Roe</p><p>Reuters</p></div>`, "Jane Roe, Reuters"},
		{`<div class="byline">By Angus McDonald</div>`, "Angus McDonald"},
	} {
		page := `<html><head><title>UK Tories under fire for Twitter name switch during debate</title></head><body><h1>UK Tories under fire for Twitter name switch during debate</h1>` + c.byline + body + `</body></html>`
		a, err := FromHTML([]byte(page), "text/html; charset=utf-8", "https://example.com/story")
		if err != nil {
			t.Fatal(err)
		}
		if a.Byline != c.want {
			t.Errorf("byline %q, want %q", a.Byline, c.want)
		}
	}
}
