package web

import (
	"net/http"
	"net/url"

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
	}
	return http.StatusInternalServerError
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
	if status == http.StatusUnauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	msg := errs.MessageOf(err)
	if status >= 500 {
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
