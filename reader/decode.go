package reader

import (
	"bytes"
	"fmt"
	"io"

	"golang.org/x/net/html/charset"
)

// DecodeHTML converts an HTML body to UTF-8, choosing the charset from the
// Content-Type header, then a byte-order mark, then the page's own meta
// tag, and sanitises the result.
func DecodeHTML(raw []byte, contentType string) (string, error) {
	r, err := charset.NewReader(bytes.NewReader(raw), contentType)
	if err != nil {
		return "", fmt.Errorf("decode charset: %w", err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("decode charset: %w", err)
	}
	return Sanitize(string(b)), nil
}
