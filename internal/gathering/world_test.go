package gathering_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/gathering"
)

// world is a running Hearth with a gathering service of its own and the
// people of the permission cases: a steward ("stew"), a host ("host"),
// another member ("mem"), a pending member ("pend"), a signed-in outsider
// ("out"), the administrator and the visitor.
type world struct {
	env    *apptest.Env
	db     *db.DB
	svc    *gathering.Service
	ctx    context.Context
	actors map[string]auth.Actor
	now    time.Time
}

func newWorld(t testing.TB, d *db.DB) *world {
	t.Helper()
	e := apptest.New(t, d)
	w := &world{env: e, db: d, svc: gathering.NewService(d, e.Communities, "hearth.test", nil), ctx: context.Background(),
		now: time.Now().UTC().Truncate(time.Second)}
	w.svc.SetClock(func() time.Time { return w.now })
	w.actors = map[string]auth.Actor{
		"visitor":  {},
		"steward":  e.Person("stew"),
		"host":     e.Person("host"),
		"member":   e.Person("mem"),
		"pending":  e.Person("pend"),
		"outsider": e.Person("out"),
		"admin":    e.Admin,
	}
	return w
}

// community makes a community stewarded by "stew" with the others in place.
func (w *world) community(t testing.TB, slug string, vis community.Visibility) {
	t.Helper()
	join := community.Open
	if vis == community.Private {
		join = community.Invite
	}
	w.env.Community(w.actors["steward"], slug, vis, join)
	w.env.SetMembership(slug, w.actors["host"], community.RoleMember, community.ActiveMember)
	w.env.SetMembership(slug, w.actors["member"], community.RoleMember, community.ActiveMember)
	w.env.SetMembership(slug, w.actors["pending"], community.RoleMember, community.PendingMember)
}

// members adds n members to the community straight into the tables (no
// password hashing) and returns them as actors.
func (w *world) members(t testing.TB, slug string, n int) []auth.Actor {
	t.Helper()
	var cid int64
	if err := w.db.QueryRowContext(w.ctx, `SELECT id FROM communities WHERE slug = $1`, slug).Scan(&cid); err != nil {
		t.Fatal(err)
	}
	out := make([]auth.Actor, n)
	for i := range n {
		h := fmt.Sprintf("%s-m%d", slug, i)
		var id int64
		tx := func(tx *db.Tx) error {
			return tx.QueryRowContext(w.ctx, `INSERT INTO people (handle, email, name, password_hash, created_at) VALUES ($1, $2, $3, 'x', $4) RETURNING id`,
				h, h+"@example.org", fmt.Sprintf("Member %03d", i), w.now).Scan(&id)
		}
		if err := w.db.WithTx(w.ctx, tx); err != nil {
			t.Fatal(err)
		}
		if _, err := w.db.ExecContext(w.ctx, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
			VALUES ($1, $2, 'member', 'active', $3, $3)`, cid, id, w.now); err != nil {
			t.Fatal(err)
		}
		out[i] = auth.Actor{PersonID: id, Handle: h, Name: h, Verified: true}
	}
	return out
}

// input is a one-off gathering days ahead, 18:00 to 20:00 Paris time.
func (w *world) input(days int) gathering.Input {
	d := w.now.AddDate(0, 0, days).Format(time.DateOnly)
	return gathering.Input{Title: "Bread club", Description: "We *bake*.", Zone: "Europe/Paris", Date: d, StartTime: "18:00",
		EndTime: "20:00", Place: "The kitchen"}
}

func (w *world) schedule(t testing.TB, slug string, in gathering.Input) gathering.View {
	t.Helper()
	v, err := w.svc.Schedule(w.ctx, w.actors["steward"], slug, in)
	if err != nil {
		t.Fatalf("schedule: %v", err)
	}
	return v
}

func (w *world) occurrences(t testing.TB, v gathering.View) []gathering.Occurrence {
	t.Helper()
	os, err := w.svc.Occurrences(w.ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	return os
}

func (w *world) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := w.db.QueryRowContext(w.ctx, query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// want fails the test unless err is nil (want "ok") or of the kind named.
func want(t testing.TB, what string, err error, kind string) {
	t.Helper()
	got := "ok"
	if err != nil {
		got = errs.KindOf(err).String()
	}
	if got != kind {
		t.Errorf("%s: got %s (%v), want %s", what, got, err, kind)
	}
}

func errsFields(err error) map[string]string { return errs.FieldsOf(err) }
