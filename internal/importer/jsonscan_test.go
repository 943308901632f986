package importer

import (
	"encoding/json"
	"testing"
)

// FuzzUnquote holds unquote to encoding/json on every JSON string:
// escapes, surrogates (paired, lone, followed by another escape) and
// invalid UTF-8.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"a"`, `""`, `"\ud83d\ude00"`, `"\ud800"`, `"\ud800\u0041"`, `"\udc00\ud800"`,
		"\"\xff\xfe<p>\xe2\x82\"", `"\u00e9\n\t\\\/\"\b\f\r"`, "\"\x01\"", `"a\"`, `"\u12"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want string
		if json.Unmarshal(raw, &want) != nil || len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
			return
		}
		got, err := unquote(raw)
		if err != nil || string(got) != want {
			t.Fatalf("unquote(%q) = %q, %v; encoding/json says %q", raw, got, err, want)
		}
	})
}
