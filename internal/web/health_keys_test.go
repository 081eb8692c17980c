package web

import (
	"database/sql"
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/stewardship"
)

// The parts of the health page drawn from the job's rows are kept a run
// and window: another run, window, zone, community or department as read
// now makes another key.
func TestHealthPartKeyChangesWithWhatThePartShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	base := stewardship.Health{C: community.View{}, Days: 90, CountedAt: time.Date(2026, 11, 30, 4, 15, 0, 0, time.UTC), Zone: "UTC",
		Departments: []stewardship.DepartmentShare{{ID: 3, Name: "Bakery", Contributions: sql.NullInt64{Int64: 40, Valid: true}, Exchanged: true}}}
	base.C.ID, base.C.Slug = 7, "bread"
	key := c.healthPartKey(base, healthParts[0])
	changes := map[string]func(h *stewardship.Health){
		"community id": func(h *stewardship.Health) { h.C.ID = 8 },
		"community":    func(h *stewardship.Health) { h.C.Slug = "rye" },
		"window":       func(h *stewardship.Health) { h.Days = 30 },
		"run":          func(h *stewardship.Health) { h.Run++ },
		"counted":      func(h *stewardship.Health) { h.CountedAt = h.CountedAt.Add(time.Microsecond) },
		"zone":         func(h *stewardship.Health) { h.Zone = "Europe/Paris" },
		"renamed":      func(h *stewardship.Health) { h.Departments[0].Name = "Bakehouse" },
		"department":   func(h *stewardship.Health) { h.Departments[0].ID = 4 },
		"hidden":       func(h *stewardship.Health) { h.Departments[0].Contributions.Valid = false },
		"contributed":  func(h *stewardship.Health) { h.Departments[0].Contributions.Int64 = 41 },
		"previous":     func(h *stewardship.Health) { h.Departments[0].Previous = sql.NullInt64{Int64: 1, Valid: true} },
		"exchanged":    func(h *stewardship.Health) { h.Departments[0].Exchanged = false },
		"another": func(h *stewardship.Health) {
			h.Departments = append(h.Departments, stewardship.DepartmentShare{ID: 5, Name: "Mill"})
		},
		"none": func(h *stewardship.Health) { h.Departments = nil },
	}
	for name, change := range changes {
		h := base
		h.Departments = append([]stewardship.DepartmentShare(nil), base.Departments...)
		change(&h)
		if c.healthPartKey(h, healthParts[0]) == key {
			t.Errorf("changing the %s keeps the part's key: a stale part would be shown", name)
		}
	}
	if c.healthPartKey(base, healthParts[1]) == key {
		t.Error("two parts of the page share a key")
	}
}

// The institution's body is kept for a count: another count or another
// cell of the value matrix (read live) makes another key (so does another
// "counted … ago", which moves with the clock).
func TestInstitutionKeyChangesWithWhatTheBodyShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	at := time.Now().Add(-90 * time.Minute)
	base := institutionPage{In: stewardship.Institution{CountedAt: at, Value: []stewardship.CycleValue{{Cycle: 1, Stories: 2, WithEvidence: 1}}}}
	key := c.institutionKey(&base)
	if c.institutionKey(&base) != key {
		t.Fatal("the same body hashes differently")
	}
	changes := map[string]func(p *institutionPage){
		"count":    func(p *institutionPage) { p.In.CountedAt = at.Add(time.Second) },
		"stories":  func(p *institutionPage) { p.In.Value[0].Stories = 3 },
		"evidence": func(p *institutionPage) { p.In.Value[0].WithEvidence = 2 },
		"cycle":    func(p *institutionPage) { p.In.Value[0].Cycle = 2 },
	}
	for name, change := range changes {
		p := base
		p.In.Value = append([]stewardship.CycleValue(nil), base.In.Value...)
		change(&p)
		if c.institutionKey(&p) == key {
			t.Errorf("changing the %s keeps the body's key: a stale body would be shown", name)
		}
	}
}
