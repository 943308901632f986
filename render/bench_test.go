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
