package store

import (
	"strings"
	"testing"
)

func marked(s string, ms [][2]int) []string {
	var out []string
	for _, m := range ms {
		out = append(out, s[m[0]:m[1]])
	}
	return out
}

func TestMakeSnippet(t *testing.T) {
	long := strings.Repeat("filler words go here. ", 2000) + "Then the Security assistance act, with café policy, passed. " + strings.Repeat("more filler. ", 50)
	for _, c := range []struct {
		name, text, query string
		want              []string // marked words
		contains          string
	}{
		{"far into a long text", long, "security", []string{"Security"}, "Then the Security assistance act"},
		{"prefix of the last word", long, "assist", []string{"assistance"}, "assistance"},
		{"diacritics fold", long, "cafe", []string{"café"}, "café policy"},
		{"phrase words", long, `"assistance act"`, []string{"assistance", "act"}, ""},
		{"NOT excluded", long, "security NOT filler", []string{"Security"}, ""},
		{"OR", long, "zebra OR policy", []string{"policy"}, ""},
		{"no match: the opening", "One two three.", "zebra", nil, "One two three."},
	} {
		s, ms := makeSnippet(c.text, snippetTerms(c.query))
		if got := marked(s, ms); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: marked %q in %q, want %q", c.name, got, s, c.want)
		}
		if !strings.Contains(s, c.contains) {
			t.Errorf("%s: %q lacks %q", c.name, s, c.contains)
		}
		if n := len(strings.Fields(s)); n > snippetWords+2 {
			t.Errorf("%s: %d words", c.name, n)
		}
		if strings.ContainsAny(s, "\x02\x03\n") {
			t.Errorf("%s: markers or newlines in %q", c.name, s)
		}
	}
	// A snippet opens and closes on whole written words: it began with
	// the "s" of "it’s" and ended inside "state-of-the-art".
	for _, c := range []struct{ text, query, opens, closes string }{
		{"one two three four it’s six seven eight nine ten needle " + strings.Repeat("w ", 14) + "state-of-the-art x y z", "needle", "…it’s six", "state-of-the-art…"},
		{"alpha beta gamma delta l’Europe a b c d e needle", "needle", "…l’Europe a", "needle"},
	} {
		s, _ := makeSnippet(c.text, snippetTerms(c.query))
		if !strings.HasPrefix(s, c.opens) || !strings.HasSuffix(s, c.closes) {
			t.Errorf("snippet %q: want it to open %q and close %q", s, c.opens, c.closes)
		}
	}
	// Past the scanned part: the opening, cut with an ellipsis.
	far := strings.Repeat("word ", snippetScan/5+10) + "needle"
	if s, ms := makeSnippet(far, snippetTerms("needle")); len(ms) != 0 || !strings.HasSuffix(s, "…") {
		t.Errorf("beyond the scan: %q %v", s, ms)
	}
}
