package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippet markers: control characters, which plainText strips from every
// stored text, so they can only come from snippet().
const (
	markOpen  = "\x02"
	markClose = "\x03"
)

// maxQueryTerms bounds the work one search can ask of FTS5.
const maxQueryTerms = 32

// rankCap is how many matching articles Search ranks with bm25. Scoring
// costs about 7 µs per matching article for a word found all over each
// text, so ranking all of a 10,000-article library for "the" took ~80 ms.
// A query matching more than this is made of words nearly every article
// has, where bm25 can hardly tell articles apart anyway (FTS5 clamps their
// IDF to almost zero); such a query ranks the articles with a title match,
// then the newest rankCap matches.
var rankCap = 1000

// Search finds articles matching the user's query, best first (bm25,
// title weighted highest), with a snippet of the text around the best
// match. The query syntax is FTS5's, made safe (see parseQuery): words,
// "phrases", OR, AND, NOT, parentheses, prefix*; the last word also
// matches as a prefix (search as you type). A query still being typed is
// forgiven (CheckQuery is the strict reading). A query with no words
// returns nothing.
// Results come in order; Rank is bm25's score (lower is better).
func (s *Store) Search(ctx context.Context, query string, limit int) ([]SearchResult, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	// Are there more than rankCap matches? If so, the newest rankCap of
	// them are those with a rowid above the (rankCap+1)-th newest's.
	// (Walking rowids is cheap: no positions are read.)
	var floor int64
	err := s.db.QueryRowContext(ctx, `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
		ORDER BY rowid DESC LIMIT 1 OFFSET ?`, match, rankCap).Scan(&floor)
	terms := snippetTerms(query)
	if errors.Is(err, sql.ErrNoRows) || 2*limit > rankCap {
		return s.searchRanked(ctx, match, terms, 0, limit)
	}
	if err != nil {
		return nil, s.wrap("search", err)
	}
	out, err := s.searchRanked(ctx, "title : ("+match+")", terms, 0, limit)
	if err != nil || len(out) >= limit {
		return out, err
	}
	// The window holds rankCap >= 2*limit articles, enough to fill the
	// results beside the title matches.
	rest, err := s.searchRanked(ctx, match, terms, floor+1, limit)
	if err != nil {
		return nil, err
	}
	seen := make(map[int64]bool, len(out))
	for _, r := range out {
		seen[r.ID] = true
	}
	for _, r := range rest {
		if len(out) >= limit {
			break
		}
		if !seen[r.ID] {
			out = append(out, r)
		}
	}
	return out, nil
}

// searchRanked runs an FTS5 query (already safe) over articles with
// rowid >= minID, best bm25 first.
func (s *Store) searchRanked(ctx context.Context, match string, terms []sterm, minID int64, limit int) ([]SearchResult, error) {
	// FTS5 ranks and limits in the inner query; the snippet is made from
	// the start of each result's text (makeSnippet: bounded work).
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleCols+`,
		(SELECT count(*) FROM highlights h WHERE h.article_id = a.id), substr(b.text, 1, ?), f.rank
		FROM (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?) f
		JOIN articles a ON a.id = f.rowid
		JOIN article_bodies b ON b.article_id = a.id
		ORDER BY f.rank`, snippetScan, match, minID, limit)
	if err != nil {
		return nil, s.wrap("search", err)
	}
	defer rows.Close()
	var out []SearchResult
	for rows.Next() {
		var r SearchResult
		var snip string
		if err := scanArticle(rows, &r.Article, &r.HighlightCount, &snip, &r.Rank); err != nil {
			return nil, s.wrap("search", err)
		}
		r.Snippet, r.Matches = makeSnippet(snip, terms)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("search", err)
	}
	return out, nil
}

// Query syntax, as FTS5 users expect it: words must all match; "an
// exact phrase"; OR, AND and NOT in capitals (NOT binds tightest, then
// AND, then OR, as in FTS5); parentheses to group; word* for a prefix.
// The last bare word also matches as a prefix (search as you type).
// Every word reaches FTS5 as a quoted string, so no input is FTS5 syntax
// by accident, and the bounds below keep hostile input cheap.
const (
	maxQueryBytes = 2000 // longer input is cut (Search) or refused (CheckQuery)
	maxQueryDepth = 8    // nested parentheses
)

// ErrBadQuery marks a search query that cannot be understood; its
// message says what is wrong in one line.
var ErrBadQuery = errors.New("bad search query")

