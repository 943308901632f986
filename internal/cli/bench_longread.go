//go:build bench

package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"charm.land/glamour/v2"

	"margin/internal/gen"
	"margin/internal/settings"
	"margin/store"
)

// benchLongRead measures the reader on long articles (issue 17): for each
// length, the time to the first screen and to the end, and the peak
// resident memory of margin open in a pseudo-terminal, beside the peak of
// what glow does with the same Markdown (a whole glamour render held as a
// string and its lines, in a child). With against, a second margin binary
// (the baseline build) is measured in the same run.
func benchLongRead(e *env, against string) error {
	self, dir, err := benchChildDir("longread")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bins := []string{self}
	if against != "" {
		bins = append(bins, against)
	}
	fmt.Fprintf(e.stdout, "%-26s %-34s %14s %10s %12s\n", "article", "reader", "first screen", "end", "peak RSS")
	for _, words := range []int{200000, 450000} {
		md := gen.Article(words)
		page := filepath.Join(dir, fmt.Sprintf("page%d.html", words))
		body := "<html><body><article><p>" + strings.ReplaceAll(md, "\n\n", "</p><p>") + "</p></article></body></html>"
		md = ""
		if err := os.WriteFile(page, []byte(body), 0o644); err != nil {
			return err
		}
		body = ""
		db := filepath.Join(dir, fmt.Sprintf("lib%d.db", words))
		if _, _, _, err := runMeasured(self, db, "add", page); err != nil {
			return fmt.Errorf("bench longread: add: %w", err)
		}
		// The stored Markdown, for glamour: the text both read.
		stored := filepath.Join(dir, fmt.Sprintf("article%d.md", words))
		if err := writeStored(db, stored); err != nil {
			return err
		}
		debug.FreeOSMemory()
		name := fmt.Sprintf("%dk words", words/1000)
		var ours int
		for i, bin := range bins {
			who := "margin (this build)"
			if i > 0 {
				who = "margin " + filepath.Base(bin)
			}
			first, end, hwm, err := timeReaderOpen(bin, db)
			if err != nil {
				fmt.Fprintf(e.stdout, "%-26s %-34s FAILED: %v\n", name, who, err)
				continue
			}
			if i == 0 {
				ours = hwm
			}
			fmt.Fprintf(e.stdout, "%-26s %-34s %11.0f ms %8.2f s %9d MB\n", name, who, float64(first.Microseconds())/1000, end.Seconds(), hwm>>10)
		}
		t, kb, err := measureGlamour(self, stored)
		if err != nil {
			fmt.Fprintf(e.stdout, "%-26s %-34s FAILED: %v\n", name, "glamour whole (glow's way)", err)
			continue
		}
		ratio := "-"
		if kb > 0 && ours > 0 {
			ratio = fmt.Sprintf("%.2fx", float64(ours)/float64(kb))
		}
		fmt.Fprintf(e.stdout, "%-26s %-34s %14s %8.2f s %9d MB   margin/glamour %s\n", name, "glamour whole (glow's way)", "-", t.Seconds(), kb>>10, ratio)
	}
	fmt.Fprintln(e.stdout, "goal: the reader's peak at or below glamour's (glow renders the whole with the same glamour; glow itself is not installed)")
	return nil
}

// writeStored writes article 1's Markdown as the library holds it.
func writeStored(db, path string) error {
	s, err := store.Open(db)
	if err != nil {
		return fmt.Errorf("bench longread: open the library: %w", err)
	}
	defer s.Close()
	a, err := s.Article(context.Background(), 1)
	if err != nil {
		return fmt.Errorf("bench longread: read the article: %w", err)
	}
	return os.WriteFile(path, []byte(a.Markdown), 0o644)
}

// measureGlamour runs `margin bench glamour FILE` in a child without
// margin's memory limit (glow has none) and returns its wall time and peak
// resident memory in KiB.
func measureGlamour(self, file string) (time.Duration, int, error) {
	cmd := exec.Command(self, "bench", "glamour", file)
	cmd.Env = append(os.Environ(), "GOMEMLIMIT=off")
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(t0)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %s", err, strings.TrimSpace(string(out)))
	}
	kb := 0
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		kb = int(ru.Maxrss)
	}
	return d, kb, nil
}

// benchGlamour is what glow does with a Markdown file: render it whole
// with glamour at the reader's width and hold the result and its lines
// (a viewport's content) while it is shown.
func benchGlamour(e *env, file string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(settings.DefaultWidth))
	if err != nil {
		return err
	}
	out, err := r.Render(string(b))
	if err != nil {
		return err
	}
	lines := strings.Split(out, "\n")
	runtime.KeepAlive(lines)
	fmt.Fprintf(e.stdout, "%d lines\n", len(lines))
	return nil
}
