package stewardship_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"

	"hearth/internal/app"
	"hearth/internal/auth"
	"hearth/internal/bench"
	"hearth/internal/bench/benchtest"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/instance"
	"hearth/internal/ratelimit"
)

// healthQueries is how many queries the steward's health page costs in the
// service (the summary tables only, whatever the community's size).
func healthQueries(t *testing.T, w *world) int64 {
	t.Helper()
	q0 := w.d.QueryCount()
	if _, err := w.s.Health(context.Background(), w.actors["sam"], "bread", 90); err != nil {
		t.Fatal(err)
	}
	return w.d.QueryCount() - q0
}

// healthNowQueries is how many queries the page reads on each request
// once its figures are drawn for the run (HealthNow).
func healthNowQueries(t *testing.T, w *world) int64 {
	t.Helper()
	q0 := w.d.QueryCount()
	if _, err := w.s.HealthNow(context.Background(), w.actors["sam"], "bread", 90); err != nil {
		t.Fatal(err)
	}
	return w.d.QueryCount() - q0
}

// measureHealthPage serves /c/bread/health over HTTP at 64 connections,
// signed in as the steward "sam", with the reference page (20 entries
// through the same driver and html/template) measured in the same run: the
// issue's target is half the reference's requests per second or more.
// Speed is not asserted (machines differ); the table is logged. It adds
// 1,000 entries for the reference page to read.
func measureHealthPage(t *testing.T, w *world) {
	ctx := context.Background()
	d := w.d
	const password = "scale-steward-2026"
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, `UPDATE people SET password_hash = $1, email_verified_at = $2 WHERE handle = 'sam'`, hash, db.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, `INSERT INTO entries (community_id, slug, kind, title, maturity, created_at, updated_at)
		WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 1000)
		SELECT $1, 'e' || i, 'lesson', 'E', 'reviewed', $2, $2 FROM seq`, w.c, db.Now()); err != nil {
		t.Fatal(err)
	}
	err = d.WithTx(ctx, func(tx *db.Tx) error {
		st, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		st.SetupDone = true
		return instance.Save(ctx, tx, st)
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Defaults()
	cfg.Limits = map[ratelimit.Action]ratelimit.Rule{}
	h, _, err := app.Build(cfg, d, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	logPageSizes(t, h, "sam@example.org", password, "/c/bread/health?days=30", "/c/bread/health", "/c/bread/health?days=365")
	pages := []bench.Page{
		{Name: "/c/bread/health (90 days)", Paths: []string{"/c/bread/health"}},
		{Name: "/c/bread/health, each window", Paths: []string{"/c/bread/health?days=30", "/c/bread/health?days=180", "/c/bread/health?days=365"}},
	}
	benchtest.Measure(t, ctx, d, h, "sam@example.org", password, "100,000 contributions", pages)
}

// logPageSizes logs how many bytes each of paths is, signed in as email:
// what every request writes to its socket and its client reads.
func logPageSizes(t *testing.T, h http.Handler, email, password string, paths ...string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar}
	res, err := c.PostForm(srv.URL+"/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, p := range paths {
		res, err := c.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v", p, res.StatusCode, err)
		}
		t.Logf("GET %s: %d bytes", p, len(body))
	}
}
