package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func TestProgressLineFitsTheWidth(t *testing.T) {
	text := "120/2,000  saved 100  kept 10  failed 0  duplicates 10  12/s  2m30s left"
	for _, w := range []int{20, 80, 120} {
		got := ProgressLine(w, 0.06, text)
		if !strings.HasSuffix(got, text) {
			t.Errorf("width %d: the text is cut: %q", w, got)
		}
		if lw := lipgloss.Width(got); lw > max(w, lipgloss.Width(text)) {
			t.Errorf("width %d: the line is %d wide", w, lw)
		}
		if strings.ContainsAny(got, "\r\n") {
			t.Errorf("width %d: more than one line", w)
		}
	}
	if ProgressLine(120, 0.5, "x") == ProgressLine(120, 0.1, "x") {
		t.Error("the bar does not show the percentage")
	}
}
