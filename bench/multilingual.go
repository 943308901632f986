package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// DefaultMultilingualCorpus is where the multilingual cleaning corpus
// lives, relative to the repository root.
const DefaultMultilingualCorpus = "../shared/corpus/multilingual"

// PassagePage is one page of a passage-annotated corpus: text that must be
// in the article (With) and text that must not (Without).
type PassagePage struct {
	ID, URL, Path string
	With, Without []string
}

// LoadPassageCorpus reads dir/evaldata.json and pairs each entry with its
// page in dir/html, sorted by id.
func LoadPassageCorpus(dir string) ([]PassagePage, error) {
	b, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return nil, fmt.Errorf("load corpus %s: %w", dir, err)
	}
	var eval map[string]struct {
		URL     string   `json:"url"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(b, &eval); err != nil {
		return nil, fmt.Errorf("load corpus %s: evaldata.json: %w", dir, err)
	}
	pages := make([]PassagePage, 0, len(eval))
	for id, e := range eval {
		p := PassagePage{ID: id, URL: e.URL, With: e.With, Without: e.Without}
		p.Path = filepath.Join(dir, "html", id+".html.gz")
		if _, err := os.Stat(p.Path); err != nil {
			p.Path = filepath.Join(dir, "html", id+".html")
			if _, err := os.Stat(p.Path); err != nil {
				return nil, fmt.Errorf("load corpus %s: page %s: %w", dir, id, err)
			}
		}
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// Counts are the passage counts of the set's own metric.
type Counts struct {
	TP, FP, TN, FN int
}

// Add sums two counts.
func (c Counts) Add(o Counts) Counts {
	return Counts{c.TP + o.TP, c.FP + o.FP, c.TN + o.TN, c.FN + o.FN}
}

// Precision is TP/(TP+FP).
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN).
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F is 2TP/(2TP+FP+FN).
func (c Counts) F() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// NormalizeSpace turns every run of Unicode whitespace into one space and
// trims the ends.
func NormalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// ScorePassages counts one page: each with passage found in text is a
// true positive, missing a false negative; each without passage found a
// false positive, missing a true negative. Text and passages are
// whitespace-normalised; the match is exact and case-sensitive.
func ScorePassages(text string, with, without []string) Counts {
	t := NormalizeSpace(text)
	var c Counts
	for _, p := range with {
		if strings.Contains(t, NormalizeSpace(p)) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, p := range without {
		if strings.Contains(t, NormalizeSpace(p)) {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}

// PassageResult is one page's counts under the pipeline and the baseline.
type PassageResult struct {
	ID, Lang           string
	Pipeline, Baseline Counts
	// The same counts for the passages found inside list items and
	// table cells of the page (ListPipeline, ListBaseline) and elsewhere.
	ListPipeline, ListBaseline   Counts
	OtherPipeline, OtherBaseline Counts
	PipelineErr                  error
	PipelineMS, BaselineMS       float64
}

// PassageReport is the outcome of a run over a passage corpus.
type PassageReport struct {
	Dir                    string
	Pages                  []PassageResult
	Pipeline, Baseline     Counts
	PipelineMS, BaselineMS float64
	Timed                  bool
}

var rxHTMLLang = regexp.MustCompile(`(?is)<html\b[^>]*?\slang\s*=\s*["']?([a-zA-Z]{2,3})`)

// PageLang is the primary language subtag of a page's <html lang>, lower
// case, or "?" when the page declares none.
func PageLang(raw []byte) string {
	head := raw[:min(len(raw), 64<<10)]
	if m := rxHTMLLang.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return "?"
}

// Passages scores pipeline and baseline over the passage corpus in dir
// and, when rounds > 0, times each page that many times per extractor
// (interleaved, one goroutine, after the scored run as warm-up).
func Passages(dir string, pipeline, baseline Extractor, rounds int) (*PassageReport, error) {
	pages, err := LoadPassageCorpus(dir)
	if err != nil {
		return nil, err
	}
	raws := make([][]byte, len(pages))
	cps := make([]CorpusPage, len(pages))
	for i, p := range pages {
		cps[i] = CorpusPage{ID: p.ID, URL: p.URL, Path: p.Path}
		if raws[i], err = ReadPage(cps[i]); err != nil {
			return nil, err
		}
	}
	rep := &PassageReport{Dir: dir, Pages: make([]PassageResult, len(pages))}
	for i, p := range pages {
		r := &rep.Pages[i]
		r.ID, r.Lang = p.ID, PageLang(raws[i])
		txt, err := pipeline(cps[i], raws[i])
		if err != nil {
			txt = ""
		}
		r.PipelineErr = err
		r.Pipeline = ScorePassages(txt, p.With, p.Without)
		inList := passagesInLists(raws[i], p.With, p.Without)
		r.ListPipeline, r.OtherPipeline = scoreSplit(txt, p.With, p.Without, inList)
		txt, err = baseline(cps[i], raws[i])
		if err != nil {
			txt = ""
		}
		r.Baseline = ScorePassages(txt, p.With, p.Without)
		r.ListBaseline, r.OtherBaseline = scoreSplit(txt, p.With, p.Without, inList)
		rep.Pipeline = rep.Pipeline.Add(r.Pipeline)
		rep.Baseline = rep.Baseline.Add(r.Baseline)
	}
	if rounds <= 0 {
		return rep, nil
	}
	pm, bm := timeRounds(len(pages), rounds,
		func(i int) { _, _ = pipeline(cps[i], raws[i]) },
		func(i int) { _, _ = baseline(cps[i], raws[i]) })
	for i := range pages {
		rep.Pages[i].PipelineMS, rep.Pages[i].BaselineMS = pm[i], bm[i]
	}
	rep.PipelineMS, rep.BaselineMS = median(pm), median(bm)
	rep.Timed = true
	return rep, nil
}

// scoreSplit scores the passages marked in inList (with passages first,
// then without) apart from the others.
func scoreSplit(text string, with, without []string, inList []bool) (list, other Counts) {
	for k, p := range with {
		c := ScorePassages(text, []string{p}, nil)
		if inList[k] {
			list = list.Add(c)
		} else {
			other = other.Add(c)
		}
	}
	for k, p := range without {
		c := ScorePassages(text, nil, []string{p})
		if inList[len(with)+k] {
			list = list.Add(c)
		} else {
			other = other.Add(c)
		}
	}
	return list, other
}

// passagesInLists reports, for each passage (with passages first), whether
// its opening words sit in a list item or a table cell of the page.
func passagesInLists(raw []byte, with, without []string) []bool {
	out := make([]bool, len(with)+len(without))
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return out
	}
	type textNode struct {
		text string
		list bool
	}
	var nodes []textNode
	var walk func(n *html.Node, list bool)
	walk = func(n *html.Node, list bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if t := NormalizeSpace(c.Data); t != "" {
					nodes = append(nodes, textNode{t, list})
				}
			case html.ElementNode:
				switch c.Data {
				case "script", "style", "head", "template":
					continue
				}
				walk(c, list || c.Data == "li" || c.Data == "td" || c.Data == "th" || c.Data == "dd" || c.Data == "dt")
			}
		}
	}
	walk(doc, false)
	for k, p := range append(append([]string{}, with...), without...) {
		f := strings.Fields(p)
		key := strings.Join(f[:min(3, len(f))], " ")
		for _, n := range nodes {
			if key != "" && strings.Contains(n.text, key) {
				out[k] = n.list
				break
			}
		}
	}
	return out
}

