package search_test

import (
	"context"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestScopeFollowsMaturity: an entry's stored scope (its draft flag) and its
// comments' follow its maturity, so the comments of an entry taken back to
// draft are hidden from outsiders, and found again once it is republished.
func TestScopeFollowsMaturity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		slug := w.entry("mia", "bread", practice.Input{Title: "Quince notes"}, false)
		w.comment("sam", "bread", slug, "A quince comment.")
		both := "[Quince notes | Quince notes#comment]"
		if got := sorted(w.found("oli", "quince")); join(got) != both {
			t.Fatalf("an outsider found %s, want %s", join(got), both)
		}
		if err := w.practice.SetMaturity(ctx, w.as("mia"), "bread", slug, practice.Draft); err != nil {
			t.Fatal(err)
		}
		var flagged int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM search_docs WHERE draft").Scan(&flagged); err != nil {
			t.Fatal(err)
		}
		if flagged != 2 {
			t.Errorf("%d documents flagged as drafts, want the entry and its comment", flagged)
		}
		if got := w.found("oli", "quince"); len(got) != 0 {
			t.Errorf("an outsider found a draft: %s", join(got))
		}
		if got := sorted(w.found("mia", "quince")); join(got) != both {
			t.Errorf("the author found %s, want %s", join(got), both)
		}
		if err := w.practice.SetMaturity(ctx, w.as("mia"), "bread", slug, practice.Published); err != nil {
			t.Fatal(err)
		}
		if got := sorted(w.found("oli", "quince")); join(got) != both {
			t.Errorf("after publishing again, an outsider found %s, want %s", join(got), both)
		}
	})
}

// TestStaleScopeNeverLeaks: should a document's stored scope be wrong (a
// write that did not update it), the page is checked against the live
// tables, so a draft is still hidden from outsiders.
func TestStaleScopeNeverLeaks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.entry("mia", "bread", practice.Input{Title: "Medlar secret"}, true)
		w.entry("mia", "bread", practice.Input{Title: "Medlar public"}, false)
		if _, err := d.ExecContext(context.Background(), "UPDATE search_docs SET draft = FALSE"); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"visitor", "oli"} {
			if got := w.found(who, "medlar"); join(got) != "[Medlar public]" {
				t.Errorf("%s found %s, want only the published entry", who, join(got))
			}
		}
	})
}
