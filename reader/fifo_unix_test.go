//go:build unix

package reader

import (
	"context"
	"os"
	"path/filepath"
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
	// The failure mode is a hang: if Load blocks, opening the FIFO for
	// writing lets it go on (and the test fails on what it returns).
	var err error
	select {
	case err = <-done:
	default:
		w, werr := os.OpenFile(fifo, os.O_WRONLY, 0)
		if werr == nil {
			w.WriteString("<p>unblocked</p>")
			w.Close()
		}
		err = <-done
	}
	if err == nil || !strings.Contains(err.Error(), "named pipe") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Load(FIFO) = %v, want a one-line refusal naming a named pipe", err)
	}
	if _, err := Load(context.Background(), "/dev/null", LoadOptions{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Load(/dev/null) = %v, want a refusal", err)
	}
}
