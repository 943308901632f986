package mdsyntax

import "testing"

// AddressLen takes what goldmark's linkify takes with URL and WWW: no
// punctuation after the address, a ")" only when the address opens it, an
// entity-like "&name;" at the end left out.
func TestAddressLen(t *testing.T) {
	for s, want := range map[string]string{
		"https://example.org/a).":            "https://example.org/a",
		"https://example.org/wiki/A_(b))":    "https://example.org/wiki/A_(b)",
		"https://example.org/a_b_":           "https://example.org/a_b",
		"https://example.org/?q=1&b=2, then": "https://example.org/?q=1&b=2",
		"https://example.org/a&amp;":         "https://example.org/a",
		"https://example.org:8080/x.":        "https://example.org:8080/x",
		"www.example.org/p?x=1!":             "www.example.org/p?x=1",
		"https://example.org.":               "https://example.org",
		"ftp://files.example.org/f.txt:":     "ftp://files.example.org/f.txt",
		"http://localhost/x":                 "",
		"hello https://example.org":          "",
		"https:/example.org":                 "",
	} {
		if n := AddressLen(s); s[:n] != want {
			t.Errorf("AddressLen(%q) takes %q, want %q", s, s[:n], want)
		}
	}
}

func TestEntityLike(t *testing.T) {
	for rest, want := range map[string]bool{"amp;": true, "#27": true, "#x1b;": true, "copy;": true, "b=2": false, "": false, ";": false, "a b;": false} {
		if got := EntityLike(rest); got != want {
			t.Errorf("EntityLike(%q) = %v, want %v", rest, got, want)
		}
	}
}
