package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"margin/internal/article"
)

// commonWords head the generated vocabulary, so the most frequent words of
// the fake articles are real ones and benchmark queries can use them.
var commonWords = strings.Fields(`the of and to a in is that for it as was with be by on not he
this are or his from at which but have an they you were her she there been one all we their has
would when if so no what up out about who them can more will into some could time them its only
other new these two may first then do any like my now over such our man me even most made after
also did many before must through back years where much your way well down should because each
just those people how too little state good very make world still own see men work long get here
between both life being under never day same another know while last might us great old year off
come since against go came right used take three security assistance government policy war power
history market energy climate science language memory reading library network economy election
court water health school family city country border trade money bank river island mountain
winter summer music theatre novel poem letter archive evidence claim question argument reason`)

var syllables = strings.Fields(`ka to ri ne sa lo mi tu ve ra po li da ke su mo ni fa ro be
ta gi lu ze ho ma pe ri co vi na de so ul an el or in ar en ost ick eth ang ule ber`)

var siteNames = []string{"The Atlantic Review", "Harbor Notes", "Field Journal", "Long Reads",
	"The Quiet Quarterly", "Northern Essays", "Open Letters", "Margin Weekly", "Foreign Desk",
	"Science Digest", "City Chronicle", "The Archive", "Slow News", "Deep Dive", "Commonplace"}

// vocabulary returns n distinct words: the real ones first, then made-up
// ones, deterministically.
func vocabulary(n int) []string {
	seen := make(map[string]bool, n)
	words := make([]string, 0, n)
	for _, w := range commonWords {
		if !seen[w] && len(words) < n {
			seen[w] = true
			words = append(words, w)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for len(words) < n {
		var b strings.Builder
		for k := 1 + r.IntN(3); k >= 0; k-- {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

// Generator makes deterministic fake articles for benchmarks and tests.
type Generator struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
	seed  int64
}

// NewGenerator returns a Generator; the same seed gives the same articles.
func NewGenerator(seed int64) *Generator {
	r := rand.New(rand.NewPCG(uint64(seed), 0x6d617267696e))
	vocab := vocabulary(20000)
	return &Generator{r: r, zipf: rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1)), vocab: vocab, seed: seed}
}

func (g *Generator) word() string { return g.vocab[g.zipf.Uint64()] }

func capitalise(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// Article returns the i-th fake article of about words words, with
// Markdown (headings and paragraphs) and the matching plain text.
func (g *Generator) Article(i, words int) *Article {
	title := make([]string, 4+g.r.IntN(6))
	for k := range title {
		// Titles draw from the rarer words so they tell articles apart.
		title[k] = capitalise(g.vocab[g.r.IntN(len(g.vocab))])
	}
	var md, text strings.Builder
	written := 0
	for written < words {
		if written > 0 && g.r.IntN(6) == 0 {
			h := capitalise(g.word()) + " " + g.word() + " " + g.word()
			md.WriteString("## " + h + "\n\n")
			text.WriteString(h + "\n\n")
		}
		n := min(40+g.r.IntN(80), words-written)
		var p strings.Builder
		for k := 0; k < n; k++ {
			w := g.word()
			if k == 0 {
				w = capitalise(w)
			}
			if k > 0 {
				p.WriteByte(' ')
			}
			p.WriteString(w)
			if k == n-1 || g.r.IntN(14) == 0 {
				p.WriteByte('.')
			} else if g.r.IntN(12) == 0 {
				p.WriteByte(',')
			}
		}
		written += n
		md.WriteString(p.String() + "\n\n")
		text.WriteString(p.String() + "\n\n")
	}
	site := siteNames[g.r.IntN(len(siteNames))]
	url := fmt.Sprintf("https://example.org/populate/%d/%d", g.seed, i)
	return &Article{
		Content: article.Content{
			SourceURL:      url,
			CanonicalURL:   url,
			Title:          strings.Join(title, " "),
			Byline:         capitalise(g.vocab[g.r.IntN(len(g.vocab))]) + " " + capitalise(g.vocab[g.r.IntN(len(g.vocab))]),
			SiteName:       site,
			Language:       "en",
			Excerpt:        strings.TrimSpace(text.String()[:min(200, text.Len())]),
			Published:      time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(g.r.IntN(5*365*24)) * time.Hour),
			Markdown:       md.String(),
			Text:           strings.TrimSpace(text.String()),
			WordCount:      words,
			ReadingMinutes: (words + 229) / 230,
		},
	}
}

// Populate adds n generated articles of about words words each to s (for
// benchmarks: `Populate(ctx, s, 10000, 1500, 1)` builds the library of
// benchmarks.md section 5). The same seed gives the same articles, so
// running it twice adds nothing the second time.
func Populate(ctx context.Context, s *Store, n, words int, seed int64) error {
	g := NewGenerator(seed)
	const batch = 250
	for start := 0; start < n; start += batch {
		as := make([]*Article, 0, batch)
		for i := start; i < min(start+batch, n); i++ {
			as = append(as, g.Article(i, words))
		}
		if _, _, err := s.AddArticles(ctx, as); err != nil {
			return fmt.Errorf("populate library: %w", err)
		}
	}
	return nil
}

// PopulateTags gives the library's articles perArticle tags each out of n
// ("topic-0"…), in one transaction, unless it has tags already (for
// benchmarks: 2,000 tags over 10,000 articles).
func PopulateTags(ctx context.Context, s *Store, n, perArticle int) error {
	return s.write(ctx, "populate tags", func(tx *sql.Tx) error {
		var have int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tags`).Scan(&have); err != nil || have > 0 {
			return err
		}
		for i := range n {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tags (id, name) VALUES (?, ?)`, i+1, fmt.Sprintf("topic-%d", i)); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j + 1 < ?)
			INSERT OR IGNORE INTO article_tags (article_id, tag_id)
			SELECT a.id, (a.id * 7 + k.j * 131) % ? + 1 FROM articles a, k`, perArticle, n)
		return err
	})
}
