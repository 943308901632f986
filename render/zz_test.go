package render

import (
	"fmt"
	"testing"
)

func TestZZ(t *testing.T) {
	md := "0000000000`&#2750A`"
	d, _ := Render(md, Options{Width: 10 + 9, Style: "dark"})
	for i, l := range d.Lines {
		fmt.Printf("%d %q %q %v\n", i, l, d.Text(i), d.cells[i])
	}
	p := parse(md)
	for _, u := range p.units {
		fmt.Printf("%d-%d %q\n", u.off, u.end, p.plain[u.ps:u.pe])
	}
}
