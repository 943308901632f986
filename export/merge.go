package export

import (
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// mergeMarkdown brings the user's file cur up to date with margin's new
// export next: next's margin region replaces cur's, and cur's front matter
// gets next's keys (see mergeFrontMatter); every other byte of cur stays.
// ours says cur is exactly what margin last wrote there, so a file from
// before margin marked its region may be replaced whole. reason, when not
// empty, says why the files cannot be merged.
func mergeMarkdown(cur, next string, ours bool) (merged, reason string) {
	// In a file whose line ends an editor made CRLF, margin's parts are
	// written in CRLF too: mixed line ends make some editors rewrite
	// every line. The user's own bytes stay as they are.
	eol := func(s string) string { return s }
	if crlf := strings.Count(cur, "\r\n"); crlf > 0 && 2*crlf > strings.Count(cur, "\n") {
		eol = func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	}
	return mergeWith(cur, next, ours, eol)
}

// mergeWith is mergeMarkdown writing margin's parts through eol.
func mergeWith(cur, next string, ours bool, eol func(string) string) (merged, reason string) {
	nfm, nbody := splitFrontMatter(next)
	nb, ne, _, _, nstamp, ok := findRegion(nbody)
	if !ok {
		return "", "margin's own export has no region (a bug)"
	}
	cfm, cbody := splitFrontMatter(cur)
	if cfm == "" && !strings.HasPrefix(cur, "---") {
		if ours {
			return next, ""
		}
		return "", "it has no front matter; put margin's back or move the file out of the export folder"
	}
	cb, ce, hash, inner, cstamp, ok := findRegion(cbody)
	if !ok {
		if ours {
			return next, ""
		}
		return "", "it has no margin region (the lines " + regionBegin + "… and " + regionEnd +
			"); put them back around margin's part, or move the file out of the export folder"
	}
	// An editor that turned the file's line ends into CRLF changed nothing.
	// A region written before regionHash ignored lines' trailing spaces
	// carries the hash of its bytes as they were.
	lf := strings.ReplaceAll(inner, "\r\n", "\n")
	if hash != "" && hash != regionHash(lf) && hash != sum([]byte(lf))[:16] {
		return "", "you edited inside margin's region, which it rewrites: move your words above or below it, " +
			"or delete the hash after margin:begin to let margin replace the region"
	}
	cfm = strings.ReplaceAll(cfm, "\r\n", "\n")
	fm, stamp, reason := mergeFrontMatter(cfm, nfm, cstamp)
	if reason != "" {
		return "", reason
	}
	head := cur[:len(cur)-len(cbody)]
	// The front matter is rewritten only when a margin key changed.
	if fm != cfm {
		head = eol("---\n" + fm + "---\n")
	}
	region := nbody[nb:ne]
	if nstamp != "" && stamp != nstamp {
		// The begin line records the values the file has now.
		region = strings.Replace(region, " "+nstamp+regionNote, " "+stamp+regionNote, 1)
	}
	return head + cbody[:cb] + eol(region) + cbody[ce:], ""
}

// findRegion finds the margin region in body: from the start of its begin
// line to the end of its end line (newline included), and the hash the
// begin line carries ("" when the user left it out), and what is between
// the two lines.
func findRegion(body string) (start, end int, hash, inner, stamp string, ok bool) {
	start = lineStarting(body, 0, regionBegin)
	if start < 0 {
		return 0, 0, "", "", "", false
	}
	eol := strings.IndexByte(body[start:], '\n')
	if eol < 0 {
		return 0, 0, "", "", "", false
	}
	line := body[start : start+eol]
	f := strings.Fields(strings.TrimPrefix(line, regionBegin))
	if len(f) > 0 && len(f[0]) == 16 && strings.Trim(f[0], "0123456789abcdef") == "" {
		hash, f = f[0], f[1:]
	}
	// The stamp is read with or without the hash: a user who deleted the
	// hash to let margin replace the region keeps the front matter they
	// edited (margin's title came back over theirs).
	if len(f) > 0 && strings.HasPrefix(f[0], stampPrefix) {
		stamp = f[0]
	}
	e := lineStarting(body, start+eol+1, regionEnd)
	if e < 0 {
		return 0, 0, "", "", "", false
	}
	inner = body[start+eol+1 : e]
	end = e + len(regionEnd)
	if end < len(body) && body[end] == '\r' {
		end++
	}
	if end < len(body) && body[end] == '\n' {
		end++
	}
	return start, end, hash, inner, stamp, true
}

// lineStarting returns the offset of the first line at or after from that
// starts with prefix, or -1.
func lineStarting(s string, from int, prefix string) int {
	for at := from; at <= len(s); {
		if strings.HasPrefix(s[at:], prefix) {
			return at
		}
		i := strings.IndexByte(s[at:], '\n')
		if i < 0 {
			return -1
		}
		at += i + 1
	}
	return -1
}

// listKeys are the front matter keys whose items are merged rather than
// replaced: the user's own tags and aliases stay beside margin's.
var listKeys = map[string]bool{"tags": true, "aliases": true}

// mergeFrontMatter updates the user's front matter cur with margin's next:
// each of next's keys gets next's value (tags and aliases: the user's items
// and margin's), written in place of the key's old lines only when its
// value changed; a key margin lacks is added at the end. Everything else,
// the user's own keys, comments and layout included, stays as it was. A
// key whose value the user changed (or removed) since margin wrote it, as
// stamp (fmStamp, from the file's begin line) tells, is the user's now
// and stays as the user left it. The stamp returned records the values
// the merged front matter holds.
func mergeFrontMatter(cur, next, stamp string) (string, string, string) {
	var cdoc, ndoc yaml.Node
	if err := yaml.Unmarshal([]byte(cur), &cdoc); err != nil {
		return "", "", "its front matter is not valid YAML (" + oneLine(err.Error()) + "); fix it and export again"
	}
	if err := yaml.Unmarshal([]byte(next), &ndoc); err != nil || len(ndoc.Content) == 0 {
		return "", "", "margin's front matter does not parse (a bug or a template error)"
	}
	nmap := ndoc.Content[0]
	var cmap *yaml.Node
	switch {
	case len(cdoc.Content) == 0:
		cmap = &yaml.Node{Kind: yaml.MappingNode}
	case cdoc.Content[0].Kind == yaml.MappingNode:
		cmap = cdoc.Content[0]
	default:
		return "", "", "its front matter is not a set of keys; fix it and export again"
	}
	last := readStamp(stamp, nmap)
	written := map[string]*yaml.Node{} // margin's keys: the value the file has after the merge
	lines := strings.SplitAfter(cur, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	type edit struct {
		from, to int // lines [from, to) replaced
		text     string
	}
	var edits []edit
	var added strings.Builder
	flow := cmap.Style&yaml.FlowStyle != 0
	for i := 0; i+1 < len(nmap.Content); i += 2 {
		k, nv := nmap.Content[i], nmap.Content[i+1]
		j := keyIndex(cmap, k.Value)
		h, tracked := last[k.Value]
		if j < 0 {
			if tracked {
				written[k.Value] = nil // removed by the user: stays removed
				continue
			}
			added.WriteString(keyText(k, nv))
			written[k.Value] = nv
			if flow {
				cmap.Content = append(cmap.Content, k, nv)
			}
			continue
		}
		cv := cmap.Content[j+1]
		want := nv
		if listKeys[k.Value] {
			want = unionList(cv, nv)
		}
		written[k.Value] = want
		if sameValue(cv, want) {
			continue
		}
		if tracked && valueHash(cv) != h {
			// The user's value now: the stamp keeps margin's last, so
			// the next export knows it as the user's too.
			written[k.Value] = nil
			continue
		}
		if flow {
			cmap.Content[j+1] = want
			continue
		}
		from := cmap.Content[j].Line - 1
		to := len(lines)
		if j+2 < len(cmap.Content) {
			to = cmap.Content[j+2].Line - 1
		}
		// Blank and comment lines before the next key are not this value's.
		for to > from+1 && (strings.TrimSpace(lines[to-1]) == "" || strings.HasPrefix(strings.TrimSpace(lines[to-1]), "#")) {
			to--
		}
		if from < 0 || from >= to || to > len(lines) {
			return "", "", "its front matter could not be edited in place; fix it and export again"
		}
		edits = append(edits, edit{from, to, keyText(k, want)})
	}
	nstamp := writeStamp(nmap, written, last)
	if flow {
		out, err := yaml.Marshal(cmap)
		if err != nil {
			return "", "", "its front matter could not be written back"
		}
		return string(out), nstamp, ""
	}
	if len(edits) == 0 && added.Len() == 0 {
		return cur, nstamp, ""
	}
	// Keys margin writes need not be in the user's order.
	slices.SortFunc(edits, func(x, y edit) int { return x.from - y.from })
	var b strings.Builder
	at := 0
	for _, e := range edits {
		for ; at < e.from; at++ {
			b.WriteString(lines[at])
		}
		b.WriteString(e.text)
		at = e.to
	}
	for ; at < len(lines); at++ {
		b.WriteString(lines[at])
	}
	if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
		b.WriteByte('\n')
	}
	b.WriteString(added.String())
	out := b.String()
	var check yaml.Node
	if yaml.Unmarshal([]byte(out), &check) != nil {
		return "", "", "its front matter could not be edited in place; fix it and export again"
	}
	return out, nstamp, ""
}

func keyIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// keyText marshals one "key: value" entry, newline-terminated.
func keyText(k, v *yaml.Node) string {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: k.Value}, v}}
	out, err := yaml.Marshal(m)
	if err != nil {
		return k.Value + ": \"\"\n"
	}
	return string(out)
}

