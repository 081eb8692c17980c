package practice_test

import (
	"reflect"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// fieldsOf returns an entry's fields besides its text, as a revision keeps them.
func fieldsOf(ev practice.EntryView) []any {
	review := ""
	if ev.ReviewBy != nil {
		review = ev.ReviewBy.Format("2006-01-02")
	}
	return []any{ev.Kind, ev.Tags, ev.ResourceURL, ev.Source, review}
}

// A revision keeps every field of the entry form: a change of kind or tags
// alone shows in the diff, and a revert restores them all.
func TestRevisionsKeepEveryFieldOfTheEntry(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		first := practice.Input{Kind: practice.Resource, Title: "Oak oils", Summary: "Which oil, how often.",
			Body: "Linseed twice a year.", Tags: "oak, oil", ResourceURL: "https://example.org/oils",
			Source: "The spring gathering", ReviewBy: "2030-03-01", Publish: true}
		e := w.writeAs(t, w.actors["author"], "craft", first)
		before := fieldsOf(w.get(t, w.actors["author"], "craft", e.Slug))

		second := first
		second.Kind, second.Tags, second.ResourceURL, second.Source, second.ReviewBy = practice.Lesson, "oak, finish", "", "", ""
		second.BaseRevision, second.Publish = 1, false
		if _, err := w.svc.Update(w.ctx, w.actors["author"], "craft", e.Slug, second); err != nil {
			t.Fatal(err)
		}
		_, _, _, diff, err := w.svc.Compare(w.ctx, w.actors["visitor"], "craft", e.Slug, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, f := range diff.Fields {
			labels = append(labels, f.Label)
		}
		want := []string{"Kind", "Tags", "Link", "Where it came from", "Review by"}
		if !diff.Changed() || diff.BodyChanged || !reflect.DeepEqual(labels, want) {
			t.Fatalf("diff of a change of fields only: changed %v, body %v, fields %v; want %v", diff.Changed(), diff.BodyChanged, labels, want)
		}
		if got := diff.Fields[0].Chunks; len(got) != 2 || got[0].Text != "Resource" || got[1].Text != "Lesson learned" {
			t.Errorf("kind diff = %q, want Resource → Lesson learned", got)
		}

		if _, err := w.svc.Revert(w.ctx, w.actors["author"], "craft", e.Slug, 1); err != nil {
			t.Fatal(err)
		}
		if got := fieldsOf(w.get(t, w.actors["author"], "craft", e.Slug)); !reflect.DeepEqual(got, before) {
			t.Fatalf("after reverting to revision 1 the fields are %v, want %v", got, before)
		}
		// The revert's own revision keeps them too: nothing differs from revision 1.
		if _, _, _, diff, _ := w.svc.Compare(w.ctx, w.actors["visitor"], "craft", e.Slug, 1, 3); diff.Changed() {
			t.Errorf("revision 3 (the revert) differs from revision 1: %+v", diff)
		}
	})
}

// Revisions saved before fields were kept still show, and restore their text
// while the entry keeps its fields.
func TestRevisionsWithoutFieldsStillShowAndRestoreTheirText(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		in := practice.Input{Kind: practice.Story, Title: "Old entry", Summary: "From before.", Body: "The old text.", Tags: "old", Publish: true}
		e := w.writeAs(t, w.actors["author"], "craft", in)
		in.Body, in.Tags, in.Kind, in.BaseRevision = "The new text.", "new", practice.Lesson, 1
		if _, err := w.svc.Update(w.ctx, w.actors["author"], "craft", e.Slug, in); err != nil {
			t.Fatal(err)
		}
		w.exec(t, "UPDATE revisions SET fields = NULL WHERE subject_id = $1 AND number = 1", e.ID)
		_, _, _, diff, err := w.svc.Compare(w.ctx, w.actors["visitor"], "craft", e.Slug, 1, 2)
		if err != nil || !diff.BodyChanged || len(diff.Fields) != 0 {
			t.Fatalf("diff with an old revision: body %v, fields %+v (%v); want the text only", diff.BodyChanged, diff.Fields, err)
		}
		if _, err := w.svc.Revert(w.ctx, w.actors["author"], "craft", e.Slug, 1); err != nil {
			t.Fatal(err)
		}
		ev := w.get(t, w.actors["author"], "craft", e.Slug)
		if ev.Body != "The old text." || ev.Kind != practice.Lesson || !reflect.DeepEqual(ev.Tags, []string{"new"}) {
			t.Fatalf("after reverting to an old revision: body %q, kind %s, tags %v; want the old text and the current fields", ev.Body, ev.Kind, ev.Tags)
		}
	})
}