type queryError struct{ msg string }

func (e *queryError) Error() string        { return e.msg }
func (e *queryError) Is(target error) bool { return target == ErrBadQuery }

func badQuery(format string, a ...any) error {
	return &queryError{fmt.Sprintf(format, a...)}
}

// CheckQuery says what is wrong with a search query, or returns nil. The
// command line calls it before searching; Search itself forgives a query
// being typed (an unclosed quote or parenthesis, a trailing OR) and
// searches what makes sense of it.
func CheckQuery(query string) error {
	_, err := parseQuery(query, true)
	return err
}

type qtokKind int

const (
	qTerm qtokKind = iota
	qOp            // OR, AND, NOT
	qOpen
	qClose
)

type qtok struct {
	kind   qtokKind
	text   string // the term, or the operator
	phrase bool
	prefix bool // an explicit *
}

// ftsQuery turns what the user typed into an FTS5 query that cannot be a
// syntax error, forgiving what a query being typed lacks. "" means the
// query holds no word to look for.
func ftsQuery(input string) string {
	q, _ := parseQuery(input, false)
	return q
}

// parseQuery reads a query; strict refuses what ftsQuery would forgive.
func parseQuery(input string, strict bool) (string, error) {
	if len(input) > maxQueryBytes {
		if strict {
			return "", badQuery("the query is longer than %d bytes", maxQueryBytes)
		}
		input = input[:maxQueryBytes]
	}
	toks, err := lexQuery(input, strict)
	if err != nil {
		return "", err
	}
	// Check the order of terms and operators, mending it when forgiving.
	var out []qtok
	depth, terms := 0, 0
	operand := true // an operand (term or group) is expected next
	for _, t := range toks {
		switch t.kind {
		case qTerm:
			if terms++; terms > maxQueryTerms {
				if strict {
					return "", badQuery("the query has more than %d words", maxQueryTerms)
				}
				continue
			}
			out = append(out, t)
			operand = false
		case qOpen:
			if depth == maxQueryDepth {
				if strict {
					return "", badQuery("parentheses nested more than %d deep", maxQueryDepth)
				}
				continue // its ) is dropped as unmatched
			}
			depth++
			out = append(out, t)
			operand = true
		case qClose:
			switch {
			case depth == 0:
				if strict {
					return "", badQuery("a ) has no ( before it")
				}
				continue
			case operand && len(out) > 0 && out[len(out)-1].kind == qOpen:
				if strict {
					return "", badQuery("() holds no words")
				}
				out = out[:len(out)-1]
				depth--
				operand = len(out) == 0 || out[len(out)-1].kind != qTerm && out[len(out)-1].kind != qClose
				continue
			case operand:
				if strict {
					return "", badQuery("%s needs words after it", out[len(out)-1].text)
				}
				out = out[:len(out)-1] // the dangling operator
			}
			depth--
			out = append(out, t)
			operand = false
		case qOp:
			if operand {
				if strict {
					if len(out) == 0 || out[len(out)-1].kind == qOpen {
						if t.text == "NOT" {
							return "", badQuery("NOT needs words before it: a NOT b finds a without b")
						}
						return "", badQuery("%s needs words before it", t.text)
					}
					return "", badQuery("%s follows %s; put words between them", t.text, out[len(out)-1].text)
				}
				continue
			}
			out = append(out, t)
			operand = true
		}
	}
	// The end: no dangling operator, no open group.
	for len(out) > 0 && (out[len(out)-1].kind == qOp || out[len(out)-1].kind == qOpen) {
		last := out[len(out)-1]
		if strict {
			if last.kind == qOp {
				return "", badQuery("%s needs words after it", last.text)
			}
			return "", badQuery("a ( is not closed")
		}
		out = out[:len(out)-1]
		if last.kind == qOpen {
			depth--
		}
	}
	if depth > 0 {
		if strict {
			return "", badQuery("a ( is not closed")
		}
		for ; depth > 0; depth-- {
			out = append(out, qtok{kind: qClose})
		}
	}
	// Mending can leave "()" behind: "(OR)".
	for changed := true; changed; {
		changed = false
		for i := 0; i+1 < len(out); i++ {
			if out[i].kind == qOpen && out[i+1].kind == qClose {
				out = append(out[:i], out[i+2:]...)
				changed = true
				break
			}
		}
	}
	if terms == 0 || len(out) == 0 {
		return "", nil
	}
	lastTerm := -1
	for i, t := range out {
		if t.kind == qTerm {
			lastTerm = i
		}
	}
	var b strings.Builder
	for i, t := range out {
		if i > 0 && !(t.kind == qClose) && !(out[i-1].kind == qOpen) {
			b.WriteByte(' ')
			// FTS5 takes adjacent phrases as AND, but not a group next
			// to a phrase or a group: say it.
			prev := out[i-1].kind
			if (prev == qTerm || prev == qClose) && t.kind == qOpen || prev == qClose && t.kind == qTerm {
				b.WriteString("AND ")
			}
		}
		switch t.kind {
		case qOp:
			b.WriteString(t.text)
		case qOpen:
			b.WriteByte('(')
		case qClose:
			b.WriteByte(')')
		case qTerm:
			// CJK words become phrases of their letters, as indexed.
			text := ftsText(t.text)
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(text, `"`, `""`))
			b.WriteByte('"')
			// A one-letter prefix matches most of the vocabulary: slow,
			// and useless for ranking.
			if (t.prefix || i == lastTerm && !t.phrase) && trailingWordRunes(text) >= 2 {
				b.WriteByte('*')
			}
		}
	}
	return b.String(), nil
}

