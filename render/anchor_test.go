package render

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlain(t *testing.T) {
	md := "Hello *world* &amp; \\* `a&lt;b`\nnext line\n\n# Head\n"
	text, offs := Plain(md)
	want := "Hello world & * a<b next line\n\nHead"
	if text != want {
		t.Fatalf("Plain = %q, want %q", text, want)
	}
	if len(offs) != len(text) {
		t.Fatalf("%d offsets for %d bytes", len(offs), len(text))
	}
	checks := map[string]string{"&": "&amp;", "*": "\\*", "<": "&lt;", "w": "world", "Head": "Head"}
	for plain, src := range checks {
		i := strings.Index(text, plain)
		if got, want := offs[i], strings.Index(md, src); got != want {
			t.Errorf("offset of %q = %d, want %d", plain, got, want)
		}
	}
}

func TestHeadingsAndLinks(t *testing.T) {
	md := "# One &amp; only\n\nText [a link](https://a.example/x) and [bad](javascript:alert(1)).\n\n## Two *emphasised*\n\n<https://auto.example> <who@example.com> [rel](/relative)\n\n### Three\n"
	hs := Headings(md)
	want := []Heading{{1, "One & only", strings.Index(md, "One")}, {2, "Two emphasised", strings.Index(md, "Two")}, {3, "Three", strings.Index(md, "Three")}}
	if len(hs) != len(want) {
		t.Fatalf("Headings = %+v", hs)
	}
	for i := range want {
		if hs[i] != want[i] {
			t.Errorf("heading %d = %+v, want %+v", i, hs[i], want[i])
		}
	}
	ls := Links(md)
	wantL := []Link{
		{"a link", "https://a.example/x", strings.Index(md, "a link")},
		{"https://auto.example", "https://auto.example", strings.Index(md, "https://auto.example")},
		{"who@example.com", "mailto:who@example.com", strings.Index(md, "who@")},
	}
	if len(ls) != len(wantL) {
		t.Fatalf("Links = %+v", ls)
	}
	for i := range wantL {
		if ls[i] != wantL[i] {
			t.Errorf("link %d = %+v, want %+v", i, ls[i], wantL[i])
		}
	}
}

const article = `# The river

The river rose in the night. By morning the bridge was gone, and the village
on the far bank could only be reached by boat.

Alpha said: the water will fall by Friday. Nobody believed it.

Beta said: the water will fall by Friday. Everyone believed it.

The end came quietly.
`

func TestQuoteAtAndFindQuote(t *testing.T) {
	s, e := rangeOf(t, article, "the bridge was gone")
	q := QuoteAt(article, s, e)
	if q.Exact != "the bridge was gone" || !strings.HasSuffix(q.Prefix, "By morning ") || !strings.HasPrefix(q.Suffix, ", and the") {
		t.Errorf("QuoteAt = %+v", q)
	}
	if len([]rune(q.Prefix)) > 32 || len([]rune(q.Suffix)) > 32 {
		t.Errorf("context longer than 32: %+v", q)
	}
	// Whitespace-insensitive, across a soft line break.
	fs, fe, err := FindQuote(article, "the village   on the far\nbank")
	if err != nil {
		t.Fatal(err)
	}
	if got := article[fs:fe]; got != "the village\non the far bank" {
		t.Errorf("FindQuote found %q", got)
	}
	if _, _, err := FindQuote(article, "a sentence that is not there"); !errors.Is(err, ErrQuoteNotFound) {
		t.Errorf("missing quote: err = %v", err)
	}
	if _, _, err := FindQuote(article, "the water will fall by Friday"); !errors.Is(err, ErrQuoteAmbiguous) || !strings.Contains(err.Error(), "2 times") {
		t.Errorf("ambiguous quote: err = %v", err)
	}
	if _, _, err := FindQuote(article, "  "); !errors.Is(err, ErrQuoteNotFound) {
		t.Errorf("empty quote: err = %v", err)
	}
	// Case only as a fallback.
	if s, e, err := FindQuote(article, "THE END CAME"); err != nil || article[s:e] != "The end came" {
		t.Errorf("case-insensitive fallback: %q %v", article[s:e], err)
	}
}

