// Package urlid decides when two addresses name the same article: one
// normalised form (the key) used by add, refresh and import alike, and the
// form of an address that may be stored or shown (without credentials).
package urlid

import (
	"net"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// tracking lists query parameters that say who sent a reader, not which
// page they read; a key drops them. Names ending in '*' are prefixes.
var tracking = []string{
	"utm_*", "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid",
	"mc_cid", "mc_eid", "yclid", "igshid", "_ga", "_gl", "_hsenc", "_hsmi",
	"mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "__s",
	"s_cid", "ncid", "ocid", "sr_share", "ref_src", "ref_url",
}

func isTracking(name string) bool {
	name = strings.ToLower(name)
	for _, t := range tracking {
		if p, ok := strings.CutSuffix(t, "*"); ok && strings.HasPrefix(name, p) || name == t {
			return true
		}
	}
	return false
}

// Key is the identity of an address. For http and https it is the address
// without scheme, credentials, fragment, default port, trailing slash and
// tracking parameters, with the host lower-cased and the remaining query
// parameters sorted: "HTTP://Example.org:80/a/?utm_source=x&b=2&a=1#top"
// and "https://example.org/a?a=1&b=2" have the same key. Anything else (a
// local path) is its own key. An empty address has the empty key.
func Key(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return raw
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 literal keeps its brackets
	}
	path := u.EscapedPath()
	path = strings.TrimRight(path, "/")
	var b strings.Builder
	b.WriteString(host)
	b.WriteString(path)
	if q := query(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String()
}

// query returns the non-tracking parameters of a raw query, sorted (keeping
// the order of repeated names), in their original encoding.
func query(raw string) string {
	if raw == "" {
		return ""
	}
	var keep []string
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		name, _, _ := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if isTracking(name) {
			continue
		}
		keep = append(keep, part)
	}
	sort.SliceStable(keep, func(i, j int) bool {
		ni, _, _ := strings.Cut(keep[i], "=")
		nj, _, _ := strings.Cut(keep[j], "=")
		return ni < nj
	})
	return strings.Join(keep, "&")
}

// Public is an address as it may be stored, exported or printed: without
// the user name and password a reader may have given to fetch it. Anything
// that does not parse as an address is returned as it is.
func Public(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}

// SamePage reports whether two addresses have the same non-empty key.
func SamePage(a, b string) bool {
	ka := Key(a)
	return ka != "" && ka == Key(b)
}

// userinfo is the credentials part of an address inside a text.
var userinfo = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]+@`)

// Redact removes credentials from every address in a text (an error
// message quoting the address it failed to fetch).
func Redact(s string) string { return userinfo.ReplaceAllString(s, "$1") }
