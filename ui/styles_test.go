package ui

import (
	"fmt"
	"testing"

	"margin/store"
)

// xterm256 is the colour a 256-colour terminal (tmux by default) shows
// for r, g, b: the nearest of the 6x6x6 cube and the grey ramp.
func xterm256(r, g, b int) int {
	level := []int{0, 95, 135, 175, 215, 255}
	near := func(v int) int {
		best := 0
		for i, l := range level {
			if abs(v-l) < abs(v-level[best]) {
				best = i
			}
		}
		return best
	}
	ri, gi, bi := near(r), near(g), near(b)
	cube := 16 + 36*ri + 6*gi + bi
	dc := sq(r-level[ri]) + sq(g-level[gi]) + sq(b-level[bi])
	avg := (r + g + b) / 3
	gi2 := min(max((avg-8+5)/10, 0), 23)
	gv := 8 + 10*gi2
	if sq(r-gv)+sq(g-gv)+sq(b-gv) < dc {
		return 232 + gi2
	}
	return cube
}

func abs(x int) int { return max(x, -x) }
func sq(x int) int  { return x * x }

// A selection over a "question" highlight looked the same as the
// highlight on a 256-colour terminal (both colour 60 in the dark style):
// the selection's background is no label's, in either style, in true
// colour or in 256.
func TestSelectionUnlikeEveryLabel(t *testing.T) {
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark)
		var sr, sg, sb int
		if _, err := fmt.Sscanf(st.Reader.SelectionSGR, "\x1b[48;2;%d;%d;%dm", &sr, &sg, &sb); err != nil {
			t.Fatalf("selection %q: %v", st.Reader.SelectionSGR, err)
		}
		for _, l := range store.LabelDefs {
			hex := l.Light
			if dark {
				hex = l.Dark
			}
			var r, g, b int
			fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
			if xterm256(r, g, b) == xterm256(sr, sg, sb) {
				t.Errorf("dark %v: the selection and %q share colour %d on 256 colours", dark, l.Name, xterm256(r, g, b))
			}
		}
	}
}
