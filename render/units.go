package render

import "sort"

// unitTable is a projection's units, kept as runs: units that follow each
// other in the source and in the plain text, each as long as the last
// (ASCII letters, one byte each; or runs of two-byte letters), are one run
// of six numbers. One unit of sixteen bytes a source byte, and a plain
// byte to unit map of four more, were 23 MB of a 200,000-word article's
// parsed text, held as long as the reader shows it.
type unitTable struct {
	runs []unitRun
	n    int32 // units
}

type unitRun struct {
	u0      int32 // index of its first unit
	off, ps int32 // the first unit's source and plain offsets
	n       int32 // units in the run
	sl, pl  int32 // each unit's source and plain length
}

// len is the number of units.
func (t *unitTable) len() int { return int(t.n) }

// run returns the index of the run holding unit i.
func (t *unitTable) run(i int32) int {
	return sort.Search(len(t.runs), func(k int) bool { return t.runs[k].u0 > i }) - 1
}

// at returns unit i.
func (t *unitTable) at(i int32) unit { return t.unitIn(t.run(i), i) }

// near is at for a caller walking the units in order: *hint is the run
// of its last unit, tried (and the one after it) before a search.
func (t *unitTable) near(i int32, hint *int) unit {
	k := *hint
	in := func(k int) bool {
		return k >= 0 && k < len(t.runs) && t.runs[k].u0 <= i && i < t.runs[k].u0+t.runs[k].n
	}
	if !in(k) {
		if k++; !in(k) {
			k = t.run(i)
		}
		*hint = k
	}
	return t.unitIn(k, i)
}

// unitIn returns unit i of run k.
func (t *unitTable) unitIn(k int, i int32) unit {
	r := &t.runs[k]
	j := i - r.u0
	off, ps := r.off+j*r.sl, r.ps+j*r.pl
	return unit{off: off, end: off + r.sl, ps: ps, pe: ps + r.pl}
}

// add appends a unit.
func (t *unitTable) add(u unit) {
	sl, pl := u.end-u.off, u.pe-u.ps
	if m := len(t.runs) - 1; m >= 0 {
		r := &t.runs[m]
		if r.sl == sl && r.pl == pl && r.off+r.n*sl == u.off && r.ps+r.n*pl == u.ps {
			r.n++
			t.n++
			return
		}
	}
	t.runs = append(t.runs, unitRun{u0: t.n, off: u.off, ps: u.ps, n: 1, sl: sl, pl: pl})
	t.n++
}

// pop drops the last unit.
func (t *unitTable) pop() {
	m := len(t.runs) - 1
	if m < 0 {
		return
	}
	t.n--
	if t.runs[m].n--; t.runs[m].n == 0 {
		t.runs = t.runs[:m]
	}
}

// unitOf returns the unit showing plain byte i, -1 for a separator.
func (t *unitTable) unitOf(i int32) int32 {
	k := sort.Search(len(t.runs), func(k int) bool { return t.runs[k].ps > i }) - 1
	for ; k >= 0; k-- {
		r := &t.runs[k]
		if r.pl == 0 {
			continue // covers no plain byte
		}
		if i < r.ps+r.n*r.pl {
			return r.u0 + (i-r.ps)/r.pl
		}
		return -1
	}
	return -1
}

// unitOf returns the unit showing plain byte i, -1 for a separator.
func (p *proj) unitOf(i int) int32 { return p.units.unitOf(int32(i)) }
