package practice_test

import (
	"context"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/practice"
)

// pworld is a running Hearth with a practice service of its own and the
// people of the permission cases: a steward ("stew"), a moderator ("mod"), an
// author ("auth") and another member ("mem") of every community it makes, a
// person whose request to join is pending ("pend"), a signed-in person who
// is no member ("out"), the administrator, and the visitor (no session).
type pworld struct {
	env    *apptest.Env
	db     *db.DB
	svc    *practice.Service
	ctx    context.Context
	actors map[string]auth.Actor
}

// pwRoles are the actors of the permission cases, by name.
var pwRoles = []string{"visitor", "nonmember", "pending", "member", "author", "moderator", "steward", "admin"}

func pwNew(t *testing.T, d *db.DB) *pworld {
	t.Helper()
	e := apptest.New(t, d)
	w := &pworld{env: e, db: d, svc: practice.NewService(d, e.Communities, nil), ctx: context.Background()}
	w.actors = map[string]auth.Actor{
		"visitor":   {},
		"steward":   e.Person("stew"),
		"moderator": e.Person("mod"),
		"author":    e.Person("auth"),
		"member":    e.Person("mem"),
		"pending":   e.Person("pend"),
		"nonmember": e.Person("out"),
		"admin":     e.Admin,
	}
	return w
}

// community makes a community stewarded by "stew" with the others in their
// places.
func (w *pworld) community(t *testing.T, slug string, vis community.Visibility) {
	t.Helper()
	join := community.Open
	if vis == community.Private {
		join = community.Invite
	}
	w.env.Community(w.actors["steward"], slug, vis, join)
	w.env.SetMembership(slug, w.actors["moderator"], community.RoleModerator, community.ActiveMember)
	w.env.SetMembership(slug, w.actors["author"], community.RoleMember, community.ActiveMember)
	w.env.SetMembership(slug, w.actors["member"], community.RoleMember, community.ActiveMember)
	w.env.SetMembership(slug, w.actors["pending"], community.RoleMember, community.PendingMember)
}

// settings changes the community's practice settings, as its steward.
func (w *pworld) settings(t *testing.T, slug, writers, editors, comments string, staleDays int) {
	t.Helper()
	err := w.env.Communities.UpdatePracticeSettings(w.ctx, w.actors["steward"], slug,
		community.PracticeSettings{Writers: writers, Editors: editors, Comments: comments, StaleAfterDays: staleDays})
	if err != nil {
		t.Fatalf("practice settings of %s: %v", slug, err)
	}
}

// write creates an entry as "auth" (published unless draft).
func (w *pworld) write(t *testing.T, slug, title string, draft bool) practice.Entry {
	t.Helper()
	return w.writeAs(t, w.actors["author"], slug, practice.Input{Title: title, Publish: !draft})
}

// writeAs creates an entry as a, filling the fields in left empty.
func (w *pworld) writeAs(t *testing.T, a auth.Actor, slug string, in practice.Input) practice.Entry {
	t.Helper()
	if in.Kind == "" {
		in.Kind = practice.Practice
	}
	if in.Summary == "" {
		in.Summary = "What a reader finds here."
	}
	if in.Body == "" {
		in.Body = "Some text about " + in.Title + "."
	}
	e, err := w.svc.Create(w.ctx, a, slug, in)
	if err != nil {
		t.Fatalf("create %q in %s: %v", in.Title, slug, err)
	}
	return e
}

// revision returns the entry's current revision number, from the database.
func (w *pworld) revision(t *testing.T, id int64) int {
	t.Helper()
	var n int
	if err := w.db.QueryRowContext(w.ctx, "SELECT revision FROM entries WHERE id = $1", id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// count returns the single number query answers.
func (w *pworld) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := w.db.QueryRowContext(w.ctx, query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// exec runs a statement that arranges a test.
func (w *pworld) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := w.db.ExecContext(w.ctx, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// get reads an entry as a, failing the test on error.
func (w *pworld) get(t *testing.T, a auth.Actor, slug, entry string) practice.EntryView {
	t.Helper()
	ev, err := w.svc.Get(w.ctx, a, slug, entry)
	if err != nil {
		t.Fatalf("get %s/%s: %v", slug, entry, err)
	}
	return ev
}

// pwWant fails the test unless err is nil (want "ok") or of the kind named.
func pwWant(t *testing.T, what string, err error, want string) {
	t.Helper()
	got := "ok"
	if err != nil {
		got = errs.KindOf(err).String()
	}
	if got != want {
		t.Errorf("%s: got %s (%v), want %s", what, got, err, want)
	}
}
