package practice_test

import (
	"slices"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// TestFreshness: an entry is stale past its review-by date, or when neither
// edited nor verified for the community's period; drafts never are; the
// Stale filter lists exactly the stale entries, on both engines.
func TestFreshness(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		w.community(t, "fresh", community.Public)
		now := db.Now()
		days := func(n int) any { return now.AddDate(0, 0, n) }
		const pastDate, oldAge = "Its review-by date has passed.", "Nobody has edited or verified it for a long time."
		cases := []struct {
			title                       string
			draft                       bool
			updated, verified, reviewBy any // nil leaves the column as it is
			stale                       bool
			reason                      string
		}{
			{title: "Recently written"},
			{title: "Review date passed", reviewBy: days(-1), stale: true, reason: pastDate},
			{title: "Review date ahead", reviewBy: days(30)},
			{title: "Old and unverified", updated: days(-400), stale: true, reason: oldAge},
			{title: "Old but verified lately", updated: days(-400), verified: days(-10)},
			{title: "Old and verified long ago", updated: days(-400), verified: days(-380), stale: true, reason: oldAge},
			{title: "Old with a date ahead", updated: days(-400), reviewBy: days(30), stale: true, reason: oldAge},
			{title: "Verified but past its date", verified: days(-1), reviewBy: days(-2), stale: true, reason: pastDate},
			{title: "A forgotten draft", draft: true, updated: days(-400), reviewBy: days(-5)},
		}
		var want []string
		for _, c := range cases {
			e := w.write(t, "fresh", c.title, c.draft)
			for col, v := range map[string]any{"updated_at": c.updated, "verified_at": c.verified, "review_by": c.reviewBy} {
				if v != nil {
					w.exec(t, "UPDATE entries SET "+col+" = $1 WHERE id = $2", v, e.ID)
				}
			}
			if c.stale {
				want = append(want, e.Slug)
			}
			ev := w.get(t, w.actors["steward"], "fresh", e.Slug)
			if ev.Stale != c.stale || ev.StaleReason != c.reason {
				t.Errorf("%q: stale %v (%q), want %v (%q)", c.title, ev.Stale, ev.StaleReason, c.stale, c.reason)
			}
		}
		staleList := func(role string) []string {
			t.Helper()
			_, list, _, err := w.svc.List(w.ctx, w.actors[role], "fresh", practice.Filter{Stale: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range list {
				if !e.Stale {
					t.Errorf("%s: the stale list holds %s, not marked stale", role, e.Slug)
				}
				got = append(got, e.Slug)
			}
			slices.Sort(got)
			return got
		}
		slices.Sort(want)
		for _, role := range []string{"steward", "member", "visitor"} {
			if got := staleList(role); !slices.Equal(got, want) {
				t.Errorf("%s: stale list %v, want %v", role, got, want)
			}
		}
		_, all, _, err := w.svc.List(w.ctx, w.actors["steward"], "fresh", practice.Filter{})
		if err != nil || len(all) != len(cases) {
			t.Errorf("the whole library lists %d entries (%v), want %d", len(all), err, len(cases))
		}

		// Verifying takes an entry off the list.
		if err := w.svc.Verify(w.ctx, w.actors["member"], "fresh", "old-and-unverified"); err != nil {
			t.Fatal(err)
		}
		want = slices.DeleteFunc(want, func(s string) bool { return s == "old-and-unverified" })
		if got := staleList("steward"); !slices.Equal(got, want) {
			t.Errorf("after verifying: stale list %v, want %v", got, want)
		}

		// A shorter period makes more entries stale.
		e := w.write(t, "fresh", "Six weeks old", false)
		w.exec(t, "UPDATE entries SET updated_at = $1 WHERE id = $2", days(-42), e.ID)
		if slices.Contains(staleList("steward"), e.Slug) || w.get(t, w.actors["member"], "fresh", e.Slug).Stale {
			t.Error("six weeks old is stale with a period of 365 days")
		}
		w.settings(t, "fresh", "members", "members", "open", 30)
		if !slices.Contains(staleList("steward"), e.Slug) || !w.get(t, w.actors["member"], "fresh", e.Slug).Stale {
			t.Error("six weeks old is not stale with a period of 30 days")
		}
	})
}
