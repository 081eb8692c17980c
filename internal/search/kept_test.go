package search_test

import (
	"context"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
	"hearth/internal/search"
)

// TestKeptRankings: a query asked again in the same scope is not ranked
// again; a write to the index, another reader's scope or a deeper page is;
// and what is shown is still checked against the live tables.
func TestKeptRankings(t *testing.T) {
	search.KeepResults(time.Minute)
	t.Cleanup(func() { search.KeepResults(0) })
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		w.entry("mia", "bread", practice.Input{Title: "Sorrel soup"}, false)
		w.entry("mia", "vault", practice.Input{Title: "Sorrel secret"}, false)

		queries := func(handle string) int64 {
			before := d.QueryCount()
			w.found(handle, "sorrel")
			return d.QueryCount() - before
		}
		first, again := queries("visitor"), queries("visitor")
		if again >= first {
			t.Errorf("asked again, the search ran %d statements, as many as the first time (%d)", again, first)
		}
		// Another scope is ranked on its own: the member finds the vault.
		if got := sorted(w.found("mia", "sorrel")); join(got) != "[Sorrel secret | Sorrel soup]" {
			t.Errorf("the member found %s", join(got))
		}
		if got := w.found("visitor", "sorrel"); join(got) != "[Sorrel soup]" {
			t.Errorf("the visitor found %s", join(got))
		}
		// A write to the index is seen at once.
		w.entry("sam", "bread", practice.Input{Title: "Sorrel pesto"}, false)
		if got := sorted(w.found("visitor", "sorrel")); join(got) != "[Sorrel pesto | Sorrel soup]" {
			t.Errorf("after a new entry the visitor found %s", join(got))
		}
		// A change the index did not see (here made in SQL) is still checked
		// live: the kept ranking holds the entry, the page does not show it.
		if _, err := d.ExecContext(ctx, "UPDATE entries SET maturity = 'draft' WHERE title = 'Sorrel pesto'"); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "sorrel"); join(got) != "[Sorrel soup]" {
			t.Errorf("a kept ranking showed a draft: %s", join(got))
		}
		// A deeper page is ranked again, not cut from a shallower one.
		if res := w.search("visitor", search.Query{Text: "sorrel", Page: 2}); len(res.Hits) != 0 {
			t.Errorf("page 2 = %d hits", len(res.Hits))
		}
	})
}
