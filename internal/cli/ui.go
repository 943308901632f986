package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"margin/reader"
	"margin/store"
	"margin/ui"

	"golang.org/x/term"
)

func cmdUI(e *env, args []string) error {
	fs := e.flags("margin")
	style := fs.String("style", "", "dark or light (default: from the terminal's background)")
	width := fs.Int("width", 0, "reading width in columns (default: the last one used, else 80)")
	open := fs.Int64("open", 0, "open this article at once")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unknown command %q (run margin help)", pos[0])
	}
	if *style != "" && *style != "dark" && *style != "light" {
		return usageErr("--style must be dark or light, not %q", *style)
	}
	if *width < 0 || *width > 0 && *width < 20 {
		return usageErr("--width must be at least 20 columns")
	}
	if !isTerminal(e.stdout) || !isTerminalReader(e.stdin) {
		return fmt.Errorf("the library screen needs a terminal; in scripts use margin list, show, search or export")
	}
	// The first frame's tables are built on the other core meanwhile.
	go ui.Warm()
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := firstRun(e.ctx, st); err != nil {
		return err
	}
	sv := &saver{st: st}
	opt := ui.Options{
		Library: st,
		Add: func(ctx context.Context, input string) (int64, bool, error) {
			if input == "-" {
				// Standard input is the terminal margin is reading keys from.
				return 0, false, fmt.Errorf("- reads standard input, which is this terminal; give a URL or a file path")
			}
			src, pasted := promptSource(input)
			s := sv
			if pasted != "" {
				s = &saver{st: st, stdin: strings.NewReader(pasted)}
			}
			r, err := s.save(ctx, src)
			return r.id, r.existed, err
		},
		AddSample: func(ctx context.Context) (int64, error) {
			return addSample(ctx, st)
		},
		Style:  *style,
		Width:  *width,
		OpenID: *open,
		Export: func(ctx context.Context, id int64) (string, error) {
			return exportToFolder(ctx, st, id)
		},
		OpenURL: openURL,
		Refresh: func(ctx context.Context, id int64) (string, error) {
			res, err := sv.refreshByID(ctx, id)
			if err != nil {
				return "", err
			}
			return refreshSummary(res), nil
		},
	}
	return ui.Run(e.ctx, opt, os.Stdin, os.Stdout)
}

// firstRun puts the sample article in a new, empty library, so that a new
// user lands on something to read and mark. It happens once per library:
// one emptied later stays empty (and the welcome screen offers the sample).
func firstRun(ctx context.Context, st *store.Store) error {
	done, err := st.Setting(ctx, "sample.added")
	if err != nil || done != "" {
		return err
	}
	n, err := st.Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		if _, err := addSample(ctx, st); err != nil {
			return err
		}
	}
	return st.SetSetting(ctx, "sample.added", "1")
}

// addSample saves the bundled sample article (once).
func addSample(ctx context.Context, st *store.Store) (int64, error) {
	id, _, err := st.AddArticle(ctx, toStore(reader.Sample()))
	return id, err
}

// openURL opens a link with the system's browser, detached from margin.
func openURL(u string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", u)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	default:
		cmd = exec.Command("xdg-open", u)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open %s: %w", u, err)
	}
	go cmd.Wait()
	return nil
}

// cmdOpen opens one article in the reader: margin open ID.
func cmdOpen(e *env, args []string) error {
	fs := e.flags("open")
	fs.String("style", "", "")
	fs.Int("width", 0, "")
	args, err := openArgs(args) // margin://ID, as exported notes link back
	if err != nil {
		return err
	}
	id, err := oneID(fs, args, "one article id")
	if err != nil {
		return err
	}
	rest := []string{"--open", strconv.FormatInt(id, 10)}
	fs.Visit(func(f *flag.Flag) { rest = append(rest, "--"+f.Name, f.Value.String()) })
	return cmdUI(e, rest)
}

func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// refreshSummary is a refresh's outcome in one line for the reader.
func refreshSummary(res addResult) string {
	if res.unchanged {
		return "Refreshed: the text is the same."
	}
	m := res.moved
	out := fmt.Sprintf("Refreshed (%d words).", res.words)
	if n := len(m.Highlights); n > 0 {
		out = fmt.Sprintf("Refreshed: %d highlight%s placed, %d reworded, %d orphaned.", n-m.Changed-m.Orphans, plural(n-m.Changed-m.Orphans), m.Changed, m.Orphans)
		if m.Changed+m.Orphans > 0 {
			out += " H lists them."
		}
	}
	return out
}

// domainLike is a bare web address as people type it: example.org/x.
var domainLike = regexp.MustCompile(`^(?i)(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$`)

// promptSource reads what was typed or pasted at the add prompt: several
// lines are an article's text (read as standard input would be), ~ is the
// home folder, and a bare domain with no such file is a web address.
func promptSource(input string) (src, pasted string) {
	if strings.Contains(strings.TrimSpace(input), "\n") {
		return "-", input
	}
	input = strings.TrimSpace(input)
	if input == "~" || strings.HasPrefix(input, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, input[1:]), ""
		}
	}
	if !reader.IsURL(input) && domainLike.MatchString(input) {
		if _, err := os.Stat(input); err != nil {
			return "https://" + input, ""
		}
	}
	return input, ""
}
