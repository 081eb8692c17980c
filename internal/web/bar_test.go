package web

import (
	"testing"

	"hearth/internal/auth"
	"hearth/internal/instance"
)

// The site's bar is kept under everything it shows: another reader, name,
// handle, right, unread count, main page or instance name makes another
// key; a page that is not a main one shares the bar of any other.
func TestBarKeyChangesWithWhatTheBarShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCacheOf(barBudget)
	base := Layout{Path: "/c/bread/health", Unread: 3, Instance: instance.Settings{Name: "Hearth"},
		Actor: auth.Actor{PersonID: 7, Handle: "sam", Name: "Sam", Verified: true}}
	key := c.barKey(barOf(&base))
	changes := map[string]func(l *Layout){
		"visitor":     func(l *Layout) { l.Actor = auth.Actor{} },
		"name":        func(l *Layout) { l.Actor.Name = "Samuel" },
		"handle":      func(l *Layout) { l.Actor.Handle = "samuel" },
		"admin":       func(l *Layout) { l.Actor.Admin = true },
		"sponsor":     func(l *Layout) { l.Actor.Sponsor = true },
		"unread":      func(l *Layout) { l.Unread = 4 },
		"main page":   func(l *Layout) { l.Path = "/people" },
		"institution": func(l *Layout) { l.Instance.Name = "Guild" },
	}
	for name, change := range changes {
		l := base
		change(&l)
		if c.barKey(barOf(&l)) == key {
			t.Errorf("changing the %s keeps the bar's key: a stale bar would be shown", name)
		}
	}
	other := base
	other.Path = "/c/rye/practice"
	if c.barKey(barOf(&other)) != key {
		t.Error("two pages that are not main ones make two bars: each would be rendered again")
	}
}
