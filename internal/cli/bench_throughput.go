//go:build bench

package cli

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"margin/bench"
	"margin/store"
)

// benchThroughput measures how much of the machine bulk adding and
// importing use (issue 17): the same pages saved by margin add (files
// given on the command line) and margin import (an offline wallabag
// export of them), each in a child process on a fresh library, with the
// Go scheduler held to one core and then given two, alternated run by run
// so both see the same load. Pages/s and the cores used (CPU time over
// wall time) say whether the second core is used.
func benchThroughput(e *env, corpus string) error {
	self, dir, err := benchChildDir("throughput")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	pages, what, err := throughputPages(corpus)
	if err != nil {
		return err
	}
	var files []string
	// wallabag's fields, content last: the export is recognised by the
	// fields at its start.
	type entry struct {
		URL        string `json:"url"`
		IsArchived int    `json:"is_archived"`
		Content    string `json:"content"`
	}
	var entries []entry
	for i, p := range pages {
		f := filepath.Join(dir, fmt.Sprintf("page-%03d.html", i))
		if err := os.WriteFile(f, p.html, 0o644); err != nil {
			return err
		}
		files = append(files, f)
		entries = append(entries, entry{URL: p.url, Content: string(p.html)})
	}
	b, err := json.Marshal(entries)
	if err != nil {
		return err
	}
	export := filepath.Join(dir, "wallabag.json")
	if err := os.WriteFile(export, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "throughput: %d pages (%s), each run a child process on a fresh library; %d cores here\n\n", len(pages), what, runtime.NumCPU())

	type run struct {
		name  string
		cores int
		args  []string
	}
	var runs []run
	for _, c := range []int{1, 2} {
		runs = append(runs, run{"add FILE...", c, append([]string{"add"}, files...)})
	}
	for _, c := range []int{1, 2} {
		runs = append(runs, run{fmt.Sprintf("import --jobs %d", c), c, []string{"import", export, "--jobs", fmt.Sprint(c)}})
	}
	const rounds = 5
	walls := make([][]time.Duration, len(runs)+2)
	cpus := make([][]time.Duration, len(runs)+2)
	for r := range rounds {
		// The ceiling under this run's load: the same fixed CPU work
		// (no I/O, no locks) on one core and on two.
		for c := 1; c <= 2; c++ {
			w, cpu := spin(c)
			walls[len(runs)+c-1] = append(walls[len(runs)+c-1], w)
			cpus[len(runs)+c-1] = append(cpus[len(runs)+c-1], cpu)
		}
		for i, x := range runs {
			db := filepath.Join(dir, fmt.Sprintf("lib-%d-%d.db", r, i))
			cmd := exec.Command(self, append([]string{x.args[0], "--db", db}, x.args[1:]...)...)
			cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", x.cores), "NO_COLOR=1")
			t0 := time.Now()
			out, err := cmd.CombinedOutput()
			wall := time.Since(t0)
			if err != nil {
				return fmt.Errorf("bench throughput: %s: %v: %s", x.name, err, lastLines(string(out), 3))
			}
			if err := checkSaved(e, db, len(pages)); err != nil {
				return fmt.Errorf("bench throughput: %s: %w", x.name, err)
			}
			walls[i] = append(walls[i], wall)
			cpus[i] = append(cpus[i], cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
			os.Remove(db)
			os.Remove(db + "-wal")
			os.Remove(db + "-shm")
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "command\tcores\ttime (median of %d)\tpages/s\tspeed-up\tcores used\t\n", rounds)
	var one float64
	runs = append(runs, run{"fixed CPU work (ceiling)", 1, nil}, run{"fixed CPU work (ceiling)", 2, nil})
	for i, x := range runs {
		w := median(walls[i])
		rate := float64(len(pages)) / w.Seconds()
		if x.args == nil {
			rate = float64(spinBlocks) / w.Seconds() // blocks/s, for the speed-up
		}
		up := ""
		if x.cores == 1 {
			one = rate
		} else if one > 0 {
			up = fmt.Sprintf("%.2fx", rate/one)
		}
		shown := fmt.Sprintf("%.0f", rate)
		if x.args == nil {
			shown = ""
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%.2f\t\n", x.name, x.cores, ms(w), shown, up, float64(median(cpus[i]))/float64(w))
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "(the ceiling is what two cores give a program with nothing to wait for, under this run's load)\n")
	if b, err := os.ReadFile("/proc/loadavg"); err == nil && len(strings.Fields(string(b))) >= 3 {
		fmt.Fprintf(e.stdout, "load average at the end: %s\n", strings.Join(strings.Fields(string(b))[:3], " "))
	}
	return nil
}

type throughputPage struct {
	url  string
	html []byte
}

// throughputPages are the real pages of the extraction corpus when it is
// there, else generated ones.
func throughputPages(corpus string) ([]throughputPage, string, error) {
	if corpus == "" {
		corpus = bench.DefaultExtractionCorpus
	}
	var out []throughputPage
	if cp, kind, err := bench.LoadCorpus(corpus); err == nil && kind == "html" {
		for i, p := range cp {
			raw, err := bench.ReadPage(p)
			if err != nil {
				return nil, "", err
			}
			u := p.URL
			if u == "" {
				u = fmt.Sprintf("https://corpus.example/%d", i)
			}
			out = append(out, throughputPage{u, raw})
		}
		return out, "the extraction corpus " + corpus, nil
	}
	g := store.NewGenerator(17)
	for i := range 200 {
		out = append(out, throughputPage{fmt.Sprintf("https://generated.example/%d", i), []byte(pageHTML(g.Article(i, benchWords)))})
	}
	return out, "generated, no corpus at " + corpus, nil
}

// checkSaved makes sure a run saved every page: a run that failed half
// of them would look fast.
func checkSaved(e *env, db string, want int) error {
	st, err := store.Open(db)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Count(e.ctx)
	if err != nil {
		return err
	}
	if n < want*9/10 {
		return fmt.Errorf("only %d of %d pages saved", n, want)
	}
	return nil
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}

// spinBlocks is the fixed work of spin: hashing 64 KiB blocks.
const spinBlocks = 12000

// spin does spinBlocks of hashing on four goroutines with the scheduler
// held to the given cores, and returns the wall and CPU time it took.
func spin(cores int) (time.Duration, time.Duration) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
	block := make([]byte, 64<<10)
	cpu0 := selfCPU()
	t0 := time.Now()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range spinBlocks / 4 {
				sha256.Sum256(block)
			}
		})
	}
	wg.Wait()
	return time.Since(t0), selfCPU() - cpu0
}

// selfCPU is the CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
