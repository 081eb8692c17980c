package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Delivery in batches: a worker claims due messages of the outbox under a
// lease (on PostgreSQL passing over those another worker holds), sends them,
// and records each outcome; a message that fails waits with backoff in the
// outbox itself, and a job is left for the earliest one still waiting.
const (
	// mailBatch bounds the messages claimed at once: a batch is sent in
	// well under a minute even over a slow relay, far inside the lease.
	mailBatch = 100
	// mailLease is how long a claimed message is another worker's: longer
	// than a job handler may run (so a live worker never loses a message to
	// another), shorter than a job's lease (so that when the job of a worker
	// that died is run again, its messages are free).
	mailLease = 3 * time.Minute
	// mailMaxAttempts bounds the tries of one message: as a job's, over
	// about four hours.
	mailMaxAttempts = jobs.DefaultMaxAttempts
)

// claimed is a message a worker holds.
type claimed struct {
	id       int64
	mail     Mail
	attempts int
}

// deliverDue sends every message of the outbox that is due, a batch at a
// time, then leaves a job for the earliest message still waiting. A batch's
// sent messages are marked in the transaction that claims the next, so a
// burst of mail costs one write transaction a batch.
func (m *Delivery) deliverDue(ctx context.Context, _ jobs.Run) error {
	var sent []int64
	for {
		batch, err := m.claimMail(ctx, sent)
		if err != nil {
			return errors.Join(err, m.markSent(sent))
		}
		if len(batch) == 0 {
			break
		}
		var failed error
		sent, failed = m.sendBatch(ctx, batch)
		if failed != nil {
			return errors.Join(failed, m.markSent(sent))
		}
	}
	return m.followUp(ctx)
}

// claimMail marks the messages sent (those of the batch before) as sent,
// then marks up to mailBatch due messages as being sent, under a lease,
// counting the attempt (so that a message whose sending kills the process
// still fails in the end), and returns them; all in one transaction.
func (m *Delivery) claimMail(ctx context.Context, sent []int64) ([]claimed, error) {
	now := db.Now()
	var batch []claimed
	err := m.db.WithTx(ctx, func(tx *db.Tx) error {
		if err := m.markSentIn(ctx, tx, sent); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, next_try_at = $2
			WHERE id IN (SELECT id FROM mail_outbox WHERE status IN ('queued', 'sending') AND next_try_at <= $1
				ORDER BY next_try_at, id LIMIT $3`+m.db.SkipLocked()+`)
			RETURNING id, to_addr, subject, body, html_body, reply_to, unsubscribe_url, attempts`, now, now.Add(mailLease), mailBatch)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claimed
			if err := rows.Scan(&c.id, &c.mail.To, &c.mail.Subject, &c.mail.Body, &c.mail.HTML, &c.mail.ReplyTo, &c.mail.Unsubscribe, &c.attempts); err != nil {
				return err
			}
			batch = append(batch, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim mail: %w", err)
	}
	return batch, nil
}

// markSent marks the messages sent, on its own: when no next batch is
// claimed (the worker stops, or the claim failed). It runs even when the
// job's context has just ended: a sent message must not be sent again.
func (m *Delivery) markSent(sent []int64) error {
	if len(sent) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := m.db.WithTx(ctx, func(tx *db.Tx) error { return m.markSentIn(ctx, tx, sent) })
	if err != nil {
		m.log.Error("mail delivered but not marked", "ids", sent, "err", err)
	}
	return err
}

// markSentIn marks the messages sent (or logged, for the development
// outbox) in tx.
func (m *Delivery) markSentIn(ctx context.Context, tx *db.Tx, sent []int64) error {
	if len(sent) == 0 {
		return nil
	}
	status := "sent"
	if m.sender == nil {
		status = "logged"
	}
	in, args := db.InIDs(3, sent)
	_, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET status = $1, sent_at = $2, error = '' WHERE id IN (`+in+`)`,
		append([]any{status, db.Now()}, args...)...)
	return err
}

// sendBatch sends the claimed messages and returns those sent, for the
// caller to mark; a failure is recorded at once, with its backoff. Shutting
// down, the messages not yet sent are released for another worker, and the
// returned error says so.
func (m *Delivery) sendBatch(ctx context.Context, batch []claimed) ([]int64, error) {
	var sent []int64
	// Record outcomes even when ctx has just ended.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	for i, c := range batch {
		if ctx.Err() != nil {
			return sent, errors.Join(ctx.Err(), m.release(rctx, batch[i:]))
		}
		err := m.send(ctx, c.mail)
		if err == nil {
			sent = append(sent, c.id)
			continue
		}
		if ctx.Err() != nil {
			return sent, errors.Join(ctx.Err(), m.release(rctx, batch[i:]))
		}
		m.log.Warn("mail not delivered", "id", c.id, "attempt", c.attempts, "err", err)
		next, st := db.Now().Add(jobs.RetryDelay(c.attempts)), "queued"
		if c.attempts >= mailMaxAttempts {
			st = "failed"
		}
		if _, dbErr := m.db.ExecContext(rctx, `UPDATE mail_outbox SET status = $2, error = $3, next_try_at = $4 WHERE id = $1`,
			c.id, st, err.Error(), next); dbErr != nil {
			m.log.Error("mail failure not recorded", "id", c.id, "err", dbErr)
		}
	}
	return sent, nil
}

// send sends one message, or logs it for the development outbox.
func (m *Delivery) send(ctx context.Context, msg Mail) error {
	if m.sender == nil {
		m.log.Info("mail (development outbox, not sent)", "to", msg.To, "subject", msg.Subject, "body", msg.Body)
		return nil
	}
	sctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	return m.sender.Send(sctx, msg)
}

// release gives claimed messages back, their attempt uncounted.
func (m *Delivery) release(ctx context.Context, batch []claimed) error {
	var err error
	for _, c := range batch {
		_, e := m.db.ExecContext(ctx, `UPDATE mail_outbox SET status = 'queued', attempts = attempts - 1, next_try_at = $2
			WHERE id = $1 AND status = 'sending'`, c.id, db.Now())
		err = errors.Join(err, e)
	}
	return err
}

// followUp leaves a delivery job for the earliest message still waiting (a
// retry after backoff, or one another worker holds), if any.
func (m *Delivery) followUp(ctx context.Context) error {
	var next time.Time
	err := m.db.QueryRowContext(ctx, `SELECT next_try_at FROM mail_outbox WHERE status IN ('queued', 'sending')
		ORDER BY next_try_at LIMIT 1`).Scan(&next)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the next mail due: %w", err)
	}
	return jobs.EnqueueOnce(ctx, m.db.Writer(), jobs.Job{Kind: KindMailOutbox, RunAt: next})
}
