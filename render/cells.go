package render

// cellRow is one display line's cell map (the source offset each cell
// shows, -1 for decoration), kept small: most cells of a line show
// consecutive source bytes, so a line is stored as runs of cells whose
// offsets climb by one, three numbers a run; a line where that saves
// nothing (accented or wide text) keeps one offset a cell. One offset a
// cell, with the slack of its slice, was 13 MB of a 200,000-word
// article's rendering.
type cellRow struct {
	data []int32 // (first cell, cells, first offset) triples when runs, else one offset a cell
	n    int32   // cells in the line
	runs bool
}

// newCellRow stores a line's offsets (cells is not kept).
func newCellRow(cells []int32) cellRow {
	k := 0 // runs of mapped cells
	for c, o := range cells {
		if o >= 0 && (c == 0 || cells[c-1] < 0 || cells[c-1]+1 != o) {
			k++
		}
	}
	r := cellRow{n: int32(len(cells))}
	if 3*k >= len(cells) {
		if len(cells) > 0 {
			r.data = append([]int32(nil), cells...)
		}
		return r
	}
	r.runs = true
	r.data = make([]int32, 0, 3*k)
	for c, o := range cells {
		if o < 0 {
			continue
		}
		if i := len(r.data) - 3; i >= 0 && r.data[i]+r.data[i+1] == int32(c) && r.data[i+2]+r.data[i+1] == o {
			r.data[i+1]++
			continue
		}
		r.data = append(r.data, int32(c), 1, o)
	}
	return r
}

// len is the number of cells.
func (r cellRow) len() int { return int(r.n) }

// at returns the offset cell c shows, -1 for decoration or outside.
func (r cellRow) at(c int) int32 {
	if c < 0 || c >= int(r.n) {
		return -1
	}
	if !r.runs {
		return r.data[c]
	}
	for i := 0; i+2 < len(r.data); i += 3 {
		first, n := int(r.data[i]), int(r.data[i+1])
		if c < first {
			break
		}
		if c < first+n {
			return r.data[i+2] + int32(c-first)
		}
	}
	return -1
}

// expand writes the offsets of every cell into buf (reused when large
// enough) and returns them.
func (r cellRow) expand(buf []int32) []int32 {
	if !r.runs {
		return append(buf[:0], r.data...)
	}
	buf = buf[:0]
	for range r.n {
		buf = append(buf, -1)
	}
	for i := 0; i+2 < len(r.data); i += 3 {
		first, n, off := r.data[i], r.data[i+1], r.data[i+2]
		for k := range n {
			buf[first+k] = off + k
		}
	}
	return buf
}

// bounds returns the smallest and the largest offset the line shows (-1
// when none).
func (r cellRow) bounds() (lo, hi int32) {
	lo, hi = -1, -1
	for i := 0; i < len(r.data); {
		o, last := r.data[i], r.data[i]
		if r.runs {
			o, last = r.data[i+2], r.data[i+2]+r.data[i+1]-1
			i += 3
		} else {
			i++
		}
		if o < 0 {
			continue
		}
		if lo < 0 || o < lo {
			lo = o
		}
		hi = max(hi, last)
	}
	return lo, hi
}

// shift adds a to every offset the line shows.
func (r cellRow) shift(a int32) {
	if r.runs {
		for i := 2; i < len(r.data); i += 3 {
			r.data[i] += a
		}
		return
	}
	for i, o := range r.data {
		if o >= 0 {
			r.data[i] = o + a
		}
	}
}
