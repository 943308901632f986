package cli

// End-to-end proofs of issue 7's terminal-safety and fetch promises: a
// hostile article goes in through every door (a loopback URL, a local file,
// pasted text) and every command that prints it is checked byte by byte.
// See ../shared/docs/security.md for why each payload is here.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"margin/reader"
)

// runCtx runs one CLI command in-process with ctx and returns the raw bytes
// it wrote.
func runCtx(ctx context.Context, db, stdin string, args ...string) (stdout, stderr []byte, err error) {
	var o, e bytes.Buffer
	err = run(ctx, append(args, "--db", db), strings.NewReader(stdin), &o, &e)
	return o.Bytes(), e.Bytes(), err
}

// mustBytes runs a command that has to succeed and returns its stdout.
func mustBytes(t *testing.T, db string, args ...string) []byte {
	t.Helper()
	out, errOut, err := runCtx(context.Background(), db, "", args...)
	if err != nil {
		t.Fatalf("margin %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// ---------------------------------------------------------------------------
// The validator.

// illegalSequence scans output meant for a terminal and describes the first
// thing in it that is neither text, newline, tab, an SGR sequence
// (ESC [ digits;: m) nor an OSC 8 hyperlink whose target is empty (the
// closing half) or http, https or mailto. It also refuses invalid UTF-8,
// C1 controls (U+0080-U+009F: U+009B is a one-character CSI) and the bidi
// overrides and isolates. "" means the bytes are safe.
//
// It is written independently of render.SafeLine on purpose: a test that
// reused the code under test would pass whatever that code did.
func illegalSequence(b []byte) string {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == 0x1b:
			n, why := escapeLen(b[i:])
			if why != "" {
				return describeAt(b, i, why)
			}
			i += n
		case c == '\n' || c == '\t':
			i++
		case c < 0x20 || c == 0x7f:
			return describeAt(b, i, fmt.Sprintf("control byte 0x%02x", c))
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				return describeAt(b, i, fmt.Sprintf("invalid UTF-8 byte 0x%02x", c))
			case r >= 0x80 && r <= 0x9f:
				return describeAt(b, i, fmt.Sprintf("C1 control U+%04X", r))
			case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
				return describeAt(b, i, fmt.Sprintf("bidi override U+%04X", r))
			}
			i += n
		}
	}
	return ""
}

// escapeLen measures the allowed escape sequence at the start of b, or says
// why it is not allowed.
func escapeLen(b []byte) (int, string) {
	if len(b) < 2 {
		return 0, "ESC at the end of the output"
	}
	switch b[1] {
	case '[':
		j := 2
		for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] == ';' || b[j] == ':') {
			j++
		}
		if j < len(b) && b[j] == 'm' {
			return j + 1, ""
		}
		return 0, "CSI sequence that is not SGR"
	case ']':
		end, term := -1, 0
		for j := 2; j < len(b); j++ {
			if b[j] == 0x07 {
				end, term = j, 1
				break
			}
			if b[j] == 0x1b {
				if j+1 < len(b) && b[j+1] == '\\' {
					end, term = j, 2
				}
				break
			}
		}
		if end < 0 {
			return 0, "unterminated OSC sequence"
		}
		body := string(b[2:end])
		if !strings.HasPrefix(body, "8;") {
			return 0, "OSC sequence other than a hyperlink"
		}
		params, target, ok := strings.Cut(body[2:], ";")
		if !ok {
			return 0, "malformed OSC 8"
		}
		for _, r := range params + target {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == utf8.RuneError {
				return 0, "control character inside OSC 8"
			}
		}
		if target != "" && !allowedTarget(target) {
			return 0, "OSC 8 hyperlink to a scheme other than http, https or mailto"
		}
		return end + term, ""
	}
	return 0, fmt.Sprintf("escape sequence ESC %q", b[1])
}

// allowedTarget reports whether a link target is http, https or mailto.
func allowedTarget(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

func describeAt(b []byte, i int, why string) string {
	lo, hi := max(0, i-30), min(len(b), i+30)
	return fmt.Sprintf("%s at byte %d: …%q…", why, i, b[lo:hi])
}

// checkJSONStrings decodes JSON output and validates every string in it:
// escapes like \u001b keep the raw bytes clean but a consumer would decode
// them back into a live ESC. (Values are plain text, not HTML, so a literal
// "&#27;" in a pasted title is the text the user pasted, not an escape.)
func checkJSONStrings(t *testing.T, what string, out []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", what, err, out)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case string:
			if bad := illegalSequence([]byte(x)); bad != "" {
				t.Errorf("%s: decoded value %s: %s", what, path, bad)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case map[string]any:
			for k, e := range x {
				walk(path+"."+k, e)
			}
		}
	}
	walk("$", v)
}

