// Package notify tells people what happened: e-mail (through SMTP, or the
// development outbox when no server is configured), delivered by the job
// queue; in-app notifications and digests.
package notify

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Mail is one e-mail message: a text part, and an HTML part when HTML is set.
type Mail struct {
	To      string
	Subject string
	Body    string // the text part
	HTML    string // the HTML part; empty for a text-only message
	// ReplyTo, when set, is where replies go (replying by e-mail).
	ReplyTo string
	// Unsubscribe, when set, is a URL that ends this kind of mail in one
	// click, sent as List-Unsubscribe with List-Unsubscribe-Post (RFC 8058).
	Unsubscribe string
}

// Mail jobs. KindMailOutbox delivers every message of the outbox that is
// due, in batches; Queue enqueues it once for a burst of messages. KindMail
// was a job per message, before batches; one still queued does the same.
const (
	KindMailOutbox = "mail.outbox"
	KindMail       = "mail.send"
)

// Queue stores m in the outbox through q and makes sure a delivery job
// waits. Call it inside the transaction that makes the change the mail is
// about: then the mail is never lost, and never sent for a change that
// rolled back.
func Queue(ctx context.Context, q db.Q, m Mail) error { return QueueMany(ctx, q, []Mail{m}) }

// queueChunk bounds the messages of one INSERT.
const queueChunk = 50

// QueueMany is Queue for several messages, stored with one statement per
// queueChunk of them.
func QueueMany(ctx context.Context, q db.Q, ms []Mail) error {
	if len(ms) == 0 {
		return nil
	}
	now := db.Now()
	for chunk := range slices.Chunk(ms, queueChunk) {
		args := []any{now}
		var rows []string
		for _, m := range chunk {
			rows = append(rows, "("+db.Placeholders(len(args)+1, 6)+", $1, $1)")
			args = append(args, m.To, m.Subject, m.Body, m.HTML, m.ReplyTo, m.Unsubscribe)
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO mail_outbox (to_addr, subject, body, html_body, reply_to, unsubscribe_url, created_at, next_try_at)
			VALUES `+strings.Join(rows, ", "), args...); err != nil {
			return fmt.Errorf("queue mail: %w", err)
		}
	}
	return jobs.EnqueueOnce(ctx, q, jobs.Job{Kind: KindMailOutbox})
}
