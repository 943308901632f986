//go:build bench

package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"margin/internal/gen"
	"margin/internal/vtterm"
)

// benchHostile measures margin on pages built to cost memory (issue 19):
// for each, the time and peak resident memory of `margin add` and of
// `margin show` in a child process, and what add answered. Pages past the
// budget are refused at add; the others must show within it.
func benchHostile(e *env) error {
	self, dir, err := benchChildDir("hostile")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	article := func(body string) string { return "<html><body><article>" + body + "</article></body></html>" }
	var para strings.Builder
	for i := range 14900 {
		fmt.Fprintf(&para, "<p>Paragraph %d has a few ordinary words in it.</p>", i)
	}
	md := gen.Article(200000)
	book := gen.Article(450000) // 2.8 MB: near the 3 MB limit
	names := []string{"1,000,000 tiny paragraphs (11 MB)", "one 19 MB paragraph", "14,900 short paragraphs", "200,000-word article", "450,000-word article (2.8 MB)"}
	bodies := []string{
		article(strings.Repeat("<p>a b.</p>", 1000000)),
		article("<p>" + strings.Repeat("word ", 3800000) + "</p>"),
		article(para.String()),
		article("<p>" + strings.ReplaceAll(md, "\n\n", "</p><p>") + "</p>"),
		article("<p>" + strings.ReplaceAll(book, "\n\n", "</p><p>") + "</p>"),
	}
	for i, b := range bodies {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("page%d.html", i)), []byte(b), 0o644); err != nil {
			return err
		}
	}
	// A child's peak memory counts what this process held when it forked:
	// let the pages go first.
	bodies, md, book = nil, "", ""
	para.Reset()
	debug.FreeOSMemory()
	fmt.Fprintf(e.stdout, "%-34s %-10s %22s %22s %30s\n", "page", "add", "add time / peak RSS", "show time / peak RSS", "reader: first screen, end / peak RSS")
	for i, name := range names {
		path := filepath.Join(dir, fmt.Sprintf("page%d.html", i))
		db := filepath.Join(dir, fmt.Sprintf("lib%d.db", i))
		out, addT, addRSS, addErr := runMeasured(self, db, "add", path)
		verdict, show, read := "saved", "-", "-"
		if addErr != nil {
			verdict = "refused"
			if !strings.Contains(out, "margin reads") {
				verdict = "FAILED: " + strings.TrimSpace(out)
			}
		} else {
			_, t, rss, err := runMeasured(self, db, "show", "1")
			show = fmt.Sprintf("%.2f s / %d MB", t.Seconds(), rss>>10)
			if err != nil {
				show = "FAILED: " + err.Error()
			}
			first, end, hwm, err := timeReaderOpen(self, db)
			read = fmt.Sprintf("%.0f ms, %.2f s / %d MB", float64(first.Microseconds())/1000, end.Seconds(), hwm>>10)
			if err != nil {
				read = "FAILED: " + err.Error()
			}
			if rss<<10 > MemoryBudget || int64(hwm)<<10 > MemoryBudget {
				verdict = "OVER BUDGET"
			}
		}
		fmt.Fprintf(e.stdout, "%-34s %-10s %22s %22s %30s\n", name, verdict, fmt.Sprintf("%.2f s / %d MB", addT.Seconds(), addRSS>>10), show, read)
	}
	fmt.Fprintf(e.stdout, "budget: every page either refused at add, or shown and read within %d MB and 10 s (GOMEMLIMIT, when set, replaces margin's own limit)\n", MemoryBudget>>20)
	return nil
}

// runMeasured runs margin once, through a fresh margin that measures it
// (a child's peak memory counts what its parent held when it started, and
// this process holds the pages), and returns its output, wall time and
// peak resident memory in KiB.
func runMeasured(self, db string, args ...string) (string, time.Duration, int64, error) {
	cmd := exec.Command(self, append([]string{"bench", "measure"}, args...)...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "MARGIN_DB="+db)
	out, err := cmd.Output()
	if err != nil {
		return string(out), 0, 0, fmt.Errorf("measure: %w", err)
	}
	var ns, kb int64
	var code int
	head, rest, _ := strings.Cut(string(out), "\n")
	if _, err := fmt.Sscan(head, &ns, &kb, &code); err != nil {
		return string(out), 0, 0, fmt.Errorf("measure: %q", head)
	}
	if code != 0 {
		err = fmt.Errorf("exit status %d", code)
	}
	return rest, time.Duration(ns), kb, err
}

// benchMeasure runs margin with args and prints its wall time in ns, its
// peak resident memory in KiB and its exit status on one line, then its
// output: the small parent that runMeasured needs.
func benchMeasure(e *env, args []string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self, args...)
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(t0)
	code := 0
	if err != nil {
		code = cmd.ProcessState.ExitCode()
	}
	var kb int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		kb = ru.Maxrss
	}
	fmt.Fprintf(e.stdout, "%d %d %d\n%s", d.Nanoseconds(), kb, code, out)
	return nil
}

// timeReaderOpen opens article 1 in the reader in a pseudo-terminal: the
// time to its first screen of text, to the end of the article (G once the
// whole is rendered), and the reader's peak resident memory in KiB.
func timeReaderOpen(self, db string) (first, end time.Duration, hwm int, err error) {
	term, err := vtterm.Open(100, 30)
	if err != nil {
		return 0, 0, 0, err
	}
	defer term.Close()
	cmd := exec.Command(self, "open", "1", "--db", db, "--style", "dark")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	t0 := time.Now()
	if err := term.Start(cmd); err != nil {
		return 0, 0, 0, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	if err := term.WaitFor("min read", 60*time.Second); err != nil {
		return 0, 0, 0, fmt.Errorf("no first screen: %w", err)
	}
	first = time.Since(t0)
	term.Type("G")
	if err := term.WaitFor("100%", 120*time.Second); err != nil {
		return first, 0, 0, fmt.Errorf("never reached the end: %w", err)
	}
	end = time.Since(t0)
	return first, end, procKB(cmd.Process.Pid, "VmHWM"), nil
}
