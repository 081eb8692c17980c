// Package apptest runs the real Hearth application in-process for tests: the
// real router, services and database (SQLite or PostgreSQL, through dbtest),
// served by httptest on a loopback port, with helpers to make people and
// communities and to act as them through a cookie-keeping client.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/ratelimit"
)

// Password is the password of every person an Env makes.
const Password = "correct horse battery"

// CheapPasswords is the argon2id cost of the passwords of the people an Env
// makes: a hash keeps its parameters, so signing in as them (As) is as cheap.
// At Hearth's own cost, a hundred milliseconds a hash under the race detector,
// the tests' sign-ups and sign-ins took most of their time. Sign-up through
// the form still hashes at the real cost.
var CheapPasswords = auth.PasswordCost{MemoryKiB: 64, Passes: 1}

// Env is a running Hearth with its database.
type Env struct {
	T           testing.TB
	DB          *db.DB
	Server      *httptest.Server
	Worker      *app.Workers
	Auth        *auth.Service
	Communities *community.Service
	Admin       auth.Actor
}

// New starts Hearth over d, set up with an administrator (handle "admin"),
// with RoomyLimits.
func New(t testing.TB, d *db.DB) *Env {
	t.Helper()
	return NewWith(t, d, RoomyLimits)
}

// RoomyLimits lifts the rate limits on writing and searching (entries,
// comments, uploads, invitations, searches) out of the way of tests that do
// much of it as one person; the limits on accounts (sign-up, sign-in, reset)
// stay as configured by default. Tests of a limit set their own with NewWith.
func RoomyLimits(c *config.Config) {
	for _, act := range []ratelimit.Action{ratelimit.Entry, ratelimit.Comment, ratelimit.Upload, ratelimit.Invite, ratelimit.Search, ratelimit.Endorse} {
		c.Limits[act] = ratelimit.Rule{Max: 100_000, Window: time.Minute}
	}
}