func reanchorText(t *testing.T, md string, q Quote) (string, int, bool) {
	t.Helper()
	s, e, ok := Reanchor(md, q)
	if !ok {
		return "", -1, false
	}
	return md[s:e], s, true
}

func TestReanchor(t *testing.T) {
	s, e := rangeOf(t, article, "the bridge was gone")
	q := QuoteAt(article, s, e)

	if got, at, ok := reanchorText(t, article, q); !ok || got != "the bridge was gone" || at != s {
		t.Errorf("unchanged text: %q at %d ok=%v", got, at, ok)
	}
	// Insertion before.
	edited := "A new first paragraph, added later.\n\n" + article
	if got, at, ok := reanchorText(t, edited, q); !ok || got != "the bridge was gone" || at != s+37 {
		t.Errorf("after insertion: %q at %d ok=%v", got, at, ok)
	}
	// Markup added around the quote and line wrapping changed.
	edited = strings.Replace(article, "the bridge was gone", "the *bridge*\nwas   gone", 1)
	if got, _, ok := reanchorText(t, edited, q); !ok || got != "the *bridge*\nwas   gone" {
		t.Errorf("after markup change: %q ok=%v", got, ok)
	}
	// Punctuation change: confident loose match.
	edited = strings.Replace(article, "the bridge was gone", "the bridge—was gone", 1)
	if got, _, ok := reanchorText(t, edited, q); !ok || got != "the bridge—was gone" {
		t.Errorf("after punctuation change: %q ok=%v", got, ok)
	}
	// Quote marks changed at the edges: the loose match keeps them.
	md := "He looked up.\n\nShe said, \"The river is rising.\" Then she left.\n"
	qs := strings.Index(md, "\"The")
	q2 := QuoteAt(md, qs, strings.Index(md, " Then"))
	edited = strings.NewReplacer(`"The`, "“The", `rising."`, "rising.”").Replace(md)
	if got, _, ok := reanchorText(t, edited, q2); !ok || got != "“The river is rising.”" {
		t.Errorf("after quote marks changed: %q ok=%v", got, ok)
	}
	// Small edit inside the quote: context on both sides still anchors it.
	edited = strings.Replace(article, "the bridge was gone", "the bridge had gone", 1)
	if got, _, ok := reanchorText(t, edited, q); !ok || got != "the bridge had gone" {
		t.Errorf("after a small edit inside: %q ok=%v", got, ok)
	}
	// A reworded sentence placed by its context keeps the full stop the
	// reader highlighted (issue 11, case 3: "design computers." became
	// "build computers").
	md = "He looked up.\n\nThen she said the engineers would design computers. Nobody in the hall believed her at first.\n"
	qs = strings.Index(md, "the engineers")
	q3 := QuoteAt(md, qs, strings.Index(md, " Nobody"))
	edited = strings.Replace(md, "the engineers would design computers.", "the engineers would build computers.", 1)
	if got, _, ok := reanchorText(t, edited, q3); !ok || got != "the engineers would build computers." {
		t.Errorf("after a reworded sentence: %q ok=%v", got, ok)
	}
	// Rewritten passage: orphan.
	edited = strings.Replace(article, "the bridge was gone", "everything had changed beyond recognition", 1)
	if got, _, ok := reanchorText(t, edited, q); ok {
		t.Errorf("rewritten passage should be an orphan, got %q", got)
	}
	// Deleted passage: orphan.
	edited = strings.Replace(article, "By morning the bridge was gone, and the village\non the far bank could only be reached by boat.", "", 1)
	if got, _, ok := reanchorText(t, edited, q); ok {
		t.Errorf("deleted passage should be an orphan, got %q", got)
	}
}

func TestReanchorDuplicates(t *testing.T) {
	// The same words twice: context decides, even after the text moved.
	i := strings.Index(article, "Beta said: ") + len("Beta said: ")
	q := QuoteAt(article, i, i+len("the water will fall by Friday"))
	edited := strings.Repeat("Padding paragraph that pushes everything down.\n\n", 20) + article
	_, at, ok := reanchorText(t, edited, q)
	want := strings.Index(edited, "Beta said: ") + len("Beta said: ")
	if !ok || at != want {
		t.Errorf("duplicate by context: at %d ok=%v, want %d", at, ok, want)
	}
	// Identical context: nearness to the old start decides.
	md := "Intro.\n\nRepeat me now.\n\nRepeat me now.\n\nRepeat me now.\n"
	third := strings.LastIndex(md, "Repeat")
	q = Quote{Exact: "Repeat me now.", Start: third, End: third + 14}
	if _, at, ok := reanchorText(t, md, q); !ok || at != third {
		t.Errorf("duplicate by nearness: at %d ok=%v, want %d", at, ok, third)
	}
}

