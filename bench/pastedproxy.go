package bench

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
)

// The pasted corpus is w3m's dump of the extraction corpus's pages: its 91
// texts are byte for byte `w3m -dump -T text/html -cols 100 -no-graph`
// of them. Dumping the multilingual pages the same way gives pasted text
// from pages of every kind and language that no text rule was tuned to,
// scored by that corpus's passages.

// w3mArgs reproduce the pasted corpus's dumps (UTF-8 out, whatever the
// locale).
var w3mArgs = []string{"-dump", "-T", "text/html", "-cols", "100", "-no-graph", "-O", "UTF-8"}

// ErrNoW3M is W3MDump's error when w3m is not installed.
var ErrNoW3M = errors.New("w3m not installed (apt-get install w3m)")

// W3MDump is a page as the pasted corpus's dumper writes it.
func W3MDump(page []byte) ([]byte, error) {
	bin, err := exec.LookPath("w3m")
	if err != nil {
		return nil, ErrNoW3M
	}
	cmd := exec.Command(bin, w3mArgs...)
	cmd.Stdin = bytes.NewReader(page)
	// A user's ~/.w3m settings would change the dump.
	cmd.Env = append(os.Environ(), "HOME="+os.TempDir())
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("w3m: %w", err)
	}
	return out.Bytes(), nil
}

// PastedPassages scores clean on the passage corpus in dir with each page
// first turned into text by dump; the baseline is the dump as it stands.
// Pages are dumped on two goroutines, once each.
func PastedPassages(dir string, dump func([]byte) ([]byte, error), clean func([]byte) (string, error)) (*PassageReport, error) {
	pages, err := LoadPassageCorpus(dir)
	if err != nil {
		return nil, err
	}
	dumps := make(map[string][]byte, len(pages))
	var mu sync.Mutex
	var first error
	work := make(chan PassagePage)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				raw, err := ReadPage(CorpusPage{ID: p.ID, Path: p.Path})
				if err == nil {
					raw, err = dump(raw)
				}
				mu.Lock()
				if err != nil && first == nil {
					first = fmt.Errorf("dump page %s: %w", p.ID, err)
				}
				dumps[p.ID] = raw
				mu.Unlock()
			}
		}()
	}
	for _, p := range pages {
		work <- p
	}
	close(work)
	wg.Wait()
	if first != nil {
		return nil, first
	}
	pipeline := func(p CorpusPage, _ []byte) (string, error) { return clean(dumps[p.ID]) }
	baseline := func(p CorpusPage, _ []byte) (string, error) { return string(dumps[p.ID]), nil }
	return Passages(dir, pipeline, baseline, 0)
}

// PastedProxy prints PastedPassages of the multilingual corpus through
// w3m, or one line saying why it cannot.
func PastedProxy(w io.Writer, dir string, clean func([]byte) (string, error)) error {
	if dir == "" {
		dir = DefaultMultilingualCorpus
	}
	if _, err := exec.LookPath("w3m"); err != nil {
		_, err := fmt.Fprintf(w, "pasted text of the multilingual pages: skipped, %v\n", ErrNoW3M)
		return err
	}
	rep, err := PastedPassages(dir, W3MDump, clean)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "pasted text of the multilingual pages (each dumped by w3m %v, the pasted corpus's own dumper;\nbaseline: the dump as it stands)\n", w3mArgs)
	return rep.Print(w)
}
