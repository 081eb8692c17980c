package conversation_test

import (
	"context"
	"slices"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A thread's promoted flag (migration 0054) says whether a "became" link was
// ever added out of it or one of its posts, so that its page may skip looking
// them up: set from what a database holds when it migrates, then by whichever
// write adds such a link; other links (a duplicate, an entry's comment
// promoted) leave every thread as it was.
func TestThreadPromotedFollowsLinks(t *testing.T) {
	t.Parallel()
	dbtest.EachAt(t, 53, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec := threadsBefore0054(t, d)
		now := db.Now()
		link := func(fromKind string, fromID int, toKind string, toID int, kind string) {
			t.Helper()
			exec(`INSERT INTO links (from_kind, from_id, to_kind, to_id, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 7, $6)`,
				fromKind, fromID, toKind, toID, kind, now)
		}
		link("thread", 1, "entry", 1, "became") // the thread itself, before the migration
		link("post", 12, "entry", 1, "became")  // a post of thread 2, before the migration
		if err := d.MigrateTo(ctx, 1<<30); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		check := func(step string, want ...int) {
			t.Helper()
			if got := flaggedThreads(t, d, "promoted"); !slices.Equal(got, want) {
				t.Fatalf("%s: promoted threads %v, want %v", step, got, want)
			}
		}
		check("after migrating", 1, 2)
		link("thread", 3, "thread", 4, "duplicate")
		link("post", 20, "entry", 1, "became") // an entry's comment
		check("after other links", 1, 2)
		link("post", 14, "entry", 1, "became")
		check("after a post of thread 4 became an entry", 1, 2, 4)
		link("thread", 5, "entry", 1, "became")
		link("post", 15, "entry", 1, "became") // a second link out of thread 5
		check("after thread 5 and its post became entries", 1, 2, 4, 5)
		exec(`DELETE FROM links WHERE from_kind = 'thread' AND from_id = 5`)
		check("after a link was removed (the flag stays: the page only looks again)", 1, 2, 4, 5)
	})
}

// threadsBefore0054 writes into d, migrated to 0053, a person (7), a
// community (3) with an entry (1) and threads 1 to 5, each with a reply (post
// 10 + its id), and a comment on the entry (post 20); it returns a function
// that runs a statement on d or fails the test.
func threadsBefore0054(t *testing.T, d *db.DB) func(q string, args ...any) {
	t.Helper()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := d.ExecContext(context.Background(), q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	now := db.Now()
	exec(`INSERT INTO people (id, handle, email, name, password_hash, created_at) VALUES (7, 'ada', 'ada@example.org', 'Ada', 'x', $1)`, now)
	exec(`INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
		VALUES (3, 'c3', 'C', 'public', 'open', 'maturing', 'active', $1, $1)`, now)
	exec(`INSERT INTO entries (id, community_id, slug, kind, title, maturity, created_at, updated_at)
		VALUES (1, 3, 'e1', 'story', 'E', 'published', $1, $1)`, now)
	for id := 1; id <= 5; id++ {
		exec(`INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, last_activity_at)
			VALUES ($1, 3, 'discussion', 'T', 'B', 7, $2, $2)`, id, now)
		exec(`INSERT INTO posts (id, subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
			VALUES ($1, 'thread', $2, 3, 'reply', 7, 'R', $3, $3)`, 10+id, id, now)
	}
	exec(`INSERT INTO posts (id, subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
		VALUES (20, 'entry', 1, 3, 'comment', 7, 'C', $1, $1)`, now)
	return exec
}

// A thread's posts version (migration 0054) changes with every write to its
// posts and every change of their authors' names, whoever makes it, and with
// nothing else: the newest page of its replies is kept under it.
func TestThreadPostsVersionFollowsEveryWrite(t *testing.T) {
	t.Parallel()
	dbtest.EachAt(t, 53, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec := threadsBefore0054(t, d)
		exec(`INSERT INTO people (id, handle, email, name, password_hash, created_at) VALUES (8, 'bo', 'bo@example.org', 'Bo', 'x', $1)`, db.Now())
		exec(`INSERT INTO posts (id, subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
			VALUES (30, 'thread', 3, 3, 'reply', 8, 'By Bo', $1, $1)`, db.Now())
		if err := d.MigrateTo(ctx, 1<<30); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		versions := func() map[int]int64 {
			t.Helper()
			rows, err := d.QueryContext(ctx, `SELECT id, posts_version FROM threads`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[int]int64{}
			for rows.Next() {
				var id int
				var v int64
				if err := rows.Scan(&id, &v); err != nil {
					t.Fatal(err)
				}
				out[id] = v
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			return out
		}
		was := versions()
		for id, v := range was {
			if v < 1 {
				t.Fatalf("after migrating, thread %d is at version %d, want 1 or more (0 is \"not read\")", id, v)
			}
		}
		for _, step := range []struct {
			name    string
			sql     string
			changed []int // the threads whose version must change; every other must not
		}{
			{"a reply", `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, created_at, updated_at)
				VALUES ('thread', 1, 3, 'reply', 7, 'New', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`, []int{1}},
			{"an edit", `UPDATE posts SET body = 'Edited', edited_at = updated_at WHERE id = 12`, []int{2}},
			{"a hiding", `UPDATE posts SET hidden_at = updated_at WHERE id = 13`, []int{3}},
			{"a removal", `UPDATE posts SET deleted_at = updated_at, body = '' WHERE id = 14`, []int{4}},
			{"a vote", `UPDATE posts SET score = score + 1 WHERE id = 15`, []int{5}},
			{"a post deleted", `DELETE FROM posts WHERE id = 11`, []int{1}},
			{"an entry's comment edited", `UPDATE posts SET body = 'Other' WHERE id = 20`, nil},
			{"a thread edited", `UPDATE threads SET title = 'Other' WHERE id = 2`, nil},
			{"an author renamed", `UPDATE people SET name = 'Ada Lovelace' WHERE id = 7`, []int{1, 2, 3, 4, 5}},
			{"an author's e-mail changed", `UPDATE people SET email = 'ada@example.net' WHERE id = 7`, nil},
			{"an author's handle changed", `UPDATE people SET handle = 'bo2' WHERE id = 8`, []int{3}},
			{"an author deleted", `DELETE FROM people WHERE id = 8`, []int{3}},
		} {
			exec(step.sql)
			is := versions()
			for id, v := range is {
				if slices.Contains(step.changed, id) {
					if v == was[id] {
						t.Errorf("%s: thread %d stayed at version %d", step.name, id, v)
					}
				} else if v != was[id] {
					t.Errorf("%s: thread %d went from version %d to %d", step.name, id, was[id], v)
				}
			}
			was = is
		}
	})
}
