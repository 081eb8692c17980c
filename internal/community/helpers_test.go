package community_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/instance"
)

var ctx = context.Background()

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
	e := &env{T: t, DB: d, Auth: auth.NewService(d, auth.Options{BaseURL: "http://hearth.test", Logger: log})}
	e.Communities = community.NewService(d, e.Auth, "http://hearth.test", log)
	if _, err := e.Auth.CreateAdmin(ctx, "Test Institution",
		auth.NewAccount{Name: "Ada Admin", Handle: "admin", Email: "admin@example.org", Password: password}); err != nil {
		t.Fatalf("create admin: %v", err)
	}
	e.Admin = e.Actor("admin")
	return e
}

// Person creates a verified person with this handle (e-mail handle@example.org).
func (e *env) Person(handle string) auth.Actor {
	e.T.Helper()
	_, _, err := e.Auth.SignUp(ctx, auth.NewAccount{Name: strings.ToUpper(handle[:1]) + handle[1:] + " Tester", Handle: handle,
		Email: handle + "@example.org", Password: password}, "test")
	must(e.T, err)
	_, err = e.DB.ExecContext(ctx, "UPDATE people SET email_verified_at = $1 WHERE handle = $2", db.Now(), handle)
	must(e.T, err)
	return e.Actor(handle)
}

// Actor returns the actor of the person with handle, as a session would.
func (e *env) Actor(handle string) auth.Actor {
	e.T.Helper()
	a, _, err := e.Auth.SignIn(ctx, handle+"@example.org", password, "127.0.0.2", "test")
	if err != nil {
		e.T.Fatalf("actor %s: %v", handle, err)
	}
	return a
}

// Community creates a community stewarded by steward, tagged "testing" and its slug.
func (e *env) Community(steward auth.Actor, slug string, vis community.Visibility, join community.JoinPolicy) community.Community {
	e.T.Helper()
	c, err := e.Communities.Create(ctx, steward, community.Charter{Name: "Community " + slug, Slug: slug,
		Purpose: "We practise " + slug + " together.", Visibility: vis, JoinPolicy: join, Tags: "testing, " + slug})
	if err != nil {
		e.T.Fatalf("create community %s: %v", slug, err)
	}
	return c
}

// SetMembership puts person into the community with a role and status,
// bypassing the join rules (for arranging tests).
func (e *env) SetMembership(slug string, person auth.Actor, role community.Role, status community.MemberStatus) {
	e.T.Helper()
	now := db.Now()
	_, err := e.DB.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
		SELECT id, $2, $3, $4, $5, $5 FROM communities WHERE slug = $1
		ON CONFLICT (community_id, person_id) DO UPDATE SET role = excluded.role, status = excluded.status`,
		slug, person.PersonID, role, status, now)
	must(e.T, err)
}

// visitor is someone who has not signed in.
var visitor = auth.Actor{}

// unverified signs up a person who has not confirmed their address yet.
func unverified(t *testing.T, e *env, handle string) auth.Actor {
	t.Helper()
	a, _, err := e.Auth.SignUp(ctx, auth.NewAccount{Name: "New " + handle, Handle: handle, Email: handle + "@example.org",
		Password: password}, "test")
	must(t, err)
	if a.Verified {
		t.Fatalf("%s is verified already", handle)
	}
	return a
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

// must fails the test when err is not nil.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// slugs returns the sorted slugs of a list.
func slugs(list []community.Listing) []string {
	out := make([]string, 0, len(list))
	for _, l := range list {
		out = append(out, l.Slug)
	}
	slices.Sort(out)
	return out
}

// mails returns the subjects of the mails queued to address, oldest first.
func mails(t *testing.T, d *db.DB, address string) []string {
	t.Helper()
	rows, err := d.QueryContext(ctx, "SELECT subject FROM mail_outbox WHERE to_addr = $1 ORDER BY id", address)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	must(t, rows.Err())
	return out
}

// newestMail returns the body of the newest mail queued to address.
func newestMail(t *testing.T, d *db.DB, address string) string {
	t.Helper()
	var body string
	if err := d.QueryRowContext(ctx, "SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1", address).Scan(&body); err != nil {
		t.Fatalf("no mail to %s: %v", address, err)
	}
	return body
}

// requireApproval makes new communities of non-administrators proposals.
func requireApproval(t *testing.T, d *db.DB) {
	t.Helper()
	s, err := instance.Load(ctx, d)
	must(t, err)
	s.ApprovalRequired = true
	must(t, instance.Save(ctx, d, s))
}
