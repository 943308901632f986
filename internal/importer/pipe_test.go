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

// An export read from a pipe (cat export.json | margin import /dev/stdin)
// cannot be read again: the parse keeps each item's content (it left it
// in the file, and reading it back either found nothing, so every item
// was kept without text and fetched, or waited forever on a named pipe).
func TestOpenFromPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "export.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	const data = `[{"url":"https://a.example/1","is_archived":0,"content":"<p>The text of the first page.</p>"},` +
		`{"url":"https://a.example/2","is_archived":0,"content":"<p>The second.</p>"}]`
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString(data)
		f.Close()
	}()
	exp, err := Open(context.Background(), fifo, "auto")
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Items) != 2 {
		t.Fatalf("%d items", len(exp.Items))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i, want := range []string{"<p>The text of the first page.</p>", "<p>The second.</p>"} {
			if got, err := exp.Items[i].TakeContent(context.Background()); got != want || err != nil {
				t.Errorf("item %d: %q, %v; want %q", i, got, err, want)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		// Opening the pipe again waits for a writer that never comes.
		t.Fatal("reading an item's content hangs: the parse left it in the pipe")
	}
}
