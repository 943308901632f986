package store

import (
	"context"
	"errors"
	"fmt"
	"margin/sanitize"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFTSQuery(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"*", ""},
		{"security", `"security"*`},
		{"security assistance", `"security" "assistance"*`},
		{`"security assistance"`, `"security assistance"`},
		{`"security assistance" act`, `"security assistance" "act"*`},
		{`"unclosed phrase`, `"unclosed phrase"`},
		{"foo AND", `"foo"*`}, // an operator being typed waits for its word
		{"foo OR bar NOT baz", `"foo" OR "bar" NOT "baz"*`},
		{"foo or bar", `"foo" "or" "bar"*`}, // operators are capitals, as in FTS5
		{"NOT foo", `"foo"*`},
		{"(a OR bb) cc", `("a" OR "bb") AND "cc"*`},
		{"(a OR", `("a")`},
		{"a )", `"a"`},
		{"(OR)", ""},
		{"climat* change", `"climat"* "change"*`},
		{`"security assist"*`, `"security assist"*`},
		{"x*", `"x"`}, // a one-letter prefix is too broad
		{strings.Repeat("(", 12) + "ab" + strings.Repeat(")", 12), strings.Repeat("(", 8) + `"ab"*` + strings.Repeat(")", 8)},
		{"a-b", `"a-b"`},      // last token "b" too short for a prefix
		{"x-ray", `"x-ray"*`}, // phrase x ray, prefix on ray
		{"c++", `"c++"`},      // ends in punctuation: no prefix
		{"title:foo", `"title:foo"*`},
		{"NEAR(a b)", `"NEAR" AND ("a" "b")`},
		{"^start", `"^start"*`},
		{"-minus", `"-minus"*`},
		{"a", `"a"`},
		{"it's", `"it's"`},
		{"东京", `"东 京"`},              // CJK letters are indexed one by one: a phrase of them
		{"iPhone発売", `"iPhone 発 売"`}, // (issue 18's "noticed": words inside a CJK sentence were never found)
		{"東京 univ", `"東 京" "univ"*`},
		{"nul\x00byte", `"nul" "byte"*`},
		{"bad\xffutf8", `"bad utf8"*`},
		{`""""`, ""},
		{`say "hi`, `"say" "hi"`},
	}
	for _, c := range cases {
		if got := ftsQuery(c.in); got != c.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{`"exact phrase`, `" is not closed`},
		{"a OR", "OR needs words after it"},
		{"OR a", "OR needs words before it"},
		{"NOT a", "NOT needs words before it"},
		{"a OR OR b", "OR follows OR"},
		{"a AND NOT b", "NOT follows AND"},
		{"(a b", "( is not closed"},
		{"a b)", ") has no ("},
		{"a () b", "() holds no words"},
		{"(a OR)", "OR needs words after it"},
		{strings.Repeat("(", 20) + "a" + strings.Repeat(")", 20), "nested"},
		{strings.Repeat("word ", 40), "more than 32 words"},
		{strings.Repeat("w", 3000), "longer than"},
	} {
		err := CheckQuery(c.in)
		if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("CheckQuery(%.40q) = %v, want %q", c.in, err, c.want)
		}
	}
	for _, ok := range []string{"a", `"a b" OR c`, "a NOT b", "(a OR b) NOT (c d)", "climat*", "a AND b", "or and not", ""} {
		if err := CheckQuery(ok); err != nil {
			t.Errorf("CheckQuery(%q) = %v", ok, err)
		}
	}
	many := strings.Repeat("word ", 100)
	if n := strings.Count(ftsQuery(many), `"word"`); n != maxQueryTerms {
		t.Errorf("%d terms kept of 100", n)
	}
}

func TestParseSnippet(t *testing.T) {
	s, m := parseSnippet("…the \x02security\x03\n\n assistance \x02act\x03 of…")
	if s != "…the security assistance act of…" {
		t.Errorf("snippet %q", s)
	}
	if len(m) != 2 || s[m[0][0]:m[0][1]] != "security" || s[m[1][0]:m[1][1]] != "act" {
		t.Errorf("matches %v in %q", m, s)
	}
	s, m = parseSnippet("\x02a  b\x03\x1b[31m")
	if s != "a b[31m" || len(m) != 1 || s[m[0][0]:m[0][1]] != "a b" {
		t.Errorf("%q %v", s, m)
	}
}

