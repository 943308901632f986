// Package cli is margin's command line: parsing arguments and flags,
// running each command against the library, and printing what happened.
// The work itself is done by the packages below it (reader, store,
// render, export, ui); main only calls Main.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"margin/internal/settings"
	"margin/internal/urlid"
	"margin/sanitize"
	"margin/store"
	"margin/ui"
)

const usage = `margin: a terminal reader for long-form articles

Usage:
  margin [--db PATH] [--style dark|light|auto] [--width N]   open the library in the terminal
  margin open ID                                        open one article in the reader
  margin add [--url URL] [--refresh] [--yes] SOURCE...  save URLs, HTML, Markdown or text files, folders of them, or - (stdin)
  margin refresh ID...                                  fetch saved articles again; highlights re-anchored
  margin list [QUERY] [--all] [--sort added|title|progress|words|published] [--format text|json]   QUERY: words tag: -tag: site: is: has: label: added: published: words: sort:
  margin show ID [--markdown] [--width N] [--style dark|light]
  margin search QUERY [--limit N]                       words ("a phrase", a OR b, a NOT b, prefix*) and the operators of list
  margin rm ID [--yes]
  margin archive ID... | margin unarchive ID...
  margin extract [--url URL] [--format text|markdown|json] FILE|-
  margin highlight ID --quote TEXT [--label L] [--note TEXT] [--supports HID]
  margin highlights [ID|QUERY] [--label L] [--query TEXT] [--format text|json]   QUERY: operators pick articles (label: highlights), words the quotes and notes
  margin note HID TEXT [--revision N]  |  margin note --article ID [TEXT|-|""]   a highlight's note, or the article's own
  margin label HID LABEL [--revision N]  |  margin link HID CLAIM|none
  margin tag ID... +TAG -TAG             |  margin tags [rename OLD NEW | delete NAME]
  margin view save NAME QUERY  |  margin view list  |  margin view delete NAME   saved views (v in the library)
  margin mark ID... done|reading|new     |  margin star ID...  |  margin unstar ID...
  margin edit ID [--title T] [--author A] [--site S] [--published YYYY-MM-DD] [--url U]
  margin unhighlight HID... [--yes]
  margin export [ID...|--all|--query Q|--view NAME] [-o DIR] [--label L] [--template FILE] [--format markdown|json] [--full]
  margin import FILE|DIR|ZIP [--format auto|pocket|instapaper|omnivore|wallabag|readwise|readeck|bookmarks|urls]
               [--no-fetch] [--jobs N] [--budget DURATION] [--dry-run] [--report FILE]   move a Pocket, Instapaper, ... library in
  margin import --retry                                fetch again the articles kept without text
  margin backup FILE
  margin check [--repair] [--salvage NEW.db]
  margin config [export-dir|export-name|export-folder|style|width|links [VALUE]]   none: list them all, with where each comes from
  margin bench extract|paste|multilingual|read|library|hostile|import [--corpus DIR]   (built with -tags bench)
  margin help [COMMAND]  |  margin COMMAND --help  |  margin --version

Global flags go before or after the command: --db PATH (default: $MARGIN_DB,
else the XDG data directory), --style dark|light|auto (auto: the terminal's
background, whatever margin config style says) and --width N (for open, show
and the reader; margin config style|width sets the defaults).
ctrl-C, SIGTERM or SIGHUP stops any command within a second.
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

// Main runs margin with the process's arguments and standard streams, and
// exits with its status.
func Main() {
	setMemoryBudget()
	ctx, cancel := context.WithCancelCause(context.Background())
	watchSignals(cancel, func(code int) { exit("interrupted", code) })
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if err != nil {
		code := 1
		var ee *exitError
		var sig interrupted
		switch {
		case errors.As(err, &ee):
			code = ee.code
		case errors.As(context.Cause(ctx), &sig):
			// Whatever the command was doing when the signal came, it
			// stopped because of the signal: say so, not "context canceled";
			// but what the reader could not save is said as it is.
			code = sig.code()
			if !errors.Is(err, ui.ErrUnsaved) {
				err = sig
			}
		}
		msg := ""
		if !errors.Is(err, errQuiet) {
			msg = lastWords(err)
		}
		exit(msg, code)
	}
}

// exitMu makes the last words single: the command's end and the signal
// watchdog may both try to say them.
var exitMu sync.Mutex

// lastWords is what margin says of err as it ends: one line, or, for
// what the reader could not save as it closed (ui.ErrUnsaved, several
// things at once), one line each, in plain words.
func lastWords(err error) string {
	if !errors.Is(err, ui.ErrUnsaved) {
		return oneLine(err.Error())
	}
	var lines []string
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.ReplaceAll(oneLine(l), context.DeadlineExceeded.Error(), "the library stayed busy (another margin was writing to it)")
		if l != "" && !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// exit prints margin's last words, if any, a line each, and ends the
// process.
func exit(msg string, code int) {
	exitMu.Lock()
	if msg != "" {
		for _, l := range strings.Split(msg, "\n") {
			fmt.Fprintln(os.Stderr, "margin: "+l)
		}
	}
	os.Exit(code)
}

// interrupted is the cause of a context cancelled by a signal.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted" }

// code is the shell's exit status for death by the signal: 128+n.
func (i interrupted) code() int {
	if s, ok := i.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// signalGrace is how long a cancelled command has to stop by itself
// (interrupted SQLite statements, closed connections, removed temporary
// files) before margin exits anyway; some work cannot see a context (a
// read from a pipe that never ends, a render, a write to a stalled pipe).
// The reader's own quit (ui.Run) restores the terminal within its own
// timeout, so the full-screen UI gets longer.
var signalGrace = 700 * time.Millisecond

// uiGrace is signalGrace while the full-screen UI runs.
const uiGrace = 3 * time.Second

// inUI is set while the full-screen UI is about to run or running.
var inUI atomic.Bool

// watchSignals cancels the work in flight on ctrl-C, SIGTERM or SIGHUP
// and, if it has not ended within the grace period, calls exit. A second
// signal acts at once (the default action: the process dies).
func watchSignals(cancel context.CancelCauseFunc, exit func(code int)) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		sig := <-sigs
		signal.Stop(sigs)
		cancel(interrupted{sig})
		grace := signalGrace
		if inUI.Load() {
			grace = uiGrace
		}
		time.Sleep(grace)
		exit(interrupted{sig}.code())
	}()
}

// errQuiet ends margin with a failure status after the command has already
// said what went wrong.
var errQuiet = errors.New("failed")

// oneLine keeps an error on a single line, and its quoted text (a file
// name, a server's reason phrase) harmless to the terminal.
func oneLine(s string) string {
	// Credentials given to fetch a page are never printed.
	return strings.Join(strings.Fields(sanitize.Line(urlid.Redact(s))), " ")
}

// env is what every command shares.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	dbPath string
	// globals are the global flags (--style, --width) given before the
	// command; parse applies them to a command that has such a flag.
	globals map[string]string
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
		"tag":         cmdTag,
		"tags":        cmdTags,
		"view":        cmdView,
		"mark":        cmdMark,
		"edit":        cmdEdit,
		"star":        cmdStar(true),
		"unstar":      cmdStar(false),
		"link":        cmdLink,
		"unhighlight": cmdUnhighlight,
		"export":      cmdExport,
		"backup":      cmdBackup,
		"check":       cmdCheck,
		"bench":       cmdBench,
		"config":      cmdConfig,
		"import":      cmdImport,
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	// Global flags may come before the command too: margin --db PATH
	// --style light open 1.
	for len(args) > 0 {
		name, val, n, err := globalFlag(args)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
		e.setGlobal(name, val)
		args = args[n:]
	}
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "--help", "-help":
			if len(args) > 1 && commands[args[1]] != nil {
				fmt.Fprint(stdout, commandUsage(args[1]))
				return nil
			}
			fmt.Fprint(stdout, usage)
			return nil
		case "version", "--version", "-version":
			fmt.Fprintln(stdout, version())
			return nil
		}
		if cmd, ok := commands[args[0]]; ok {
			if asksHelp(args[1:]) {
				fmt.Fprint(stdout, commandUsage(args[0]))
				return nil
			}
			if args[0] == "open" {
				inUI.Store(true)
			}
			return cmd(e, args[1:])
		}
		if !strings.HasPrefix(args[0], "-") {
			return usageErr("unknown command %q (run margin help)", args[0])
		}
	}
	inUI.Store(true)
	return cmdUI(e, args)
}

// asksHelp reports -h or --help among a command's flags (not after "--",
// where it is an argument: margin search -- --help).
func asksHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--help", "-help":
			return true
		}
	}
	return false
}

// commandUsage is the part of usage that shows one command: its lines
// (and their continuations) and the global flags.
func commandUsage(name string) string {
	if name == "ls" {
		name = "list"
	}
	lines := strings.Split(usage, "\n")
	var b strings.Builder
	b.WriteString("Usage:\n")
	in := false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "  margin "):
			in = strings.Contains(l, "margin "+name+" ") || strings.HasSuffix(l, "margin "+name)
		case !strings.HasPrefix(l, "   "):
			in = false
		}
		if in {
			b.WriteString(l + "\n")
		}
	}
	if i := strings.Index(usage, "\nGlobal flags"); i >= 0 {
		b.WriteString(usage[i:])
	}
	return b.String()
}

// version names the build: the module's version and, when built from a
// checkout, its commit and time.
func version() string {
	v := "margin (devel)"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = "margin " + info.Main.Version
	}
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = " (modified)"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += ", commit " + rev + dirty
	}
	if at != "" {
		v += ", " + at
	}
	return v + ", " + info.GoVersion
}

// globalNames are the flags every command takes, before or after its
// name. --style and --width matter only to what displays an article (the
// reader, show); elsewhere they are accepted and ignored, so an alias
// such as margin='margin --style light' works with every command.
var globalNames = map[string]bool{"db": true, "style": true, "width": true}

// globalFlag reads one global flag at the start of args: its name, its
// value and how many words it took (0: args does not start with one).
func globalFlag(args []string) (name, val string, n int, err error) {
	m := flagRE.FindStringSubmatch(args[0])
	if m == nil || !globalNames[m[1]] {
		return "", "", 0, nil
	}
	name = m[1]
	if m[2] != "" {
		val, n = m[2][1:], 1
	} else if len(args) > 1 {
		val, n = args[1], 2
	} else {
		return "", "", 0, usageErr("%s needs a value", args[0])
	}
	return name, val, n, checkGlobal(name, val)
}

// checkGlobal validates a global flag's value, whichever command it
// came with.
func checkGlobal(name, val string) error {
	switch name {
	case "style":
		if val != "dark" && val != "light" && val != "auto" {
			return usageErr("--style must be dark, light or auto, not %q", val)
		}
	case "width":
		if val != "0" {
			if _, err := settings.ParseWidth(val); err != nil {
				return usageErr("--%v", err)
			}
		}
	}
	return nil
}

// setGlobal records a global flag given before the command.
func (e *env) setGlobal(name, val string) {
	if name == "db" {
		e.dbPath = val
		return
	}
	if e.globals == nil {
		e.globals = map[string]string{}
	}
	e.globals[name] = val
}

// flagEnvs finds the env a flag set was made for, so parse can apply
// the global flags given before the command.
var flagEnvs sync.Map // *flag.FlagSet -> *env

// flags makes a flag set for a subcommand with the shared --db flag.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.dbPath, "db", e.dbPath, "library database path")
	flagEnvs.Store(fs, e)
	return fs
}

// textCommands take a query of words among their arguments.
var textCommands = map[string]bool{"search": true, "highlights": true, "list": true}

// parse parses flags that may come before, between or after positional
// arguments, as users type them ("margin add page.html --url ..."). Only a
// word naming a flag is one: "- point one" or "-1" stay arguments, so a
// note can start with a dash. After "--" everything is an argument.
// Global flags given before the command apply when the command has a
// flag of that name; given after it, they are ignored by commands that
// have none.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	if v, ok := flagEnvs.LoadAndDelete(fs); ok {
		for name, val := range v.(*env).globals {
			if fs.Lookup(name) != nil {
				if err := fs.Set(name, val); err != nil {
					return nil, usageErr("%s: --%s: %v", fs.Name(), name, err)
				}
			}
		}
	}
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
			if globalNames[m[1]] {
				_, _, n, err := globalFlag(args[i:])
				if err != nil {
					return nil, err
				}
				i += n - 1
				continue
			}
			if m[1] == "h" || m[1] == "help" {
				return nil, usageErr("%s: see margin help %s", fs.Name(), fs.Name())
			}
			if fs.Name() == "margin" {
				return nil, usageErr("unknown flag %s (see margin help)", a)
			}
			if textCommands[fs.Name()] {
				// A search for a word that starts with "-" reads as a flag.
				return nil, usageErr("%s: unknown flag %s (see margin help; a query that starts with \"-\" goes after --: margin %s -- %s)", fs.Name(), a, fs.Name(), a)
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
		return nil, usageErr("%s: %s", fs.Name(), flagErr(fs, err))
	}
	return pos, nil
}

// flagValueRE matches the flag package's error for a value of the wrong
// kind: invalid value "abc" for flag -limit: parse error.
var flagValueRE = regexp.MustCompile(`^invalid value "(.*)" for flag -(\S+): `)

// flagErr says what a flag's value should have been, in margin's words.
func flagErr(fs *flag.FlagSet, err error) string {
	m := flagValueRE.FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	f := fs.Lookup(m[2])
	if f == nil {
		return err.Error()
	}
	want := "another value"
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case int, int64, uint, uint64:
			want = "a whole number"
		case time.Duration:
			want = "a duration such as 90s, 10m or 1h30m"
		case bool:
			want = "true or false"
		}
	}
	return fmt.Sprintf("--%s wants %s, not %q", m[2], want, m[1])
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

// libPath is the library chosen by --db, $MARGIN_DB or the XDG default.
func (e *env) libPath() (string, error) {
	if e.dbPath != "" {
		// A new library may start at --db, in a folder that is there: a
		// mistyped folder made a new, empty library, which looked like
		// one whose articles were gone.
		dir := filepath.Dir(e.dbPath)
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return "", usageErr("--db %s: there is no folder %s (create it first, or check the path)", sanitize.Line(e.dbPath), sanitize.Line(dir))
		}
		return e.dbPath, nil
	}
	return store.DefaultPath()
}

// allArticles is nil when the library holds every article of ids, else
// an error naming the first it does not: a command on several articles
// changes none when one id is wrong, as rm does (tag, mark, star and
// archive changed those before it and then failed).
func (e *env) allArticles(st *store.Store, ids []int64) error {
	for _, id := range ids {
		if _, _, err := st.ArticleFlags(e.ctx, id); err != nil {
			return articleErr(id, err)
		}
	}
	return nil
}

// hasArticle is nil when the library holds article id, else an error
// naming it.
func (e *env) hasArticle(id int64) error {
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	_, _, err = st.ArticleFlags(e.ctx, id)
	return articleErr(id, err)
}

// open opens the library chosen by --db, $MARGIN_DB or the XDG default.
// One that may not be written (a read-only file or folder, a backup copy
// kept read-only) opens for reading: listing, reading and exporting work,
// and a write says why it cannot be made.
func (e *env) open() (*store.Store, error) {
	path, err := e.libPath()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(path)
	if errors.Is(err, store.ErrReadOnly) {
		if ro, rerr := store.Open(path, store.ReadOnly()); rerr == nil {
			return ro, nil
		}
	}
	return st, err
}

// MemoryBudget is the resident memory margin keeps to for any article it
// accepts (README, "Limits"). Go's collector, left to itself, lets the heap
// grow to twice what is live before collecting: rendering a 450,000-word
// article (160 MB live at its peak) then reached 560 MB. A soft limit under
// the budget makes it collect sooner instead; articles whose live memory
// would pass the budget are refused when they are added.
const MemoryBudget = 300 << 20

// setMemoryBudget sets the collector's soft limit, unless the user set
// GOMEMLIMIT themselves.
func setMemoryBudget() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryBudget - 44<<20) // room for what is not Go heap: stacks, binary, SQLite's cache
	}
}
