package bench

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"margin/reader"
)

// Extractor turns one corpus page into article text.
type Extractor func(p CorpusPage, raw []byte) (string, error)

// PageResult is one page's score under the pipeline and the baseline.
type PageResult struct {
	ID                     string
	Pipeline, Baseline     Score
	PipelineErr            error
	BaselineErr            error
	PipelineMS, BaselineMS float64 // median over the timed rounds
}

// QualityReport is the outcome of one quality run over a corpus.
type QualityReport struct {
	Dir, Kind          string
	Pages              []PageResult
	Pipeline, Baseline Summary
	// Split scores the pipeline on two halves of the corpus (ids starting
	// 0-7 and 8-f) so that tuning on one half can be checked on the other.
	SplitLow, SplitHigh    Summary
	PipelineMS, BaselineMS float64 // median ms per page
	Timed                  bool    // whether the speed was measured
}

// Quality runs pipeline and baseline over every page of the corpus in dir,
// scores both against the truth and, when rounds > 0, times each page that
// many times per extractor (after one untimed warm run, one goroutine).
func Quality(dir string, pipeline, baseline Extractor, rounds int) (*QualityReport, error) {
	pages, kind, err := LoadCorpus(dir)
	if err != nil {
		return nil, err
	}
	raws := make([][]byte, len(pages))
	for i, p := range pages {
		if raws[i], err = ReadPage(p); err != nil {
			return nil, err
		}
	}
	rep := &QualityReport{Dir: dir, Kind: kind, Pages: make([]PageResult, len(pages))}
	var ps, bs, lo, hi []Score
	for i, p := range pages {
		r := &rep.Pages[i]
		r.ID = p.ID
		// The scored run doubles as the warm-up.
		txt, err := pipeline(p, raws[i])
		r.PipelineErr = err
		r.Pipeline = Compare(p.Truth, txt)
		txt, err = baseline(p, raws[i])
		r.BaselineErr = err
		r.Baseline = Compare(p.Truth, txt)
		ps = append(ps, r.Pipeline)
		bs = append(bs, r.Baseline)
		if p.ID != "" && p.ID[0] < '8' {
			lo = append(lo, r.Pipeline)
		} else {
			hi = append(hi, r.Pipeline)
		}
	}
	rep.Pipeline, rep.Baseline = Summarise(ps), Summarise(bs)
	rep.SplitLow, rep.SplitHigh = Summarise(lo), Summarise(hi)
	if rounds <= 0 {
		return rep, nil
	}
	pm, bm := timeRounds(len(pages), rounds,
		func(i int) { _, _ = pipeline(pages[i], raws[i]) },
		func(i int) { _, _ = baseline(pages[i], raws[i]) })
	for i := range pages {
		rep.Pages[i].PipelineMS, rep.Pages[i].BaselineMS = pm[i], bm[i]
	}
	rep.PipelineMS, rep.BaselineMS = median(pm), median(bm)
	rep.Timed = true
	return rep, nil
}

// timeRounds runs both extractors on every page for the given rounds,
// interleaved so that machine noise hits both alike, and returns each
// page's median milliseconds.
func timeRounds(n, rounds int, pipeline, baseline func(i int)) (pipeMS, baseMS []float64) {
	pt := make([][]float64, n)
	bt := make([][]float64, n)
	for range rounds {
		for i := range n {
			t0 := time.Now()
			pipeline(i)
			t1 := time.Now()
			baseline(i)
			t2 := time.Now()
			pt[i] = append(pt[i], float64(t1.Sub(t0))/float64(time.Millisecond))
			bt[i] = append(bt[i], float64(t2.Sub(t1))/float64(time.Millisecond))
		}
	}
	for i := range n {
		pipeMS = append(pipeMS, median(pt[i]))
		baseMS = append(baseMS, median(bt[i]))
	}
	return pipeMS, baseMS
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Worst returns up to n pages with the lowest pipeline F1, worst first.
func (r *QualityReport) Worst(n int) []PageResult {
	s := slices.Clone(r.Pages)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Pipeline.F1() < s[j].Pipeline.F1() })
	if len(s) > n {
		s = s[:n]
	}
	return s
}

