//go:build !bench

package cli

// cmdBench, in a margin built without the benchmarks: they link a
// pseudo-terminal, a terminal emulator and the corpora's tools into the
// binary, so they are built on demand (go run -tags bench . bench ...).
func cmdBench(e *env, args []string) error {
	return usageErr("bench: the benchmarks are built separately: go run -tags bench . bench extract|paste|multilingual|read|longread|library|hostile|import")
}
