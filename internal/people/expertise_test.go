package people_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
	"hearth/internal/ratelimit"
)

func TestProfileKeepsPronounsLanguagesAndInterests(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		bob := person(t, d, "bob", false)
		err := s.UpdateProfile(ctx, bob, people.ProfileInput{Name: "Bob", Pronouns: strings.Repeat("x", 41),
			Languages: strings.Repeat("y", 201), Interests: "a, b, c, d, e, f, g, h, i, j, k"})
		for _, f := range []string{"pronouns", "languages", "interests"} {
			if errs.FieldsOf(err)[f] == "" {
				t.Errorf("no error on %s: %v", f, err)
			}
		}
		if err := s.UpdateProfile(ctx, bob, people.ProfileInput{Name: "Bob", Pronouns: " he / him ", Languages: "English,  Welsh",
			Interests: "Sourdough, fermentation, sourdough"}); err != nil {
			t.Fatal(err)
		}
		p, err := s.Profile(ctx, bob, "bob")
		if err != nil || p.Pronouns != "he / him" || p.Languages != "English, Welsh" || strings.Join(p.Interests, "|") != "fermentation|sourdough" {
			t.Fatalf("profile = %+v, %v", p, err)
		}
	})
}

func TestSetExpertiseValidatesEachRow(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		bob := person(t, d, "bob", false)
		err := s.SetExpertise(ctx, bob, []people.ExpertiseInput{{"Sourdough", "expert"}, {"sourdough", "learning"},
			{"no, commas", "expert"}, {"pickles", "guru"}, {"", "expert"}})
		fields := errs.FieldsOf(err)
		if fields["topic_1"] == "" || fields["topic_2"] == "" || fields["level_3"] == "" || fields["topic_0"] != "" || len(fields) != 3 {
			t.Fatalf("errors = %v", fields)
		}
		if list, _ := s.ExpertiseOf(ctx, bob, bob.PersonID); len(list) != 0 {
			t.Fatalf("a refused form saved %+v", list)
		}
		many := make([]people.ExpertiseInput, people.MaxExpertise+1)
		for i := range many {
			many[i] = people.ExpertiseInput{Tag: "topic " + string(rune('a'+i)), Level: "learning"}
		}
		if err := s.SetExpertise(ctx, bob, many); errs.FieldsOf(err)["topic_0"] == "" {
			t.Fatalf("21 topics: %v", err)
		}
		if err := s.SetExpertise(ctx, bob, []people.ExpertiseInput{{"pickles", "learning"}, {"Sourdough", "expert"}, {"kimchi", "practising"}}); err != nil {
			t.Fatal(err)
		}
		list, err := s.ExpertiseOf(ctx, bob, bob.PersonID)
		if err != nil || len(list) != 3 || list[0].Tag != "sourdough" || list[1].Tag != "kimchi" || list[2].Level != people.Learning {
			t.Fatalf("expertise = %+v, %v", list, err)
		}
		// Removing a topic (no level) drops it, and its score.
		if err := s.SetExpertise(ctx, bob, []people.ExpertiseInput{{"sourdough", "expert"}, {"kimchi", ""}}); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM expertise_scores WHERE person_id = $1", bob.PersonID).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d scores left, %v", n, err)
		}
		if _, err := s.ExpertiseOf(ctx, auth.Actor{}, bob.PersonID); !errs.Is(err, errs.Unauthenticated) {
			t.Fatalf("a visitor reads expertise: %v", err)
		}
	})
}

