package web

import (
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/gathering"
)

// The programme's kept content changes key with everything it shows: a key
// that missed a change would show one reader's programme to another, or an
// old one.
func TestProgrammeContentKeyChangesWithWhatTheContentShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	start := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	page := func() *programmePage {
		cv := community.View{Community: community.Community{ID: 2, Slug: "bread", Status: community.Active}}
		g := gathering.View{Gathering: gathering.Gathering{ID: 7, Title: "Bread summit", Zone: "Europe/Paris"}, Community: cv}
		p := &programmePage{C: cv, G: g, Date: gathering.Occurrence{ID: 70, Start: start, End: start.Add(8 * time.Hour)}, Open: true}
		p.When = p.Date.When(g.Gathering, "")
		return p
	}
	key := c.programmeContentKey(page(), 1)
	if c.programmeContentKey(page(), 1) != key {
		t.Fatal("the same content hashes differently")
	}
	member := community.Membership{Role: community.RoleMember, Status: community.ActiveMember}
	steward := community.Membership{Role: community.RoleSteward, Status: community.ActiveMember}
	reader := auth.Actor{PersonID: 5, Handle: "mia", Name: "Mia"}
	changes := map[string]func(p *programmePage){
		"title":     func(p *programmePage) { p.G.Title = "Rye summit" },
		"gathering": func(p *programmePage) { p.G.ID = 8 },
		"community": func(p *programmePage) { p.C.Slug = "rye" },
		"date": func(p *programmePage) {
			p.When = gathering.NewWhen(start.Add(time.Hour), start.Add(9*time.Hour), "Europe/Paris", "")
		},
		"zone":      func(p *programmePage) { p.When = gathering.NewWhen(start, start.Add(8*time.Hour), "Europe/Lisbon", "") },
		"cancelled": func(p *programmePage) { p.Date.Cancelled = true },
		"over":      func(p *programmePage) { p.Open = false },
		"signed in": func(p *programmePage) { p.Actor = reader },
		"member":    func(p *programmePage) { p.G.Community.Mine, p.G.Community.Actor = member, reader },
		"steward":   func(p *programmePage) { p.G.Community.Mine, p.G.Community.Actor = steward, reader },
		"admin":     func(p *programmePage) { p.G.Community.Actor = auth.Actor{PersonID: 9, Admin: true} },
		"going":     func(p *programmePage) { p.Going = true },
		"next page": func(p *programmePage) { p.NextURL = "/c/bread/gatherings/7/programme?after=12" },
		"prev page": func(p *programmePage) { p.PrevURL = "/c/bread/gatherings/7/programme" },
		"the cards": nil,
	}
	for name, change := range changes {
		p, cards := page(), uint64(1)
		if change == nil {
			cards = 2
		} else {
			change(p)
		}
		if c.programmeContentKey(p, cards) == key {
			t.Errorf("%s: the key did not change", name)
		}
	}
}
