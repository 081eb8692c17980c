package web

import (
	"net/http"
	"net/url"
	"time"

	"hearth/internal/practice"
)

// styleguidePage shows every component in its states: what a new page is
// built from, and what the browser tests check with axe-core.
type styleguidePage struct {
	Layout
	Empty   Form // a form as first shown
	Invalid Form // the same form sent back with errors
	Entry   practice.Entry
	Now     time.Time
}

// styleguide answers only administrators (everyone else gets 404, as with
// the rest of the administration area).
func (s *Server) styleguide(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	now := time.Now()
	p := &styleguidePage{Layout: adminLayout("Style guide", "styleguide"), Now: now,
		Empty: Form{Values: url.Values{}},
		Invalid: Form{Values: url.Values{"title": {"x"}, "summary": {""}},
			Errors: map[string]string{"title": "Give the entry a title of at least 3 characters.", "summary": "Say in a sentence what it is about."}},
		Entry: practice.Entry{Slug: "example", Kind: practice.Lesson, Title: "Hand over the night shift at the bedside",
			Summary: "What we learned when the night handover moved from the office to the bedside.", Maturity: practice.Reviewed,
			Helpful: 4, Tags: []string{"handover", "nights"}, UpdatedAt: now.Add(-26 * time.Hour),
			People: []practice.Person{{Name: "Mia Okafor", Handle: "mia", Role: "author"}}},
	}
	s.render(w, r, http.StatusOK, "admin/styleguide", p)
}
