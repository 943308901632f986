package library

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"margin/internal/importer"
)

// An export opened from disk is read item by item as the import goes: an
// article whose stored page vanished after the parse is that item's
// failure (kept without text, the reason given), and the others are read
// offline.
func TestImportReadsContentLazily(t *testing.T) {
	root := filepath.Join(t.TempDir(), "omnivore")
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	meta, _ := json.Marshal([]map[string]any{
		{"slug": "a", "url": "https://offline.example/a", "title": "A"},
		{"slug": "b", "url": "https://offline.example/b", "title": "B"},
		{"slug": "c", "url": "https://offline.example/c", "title": "C"},
	})
	os.WriteFile(filepath.Join(root, "metadata_0_to_3.json"), meta, 0o644)
	for _, s := range []string{"a", "b", "c"} {
		os.WriteFile(filepath.Join(root, "content", s+".html"), []byte(page("offline "+s)), 0o644)
	}
	exp, err := importer.Open(context.Background(), root, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range exp.Items {
		if it.Content != "" || !it.HasContent() {
			t.Fatalf("%s: content held %d bytes, has %v", it.Ref, len(it.Content), it.HasContent())
		}
	}
	os.Remove(filepath.Join(root, "content", "b.html"))
	os.WriteFile(filepath.Join(root, "content", "c.html"), []byte(page("offline c, rewritten")), 0o644)

	l := openLib(t)
	var evs []ImportEvent
	sum, err := l.Import(context.Background(), exp.Items, ImportOptions{Fetch: false, Progress: func(ev ImportEvent) { evs = append(evs, ev) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Saved != 2 || sum.Kept != 1 || sum.Failed != 0 {
		t.Fatalf("%+v", sum)
	}
	for _, ev := range evs {
		switch ev.URL {
		case "https://offline.example/b":
			if ev.Outcome != Kept || !strings.Contains(ev.Reason, "the export's copy could not be read") || !strings.Contains(ev.Reason, "content/b.html") {
				t.Fatalf("%+v", ev)
			}
		default:
			if ev.Outcome != Saved || !ev.Offline {
				t.Fatalf("%+v", ev)
			}
		}
	}
	for _, it := range exp.Items {
		if it.HasContent() {
			t.Fatalf("%s: the import left the item holding its content", it.Ref)
		}
	}
	// What is read is the file as it is when its turn comes.
	id, err := l.FindURL(context.Background(), "https://offline.example/c")
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Markdown, "rewritten") {
		t.Fatalf("%q", a.Markdown)
	}
}
