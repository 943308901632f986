package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The library of benchmarks.md section 5: 10,000 articles of ~1,500 words.
const (
	benchArticles = 10000
	benchWords    = 1500
)

var benchLib struct {
	once sync.Once
	s    *Store
	err  error
}

// benchStore opens (building it on first use) the 10,000-article library.
// MARGIN_BENCH_DB names a library to keep between runs; otherwise it is
// built in a temporary folder, once per run. Populate is idempotent, so an
// interrupted build resumes.
func benchStore(b *testing.B) *Store {
	benchLib.once.Do(func() {
		path := os.Getenv("MARGIN_BENCH_DB")
		if path == "" {
			path = filepath.Join(tmpRoot, "bench.db")
		}
		s, err := Open(path)
		if err != nil {
			benchLib.err = err
			return
		}
		ctx := context.Background()
		if n, _ := s.Count(ctx); n < benchArticles {
			start := time.Now()
			if err := Populate(ctx, s, benchArticles, benchWords, 1); err != nil {
				benchLib.err = err
				return
			}
			d := time.Since(start)
			fmt.Fprintf(os.Stderr, "built %d x %d-word library in %v (%.0f articles/s, batches of 250)\n",
				benchArticles, benchWords, d.Round(time.Millisecond), benchArticles/d.Seconds())
		}
		benchLib.s = s
	})
	if benchLib.err != nil {
		b.Fatal(benchLib.err)
	}
	return benchLib.s
}

// benchQueries cover what people type: a rare word, a mid-frequency
// word, words in nearly every article, two words, a phrase, and the
// prefixes of search as you type.
func benchQueries() map[string]string {
	v := vocabulary(20000)
	return map[string]string{
		"rare":       v[15000],
		"mid":        v[1500],
		"common":     "security",
		"stopword":   "the",
		"two-words":  v[1500] + " " + v[3000],
		"phrase":     `"security assistance"`,
		"prefix-2":   "se",
		"prefix-4":   v[2000][:4],
		"title-word": v[7000] + " " + v[7001],
	}
}

func BenchmarkSearch(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	qs := benchQueries()
	names := make([]string, 0, len(qs))
	for k := range qs {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, name := range names {
		q := qs[name]
		b.Run(name, func(b *testing.B) {
			reportCPU(b, func() {
				if _, err := s.Search(ctx, q, 20); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	// mixed: all the queries in turn, reporting the median and the 90th
	// percentile (benchmarks.md asks for the median).
	b.Run("mixed", func(b *testing.B) {
		var ds []time.Duration
		i := 0
		for b.Loop() {
			t := time.Now()
			if _, err := s.Search(ctx, qs[names[i%len(names)]], 20); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(t))
			i++
		}
		slices.Sort(ds)
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-median")
		b.ReportMetric(float64(ds[len(ds)*9/10].Microseconds())/1000, "ms-p90")
	})
}

func BenchmarkList(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		opt  ListOptions
	}{
		{"first-screen", ListOptions{Limit: 60}},
		{"all-added", ListOptions{Archived: true}},
		{"all-title", ListOptions{Archived: true, Sort: SortTitle}},
	} {
		b.Run(c.name, func(b *testing.B) {
			reportCPU(b, func() {
				as, err := s.List(ctx, c.opt)
				if err != nil || len(as) == 0 {
					b.Fatal(len(as), err)
				}
			})
		})
	}
	// What a starting margin does before its first frame: open the
	// library and read one screen of it.
	b.Run("open-and-first-screen", func(b *testing.B) {
		reportCPU(b, func() {
			s2, err := Open(s.Path())
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s2.List(ctx, ListOptions{Limit: 60}); err != nil {
				b.Fatal(err)
			}
			s2.Close()
		})
	})
}

// BenchmarkAddArticle saves one ~1,500-word article per operation, each in
// its own transaction (as `margin add` does), into an empty library and
// into a copy of the 10,000-article one (the index is bigger to update).
func BenchmarkAddArticle(b *testing.B) {
	ctx := context.Background()
	run := func(b *testing.B, s *Store) {
		g := NewGenerator(3)
		i := 0
		var cpu time.Duration
		defer func() { b.ReportMetric(float64(cpu.Microseconds())/1000/float64(max(i, 1)), "cpu-ms/op") }()
		for b.Loop() {
			b.StopTimer()
			a := g.Article(i, benchWords)
			a.SourceURL = fmt.Sprintf("https://example.org/bench-add/%d", i)
			a.CanonicalURL = ""
			i++
			b.StartTimer()
			c := cpuTime()
			if _, existed, err := s.AddArticle(ctx, a); err != nil || existed {
				b.Fatal(existed, err)
			}
			cpu += cpuTime() - c
		}
	}
	b.Run("empty-library", func(b *testing.B) {
		dir, _ := os.MkdirTemp(tmpRoot, "add-")
		defer os.RemoveAll(dir)
		s, err := Open(filepath.Join(dir, "lib.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		run(b, s)
	})
	b.Run("10k-library", func(b *testing.B) {
		dir, _ := os.MkdirTemp(tmpRoot, "add10k-")
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "lib.db")
		if err := benchStore(b).Backup(ctx, path); err != nil {
			b.Fatal(err)
		}
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		run(b, s)
	})
}

// BenchmarkAddHighlight saves one highlight per operation.
func BenchmarkAddHighlight(b *testing.B) {
	dir, _ := os.MkdirTemp(tmpRoot, "hl-")
	s, err := Open(filepath.Join(dir, "lib.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	id, _, err := s.AddArticle(ctx, NewGenerator(4).Article(0, benchWords))
	if err != nil {
		b.Fatal(err)
	}
	reportCPU(b, func() {
		if _, err := s.AddHighlight(ctx, &Highlight{ArticleID: id, Start: 10, End: 50, Exact: "quote", Note: "note"}); err != nil {
			b.Fatal(err)
		}
	})
}

// cpuTime is the CPU time this process has used. On a shared machine it
// varies far less than wall time, so benchmarks report it beside ns/op.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU runs f as the benchmark loop and adds a cpu-ms/op metric.
func reportCPU(b *testing.B, f func()) {
	start := cpuTime()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(n), "cpu-ms/op")
}

// BenchmarkSearchLongArticle: one search keystroke ("th", the prefix of
// half the vocabulary) on a library holding a 200,000-word article among
// 200 ordinary ones (issue 17: FTS5's snippet() took seconds here).
func BenchmarkSearchLongArticle(b *testing.B) {
	s := openTest(b)
	ctx := context.Background()
	g := NewGenerator(9)
	for i := range 200 {
		if _, _, err := s.AddArticle(ctx, g.Article(i, 1500)); err != nil {
			b.Fatal(err)
		}
	}
	if _, _, err := s.AddArticle(ctx, g.Article(9999, 200000)); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"th", "the"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(ctx, q, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
