package export

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/template"
	"time"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"margin/internal/article"
	"margin/render"
	"margin/sanitize"
	"margin/store"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// hostileTitle carries traversal, a YAML document break, a reserved name, a
// bidi override, HTML, an entity-encoded ESC, a javascript link and raw
// terminal controls (ESC, BEL, a C1 CSI).
const hostileTitle = "../../etc/passwd\n---\nCON.\u202e <b>&#27;[x](javascript:y)\x1b[2J\a\u009b"

// fixtureMD is a small clean article with the block kinds a highlight can
// cross: paragraphs, emphasis, a quote, a list, a table and a code span.
const fixtureMD = `Most of what we read leaves no trace. The remedy is old and cheap: read with a pencil.

## Why marking works

When you mark a passage you make a small decision. Deciding is a form of thinking, and **thinking is what makes things stick**.

> The margin is where the reader talks back.

1. **The claim**: what the author wants you to believe.
2. **The evidence**: the facts offered for it.

| Mark | Passage |
| --- | --- |
| claim | on-demand service carries more riders |

Run ` + "`margin export`" + ` to keep them.
`

// noteMD is a multi-line note in Markdown with everything that could break
// the file's structure if pasted as is.
const noteMD = "The **thesis**. Compare:\n\n- point one\n- point two\n\n# Not a heading of the export\n\n%% an unbalanced Obsidian comment\nends with a fake id ^hl-fake\nraw \x1b]52;c;bad\a escape and &#27;[31m entity\n```go\nfunc unclosed() {"

func span(t testing.TB, quote string) (int, int) {
	t.Helper()
	i := strings.Index(fixtureMD, quote)
	if i < 0 {
		t.Fatalf("fixture has no %q", quote)
	}
	return i, i + len(quote)
}

func fixture(t testing.TB) (*store.Article, []store.Highlight) {
	t.Helper()
	a := &store.Article{
		ID: 42,
		Content: article.Content{
			SourceURL:      "https://example.com/essay?a=1&b=(2) x",
			Title:          hostileTitle,
			Byline:         "Ann Author <ann@example.com>\x1b[1m",
			SiteName:       "Example Essays",
			Published:      time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC),
			Markdown:       fixtureMD,
			WordCount:      95,
			ReadingMinutes: 1,
		},
		Added: time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC),
	}
	at := time.Date(2026, 11, 25, 7, 30, 0, 0, time.UTC)
	mk := func(id int64, label, from, to, exact, note string, supports int64) store.Highlight {
		s, _ := span(t, from)
		_, e := span(t, to)
		return store.Highlight{ID: id, ArticleID: a.ID, Start: s, End: e, Exact: exact, Label: label,
			Note: note, Supports: supports, Created: at, Updated: at.Add(time.Minute),
			Prefix: "leaves no trace. ", Suffix: ""}
	}
	hs := []store.Highlight{
		// Out of reading order on purpose: the export sorts.
		mk(3, "question", "The margin is where", "talks back.", "The margin is where the reader talks back.", "Is it, though?", 1),
		mk(1, "claim", "The remedy", "with a pencil.", "The remedy is old and cheap: read with a pencil.", noteMD, 0),
		mk(2, "evidence", "Deciding", "makes things stick", "Deciding is a form of thinking, and thinking is what makes things stick", "", 1),
		mk(4, "disagree", "what the author", "The evidence", "what the author wants you to believe.\nThe evidence", "Not *always*.", 1),
		mk(5, "highlight", "claim | on-demand", "on-demand service", "claim on-demand service", "", 0),
		mk(6, "highlight", "export` to", "to keep", "export to keep", "", 0),
		// A link to a highlight that is not a claim is not an argument.
		mk(7, "question", "Most of what", "no trace.", "Most of what we read leaves no trace.", "", 5),
		{ID: 8, ArticleID: a.ID, Exact: "a sentence that was\nedited away", Label: "evidence", Note: "Still want this.", Orphan: true, Supports: 1, Created: at},
	}
	return a, hs
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./export -run %s -update to accept):\n%s", name, t.Name(), got)
	}
}

// assertClean fails if out holds a control character other than newline
// and tab.
func assertClean(t *testing.T, out []byte) {
	t.Helper()
	for i, r := range string(out) {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			t.Fatalf("control %U at byte %d", r, i)
		}
	}
}

