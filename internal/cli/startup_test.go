package cli

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The terminal resized while margin starts: whenever the resize lands, the
// screen ends up drawn for the new size without a key being pressed
// (issue 12 item 13).
func TestE2EResizeDuringStartup(t *testing.T) {
	if testing.Short() {
		t.Skip("starts margin many times")
	}
	db := t.TempDir() + "/lib.db"
	env := []string{"MARGIN_DB=" + db}
	// A first run makes the library with its sample.
	tm := startTerm(t, 80, 24, env)
	tm.waitFor("article")
	tm.press("q")
	tm.wait()
	for _, delay := range []time.Duration{0, time.Millisecond, 3 * time.Millisecond, 10 * time.Millisecond, 30 * time.Millisecond, 60 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond} {
		t.Run(fmt.Sprint(delay), func(t *testing.T) {
			tm := startTerm(t, 80, 24, env)
			time.Sleep(delay)
			if err := tm.Resize(120, 30); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(5 * time.Second)
			var s string
			for time.Now().Before(deadline) {
				s = tm.screen()
				lines := strings.Split(s, "\n")
				if len(lines) >= 30 && strings.Contains(lines[0], "margin") && strings.TrimSpace(lines[29]) != "" {
					tm.press("q")
					tm.wait()
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
			t.Errorf("not drawn for 120x30 after a resize %v into the start:\n%s", delay, s)
		})
	}
}
