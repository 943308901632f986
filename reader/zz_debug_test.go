package reader

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// zz: exploration only, never committed.
func TestZZUnits(t *testing.T) {
	f := os.Getenv("ZZ")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	text := composeLetters(noSoftHyphens(string(b)))
	units := textUnits(text)
	textClassify(units)
	body := textBody(units)
	in := map[int]bool{}
	for _, i := range body {
		in[i] = true
	}
	s, e := textDensestRun(units)
	fmt.Println("furniture", textFurnitureFound(units), "densest", s, e)
	if a, err := FromText(string(b)); err == nil {
		fmt.Printf("TITLE %q EXCERPT %.60q\n", a.Title, a.Excerpt)
	}
	for i, u := range units {
		fl := ""
		for _, x := range []struct {
			b bool
			c string
		}{{u.prose, "P"}, {u.boiler, "B"}, {u.stop, "S"}, {u.aside, "A"}, {u.meta, "M"}, {u.junk, "J"}, {u.repeated, "R"}, {u.table, "T"}, {u.clause, "C"}, {u.teaser, "t"}, {u.list, "L"}, {u.copyOf > 0, "2"}} {
			if x.b {
				fl += x.c
			}
		}
		mark := " "
		if in[i] {
			mark = "*"
		}
		txt := u.text
		if len(txt) > 90 {
			txt = txt[:90]
		}
		fmt.Printf("%s%4d %-6s w%-4d s%5.1f d%.2f %s\n", mark, i, fl, u.words, u.score, u.dup, strings.ReplaceAll(txt, "\n", "⏎"))
	}
}

func TestZZMiss(t *testing.T) {
	miss := os.Getenv("ZZMISS")
	if miss == "" {
		t.Skip()
	}
	raw := os.Getenv("ZZRAW")
	b, _ := os.ReadFile(miss)
	cache := map[string][]textUnit{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.SplitN(l, " ", 3)
		if f[1] != "FN" {
			continue
		}
		var pas string
		fmt.Sscanf(f[2], "%q", &pas)
		pas = strings.Join(strings.Fields(pas), " ")
		units, ok := cache[f[0]]
		if !ok {
			rb, _ := os.ReadFile(raw + "/" + f[0] + ".txt")
			units = textUnits(composeLetters(noSoftHyphens(string(rb))))
			textClassify(units)
			cache[f[0]] = units
		}
		found := false
		for i, u := range units {
			if strings.Contains(strings.Join(strings.Fields(u.text), " "), pas) {
				fl := ""
				for _, x := range []struct {
					b bool
					c string
				}{{u.prose, "P"}, {u.boiler, "B"}, {u.stop, "S"}, {u.aside, "A"}, {u.meta, "M"}, {u.junk, "J"}, {u.repeated, "R"}, {u.table, "T"}, {u.clause, "C"}, {u.teaser, "t"}, {u.list, "L"}, {u.copyOf > 0, "2"}} {
					if x.b {
						fl += x.c
					}
				}
				txt := u.text
				if len(txt) > 70 {
					txt = txt[:70]
				}
				fmt.Printf("%s %4d %-5s w%-3d s%6.1f %q\n", f[0], i, fl, u.words, u.score, txt)
				found = true
				break
			}
		}
		if !found {
			fmt.Printf("%s  -   SPLIT %q\n", f[0], pas)
		}
	}
}
