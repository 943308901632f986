//go:build bench

package render

import (
	"fmt"
	"io"
	"margin/internal/gen"
	"sort"
	"time"

	"charm.land/glamour/v2"
)

// BenchResult is one row of the reading-speed benchmark.
type BenchResult struct {
	Name     string
	Ours     time.Duration // per operation
	Baseline time.Duration // plain whole-document glamour render in the same run; 0 when none
	Goal     time.Duration // 0 when none
}

// Ratio is Ours / Baseline (0 without a baseline).
func (r BenchResult) Ratio() float64 {
	if r.Baseline == 0 {
		return 0
	}
	return float64(r.Ours) / float64(r.Baseline)
}

// glamourPlain renders md as a plain glamour whole-document render.
func glamourPlain(md string, width int, style string) error {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width), glamour.WithInlineTableLinks(true))
	if err != nil {
		return err
	}
	_, err = r.Render(md)
	return err
}

// benchPaintFixture renders a 10,000-word article and spreads 200 marks
// over it; it returns the frame's first line and a cursor inside it.
func benchPaintFixture() (*Doc, []Mark, int, int, error) {
	md := gen.Article(10000)
	d, err := Render(md, Options{Width: 80, Style: "dark"})
	if err != nil {
		return nil, nil, 0, 0, err
	}
	marks := make([]Mark, 0, 200)
	step := max(len(md)/200, 1)
	for i := 0; i < 200; i++ {
		s := i * step
		marks = append(marks, Mark{Start: s, End: s + step/3, Style: MarkStyle{SGR: "\x1b[48;5;58m"}})
	}
	first := len(d.Lines) / 2
	cursor := -1
	for c := range d.Cells(first + 10) {
		if o := d.Offset(first+10, c); o >= 0 {
			cursor = o
			break
		}
	}
	return d, marks, first, cursor, nil
}

// benchOps returns the measured operations, shared by Bench and the go test
// benchmarks.
func benchOps() ([]benchOp, error) {
	var ops []benchOp
	for _, n := range []int{2000, 10000, 50000} {
		md := gen.Article(n)
		ops = append(ops, benchOp{
			name: fmt.Sprintf("full render + map, %dk words", n/1000),
			ours: func() error { _, err := Render(md, Options{Width: 80, Style: "dark"}); return err },
			base: func() error { return glamourPlain(md, 80, "dark") },
		})
		if n == 10000 {
			ops = append(ops, benchOp{
				name: "first screen (40 lines), 10k words",
				ours: func() error { _, err := RenderFirst(md, Options{Width: 80, Style: "dark"}, 40); return err },
				base: func() error { return glamourPlain(md, 80, "dark") },
				goal: 16 * time.Millisecond,
			}, benchOp{
				name: "reopen two thirds in (2x40 lines), 10k words",
				ours: func() error { _, err := RenderAt(md, Options{Width: 80, Style: "dark"}, len(md)*2/3, 80); return err },
				base: func() error { return glamourPlain(md, 80, "dark") },
				goal: 16 * time.Millisecond,
			}, benchOp{
				name: "re-render at width 100, 10k words",
				ours: func() error { _, err := Render(md, Options{Width: 100, Style: "dark"}); return err },
				base: func() error { return glamourPlain(md, 100, "dark") },
			})
		}
	}
	// The window around a passage of a 200,000-word article rendered from
	// the whole article's parse: the baseline of the rows below.
	long := gen.Article(200000)
	wholeParse := func(opt Options, off int) func() error {
		return func() error {
			cfg, err := checkOptions(opt)
			if err != nil {
				return err
			}
			_, err = parseFor(long, opt).window(opt, cfg, off, 40, true, true)
			return err
		}
	}
	// A width change: the passage on screen, re-wrapped from a slice (the
	// reader holds the links already).
	links := Parse(long).Links()
	wide := Options{Width: 100, Style: "dark"}
	ops = append(ops, benchOp{
		name: "width change, 200k words (base: whole parse)",
		ours: func() error {
			o := wide
			o.Links = links
			_, err := RenderAt(long, o, len(long)*2/3, 40)
			return err
		},
		base: wholeParse(wide, len(long)*2/3),
		goal: 16 * time.Millisecond,
	})
	// Opening a 200,000-word article: at its top, and where the reader
	// left off two thirds in, without the article's links (they come with
	// its parse, which runs beside the first screen).
	dark := Options{Width: 80, Style: "dark"}
	ops = append(ops, benchOp{
		name: "first screen (40 lines), 200k words",
		ours: func() error { _, err := RenderFirst(long, dark, 40); return err },
		base: wholeParse(dark, 0),
		goal: 16 * time.Millisecond,
	}, benchOp{
		// The reader asks for two screens (room to scroll while the
		// whole renders).
		name: "reopen at 2/3 (2x40 lines), 200k words",
		ours: func() error { _, err := RenderAt(long, dark, len(long)*2/3, 80); return err },
		base: wholeParse(dark, len(long)*2/3),
		goal: 16 * time.Millisecond,
	})
	d, marks, first, cursor, err := benchPaintFixture()
	if err != nil {
		return nil, err
	}
	ops = append(ops, benchOp{
		name: "paint 80x40 frame, 200 marks + cursor",
		ours: func() error { d.Paint(first, 40, marks, cursor, ""); return nil },
		goal: time.Millisecond,
	})
	return ops, nil
}

