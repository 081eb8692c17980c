package activity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Subscriber acts on a recorded activity. It runs in the activity's fan-out
// job, after the subscribers registered before it; when one fails, the job
// is retried and every subscriber is called again, so each must be
// idempotent (notify records a notification once per person and activity).
type Subscriber func(ctx context.Context, a Activity) error

// Bus hands recorded activities to the subscribers registered in app.
type Bus struct {
	db   *db.DB
	subs []named
}

type named struct {
	name string
	fn   Subscriber
}

// NewBus returns a bus over d with no subscribers.
func NewBus(d *db.DB) *Bus { return &Bus{db: d} }

// Subscribe registers fn under name (for the log when it fails).
func (b *Bus) Subscribe(name string, fn Subscriber) {
	b.subs = append(b.subs, named{name, fn})
}

// Register makes r run the fan-out jobs.
func (b *Bus) Register(r *jobs.Runner) { r.Handle(KindFanout, b.fanout) }

// fanout hands one activity to every subscriber, in one job: a write costs
// one job whatever the number of subscribers.
func (b *Bus) fanout(ctx context.Context, run jobs.Run) error {
	var j fanoutJob
	if err := run.Decode(&j); err != nil {
		return err
	}
	a, err := Get(ctx, b.db, j.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // its community was deleted since
	}
	if err != nil {
		return err
	}
	for _, s := range b.subs {
		if err := s.fn(ctx, a); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

// Columns is the select list that reads an Activity from activities a
// joined (as Joins does) with its actor p and its community c; Dest gives
// Scan's destinations for it, in order.
const Columns = `a.id, COALESCE(a.actor_id, 0), a.verb, a.subject_kind, a.subject_id, COALESCE(a.community_id, 0), a.audience,
	a.title, a.url, a.excerpt, a.created_at, COALESCE(p.handle, ''), COALESCE(p.name, ''), COALESCE(c.slug, ''), COALESCE(c.name, '')`

// Joins adds the actor p and the community c to activities a.
const Joins = ` LEFT JOIN people p ON p.id = a.actor_id LEFT JOIN communities c ON c.id = a.community_id`

// Dest lists a's fields in the order of Columns, for Scan.
func Dest(a *Activity) []any {
	return []any{&a.ID, &a.ActorID, &a.Verb, &a.SubjectKind, &a.SubjectID, &a.CommunityID, &a.Audience,
		&a.Title, &a.URL, &a.Excerpt, &a.CreatedAt, &a.ActorHandle, &a.ActorName, &a.CommunitySlug, &a.CommunityName}
}

// Get reads the activity with id and its targets; sql.ErrNoRows when gone.
func Get(ctx context.Context, q db.Q, id int64) (Activity, error) {
	var a Activity
	err := q.QueryRowContext(ctx, `SELECT `+Columns+` FROM activities a`+Joins+` WHERE a.id = $1`, id).Scan(Dest(&a)...)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return a, err
		}
		return a, fmt.Errorf("read activity %d: %w", id, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT person_id, reason FROM activity_targets WHERE activity_id = $1 ORDER BY person_id`, id)
	if err != nil {
		return a, fmt.Errorf("read activity targets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t Target
		if err := rows.Scan(&t.PersonID, &t.Reason); err != nil {
			return a, fmt.Errorf("read activity targets: %w", err)
		}
		a.Targets = append(a.Targets, t)
	}
	return a, rows.Err()
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
