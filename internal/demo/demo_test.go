package demo_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/demo"
	"hearth/internal/instance"
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
		for _, acc := range []demo.Account{a.Admin, a.Steward, a.Member} {
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
