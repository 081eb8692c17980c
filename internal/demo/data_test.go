package demo

import (
	"regexp"
	"testing"
	"unicode/utf8"

	"hearth/internal/community"
)

// TestDataIsConsistent checks the demo data the way the forms would check a
// person's input, and that every reference in it resolves.
func TestDataIsConsistent(t *testing.T) {
	handle := regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$`)
	depts := map[string]bool{}
	for _, d := range departments {
		if community.Slugify(d.Name) == "" || community.Slugify(d.Slug) != d.Slug {
			t.Errorf("department slug %q", d.Slug)
		}
		depts[d.Slug] = true
	}
	handles, emails := map[string]bool{}, map[string]bool{}
	for _, p := range people {
		if !handle.MatchString(p.Handle) || handles[p.Handle] || emails[p.email()] {
			t.Errorf("person %q: bad or repeated handle or e-mail %q", p.Handle, p.email())
		}
		if !depts[p.Dept] || p.Title == "" || p.Bio == "" || p.Joined < 1 || p.Joined > 740 {
			t.Errorf("person %q: department, title, bio or joined missing or wrong", p.Handle)
		}
		handles[p.Handle], emails[p.email()] = true, true
	}
	for _, c := range communities {
		if community.Slugify(c.Slug) != c.Slug || utf8.RuneCountInString(c.Name) > 80 {
			t.Errorf("community %q: slug or name", c.Slug)
		}
		for field, text := range map[string]string{"purpose": c.Purpose, "scope": c.Scope, "key questions": c.KeyQuestions, "who should join": c.WhoShouldJoin} {
			if n := utf8.RuneCountInString(text); n < 200 || n > 2000 {
				t.Errorf("community %q: %s is %d characters", c.Slug, field, n)
			}
		}
		for _, tag := range c.Tags {
			if tags, msg := community.ParseTags(tag); msg != "" || len(tags) != 1 || tags[0] != tag {
				t.Errorf("community %q: tag %q: %q", c.Slug, tag, msg)
			}
		}
		ms := memberships[c.Slug]
		if len(ms) == 0 || ms[0].Handle != c.Creator || ms[0].Role != "steward" {
			t.Errorf("community %q: its creator %q is not its first steward", c.Slug, c.Creator)
		}
		seen := map[string]bool{}
		for _, m := range ms {
			if !handles[m.Handle] || seen[m.Handle] {
				t.Errorf("community %q: unknown or repeated member %q", c.Slug, m.Handle)
			}
			seen[m.Handle] = true
		}
	}
	if len(memberships) != len(communities) {
		t.Errorf("memberships name %d communities, the data defines %d", len(memberships), len(communities))
	}
	a := Accounts()
	if communityName(a.Steward.Community) == a.Steward.Community {
		t.Errorf("the steward's community %q is not in the data", a.Steward.Community)
	}
}
