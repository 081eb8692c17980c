package conversation_test

import (
	"context"
	"slices"
	"testing"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A thread's told and moderated flags (migration 0062) say whether a value
// story's link ever told of it and whether a moderator's action on it was
// ever recorded, so that its page may skip looking them up: set from what a
// database holds when it migrates, then by whichever write adds such a row;
// other links and activities leave every thread as it was. Every verb of
// activity.ModerationVerbs sets the flag (the trigger names them in SQL).
func TestThreadToldAndModeratedFollowWrites(t *testing.T) {
	t.Parallel()
	dbtest.EachAt(t, 61, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		exec := threadsBefore0054(t, d)
		now := db.Now()
		link := func(story int, toKind string, toID int, kind string) {
			t.Helper()
			exec(`INSERT INTO links (from_kind, from_id, to_kind, to_id, kind, created_by, created_at) VALUES ('story', $1, $2, $3, $4, 7, $5)`,
				story, toKind, toID, kind, now)
		}
		act := func(verb string, thread int) {
			t.Helper()
			exec(`INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, audience, title, url, created_at)
				VALUES (7, $1, 'thread', $2, 3, 'subject', 'T', '/c/c3/talk', $3)`, verb, thread, now)
		}
		link(1, "thread", 1, "tells")  // a story told of thread 1, before the migration
		act(activity.ThreadLocked, 2)  // thread 2 locked, before the migration
		act(activity.ThreadStarted, 3) // not a moderator's action
		link(2, "entry", 1, "tells")   // a story of an entry
		if err := d.MigrateTo(ctx, 1<<30); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		check := func(step string, told, moderated []int) {
			t.Helper()
			if got := flaggedThreads(t, d, "told"); !slices.Equal(got, told) {
				t.Errorf("%s: told threads %v, want %v", step, got, told)
			}
			if got := flaggedThreads(t, d, "moderated"); !slices.Equal(got, moderated) {
				t.Errorf("%s: moderated threads %v, want %v", step, got, moderated)
			}
		}
		check("after migrating", []int{1}, []int{2})
		link(3, "thread", 3, "duplicate")
		act(activity.ReplyAdded, 4)
		exec(`INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, audience, title, url, created_at)
			VALUES (7, $1, 'entry', 5, 3, 'subject', 'E', '/c/c3/practice/e1', $2)`, activity.ThreadPinned, now) // another kind's subject 5
		check("after other links and activities", []int{1}, []int{2})
		link(4, "thread", 4, "tells")
		link(5, "thread", 4, "tells") // a second story of thread 4
		act(activity.ReplyHidden, 5)
		check("after a story of thread 4 and a hidden reply in thread 5", []int{1, 4}, []int{2, 5})
		exec(`DELETE FROM links WHERE to_kind = 'thread' AND to_id = 4`)
		exec(`DELETE FROM activities WHERE subject_kind = 'thread' AND subject_id = 5`)
		check("after they were removed (the flags stay: the page only looks again)", []int{1, 4}, []int{2, 5})

		for i, verb := range activity.ModerationVerbs {
			id := 100 + i
			exec(`INSERT INTO threads (id, community_id, kind, title, body, author_id, created_at, last_activity_at)
				VALUES ($1, 3, 'discussion', 'T', 'B', 7, $2, $2)`, id, now)
			act(verb, id)
			var moderated bool
			if err := d.QueryRowContext(ctx, `SELECT moderated FROM threads WHERE id = $1`, id).Scan(&moderated); err != nil {
				t.Fatal(err)
			}
			if !moderated {
				t.Errorf("%s did not mark its thread moderated: add it to the trigger threads_moderated (a new migration)", verb)
			}
		}
	})
}

// flaggedThreads lists the ids of d's threads whose boolean column is true.
func flaggedThreads(t *testing.T, d *db.DB, column string) []int {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), `SELECT id FROM threads WHERE `+column+` ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}
