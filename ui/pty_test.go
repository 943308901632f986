package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"margin/internal/article"
	"margin/internal/vtterm"

	"margin/store"
)

// ptyRun runs Run in a pseudo-terminal of w×h cells, with a terminal
// emulator reading its output.
type ptyRun struct {
	*vtterm.Term
	t    *testing.T
	done chan error
}

func startPTY(t *testing.T, opt Options, w, h int) *ptyRun {
	t.Helper()
	return startPTYContext(t, context.Background(), opt, w, h)
}

// startPTYContext is startPTY with the context Run gets; cancelling it is
// what a SIGTERM or SIGHUP does.
func startPTYContext(t *testing.T, ctx context.Context, opt Options, w, h int) *ptyRun {
	t.Helper()
	term, err := vtterm.Open(w, h)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	r := &ptyRun{Term: term, t: t, done: make(chan error, 1)}
	go func() { r.done <- Run(ctx, opt, term.TTY(), term.TTY()) }()
	t.Cleanup(term.Close)
	return r
}

func (r *ptyRun) screen() string { return r.Screen() }

// waitFor waits until the screen shows s.
func (r *ptyRun) waitFor(s string) {
	r.t.Helper()
	if err := r.WaitFor(s, 10*time.Second); err != nil {
		r.t.Fatal(err)
	}
}

func (r *ptyRun) keys(s string) {
	r.t.Helper()
	for _, c := range s {
		if err := r.Type(string(c)); err != nil {
			r.t.Fatal(err)
		}
		time.Sleep(15 * time.Millisecond)
	}
}

func (r *ptyRun) wait() error {
	select {
	case err := <-r.done:
		return err
	case <-time.After(10 * time.Second):
		r.t.Fatal("the program did not quit")
		return nil
	}
}

// TestRunInPTY opens an article in a real terminal session, scrolls, quits,
// starts again and finds the same passage at the top.
func TestRunInPTY(t *testing.T) {
	lib := newFakeLib()
	id := lib.add(store.Article{
		Content: article.Content{
			Title:          "Learning to Read Slowly Again",
			SiteName:       "slow.example",
			ReadingMinutes: 9,
			Markdown:       testMarkdown("Learning to Read Slowly Again"),
			Text:           "text",
		},
		Added: testNow,
	})
	opt := Options{Library: lib, Style: "dark"}

	r := startPTY(t, opt, 80, 24)
	r.waitFor("1 article")
	r.keys("\r")
	r.waitFor("Paragraph 1.1")
	r.keys("   ") // three pages down
	r.waitFor("section 3.")
	r.keys("jj")
	time.Sleep(100 * time.Millisecond)
	before := r.screen()
	r.keys("q")
	r.waitFor("1 article")
	r.keys("\x03")
	if err := r.wait(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	pos := lib.arts[id].Position
	if pos == 0 {
		t.Fatal("the reading position was not saved")
	}

	r = startPTY(t, Options{Library: lib, Style: "dark", OpenID: id}, 80, 24)
	r.waitFor("Learning to Read Slowly Again")
	time.Sleep(200 * time.Millisecond)
	after := r.screen()
	r.keys("\x03")
	if err := r.wait(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	// The body (between the header and the status line) is the same.
	// (A blank line at the top is not a position: the text under it is.)
	body := func(s string) string {
		lines := strings.Split(s, "\n")
		return strings.TrimSpace(strings.Join(lines[3:len(lines)-4], "\n"))
	}
	if a, b := body(before), body(after); !strings.HasPrefix(b, a[:len(a)/2]) {
		t.Errorf("reopened at another place:\n--- before\n%s\n--- after\n%s", before, after)
	}
	if lib.arts[id].Position != pos {
		t.Errorf("position changed without scrolling: %d -> %d", pos, lib.arts[id].Position)
	}
}
