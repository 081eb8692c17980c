// Package notify tells people what happened: e-mail now (through SMTP, or the
// development outbox when no server is configured), in-app notifications and
// digests later.
package notify

import (
	"context"
	"fmt"

	"hearth/internal/db"
)

// Mail is one plain-text e-mail message.
type Mail struct {
	To      string
	Subject string
	Body    string
}

// Queue stores m in the outbox through q. Call it inside the transaction that
// makes the change the mail is about: then the mail is never lost, and never
// sent for a change that rolled back. The mail worker delivers it.
func Queue(ctx context.Context, q db.Q, m Mail) error {
	now := db.Now()
	_, err := q.ExecContext(ctx,
		`INSERT INTO mail_outbox (to_addr, subject, body, created_at, next_try_at) VALUES ($1, $2, $3, $4, $4)`,
		m.To, m.Subject, m.Body, now)
	if err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}