// ByLang sums the pipeline's and the baseline's counts per language.
func (r *PassageReport) ByLang() (langs []string, pipe, base map[string]Counts, pages map[string]int) {
	pipe, base, pages = map[string]Counts{}, map[string]Counts{}, map[string]int{}
	for _, p := range r.Pages {
		if pages[p.Lang] == 0 {
			langs = append(langs, p.Lang)
		}
		pages[p.Lang]++
		pipe[p.Lang] = pipe[p.Lang].Add(p.Pipeline)
		base[p.Lang] = base[p.Lang].Add(p.Baseline)
	}
	sort.Slice(langs, func(i, j int) bool {
		if pages[langs[i]] != pages[langs[j]] {
			return pages[langs[i]] > pages[langs[j]]
		}
		return langs[i] < langs[j]
	})
	return langs, pipe, base, pages
}

// Worst returns up to n pages with the most passages wrong under the
// pipeline (false negatives and false positives), worst first.
func (r *PassageReport) Worst(n int) []PassageResult {
	s := slices.Clone(r.Pages)
	wrong := func(c Counts) int { return c.FP + c.FN }
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i].Pipeline, s[j].Pipeline
		if a.F() != b.F() {
			return a.F() < b.F()
		}
		return wrong(a) > wrong(b)
	})
	return s[:min(n, len(s))]
}

