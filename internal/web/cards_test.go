package web

import (
	"html/template"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
)

func TestCardKeyChangesWithWhatTheCardShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	base := community.Listing{View: community.View{Community: community.Community{ID: 7, Slug: "bread", Name: "Bread",
		Purpose: "Bake", Stage: community.Potential, Visibility: community.Public, JoinPolicy: community.Open,
		Status: community.Active, MemberCount: 3, Tags: []string{"dough"}}, Actor: auth.Actor{PersonID: 1}}, Departments: 2}
	key := c.cardKey(base)
	if c.cardKey(base) != key {
		t.Fatal("the same card hashes differently")
	}
	changes := map[string]func(l *community.Listing){
		"name":        func(l *community.Listing) { l.Name = "Sourdough" },
		"purpose":     func(l *community.Listing) { l.Purpose = "Bake bread" },
		"stage":       func(l *community.Listing) { l.Stage = community.Maturing },
		"status":      func(l *community.Listing) { l.Status = community.Archived },
		"members":     func(l *community.Listing) { l.MemberCount = 4 },
		"departments": func(l *community.Listing) { l.Departments = 3 },
		"tags":        func(l *community.Listing) { l.Tags = []string{"dough", "yeast"} },
		"membership": func(l *community.Listing) {
			l.Mine = community.Membership{Role: community.RoleMember, Status: community.ActiveMember}
		},
		"visitor": func(l *community.Listing) { l.Actor = auth.Actor{} },
	}
	for name, change := range changes {
		l := base
		l.Tags = append([]string(nil), base.Tags...)
		change(&l)
		if c.cardKey(l) == key {
			t.Errorf("changing the %s keeps the card's key: a stale card would be shown", name)
		}
	}
}

func TestFragmentCacheKeepsToItsBudget(t *testing.T) {
	t.Parallel()
	const size = 1000 // each fragment's bytes, overhead included
	c := newFragmentCacheOf(10 * size)
	html := template.HTML(strings.Repeat("x", size-fragmentOverhead))
	for i := range 10 {
		c.put(uint64(i), html)
	}
	c.get(0) // used: the least recently used is now 1
	c.put(10, html)
	if c.kept.Used() > c.budget || c.kept.Len() != 10 {
		t.Fatalf("cache holds %d bytes in %d fragments, budget %d", c.kept.Used(), c.kept.Len(), c.budget)
	}
	if _, ok := c.get(1); ok {
		t.Error("the least recently used fragment is kept past the budget")
	}
	for _, k := range []uint64{0, 2, 10} {
		if h, ok := c.get(k); !ok || h != html {
			t.Errorf("fragment %d is lost", k)
		}
	}
	c.put(2, "small") // replaced: its bytes are counted once
	if want := 9*size + len("small") + fragmentOverhead; c.kept.Used() != want {
		t.Errorf("cache counts %d bytes after a replacement, want %d", c.kept.Used(), want)
	}
	c.put(99, template.HTML(strings.Repeat("x", 10*size))) // larger than the budget: not kept, nothing dropped
	if _, ok := c.get(99); ok || c.kept.Len() != 10 {
		t.Errorf("a fragment past the budget was kept, or emptied the cache (%d left)", c.kept.Len())
	}
}

func TestHeaderKeyChangesWithWhatTheHeaderShows(t *testing.T) {
	t.Parallel()
	c := newFragmentCache()
	v := community.View{Community: community.Community{ID: 7, Slug: "bread", Name: "Bread", Stage: community.Potential,
		Visibility: community.Public, Status: community.Active, MemberCount: 3}}
	base := Layout{Community: &v, Tab: "home", Crumbs: []Crumb{{"Communities", "/communities"}, {"Bread", "/c/bread"}}}
	key := c.headerKey(&base)
	steward := v
	steward.Actor = auth.Actor{PersonID: 1}
	steward.Mine = community.Membership{Role: community.RoleSteward, Status: community.ActiveMember}
	renamed := v
	renamed.Name = "Sourdough"
	more := v
	more.MemberCount = 4
	for name, l := range map[string]Layout{
		"tab":     {Community: &v, Tab: "members", Crumbs: base.Crumbs},
		"crumbs":  {Community: &v, Tab: "home", Crumbs: []Crumb{{"Communities", "/communities"}}},
		"steward": {Community: &steward, Tab: "home", Crumbs: base.Crumbs},
		"name":    {Community: &renamed, Tab: "home", Crumbs: base.Crumbs},
		"members": {Community: &more, Tab: "home", Crumbs: base.Crumbs},
	} {
		if c.headerKey(&l) == key {
			t.Errorf("a different %s keeps the header's key: a stale header would be shown", name)
		}
	}
}
