package ui

import (
	"charm.land/bubbles/v2/progress"
	"charm.land/lipgloss/v2"
)

// ProgressLine renders one line of a long command's progress (margin
// import) for a terminal width columns wide: a bar filled to percent
// (0..1), then text. The caller redraws it in place with \r; the bar
// gives way to the text on a narrow terminal.
func ProgressLine(width int, percent float64, text string) string {
	barWidth := min(width-lipgloss.Width(text)-1, 40)
	if barWidth < 10 {
		return text
	}
	bar := progress.New(progress.WithWidth(barWidth), progress.WithoutPercentage(), progress.WithDefaultBlend())
	return bar.ViewAs(max(0, min(percent, 1))) + " " + text
}
