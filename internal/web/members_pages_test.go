package web_test

import (
	"context"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/benchdata"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

var memberLink = regexp.MustCompile(`<a href="/people/(p\d+)">`)

// TestMembersPagesByKeyset: a community's members pages follow each other by
// keyset links (before and after a person) without overlap, the last page
// has no next link, and Previous from the second page is the first again.
func TestMembersPagesByKeyset(t *testing.T) {
	t.Parallel()
	d := dbtest.SQLite(t)
	ctx := context.Background()
	if err := benchdata.LoadRows(ctx, d, 0, 0); err != nil {
		t.Fatal(err)
	}
	for i := 3; i <= 100; i++ { // 100 members in all with the reader and the steward
		if _, err := d.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
			VALUES ($1, $2, 'member', 'active', $3, $3)`, benchdata.ReaderPublic, i, db.Now()); err != nil {
			t.Fatal(err)
		}
	}
	visitor := apptest.New(t, d).Visitor()
	members := func(body string) []string {
		var out []string
		for _, m := range memberLink.FindAllStringSubmatch(body, -1) {
			out = append(out, m[1])
		}
		return out
	}
	first := visitor.Get("/c/c1/members")
	next := nextLink.FindStringSubmatch(first.Body)
	if first.Status != 200 || next == nil || prevLink.MatchString(first.Body) {
		t.Fatalf("first page: status %d, next %v, a previous link %v", first.Status, next, prevLink.MatchString(first.Body))
	}
	if !strings.Contains(next[1], "after=") {
		t.Errorf("the next link %s is not a keyset cursor", next[1])
	}
	second := visitor.Get(html.UnescapeString(next[1]))
	prev := prevLink.FindStringSubmatch(second.Body)
	if second.Status != 200 || prev == nil || nextLink.MatchString(second.Body) {
		t.Fatalf("second page (%s): status %d, previous %v, a next link %v", next[1], second.Status, prev, nextLink.MatchString(second.Body))
	}
	a, b := members(first.Body), members(second.Body)
	for _, p := range b {
		if slices.Contains(a, p) {
			t.Errorf("%s is on both pages", p)
		}
	}
	if len(a) != 50 || len(b) != 50 || a[0] != "p2" { // the steward first
		t.Errorf("the pages list %d and %d members, first %v", len(a), len(b), a[:1])
	}
	back := visitor.Get(html.UnescapeString(prev[1]))
	if got := members(back.Body); back.Status != 200 || !slices.Equal(got, a) {
		t.Errorf("previous from the second page (%s) lists %v, the first page %v", prev[1], got, a)
	}
}
