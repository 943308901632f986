package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Chinese, Japanese and Korean write words without spaces between them,
// and FTS5's unicode61 tokenizer read a whole run of them as one token:
// a word inside a sentence was never found (only a run's opening, as a
// prefix of the last word typed).
var cjkTexts = []struct{ title, text string }{
	{"経済の話", "私は東京大学で経済学を勉強しています。来年は大阪に行きます。"},
	{"北京日记", "我们明天在北京见面，然后一起去看长城。"},
	{"서울 여행", "우리는 서울에서 친구를 만났습니다. iPhone発売の日でした。"},
	{"An English one", "Nothing in Tokyo today; the University is closed."},
	{"กรุงเทพ", "เรือแล่นไปตามแม่น้ำเจ้าพระยาทุกวัน"},
	{"النهر", "يُعدّ النّهر أطول نهر في المنطقة."},
	{"בראשית", "בְּרֵאשִׁית בָּרָא אֱלֹהִים"},
	{"技術の話", "最新のＡＩ技術とﾊﾞﾗﾝｽについて。"},
}

func cjkStore(t testing.TB) *Store {
	s := openTest(t)
	for i, x := range cjkTexts {
		mustAdd(t, s, sample("https://cjk.example/"+string(rune('a'+i)), x.title, x.text))
	}
	return s
}

func searchTitles(t *testing.T, s *Store, q string) []string {
	t.Helper()
	rs, err := s.Search(context.Background(), q, 10)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, r.Title)
	}
	return out
}

func TestSearchFindsCJKWordsInsideSentences(t *testing.T) {
	s := cjkStore(t)
	for _, c := range []struct{ query, want string }{
		{"東京大学", "経済の話"},
		{"経済学", "経済の話"},
		{"大阪", "経済の話"},
		{"北京", "北京日记"},
		{"长城", "北京日记"},
		{"서울", "서울 여행"}, // Korean: a particle follows the word (서울에서)
		{"친구", "서울 여행"},
		{"発売", "서울 여행"},     // kanji right after Latin letters
		{"iPhone", "서울 여행"}, // and the Latin word before them
		{"経済 大阪", "経済の話"},   // two words, both needed
		{`"東京大学"`, "経済の話"},
		{"university", "An English one"},
		{"แม่น้ำ", "กรุงเทพ"}, // Thai sets no spaces between words either
		{"เจ้าพระยา", "กรุงเทพ"},
		{"يعد", "النهر"}, // Arabic typed without its vowel points
		{"النهر", "النهر"},
		{"يُعدّ", "النهر"},
		{"בראשית", "בראשית"}, // Hebrew without its points
		{"AI技術", "技術の話"},     // fullwidth letters
		{"バランス", "技術の話"},     // halfwidth katakana
	} {
		got := searchTitles(t, s, c.query)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("Search(%q) = %q, want [%q]", c.query, got, c.want)
		}
	}
	// Characters that are not next to each other are no phrase.
	for _, q := range []string{"東大", "京都", "北京大学", "น้ำแม่"} {
		if got := searchTitles(t, s, q); len(got) != 0 {
			t.Errorf("Search(%q) = %q, want nothing", q, got)
		}
	}
	// The snippet marks the word found, whole.
	rs, err := s.Search(context.Background(), "経済学", 10)
	if err != nil || len(rs) != 1 {
		t.Fatalf("%v %v", rs, err)
	}
	if got := marked(rs[0].Snippet, rs[0].Matches); strings.Join(got, "|") != "経済学" {
		t.Errorf("snippet %q marks %q, want 経済学", rs[0].Snippet, got)
	}
	if r, err := s.Check(context.Background()); err != nil || !r.OK() {
		t.Errorf("check: %+v %v", r, err)
	}
}