// TestSafetyValidatorCatchesPayloads proves the validator can fail: each
// payload the hostile page carries is refused, and the renderer's own
// output shapes are accepted.
func TestSafetyValidatorCatchesPayloads(t *testing.T) {
	bad := map[string]string{
		"raw ESC CSI 2J":    "a\x1b[2Jb",
		"BEL":               "a\x07b",
		"OSC 52 clipboard":  "\x1b]52;c;SGVsbG8=\x07",
		"OSC 0 title":       "\x1b]0;pwned\x1b\\",
		"DCS":               "\x1bP1$qm\x1b\\",
		"APC":               "\x1b_payload\x1b\\",
		"C1 CSI U+009B":     "a\u009b2Jb",
		"raw 8-bit CSI":     "a\x9b2Jb",
		"NUL":               "a\x00b",
		"CR":                "a\rb",
		"DEL":               "a\x7fb",
		"U+0014":            "a\x14b",
		"RLO":               "a\u202eb",
		"OSC 8 javascript":  "\x1b]8;;javascript:alert(1)\x1b\\x\x1b]8;;\x1b\\",
		"OSC 8 with ESC":    "\x1b]8;;https://a.example/\x1b[2J\x1b\\",
		"SGR with letters":  "\x1b[3;xm",
		"cursor movement":   "\x1b[10;10H",
		"device status ask": "\x1b[6n",
		"ESC c (reset)":     "\x1bc",
		"unterminated OSC":  "\x1b]8;;https://a.example",
	}
	for name, s := range bad {
		if illegalSequence([]byte(s)) == "" {
			t.Errorf("validator accepted %s: %q", name, s)
		}
	}
	// The TUI check must catch every raw payload too, and let bubbletea's
	// own sequences and margin's window title through.
	for _, item := range strings.Split(payload("V"), " ") {
		if strings.ContainsAny(item, "\x1b\x07\u009b") && tuiHostileSeq([]byte("x"+item+"y")) == "" {
			t.Errorf("TUI check accepted %q", item)
		}
	}
	for _, s := range []string{
		"\x1b[?1049h\x1b[?25l\x1b[2J\x1b[H\x1b[38;5;252mtext ZQ\x1b[m\x1b[K\r\n",
		"\x1b]11;?\x07\x1b[?2004h\x1b]2;margin · Hostile ]0;ZQTOSC0\x07\x1b]2;\x07",
		"\x1b]8;id=1;https://evil.example/%1B]52;c;ZQ\x1b\\link\x1b]8;;\x1b\\",
	} {
		if bad := tuiHostileSeq([]byte(s)); bad != "" {
			t.Errorf("TUI check refused bubbletea's own %q: %s", s, bad)
		}
	}

	good := []string{
		"plain text\n\ttabbed",
		"\x1b[1m\x1b[38;5;252mbold\x1b[0m",
		"\x1b[38:2::255:0:0mred\x1b[m",
		"\x1b]8;;https://example.org/a?b=c\x1b\\link\x1b]8;;\x1b\\",
		"\x1b]8;id=1;mailto:a@example.org\alink\x1b]8;;\a",
		"émoji 👩‍💻 and 中文",
	}
	for _, s := range good {
		if bad := illegalSequence([]byte(s)); bad != "" {
			t.Errorf("validator refused %q: %s", s, bad)
		}
	}
}

// ---------------------------------------------------------------------------
// The hostile article.

