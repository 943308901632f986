package render

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// row is a line's cell offsets, one a cell (for tests).
func (d *Doc) row(l int) []int32 { return d.cells[l].expand(nil) }

// A line's cells read back as they were stored, whether kept as runs or
// one offset a cell, and its bounds and shift agree with the offsets.
func TestCellRowRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		n := r.IntN(130)
		cells := make([]int32, n)
		off := int32(r.IntN(1000))
		for c := range cells {
			switch r.IntN(10) {
			case 0:
				cells[c] = -1 // decoration
			case 1:
				off += int32(r.IntN(4)) // a wide unit, or the same cell twice
				cells[c] = off
			case 2:
				off = max(off-int32(r.IntN(50)), 0) // back (a table's columns)
				cells[c] = off
			default:
				off++
				cells[c] = off
			}
		}
		row := newCellRow(cells)
		if got := row.expand(nil); !slices.Equal(got, cells) && !(len(got) == 0 && len(cells) == 0) {
			t.Fatalf("stored %v, read back %v", cells, got)
		}
		for c := -1; c <= n; c++ {
			want := int32(-1)
			if c >= 0 && c < n {
				want = cells[c]
			}
			if got := row.at(c); got != want {
				t.Fatalf("cell %d of %v: %d, want %d", c, cells, got, want)
			}
		}
		lo, hi := int32(-1), int32(-1)
		for _, o := range cells {
			if o >= 0 {
				if lo < 0 || o < lo {
					lo = o
				}
				hi = max(hi, o)
			}
		}
		if glo, ghi := row.bounds(); glo != lo || ghi != hi {
			t.Fatalf("bounds of %v: %d, %d; want %d, %d", cells, glo, ghi, lo, hi)
		}
		row.shift(7)
		for c, o := range row.expand(nil) {
			if want := cells[c]; want >= 0 && o != want+7 || want < 0 && o != -1 {
				t.Fatalf("shifted cell %d: %d, was %d", c, o, want)
			}
		}
	}
}

// all is every unit, one by one (for tests).
func (t *unitTable) all() []unit {
	out := make([]unit, t.len())
	for i := range out {
		out[i] = t.at(int32(i))
	}
	return out
}