// unionList is the user's list cur (or scalar) with margin's items next
// added where missing.
func unionList(cur, next *yaml.Node) *yaml.Node {
	out := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	have := map[string]bool{}
	switch cur.Kind {
	case yaml.SequenceNode:
		out.Style = cur.Style
		for _, c := range cur.Content {
			out.Content = append(out.Content, c)
			have[c.Value] = true
		}
	case yaml.ScalarNode:
		if cur.Value != "" && cur.ShortTag() != "!!null" {
			out.Content = append(out.Content, cur)
			have[cur.Value] = true
		}
	}
	for _, c := range next.Content {
		if !have[c.Value] {
			out.Content = append(out.Content, c)
			have[c.Value] = true
		}
	}
	return out
}

// sameValue reports whether two YAML values decode to the same data.
func sameValue(a, b *yaml.Node) bool {
	var x, y any
	if a.Decode(&x) != nil || b.Decode(&y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// The stamp on a Markdown export's begin line records what margin wrote
// in the front matter, so that a value the user changed there is known
// as the user's and kept on the next export: "fm=" then, for each of
// margin's keys in name order, a short hash of its name and one of its
// value. Tags and aliases (merged with the user's) and margin_id (the
// file's identity) are not recorded. A key margin adds later is not in
// the stamp and gets margin's value; a file without a stamp (from an
// older margin) gets margin's values, as it did.
const stampPrefix = "fm="

// The lengths of a stamp's hashes: a key's name among a note's twenty-odd
// keys, and its value (a user's edit that hashes like margin's value, 1
// in 65,536, is overwritten).
const (
	stampNameLen  = 3
	stampValueLen = 4
)

// stampKeys are the keys of margin's front matter m a stamp records, in
// order.
func stampKeys(m *yaml.Node) []string {
	var keys []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i].Value; !listKeys[k] && k != "margin_id" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// nameHash is the short hash of a key's name in a stamp.
func nameHash(k string) string { return sum([]byte("key " + k))[:stampNameLen] }

// fmStamp is the stamp of front matter fm as margin writes it ("" when it
// does not parse as a set of keys).
func fmStamp(fm string) string {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(fm), &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return ""
	}
	m := doc.Content[0]
	written := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		written[m.Content[i].Value] = m.Content[i+1]
	}
	return writeStamp(m, written, nil)
}

