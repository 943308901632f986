package export

import (
	"encoding/json"
	"strings"
	"testing"
	"text/template"

	"go.yaml.in/yaml/v3"

	"margin/internal/article"
	"margin/store"
)

// hlOf places a highlight on the first occurrence of from..to in md.
func hlOf(t *testing.T, md string, id int64, from, to string) store.Highlight {
	t.Helper()
	s := strings.Index(md, from)
	if s < 0 {
		t.Fatalf("no %q", from)
	}
	e := s + strings.Index(md[s:], to) + len(to)
	return store.Highlight{ID: id, ArticleID: 1, Start: s, End: e, Label: "highlight"}
}

// Issue 13, failure 4: --full marks split at link and emphasis boundaries,
// and the article's own == stays text.
func TestFullMarksSplitAtSyntax(t *testing.T) {
	md := "See [the long link text](https://x.test/a?b=1) now, and *some emphasis here* too.\n\nThe article's own ==not a mark== and a==b.\n"
	for _, c := range []struct {
		name     string
		from, to string
		want     string
	}{
		{"ends inside a link", "See", "the long", "==See== [==the long== link text](https://x.test/a?b=1)"},
		{"starts inside a link", "link text", "now", "[the long ==link text==](https://x.test/a?b=1) ==now=="},
		{"ends inside emphasis", "and", "some", "==and== *==some== emphasis here*"},
		{"starts inside emphasis", "emphasis here", "too", "*some ==emphasis here==* ==too=="},
	} {
		got := markFull(md, []store.Highlight{hlOf(t, md, 1, c.from, c.to)})
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: want %q in\n%s", c.name, c.want, got)
		}
		if !strings.Contains(got, `The article's own \=\=not a mark\=\= and a=b.`) && !strings.Contains(got, `The article's own \=\=not a mark\=\= and a\=\=b.`) {
			t.Errorf("%s: the article's own == is not escaped:\n%s", c.name, got)
		}
	}
}

// Issue 13, failure 5: no escaping inside code, in notes or articles.
func TestNoEscapingInsideCode(t *testing.T) {
	note := "Compare:\n\n```c\nprintf(\"100%%\\n\"); // see ^note1\n```\n\nand `a==b %% c` inline, but %% outside and a fake id ^hl-x"
	got := neutralize(note)
	for _, want := range []string{"printf(\"100%%\\n\"); // see ^note1\n", "`a==b %% c`", `but \%\% outside`, `fake id \^hl-x`} {
		if !strings.Contains(got, want) {
			t.Errorf("note: want %q in\n%s", want, got)
		}
	}
	md := "Text ^kept-escaped\n\n```\n// see ^note1\nx == y %% z\n```\n\nRun `a == b` here.\n"
	full := markFull(md, []store.Highlight{hlOf(t, md, 1, "Run", "here")})
	for _, want := range []string{"// see ^note1\nx == y %% z\n", "==Run `a == b` here=="} {
		if !strings.Contains(full, want) {
			t.Errorf("--full: want %q in\n%s", want, full)
		}
	}
}

// Issue 13, failure 7: disagree and question links say so, and the
// argument never cuts a word or a number.
func TestArgumentWords(t *testing.T) {
	for k := 0; k < 8; k++ {
		long := strings.Repeat("w", k) + strings.Repeat(" word", 21) + " she reported in 2004 that the results held."
		got := truncate(long, 120)
		cut := strings.TrimSuffix(got, "…")
		if cut == got || !strings.HasPrefix(long, cut) || long[len(cut)] != ' ' {
			t.Errorf("truncate cut mid-word: %q", got)
		}
	}
	a, hs := fixture(t)
	out, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if strings.Count(s, "- Supports: [[#^") != 2 || strings.Count(s, "- Questions: [[#^") != 1 || strings.Count(s, "- Disputes: [[#^") != 1 {
		t.Errorf("relations:\n%s", s)
	}
}

// Issue 19, item 12: a value of "\t\n" (a FuzzFrontMatter finding) makes
// YAML that go-yaml reads back, in the default front matter and through
// the template's yaml helper.
func TestYAMLWhitespaceValues(t *testing.T) {
	for _, v := range []string{"\t\n", " \n", "\n\t x", "a\n\tb"} {
		y, err := yamlScalar(v)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ K string }
		if err := yaml.Unmarshal([]byte("k: "+y+"\n"), &got); err != nil || got.K != v {
			t.Errorf("yaml %q -> %q -> %q, %v", v, y, got.K, err)
		}
	}
	out, err := Markdown(&store.Article{ID: 1, Content: article.Content{Title: "\t\n", Byline: "\t\n", Excerpt: "\t\n"}}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var fm map[string]any
	if err := yaml.Unmarshal(frontMatterOf(t, out), &fm); err != nil {
		t.Errorf("front matter: %v\n%s", err, out)
	}
}

