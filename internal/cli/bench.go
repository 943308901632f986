//go:build bench

package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"margin/bench"
	"margin/internal/library"
	"margin/internal/vtterm"
	"margin/reader"
	"margin/render"

	"margin/internal/query"
	"margin/store"
	"margin/ui"
)

// Library-scale benchmark (../shared/docs/benchmarks.md, section 5). It
// builds a library of 10,000 generated articles once (kept in the user's
// cache folder, since it takes a while) and measures margin against plain
// baselines in the same run.
const (
	benchArticles = 10000
	benchWords    = 1500
)

// growthSizes are the libraries of the growth table (issue 17): anything
// growing worse than the number of articles shows at a glance.
var growthSizes = []int{1000, 10000, 100000}

// benchDB opens the cached library of n generated articles, building it
// the first time.
func benchDB(e *env, n int) (*store.Store, string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	db := filepath.Join(cache, "margin-bench", fmt.Sprintf("library-%d.db", n))
	if err := os.MkdirAll(filepath.Dir(db), 0o755); err != nil {
		return nil, "", fmt.Errorf("bench library: %w", err)
	}
	st, err := store.Open(db)
	if err != nil {
		return nil, "", err
	}
	have, err := st.Count(e.ctx)
	if err != nil {
		st.Close()
		return nil, "", err
	}
	if have < n {
		fmt.Fprintf(e.stderr, "building a library of %d articles of %d words in %s (once)...\n", n, benchWords, db)
		t0 := time.Now()
		if err := store.Populate(e.ctx, st, n, benchWords, 1); err != nil {
			st.Close()
			return nil, "", err
		}
		fmt.Fprintf(e.stderr, "built in %.1f s\n", time.Since(t0).Seconds())
	}
	return st, db, nil
}

func benchLibrary(e *env) error {
	self, err := benchSelf("library")
	if err != nil {
		return err
	}
	st, db, err := benchDB(e, benchArticles)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := e.ctx
	n, err := st.Count(ctx)
	if err != nil {
		return err
	}

	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "measure\tmargin\tbaseline\tratio\tgoal\tbaseline is\t\n")
	row := func(name string, got, base time.Duration, goal, baseName string) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2fx\t%s\t%s\t\n", name, ms(got), ms(base), float64(got)/float64(base), goal, baseName)
	}

	// Process start to the library's first frame, against the same binary
	// starting and printing its help (process start and exit, no library).
	first, err := st.List(ctx, store.ListOptions{Limit: 1})
	if err != nil || len(first) == 0 {
		return fmt.Errorf("bench library: the library is empty: %v", err)
	}
	want := first[0].Title
	if len(want) > 16 {
		want = want[:16]
	}
	var starts []time.Duration
	var rssKB []int
	full := fmt.Sprintf("%d articles", n)
	for range 9 {
		d, kb, _, err := timeFirstFrame(self, want, full, "--db", db, "--style", "dark")
		if err != nil {
			return err
		}
		starts = append(starts, d)
		rssKB = append(rssKB, kb)
	}
	var helps []time.Duration
	for range 9 {
		t0 := time.Now()
		hc := exec.Command(self, "help")
		if err := hc.Run(); err != nil {
			return fmt.Errorf("bench library: run margin help: %w", err)
		}
		helps = append(helps, time.Since(t0))
	}
	row("start to first frame", median(starts), median(helps), "< 100 ms", "margin help")
	ownFrame := median(starts) - median(helps)

	// One filter keystroke on the whole list, against a plain substring scan.
	arts, err := st.List(ctx, store.ListOptions{Archived: true})
	if err != nil {
		return err
	}
	filt, scan := ui.BenchFilter(arts)
	if filt < 0 {
		return fmt.Errorf("bench library: the library screen did not load the list")
	}
	row("filter keystroke (10k)", filt, scan, "< 16 ms", "strings.Contains scan")

	// Full-text search, median over a set of queries, against a LIKE scan
	// would be unfair; the baseline is listing the library without search.
	queries := []string{"security", "assistance state", "water", "policy reform", "the", "market prices", "children school", "river"}
	var searches []time.Duration
	for range 5 {
		for _, q := range queries {
			t0 := time.Now()
			if _, err := st.Search(ctx, q, 20); err != nil {
				return err
			}
			searches = append(searches, time.Since(t0))
		}
	}
	var lists []time.Duration
	for range 10 {
		t0 := time.Now()
		if _, err := st.List(ctx, store.ListOptions{Limit: 20}); err != nil {
			return err
		}
		lists = append(lists, time.Since(t0))
	}
	row("full-text search (median)", median(searches), median(lists), "< 10 ms", "list 20 rows")

	// The query language and saved views, with 2,000 tags over the library.
	if err := store.PopulateTags(ctx, st, 2000, 3); err != nil {
		return err
	}
	q, err := query.Parse("security tag:topic-7 -is:done")
	if err != nil {
		return err
	}
	var qs []time.Duration
	for range 20 {
		t0 := time.Now()
		if _, err := st.ListQuery(ctx, q, store.ListOptions{}); err != nil {
			return err
		}
		qs = append(qs, time.Since(t0))
	}
	row("query: 2 operators + a word", median(qs), median(lists), "< 10 ms", "list 20 rows")
	view := ui.BenchView(st, store.View{Name: "bench", Query: "tag:topic-7 is:new"})
	row("switch to a saved view", view, median(lists), "< 16 ms", "list 20 rows")
	tw.Flush()
	slices.Sort(rssKB)
	fmt.Fprintf(e.stdout, "\nfirst frame less process start: %s (opening the library, the first page, terminal setup, drawing)\n", ms(ownFrame))
	fmt.Fprintf(e.stdout, "resident memory with the library open: %.1f MB (goal < 80 MB)\n", float64(rssKB[len(rssKB)/2])/1024)

	if err := benchGrowth(e, self, growthSizes); err != nil {
		return err
	}

	// Import of local pages on both cores.
	rate, err := benchImport(ctx, e)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "import of local pages: %.0f pages/s (pipeline on %d workers, one writer)\n", rate, 4)
	return nil
}

