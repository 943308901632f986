package importer

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"margin/sanitize"
	"margin/store"
)

// line cleans a one-line field: valid UTF-8, no control characters,
// spaces collapsed, at most maxLineBytes.
func line(s string) string {
	s = sanitize.Line(strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.Join(strings.Fields(s), " ")
	return cut(s, maxLineBytes)
}

// text cleans a quote or a note: valid UTF-8, newlines kept, no other
// control characters, at most maxTextBytes.
func text(s string) string {
	s = sanitize.Text(strings.ToValidUTF8(s, "\uFFFD"))
	return cut(strings.TrimSpace(s), maxTextBytes)
}

// cut shortens s to at most n bytes on a rune boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// cleanURL trims a URL and says whether it is an http(s) URL with a host,
// of at most maxURLBytes: it is not cut as a title is (cut, it would be
// another address). The string returned is cleaned either way.
func cleanURL(raw string) (string, bool) {
	u := strings.Join(strings.Fields(sanitize.Line(strings.ToValidUTF8(raw, "\uFFFD"))), " ")
	if u == "" || len(u) > maxURLBytes {
		return u, false
	}
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" {
		return u, false
	}
	switch strings.ToLower(pu.Scheme) {
	case "http", "https":
		return u, true
	}
	return u, false
}

// cleanTags normalises tags with store.CleanTag and drops duplicates
// (compared without case). A comma inside one tag becomes a space (the
// export had already split its list; margin's tags cannot hold commas);
// a tag CleanTag still refuses (a '#' inside, longer than 64 characters)
// is left out and given to drop, for the summary: it is not an item's
// failure.
func cleanTags(tags []string, drop func(string)) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		raw := strings.ReplaceAll(strings.ToValidUTF8(t, ""), ",", " ")
		t, ok := store.CleanTag(raw)
		if !ok {
			if l := line(strings.TrimPrefix(strings.TrimSpace(raw), "#")); l != "" && drop != nil {
				drop(l)
			}
			continue
		}
		if seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
		if len(out) == maxTags {
			break
		}
	}
	return out
}

// labelFor maps an old service's highlight label, tag or colour name to
// margin: a margin label's name (or "disagreement") gives that label; the
// default colour "yellow" (and "highlight") is a plain highlight; any
// other name is returned as a tag.
func labelFor(name string) (label, tag string) {
	n := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), "#")))
	switch n {
	case "", "yellow", "highlight", store.Labels[0]:
		return "", ""
	case "disagreement":
		return "disagree", ""
	}
	for _, l := range store.Labels {
		if n == l {
			return l, ""
		}
	}
	return "", strings.TrimSpace(name)
}

// applyLabel sets h's label from name, or adds name to its tags.
func applyLabel(h *Highlight, name string) {
	l, t := labelFor(name)
	switch {
	case l != "" && h.Label == "":
		h.Label = l
	case t != "":
		h.Tags = append(h.Tags, t)
	}
}

// sane keeps dates between 1900 and 2200; others are unknown (zero).
func sane(t time.Time) time.Time {
	if t.IsZero() || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}
	}
	return t
}

func clamp01(f float64) float64 {
	if math.IsNaN(f) || f <= 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

// dateLayouts are the forms the exports write dates in.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700", // wallabag: 2019-01-01T10:00:00+0100
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00", // ISO 8601 without seconds
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00", // Readwise: 2023-05-16 18:37:19+00:00
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	time.UnixDate,
	time.ANSIC,
	"January 2, 2006 3:04 PM",
	"Jan 2, 2006 3:04 PM",
	"January 2, 2006",
	"Jan 2, 2006",
	"2006/01/02 15:04:05",
	"2006/01/02",
}

// parseDate reads a date in any form the exports use: unix seconds (or
// milliseconds), RFC 3339 and the layouts above. A date it cannot read is
// zero, never an error.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '+' {
		return unixTime(f)
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return sane(t)
		}
	}
	return time.Time{}
}

// unixTime reads seconds, or milliseconds when the number is too large
// for seconds.
func unixTime(f float64) time.Time {
	if math.IsNaN(f) || math.IsInf(f, 0) || f <= 0 {
		return time.Time{}
	}
	if f > 1e11 {
		f /= 1000
	}
	if f > 1e11 {
		return time.Time{}
	}
	sec, frac := math.Modf(f)
	return sane(time.Unix(int64(sec), int64(frac*1e9)).UTC())
}

// parseList reads a list written as JSON (["a","b"]), as Python writes
// one (['a', "b's"]), or as plain text separated by sep.
func parseList(s string, sep string) []string {
	s = strings.TrimSpace(s)
	if s == "" || s == "[]" {
		return nil
	}
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		var out []string
		for _, f := range strings.Split(s, sep) {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
		return out
	}
	in := s[1 : len(s)-1]
	var out []string
	for i := 0; i < len(in); {
		c := in[i]
		switch {
		case c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'' || c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(in) && in[j] != c; j++ {
				if in[j] == '\\' && j+1 < len(in) {
					j++
					switch in[j] {
					case 'n', 't', 'r':
						b.WriteByte(' ')
					case 'u':
						if j+4 < len(in) {
							if r, err := strconv.ParseUint(in[j+1:j+5], 16, 32); err == nil {
								b.WriteRune(rune(r))
								j += 4
								continue
							}
						}
						b.WriteByte('u')
					default:
						b.WriteByte(in[j])
					}
					continue
				}
				b.WriteByte(in[j])
			}
			out = append(out, b.String())
			i = j + 1
		default:
			j := strings.IndexByte(in[i:], ',')
			if j < 0 {
				j = len(in) - i
			}
			if f := strings.TrimSpace(in[i : i+j]); f != "" {
				out = append(out, f)
			}
			i += j
		}
	}
	return out
}
