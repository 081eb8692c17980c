package inbound

import (
	"context"
	"io"
	"time"

	"github.com/emersion/go-smtp"

	"hearth/internal/errs"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// stepTimeout bounds the work behind one SMTP command.
const stepTimeout = 30 * time.Second

// session is one SMTP conversation. A message goes to one reply address:
// the answer to its DATA is then about one reply, posted or refused.
type session struct {
	srv    *Server
	conn   *smtp.Conn
	remote string
	from   string // the envelope sender; "" for a bounce
	target *notify.ReplyTarget
	bad    int // recipients refused so far
}

// Mail starts a message.
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

// Rcpt takes a reply address Hearth signed, not expired; it refuses every
// other address here, before any of the message is sent.
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.bad >= maxBadRecipients {
		return smtpErr(421, 4, 7, 0, "Too many unknown recipients: closing.")
	}
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	d := s.srv.deps
	t, err := d.Addresses.CheckReplyAddress(ctx, to, d.Now())
	if err == nil && d.Posters[t.Kind] == nil {
		err = notify.ErrReplyForged
	}
	if err != nil {
		if !errs.Is(err, errs.NotFound) {
			d.Log.Error("inbound mail: check recipient", "err", err)
			return smtpErr(451, 4, 3, 0, "Hearth cannot check this address just now; try again later.")
		}
		s.bad++
		d.Log.Info("inbound mail: refused recipient", "remote", s.remote, "why", errs.MessageOf(err))
		return smtpErr(550, 5, 1, 1, errs.MessageOf(err))
	}
	if s.target != nil {
		if *s.target == t {
			return nil
		}
		// RFC 5321: the client sends the other recipients in another transaction.
		return smtpErr(452, 4, 5, 3, "One reply address per message; send the next one separately.")
	}
	if err := d.Limits.Take(ctx, ratelimit.Inbound, ratelimit.Person(t.PersonID)); err != nil {
		if errs.Is(err, errs.TooManyRequests) {
			d.Log.Warn("inbound mail: too many replies", "person", t.PersonID)
			return smtpErr(450, 4, 7, 1, errs.MessageOf(err))
		}
		d.Log.Error("inbound mail: rate limit", "err", err)
		return smtpErr(451, 4, 3, 0, "Hearth cannot take mail just now; try again later.")
	}
	s.target = &t
	return nil
}

// Data reads the message (at most MaxMessageBytes: go-smtp refuses the rest
// with 552) and posts it as a reply.
func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err // ErrDataTooLarge is 552 already
	}
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	return s.srv.deliver(ctx, s.from, *s.target, raw)
}

// Reset forgets the message in progress.
func (s *session) Reset() {
	s.from = ""
	s.target = nil
}

// Logout ends the session.
func (s *session) Logout() error { return nil }

// smtpErr is an SMTP reply with an enhanced status code (RFC 3463).
func smtpErr(code, class, subject, detail int, msg string) *smtp.SMTPError {
	return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{class, subject, detail}, Message: asciiLine(msg)}
}

// asciiLine makes msg fit an SMTP reply line: printable ASCII, typographic
// quotes made plain.
func asciiLine(msg string) string {
	out := make([]byte, 0, len(msg))
	for _, r := range msg {
		switch {
		case r == '‘' || r == '’':
			out = append(out, '\'')
		case r == '“' || r == '”':
			out = append(out, '"')
		case r == '…':
			out = append(out, "..."...)
		case r >= ' ' && r <= '~':
			out = append(out, byte(r))
		case r == '\n' || r == '\t':
			out = append(out, ' ')
		}
	}
	return string(out)
}
