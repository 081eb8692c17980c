package notify

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
)

// writeChunk bounds the rows of one INSERT.
const writeChunk = 50

// note is a notification to record.
type note struct {
	person   int64
	activity *activity.Activity
	reason   string
	emailed  bool // e-mailed now
}

type noteKey struct{ person, activity int64 }

// recordNotifications inserts notes, one statement per writeChunk of them,
// and reports which were new (a person is told of an activity once).
func recordNotifications(ctx context.Context, q db.Q, notes []note) (map[noteKey]bool, error) {
	added := map[noteKey]bool{}
	now := db.Now()
	for chunk := range slices.Chunk(notes, writeChunk) {
		var args []any
		var rows []string
		for _, n := range chunk {
			var emailed *time.Time
			if n.emailed {
				emailed = &now
			}
			rows = append(rows, "("+db.Placeholders(len(args)+1, 5)+")")
			args = append(args, n.person, n.activity.ID, n.reason, n.activity.CreatedAt, emailed)
		}
		res, err := q.QueryContext(ctx, `INSERT INTO notifications (person_id, activity_id, reason, created_at, emailed_at)
			VALUES `+strings.Join(rows, ", ")+` ON CONFLICT (person_id, activity_id) DO NOTHING RETURNING person_id, activity_id`, args...)
		if err != nil {
			return nil, fmt.Errorf("record notifications: %w", err)
		}
		for res.Next() {
			var k noteKey
			if err := res.Scan(&k.person, &k.activity); err != nil {
				res.Close()
				return nil, fmt.Errorf("record notifications: %w", err)
			}
			added[k] = true
		}
		res.Close()
		if err := res.Err(); err != nil {
			return nil, fmt.Errorf("record notifications: %w", err)
		}
	}
	return added, nil
}

// watchMany records automatic watches (whoever acts on a thing, or is
// mentioned in it, watches it), one statement per writeChunk of them; a
// choice made before (a mute) stays.
func watchMany(ctx context.Context, q db.Q, watches []watch) error {
	now := db.Now()
	for chunk := range slices.Chunk(watches, writeChunk) {
		args := []any{now}
		var rows []string
		for _, w := range chunk {
			rows = append(rows, "("+db.Placeholders(len(args)+1, 4)+", 'watching', $1)")
			args = append(args, w.person, w.kind, w.id, w.reason)
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO subscriptions (person_id, subject_kind, subject_id, reason, state, created_at)
			VALUES `+strings.Join(rows, ", ")+` ON CONFLICT (person_id, subject_kind, subject_id) DO NOTHING`, args...); err != nil {
			return fmt.Errorf("watch automatically: %w", err)
		}
	}
	return nil
}