func TestEndorsementRules(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		bob, carol, dan := person(t, d, "bob", false), person(t, d, "carol", false), person(t, d, "dan", false)
		if err := s.SetExpertise(ctx, bob, []people.ExpertiseInput{{"sourdough", "expert"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.Endorse(ctx, bob, "bob", "sourdough", ""); errs.FieldsOf(err)["topic"] == "" {
			t.Errorf("self-endorsement: %v", err)
		}
		if err := s.Endorse(ctx, carol, "bob", "kimchi", ""); errs.FieldsOf(err)["topic"] == "" {
			t.Errorf("a topic bob does not list: %v", err)
		}
		if err := s.Endorse(ctx, carol, "bob", "sourdough", strings.Repeat("n", 501)); errs.FieldsOf(err)["note"] == "" {
			t.Errorf("a long note: %v", err)
		}
		if err := s.Endorse(ctx, carol, "nobody", "sourdough", ""); !errs.Is(err, errs.NotFound) {
			t.Errorf("endorse nobody: %v", err)
		}
		if err := s.Endorse(ctx, auth.Actor{}, "bob", "sourdough", ""); !errs.Is(err, errs.Unauthenticated) {
			t.Errorf("a visitor endorses: %v", err)
		}
		if err := s.Endorse(ctx, carol, "bob", " Sourdough ", "Her starter fed the ward."); err != nil {
			t.Fatal(err)
		}
		if err := s.Endorse(ctx, carol, "bob", "sourdough", "again"); !errs.Is(err, errs.Conflict) {
			t.Errorf("a second endorsement: %v, want Conflict", err)
		}
		if err := s.Endorse(ctx, dan, "bob", "sourdough", ""); err != nil {
			t.Fatal(err)
		}
		var verb string
		var target int64
		if err := d.QueryRowContext(ctx, `SELECT a.verb, t.person_id FROM activities a JOIN activity_targets t ON t.activity_id = a.id
			WHERE a.actor_id = $1`, carol.PersonID).Scan(&verb, &target); err != nil || verb != "person.endorsed" || target != bob.PersonID {
			t.Errorf("activity = %q to %d, %v", verb, target, err)
		}
		score := func() (n int) {
			t.Helper()
			if err := d.QueryRowContext(ctx, "SELECT endorsements FROM expertise_scores WHERE person_id = $1 AND tag = 'sourdough'", bob.PersonID).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := score(); n != 2 {
			t.Errorf("endorsements counted = %d, want 2", n)
		}
		list, _ := s.ExpertiseOf(ctx, bob, bob.PersonID)
		var carols int64
		for _, e := range list[0].Endorsements {
			if e.EndorserID == carol.PersonID {
				carols = e.ID
			}
		}
		// Only bob hides an endorsement of his; to anyone else it is not there.
		if err := s.SetEndorsementHidden(ctx, carol, "bob", carols, true); !errs.Is(err, errs.NotFound) {
			t.Errorf("carol hides bob's endorsement: %v, want NotFound", err)
		}
		if err := s.SetEndorsementHidden(ctx, bob, "carol", carols, true); !errs.Is(err, errs.NotFound) {
			t.Errorf("bob hides through carol's handle: %v, want NotFound", err)
		}
		if err := s.SetEndorsementHidden(ctx, bob, "bob", carols, true); err != nil {
			t.Fatal(err)
		}
		if n := score(); n != 1 {
			t.Errorf("endorsements counted with one hidden = %d, want 1", n)
		}
		for _, viewer := range []auth.Actor{dan, carol} {
			list, err := s.ExpertiseOf(ctx, viewer, bob.PersonID)
			if err != nil || len(list[0].Endorsements) != 1 || list[0].Endorsements[0].EndorserID != dan.PersonID {
				t.Errorf("%s sees %+v, %v: want dan's only", viewer.Handle, list, err)
			}
		}
		if list, _ := s.ExpertiseOf(ctx, carol, bob.PersonID); !list[0].Endorsed {
			t.Error("carol may endorse again after bob hid hers")
		}
		if list, _ := s.ExpertiseOf(ctx, bob, bob.PersonID); len(list[0].Endorsements) != 2 || !list[0].Endorsements[0].Hidden {
			t.Errorf("bob sees %+v: want both, carol's hidden", list[0].Endorsements)
		}
		if err := s.SetEndorsementHidden(ctx, bob, "bob", carols, false); err != nil || score() != 2 {
			t.Errorf("shown again: %v, %d endorsements", err, score())
		}
	})
}

// TestEndorseTwiceAtOnce: a double submit of one endorsement records one, and
// the other is a Conflict, not a failure.
func TestEndorseTwiceAtOnce(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		bob, carol := person(t, d, "bob", false), person(t, d, "carol", false)
		if err := s.SetExpertise(ctx, bob, []people.ExpertiseInput{{"sourdough", "expert"}}); err != nil {
			t.Fatal(err)
		}
		results := dbtest.Together(4, func(int) error { return s.Endorse(ctx, carol, "bob", "sourdough", "twice") })
		ok := 0
		for _, err := range results {
			switch {
			case err == nil:
				ok++
			case !errs.Is(err, errs.Conflict):
				t.Errorf("a concurrent endorsement failed: %v", err)
			}
		}
		var rows, counted int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM endorsements").Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if err := d.QueryRowContext(ctx, "SELECT endorsements FROM expertise_scores WHERE tag = 'sourdough'").Scan(&counted); err != nil {
			t.Fatal(err)
		}
		if ok != 1 || rows != 1 || counted != 1 {
			t.Errorf("%d succeeded, %d stored, %d counted: want 1 each", ok, rows, counted)
		}
	})
}

// Endorsements count under a per-person limit: past it, the next is refused
// with the limit's message and nothing is recorded.
func TestEndorsementsAreLimited(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(d)
		s.SetLimits(ratelimit.New(d, map[ratelimit.Action]ratelimit.Rule{ratelimit.Endorse: {Max: 2, Window: time.Hour}}, nil))
		carol := person(t, d, "carol", false)
		for _, h := range []string{"bob", "dan", "eve"} {
			p := person(t, d, h, false)
			if err := s.SetExpertise(ctx, p, []people.ExpertiseInput{{"sourdough", "expert"}}); err != nil {
				t.Fatal(err)
			}
		}
		for _, h := range []string{"bob", "dan"} {
			if err := s.Endorse(ctx, carol, h, "sourdough", ""); err != nil {
				t.Fatalf("endorse %s: %v", h, err)
			}
		}
		err := s.Endorse(ctx, carol, "eve", "sourdough", "")
		if !errs.Is(err, errs.TooManyRequests) || !strings.Contains(err.Error(), "endorsed many people") {
			t.Errorf("a third endorsement within the hour: %v", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM endorsements WHERE endorser_id = $1", carol.PersonID).Scan(&n); err != nil || n != 2 {
			t.Errorf("%d endorsements recorded, want 2 (%v)", n, err)
		}
	})
}