// Issue 19, item 10: a template cannot take unbounded memory or time.
func TestTemplateBounds(t *testing.T) {
	a, hs := fixture(t)
	for src, want := range map[string]string{
		`{{indent 1000000000 "a\nb"}}`: "indent: 1000000000 spaces is more than 64",
		`{{range 100000000}}x{{end}}`:  "output grew past its limit",
		`{{printf "%999999999d" 1}}`:   "field width or precision of 1000 or more",
		`{{printf "%*d" 999999999 1}}`: "field width or precision of 1000 or more",
	} {
		tpl := template.Must(template.New("t").Funcs(Funcs()).Parse(src))
		_, err := Markdown(a, hs, Options{Template: tpl})
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line saying %q", src, err, want)
		}
	}
	// Within the bounds, the helpers work.
	tpl := template.Must(template.New("t").Funcs(Funcs()).Parse(`{{date "2 Jan 2006" .Saved}} {{date "2006" .DateSaved}} {{indent 2 "a\nb"}} {{url "https://x.test/a b(c)"}} {{range .Highlights}}{{if eq .MarginID 1}}{{link .}} {{date "15:04" .Created}}{{end}}{{end}}`))
	out, err := Markdown(a, hs, Options{Template: tpl})
	if err != nil || !strings.Contains(string(out), "25 Nov 2026 2026 a\n  b https://x.test/a%20b%28c%29 margin://42?highlight=1 07:30") {
		t.Errorf("helpers: %v\n%s", err, out)
	}
}

// Issue 12, item 2, as far as export goes: quotes and addresses carry "&",
// not "&amp;".
func TestExportAmpersands(t *testing.T) {
	md := "The S&amp;P 500 fell, said AT&amp;T.\n"
	a := &store.Article{ID: 5, Content: article.Content{Title: "S&P falls", CanonicalURL: "https://x.test/a?b=1&amp;c=2", Markdown: md}}
	s := strings.Index(md, "S&amp;P")
	e := strings.Index(md, " fell")
	hs := []store.Highlight{{ID: 1, ArticleID: 5, Start: s, End: e, Exact: "S&P 500", Label: "highlight"}}
	out, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n> S&P 500\n", "title: S&P falls\n", "url: https://x.test/a?b=1&c=2\n", "(https://x.test/a?b=1&c=2)", "# S&P falls\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, out)
		}
	}
	full, err := Markdown(a, hs, Options{Full: true})
	if err != nil || !strings.Contains(string(full), "The ==S&P 500== fell, said AT&T.") {
		t.Errorf("--full:\n%s", full)
	}
	if got := plainAmps("a &amp; b &amp;amp; c &amp;#27; d&amp;e=1"); got != "a & b &amp;amp; c &amp;#27; d&e=1" {
		t.Errorf("plainAmps: %q", got)
	}
	js, err := JSON(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(js), "&amp;") || !strings.Contains(string(js), `"exact": "S&P 500"`) {
		t.Errorf("JSON:\n%s", js)
	}
	// An & that could start a reference is still written &amp;.
	if got := escapeText("&#27; &amp; &x"); got != "&amp;#27; &amp;amp; &x" {
		t.Errorf("escapeText: %q", got)
	}
}

// A highlight a refresh placed on reworded text exports what the reader
// highlighted, and shows what the article says now (issue 11).
func TestExportChangedHighlight(t *testing.T) {
	a, hs := fixture(t)
	hs = hs[:1]
	hs[0].Original = "the words I highlighted"
	out, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.Contains(s, "> the words I highlighted") || !strings.Contains(s, "- Now reads: “") {
		t.Errorf("changed highlight:\n%s", s)
	}
}

// An article's own tags reach the note's front matter as Obsidian tags
// (issue 15).
func TestExportArticleTags(t *testing.T) {
	a, hs := fixture(t)
	a.Tags = []string{"Policy", "reading list", "a&b", "margin"}
	out, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var fm struct {
		Tags []string `yaml:"tags"`
	}
	if err := yaml.Unmarshal(frontMatterOf(t, out), &fm); err != nil {
		t.Fatal(err)
	}
	if strings.Join(fm.Tags, " ") != "margin Policy reading-list a-b" {
		t.Errorf("tags %q", fm.Tags)
	}
}