type benchOp struct {
	name       string
	ours, base func() error
	goal       time.Duration
}

// measure times f as testing.Benchmark would, without linking the testing
// package into margin: one call, then rounds sized from the last one's
// pace to take about a second, and the time per call of the last round.
func measure(f func() error) (time.Duration, error) {
	n := 1
	for {
		t0 := time.Now()
		for range n {
			if err := f(); err != nil {
				return 0, err
			}
		}
		d := time.Since(t0)
		if d >= time.Second || n >= 1<<24 {
			return d / time.Duration(n), nil
		}
		// Aim 20% past a second, growing at most a hundredfold a round.
		next := int(float64(n) * 1.2 * float64(time.Second) / float64(max(d, time.Microsecond)))
		n = min(max(next, n+1), 100*n)
	}
}

// Bench measures reading speed (../shared/docs/benchmarks.md section 4)
// and prints the table to w; see BenchRows.
func Bench(w io.Writer) error {
	_, err := BenchRows(w)
	return err
}

// BenchRows measures reading speed (../shared/docs/benchmarks.md section 4):
// first screen, full render with the cell map at 2k/10k/50k words, a
// re-render at another width, and painting a frame, each beside a plain
// whole-document glamour render measured in the same run. It prints a
// table to w and returns the rows.
func BenchRows(w io.Writer) ([]BenchResult, error) {
	ops, err := benchOps()
	if err != nil {
		return nil, fmt.Errorf("preparing reading benchmark: %w", err)
	}
	var rows []BenchResult
	fmt.Fprintf(w, "%-40s %12s %12s %7s %10s\n", "reading speed (width 80, dark)", "margin", "glamour", "ratio", "goal")
	for _, op := range ops {
		// The machines are shared and noisy: alternate ours and the
		// baseline for a few rounds and keep each one's median.
		r := BenchResult{Name: op.name, Goal: op.goal}
		var ours, bases []time.Duration
		for range benchRounds {
			d, err := measure(op.ours)
			if err != nil {
				return rows, fmt.Errorf("benchmark %q: %w", op.name, err)
			}
			ours = append(ours, d)
			if op.base != nil {
				d, err := measure(op.base)
				if err != nil {
					return rows, fmt.Errorf("baseline of %q: %w", op.name, err)
				}
				bases = append(bases, d)
			}
		}
		r.Ours, r.Baseline = median(ours), median(bases)
		rows = append(rows, r)
		base, ratio, goal := "-", "-", "-"
		if r.Baseline > 0 {
			base, ratio = fmtDur(r.Baseline), fmt.Sprintf("%.2f", r.Ratio())
		}
		if r.Goal > 0 {
			mark := "ok"
			if r.Ours >= r.Goal {
				mark = "MISSED"
			}
			goal = "< " + fmtDur(r.Goal) + " " + mark
		}
		fmt.Fprintf(w, "%-40s %12s %12s %7s %10s\n", r.Name, fmtDur(r.Ours), base, ratio, goal)
	}
	return rows, nil
}

const benchRounds = 3

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	}
}
