package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"margin/internal/library"
	"margin/internal/settings"
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
	if *style != "" && *style != "dark" && *style != "light" && *style != "auto" {
		return usageErr("--style must be dark, light or auto, not %q", *style)
	}
	if *width != 0 {
		if _, err := settings.ParseWidth(fmt.Sprint(*width)); err != nil {
			return usageErr("--%v", err)
		}
	}
	if !isTerminal(e.stdout) || !isTerminalReader(e.stdin) {
		return fmt.Errorf("the library screen needs a terminal; in scripts use margin list, show, search or export")
	}
	// The library is opened while the terminal is set up (ui.Run takes
	// it when the program starts): the first frame is drawn at the
	// renderer's first tick, 8 ms after the program starts. Started
	// before Warm, it is the one the other core picks up first.
	type opened struct {
		st  *store.Store
		lib *library.Library
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		st, err := e.open()
		if err != nil {
			ch <- opened{err: err}
			return
		}
		lib := library.New(st)
		if err := lib.FirstRun(e.ctx); err != nil {
			st.Close()
			ch <- opened{err: err}
			return
		}
		ch <- opened{st: st, lib: lib}
	}()
	// The first frame's tables are built meanwhile.
	go ui.Warm()
	get := sync.OnceValue(func() opened { return <-ch })
	defer func() {
		if o := get(); o.st != nil {
			o.st.Close()
		}
	}()
	opt := ui.Options{
		Open: func() (ui.Library, error) {
			o := get()
			if o.err != nil {
				return nil, o.err
			}
			return o.lib, nil
		},
		// The functions below run only once the library is open.
		Add: func(ctx context.Context, input string) (ui.Added, error) {
			r, err := get().lib.AddInput(ctx, input)
			return added(r), err
		},
		AddSample: func(ctx context.Context) (ui.Added, error) {
			r, err := get().lib.AddSample(ctx)
			return added(r), err
		},
		Style:  *style,
		Width:  *width,
		OpenID: *open,
		Export: func(ctx context.Context, id int64) (string, error) {
			return get().lib.ExportToFolder(ctx, id)
		},
		OpenURL: openURL,
		Copy:    copyToClipboard,
		Refresh: func(ctx context.Context, id int64) (string, error) {
			res, err := get().lib.Refresh(ctx, id)
			return res.Summary(), err
		},
		Import: func(ctx context.Context, path string) (*ui.ImportPlan, error) {
			return openImport(ctx, get().lib, path)
		},
		KeepUnsaved: func(text, about string) (string, error) {
			return keepUnsaved(filepath.Dir(get().st.Path()), text, about)
		},
		KeepDraft: func(path, text, about string) (string, error) {
			return keepDraft(filepath.Dir(get().st.Path()), path, text, about)
		},
	}
	return ui.Run(e.ctx, opt, os.Stdin, os.Stdout)
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
		// The caller names the address; say what is missing.
		if errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("%s, which opens the browser, is not installed", cmd.Args[0])
		}
		return err
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
	// A missing article is said here, in one line, not on a library
	// screen the user did not ask for.
	if err := e.hasArticle(id); err != nil {
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

// copyToClipboard puts text on the system clipboard with the first tool
// there is: wl-copy, xclip, xsel (Linux), pbcopy (macOS), clip (Windows).
func copyToClipboard(text string) error {
	tools := [][]string{{"wl-copy"}, {"xclip", "-selection", "clipboard"}, {"xsel", "--clipboard", "--input"}, {"pbcopy"}, {"clip"}}
	var tried []string
	for _, t := range tools {
		path, err := exec.LookPath(t[0])
		if err != nil {
			tried = append(tried, t[0])
			continue
		}
		cmd := exec.Command(path, t[1:]...)
		cmd.Stdin = strings.NewReader(text)
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w", t[0], err)
		}
		return nil
	}
	return fmt.Errorf("none of %s found", strings.Join(tried, ", "))
}

// keepUnsaved writes a note margin could not save into a new private file
// beside the library (or, failing that, in the temporary folder) and
// returns its path.
func keepUnsaved(dir, text, about string) (string, error) {
	pattern := "margin-unsaved-" + time.Now().Format("2006-01-02-150405") + "-*.md"
	var err error
	for _, d := range []string{dir, os.TempDir()} {
		var f *os.File
		if f, err = os.CreateTemp(d, pattern); err != nil { // 0600
			continue
		}
		if err = writeUnsaved(f, text, about); err == nil {
			return f.Name(), nil
		}
		os.Remove(f.Name())
	}
	return "", err
}

// writeUnsaved writes a kept note's file, synced, and closes it: a first
// line says what the words were written on; they follow as typed.
func writeUnsaved(f *os.File, text, about string) error {
	_, err := f.WriteString("margin could not save " + about + ". Your words follow.\n\n" + text + "\n")
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// keepDraft keeps the words of a note that cannot be saved yet in a file:
// a new one (keepUnsaved) when path is "", else path replaced whole (a
// temporary file renamed over it, so a kill leaves one version or the
// other); empty text removes path.
func keepDraft(dir, path, text, about string) (string, error) {
	switch {
	case path == "":
		return keepUnsaved(dir, text, about)
	case text == "":
		return "", os.Remove(path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".margin-draft-*") // 0600
	if err != nil {
		return "", err
	}
	if err = writeUnsaved(f, text, about); err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return path, nil
}

// added is what the library's add did, as the UI shows it.
func added(r library.Result) ui.Added {
	return ui.Added{ID: r.ID, Title: r.Title, Words: r.Words, LeftOut: library.LeftOutNote(r.Words, r.LeftOut), Existed: r.Existed,
		Archived: r.Archived, Saved: r.Saved, Found: r.Found, Failed: r.Failed, From: r.From, Why: r.Why}
}
