package render

import (
	"strings"
	"testing"
)

// The blocks of a quote, joined by blank lines, are its Exact, for a
// passage starting and ending anywhere, so an export can quote from them
// and be sure it quotes what was highlighted.
func TestQuoteBlocksJoinToExact(t *testing.T) {
	md := "Intro *with* emphasis\nand a soft break.\n\n- one\n- two\n  - nested **bold**\n\n" +
		"  second paragraph of two\n\n| h1 | h2 |\n|---|---|\n| a | `b` |\n\n```go\nx := 1\n\ny := 2\n```\n\n" +
		"3. three\n4. four\n\n> quoted line  \n> hard break\n\n## Heading\n\nEnd.\n"
	tx := Parse(md)
	var rs [][2]int
	for s := 0; s < len(md); s += 3 {
		for e := s + 1; e <= len(md); e += 7 {
			rs = append(rs, [2]int{s, e})
		}
	}
	kinds := map[BlockKind]bool{}
	for i, bs := range QuoteBlocks(md, rs) {
		texts := make([]string, len(bs))
		for j, b := range bs {
			texts[j] = b.Text
			kinds[b.Kind] = true
		}
		if got, want := strings.Join(texts, "\n\n"), tx.QuoteAt(rs[i][0], rs[i][1]).Exact; got != want {
			t.Fatalf("%v %q: blocks %q, exact %q", rs[i], md[rs[i][0]:rs[i][1]], got, want)
		}
	}
	if len(kinds) != 4 {
		t.Errorf("block kinds seen: %v, want all four", kinds)
	}
	// Where each block stands.
	s := strings.Index(md, "two")
	bs := QuoteBlocks(md, [][2]int{{s, strings.Index(md, "four") + 4}})[0]
	want := []QuoteBlock{
		{Text: "two", Kind: BlockItem, Depth: 1, First: true},
		{Text: "nested bold", Kind: BlockItem, Depth: 2, First: true},
		{Text: "second paragraph of two", Kind: BlockItem, Depth: 1},
		{Text: "h1", Kind: BlockCell, Cols: 2},
		{Text: "h2", Kind: BlockCell, Col: 1, Cols: 2},
		{Text: "a", Kind: BlockCell, Row: 1, Cols: 2},
		{Text: "b", Kind: BlockCell, Row: 1, Col: 1, Cols: 2},
		{Text: "x := 1\n\ny := 2", Kind: BlockCode},
		{Text: "three", Kind: BlockItem, Depth: 1, Number: 3, First: true},
		{Text: "four", Kind: BlockItem, Depth: 1, Number: 4, First: true},
	}
	if len(bs) != len(want) {
		t.Fatalf("%d blocks, want %d: %+v", len(bs), len(want), bs)
	}
	for i := range want {
		b := bs[i]
		b.Group = 0
		if b != want[i] {
			t.Errorf("block %d: %+v, want %+v", i, b, want[i])
		}
	}
}
