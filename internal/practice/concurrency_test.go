package practice_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// Entries of one title saved at the same moment each get a slug of their own
// (on PostgreSQL they interleave: the unique slug is guarded by a constraint
// and a retry, never a 500).
func TestSimultaneousEntriesWithOneTitleGetUniqueSlugs(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "bakers", community.Public)
		const n = 12
		slugs := make([]string, n)
		got := dbtest.Together(n, func(i int) error {
			e, err := w.svc.Create(w.ctx, w.actors["author"], "bakers", practice.Input{Kind: practice.Practice,
				Title: "Proofing dough", Summary: "How long to wait.", Publish: true})
			slugs[i] = e.Slug
			return err
		})
		seen := map[string]bool{}
		for i, err := range got {
			if err != nil {
				t.Errorf("create %d: %v", i, err)
				continue
			}
			if seen[slugs[i]] {
				t.Errorf("slug %q given twice", slugs[i])
			}
			seen[slugs[i]] = true
		}
		if n := w.count(t, "SELECT COUNT(*) FROM entries WHERE title = 'Proofing dough'"); n != len(seen) || !seen["proofing-dough"] {
			t.Fatalf("%d entries saved with slugs %v", n, seen)
		}
	})
}
