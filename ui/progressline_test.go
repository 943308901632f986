package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func TestProgressLineFitsTheWidth(t *testing.T) {
	text := "120/2,000  saved 100  kept 10  failed 0  duplicates 10  12/s  2m30s left"
	for _, w := range []int{20, 57, 80, 120} {
		got := ProgressLine(w, 0.06, text)
		if w >= 80 && !strings.HasSuffix(got, text) {
			t.Errorf("width %d: the text is cut: %q", w, got)
		}
		// Wider than the terminal, the line wraps and each redraw
		// leaves a line behind: the last fields give way first.
		if lw := lipgloss.Width(got); lw > w {
			t.Errorf("width %d: the line is %d wide: %q", w, lw, got)
		}
		if !strings.HasPrefix(got, "120/2,000") && w < 80 {
			t.Errorf("width %d: the counts lost: %q", w, got)
		}
		if w == 57 && got != "120/2,000  saved 100  kept 10  failed 0  duplicates 10" {
			t.Errorf("width 57: %q", got)
		}
		if strings.ContainsAny(got, "\r\n") {
			t.Errorf("width %d: more than one line", w)
		}
	}
	if ProgressLine(120, 0.5, "x") == ProgressLine(120, 0.1, "x") {
		t.Error("the bar does not show the percentage")
	}
}
