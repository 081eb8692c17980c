package practice_test

import (
	"strconv"
	"strings"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
	"hearth/internal/revision"
)

// TestUpdateAndRevertMakeRevisions: every save is a revision with its note
// and author; a revert restores the old text as a new revision that names
// the one it restored; the improver becomes a contributor.
func TestUpdateAndRevertMakeRevisions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.writeAs(t, w.actors["author"], "craft", practice.Input{Title: "Oiling oak", Summary: "Which oil, how often.",
			Body: "Use linseed oil twice a year.", Note: "first draft", Publish: true})
		edit := practice.Input{Kind: practice.Practice, Title: "Oiling oak", Summary: "Which oil, how often.",
			Body: "Use tung oil once a year.", Note: "tung lasts longer", BaseRevision: 1}
		saved, err := w.svc.Update(w.ctx, w.actors["member"], "craft", e.Slug, edit)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Revision != 2 || saved.Body != edit.Body {
			t.Errorf("Update returned revision %d body %q", saved.Revision, saved.Body)
		}

		_, revs, more, err := w.svc.History(w.ctx, w.actors["visitor"], "craft", e.Slug, 1)
		if err != nil || more || len(revs) != 2 {
			t.Fatalf("history = %d revisions, more %v (%v), want 2", len(revs), more, err)
		}
		if r := revs[0]; r.Number != 2 || r.Note != "tung lasts longer" || r.AuthorHandle != "mem" || r.IsRevert() {
			t.Errorf("newest revision = %+v", r)
		}
		if r := revs[1]; r.Number != 1 || r.Note != "first draft" || r.AuthorHandle != "auth" {
			t.Errorf("first revision = %+v", r)
		}
		subject := revision.Subject{Type: "entry", ID: e.ID}
		for n, body := range map[int]string{1: "Use linseed oil twice a year.", 2: edit.Body} {
			if r, err := revision.Get(w.ctx, d, subject, n); err != nil || r.Body != body {
				t.Errorf("revision %d body = %q (%v), want %q", n, r.Body, err, body)
			}
		}
		ev := w.get(t, w.actors["visitor"], "craft", e.Slug)
		var roles []string
		for _, p := range ev.People {
			roles = append(roles, p.Handle+":"+p.Role)
		}
		if strings.Join(roles, ",") != "auth:author,mem:contributor" {
			t.Errorf("people = %v, want the author and the member as contributor", roles)
		}

		reverted, err := w.svc.Revert(w.ctx, w.actors["author"], "craft", e.Slug, 1)
		if err != nil {
			t.Fatal(err)
		}
		if reverted.Revision != 3 || reverted.Body != "Use linseed oil twice a year." {
			t.Errorf("Revert returned revision %d body %q", reverted.Revision, reverted.Body)
		}
		r3, err := revision.Get(w.ctx, d, subject, 3)
		if err != nil {
			t.Fatal(err)
		}
		if r3.RevertedFrom != 1 || !r3.IsRevert() || r3.Body != "Use linseed oil twice a year." || r3.Note != "Reverted to revision 1" || r3.AuthorHandle != "auth" {
			t.Errorf("revert revision = %+v", r3)
		}
		if ev := w.get(t, w.actors["visitor"], "craft", e.Slug); ev.Body != r3.Body || ev.Revision != 3 {
			t.Errorf("entry after revert: revision %d body %q", ev.Revision, ev.Body)
		}
		_, err = w.svc.Revert(w.ctx, w.actors["author"], "craft", e.Slug, 3)
		pwWant(t, "revert to the current revision", err, "conflict")
		_, err = w.svc.Revert(w.ctx, w.actors["author"], "craft", e.Slug, 9)
		pwWant(t, "revert to a revision that does not exist", err, "not found")
		if n := w.count(t, "SELECT COUNT(*) FROM revisions WHERE subject_id = $1", e.ID); n != 3 {
			t.Errorf("%d revisions, want 3", n)
		}
	})
}

