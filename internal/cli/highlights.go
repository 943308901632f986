package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"margin/internal/article"
	"margin/internal/query"
	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// checkLabel accepts one of the labels margin knows.
func checkLabel(l string) error {
	if !slices.Contains(store.Labels, l) {
		return usageErr("unknown label %q (labels: %s)", l, strings.Join(store.Labels, ", "))
	}
	return nil
}

// highlightErr says which highlight was missing.
func highlightErr(id int64, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no highlight %d (margin highlights lists them)", id)
	}
	return err
}

func cmdHighlight(e *env, args []string) error {
	fs := e.flags("highlight")
	quote := fs.String("quote", "", "the exact passage (whitespace-insensitive)")
	label := fs.String("label", "highlight", "highlight, claim, evidence, question or disagree")
	note := fs.String("note", "", "a note on the passage (Markdown)")
	supports := fs.Int64("supports", 0, "the claim this evidence, question or disagreement is about")
	id, err := oneID(fs, args, "one article id and --quote")
	if err != nil {
		return err
	}
	if strings.TrimSpace(*quote) == "" {
		return usageErr("highlight: --quote is required: the passage to highlight, as it reads in the article")
	}
	if err := checkLabel(*label); err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Article(e.ctx, id)
	if err != nil {
		return articleErr(id, err)
	}
	t := render.Parse(a.Markdown)
	start, end, err := t.FindQuote(sanitize.Text(*quote))
	if err != nil {
		return fmt.Errorf("article %d: %w", id, err)
	}
	q := t.QuoteAt(start, end)
	h := &store.Highlight{
		ArticleID: id, Start: start, End: end,
		Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix,
		Label: *label, Note: sanitize.Text(*note), Supports: *supports,
	}
	hid, err := st.AddHighlight(e.ctx, h)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "highlight %d on article %d (%s): %s\n", hid, id, *label, sanitize.Line(clip(q.Exact, 60)))
	return nil
}

