package urlid

import "testing"

func TestKeySameArticle(t *testing.T) {
	base := "https://example.org/news/story"
	same := []string{
		"https://example.org/news/story",
		"http://example.org/news/story",
		"https://EXAMPLE.org/news/story/",
		"https://example.org:443/news/story",
		"http://example.org:80/news/story",
		"https://example.org/news/story#comments",
		"https://example.org/news/story?utm_source=rss&utm_medium=feed",
		"https://example.org/news/story?fbclid=abc",
		"https://example.org/news/story?gclid=1&mc_cid=2&mc_eid=3",
		"https://alice:secret@example.org/news/story",
		"  https://example.org/news/story  ",
		"https://example.org./news/story",
	}
	for _, u := range same {
		if Key(u) != Key(base) {
			t.Errorf("Key(%q) = %q, want %q", u, Key(u), Key(base))
		}
	}
	differ := []string{
		"https://example.org/news/other",
		"https://example.org/news/story?id=2",
		"https://example.org:8080/news/story",
		"https://www.example.com/news/story",
		"https://example.org/News/story", // paths are case-sensitive
	}
	for _, u := range differ {
		if Key(u) == Key(base) {
			t.Errorf("Key(%q) = Key(%q) = %q; they are different pages", u, base, Key(u))
		}
	}
	if Key("https://e.org/a?b=2&a=1") != Key("https://e.org/a?a=1&b=2&utm_campaign=x") {
		t.Error("parameter order or a tracking parameter changed the key")
	}
	if Key("") != "" {
		t.Error("empty address has a key")
	}
	if got := Key("/home/me/article.html"); got != "/home/me/article.html" {
		t.Errorf("a path's key = %q, want the path", got)
	}
	if Key("https://[::1]:8080/a") == Key("https://[::1]/a") {
		t.Error("IPv6 port lost")
	}
}

func TestPublicDropsCredentials(t *testing.T) {
	for in, want := range map[string]string{
		"http://alice:pa55w0rd@host.example/a?b=1": "http://host.example/a?b=1",
		"https://bob@host.example/":                "https://host.example/",
		"https://host.example/x":                   "https://host.example/x",
		"notes.txt":                                "notes.txt",
		"":                                         "",
	} {
		if got := Public(in); got != want {
			t.Errorf("Public(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	in := "fetch http://alice:pa55w0rd@host.example/x: connection refused (see https://bob@h/y)"
	want := "fetch http://host.example/x: connection refused (see https://h/y)"
	if got := Redact(in); got != want {
		t.Errorf("Redact = %q, want %q", got, want)
	}
	if got := Redact("mail alice@example.org"); got != "mail alice@example.org" {
		t.Errorf("an e-mail address changed: %q", got)
	}
}
