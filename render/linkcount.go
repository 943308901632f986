package render

import "strings"

// linksBefore counts the links Text.Links lists in markdown[:a], a being a
// cut of blockCuts, without parsing all of it: a run of blocks between two
// cuts whose only link syntax is plain [text](http…) links is counted by
// eye (linkRun); any other run is parsed alone, as renderSlice parses its
// slice, which gives the count the whole parse gives when the article is
// cuttable (renderSlice's condition). Reopening a 200,000-word article two thirds
// in needs the number of the first link on screen, and the whole parse
// takes several frames.
func linksBefore(markdown string, a int) int {
	n := 0
	parseFrom := -1 // start of the runs waiting to be parsed together
	flush := func(end int) {
		if parseFrom >= 0 {
			links, _ := parse(markdown[parseFrom:end]).links()
			n += len(links)
			parseFrom = -1
		}
	}
	prev := 0
	run := func(c int) {
		if c <= prev {
			return
		}
		if k, ok := linkRun(markdown[prev:c]); ok {
			flush(prev)
			n += k
		} else if parseFrom < 0 {
			parseFrom = prev
		}
		prev = c
	}
	eachCut(markdown[:a], func(c int) bool { run(c); return true })
	run(a)
	flush(a)
	return n
}

// linkRun counts the links of a run of whole top-level blocks when every
// bracket in it is a plain inline link, [text](http://…) with simple text
// and address; ok is false when anything could make or unmake a link that
// a glance cannot tell: other brackets, images, code, escapes, autolinks
// and raw HTML, and addresses or e-mail addresses GFM would linkify.
func linkRun(s string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		if !linkByte[s[i]] {
			continue // most bytes: the loop is the cost of a reopen
		}
		switch c := s[i]; {
		case c == '[':
			end, ok := plainLink(s, i)
			if !ok {
				return 0, false
			}
			n++
			i = end - 1
		case risky(s, i):
			return 0, false
		}
	}
	if n > 0 && mayHoldCode(s) {
		return 0, false
	}
	return n, true
}

// plainLink reports whether s[i:] starts with [text](address) where the
// text is plain words and the address an http(s) one of plain characters,
// and returns the end of it.
func plainLink(s string, i int) (end int, ok bool) {
	if i > 0 && s[i-1] == '!' {
		return 0, false // an image
	}
	word := false
	j := i + 1
	for ; j < len(s) && s[j] != ']'; j++ {
		c := s[j]
		if c == '[' || c == '\n' || c == '|' || risky(s, j) {
			return 0, false
		}
		word = word || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	if !word || j+1 >= len(s) || s[j+1] != '(' {
		return 0, false
	}
	u := j + 2
	l := strings.ToLower(s[u:min(u+8, len(s))])
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return 0, false
	}
	for k := u; k < len(s); k++ {
		c := s[k]
		if c == ')' {
			return k + 1, k > u
		}
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>[]\\`|\"'&", c) >= 0 {
			return 0, false
		}
	}
	return 0, false
}

// linkByte marks the bytes linkRun looks at: '[' and those risky checks.
var linkByte = func() (t [256]bool) {
	for _, c := range []byte("[]<\\`@:.") {
		t[c] = true
	}
	return t
}()

// risky reports whether the byte at i may take part in link syntax other
// than a plain inline link's: brackets, angle brackets, backslashes, code
// spans, e-mail addresses, and the "http:", "https:", "ftp:" and "www."
// that GFM turns into links (checked loosely: "…p:", "…s:", "www.").
func risky(s string, i int) bool {
	switch s[i] {
	case ']', '<', '\\', '`', '@':
		return true
	case ':':
		if i > 0 {
			switch s[i-1] | 0x20 {
			case 'p', 's':
				return true
			}
		}
	case '.':
		return i >= 3 && strings.EqualFold(s[i-3:i], "www")
	}
	return false
}

// mayHoldCode reports whether a run may hold a code block, whose text
// holds no links: a fence, or four spaces or a tab anywhere (after a list
// marker or a quote's '>' they indent code too).
func mayHoldCode(s string) bool {
	return strings.Contains(s, "```") || strings.Contains(s, "~~~") ||
		strings.Contains(s, "    ") || strings.Contains(s, "\t")
}
