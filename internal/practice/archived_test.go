package practice_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestArchivedLibraryIsReadOnly: an archived community's library stays
// readable, and every change to it is refused as Forbidden, whoever asks.
func TestArchivedLibraryIsReadOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "old", community.Public)
		pub := w.write(t, "old", "Kept for the record", false)
		draft := w.write(t, "old", "Never finished", true)
		commentID, err := w.svc.AddComment(w.ctx, w.actors["member"], "old", pub.Slug, "Still useful.")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.AddToCollection(w.ctx, w.actors["steward"], "old", practice.StartHereSlug, pub.Slug); err != nil {
			t.Fatal(err)
		}
		if err := w.env.Communities.SetArchived(w.ctx, w.actors["steward"], "old", true); err != nil {
			t.Fatal(err)
		}
		stew, mod, author, member := w.actors["steward"], w.actors["moderator"], w.actors["author"], w.actors["member"]

		for _, role := range []string{"visitor", "member", "steward"} {
			ev, err := w.svc.Get(w.ctx, w.actors[role], "old", pub.Slug)
			pwWant(t, role+" reads", err, "ok")
			if err == nil && ev.CanEdit() {
				t.Errorf("%s may edit an archived entry", role)
			}
			_, list, _, err := w.svc.List(w.ctx, w.actors[role], "old", practice.Filter{})
			if err != nil || len(list) == 0 {
				t.Errorf("%s lists %d entries (%v), want the library", role, len(list), err)
			}
		}

		in := practice.Input{Kind: practice.Story, Title: "Late addition", Summary: "Too late.", Body: "x", BaseRevision: 1}
		_, err = w.svc.Create(w.ctx, stew, "old", in)
		pwWant(t, "steward creates", err, "forbidden")
		_, err = w.svc.ForEdit(w.ctx, author, "old", pub.Slug)
		pwWant(t, "author opens the edit form", err, "forbidden")
		_, err = w.svc.Update(w.ctx, author, "old", pub.Slug, in)
		pwWant(t, "author updates", err, "forbidden")
		_, err = w.svc.Revert(w.ctx, stew, "old", pub.Slug, 1)
		pwWant(t, "steward reverts", err, "forbidden")
		pwWant(t, "author publishes the draft", w.svc.SetMaturity(w.ctx, author, "old", draft.Slug, practice.Published), "forbidden")
		pwWant(t, "author takes back to draft", w.svc.SetMaturity(w.ctx, author, "old", pub.Slug, practice.Draft), "forbidden")
		pwWant(t, "member reviews", w.svc.SetMaturity(w.ctx, member, "old", pub.Slug, practice.Reviewed), "forbidden")
		pwWant(t, "steward endorses", w.svc.SetMaturity(w.ctx, stew, "old", pub.Slug, practice.Endorsed), "forbidden")
		pwWant(t, "member verifies", w.svc.Verify(w.ctx, member, "old", pub.Slug), "forbidden")
		_, err = w.svc.AddComment(w.ctx, member, "old", pub.Slug, "Another one.")
		pwWant(t, "member comments", err, "forbidden")
		pwWant(t, "member edits own comment", w.svc.EditComment(w.ctx, member, "old", pub.Slug, commentID, "Changed."), "forbidden")
		pwWant(t, "member deletes own comment", w.svc.DeleteComment(w.ctx, member, "old", pub.Slug, commentID), "forbidden")
		pwWant(t, "moderator hides a comment", w.svc.SetCommentHidden(w.ctx, mod, "old", pub.Slug, commentID, true), "forbidden")
		pwWant(t, "author closes comments", w.svc.SetCommentsOpen(w.ctx, author, "old", pub.Slug, false), "forbidden")
		pwWant(t, "member marks helpful", w.svc.MarkHelpful(w.ctx, member, "old", pub.Slug, true), "forbidden")
		pwWant(t, "steward adds to a collection", w.svc.AddToCollection(w.ctx, stew, "old", practice.StartHereSlug, pub.Slug), "forbidden")
		pwWant(t, "steward moves in a collection", w.svc.MoveInCollection(w.ctx, stew, "old", practice.StartHereSlug, pub.Slug, false), "forbidden")
		pwWant(t, "steward removes from a collection", w.svc.RemoveFromCollection(w.ctx, stew, "old", practice.StartHereSlug, pub.Slug), "forbidden")
		_, err = w.svc.CreateCollection(w.ctx, stew, "old", practice.CollectionInput{Title: "Late reading"})
		pwWant(t, "steward creates a collection", err, "forbidden")

		for query, want := range map[string]int{
			"SELECT COUNT(*) FROM entries e JOIN communities c ON c.id = e.community_id WHERE c.slug = 'old'": 2,
			"SELECT COUNT(*) FROM revisions WHERE subject_type = 'entry'":                                     2,
			"SELECT COUNT(*) FROM posts WHERE body = 'Still useful.' AND hidden_at IS NULL":                   1,
			"SELECT COUNT(*) FROM entry_helpful":                                                              0,
			"SELECT COUNT(*) FROM collection_entries":                                                         1,
			"SELECT COUNT(*) FROM collections":                                                                1,
			"SELECT COUNT(*) FROM entries WHERE maturity = 'published' AND verified_at IS NULL":               1,
		} {
			if got := w.count(t, query); got != want {
				t.Errorf("%s = %d, want %d: something changed in an archived community", query, got, want)
			}
		}
	})
}