// TestCompareGivesAWordDiff: a replaced word shows as deleted and inserted,
// the words around it as equal.
func TestCompareGivesAWordDiff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.writeAs(t, w.actors["author"], "craft", practice.Input{Title: "Planing", Summary: "Against the grain.",
			Body: "Plane with the quick stroke, then rest.", Publish: true})
		if _, err := w.svc.Update(w.ctx, w.actors["author"], "craft", e.Slug, practice.Input{Kind: practice.Practice, Title: "Planing",
			Summary: "Against the grain.", Body: "Plane with the slow stroke, then rest.", BaseRevision: 1}); err != nil {
			t.Fatal(err)
		}
		_, from, to, diff, err := w.svc.Compare(w.ctx, w.actors["visitor"], "craft", e.Slug, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if from.Number != 1 || to.Number != 2 {
			t.Errorf("compared %d with %d", from.Number, to.Number)
		}
		if diff.TitleChanged || diff.SummaryChanged || !diff.BodyChanged {
			t.Errorf("changed: title %v summary %v body %v", diff.TitleChanged, diff.SummaryChanged, diff.BodyChanged)
		}
		var del, ins, eq []string
		for _, c := range diff.Body {
			switch c.Op {
			case revision.Delete:
				del = append(del, c.Text)
			case revision.Insert:
				ins = append(ins, c.Text)
			default:
				eq = append(eq, c.Text)
			}
		}
		if strings.Join(del, "|") != "quick" || strings.Join(ins, "|") != "slow" {
			t.Errorf("deleted %q, inserted %q; want quick replaced by slow", del, ins)
		}
		if all := strings.Join(eq, ""); !strings.Contains(all, "Plane with the ") || !strings.Contains(all, " stroke, then rest.") {
			t.Errorf("equal text %q", all)
		}
		for _, bad := range [][2]int{{0, 1}, {1, 3}, {-1, 2}} {
			_, _, _, _, err := w.svc.Compare(w.ctx, w.actors["visitor"], "craft", e.Slug, bad[0], bad[1])
			pwWant(t, "compare "+strconv.Itoa(bad[0])+" with "+strconv.Itoa(bad[1]), err, "not found")
		}
	})
}

// TestHistoryPages: the history lists revisions newest first, a page at a
// time.
func TestHistoryPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.write(t, "craft", "Long history", false)
		total := practice.HistoryPageSize + 5
		for n := 2; n <= total; n++ {
			if _, err := w.svc.Update(w.ctx, w.actors["author"], "craft", e.Slug, practice.Input{Kind: practice.Practice, Title: "Long history",
				Summary: "Edited often.", Body: "Version " + strconv.Itoa(n), Note: "edit " + strconv.Itoa(n), BaseRevision: n - 1}); err != nil {
				t.Fatalf("update %d: %v", n, err)
			}
		}
		_, first, more, err := w.svc.History(w.ctx, w.actors["member"], "craft", e.Slug, 1)
		if err != nil || !more || len(first) != practice.HistoryPageSize {
			t.Fatalf("page 1: %d revisions, more %v (%v)", len(first), more, err)
		}
		if first[0].Number != total || first[len(first)-1].Number != total-practice.HistoryPageSize+1 {
			t.Errorf("page 1 runs from %d to %d", first[0].Number, first[len(first)-1].Number)
		}
		_, second, more, err := w.svc.History(w.ctx, w.actors["member"], "craft", e.Slug, 2)
		if err != nil || more || len(second) != 5 {
			t.Fatalf("page 2: %d revisions, more %v (%v), want 5 and no more", len(second), more, err)
		}
		for i, r := range second {
			if want := 5 - i; r.Number != want {
				t.Errorf("page 2 item %d is revision %d, want %d", i, r.Number, want)
			}
		}
		if _, beyond, more, err := w.svc.History(w.ctx, w.actors["member"], "craft", e.Slug, 3); err != nil || more || len(beyond) != 0 {
			t.Errorf("page 3: %d revisions, more %v (%v), want none", len(beyond), more, err)
		}
	})
}