// Print writes the report as a plain-text table.
func (r *QualityReport) Print(w io.Writer) error {
	var b strings.Builder
	perr, berr := 0, 0
	for _, p := range r.Pages {
		if p.PipelineErr != nil {
			perr++
		}
		if p.BaselineErr != nil {
			berr++
		}
	}
	fmt.Fprintf(&b, "corpus %s: %d %s pages\n\n", r.Dir, len(r.Pages), r.Kind)
	fmt.Fprintf(&b, "%-10s %6s %6s %6s %7s\n", "", "F1", "P", "R", "errors")
	fmt.Fprintf(&b, "%-10s %6.3f %6.3f %6.3f %7d\n", "pipeline", r.Pipeline.F1, r.Pipeline.Precision, r.Pipeline.Recall, perr)
	fmt.Fprintf(&b, "%-10s %6.3f %6.3f %6.3f %7d\n", "baseline", r.Baseline.F1, r.Baseline.Precision, r.Baseline.Recall, berr)
	fmt.Fprintf(&b, "\npipeline on split halves: ids 0-7 (%d pages) F1 %.3f P %.3f R %.3f; ids 8-f (%d pages) F1 %.3f P %.3f R %.3f\n",
		r.SplitLow.Pages, r.SplitLow.F1, r.SplitLow.Precision, r.SplitLow.Recall,
		r.SplitHigh.Pages, r.SplitHigh.F1, r.SplitHigh.Precision, r.SplitHigh.Recall)
	fmt.Fprintf(&b, "\nworst ten pages (pipeline):\n%-16s %6s %6s %6s   %s\n", "id", "F1", "P", "R", "baseline F1")
	for _, p := range r.Worst(10) {
		id := p.ID
		if len(id) > 16 {
			id = id[:16]
		}
		note := ""
		if p.PipelineErr != nil {
			note = "  error: " + p.PipelineErr.Error()
		}
		fmt.Fprintf(&b, "%-16s %6.3f %6.3f %6.3f   %6.3f%s\n", id, p.Pipeline.F1(), p.Pipeline.Precision(), p.Pipeline.Recall(), p.Baseline.F1(), note)
	}
	if r.Timed {
		writeSpeed(&b, r.PipelineMS, r.BaselineMS)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeSpeed writes the timing line shared by the extraction reports.
func writeSpeed(b *strings.Builder, pipelineMS, baselineMS float64) {
	ratio := 0.0
	if baselineMS > 0 {
		ratio = pipelineMS / baselineMS
	}
	fmt.Fprintf(b, "\nspeed (median ms per page, warm, one goroutine): pipeline %.3f, baseline %.3f, ratio %.2fx\n",
		pipelineMS, baselineMS, ratio)
}

// timedRounds is how many times each page is timed per extractor.
const timedRounds = 3

// RunQuality scores pipeline and baseline over the corpus in dir (html or
// text pages with ground-truth.json), times them, and prints the table.
func RunQuality(w io.Writer, dir string, pipeline, baseline Extractor) error {
	rep, err := Quality(dir, pipeline, baseline, timedRounds)
	if err != nil {
		return err
	}
	return rep.Print(w)
}

// HTMLPipeline is margin's extractor on an HTML page: the article's text.
func HTMLPipeline(p CorpusPage, raw []byte) (string, error) {
	a, err := reader.FromHTML(raw, "", p.URL)
	if err != nil {
		return "", err
	}
	return a.Text, nil
}

// HTMLBaseline is the bare library on an HTML page.
func HTMLBaseline(p CorpusPage, raw []byte) (string, error) {
	return reader.BareText(raw, p.URL)
}

// TextBaseline is a pasted-text dump taken as it stands.
func TextBaseline(_ CorpusPage, raw []byte) (string, error) {
	return string(raw), nil
}

// Extraction runs the HTML extraction benchmark over dir (the default
// corpus when dir is empty) and prints the table to w.
func Extraction(w io.Writer, dir string) error {
	if dir == "" {
		dir = DefaultExtractionCorpus
	}
	return RunQuality(w, dir, HTMLPipeline, HTMLBaseline)
}

// DefaultPastedCorpus is where the pasted-text corpus lives, relative to
// the repository root.
const DefaultPastedCorpus = "../shared/corpus/pasted"

// Pasted runs the pasted-text benchmark over dir (the default corpus when
// dir is empty): clean turns a browser's text dump into article text, and
// the baseline is the dump as it stands.
func Pasted(w io.Writer, dir string, clean func(raw []byte) (string, error)) error {
	if dir == "" {
		dir = DefaultPastedCorpus
	}
	return RunQuality(w, dir, func(_ CorpusPage, raw []byte) (string, error) { return clean(raw) }, TextBaseline)
}
