package web_test

import (
	"net/http"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestErrorSummaryLinksToFields checks a form sent back with errors starts
// with a summary that takes the focus (autofocus) and links each error to
// its field's control, including a field whose control has its own id.
func TestErrorSummaryLinksToFields(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("sam")
		sam := e.As("sam")
		res := sam.Post("/communities/new", form("name", "", "purpose", ""))
		wantStatus(t, "empty community form", res, http.StatusUnprocessableEntity)
		contains(t, "empty community form", res.Body, `class="alert error-summary" role="alert" tabindex="-1" autofocus`,
			`<li><a href="#f-name">`, `<li><a href="#f-purpose">`)

		res = sam.Post("/account/email", form("email", "sam.new@example.org", "current_password", "wrong password"))
		wantStatus(t, "e-mail change", res, http.StatusUnprocessableEntity)
		contains(t, "e-mail change", res.Body, `href="#email-current_password"`)
		lacks(t, "e-mail change", res.Body, `href="#f-current_password"`)
	})
}
