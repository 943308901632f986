package bench

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// CorpusPage is one page of a benchmark corpus with its hand-made truth.
type CorpusPage struct {
	ID, URL, Truth string
	Path           string // the page's file: html/<id>.html.gz or text/<id>.txt
}

// DefaultExtractionCorpus is where the HTML extraction corpus lives,
// relative to the repository root.
const DefaultExtractionCorpus = "../shared/corpus/extraction"

// LoadCorpus reads dir/ground-truth.json and pairs each entry with its page
// file, returning the pages sorted by id and the corpus kind: "html" when
// dir/html holds the pages, "text" when dir/text does.
func LoadCorpus(dir string) ([]CorpusPage, string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, "", fmt.Errorf("load corpus %s: %w", dir, err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, "", fmt.Errorf("load corpus %s: ground-truth.json: %w", dir, err)
	}
	kind := ""
	for _, k := range []string{"html", "text"} {
		if fi, err := os.Stat(filepath.Join(dir, k)); err == nil && fi.IsDir() {
			kind = k
			break
		}
	}
	if kind == "" {
		return nil, "", fmt.Errorf("load corpus %s: neither html/ nor text/ found", dir)
	}
	pages := make([]CorpusPage, 0, len(truth))
	for id, t := range truth {
		p := CorpusPage{ID: id, URL: t.URL, Truth: t.ArticleBody}
		if kind == "html" {
			p.Path = filepath.Join(dir, "html", id+".html.gz")
			if _, err := os.Stat(p.Path); err != nil {
				p.Path = filepath.Join(dir, "html", id+".html")
			}
		} else {
			p.Path = filepath.Join(dir, "text", id+".txt")
		}
		if _, err := os.Stat(p.Path); err != nil {
			return nil, "", fmt.Errorf("load corpus %s: page %s: %w", dir, id, err)
		}
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, kind, nil
}

// ReadPage returns the bytes of a page file, gunzipped when it ends in .gz.
func ReadPage(p CorpusPage) ([]byte, error) {
	b, err := os.ReadFile(p.Path)
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", p.ID, err)
	}
	if filepath.Ext(p.Path) != ".gz" {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", p.ID, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read page %s: %w", p.ID, err)
	}
	return out, nil
}
