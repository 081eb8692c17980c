package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/wneessen/go-mail"
)

// Sender delivers one message; an error means it was not accepted and the
// worker tries again later.
type Sender interface {
	Send(ctx context.Context, m Mail) error
}

// SMTPConfig says how to reach the SMTP server. TLS is "starttls" (STARTTLS
// is required, not merely tried), "tls" (TLS from the first byte, as on port
// 465) or "none". User empty means no authentication.
type SMTPConfig struct {
	Host     string
	Port     int
	User     string
	Password string
	From     string
	TLS      string
}

// SMTPSender sends mail through one SMTP server, a connection per message.
// It is safe for concurrent use.
type SMTPSender struct {
	host string
	opts []mail.Option
	from string
}

// smtpTimeout bounds each step of the SMTP conversation (dial, each command).
const smtpTimeout = 15 * time.Second

// NewSMTP checks cfg and returns a sender for it; it does not connect yet.
func NewSMTP(cfg SMTPConfig) (*SMTPSender, error) {
	opts := []mail.Option{mail.WithTimeout(smtpTimeout)}
	switch cfg.TLS {
	case "starttls", "":
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		return nil, fmt.Errorf("smtp: TLS mode %q is not starttls, tls or none", cfg.TLS)
	}
	opts = append(opts, mail.WithPort(cfg.Port))
	if cfg.User != "" {
		// Over TLS, the best mechanism the server offers. Without TLS, PLAIN,
		// which go-mail allows only to localhost: a password never crosses
		// the network in clear text.
		auth := mail.SMTPAuthAutoDiscover
		if cfg.TLS == "none" {
			auth = mail.SMTPAuthPlain
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(cfg.User), mail.WithPassword(cfg.Password))
	}
	if _, err := mail.NewClient(cfg.Host, opts...); err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	if err := mail.NewMsg().From(cfg.From); err != nil {
		return nil, fmt.Errorf("smtp: from address %q: %w", cfg.From, err)
	}
	return &SMTPSender{host: cfg.Host, opts: opts, from: cfg.From}, nil
}

// Send delivers m as a UTF-8 message: its text part, and its HTML part as an
// alternative when it has one.
func (s *SMTPSender) Send(ctx context.Context, m Mail) error {
	msg := mail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("from %q: %w", s.from, err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("to %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return fmt.Errorf("reply-to %q: %w", m.ReplyTo, err)
		}
	}
	if m.Unsubscribe != "" {
		// RFC 8058: a mail client may unsubscribe with one POST, no sign-in.
		msg.SetGenHeader(mail.Header("List-Unsubscribe"), "<"+m.Unsubscribe+">")
		msg.SetGenHeader(mail.Header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click")
	}
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	if m.HTML != "" {
		msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	}
	// A client per message: go-mail's Client keeps per-connection state.
	c, err := mail.NewClient(s.host, s.opts...)
	if err != nil {
		return err
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send to %s: %w", m.To, err)
	}
	return nil
}
