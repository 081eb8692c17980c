package web_test

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// TestHealthStageChecklist: the health page shows the community's stage (a
// new community's is potential) and its tasks; a steward ticks them, a
// member may not; /help/health lists them.
func TestHealthStageChecklist(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newHealthWorld(t, d)
		sam := w.e.As("sam")
		r := sam.Get("/c/bread/health")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `id="stage-h"`) || !strings.Contains(r.Body, `value="people"`) {
			t.Fatalf("the health page shows no checklist: %d", r.Status)
		}
		if r := sam.Post("/c/bread/health/checklist", form("stage", "potential", "task", "people", "task", "sponsor")); r.Status != http.StatusSeeOther {
			t.Fatalf("tick: %d", r.Status)
		}
		r = sam.Get("/c/bread/health")
		if strings.Count(r.Body, " checked>") != 2 || !strings.Contains(r.Body, `value="people" checked`) {
			t.Errorf("the ticks are not shown: %d checked", strings.Count(r.Body, " checked>"))
		}
		if r := w.e.As("mia").Post("/c/bread/health/checklist", form("stage", "potential")); r.Status != http.StatusNotFound {
			t.Errorf("a member saves the checklist: %d", r.Status)
		}
		if r := w.e.Visitor().Get("/help/health"); !strings.Contains(r.Body, "Celebrate what the community achieved") {
			t.Error("/help/health does not list the tasks of each stage")
		}
	})
}
