package ui

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"margin/store"
)

// ptyRun runs Run in a pseudo-terminal of w×h cells, with a terminal
// emulator reading its output.
type ptyRun struct {
	t    *testing.T
	mu   sync.Mutex
	emu  *vt.Emulator
	in   io.Writer
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
	master, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	if err := pty.Setsize(master, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}); err != nil {
		t.Fatal(err)
	}
	r := &ptyRun{t: t, emu: vt.NewEmulator(w, h), in: master, done: make(chan error, 1)}
	// The emulator answers the program's terminal queries through Read.
	go func() { _, _ = io.Copy(master, r.emu) }()
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := master.Read(buf)
			if n > 0 {
				r.mu.Lock()
				r.emu.Write(buf[:n])
				r.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	go func() {
		r.done <- Run(ctx, opt, tty, tty)
		tty.Close()
	}()
	t.Cleanup(func() { master.Close() })
	return r
}

func (r *ptyRun) screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.emu.String()
}

// waitFor waits until the screen shows s.
func (r *ptyRun) waitFor(s string) {
	r.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(r.screen(), s) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.t.Fatalf("screen never showed %q:\n%s", s, r.screen())
}

func (r *ptyRun) keys(s string) {
	r.t.Helper()
	for _, c := range s {
		if _, err := io.WriteString(r.in, string(c)); err != nil {
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
	id := lib.add(store.Article{Title: "Learning to Read Slowly Again", SiteName: "slow.example", Added: testNow,
		ReadingMinutes: 9, Markdown: testMarkdown("Learning to Read Slowly Again"), Text: "text"})
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
