package render

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"margin/internal/gen"
	"margin/reader"
)

// checkLinksBefore compares linksBefore with the whole parse's numbering at
// every safe cut of md (every step-th one), when renderSlice would cut md.
func checkLinksBefore(t *testing.T, name, md string, step int) {
	t.Helper()
	if !cuttable(md) {
		return
	}
	links := Parse(md).Links()
	k := 0
	eachCut(md, func(c int) bool {
		k++
		if k%step != 0 {
			return true
		}
		want := sort.Search(len(links), func(i int) bool { return links[i].Offset >= c })
		if got := linksBefore(md, c); got != want {
			t.Fatalf("%s: %d links before the cut at %d (%q), the parse numbers %d", name, got, c, md[c:min(c+30, len(md))], want)
		}
		return true
	})
}

// The cheap count of the links before a cut agrees with the parse on the
// generated articles the benchmarks read, on a mix of every block kind, on
// tricky link syntax, and on the corpus's pages when ../shared is present.
func TestLinksBeforeAgreesWithParse(t *testing.T) {
	for _, n := range []int{300, 3000, 30000} {
		checkLinksBefore(t, "generated", gen.Article(n), 1)
	}
	var b strings.Builder
	for i := range 20 {
		b.WriteString("## Part [one](https://example.org/h)\n\nA paragraph with [a link](https://example.org/x) and *emphasis*.\n\n")
		b.WriteString("```go\nx := \"[not](https://a.link)\"\n\nStill code: [no](http://x.org).\n```\n\n")
		b.WriteString("- one [item](http://x.org)\n\n      [indented](http://code.org)\n- two\n\n> a [quote](HTTPS://q.org)\n\n")
		b.WriteString("| a | [b](https://t.org) |\n|---|---|\n| www.example.com | x@y.org |\n\n")
		b.WriteString("Mail <x@y.org>, <https://auto.org>, https://bare.org and ftp://f.org; `[code](http://c.org)`.\n\n")
		b.WriteString("An ![image](https://i.org/x.png), [![both](https://i.org)](https://l.org), [](https://empty.org), [rel](/local), [mail](mailto:a@b.org).\n\n")
		b.WriteString("Escaped \\[not](http://x.org), [nested [brackets]](http://x.org), [a](http://x.org/(paren)), [t](http://x.org \"title\").\n\n")
		b.WriteString(gen.Article(200) + "\n\n")
		if i%5 == 0 {
			b.WriteString("Steps: one. Then www. and http: alone.\n\n")
		}
	}
	checkLinksBefore(t, "mixed", b.String(), 1)

	for name, md := range corpusMarkdown(t) {
		checkLinksBefore(t, name, md, 1)
	}
}

// corpusMarkdown is the Markdown margin makes of each page of the English
// extraction corpus (ten with -short), by file name; none without
// ../shared.
func corpusMarkdown(t *testing.T) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "extraction", "html", "*.html.gz"))
	if testing.Short() {
		files = files[:min(len(files), 10)]
	}
	mds := map[string]string{}
	for _, f := range files {
		raw, err := readGz(f)
		if err != nil {
			t.Fatal(err)
		}
		if a, err := reader.FromHTML(raw, "text/html", "https://example.com/"); err == nil {
			mds[filepath.Base(f)] = a.Markdown
		}
	}
	return mds
}

func readGz(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// The generated articles are counted by eye, not parsed: the count is
// cheap where it matters.
func TestLinksBeforeCountsPlainRunsByEye(t *testing.T) {
	md := gen.Article(30000)
	prev, parsed, runs := 0, 0, 0
	eachCut(md, func(c int) bool {
		if c > prev {
			runs++
			if _, ok := linkRun(md[prev:c]); !ok {
				parsed++
			}
		}
		prev = c
		return true
	})
	if runs < 100 || parsed > runs/50 {
		t.Errorf("%d of %d runs of a generated article need a parse", parsed, runs)
	}
}

// FuzzLinksBefore: on any Markdown renderSlice would cut, the count of the
// links before each cut is the parse's.
func FuzzLinksBefore(f *testing.F) {
	f.Add("A [b](http://c.org) d.\n\nE [f](https://g.org).\n\n# H [i](http://j.org)\n\nK.\n")
	f.Add("x\n\n```\n[a](http://b.org)\n\nc\n```\n\nd [e](http://f.org)\n\ng\n")
	f.Add("a www.b.org c\n\nd e@f.org\n\n[g](http://h.org) <http://i.org>\n\nj\n")
	f.Add("- [a](http://b.org)\n\n    [c](http://d.org)\n\ne\n\n\u00a0\n[f](http://g.org)\n\nh\n")
	f.Add("a\n\n<?x\n\n[b](http://c.org)\n\n?>\n\nd [e](http://f.org)\n\ng\n")
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > 2048 {
			md = md[:2048]
		}
		checkLinksBefore(t, "fuzz", md, 1)
	})
}

// Random articles made of link syntax and the block syntax around it: the
// count before every cut is the parse's.
func TestLinksBeforeProperty(t *testing.T) {
	pieces := []string{
		"[a b](https://x.org/a)", "[c](http://y.org)", "![i](https://i.org)", "[](http://e.org)", "[r](/rel)",
		"<https://auto.org>", "<a@b.org>", "www.w.org", "https://bare.org/p", "x@y.org", "ftp://f.org",
		"`[c](http://code.org)`", "\\[e](http://esc.org)", "[[n]](http://n.org)", "[t](http://t.org \"title\")",
		"*em*", "**strong**", "_u_", "~~s~~", "words", "more words", "Steps:", "e.g.", "&amp;", "&#91;",
		"# ", "## ", "- ", "1. ", "> ", "    ", "\t", "| ", " |", "|---|---|", "```", "~~~", "---", "===", ": ",
		"<span>", "</span>", "<div>", "(", ")", "]", "[", "!", "\u00a0", "“", "é",
	}
	seps := []string{" ", " ", " ", "\n", "\n\n", "\n\n", ""}
	r := uint64(1)
	next := func(n int) int {
		r = r*6364136223846793005 + 1442695040888963407
		return int(r>>33) % n
	}
	for k := range 3000 {
		var b strings.Builder
		for range 5 + next(60) {
			b.WriteString(pieces[next(len(pieces))])
			b.WriteString(seps[next(len(seps))])
		}
		checkLinksBefore(t, "random "+strconv.Itoa(k), b.String(), 1)
	}
}
