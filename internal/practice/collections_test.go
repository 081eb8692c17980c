package practice_test

import (
	"slices"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestCollections: Start here is listed first even while empty and made on
// the first add; stewards order entries; drafts stay out; others may not
// curate.
func TestCollections(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		stew := w.actors["steward"]
		collections := func(role string) []practice.Collection {
			t.Helper()
			v, err := w.env.Communities.Get(w.ctx, w.actors[role], "craft")
			if err != nil {
				t.Fatal(err)
			}
			cs, err := w.svc.Collections(w.ctx, v)
			if err != nil {
				t.Fatal(err)
			}
			return cs
		}
		order := func(c practice.Collection) []string {
			var out []string
			for _, e := range c.Entries {
				out = append(out, e.Slug)
			}
			return out
		}

		if cs := collections("visitor"); len(cs) != 1 || !cs[0].StartHere || cs[0].Slug != practice.StartHereSlug || len(cs[0].Entries) != 0 {
			t.Fatalf("a new community's collections = %+v, want an empty Start here", cs)
		}
		if n := w.count(t, "SELECT COUNT(*) FROM collections"); n != 0 {
			t.Errorf("%d collections stored before any add", n)
		}
		slug, err := w.svc.CreateCollection(w.ctx, stew, "craft", practice.CollectionInput{Title: "Advanced joinery", Description: "For later."})
		if err != nil || slug != "advanced-joinery" {
			t.Fatalf("create collection = %q, %v", slug, err)
		}
		_, err = w.svc.CreateCollection(w.ctx, stew, "craft", practice.CollectionInput{Title: "Advanced joinery"})
		pwWant(t, "a second collection of the same title", err, "invalid")
		if cs := collections("member"); len(cs) != 2 || !cs[0].StartHere || cs[1].Slug != "advanced-joinery" {
			t.Errorf("collections = %+v, want Start here (empty) first", cs)
		}

		a, b, c := w.write(t, "craft", "Alpha", false), w.write(t, "craft", "Bravo", false), w.write(t, "craft", "Charlie", false)
		draft := w.write(t, "craft", "Delta draft", true)
		for _, e := range []practice.Entry{a, b, c, a} { // adding twice keeps one
			if err := w.svc.AddToCollection(w.ctx, stew, "craft", practice.StartHereSlug, e.Slug); err != nil {
				t.Fatalf("add %s: %v", e.Slug, err)
			}
		}
		if n := w.count(t, "SELECT COUNT(*) FROM collections WHERE start_here = $1", true); n != 1 {
			t.Errorf("%d Start here collections stored after the first adds, want 1", n)
		}
		pwWant(t, "steward adds a draft", w.svc.AddToCollection(w.ctx, stew, "craft", practice.StartHereSlug, draft.Slug), "conflict")
		pwWant(t, "steward adds to a collection that does not exist",
			w.svc.AddToCollection(w.ctx, stew, "craft", "nowhere", a.Slug), "not found")
		if got := order(collections("visitor")[0]); !slices.Equal(got, []string{"alpha", "bravo", "charlie"}) {
			t.Fatalf("Start here = %v", got)
		}

		move := func(e practice.Entry, up bool) {
			t.Helper()
			if err := w.svc.MoveInCollection(w.ctx, stew, "craft", practice.StartHereSlug, e.Slug, up); err != nil {
				t.Fatalf("move %s: %v", e.Slug, err)
			}
		}
		move(c, true)  // alpha charlie bravo
		move(a, true)  // already first
		move(a, false) // charlie alpha bravo
		move(b, false) // already last
		if got := order(collections("member")[0]); !slices.Equal(got, []string{"charlie", "alpha", "bravo"}) {
			t.Errorf("after moving: %v, want charlie alpha bravo", got)
		}

		for _, role := range []string{"visitor", "nonmember", "member", "author", "moderator", "admin"} {
			a := w.actors[role]
			pwWant(t, role+" adds", w.svc.AddToCollection(w.ctx, a, "craft", practice.StartHereSlug, b.Slug), "forbidden")
			pwWant(t, role+" moves", w.svc.MoveInCollection(w.ctx, a, "craft", practice.StartHereSlug, b.Slug, true), "forbidden")
			pwWant(t, role+" removes", w.svc.RemoveFromCollection(w.ctx, a, "craft", practice.StartHereSlug, b.Slug), "forbidden")
			_, err := w.svc.CreateCollection(w.ctx, a, "craft", practice.CollectionInput{Title: "By " + role})
			pwWant(t, role+" creates a collection", err, "forbidden")
		}

		// An entry taken back to draft leaves the lists; removing takes it out.
		if err := w.svc.SetMaturity(w.ctx, w.actors["author"], "craft", a.Slug, practice.Draft); err != nil {
			t.Fatal(err)
		}
		if got := order(collections("member")[0]); !slices.Equal(got, []string{"charlie", "bravo"}) {
			t.Errorf("with alpha a draft again: %v, want charlie bravo", got)
		}
		if err := w.svc.RemoveFromCollection(w.ctx, stew, "craft", practice.StartHereSlug, c.Slug); err != nil {
			t.Fatal(err)
		}
		pwWant(t, "moving an entry not in the collection",
			w.svc.MoveInCollection(w.ctx, stew, "craft", practice.StartHereSlug, c.Slug, true), "not found")
		cs := collections("steward")
		if got := order(cs[0]); !slices.Equal(got, []string{"bravo"}) {
			t.Errorf("after removing charlie: %v, want bravo", got)
		}
		if len(cs) != 2 || cs[1].Slug != "advanced-joinery" || len(cs[1].Entries) != 0 {
			t.Errorf("collections = %+v", cs)
		}
	})
}
