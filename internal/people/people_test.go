package people_test

import (
	"context"
	"testing"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
)

func person(t *testing.T, d *db.DB, handle string, admin bool) auth.Actor {
	t.Helper()
	var id int64
	err := d.Writer().QueryRowContext(context.Background(), `INSERT INTO people (handle, email, name, password_hash, is_admin, created_at)
		VALUES ($1, $2, $3, 'x', $4, $5) RETURNING id`, handle, handle+"@example.org", "Person "+handle, admin, db.Now()).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return auth.Actor{PersonID: id, Handle: handle, Name: "Person " + handle, Admin: admin, Verified: true}
}

func TestDepartmentsAreManagedByAdministrators(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		admin, member := person(t, d, "ada", true), person(t, d, "bob", false)
		if _, err := s.CreateDepartment(ctx, member, "Nursing"); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("member creates a department: %v, want Forbidden", err)
		}
		dep, err := s.CreateDepartment(ctx, admin, "  Culinary   Arts ")
		if err != nil || dep.Name != "Culinary Arts" || dep.Slug != "culinary-arts" {
			t.Fatalf("create = %+v, %v", dep, err)
		}
		if _, err := s.CreateDepartment(ctx, admin, "culinary arts"); errs.FieldsOf(err)["name"] == "" {
			t.Fatalf("duplicate name: %v, want a field error on name", err)
		}
		if _, err := s.CreateDepartment(ctx, admin, "   "); errs.FieldsOf(err)["name"] == "" {
			t.Fatalf("empty name: %v, want a field error on name", err)
		}
		if err := s.RenameDepartment(ctx, admin, dep.ID, "Culinary Arts and Hospitality"); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateProfile(ctx, member, people.ProfileInput{Name: "Bob B", DepartmentID: dep.ID, Title: "Chef"}); err != nil {
			t.Fatal(err)
		}
		list, err := s.Departments(ctx)
		if err != nil || len(list) != 1 || list[0].Name != "Culinary Arts and Hospitality" || list[0].People != 1 {
			t.Fatalf("departments = %+v, %v", list, err)
		}
		if err := s.DeleteDepartment(ctx, admin, dep.ID); err != nil {
			t.Fatal(err)
		}
		p, err := s.Profile(ctx, admin, "bob")
		if err != nil || p.Department != "" || p.Title != "Chef" {
			t.Fatalf("profile after the department went = %+v, %v", p, err)
		}
		if err := s.DeleteDepartment(ctx, admin, dep.ID); !errs.Is(err, errs.NotFound) {
			t.Fatalf("delete twice: %v, want NotFound", err)
		}
	})
}

func TestProfileValidationAndVisibility(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		bob := person(t, d, "bob", false)
		err := s.UpdateProfile(ctx, bob, people.ProfileInput{Name: "", DepartmentID: 999, Bio: string(make([]byte, 2001))})
		fields := errs.FieldsOf(err)
		for _, f := range []string{"name", "department", "bio"} {
			if fields[f] == "" {
				t.Errorf("no error on %s: %v", f, err)
			}
		}
		if _, err := s.Profile(ctx, auth.Actor{}, "bob"); !errs.Is(err, errs.Unauthenticated) {
			t.Errorf("visitor reads a profile: %v, want Unauthenticated", err)
		}
		if _, err := s.Profile(ctx, bob, "nobody"); !errs.Is(err, errs.NotFound) {
			t.Errorf("unknown handle: %v, want NotFound", err)
		}
		if _, err := d.ExecContext(ctx, "UPDATE people SET disabled_at = $1 WHERE handle = 'bob'", db.Now()); err != nil {
			t.Fatal(err)
		}
		carol, admin := person(t, d, "carol", false), person(t, d, "ada", true)
		if _, err := s.Profile(ctx, carol, "bob"); !errs.Is(err, errs.NotFound) {
			t.Errorf("a disabled person's profile to others: %v, want NotFound", err)
		}
		if p, err := s.Profile(ctx, admin, "bob"); err != nil || !p.Disabled {
			t.Errorf("a disabled person's profile to an administrator: %+v, %v", p, err)
		}
	})
}

func TestListFindsByNameOrHandleAndPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		me := person(t, d, "zed", false)
		for i := 0; i < people.PeoplePageSize+5; i++ {
			person(t, d, "p"+string(rune('a'+i/26))+string(rune('a'+i%26)), false)
		}
		first, more, err := s.List(ctx, me, "", people.At{})
		if err != nil || len(first) != people.PeoplePageSize || !more {
			t.Fatalf("page 1 = %d people, more %v, %v", len(first), more, err)
		}
		list, more, err := s.List(ctx, me, "", people.At{After: first[len(first)-1].ID})
		if err != nil || len(list) != 6 || more || list[0].Handle <= first[len(first)-1].Handle {
			t.Fatalf("page 2 = %d people, more %v, %v", len(list), more, err)
		}
		back, more, err := s.List(ctx, me, "", people.At{Before: list[0].ID})
		if err != nil || !more || len(back) != people.PeoplePageSize || back[0].ID != first[0].ID || back[len(back)-1].ID != first[len(first)-1].ID {
			t.Fatalf("back from page 2 = %d people, more %v, %v", len(back), more, err)
		}
		list, _, err = s.List(ctx, me, "PAB", people.At{})
		if err != nil || len(list) != 1 || list[0].Handle != "pab" {
			t.Fatalf("search PAB = %+v, %v", list, err)
		}
		if list, _, err = s.List(ctx, me, "%_%", people.At{}); err != nil || len(list) != 0 {
			t.Fatalf("wildcards match literally nothing: %d, %v", len(list), err)
		}
	})
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{"Ada Lovelace": "AL", "ada": "A", "Ngũgĩ wa Thiong'o": "NW", "": "", "  Émile  Zola ": "ÉZ"} {
		if got := people.Initials(name); got != want {
			t.Errorf("Initials(%q) = %q, want %q", name, got, want)
		}
	}
}

// newService is the people service over d, with the community policy.
func newService(d *db.DB) *people.Service {
	communities := community.NewService(d, nil, "http://hearth.test", nil)
	s := people.NewService(d, communities, nil)
	s.SetTalk(conversation.NewService(d, communities, nil))
	return s
}
