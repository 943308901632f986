package store

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tmpRoot holds files that outlive one test (the fuzz and benchmark
// libraries); TestMain removes it.
var tmpRoot string

func TestMain(m *testing.M) {
	if os.Getenv(helperMode) != "" {
		// A helper process is often killed mid-run by the test that
		// started it, so it never reaches the RemoveAll below.
		os.Exit(m.Run())
	}
	var err error
	tmpRoot, err = os.MkdirTemp("", "margin-store-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

func tempDirForFuzz() (string, error) { return os.MkdirTemp(tmpRoot, "fuzz-") }

const (
	helperMode = "MARGIN_STORE_HELPER"
	helperDB   = "MARGIN_STORE_HELPER_DB"
	helperTag  = "MARGIN_STORE_HELPER_TAG"
)

// TestHelperProcess is not a test: the multi-process tests run the test
// binary again with it selected, as a second margin using the library.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperMode)
	if mode == "" {
		t.Skip("helper for the multi-process tests")
	}
	ctx := context.Background()
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(3)
	}
	s, err := Open(os.Getenv(helperDB))
	if err != nil {
		fail(err)
	}
	tag := os.Getenv(helperTag)
	text := strings.Repeat("concurrent writers share one library "+tag+". ", 40)
	switch mode {
	case "writer":
		// Wait until the parent says go, so both writers really overlap.
		if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
			fail(err)
		}
		for i := 0; i < 200; i++ {
			id, existed, err := s.AddArticle(ctx, sample(fmt.Sprintf("https://%s.example/%d", tag, i), tag+" article", text))
			if err != nil || existed {
				fail(fmt.Errorf("article %d: existed=%v %v", i, existed, err))
			}
			h := &Highlight{ArticleID: id, Start: 0, End: 10, Exact: tag, Note: fmt.Sprintf("%s-%d", tag, i), Label: "claim"}
			if _, err := s.AddHighlight(ctx, h); err != nil {
				fail(fmt.Errorf("highlight %d: %v", i, err))
			}
			if err := s.SetSetting(ctx, "last-"+tag, strconv.Itoa(i)); err != nil {
				fail(err)
			}
		}
		fmt.Println("done")
	case "killme":
		// Write until killed, saying which writes were confirmed.
		big := strings.Repeat(text, 10)
		for i := 0; ; i++ {
			id, _, err := s.AddArticle(ctx, sample(fmt.Sprintf("https://%s.example/%d", tag, i), "killed writer", big))
			if err != nil {
				fail(err)
			}
			fmt.Printf("A %d\n", id)
			h := &Highlight{ArticleID: id, Start: 1, End: 5, Note: "note " + strconv.Itoa(i)}
			if _, err := s.AddHighlight(ctx, h); err != nil {
				fail(err)
			}
			fmt.Printf("H %d\n", h.ID)
		}
	default:
		fail(fmt.Errorf("unknown mode %q", mode))
	}
	s.Close()
	os.Exit(0)
}

func helperCmd(ctx context.Context, mode, db, tag string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperMode+"="+mode, helperDB+"="+db, helperTag+"="+tag)
	return cmd
}

func TestTwoProcessesWritingLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "lib.db")
	s, err := Open(path) // created (and migrated) before the writers start
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	tags := []string{"alpha", "beta"}
	var cmds []*exec.Cmd
	var stdins []io.WriteCloser
	var stderrs []*bytes.Buffer
	for _, tag := range tags {
		cmd := helperCmd(ctx, "writer", path, tag)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, stdins, stderrs = append(cmds, cmd), append(stdins, in), append(stderrs, &errb)
	}
	for _, in := range stdins {
		io.WriteString(in, "go\n")
		in.Close()
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("writer %s: %v\n%s", tags[i], err, stderrs[i])
		}
	}

	if n, _ := s.Count(ctx); n != 400 {
		t.Errorf("%d articles, want 400", n)
	}
	hs, err := s.AllHighlights(ctx, HighlightFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 400 {
		t.Errorf("%d highlights, want 400", len(hs))
	}
	notes := map[string]bool{}
	for _, h := range hs {
		notes[h.Note] = true
	}
	for _, tag := range tags {
		for i := 0; i < 200; i++ {
			if _, err := s.FindURL(ctx, fmt.Sprintf("https://%s.example/%d", tag, i)); err != nil {
				t.Errorf("%s article %d: %v", tag, i, err)
			}
			if !notes[fmt.Sprintf("%s-%d", tag, i)] {
				t.Errorf("%s highlight %d lost", tag, i)
			}
		}
		if v, _ := s.Setting(ctx, "last-"+tag); v != "199" {
			t.Errorf("setting last-%s = %q", tag, v)
		}
		if rs, _ := s.Search(ctx, tag, 500); len(rs) != 200 {
			t.Errorf("search %s: %d results", tag, len(rs))
		}
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("Check: %+v %v", r, err)
	}
}

func TestKilledWriterKeepsConfirmedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "lib.db")
	var articles, highlights []int64
	// Kill the writer three times, after different numbers of writes, each
	// time in the middle of its loop.
	for round, after := range []int{40, 77, 131} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := helperCmd(ctx, "killme", path, fmt.Sprintf("round%d", round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		confirmed := 0
		killed := false
		for sc.Scan() {
			var kind string
			var id int64
			if _, err := fmt.Sscanf(sc.Text(), "%s %d", &kind, &id); err != nil {
				continue // test framework chatter
			}
			switch kind {
			case "A":
				articles = append(articles, id)
			case "H":
				highlights = append(highlights, id)
			}
			confirmed++
			if confirmed == after && !killed {
				syscall.Kill(cmd.Process.Pid, syscall.SIGKILL)
				killed = true
				// Lines already written before the kill are confirmed
				// writes too: keep reading to EOF.
			}
		}
		err = cmd.Wait()
		cancel()
		ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
		if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: writer was not killed: %v\n%s", round, err, errb.String())
		}

		s, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: open after kill: %v", round, err)
		}
		ctx = context.Background()
		r, err := s.Check(ctx)
		if err != nil || r.Integrity != "ok" || !r.OK() {
			t.Errorf("round %d: Check after kill: %+v %v", round, r, err)
		}
		for _, id := range articles {
			if _, err := s.Article(ctx, id); err != nil {
				t.Errorf("round %d: confirmed article %d lost: %v", round, id, err)
			}
		}
		for _, id := range highlights {
			if _, err := s.Highlight(ctx, id); err != nil {
				t.Errorf("round %d: confirmed highlight %d lost: %v", round, id, err)
			}
		}
		s.Close()
	}
	t.Logf("%d articles and %d highlights confirmed across 3 kills, all present", len(articles), len(highlights))
}
