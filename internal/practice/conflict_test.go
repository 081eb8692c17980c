package practice_test

import (
	"errors"
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
	"hearth/internal/revision"
)

// TestEditConflictSavesNothing: two people improve an entry from the same
// revision; the second is told of the conflict with both texts, and nothing
// of theirs is saved until they save again from the new revision.
func TestEditConflictSavesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.writeAs(t, w.actors["author"], "craft", practice.Input{Title: "Sharpening", Summary: "Stones and angles.",
			Body: "Start at 25 degrees.", Publish: true})
		for _, role := range []string{"author", "member"} {
			if ev, err := w.svc.ForEdit(w.ctx, w.actors[role], "craft", e.Slug); err != nil || ev.Revision != 1 {
				t.Fatalf("%s opens the edit form at revision %d (%v)", role, ev.Revision, err)
			}
		}
		first := practice.Input{Kind: practice.Practice, Title: "Sharpening", Summary: "Stones and angles.",
			Body: "Start at 30 degrees.", Note: "steeper", BaseRevision: 1}
		if _, err := w.svc.Update(w.ctx, w.actors["author"], "craft", e.Slug, first); err != nil {
			t.Fatal(err)
		}
		second := practice.Input{Kind: practice.Practice, Title: "Sharpening stones", Summary: "Which stone, which angle.",
			Body: "Start at 20 degrees, with a strop.", Tags: "edges", Note: "mine", BaseRevision: 1}
		_, err := w.svc.Update(w.ctx, w.actors["member"], "craft", e.Slug, second)
		c, ok := practice.AsConflict(err)
		if !ok {
			t.Fatalf("second save from revision 1: %v, want an *EditConflict", err)
		}
		if c.Current.Revision != 2 || c.Current.Body != first.Body || c.Current.Title != "Sharpening" {
			t.Errorf("conflict's current = revision %d %q %q, want the first editor's", c.Current.Revision, c.Current.Title, c.Current.Body)
		}
		if c.Theirs.Body != second.Body || c.Theirs.Title != second.Title || c.Theirs.Summary != second.Summary || c.Theirs.Tags != "edges" {
			t.Errorf("conflict's theirs = %+v, want the second editor's input", c.Theirs)
		}

		if n := w.count(t, "SELECT COUNT(*) FROM revisions WHERE subject_id = $1", e.ID); n != 2 {
			t.Errorf("%d revisions after the conflict, want 2", n)
		}
		ev := w.get(t, w.actors["visitor"], "craft", e.Slug)
		if ev.Revision != 2 || ev.Body != first.Body || ev.Title != "Sharpening" || len(ev.Tags) != 0 || len(ev.People) != 1 {
			t.Errorf("after the conflict the entry is revision %d %q %q tags %v people %v", ev.Revision, ev.Title, ev.Body, ev.Tags, ev.People)
		}

		second.BaseRevision = c.Current.Revision
		saved, err := w.svc.Update(w.ctx, w.actors["member"], "craft", e.Slug, second)
		if err != nil {
			t.Fatalf("saving again from revision 2: %v", err)
		}
		if saved.Revision != 3 || w.get(t, w.actors["visitor"], "craft", e.Slug).Body != second.Body {
			t.Errorf("saved again as revision %d", saved.Revision)
		}
		_, err = w.svc.Update(w.ctx, w.actors["author"], "craft", e.Slug, practice.Input{Kind: practice.Practice,
			Title: "Sharpening", Summary: "x", Body: "y"})
		if _, ok := practice.AsConflict(err); !ok {
			t.Errorf("a save without a base revision: %v, want a conflict", err)
		}
	})
}

