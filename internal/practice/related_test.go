package practice_test

import (
	"slices"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestRelated: an entry suggests the community's published entries sharing
// its tags, those sharing most first, never itself, a draft or another
// community's; and, when it is on Start here, the path with its place.
func TestRelated(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		w.community(t, "other", community.Public)
		author := w.actors["author"]
		tagged := func(slug, title, tags string, draft bool) practice.Entry {
			t.Helper()
			return w.writeAs(t, author, slug, practice.Input{Title: title, Tags: tags, Publish: !draft})
		}
		main := tagged("craft", "Sharpening chisels", "tools, steel, care", false)
		both := tagged("craft", "Honing guides", "tools, steel", false)
		one := tagged("craft", "Tool chests", "tools", false)
		tagged("craft", "Untagged notes", "", false)
		tagged("craft", "A draft on steel", "steel, tools", true)
		tagged("other", "Steel elsewhere", "steel, tools, care", false)
		ev := w.get(t, w.actors["visitor"], "craft", main.Slug)

		names := func(ls []practice.Link) []string {
			var out []string
			for _, l := range ls {
				out = append(out, l.Title)
			}
			return out
		}
		r, err := w.svc.Related(w.ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := names(r.ByTags), []string{both.Title, one.Title}; !slices.Equal(got, want) {
			t.Errorf("related by tags = %q, want %q", got, want)
		}
		if r.Position != 0 || len(r.StartHere) != 0 {
			t.Errorf("an entry not on Start here: %+v", r)
		}

		stew := w.actors["steward"]
		for _, e := range []practice.Entry{one, main} {
			if err := w.svc.AddToCollection(w.ctx, stew, "craft", practice.StartHereSlug, e.Slug); err != nil {
				t.Fatal(err)
			}
		}
		if r, err = w.svc.Related(w.ctx, ev); err != nil {
			t.Fatal(err)
		}
		if got, want := names(r.StartHere), []string{one.Title, main.Title}; !slices.Equal(got, want) || r.Position != 2 {
			t.Errorf("start here = %q at %d, want %q at 2", got, r.Position, want)
		}
		// An entry with no tags suggests none, and is not on the path.
		plain := w.get(t, w.actors["visitor"], "craft", both.Slug)
		plain.Tags = nil
		if r, err = w.svc.Related(w.ctx, plain); err != nil || len(r.ByTags) != 0 || r.Position != 0 || len(r.StartHere) != 0 {
			t.Errorf("untagged, off the path: %+v, %v", r, err)
		}
	})
}

// TestCommentCountOnLists: library cards count the comments readers see.
func TestCommentCountOnLists(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.write(t, "craft", "Glue-ups", false)
		member := w.actors["member"]
		var ids []int64
		for _, body := range []string{"First.", "Second.", "Third."} {
			id, err := w.svc.AddComment(w.ctx, member, "craft", e.Slug, body)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		w.exec(t, "UPDATE posts SET hidden_at = created_at WHERE id = $1", ids[0])
		w.exec(t, "UPDATE posts SET deleted_at = created_at WHERE id = $1", ids[1])
		_, list, _, err := w.svc.List(w.ctx, w.actors["visitor"], "craft", practice.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Comments != 1 {
			t.Errorf("list = %+v, want one entry counting 1 visible comment of 3", list)
		}
		written, err := w.svc.WrittenBy(w.ctx, w.actors["visitor"], w.actors["author"].PersonID)
		if err != nil || len(written) != 1 || written[0].Comments != 1 {
			t.Errorf("written = %+v, %v; want 1 comment counted", written, err)
		}
	})
}
