package render

import (
	"strings"
	"testing"
)

var hostile = []string{
	"raw \x1b[2J clear and \x1b]52;c;aGVsbG8=\a clipboard and \x1b]0;title\x07 title",
	"osc8 \x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\ done",
	"dcs \x1bP1$r0m\x1b\\ apc \x1b_payload\x1b\\ pm \x1b^x\x1b\\ sos \x1bXx\x1b\\",
	"entities &#27;[2J and &#x1b;]0;x&#7; and &#27 and &#x9b;31m and &#155;1m and &#x9c; and &#20 and &#x7f; and &#0; end",
	"tabs &Tab;x and &NewLine;y and &#9; and &#10; and &#13;",
	"c1 raw \u009b31m and \u0090q\u009c and \u0085 next",
	"code span `&#27;[2J &#x1b;]52;c;x&#7;` and `\x1b[31m`",
	"```\n\x1b[2J &#27;[2J\n\u009b2J\n```",
	"[link](javascript:alert(1)) [x](http://a&#27;b/) [y](&#x1b;http://evil) <javascript:x> [z](data:text/html,x)",
	"![alt &#27;[2J](http://x/&#x9b;.png) ![&#x1b;](file:///etc/passwd)",
	"<b>&#27;[31m</b> <div>&#x1b;]52;c;x&#7;</div>\n\n<div>\n&#27;[2J\n</div>",
	"# &#27;]0;evil title&#7; heading\n\n## \x1b[5m blink",
	"| a &#27;[2J | b |\n|---|---|\n| &#x1b;]8;;http://x&#7;c | \u009b2J |",
	"&&#27;#27; &#2&#27;7; &\x01#27; \\&#27; &amp;#27;",
	"[ref]\n\n[ref]: http://ok.example/&#27;[2J",
	"term\n: definition &#27;[2J",
	"- [ ] task &#x1b;[2J\n- [x] done",
	"bidi \u202e override \u2066 isolate and zero\u200bwidth",
	"invalid utf8 \xff\xfe\xc3 and NUL \x00 byte",
	"&#x1b&#x5b;2J &#X1B; &#0027; &#00000027; &#x0000001b;",
}

func TestHostileMarkdownIsSafe(t *testing.T) {
	for i, md := range hostile {
		for _, w := range []int{20, 40, 80} {
			for _, st := range []string{"dark", "light"} {
				d, err := Render(md, Options{Width: w, Style: st})
				if err != nil {
					t.Fatalf("case %d: %v", i, err)
				}
				for l, line := range d.Lines {
					if !SafeLine(line) {
						t.Errorf("case %d width %d %s: line %d unsafe: %q", i, w, st, l, line)
					}
					if strings.ContainsAny(d.Text(l), "\x1b\x07\u009b\u009c") {
						t.Errorf("case %d: plain text holds a control: %q", i, d.Text(l))
					}
				}
				for _, line := range d.Paint(0, len(d.Lines), []Mark{{Start: 0, End: len(md), Style: MarkStyle{SGR: "\x1b[48;5;58m"}}}, 3, "") {
					if !SafeLine(line) {
						t.Errorf("case %d: painted line unsafe: %q", i, line)
					}
				}
			}
		}
	}
}

// The validator itself must reject what it is meant to reject.
func TestSafeLine(t *testing.T) {
	good := []string{
		"plain", "\x1b[38;5;252mtext\x1b[m", "\x1b[0m", "\x1b[1;3;4m",
		"\x1b]8;id=1;https://example.com\a link \x1b]8;;\a",
		"\x1b]8;;mailto:a@b.c\x1b\\m\x1b]8;;\x1b\\", "日本 👍🏽",
	}
	bad := []string{
		"\x1b[2J", "\x1b[H", "\x1b]0;t\a", "\x1b]52;c;eA==\a", "\x1b]8;;javascript:x\a",
		"\x1b]8;;file:///etc\a", "\x1bP1$r\x1b\\", "\x1b_x\x1b\\", "\x1b7", "\x1bc",
		"a\u009b31m", "\a", "\x00", "x\ty", "\x1b[31", "\x1b]8;;http://x", "\xff",
		"\x1b]8;;http://a\u009cb\a",
	}
	for _, s := range good {
		if !SafeLine(s) {
			t.Errorf("SafeLine(%q) = false, want true", s)
		}
	}
	for _, s := range bad {
		if SafeLine(s) {
			t.Errorf("SafeLine(%q) = true, want false", s)
		}
	}
}

// Offsets of the cleaned input must still point into the caller's text.
func TestCleanInputOffsets(t *testing.T) {
	md := "a\x1b[2Jb &#27;c \u009bd\r\ne &#x9b;f"
	clean, tr := cleanInput(md)
	if strings.ContainsAny(string(clean), "\x1b\u009b\r") {
		t.Fatalf("clean input holds controls: %q", clean)
	}
	for _, r := range "abcdef" {
		ci := strings.IndexRune(string(clean), r)
		oi := strings.IndexRune(md, r)
		if got := tr.orig(ci); got != oi {
			t.Errorf("%c: clean offset %d maps to %d, want %d", r, ci, got, oi)
		}
	}
	d, err := Render(md, Options{Width: 40})
	if err != nil {
		t.Fatal(err)
	}
	for l := range d.Lines {
		for _, g := range lineGlyphs(d.Text(l)) {
			o := d.Offset(l, g.col)
			if o >= 0 && strings.Contains("abcdef", g.s) && md[o:o+1] != g.s {
				t.Errorf("glyph %q maps to %q", g.s, md[o:o+1])
			}
		}
	}
}
