package ui

import (
	"strings"

	"charm.land/bubbles/v2/progress"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// ProgressLine renders one line of a long command's progress (margin
// import) for a terminal width columns wide: a bar filled to percent
// (0..1), then text. The caller redraws it in place with \r; the bar
// gives way to the text on a narrow terminal, and the text's last
// fields (set apart by two spaces) to its first: a line wider than the
// terminal wraps, and each redraw left a new line behind.
func ProgressLine(width int, percent float64, text string) string {
	barWidth := min(width-lipgloss.Width(text)-1, 40)
	if barWidth < 10 {
		return fitFields(text, width)
	}
	bar := progress.New(progress.WithWidth(barWidth), progress.WithoutPercentage(), progress.WithDefaultBlend())
	return bar.ViewAs(max(0, min(percent, 1))) + " " + text
}

// fitFields drops text's last fields until it fits width, then cuts it.
func fitFields(text string, width int) string {
	fields := strings.Split(text, "  ")
	for len(fields) > 1 && lipgloss.Width(strings.Join(fields, "  ")) > width {
		fields = fields[:len(fields)-1]
	}
	return ansi.Truncate(strings.Join(fields, "  "), max(width, 1), "")
}
