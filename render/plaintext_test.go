package render

import (
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	md := "# Title\n\nFirst *para*\nsoft &amp; [link](http://x.test/?a=1&amp;b=2).\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| c | d |\n\n```\ncode &lt; &#27;\n\nmore\n```\n"
	pt := NewPlainText(md)
	want := "Title\nFirst para soft & link.\none\ntwo\na\nb\nc\nd\ncode < \uFFFD\n\nmore"
	if pt.Text != want {
		t.Fatalf("plain text\n got %q\nwant %q", pt.Text, want)
	}
	for _, q := range []string{"para", "soft &amp; [link", "two", "d |", "more"} {
		s := strings.Index(md, q)
		a, b, ok := pt.Span(s, s+len(q))
		if !ok {
			t.Fatalf("%q: no span", q)
		}
		got := pt.Text[a:b]
		wantq := map[string]string{"para": "para", "soft &amp; [link": "soft & link", "two": "two", "d |": "d", "more": "more"}[q]
		if got != wantq {
			t.Errorf("Span(%q) = %q, want %q", q, got, wantq)
		}
	}
	if _, _, ok := pt.Span(3, 3); ok {
		t.Error("empty range has a span")
	}
}

func TestVerbatimRanges(t *testing.T) {
	md := "a `b ^x` c\n\n```\n100%%\n```\n\nd %% e <http://x.test/?a==b>\n"
	var got []string
	for _, r := range VerbatimRanges(md) {
		got = append(got, md[r[0]:r[1]])
	}
	if strings.Join(got, "|") != "`b ^x`|100%%|<http://x.test/?a==b>" {
		t.Errorf("code ranges %q", got)
	}
}

func TestMarkSpans(t *testing.T) {
	md := "Before [a link text](http://x.test/) after, and **bold words** end `co de` z.\n"
	cut := func(from, to string) [2]int {
		s := strings.Index(md, from)
		e := strings.Index(md, to) + len(to)
		return [2]int{s, e}
	}
	for _, c := range []struct {
		r    [2]int
		want string
	}{
		// Ends inside a link: the mark closes inside the link text.
		{cut("Before", "a link"), "Before|a link"},
		// Starts inside emphasis and ends after it.
		{cut("words", "end"), "words|end"},
		// Touches a code span: the span is taken whole.
		{cut("end", "co"), "end|`co de`"},
	} {
		var got []string
		for _, s := range MarkSpans(md, [][2]int{c.r}) {
			got = append(got, md[s[0]:s[1]])
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("MarkSpans(%q) = %q, want %q", md[c.r[0]:c.r[1]], got, c.want)
		}
	}
}
