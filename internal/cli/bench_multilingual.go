//go:build bench

package cli

import (
	"fmt"

	"margin/bench"
	"margin/reader"
)

// benchMultilingual runs the multilingual cleaning benchmark
// (../shared/docs/benchmarks.md, section 7) beside bare go-readability,
// then the title accuracy of the HTML and pasted-text pipelines.
func benchMultilingual(e *env, corpus string) error {
	if err := bench.Multilingual(e.stdout, corpus); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	rep, err := bench.Titles(bench.DefaultExtractionCorpus, bench.DefaultPastedCorpus, reader.FromText)
	if err != nil {
		return err
	}
	return rep.Print(e.stdout)
}