// The W3C export carries the article's tags as one tagging annotation on
// the whole article, before the highlights.
func TestJSONArticleTags(t *testing.T) {
	a, hs := fixture(t)
	a.Tags = []string{"Policy", "reading list"}
	out, err := JSON(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Total int `json:"total"`
		First struct {
			Items []struct {
				ID         string `json:"id"`
				Motivation string `json:"motivation"`
				Body       []struct {
					Value, Purpose string
				} `json:"body"`
				Target struct {
					Source   string `json:"source"`
					Selector []any  `json:"selector"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatal(err)
	}
	it := c.First.Items[0]
	if it.Motivation != "tagging" || len(it.Body) != 2 || it.Body[0].Value != "Policy" || it.Body[1].Purpose != "tagging" ||
		it.Target.Source == "" || it.Target.Selector != nil {
		t.Errorf("first item %+v", it)
	}
	if c.Total != len(c.First.Items) || c.Total != len(hs)+1 {
		t.Errorf("total %d, items %d, highlights %d", c.Total, len(c.First.Items), len(hs))
	}
}

// The note on the whole article is exported above the highlights in
// Markdown, made safe to embed, and as a commenting annotation on the
// article in JSON (issue 15).
func TestExportArticleNote(t *testing.T) {
	a, hs := fixture(t)
	a.Note = "Worth a **second** read.\n\n^hl-stolen"
	out, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	n, h := strings.Index(s, "## Note\n\nWorth a **second** read."), strings.Index(s, "## Highlights")
	if n < 0 || h < 0 || n > h {
		t.Errorf("the note is not above the highlights:\n%s", s)
	}
	if strings.Contains(s, "\n^hl-stolen") {
		t.Errorf("the note's block id was not neutralised:\n%s", s)
	}
	if strings.Contains(s, "## Article") {
		t.Errorf("an Article heading without the article:\n%s", s)
	}
	// With the article's text (--full) a heading parts the note from it:
	// the article's opening read as the note's last paragraph.
	full, err := Markdown(a, hs, Options{Full: true})
	if err != nil {
		t.Fatal(err)
	}
	fs := string(full)
	if i, j := strings.Index(fs, "Worth a **second** read."), strings.Index(fs, "## Article\n\n"); i < 0 || j < i || j > strings.Index(fs, "## Highlights") {
		t.Errorf("no Article heading between the note and the text:\n%s", fs)
	}
	js, err := JSON(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		First struct {
			Items []struct {
				ID, Motivation string
				Body           []struct{ Value, Purpose, Format string }
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(js, &c); err != nil {
		t.Fatal(err)
	}
	it := c.First.Items[0]
	if it.Motivation != "commenting" || !strings.HasSuffix(it.ID, ":note") || len(it.Body) != 1 ||
		!strings.HasPrefix(it.Body[0].Value, "Worth a **second** read.") || it.Body[0].Format != "text/markdown" {
		t.Errorf("first item %+v", it)
	}
	a.Note = ""
	out, _ = Markdown(a, hs, Options{})
	if strings.Contains(string(out), "## Note") {
		t.Error("an empty note exported")
	}
}

// A title of just "=" is quoted: YAML 1.1 readers (PyYAML) take a plain
// "=" for the value key and refuse the whole front matter.
func TestYAMLEqualsSignQuoted(t *testing.T) {
	if got, err := yamlScalar("="); err != nil || got != `"="` {
		t.Errorf("yamlScalar(%q) = %s, %v; want \"=\"", "=", got, err)
	}
	if got, _ := yamlScalar("a = b"); got != "a = b" {
		t.Errorf("yamlScalar(%q) = %s, want it plain", "a = b", got)
	}
}

// A claim whose passage is a quotation already was written in a second
// pair of marks in the argument (**Disagree:** ““No tax is popular…””).
func TestArgumentQuotationMarksOnce(t *testing.T) {
	md := "Intro.\n\n“No tax is popular, but this is an unpopular one,” the minister said to the house.\n\nThen she left.\n"
	claim := hlOf(t, md, 1, "“No tax", "one,”")
	claim.Label, claim.Exact = "claim", md[claim.Start:claim.End]
	out, err := Markdown(&store.Article{ID: 1, Content: article.Content{Title: "T", Markdown: md}}, []store.Highlight{claim}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); strings.Contains(s, "““") || strings.Contains(s, "””") || !strings.Contains(s, "**Claim:** “No tax is popular") {
		t.Errorf("the argument's quote marks:\n%s", s)
	}
}
