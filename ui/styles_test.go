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

// A search match looked exactly like a plain highlight in the dark style
// on a 256-colour terminal (both colour 58), so a match inside a highlight
// could not be seen, and a selection over a "question" highlight looked
// like the highlight (both 60): the backgrounds of the matches and the
// selection are no label's and not each other's, in either style, in true
// colour or in 256.
func TestMatchesUnlikeEveryLabel(t *testing.T) {
	for _, dark := range []bool{true, false} {
		st := NewStyles(dark)
		bg := func(sgr string) int {
			var r, g, b int
			if _, err := fmt.Sscanf(sgr, "\x1b[48;2;%d;%d;%dm", &r, &g, &b); err != nil {
				t.Fatalf("%q: %v", sgr, err)
			}
			return xterm256(r, g, b)
		}
		seen := map[int]string{}
		for _, l := range store.LabelDefs {
			hex := l.Light
			if dark {
				hex = l.Dark
			}
			var r, g, b int
			fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
			seen[xterm256(r, g, b)] = l.Name
		}
		for name, sgr := range map[string]string{"match": st.Reader.MatchSGR, "current match": st.Reader.CurrentSGR, "selection": st.Reader.SelectionSGR} {
			c := bg(sgr)
			if other, ok := seen[c]; ok {
				t.Errorf("dark %v: the %s and the %s share colour %d on 256 colours", dark, name, other, c)
			}
			seen[c] = name
		}
	}
}
