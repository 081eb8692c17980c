package practice_test

import (
	"context"
	"fmt"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// Migrations 0077 and 0078 give the tags a database already holds their
// entry's or thread's community, which the walks of an entry page's related
// entries and threads read (practice.Related, conversation.OnTags).
func TestTagsTakeTheirCommunity(t *testing.T) {
	dbtest.EachAt(t, 76, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec := func(q string, args ...any) { t.Helper(); dbtest.Exec(t, d, q, args...) }
		now := db.Now()
		exec(`INSERT INTO people (id, handle, email, name, password_hash, created_at) VALUES (1, 'ada', 'ada@example.org', 'Ada', 'x', $1)`, now)
		for id, slug := range map[int]string{1: "bread", 2: "cheese"} {
			exec(`INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
				VALUES ($1, $2, $2, 'public', 'open', 'maturing', 'active', $3, $3)`, id, slug, now)
		}
		for id, community := range map[int]int{1: 1, 2: 2, 3: 2} {
			exec(`INSERT INTO entries (id, community_id, slug, kind, title, summary, body, maturity, created_by, created_at, updated_at)
				VALUES ($1, $2, $3, 'story', 'Entry', '', '', 'published', 1, $4, $4)`, id, community, fmt.Sprintf("e%d", id), now)
			exec(`INSERT INTO entry_tags (entry_id, tag) VALUES ($1, 'rye'), ($1, 'crust')`, id)
			exec(`INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, last_activity_at)
				VALUES ($1, $2, 'discussion', 'Thread', '', 1, $3, $3)`, id, community, now)
			exec(`INSERT INTO thread_tags (thread_id, tag) VALUES ($1, 'rye')`, id)
		}
		if err := d.MigrateTo(ctx, 1<<30); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		for table, q := range map[string]string{
			"entry_tags":  `SELECT COUNT(*), COUNT(*) FILTER (WHERE t.community_id = e.community_id) FROM entry_tags t JOIN entries e ON e.id = t.entry_id`,
			"thread_tags": `SELECT COUNT(*), COUNT(*) FILTER (WHERE g.community_id = h.community_id) FROM thread_tags g JOIN threads h ON h.id = g.thread_id`,
		} {
			var all, right int
			if err := d.QueryRowContext(ctx, q).Scan(&all, &right); err != nil {
				t.Fatal(err)
			}
			if all == 0 || right != all {
				t.Errorf("%s: %d of %d rows hold their community", table, right, all)
			}
		}
	})
}

// TestTagsRefuseNoCommunity: a tag written without its community is refused
// on both engines (migration 0080), rather than stored with 0 and left out
// of every walk by community.
func TestTagsRefuseNoCommunity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := db.Now()
		dbtest.Exec(t, d, `INSERT INTO people (id, handle, email, name, password_hash, created_at) VALUES (1, 'ada', 'ada@example.org', 'Ada', 'x', $1)`, now)
		dbtest.Exec(t, d, `INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
			VALUES (1, 'bread', 'Bread', 'public', 'open', 'maturing', 'active', $1, $1)`, now)
		dbtest.Exec(t, d, `INSERT INTO entries (id, community_id, slug, kind, title, summary, body, maturity, created_by, created_at, updated_at)
			VALUES (1, 1, 'e1', 'story', 'Entry', '', '', 'published', 1, $1, $1)`, now)
		dbtest.Exec(t, d, `INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, last_activity_at)
			VALUES (1, 1, 'discussion', 'Thread', '', 1, $1, $1)`, now)
		for _, q := range []string{`INSERT INTO entry_tags (entry_id, tag) VALUES (1, 'rye')`, `INSERT INTO thread_tags (thread_id, tag) VALUES (1, 'rye')`} {
			if _, err := d.ExecContext(ctx, q); err == nil {
				t.Errorf("%s: a tag without its community was written", q)
			}
		}
		dbtest.Exec(t, d, `INSERT INTO entry_tags (entry_id, tag, community_id) VALUES (1, 'rye', 1)`)
		dbtest.Exec(t, d, `INSERT INTO thread_tags (thread_id, tag, community_id) VALUES (1, 'rye', 1)`)
	})
}
