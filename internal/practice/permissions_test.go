package practice_test

import (
	"fmt"
	"slices"
	"testing"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
)

// pwCanRead is who may read a community's library: everyone on a public one,
// every signed-in person on an institution one, and on a private one its
// active members and the administrator.
func pwCanRead(role string, vis community.Visibility) bool {
	switch role {
	case "visitor":
		return vis == community.Public
	case "nonmember", "pending":
		return vis != community.Private
	}
	return true
}

// pwIsMember is whether the role is an active member of every community.
func pwIsMember(role string) bool {
	return slices.Contains([]string{"member", "author", "moderator", "steward"}, role)
}

// pwCanSeeDraft: drafts are for their authors and the stewards only; the
// administrator, who is neither, does not see them.
func pwCanSeeDraft(role string, vis community.Visibility) bool {
	return pwCanRead(role, vis) && (role == "author" || role == "steward")
}

func pwCanWrite(role, writers string) bool {
	if writers == "stewards" {
		return role == "steward"
	}
	return pwIsMember(role)
}

func pwCanEdit(role, editors string) bool {
	if editors == "authors" {
		return role == "author" || role == "steward"
	}
	return pwIsMember(role)
}

// pwExpect names the outcome: "ok", or the error kind.
func pwExpect(readable, allowed bool) string {
	switch {
	case !readable:
		return "not found"
	case !allowed:
		return "forbidden"
	}
	return "ok"
}

// TestPermissionMatrix checks every actor against every visibility, both
// practice settings, and draft and published entries: reading (Get, List,
// History), writing (Create), improving (ForEdit, Update, Revert),
// commenting and "this helped me".
func TestPermissionMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pwNew(t, d)
		for _, vis := range []community.Visibility{community.Public, community.Institution, community.Private} {
			for _, mode := range []struct{ writers, editors string }{{"members", "members"}, {"stewards", "authors"}} {
				slug := fmt.Sprintf("%s-%s", vis, mode.writers)
				w.community(t, slug, vis)
				entries := map[bool]practice.Entry{
					false: w.write(t, slug, "Published in "+slug, false),
					true:  w.write(t, slug, "Draft in "+slug, true),
				}
				w.settings(t, slug, mode.writers, mode.editors, "open", 365)
				for _, role := range pwRoles {
					a := w.actors[role]
					for _, draft := range []bool{false, true} {
						e := entries[draft]
						readable := pwCanRead(role, vis)
						if draft {
							readable = pwCanSeeDraft(role, vis)
						}
						name := fmt.Sprintf("%s %s (writers %s, editors %s) draft=%v", role, vis, mode.writers, mode.editors, draft)

						_, err := w.svc.Get(w.ctx, a, slug, e.Slug)
						pwWant(t, name+": Get", err, pwExpect(readable, true))
						// Notifications' question agrees with the pages'.
						if ok, err := w.svc.Visible(w.ctx, a, e.ID); err != nil || ok != readable {
							t.Errorf("%s: Visible = %v (%v), want %v", name, ok, err, readable)
						}
						// And so does the fan-out's, asked for several entries (one gone) at once.
						other := entries[!draft]
						many, err := w.svc.VisibleMany(w.ctx, a, []int64{other.ID, e.ID, 1 << 40})
						if err != nil || many[e.ID] != readable || many[1<<40] {
							t.Errorf("%s: VisibleMany = %v (%v), want %v for entry %d and nothing for one gone", name, many, err, readable, e.ID)
						}
						_, _, _, err = w.svc.History(w.ctx, a, slug, e.Slug, 1)
						pwWant(t, name+": History", err, pwExpect(readable, true))

						want := pwExpect(readable, pwCanEdit(role, mode.editors))
						_, err = w.svc.ForEdit(w.ctx, a, slug, e.Slug)
						pwWant(t, name+": ForEdit", err, want)
						base := w.revision(t, e.ID)
						_, err = w.svc.Update(w.ctx, a, slug, e.Slug, practice.Input{Kind: practice.Practice, Title: e.Title,
							Summary: "Improved by " + role, Body: "New text.", BaseRevision: base, Note: "by " + role})
						pwWant(t, name+": Update", err, want)
						if err == nil && w.revision(t, e.ID) != base+1 {
							t.Errorf("%s: Update left revision %d, want %d", name, w.revision(t, e.ID), base+1)
						}
						_, err = w.svc.Revert(w.ctx, a, slug, e.Slug, 1)
						pwWant(t, name+": Revert", err, want)

						if !draft {
							_, err = w.svc.AddComment(w.ctx, a, slug, e.Slug, "A comment by "+role)
							pwWant(t, name+": AddComment", err, pwExpect(readable, pwIsMember(role)))
							err = w.svc.MarkHelpful(w.ctx, a, slug, e.Slug, true)
							switch {
							case role == "visitor":
								pwWant(t, name+": MarkHelpful", err, "unauthenticated")
							default:
								pwWant(t, name+": MarkHelpful", err, pwExpect(readable, role != "author"))
							}
						}
					}

					name := fmt.Sprintf("%s %s (writers %s)", role, vis, mode.writers)
					_, err := w.svc.Create(w.ctx, a, slug, practice.Input{Kind: practice.Story, Title: "Written by " + role,
						Summary: "A story.", Publish: true})
					pwWant(t, name+": Create", err, pwExpect(pwCanRead(role, vis), pwCanWrite(role, mode.writers)))

					_, list, _, err := w.svc.List(w.ctx, a, slug, practice.Filter{})
					pwWant(t, name+": List", err, pwExpect(pwCanRead(role, vis), true))
					if err != nil {
						continue
					}
					var slugs []string
					for _, le := range list {
						slugs = append(slugs, le.Slug)
						if le.Maturity == practice.Draft && !pwCanSeeDraft(role, vis) {
							t.Errorf("%s: List shows the draft %s", name, le.Slug)
						}
					}
					if !slices.Contains(slugs, entries[false].Slug) {
						t.Errorf("%s: List %v lacks the published entry", name, slugs)
					}
					if got, want := slices.Contains(slugs, entries[true].Slug), pwCanSeeDraft(role, vis); got != want {
						t.Errorf("%s: List shows the draft = %v, want %v", name, got, want)
					}
				}
			}
		}
	})
}
