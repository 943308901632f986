package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

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

// In the light style the help bar's words (bubbles' grey, 2:1 on white),
// "not fetched" and the prompt's cursor (a white block) could hardly be
// seen: text reads at 4:1 or more on the style's background, the cursor
// at 3:1 or more.
func TestTextReadsOnTheBackground(t *testing.T) {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	contrast := func(a, b color.Color) float64 {
		la, lb := lum(a), lum(b)
		return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
	}
	for _, dark := range []bool{false, true} {
		st := NewStyles(dark)
		bg := color.Color(color.White)
		if dark {
			bg = color.Black
		}
		for name, c := range map[string]color.Color{
			"help words":    st.Help.ShortDesc.GetForeground(),
			"full help":     st.Help.FullDesc.GetForeground(),
			"not fetched":   st.Library.Unfetched.GetForeground(),
			"status":        st.App.Dim.GetForeground(),
			"prompt cursor": st.Prompt.Input.Cursor.Color,
			"editor cursor": st.Prompt.Area.Cursor.Color,
		} {
			want := 4.0
			if strings.HasSuffix(name, "cursor") {
				want = 3
			}
			if got := contrast(c, bg); got < want {
				t.Errorf("dark %v: %s reads at %.1f:1", dark, name, got)
			}
		}
	}
}

// downsample is what a terminal of profile p receives for sgr: bubbletea
// writes the frame through such a writer.
func downsample(t *testing.T, p colorprofile.Profile, sgr string) string {
	t.Helper()
	var b strings.Builder
	w := &colorprofile.Writer{Forward: &b, Profile: p}
	if _, err := w.Write([]byte(sgr + "x")); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "x")
}

// TestPassagesSeenWithoutColour: with NO_COLOR (or TERM=dumb) every
// background is dropped, and highlights and the selection were not seen
// at all. Each must keep an attribute, and search matches and the
// selection must look unlike a highlight.
func TestPassagesSeenWithoutColour(t *testing.T) {
	for _, dark := range []bool{true, false} {
		c := &Common{plain: true}
		st := c.newStyles(dark)
		look := map[string]string{}
		for _, l := range store.LabelDefs {
			got := downsample(t, colorprofile.ASCII, st.Label(l.Name).SGR)
			if got == "" {
				t.Errorf("dark %v: the %s label is not seen without colour", dark, l.Name)
			}
			look[got] = l.Name
		}
		for name, sgr := range map[string]string{"match": st.Reader.MatchSGR, "current match": st.Reader.CurrentSGR, "selection": st.Reader.SelectionSGR} {
			got := downsample(t, colorprofile.ASCII, sgr)
			if got == "" {
				t.Errorf("dark %v: the %s is not seen without colour", dark, name)
			}
			if other, ok := look[got]; ok {
				t.Errorf("dark %v: the %s looks like the %s without colour (%q)", dark, name, other, got)
			}
			look[got] = name
		}
		// With colours, no attribute is added: a highlight is its colour.
		if sgr := NewStyles(dark).Label("claim").SGR; strings.Contains(sgr, "\x1b[4m") {
			t.Errorf("dark %v: a claim underlined in colour", dark)
		}
	}
}

// TestLabelsUnlikeOnFewColours: on a 16-colour terminal the claim and
// the question were both blue, in the dark style and the light; on 256
// colours, in the light style, both colour 189.
func TestLabelsUnlikeOnFewColours(t *testing.T) {
	for _, p := range []colorprofile.Profile{colorprofile.ANSI, colorprofile.ANSI256} {
		for _, dark := range []bool{true, false} {
			st := NewStyles(dark)
			seen := map[string]string{}
			for _, l := range store.LabelDefs {
				got := downsample(t, p, st.Label(l.Name).SGR)
				if other, ok := seen[got]; ok {
					t.Errorf("%v dark %v: %s and %s are both %q", p, dark, l.Name, other, got)
				}
				seen[got] = l.Name
			}
		}
	}
}

// TestDumbTerminalKeepsAttributes: TERM=dumb is read as no terminal at
// all, and that profile drops attributes too: highlights, the cursor and
// the selection were invisible under TERM=dumb.
func TestDumbTerminalKeepsAttributes(t *testing.T) {
	c := &Common{plain: true}
	st := c.newStyles(true)
	if got := downsample(t, screenProfile(colorprofile.NoTTY), st.Label("claim").SGR); got == "" {
		t.Error("a claim is invisible on a dumb terminal")
	}
	if screenProfile(colorprofile.TrueColor) != colorprofile.TrueColor {
		t.Error("a colour terminal's profile changed")
	}
}
