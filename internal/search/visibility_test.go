package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/search"
)

// TestVisibilityAgreesWithPolicy is a property test: over randomly generated
// communities (every visibility and status), memberships (every role and
// status), people (administrators, disabled), entries (drafts with random
// authors), comments (some hidden), threads and their replies (some hidden
// or removed), gatherings (some cancelled), what each actor finds is exactly what
// the Go policy (community.View, practice drafts, profiles) lets them see.
func TestVisibilityAgreesWithPolicy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		for seed := uint64(1); seed <= 4; seed++ {
			t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { checkVisibility(t, d, seed) })
		}
	})
}

type genPerson struct {
	id              int64
	admin, disabled bool
}

type genEntry struct {
	id, community int64
	draft         bool
	authors       map[int64]bool
}

func checkVisibility(t *testing.T, d *db.DB, seed uint64) {
	ctx := context.Background()
	rnd := rand.New(rand.NewPCG(seed, 8))
	now := db.Now()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := d.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, table := range []string{"gatherings", "posts", "thread_tags", "threads", "entry_people", "entries", "memberships", "communities", "people"} {
		exec("DELETE FROM " + table)
	}
	base := seed * 1000
	pick := func(options ...string) string { return options[rnd.IntN(len(options))] }

	var ppl []genPerson
	for i := range 7 {
		p := genPerson{id: int64(base) + int64(i) + 1, admin: rnd.IntN(5) == 0, disabled: rnd.IntN(6) == 0}
		var disabled any
		if p.disabled {
			disabled = now
		}
		exec(`INSERT INTO people (id, handle, email, name, password_hash, is_admin, disabled_at, created_at)
			VALUES ($1, $2, $3, 'Zebra keeper', 'x', $4, $5, $6)`, p.id, fmt.Sprint("p", p.id), fmt.Sprint("p", p.id, "@example.org"), p.admin, disabled, now)
		ppl = append(ppl, p)
	}
	comms := map[int64]community.Community{}
	mine := map[[2]int64]community.Membership{}
	for i := range 6 {
		c := community.Community{ID: int64(base) + int64(i) + 1, Visibility: community.Visibility(pick("public", "institution", "private")),
			Status: community.Status(pick("active", "active", "archived", "proposed", "declined"))}
		exec(`INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at)
			VALUES ($1, $2, 'Zebra circle', $3, 'open', 'potential', $4, $5, $5)`, c.ID, fmt.Sprint("c", c.ID), c.Visibility, c.Status, now)
		comms[c.ID] = c
		for _, p := range ppl {
			if rnd.IntN(2) == 0 {
				continue
			}
			m := community.Membership{Role: community.Role(pick("member", "moderator", "steward")), Status: community.MemberStatus(pick("active", "pending", "invited"))}
			exec(`INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
				c.ID, p.id, m.Role, m.Status, now)
			mine[[2]int64{c.ID, p.id}] = m
		}
	}
	var entries []genEntry
	hidden := map[int64]bool{}
	commentEntry := map[int64]genEntry{}
	for i := range 24 {
		e := genEntry{id: int64(base) + int64(i) + 1, community: int64(base) + int64(rnd.IntN(6)) + 1, draft: rnd.IntN(2) == 0, authors: map[int64]bool{}}
		maturity := "published"
		if e.draft {
			maturity = "draft"
		}
		exec(`INSERT INTO entries (id, community_id, slug, kind, title, maturity, created_at, updated_at)
			VALUES ($1, $2, $3, 'lesson', 'Zebra crossings', $4, $5, $5)`, e.id, e.community, fmt.Sprint("e", e.id), maturity, now)
		for _, p := range ppl {
			if rnd.IntN(4) == 0 {
				role := pick("author", "contributor")
				exec(`INSERT INTO entry_people (entry_id, person_id, role, since) VALUES ($1, $2, $3, $4)`, e.id, p.id, role, now)
				e.authors[p.id] = role == "author"
			}
		}
		entries = append(entries, e)
		if rnd.IntN(2) == 0 {
			id := e.id
			var at any
			if rnd.IntN(3) == 0 {
				at, hidden[id] = now, true
			}
			exec(`INSERT INTO posts (id, subject_kind, subject_id, author_id, body, body_text, created_at, updated_at, hidden_at) VALUES ($1, 'entry', $2, $3, 'A zebra!', 'A zebra!', $4, $4, $5)`,
				id, e.id, ppl[rnd.IntN(len(ppl))].id, now, at)
			commentEntry[id] = e
		}
	}
	// Threads in random communities, each with a reply (some hidden or removed).
	threads := map[int64]int64{} // thread id: its community
	replies := map[int64]int64{} // reply id: its thread
	for i := range 12 {
		id, c := int64(base)+500+int64(i), int64(base)+int64(rnd.IntN(6))+1
		exec(`INSERT INTO threads (id, community_id, kind, title, body, body_text, author_id, created_at, last_activity_at)
			VALUES ($1, $2, 'question', 'Zebra talk', 'Stripes?', 'Stripes?', $3, $4, $4)`, id, c, ppl[rnd.IntN(len(ppl))].id, now)
		threads[id] = c
		var hiddenAt, deletedAt any
		switch rnd.IntN(4) {
		case 0:
			hiddenAt = now
		case 1:
			deletedAt = now
		default:
			replies[id+100] = id
		}
		exec(`INSERT INTO posts (id, subject_kind, subject_id, community_id, kind, author_id, body, body_text, created_at, updated_at, hidden_at, deleted_at)
			VALUES ($1, 'thread', $2, $3, 'answer', $4, 'A zebra answer', 'A zebra answer', $5, $5, $6, $7)`,
			id+100, id, c, ppl[rnd.IntN(len(ppl))].id, now, hiddenAt, deletedAt)
	}
	// Gatherings in random communities, some cancelled (still found).
	gatherings := map[int64]int64{} // gathering id: its community
	for i := range 8 {
		id, c := int64(base)+700+int64(i), int64(base)+int64(rnd.IntN(6))+1
		var cancelled any
		if rnd.IntN(3) == 0 {
			cancelled = now
		}
		exec(`INSERT INTO gatherings (id, community_id, title, description_text, time_zone, starts_at, minutes, created_at, updated_at, cancelled_at)
			VALUES ($1, $2, 'Zebra walk', 'Stripes at dawn', 'UTC', $3, 60, $3, $3, $4)`, id, c, now, cancelled)
		gatherings[id] = c
	}
	if err := search.Rebuild(ctx, d); err != nil {
		t.Fatal(err)
	}

	actors := []auth.Actor{{}}
	for _, p := range ppl {
		if !p.disabled { // a disabled person cannot sign in
			actors = append(actors, auth.Actor{PersonID: p.id, Admin: p.admin, Verified: true})
		}
	}
	for _, a := range actors {
		view := func(c int64) community.View {
			return community.View{Community: comms[c], Actor: a, Mine: mine[[2]int64{c, a.PersonID}]}
		}
		entryOK := func(e genEntry) bool {
			if e.draft {
				return view(e.community).CanSeeDraft(e.authors[a.PersonID])
			}
			return view(e.community).CanRead()
		}
		want := map[string]bool{}
		for _, p := range ppl {
			if a.SignedIn() && (!p.disabled || a.Admin) {
				want[fmt.Sprint("person ", p.id)] = true
			}
		}
		for id := range comms {
			if view(id).CanSee() {
				want[fmt.Sprint("community ", id)] = true
			}
		}
		for _, e := range entries {
			if entryOK(e) {
				want[fmt.Sprint("entry ", e.id)] = true
			}
		}
		for id, e := range commentEntry {
			if !hidden[id] && entryOK(e) {
				want[fmt.Sprint("comment ", id)] = true
			}
		}
		for id, c := range threads {
			if view(c).CanRead() {
				want[fmt.Sprint("thread ", id)] = true
			}
		}
		for id, c := range gatherings {
			if view(c).CanRead() {
				want[fmt.Sprint("gathering ", id)] = true
			}
		}
		for id, th := range replies {
			if view(threads[th]).CanRead() {
				want[fmt.Sprint("reply ", id)] = true
			}
		}
		got := map[string]bool{}
		for page := 1; ; page++ {
			res, err := search.Search(ctx, d, a, search.Query{Text: "zebra", Page: page})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				got[fmt.Sprint(h.Kind, " ", h.SubjectID)] = true
			}
			if !res.More {
				break
			}
		}
		for k := range want {
			if !got[k] {
				t.Errorf("actor %+v: policy lets them see %s, search did not find it", a, k)
			}
		}
		for k := range got {
			if !want[k] {
				t.Errorf("actor %+v: search found %s, which the policy hides", a, k)
			}
		}
	}
}