func TestMarkdownGolden(t *testing.T) {
	a, hs := fixture(t)
	out, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, out)
	golden(t, "markdown.golden", out)
}

func TestMarkdownFullGolden(t *testing.T) {
	a, hs := fixture(t)
	out, err := Markdown(a, hs, Options{Full: true})
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, out)
	golden(t, "full.golden", out)
}

func TestJSONGolden(t *testing.T) {
	a, hs := fixture(t)
	out, err := JSON(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "json.golden", out)
}

func TestTemplateGolden(t *testing.T) {
	tpl, err := LoadTemplate(filepath.Join("testdata", "omnivore.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	a, hs := fixture(t)
	out, err := Markdown(a, hs, Options{Template: tpl})
	if err != nil {
		t.Fatal(err)
	}
	assertClean(t, out)
	golden(t, "template.golden", out)
}

// headings parses Markdown as Obsidian-flavoured CommonMark would and
// returns the document's top-level headings and every link destination.
func headings(t *testing.T, md []byte) (heads []string, links []string) {
	t.Helper()
	p := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	doc := p.Parse(text.NewReader(md))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			heads = append(heads, string(h.Lines().Value(md)))
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, enter bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && enter {
			links = append(links, string(l.Destination))
		}
		if h, ok := n.(*ast.RawHTML); ok && enter {
			seg := h.Segments.At(0)
			t.Errorf("raw HTML in the export: %q", seg.Value(md))
		}
		if h, ok := n.(*ast.HTMLBlock); ok && enter {
			// Only the margin region's two marker comments.
			if v := string(h.Lines().Value(md)); !strings.HasPrefix(v, regionBegin) && strings.TrimSpace(v) != regionEnd {
				t.Errorf("HTML block in the export: %q", v)
			}
		}
		return ast.WalkContinue, nil
	})
	return heads, links
}

// TestMarkdownStructure checks that neither the hostile title nor the note
// (an unclosed fence, a heading, a fake block id) changes the outline.
func TestMarkdownStructure(t *testing.T) {
	a, hs := fixture(t)
	for _, full := range []bool{false, true} {
		out, err := Markdown(a, hs, Options{Full: full})
		if err != nil {
			t.Fatal(err)
		}
		body := out[bytes.Index(out[4:], []byte("\n---\n"))+9:]
		heads, links := headings(t, body)
		want := []string{`../../etc/passwd --- CON. \<b\>&amp;#27;\[x\](javascript:y)\[2J`, "Highlights", "Argument", "Orphaned highlights"}
		if full {
			want = slices.Insert(want, 1, "Why marking works")
		}
		if !slices.Equal(heads, want) {
			t.Errorf("full=%v: top-level headings\n got %q\nwant %q", full, heads, want)
		}
		if !slices.Equal(links, []string{"https://example.com/essay?a=1&b=%282%29%20x"}) {
			t.Errorf("full=%v: links %q, want only the source", full, links)
		}
		s := string(out)
		for _, id := range []string{"hl-fake"} {
			if strings.Contains(s, " ^"+id) {
				t.Errorf("note defines block id %s", id)
			}
		}
		for _, h := range hs {
			if n := strings.Count(s, "\n^"+ShortID(h)+"\n"); n != 1 {
				t.Errorf("block id of highlight %d appears %d times", h.ID, n)
			}
		}
	}
}

