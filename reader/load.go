package reader

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// LoadOptions tune Load.
type LoadOptions struct {
	Fetch FetchOptions
	// PageURL is the address a local HTML file was saved from (--url); it
	// makes relative links absolute and identifies the article.
	PageURL string
	// Stdin is read when the source is "-".
	Stdin io.Reader
}

// maxLocalBytes bounds a local file or stdin the same way a fetch is bounded.
const maxLocalBytes = 20 << 20

// IsURL reports whether src names a web address rather than a path.
func IsURL(src string) bool {
	u, err := url.Parse(src)
	return err == nil && u.Scheme != "" && u.Host != "" && len(u.Scheme) > 1
}

// Load turns a source — a URL, a path to an HTML or text file, or "-" for
// standard input — into a clean article.
func Load(ctx context.Context, src string, opt LoadOptions) (*Article, error) {
	switch {
	case src == "-":
		if opt.Stdin == nil {
			return nil, fmt.Errorf("no standard input to read")
		}
		raw, err := readCapped(opt.Stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		return fromBytes(raw, "", "standard input", opt.PageURL)
	case IsURL(src):
		page, err := Fetch(ctx, src, opt.Fetch)
		if err != nil {
			return nil, err
		}
		if isText(page.ContentType) {
			text, err := DecodeText(page.Body, page.ContentType)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", src, err)
			}
			read := FromText
			if isMarkdown(page.ContentType, page.URL) {
				read = FromMarkdown
			}
			a, err := read(text)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", src, err)
			}
			a.SourceURL, a.CanonicalURL = src, page.URL
			if a.Title == "" {
				a.Title = textTitleLine(text, page.URL)
			}
			return a, nil
		}
		a, err := FromHTML(page.Body, page.ContentType, page.URL)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, err)
		}
		a.SourceURL = src
		return a, nil
	case strings.Contains(src, "://"):
		u, err := url.Parse(src)
		scheme := src[:strings.Index(src, "://")]
		if u != nil {
			scheme = u.Scheme
		}
		if s := strings.ToLower(scheme); s == "http" || s == "https" {
			return nil, badURL(src, err)
		}
		return nil, fmt.Errorf("%s: unsupported scheme %q (margin fetches http and https; give local files as a path)", src, scheme)
	default:
		f, err := openRegular(src)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		raw, err := readCapped(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", src, err)
		}
		a, err := fromBytes(raw, filepath.Ext(src), src, opt.PageURL)
		if err != nil {
			return nil, err
		}
		if opt.PageURL == "" {
			if abs, err := filepath.Abs(src); err == nil {
				a.SourceURL = abs
			}
		}
		return a, nil
	}
}

// isText reports whether a fetched page is text rather than HTML.
func isText(contentType string) bool {
	return strings.HasPrefix(contentType, "text/plain") || isMarkdown(contentType, "")
}

// isMarkdown reports whether a fetched page is Markdown: served as such,
// or as plain text from an address that ends in a Markdown extension (as
// raw files on code hosts are).
func isMarkdown(contentType, pageURL string) bool {
	if strings.HasPrefix(contentType, "text/markdown") || strings.HasPrefix(contentType, "text/x-markdown") {
		return true
	}
	u, err := url.Parse(pageURL)
	return err == nil && strings.HasPrefix(contentType, "text/plain") && markdownExts[strings.ToLower(path.Ext(u.Path))]
}

// openRegular opens a local file to import, refusing anything that is
// not a regular file: a FIFO or a device could block forever or never
// end. The file is opened without blocking (a FIFO with no writer would
// block in open itself) and checked on the handle, so nothing can be
// swapped in between the check and the read.
func openRegular(src string) (*os.File, error) {
	f, err := os.OpenFile(src, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", src)
		}
		return nil, fmt.Errorf("read %s: %w", src, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read %s: %w", src, err)
	}
	switch m := st.Mode(); {
	case m.IsDir():
		f.Close()
		return nil, fmt.Errorf("%s is a folder (in a shell, margin add FOLDER adds its files)", src)
	case !m.IsRegular():
		f.Close()
		return nil, fmt.Errorf("%s is %s, not a regular file; give a file, a URL, or - to read standard input", src, fileKind(m))
	}
	// O_NONBLOCK changes nothing for a regular file: reads from disk
	// never return EAGAIN.
	return f, nil
}

// fileKind names what a non-regular file is, for the refusal.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

func readCapped(r io.Reader) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxLocalBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxLocalBytes {
		return nil, fmt.Errorf("larger than %d MiB", maxLocalBytes>>20)
	}
	return raw, nil
}

