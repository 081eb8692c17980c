package demo_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/demo"
	"hearth/internal/instance"
	"hearth/internal/search"
)

func count(t *testing.T, d *db.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func load(t *testing.T, d *db.DB) string {
	t.Helper()
	var out bytes.Buffer
	if err := demo.Load(context.Background(), d, &out); err != nil {
		t.Fatalf("Load: %v", err)
	}
	return out.String()
}

func TestLoadFillsAnEmptyDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		out := load(t, d)

		people := count(t, d, "SELECT COUNT(*) FROM people")
		if people < 25 || people > 40 {
			t.Errorf("people = %d, want about 30", people)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM people WHERE is_demo = FALSE OR email_verified_at IS NULL OR department_id IS NULL"); n != 0 {
			t.Errorf("%d people are not verified demo people with a department", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM people WHERE is_admin = TRUE"); n != 1 {
			t.Errorf("administrators = %d, want 1", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM departments"); n < 5 {
			t.Errorf("departments = %d, want about 6", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM communities"); n < 5 {
			t.Errorf("communities = %d, want about 6", n)
		}
		if n := count(t, d, "SELECT COUNT(DISTINCT stage) FROM communities"); n != 5 {
			t.Errorf("communities are at %d distinct stages, want all 5", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM value_stories"); n < 3 {
			t.Errorf("value stories = %d, want a few", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM value_stories s JOIN communities c ON c.id = s.community_id
			WHERE (c.visibility = 'private' AND s.audience <> 'community') OR (c.visibility = 'institution' AND s.audience = 'public')`); n != 0 {
			t.Errorf("%d value stories are told wider than their community allows", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM value_steps WHERE status = 'hoped' AND happened_on < $1", db.Now().AddDate(0, 0, -60)); n == 0 {
			t.Error("no hoped-for step waits for the stewards' follow-up")
		}
		if n := count(t, d, "SELECT COUNT(*) FROM communities WHERE status = 'archived' AND archived_at IS NOT NULL"); n != 1 {
			t.Errorf("archived communities = %d, want 1", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM memberships WHERE status = 'pending' AND message <> ''"); n < 2 {
			t.Errorf("pending requests with a message = %d, want at least 2", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM memberships WHERE status = 'invited' AND invited_by IS NOT NULL"); n < 1 {
			t.Errorf("invitations = %d, want at least 1", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM communities c WHERE
			(SELECT COUNT(*) FROM community_tags g WHERE g.community_id = c.id) NOT BETWEEN 3 AND 5`); n != 0 {
			t.Errorf("%d communities have fewer than 3 or more than 5 tags", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id
			JOIN communities c ON c.id = m.community_id
			WHERE m.created_at < p.created_at OR m.created_at < c.created_at OR m.created_at > $1`, db.Now()); n != 0 {
			t.Errorf("%d memberships begin before their person or community, or in the future", n)
		}

		rows, err := d.QueryContext(ctx, `SELECT c.slug, COUNT(DISTINCT p.department_id),
			SUM(CASE WHEN m.role = 'steward' THEN 1 ELSE 0 END)
			FROM communities c JOIN memberships m ON m.community_id = c.id AND m.status = 'active'
			JOIN people p ON p.id = m.person_id GROUP BY c.slug`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		seen := 0
		for rows.Next() {
			var slug string
			var departments, stewards int
			if err := rows.Scan(&slug, &departments, &stewards); err != nil {
				t.Fatal(err)
			}
			seen++
			if departments < 3 {
				t.Errorf("%s has active members from %d departments, want at least 3", slug, departments)
			}
			if stewards < 1 || stewards > 2 {
				t.Errorf("%s has %d stewards, want 1 or 2", slug, stewards)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if seen != count(t, d, "SELECT COUNT(*) FROM communities") {
			t.Errorf("only %d communities have active members", seen)
		}

		s, err := instance.Load(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if s.Name != "Northfield College" || !s.SetupDone || s.Signup != instance.SignupOpen || s.ApprovalRequired {
			t.Errorf("settings = %+v", s)
		}

		a := demo.Accounts()
		for _, want := range []string{
			"  administrator: " + a.Admin.Email + " / " + demo.Password,
			"  sponsor: " + a.Sponsor.Email + " / " + demo.Password,
			"  steward: " + a.Steward.Email + " / " + demo.Password,
			"  member: " + a.Member.Email + " / " + demo.Password,
			"Simulation in Nursing Education",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
}

func TestAccountsMatchTheirRoles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		load(t, d)
		a := demo.Accounts()
		if a.Admin.Email != "admin@northfield.example" {
			t.Errorf("admin e-mail = %q", a.Admin.Email)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id
			JOIN communities c ON c.id = m.community_id
			WHERE p.email = $1 AND c.slug = $2 AND m.role = 'steward' AND m.status = 'active'`, a.Steward.Email, a.Steward.Community); n != 1 {
			t.Errorf("%s does not steward %s", a.Steward.Email, a.Steward.Community)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id
			WHERE p.email = $1 AND m.status = 'active' AND m.role = 'member'`, a.Member.Email); n < 2 {
			t.Errorf("%s is a plain member of %d communities, want at least 2", a.Member.Email, n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id
			WHERE p.email = $1 AND m.role <> 'member'`, a.Member.Email); n != 0 {
			t.Errorf("%s holds %d roles, want none", a.Member.Email, n)
		}

		svc := auth.NewService(d, auth.Options{BaseURL: "http://x"})
		for _, acc := range []demo.Account{a.Admin, a.Sponsor, a.Steward, a.Member} {
			actor, session, err := svc.SignIn(ctx, acc.Email, demo.Password, "127.0.0.1", "test")
			if err != nil {
				t.Fatalf("sign in as %s: %v", acc.Email, err)
			}
			if session == "" || !actor.Verified || actor.Handle != acc.Handle || actor.Name != acc.Name {
				t.Errorf("sign in as %s: actor %+v, session %q", acc.Email, actor, session)
			}
			if actor.Admin != (acc == a.Admin) {
				t.Errorf("%s: Admin = %v", acc.Email, actor.Admin)
			}
			if actor.Sponsor != (acc == a.Sponsor) {
				t.Errorf("%s: Sponsor = %v", acc.Email, actor.Sponsor)
			}
		}
	})
}

func TestLoadRefusesASecondTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		load(t, d)
		before := count(t, d, "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM memberships)")
		var out bytes.Buffer
		err := demo.Load(context.Background(), d, &out)
		if !errors.Is(err, demo.ErrLoaded) || !strings.Contains(err.Error(), "the demo is loaded already") {
			t.Fatalf("second Load = %v, want ErrLoaded", err)
		}
		if out.Len() != 0 {
			t.Errorf("second Load printed %q", out.String())
		}
		if after := count(t, d, "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM memberships)"); after != before {
			t.Errorf("rows went from %d to %d", before, after)
		}
	})
}

func TestLoadRefusesAnInstitutionsOwnData(t *testing.T) {
	for name, seed := range map[string]string{
		"a person": `INSERT INTO people (handle, email, name, password_hash, created_at)
			VALUES ('owner', 'owner@college.example', 'Owner', 'x', $1)`,
		"a department": "INSERT INTO departments (name, slug, created_at) VALUES ('Nursing', 'nursing', $1)",
	} {
		t.Run(name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				ctx := context.Background()
				if _, err := d.ExecContext(ctx, seed, db.Now()); err != nil {
					t.Fatal(err)
				}
				const all = `SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM departments)
					+ (SELECT COUNT(*) FROM communities) + (SELECT COUNT(*) FROM settings)`
				before := count(t, d, all)
				err := demo.Load(ctx, d, &bytes.Buffer{})
				if !errors.Is(err, demo.ErrNotEmpty) {
					t.Fatalf("Load = %v, want ErrNotEmpty", err)
				}
				if after := count(t, d, all); after != before {
					t.Errorf("rows went from %d to %d", before, after)
				}
			})
		})
	}
}

