package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"hearth/internal/errs"
)

// statusOf maps an error kind to its HTTP status: the one place that does.
func statusOf(err error) int {
	switch errs.KindOf(err) {
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Invalid:
		return http.StatusUnprocessableEntity
	case errs.Forbidden:
		return http.StatusForbidden
	case errs.Conflict:
		return http.StatusConflict
	case errs.Unauthenticated:
		return http.StatusUnauthorized
	case errs.TooManyRequests:
		return http.StatusTooManyRequests
	case errs.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// defaultRetryAfter is said when a refusal does not know when to try again.
const defaultRetryAfter = time.Minute

// setRetryAfter tells the client when to try again after a refusal of kind
// TooManyRequests or Unavailable (429 or 503): the time err knows, at least a
// second, rounded up to whole seconds.
func setRetryAfter(h http.Header, err error) {
	switch errs.KindOf(err) {
	case errs.TooManyRequests, errs.Unavailable:
	default:
		return
	}
	d := errs.RetryAfterOf(err)
	if d <= 0 {
		d = defaultRetryAfter
	}
	h.Set("Retry-After", strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10))
}

// errorPage is the data of the error page.
type errorPage struct {
	Layout
	Status  int
	Message string
}

// statusClientClosedRequest is logged for a request whose client went away
// before the answer was ready (nginx's code for it).
const statusClientClosedRequest = 499

// fail answers a request with the error's page. A visitor asked to sign in
// is sent to the sign-in page, and comes back afterwards.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		// The client went away, so the work in hand was cancelled: no failure
		// of ours, and no one to show a page to.
		w.WriteHeader(statusClientClosedRequest)
		return
	}
	status := statusOf(err)
	setRetryAfter(w.Header(), err)
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	msg := errs.MessageOf(err)
	if status >= 500 && status != http.StatusServiceUnavailable {
		s.Logger.Error("request failed", "err", err, "request_id", requestIDOf(r), "path", r.URL.Path)
		msg = "Something went wrong on our side. Please try again; if it keeps happening, tell an administrator (request " + requestIDOf(r) + ")."
	}
	if status == http.StatusNotFound {
		msg = "There is nothing here, or you may not see it. Check the address, or sign in if you have an account."
	}
	s.render(w, r, status, "error", &errorPage{Layout: Layout{Title: http.StatusText(status)}, Status: status, Message: msg})
}

// notFound answers 404 for a path no route matches.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, errs.NotFoundf("not found"))
}
