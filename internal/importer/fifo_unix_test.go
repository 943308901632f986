//go:build unix

package importer

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A wallabag export read from a pipe (margin import /dev/stdin <
// export.json, or <(unzip -p ...)) cannot be read again at an offset: its
// items' stored copies were lost ("read /dev/stdin: illegal seek") and
// the import fetched them or kept them without text.
func TestWallabagFromAPipeKeepsContent(t *testing.T) {
	data := string(readFixture(t, "wallabag.json"))
	fifo := filepath.Join(t.TempDir(), "export.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no fifo:", err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString(data)
		f.Close()
	}()
	exp, err := Open(context.Background(), fifo, "")
	if err != nil {
		t.Fatal(err)
	}
	eager := parseBytes(t, "export.json", []byte(data), "")
	done := make(chan int)
	go func() {
		n := 0
		for i := range exp.Items {
			got, err := exp.Items[i].TakeContent(context.Background())
			if err != nil || got != eager.Items[i].Content {
				t.Errorf("item %d: %q, %v; want %q", i, got, err, eager.Items[i].Content)
			}
			if got != "" {
				n++
			}
		}
		done <- n
	}()
	select {
	case n := <-done:
		if n == 0 {
			t.Fatal("no item with content")
		}
	case <-time.After(10 * time.Second):
		// Reading the content again opened the pipe, which waits for
		// a writer: give it an empty one.
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		<-done
		t.Fatal("the content was read again from the pipe")
	}
}
