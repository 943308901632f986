package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"margin/sanitize"
	"margin/store"
)

// copyMsg is the outcome of copying to the system clipboard.
type copyMsg struct {
	what string
	err  error
}

// copyText puts text on the clipboard two ways: OSC 52 through the
// terminal (which many terminals, and tmux, pass on), and the system's
// clipboard tool where there is one (Options.Copy). The message says which
// worked, and what to do when neither could.
func (p *pagerModel) copyText(what, text string) tea.Cmd {
	sys := p.Opt.Copy
	return tea.Batch(tea.SetClipboard(text), func() tea.Msg {
		if sys == nil {
			return copyMsg{what: what}
		}
		return copyMsg{what: what, err: sys(text)}
	})
}

func (p *pagerModel) onCopy(msg copyMsg) {
	if msg.err != nil {
		// Short enough for two lines at 60 columns: the clipboard tool's
		// own error (which says little) is left out.
		p.status = "Copied " + msg.what + " through the terminal only: if it is not there, install xclip, xsel or wl-copy."
		return
	}
	p.status = "Copied " + msg.what + "."
}

// copyQuote copies the highlight under the cursor (or the selection, or
// the sentence): its words alone, or (full) as Markdown with its note and
// a link back to it in margin.
func (s *highlightState) copyQuote(v readerView, full bool) tea.Cmd {
	var h *store.Highlight
	if i := s.under(); i >= 0 {
		h = &s.list[i]
	}
	var words string
	what := "the highlight" // the message names what was copied
	switch {
	case h != nil:
		words = h.Highlighted()
	default:
		what = "the selection"
		start, end, ok := s.selection(v.article().Markdown)
		if !ok {
			what = "the sentence"
			start, end = v.parsed().SentenceAt(max(s.cursor, 0))
		}
		if end <= start {
			s.fx.fail("Nothing to copy here.")
			return nil
		}
		words = v.parsed().QuoteAt(start, end).Exact
	}
	words = strings.Join(strings.Fields(sanitize.Text(words)), " ")
	if !full {
		s.fx.copyText(what, words)
		return nil
	}
	var b strings.Builder
	b.WriteString("> " + words + "\n")
	if h != nil && strings.TrimSpace(h.Note) != "" {
		b.WriteString("\n" + sanitize.Text(h.Note) + "\n")
	}
	link := fmt.Sprintf("margin://%d", v.article().ID)
	if h != nil {
		link += fmt.Sprintf("?highlight=%d", h.ID)
	}
	title := strings.NewReplacer("[", "(", "]", ")").Replace(sanitize.Line(v.article().Title))
	fmt.Fprintf(&b, "\n— [%s](%s)", title, link)
	if u := v.article().CanonicalURL; u != "" || v.article().SourceURL != "" {
		if u == "" {
			u = v.article().SourceURL
		}
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			fmt.Fprintf(&b, " ([original](%s))", u)
		}
	}
	b.WriteString("\n")
	if h != nil && strings.TrimSpace(h.Note) != "" {
		what += " with its note"
	}
	s.fx.copyText(what+" and a link back", b.String())
	return nil
}

// originalURL is where an article came from, when that is a web address.
func originalURL(a *store.Article) string {
	for _, u := range []string{a.CanonicalURL, a.SourceURL} {
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			return u
		}
	}
	return ""
}
