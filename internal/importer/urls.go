package importer

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// parseURLs reads a plain list: one URL a line, blank lines and lines
// starting with '#' skipped. A line that is not an http(s) URL is a
// problem naming its line. Text after the URL on the same line (a space
// or a tab, then a title, as some tools write) becomes the title, unless
// it is a comment ("# ...").
func (p *parser) parseURLs(name string, r io.Reader) error {
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		l, err := readLine(br, 1<<20)
		if err == io.EOF && l == "" {
			return nil
		}
		if err != nil && err != io.EOF {
			return wrap(name, fmt.Errorf("line %d: %v", n, err))
		}
		l = strings.TrimSpace(strings.TrimPrefix(l, "\ufeff"))
		if l != "" && !strings.HasPrefix(l, "#") {
			u, title := l, ""
			if i := strings.IndexAny(l, " \t"); i >= 0 {
				u, title = l[:i], strings.TrimSpace(l[i+1:]) // a space or a tab (a spreadsheet's column)
			}
			if title == "#" || strings.HasPrefix(title, "# ") || strings.HasPrefix(title, "#\t") {
				title = "" // a comment after the URL, not its title ("#MeToo" is a title)
			}
			if _, ok := cleanURL(u); !ok && title != "" && len(u) <= maxURLBytes {
				// Not "URL title": the problem names the whole line, not
				// its first word ("not" of "not a url").
				p.problem("%s line %d: %q is not an http(s) URL", name, n, cut(line(l), 200))
				continue
			}
			if e := p.add(Item{Ref: fmt.Sprintf("%s line %d", name, n), URL: u, Title: title}); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line without its end; a line longer than max is
// read whole but cut (a hostile file cannot make it hold more).
func readLine(br *bufio.Reader, max int) (string, error) {
	var b []byte
	for {
		frag, err := br.ReadSlice('\n')
		if len(b) < max {
			b = append(b, frag[:min(len(frag), max-len(b))]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return strings.TrimRight(string(b), "\r\n"), err
	}
}
