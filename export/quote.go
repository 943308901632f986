package export

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"margin/render"
	"margin/sanitize"
	"margin/store"
)

// blockQuotes returns, for each highlight whose passage crosses a list, a
// table or a code block, or lies in code, its quote written with those
// blocks (list items, table rows, a fenced code block), and "" for the
// others, which blockquote writes as paragraphs. Only a passage still
// where it was highlighted, reading as it did, is quoted from the
// article's blocks.
func blockQuotes(md string, hs []store.Highlight) []string {
	out := make([]string, len(hs))
	var at []int
	var rs [][2]int
	var oneLine []bool
	code := strings.Contains(md, "```") || strings.Contains(md, "~~~") || strings.Contains(md, "\n    ")
	for i, h := range hs {
		if h.Orphan || h.Start < 0 || h.End > len(md) || h.Start >= h.End ||
			h.Original != "" && h.Original != h.Exact {
			continue
		}
		// A passage within one line of the source lies in one block:
		// only a line of code is quoted as its block.
		one := !strings.Contains(md[h.Start:h.End], "\n")
		if one && !code {
			continue
		}
		at = append(at, i)
		rs = append(rs, [2]int{h.Start, h.End})
		oneLine = append(oneLine, one)
	}
	if len(rs) == 0 {
		return out
	}
	for k, bs := range render.QuoteBlocks(md, rs) {
		h := hs[at[k]]
		texts := make([]string, len(bs))
		plain := true
		for j, b := range bs {
			texts[j] = b.Text
			plain = plain && b.Kind == render.BlockText
		}
		if plain || strings.Join(texts, "\n\n") != h.Exact || oneLine[k] && (len(bs) != 1 || bs[0].Kind != render.BlockCode) {
			continue
		}
		out[at[k]] = quoteBlocks(bs)
	}
	return out
}

// quoteBlocks writes a passage's blocks as one Markdown blockquote: text
// as blockquote writes it, list items with their markers, table cells as
// rows of a table (with empty column names when the passage starts below
// the header), and code verbatim in a fence longer than any backtick run
// inside it.
func quoteBlocks(bs []render.QuoteBlock) string {
	var parts []string // blocks, parted by a blank line
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		switch b.Kind {
		case render.BlockItem:
			j := i
			for j < len(bs) && bs[j].Kind == render.BlockItem {
				j++
			}
			parts = append(parts, list(bs[i:j]))
			i = j - 1
		case render.BlockCell:
			j := i
			for j < len(bs) && bs[j].Kind == render.BlockCell && bs[j].Group == b.Group {
				j++
			}
			parts = append(parts, table(bs[i:j]))
			i = j - 1
		case render.BlockCode:
			parts = append(parts, fenced(sanitize.Text(b.Text)))
		default:
			parts = append(parts, markdownLines(b.Text))
		}
	}
	lines := strings.Split(strings.Join(parts, "\n\n"), "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// markdownLines writes plain text as Markdown, escaped, its line breaks
// Markdown's line breaks.
func markdownLines(text string) string {
	lines := strings.Split(escapeText(sanitize.Text(text)), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \t")
	}
	return strings.Join(lines, "  \n")
}

// list writes list items with their markers. An item's level is its depth
// below the passage's first item, at most one below the item before it,
// and it is indented to the text of the item it is under, so a passage
// starting in a nested item neither indents into a code block nor loses
// its nesting. A later paragraph of an item follows a blank line at its
// item's text; one the passage starts in is written as a paragraph.
func list(bs []render.QuoteBlock) string {
	var b strings.Builder
	var cols []int // the text column of the last item at each level
	level := 0
	for i, x := range bs {
		if i > 0 {
			level = min(max(x.Depth-bs[0].Depth, 0), len(cols))
		}
		indent := 0
		if level > 0 {
			indent = cols[level-1]
		}
		if !x.First {
			if level < len(cols) {
				indent = cols[level]
			}
			if i > 0 {
				b.WriteString("\n\n")
			}
			pad := strings.Repeat(" ", indent)
			b.WriteString(pad + strings.ReplaceAll(markdownLines(x.Text), "\n", "\n"+pad))
			continue
		}
		marker := "- "
		if x.Number > 0 {
			marker = strconv.Itoa(x.Number) + ". "
		}
		switch {
		case i > 0 && x.Number > 1 && x.Group != bs[i-1].Group:
			// An ordered list starting past 1 cannot interrupt a
			// paragraph: it would read as the item's text.
			b.WriteString("\n\n")
		case i > 0:
			b.WriteString("\n")
		}
		cols = append(cols[:level], indent+len(marker))
		pad := strings.Repeat(" ", indent+len(marker))
		b.WriteString(strings.Repeat(" ", indent) + marker + strings.ReplaceAll(markdownLines(x.Text), "\n", "\n"+pad))
	}
	return b.String()
}

// table writes cells of one table as a Markdown table, row by row; cells
// the passage does not reach are empty.
func table(cells []render.QuoteBlock) string {
	cols := 0
	rows := map[int][]string{}
	var order []int
	for _, c := range cells {
		cols = max(cols, c.Cols)
		if _, ok := rows[c.Row]; !ok {
			order = append(order, c.Row)
		}
		r := rows[c.Row]
		for len(r) <= c.Col {
			r = append(r, "")
		}
		r[c.Col] = escapeText(oneLine(sanitize.Text(c.Text)))
		rows[c.Row] = r
	}
	slices.SortFunc(order, cmp.Compare)
	row := func(cs []string) string {
		for len(cs) < cols {
			cs = append(cs, "")
		}
		return "| " + strings.Join(cs, " | ") + " |"
	}
	var b strings.Builder
	if order[0] == 0 {
		b.WriteString(row(rows[0]))
		order = order[1:]
	} else {
		b.WriteString(row(nil))
	}
	b.WriteString("\n|")
	b.WriteString(strings.Repeat(" --- |", cols))
	for _, r := range order {
		b.WriteString("\n")
		b.WriteString(row(rows[r]))
	}
	return b.String()
}

// fenced writes code in a fence of backticks longer than any run of
// backticks inside it, so nothing in the code can close it.
func fenced(code string) string {
	n, run := 3, 0
	for _, r := range code {
		if r == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", n)
	return f + "\n" + strings.TrimRight(code, "\n") + "\n" + f
}