// benchGrowth prints the library's figures at 1k, 10k and 100k articles,
// each beside its same-run baseline, and how much each grew from the size
// before (10x the articles: a linear cost grows 10x, a bounded one 1x).
func benchGrowth(e *env, self string, sizes []int) error {
	fmt.Fprintf(e.stdout, "\ngrowth (1,500-word articles; first frame against margin help and a bare frame, filter against a strings.Contains scan):\n")
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "articles\tfirst frame\tmargin help\tratio\tbare frame\tratio\tlist (brief)\tgrowth\tfilter key\tscan\tratio\tgrowth\tresident\tpeak\t\n")
	var prevList, prevKey time.Duration
	for _, size := range sizes {
		st, db, err := benchDB(e, size)
		if err != nil {
			return err
		}
		g, err := growthRow(e, st, self, db, size)
		st.Close()
		if err != nil {
			return err
		}
		grow := func(now, prev time.Duration) string {
			if prev == 0 {
				return ""
			}
			return fmt.Sprintf("%.1fx", float64(now)/float64(prev))
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.2fx\t%s\t%.2fx\t%s\t%s\t%s\t%s\t%.2fx\t%s\t%.1f MB\t%.1f MB\t\n", size,
			ms(g.frame), ms(g.help), g.ratio, ms(g.floor), g.overFloor, ms(g.list), grow(g.list, prevList),
			ms(g.key), ms(g.scan), float64(g.key)/float64(g.scan), grow(g.key, prevKey),
			float64(g.rssKB)/1024, float64(g.peakKB)/1024)
		prevList, prevKey = g.list, g.key
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "(each ratio is the median of each run's first frame over the margin help or bare frame run right after it;\n"+
		" the bare frame is bubbletea showing two fixed lines from the same binary, with the library's program options: the floor under the first frame)\n")
	fmt.Fprintf(e.stdout, "goals at 100k: first frame within 1.5x of margin help, filter key < 16 ms, resident < 80 MB\n")
	// The machine's load, without which the times above mean little.
	if b, err := os.ReadFile("/proc/loadavg"); err == nil && len(strings.Fields(string(b))) >= 3 {
		fmt.Fprintf(e.stdout, "load average at the end: %s\n", strings.Join(strings.Fields(string(b))[:3], " "))
	}
	return nil
}

type growth struct {
	frame, help, floor, list, key, scan time.Duration
	ratio, overFloor                    float64 // medians of each run's frame over its help and its bare frame
	rssKB, peakKB                       int
}

