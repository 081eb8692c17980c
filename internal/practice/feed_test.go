package practice_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/practice"
)

// libraryFixture is a practice service over d with a steward ("stew") and a
// member ("mem") of the community slug. People are made directly in the
// database: hashing passwords would make every test slow.
type libraryFixture struct {
	d           *db.DB
	communities *community.Service
	svc         *practice.Service
	steward     auth.Actor
	member      auth.Actor
	slug        string
}

// fixtureSite is the public address the fixture's services assume.
const fixtureSite = "https://hearth.example"

func newLibraryFixture(t *testing.T, d *db.DB, slug string, vis community.Visibility) *libraryFixture {
	t.Helper()
	cs := community.NewService(d, nil, fixtureSite, nil)
	f := &libraryFixture{d: d, communities: cs, svc: practice.NewService(d, cs, nil), slug: slug}
	f.steward = fixturePerson(t, d, "stew")
	f.member = fixturePerson(t, d, "mem")
	f.community(t, slug, vis)
	f.join(t, slug, f.member, community.RoleMember)
	return f
}

// fixturePerson adds a verified person "<Handle> Tester" and returns them
// as an actor.
func fixturePerson(t *testing.T, d *db.DB, handle string) auth.Actor {
	t.Helper()
	a := auth.Actor{Handle: handle, Name: strings.ToUpper(handle[:1]) + handle[1:] + " Tester", Verified: true}
	now := db.Now()
	err := d.WithTx(context.Background(), func(tx *db.Tx) error {
		return tx.QueryRowContext(context.Background(), `INSERT INTO people (handle, email, name, password_hash, email_verified_at, created_at)
			VALUES ($1, $2, $3, 'none', $4, $4) RETURNING id`, handle, handle+"@example.org", a.Name, now).Scan(&a.PersonID)
	})
	if err != nil {
		t.Fatalf("add %s: %v", handle, err)
	}
	return a
}

// community creates a community stewarded by the fixture's steward.
func (f *libraryFixture) community(t *testing.T, slug string, vis community.Visibility) {
	t.Helper()
	_, err := f.communities.Create(context.Background(), f.steward, community.Charter{Name: "Community " + slug, Slug: slug,
		Purpose: "We practise " + slug + " together.", Visibility: vis, JoinPolicy: community.Open})
	if err != nil {
		t.Fatalf("create community %s: %v", slug, err)
	}
}

// join makes a an active member of the community slug with role.
func (f *libraryFixture) join(t *testing.T, slug string, a auth.Actor, role community.Role) {
	t.Helper()
	now := db.Now()
	_, err := f.d.ExecContext(context.Background(), `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
		SELECT id, $2, $3, 'active', $4, $4 FROM communities WHERE slug = $1`, slug, a.PersonID, role, now)
	if err != nil {
		t.Fatalf("join %s: %v", slug, err)
	}
}

// write creates an entry as a, failing the test on error.
func (f *libraryFixture) write(t *testing.T, a auth.Actor, in practice.Input) practice.Entry {
	t.Helper()
	if in.Kind == "" {
		in.Kind = practice.Lesson
	}
	if in.Summary == "" {
		in.Summary = "What " + in.Title + " teaches."
	}
	e, err := f.svc.Create(context.Background(), a, f.slug, in)
	if err != nil {
		t.Fatalf("create %q: %v", in.Title, err)
	}
	return e
}

func feedSlugs(list []practice.Entry) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.Slug
	}
	return out
}

func TestFeedListsPublishedEntriesNewestFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newLibraryFixture(t, d, "bakers", community.Public)
		first := f.write(t, f.member, practice.Input{Title: "Proofing in the cold", Body: "Slow is **good**.", Tags: "dough, time", Publish: true})
		second := f.write(t, f.member, practice.Input{Title: "Scoring loaves", Publish: true})
		draft := f.write(t, f.member, practice.Input{Title: "Half-baked idea"})
		third := f.write(t, f.steward, practice.Input{Title: "Steam in the oven", Publish: true})
		// The steward improves the first entry: it is news again, and the
		// steward becomes a contributor.
		in := practice.Input{Kind: practice.Lesson, Title: first.Title, Summary: first.Summary, Body: "Slow is **better**.",
			Tags: "dough, time", BaseRevision: first.Revision}
		if _, err := f.svc.Update(ctx, f.steward, f.slug, first.Slug, in); err != nil {
			t.Fatal(err)
		}

		v, list, err := f.svc.Feed(ctx, f.slug)
		if err != nil {
			t.Fatal(err)
		}
		if v.Slug != f.slug {
			t.Errorf("feed of %q, want %q", v.Slug, f.slug)
		}
		if got, want := feedSlugs(list), []string{first.Slug, third.Slug, second.Slug}; !slices.Equal(got, want) {
			t.Fatalf("feed = %v, want %v (newest change first, no drafts)", got, want)
		}
		top := list[0]
		if top.Body != "Slow is **better**." {
			t.Errorf("body = %q, want the current text", top.Body)
		}
		if !slices.Equal(top.Tags, []string{"dough", "time"}) {
			t.Errorf("tags = %v", top.Tags)
		}
		var roles []string
		for _, p := range top.People {
			roles = append(roles, p.Handle+":"+p.Role+":"+p.Name)
		}
		if want := []string{"mem:author:Mem Tester", "stew:contributor:Stew Tester"}; !slices.Equal(roles, want) {
			t.Errorf("people = %v, want %v", roles, want)
		}
		if top.PublishedAt == nil || top.LastChange().Before(*top.PublishedAt) {
			t.Errorf("published %v, last change %v", top.PublishedAt, top.LastChange())
		}

		// A draft published now comes first, although it was written earlier.
		if err := f.svc.SetMaturity(ctx, f.member, f.slug, draft.Slug, practice.Published); err != nil {
			t.Fatal(err)
		}
		_, list, err = f.svc.Feed(ctx, f.slug)
		if err != nil {
			t.Fatal(err)
		}
		if got := feedSlugs(list); len(got) != 4 || got[0] != draft.Slug {
			t.Errorf("after publishing the draft, feed = %v, want %s first", got, draft.Slug)
		}
	})
}

func TestFeedHoldsTheNewestThirty(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newLibraryFixture(t, d, "many", community.Public)
		var made []string
		for i := range practice.FeedSize + 2 {
			made = append(made, f.write(t, f.member, practice.Input{Title: fmt.Sprintf("Entry number %d", i), Publish: true}).Slug)
		}
		_, list, err := f.svc.Feed(context.Background(), f.slug)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != practice.FeedSize {
			t.Fatalf("feed has %d entries, want %d", len(list), practice.FeedSize)
		}
		slices.Reverse(made)
		if got := feedSlugs(list); !slices.Equal(got, made[:practice.FeedSize]) {
			t.Errorf("feed = %v, want %v", got, made[:practice.FeedSize])
		}
	})
}

func TestFeedOnlyForPublicCommunities(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newLibraryFixture(t, d, "open-one", community.Public)
		for _, vis := range []community.Visibility{community.Institution, community.Private} {
			slug := "closed-" + string(vis)
			f.community(t, slug, vis)
			sf := *f
			sf.slug = slug
			sf.write(t, f.steward, practice.Input{Title: "Secret practice", Publish: true})
			if _, _, err := f.svc.Feed(ctx, slug); errs.KindOf(err) != errs.NotFound {
				t.Errorf("feed of a %s community: error %v, want NotFound", vis, err)
			}
		}
		if _, _, err := f.svc.Feed(ctx, "no-such-community"); errs.KindOf(err) != errs.NotFound {
			t.Errorf("feed of no community: error %v, want NotFound", err)
		}
		if _, list, err := f.svc.Feed(ctx, f.slug); err != nil || len(list) != 0 {
			t.Errorf("empty public library: %d entries, error %v", len(list), err)
		}
	})
}
