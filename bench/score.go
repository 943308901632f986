// Package bench measures margin against its baselines: extraction quality
// (the shingle F1 of ../shared/docs/benchmarks.md), extraction speed,
// reading speed and library scale.
package bench

import (
	"strings"
	"unicode"
)

// Score is one page's share of true positives, false positives and false
// negatives, normalised so that tp+fp+fn = 1 and every page weighs the same.
type Score struct {
	TP, FP, FN float64
}

// Precision of one page; 1 when nothing was wrong.
func (s Score) Precision() float64 {
	if s.FP == 0 && s.FN == 0 {
		return 1
	}
	if s.TP+s.FP == 0 {
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

// Recall of one page; 1 when nothing was wrong.
func (s Score) Recall() float64 {
	if s.FP == 0 && s.FN == 0 {
		return 1
	}
	if s.TP+s.FN == 0 {
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// F1 of one page.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Tokens splits s into maximal runs of Unicode word characters (\w+).
func Tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))
	})
}

func shingles(s string) map[string]int {
	t := Tokens(s)
	m := make(map[string]int)
	if len(t) == 0 {
		return m
	}
	if len(t) < 4 {
		m[strings.Join(t, " ")]++
		return m
	}
	for i := 0; i+4 <= len(t); i++ {
		m[strings.Join(t[i:i+4], " ")]++
	}
	return m
}

// Compare scores predicted text against the truth.
func Compare(truth, predicted string) Score {
	ts, ps := shingles(truth), shingles(predicted)
	var tp, fp, fn float64
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		if tc > pc {
			fn += float64(tc - pc)
		}
	}
	for k, pc := range ps {
		if tc := ts[k]; pc > tc {
			fp += float64(pc - tc)
		}
	}
	if sum := tp + fp + fn; sum > 0 {
		tp, fp, fn = tp/sum, fp/sum, fn/sum
	}
	return Score{tp, fp, fn}
}

// Summary is the corpus-level result: mean precision and recall over the
// pages that count, and the F1 of those two means.
type Summary struct {
	Precision, Recall, F1 float64
	Pages                 int
}

// Summarise combines page scores as the benchmark defines.
func Summarise(scores []Score) Summary {
	var p, r float64
	var np, nr int
	for _, s := range scores {
		if s.TP+s.FP > 0 || s.FN == 0 {
			p += s.Precision()
			np++
		}
		if s.TP+s.FN > 0 || s.FP == 0 {
			r += s.Recall()
			nr++
		}
	}
	var out Summary
	out.Pages = len(scores)
	if np > 0 {
		out.Precision = p / float64(np)
	}
	if nr > 0 {
		out.Recall = r / float64(nr)
	}
	if out.Precision+out.Recall > 0 {
		out.F1 = 2 * out.Precision * out.Recall / (out.Precision + out.Recall)
	}
	return out
}
