package reader_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"margin/bench"
	"margin/reader"
)

// TestFromTextCorpus scores FromText on the pasted-text corpus with the
// benchmark's shingle F1 (../shared/docs/benchmarks.md, section 2). The
// rules were tuned on pages whose id starts with 0-7 only; pages 8-f are
// the held-out half. The floors are the figures reached minus a margin,
// so a change that makes cleaning worse fails here.
func TestFromTextCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "pasted")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Skip("../shared not present")
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatalf("parse ground truth: %v", err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var all, tuned, held []bench.Score
	for _, id := range ids {
		page, err := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
		if err != nil {
			t.Fatalf("read page %s: %v", id, err)
		}
		text := ""
		if a, err := reader.FromText(string(page)); err == nil {
			text = a.Text
		}
		s := bench.Compare(truth[id].ArticleBody, text)
		all = append(all, s)
		if id[0] <= '7' {
			tuned = append(tuned, s)
		} else {
			held = append(held, s)
		}
	}
	for _, c := range []struct {
		name   string
		scores []bench.Score
		floor  float64
	}{
		{"all", all, textFloorAll},
		{"0-7 (tuned)", tuned, textFloorTuned},
		{"8-f (held out)", held, textFloorHeld},
	} {
		s := bench.Summarise(c.scores)
		t.Logf("%-15s pages %2d  F1 %.3f  P %.3f  R %.3f", c.name, s.Pages, s.F1, s.Precision, s.Recall)
		if s.F1 < c.floor {
			t.Errorf("%s: F1 %.3f below %.3f", c.name, s.F1, c.floor)
		}
	}
}

// Figures reached when the rules were last changed, minus 0.01.
const (
	textFloorAll   = 0.90
	textFloorTuned = 0.95
	textFloorHeld  = 0.845
)
