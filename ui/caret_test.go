package ui

import "testing"

func TestCaretSelection(t *testing.T) {
	md := "One two.  Three four.\n\nFive."
	for _, c := range []struct {
		name       string
		caret      caret
		start, end int
		ok         bool
	}{
		{"no selection", caret{cursor: 4, anchor: -1}, 0, 0, false},
		{"before the first rendering", caret{cursor: -1, anchor: 0}, 0, 0, false},
		{"forward", caret{cursor: 8, anchor: 0}, 0, 8, true},
		{"backward", caret{cursor: 0, anchor: 8}, 0, 8, true},
		{"white space trimmed at both ends", caret{cursor: 10, anchor: 7}, 7, 8, true},
		{"only white space", caret{cursor: 10, anchor: 8}, 0, 0, false},
		{"empty", caret{cursor: 5, anchor: 5}, 0, 0, false},
		{"past the end", caret{cursor: 500, anchor: 23}, 23, 28, true},
		{"across a paragraph break", caret{cursor: 23, anchor: 10}, 10, 21, true},
	} {
		start, end, ok := c.caret.selection(md)
		if ok != c.ok || ok && (start != c.start || end != c.end) {
			t.Errorf("%s: selection %d..%d %v, want %d..%d %v (%q)", c.name, start, end, ok, c.start, c.end, c.ok, md[start:end])
		}
	}
}

func TestCaretToggleSelect(t *testing.T) {
	c := caret{cursor: 7, anchor: -1}
	c.toggleSelect()
	if c.anchor != 7 {
		t.Errorf("v started at %d, want 7", c.anchor)
	}
	c.toggleSelect()
	if c.anchor != -1 {
		t.Error("v again did not end the selection")
	}
	c = caret{cursor: -1, anchor: -1}
	c.toggleSelect()
	if c.anchor != 0 {
		t.Errorf("v before the first rendering started at %d", c.anchor)
	}
}
