package activity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Subscriber acts on a recorded activity. Subscribers run in the fan-out's
// transaction (the context carries it), after those registered before them;
// when one fails, the fan-out is tried again and every subscriber is called
// again, so each must be idempotent (notify records a notification once per
// person and activity).
type Subscriber func(ctx context.Context, a Activity) error

// BatchSubscriber acts on a batch of recorded activities, in the order they
// were recorded, at once (notify reads subscriptions and e-mail choices once
// per batch). The same rules hold as for a Subscriber.
type BatchSubscriber func(ctx context.Context, batch []Activity) error

// fanoutBatch bounds the activities handed to the subscribers in one
// transaction.
const fanoutBatch = 200

// Bus hands recorded activities to the subscribers registered in app.
type Bus struct {
	db   *db.DB
	subs []named
}

type named struct {
	name string
	fn   BatchSubscriber
}

// NewBus returns a bus over d with no subscribers.
func NewBus(d *db.DB) *Bus { return &Bus{db: d} }

// Subscribe registers fn under name (for the log when it fails); fn is
// called for each activity of a batch in turn.
func (b *Bus) Subscribe(name string, fn Subscriber) {
	b.SubscribeBatch(name, func(ctx context.Context, batch []Activity) error {
		for _, a := range batch {
			if err := fn(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
}

// SubscribeBatch registers fn under name, to be handed whole batches.
func (b *Bus) SubscribeBatch(name string, fn BatchSubscriber) {
	b.subs = append(b.subs, named{name, fn})
}

// Register makes r run the fan-out jobs.
func (b *Bus) Register(r *jobs.Runner) {
	r.Handle(KindFanoutWaiting, b.fanoutWaiting)
	r.Handle(KindFanout, b.fanoutOne)
}

// fanoutWaiting fans out every waiting activity, a batch per transaction.
func (b *Bus) fanoutWaiting(ctx context.Context, _ jobs.Run) error {
	for {
		n, err := b.fanoutSome(ctx, 0)
		if err != nil || n < fanoutBatch {
			return err
		}
	}
}

// fanoutSome claims up to fanoutBatch waiting activities (only the one with
// id, when id is not 0), hands them to the subscribers and marks them fanned
// out, in one transaction, and reports how many it claimed. On PostgreSQL
// the claim locks the rows and passes over those another worker holds, so
// that no activity is fanned out twice at once. When a subscriber fails, the
// batch is done again one activity at a time, and an activity that fails on
// its own is handed to a job of its own (retried with backoff), so that it
// holds up no other.
func (b *Bus) fanoutSome(ctx context.Context, id int64) (int, error) {
	var claimed []int64
	err := b.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var err error
		if claimed, err = b.claim(ctx, tx, id); err != nil || len(claimed) == 0 {
			return err
		}
		batch, err := getMany(ctx, tx, claimed)
		if err != nil {
			return err
		}
		for _, s := range b.subs {
			if err := s.fn(ctx, batch); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
		return markFannedOut(ctx, tx, claimed)
	})
	if err == nil || ctx.Err() != nil {
		return len(claimed), err
	}
	if id != 0 {
		return 0, b.handOff(ctx, id, err)
	}
	if len(claimed) == 0 { // the claim itself failed
		return 0, err
	}
	for _, one := range claimed {
		if _, err := b.fanoutSome(ctx, one); err != nil {
			return len(claimed), err
		}
	}
	return len(claimed), nil
}

// claim locks and returns the ids of up to fanoutBatch waiting activities
// (or of the one with id), oldest first.
func (b *Bus) claim(ctx context.Context, tx *db.Tx, id int64) ([]int64, error) {
	query := `SELECT id FROM activities WHERE fanned_out_at IS NULL ORDER BY id LIMIT $1` + b.db.SkipLocked()
	args := []any{fanoutBatch}
	if id != 0 {
		query = `SELECT id FROM activities WHERE fanned_out_at IS NULL AND id = $1` + b.db.SkipLocked()
		args = []any{id}
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("claim waiting activities: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("claim waiting activities: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// handOff marks the activity with id fanned out and enqueues a job of its
// own for it, its subscribers having failed with cause.
func (b *Bus) handOff(ctx context.Context, id int64, cause error) error {
	err := b.db.WithTx(ctx, func(tx *db.Tx) error {
		if err := markFannedOut(ctx, tx, []int64{id}); err != nil {
			return err
		}
		return jobs.Enqueue(ctx, tx, jobs.Job{Kind: KindFanout, Payload: fanoutJob{ID: id}})
	})
	if err != nil {
		return errors.Join(cause, err)
	}
	return nil
}

func markFannedOut(ctx context.Context, tx *db.Tx, ids []int64) error {
	args := []any{db.Now()}
	for _, id := range ids {
		args = append(args, id)
	}
	_, err := tx.ExecContext(ctx, `UPDATE activities SET fanned_out_at = $1 WHERE id IN (`+db.Placeholders(2, len(ids))+`)`, args...)
	if err != nil {
		return fmt.Errorf("mark activities fanned out: %w", err)
	}
	return nil
}

// fanoutOne hands one activity to every subscriber: one whose fan-out failed
// in a batch (or enqueued before batches).
func (b *Bus) fanoutOne(ctx context.Context, run jobs.Run) error {
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
	return b.db.WithTxCtx(ctx, func(ctx context.Context, _ *db.Tx) error {
		for _, s := range b.subs {
			if err := s.fn(ctx, []Activity{a}); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
		return nil
	})
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

// getMany reads the activities with ids, and their targets, oldest first;
// one that is gone (its community deleted) is left out.
func getMany(ctx context.Context, q db.Q, ids []int64) ([]Activity, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	in := db.Placeholders(1, len(ids))
	rows, err := q.QueryContext(ctx, `SELECT `+Columns+` FROM activities a`+Joins+` WHERE a.id IN (`+in+`) ORDER BY a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read activities: %w", err)
	}
	var out []Activity
	at := map[int64]int{}
	for rows.Next() {
		var a Activity
		if err := rows.Scan(Dest(&a)...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read activities: %w", err)
		}
		at[a.ID] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read activities: %w", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT activity_id, person_id, reason FROM activity_targets WHERE activity_id IN (`+in+`)
		ORDER BY activity_id, person_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read activity targets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t Target
		if err := rows.Scan(&id, &t.PersonID, &t.Reason); err != nil {
			return nil, fmt.Errorf("read activity targets: %w", err)
		}
		if i, ok := at[id]; ok {
			out[i].Targets = append(out[i].Targets, t)
		}
	}
	return out, rows.Err()
}
