package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"margin/internal/article"
	"margin/internal/vtterm"
	"margin/store"
)

// ptyRun runs Run in a pseudo-terminal of w×h cells, with a terminal
// emulator reading its output.
type ptyRun struct {
	*vtterm.Term
	t    *testing.T
	done chan error
}

func startPTY(t *testing.T, opt Options, w, h int) *ptyRun {
	t.Helper()
	return startPTYContext(t, context.Background(), opt, w, h)
}

// startPTYContext is startPTY with the context Run gets; cancelling it is
// what a SIGTERM or SIGHUP does.
func startPTYContext(t *testing.T, ctx context.Context, opt Options, w, h int) *ptyRun {
	t.Helper()
	term, err := vtterm.Open(w, h)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	r := &ptyRun{Term: term, t: t, done: make(chan error, 1)}
	go func() { r.done <- Run(ctx, opt, term.TTY(), term.TTY()) }()
	t.Cleanup(term.Close)
	return r
}

func (r *ptyRun) screen() string { return r.Screen() }

// waitFor waits until the screen shows s.
func (r *ptyRun) waitFor(s string) {
	r.t.Helper()
	if err := r.WaitFor(s, 10*time.Second); err != nil {
		r.t.Fatal(err)
	}
}

func (r *ptyRun) keys(s string) {
	r.t.Helper()
	for _, c := range s {
		if err := r.Type(string(c)); err != nil {
			r.t.Fatal(err)
		}
		time.Sleep(15 * time.Millisecond)
	}
}

func (r *ptyRun) wait() error {
	select {
	case err := <-r.done:
		return err
	case <-time.After(10 * time.Second):
		r.t.Fatal("the program did not quit")
		return nil
	}
}

// TestRunInPTY opens an article in a real terminal session, scrolls, quits,
// starts again and finds the same passage at the top.
func TestRunInPTY(t *testing.T) {
	lib := newFakeLib()
	id := lib.add(store.Article{
		Content: article.Content{
			Title:          "Learning to Read Slowly Again",
			SiteName:       "slow.example",
			ReadingMinutes: 9,
			Markdown:       testMarkdown("Learning to Read Slowly Again"),
			Text:           "text",
		},
		Added: testNow,
	})
	opt := Options{Library: lib, Style: "dark"}

	r := startPTY(t, opt, 80, 24)
	r.waitFor("1 article")
	r.keys("\r")
	r.waitFor("Paragraph 1.1")
	r.keys("   ") // three pages down
	r.waitFor("section 3.")
	r.keys("jj")
	time.Sleep(100 * time.Millisecond)
	before := r.screen()
	r.keys("q")
	r.waitFor("1 article")
	r.keys("\x03")
	if err := r.wait(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	pos := lib.arts[id].Position
	if pos == 0 {
		t.Fatal("the reading position was not saved")
	}

	r = startPTY(t, Options{Library: lib, Style: "dark", OpenID: id}, 80, 24)
	r.waitFor("Learning to Read Slowly Again")
	time.Sleep(200 * time.Millisecond)
	after := r.screen()
	r.keys("\x03")
	if err := r.wait(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	// The body (between the header and the status line) is the same.
	// (A blank line at the top is not a position: the text under it is.)
	body := func(s string) string {
		lines := strings.Split(s, "\n")
		return strings.TrimSpace(strings.Join(lines[3:len(lines)-4], "\n"))
	}
	if a, b := body(before), body(after); !strings.HasPrefix(b, a[:len(a)/2]) {
		t.Errorf("reopened at another place:\n--- before\n%s\n--- after\n%s", before, after)
	}
	if lib.arts[id].Position != pos {
		t.Errorf("position changed without scrolling: %d -> %d", pos, lib.arts[id].Position)
	}
}

// slowList is a library whose list takes a while to read.
type slowList struct {
	*fakeLib
	delay time.Duration
}

func (s slowList) List(ctx context.Context, opt store.ListOptions) ([]store.Article, error) {
	time.Sleep(s.delay)
	return s.fakeLib.List(ctx, opt)
}

// The first frame is whole whatever arrives late, without a key pressed:
// the list, the terminal's answer about its background, or both (issue 12
// item 13: once, under heavy load, only the help line was drawn until a
// key was pressed). The real program and renderer run in a terminal
// emulator.
func TestStartupWithLateMessages(t *testing.T) {
	cases := []struct {
		name        string
		list, reply time.Duration
	}{
		{"nothing late", 0, 0},
		{"list late", 400 * time.Millisecond, 0},
		{"background late", 0, 400 * time.Millisecond},
		{"both late, list last", 500 * time.Millisecond, 200 * time.Millisecond},
		{"both late, background last", 200 * time.Millisecond, 500 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := slowList{libWith(3), c.list}
			term, err := vtterm.Open(80, 24)
			if err != nil {
				t.Skipf("no pseudo-terminal: %v", err)
			}
			t.Cleanup(term.Close)
			term.SlowReplies(c.reply)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- Run(ctx, Options{Library: lib}, term.TTY(), term.TTY()) }()
			want := []string{"margin", "3 articles", "The Slow Death of the Hyperlink", "How Rivers Decide", "? more"}
			var s string
			deadline := time.Now().Add(5 * time.Second)
			for time.Now().Before(deadline) {
				s = term.Screen()
				ok := true
				for _, w := range want {
					ok = ok && strings.Contains(s, w)
				}
				if ok {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			cancel()
			<-done
			for _, w := range want {
				if !strings.Contains(s, w) {
					t.Errorf("the screen lacks %q with no key pressed:\n%s", w, s)
				}
			}
		})
	}
}

// The frame bubbletea draws before it hands over the terminal's size has
// the header and the help line where they belong (issue 12 item 13: it was
// only the help line, the rest cut to width 0).
func TestFrameBeforeTheSizeMessage(t *testing.T) {
	term, err := vtterm.Open(72, 20)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer term.Close()
	m := newModel(context.Background(), Options{Library: libWith(3), Style: "dark"})
	m.startSize(term.TTY())
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	if len(lines) != 20 || !strings.Contains(lines[0], "margin") || !strings.Contains(lines[19], "enter") {
		t.Errorf("the first frame is not a 72x20 library screen:\n%s", strings.Join(lines, "\n"))
	}
}