func searchStore(t testing.TB) *Store {
	s := openTest(t)
	texts := []struct{ title, text string }{
		{"Security assistance to Central Asia", "Washington weighs security assistance. Aid flows."},
		{"Gardening for beginners", "Tomatoes need sun. Security of the garden shed matters little."},
		{"A history of the bicycle", "The bicycle changed cities. Security was not a concern. Security came later; security everywhere."},
		{"C++ templates", "Templates in c++ and the x-ray of compile times."},
		{"Notes", "Nothing relevant here at all."},
	}
	for i, x := range texts {
		mustAdd(t, s, sample(fmt.Sprintf("https://s.example/%d", i), x.title, x.text))
	}
	return s
}

// Issue 12 item 17: phrases, OR, NOT and prefix* work as FTS5 users
// expect (before, OR and NOT were words to find, and nothing matched).
func TestSearchSyntax(t *testing.T) {
	s := searchStore(t)
	ctx := context.Background()
	titles := func(q string) []string {
		t.Helper()
		rs, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		var out []string
		for _, r := range rs {
			out = append(out, strings.Fields(r.Title)[0])
		}
		sort.Strings(out)
		return out
	}
	cases := map[string]string{
		`"security assistance"`:             "Security",
		`"assistance security"`:             "",
		"tomatoes OR templates":             "C++ Gardening",
		"security NOT tomatoes":             "A Security",
		"security NOT (tomatoes OR cities)": "Security",
		"(tomatoes OR templates) NOT sun":   "C++",
		"bicycl* changed":                   "A",
		`"security assist"* washington`:     "Security",
		"secur* AND garden":                 "Gardening",
		"nothing OR tomatoes here":          "Notes",
	}
	for q, want := range cases {
		if got := strings.Join(titles(q), " "); got != want {
			t.Errorf("Search(%q) = %q, want %q", q, got, want)
		}
	}
	// The rankCap path wraps the query in a title filter: every operator
	// must survive it.
	old := rankCap
	rankCap = 1
	defer func() { rankCap = old }()
	for _, q := range []string{"security NOT tomatoes", "tomatoes OR templates", "(a OR security) NOT cities"} {
		if _, err := s.Search(ctx, q, 1); err != nil {
			t.Errorf("Search(%q) past rankCap: %v", q, err)
		}
	}
}

func TestSearchRankingAndSnippets(t *testing.T) {
	s := searchStore(t)
	ctx := context.Background()
	rs, err := s.Search(ctx, "security", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d results for security", len(rs))
	}
	// The title match outranks an article that says "security" three times.
	if rs[0].Title != "Security assistance to Central Asia" {
		t.Errorf("first result %q", rs[0].Title)
	}
	for i, r := range rs {
		if i > 0 && r.Rank < rs[i-1].Rank {
			t.Errorf("results not in rank order: %v then %v", rs[i-1].Rank, r.Rank)
		}
		if len(r.Matches) == 0 {
			t.Errorf("%q: no matches in snippet %q", r.Title, r.Snippet)
		}
		for _, m := range r.Matches {
			if got := r.Snippet[m[0]:m[1]]; !strings.EqualFold(got, "security") {
				t.Errorf("%q: match %v is %q", r.Title, m, got)
			}
		}
		if strings.ContainsAny(r.Snippet, "\x02\x03\n") {
			t.Errorf("markers or newlines left in %q", r.Snippet)
		}
		if r.Markdown != "" || r.Text != "" || r.SiteName == "" {
			t.Errorf("result fields: %+v", r.Article)
		}
	}
	// Prefix on the last word: search as you type.
	if rs, _ := s.Search(ctx, "secur", 10); len(rs) != 3 {
		t.Errorf("prefix: %d results", len(rs))
	}
	// Phrase.
	rs, _ = s.Search(ctx, `"security assistance"`, 10)
	if len(rs) != 1 || !strings.HasPrefix(rs[0].Title, "Security assistance") {
		t.Errorf("phrase: %+v", rs)
	}
	// All words must match.
	if rs, _ := s.Search(ctx, "security tomatoes", 10); len(rs) != 1 || rs[0].Title != "Gardening for beginners" {
		t.Errorf("two words: %+v", rs)
	}
	// The last word is a prefix: "bicycle" finds "bicycles"; accents
	// and case are ignored.
	if rs, _ := s.Search(ctx, "CITIES bicycl", 10); len(rs) != 1 {
		t.Errorf("prefix: %+v", rs)
	}
	if rs, _ := s.Search(ctx, "CÍTIÈS", 10); len(rs) != 1 {
		t.Errorf("diacritics: %+v", rs)
	}
	// Byline and site name are searched too.
	if rs, _ := s.Search(ctx, "Ann Author", 10); len(rs) != 5 {
		t.Errorf("byline: %d", len(rs))
	}
	if rs, _ := s.Search(ctx, "security", 2); len(rs) != 2 {
		t.Errorf("limit: %d", len(rs))
	}
	if rs, _ := s.Search(ctx, "x-ray", 10); len(rs) != 1 {
		t.Errorf("x-ray: %+v", rs)
	}
}

