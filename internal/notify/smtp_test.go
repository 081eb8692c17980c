package notify_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"hearth/internal/notify"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
)

// received is one message as the test SMTP server got it.
type received struct {
	From, To, User string
	Data           []byte
}

// smtpServer is a real SMTP server on 127.0.0.1, in-process, that keeps what
// it receives. With user set, it offers AUTH PLAIN and accepts only user/pass.
type smtpServer struct {
	Addr       string
	Port       int
	user, pass string
	mu         sync.Mutex
	got        []received
	// duringData, when set, runs while a message's DATA is being received,
	// the conversation open.
	duringData func()
}

func startSMTP(t *testing.T, user, pass string) *smtpServer {
	t.Helper()
	s := &smtpServer{user: user, pass: pass}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{srv: s}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	s.Port = l.Addr().(*net.TCPAddr).Port
	done := make(chan struct{})
	go func() { defer close(done); srv.Serve(l) }() //nolint:errcheck
	t.Cleanup(func() { srv.Close(); <-done })
	return s
}

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

type session struct {
	srv  *smtpServer
	user string
	cur  received
}

func (s *session) AuthMechanisms() []string {
	if s.srv.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.srv.user || pass != s.srv.pass {
			return errors.New("invalid credentials")
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.user != "" && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.cur = received{From: from, User: s.user}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.cur.To = to; return nil }

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = b
	s.srv.mu.Lock()
	during := s.srv.duringData
	s.srv.mu.Unlock()
	if during != nil {
		during()
	}
	s.srv.mu.Lock()
	s.srv.got = append(s.srv.got, s.cur)
	s.srv.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }

// parse reads a received message back as a mail client would.
func parse(t *testing.T, r received) (*mail.Message, string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(string(r.Data)))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, r.Data)
	}
	body, err := io.ReadAll(m.Body)
	if err != nil {
		t.Fatal(err)
	}
	return m, string(body)
}

func TestSMTPSenderAuthenticates(t *testing.T) {
	srv := startSMTP(t, "hearth", "s3cret")
	s, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, User: "hearth", Password: "s3cret", From: "Hearth <hearth@example.org>", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), notify.Mail{To: "ada@example.org", Subject: "Hi", Body: "Hello"}); err != nil {
		t.Fatalf("send: %v", err)
	}
	got := srv.messages()
	if len(got) != 1 || got[0].User != "hearth" || got[0].From != "hearth@example.org" || got[0].To != "ada@example.org" {
		t.Fatalf("received %+v", got)
	}

	bad, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, User: "hearth", Password: "wrong", From: "hearth@example.org", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.Send(context.Background(), notify.Mail{To: "ada@example.org", Subject: "Hi", Body: "Hello"}); err == nil {
		t.Fatal("send with a wrong password succeeded")
	}
	if n := len(srv.messages()); n != 1 {
		t.Fatalf("server holds %d messages, want 1", n)
	}
}

func TestNewSMTPRejectsBadConfig(t *testing.T) {
	for _, cfg := range []notify.SMTPConfig{
		{Host: "mail.example.org", Port: 587, From: "hearth@example.org", TLS: "sometimes"},
		{Host: "mail.example.org", Port: 0, From: "hearth@example.org", TLS: "tls"},
		{Host: "mail.example.org", Port: 587, From: "not an address", TLS: "starttls"},
	} {
		if _, err := notify.NewSMTP(cfg); err == nil {
			t.Errorf("NewSMTP(%+v) accepted", cfg)
		}
	}
}

// A message with an HTML part goes out as multipart/alternative with both
// parts, and carries Reply-To and the RFC 8058 one-click unsubscribe headers.
func TestSMTPSenderSendsBothPartsAndListHeaders(t *testing.T) {
	srv := startSMTP(t, "", "")
	s, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, From: "Hearth <hearth@example.org>", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	m := notify.Mail{To: "ada@example.org", Subject: "New comment", Body: "Grace wrote: hello",
		HTML: "<p>Grace wrote: <strong>hello</strong></p>", ReplyTo: "reply+abc@hearth.example.org",
		Unsubscribe: "https://hearth.example.org/unsubscribe?token=xyz"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	msg, body := parse(t, srv.messages()[0])
	if got := msg.Header.Get("Reply-To"); !strings.Contains(got, "reply+abc@hearth.example.org") {
		t.Errorf("Reply-To %q", got)
	}
	if got := msg.Header.Get("List-Unsubscribe"); got != "<https://hearth.example.org/unsubscribe?token=xyz>" {
		t.Errorf("List-Unsubscribe %q", got)
	}
	if got := msg.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post %q", got)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v)", msg.Header.Get("Content-Type"), err)
	}
	parts := map[string]string{}
	mr := multipart.NewReader(strings.NewReader(body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		var r io.Reader = p
		if p.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			r = quotedprintable.NewReader(p)
		}
		b, _ := io.ReadAll(r)
		parts[ct] = string(b)
	}
	if !strings.Contains(parts["text/plain"], "Grace wrote: hello") || !strings.Contains(parts["text/html"], "<strong>hello</strong>") {
		t.Fatalf("parts %q", parts)
	}
}
