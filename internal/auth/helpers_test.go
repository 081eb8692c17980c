package auth_test

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// baseURL is where links in test mails point.
const baseURL = "http://hearth.test"

// password is the password of every person an env makes.
const password = "correct horse battery"

// env is an instance over one test database, set up with an administrator
// (handle "admin"). It builds only the services under test, not the web
// application, so these tests do not depend on the web layer.
type env struct {
	T           *testing.T
	DB          *db.DB
	Auth        *auth.Service
	Communities *community.Service
	Admin       auth.Actor
}

// newEnv sets up an instance over d.
func newEnv(t *testing.T, d *db.DB) *env {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := &env{T: t, DB: d, Auth: auth.NewService(d, auth.Options{BaseURL: baseURL, Logger: log})}
	e.Communities = community.NewService(d, e.Auth, baseURL, log)
	if _, err := e.Auth.CreateAdmin(context.Background(), "Test Institution",
		auth.NewAccount{Name: "Ada Admin", Handle: "admin", Email: "admin@example.org", Password: password}); err != nil {
		t.Fatalf("create admin: %v", err)
	}
	e.Admin = e.Actor("admin")
	return e
}

// Person creates a verified person with this handle (e-mail handle@example.org).
func (e *env) Person(handle string) auth.Actor {
	e.T.Helper()
	signUp(e.T, e.Auth, handle)
	if _, err := e.DB.ExecContext(context.Background(), "UPDATE people SET email_verified_at = $1 WHERE handle = $2", db.Now(), handle); err != nil {
		e.T.Fatal(err)
	}
	return e.Actor(handle)
}

// Actor returns the actor of the person with handle, as a session would.
func (e *env) Actor(handle string) auth.Actor {
	e.T.Helper()
	a, _ := signIn(e.T, e.Auth, handle, "127.0.0.2")
	return a
}

var linkPattern = regexp.MustCompile(`https?://[^\s]+[?&]token=[A-Za-z0-9_-]+`)

// MailLink returns the path and query of the newest link with a token in the
// newest mail queued to address.
func (e *env) MailLink(address string) string {
	e.T.Helper()
	link := linkPattern.FindString(newestMail(e.T, e.DB, address))
	if link == "" {
		e.T.Fatalf("no link in the mail to %s", address)
	}
	u, err := url.Parse(link)
	if err != nil {
		e.T.Fatal(err)
	}
	return u.RequestURI()
}

// newestMail returns the body of the newest mail queued to address.
func newestMail(t *testing.T, d *db.DB, address string) string {
	t.Helper()
	var body string
	if err := d.QueryRowContext(context.Background(), "SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1", address).Scan(&body); err != nil {
		t.Fatalf("no mail to %s: %v", address, err)
	}
	return body
}

// clock is a test clock that only moves when told to.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Now().UTC()} }

// Now returns the clock's time.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// clocked returns an account service over e's database whose clock the test moves.
func clocked(t *testing.T, e *env, o auth.Options) (*auth.Service, *clock) {
	t.Helper()
	c := newClock()
	o.Now = c.Now
	o.BaseURL = baseURL
	return auth.NewService(e.DB, o), c
}

// signUp creates an (unverified) account through s, failing the test on error;
// it has no session until the address is confirmed.
// it has no session until the address is confirmed.
func signUp(t *testing.T, s *auth.Service, handle string) (auth.Actor, string) {
	t.Helper()
	a, session, err := s.SignUp(context.Background(), auth.NewAccount{Name: "Test " + handle, Handle: handle,
		Email: handle + "@example.org", Password: password}, "test")
	if err != nil {
		t.Fatalf("sign up %s: %v", handle, err)
	}
	return a, session
}

// signIn signs in as handle through s from ip, failing the test on error.
func signIn(t *testing.T, s *auth.Service, handle, ip string) (auth.Actor, string) {
	t.Helper()
	a, session, err := s.SignIn(context.Background(), handle+"@example.org", password, ip, "test")
	if err != nil {
		t.Fatalf("sign in %s: %v", handle, err)
	}
	return a, session
}

// linkToken returns the token query parameter of the newest mailed link to address.
func linkToken(t *testing.T, e *env, address string) string {
	t.Helper()
	u, err := url.Parse(e.MailLink(address))
	if err != nil {
		t.Fatal(err)
	}
	tok := u.Query().Get("token")
	if tok == "" {
		t.Fatalf("no token in link %s", u)
	}
	return tok
}

var invitePattern = regexp.MustCompile(`[?&]invite=([A-Za-z0-9_-]+)`)

// inviteToken returns the raw invitation token in the newest mail to address.
func inviteToken(t *testing.T, d *db.DB, address string) string {
	t.Helper()
	body := newestMail(t, d, address)
	m := invitePattern.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no invitation link in the mail to %s:\n%s", address, body)
	}
	return m[1]
}

// mailCount returns how many mails are queued to address.
func mailCount(t *testing.T, d *db.DB, address string) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = $1", address).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wantKind fails the test unless err is of kind k.
func wantKind(t *testing.T, err error, k errs.Kind) {
	t.Helper()
	if got := errs.KindOf(err); err == nil || got != k {
		t.Fatalf("error = %v (kind %v), want kind %v", err, got, k)
	}
}

// wantField fails the test unless err is Invalid with a message for field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	wantKind(t, err, errs.Invalid)
	if _, ok := errs.FieldsOf(err)[field]; !ok {
		t.Fatalf("error %v has fields %v, want one for %q", err, errs.FieldsOf(err), field)
	}
}

// wantSignedIn fails the test unless session belongs to the person with handle.
func wantSignedIn(t *testing.T, s *auth.Service, session, handle string) auth.Actor {
	t.Helper()
	a, err := s.Session(context.Background(), session)
	if err != nil {
		t.Fatalf("session: %v", err)
	}
	if a.Handle != handle {
		t.Fatalf("session actor = %+v, want @%s", a, handle)
	}
	return a
}

// wantSignedOut fails the test unless session no longer names anyone.
func wantSignedOut(t *testing.T, s *auth.Service, session string) {
	t.Helper()
	a, err := s.Session(context.Background(), session)
	if err != nil {
		t.Fatalf("session: %v", err)
	}
	if a != (auth.Actor{}) {
		t.Fatalf("session still names %+v, want a visitor", a)
	}
}
