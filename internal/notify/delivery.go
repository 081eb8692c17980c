package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// sendTimeout bounds one SMTP delivery, well inside a job's time.
const sendTimeout = 30 * time.Second

// Delivery sends the outbox's messages as KindMail jobs: through an SMTP
// sender, or, with none, to the log (the development outbox). Retries,
// backoff and the sharing of work between instances are the job queue's.
type Delivery struct {
	db     *db.DB
	sender Sender // nil: the development outbox
	log    *slog.Logger
}

// NewDelivery returns the mail delivery through sender (nil for the
// development outbox); Register it with the job runner.
func NewDelivery(d *db.DB, sender Sender, log *slog.Logger) *Delivery {
	if log == nil {
		log = slog.Default()
	}
	return &Delivery{db: d, sender: sender, log: log}
}

// Register makes r deliver mail.
func (m *Delivery) Register(r *jobs.Runner) { r.Handle(KindMail, m.deliver) }

// deliver sends one message and records the outcome in the outbox, so that
// administrators see it; an error makes the job queue try again later.
func (m *Delivery) deliver(ctx context.Context, run jobs.Run) error {
	var job mailJob
	if err := run.Decode(&job); err != nil {
		return err
	}
	var msg Mail
	var status string
	err := m.db.QueryRowContext(ctx, `SELECT to_addr, subject, body, html_body, reply_to, unsubscribe_url, status
		FROM mail_outbox WHERE id = $1`, job.ID).Scan(&msg.To, &msg.Subject, &msg.Body, &msg.HTML, &msg.ReplyTo, &msg.Unsubscribe, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // deleted since: nothing to send
	}
	if err != nil {
		return fmt.Errorf("read mail %d: %w", job.ID, err)
	}
	if status == "sent" || status == "logged" {
		return nil // a retried job whose message went out already
	}
	status = "sent"
	if m.sender == nil {
		status = "logged"
		m.log.Info("mail (development outbox, not sent)", "to", msg.To, "subject", msg.Subject, "body", msg.Body)
	} else {
		sctx, cancel := context.WithTimeout(ctx, sendTimeout)
		err = m.sender.Send(sctx, msg)
		cancel()
	}
	// Record the outcome even when ctx has just ended: a sent message must
	// not be sent again.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err == nil {
		if _, dbErr := m.db.ExecContext(rctx, `UPDATE mail_outbox SET status = $2, sent_at = $3, error = '', attempts = $4 WHERE id = $1`,
			job.ID, status, db.Now(), run.Attempt); dbErr != nil {
			m.log.Error("mail delivered but not marked", "id", job.ID, "err", dbErr)
		}
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err() // shutting down: the queue takes the job back
	}
	status = "queued"
	if run.Last() {
		status = "failed"
	}
	if _, dbErr := m.db.ExecContext(rctx, `UPDATE mail_outbox SET status = $2, error = $3, attempts = $4, next_try_at = $5 WHERE id = $1`,
		job.ID, status, err.Error(), run.Attempt, db.Now().Add(jobs.RetryDelay(run.Attempt))); dbErr != nil {
		m.log.Error("mail failure not recorded", "id", job.ID, "err", dbErr)
	}
	return err
}
