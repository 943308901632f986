package render

import (
	"sort"
	"strings"

	"charm.land/glamour/v2/ansi"
)

// sliceMin is the size from which RenderAt renders a window from a slice
// of the Markdown: below it, parsing the whole is cheap.
const sliceMin = 64 << 10

// renderSlice renders RenderAt's window from a slice of a long article,
// cut at blank lines where a top-level block must start, so that parsing
// costs the window and not the article (a 200,000-word article's parse is
// longer than a frame). It numbers the slice's links as the whole does,
// from the article's links when given, else by counting those before the
// slice (linksBefore); ok is false when it cannot cut safely (see
// cuttable) or the slice would be the whole.
func renderSlice(markdown string, opt Options, cfg *ansi.StyleConfig, offset, lines int) (d *Doc, ok bool, err error) {
	if len(markdown) < sliceMin || offset <= 0 || offset >= len(markdown) || !cuttable(markdown) {
		return nil, false, nil
	}
	span := max(lines, 10) * max(opt.Width, 20)
	a, b := blockCuts(markdown, max(offset-2*span, 0), offset+6*span)
	if a < 0 || a == 0 && b == len(markdown) || a > offset {
		return nil, false, nil
	}
	p := parse(markdown[a:b])
	p.notFirst = a > 0
	if !opt.InlineLinks {
		if opt.Links != nil {
			p.linkBase = sort.Search(len(opt.Links), func(i int) bool { return opt.Links[i].Offset >= a })
		} else {
			p.linkBase = linksBefore(markdown, a)
		}
		p.referenceLinks()
		p.readerMarks(opt.Width)
	}
	if len(p.tops) == 0 {
		return nil, false, nil
	}
	d, err = p.window(opt, cfg, offset-a, lines, a == 0, b == len(markdown))
	if err != nil {
		return nil, true, err
	}
	d.shift(int32(a))
	return d, true, nil
}

// shift moves every source offset the Doc maps by a (a slice's start).
func (d *Doc) shift(a int32) {
	if a == 0 {
		return
	}
	for _, r := range d.cells {
		r.shift(a)
	}
	for i := range d.lo {
		if d.lo[i] >= 0 {
			d.lo[i] += a
		}
		if d.hi[i] >= 0 {
			d.hi[i] += a
		}
	}
	for i := range d.wideOff {
		d.wideOff[i] += a
		d.wideEnd[i] += a
	}
}

// cuttable reports whether a Markdown text may be cut at eachCut's cuts:
// it has no link reference definitions, no raw HTML that may span blank
// lines, no fence indented by one to three spaces (inside a list item it
// ends with the item, not at its closing line, so eachCut would lose
// track of it), and no definition list.
func cuttable(s string) bool {
	return !hasRefDefs(s) && !hasHTMLBlocks(s) && !hasIndentedFence(s) && !hasDefinitions(s)
}

// hasDefinitions reports a definition list's definition (": text" within
// three spaces of a line start): a blank line and a term after it go on
// with the list, so a paragraph after a blank line may belong to it.
func hasDefinitions(s string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], ':')
		if j < 0 {
			return false
		}
		i += j
		k := i // back over at most three spaces to a line start
		for k > 0 && i-k < 3 && s[k-1] == ' ' {
			k--
		}
		if (k == 0 || s[k-1] == '\n') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return true
		}
	}
}

// hasIndentedFence reports a line of one to three spaces and a fence.
func hasIndentedFence(s string) bool {
	for _, f := range []string{"```", "~~~"} {
		for _, pre := range []string{" ", "  ", "   "} {
			if strings.HasPrefix(s, pre+f) || strings.Contains(s, "\n"+pre+f) {
				return true
			}
		}
	}
	return false
}

// hasHTMLBlocks reports raw HTML that may hold blank lines (comments,
// CDATA and declarations, processing instructions, pre, script, style,
// textarea): a cut could fall inside it.
func hasHTMLBlocks(s string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		rest := s[i+1:]
		if strings.HasPrefix(rest, "!") || strings.HasPrefix(rest, "?") {
			return true
		}
		for _, tag := range []string{"pre", "script", "style", "textarea"} {
			if len(rest) >= len(tag) && strings.EqualFold(rest[:len(tag)], tag) {
				return true
			}
		}
	}
}

// blockCuts returns the last safe cut at or before from and the first at
// or after to (len(s) when none), cuts as eachCut finds them. a is -1 when
// there is none before.
func blockCuts(s string, from, to int) (a, b int) {
	a, b = -1, len(s)
	if from == 0 {
		a = 0
	}
	eachCut(s, func(i int) bool {
		if i <= from {
			a = i
		}
		if i >= to {
			b = i
			return false
		}
		return true
	})
	return a, b
}

// eachCut calls yield with each safe cut of s, in order, until it returns
// false: line starts after a blank line, outside fenced code, that begin a
// paragraph or a heading (not indented, not a list item, quote, table row
// or HTML), where every reading of the Markdown starts a top-level block.
func eachCut(s string, yield func(int) bool) {
	var fence string // the open fence's marker, "" outside code
	blank := true    // the line before was blank (or the start)
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		end := len(s)
		if j >= 0 {
			end = i + j
		}
		line := s[i:end]
		trim := strings.TrimLeft(line, " ")
		indent := len(line) - len(trim)
		if fence != "" {
			// A closing fence is a run of the fence's character at least as
			// long as it, and nothing but spaces after it.
			rest := strings.TrimLeft(trim, fence[:1])
			if indent < 4 && len(trim)-len(rest) >= len(fence) && strings.Trim(rest, " \t") == "" {
				fence = ""
			}
		} else if indent < 4 && (strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~")) &&
			!(trim[0] == '`' && strings.Contains(strings.TrimLeft(trim, "`"), "`")) {
			// (A backtick fence's info string holds no backtick: a line
			// like "``` `x`" is a paragraph.)
			n := 0
			for n < len(trim) && trim[n] == trim[0] {
				n++
			}
			fence = trim[:n]
		} else if blank && safeStart(line) && !yield(i) {
			return
		}
		blank = fence == "" && strings.TrimSpace(line) == ""
		if j < 0 {
			break
		}
		i = end + 1
	}
}

// safeStart reports whether a line after a blank line starts a block no
// earlier line can be part of: a paragraph or a heading.
func safeStart(line string) bool {
	if line == "" {
		return false
	}
	switch c := line[0]; {
	case c == '#':
		return true
	case c == ' ' || c == '\t' || c == '>' || c == '|' || c == '<' || c == '-' || c == '*' || c == '+' ||
		c == '=' || c == '_' || c == ':' || c == '[' || c == '!':
		return false
	case c >= '0' && c <= '9':
		// "12. item" and "12) item" are list items.
		k := strings.IndexFunc(line, func(r rune) bool { return r < '0' || r > '9' })
		return k < 0 || k < len(line) && line[k] != '.' && line[k] != ')'
	}
	return true
}