const motionDoc = "First sentence here. Second one! Third?\n\nNew *paragraph* starts. Another [linked](http://x.example) sentence.\n\n- Item one.\n- Item two.\n"

func TestMotions(t *testing.T) {
	at := func(s string) int { return strings.Index(motionDoc, s) }
	cases := []struct {
		name string
		got  int
		want int
	}{
		{"NextWord from start", NextWord(motionDoc, 0), at("sentence here")},
		{"NextWord mid-word", NextWord(motionDoc, at("entence")), at("here")},
		{"NextWord over markup", NextWord(motionDoc, at("New")), at("paragraph")},
		{"NextWord into link", NextWord(motionDoc, at("Another")), at("linked")},
		{"PrevWord", PrevWord(motionDoc, at("here")), at("sentence here")},
		{"PrevWord mid-word", PrevWord(motionDoc, at("ere.")), at("here")},
		{"NextSentence", NextSentence(motionDoc, 0), at("Second")},
		{"NextSentence 2", NextSentence(motionDoc, at("Second")), at("Third")},
		{"NextSentence across paragraph", NextSentence(motionDoc, at("Third")), at("New")},
		{"NextSentence into list", NextSentence(motionDoc, at("Another")), at("Item one")},
		{"PrevSentence mid", PrevSentence(motionDoc, at("one!")), at("Second")},
		{"PrevSentence at start", PrevSentence(motionDoc, at("Second")), 0},
		{"NextParagraph", NextParagraph(motionDoc, 0), at("New")},
		{"NextParagraph to item", NextParagraph(motionDoc, at("New")), at("Item one")},
		{"PrevParagraph mid", PrevParagraph(motionDoc, at("Another")), at("New")},
		{"PrevParagraph at start", PrevParagraph(motionDoc, at("New")), 0},
		{"NextWord at end", NextWord(motionDoc, at("two.")+3), at("two.") + 3},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %d (%q), want %d (%q)", c.name, c.got, snippet(c.got), c.want, snippet(c.want))
		}
	}
	// A vowel sign is part of its word: w stopped inside भारतीय and يُعدّ.
	for _, doc := range []string{"भारतीय शास्त्रीय संगीत", "يُعدّ النهر طويلا", "ประวัติศาสตร์ ของ กรุงเทพ"} {
		second := strings.Index(doc, " ") + 1
		if got := NextWord(doc, 0); got != second {
			t.Errorf("NextWord(%q, 0) = %d, want %d", doc, got, second)
		}
		if got := PrevWord(doc, second+3); got != second {
			t.Errorf("PrevWord(%q, %d) = %d, want %d", doc, second+3, got, second)
		}
	}
	s, e := SentenceAt(motionDoc, at("one!"))
	if got := motionDoc[s:e]; got != "Second one!" {
		t.Errorf("SentenceAt = %q", got)
	}
	s, e = SentenceAt(motionDoc, at("linked"))
	if got := motionDoc[s:e]; got != "Another [linked](http://x.example) sentence." {
		t.Errorf("SentenceAt over a link = %q", got)
	}
}

func snippet(off int) string {
	if off < 0 || off >= len(motionDoc) {
		return ""
	}
	return motionDoc[off:min(off+10, len(motionDoc))]
}

