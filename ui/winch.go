package ui

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// watchResize listens for the terminal's resizes from before its size is
// first read. bubbletea starts listening only once the program runs, after
// Init has taken the library (opened meanwhile): a resize in between was
// lost, and the screen stayed drawn for the old size until the next one
// (TestE2EResizeDuringStartup). Each resize seen here asks bubbletea for
// the size again; one it saw too arrives twice, and the second changes
// nothing. start hands the program over; stop ends the watch.
func watchResize() (start func(*tea.Program), stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGWINCH)
	done := make(chan struct{})
	start = func(p *tea.Program) {
		go func() {
			for {
				select {
				case <-sig:
					p.Send(tea.RequestWindowSize())
				case <-done:
					return
				}
			}
		}()
	}
	stop = func() {
		signal.Stop(sig)
		close(done)
	}
	return start, stop
}