func TestSearchHostileQueries(t *testing.T) {
	s := searchStore(t)
	ctx := context.Background()
	queries := []string{
		`"security assistance"`, `foo AND`, `AND`, `OR`, `NOT`, `a-b`, `c++`, `*`, `**`, `"`, `"""`,
		`(`, `)`, `(security`, `security)`, `NEAR(a b)`, `NEAR`, `title:security`, `{title}: x`,
		`^security`, `security^`, `-security`, `+security`, `security*`, `*security`, `'`, `''`,
		`'; DROP TABLE articles; --`, `\`, `%`, `_`, `:`, `;`, `,`, `.`, `..`, `?`, "\x00", "\x1b[31m",
		"\xff\xfe", "ＡＮＤ", "東京", "🙂", "e\u0301", "\u202e", strings.Repeat("a", 10000),
		strings.Repeat("x ", 5000), strings.Repeat(`"`, 101), "rank", "rowid", "articles_fts",
		"security OR", "OR security", "security NOT", "AND AND", "NEAR/3", `"a" NEAR/2 "b"`,
		"col:", "col : x", "x:y:z", "security\tassistance", "security\nassistance",
	}
	for _, q := range queries {
		if _, err := s.Search(ctx, q, 10); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	for _, q := range []string{"", "   ", "*", `""`, "+-^", "\x00"} {
		if rs, err := s.Search(ctx, q, 10); len(rs) != 0 || err != nil {
			t.Errorf("Search(%q) = %d results, %v; want none", q, len(rs), err)
		}
	}
	if n, _ := s.Count(ctx); n != 5 {
		t.Errorf("library changed by searching: %d articles", n)
	}
	// Words that are operators in FTS5 are found as words.
	id := mustAdd(t, s, sample("u:ops", "Boolean", "this AND that OR those NOT these"))
	if rs, _ := s.Search(ctx, "that OR those", 10); len(rs) != 1 || rs[0].ID != id {
		t.Errorf("operator words: %+v", rs)
	}
}

func TestSearchManyMatchesStaysRelevant(t *testing.T) {
	old := rankCap
	rankCap = 8
	defer func() { rankCap = old }()
	s := openTest(t)
	ctx := context.Background()
	titled := mustAdd(t, s, sample("u:t", "Walrus facts", "a walrus"))
	for i := 0; i < 20; i++ {
		mustAdd(t, s, sample(fmt.Sprintf("u:%d", i), fmt.Sprintf("Article %d", i), "walrus walrus walrus"))
	}
	rs, err := s.Search(ctx, "walrus", 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4 {
		t.Fatalf("%d results", len(rs))
	}
	if rs[0].ID != titled {
		t.Errorf("title match not first: %q", rs[0].Title)
	}
	// The rest are ranked among the newest rankCap matches: Articles 12-19.
	seen := map[int64]bool{}
	for _, r := range rs[1:] {
		var n int
		if _, err := fmt.Sscanf(r.Title, "Article %d", &n); err != nil || n < 12 {
			t.Errorf("result %q is not among the newest matches", r.Title)
		}
		if seen[r.ID] {
			t.Errorf("duplicate result %d", r.ID)
		}
		seen[r.ID] = true
	}
	if rs, _ := s.Search(ctx, "walrus", 1); len(rs) != 1 || rs[0].ID != titled {
		t.Errorf("limit 1: %+v", rs)
	}
	// A limit too large for the window ranks every match.
	if rs, _ := s.Search(ctx, "walrus", 50); len(rs) != 21 {
		t.Errorf("limit 50: %d results", len(rs))
	}
}

var fuzzStore struct {
	once sync.Once
	s    *Store
	err  error
}

// FuzzSearch: no query is an error, and snippets and match ranges are
// well formed.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"security", `"security assistance"`, "foo AND", "c++", "*", "a-b", "NEAR(x", "x:y", "a OR b", "(a NOT (b", `"x y"* z`, "NOT", ")(", "a (b) c", "((a) OR) b*", "x AND (y OR (z NOT w))", "東京", "iPhone発売", `"東京大学"*`, "서울 OR 北京"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		fuzzStore.once.Do(func() {
			dir, err := tempDirForFuzz()
			if err != nil {
				fuzzStore.err = err
				return
			}
			fuzzStore.s, fuzzStore.err = Open(filepath.Join(dir, "lib.db"))
			if fuzzStore.err == nil {
				fuzzStore.err = Populate(context.Background(), fuzzStore.s, 30, 200, 7)
			}
		})
		if fuzzStore.err != nil {
			t.Fatal(fuzzStore.err)
		}
		rs, err := fuzzStore.s.Search(context.Background(), q, 5)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		// What the strict reading accepts, it reads as Search does.
		if CheckQuery(q) == nil {
			strict, _ := parseQuery(q, true)
			if strict != ftsQuery(q) {
				t.Fatalf("%q: strict %s, forgiving %s", q, strict, ftsQuery(q))
			}
		}
		for _, r := range rs {
			if !utf8.ValidString(r.Snippet) || strings.IndexFunc(r.Snippet, unicode.IsControl) >= 0 {
				t.Fatalf("bad snippet %q", r.Snippet)
			}
			for _, m := range r.Matches {
				if m[0] < 0 || m[1] > len(r.Snippet) || m[0] >= m[1] {
					t.Fatalf("bad match %v in %q", m, r.Snippet)
				}
			}
		}
	})
}

