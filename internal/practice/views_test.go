package practice_test

import (
	"context"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestViewsAreCountedWhenFlushed: a Get counts a view, kept in memory
// until FlushViews writes them all at once; a reader's repeated views of a
// day count once; history and edit forms do not count.
func TestViewsAreCountedWhenFlushed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.write(t, "craft", "Much read", false)
		other := w.write(t, "craft", "Little read", false)
		views := func(id int64) int {
			t.Helper()
			return w.count(t, "SELECT views FROM entries WHERE id = $1", id)
		}
		if err := w.svc.FlushViews(w.ctx); err != nil {
			t.Fatalf("flush with nothing counted: %v", err)
		}

		for _, role := range []string{"visitor", "member", "member", "steward"} {
			w.get(t, w.actors[role], "craft", e.Slug)
		}
		w.get(t, w.actors["member"], "craft", other.Slug)
		if _, _, _, err := w.svc.History(w.ctx, w.actors["member"], "craft", e.Slug, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.ForEdit(w.ctx, w.actors["author"], "craft", e.Slug); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Get(w.ctx, w.actors["visitor"], "craft", "no-such-entry"); err == nil {
			t.Fatal("read an entry that does not exist")
		}
		if n := views(e.ID); n != 0 {
			t.Errorf("views = %d before flushing, want 0", n)
		}
		if err := w.svc.FlushViews(w.ctx); err != nil {
			t.Fatal(err)
		}
		if n, m := views(e.ID), views(other.ID); n != 3 || m != 1 {
			t.Errorf("views after flushing = %d and %d, want 3 (the member's second view the same day is no new one) and 1", n, m)
		}
		if err := w.svc.FlushViews(w.ctx); err != nil {
			t.Fatal(err)
		}
		if n := views(e.ID); n != 3 {
			t.Errorf("views = %d after flushing twice, want 3 (counted once)", n)
		}
		// Views in another flush by the same readers the same day count nothing more.
		w.get(t, w.actors["member"], "craft", e.Slug)
		w.get(t, w.actors["author"], "craft", e.Slug)
		if err := w.svc.FlushViews(w.ctx); err != nil {
			t.Fatal(err)
		}
		if n := views(e.ID); n != 4 {
			t.Errorf("views = %d, want 4 (only the author's is new today)", n)
		}
		// Visitors the web layer tells apart count apart; a read marked as no new view counts nothing.
		for _, key := range []string{"browser-a", "browser-b", "browser-a", ""} {
			if _, err := w.svc.Get(practice.WithViewer(w.ctx, key), w.actors["visitor"], "craft", e.Slug); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.svc.Get(practice.WithViewer(w.ctx, ""), w.actors["steward"], "craft", other.Slug); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.FlushViews(w.ctx); err != nil {
			t.Fatal(err)
		}
		if n, m := views(e.ID), views(other.ID); n != 6 || m != 1 {
			t.Errorf("views = %d and %d, want 6 (two visitors more) and 1", n, m)
		}
	})
}

// A flush that fails keeps its views for the next one.
func TestViewsOfAFailedFlushAreWrittenByTheNext(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "craft", community.Public)
		e := w.write(t, "craft", "Much read", false)
		for _, role := range []string{"visitor", "member", "steward"} {
			w.get(t, w.actors[role], "craft", e.Slug)
		}
		gone, cancel := context.WithCancel(w.ctx)
		cancel()
		if err := w.svc.FlushViews(gone); err == nil {
			t.Fatal("a flush with an ended context succeeded")
		}
		if n := w.count(t, "SELECT views FROM entries WHERE id = $1", e.ID); n != 0 {
			t.Fatalf("views = %d after a failed flush, want 0 written", n)
		}
		w.get(t, w.actors["author"], "craft", e.Slug)
		if err := w.svc.FlushViews(w.ctx); err != nil {
			t.Fatal(err)
		}
		if n := w.count(t, "SELECT views FROM entries WHERE id = $1", e.ID); n != 4 {
			t.Fatalf("views = %d after the next flush, want 4 (3 kept from the failed flush and 1 since)", n)
		}
	})
}
