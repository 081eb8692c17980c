// Package inbound is Hearth's SMTP listener for replies by e-mail. A
// notification about a thread carries Reply-To reply+TOKEN@DOMAIN (see
// notify.ReplyAddress); the institution's mail server hands mail for DOMAIN
// to this listener, which takes a message only for a recipient whose token
// Hearth signed and that has not expired (others are refused at RCPT, so
// nothing of them is read or stored), checks that it comes from the token's
// person at their confirmed address, keeps what they wrote (quoted text and
// signature stripped) and posts it through the same service call as the
// web's reply form: the permission checks are the service's, once.
package inbound

import (
	"context"
	"crypto/tls"
	"errors"
	"log"
	"log/slog"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/emersion/go-smtp"
	"golang.org/x/net/netutil"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// Limits of the listener.
const (
	MaxMessageBytes  = 256 << 10 // a reply, with its quote and an HTML part; not attachments
	maxRecipients    = 5         // RCPTs per message (one of them a reply address: see Rcpt)
	maxBadRecipients = 3         // refused RCPTs before a connection is dropped
	MaxConnections   = 20        // at once; more wait in the kernel's queue
	timeout          = time.Minute
)

// Poster posts body as a's reply to the subject with id: the capability's own
// service call, which checks that a may.
type Poster func(ctx context.Context, a auth.Actor, subjectID int64, body string) error

// Addresses reads reply addresses (notify.Notifier does).
type Addresses interface {
	CheckReplyAddress(ctx context.Context, addr string, now time.Time) (notify.ReplyTarget, error)
}

// People answers who a person is now (auth.Service does).
type People interface {
	ActorByID(ctx context.Context, id int64) (auth.Actor, error)
	Email(ctx context.Context, a auth.Actor) (string, error)
}

// Deps are what the listener works with.
type Deps struct {
	DB        *db.DB
	Domain    string // the reply domain, for the greeting
	Addresses Addresses
	People    People
	Limits    *ratelimit.Limiter // replies per person (ratelimit.Inbound); nil: none
	Posters   map[string]Poster  // by subject kind
	Log       *slog.Logger
	Now       func() time.Time // nil: db.Now
	// TLS, when set, is offered to senders with STARTTLS (CertificateFiles);
	// a sender may still send in the clear, as mail servers do.
	TLS *tls.Config
}

// Server is the listener.
type Server struct {
	deps      Deps
	smtp      *smtp.Server
	lastPrune atomic.Int64 // unix seconds of the last pruning of message keys
}

// New returns a listener; Serve starts it.
func New(deps Deps) *Server {
	if deps.Log == nil {
		deps.Log = slog.Default()
	}
	if deps.Now == nil {
		deps.Now = db.Now
	}
	s := &Server{deps: deps}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{srv: s, conn: c, remote: remoteIP(c)}, nil
	}))
	srv.Domain = deps.Domain
	srv.MaxMessageBytes = MaxMessageBytes
	srv.MaxRecipients = maxRecipients
	srv.ReadTimeout = timeout
	srv.WriteTimeout = timeout
	srv.ErrorLog = log.New(slogWriter{deps.Log}, "", 0)
	srv.TLSConfig = deps.TLS
	s.smtp = srv
	return s
}

// Serve takes connections from ln, at most MaxConnections at once, until
// Close; then it returns nil.
func (s *Server) Serve(ln net.Listener) error {
	err := s.smtp.Serve(netutil.LimitListener(ln, MaxConnections))
	if errors.Is(err, smtp.ErrServerClosed) || errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

// Close stops listening and ends the connections.
func (s *Server) Close() error { return s.smtp.Close() }

// Shutdown stops listening and waits for the connections to end, until ctx
// ends.
func (s *Server) Shutdown(ctx context.Context) error { return s.smtp.Shutdown(ctx) }

func remoteIP(c *smtp.Conn) string {
	if nc := c.Conn(); nc != nil {
		if host, _, err := net.SplitHostPort(nc.RemoteAddr().String()); err == nil {
			return host
		}
	}
	return ""
}

// slogWriter sends go-smtp's log lines (broken connections) to the log.
type slogWriter struct{ log *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	w.log.Warn("inbound mail", "detail", strings.TrimSpace(string(p)))
	return len(p), nil
}
