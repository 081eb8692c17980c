package web

import (
	"database/sql"
	"slices"
	"testing"
	"time"

	"hearth/internal/community"
	"hearth/internal/stewardship"
)

// The health page's content is kept whole: anything it shows besides its
// kept parts (the community's name and stage, the window, the checklist,
// the stale entries, the "counted … ago" words, the "and N more" counts)
// or any part's key makes another key.
func TestHealthContentKeyChangesWithWhatTheContentShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	now := time.Now()
	base := healthPage{Windows: []int{30, 90}, H: stewardship.Health{Days: 90, CountedAt: now.Add(-2 * time.Hour),
		Tasks:   []stewardship.StageTask{{Key: "a", Text: "Find the core"}, {Key: "b", Text: "Write a charter", Done: true, DoneAt: now}},
		Stale:   []stewardship.StaleEntry{{Slug: "rye", Title: "Rye", Views: 3, ReviewBy: sql.NullTime{Time: now.Add(-48 * time.Hour), Valid: true}}},
		Fading:  []stewardship.Faded{{Handle: "mia"}},
		Figures: map[string]stewardship.Figure{stewardship.FigFading: {Current: sql.NullFloat64{Float64: 3, Valid: true}}}}}
	base.C.ID, base.C.Slug, base.C.Name, base.C.Stage = 7, "bread", "Bread", community.Maturing
	parts := []uint64{1, 2, 3}
	key := c.healthContentKey(&base, parts)
	changes := map[string]func(p *healthPage, parts []uint64) []uint64{
		"community":   func(p *healthPage, parts []uint64) []uint64 { p.C.ID = 8; return parts },
		"address":     func(p *healthPage, parts []uint64) []uint64 { p.C.Slug = "rye"; return parts },
		"name":        func(p *healthPage, parts []uint64) []uint64 { p.C.Name = "Sourdough"; return parts },
		"stage":       func(p *healthPage, parts []uint64) []uint64 { p.C.Stage = community.Coalescing; return parts },
		"window":      func(p *healthPage, parts []uint64) []uint64 { p.H.Days = 30; return parts },
		"windows":     func(p *healthPage, parts []uint64) []uint64 { p.Windows = []int{30, 90, 180}; return parts },
		"not counted": func(p *healthPage, parts []uint64) []uint64 { p.H.CountedAt = time.Time{}; return parts },
		"counted ago": func(p *healthPage, parts []uint64) []uint64 { p.H.CountedAt = now.Add(-3 * time.Hour); return parts },
		"ticked": func(p *healthPage, parts []uint64) []uint64 {
			p.H.Tasks[0].Done, p.H.Tasks[0].DoneAt = true, now
			return parts
		},
		"ticked another day": func(p *healthPage, parts []uint64) []uint64 {
			p.H.Tasks[1].DoneAt = now.AddDate(0, 0, -2)
			return parts
		},
		"stale title": func(p *healthPage, parts []uint64) []uint64 { p.H.Stale[0].Title = "Spelt"; return parts },
		"stale views": func(p *healthPage, parts []uint64) []uint64 { p.H.Stale[0].Views = 4; return parts },
		"stale due": func(p *healthPage, parts []uint64) []uint64 {
			p.H.Stale[0].ReviewBy.Time = now.AddDate(0, -2, 0)
			return parts
		},
		"no stale": func(p *healthPage, parts []uint64) []uint64 { p.H.Stale = nil; return parts },
		"more fading": func(p *healthPage, parts []uint64) []uint64 {
			p.H.Figures = map[string]stewardship.Figure{stewardship.FigFading: {Current: sql.NullFloat64{Float64: 4, Valid: true}}}
			return parts
		},
		"queue": func(p *healthPage, parts []uint64) []uint64 {
			p.H.Queue = []stewardship.Waiting{{ThreadID: 1}}
			return parts
		},
		"a part":        func(p *healthPage, parts []uint64) []uint64 { parts[1] = 9; return parts },
		"one part less": func(p *healthPage, parts []uint64) []uint64 { return parts[:2] },
	}
	for name, change := range changes {
		p := base
		p.H.Tasks, p.H.Stale = slices.Clone(base.H.Tasks), slices.Clone(base.H.Stale)
		if c.healthContentKey(&p, change(&p, slices.Clone(parts))) == key {
			t.Errorf("changing the %s keeps the content's key: a stale page would be shown", name)
		}
	}
	if p := base; c.healthContentKey(&p, slices.Clone(parts)) != key {
		t.Error("the same content makes another key: it would never be reused")
	}
}
