//go:build bench

package render

import (
	"margin/internal/gen"
	"testing"
)

var benchSizes = []int{2000, 10000, 50000}

func benchName(n int) string {
	switch n {
	case 2000:
		return "2k"
	case 10000:
		return "10k"
	}
	return "50k"
}

func BenchmarkGlamourPlain(b *testing.B) {
	for _, n := range benchSizes {
		md := gen.Article(n)
		b.Run(benchName(n), func(b *testing.B) {
			for b.Loop() {
				if err := glamourPlain(md, 80, "dark"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	for _, n := range benchSizes {
		md := gen.Article(n)
		b.Run(benchName(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Render(md, Options{Width: 80, Style: "dark"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRenderFirst(b *testing.B) {
	md := gen.Article(10000)
	for b.Loop() {
		if _, err := RenderFirst(md, Options{Width: 80, Style: "dark"}, 40); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPaint(b *testing.B) {
	d, marks, first, cursor, err := benchPaintFixture()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		d.Paint(first, 40, marks, cursor, "")
	}
}

func BenchmarkParse(b *testing.B) {
	md := gen.Article(10000)
	for b.Loop() {
		parse(md)
	}
}

// BenchmarkReopen200k: a 200,000-word article reopened two thirds in,
// without its links (counted before the slice), against the window of the
// whole article's parse.
func BenchmarkReopen200k(b *testing.B) {
	md := gen.Article(200000)
	opt := Options{Width: 80, Style: "dark"}
	cfg, _ := checkOptions(opt)
	off := len(md) * 2 / 3
	b.Run("slice", func(b *testing.B) {
		for b.Loop() {
			if _, err := RenderAt(md, opt, off, 40); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("whole-parse", func(b *testing.B) {
		for b.Loop() {
			if _, err := parseFor(md, opt).window(opt, cfg, off, 40, true, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("links-before", func(b *testing.B) {
		a, _ := blockCuts(md, off-4000, off)
		for b.Loop() {
			linksBefore(md, a)
		}
	})
}
