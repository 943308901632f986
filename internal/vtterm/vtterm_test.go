package vtterm

import (
	"bytes"
	"os/exec"
	"testing"
	"time"
)

// A program in the terminal prints, reads what is typed and exits; the
// screen and the raw output show it, and the terminal drains.
func TestTermRunsAProgram(t *testing.T) {
	term, err := Open(40, 5)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer term.Close()
	var screens int
	term.Watch(func(string) { screens++ })
	cmd := exec.Command("/bin/sh", "-c", `printf 'name? '; read x; printf '\033[1mgot %s\033[0m\n' "$x"`)
	if err := term.Start(cmd); err != nil {
		t.Fatal(err)
	}
	if err := term.WaitFor("name?", 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := term.Type("abc\r"); err != nil {
		t.Fatal(err)
	}
	if err := term.WaitFor("got abc", 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if !term.Drained(5 * time.Second) {
		t.Error("the terminal's output was not drained after the program exited")
	}
	if !bytes.Contains(term.Output(), []byte("\x1b[1mgot abc")) || screens == 0 {
		t.Errorf("raw output %q, %d screens watched", term.Output(), screens)
	}
	if err := term.WaitGone("name?", 50*time.Millisecond); err == nil {
		t.Error("WaitGone succeeded while the text is on screen")
	}
	if err := term.Start(exec.Command("/bin/true")); err == nil {
		t.Error("a second program started in the same terminal")
	}
}
