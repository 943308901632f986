//go:build unix

package reader

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// Issue 19 item 8: a FIFO (or any file that is not a regular one) is
// refused at once with one line; before, os.Open blocked forever.
func TestLoadRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Load(context.Background(), fifo, LoadOptions{})
		done <- err
	}()
	err := awaitPastFIFO(fifo, done)
	if err == nil || !strings.Contains(err.Error(), "named pipe") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Load(FIFO) = %v, want a one-line refusal naming a named pipe", err)
	}
	if _, err := Load(context.Background(), "/dev/null", LoadOptions{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Load(/dev/null) = %v, want a refusal", err)
	}
	// A folder (typed at the library's add prompt) says how to add its files.
	if _, err := Load(context.Background(), t.TempDir(), LoadOptions{}); err == nil || !strings.Contains(err.Error(), "margin add FOLDER") {
		t.Fatalf("Load(folder) = %v, want the way to add a folder's files", err)
	}
}

// awaitPastFIFO waits for done. A Load blocked on the FIFO (the failure
// mode) is let go by a writer, opened without blocking so it never waits
// itself, and the result tells the test what happened: no timer decides.
func awaitPastFIFO(fifo string, done <-chan error) error {
	for {
		select {
		case err := <-done:
			return err
		default:
		}
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.WriteString("<p>let through</p>")
			w.Close()
		}
		runtime.Gosched()
	}
}
