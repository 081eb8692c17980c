package people_test

import (
	"context"
	"fmt"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
)

func names(list []people.Person) string {
	var out []string
	for _, p := range list {
		out = append(out, p.Handle)
	}
	return fmt.Sprint(out)
}

// TestFindFiltersPeople: the directory narrows by department, community,
// topic and level, each alone and together.
func TestFindFiltersPeople(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		dep := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Bakery', 'bakery', $1)", db.Now())
		w.run(t, "UPDATE people SET department_id = $1 WHERE handle IN ('ana', 'ben')", dep)
		w.declare(t, "ana", people.Expert)
		w.declare(t, "cy", people.Learning)
		w.join(t, "open", "ana")
		w.join(t, "open", "cy")
		w.join(t, "secret", "ben")
		viewer := w.actors["viewer"]
		for _, c := range []struct {
			f    people.Filter
			want string
		}{
			{people.Filter{Department: "bakery"}, "[ana ben]"},
			{people.Filter{Community: "open"}, "[ana cy]"},
			{people.Filter{Topic: "Sourdough"}, "[ana cy]"},
			{people.Filter{Topic: "sourdough", Level: people.Expert}, "[ana]"},
			{people.Filter{Level: people.Learning}, "[cy]"},
			{people.Filter{Department: "bakery", Community: "open", Topic: "sourdough"}, "[ana]"},
			{people.Filter{Query: "Person c", Community: "open"}, "[cy]"},
		} {
			list, _, err := w.s.Find(ctx, viewer, c.f, people.At{})
			if err != nil || names(list) != c.want {
				t.Errorf("%+v: %s, %v; want %s", c.f, names(list), err, c.want)
			}
		}
		if _, _, err := w.s.Find(ctx, viewer, people.Filter{Community: "secret"}, people.At{}); errs.FieldsOf(err)["community"] == "" {
			t.Errorf("members of a private community, to an outsider: %v", err)
		}
		if _, _, err := w.s.Find(ctx, viewer, people.Filter{Level: "guru"}, people.At{}); errs.FieldsOf(err)["level"] == "" {
			t.Errorf("a level that is none: %v", err)
		}
	})
}

// TestPeopleToMeetShareInterestsAcrossDepartments: suggestions come from
// other departments, those sharing most first, saying what they share.
func TestPeopleToMeetShareInterestsAcrossDepartments(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		bakery := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Bakery', 'bakery', $1)", db.Now())
		wards := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Wards', 'wards', $1)", db.Now())
		w.run(t, "UPDATE people SET department_id = $1 WHERE handle IN ('viewer', 'ana')", bakery)
		w.run(t, "UPDATE people SET department_id = $1 WHERE handle IN ('ben', 'cy', 'dee', 'eve')", wards)
		interests := map[string]string{"viewer": "pickles, cider", "ana": "pickles, cider", "ben": "pickles", "cy": "pickles, cider", "dee": "chess"}
		for h, list := range interests {
			a := w.actors[h]
			if err := w.s.UpdateProfile(ctx, a, people.ProfileInput{Name: a.Name, DepartmentID: map[bool]int64{true: bakery, false: wards}[h == "viewer" || h == "ana"],
				Interests: list}); err != nil {
				t.Fatal(err)
			}
		}
		w.declare(t, "viewer", people.Learning) // sourdough
		w.declare(t, "eve", people.Expert)
		list, err := w.s.PeopleToMeet(ctx, w.actors["viewer"])
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, s := range list {
			got += fmt.Sprintf("%s%v ", s.Handle, s.Shared)
		}
		if want := "cy[cider pickles] ben[pickles] eve[sourdough] "; got != want {
			t.Errorf("suggested %q, want %q (ana shares all but works in the same department; dee shares nothing)", got, want)
		}
		if list, err := w.s.PeopleToMeet(ctx, w.actors["gus"]); err != nil || len(list) != 0 {
			t.Errorf("gus lists nothing, yet is suggested %v, %v", list, err)
		}
	})
}
