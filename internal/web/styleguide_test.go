package web_test

import (
	"net/http"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db/dbtest"
)

// TestStyleguideIsForAdministrators checks /styleguide shows the components
// to an administrator and does not exist for anyone else.
func TestStyleguideIsForAdministrators(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, dbtest.SQLite(t))
	e.Person("sam")
	res := e.As("admin").Get("/styleguide")
	wantStatus(t, "administrator", res, http.StatusOK)
	contains(t, "administrator", res.Body, "<h2 id=\"sg-buttons\">Buttons</h2>", `class="badge maturity-endorsed"`, `class="alert error-summary"`)
	wantStatus(t, "member", e.As("sam").Get("/styleguide"), http.StatusNotFound)
}

// TestStagesHelpPage checks the stages are explained in plain words, with
// the theory's names beside them, to anyone, and that a community's stage
// links there.
func TestStagesHelpPage(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, dbtest.SQLite(t))
	res := e.Visitor().Get("/help/stages")
	wantStatus(t, "help", res, http.StatusOK)
	contains(t, "help", res.Body, `<dt id="potential">Forming <span class="meta">(Potential)</span></dt>`, "A stage is not a role")
	e.Community(e.Admin, "bread", "public", "open")
	res = e.Visitor().Get("/communities")
	contains(t, "directory", res.Body, `<a href="/help/stages#potential" title="People find each other and discover common ground.">Forming</a>`)
	lacks(t, "directory", res.Body, `class="badge stage-`)
}
