package web

import (
	"encoding/json"
	"net/http"
	"time"

	"hearth/internal/community"
	"hearth/internal/errs"
)

// The JSON API answers with the same services, and so the same policy, as the
// pages: something private is 404 here too. Errors are RFC 9457 problems.

type apiCommunity struct {
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Purpose     string   `json:"purpose"`
	Visibility  string   `json:"visibility"`
	JoinPolicy  string   `json:"join_policy"`
	Stage       string   `json:"stage"`
	Status      string   `json:"status"`
	Tags        []string `json:"tags"`
	MemberCount int      `json:"member_count"`
	URL         string   `json:"url"`
}

func (s *Server) toAPICommunity(c community.Community) apiCommunity {
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	return apiCommunity{Slug: c.Slug, Name: c.Name, Purpose: c.Purpose, Visibility: string(c.Visibility), JoinPolicy: string(c.JoinPolicy),
		Stage: string(c.Stage), Status: string(c.Status), Tags: tags, MemberCount: c.MemberCount, URL: s.BaseURL + "/c/" + c.Slug}
}

func (s *Server) apiCommunities(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, err := s.Communities.Directory(r.Context(), actorOf(r), community.Filter{Tag: q.Get("tag"), Stage: community.Stage(q.Get("stage")),
		Department: q.Get("department"), Page: pageNumber(r)})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := struct {
		Communities []apiCommunity `json:"communities"`
		More        bool           `json:"more"`
	}{Communities: []apiCommunity{}, More: page.More}
	for _, l := range page.Communities {
		out.Communities = append(out.Communities, s.toAPICommunity(l.Community))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiCommunity(w http.ResponseWriter, r *http.Request) {
	v, err := s.Communities.Get(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.toAPICommunity(v.Community))
}

type apiMember struct {
	Handle string    `json:"handle"`
	Name   string    `json:"name"`
	Role   string    `json:"role"`
	Since  time.Time `json:"since"`
}

func (s *Server) apiMembers(w http.ResponseWriter, r *http.Request) {
	at := memberCursor(r)
	_, list, more, err := s.Communities.Members(r.Context(), actorOf(r), r.PathValue("slug"), at)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := struct {
		Members []apiMember `json:"members"`
		More    bool        `json:"more"`
		Next    string      `json:"next,omitempty"` // the next page's address (keyset)
	}{Members: []apiMember{}, More: more}
	if more && at.Before == 0 && len(list) > 0 {
		out.Next = cursorURL(r, "after", list[len(list)-1].PersonID)
	}
	for _, m := range list {
		if m.Status == community.ActiveMember {
			out.Members = append(out.Members, apiMember{Handle: m.Handle, Name: m.Name, Role: string(m.Role), Since: m.Since})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.apiFail(w, r, errs.NotFoundf("There is no such API route."))
}

// problem is an RFC 9457 problem document.
type problem struct {
	Type   string            `json:"type"`
	Title  string            `json:"title"`
	Status int               `json:"status"`
	Detail string            `json:"detail"`
	Errors map[string]string `json:"errors,omitempty"`
}

// apiFail answers an API request with a JSON problem.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	detail := errs.MessageOf(err)
	setRetryAfter(w.Header(), err)
	if status >= 500 && status != http.StatusServiceUnavailable {
		s.Logger.Error("api request failed", "err", err, "request_id", requestIDOf(r))
		detail = "Something went wrong on our side (request " + requestIDOf(r) + ")."
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail, Errors: errs.FieldsOf(err)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