func TestSearchCJKAfterRefreshAndTitleChange(t *testing.T) {
	s := cjkStore(t)
	ctx := context.Background()
	rs, _ := s.Search(ctx, "长城", 1)
	if len(rs) != 1 {
		t.Fatal("not found")
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE article_bodies SET text = '我们后天在上海见面。' WHERE article_id = ?`, rs[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE articles SET title = '上海日记' WHERE id = ?`, rs[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := searchTitles(t, s, "长城"); len(got) != 0 {
		t.Errorf("old text still found: %q", got)
	}
	if got := searchTitles(t, s, "后天"); len(got) != 1 || got[0] != "上海日记" {
		t.Errorf("new text: %q", got)
	}
	if _, err := s.DeleteArticle(ctx, rs[0].ID); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Errorf("check: %+v %v", r, err)
	}
}

// A library saved before CJK text was split for the index finds its
// articles' words once opened by this margin.
func TestMigrateIndexesCJKSavedBefore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		migrations[0].sql,
		"PRAGMA application_id = 1836214126",
		"PRAGMA user_version = 1",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	// The triggers of version 1 index the text as it was then.
	for _, q := range []string{
		`INSERT INTO articles (id, source_url, title, added) VALUES (1, 'https://old.example/a', '北京日记', 1)`,
		`INSERT INTO article_bodies (article_id, markdown, text) VALUES (1, '我们明天在北京见面。', '我们明天在北京见面。')`,
		`INSERT INTO articles (id, source_url, title, added) VALUES (2, 'https://old.example/b', 'Plain', 2)`,
		`INSERT INTO article_bodies (article_id, markdown, text) VALUES (2, 'Plain words here.', 'Plain words here.')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := searchTitles(t, s, "见面"); len(got) != 1 || got[0] != "北京日记" {
		t.Errorf("见面: %q", got)
	}
	if got := searchTitles(t, s, "words"); len(got) != 1 || got[0] != "Plain" {
		t.Errorf("words: %q", got)
	}
	if r, err := s.Check(context.Background()); err != nil || !r.OK() {
		t.Errorf("check: %+v %v", r, err)
	}
}

func TestFTSText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"東京大学", "東 京 大 学"},
		{"iPhone発売の日", "iPhone 発 売 の 日"},
		{"서울에서, 2019년", "서 울 에 서, 2019 년"},
		{"コーヒー", "コ ー ヒ ー"},
		{"「東京」", "「東 京」"},       // punctuation already parts them
		{"แม่น้ำ", "แ ม่ น้ ำ"}, // a Thai letter keeps its marks
		{"يُعدّ", "يعد"},        // Arabic vowel points go
		{"ＡＩ技術", "AI 技 術"},
		{"ﾊﾞﾗﾝｽ", "バ ラ ン ス"},
	} {
		if got := ftsText(c.in); got != c.want {
			t.Errorf("ftsText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSnippetCJK(t *testing.T) {
	long := strings.Repeat("これは長い前置きの文です。", 40) + "ここで経済学の話が始まります。" + strings.Repeat("あとがき。", 20)
	s, ms := makeSnippet(long, snippetTerms("経済学"))
	if got := marked(s, ms); strings.Join(got, "|") != "経済学" { // one mark, not three
		t.Errorf("marked %q in %q", got, s)
	}
	if !strings.HasPrefix(s, "…") || !strings.Contains(s, "ここで経済学の話") {
		t.Errorf("snippet %q: not the window around the match", s)
	}
	// Letters of the query apart in the text are not marked.
	s, ms = makeSnippet("東の大学と京都", snippetTerms("東京"))
	if len(ms) != 0 {
		t.Errorf("marked %q in %q", marked(s, ms), s)
	}
	s, ms = makeSnippet("新しいiPhone発売の日", snippetTerms("iPhone発売"))
	if got := marked(s, ms); strings.Join(got, "|") != "iPhone|発売" {
		t.Errorf("marked %q in %q", got, s)
	}
}

// A Hindi or Arabic word is marked whole: its vowel signs split it, and
// the snippet marked scattered letters (शा*स*्*त*्रीय).
func TestSnippetMarksWordsWithVowelSigns(t *testing.T) {
	for _, c := range []struct{ text, query, want string }{
		{"भारतीय शास्त्रीय संगीत की परंपरा", "संगीत", "संगीत"},
		{"يُعدّ النهر طويلا", "النهر", "النهر"},
		{"يُعدّ النّهر طويلا", "يعد", "يُعدّ"},               // typed without its points
		{"เรือแล่นไปตามแม่น้ำเจ้าพระยา", "แม่น้ำ", "แม่น้ำ"}, // Thai, no spaces
		{"最新のＡＩ技術", "AI技術", "ＡＩ|技術"},
	} {
		s, ms := makeSnippet(c.text, snippetTerms(c.query))
		if got := marked(s, ms); strings.Join(got, "|") != c.want {
			t.Errorf("%q in %q: marked %q, want %q", c.query, s, got, c.want)
		}
	}
}

// FuzzSnippet: a snippet of any text for any query is valid UTF-8 on one
// line, its match ranges inside it; ftsText only adds spaces, but for the
// marks it drops and the forms it folds, and gives its own output back.
func FuzzSnippet(f *testing.F) {
	for _, c := range [][2]string{{"私は東京大学で経済学を勉強しています。", "経済学"}, {"iPhone発売の日", "iPhone発売"}, {"서울에서 만났다", "서울"}, {"plain text here", "text"}, {"東京", `"東京"*`}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, text, query string) {
		f := ftsText(text)
		if !utf8.ValidString(text) {
			return // stored texts are valid UTF-8 (FTS5 reads a query's words from lexQuery, which has none)
		}
		if ftsText(f) != f {
			t.Fatalf("ftsText(%q) = %q, and again %q", text, f, ftsText(f))
		}
		if !strings.ContainsFunc(text, func(r rune) bool { return pointMark(r) || halfOrFull(r) }) &&
			strings.ReplaceAll(f, " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Fatalf("ftsText(%q) = %q changes more than spaces", text, f)
		}
		s, ms := makeSnippet(text, snippetTerms(query))
		if !utf8.ValidString(s) {
			t.Fatalf("snippet %q", s)
		}
		for _, m := range ms {
			if m[0] < 0 || m[1] > len(s) || m[0] >= m[1] {
				t.Fatalf("bad match %v in %q", m, s)
			}
		}
	})
}
