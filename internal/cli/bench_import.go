//go:build bench

package cli

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"margin/store"
)

// benchImports measures margin import (issue 16) as a user runs it, in a
// child process: items per second and peak resident memory, offline
// (Omnivore and wallabag exports that carry each article's HTML) and
// fetched (a list of links to a loopback server), at 1,000 and 10,000
// items, so that memory held flat as the import grows shows.
func benchImports(e *env) error {
	self, dir, err := benchChildDir("import")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	// The loopback site: every page an article of 600 words. Two host
	// names for one server (127.0.0.1 and localhost), as an export names
	// many sites and margin fetches at most 2 at once from each.
	g := store.NewGenerator(16)
	pages := make([]string, 200)
	for i := range pages {
		pages[i] = pageHTML(g.Article(i, 600))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, pages[i%len(pages)])
	})}
	go srv.Serve(ln)
	defer srv.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	hosts := []string{fmt.Sprintf("http://127.0.0.1:%d", port), fmt.Sprintf("http://localhost:%d", port)}

	const row = "%-26s %7s %9s %8s %9s  %s\n"
	fmt.Fprintf(e.stdout, row, "import", "items", "time", "items/s", "peak RSS", "articles")
	run := func(name string, n int, path string, args ...string) error {
		db := filepath.Join(dir, fmt.Sprintf("%s-%d.db", strings.Fields(name)[0], n))
		// "--": what follows is margin import's, not margin bench's.
		out, d, kb, err := runMeasured(self, db, append([]string{"--", "import", path, "--db", db}, args...)...)
		if err != nil {
			return fmt.Errorf("bench import %s: %v: %s", name, err, out)
		}
		st, err := store.Open(db)
		if err != nil {
			return err
		}
		count, _ := st.Count(e.ctx)
		un, _ := st.Unfetched(e.ctx)
		st.Close()
		fmt.Fprintf(e.stdout, row, name, strconv.Itoa(n), fmt.Sprintf("%.1f s", d.Seconds()), fmt.Sprintf("%.0f", float64(n)/d.Seconds()),
			fmt.Sprintf("%d MB", kb>>10), fmt.Sprintf("%d (%d without text)", count, len(un)))
		return nil
	}
	for _, n := range []int{1000, 10000} {
		om, err := omnivoreExport(dir, g, n)
		if err != nil {
			return err
		}
		if err := run("omnivore (offline)", n, om); err != nil {
			return err
		}
		os.RemoveAll(om)
	}
	for _, n := range []int{1000, 10000} {
		wb, err := wallabagExport(dir, g, n)
		if err != nil {
			return err
		}
		if err := run("wallabag (offline)", n, wb); err != nil {
			return err
		}
		os.Remove(wb)
	}
	for _, n := range []int{1000, 10000} {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "%s/p/%d\n", hosts[i%2], i)
		}
		list := filepath.Join(dir, fmt.Sprintf("links-%d.txt", n))
		if err := os.WriteFile(list, []byte(b.String()), 0o644); err != nil {
			return err
		}
		if err := run("links (fetched, --jobs 4)", n, list); err != nil {
			return err
		}
	}
	return nil
}

func pageHTML(a *store.Article) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><meta charset=utf-8><title>" + a.Title + "</title></head><body><nav><a href=/>Home</a></nav><article><h1>" + a.Title + "</h1>")
	for _, p := range strings.Split(a.Text, "\n\n") {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article><footer>Copyright</footer></body></html>")
	return b.String()
}

// omnivoreExport writes an Omnivore export folder of n articles with
// content and a highlight each.
func omnivoreExport(dir string, g *store.Generator, n int) (string, error) {
	root := filepath.Join(dir, fmt.Sprintf("omnivore-%d", n))
	for _, d := range []string{"content", "highlights"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			return "", err
		}
	}
	meta := make([]map[string]any, 0, n)
	for i := range n {
		a := g.Article(i, 600)
		slug := fmt.Sprintf("article-%d", i)
		meta = append(meta, map[string]any{"id": strconv.Itoa(i), "slug": slug, "title": a.Title,
			"url": fmt.Sprintf("https://omnivore.example/%d", i), "state": "SUCCEEDED", "readingProgress": i % 100,
			"labels": []string{"bench"}, "savedAt": "2024-01-02T03:04:05.000Z"})
		if err := os.WriteFile(filepath.Join(root, "content", slug+".html"), []byte(pageHTML(a)), 0o644); err != nil {
			return "", err
		}
		first := strings.SplitN(a.Text, ". ", 2)[0]
		if err := os.WriteFile(filepath.Join(root, "highlights", slug+".md"), []byte("> "+first+"\n\nA note.\n"), 0o644); err != nil {
			return "", err
		}
	}
	b, err := json.Marshal(meta)
	if err != nil {
		return "", err
	}
	return root, os.WriteFile(filepath.Join(root, fmt.Sprintf("metadata_0_to_%d.json", n)), b, 0o644)
}

// wallabagExport writes a wallabag JSON export of n articles with content.
func wallabagExport(dir string, g *store.Generator, n int) (string, error) {
	entries := make([]map[string]any, 0, n)
	for i := range n {
		a := g.Article(i, 600)
		var c strings.Builder
		for _, p := range strings.Split(a.Text, "\n\n") {
			c.WriteString("<p>" + p + "</p>")
		}
		entries = append(entries, map[string]any{"title": a.Title, "url": fmt.Sprintf("https://wallabag.example/%d", i),
			"is_archived": i % 2, "is_starred": 0, "created_at": "2019-01-01T10:00:00+0100", "content": c.String(),
			"tags": []string{"bench"}, "annotations": []map[string]any{{"quote": strings.SplitN(a.Text, ". ", 2)[0], "text": "a note"}}})
	}
	b, err := json.Marshal(entries)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("wallabag-%d.json", n))
	return path, os.WriteFile(path, b, 0o644)
}
