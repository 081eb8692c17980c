package conversation_test

import (
	"context"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/posts"
)

// world is a running Hearth with a conversation service of its own and the
// people of the permission cases: a steward ("stew"), a moderator ("mod"), an
// asker ("ask") and another member ("mem") of every community it makes, a
// pending member ("pend"), a signed-in outsider ("out"), the administrator,
// and the visitor.
type world struct {
	env    *apptest.Env
	db     *db.DB
	svc    *conversation.Service
	ctx    context.Context
	actors map[string]auth.Actor
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	e := apptest.New(t, d)
	w := &world{env: e, db: d, svc: conversation.NewService(d, e.Communities, nil), ctx: context.Background()}
	w.actors = map[string]auth.Actor{
		"visitor":   {},
		"steward":   e.Person("stew"),
		"moderator": e.Person("mod"),
		"asker":     e.Person("ask"),
		"member":    e.Person("mem"),
		"pending":   e.Person("pend"),
		"outsider":  e.Person("out"),
		"admin":     e.Admin,
	}
	return w
}

// community makes a community stewarded by "stew" with the others in place.
func (w *world) community(t *testing.T, slug string, vis community.Visibility) {
	t.Helper()
	join := community.Open
	if vis == community.Private {
		join = community.Invite
	}
	w.env.Community(w.actors["steward"], slug, vis, join)
	w.env.SetMembership(slug, w.actors["moderator"], community.RoleModerator, community.ActiveMember)
	w.env.SetMembership(slug, w.actors["asker"], community.RoleMember, community.ActiveMember)
	w.env.SetMembership(slug, w.actors["member"], community.RoleMember, community.ActiveMember)
	w.env.SetMembership(slug, w.actors["pending"], community.RoleMember, community.PendingMember)
}

// ask starts a question as the asker.
func (w *world) ask(t *testing.T, slug, title string) conversation.ThreadView {
	t.Helper()
	th, err := w.svc.Start(w.ctx, w.actors["asker"], slug, conversation.Input{Kind: conversation.Question, Title: title,
		Body: "How do we " + title + "?", Tags: "bread"})
	if err != nil {
		t.Fatalf("ask %q: %v", title, err)
	}
	return th
}

// answer adds an answer by who to thread id.
func (w *world) answer(t *testing.T, who, slug string, id int64, body string) int64 {
	t.Helper()
	p, err := w.svc.Reply(w.ctx, w.actors[who], slug, id, posts.Answer, body)
	if err != nil {
		t.Fatalf("%s answers %d: %v", who, id, err)
	}
	return p
}

func (w *world) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := w.db.QueryRowContext(w.ctx, query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// want fails the test unless err is nil (want "ok") or of the kind named.
func want(t *testing.T, what string, err error, kind string) {
	t.Helper()
	got := "ok"
	if err != nil {
		got = errs.KindOf(err).String()
	}
	if got != kind {
		t.Errorf("%s: got %s (%v), want %s", what, got, err, kind)
	}
}
