package export

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// maxTemplate bounds a template file; a notes template is a few KB.
const maxTemplate = 1 << 20

// Funcs are the functions a template may call, besides text/template's own:
//
//	quote   plain text as a blockquote, every line prefixed "> " and escaped
//	callout Markdown in an Obsidian callout: {{callout "note" .Note}}
//	escape  plain text as inline Markdown (no links, tags or HTML can appear)
//	yaml    a value as a YAML scalar, safe in front matter: title: {{yaml .Title}}
//	indent  prefix every line but the first with n spaces: {{indent 2 .Note}}
//	oneline collapse newlines and runs of spaces
//	join    join a list of strings: {{join .Labels ", "}}
func Funcs() template.FuncMap {
	return template.FuncMap{
		"quote":   blockquote,
		"callout": callout,
		"escape":  escapeText,
		"yaml":    yamlScalar,
		"indent":  indent,
		"oneline": oneLine,
		"join":    strings.Join,
	}
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

// indent prefixes every line after the first with n spaces, to continue a
// list item or a YAML block.
func indent(n int, s string) string {
	pad := "\n" + strings.Repeat(" ", max(n, 0))
	return strings.ReplaceAll(s, "\n", pad)
}