// growthRow measures one size: process start to first frame (and memory
// once the whole list is in) against margin help, interleaved so both see
// the same load; the store's whole list; a filter keystroke.
func growthRow(e *env, st *store.Store, self, db string, size int) (growth, error) {
	var g growth
	first, err := st.List(e.ctx, store.ListOptions{Limit: 1})
	if err != nil || len(first) == 0 {
		return g, fmt.Errorf("bench library: the library is empty: %v", err)
	}
	want := first[0].Title
	if len(want) > 16 {
		want = want[:16]
	}
	full := fmt.Sprintf("%d articles", size)
	runs := 11
	if size >= 100000 {
		runs = 7
	}
	var frames, helps, floors []time.Duration
	var ratios, overFloors []float64
	var rss, peak []int
	for range runs {
		d, kb, hwm, err := timeFirstFrame(self, want, full, "--db", db, "--style", "dark")
		if err != nil {
			return g, err
		}
		frames, rss, peak = append(frames, d), append(rss, kb), append(peak, hwm)
		f, _, _, err := timeFirstFrame(self, want, full, "bench", "floor", " margin  "+full, want+" (a bare frame)")
		if err != nil {
			return g, fmt.Errorf("bench library: the bare frame: %w", err)
		}
		floors, overFloors = append(floors, f), append(overFloors, float64(d)/float64(f))
		t0 := time.Now()
		if err := exec.Command(self, "help").Run(); err != nil {
			return g, fmt.Errorf("bench library: run margin help: %w", err)
		}
		helps = append(helps, time.Since(t0))
		// Each frame against the help run right after it: the machine's
		// load swings between runs more than between the two.
		ratios = append(ratios, float64(d)/float64(helps[len(helps)-1]))
	}
	var lists []time.Duration
	var arts []store.Article
	for range 3 {
		t0 := time.Now()
		// As the library reads it: only what its rows show.
		if arts, err = st.List(e.ctx, store.ListOptions{Archived: true, Brief: true}); err != nil {
			return g, err
		}
		lists = append(lists, time.Since(t0))
	}
	g.key, g.scan = ui.BenchFilter(arts)
	if g.key < 0 {
		return g, fmt.Errorf("bench library: the library screen did not load the list")
	}
	slices.Sort(rss)
	slices.Sort(peak)
	g.frame, g.help, g.floor, g.list = median(frames), median(helps), median(floors), median(lists)
	slices.Sort(ratios)
	slices.Sort(overFloors)
	g.ratio, g.overFloor = ratios[len(ratios)/2], overFloors[len(overFloors)/2]
	g.rssKB, g.peakKB = rss[len(rss)/2], peak[len(peak)/2]
	return g, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// timeFirstFrame starts margin with args in a pseudo-terminal and times
// until the screen shows want; it reads the process's resident memory once
// the screen shows full (the whole list loaded). The terminal is ready
// before the clock starts, as a user's is.
func timeFirstFrame(self, want, full string, args ...string) (time.Duration, int, int, error) {
	term, err := vtterm.Open(120, 40)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("bench library: open a pty: %w", err)
	}
	defer term.Close()
	seen := make(chan time.Duration, 1)
	loaded := make(chan struct{}, 1)
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	t0 := time.Now()
	term.Watch(func(screen string) { // set after t0: Watch orders the two
		if strings.Contains(screen, want) {
			select {
			case seen <- time.Since(t0):
			default:
			}
		}
		if strings.Contains(screen, full) {
			select {
			case loaded <- struct{}{}:
			default:
			}
		}
	})
	if err := term.Start(cmd); err != nil {
		return 0, 0, 0, fmt.Errorf("bench library: start margin in a pty: %w", err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	var d time.Duration
	select {
	case d = <-seen:
	case <-time.After(20 * time.Second):
		return 0, 0, 0, fmt.Errorf("bench library: the library never showed %q", want)
	}
	select {
	case <-loaded:
	case <-time.After(20 * time.Second):
		return 0, 0, 0, fmt.Errorf("bench library: the library never showed %q", full)
	}
	return d, procKB(cmd.Process.Pid, "VmRSS"), procKB(cmd.Process.Pid, "VmHWM"), nil
}

// procKB reads one KiB figure of a process from /proc: VmRSS (resident
// now) or VmHWM (the peak).
func procKB(pid int, field string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == field+":" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	return 0
}

// benchImport imports 1,000 generated local HTML pages into a fresh library.
func benchImport(ctx context.Context, e *env) (float64, error) {
	dir, err := os.MkdirTemp("", "margin-import")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	g := store.NewGenerator(7)
	var paths []string
	for i := range 1000 {
		a := g.Article(i, benchWords)
		var b strings.Builder
		b.WriteString("<!doctype html><html><head><meta charset=utf-8><title>" + a.Title + "</title></head><body><nav><a href=/>Home</a></nav><article><h1>" + a.Title + "</h1>")
		for _, p := range strings.Split(a.Text, "\n\n") {
			b.WriteString("<p>" + p + "</p>\n")
		}
		b.WriteString("</article><footer>Copyright</footer></body></html>")
		p := filepath.Join(dir, fmt.Sprintf("page-%04d.html", i))
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return 0, err
		}
		paths = append(paths, p)
	}
	st, err := store.Open(filepath.Join(dir, "import.db"))
	if err != nil {
		return 0, err
	}
	defer st.Close()
	lib := library.New(st)
	t0 := time.Now()
	var wg sync.WaitGroup
	work := make(chan string)
	errc := make(chan error, 1)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if _, err := lib.Save(ctx, p, library.AddOptions{}); err != nil {
					select {
					case errc <- err:
					default:
					}
				}
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errc:
		return 0, err
	default:
	}
	return float64(len(paths)) / time.Since(t0).Seconds(), nil
}

