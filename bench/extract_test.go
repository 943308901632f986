package bench

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"margin/reader"
)

var dumpDir = flag.String("dump", "", "write each page's pipeline and baseline text to this folder (for studying the extractor)")

// corpusDir finds the shared extraction corpus beside the repository.
func corpusDir(t testing.TB) string {
	dir := filepath.Join("..", DefaultExtractionCorpus)
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		t.Skip("../shared not present")
	}
	return dir
}

// The corpus figures reached when the cleaning was tuned (F1 0.981,
// precision 0.980, recall 0.981), less a small margin: falling under them
// means a rule regressed.
const (
	extractionFloorF1     = 0.973
	extractionFloorRecall = 0.972
)

func TestExtractionQuality(t *testing.T) {
	dir := corpusDir(t)
	rep, err := Quality(dir, HTMLPipeline, HTMLBaseline, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.Print(&b); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if rep.Pipeline.F1 < extractionFloorF1 {
		t.Errorf("pipeline F1 %.4f fell under the floor %.4f", rep.Pipeline.F1, extractionFloorF1)
	}
	if rep.Pipeline.Recall < extractionFloorRecall {
		t.Errorf("pipeline recall %.4f fell under the floor %.4f", rep.Pipeline.Recall, extractionFloorRecall)
	}
	if rep.Pipeline.F1 <= rep.Baseline.F1 {
		t.Errorf("pipeline F1 %.4f is no better than the bare library's %.4f", rep.Pipeline.F1, rep.Baseline.F1)
	}
	if *dumpDir != "" {
		pages, _, _ := LoadCorpus(dir)
		for _, p := range pages {
			raw, err := ReadPage(p)
			if err != nil {
				t.Fatal(err)
			}
			a, err := reader.FromHTML(raw, "", p.URL)
			txt, md := "", ""
			if err == nil {
				txt, md = a.Text, a.Markdown
			}
			bare, _ := reader.BareText(raw, p.URL)
			os.MkdirAll(*dumpDir, 0o755)
			os.WriteFile(filepath.Join(*dumpDir, p.ID+".txt"), []byte(txt), 0o644)
			os.WriteFile(filepath.Join(*dumpDir, p.ID+".md"), []byte(md), 0o644)
			os.WriteFile(filepath.Join(*dumpDir, p.ID+".bare"), []byte(bare), 0o644)
			os.WriteFile(filepath.Join(*dumpDir, p.ID+".truth"), []byte(p.Truth), 0o644)
		}
	}
}

var runExtraction = flag.Bool("extraction", false, "run the full extraction benchmark (quality and speed) and print its table")

// TestExtractionBenchmark prints what `margin bench extract` prints; it is
// a way to run the benchmark from go test, not an assertion on time.
func TestExtractionBenchmark(t *testing.T) {
	if !*runExtraction {
		t.Skip("only with -extraction")
	}
	var b bytes.Buffer
	if err := Extraction(&b, corpusDir(t)); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
}

func loadRaw(b *testing.B) ([]CorpusPage, [][]byte) {
	pages, _, err := LoadCorpus(corpusDir(b))
	if err != nil {
		b.Fatal(err)
	}
	raws := make([][]byte, len(pages))
	for i, p := range pages {
		if raws[i], err = ReadPage(p); err != nil {
			b.Fatal(err)
		}
	}
	return pages, raws
}

// BenchmarkPipeline times margin's extractor over the whole corpus.
func BenchmarkPipeline(b *testing.B) {
	pages, raws := loadRaw(b)
	for b.Loop() {
		for i, p := range pages {
			_, _ = HTMLPipeline(p, raws[i])
		}
	}
}

// BenchmarkBaseline times the bare library over the whole corpus.
func BenchmarkBaseline(b *testing.B) {
	pages, raws := loadRaw(b)
	for b.Loop() {
		for i, p := range pages {
			_, _ = HTMLBaseline(p, raws[i])
		}
	}
}

func TestPastedRunner(t *testing.T) {
	dir := filepath.Join("..", DefaultPastedCorpus)
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		t.Skip("../shared not present")
	}
	// The runner reads a text corpus; with the identity as the pipeline it
	// must score exactly as the baseline.
	rep, err := Quality(dir, func(_ CorpusPage, raw []byte) (string, error) { return string(raw), nil }, TextBaseline, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kind != "text" || len(rep.Pages) == 0 {
		t.Fatalf("kind %q, %d pages", rep.Kind, len(rep.Pages))
	}
	if rep.Pipeline != rep.Baseline {
		t.Errorf("identity pipeline %+v differs from baseline %+v", rep.Pipeline, rep.Baseline)
	}
	if rep.Baseline.F1 < 0.5 || rep.Baseline.F1 > 0.7 {
		t.Errorf("raw dump F1 %.3f, documented as 0.596", rep.Baseline.F1)
	}
}

func TestRunQualityPrints(t *testing.T) {
	// A corpus the test writes: two pages, one extractor perfect, one empty.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "text"), 0o755)
	os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(`{"a1":{"articleBody":"one two three four five","url":"u"},"b2":{"articleBody":"six seven eight nine ten","url":"v"}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "text", "a1.txt"), []byte("one two three four five"), 0o644)
	os.WriteFile(filepath.Join(dir, "text", "b2.txt"), []byte("nothing alike here at all"), 0o644)
	var b bytes.Buffer
	err := RunQuality(&b, dir, func(p CorpusPage, raw []byte) (string, error) { return p.Truth, nil }, TextBaseline)
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"pipeline    1.000  1.000  1.000", "baseline    0.500  0.500  0.500", "worst ten", "b2", "speed (median ms per page", "ratio"} {
		if !bytes.Contains([]byte(out), []byte(want)) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// BenchmarkMultilingualPipeline times margin's extractor over the
// multilingual corpus (-cpuprofile says where the time above bare
// go-readability's goes).
func BenchmarkMultilingualPipeline(b *testing.B) {
	pages, err := LoadPassageCorpus(filepath.Join("..", DefaultMultilingualCorpus))
	if err != nil {
		b.Skip(err)
	}
	raws := make([][]byte, len(pages))
	cps := make([]CorpusPage, len(pages))
	for i, p := range pages {
		cps[i] = CorpusPage{ID: p.ID, URL: p.URL, Path: p.Path}
		if raws[i], err = ReadPage(cps[i]); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		for i := range cps {
			_, _ = HTMLPipeline(cps[i], raws[i])
		}
	}
}
