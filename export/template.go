package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"time"

	"go.yaml.in/yaml/v3"
)

// maxTemplate bounds a template file; a notes template is a few KB.
const maxTemplate = 1 << 20

// Funcs are the functions a template may call, besides text/template's own:
//
//	quote     plain text as a blockquote, every line prefixed "> " and escaped,
//	          a line break inside a paragraph a Markdown line break
//	callout   Markdown in an Obsidian callout: {{callout "note" .Note}}
//	escape    plain text as inline Markdown (no links, tags or HTML can appear)
//	yaml      a value as a YAML scalar, safe in front matter: title: {{yaml .Title}}
//	indent    prefix every line but the first with n spaces (n at most 64): {{indent 2 .Note}}
//	oneline   collapse newlines and runs of spaces
//	join      join a list of strings: {{join .Labels ", "}}
//	date      format a time with a Go layout, "" for none: {{date "2006-01-02" .Saved}}
//	url       an address made safe as a Markdown link target: [x]({{url .URL}})
//	link      a highlight's link back into margin: [open]({{link .}})
//	printf    as text/template's, with field widths and precisions below 1000
func Funcs() template.FuncMap {
	return template.FuncMap{
		"quote":   blockquote,
		"callout": callout,
		"escape":  escapeText,
		"yaml":    yamlScalar,
		"indent":  indent,
		"oneline": oneLine,
		"join":    strings.Join,
		"date":    formatDate,
		"url":     linkDest,
		"link":    func(h Highlight) string { return h.MarginURL },
		"printf":  boundedPrintf,
	}
}

// formatDate formats t (a time.Time or an RFC 3339 string such as
// .DateSaved) with a Go layout; a zero or empty time is "".
func formatDate(layout string, t any) (string, error) {
	var tm time.Time
	switch v := t.(type) {
	case time.Time:
		tm = v
	case string:
		if v == "" {
			return "", nil
		}
		var err error
		if tm, err = time.Parse(time.RFC3339, v); err != nil {
			if tm, err = time.Parse(time.DateOnly, v); err != nil {
				return "", fmt.Errorf("date: %q is not a time", v)
			}
		}
	default:
		return "", fmt.Errorf("date: %T is not a time", t)
	}
	if tm.IsZero() {
		return "", nil
	}
	if len(layout) > 200 {
		return "", fmt.Errorf("date: layout longer than 200 bytes")
	}
	return tm.Format(layout), nil
}

// bigVerb finds a printf width or precision of four digits or more, or one
// taken from an argument.
var bigVerb = regexp.MustCompile(`%[-+# 0]*(?:\*|[0-9]{4,}|[0-9]*\.(?:\*|[0-9]{4,}))`)

// boundedPrintf is fmt.Sprintf that refuses a huge width or precision
// ({{printf "%999999999d" 1}} would build a gigabyte).
func boundedPrintf(format string, args ...any) (string, error) {
	if bigVerb.MatchString(format) {
		return "", fmt.Errorf("printf: field width or precision of 1000 or more in %q", format)
	}
	return fmt.Sprintf(format, args...), nil
}

// LoadTemplate reads and parses a user's Markdown template (Go text/template
// syntax, executed on Data) with Funcs available. A missing map key is an
// error rather than "<no value>".
func LoadTemplate(path string) (*template.Template, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load template: %w", err)
	}
	defer f.Close()
	buf, err := io.ReadAll(io.LimitReader(f, maxTemplate+1))
	if err != nil {
		return nil, fmt.Errorf("load template %s: %w", path, err)
	}
	if len(buf) > maxTemplate {
		return nil, fmt.Errorf("load template %s: larger than %d bytes", path, maxTemplate)
	}
	t, err := template.New(filepath.Base(path)).Funcs(Funcs()).Option("missingkey=error").Parse(string(buf))
	if err != nil {
		return nil, fmt.Errorf("load template %s: %w", path, err)
	}
	return t, nil
}

