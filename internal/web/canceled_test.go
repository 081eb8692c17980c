package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A request whose client went away is cancelled: it is logged as 499, not
// as a failure of ours (a 500 and an error in the log).
func TestClientGoneIsNotAServerError(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Community(e.Person("sam"), "bread", community.Public, community.Open)
		c := e.As("sam")
		u, _ := url.Parse(e.Server.URL)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/c/bread", nil)
		for _, ck := range c.HTTP.Jar.Cookies(u) {
			req.AddCookie(ck)
		}
		rec := httptest.NewRecorder()
		e.Server.Config.Handler.ServeHTTP(rec, req)
		if rec.Code != 499 {
			t.Errorf("status = %d, want 499\n%s", rec.Code, rec.Body)
		}
	})
}
