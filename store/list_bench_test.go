package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkList100k lists 100,000 articles whole and brief (what the
// library holds), against counting them (the baseline of one pass over
// the table). The library is built once, with short articles (a list
// never reads the text), in the temporary folder.
func BenchmarkList100k(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), "margin-bench-list-100k.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if n, err := s.Count(ctx); err != nil {
		b.Fatal(err)
	} else if n < 100000 {
		if err := Populate(ctx, s, 100000, 30, 1); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("count", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Count(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.List(ctx, ListOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("brief", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.List(ctx, ListOptions{Brief: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("first-page", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.List(ctx, ListOptions{Limit: 200}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