func TestSearchHostileArticleText(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	text := "before \x00 \x1b]52;c;ZXZpbA==\x07 \x02fake marker\x03 \u009b31m bad\xff\xfe bytes walrus here\r\n" +
		strings.Repeat("filler words ", 50)
	id := mustAdd(t, s, sample("u:hostile", "Hostile \x1b[2J title", text))
	a, _ := s.Article(ctx, id)
	if a.Text != sanitize.Text(a.Text) {
		t.Errorf("controls stored in Text: %q", a.Text)
	}
	for _, q := range []string{"walrus", "fake marker", "bytes"} {
		rs, err := s.Search(ctx, q, 10)
		if err != nil || len(rs) != 1 {
			t.Fatalf("Search(%q) = %v, %v", q, rs, err)
		}
		r := rs[0]
		if !utf8.ValidString(r.Snippet) || strings.IndexFunc(r.Snippet, unicode.IsControl) >= 0 {
			t.Errorf("Search(%q): unsafe snippet %q", q, r.Snippet)
		}
		if len(r.Matches) == 0 {
			t.Errorf("Search(%q): no match in %q", q, r.Snippet)
		}
		for _, m := range r.Matches {
			if got := r.Snippet[m[0]:m[1]]; !strings.Contains(q, strings.ToLower(strings.Fields(got)[0])) {
				t.Errorf("Search(%q): match %q", q, got)
			}
		}
	}
}