// fromBytes decides between HTML and text by extension, then by content.
// A gzip-compressed file (a page saved as page.html.gz) is read for what
// it holds, within the same size limit.
func fromBytes(raw []byte, ext, name, pageURL string) (*Article, error) {
	if bytes.HasPrefix(raw, []byte("\x1f\x8b")) {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err == nil {
			raw, err = readCapped(zr)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: uncompress: %w", name, err)
		}
		if strings.EqualFold(ext, ".gz") {
			ext = filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name)))
		}
	}
	if b, ok := fromUTF16(raw, false); ok {
		raw = b
	}
	if len(strings.TrimSpace(string(raw))) == 0 {
		return nil, fmt.Errorf("%s is empty", name)
	}
	if k := BinaryKind(raw); k != "" {
		return nil, fmt.Errorf("%s is not HTML or text (looks like %s)", name, k)
	}
	ext = strings.ToLower(ext)
	isHTML := htmlExts[ext] || (ext != ".txt" && !markdownExts[ext] && LooksLikeHTML(raw))
	var (
		a   *Article
		err error
	)
	switch {
	case isHTML:
		a, err = FromHTML(raw, "", pageURL)
	case markdownExts[ext]:
		var text string
		if text, err = DecodeText(raw, ""); err == nil {
			a, err = FromMarkdown(text)
		}
	default:
		var text string
		if text, err = DecodeText(raw, ""); err == nil {
			a, err = FromText(text)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if a.Title == "" {
		// A text with no title line is named after its file, or, pasted,
		// after its first words.
		a.Title = untitled(name, a.Text)
	}
	if pageURL != "" {
		a.SourceURL = pageURL
		if a.CanonicalURL == "" {
			a.CanonicalURL = pageURL
		}
	}
	return a, nil
}

// badURL explains why a web address that names http or https cannot be
// fetched. The address is quoted with Go's escapes, so a control
// character shows where it is instead of acting on the terminal.
func badURL(src string, err error) error {
	why := "it has no host"
	switch {
	case strings.IndexFunc(src, unicode.IsControl) >= 0:
		why = "it contains a control character (a newline, tab or escape); copy the address again"
	case strings.ContainsFunc(src, unicode.IsSpace):
		why = "it contains a space; spaces in an address are written %20"
	case err != nil:
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		why = err.Error()
	}
	return fmt.Errorf("%s is not a valid web address: %s", strconv.Quote(shorten(src, 200)), why)
}

// textTitleLine titles a plain-text page that has no title of its own:
// its first line, else the last part of its address.
func textTitleLine(text, pageURL string) string {
	for _, l := range strings.Split(text, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			if utf8.RuneCountInString(l) > 120 {
				r := []rune(l)[:120]
				l = string(r)
				if i := strings.LastIndexByte(l, ' '); i > 60 {
					l = l[:i]
				}
				l += "…"
			}
			return l
		}
	}
	if u, err := url.Parse(pageURL); err == nil {
		if b := path.Base(u.Path); b != "/" && b != "." {
			return b
		}
		return u.Host
	}
	return pageURL
}

// untitled names an article that has no title of its own: a file by its
// name, a pasted text by its first words (so that two pasted texts are
// told apart in the library).
func untitled(name, text string) string {
	if name == "standard input" {
		for _, l := range strings.Split(text, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				if textCells(l) > untitledCells {
					// Cut to columns: a Chinese or Japanese character
					// takes two.
					cells, cut := 0, len(l)
					for i, r := range l {
						if cells += textCells(string(r)); cells > untitledCells {
							cut = i
							break
						}
					}
					l = l[:cut]
					if i := strings.LastIndexByte(l, ' '); i > len(l)/2 {
						l = l[:i]
					}
					l = strings.TrimRight(l, " ,;:-–—、，") + "…"
				}
				return l
			}
		}
		return "Pasted text"
	}
	base := filepath.Base(name)
	if strings.EqualFold(filepath.Ext(base), ".gz") {
		base = base[:len(base)-3]
	}
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// untitledCells bounds a title made of a pasted text's first words, in
// columns.
const untitledCells = 80

// htmlExts are the extensions of files read as HTML whatever they hold.
var htmlExts = map[string]bool{".html": true, ".htm": true, ".xhtml": true}

// articleFile reports an extension ArticleFiles takes: a page, Markdown
// or text.
func articleFile(ext string) bool {
	return htmlExts[ext] || markdownExts[ext] || ext == ".txt" || ext == ".text"
}

// ArticleFileName reports whether name is named as the files margin reads
// are (page.html, notes.md, notes.txt).
func ArticleFileName(name string) bool {
	return articleFile(strings.ToLower(filepath.Ext(name)))
}

// ArticleFiles lists the files under dir that margin reads as articles
// (pages, Markdown and text files, a page saved as .html.gz), in path
// order, leaving out hidden files and folders (a vault's .obsidian, a
// .git) and links to folders.
func ArticleFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		name := strings.ToLower(d.Name())
		ext := filepath.Ext(name)
		if ext == ".gz" {
			if ext = filepath.Ext(strings.TrimSuffix(name, ".gz")); !htmlExts[ext] {
				return nil // a saved page only
			}
		}
		if articleFile(ext) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read folder %s: %w", dir, err)
	}
	return files, nil
}
