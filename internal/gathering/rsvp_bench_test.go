package gathering_test

import (
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/gathering"
)

// BenchmarkRSVPRace measures the waitlist race of issue 11: 200 members
// answer "going" at once for 10 places, on each engine; each round is a new
// gathering. It reports RSVPs a second (answers taken, places and waitlist
// positions decided under the date's row lock) and checks every round gives
// exactly 10 places. Run:
//
//	HEARTH_TEST_POSTGRES=... go test -bench RSVPRace -run '^$' -benchtime 5x ./internal/gathering/
func BenchmarkRSVPRace(b *testing.B) {
	engines := []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}}
	for _, engine := range engines {
		b.Run(engine.name, func(b *testing.B) {
			w := newWorld(b, engine.open(b))
			w.community(b, "bread", community.Public)
			people := w.members(b, "bread", 200)
			in := w.input(10)
			in.Capacity = "10"
			var answers int
			var took time.Duration
			for b.Loop() {
				b.StopTimer()
				g := w.schedule(b, "bread", in)
				occ := w.occurrences(b, g)[0]
				b.StartTimer()
				start := time.Now()
				errs := dbtest.Together(len(people), func(i int) error {
					_, err := w.svc.Answer(w.ctx, people[i], "bread", g.ID, occ.ID, gathering.Going)
					return err
				})
				took += time.Since(start)
				b.StopTimer()
				for _, err := range errs {
					if err != nil {
						b.Fatal(err)
					}
				}
				if o := w.occurrences(b, g)[0]; o.Going != 10 || o.Waiting != 190 {
					b.Fatalf("%d going and %d waiting, want 10 and 190", o.Going, o.Waiting)
				}
				answers += len(people)
				b.StartTimer()
			}
			b.ReportMetric(float64(answers)/took.Seconds(), "rsvps/s")
		})
	}
}
