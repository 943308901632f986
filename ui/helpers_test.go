package ui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var testNow = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// harness drives a root model the way the program would: it runs every
// command and feeds the messages back, synchronously.
type harness struct {
	t     *testing.T
	m     *Model
	lib   *fakeLib
	quit  bool
	added []string // inputs given to Options.Add
	// timers are the tea.Tick callbacks asked for and not yet fired.
	timers []func(time.Time) tea.Msg
	// watches are the library's change checks asked for (fireWatch).
	watches []func(time.Time) tea.Msg
	urls    []string // links opened
	// lastFirst runs a tea.Batch's commands last to first, each to its
	// end: a batch promises no order, and the runtime runs them at once.
	lastFirst bool
}

// The harnesses run commands one after the other, often the whole
// rendering before the first screenful: waiting for it would only slow
// them (TestFirstScreenRendersAlone tests the wait).
func init() { firstScreenWait = 0 }

func newHarness(t *testing.T, lib *fakeLib, w, h int, tweak ...func(*Options)) *harness {
	t.Helper()
	hs := &harness{t: t, lib: lib}
	opt := Options{
		Library: lib,
		Style:   "dark",
		Add: func(ctx context.Context, input string) (Added, error) {
			hs.added = append(hs.added, input)
			if strings.Contains(input, "fail") {
				return Added{}, fmt.Errorf("fetch %s: 404 Not Found", input)
			}
			add := func(title string) int64 {
				return lib.add(store.Article{
					Content: article.Content{
						Title:          title,
						SiteName:       "example.org",
						ReadingMinutes: 3,
						Markdown:       "# Added\n\nSome text.\n",
						Text:           "Some text.",
					},
					Added: testNow,
				})
			}
			if strings.Contains(input, "folder") { // three files, one unreadable
				id := add("Added " + input + " 1")
				add("Added " + input + " 2")
				return Added{ID: id, Saved: 2, Failed: 1, Why: "notes.txt: not UTF-8"}, nil
			}
			return Added{ID: add("Added " + input), Title: "Added " + input, Words: 2}, nil
		},
		AddSample: func(ctx context.Context) (Added, error) {
			a := sampleArticle()
			for id, b := range lib.arts {
				if b.Title == a.Title {
					return Added{ID: id, Title: b.Title, Existed: true, Archived: b.State == store.Archived}, nil
				}
			}
			return Added{ID: lib.add(a), Title: a.Title, Words: a.WordCount}, nil
		},
		OpenURL: func(u string) error { hs.urls = append(hs.urls, u); return nil },
		Export:  func(ctx context.Context, id int64) (string, error) { return fmt.Sprintf("/tmp/notes-%d.md", id), nil },
	}
	for _, f := range tweak {
		f(&opt)
	}
	hs.m = newModel(context.Background(), opt)
	hs.m.common.Now = func() time.Time { return testNow }
	hs.m.common.Loc = time.UTC
	// Time passes only when a test calls fire.
	hs.m.common.tick = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		hs.timers = append(hs.timers, fn)
		return nil
	}
	hs.m.common.watch = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		hs.watches = append(hs.watches, fn)
		return nil
	}
	hs.run(hs.m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// fire lets the time of every pending tick pass.
func (hs *harness) fire() {
	hs.t.Helper()
	ts := hs.timers
	hs.timers = nil
	for _, fn := range ts {
		hs.send(fn(testNow))
	}
}

// fireWatch lets the library's change check run.
func (hs *harness) fireWatch() {
	hs.t.Helper()
	ws := hs.watches
	hs.watches = nil
	for _, fn := range ws {
		hs.send(fn(testNow))
	}
}

// send delivers a message and runs what it asks for.
func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	_, cmd := hs.m.Update(msg)
	hs.run(cmd)
}

