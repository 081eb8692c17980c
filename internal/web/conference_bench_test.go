//go:build unix

package web_test

import (
	"net/http"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// BenchmarkConferencePages serves a conference of 3,000 attendees and 40
// sessions over the test server, with the community's home page for
// comparison, on each engine. Run:
//
//	go test -bench ConferencePages -run '^$' ./internal/web/
//
// It reports cpu-ns/op (the CPU the process spent per page, client
// included) and queries/op beside the wall time.
func BenchmarkConferencePages(b *testing.B) {
	engines := []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}}
	for _, engine := range engines {
		b.Run(engine.name, func(b *testing.B) {
			d := engine.open(b)
			f := smallConference(b, d)
			f.grow(b)
			for _, page := range []struct{ name, who, path string }{
				{"community", "mia", "/c/eng"},
				{"gathering", "mia", f.g},
				{"programme", "mia", f.g + "/programme"},
				{"attendees", "mia", f.g + "/attendees"},
				{"checkin-search", "sam", f.g + "/checkin?q=attendee+12"},
				{"schedule", "mia", f.g + "/schedule"},
			} {
				b.Run(page.name, func(b *testing.B) {
					c := f.e.As(page.who)
					if res := c.Get(page.path); res.Status != http.StatusOK {
						b.Fatalf("GET %s = %d", page.path, res.Status)
					}
					before, cpuBefore := d.QueryCount(), cpuTime(b)
					b.ResetTimer()
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if res := c.Get(page.path); res.Status != http.StatusOK {
								b.Errorf("GET %s = %d", page.path, res.Status)
								return
							}
						}
					})
					b.StopTimer()
					b.ReportMetric(float64(cpuTime(b)-cpuBefore)/float64(b.N), "cpu-ns/op")
					b.ReportMetric(float64(d.QueryCount()-before)/float64(b.N), "queries/op")
				})
			}
		})
	}
}
