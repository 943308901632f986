//go:build unix

package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// pipeOf makes a named pipe that gives data once to the first reader, as
// margin import /dev/stdin < FILE or <(...) reads an export.
func pipeOf(t *testing.T, name string, data []byte) string {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), name)
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no fifo:", err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.Write(data)
		f.Close()
	}()
	return fifo
}

// A zip read from a pipe was called "not a zip file, or a truncated one".
func TestZipFromAPipeSaysSo(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("part_000000.csv")
	w.Write([]byte("title,url,time_added,tags,status\nA,https://a.example/x,1700000000,,unread\n"))
	zw.Close()
	_, err := Open(context.Background(), pipeOf(t, "export.zip", buf.Bytes()), "")
	if err == nil || !strings.Contains(err.Error(), "cannot be read from a pipe") {
		t.Errorf("zip from a pipe: %v", err)
	}
}

// A wallabag export read from a pipe (margin import /dev/stdin <
// export.json, or <(unzip -p ...)) cannot be read again at an offset: its
// items' stored copies were lost ("read /dev/stdin: illegal seek") and
// the import fetched them or kept them without text.
func TestWallabagFromAPipeKeepsContent(t *testing.T) {
	data := string(readFixture(t, "wallabag.json"))
	fifo := pipeOf(t, "export.json", []byte(data))
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
