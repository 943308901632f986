//go:build bench

package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"margin/internal/article"
	"margin/internal/gen"
	"margin/render"
	"margin/store"
)

// benchModel is a root model sized w×h over lib, without the test harness.
func benchModel(lib Library, w, h int) *Model {
	m := newModel(context.Background(), Options{Library: lib, Style: "dark"})
	m.common.Now = func() time.Time { return testNow }
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

func bigArticle(lib *fakeLib, words int) int64 {
	return lib.add(store.Article{
		Content: article.Content{
			Title:    fmt.Sprintf("%d words", words),
			Markdown: gen.Article(words),
			Text:     "x",
		},
		Added: testNow,
	})
}

// BenchmarkOpenFirstScreen measures open -> first screen ready: the article
// read, its first screenful rendered and the frame drawn (no cache).
func BenchmarkOpenFirstScreen(b *testing.B) {
	for _, words := range []int{2000, 10000, 50000, 200000} {
		b.Run(fmt.Sprintf("%dwords", words), func(b *testing.B) {
			lib := newFakeLib()
			id := bigArticle(lib, words)
			m := benchModel(lib, 80, 40)
			for b.Loop() {
				m.common.cache = &docCache{}
				m.pager.doc = nil
				_, cmd := m.Update(openMsg{id: id})
				_, cmd = m.Update(cmd()) // the article, read
				// RenderFirst; the full render and the text's parse run behind it.
				first := cmd().(tea.BatchMsg)[0]().(tea.BatchMsg)[0]
				m.Update(first())
				_ = m.View()
			}
		})
	}
}

// BenchmarkWholeRender is the baseline: a plain whole-document render.
func BenchmarkWholeRender(b *testing.B) {
	for _, words := range []int{2000, 10000, 50000} {
		md := gen.Article(words)
		b.Run(fmt.Sprintf("%dwords", words), func(b *testing.B) {
			for b.Loop() {
				if _, err := render.Render(md, render.Options{Width: 80, Style: "dark"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWidthChange is the full re-render after + at 10,000 words.
func BenchmarkWidthChange(b *testing.B) {
	lib := newFakeLib()
	id := bigArticle(lib, 10000)
	m := benchModel(lib, 120, 40)
	_, cmd := m.Update(openMsg{id: id})
	drain(m, cmd)
	i := 0
	for b.Loop() {
		m.common.cache = &docCache{}
		k := "+"
		if i%2 == 1 {
			k = "-"
		}
		i++
		_, cmd := m.Update(keyMsg(k))
		drain(m, cmd)
	}
}

// BenchmarkPaintFrame draws an 80x40 reader frame of a 10,000-word article
// with 200 highlights and the cursor.
func BenchmarkPaintFrame(b *testing.B) {
	lib := newFakeLib()
	id := bigArticle(lib, 10000)
	md := lib.arts[id].Markdown
	for i := range 200 {
		off := len(md) * i / 200
		lib.hls[int64(i+1)] = &store.Highlight{ID: int64(i + 1), ArticleID: id, Start: off, End: min(off+120, len(md)), Label: store.Labels[i%5]}
	}
	m := benchModel(lib, 80, 40)
	_, cmd := m.Update(openMsg{id: id})
	for _, c := range cmd().(tea.BatchMsg) {
		m.Update(c())
	}
	p := m.pager
	p.top = len(p.doc.Lines) / 2
	p.hl.moveTo(p, p.topOffset())
	b.Run("paint", func(b *testing.B) {
		for b.Loop() {
			_ = p.hl.paint(p, p.bodyHeight())
		}
	})
	b.Run("view", func(b *testing.B) {
		for b.Loop() {
			_ = m.View()
		}
	})
}

// BenchmarkLibrary10k measures the library over 10,000 articles: the first
// frame and one filter keystroke.
func BenchmarkLibrary10k(b *testing.B) { benchLibrary(b, 10000) }

// BenchmarkLibrary100k is BenchmarkLibrary10k one size up (issue 17).
func BenchmarkLibrary100k(b *testing.B) { benchLibrary(b, 100000) }

func benchLibrary(b *testing.B, n int) {
	lib := newFakeLib()
	words := []string{"river", "library", "market", "theatre", "memory", "island", "winter", "archive"}
	for i := range n {
		lib.add(store.Article{
			Content: article.Content{
				Title:          fmt.Sprintf("The %s of the %s, part %d", words[i%8], words[(i/8)%8], i),
				SiteName:       words[(i/3)%8] + ".example",
				ReadingMinutes: 7,
			},
			Added: testNow.Add(-time.Duration(i) * time.Hour),
		})
	}
	// The store's List is measured by the bench package; here the list is
	// read once and the UI's part timed: model, list message, first frame.
	arts, err := lib.List(context.Background(), store.ListOptions{})
	if err != nil {
		b.Fatal(err)
	}
	page, all := rowsOf(arts[:firstPage]), rowsOf(arts)
	b.Run("first-frame", func(b *testing.B) {
		for b.Loop() {
			m := benchModel(lib, 100, 40)
			m.library.listSeq++
			m.Update(listMsg{seq: m.library.listSeq, arts: page, total: firstPage, partial: true})
			_ = m.View()
		}
	})
	b.Run("filter-keystroke", func(b *testing.B) {
		m := benchModel(lib, 100, 40)
		m.library.listSeq++ // the whole list, as the program reads it after the first page
		m.Update(listMsg{seq: m.library.listSeq, arts: all, total: len(arts)})
		if n := len(m.library.arts); n != len(arts) {
			b.Fatalf("filtering %d articles, want %d", n, len(arts))
		}
		m.Update(keyMsg("/"))
		m.Update(keyMsg("r"))
		m.Update(keyMsg("v"))
		i := 0
		for b.Loop() {
			k := "e"
			if i%2 == 1 {
				k = "backspace"
			}
			i++
			m.Update(keyMsg(k))
			_ = m.View()
		}
	})
	// The first letter typed: every title scored, nothing to narrow from.
	b.Run("first-keystroke", func(b *testing.B) {
		m := benchModel(lib, 100, 40)
		m.library.listSeq++
		m.Update(listMsg{seq: m.library.listSeq, arts: all, total: len(arts)})
		m.Update(keyMsg("/"))
		for b.Loop() {
			m.library.steps = nil
			m.Update(keyMsg("r"))
			_ = m.View()
			m.Update(keyMsg("backspace"))
		}
	})
}

// drain runs a command and what follows from it.
func drain(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// The filter benchmark measures a loaded list (it once measured an empty
// one after Init began to batch its commands).
func TestBenchFilterLoadsTheList(t *testing.T) {
	arts, _ := libWith(50).List(context.Background(), store.ListOptions{Archived: true})
	if k, _ := BenchFilter(arts); k < 0 {
		t.Fatal("BenchFilter measured no list")
	}
}
