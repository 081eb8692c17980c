package community_test

import (
	"context"
	"fmt"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A community's tab counts (entries past draft, threads) are kept by
// triggers (migration 0035): filled from what a database already holds when
// it migrates, then right after every sort of write, whoever makes it.
func TestTabCountsFollowEveryWrite(t *testing.T) {
	t.Parallel()
	dbtest.EachAt(t, 34, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := d.ExecContext(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		exec(`INSERT INTO people (id, handle, email, name, password_hash, created_at) VALUES (7, 'ada', 'ada@example.org', 'Ada', 'x', $1)`, db.Now())
		for _, c := range []int{3, 4} {
			exec(`INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
				VALUES ($1, $2, 'C', 'public', 'open', 'maturing', 'active', $3, $3)`, c, fmt.Sprintf("c%d", c), db.Now())
		}
		entry := func(id, community int, maturity string) {
			t.Helper()
			exec(`INSERT INTO entries (id, community_id, slug, kind, title, maturity, created_at, updated_at)
				VALUES ($1, $2, $3, 'story', 'E', $4, $5, $5)`, id, community, fmt.Sprintf("e%d", id), maturity, db.Now())
		}
		thread := func(id, community int) {
			t.Helper()
			exec(`INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, last_activity_at)
				VALUES ($1, $2, 'discussion', 'T', 'B', 7, $3, $3)`, id, community, db.Now())
		}
		entry(1, 3, "published")
		entry(2, 3, "draft")
		entry(3, 4, "published")
		thread(1, 3)
		thread(2, 3)
		if err := d.MigrateTo(ctx, 1<<30); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		check := func(step string) {
			t.Helper()
			rows, err := d.QueryContext(ctx, `SELECT c.id, COALESCE(cc.entries, -1), COALESCE(cc.threads, -1),
				(SELECT COUNT(*) FROM entries e WHERE e.community_id = c.id AND e.maturity <> 'draft'),
				(SELECT COUNT(*) FROM threads h WHERE h.community_id = c.id)
				FROM communities c LEFT JOIN community_counts cc ON cc.community_id = c.id ORDER BY c.id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var id, entries, threads, wantEntries, wantThreads int
				if err := rows.Scan(&id, &entries, &threads, &wantEntries, &wantThreads); err != nil {
					t.Fatal(err)
				}
				if entries != wantEntries || threads != wantThreads {
					t.Errorf("%s: community %d counts %d entries and %d threads, holds %d and %d", step, id, entries, threads, wantEntries, wantThreads)
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
		}
		check("after migrating")
		var threads int
		if err := d.QueryRowContext(ctx, `SELECT threads FROM community_counts WHERE community_id = 3`).Scan(&threads); err != nil || threads != 2 {
			t.Fatalf("community 3 counts %d threads (%v), want 2", threads, err)
		}
		steps := []struct{ name, sql string }{
			{"a new community", `INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
				VALUES (5, 'c5', 'C', 'public', 'open', 'maturing', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`},
			{"a draft published", `UPDATE entries SET maturity = 'published' WHERE id = 2`},
			{"an entry back to draft", `UPDATE entries SET maturity = 'draft' WHERE id = 1`},
			{"a maturity change past draft", `UPDATE entries SET maturity = 'reviewed' WHERE id = 2`},
			{"an entry moved", `UPDATE entries SET community_id = 5 WHERE id = 3`},
			{"an entry deleted", `DELETE FROM entries WHERE id = 2`},
			{"a draft deleted", `DELETE FROM entries WHERE id = 1`},
			{"a thread moved", `UPDATE threads SET community_id = 4 WHERE id = 1`},
			{"a thread edited", `UPDATE threads SET title = 'Other' WHERE id = 1`},
			{"a thread deleted", `DELETE FROM threads WHERE id = 2`},
			{"a community deleted", `DELETE FROM communities WHERE id = 4`},
		}
		for _, s := range steps {
			exec(s.sql)
			check(s.name)
		}
	})
}

// Threads started and moved in opposite directions at the same moment keep
// the counts right, and no two writes deadlock on them (PostgreSQL locks each
// community's counts until the write commits).
func TestTabCountsUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.ExecContext(ctx, `INSERT INTO people (id, handle, email, name, password_hash, created_at) VALUES (7, 'ada', 'ada@example.org', 'Ada', 'x', $1)`, db.Now()); err != nil {
			t.Fatal(err)
		}
		for _, c := range []int{3, 4} {
			if _, err := d.ExecContext(ctx, `INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
				VALUES ($1, $2, 'C', 'public', 'open', 'maturing', 'active', $3, $3)`, c, fmt.Sprintf("c%d", c), db.Now()); err != nil {
				t.Fatal(err)
			}
		}
		const n = 12
		for i := range n {
			if _, err := d.ExecContext(ctx, `INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, last_activity_at)
				VALUES ($1, $2, 'discussion', 'T', 'B', 7, $3, $3)`, 100+i, 3+i%2, db.Now()); err != nil {
				t.Fatal(err)
			}
		}
		errs := dbtest.Together(2*n, func(i int) error {
			return d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
				if i < n { // a new thread in the first community, then one in the other
					_, err := tx.ExecContext(ctx, `INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, last_activity_at)
						VALUES ($1, 3, 'discussion', 'T', 'B', 7, $2, $2)`, 200+i, db.Now())
					if err != nil {
						return err
					}
					_, err = tx.ExecContext(ctx, `INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, last_activity_at)
						VALUES ($1, 4, 'discussion', 'T', 'B', 7, $2, $2)`, 300+i, db.Now())
					return err
				}
				// thread 100+k moves from 3+k%2 to the other community
				k := i - n
				_, err := tx.ExecContext(ctx, `UPDATE threads SET community_id = $2 WHERE id = $1`, 100+k, 4-k%2)
				return err
			})
		})
		for i, err := range errs {
			if err != nil {
				t.Errorf("write %d: %v", i, err)
			}
		}
		for _, c := range []int{3, 4} {
			var kept, counted int
			if err := d.QueryRowContext(ctx, `SELECT threads, (SELECT COUNT(*) FROM threads WHERE community_id = $1)
				FROM community_counts WHERE community_id = $1`, c).Scan(&kept, &counted); err != nil {
				t.Fatal(err)
			}
			if kept != counted || counted != n/2+n {
				t.Errorf("community %d counts %d threads, holds %d (want %d)", c, kept, counted, n/2+n)
			}
		}
	})
}