// lexQuery splits a query into words, "phrases", operators and
// parentheses. Words without a letter or digit are dropped (FTS5 would
// find no token in them).
func lexQuery(input string, strict bool) ([]qtok, error) {
	var toks []qtok
	var cur strings.Builder
	inPhrase := false
	flush := func(phrase bool) {
		t := cur.String()
		cur.Reset()
		tok := qtok{kind: qTerm, text: t, phrase: phrase}
		if !phrase {
			switch t {
			case "OR", "AND", "NOT":
				toks = append(toks, qtok{kind: qOp, text: t})
				return
			}
			if trimmed := strings.TrimRight(t, "*"); trimmed != t {
				tok.text, tok.prefix = trimmed, true
			}
		}
		if hasLetter(tok.text) {
			toks = append(toks, tok)
		}
	}
	rs := []rune(input)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '"':
			flush(inPhrase)
			if inPhrase && i+1 < len(rs) && rs[i+1] == '*' && len(toks) > 0 && toks[len(toks)-1].phrase {
				toks[len(toks)-1].prefix = true
				i++
			}
			inPhrase = !inPhrase
		case !inPhrase && (r == '(' || r == ')'):
			flush(false)
			if r == '(' {
				toks = append(toks, qtok{kind: qOpen})
			} else {
				toks = append(toks, qtok{kind: qClose})
			}
		case r == 0 || unicode.IsControl(r) || (!inPhrase && unicode.IsSpace(r)):
			if inPhrase {
				cur.WriteRune(' ')
			} else {
				flush(false)
			}
		case r == utf8.RuneError:
			// Invalid UTF-8: a separator, like punctuation.
			cur.WriteRune(' ')
		default:
			cur.WriteRune(r)
		}
	}
	if inPhrase && strict {
		return nil, badQuery(`a " is not closed: put the phrase between two quotes`)
	}
	flush(inPhrase)
	return toks, nil
}

// trailingWordRunes counts the letters and digits that end s: the last
// token, which a prefix star applies to.
func trailingWordRunes(s string) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !isWordRune(r) {
			break
		}
		n++
		s = s[:len(s)-size]
	}
	return n
}

// isWordRune: a letter, a digit, or a mark, which is part of the word its
// letter begins (the vowel signs of Hindi, Arabic, Hebrew, Thai).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r >= 0x300 && unicode.IsMark(r)
}

// hasLetter reports whether s holds a letter or digit: a term FTS5 finds a
// token in.
func hasLetter(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) })
}

// parseSnippet removes the markers from a snippet, folds its whitespace
// into single spaces (a snippet is shown on one line), and returns the byte
// ranges the markers enclosed.
func parseSnippet(snip string) (string, [][2]int) {
	var b strings.Builder
	b.Grow(len(snip))
	var matches [][2]int
	open := -1
	space := false
	for _, r := range snip {
		switch {
		case string(r) == markOpen:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			open = b.Len()
		case string(r) == markClose:
			if open >= 0 && b.Len() > open {
				matches = append(matches, [2]int{open, b.Len()})
			}
			open = -1
		case unicode.IsSpace(r):
			space = true
		case unicode.IsControl(r):
			// Nothing else should be here (plainText), but never pass it on.
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String(), matches
}
