package community_test

import (
	"context"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The members a community's header shows are kept by triggers (migration
// 0060): after joins, approvals, invitations, moves and departures they
// are what counting the active memberships gives.
func TestMemberCountsFollowMemberships(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := d.ExecContext(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		now := db.Now()
		for _, slug := range []string{"bread", "cheese"} {
			exec(`INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at)
				VALUES ($1, $1, 'public', 'open', 'maturing', 'active', $2, $2)`, slug, now)
		}
		for _, h := range []string{"ana", "ben", "cy", "dee"} {
			exec(`INSERT INTO people (handle, email, name, password_hash, created_at) VALUES ($1, $1 || '@example.org', $1, 'x', $2)`, h, now)
		}
		member := func(slug, handle, status string) {
			t.Helper()
			exec(`INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
				SELECT c.id, p.id, 'member', $3, $4, $4 FROM communities c, people p WHERE c.slug = $1 AND p.handle = $2`, slug, handle, status, now)
		}
		check := func(step string) {
			t.Helper()
			rows, err := d.QueryContext(ctx, `SELECT c.slug, cc.members, (SELECT COUNT(*) FROM memberships m WHERE m.community_id = c.id AND m.status = 'active')
				FROM communities c JOIN community_counts cc ON cc.community_id = c.id ORDER BY c.slug`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var slug string
				var kept, counted int
				if err := rows.Scan(&slug, &kept, &counted); err != nil {
					t.Fatal(err)
				}
				if kept != counted {
					t.Errorf("after %s, %s keeps %d members, has %d", step, slug, kept, counted)
				}
			}
		}
		member("bread", "ana", "active")
		member("bread", "ben", "pending")
		member("bread", "cy", "invited")
		member("cheese", "dee", "active")
		check("joining")
		exec(`UPDATE memberships SET status = 'active' WHERE status IN ('pending', 'invited')`)
		check("approval")
		exec(`UPDATE memberships SET role = 'steward' WHERE person_id = (SELECT id FROM people WHERE handle = 'ana')`)
		exec(`UPDATE memberships SET status = 'invited' WHERE person_id = (SELECT id FROM people WHERE handle = 'ben')`)
		check("a role and an invitation")
		exec(`UPDATE memberships SET community_id = (SELECT id FROM communities WHERE slug = 'cheese')
			WHERE person_id = (SELECT id FROM people WHERE handle = 'cy')`)
		check("a move")
		exec(`DELETE FROM memberships WHERE person_id = (SELECT id FROM people WHERE handle = 'dee')`)
		exec(`DELETE FROM people WHERE handle = 'ana'`)
		check("leaving")
	})
}