func TestFrontMatterRoundTrip(t *testing.T) {
	a, hs := fixture(t)
	out, err := Markdown(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fm := frontMatterOf(t, out)
	var got struct {
		Title      string    `yaml:"title"`
		Author     string    `yaml:"author"`
		Site       string    `yaml:"site"`
		URL        string    `yaml:"url"`
		Saved      time.Time `yaml:"saved"`
		Published  time.Time `yaml:"published"`
		Tags       []string  `yaml:"tags"`
		Labels     []string  `yaml:"labels"`
		Highlights int       `yaml:"highlights"`
		MarginID   int64     `yaml:"margin_id"`
		MarginOpen string    `yaml:"margin_open"`
		MarginURL  string    `yaml:"margin_url"`
		Aliases    []string  `yaml:"aliases"`
		// Omnivore's keys, for existing Dataview queries.
		DateSaved     time.Time `yaml:"date_saved"`
		DatePublished time.Time `yaml:"date_published"`
		SiteName      string    `yaml:"site_name"`
		OriginalURL   string    `yaml:"original_url"`
		WordsCount    int       `yaml:"words_count"`
		ReadLength    int       `yaml:"read_length"`
		State         string    `yaml:"state"`
	}
	if err := yaml.Unmarshal(fm, &got); err != nil {
		t.Fatalf("front matter does not parse: %v\n%s", err, fm)
	}
	if want := oneLine(sanitize.Text(hostileTitle)); got.Title != want || !slices.Equal(got.Aliases, []string{want}) {
		t.Errorf("title %q aliases %q, want %q", got.Title, got.Aliases, want)
	}
	if got.MarginOpen != "margin open 42" || got.MarginURL != "margin://42" {
		t.Errorf("link back: %q %q", got.MarginOpen, got.MarginURL)
	}
	if !got.DateSaved.Equal(a.Added) || !got.DatePublished.Equal(a.Published) || got.SiteName != "Example Essays" ||
		got.OriginalURL != a.SourceURL || got.WordsCount != 95 || got.ReadLength != 1 || got.State != "Inbox" {
		t.Errorf("Omnivore keys: %+v", got)
	}
	if got.Author != "Ann Author <ann@example.com>[1m" || got.Site != "Example Essays" || got.URL != a.SourceURL {
		t.Errorf("author/site/url: %q %q %q", got.Author, got.Site, got.URL)
	}
	if !got.Saved.Equal(a.Added) || !got.Published.Equal(a.Published) {
		t.Errorf("saved %v published %v", got.Saved, got.Published)
	}
	if !slices.Equal(got.Labels, store.Labels) {
		t.Errorf("labels %q, want all of %q", got.Labels, store.Labels)
	}
	if got.Highlights != len(hs) || got.MarginID != 42 || !slices.Equal(got.Tags, []string{"margin"}) {
		t.Errorf("highlights %d margin_id %d tags %q", got.Highlights, got.MarginID, got.Tags)
	}
}

// frontMatterOf returns the YAML between the opening and closing "---".
func frontMatterOf(t testing.TB, md []byte) []byte {
	t.Helper()
	if !bytes.HasPrefix(md, []byte("---\n")) {
		t.Fatalf("no front matter:\n%s", md)
	}
	end := bytes.Index(md, []byte("\n---\n"))
	if end < 0 {
		t.Fatalf("front matter not closed:\n%s", md)
	}
	return md[4 : end+1]
}

func TestJSONRoundTrip(t *testing.T) {
	a, hs := fixture(t)
	out, err := JSON(a, hs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Context string `json:"@context"`
		Type    string `json:"type"`
		Label   string `json:"label"`
		Total   int    `json:"total"`
		First   struct {
			Type  string `json:"type"`
			Items []struct {
				ID         string `json:"id"`
				Type       string `json:"type"`
				Motivation string `json:"motivation"`
				Body       []struct {
					Type, Value, Format, Source, Purpose string
				} `json:"body"`
				Target struct {
					Source   string `json:"source"`
					Selector []struct {
						Type                  string
						Exact, Prefix, Suffix string
						Start, End            *int
					} `json:"selector"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatal(err)
	}
	if c.Context != "http://www.w3.org/ns/anno.jsonld" || c.Type != "AnnotationCollection" || c.First.Type != "AnnotationPage" {
		t.Errorf("collection: %q %q %q", c.Context, c.Type, c.First.Type)
	}
	if c.Label != sanitize.Text(hostileTitle) || c.Total != len(hs) || len(c.First.Items) != len(hs) {
		t.Errorf("label %q total %d items %d", c.Label, c.Total, len(c.First.Items))
	}
	byID := map[string]store.Highlight{}
	for _, h := range hs {
		byID[annoID(a.ID, h.ID)] = h
	}
	plain := render.NewPlainText(fixtureMD).Text
	runes := []rune(plain)
	purposes := map[string]int{}
	for _, it := range c.First.Items {
		if it.Type != "Annotation" || it.Target.Source != a.SourceURL {
			t.Errorf("%s: type %q source %q", it.ID, it.Type, it.Target.Source)
		}
		q := it.Target.Selector[0]
		h, ok := byID[it.ID]
		if q.Type != "TextQuoteSelector" || !ok {
			t.Fatalf("%s: first selector %+v", it.ID, q)
		}
		if want := map[bool]string{true: "commenting", false: "highlighting"}[h.Note != ""]; it.Motivation != want {
			t.Errorf("%s: motivation %q, want %q", it.ID, it.Motivation, want)
		}
		if h.Orphan != (len(it.Target.Selector) == 1) {
			t.Errorf("%s: orphan %v with %d selectors", it.ID, h.Orphan, len(it.Target.Selector))
		}
		if len(it.Target.Selector) == 2 {
			p := it.Target.Selector[1]
			if p.Type != "TextPositionSelector" || p.Start == nil || p.End == nil {
				t.Fatalf("%s: second selector %+v", it.ID, p)
			}
			// The position selects exact in the plain text, with the
			// prefix right before it and the suffix right after.
			pre, suf := []rune(q.Prefix), []rune(q.Suffix)
			if *p.Start < len(pre) || *p.End+len(suf) > len(runes) ||
				string(runes[*p.Start-len(pre):*p.End+len(suf)]) != q.Prefix+q.Exact+q.Suffix {
				t.Errorf("%s: prefix+exact+suffix %q is not at %d..%d of the plain text", it.ID, q.Prefix+q.Exact+q.Suffix, *p.Start, *p.End)
			}
			if strings.Contains(q.Prefix+q.Exact+q.Suffix, "\n\n") || strings.ContainsAny(q.Exact, "*|") {
				t.Errorf("%s: selector carries Markdown or blank lines: %+v", it.ID, q)
			}
		}
		for _, b := range it.Body {
			purposes[b.Purpose]++
			switch b.Purpose {
			case "tagging":
				if b.Value != h.Label && !(h.Orphan && b.Value == "orphan") {
					t.Errorf("%s: tag %q, want %q", it.ID, b.Value, h.Label)
				}
			case "commenting":
				if b.Value != sanitize.Text(h.Note) || b.Format != "text/markdown" {
					t.Errorf("%s: note %q (%s)", it.ID, b.Value, b.Format)
				}
			case "linking":
				if b.Source != "urn:margin:article:42:highlight:1" {
					t.Errorf("%s: links to %q", it.ID, b.Source)
				}
			}
		}
	}
	// Every highlight is tagged, the orphan twice; four have notes; the
	// evidence, question, disagree and orphan evidence link to the claim.
	if purposes["tagging"] != 9 || purposes["commenting"] != 4 || purposes["linking"] != 4 {
		t.Errorf("body purposes %v", purposes)
	}
}

func TestLabelFilter(t *testing.T) {
	a, hs := fixture(t)
	out, err := Markdown(a, hs, Options{Labels: []string{"Evidence", "question"}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if strings.Contains(s, "#claim") || strings.Contains(s, "## Argument") || strings.Contains(s, "Supports:") {
		t.Errorf("claim or links to it leaked into an evidence/question export:\n%s", s)
	}
	fm := frontMatterOf(t, out)
	if !bytes.Contains(fm, []byte("labels:\n    - evidence\n    - question\n")) || !bytes.Contains(fm, []byte("highlights: 4\n")) {
		t.Errorf("front matter:\n%s", fm)
	}
	if _, err := Markdown(a, hs, Options{Labels: []string{"claims"}}); err == nil || !strings.Contains(err.Error(), `unknown label "claims"`) {
		t.Errorf("unknown label: %v", err)
	}
}

func TestNoHighlights(t *testing.T) {
	a, _ := fixture(t)
	a.Title = ""
	out, err := Markdown(a, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte("# Untitled\n")) || !bytes.Contains(out, []byte("No highlights.")) || bytes.Contains(out, []byte("## Argument")) {
		t.Errorf("empty export:\n%s", out)
	}
	if _, err := Markdown(&store.Article{ID: 3}, nil, Options{Full: true}); err == nil {
		t.Error("full export of an article without text did not fail")
	}
	if _, err := Markdown(nil, nil, Options{}); err == nil {
		t.Error("nil article did not fail")
	}
}

func TestShortIDStable(t *testing.T) {
	seen := map[string]bool{}
	for art := int64(1); art <= 20; art++ {
		for id := int64(1); id <= 200; id++ {
			h := store.Highlight{ID: id, ArticleID: art, Note: "changes do not matter"}
			s := ShortID(h)
			h.Note, h.Start, h.Label = "", 99, "claim"
			if ShortID(h) != s {
				t.Fatalf("ShortID depends on more than the ids")
			}
			if !strings.HasPrefix(s, "hl-") || len(s) > 3+8 || strings.Trim(s[3:], "0123456789abcdefghijklmnopqrstuvwxyz") != "" {
				t.Fatalf("ShortID %q is not hl- and base 36", s)
			}
			if seen[s] {
				t.Fatalf("ShortID %q repeats", s)
			}
			seen[s] = true
		}
	}
	// Pinned: a vault links to these, so they must never change.
	const pinnedShortID = "hl-2djagrg3"
	if got := ShortID(store.Highlight{ArticleID: 42, ID: 1}); got != pinnedShortID {
		t.Errorf("ShortID(42, 1) = %q, was %q: existing links in users' vaults would break", got, pinnedShortID)
	}
}

func TestTemplateFuncs(t *testing.T) {
	tpl := template.Must(template.New("t").Funcs(Funcs()).Parse("---\ntitle: {{yaml .Title}}\ntags: {{yaml .Tags}}\n---\nbody\n"))
	a, hs := fixture(t)
	out, err := Markdown(a, hs, Options{Template: tpl})
	if err != nil {
		t.Fatal(err)
	}
	// A template's output may go anywhere, so even YAML values lose
	// references to controls (&#27; becomes &amp;#27;).
	var got struct {
		Title string   `yaml:"title"`
		Tags  []string `yaml:"tags"`
	}
	if err := yaml.Unmarshal(frontMatterOf(t, out), &got); err != nil || got.Title != neutralizeRefs(sanitize.Text(hostileTitle)) || !slices.Equal(got.Tags, []string{"margin"}) {
		t.Errorf("yaml func: %v %+v\n%s", err, got, out)
	}
	bad := template.Must(template.New("bad").Parse("{{.Nope}}"))
	if _, err := Markdown(a, hs, Options{Template: bad}); err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("unknown field: %v", err)
	}
	if _, err := LoadTemplate(filepath.Join(t.TempDir(), "missing.tmpl")); err == nil {
		t.Error("missing template did not fail")
	}
	p := filepath.Join(t.TempDir(), "broken.tmpl")
	os.WriteFile(p, []byte("{{if}}"), 0o644)
	if _, err := LoadTemplate(p); err == nil || !strings.Contains(err.Error(), "broken.tmpl") {
		t.Errorf("broken template: %v", err)
	}
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"plain words":           "plain words",
		"[x](javascript:y)":     `\[x\](javascript:y)`,
		"<b>&#27;":              `\<b\>&amp;#27;`,
		"# h\n- item\n1. one":   "\\# h\n\\- item\n1\\. one",
		"---":                   `\---`,
		"a ==mark== ^id $x$ %%": `a \=\=mark\=\= \^id \$x\$ \%\%`,
		"C# and #tag":           `C# and \#tag`,
		"50% off, 1999. year":   "50% off, 1999. year",
		"  > quoted":            `  \> quoted`,
	} {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"&#27;[31m &#x1B; &#27 &#20": "&amp;#27;[31m &amp;#x1B; &amp;#27 &amp;#20",
		"&#8212; &amp; &#x263A;":     "&#8212; &amp; &#x263A;",
		"see ^hl-abc":                `see \^hl-abc`,
		"x^2 is fine":                "x^2 is fine",
		"%% hidden":                  `\%\% hidden`,
	} {
		if got := neutralize(in); got != want {
			t.Errorf("neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkFull(t *testing.T) {
	md := "A **bold claim** here.\n\n- item one\n- item two\n\n```\ncode line\n```\n\n| a | b |\n|---|---|\n| c | d |\n"
	hl := func(from, to string) store.Highlight {
		s := strings.Index(md, from)
		e := s + strings.Index(md[s:], to) + len(to)
		return store.Highlight{Start: s, End: e}
	}
	for _, c := range []struct {
		name string
		hs   []store.Highlight
		want string
	}{
		{"inside bold", []store.Highlight{hl("bold", "bold")}, "A **==bold== claim** here."},
		{"across bold end", []store.Highlight{hl("bold", "claim** here")}, "A ==**bold claim** here=="},
		{"across list items", []store.Highlight{hl("one", "item two")}, "- item ==one==\n- ==item two==\n"},
		{"into code block", []store.Highlight{hl("two", "code line")}, "- item ==two==\n\n```\ncode line\n```"},
		{"table cells", []store.Highlight{hl("c |", "d")}, "| ==c== | ==d== |"},
		{"overlapping", []store.Highlight{hl("A **", "bold"), hl("bold", "claim")}, "==A **bold claim**=="},
		{"orphan ignored", []store.Highlight{{Start: 0, End: 5, Orphan: true}}, "A **bold claim** here."},
		{"out of range ignored", []store.Highlight{{Start: 5, End: 5000}}, "A **bold claim** here."},
	} {
		got := markFull(md, c.hs)
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: want %q in\n%s", c.name, c.want, got)
		}
		if strings.ReplaceAll(got, "==", "") != md {
			t.Errorf("%s: marking changed the text:\n%s", c.name, got)
		}
	}
}

func TestRender(t *testing.T) {
	a, hs := fixture(t)
	for format, ext := range map[string]string{"": "md", "Markdown": "md", "json": "json"} {
		b, e, err := Render(a, hs, Options{}, format)
		if err != nil || e != ext || len(b) == 0 {
			t.Errorf("Render(%q): %q %v", format, e, err)
		}
	}
	if _, _, err := Render(a, hs, Options{}, "pdf"); err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("unknown format: %v", err)
	}
}

// TestReadmeTemplate runs the example template of the README, so the
// documentation cannot drift from the code, and parses its output as
// Obsidian would: every quote is one blockquote that ends with its block
// id (issue 13, failure 6: the tag line was pulled into the quote), and
// no tag line is inside a quote.
func TestReadmeTemplate(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "An Omnivore-like template")
	_, rest, ok1 := strings.Cut(rest, "```\n")
	src, _, ok2 := strings.Cut(rest, "\n```\n")
	if !ok || !ok1 || !ok2 {
		t.Fatal("README.md has no example template")
	}
	p := filepath.Join(t.TempDir(), "readme.tmpl")
	os.WriteFile(p, []byte(src), 0o644)
	tpl, err := LoadTemplate(p)
	if err != nil {
		t.Fatal(err)
	}
	a, hs := fixture(t)
	out, err := Markdown(a, hs, Options{Template: tpl})
	if err != nil {
		t.Fatal(err)
	}
	var fm map[string]any
	if err := yaml.Unmarshal(frontMatterOf(t, out), &fm); err != nil || fm["labels"] == nil || fm["margin_id"] != 42 {
		t.Fatalf("front matter: %v %v\n%s", err, fm, out)
	}
	body := out[len(frontMatterOf(t, out))+8:]
	heads, _ := headings(t, body)
	if len(heads) != 2 || heads[1] != "Highlights" {
		t.Errorf("headings %q\n%s", heads, out)
	}
	// Every blockquote's last line ends with a block id; the ids are all
	// the highlights'.
	root := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(body))
	var ids []string
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Blockquote); !ok || n.FirstChild() == nil {
			continue
		}
		var lines []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			for k := 0; k < c.Lines().Len(); k++ {
				seg := c.Lines().At(k)
				lines = append(lines, strings.TrimSpace(string(seg.Value(body))))
			}
		}
		if len(lines) == 0 || strings.HasPrefix(lines[0], "[!note]") {
			continue // a note's callout
		}
		last := lines[len(lines)-1]
		i := strings.LastIndex(last, " ^hl-")
		if i < 0 {
			t.Errorf("a quote does not end with its block id: %q", lines)
			continue
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "#") {
				t.Errorf("a tag line is inside a quote: %q", lines)
			}
		}
		ids = append(ids, last[i+2:])
	}
	var want []string
	for _, h := range hs {
		want = append(want, ShortID(h))
	}
	slices.Sort(ids)
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("block ids at the end of quotes %q, want %q\n%s", ids, want, body)
	}
}