// run executes commands breadth-first until none are left.
func (hs *harness) run(cmd tea.Cmd) {
	hs.t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			hs.t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			if hs.lastFirst {
				// The last command, and all it leads to, first.
				for _, c := range slices.Backward(msg) {
					hs.run(c)
				}
				continue
			}
			queue = append(queue, msg...)
		case tea.QuitMsg:
			hs.quit = true
		case spinner.TickMsg:
			// The spinner would tick forever.
		default:
			if seq, ok := sequenceOf(msg); ok {
				// tea.Sequence: each command settles before the next.
				for _, c := range seq {
					hs.run(c)
				}
				continue
			}
			_, next := hs.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// sequenceOf returns the commands of tea.Sequence's message (its type is
// unexported: a slice of commands that is no BatchMsg).
func sequenceOf(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// press sends key presses named as in key bindings ("j", "enter", "ctrl+d").
func (hs *harness) press(keys ...string) {
	hs.t.Helper()
	for _, k := range keys {
		hs.send(keyMsg(k))
	}
}

// typeText sends each rune as a key press.
func (hs *harness) typeText(s string) {
	hs.t.Helper()
	for _, r := range s {
		hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"backspace": tea.KeyBackspace, "tab": tea.KeyTab, "left": tea.KeyLeft, "right": tea.KeyRight,
	}
	if r, ok := special[k]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	if k == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if k == "shift+space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Mod: tea.ModShift}
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: []rune(rest)[0], Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the current frame with ANSI stripped and trailing blanks removed.
func (hs *harness) screen() string {
	v := hs.m.View()
	lines := strings.Split(ansi.Strip(v.Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// golden compares the frame with testdata/name.golden.
func (hs *harness) golden(name string) {
	hs.t.Helper()
	got := hs.screen()
	w, h := hs.m.common.Width, hs.m.common.Height
	if n := strings.Count(got, "\n") + 1; n != h {
		hs.t.Errorf("%s: frame has %d lines, want %d", name, n, h)
	}
	for i, l := range strings.Split(got, "\n") {
		if cw := ansi.StringWidth(l); cw > w {
			hs.t.Errorf("%s: line %d is %d cells wide, more than %d: %q", name, i, cw, w, l)
		}
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			hs.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			hs.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		hs.t.Fatalf("%s (run go test ./ui -update to create it)", err)
	}
	if string(want) != got {
		hs.t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// libWith fills a fake library with n articles.
func libWith(n int) *fakeLib {
	lib := newFakeLib()
	titles := []string{
		"The Slow Death of the Hyperlink", "How Rivers Decide Where to Go", "A Field Guide to Sourdough Starters",
		"Why Small Teams Ship Faster", "Notes on the Design of Everyday Terminals", "The Quiet Economics of Public Libraries",
		"What the Octopus Knows", "Against Infinite Scroll", "An Oral History of the Spreadsheet", "Learning to Read Slowly Again",
		"The Mathematics of Queues at the Post Office", "Reclaiming Attention in a Noisy Decade",
	}
	sites := []string{"longreads.example", "rivers.example.org", "bread.example", "eng.example.com", "terminals.example",
		"libraries.example", "sea.example", "essays.example", "history.example", "slow.example", "math.example", "attention.example"}
	for i := range n {
		a := store.Article{
			Content: article.Content{
				Title:          titles[i%len(titles)],
				SiteName:       sites[i%len(sites)],
				ReadingMinutes: 3 + i*2%17,
				Markdown:       testMarkdown(titles[i%len(titles)]),
				Text:           "Plain text of " + titles[i%len(titles)] + " with rivers and queues.",
			},
			Added: testNow.Add(-time.Duration(i) * 37 * time.Hour),
		}
		switch i % 4 {
		case 1:
			a.Progress, a.Opened = 0.42, testNow
		case 2:
			a.Progress, a.Opened = 1, testNow
		}
		if i == 5 {
			a.Added = time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
		}
		id := lib.add(a)
		for j := range i % 3 {
			lib.hls[lib.nextHL] = &store.Highlight{ID: lib.nextHL, ArticleID: id, Start: j * 10, End: j*10 + 5, Label: "highlight"}
			lib.nextHL++
		}
	}
	return lib
}

// testMarkdown is an article long enough to scroll: headings, lists,
// quotes and links.
func testMarkdown(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", title)
	for s := 1; s <= 6; s++ {
		fmt.Fprintf(&b, "## Section %d\n\n", s)
		for p := 1; p <= 3; p++ {
			fmt.Fprintf(&b, "Paragraph %d.%d opens with a plain sentence about reading. It goes on to a second sentence "+
				"with a [link number %d](https://example.com/%d/%d) in it. The third sentence closes paragraph %d.%d calmly.\n\n",
				s, p, s*10+p, s, p, s, p)
		}
		fmt.Fprintf(&b, "> A quoted line in section %d.\n\n- first item %d\n- second item %d\n\n", s, s, s)
	}
	return b.String()
}

func sampleArticle() store.Article {
	return store.Article{
		Content: article.Content{
			Title:          "Welcome to margin",
			SiteName:       "margin",
			Byline:         "The margin project",
			ReadingMinutes: 4,
			Markdown:       testMarkdown("Welcome to margin"),
			Text:           "sample",
		},
		Added: testNow,
	}
}

// loadHighlights re-reads the article's highlights at once: tests change
// the fake library behind the reader's back.
func (p *pagerModel) loadHighlights() {
	hs, _ := p.Lib.Highlights(p.ctx, p.art.ID)
	p.hl.list = hs
	p.hl.indexNotes(p)
}