// Print writes the report as plain-text tables.
func (r *PassageReport) Print(w io.Writer) error {
	var b strings.Builder
	perr := 0
	for _, p := range r.Pages {
		if p.PipelineErr != nil {
			perr++
		}
	}
	row := func(name string, c Counts, extra string) {
		fmt.Fprintf(&b, "%-10s %6.3f %6.3f %6.3f %6d %6d %6d %6d%s\n", name, c.F(), c.Precision(), c.Recall(), c.TP, c.FP, c.FN, c.TN, extra)
	}
	fmt.Fprintf(&b, "corpus %s: %d html pages, passage metric (benchmarks.md section 7)\n\n", r.Dir, len(r.Pages))
	fmt.Fprintf(&b, "%-10s %6s %6s %6s %6s %6s %6s %6s\n", "", "F", "P", "R", "TP", "FP", "FN", "TN")
	row("pipeline", r.Pipeline, fmt.Sprintf("   (%d pages without an article)", perr))
	row("baseline", r.Baseline, "")
	var lo, hi, blo, bhi Counts
	nlo, nhi := 0, 0
	for _, p := range r.Pages {
		if p.ID != "" && p.ID[0] < '8' {
			lo, blo, nlo = lo.Add(p.Pipeline), blo.Add(p.Baseline), nlo+1
		} else {
			hi, bhi, nhi = hi.Add(p.Pipeline), bhi.Add(p.Baseline), nhi+1
		}
	}
	fmt.Fprintf(&b, "\nsplit halves (pipeline | baseline F): ids 0-7 (%d pages) F %.3f P %.3f R %.3f | %.3f; ids 8-f (%d pages) F %.3f P %.3f R %.3f | %.3f\n",
		nlo, lo.F(), lo.Precision(), lo.Recall(), blo.F(), nhi, hi.F(), hi.Precision(), hi.Recall(), bhi.F())
	var lp, lb, op, ob Counts
	for _, p := range r.Pages {
		lp, lb = lp.Add(p.ListPipeline), lb.Add(p.ListBaseline)
		op, ob = op.Add(p.OtherPipeline), ob.Add(p.OtherBaseline)
	}
	fmt.Fprintf(&b, "passages in list items and table cells (%d): pipeline F %.3f P %.3f R %.3f | baseline F %.3f P %.3f R %.3f\n",
		lp.TP+lp.FP+lp.FN+lp.TN, lp.F(), lp.Precision(), lp.Recall(), lb.F(), lb.Precision(), lb.Recall())
	fmt.Fprintf(&b, "passages elsewhere (%d):                      pipeline F %.3f P %.3f R %.3f | baseline F %.3f P %.3f R %.3f\n",
		op.TP+op.FP+op.FN+op.TN, op.F(), op.Precision(), op.Recall(), ob.F(), ob.Precision(), ob.Recall())
	langs, pipe, base, pages := r.ByLang()
	fmt.Fprintf(&b, "\nper language (<html lang>): pipeline F P R | baseline F P R\n")
	for _, l := range langs {
		p, q := pipe[l], base[l]
		fmt.Fprintf(&b, "%-4s %4d pages  %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n", l, pages[l], p.F(), p.Precision(), p.Recall(), q.F(), q.Precision(), q.Recall())
	}
	fmt.Fprintf(&b, "\nworst 15 pages (pipeline):\n%-16s %-4s %6s %4s %4s %4s   %s\n", "id", "lang", "F", "TP", "FP", "FN", "baseline F")
	for _, p := range r.Worst(15) {
		note := ""
		if p.PipelineErr != nil {
			note = "  error: " + p.PipelineErr.Error()
		}
		fmt.Fprintf(&b, "%-16s %-4s %6.3f %4d %4d %4d   %6.3f%s\n", p.ID, p.Lang, p.Pipeline.F(), p.Pipeline.TP, p.Pipeline.FP, p.Pipeline.FN, p.Baseline.F(), note)
	}
	if r.Timed {
		writeSpeed(&b, r.PipelineMS, r.BaselineMS)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Multilingual runs the multilingual cleaning benchmark over dir (the
// default corpus when dir is empty): margin's pipeline beside bare
// go-readability in the same run, timed.
func Multilingual(w io.Writer, dir string) error {
	if dir == "" {
		dir = DefaultMultilingualCorpus
	}
	rep, err := Passages(dir, HTMLPipeline, HTMLBaseline, timedRounds)
	if err != nil {
		return err
	}
	return rep.Print(w)
}