// Every motion target is a mapped cell of the rendered document: the
// cursor never lands on decoration.
func TestMotionsLandOnText(t *testing.T) {
	md := readTestdata(t, "tricky.md")
	d := mustRender(t, md, 60)
	mapped := map[int]bool{}
	for l := range d.Lines {
		for c := range d.row(l) {
			if o := d.Offset(l, c); o >= 0 {
				mapped[o] = true
			}
		}
	}
	for name, move := range map[string]func(string, int) int{"word": NextWord, "sentence": NextSentence, "paragraph": NextParagraph} {
		off, n := 0, 0
		for {
			next := move(md, off)
			if next == off {
				break
			}
			if next < off {
				t.Fatalf("%s motion went backwards: %d -> %d", name, off, next)
			}
			if !mapped[next] {
				t.Errorf("%s motion landed on unmapped offset %d (%q)", name, next, md[next:min(next+8, len(md))])
			}
			off = next
			if n++; n > 5000 {
				t.Fatalf("%s motion does not end", name)
			}
		}
		if n < 3 {
			t.Errorf("%s motion moved only %d times", name, n)
		}
	}
	for off := len(md); ; {
		prev := PrevWord(md, off)
		if prev == off {
			break
		}
		if !mapped[prev] {
			t.Errorf("PrevWord landed on unmapped offset %d", prev)
		}
		off = prev
	}
}

// "no." ends a sentence: "No." as an abbreviation comes before a number,
// which the digit rule keeps.
func TestSentenceNo(t *testing.T) {
	cases := []sentenceCase{
		{"Oh, no. It seems like rain today.", "seems", "It seems like rain today."},
		{"I said no. Then he left.", "Then", "Then he left."},
		{"It ranked No. 1 in the poll. Then it fell.", "ranked", "It ranked No. 1 in the poll."},
	}
	checkSentences(t, cases)
}

// German, Polish, Spanish and French abbreviations that never end a
// sentence keep it whole though the next word is capitalised (German nouns
// always are).
func TestSentenceAbbreviationsOtherLanguages(t *testing.T) {
	cases := []sentenceCase{
		{"Es geht um IS-Kämpfer bzw. Terroristen aus Europa. Danach kam nichts.", "Terroristen", "Es geht um IS-Kämpfer bzw. Terroristen aus Europa."},
		{"Es gibt Risiken, wie z.B. Wetter und Wind. Das ist klar.", "Wetter", "Es gibt Risiken, wie z.B. Wetter und Wind."},
		{"Die Inspektion inkl. Blitzschutzmessung dauert. Dann ruht sie.", "Blitzschutz", "Die Inspektion inkl. Blitzschutzmessung dauert."},
		{"Das Startup erhält 7 Mio. Euro von Investoren. Sie zahlen bar.", "Euro", "Das Startup erhält 7 Mio. Euro von Investoren."},
		{"Das steht u.a. Menschen offen, d.h. Kindern auch. Gut so.", "Kindern", "Das steht u.a. Menschen offen, d.h. Kindern auch."},
		{"Byli tam m.in. Polacy i tzw. Europejczycy. Potem wyszli.", "Europejczycy", "Byli tam m.in. Polacy i tzw. Europejczycy."},
		{"Mieszka przy ul. Długiej w Krakowie. To blisko.", "Długiej", "Mieszka przy ul. Długiej w Krakowie."},
		{"La Sra. García llegó tarde. Nadie la esperaba.", "García", "La Sra. García llegó tarde."},
		{"Questo libro è il mio. Poi ne parliamo.", "Poi", "Poi ne parliamo."},
		{"Es kostet 2 Mrd. Euro. Das ist viel.", "Euro", "Es kostet 2 Mrd. Euro."},
	}
	checkSentences(t, cases)
}

// German quotes close with “ or ‘ („so“, »so«): a sentence ending inside
// them ends after them.
func TestSentenceGermanQuotes(t *testing.T) {
	cases := []sentenceCase{
		{"„Geh nach Hause und schlaf.“ Der das sagte, war Chamberlain. Er glaubte es.", "Der das", "Der das sagte, war Chamberlain."},
		{"„Geh nach Hause und schlaf.“ Der das sagte, war Chamberlain.", "Hause", "„Geh nach Hause und schlaf.“"},
		{"»Komm mit!« Sie ging. Er blieb.", "Sie", "Sie ging."},
		{"‚Nie wieder.‘ So sprach er. Dann nichts.", "So", "So sprach er."},
	}
	checkSentences(t, cases)
}

