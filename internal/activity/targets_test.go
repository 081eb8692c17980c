package activity_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// Migration 0073 moves each activity's targets into its row: the targets a
// database held in the activity_targets table are read back with their
// activity afterwards, ordered by person, and the view of that name lists
// them as rows, both for those and for activities recorded since.
func TestTargetsMoveIntoTheActivityRow(t *testing.T) {
	dbtest.EachAt(t, 72, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ada, bob, cy := insertPerson(t, d, "ada"), insertPerson(t, d, "bob"), insertPerson(t, d, "cy")
		c := insertCommunity(t, d, "bread", ada, bob, cy)
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := d.ExecContext(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		old := func(verb string) int64 {
			t.Helper()
			var id int64
			if err := d.Writer().QueryRowContext(ctx, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, title, created_at)
				VALUES ($1, $2, 'entry', 1, $3, 'Rye', $4) RETURNING id`, ada, verb, c, db.Now()).Scan(&id); err != nil {
				t.Fatal(err)
			}
			return id
		}
		asked, mentioned, alone := old(activity.MemberRequested), old(activity.CommentAdded), old(activity.EntryPublished)
		exec(`INSERT INTO activity_targets (activity_id, person_id, reason) VALUES ($1, $2, 'steward'), ($1, $3, 'steward'), ($4, $3, 'mention')`,
			asked, cy, bob, mentioned)
		if err := d.MigrateTo(ctx, 1<<30); err != nil {
			t.Fatalf("migrate: %v", err)
		}
		want := map[int64][]activity.Target{
			asked:     {{PersonID: bob, Reason: "steward"}, {PersonID: cy, Reason: "steward"}},
			mentioned: {{PersonID: bob, Reason: "mention"}},
			alone:     nil,
		}
		recorded := record(t, d, activity.Activity{ActorID: bob, Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: 1, CommunityID: c,
			Targets: []activity.Target{{PersonID: cy, Reason: "mention"}, {PersonID: ada, Reason: "author"}, {PersonID: cy, Reason: "steward"}, {}}})
		want[recorded] = []activity.Target{{PersonID: ada, Reason: "author"}, {PersonID: cy, Reason: "mention"}}
		for id, targets := range want {
			a, err := activity.Get(ctx, d, id)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.Targets, targets) {
				t.Errorf("activity %d: targets %+v, want %+v", id, a.Targets, targets)
			}
			rows, err := d.QueryContext(ctx, `SELECT person_id, reason FROM activity_targets WHERE activity_id = $1 ORDER BY person_id`, id)
			if err != nil {
				t.Fatal(err)
			}
			got := scanTargets(t, rows)
			if !slices.Equal(got, targets) {
				t.Errorf("activity %d: the view lists %+v, want %+v", id, got, targets)
			}
		}
	})
}

func scanTargets(t *testing.T, rows *sql.Rows) []activity.Target {
	t.Helper()
	defer rows.Close()
	var out []activity.Target
	for rows.Next() {
		var x activity.Target
		if err := rows.Scan(&x.PersonID, &x.Reason); err != nil {
			t.Fatal(err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