// A highlight's note lost its Markdown line breaks (two spaces at a
// line's end) in the callout, where the article's note keeps them: a
// memo's "Name  \nAddress" became one line in every CommonMark viewer.
func TestCalloutKeepsHardLineBreaks(t *testing.T) {
	got := callout("note", "first  \nsecond \nthird  ")
	want := "> [!note]\n> first  \n> second\n> third\n"
	if got != want {
		t.Errorf("callout:\n got %q\nwant %q", got, want)
	}
}

// TestObsidianTag: every tag an export writes is one Obsidian reads as a
// tag: digits alone are not one ("#2026" is text), emoji and accents are.
func TestObsidianTag(t *testing.T) {
	for in, want := range map[string]string{
		"policy":          "policy",
		"  Central Asia ": "Central-Asia",
		"2026":            "_2026",
		"٢٠٢٦":            "_٢٠٢٦",
		"2026/q4":         "2026/q4",
		"(2026)":          "_2026",
		"3d_printing":     "3d_printing",
		"🙂":               "🙂",
		"❤️":              "❤️",
		"👩‍💻":             "👩‍💻",
		"café":            "café",
		"c++":             "c",
		"#?!":             "",
	} {
		if got := obsidianTag(in); got != want {
			t.Errorf("obsidianTag(%q) = %q, want %q", in, got, want)
		}
	}
	if got := noteTags([]string{"2026", "🙂", "margin", "?"}); !slices.Equal(got, []string{"margin", "_2026", "🙂"}) {
		t.Errorf("noteTags = %q", got)
	}
	if got := tagName("?"); got != "highlight" {
		t.Errorf("tagName(?) = %q", got)
	}
}

