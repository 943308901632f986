// Package vtterm is a terminal for a program under test: a pseudo-terminal
// whose output a terminal emulator turns into a screen, and which answers
// the program's queries (background colour, cursor position) as a real
// terminal would. margin's end-to-end tests, its UI tests and its library
// benchmark read margin's screen through it.
package vtterm

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Term is a w×h terminal. Its zero value is not usable; see Open.
type Term struct {
	pty  *os.File // our side: keys go in, the program's output comes out
	tty  *os.File // the program's side, until Start hands it over
	emu  *vt.Emulator
	done chan struct{} // closed when the program's side is gone

	mu    sync.Mutex
	raw   bytes.Buffer        // every byte the program wrote
	watch func(screen string) // called after each piece of output
	// delay is how long the terminal takes to answer a query (ns); not
	// under mu, which the emulator's writes hold while it answers.
	delay atomic.Int64
}

// Open makes a w×h terminal with nothing running in it yet; its output is
// read from the start.
func Open(w, h int) (*Term, error) {
	ptm, tty, err := pty.Open()
	if err != nil {
		return nil, err
	}
	if err := pty.Setsize(ptm, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}); err != nil {
		ptm.Close()
		tty.Close()
		return nil, err
	}
	t := &Term{pty: ptm, tty: tty, emu: vt.NewEmulator(w, h), done: make(chan struct{})}
	go t.reply()
	go t.read()
	return t, nil
}

// reply passes the emulator's answers to the program's queries on, each
// after the terminal's delay.
func (t *Term) reply() {
	buf := make([]byte, 4<<10)
	for {
		n, err := t.emu.Read(buf)
		if n > 0 {
			time.Sleep(time.Duration(t.delay.Load()))
			if _, werr := t.pty.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// SlowReplies makes the terminal answer queries (background colour,
// cursor position, modes) d late, as a terminal over a slow link or under
// load does.
func (t *Term) SlowReplies(d time.Duration) {
	t.delay.Store(int64(d))
}

func (t *Term) read() {
	defer close(t.done)
	buf := make([]byte, 64<<10)
	for {
		n, err := t.pty.Read(buf)
		if n > 0 {
			t.mu.Lock()
			t.raw.Write(buf[:n])
			t.emu.Write(buf[:n])
			if t.watch != nil {
				t.watch(t.emu.String())
			}
			t.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// Watch calls f with the screen after each piece of output, from the
// goroutine reading it: f must be quick.
func (t *Term) Watch(f func(screen string)) {
	t.mu.Lock()
	t.watch = f
	t.mu.Unlock()
}

// TTY is the program's side, for running a program in this process.
func (t *Term) TTY() *os.File { return t.tty }

// Start runs cmd with the terminal as its standard input, output, error
// and controlling terminal.
func (t *Term) Start(cmd *exec.Cmd) error {
	if t.tty == nil {
		return errors.New("vtterm: a program was already started")
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = t.tty, t.tty, t.tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	err := cmd.Start()
	t.tty.Close() // the program holds it now
	t.tty = nil
	return err
}

// Screen is the visible text, one line per row.
func (t *Term) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emu.String()
}

// Output is every byte the program wrote so far.
func (t *Term) Output() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return bytes.Clone(t.raw.Bytes())
}

// Type sends s as typed keys.
func (t *Term) Type(s string) error {
	_, err := t.pty.Write([]byte(s))
	return err
}

// WaitFor waits until the screen shows s, or says it did not in time.
func (t *Term) WaitFor(s string, timeout time.Duration) error {
	return t.waitUntil(timeout, func(screen string) bool { return strings.Contains(screen, s) },
		fmt.Sprintf("the screen never showed %q", s))
}

// WaitGone waits until the screen no longer shows s.
func (t *Term) WaitGone(s string, timeout time.Duration) error {
	return t.waitUntil(timeout, func(screen string) bool { return !strings.Contains(screen, s) },
		fmt.Sprintf("the screen still shows %q", s))
}

func (t *Term) waitUntil(timeout time.Duration, ok func(string) bool, what string) error {
	deadline := time.Now().Add(timeout)
	for {
		if ok(t.Screen()) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s; it shows:\n%s", what, t.Screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Drained waits until the program's side of the terminal is closed and its
// output read (after the program exits).
func (t *Term) Drained(timeout time.Duration) bool {
	select {
	case <-t.done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// Close ends the terminal.
func (t *Term) Close() {
	// Ends the goroutine copying the terminal's replies. (Emulator.Close
	// would too, but it races with a Read already waiting.)
	if c, ok := t.emu.InputPipe().(io.Closer); ok {
		c.Close()
	}
	t.pty.Close()
	if t.tty != nil {
		t.tty.Close()
	}
}

// Resize changes the terminal's size, as a user dragging its window does:
// the program is sent SIGWINCH by the kernel.
func (t *Term) Resize(w, h int) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.emu.Resize(w, h)
	return pty.Setsize(t.pty, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
}
