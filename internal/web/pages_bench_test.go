//go:build unix

package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"hearth/internal/app"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/demo"
)

// BenchmarkPages renders the directory and a community's home page in full
// for the signed-in demo member, in-process (the real handler of app.Build
// over the demo institution, without the network), on each engine. Run:
//
//	go test -bench Pages -run '^$' ./internal/web/
//
// (PostgreSQL too when HEARTH_TEST_POSTGRES is set.) The requests run in
// parallel on every core, like a server's. Besides ns/op (wall time, which
// other work on the machine inflates) it reports cpu-ns/op, the CPU time the
// process spent per page view (a 2-core machine serves at most about
// 2e9/cpu-ns/op pages a second), and queries/op.
func BenchmarkPages(b *testing.B) {
	for _, engine := range benchEngines {
		b.Run(engine.name, func(b *testing.B) {
			d := engine.open(b)
			if err := demo.Load(context.Background(), d, io.Discard); err != nil {
				b.Fatalf("load demo: %v", err)
			}
			h, _, err := app.Build(config.Defaults(), d, slog.New(slog.DiscardHandler))
			if err != nil {
				b.Fatalf("build app: %v", err)
			}
			cookie := signIn(b, h, "daniel.reyes@northfield.example", demo.Password)
			for _, page := range []struct{ name, path string }{
				{"directory", "/communities"},
				{"community", "/c/simulation-in-nursing-education"},
			} {
				b.Run(page.name, func(b *testing.B) {
					benchPage(b, d, h, page.path, cookie, "Daniel Reyes")
				})
			}
		})
	}
}

// benchEngines are the engines a page benchmark runs on (PostgreSQL when
// HEARTH_TEST_POSTGRES is set).
var benchEngines = []struct {
	name string
	open func(testing.TB) *db.DB
}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}}

// benchPage renders path through h (as the holder of cookie, or a visitor
// when nil) in parallel on every core, after checking once that the page
// answers 200 and holds want; it reports cpu-ns/op and queries/op.
func benchPage(b *testing.B, d *db.DB, h http.Handler, path string, cookie *http.Cookie, want string) {
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if cookie != nil {
			req.AddCookie(cookie)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := get(); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
		b.Fatalf("GET %s = %d, without %q:\n%s", path, rec.Code, want, rec.Body)
	}
	before, cpuBefore := d.QueryCount(), cpuTime(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if rec := get(); rec.Code != http.StatusOK {
				b.Errorf("GET %s = %d", path, rec.Code)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(cpuTime(b)-cpuBefore)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(d.QueryCount()-before)/float64(b.N), "queries/op")
}

// signIn signs in through the real form and returns the session cookie.
func signIn(b *testing.B, h http.Handler, email, password string) *http.Cookie {
	b.Helper()
	form := url.Values{"email": {email}, "password": {password}}
	req := httptest.NewRequest(http.MethodPost, "/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if strings.HasSuffix(c.Name, "hearth_session") && c.Value != "" {
			return c
		}
	}
	b.Fatalf("sign in as %s: status %d, no session cookie\n%s", email, rec.Code, rec.Body)
	return nil
}

// cpuTime is the CPU time (user and system) the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