// payload is every way the page tries to reach the terminal, tagged with
// tag so tests can find what is left of it. Raw controls and character
// references are mixed, since glamour decodes &#27; (and &#27 without the
// semicolon) into a live ESC.
func payload(tag string) string {
	return strings.Join([]string{
		"\x1b]0;ZQ" + tag + "OSC0\x07",      // window title
		"\x1b]52;c;ZQ" + tag + "CLIP\x07",   // clipboard write
		"\x1b[2JZQ" + tag + "CLEAR",         // clear screen
		"\x07ZQ" + tag + "BEL",              // bell
		"\u009b2JZQ" + tag + "C1",           // C1 CSI
		"\x1bP1$qmZQ" + tag + "DCS\x1b\\",   // DCS (DECRQSS: the reply lands on input)
		"\x1b_ZQ" + tag + "APC\x1b\\",       // APC
		"&#27;]52;c;ZQ" + tag + "ECLIP&#7;", // entity OSC 52
		"&#27]0;ZQ" + tag + "ETITLE&#7",     // no semicolons
		"&#x1b;[2JZQ" + tag + "HEX",         // hex entity
		"&#X1B;[31mZQ" + tag + "HEXU",       // upper-case hex entity
		"&amp;#27;[5mZQ" + tag + "AMP",      // double-encoded: must stay literal text
		"&#x9b;2JZQ" + tag + "EC1",          // C1 by entity
		"&#155;31mZQ" + tag + "DC1",         // C1 by decimal entity
		"&#20ZQ" + tag + "DC4",              // the fuzzer's U+0014
		"&#0;ZQ" + tag + "NUL",              // NUL by entity (becomes U+FFFD)
		"\u202eZQ" + tag + "RLO\u202c",      // bidi override
		"\x1b[6nZQ" + tag + "DSR",           // device status query
		"\x1b]8;;javascript:alert(1)\x07ZQ" + tag + "OSC8\x1b]8;;\x07",
	}, " ")
}

