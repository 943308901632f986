package ui

import "github.com/charmbracelet/x/ansi"

// Warm builds the table the first frame would otherwise build on its way to
// the screen: bubbletea measures cells with wcwidth, whose first rune past
// U+02FF (a bullet, a curly quote in a title) fills a 2 MB lookup table,
// 7–20 ms on a small virtual machine. Run it in a goroutine at start, so
// that the other core does it while the library is opened.
func Warm() {
	ansi.WcWidth.StringWidth("•“”…")
}
