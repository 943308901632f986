package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// binPath is the margin binary built once for the end-to-end tests.
var (
	binOnce sync.Once
	binPath string
	binErr  error
)

func marginBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "margin-e2e")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "margin")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{string(out)}
		}
	})
	if binErr != nil {
		t.Fatalf("build margin: %v", binErr)
	}
	return binPath
}

type buildError struct{ out string }

func (e *buildError) Error() string { return e.out }

// ptyTerm is margin running in a pseudo-terminal, its screen kept by a
// terminal emulator so tests read what a user would see.
type ptyTerm struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	emu  *vt.SafeEmulator
	done chan struct{}
	raw  bytes.Buffer // every byte margin wrote, for escape-sequence checks
	mu   sync.Mutex
}

// startTerm runs margin with args in a w x h pseudo-terminal.
func startTerm(t *testing.T, w, h int, env []string, args ...string) *ptyTerm {
	t.Helper()
	cmd := exec.Command(marginBinary(t), args...)
	cmd.Env = append(os.Environ(), append([]string{"TERM=xterm-256color", "COLORTERM=truecolor"}, env...)...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		t.Fatalf("start margin in a pty: %v", err)
	}
	tm := &ptyTerm{t: t, cmd: cmd, pty: f, emu: vt.NewSafeEmulator(w, h), done: make(chan struct{})}
	go func() { // margin -> screen
		defer close(tm.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := f.Read(buf)
			if n > 0 {
				tm.mu.Lock()
				tm.raw.Write(buf[:n])
				tm.emu.Write(buf[:n])
				tm.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	go io.Copy(f, tm.emu) // the terminal's replies (background colour, sizes) -> margin
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	})
	return tm
}

// screen is the visible text, one line per row.
func (tm *ptyTerm) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.String()
}

// waitFor waits until the screen shows want.
func (tm *ptyTerm) waitFor(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(tm.screen(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("screen never showed %q; it shows:\n%s", want, tm.screen())
}

// waitGone waits until the screen no longer shows s.
func (tm *ptyTerm) waitGone(s string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if !strings.Contains(tm.screen(), s) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("screen still shows %q:\n%s", s, tm.screen())
}

// press types keys as a user would, pausing briefly between them.
func (tm *ptyTerm) press(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if _, err := tm.pty.Write([]byte(k)); err != nil {
			tm.t.Fatalf("type %q: %v", k, err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// wait waits for margin to exit and returns its error.
func (tm *ptyTerm) wait() error {
	tm.t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- tm.cmd.Wait() }()
	select {
	case err := <-errc:
		<-tm.done
		return err
	case <-time.After(15 * time.Second):
		tm.t.Fatalf("margin did not exit; screen:\n%s", tm.screen())
		return nil
	}
}

// output is every byte margin wrote to the terminal so far.
func (tm *ptyTerm) output() []byte {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return bytes.Clone(tm.raw.Bytes())
}
