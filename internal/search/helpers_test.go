package search_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/practice"
	"hearth/internal/search"
)

// world is a database with people, communities and the services that write
// to the library (the HTTP tests of /search are in package web).
type world struct {
	t           *testing.T
	d           *db.DB
	auth        *auth.Service
	communities *community.Service
	practice    *practice.Service
	people      map[string]auth.Actor
}

const password = "correct horse battery"

// newWorld makes a world with these people: sam stewards every community,
// mia is a member of every community, oli is signed in but a member of
// none, and the administrator "admin". Communities: "bread" (public),
// "staff" (institution) and "vault" (private).
func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	w := &world{t: t, d: d, auth: auth.NewService(d, auth.Options{BaseURL: "http://hearth.test", Logger: log}),
		people: map[string]auth.Actor{"visitor": {}}}
	w.communities = community.NewService(d, w.auth, "http://hearth.test", log)
	w.practice = practice.NewService(d, w.communities, log)
	if _, err := w.auth.CreateAdmin(ctx, "Test Institution",
		auth.NewAccount{Name: "Ada Admin", Handle: "admin", Email: "admin@example.org", Password: password}); err != nil {
		t.Fatalf("create admin: %v", err)
	}
	w.people["admin"] = w.signIn("admin")
	for _, h := range []string{"sam", "mia", "oli"} {
		w.person(h)
	}
	for _, c := range []struct {
		slug string
		vis  community.Visibility
		join community.JoinPolicy
	}{{"bread", community.Public, community.Open}, {"staff", community.Institution, community.Open}, {"vault", community.Private, community.Invite}} {
		if _, err := w.communities.Create(ctx, w.as("sam"), community.Charter{Name: "Community " + c.slug, Slug: c.slug,
			Purpose: "We practise " + c.slug + " together.", Visibility: c.vis, JoinPolicy: c.join}); err != nil {
			t.Fatalf("create community %s: %v", c.slug, err)
		}
		w.member(c.slug, "mia", community.RoleMember, community.ActiveMember)
	}
	return w
}

// person signs up a verified person with handle.
func (w *world) person(handle string) {
	w.t.Helper()
	ctx := context.Background()
	if _, _, err := w.auth.SignUp(ctx, auth.NewAccount{Name: strings.ToUpper(handle[:1]) + handle[1:] + " Tester", Handle: handle,
		Email: handle + "@example.org", Password: password}, "test"); err != nil {
		w.t.Fatalf("sign up %s: %v", handle, err)
	}
	if _, err := w.d.ExecContext(ctx, "UPDATE people SET email_verified_at = $1 WHERE handle = $2", db.Now(), handle); err != nil {
		w.t.Fatal(err)
	}
	w.people[handle] = w.signIn(handle)
}

func (w *world) signIn(handle string) auth.Actor {
	w.t.Helper()
	a, _, err := w.auth.SignIn(context.Background(), handle+"@example.org", password, "127.0.0.2", "test")
	if err != nil {
		w.t.Fatalf("sign in %s: %v", handle, err)
	}
	return a
}

// member sets handle's membership of the community slug, around the join rules.
func (w *world) member(slug, handle string, role community.Role, status community.MemberStatus) {
	w.t.Helper()
	now := db.Now()
	if _, err := w.d.ExecContext(context.Background(), `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
		SELECT id, $2, $3, $4, $5, $5 FROM communities WHERE slug = $1
		ON CONFLICT (community_id, person_id) DO UPDATE SET role = excluded.role, status = excluded.status`,
		slug, w.as(handle).PersonID, role, status, now); err != nil {
		w.t.Fatalf("set membership: %v", err)
	}
}

// as returns the actor of handle ("visitor" for nobody).
func (w *world) as(handle string) auth.Actor {
	w.t.Helper()
	a, ok := w.people[handle]
	if !ok {
		w.t.Fatalf("no person %q", handle)
	}
	return a
}

// entry publishes an entry written by author in community slug (a draft
// when draft is set) and returns its slug.
func (w *world) entry(author, slug string, in practice.Input, draft bool) string {
	w.t.Helper()
	if in.Kind == "" {
		in.Kind = practice.Lesson
	}
	if in.Summary == "" {
		in.Summary = "A note for the test."
	}
	in.Publish = !draft
	e, err := w.practice.Create(context.Background(), w.as(author), slug, in)
	if err != nil {
		w.t.Fatalf("create entry %q: %v", in.Title, err)
	}
	return e.Slug
}

// comment adds a comment and returns its id.
func (w *world) comment(author, slug, entry, body string) int64 {
	w.t.Helper()
	id, err := w.practice.AddComment(context.Background(), w.as(author), slug, entry, body)
	if err != nil {
		w.t.Fatalf("comment: %v", err)
	}
	return id
}

// search runs q as handle, failing the test on an error.
func (w *world) search(handle string, q search.Query) search.Results {
	w.t.Helper()
	res, err := search.Search(context.Background(), w.d, w.as(handle), q)
	if err != nil {
		w.t.Fatalf("search %+v as %s: %v", q, handle, err)
	}
	return res
}

// titles lists the hits as "title" for entries and "title#comment" for comments.
func titles(res search.Results) []string {
	var out []string
	for _, h := range res.Hits {
		if h.Kind == search.KindComment {
			out = append(out, h.EntryTitle+"#comment")
		} else {
			out = append(out, h.EntryTitle)
		}
	}
	return out
}

// found runs text as handle and returns the hits' titles.
func (w *world) found(handle, text string) []string {
	w.t.Helper()
	return titles(w.search(handle, search.Query{Text: text}))
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func join(list []string) string { return "[" + strings.Join(list, " | ") + "]" }
