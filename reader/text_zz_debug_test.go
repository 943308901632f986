package reader

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"unicode"
)

// Throwaway: TEXTDBG=idprefix go test ./reader -run TestTextDebug -v
func TestTextDebug(t *testing.T) {
	pre := os.Getenv("TEXTDBG")
	if pre == "" {
		t.Skip()
	}
	dir := "../../shared/corpus/pasted"
	raw, _ := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	var truth map[string]struct{ ArticleBody string }
	json.Unmarshal(raw, &truth)
	for id, tr := range truth {
		if !strings.HasPrefix(id, pre) {
			continue
		}
		page, _ := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
		units := textUnits(Sanitize(string(page)))
		textClassify(units)
		body := textBody(units)
		in := map[int]bool{}
		for _, i := range body {
			in[i] = true
		}
		ts := map[string]bool{}
		tk := dbgTokens(strings.ToLower(tr.ArticleBody))
		for i := 0; i+4 <= len(tk); i++ {
			ts[strings.Join(tk[i:i+4], " ")] = true
		}
		for i, u := range units {
			k := dbgTokens(strings.ToLower(u.text))
			n, h := 0, 0
			for j := 0; j+4 <= len(k); j++ {
				n++
				if ts[strings.Join(k[j:j+4], " ")] {
					h++
				}
			}
			tr := " "
			if n > 0 {
				tr = fmt.Sprint(h * 9 / n)
			}
			fl := ""
			for _, f := range []struct {
				b bool
				c string
			}{{u.prose, "P"}, {u.boiler, "B"}, {u.stop, "S"}, {u.aside, "A"}, {u.meta, "M"}, {u.byline, "Y"}, {u.junk, "J"}, {u.repeated, "R"}, {u.table, "T"}, {u.list, "L"}} {
				if f.b {
					fl += f.c
				} else {
					fl += "."
				}
			}
			o := " "
			if in[i] {
				o = "#"
			}
			txt := u.text
			if len(txt) > 90 {
				txt = txt[:90]
			}
			fmt.Printf("%4d %s t%s %s %7.1f %3d %s\n", i, o, tr, fl, u.score, u.words, txt)
		}
	}
}

func dbgTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))
	})
}

func TestTextDebugWidth(t *testing.T) {
	if os.Getenv("TEXTW") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../../shared/corpus/pasted/text/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.Split(Sanitize(string(b)), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " \t")
		}
		fmt.Println(filepath.Base(f)[:12], textWrapWidth(lines))
	}
}
