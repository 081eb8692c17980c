// Package jobs is Hearth's one durable job queue: the work that follows a
// write (e-mail, notifications, search indexing, digests) is enqueued in the
// same transaction as the write, so it is never lost and never done for a
// write that rolled back. A Runner on every instance claims due jobs (on
// PostgreSQL with FOR UPDATE SKIP LOCKED, so no job runs twice at once),
// holds each under a lease (a job whose worker died returns to the queue),
// retries failures with backoff, and offers scheduled runs (digests) that
// happen once per period even across restarts and instances.
package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"hearth/internal/db"
)

// Job is one unit of work to enqueue.
type Job struct {
	Kind    string // which handler runs it
	Payload any    // marshalled as JSON; nil for none
	// RunAt is when the job becomes due; zero means now.
	RunAt time.Time
	// Key, when set, makes the job unique: a second Enqueue with the same
	// key is dropped. Scheduled runs use it for their period.
	Key string
	// MaxAttempts bounds retries; zero means DefaultMaxAttempts.
	MaxAttempts int
}

// DefaultMaxAttempts is how often a failing job is tried before it is
// marked failed: with the backoff, over about four hours.
const DefaultMaxAttempts = 8

// Enqueue stores j through q. Call it inside the transaction of the write the
// job follows. A job whose Key is already queued (or done) is not added again.
func Enqueue(ctx context.Context, q db.Q, j Job) error {
	payload := ""
	if j.Payload != nil {
		b, err := json.Marshal(j.Payload)
		if err != nil {
			return fmt.Errorf("enqueue %s: %w", j.Kind, err)
		}
		payload = string(b)
	}
	now := db.Now()
	runAt := j.RunAt
	if runAt.IsZero() {
		runAt = now
	}
	maxAttempts := j.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	var key *string
	if j.Key != "" {
		key = &j.Key
	}
	_, err := q.ExecContext(ctx, `INSERT INTO jobs (kind, payload, dedupe_key, max_attempts, run_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING`,
		j.Kind, payload, key, maxAttempts, runAt.UTC().Truncate(time.Microsecond), now)
	if err != nil {
		return fmt.Errorf("enqueue %s: %w", j.Kind, err)
	}
	return nil
}

// EnqueueOnce enqueues j unless a job of its kind is already waiting (queued
// and due by j's RunAt): a burst of writes then leaves one job, which does
// the work of all of them. j.Key is ignored. The waiting job is share-locked
// until q's transaction ends, so that on PostgreSQL no worker claims it
// before the write it now stands for is committed (writers do not wait for
// each other). Two writes at once may still both enqueue one: the handler
// must find its work in the database and do nothing when it is gone.
func EnqueueOnce(ctx context.Context, q db.Q, j Job) error {
	runAt := j.RunAt
	if runAt.IsZero() {
		runAt = db.Now()
	}
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM jobs WHERE kind = $1 AND status = 'queued' AND run_at <= $2 ORDER BY run_at LIMIT 1`+db.ForShare(q),
		j.Kind, runAt.UTC().Truncate(time.Microsecond)).Scan(&id)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("enqueue %s: %w", j.Kind, err)
	}
	j.Key, j.RunAt = "", runAt
	return Enqueue(ctx, q, j)
}
