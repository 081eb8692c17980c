package community_test

import (
	"context"
	"database/sql"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/benchdata"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// loadMembers writes the benchmark institution without entries, with people
// up to n, and makes people 3 to n members of its community ReaderPublic in
// every status and role; it returns the community's slug, its steward
// (benchdata.Steward) and a member (benchdata.Reader).
func loadMembers(t *testing.T, d *db.DB, n int) (slug string, steward, member auth.Actor) {
	t.Helper()
	ctx := context.Background()
	must(t, benchdata.LoadRows(ctx, d, 0, 0))
	statuses := []string{"active", "active", "active", "pending", "invited"}
	roles := []string{"member", "member", "moderator", "steward", "member"}
	now := db.Now()
	must(t, d.WithTx(ctx, func(tx *db.Tx) error {
		ins := benchdata.NewInserter(ctx, tx)
		for i := benchdata.People + 1; i <= n; i++ {
			h := "p" + strconv.Itoa(i)
			ins.Row("INSERT INTO people (id, handle, email, name, password_hash, email_verified_at, created_at) VALUES",
				i, h, h+"@example.org", "Person "+strconv.Itoa(i), "x", now, now)
		}
		ins.Flush()
		for i := 3; i <= n; i++ {
			ins.Row("INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES",
				benchdata.ReaderPublic, i, roles[i%len(roles)], statuses[i%len(statuses)], now, now)
		}
		ins.Flush()
		return ins.Err()
	}))
	if d.Dialect == db.Postgres {
		_, err := d.ExecContext(ctx, "ANALYZE")
		must(t, err)
	}
	return benchdata.CommunitySlug(benchdata.ReaderPublic),
		auth.Actor{PersonID: benchdata.Steward, Handle: "p2", Verified: true},
		auth.Actor{PersonID: benchdata.Reader, Handle: "p1", Verified: true}
}

// TestMembersListUsesIndex: a members page, first or deep, for a steward
// (requests and invitations too) or a member, walks the index
// memberships_list from its cursor; it neither scans the memberships nor
// sorts them, so its cost does not grow with the community.
func TestMembersListUsesIndex(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		slug, steward, member := loadMembers(t, d, 2000)
		cs := community.NewService(d, nil, "http://hearth.test", nil)
		for _, a := range []auth.Actor{steward, member} {
			v, err := cs.Get(context.Background(), a, slug)
			must(t, err)
			for _, at := range []community.At{{}, {After: 120}, {Before: 120}} {
				plan := explainPlan(t, d, community.MembersQuery(v, at), v.ID, community.MembersPageSize+1, at.After+at.Before)
				uses := strings.Contains(plan, "INDEX memberships_list") || strings.Contains(plan, "using memberships_list")
				scans := strings.Contains(plan, "SCAN m\n") || strings.Contains(plan, "Seq Scan on memberships")
				sorts := strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") || fullSort.MatchString(plan)
				if !uses || scans || sorts {
					t.Errorf("person %d, at %+v: want a walk of memberships_list, no scan, no sort; plan:\n%s", a.PersonID, at, plan)
				}
			}
		}
	})
}

// fullSort finds a PostgreSQL plan's Sort node (not an Incremental Sort).
var fullSort = regexp.MustCompile(`(?m)^\s*(->\s+)?Sort\s+\(`)

// TestMembersPagesWalkEveryoneInOrder: following the pages forward, then
// back, a steward sees every membership once, requests first, then
// invitations, then members, stewards first within each.
func TestMembersPagesWalkEveryoneInOrder(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		slug, steward, _ := loadMembers(t, d, 130)
		cs := community.NewService(d, nil, "http://hearth.test", nil)
		rank := func(m community.Member) int {
			r := map[community.MemberStatus]int{community.PendingMember: 0, community.InvitedMember: 3}[m.Status]
			if m.Status == community.ActiveMember {
				r = 6
			}
			return r + map[community.Role]int{community.RoleSteward: 0, community.RoleModerator: 1}[m.Role] +
				map[bool]int{true: 2}[m.Role == community.RoleMember]
		}
		var forward [][]community.Member
		at := community.At{}
		for {
			_, list, more, err := cs.Members(context.Background(), steward, slug, at)
			must(t, err)
			forward = append(forward, list)
			if !more {
				break
			}
			at = community.At{After: list[len(list)-1].PersonID}
		}
		all := slices.Concat(forward...)
		if len(forward) != 3 || len(all) != 130-2+2 { // people 3..130, with the steward and the reader
			t.Fatalf("%d pages, %d members; want 3 pages of 130", len(forward), len(all))
		}
		seen := map[int64]bool{}
		for i, m := range all {
			if seen[m.PersonID] {
				t.Fatalf("person %d listed twice", m.PersonID)
			}
			seen[m.PersonID] = true
			if i > 0 && (rank(all[i-1]) > rank(m) || rank(all[i-1]) == rank(m) && all[i-1].PersonID > m.PersonID) {
				t.Fatalf("out of order at %d: %+v before %+v", i, all[i-1], m)
			}
		}
		// Back from the last page: the middle page again, in the same order.
		_, back, more, err := cs.Members(context.Background(), steward, slug, community.At{Before: forward[2][0].PersonID})
		must(t, err)
		if !more || !slices.Equal(ids(back), ids(forward[1])) {
			t.Errorf("page before the last: %v (more %v), want %v", ids(back), more, ids(forward[1]))
		}
	})
}

func ids(list []community.Member) []int64 {
	out := make([]int64, len(list))
	for i, m := range list {
		out[i] = m.PersonID
	}
	return out
}

// TestMembersQueriesConstant: a members page, first or next, costs the same
// number of queries with 150 members as with 2,000.
func TestMembersQueriesConstant(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, _ *db.DB) {
		counts := map[int][]int64{}
		for _, size := range []int{150, 2000} {
			d := dbtest.SQLite(t)
			if strings.HasSuffix(t.Name(), "postgres") {
				d = dbtest.Postgres(t)
			}
			slug, steward, _ := loadMembers(t, d, size)
			cs := community.NewService(d, nil, "http://hearth.test", nil)
			at := community.At{}
			for range 2 { // the first page, then the next
				q0 := d.QueryCount()
				_, list, more, err := cs.Members(context.Background(), steward, slug, at)
				if err != nil || len(list) != community.MembersPageSize || !more {
					t.Fatalf("%d members: %d listed, more %v, %v", size, len(list), more, err)
				}
				counts[size] = append(counts[size], d.QueryCount()-q0)
				at = community.At{After: list[len(list)-1].PersonID}
			}
		}
		if !slices.Equal(counts[150], counts[2000]) {
			t.Errorf("queries per page: %v with 150 members, %v with 2,000", counts[150], counts[2000])
		}
	})
}

// explainPlan is the query plan of query, one line per node.
func explainPlan(t *testing.T, d *db.DB, query string, args ...any) string {
	t.Helper()
	prefix := "EXPLAIN QUERY PLAN "
	if d.Dialect == db.Postgres {
		prefix = "EXPLAIN "
	}
	rows, err := d.QueryContext(context.Background(), prefix+query, args...)
	must(t, err)
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		must(t, rows.Scan(ptrs...))
		var s sql.NullString
		_ = s.Scan(vals[len(vals)-1])
		lines = append(lines, s.String)
	}
	must(t, rows.Err())
	return strings.Join(lines, "\n") + "\n"
}
