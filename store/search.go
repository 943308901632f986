package store

import (
	"context"
	"database/sql"
	"errors"
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

// Search finds articles matching the user's words, best first (bm25,
// title weighted highest), with a snippet of the text around the best
// match. Anything the user types is taken as words to find, never as query
// syntax: quoted "phrases" are kept as phrases, the last word also matches
// as a prefix (search as you type). A query with no words returns nothing.
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
	if errors.Is(err, sql.ErrNoRows) || 2*limit > rankCap {
		return s.searchRanked(ctx, match, 0, limit)
	}
	if err != nil {
		return nil, s.wrap("search", err)
	}
	out, err := s.searchRanked(ctx, "title : ("+match+")", 0, limit)
	if err != nil || len(out) >= limit {
		return out, err
	}
	// The window holds rankCap >= 2*limit articles, enough to fill the
	// results beside the title matches.
	rest, err := s.searchRanked(ctx, match, floor+1, limit)
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
func (s *Store) searchRanked(ctx context.Context, match string, minID int64, limit int) ([]SearchResult, error) {
	// snippet() must be called on the FTS table itself, so rank and snippet
	// come from an inner query that FTS5 sorts and limits on its own.
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleCols+`,
		(SELECT count(*) FROM highlights h WHERE h.article_id = a.id), f.snip, f.rank
		FROM (SELECT rowid, rank, snippet(articles_fts, 3, char(2), char(3), '…', 24) AS snip
			FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?) f
		JOIN articles a ON a.id = f.rowid
		ORDER BY f.rank`, match, minID, limit)
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
		r.Snippet, r.Matches = parseSnippet(snip)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("search", err)
	}
	return out, nil
}

// ftsQuery turns what the user typed into an FTS5 query that cannot be a
// syntax error: every word or "phrase" becomes a double-quoted FTS5 string
// (all must match), words without a letter or digit are dropped (FTS5
// would find no token in them), and the last bare word gets a prefix star
// when it ends in a letter or digit.
func ftsQuery(input string) string {
	type term struct {
		text   string
		phrase bool
	}
	var terms []term
	var cur strings.Builder
	inPhrase := false
	flush := func(phrase bool) {
		t := cur.String()
		cur.Reset()
		if strings.IndexFunc(t, isWordRune) >= 0 {
			terms = append(terms, term{t, phrase})
		}
	}
	for _, r := range input {
		switch {
		case r == '"':
			flush(inPhrase)
			inPhrase = !inPhrase
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
	flush(inPhrase)
	if len(terms) > maxQueryTerms {
		terms = terms[:maxQueryTerms]
	}
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(t.text, `"`, `""`))
		b.WriteByte('"')
		if i == len(terms)-1 && !t.phrase {
			// A one-letter prefix matches most of the vocabulary: slow,
			// and useless for ranking.
			if trailingWordRunes(t.text) >= 2 {
				b.WriteByte('*')
			}
		}
	}
	return b.String()
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

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
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