// yamlScalar marshals v as a single YAML value for a template's front
// matter. Block scalars start on the next line, indented, which is valid
// after "key: ".
func yamlScalar(v any) (string, error) {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		s, ok := v.(string)
		if !ok {
			return "", fmt.Errorf("yaml: %w", err)
		}
		// go-yaml cannot even encode some whitespace-only strings
		// ("\t\n"); a double-quoted scalar holds anything.
		n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
	}
	if s, ok := v.(string); ok && s == "=" {
		// YAML 1.1 (PyYAML, and tools built on it) reads a plain "=" as
		// its "value" key and refuses the whole front matter.
		n.Style = yaml.DoubleQuotedStyle
	}
	// Flow style keeps a list or map on the key's line: tags: [a, b].
	if n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode {
		n.Style = yaml.FlowStyle
	}
	out, err := yaml.Marshal(&n)
	// go-yaml writes some whitespace-only strings as block scalars it
	// cannot read back ("\t\n"): double quotes always read back.
	var back yaml.Node
	if err != nil || yaml.Unmarshal([]byte("k: "+string(out)), &back) != nil || len(back.Content) == 0 ||
		len(back.Content[0].Content) != 2 || !sameScalars(&n, back.Content[0].Content[1]) {
		quoteStrings(&n)
		if out, err = yaml.Marshal(&n); err != nil {
			return "", fmt.Errorf("yaml: %w", err)
		}
	}
	return strings.TrimRight(string(out), "\n"), nil
}

// maxIndent bounds indent: {{indent 1000000000 .Note}} would build
// gigabytes.
const maxIndent = 64

// indent prefixes every line after the first with n spaces, to continue a
// list item or a YAML block.
func indent(n int, s string) (string, error) {
	if n > maxIndent {
		return "", fmt.Errorf("indent: %d spaces is more than %d", n, maxIndent)
	}
	pad := "\n" + strings.Repeat(" ", max(n, 0))
	return strings.ReplaceAll(s, "\n", pad), nil
}

// Bounds on running a user's template: its output may be at most
// templateSlack plus four times the article's Markdown, and it may run for
// templateTime. Past either it stops with a clear error.
const (
	templateSlack = 4 << 20
	templateTime  = 10 * time.Second
)

// errTemplateSize and errTemplateTime name the bound a template broke.
var (
	errTemplateSize = errors.New("the template's output grew past its limit")
	errTemplateTime = errors.New("the template ran past its time limit")
)

// capped is a writer that refuses to grow past max bytes or to write
// after the deadline.
type capped struct {
	buf      bytes.Buffer
	max      int
	deadline time.Time
}

func (c *capped) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > c.max {
		return 0, fmt.Errorf("%w (%d bytes)", errTemplateSize, c.max)
	}
	if time.Now().After(c.deadline) {
		return 0, fmt.Errorf("%w (%s)", errTemplateTime, templateTime)
	}
	return c.buf.Write(p)
}

// execute runs t on d within the output and time bounds. A template that
// computes without writing is stopped at the time limit too: its work is
// abandoned (and finishes in the background) while the export fails.
func execute(t *template.Template, d *Data, articleLen int) (string, error) {
	w := &capped{max: templateSlack + 4*articleLen, deadline: time.Now().Add(templateTime)}
	done := make(chan error, 1)
	go func() { done <- t.Execute(w, d) }()
	timer := time.NewTimer(templateTime + time.Second)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			if errors.Is(err, errTemplateSize) {
				return "", fmt.Errorf("%w: at most %d bytes", errTemplateSize, w.max)
			}
			if errors.Is(err, errTemplateTime) {
				return "", fmt.Errorf("%w of %s", errTemplateTime, templateTime)
			}
			return "", err
		}
		return w.buf.String(), nil
	case <-timer.C:
		return "", fmt.Errorf("%w of %s", errTemplateTime, templateTime)
	}
}