// pwRaceSave commits, as another editor, revision next of entry e with body
// theirs, while op runs: on PostgreSQL it holds that transaction open until
// op waits on the entry's row lock; SQLite has one writer, so op waits for
// the transaction. It returns op's error.
func pwRaceSave(t *testing.T, w *pworld, e practice.Entry, next int, theirs string, op func() error) error {
	t.Helper()
	d := w.db
	done := make(chan error, 1)
	err := d.WithTx(w.ctx, func(tx *db.Tx) error {
		now := db.Now()
		if _, err := tx.ExecContext(w.ctx, "UPDATE entries SET body = $1, revision = $2, updated_at = $3 WHERE id = $4",
			theirs, next, now, e.ID); err != nil {
			return err
		}
		if _, err := revision.Record(w.ctx, tx, revision.Subject{Type: "entry", ID: e.ID},
			revision.Snapshot{Title: e.Title, Summary: e.Summary, Body: theirs}, w.actors["steward"].PersonID, "theirs", 0, now); err != nil {
			return err
		}
		var xid string
		if d.Dialect == db.Postgres {
			if err := tx.QueryRowContext(w.ctx, "SELECT backend_xid::text FROM pg_stat_activity WHERE pid = pg_backend_pid()").Scan(&xid); err != nil {
				return err
			}
		}
		go func() { done <- op() }()
		if d.Dialect != db.Postgres {
			return nil
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			var waiting int
			if err := d.QueryRowContext(w.ctx, `SELECT COUNT(*) FROM pg_locks WHERE locktype = 'transactionid'
				AND NOT granted AND transactionid::text = $1`, xid).Scan(&waiting); err != nil {
				return err
			}
			if waiting > 0 {
				return nil // op read the entry before this save and waits on its row: commit now
			}
			select {
			case err := <-done:
				done <- err
				return errors.New("the concurrent save finished without waiting on the entry's row")
			default:
			}
			if time.Now().After(deadline) {
				return errors.New("the concurrent save never waited on the entry's row")
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return <-done
}

// TestConcurrentSaveFromTheSameBase: a save (or revert) that read revision
// N while another editor's revision N+1 was being committed must end in a
// conflict that saves nothing, never in a revision the entry does not show.
func TestConcurrentSaveFromTheSameBase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		const theirs = "Theirs: hone on a fine stone."
		check := func(e practice.Entry, revisions int) {
			t.Helper()
			ev := w.get(t, w.actors["visitor"], "craft", e.Slug)
			if n := w.count(t, "SELECT COUNT(*) FROM revisions WHERE subject_id = $1", e.ID); n != revisions || ev.Revision != revisions {
				t.Errorf("%d revisions, entry at revision %d; want %d and %d", n, ev.Revision, revisions, revisions)
			}
			if ev.Body != theirs || len(ev.People) != 1 {
				t.Errorf("entry body %q, people %v: the conflicting save changed it", ev.Body, ev.People)
			}
		}

		e := w.writeAs(t, w.actors["author"], "craft", practice.Input{Title: "Honing", Summary: "After sharpening.",
			Body: "Hone lightly.", Publish: true})
		mine := practice.Input{Kind: practice.Practice, Title: "Honing", Summary: "After sharpening.",
			Body: "Mine: hone with leather.", BaseRevision: 1}
		err := pwRaceSave(t, w, e, 2, theirs, func() error {
			_, err := w.svc.Update(w.ctx, w.actors["member"], "craft", e.Slug, mine)
			return err
		})
		c, ok := practice.AsConflict(err)
		if !ok {
			t.Fatalf("the concurrent save: %v, want an *EditConflict", err)
		}
		if c.Current.Revision != 2 || c.Current.Body != theirs || c.Theirs.Body != mine.Body {
			t.Errorf("conflict: current revision %d %q, theirs %q", c.Current.Revision, c.Current.Body, c.Theirs.Body)
		}
		check(e, 2)

		e = w.writeAs(t, w.actors["author"], "craft", practice.Input{Title: "Stropping", Summary: "The last step.",
			Body: "Strop ten times.", Publish: true})
		if _, err := w.svc.Update(w.ctx, w.actors["author"], "craft", e.Slug, practice.Input{Kind: practice.Practice,
			Title: "Stropping", Summary: "The last step.", Body: "Strop twenty times.", BaseRevision: 1}); err != nil {
			t.Fatal(err)
		}
		err = pwRaceSave(t, w, e, 3, theirs, func() error {
			_, err := w.svc.Revert(w.ctx, w.actors["member"], "craft", e.Slug, 1)
			return err
		})
		if d.Dialect == db.Postgres {
			// It read revision 2 and would number its revision from there.
			pwWant(t, "the concurrent revert", err, "conflict")
			check(e, 3)
			return
		}
		// SQLite ran it after the other save: a revert has no base, so it
		// restores revision 1 over revision 3, consistently.
		pwWant(t, "the revert after the other save", err, "ok")
		ev := w.get(t, w.actors["visitor"], "craft", e.Slug)
		if n := w.count(t, "SELECT COUNT(*) FROM revisions WHERE subject_id = $1", e.ID); n != 4 || ev.Revision != 4 || ev.Body != "Strop ten times." {
			t.Errorf("%d revisions, entry at revision %d with %q; want 4, 4 and revision 1's text", n, ev.Revision, ev.Body)
		}
	})
}
