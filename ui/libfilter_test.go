package ui

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"margin/store"
)

// refRank is the filter's ranking as first written: every title scored by
// fuzzyScore, then a stable sort by score.
func refRank(hay []string, q string) []int {
	type hit struct{ row, score int }
	var hits []hit
	for i, h := range hay {
		if s, ok := fuzzyScore(h, q); ok {
			hits = append(hits, hit{i, s})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return b.score - a.score })
	rows := []int{}
	for _, h := range hits {
		rows = append(rows, h.row)
	}
	return rows
}

func randText(r *rand.Rand, n int, alphabet string) string {
	letters := []rune(alphabet)
	var b strings.Builder
	for range n {
		b.WriteRune(letters[r.IntN(len(letters))])
	}
	return b.String()
}

// The byte-by-byte scoring of ASCII text gives fuzzyScore's scores.
func TestMatcherScoresAsFuzzyScore(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		hay := randText(r, r.IntN(40), "abcdeABE .-1'")
		q := strings.TrimSpace(randText(r, 1+r.IntN(5), "abcde 1-é"))
		if q == "" {
			continue
		}
		m := newMatcher(q)
		got, gok := m.score(hay, true) // as typed, compared folded
		want, wok := fuzzyScore(strings.ToLower(hay), q)
		if got != want || gok != wok {
			t.Fatalf("score(%q, %q) = %d %v, fuzzyScore gives %d %v", hay, q, got, gok, want, wok)
		}
	}
}

// rankOrder sorts as a stable sort by descending score does.
func TestRankOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		n := r.IntN(300)
		scores := make([]uint32, n)
		for i := range scores {
			switch r.IntN(3) {
			case 0:
				scores[i] = uint32(r.IntN(4))
			case 1:
				scores[i] = uint32(r.IntN(1 << 20))
			default:
				scores[i] = 1<<16 + uint32(r.IntN(50))
			}
		}
		want := make([]int32, n)
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortStableFunc(want, func(a, b int32) int { return int(scores[b]) - int(scores[a]) })
		if got := rankOrder(scores); !slices.Equal(got, want) {
			t.Fatalf("rankOrder(%v) = %v, want %v", scores, got, want)
		}
	}
}

// Typing and backspacing (rankings narrowed from the query before, and
// kept for backspace) list the same rows in the same order as ranking
// every title afresh, non-ASCII titles included.
func TestRankNarrowsAsTyped(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	defer func(n int) { parallelFrom = n }(parallelFrom)
	parallelFrom = 100 // scored in parts too
	l := &libraryModel{}
	for range 500 {
		l.arts = append(l.arts, libRow{Title: randText(r, 5+r.IntN(30), "abcdeéABÉ rs-"), SiteName: randText(r, 3, "aS")})
	}
	l.fold()
	var lowered []string // the filter's text as fuzzyScore reads it
	for _, a := range l.arts {
		lowered = append(lowered, foldFilter(a.Title+" "+a.SiteName))
	}
	typed := ""
	for range 3000 {
		switch k := r.IntN(10); {
		case k < 6 || typed == "":
			typed += randText(r, 1, "abcdeé rs")
		case k < 9:
			_, n := lastRuneSize(typed)
			typed = typed[:len(typed)-n]
		default:
			typed = ""
		}
		q := foldFilter(strings.TrimSpace(typed))
		if q == "" {
			continue
		}
		l.rank(q)
		if want := refRank(lowered, q); !slices.Equal(l.rows, want) {
			t.Fatalf("rank(%q) = %v\nwant %v", q, l.rows, want)
		}
	}
}

func lastRuneSize(s string) (rune, int) {
	rs := []rune(s)
	return rs[len(rs)-1], len(string(rs[len(rs)-1]))
}

// BenchmarkRank100k ranks 100,000 generated titles for a first letter
// (every title scored) and for a word extending it (narrowed).
func BenchmarkRank100k(b *testing.B) {
	g := store.NewGenerator(1)
	l := &libraryModel{}
	for i := range 100000 {
		a := g.Article(i, 0)
		l.arts = append(l.arts, libRow{ID: int64(i + 1), Title: a.Title, SiteName: a.SiteName})
	}
	l.fold()
	lowered := make([]string, len(l.arts)) // the text as fuzzyScore reads it
	for i, a := range l.arts {
		lowered[i] = strings.ToLower(a.Title + " " + a.SiteName)
	}
	// Baselines: a plain substring scan of the same text, and the
	// ranking as first written (fuzzyScore on every title, stable sort).
	b.Run("contains-scan", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for _, h := range lowered {
				if strings.Contains(h, "s") {
					n++
				}
			}
		}
	})
	b.Run("first-letter-before", func(b *testing.B) {
		for b.Loop() {
			_ = refRank(lowered, "s")
		}
	})
	b.Run("first-letter", func(b *testing.B) {
		for b.Loop() {
			l.steps = nil
			l.rank("s")
		}
	})
	b.Run("narrowed", func(b *testing.B) {
		for b.Loop() {
			l.steps = nil
			l.rank("s")
			l.rank("se")
			l.rank("sec")
		}
	})
}

// A title typed whole comes before titles holding its words apart, and one
// that opens with the query first of all (a scattered match ranked first).
func TestFilterRanksTheTitleTyped(t *testing.T) {
	titles := []string{
		"Privacy farm data health court labour farm city energy peace science security",
		"Labour health peace",
		"War budget and the farm",
		"The war budget farm",
		"Rapport sur la santé: Labour health peace",
	}
	l := &libraryModel{}
	for _, title := range titles {
		l.arts = append(l.arts, libRow{Title: title, SiteName: "r.example.com"})
	}
	l.fold()
	for _, c := range []struct{ q, first, second string }{
		{"labour health peace", "Labour health peace", "Rapport sur la santé: Labour health peace"},
		{"labour", "Labour health peace", ""},
		{"war budget", "War budget and the farm", "The war budget farm"},
	} {
		l.steps = nil
		l.rank(foldFilter(c.q))
		if len(l.rows) == 0 || titles[l.rows[0]] != c.first {
			t.Errorf("%q: first %v, want %q", c.q, l.rows, c.first)
			continue
		}
		if c.second != "" && (len(l.rows) < 2 || titles[l.rows[1]] != c.second) {
			t.Errorf("%q: second %v, want %q", c.q, l.rows, c.second)
		}
	}
}
