// Command margin is a terminal reader for long-form articles: it saves a web
// page, a local HTML file or pasted text as a clean article in a local
// library, shows it in the terminal, and keeps highlights and notes on it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"

	"margin/sanitize"
	"margin/store"
)

const usage = `margin: a terminal reader for long-form articles

Usage:
  margin [--db PATH] [--style dark|light] [--width N]   open the library in the terminal
  margin open ID                                        open one article in the reader
  margin add [--url URL] [--refresh] SOURCE...          save URLs, HTML or text files, or - (stdin)
  margin refresh ID...                                  fetch saved articles again; highlights re-anchored
  margin list [--all] [--sort added|title|progress] [--format text|json]
  margin show ID [--markdown] [--width N] [--style dark|light]
  margin search QUERY [--limit N]
  margin rm ID [--yes]
  margin archive ID... | margin unarchive ID...
  margin extract [--url URL] [--format text|markdown|json] FILE|-
  margin highlight ID --quote TEXT [--label L] [--note TEXT] [--supports HID]
  margin highlights [ID] [--label L] [--query TEXT] [--format text|json]
  margin note HID TEXT [--revision N]
  margin label HID LABEL [--revision N]  |  margin link HID CLAIM|none
  margin unhighlight HID
  margin export [ID...|--all] [-o DIR] [--label L] [--template FILE] [--format markdown|json] [--full]
  margin backup FILE
  margin check [--repair]
  margin config export-dir|style|width [VALUE]
  margin bench extract|paste|read|library [--corpus DIR]

Every command takes --db PATH (default: $MARGIN_DB, else the XDG data directory).
`

// exitError carries the exit status for a failure already explained.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

// usageErr marks a mistake in how margin was called (exit status 2).
func usageErr(format string, a ...any) error {
	return &exitError{2, fmt.Errorf(format, a...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		code := 1
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		}
		if !errors.Is(err, errQuiet) {
			fmt.Fprintln(os.Stderr, "margin: "+oneLine(err.Error()))
		}
		os.Exit(code)
	}
}

// errQuiet ends margin with a failure status after the command has already
// said what went wrong.
var errQuiet = errors.New("failed")

// oneLine keeps an error on a single line, and its quoted text (a file
// name, a server's reason phrase) harmless to the terminal.
func oneLine(s string) string {
	return strings.Join(strings.Fields(sanitize.Line(s)), " ")
}

// env is what every command shares.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	dbPath string
}

// command is one subcommand.
type command func(e *env, args []string) error

var commands map[string]command

func init() {
	commands = map[string]command{
		"add":         cmdAdd,
		"refresh":     cmdRefresh,
		"open":        cmdOpen,
		"list":        cmdList,
		"ls":          cmdList,
		"show":        cmdShow,
		"search":      cmdSearch,
		"rm":          cmdRemove,
		"archive":     cmdArchive(store.Archived),
		"unarchive":   cmdArchive(store.Inbox),
		"extract":     cmdExtract,
		"highlight":   cmdHighlight,
		"highlights":  cmdHighlights,
		"note":        cmdNote,
		"label":       cmdLabel,
		"link":        cmdLink,
		"unhighlight": cmdUnhighlight,
		"export":      cmdExport,
		"backup":      cmdBackup,
		"check":       cmdCheck,
		"bench":       cmdBench,
		"config":      cmdConfig,
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	// --db may come before the command too: margin --db PATH list.
	for len(args) > 0 {
		if v, ok := strings.CutPrefix(strings.TrimPrefix(args[0], "-"), "-db="); ok {
			e.dbPath, args = v, args[1:]
		} else if (args[0] == "--db" || args[0] == "-db") && len(args) > 1 {
			e.dbPath, args = args[1], args[2:]
		} else {
			break
		}
	}
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "--help", "-help":
			fmt.Fprint(stdout, usage)
			return nil
		}
		if cmd, ok := commands[args[0]]; ok {
			return cmd(e, args[1:])
		}
		if !strings.HasPrefix(args[0], "-") {
			return usageErr("unknown command %q (run margin help)", args[0])
		}
	}
	return cmdUI(e, args)
}

// flags makes a flag set for a subcommand with the shared --db flag.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.dbPath, "db", e.dbPath, "library database path")
	return fs
}

// parse parses flags that may come before, between or after positional
// arguments, as users type them ("margin add page.html --url ..."). Only a
// word naming a flag is one: "- point one" or "-1" stay arguments, so a
// note can start with a dash. After "--" everything is an argument.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		m := flagRE.FindStringSubmatch(a)
		if m == nil {
			pos = append(pos, a)
			continue
		}
		f := fs.Lookup(m[1])
		if f == nil {
			if m[1] == "h" || m[1] == "help" {
				return nil, usageErr("%s: see margin help", fs.Name())
			}
			return nil, usageErr("%s: unknown flag %s (see margin help)", fs.Name(), a)
		}
		flags = append(flags, a)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); (!ok || !b.IsBoolFlag()) && m[2] == "" {
			if i+1 >= len(args) {
				return nil, usageErr("%s: %s needs a value", fs.Name(), a)
			}
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, usageErr("%s: %v", fs.Name(), err)
	}
	return pos, nil
}

// parseNone parses the flags of a command that takes no arguments.
func parseNone(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err == nil && len(pos) > 0 {
		err = usageErr("%s takes no arguments, but was given %q", fs.Name(), pos[0])
	}
	return err
}

// flagRE matches a word that names a flag: -name, --name or --name=value.
var flagRE = regexp.MustCompile(`^--?([A-Za-z][A-Za-z0-9-]*)(=.*)?$`)

// oneID parses a command that acts on exactly one id; what names it in the
// usage message.
func oneID(fs *flag.FlagSet, args []string, what string) (int64, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return 0, err
	}
	if len(pos) != 1 {
		return 0, usageErr("%s: give %s", fs.Name(), what)
	}
	return articleID(pos[0])
}

// openWithIDs parses a command that acts on one or more ids, then opens
// the library; what names the ids in the usage message.
func (e *env) openWithIDs(fs *flag.FlagSet, args []string, what string) ([]int64, *store.Store, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return nil, nil, err
	}
	if len(pos) == 0 {
		return nil, nil, usageErr("%s: give the %s", fs.Name(), what)
	}
	ids, err := parseIDs(pos)
	if err != nil {
		return nil, nil, err
	}
	st, err := e.open()
	return ids, st, err
}

// open opens the library chosen by --db, $MARGIN_DB or the XDG default.
func (e *env) open() (*store.Store, error) {
	path := e.dbPath
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return store.Open(path)
}
