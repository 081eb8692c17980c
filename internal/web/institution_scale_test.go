package web_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/bench"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestInstitutionPageAtScale measures the institution's page with 200
// communities against the bare reference page (net/http, the same driver,
// html/template listing 20 entries) in the same run: it should serve at
// least half as many requests a second. It only runs when HEARTH_SCALE is
// set (it loads and counts for a while).
func TestInstitutionPageAtScale(t *testing.T) {
	if os.Getenv("HEARTH_SCALE") == "" {
		t.Skip("set HEARTH_SCALE=1 to measure the institution's page at scale")
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		now := db.Now()
		seq := `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 199) `
		for _, q := range []string{
			`INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at) ` + seq +
				`SELECT 'scale-' || i, 'Scale ' || i, 'public', 'open', 'maturing', 'active', $1, $1 FROM seq`,
			`INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
				SELECT c.id, p.id, 'member', 'active', $1, $1 FROM communities c, people p WHERE c.slug LIKE 'scale-%'`,
			`INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, created_at)
				SELECT p.id, 'entry.published', 'entry', 1, c.id, $1 FROM communities c, people p WHERE c.slug LIKE 'scale-%'`,
			`INSERT INTO entries (community_id, slug, kind, title, summary, maturity, created_at, updated_at)
				SELECT c.id, 'e-' || c.slug, 'lesson', 'Entry of ' || c.name, 'A summary.', 'published', $1, $1 FROM communities c`,
		} {
			w.exec(t, q, now.Add(-time.Hour))
		}
		start := time.Now()
		w.recountAll(t)
		t.Logf("counted 200 communities and the institution in %v", time.Since(start).Round(time.Millisecond))
		ada := w.e.As("ada")
		if few := leastQueries(t, d, ada, "/institution"); few > 8 {
			t.Errorf("the institution's page ran %d queries", few)
		}
		ref := httptest.NewServer(bench.Reference(d))
		defer ref.Close()
		const clients, each = 4, 150
		rate := func(get func() int) float64 {
			start := time.Now()
			var wg sync.WaitGroup
			for range clients {
				wg.Go(func() {
					for range each {
						if s := get(); s != http.StatusOK {
							t.Errorf("status %d", s)
							return
						}
					}
				})
			}
			wg.Wait()
			return clients * each / time.Since(start).Seconds()
		}
		refRate := rate(func() int {
			r, err := http.Get(ref.URL + "/?after=0")
			if err != nil {
				return 0
			}
			r.Body.Close()
			return r.StatusCode
		})
		pageRate := rate(func() int { return getStatus(ada, "/institution") })
		if os.Getenv("HEARTH_SCALE_COMPARE") != "" {
			t.Logf("/help/health %.0f/s, /institution/figures.csv %.0f/s", rate(func() int { return getStatus(ada, "/help/health") }),
				rate(func() int { return getStatus(ada, "/institution/figures.csv") }))
		}
		t.Logf("reference page %.0f requests/s, institution's page (200 communities) %.0f requests/s: %.0f%%", refRate, pageRate, pageRate*100/refRate)
		if pageRate < refRate/2 {
			t.Errorf("the institution's page serves %.0f requests/s, under half the reference's %.0f", pageRate, refRate)
		}
	})
}

// getStatus is the status of GET path by c.
func getStatus(c *apptest.Client, path string) int { return c.Get(path).Status }
