package store

import (
	"context"
	"strings"
	"testing"
)

// Every sort reads its first page from an index, in order, and stops: a
// sort done on the whole table reads all 100,000 articles of a large
// library to show the first screen of them.
func TestListFirstPageOfEverySortUsesAnIndex(t *testing.T) {
	s := openTest(t)
	if err := Populate(context.Background(), s, 300, 20, 1); err != nil {
		t.Fatal(err)
	}
	for sort := range orders {
		for _, archived := range []bool{false, true} {
			q, args, err := listSQL(ListOptions{Sort: sort, Archived: archived, Brief: true, Limit: 80})
			if err != nil {
				t.Fatal(err)
			}
			all := queryPlan(t, s, q, args...)
			if strings.Contains(all, "TEMP B-TREE") || !strings.Contains(all, "SCAN a USING INDEX") {
				t.Errorf("sort %s (archived %v): the first page sorts the whole table:\n%s", sort, archived, all)
			}
		}
	}
}

// queryPlan is what SQLite says it will do for a query, one step a line.
func queryPlan(t *testing.T, s *Store, q string, args ...any) string {
	t.Helper()
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}
