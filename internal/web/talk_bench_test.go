//go:build unix

package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"hearth/internal/app"
	"hearth/internal/benchdata"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// BenchmarkTalkPages renders a thread's page (500 replies, the newest 50
// shown) and the talk list (5,000 threads) in full through the real handler
// of app.Build, in parallel on every core, for a visitor (as `hearth bench`
// reads them) and for a signed-in member; on SQLite, and on PostgreSQL when
// HEARTH_TEST_POSTGRES is set. It reports cpu-ns/op and queries/op (see
// BenchmarkPages). Run:
//
//	GOGC=400 go test -run '^$' -bench TalkPages ./internal/web/
func BenchmarkTalkPages(b *testing.B) {
	engines := []struct {
		name string
		open func(testing.TB) *db.DB
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}}
	for _, engine := range engines {
		b.Run(engine.name, func(b *testing.B) {
			d := engine.open(b)
			ctx := context.Background()
			if err := benchdata.LoadRows(ctx, d, 200, 200); err != nil {
				b.Fatal(err)
			}
			if err := benchdata.LoadTalk(ctx, d, 5000, 500, nil); err != nil {
				b.Fatal(err)
			}
			h, _, err := app.Build(config.Defaults(), d, slog.New(slog.DiscardHandler))
			if err != nil {
				b.Fatalf("build app: %v", err)
			}
			member := benchSession(b, d, benchdata.Reader)
			talk := "/c/" + benchdata.CommunitySlug(benchdata.ReaderPublic) + "/talk"
			for _, page := range []struct {
				name, path string
				cookie     *http.Cookie
			}{
				{"thread/visitor", fmt.Sprintf("%s/%d", talk, benchdata.BigThread), nil},
				{"thread/member", fmt.Sprintf("%s/%d", talk, benchdata.BigThread), member},
				{"list/visitor", talk, nil},
			} {
				b.Run(page.name, func(b *testing.B) {
					get := func() *httptest.ResponseRecorder {
						req := httptest.NewRequest(http.MethodGet, page.path, nil)
						if page.cookie != nil {
							req.AddCookie(page.cookie)
						}
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, req)
						return rec
					}
					if rec := get(); rec.Code != http.StatusOK {
						b.Fatalf("GET %s = %d\n%s", page.path, rec.Code, rec.Body)
					}
					before, cpuBefore := d.QueryCount(), cpuTime(b)
					b.ReportAllocs()
					b.ResetTimer()
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if rec := get(); rec.Code != http.StatusOK {
								b.Errorf("GET %s = %d", page.path, rec.Code)
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