// Obsidian reads "$5-$10" as inline math: the article's dollars are
// escaped in a full export, but not inside code, and an escaped one is
// left as it is.
func TestMarkFullEscapesDollars(t *testing.T) {
	md := "Aid rose from $5-$10 billion, `cost $x$` in code, and \\$3 written escaped.\n\n```\nprice = $y$\n```\n"
	got := markFull(md, nil)
	for _, want := range []string{`from \$5-\$10 billion`, "`cost $x$`", `and \$3 written`, "price = $y$"} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, `\\$`) {
		t.Errorf("an escaped dollar escaped again:\n%s", got)
	}
}

// A quote's line breaks inside a paragraph (a poem's lines, an address)
// were soft breaks in the export, so every CommonMark viewer ran the lines
// together: each such line now ends in Markdown's line break, and the
// quote's paragraphs stay paragraphs.
func TestBlockquoteKeepsLineBreaks(t *testing.T) {
	q := blockquote("Roses are red,\nviolets are blue.\n\nSugar is sweet.")
	var out bytes.Buffer
	if err := goldmark.New().Convert([]byte(q), &out); err != nil {
		t.Fatal(err)
	}
	want := "<blockquote>\n<p>Roses are red,<br>\nviolets are blue.</p>\n<p>Sugar is sweet.</p>\n</blockquote>\n"
	if out.String() != want {
		t.Errorf("%q renders as\n%q, want\n%q", q, out.String(), want)
	}
}

