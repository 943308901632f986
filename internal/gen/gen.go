// Package gen makes deterministic articles for tests and benchmarks: it is
// imported by tests and by the bench build only, never by the margin binary.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var genWords = strings.Fields(`the of and a to in is was that for on as with by he it at from his an were are
which be this has also had not but first one their its new after who they have her she two been other when
there all during into school time may years more most only over city some world would where later up such used
many can state about national out known university united then made reading margin terminal article writer
argument evidence question claim reader library highlight passage careful quiet morning river mountain history
science language culture between through because however although therefore language thought measure`)

// Article returns a deterministic Markdown article of about `words`
// words with headings, paragraphs, lists, quotes, links and one table, as
// used by the reading benchmarks.
func Article(words int) string {
	r := rand.New(rand.NewPCG(uint64(words), 7))
	var b strings.Builder
	n := 0
	word := func() string { return genWords[r.IntN(len(genWords))] }
	sentence := func() string {
		k := 8 + r.IntN(14)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		if r.IntN(6) == 0 {
			i := r.IntN(k - 1)
			ws[i] = fmt.Sprintf("[%s %s](https://example.com/%s)", ws[i], ws[i+1], ws[i])
			ws[i+1] = ""
		}
		if r.IntN(8) == 0 {
			i := r.IntN(k)
			ws[i] = "*" + ws[i] + "*"
		}
		n += k
		s := strings.Join(strings.Fields(strings.Join(ws, " ")), " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	para := func() string {
		k := 3 + r.IntN(4)
		ss := make([]string, k)
		for i := range ss {
			ss[i] = sentence()
		}
		return strings.Join(ss, " ")
	}
	b.WriteString("# A generated article\n\n")
	section, table := 0, false
	for n < words {
		switch r.IntN(10) {
		case 0:
			section++
			fmt.Fprintf(&b, "## Section %d: %s %s\n\n", section, word(), word())
			n += 4
		case 1:
			for i := 0; i < 3+r.IntN(3); i++ {
				fmt.Fprintf(&b, "- %s\n", sentence())
			}
			b.WriteString("\n")
		case 2:
			fmt.Fprintf(&b, "> %s\n\n", para())
		case 3:
			if !table && n > words/3 {
				table = true
				b.WriteString("| Term | Meaning |\n| --- | --- |\n")
				for i := 0; i < 4; i++ {
					fmt.Fprintf(&b, "| %s | %s |\n", word(), sentence())
				}
				b.WriteString("\n")
				continue
			}
			fallthrough
		default:
			b.WriteString(para())
			b.WriteString("\n\n")
		}
	}
	return b.String()
}