// clip cuts s to at most n characters, on a character boundary.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// isNumber reports whether s is all digits (an id, not a query word).
func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func cmdHighlights(e *env, args []string) error {
	fs := e.flags("highlights")
	label := fs.String("label", "", "only this label")
	needle := fs.String("query", "", "only highlights whose quote or note contains this")
	format := fs.String("format", "text", "text or json")
	ops, rest := splitQuery(args)
	pos, err := parse(fs, rest)
	if err != nil {
		return err
	}
	var f store.HighlightFilter
	// One number is an article's id; anything else is a query: its
	// operators select articles (label: the highlights' label), its words
	// are looked for in the quotes and notes.
	var q query.Query
	var notLabels []string
	if len(pos) == 1 && len(ops) == 0 && isNumber(pos[0]) {
		if f.ArticleID, err = articleID(pos[0]); err != nil {
			return err
		}
	} else if len(pos)+len(ops) > 0 {
		if q, err = query.Parse(strings.Join(append(pos, ops...), " ")); err != nil {
			return usageErr("highlights: %v", err)
		}
		var rest []query.Filter
		for _, fl := range q.Filters {
			switch {
			case fl.Kind == query.Label && fl.Not:
				notLabels = append(notLabels, fl.Value)
			case fl.Kind == query.Label:
				if *label != "" && *label != fl.Value {
					return usageErr("highlights: one label at a time (%s and %s given)", *label, fl.Value)
				}
				*label = fl.Value
			default:
				rest = append(rest, fl)
			}
		}
		q.Filters = rest
		if q.Words != "" && *needle == "" {
			*needle = strings.Trim(q.Words, `"`)
		}
	}
	if *label != "" {
		if err := checkLabel(*label); err != nil {
			return err
		}
	}
	f.Label, f.Query = *label, *needle
	if *format != "text" && *format != "json" {
		return usageErr("highlights: --format must be text or json, not %q", *format)
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	if f.ArticleID != 0 {
		if _, err := st.Article(e.ctx, f.ArticleID); err != nil {
			return articleErr(f.ArticleID, err)
		}
	}
	hs, err := st.AllHighlights(e.ctx, f)
	if err != nil {
		return err
	}
	allow, err := selected(e, st, q)
	if err != nil {
		return err
	}
	hs = slices.DeleteFunc(hs, func(h store.Highlight) bool {
		return allow != nil && !allow[h.ArticleID] || slices.Contains(notLabels, h.Label)
	})
	if *format == "json" {
		return writeHighlightsJSON(e.stdout, hs)
	}
	if len(hs) == 0 {
		fmt.Fprintln(e.stderr, "no highlights match")
		return nil
	}
	for _, h := range hs {
		tag := sanitize.Line(h.Label)
		if h.Orphan {
			tag += ", orphan"
		}
		if h.Supports != 0 {
			tag += fmt.Sprintf(", on claim %d", h.Supports)
		}
		if h.Changed() {
			tag += ", reworded since"
		}
		fmt.Fprintf(e.stdout, "%5d  [%s]  article %d: %s\n", h.ID, tag, h.ArticleID, sanitize.Line(h.ArticleTitle))
		fmt.Fprintf(e.stdout, "       %s\n", article.Quoted(sanitize.Line(h.Highlighted())))
		if h.Changed() {
			fmt.Fprintf(e.stdout, "       now reads %s\n", article.Quoted(sanitize.Line(h.Exact)))
		}
		if h.Note != "" {
			for _, l := range strings.Split(sanitize.Text(h.Note), "\n") {
				fmt.Fprintf(e.stdout, "       │ %s\n", l)
			}
		}
	}
	return nil
}

func writeHighlightsJSON(w io.Writer, hs []store.Highlight) error {
	type row struct {
		ID        int64     `json:"id"`
		ArticleID int64     `json:"article_id"`
		Article   string    `json:"article"`
		Label     string    `json:"label"`
		Quote     string    `json:"quote"`
		Prefix    string    `json:"prefix"`
		Suffix    string    `json:"suffix"`
		Original  string    `json:"highlighted,omitempty"`
		Note      string    `json:"note,omitempty"`
		Supports  int64     `json:"supports,omitempty"`
		Orphan    bool      `json:"orphan,omitempty"`
		Start     int       `json:"start"`
		End       int       `json:"end"`
		Created   time.Time `json:"created"`
		Updated   time.Time `json:"updated"`
		Revision  int64     `json:"revision"`
	}
	rows := make([]row, 0, len(hs))
	for _, h := range hs {
		orig := ""
		if h.Changed() {
			orig = h.Original
		}
		// What is read from the library is sanitised again: a tampered
		// library must not reach a terminal through a script's output.
		t := sanitize.Text
		rows = append(rows, row{h.ID, h.ArticleID, sanitize.Line(h.ArticleTitle), sanitize.Line(h.Label), t(h.Exact), t(h.Prefix), t(h.Suffix), t(orig), t(h.Note), h.Supports, h.Orphan, h.Start, h.End, h.Created, h.Updated, h.Revision})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

// maxNoteBytes is the longest note margin keeps; a longer one is refused
// whole, never cut.
const maxNoteBytes = 1 << 20

func cmdNote(e *env, args []string) error {
	fs := e.flags("note")
	rev := fs.Int64("revision", 0, "refuse if the highlight changed since this revision (margin highlights --format json shows it)")
	article := fs.Bool("article", false, "the note on a whole article: margin note --article ID [TEXT|-|\"\"]")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *article {
		return articleNote(e, pos)
	}
	if len(pos) != 2 {
		return usageErr(`note: give a highlight id and the note ("-" reads it from standard input, "" clears it)`)
	}
	hid, err := articleID(pos[0])
	if err != nil {
		return err
	}
	text, err := noteText(e, pos[1])
	if err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := st.Highlight(e.ctx, hid)
	if err != nil {
		return highlightErr(hid, err)
	}
	note := sanitize.Text(text)
	_, err = st.EditHighlight(e.ctx, store.Edit{ID: hid, Revision: *rev, Note: &store.Change[string]{From: h.Note, To: note}})
	var ce *store.ConflictError
	if errors.As(err, &ce) {
		return fmt.Errorf("highlight %d changed since revision %d (it is at %d now); nothing was written: read it again with margin highlights %d", hid, *rev, ce.Current.Revision, ce.Current.ArticleID)
	}
	if err != nil {
		return highlightErr(hid, err)
	}
	if note == "" {
		fmt.Fprintf(e.stdout, "cleared the note on highlight %d\n", hid)
	} else {
		fmt.Fprintf(e.stdout, "noted highlight %d\n", hid)
	}
	return nil
}

// noteText is a note as given: the text, or standard input for "-";
// longer than maxNoteBytes is refused whole.
func noteText(e *env, text string) (string, error) {
	if text == "-" {
		// The limit, a final newline, and one byte more to tell a note
		// that is too long (however it ends) from one that fits.
		b, err := io.ReadAll(io.LimitReader(e.stdin, maxNoteBytes+2))
		if err != nil {
			return "", fmt.Errorf("read note from standard input: %w", err)
		}
		if strings.TrimSpace(string(b)) == "" {
			// A command that failed before the pipe, or a script run
			// with no input, must not wipe the note: "" clears it.
			return "", usageErr(`note: standard input is empty; nothing was saved ("" in place of - clears the note)`)
		}
		text = strings.TrimRight(string(b), "\n")
		if len(b) > maxNoteBytes+1 {
			text = string(b) // too long, whatever its end
		}
	}
	if len(text) > maxNoteBytes {
		return "", fmt.Errorf("note: the note is longer than %d MiB; nothing was saved (keep long writing in a file and link to it)", maxNoteBytes>>20)
	}
	return text, nil
}

// articleNote shows (ID) or writes (ID TEXT) the note on a whole article.
func articleNote(e *env, pos []string) error {
	if len(pos) != 1 && len(pos) != 2 {
		return usageErr(`note --article: give an article id, and the note ("-" reads it from standard input, "" clears it)`)
	}
	id, err := articleID(pos[0])
	if err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Article(e.ctx, id)
	if err != nil {
		return articleErr(id, err)
	}
	if len(pos) == 1 {
		if a.Note == "" {
			fmt.Fprintf(e.stderr, "article %d has no note\n", id)
			return nil
		}
		fmt.Fprintln(e.stdout, sanitize.Text(a.Note))
		return nil
	}
	text, err := noteText(e, pos[1])
	if err != nil {
		return err
	}
	note := sanitize.Text(text)
	if err := st.SetArticleNote(e.ctx, id, a.Note, note); err != nil {
		return articleErr(id, err)
	}
	if note == "" {
		fmt.Fprintf(e.stdout, "cleared the note on article %d\n", id)
	} else {
		fmt.Fprintf(e.stdout, "noted article %d\n", id)
	}
	return nil
}

// cmdLabel changes a highlight's label; the links the change breaks are
// removed and named.
func cmdLabel(e *env, args []string) error {
	fs := e.flags("label")
	rev := fs.Int64("revision", 0, "refuse if the highlight changed since this revision")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErr("label: give a highlight id and a label (%s)", strings.Join(store.Labels, ", "))
	}
	hid, err := articleID(pos[0])
	if err != nil {
		return err
	}
	if err := checkLabel(pos[1]); err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := st.Highlight(e.ctx, hid)
	if err != nil {
		return highlightErr(hid, err)
	}
	res, err := st.EditHighlight(e.ctx, store.Edit{ID: hid, Revision: *rev, Label: &store.Change[string]{From: h.Label, To: pos[1]}, Unlink: true})
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("highlight %d changed since revision %d; nothing was written", hid, *rev)
	}
	if err != nil {
		return highlightErr(hid, err)
	}
	fmt.Fprintf(e.stdout, "highlight %d is now labelled %s\n", hid, pos[1])
	for _, l := range res.Unlinked {
		fmt.Fprintf(e.stdout, "  unlinked highlight %d from claim %d\n", l.From, l.To)
	}
	return nil
}

// cmdLink links evidence, a question or a disagreement to a claim ("none"
// unlinks).
func cmdLink(e *env, args []string) error {
	fs := e.flags("link")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErr("link: give a highlight id and the claim's id (or none)")
	}
	hid, err := articleID(pos[0])
	if err != nil {
		return err
	}
	var claim int64
	if pos[1] != "none" {
		if claim, err = articleID(pos[1]); err != nil {
			return err
		}
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := st.Highlight(e.ctx, hid)
	if err != nil {
		return highlightErr(hid, err)
	}
	if claim != 0 {
		// The store's refusal of a missing claim is a not-found error
		// too: without this, it would be reported as hid's.
		if _, err := st.Highlight(e.ctx, claim); err != nil {
			return highlightErr(claim, err)
		}
	}
	if _, err := st.EditHighlight(e.ctx, store.Edit{ID: hid, Supports: &store.Change[int64]{From: h.Supports, To: claim}}); err != nil {
		return highlightErr(hid, err)
	}
	if claim == 0 {
		fmt.Fprintf(e.stdout, "unlinked highlight %d\n", hid)
	} else {
		fmt.Fprintf(e.stdout, "linked highlight %d to claim %d\n", hid, claim)
	}
	return nil
}

func cmdUnhighlight(e *env, args []string) error {
	fs := e.flags("unhighlight")
	yes := fs.Bool("yes", false, "remove a highlight's note without asking")
	fs.BoolVar(yes, "y", false, "remove a highlight's note without asking")
	hids, st, err := e.openWithIDs(fs, args, "highlight ids")
	if err != nil {
		return err
	}
	defer st.Close()
	// Every id must exist before anything is removed.
	hs := make([]*store.Highlight, len(hids))
	for i, hid := range hids {
		if hs[i], err = st.Highlight(e.ctx, hid); err != nil {
			return highlightErr(hid, err)
		}
	}
	in := bufio.NewReader(e.stdin)
	for i, hid := range hids {
		h := hs[i]
		// A note is the user's own words: it goes only when they say so,
		// as rm asks before an article goes (no answer keeps it).
		if strings.TrimSpace(h.Note) != "" && !*yes {
			fmt.Fprintf(e.stderr, "Remove highlight %d and its note \"%s\"? [y/N] ", hid, clip(sanitize.Line(h.Note), 60))
			line, _ := in.ReadString('\n')
			if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" {
				fmt.Fprintf(e.stderr, "kept highlight %d (--yes removes it with its note)\n", hid)
				continue
			}
		}
		// Deleting a claim unlinks what supported or disputed it; say so.
		siblings, err := st.Highlights(e.ctx, h.ArticleID)
		if err != nil {
			return err
		}
		linked := 0
		for _, o := range siblings {
			if o.Supports == hid {
				linked++
			}
		}
		if err := st.DeleteHighlight(e.ctx, hid); err != nil {
			return err
		}
		switch linked {
		case 0:
			fmt.Fprintf(e.stdout, "removed highlight %d\n", hid)
		case 1:
			fmt.Fprintf(e.stdout, "removed highlight %d and unlinked the 1 highlight linked to it\n", hid)
		default:
			fmt.Fprintf(e.stdout, "removed highlight %d and unlinked the %d highlights linked to it\n", hid, linked)
		}
	}
	return nil
}
