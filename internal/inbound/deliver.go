package inbound

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/notify"
)

// deliver turns one message to reply address t into a post, or says why not.
// A machine's message (an auto-reply, a bounce) and one with nothing of the
// person's own are dropped without a word back: answering them could start a
// loop of mail. Everything else not posted is refused with a 5xx reply, which
// the sending server turns into a bounce that tells the person why.
func (s *Server) deliver(ctx context.Context, envelopeFrom string, t notify.ReplyTarget, raw []byte) error {
	log := s.deps.Log.With("person", t.PersonID, "kind", t.Kind, "subject", t.SubjectID)
	if envelopeFrom == "" {
		log.Info("inbound mail: dropped a bounce (empty envelope sender)")
		return nil
	}
	msg, err := ParseMessage(bytes.NewReader(raw))
	if msg.Auto != "" {
		log.Info("inbound mail: dropped an automatic message", "why", msg.Auto)
		return nil
	}
	if errors.Is(err, ErrNoText) {
		log.Info("inbound mail: dropped a message without text")
		return nil
	}
	if err != nil {
		log.Info("inbound mail: unreadable message", "err", err)
		return smtpErr(550, 5, 6, 0, "Hearth could not read this message; please reply on the site instead.")
	}
	a, err := s.sender(ctx, t.PersonID, msg.From)
	if err != nil {
		log.Info("inbound mail: refused sender", "from", msg.From, "why", errs.MessageOf(err))
		return refusal(log, err)
	}
	body := StripReply(msg.Text)
	if body == "" {
		log.Info("inbound mail: dropped a reply with nothing above the quote")
		return nil
	}
	dup := false
	err = s.deps.DB.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if key := messageKey(t, msg.MessageID); key != "" {
			var got string
			err := tx.QueryRowContext(ctx, `INSERT INTO inbound_messages (key, received_at) VALUES ($1, $2)
				ON CONFLICT (key) DO NOTHING RETURNING key`, key, s.deps.Now()).Scan(&got)
			if errors.Is(err, sql.ErrNoRows) {
				dup = true
				return nil
			}
			if err != nil {
				return errs.Wrap(err, "record message")
			}
		}
		return s.deps.Posters[t.Kind](ctx, a, t.SubjectID, body)
	})
	if err != nil {
		log.Info("inbound mail: reply refused", "why", errs.MessageOf(err), "err", err)
		return refusal(log, err)
	}
	if dup {
		log.Info("inbound mail: a message posted already", "message_id", msg.MessageID)
		return nil
	}
	log.Info("inbound mail: reply posted")
	s.prune(ctx)
	return nil
}

// sender returns the actor of personID if from is their current, confirmed
// address.
func (s *Server) sender(ctx context.Context, personID int64, from string) (auth.Actor, error) {
	wrong := errs.Forbiddenf("Replies to this address are taken only from the address Hearth wrote to.")
	a, err := s.deps.People.ActorByID(ctx, personID)
	if errs.Is(err, errs.NotFound) {
		return a, wrong // a closed account
	}
	if err != nil {
		return a, err
	}
	email, err := s.deps.People.Email(ctx, a)
	if err != nil {
		return a, err
	}
	if !a.Verified {
		return a, errs.Forbiddenf("Confirm your e-mail address on the site first; then you can reply by e-mail.")
	}
	if auth.NormalizeEmail(from) != auth.NormalizeEmail(email) {
		return a, wrong
	}
	return a, nil
}

// refusal is the SMTP reply to a reply not posted: permanent for what the
// person may not do, temporary for what may work later.
func refusal(log *slog.Logger, err error) error {
	msg := errs.MessageOf(err)
	switch errs.KindOf(err) {
	case errs.NotFound, errs.Forbidden, errs.Unauthenticated, errs.Conflict:
		return smtpErr(550, 5, 7, 1, "Not posted: "+msg)
	case errs.Invalid:
		return smtpErr(550, 5, 6, 0, "Not posted: "+msg)
	case errs.TooManyRequests, errs.Unavailable:
		return smtpErr(450, 4, 7, 1, msg)
	}
	log.Error("inbound mail: post reply", "err", err)
	return smtpErr(451, 4, 3, 0, "Hearth could not take the reply just now; it will be tried again.")
}

// messageKey names a message for one reply address, so that a message sent
// twice (a server retrying after a lost answer) is posted once; "" when it
// has no Message-ID.
func messageKey(t notify.ReplyTarget, messageID string) string {
	if messageID == "" {
		return ""
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%d:%s:%d:%s", t.PersonID, t.Kind, t.SubjectID, messageID))
	return hex.EncodeToString(sum[:])
}

// keepMessages is how long a message's key is kept: a retry comes within
// days; a reply address lives ReplyTTL.
const keepMessages = notify.ReplyTTL + 7*24*time.Hour

// prune deletes old message keys, at most once an hour per listener.
func (s *Server) prune(ctx context.Context) {
	now := s.deps.Now()
	last := s.lastPrune.Load()
	if now.Unix()-last < int64(time.Hour/time.Second) || !s.lastPrune.CompareAndSwap(last, now.Unix()) {
		return
	}
	if _, err := s.deps.DB.ExecContext(ctx, `DELETE FROM inbound_messages WHERE received_at < $1`, now.Add(-keepMessages)); err != nil {
		s.deps.Log.Warn("inbound mail: prune message keys", "err", err)
	}
}