// A German date or ordinal ("am 3. November", "im 19. Jahrhundert") does
// not end its sentence; a number that ends one still does.
func TestSentenceGermanOrdinals(t *testing.T) {
	cases := []sentenceCase{
		{"Die Sitzung findet am 3. November statt. Alle kommen.", "statt", "Die Sitzung findet am 3. November statt."},
		{"Das Haus stammt aus dem 19. Jahrhundert und steht noch. Es ist alt.", "steht", "Das Haus stammt aus dem 19. Jahrhundert und steht noch."},
		{"Er starb am 1. Jänner in Wien. Sie blieb.", "Wien", "Er starb am 1. Jänner in Wien."},
		{"Sales rose by 5. Prices fell in March.", "Prices", "Prices fell in March."},
		{"The vote was 52 to 48. The bill passed.", "bill", "The bill passed."},
	}
	checkSentences(t, cases)
}

// Chinese and Japanese full stops end a sentence with no space after them;
// Arabic, Urdu and Devanagari ones end it as a full stop does.
func TestSentenceOtherScripts(t *testing.T) {
	cases := []sentenceCase{
		{"日本語の文章です。これは二番目の文です。中文句子也在这里。", "二番目", "これは二番目の文です。"},
		{"你好吗？我很好！谢谢。", "我很好", "我很好！"},
		{"真的吗？！是的。", "是的", "是的。"},
		{"他说：“走吧。”然后走了。", "然后", "然后走了。"},
		{"他走了。“我们走吧，”她说。", "我们", "“我们走吧，”她说。"},
		{"Er sagte: „Geh nach Hause.“ Dann ging er.", "Dann", "Dann ging er."},
		{"هل أنت بخير؟ نعم، شكرا.", "نعم", "نعم، شكرا."},
		{"یہ پہلا جملہ ہے۔ یہ دوسرا ہے۔", "دوسرا", "یہ دوسرا ہے۔"},
		{"यह पहला वाक्य है। यह दूसरा है।", "दूसरा", "यह दूसरा है।"},
	}
	checkSentences(t, cases)
	doc := "一つ目。二つ目。"
	if got, want := NextSentence(doc, 0), strings.Index(doc, "二"); got != want {
		t.Errorf("NextSentence = %d, want %d", got, want)
	}
}

// A full stop after an abbreviation or an initial, or before a word in
// lower case, does not end the sentence.
func TestSentenceAbbreviations(t *testing.T) {
	cases := []sentenceCase{
		{"The series ended close to 2 a.m. local time on Wednesday. Spain won.", "local", "The series ended close to 2 a.m. local time on Wednesday."},
		{"Dr. Smith met Mr. Jones at St. Paul's. They talked.", "Jones", "Dr. Smith met Mr. Jones at St. Paul's."},
		{"A book by J. K. Rowling sold well. Another did not.", "Rowling", "A book by J. K. Rowling sold well."},
		{"Bring fruit, e.g. apples, and bread etc. for the trip. Then go.", "trip", "Bring fruit, e.g. apples, and bread etc. for the trip."},
		{"It rained. The river rose.", "river", "The river rose."},
		{"Prices rose in the U.S. The rest of the world waited.", "rest", "The rest of the world waited."},
	}
	checkSentences(t, cases)
}

// sentenceCase is a text, a word in it, and the sentence that holds it.
type sentenceCase struct{ doc, at, want string }

// checkSentences checks SentenceAt at each case's word.
func checkSentences(t *testing.T, cases []sentenceCase) {
	t.Helper()
	for _, c := range cases {
		s, e := SentenceAt(c.doc, strings.Index(c.doc, c.at))
		if got := c.doc[s:e]; got != c.want {
			t.Errorf("SentenceAt(%q) = %q, want %q", c.at, got, c.want)
		}
	}
}

// A quote typed with its accents as combining marks (NFD, as macOS
// writes them) was not found in the article's composed text.
func TestFindQuoteDecomposed(t *testing.T) {
	md := "Tiếng Việt có dấu, và café au lait.\n\nAnother paragraph here."
	for _, q := range []string{"Tie\u0302\u0301ng Vie\u0323\u0302t", "cafe\u0301 au lait"} {
		if _, _, err := FindQuote(md, q); err != nil {
			t.Errorf("FindQuote(%q): %v", q, err)
		}
		if _, _, ok := Reanchor(md, Quote{Exact: q}); !ok {
			t.Errorf("Reanchor(%q) failed", q)
		}
	}
}