// TestLoadGivesEveryCommunityARepertoire checks the practice library the
// demo writes: entries of every kind with their history, comments, helpful
// marks, collections and stale entries, consistent with the memberships, and
// in the search index.
func TestLoadGivesEveryCommunityARepertoire(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		out := load(t, d)
		now := db.Now()

		entries := count(t, d, "SELECT COUNT(*) FROM entries")
		if entries < 50 || entries > 70 {
			t.Errorf("entries = %d, want 50 to 70", entries)
		}
		if want := fmt.Sprintf(", %d practice entries.", entries); !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}

		// Every community: at least 8 entries of all four kinds, a Start
		// here of 3 or more published entries, and stale entries.
		rows, err := d.QueryContext(ctx, `SELECT c.slug,
			(SELECT COUNT(*) FROM entries e WHERE e.community_id = c.id),
			(SELECT COUNT(DISTINCT e.kind) FROM entries e WHERE e.community_id = c.id),
			(SELECT COUNT(*) FROM collections k JOIN collection_entries ce ON ce.collection_id = k.id
				JOIN entries e ON e.id = ce.entry_id WHERE k.community_id = c.id AND k.start_here = TRUE AND e.maturity <> 'draft'),
			(SELECT COUNT(*) FROM collections k WHERE k.community_id = c.id AND k.start_here = TRUE AND k.slug = 'start-here'),
			(SELECT COUNT(*) FROM entries e WHERE e.community_id = c.id AND e.maturity <> 'draft' AND (e.review_by < $1
				OR (CASE WHEN e.verified_at > e.updated_at THEN e.verified_at ELSE e.updated_at END) < $2))
			FROM communities c ORDER BY c.slug`, now, now.AddDate(0, 0, -365))
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for rows.Next() {
			var slug string
			var n, kinds, startHere, startHeres, stale int
			if err := rows.Scan(&slug, &n, &kinds, &startHere, &startHeres, &stale); err != nil {
				t.Fatal(err)
			}
			seen++
			if n < 8 || kinds != 4 {
				t.Errorf("%s has %d entries of %d kinds, want at least 8 of all 4", slug, n, kinds)
			}
			if startHeres != 1 || startHere < 3 {
				t.Errorf("%s has %d Start here collections holding %d published entries, want 1 with at least 3", slug, startHeres, startHere)
			}
			if stale < 2 {
				t.Errorf("%s has %d stale entries, want at least 2", slug, stale)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if seen < 6 {
			t.Errorf("only %d communities", seen)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM collections WHERE start_here = FALSE"); n < 2 {
			t.Errorf("other collections = %d, want at least 2", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM collection_entries ce JOIN collections k ON k.id = ce.collection_id JOIN entries e ON e.id = ce.entry_id WHERE e.community_id <> k.community_id OR e.maturity = 'draft'"); n != 0 {
			t.Errorf("%d collection entries are drafts or from another community", n)
		}
		for _, m := range []string{"draft", "published", "reviewed", "endorsed"} {
			if n := count(t, d, "SELECT COUNT(*) FROM entries WHERE maturity = $1", m); n < 3 {
				t.Errorf("%s entries = %d, want at least 3", m, n)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM entries WHERE (maturity = 'draft') <> (published_at IS NULL)
			OR (maturity IN ('reviewed', 'endorsed')) <> (reviewed_by IS NOT NULL) OR (maturity = 'endorsed') <> (endorsed_by IS NOT NULL)
			OR (verified_at IS NULL) <> (verified_by IS NULL)`); n != 0 {
			t.Errorf("%d entries have a maturity that disagrees with their publication, review, endorsement or verification", n)
		}

		// Revisions: numbered 1..revision, in time order, the first when the
		// entry was created, the last holding its current text.
		if n := count(t, d, `SELECT COUNT(*) FROM entries e WHERE e.revision <> (SELECT COUNT(*) FROM revisions r WHERE r.subject_type = 'entry' AND r.subject_id = e.id)
			OR e.revision <> (SELECT MAX(r.number) FROM revisions r WHERE r.subject_type = 'entry' AND r.subject_id = e.id)`); n != 0 {
			t.Errorf("%d entries' revision numbers disagree with their revisions", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM entries e JOIN revisions r ON r.subject_type = 'entry' AND r.subject_id = e.id AND r.number = e.revision
			WHERE r.title <> e.title OR r.summary <> e.summary OR r.body <> e.body OR r.created_at <> e.updated_at`); n != 0 {
			t.Errorf("%d entries differ from their latest revision", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM entries e JOIN revisions r ON r.subject_type = 'entry' AND r.subject_id = e.id AND r.number = 1
			WHERE r.created_at <> e.created_at OR r.author_id <> e.created_by`); n != 0 {
			t.Errorf("%d entries' first revision is not their creation", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM revisions a JOIN revisions b ON b.subject_type = a.subject_type AND b.subject_id = a.subject_id AND b.number = a.number + 1
			WHERE b.created_at <= a.created_at OR (b.title = a.title AND b.summary = a.summary AND b.body = a.body) OR b.note = ''`); n != 0 {
			t.Errorf("%d revisions are out of order, change nothing or have no edit note", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM entries WHERE revision > 1"); n < entries/2 {
			t.Errorf("only %d entries were revised", n)
		}

		// People: authors, contributors, revisers, commenters and helpful
		// marks are active members who had joined by then; nothing is in the
		// future, nor after the archived community closed.
		member := `SELECT COUNT(*) FROM memberships m WHERE m.community_id = e.community_id AND m.person_id = %s
			AND m.status = 'active' AND m.created_at <= %s`
		for what, query := range map[string]string{
			"entry people": "SELECT COUNT(*) FROM entry_people x JOIN entries e ON e.id = x.entry_id WHERE NOT EXISTS (" + fmt.Sprintf(member, "x.person_id", "x.since") + ")",
			"revisions":    "SELECT COUNT(*) FROM revisions x JOIN entries e ON e.id = x.subject_id AND x.subject_type = 'entry' WHERE NOT EXISTS (" + fmt.Sprintf(member, "x.author_id", "x.created_at") + ")",
			"comments":     "SELECT COUNT(*) FROM posts x JOIN entries e ON e.id = x.subject_id AND x.subject_kind = 'entry' WHERE x.created_at < e.created_at OR NOT EXISTS (" + fmt.Sprintf(member, "x.author_id", "x.created_at") + ")",
			"helpful marks": "SELECT COUNT(*) FROM entry_helpful x JOIN entries e ON e.id = x.entry_id WHERE x.created_at < e.created_at OR NOT EXISTS (" + fmt.Sprintf(member, "x.person_id", "x.created_at") + ")" +
				" OR EXISTS (SELECT 1 FROM entry_people a WHERE a.entry_id = e.id AND a.person_id = x.person_id AND a.role = 'author')",
		} {
			if n := count(t, d, query); n != 0 {
				t.Errorf("%d %s are not by members who had joined by then (or helpful marks by authors)", n, what)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM entries e JOIN communities c ON c.id = e.community_id
			WHERE e.updated_at > COALESCE(c.archived_at, $1) OR e.created_at < c.created_at
			OR EXISTS (SELECT 1 FROM posts x WHERE x.subject_id = e.id AND x.subject_kind = 'entry' AND x.created_at > COALESCE(c.archived_at, $1))
			OR EXISTS (SELECT 1 FROM entry_helpful x WHERE x.entry_id = e.id AND x.created_at > COALESCE(c.archived_at, $1))`, now); n != 0 {
			t.Errorf("%d entries have activity before their community began, after it closed, or in the future", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM entry_people WHERE role = 'contributor'"); n < 10 {
			t.Errorf("contributors = %d, want at least 10", n)
		}

		// Comments, helpful marks, views, freshness.
		if n := count(t, d, "SELECT COUNT(*) FROM posts WHERE subject_kind = 'entry'"); n < 2*entries {
			t.Errorf("comments = %d, want at least %d", n, 2*entries)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM posts x JOIN entries e ON e.id = x.subject_id AND x.subject_kind = 'entry'
			JOIN memberships m ON m.community_id = e.community_id AND m.person_id = x.hidden_by AND m.role IN ('moderator', 'steward')
			WHERE x.hidden_at > x.created_at`); n != 1 {
			t.Errorf("comments hidden by a moderator = %d, want 1", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM posts c JOIN entries e ON e.id = c.subject_id AND c.subject_kind = 'entry' WHERE e.maturity = 'draft'"); n != 0 {
			t.Errorf("%d comments on drafts", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM entry_helpful"); n < 3*entries {
			t.Errorf("helpful marks = %d, want at least %d", n, 3*entries)
		}
		if n := count(t, d, "SELECT COUNT(DISTINCT views) FROM entries WHERE maturity <> 'draft'"); n < entries/2 {
			t.Errorf("only %d distinct view counts", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM entries WHERE verified_at > $1", now.AddDate(0, 0, -90)); n < 3 {
			t.Errorf("entries verified in the last 90 days = %d, want at least 3", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM entries WHERE source <> ''"); n < 6 {
			t.Errorf("entries with a source = %d, want at least 6", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM entries WHERE resource_url <> '' AND kind = 'resource'"); n < 1 {
			t.Error("no resource has a URL")
		}

		// The entries and visible comments are in the search index; a
		// hidden comment is not.
		for q, want := range map[string]string{"moulage": "moulage-recipes", "laminated": "running-a-pearls-debrief", "almond flour": "the-almond-flour-near-miss"} {
			res, err := search.Search(ctx, d, auth.Actor{}, search.Query{Text: q})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, h := range res.Hits {
				found = found || h.EntrySlug == want
			}
			if !found {
				t.Errorf("search for %q does not find %s: %+v", q, want, res.Hits)
			}
		}
		if res, err := search.Search(ctx, d, auth.Actor{}, search.Query{Text: "furious", Kind: "comment"}); err != nil || len(res.Hits) != 0 {
			t.Errorf("search finds the hidden comment: %+v, %v", res.Hits, err)
		}
	})
}