// writeStamp is the stamp of margin's keys in m with the values written
// (a nil value: the user's, recorded as margin's last, from last).
func writeStamp(m *yaml.Node, written map[string]*yaml.Node, last map[string]string) string {
	var b strings.Builder
	b.WriteString(stampPrefix)
	for _, k := range stampKeys(m) {
		h := last[k]
		if v := written[k]; v != nil {
			h = valueHash(v)
		}
		if h == "" {
			continue
		}
		b.WriteString(nameHash(k))
		b.WriteString(h)
	}
	return b.String()
}

// readStamp returns the value hashes a stamp records for margin's keys in
// m, by name; nil when there is no stamp. A key whose name hashes like
// another's is left out (its value is margin's again).
func readStamp(stamp string, m *yaml.Node) map[string]string {
	rest, ok := strings.CutPrefix(stamp, stampPrefix)
	const entry = stampNameLen + stampValueLen
	if !ok || len(rest)%entry != 0 || strings.Trim(rest, "0123456789abcdef") != "" {
		return nil
	}
	byName := map[string]string{}
	for i := 0; i < len(rest); i += entry {
		n := rest[i : i+stampNameLen]
		if _, twice := byName[n]; twice {
			byName[n] = ""
			continue
		}
		byName[n] = rest[i+stampNameLen : i+entry]
	}
	keys := stampKeys(m)
	names := map[string]int{}
	for _, k := range keys {
		names[nameHash(k)]++
	}
	last := map[string]string{}
	for _, k := range keys {
		if n := nameHash(k); names[n] == 1 && byName[n] != "" {
			last[k] = byName[n]
		}
	}
	return last
}

// valueHash is the short hash of a front matter value as data (quoting
// and layout aside).
func valueHash(v *yaml.Node) string {
	var x any
	if v.Decode(&x) != nil {
		return sum([]byte(v.Value))[:stampValueLen]
	}
	b, err := yaml.Marshal(x)
	if err != nil {
		return sum([]byte(v.Value))[:stampValueLen]
	}
	return sum(b)[:stampValueLen]
}