// A sentence opening with a number was joined to the one before: h on
// "1942/43 werden ..." quoted "... scheitern. 1942/43 werden ...". A number
// after a short word or an abbreviation is no new sentence ("No. 5").
func TestSentenceOpeningWithANumber(t *testing.T) {
	md := "Alle Auswanderungsversuche scheitern. 1942/43 werden Vater, Mutter und Bruder ermordet. Siehe Abb. 3 und No. 5 dazu. Er kam am 3. November 2019 an."
	at := func(s string) int { return strings.Index(md, s) }
	if got := NextSentence(md, 0); got != at("1942/43") {
		t.Errorf("NextSentence from the start = %d (%q), want the number's sentence", got, md[got:])
	}
	if got := NextSentence(md, at("1942/43")); got != at("Siehe") {
		t.Errorf("NextSentence = %d (%q), want Siehe", got, md[got:])
	}
	if got := NextSentence(md, at("Siehe")); got != at("Er kam") {
		t.Errorf("NextSentence = %d (%q): broke at Abb. 3, No. 5 or a date", got, md[got:])
	}
}

// A sentence ending in a reference marker ran into the next one: h quoted
// "... a citation.[1] The second sentence follows it." as one.
func TestSentenceEndsAfterItsReference(t *testing.T) {
	md := "The first sentence ends with a citation.[1] The second sentence follows it. A third ends here.[^2] And a fourth.¹² A fifth.\n\n[^2]: A note.\n"
	at := func(s string) int { return strings.Index(md, s) }
	for from, want := range map[string]string{"The first": "The second", "The second": "A third", "A third": "And a fourth", "And a fourth": "A fifth"} {
		if got := NextSentence(md, at(from)); got != at(want) {
			t.Errorf("NextSentence from %q = %q, want %q", from, md[got:min(got+12, len(md))], want)
		}
	}
}

// w in Japanese or Chinese went from one punctuation mark to the next, a
// whole clause at a time, so part of a clause could not be selected from
// the keyboard: each ideograph is now a stop, with the kana that end its
// word; katakana runs and script changes are stops too. b walks back over
// the same stops.
func TestCJKWordMotions(t *testing.T) {
	md := "子どもへの虐待を防ぐテストする。最近、ID番号々です。Hindi हिन्दी text."
	var stops []string
	for off := 0; ; {
		next := NextWord(md, off)
		if next == off {
			break
		}
		off = next
		stops = append(stops, md[off:])
	}
	want := []string{"虐", "待を", "防ぐ", "テスト", "する", "最", "近", "ID", "番", "号々です", "Hindi", "हिन्दी", "text"}
	if len(stops) != len(want) {
		t.Fatalf("%d stops, want %d: %q", len(stops), len(want), stops)
	}
	for i, w := range want {
		if !strings.HasPrefix(stops[i], w) {
			t.Errorf("stop %d: %q, want it to open with %q", i, stops[i], w)
		}
	}
	// Back again, stop by stop.
	off := len(md) - len("text.")
	for i := len(want) - 2; i >= 0; i-- {
		off = PrevWord(md, off)
		if !strings.HasPrefix(md[off:], want[i]) {
			t.Errorf("b to %q, want %q", md[off:min(off+12, len(md))], want[i])
		}
	}
	if off = PrevWord(md, off); off != 0 {
		t.Errorf("b to the start: %d", off)
	}
}

// ← and → move a character at a time (a letter with its marks is one),
// over markup and from one block to the next, and stop at the text's ends.
func TestCharMotions(t *testing.T) {
	md := "Ab *cd*\n\nहि e\u0301x\n"
	var got []string
	for off := 0; ; {
		next := NextChar(md, off)
		if next == off {
			break
		}
		off = next
		r, _ := utf8.DecodeRuneInString(md[off:])
		got = append(got, string(r))
	}
	if want := []string{"b", " ", "c", "d", "ह", " ", "e", "x"}; !slices.Equal(got, want) {
		t.Errorf("→ stops %q", got)
	}
	end := strings.Index(md, "x")
	var back []string
	for off := end; ; {
		prev := PrevChar(md, off)
		if prev == off {
			break
		}
		off = prev
		r, _ := utf8.DecodeRuneInString(md[off:])
		back = append(back, string(r))
	}
	if len(back) == 0 || back[len(back)-1] != "A" || slices.Contains(back, "\u0301") || slices.Contains(back, "*") {
		t.Errorf("← stops %q", back)
	}
}