func cmdBench(e *env, args []string) error {
	fs := e.flags("bench")
	corpus := fs.String("corpus", "", "corpus folder (ground-truth.json with html/ or text/)")
	sizes := fs.String("sizes", "", "growth: the library sizes to measure, comma-separated (default 1000,10000,100000)")
	against := fs.String("against", "", "another margin binary whose reader longread measures beside this one's")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 && (len(pos) == 0 || pos[0] != "measure" && pos[0] != "floor" && !(pos[0] == "glamour" && len(pos) == 2)) {
		return usageErr("bench: say which: extract, paste, multilingual, testpages, read, longread, library, growth, hostile, import or throughput")
	}
	dir := func(def string) string {
		if *corpus != "" {
			return *corpus
		}
		return def
	}
	switch pos[0] {
	case "extract":
		return bench.Extraction(e.stdout, dir(bench.DefaultExtractionCorpus))
	case "paste":
		clean := func(raw []byte) (string, error) {
			a, err := reader.FromText(string(raw))
			if err != nil {
				return "", err
			}
			return a.Text, nil
		}
		if err := bench.Pasted(e.stdout, dir(bench.DefaultPastedCorpus), clean); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
		if err := bench.PastedProxy(e.stdout, "", clean); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
		return bench.BrowserCopied(e.stdout, clean)
	case "multilingual":
		return benchMultilingual(e, *corpus)
	case "testpages":
		d := *corpus
		if d == "" {
			var err error
			if d, err = bench.DefaultTestPages(); err != nil {
				return err
			}
		}
		fromHTML := func(raw []byte, url string) (string, error) {
			a, err := reader.FromHTML(raw, "text/html", url)
			if err != nil {
				return "", err
			}
			return a.Text, nil
		}
		return bench.TestPages(e.stdout, d, fromHTML, func(raw []byte) (string, error) {
			a, err := reader.FromText(string(raw))
			if err != nil {
				return "", err
			}
			return a.Text, nil
		})
	case "read":
		return render.Bench(e.stdout)
	case "library":
		return benchLibrary(e)
	case "growth": // the library's growth table alone
		self, err := benchSelf("growth")
		if err != nil {
			return err
		}
		ns := growthSizes
		if *sizes != "" {
			ns = nil
			for _, f := range strings.Split(*sizes, ",") {
				n, err := strconv.Atoi(strings.TrimSpace(f))
				if err != nil || n < 1 {
					return usageErr("bench growth: --sizes takes article counts, such as 1000,10000; not %q", f)
				}
				ns = append(ns, n)
			}
		}
		return benchGrowth(e, self, ns)
	case "hostile":
		return benchHostile(e)
	case "import":
		return benchImports(e)
	case "throughput":
		return benchThroughput(e, *corpus)
	case "measure": // used by hostile and import
		return benchMeasure(e, pos[1:])
	case "longread":
		return benchLongRead(e, *against)
	case "glamour": // used by longread
		return benchGlamour(e, pos[1])
	case "floor": // used by growth
		return ui.BenchFloor(e.ctx, pos[1:], os.Stdin, os.Stdout)
	}
	return usageErr("bench: unknown benchmark %q (extract, paste, multilingual, read, longread, library, growth, hostile, import or throughput)", pos[0])
}

// benchSelf is margin's own binary, which a benchmark runs as a child.
func benchSelf(name string) (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("bench %s: find margin's own binary: %w", name, err)
	}
	return self, nil
}

// benchChildDir is margin's own binary and a new temporary folder for the
// children's files; the caller removes the folder.
func benchChildDir(name string) (self, dir string, err error) {
	if self, err = benchSelf(name); err != nil {
		return "", "", err
	}
	dir, err = os.MkdirTemp("", "margin-bench-"+name)
	return self, dir, err
}
