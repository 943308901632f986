package cli

import (
	"bufio"
	"context"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"

	"margin/internal/settings"
	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// terminalWidth is the width of the terminal w writes to, or 0 when w is
// not a terminal.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	tw, _, err := term.GetSize(int(f.Fd()))
	if err != nil || tw <= 0 {
		return 0
	}
	return tw
}

// noColor reports whether the user asked for no colour (https://no-color.org).
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// showOptions decides how margin show renders: the width from --width,
// else config width, else 80; never wider than the terminal. A terminal
// gets --style, else config style, else dark. Output that is not a
// terminal, or NO_COLOR, gets plain text (plain is true) unless --style
// was given.
func showOptions(ctx context.Context, st *store.Store, out io.Writer, width int, style string) (opt render.Options, plain bool) {
	tw := terminalWidth(out)
	plain = style == "" && (tw == 0 || noColor())
	if width <= 0 {
		if v, err := st.Setting(ctx, string(settings.Width)); err == nil {
			width, _ = strconv.Atoi(v)
		}
		if width < 20 {
			width = 80
		}
		if tw > 20 && width > tw-2 {
			width = tw - 2
		}
	}
	if style == "" {
		if v, err := st.Setting(ctx, string(settings.Style)); err == nil && (v == "dark" || v == "light") {
			style = v
		} else {
			style = "dark"
		}
	}
	inline := false
	if v, err := st.Setting(ctx, string(settings.Links)); err == nil {
		inline = settings.InlineLinks(v)
	}
	return render.Options{Width: width, Style: style, InlineLinks: inline}, plain
}

// writeLines writes rendered lines; plain ones lose their styling and
// trailing padding. It stops when ctx is cancelled (a signal).
func writeLines(ctx context.Context, w io.Writer, lines []string, plain bool) error {
	bw := bufio.NewWriter(w)
	for i, l := range lines {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if plain {
			l = strings.TrimRight(ansi.Strip(l), " ")
		}
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// termLine makes one line safe for the terminal: text the user typed (a
// path, a setting) is echoed through it as much as text from an article.
func termLine(s string) string { return sanitize.Line(s) }
