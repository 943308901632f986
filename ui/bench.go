//go:build bench

package ui

import (
	"context"
	"io"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"margin/store"
)

// staticLib serves a fixed list to the library screen for BenchFilter; the
// screen calls nothing else while filtering.
type staticLib struct {
	Library
	arts []store.Article
}

func (s staticLib) List(_ context.Context, opt store.ListOptions) ([]store.Article, error) {
	if opt.Limit > 0 && len(s.arts) > opt.Limit {
		return s.arts[:opt.Limit], nil
	}
	return s.arts, nil
}
func (s staticLib) Count(context.Context) (int, error)               { return len(s.arts), nil }
func (s staticLib) Version(context.Context) (int64, error)           { return 1, nil }
func (s staticLib) Setting(context.Context, string) (string, error)  { return "", nil }
func (s staticLib) SetSetting(context.Context, string, string) error { return nil }
func (s staticLib) Views(context.Context) ([]store.View, error)      { return nil, nil }
func (s staticLib) TagsOf(context.Context, []int64) (map[int64][]string, error) {
	return nil, nil
}

// BenchFilter measures one keystroke of the library's `/` filter over arts
// (the update and the redrawn frame, median of many) and, as a baseline, one
// plain case-insensitive substring scan of the same titles.
func BenchFilter(arts []store.Article) (keystroke, scan time.Duration) {
	m := newModel(context.Background(), Options{Library: staticLib{arts: arts}, Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	// The first page, then the whole list, as the program reads them.
	if _, rest := m.Update(m.library.loadList(0, firstPage)()); rest != nil {
		m.Update(rest())
	}
	if len(m.library.arts) != len(arts) {
		return -1, 0 // the list did not load: nothing to measure
	}
	m.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
	letters := "securityassistance"
	var keys, scans []time.Duration
	for i := 0; i < 3*len(letters); i++ {
		r := rune(letters[i%len(letters)])
		t0 := time.Now()
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		_ = m.View()
		keys = append(keys, time.Since(t0))
		if i%4 == 3 { // keep the filter short so it matches something
			for range 4 {
				m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
			}
		}

		q := letters[:1+i%4]
		t0 = time.Now()
		n := 0
		for _, a := range arts {
			if strings.Contains(strings.ToLower(a.Title), q) {
				n++
			}
		}
		scans = append(scans, time.Since(t0))
	}
	return medianDur(keys), medianDur(scans)
}

func medianDur(ds []time.Duration) time.Duration {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j] < ds[j-1]; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
	return ds[len(ds)/2]
}

// BenchView measures switching the library to a saved view and back on
// lib: the list read in its command and the repainted frame (median of
// several switches, each from the whole library).
func BenchView(lib Library, v store.View) time.Duration {
	m := newModel(context.Background(), Options{Library: lib, Style: "dark"})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	// Runs a command and what its messages ask for (a batch is left: it
	// holds the ticks that would wait).
	run := func(cmd tea.Cmd) {
		for cmd != nil {
			msg := cmd()
			if _, ok := msg.(tea.BatchMsg); ok {
				return
			}
			_, cmd = m.Update(msg)
		}
	}
	run(m.library.load(0))
	var ds []time.Duration
	for i := range 10 {
		t0 := time.Now()
		target := &v
		if i%2 == 1 {
			target = nil
		}
		run(m.library.setView(target))
		_ = m.View()
		if target != nil { // back to the whole library is a plain list
			ds = append(ds, time.Since(t0))
		}
	}
	return medianDur(ds)
}

// BenchFloor shows lines on the alternate screen as the library does its
// first frame (the same program options), with nothing else to do: no
// library, no styles. It is the floor under the library's first frame, in
// the same binary, so the same process start and package init (`margin
// bench growth` times both). q, ctrl+c or ctx's end quit.
func BenchFloor(ctx context.Context, lines []string, in io.Reader, out io.Writer) error {
	prog := tea.NewProgram(floorModel(strings.Join(lines, "\n")), programOptions(in, out)...)
	stop := context.AfterFunc(ctx, prog.Quit)
	defer stop()
	_, err := prog.Run()
	return err
}

type floorModel string

func (f floorModel) Init() tea.Cmd { return nil }

func (f floorModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return f, tea.Quit
	}
	return f, nil
}

func (f floorModel) View() tea.View {
	v := tea.NewView(string(f))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "margin"
	return v
}
