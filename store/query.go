package store

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"margin/internal/query"
)

// ListQuery lists the articles a query selects (internal/query: free words
// searched in the full text, and operators on tags, site, state,
// highlights, dates and length), in the query's order or opt's. Archived
// articles are left out unless the query or opt asks for them.
func (s *Store) ListQuery(ctx context.Context, q query.Query, opt ListOptions) ([]Article, error) {
	var where []string
	var args []any
	archived := opt.Archived
	var words string
	if q.Words != "" {
		if words = ftsQuery(q.Words); words == "" {
			return nil, nil
		}
	}
	tagged := false // a tag narrows the list to few articles
	for _, f := range q.Filters {
		cond, fargs := filterSQL(f)
		if f.Kind == query.Is && f.Value == "archived" {
			archived = true
		}
		if f.Not {
			cond = "NOT (" + cond + ")"
		}
		where = append(where, cond)
		args = append(args, fargs...)
		tagged = tagged || f.Kind == query.Tag && !f.Not
	}
	switch {
	case words != "" && tagged:
		// A tag's few articles first, then the words: SQLite tries the
		// conditions in this order, and led by the words it walked every
		// article a common word matches (4x slower).
		where = append(where, `a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)`)
		args = append(args, words)
	case words != "":
		where = append([]string{`a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)`}, where...)
		args = append([]any{words}, args...)
	}
	if !archived {
		where = append(where, `a.state = 'inbox'`)
	}
	stmt := `SELECT ` + articleCols + `, (SELECT count(*) FROM highlights h WHERE h.article_id = a.id) FROM articles a`
	if len(where) > 0 {
		stmt += " WHERE " + strings.Join(where, " AND ")
	}
	// The query's sort: wins over the caller's.
	order, err := orderBy(cmp.Or(Sort(q.Sort), opt.Sort))
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	stmt += order
	if opt.Limit > 0 {
		stmt += fmt.Sprintf(" LIMIT %d", opt.Limit)
	}
	rows, err := s.db.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, s.wrap("list articles", err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		var a Article
		if err := scanArticle(rows, &a, &a.HighlightCount); err != nil {
			return nil, s.wrap("list articles", err)
		}
		out = append(out, a)
	}
	return out, s.wrap("list articles", rows.Err())
}

// filterSQL is a filter's condition on the article a, with its arguments.
func filterSQL(f query.Filter) (string, []any) {
	switch f.Kind {
	case query.Tag:
		// The tag's articles, read once through the tag's index: a
		// correlated EXISTS looked at every article's tags instead.
		return `a.id IN (SELECT x.article_id FROM article_tags x WHERE x.tag_id = (SELECT id FROM tags WHERE name = ?))`, []any{f.Value}
	case query.Site:
		v := strings.ToLower(f.Value)
		return `(instr(lower(a.site_name), ?) > 0 OR a.url_key LIKE ? ESCAPE '\' OR a.url_key LIKE ? ESCAPE '\')`,
			[]any{v, likeEscape(v) + "/%", "%." + likeEscape(v) + "/%"}
	case query.Is:
		switch f.Value {
		case "new", "unread":
			return `a.reading = 'new'`, nil
		case "reading":
			return `a.reading = 'reading'`, nil
		case "done":
			return `a.reading = 'done'`, nil
		case "archived":
			return `a.state = 'archived'`, nil
		case "starred":
			return `a.starred`, nil
		case "unfetched":
			return `a.fetch_error <> ''`, nil
		}
	case query.Has:
		switch f.Value {
		case "highlights":
			return `EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id)`, nil
		case "notes":
			return `EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.note <> '')`, nil
		case "orphans":
			return `EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.orphan)`, nil
		case "note":
			return `a.note <> ''`, nil
		}
	case query.Label:
		return `EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.label = ?)`, []any{f.Value}
	case query.Added, query.Published:
		col := "a.added"
		extra := ""
		if f.Kind == query.Published {
			col, extra = "a.published", " AND a.published <> 0"
		}
		from, until := toNanos(f.Time), toNanos(f.Until)
		switch f.Op {
		case "<":
			return col + " < ?" + extra, []any{from}
		case "<=":
			return col + " < ?" + extra, []any{until}
		case ">":
			return col + " >= ?" + extra, []any{until}
		case ">=":
			return col + " >= ?" + extra, []any{from}
		default:
			return col + " >= ? AND " + col + " < ?" + extra, []any{from, until}
		}
	case query.Words:
		op := f.Op
		if op == "" {
			op = "="
		}
		return "a.word_count " + op + " ?", []any{f.Num}
	}
	return "1", nil
}

// likeEscape escapes LIKE's wildcards (with '\').
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
