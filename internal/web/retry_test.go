package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"hearth/internal/errs"
)

// The JSON API's problems carry Retry-After like the pages do: one mapping.
func TestAPIProblemsSayWhenToRetry(t *testing.T) {
	t.Parallel()
	s := &Server{Deps: Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}}
	for _, c := range []struct {
		err    error
		status int
		retry  string
	}{
		{errs.RetryAfter(errs.TooManyRequests, 90*time.Second, "Slow down."), http.StatusTooManyRequests, "90"},
		{errs.RetryAfter(errs.TooManyRequests, 1500*time.Millisecond, "Slow down."), http.StatusTooManyRequests, "2"},
		{errs.New(errs.TooManyRequests, "Slow down."), http.StatusTooManyRequests, "60"},
		{errs.RetryAfter(errs.Unavailable, time.Second, "Busy."), http.StatusServiceUnavailable, "1"},
		{errs.NotFoundf("Nothing."), http.StatusNotFound, ""},
	} {
		w := httptest.NewRecorder()
		s.apiFail(w, httptest.NewRequest(http.MethodGet, "/api/v1/communities", nil), c.err)
		var p problem
		if err := json.NewDecoder(w.Body).Decode(&p); err != nil {
			t.Fatal(err)
		}
		if w.Code != c.status || p.Status != c.status || w.Header().Get("Retry-After") != c.retry || p.Detail != errs.MessageOf(c.err) {
			t.Errorf("%v: %d, Retry-After %q, problem %+v; want %d, %q", c.err, w.Code, w.Header().Get("Retry-After"), p, c.status, c.retry)
		}
	}
}