// NewWith is New with the configuration changed by adjust (when not nil; the
// defaults otherwise, rate limits included), for tests of a setting.
func NewWith(t testing.TB, d *db.DB, adjust func(*config.Config)) *Env {
	t.Helper()
	e := &Env{T: t, DB: d}
	e.Server = httptest.NewUnstartedServer(nil)
	cfg := config.Defaults()
	cfg.BaseURL = "http://" + e.Server.Listener.Addr().String()
	cfg.Addr = e.Server.Listener.Addr().String()
	if adjust != nil {
		adjust(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	h, worker, err := app.Build(cfg, d, log)
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	e.Worker = worker
	e.Server.Config.Handler = h
	e.Server.Start()
	t.Cleanup(e.Server.Close)
	e.Auth = auth.NewService(d, auth.Options{BaseURL: cfg.BaseURL, Logger: log, Limits: ratelimit.New(d, cfg.Limits, nil),
		PasswordCost: CheapPasswords})
	e.Communities = community.NewService(d, e.Auth, cfg.BaseURL, log)
	if _, err := e.Auth.CreateAdmin(context.Background(), "Test Institution",
		auth.NewAccount{Name: "Ada Admin", Handle: "admin", Email: "admin@example.org", Password: Password}); err != nil {
		t.Fatalf("create admin: %v", err)
	}
	e.Admin = e.Actor("admin")
	return e
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// Person creates a verified person with this handle (e-mail handle@example.org).
func (e *Env) Person(handle string) auth.Actor {
	e.T.Helper()
	ctx := context.Background()
	_, _, err := e.Auth.SignUp(ctx, auth.NewAccount{Name: strings.ToUpper(handle[:1]) + handle[1:] + " Tester", Handle: handle,
		Email: handle + "@example.org", Password: Password}, "apptest")
	if err != nil {
		e.T.Fatalf("sign up %s: %v", handle, err)
	}
	if _, err := e.DB.ExecContext(ctx, "UPDATE people SET email_verified_at = $1 WHERE handle = $2", db.Now(), handle); err != nil {
		e.T.Fatal(err)
	}
	return e.Actor(handle)
}

// Actor returns the actor of the person with handle, as a session would. It
// reads the person rather than signing in: a sign-in checks the password, an
// argon2id hash of a tenth of a second (more under the race detector), and
// tests ask for actors by the thousand. As signs in for real.
func (e *Env) Actor(handle string) auth.Actor {
	e.T.Helper()
	ctx := context.Background()
	var id int64
	if err := e.DB.QueryRowContext(ctx, "SELECT id FROM people WHERE handle = $1", handle).Scan(&id); err != nil {
		e.T.Fatalf("actor %s: %v", handle, err)
	}
	a, err := e.Auth.ActorByID(ctx, id)
	if err != nil {
		e.T.Fatalf("actor %s: %v", handle, err)
	}
	return a
}

// Community creates a community stewarded by steward.
func (e *Env) Community(steward auth.Actor, slug string, vis community.Visibility, join community.JoinPolicy) community.Community {
	e.T.Helper()
	c, err := e.Communities.Create(context.Background(), steward, community.Charter{Name: "Community " + slug, Slug: slug,
		Purpose: "We practise " + slug + " together.", Visibility: vis, JoinPolicy: join, Tags: "testing, " + slug})
	if err != nil {
		e.T.Fatalf("create community %s: %v", slug, err)
	}
	return c
}

// SetMembership puts person into the community with a role and status,
// bypassing the join rules (for arranging tests).
func (e *Env) SetMembership(slug string, person auth.Actor, role community.Role, status community.MemberStatus) {
	e.T.Helper()
	now := db.Now()
	_, err := e.DB.ExecContext(context.Background(), `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
		SELECT id, $2, $3, $4, $5, $5 FROM communities WHERE slug = $1
		ON CONFLICT (community_id, person_id) DO UPDATE SET role = excluded.role, status = excluded.status`,
		slug, person.PersonID, role, status, now)
	if err != nil {
		e.T.Fatalf("set membership: %v", err)
	}
}

// Client is a browser-like HTTP client: it keeps cookies and does not follow
// redirects, so tests see each response.
type Client struct {
	e    *Env
	HTTP *http.Client
}

// Visitor returns a client without a session.
func (e *Env) Visitor() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{e: e, HTTP: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// As returns a client signed in as the person with handle (through the real
// sign-in form).
func (e *Env) As(handle string) *Client {
	e.T.Helper()
	c := e.Visitor()
	res := c.Post("/signin", url.Values{"email": {handle + "@example.org"}, "password": {Password}})
	if res.Status != http.StatusSeeOther {
		e.T.Fatalf("sign in as %s: status %d\n%s", handle, res.Status, res.Body)
	}
	return c
}

// Response is a finished response with its body read.
type Response struct {
	Status   int
	Header   http.Header
	Body     string
	Location string
}

// Get fetches path.
func (c *Client) Get(path string) Response {
	c.e.T.Helper()
	req, err := http.NewRequest(http.MethodGet, c.e.Server.URL+path, nil)
	if err != nil {
		c.e.T.Fatal(err)
	}
	return c.Do(req)
}

// Post submits a form to path as a same-origin browser would.
func (c *Client) Post(path string, form url.Values) Response {
	c.e.T.Helper()
	req, err := http.NewRequest(http.MethodPost, c.e.Server.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.e.T.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", c.e.Server.URL)
	return c.Do(req)
}

// Do sends req with the client's cookies.
func (c *Client) Do(req *http.Request) Response {
	c.e.T.Helper()
	res, err := c.HTTP.Do(req)
	if err != nil {
		c.e.T.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		c.e.T.Fatal(err)
	}
	return Response{Status: res.StatusCode, Header: res.Header, Body: string(body), Location: res.Header.Get("Location")}
}

var linkPattern = regexp.MustCompile(`https?://[^\s]+[?&]token=[A-Za-z0-9_-]+`)

// MailLink returns the path and query of the newest link with a token in the
// newest mail queued to address, failing the test when there is none.
func (e *Env) MailLink(address string) string {
	e.T.Helper()
	var body string
	err := e.DB.QueryRowContext(context.Background(), "SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1", address).Scan(&body)
	if err != nil {
		e.T.Fatalf("no mail to %s: %v", address, err)
	}
	link := linkPattern.FindString(body)
	if link == "" {
		e.T.Fatalf("no link in the mail to %s:\n%s", address, body)
	}
	u, err := url.Parse(link)
	if err != nil {
		e.T.Fatal(err)
	}
	return u.RequestURI()
}