// An article marked done (margin mark ID done, or read to its end then
// scrolled back up) exported "state: Inbox" or "Reading": the state
// followed the scroll position alone.
func TestArticleStateFollowsReading(t *testing.T) {
	for _, c := range []struct {
		a    store.Article
		want string
	}{
		{store.Article{Reading: store.Done}, "Completed"},
		{store.Article{Reading: store.Done, Progress: 0.4}, "Completed"},
		{store.Article{Reading: store.ReadingNow, Progress: 0.02}, "Reading"},
		{store.Article{Reading: store.New}, "Inbox"},
		{store.Article{Reading: store.Done, State: store.Archived}, "Archived"},
	} {
		if got := articleState(&c.a); got != c.want {
			t.Errorf("%+v: %q, want %q", c.a.Reading, got, c.want)
		}
	}
}

// An emoji in a title is written as itself in the front matter, as
// Obsidian shows it: go-yaml wrote "Pear Jam \U0001F350". An escaped
// backslash before a U, and an invisible character, are left escaped.
func TestFrontMatterKeepsEmoji(t *testing.T) {
	for _, c := range []struct{ title, want, not string }{
		{"Pear Jam 🍐 for the Holidays", "title: \"Pear Jam 🍐 for the Holidays\"", `\U`},
		{`C:\U0001F350 🍐`, `title: "C:\\U0001F350 🍐"`, ""},
		{"tag\U000E0041 🍐", `\U000E0041`, ""},
	} {
		out, err := Markdown(&store.Article{ID: 1, Content: article.Content{Title: c.title}}, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		fm := frontMatterOf(t, out)
		if !bytes.Contains(fm, []byte(c.want)) || c.not != "" && bytes.Contains(fm, []byte(c.not)) {
			t.Errorf("%q:\n%s", c.title, fm)
		}
		var got struct{ Title string }
		if err := yaml.Unmarshal(fm, &got); err != nil || got.Title != sanitize.Text(c.title) {
			t.Errorf("%q reads back as %q (%v)", c.title, got.Title, err)
		}
	}
}