// hostileHTML is an article long enough for readability to keep, with the
// payload in the title, byline, site name, body, alt text, link targets,
// a code span and a code block.
func hostileHTML() string {
	attr := func(s string) string { return strings.ReplaceAll(s, `"`, "&quot;") }
	filler := "Readers who save long essays want to return to them later, and they trust the tool that keeps them not to turn a stranger's page into commands for their terminal. "
	return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Hostile ZQTITLE ` + payload("T") + ` Article</title>
<meta name="author" content="` + attr("Mallory ZQBYLINE "+payload("A")) + `">
<meta property="og:site_name" content="` + attr("Evil ZQSITE "+payload("S")) + `">
</head><body><article>
<h1>Hostile ZQTITLE ` + payload("H") + ` Article</h1>
<p>` + filler + `ZQBODY ` + payload("B") + ` The paragraph goes on as an ordinary article would, explaining its argument at length so that extraction keeps it.</p>
<p><img src="https://img.example/a.png" alt="` + attr("ZQALT "+payload("I")) + `"> ` + filler + `</p>
<p>Links of every kind: <a href="javascript:alert(1)">ZQJSLINK</a>, <a href=" JaVaScRiPt:alert(2)">ZQJSCASE</a>,
<a href="java&#x09;script:alert(3)">ZQJSTAB</a>, <a href="data:text/html;base64,PHNjcmlwdD4=">ZQDATALINK</a>,
<a href="vbscript:msgbox(1)">ZQVBLINK</a>, <a href="file:///etc/passwd">ZQFILELINK</a>,
<a href="https://evil.example/` + "\x1b]52;c;ZQHREFCLIP\x07" + `/x">ZQESCLINK</a>,
<a href="https://evil.example/&#27;]0;ZQHREFENT&#7;/y">ZQENTLINK</a>,
<a href="mailto:someone@example.org">ZQMAILLINK</a> and <a href="https://good.example/page?a=1&amp;b=2">ZQGOODLINK</a>. ` + filler + `</p>
<p>Inline code: <code>ZQCODESPAN ` + payload("D") + `</code> in the middle of a sentence. ` + filler + `</p>
<pre><code>ZQCODEBLOCK ` + payload("C") + `
second line of code
</code></pre>
<p>` + filler + filler + `The essay closes with a final, ordinary paragraph of prose.</p>
</article></body></html>`
}

// hostileText is pasted text with raw controls (entities mean nothing in
// text, so they must come through as literal characters).
func hostileText() string {
	return "A Pasted ZQPTITLE " + payload("P") + " Essay\n\n" +
		"Pasted text arrives from the clipboard, and ZQPBODY " + payload("Q") + " it can carry anything a web page could, including escapes that a terminal would obey if they reached it unchanged.\n\n" +
		"A second paragraph keeps the article long enough to be an article at all, with a few more ordinary sentences about reading, notes and the habit of keeping them.\n\n" +
		"A third paragraph ends it, so the text has a beginning, a middle and an end like any pasted essay would.\n"
}

// hostileLibrary adds the hostile page from a loopback server, a local file
// and pasted text, highlights a hostile passage with a hostile note, and
// returns the database and the three article ids.
func hostileLibrary(t *testing.T) (db string, ids []string) {
	t.Helper()
	page := hostileHTML()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	db = filepath.Join(dir, "lib.db")
	file := filepath.Join(dir, "hostile.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{srv.URL + "/hostile", file} {
		out := mustBytes(t, db, "add", src)
		checkBytes(t, "add "+src, out)
		ids = append(ids, savedID(t, string(out)))
	}
	out, errOut, err := runCtx(context.Background(), db, hostileText(), "add", "-")
	if err != nil {
		t.Fatalf("add - (pasted): %v %s", err, errOut)
	}
	checkBytes(t, "add -", out)
	ids = append(ids, savedID(t, string(out)))

	// A highlight on the hostile paragraph, with a hostile note.
	for i, id := range ids {
		quote := "ZQBODY"
		if i == 2 {
			quote = "ZQPBODY"
		}
		out := mustBytes(t, db, "highlight", id, "--quote", quote, "--label", "claim", "--note", "note "+payload("N")+" &#27;]52;c;ZQNOTE&#7;")
		checkBytes(t, "highlight", out)
	}
	return db, ids
}

// checkBytes fails the test when out holds anything but text, SGR and
// allowed hyperlinks.
func checkBytes(t *testing.T, what string, out []byte) {
	t.Helper()
	if bad := illegalSequence(out); bad != "" {
		t.Errorf("%s: %s", what, bad)
	}
}

// checkNoEntityControls fails when Markdown holds a character reference
// that a later renderer would decode into a control character.
func checkNoEntityControls(t *testing.T, what string, md []byte) {
	t.Helper()
	if bad := illegalSequence([]byte(html.UnescapeString(string(md)))); bad != "" {
		t.Errorf("%s: an entity decodes to a control: %s", what, bad)
	}
}

// mdLinkRE finds Markdown link and image destinations and autolinks.
var mdLinkRE = regexp.MustCompile(`\]\(\s*<?([^)\s>]*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>`)

// mdRefDefRE finds reference link definitions ("[x]: target").
var mdRefDefRE = regexp.MustCompile(`(?m)^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)`)

// checkMarkdownLinks fails when stored Markdown links to anything but
// http, https or mailto.
func checkMarkdownLinks(t *testing.T, what string, md []byte) {
	t.Helper()
	for _, m := range mdLinkRE.FindAllSubmatch(md, -1) {
		target := string(m[1]) + string(m[2])
		if target != "" && !allowedTarget(html.UnescapeString(target)) {
			t.Errorf("%s: Markdown links to %q", what, target)
		}
	}
	for _, m := range mdRefDefRE.FindAllSubmatch(md, -1) {
		if target := string(m[1]); !allowedTarget(html.UnescapeString(target)) {
			t.Errorf("%s: Markdown link definition to %q", what, target)
		}
	}
}

// TestSafetyHostileArticleCLI adds the hostile page three ways and checks
// the raw bytes of every command that prints article text.
func TestSafetyHostileArticleCLI(t *testing.T) {
	db, ids := hostileLibrary(t)

	list := mustBytes(t, db, "list")
	checkBytes(t, "list", list)
	if !bytes.Contains(list, []byte("ZQTITLE")) && !bytes.Contains(list, []byte("Hostile")) {
		t.Errorf("list does not show the hostile title at all:\n%s", list)
	}
	js := mustBytes(t, db, "list", "--format", "json")
	checkBytes(t, "list --format json", js)
	checkJSONStrings(t, "list --format json", js)

	search := mustBytes(t, db, "search", "ZQBODY")
	checkBytes(t, "search", search)
	if !bytes.Contains(search, []byte("ZQBODY")) {
		t.Errorf("search found no hostile article:\n%s", search)
	}
	checkBytes(t, "search (pasted)", mustBytes(t, db, "search", "ZQPBODY"))

	hl := mustBytes(t, db, "highlights")
	checkBytes(t, "highlights", hl)
	if got := bytes.Count(hl, []byte("ZQ")); got == 0 {
		t.Errorf("highlights lists none of the hostile highlights:\n%s", hl)
	}
	hj := mustBytes(t, db, "highlights", "--format", "json")
	checkBytes(t, "highlights --format json", hj)
	checkJSONStrings(t, "highlights --format json", hj)

	for i, id := range ids {
		name := []string{"url", "file", "pasted"}[i]
		md := mustBytes(t, db, "show", id, "--markdown")
		checkBytes(t, name+": show --markdown", md)
		checkNoEntityControls(t, name+": show --markdown", md)
		checkMarkdownLinks(t, name+": show --markdown", md)
		for _, style := range []string{"dark", "light"} {
			out := mustBytes(t, db, "show", id, "--style", style, "--width", "72")
			checkBytes(t, name+": show --style "+style, out)
			if !bytes.Contains(out, []byte("ZQ")) {
				t.Errorf("%s: show lost the hostile text entirely:\n%s", name, out)
			}
		}
		for _, f := range []string{"markdown", "json"} {
			out := mustBytes(t, db, "export", id, "--format", f)
			checkBytes(t, name+": export --format "+f, out)
			if f == "json" {
				checkJSONStrings(t, name+": export --format json", out)
			} else {
				// The YAML front matter holds plain strings; the body is Markdown.
				body := out
				if rest, ok := bytes.CutPrefix(out, []byte("---\n")); ok {
					if _, after, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
						body = after
					}
				}
				checkNoEntityControls(t, name+": export", body)
			}
			full := mustBytes(t, db, "export", id, "--format", f, "--full")
			checkBytes(t, name+": export --full --format "+f, full)
		}
		// Files written by export hold the same bytes.
		dir := t.TempDir()
		mustBytes(t, db, "export", id, "-o", dir)
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		if len(files) == 0 {
			t.Errorf("%s: export -o wrote no file", name)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkBytes(t, name+": exported file "+filepath.Base(f), b)
			checkBytes(t, name+": exported file name", []byte(filepath.Base(f)))
		}
	}
}

// TestSafetyLinksOnlyWebAndMail checks that only http, https and mailto
// reach the stored Markdown as links and the screen as OSC 8 hyperlinks,
// and that those do (so the test is not passing by dropping every link).
func TestSafetyLinksOnlyWebAndMail(t *testing.T) {
	db, ids := hostileLibrary(t)
	md := mustBytes(t, db, "show", ids[0], "--markdown")
	checkMarkdownLinks(t, "stored Markdown", md)
	for _, want := range []string{"https://good.example/page", "mailto:someone@example.org"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("an allowed link was dropped: %q not in\n%s", want, md)
		}
	}
	// Every dropped link keeps its text.
	for _, text := range []string{"ZQJSLINK", "ZQJSCASE", "ZQJSTAB", "ZQDATALINK", "ZQVBLINK", "ZQFILELINK"} {
		if !bytes.Contains(md, []byte(text)) {
			t.Errorf("the text of a refused link was lost: %s", text)
		}
	}
	out := mustBytes(t, db, "show", ids[0], "--width", "100")
	checkBytes(t, "show", out)
	osc8 := regexp.MustCompile("\x1b\\]8;[^;\x07\x1b]*;([^\x07\x1b]*)")
	for _, m := range osc8.FindAllSubmatch(out, -1) {
		if u := string(m[1]); u != "" && !allowedTarget(u) {
			t.Errorf("show emits a hyperlink to %q", u)
		}
	}
}

// ---------------------------------------------------------------------------
// The TUI.

// tuiHostileSeq scans what margin wrote to a pseudo-terminal. bubbletea
// drives the terminal with its own CSI and OSC sequences (cursor movement,
// alt screen, mouse modes, colour queries), so the test is not "SGR only"
// but: no escape sequence carries any part of the article (every payload
// is tagged ZQ), no DCS, APC, PM or SOS string, no OSC 52 or title change,
// no C1 control, and BEL only as an OSC terminator.
func tuiHostileSeq(b []byte) string {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == 0x1b && i+1 < len(b):
			var seq []byte
			switch b[i+1] {
			case '[':
				j := i + 2
				for j < len(b) && (b[j] < 0x40 || b[j] > 0x7e) {
					j++
				}
				seq = b[i:min(j+1, len(b))]
			case ']':
				j := i + 2
				for j < len(b) && b[j] != 0x07 && b[j] != 0x1b {
					j++
				}
				end := j + 1
				if j < len(b) && b[j] == 0x1b {
					end = j + 2
				}
				seq = b[i:min(end, len(b))]
				body := string(seq[2:])
				switch {
				case strings.HasPrefix(body, "52;"):
					return describeAt(b, i, "OSC 52 clipboard write")
				case strings.HasPrefix(body, "0;"), strings.HasPrefix(body, "1;"), strings.HasPrefix(body, "2;"):
					// margin names the window "margin · TITLE" with the
					// sanitised title (the parse above ends the sequence at
					// any BEL or ESC, so it holds no control); a title the
					// article set itself would not start with "margin".
					if t := strings.TrimRight(body[2:], "\x07\x1b\\"); t != "" && !strings.HasPrefix(t, "margin") {
						return describeAt(b, i, "window title set by the article")
					}
					seq = nil // its text is margin's own use of the title
				case strings.HasPrefix(body, "8;"):
					_, target, _ := strings.Cut(body[2:], ";")
					target = strings.TrimRight(target, "\x07\x1b\\")
					if target != "" && !allowedTarget(target) {
						return describeAt(b, i, "hyperlink to a refused scheme")
					}
					// An allowed target may carry what is left of a hostile
					// href (https://evil.example/%1B]52...): harmless text.
					seq = nil
				}
			case 'P', '_', '^', 'X':
				return describeAt(b, i, fmt.Sprintf("DCS/APC/PM/SOS string (ESC %c)", b[i+1]))
			default:
				seq = b[i : i+2]
			}
			if bytes.Contains(seq, []byte("ZQ")) {
				return describeAt(b, i, "escape sequence carrying article text")
			}
			if seq == nil {
				j := i + 2
				for j < len(b) && b[j] != 0x07 && b[j] != 0x1b {
					j++
				}
				i = j + 1
				if j < len(b) && b[j] == 0x1b {
					i++
				}
				continue
			}
			i += max(len(seq), 1)
		case c == 0x07:
			return describeAt(b, i, "BEL outside an OSC sequence")
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(b[i:])
			if r >= 0x80 && r <= 0x9f {
				return describeAt(b, i, fmt.Sprintf("C1 control U+%04X", r))
			}
			if r == utf8.RuneError && n == 1 && c >= 0x80 && c <= 0x9f {
				return describeAt(b, i, fmt.Sprintf("8-bit C1 byte 0x%02x", c))
			}
			i += n
		default:
			i++
		}
	}
	// A payload that survived with its introducer stripped is harmless text;
	// one that kept it is not, whatever the parse above made of it.
	for _, s := range []string{"\x1b[2JZQ", "\x1b[6nZQ", "\x1b[31mZQ", "\x1b[5mZQ"} {
		if i := bytes.Index(b, []byte(s)); i >= 0 {
			return describeAt(b, i, "hostile CSI sequence")
		}
	}
	return ""
}

// TestSafetyTUIHostileArticle drives the real binary in a pseudo-terminal:
// the library screen, the reader, scrolling, and checks every byte margin
// wrote, and that the hostile text is on screen, de-fanged.
func TestSafetyTUIHostileArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("pty test skipped in -short mode")
	}
	db, _ := hostileLibrary(t)
	tm := startTerm(t, 100, 30, []string{"MARGIN_DB=" + db, "MARGIN_EXPORT_DIR=" + t.TempDir()}, "--db", db, "--style", "dark")
	tm.waitFor("ZQ")
	if bad := tuiHostileSeq(tm.output()); bad != "" {
		t.Fatalf("library screen: %s", bad)
	}
	scr := tm.screen()
	if !strings.Contains(scr, "ZQTITLE") && !strings.Contains(scr, "ZQPTITLE") {
		t.Errorf("the library does not show the hostile titles:\n%s", scr)
	}
	// Open each article in turn (newest first: pasted, file, URL) and read
	// through it: pages, the end, the start, the highlights list.
	for i, body := range []string{"ZQPBODY", "ZQBODY", "ZQBODY"} {
		for range i {
			tm.press("j")
		}
		tm.press("\r")
		tm.waitFor(body)
		for range 4 {
			tm.press(" ")
			time.Sleep(100 * time.Millisecond)
		}
		tm.press("G")
		time.Sleep(150 * time.Millisecond)
		tm.press("g", "g", "H")
		time.Sleep(200 * time.Millisecond)
		if bad := tuiHostileSeq(tm.output()); bad != "" {
			t.Fatalf("reader, article %d: %s\nscreen:\n%s", i+1, bad, tm.screen())
		}
		tm.press("\x1b")
		time.Sleep(200 * time.Millisecond)
		if i > 0 {
			// The links panel lists the article's links: web and mail only.
			tm.press("O")
			tm.waitFor("good.example")
			if scr := tm.screen(); strings.Contains(scr, "vbscript") || strings.Contains(scr, "/etc/passwd") || strings.Contains(scr, "data:text") {
				t.Errorf("the links panel offers a refused link:\n%s", scr)
			}
			tm.press("\x1b")
			time.Sleep(200 * time.Millisecond)
		}
		tm.press("q")
		tm.waitFor("ZQTITLE")
		tm.press("g")
	}
	tm.press("\x03")
	tm.wait()
	if bad := tuiHostileSeq(tm.output()); bad != "" {
		t.Fatalf("after quitting: %s", bad)
	}
}

// ---------------------------------------------------------------------------
// Fetching.

// failAdd runs margin add URL, which must fail with one clear line that
// says want, and leave the library empty.
func failAdd(t *testing.T, ctx context.Context, db, url, want string) {
	t.Helper()
	start := time.Now()
	_, errOut, err := runCtx(ctx, db, "", "add", url)
	took := time.Since(start)
	if err == nil {
		t.Errorf("add %s succeeded; want a failure saying %q", url, want)
		return
	}
	msg := strings.TrimSpace(string(errOut))
	if msg == "" && !errors.Is(err, errQuiet) {
		msg = "margin: " + oneLine(err.Error())
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("add %s: more than one line on stderr:\n%s", url, msg)
	}
	if !strings.Contains(strings.ToLower(msg), strings.ToLower(want)) {
		t.Errorf("add %s: message %q does not say %q", url, msg, want)
	}
	checkBytes(t, "add error", errOut)
	if took > 20*time.Second {
		t.Errorf("add %s took %v", url, took)
	}
	if out := mustBytes(t, db, "list", "--format", "json"); strings.TrimSpace(string(out)) != "[]" {
		t.Fatalf("after the failed add %s the library holds: %s", url, out)
	}
}

// gzipBomb is a gzip stream of many members that inflates to size bytes of
// HTML-looking text from about size/1000 compressed bytes.
func gzipBomb(t *testing.T, size int64) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	block := bytes.Repeat([]byte("<p>aaaaaaaa</p>\n"), (1<<20)/16)
	zw.Write(block)
	zw.Close()
	return bytes.Repeat(member.Bytes(), int(size/int64(len(block))))
}

// TestFetchHostileServers runs margin add against loopback servers that
// misbehave; each must end within its bound with one line and nothing
// saved.
func TestFetchHostileServers(t *testing.T) {
	bomb := gzipBomb(t, 1<<30)
	big := bytes.Repeat([]byte("<p>"+strings.Repeat("word ", 199)+"</p>\n"), 50<<20/1004+1)
	mux := http.NewServeMux()
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><body>")
		chunk := bytes.Repeat([]byte("<p>more and more text</p>\n"), 4096)
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(big) // 50 MB with a Content-Length
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < len(big) && r.Context().Err() == nil; i += 1 << 20 {
			w.Write(big[i:min(i+1<<20, len(big))])
			w.(http.Flusher).Flush() // no Content-Length to warn
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/pingpong/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/pingpong/b", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/pingpong/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/pingpong/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "ftp://example.org/essay.html")
		w.WriteHeader(http.StatusSeeOther)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
	})
	mux.HandleFunc("/pdf-as-html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\nstream\x00\x01\x02\x03endstream\n")
	})
	mux.HandleFunc("/octet", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0})
	})
	mux.HandleFunc("/png-as-html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 4096)...))
	})
	mux.HandleFunc("/binary-untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no header, no sniffing by net/http
		w.Write(append([]byte{0, 1, 2, 3, 0xff, 0xfe}, make([]byte, 2048)...))
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte{0xff, 0xd8, 0xff, 0xe0})
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cases := []struct {
		path, want string
		maxAlloc   uint64 // bytes allocated by the whole add, 0: not measured
	}{
		{"/bomb", "larger than 20 MiB", 512 << 20},
		{"/endless", "larger than 20 MiB", 512 << 20},
		{"/big", "larger than 20 MiB", 0},
		{"/big-chunked", "larger than 20 MiB", 512 << 20},
		{"/loop", "redirect", 0},
		{"/pingpong/a", "redirect", 0},
		{"/to-file", "scheme", 0},
		{"/to-ftp", "scheme", 0},
		{"/to-metadata", "169.254.169.254", 0},
		{"/pdf", "application/pdf", 0},
		{"/pdf-as-html", "pdf", 0},
		{"/octet", "application/octet-stream", 0},
		{"/png-as-html", "not HTML", 0},
		{"/binary-untyped", "not HTML", 0},
		{"/image", "image/jpeg", 0},
	}
	for _, c := range cases {
		t.Run(strings.TrimPrefix(c.path, "/"), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "lib.db")
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			failAdd(t, context.Background(), db, srv.URL+c.path, c.want)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if c.maxAlloc > 0 && after.TotalAlloc-before.TotalAlloc > c.maxAlloc {
				t.Errorf("add %s allocated %d MiB: the body cap did not hold", c.path, (after.TotalAlloc-before.TotalAlloc)>>20)
			}
		})
	}
}

// slowServer drips a page one byte at a time, forever.
func slowServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for r.Context().Err() == nil {
			if _, err := io.WriteString(w, "<"); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			time.Sleep(50 * time.Millisecond)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestFetchSlowDrip: a body that never ends slowly is cut at the fetch
// timeout. margin add has no flag for the timeout and its default is 30 s,
// too long for a test, so the bound is proved at the reader level (the
// same Fetch margin add calls) and the CLI path is proved with a deadline
// on the command's context (what Ctrl-C does).
func TestFetchSlowDrip(t *testing.T) {
	srv := slowServer(t)
	start := time.Now()
	_, err := reader.Fetch(context.Background(), srv.URL+"/drip", reader.FetchOptions{Timeout: time.Second})
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("slow drip: %v, want a timeout", err)
	}
	if took > 5*time.Second {
		t.Fatalf("the 1 s timeout took %v", took)
	}
	if reader.DefaultTimeout > time.Minute {
		t.Errorf("default fetch timeout is %v", reader.DefaultTimeout)
	}

	db := filepath.Join(t.TempDir(), "lib.db")
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	failAdd(t, ctx, db, srv.URL+"/drip", "timed out")
}

// TestFetchCharsets: Cyrillic pages in windows-1251 whose charset is
// missing from the header or lied about are saved with the right text.
func TestFetchCharsets(t *testing.T) {
	const para = "Безопасность помощи слабому государству редко покупает ту стабильность, которую обещают её спонсоры. Опыт последних двух десятилетий показывает программы подготовки, пережившие правительства, которые они должны были защищать."
	const title = "Помощь слабому государству"
	page := func(meta string) string {
		return "<!doctype html><html><head>" + meta + "<title>" + title + "</title></head><body><article><h1>" + title + "</h1>" +
			strings.Repeat("<p>"+para+"</p>\n", 4) + "</article></body></html>"
	}
	cp1251 := func(s string) []byte {
		b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	koi8 := func(s string) []byte {
		b, err := charmap.KOI8R.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name, header string
		body         []byte
	}{
		{"header without charset, meta 1251", "text/html", cp1251(page(`<meta charset="windows-1251">`))},
		{"no header at all, http-equiv 1251", "", cp1251(page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`))},
		{"header says utf-8, body is 1251 with meta", "text/html; charset=utf-8", cp1251(page(`<meta charset="windows-1251">`))},
		{"header says iso-8859-1, body is utf-8", "text/html; charset=iso-8859-1", []byte(page(`<meta charset="iso-8859-1">`))},
		{"header says windows-1251, body is utf-8", "text/html; charset=windows-1251", []byte(page(""))},
		{"koi8-r in the header", "text/html; charset=koi8-r", koi8(page(""))},
		{"header says iso-8859-1, body is 1251 with meta 1251", "text/html; charset=iso-8859-1", cp1251(page(`<meta charset="windows-1251">`))},
		{"nothing declared anywhere, body is 1251", "text/html", cp1251(page(""))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if c.header == "" {
					w.Header()["Content-Type"] = nil
				} else {
					w.Header().Set("Content-Type", c.header)
				}
				w.Write(c.body)
			}))
			defer srv.Close()
			db := filepath.Join(t.TempDir(), "lib.db")
			out, errOut, err := runCtx(context.Background(), db, "", "add", srv.URL+"/ru")
			if err != nil {
				t.Fatalf("add: %v %s", err, errOut)
			}
			id := savedID(t, string(out))
			md := mustBytes(t, db, "show", id, "--markdown")
			if !bytes.Contains(md, []byte("стабильность, которую обещают")) {
				t.Errorf("body text garbled:\n%.300s", md)
			}
			var rows []struct{ Title string }
			if err := json.Unmarshal(mustBytes(t, db, "list", "--format", "json"), &rows); err != nil || len(rows) != 1 {
				t.Fatalf("list: %v %v", rows, err)
			}
			if rows[0].Title != title {
				t.Errorf("title %q, want %q", rows[0].Title, title)
			}
		})
	}
}
