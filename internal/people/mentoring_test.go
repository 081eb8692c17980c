package people_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// mentoringWorld is newWorld with everyone a member of "open" (topics
// sourdough and rye), ana in Bakery and the others in Bakery or Nursing.
func mentoringWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	w := newWorld(t, d)
	w.run(t, "INSERT INTO community_tags (community_id, tag) VALUES ($1, 'rye')", w.ids["open"])
	bakery := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Bakery', 'bakery', $1)", db.Now())
	nursing := w.exec(t, "INSERT INTO departments (name, slug, created_at) VALUES ('Nursing', 'nursing', $1)", db.Now())
	for h, dept := range map[string]int64{"ana": bakery, "ben": bakery, "cy": nursing, "dee": bakery, "eve": nursing, "fay": nursing, "gus": nursing} {
		w.join(t, "open", h)
		w.run(t, "UPDATE people SET department_id = $1 WHERE id = $2", dept, w.actors[h].PersonID)
	}
	return w
}

func (w *world) offer(t *testing.T, handle, topics string, level people.Level, capacity int) {
	t.Helper()
	if err := w.s.SaveOffer(context.Background(), w.actors[handle], "open", people.OfferInput{Topics: topics, Level: string(level), Capacity: capacity}); err != nil {
		t.Fatalf("%s offers: %v", handle, err)
	}
}

func (w *world) ask(t *testing.T, handle, topics string) int64 {
	t.Helper()
	id, err := w.s.AskForMentor(context.Background(), w.actors[handle], "open", people.RequestInput{Topics: topics, Goal: "Bake a loaf that rises."})
	if err != nil {
		t.Fatalf("%s asks for a mentor: %v", handle, err)
	}
	return id
}

func matchHandles(list []people.MentorMatch) []string {
	var out []string
	for _, m := range list {
		out = append(out, m.Handle)
	}
	return out
}

// The suggestions follow the rules: topics covered, then another
// department, then level, then expertise score; paused offers, full
// offers and non-members are left out; each says why.
func TestMentorsAreMatchedAsTheRulesSay(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := mentoringWorld(t, d)
		w.offer(t, "ben", "sourdough, rye", people.Practising, 2) // both topics, same department
		w.offer(t, "cy", "sourdough", people.Practising, 2)       // another department, practising
		w.offer(t, "dee", "sourdough", people.Expert, 2)          // same department, expert, high score
		w.offer(t, "eve", "sourdough", people.Expert, 2)          // another department, expert
		w.offer(t, "fay", "sourdough", people.Expert, 2)          // paused
		w.offer(t, "gus", "sourdough", people.Expert, 1)          // full
		w.run(t, `INSERT INTO expertise_scores (tag, person_id, level, score) VALUES ('sourdough', $1, 3, 90), ('sourdough', $2, 3, 10)`,
			w.actors["dee"].PersonID, w.actors["cy"].PersonID)
		if err := w.s.PauseOffer(ctx, w.actors["fay"], "open", true); err != nil {
			t.Fatal(err)
		}
		w.run(t, `INSERT INTO mentorships (community_id, mentor_id, mentee_id, topics, status, created_at) VALUES ($1, $2, $3, 'sourdough', 'active', $4)`,
			w.ids["open"], w.actors["gus"].PersonID, w.actors["fay"].PersonID, db.Now())
		w.run(t, `INSERT INTO mentor_offers (community_id, person_id, level, capacity, created_at, updated_at) VALUES ($1, $2, 'expert', 5, $3, $3)`,
			w.ids["open"], w.actors["viewer"].PersonID, db.Now()) // not a member (left)
		w.run(t, `INSERT INTO mentor_offer_topics (community_id, person_id, tag) VALUES ($1, $2, 'sourdough')`, w.ids["open"], w.actors["viewer"].PersonID)

		req := w.ask(t, "ana", "sourdough, rye")
		_, _, list, err := w.s.SuggestMentors(ctx, w.actors["ana"], "open", req)
		want := []string{"ben", "eve", "cy", "dee"}
		if got := matchHandles(list); err != nil || !slices.Equal(got, want) {
			t.Fatalf("suggestions %v (%v), want %v", got, err, want)
		}
		for i, why := range []string{"mentors in rye, sourdough · practising", "from another department (Nursing) · expert (self-rated)",
			"from another department (Nursing) · practising (self-rated) · expertise score 10", "mentors in sourdough · expert (self-rated) · expertise score 90"} {
			if !strings.Contains(list[i].Why(), why) {
				t.Errorf("%s: why %q lacks %q", list[i].Handle, list[i].Why(), why)
			}
		}
		if _, _, again, _ := w.s.SuggestMentors(ctx, w.actors["ana"], "open", req); !slices.Equal(matchHandles(again), want) {
			t.Errorf("a second time: %v", matchHandles(again))
		}
		// Only the asker and stewards see a request's suggestions.
		if _, _, _, err := w.s.SuggestMentors(ctx, w.actors["ben"], "open", req); !errs.Is(err, errs.NotFound) {
			t.Errorf("another member reads the suggestions: %v", err)
		}
		w.run(t, "UPDATE memberships SET role = 'steward' WHERE person_id = $1", w.actors["gus"].PersonID)
		if _, _, got, err := w.s.SuggestMentors(ctx, w.actors["gus"], "open", req); err != nil || len(got) != 4 {
			t.Errorf("a steward reads the suggestions: %v (%v)", matchHandles(got), err)
		}
	})
}

// A mentorship is proposed, accepted, lived and ended; only the pair and
// the community's stewards see it, and its activities are told to the pair
// alone, in no feed.
func TestMentorshipLifecycleAndPrivacy(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := mentoringWorld(t, d)
		w.run(t, "UPDATE memberships SET role = 'steward' WHERE person_id = $1", w.actors["gus"].PersonID)
		w.offer(t, "ben", "sourdough", people.Expert, 2)
		w.offer(t, "eve", "sourdough", people.Expert, 2)
		req := w.ask(t, "ana", "sourdough")
		if _, err := w.s.ProposeMentorship(ctx, w.actors["ana"], "open", req, "fay"); errs.FieldsOf(err)["mentor"] == "" {
			t.Errorf("proposing someone not suggested: %v", err)
		}
		if _, err := w.s.ProposeMentorship(ctx, w.actors["cy"], "open", req, "ben"); !errs.Is(err, errs.NotFound) {
			t.Errorf("another member proposes: %v", err)
		}
		toBen, err := w.s.ProposeMentorship(ctx, w.actors["ana"], "open", req, "ben")
		if err != nil {
			t.Fatal(err)
		}
		toEve, err := w.s.ProposeMentorship(ctx, w.actors["gus"], "open", req, "eve") // a steward proposes too
		if err != nil {
			t.Fatal(err)
		}
		for h, ok := range map[string]bool{"ana": true, "ben": true, "gus": true, "cy": false, "viewer": false} {
			_, _, err := w.s.MentorshipPage(ctx, w.actors[h], "open", toBen)
			if ok != (err == nil) || (!ok && !errs.Is(err, errs.NotFound) && !errs.Is(err, errs.Unauthenticated)) {
				t.Errorf("%s reads the mentorship: %v", h, err)
			}
		}
		if err := w.s.AnswerMentorship(ctx, w.actors["ana"], "open", toBen, true); !errs.Is(err, errs.Forbidden) {
			t.Errorf("the mentee accepts for the mentor: %v", err)
		}
		if err := w.s.AnswerMentorship(ctx, w.actors["ben"], "open", toBen, true); err != nil {
			t.Fatal(err)
		}
		if err := w.s.AnswerMentorship(ctx, w.actors["eve"], "open", toEve, true); !errs.Is(err, errs.Conflict) {
			t.Errorf("accepting a proposal cancelled by the match: %v", err)
		}
		if got := count(t, d, `SELECT COUNT(*) FROM mentor_requests WHERE id = $1 AND status = 'matched'`, req); got != 1 {
			t.Error("the request is not met")
		}

		// Goals, check-ins and their limits.
		if err := w.s.SetGoals(ctx, w.actors["ana"], "open", toBen, "- Shape a batard\n- Keep a starter alive"); err != nil {
			t.Fatal(err)
		}
		if err := w.s.SetGoals(ctx, w.actors["gus"], "open", toBen, "stewards read"); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a steward writes goals: %v", err)
		}
		if err := w.s.SetGoals(ctx, w.actors["cy"], "open", toBen, "x"); !errs.Is(err, errs.NotFound) {
			t.Errorf("another member writes goals: %v", err)
		}
		err = w.s.AddCheckIn(ctx, w.actors["ben"], "open", toBen, "tomorrow", strings.Repeat("x", people.MaxCheckIn+1))
		if f := errs.FieldsOf(err); f["date"] == "" || f["note"] == "" {
			t.Errorf("a bad check-in: %v", err)
		}
		future := db.Now().Add(72 * time.Hour).Format(time.DateOnly)
		if err := w.s.AddCheckIn(ctx, w.actors["ben"], "open", toBen, future, "Met"); errs.FieldsOf(err)["date"] == "" {
			t.Errorf("a check-in in the future: %v", err)
		}
		today := db.Now().Format(time.DateOnly)
		for _, h := range []string{"ben", "ana"} {
			if err := w.s.AddCheckIn(ctx, w.actors[h], "open", toBen, today, "Shaped two loaves."); err != nil {
				t.Fatal(err)
			}
		}
		_, m, err := w.s.MentorshipPage(ctx, w.actors["gus"], "open", toBen)
		if err != nil || m.Status != people.MentorshipActive || len(m.CheckIns) != 2 || !strings.Contains(m.Goals, "batard") || m.InPair() {
			t.Fatalf("the steward's view: %+v (%v)", m, err)
		}

		// The end, with a reflection by each.
		if err := w.s.EndMentorship(ctx, w.actors["ana"], "open", toBen, " "); errs.FieldsOf(err)["reflection"] == "" {
			t.Errorf("ending without a reflection: %v", err)
		}
		if err := w.s.EndMentorship(ctx, w.actors["ana"], "open", toBen, "I bake every week now."); err != nil {
			t.Fatal(err)
		}
		if err := w.s.EndMentorship(ctx, w.actors["ben"], "open", toBen, "Ana learned fast."); err != nil {
			t.Fatal(err)
		}
		if err := w.s.AddCheckIn(ctx, w.actors["ben"], "open", toBen, today, "late"); !errs.Is(err, errs.Conflict) {
			t.Errorf("a check-in after the end: %v", err)
		}
		_, m, _ = w.s.MentorshipPage(ctx, w.actors["ben"], "open", toBen)
		if m.Status != people.MentorshipEnded || m.MenteeReflection != "I bake every week now." || m.MentorReflection != "Ana learned fast." || !m.IsMentor {
			t.Errorf("ended: %+v", m)
		}

		// Told to the other of the pair; in no feed; in nobody's overview but theirs and the stewards'.
		if n := count(t, d, `SELECT COUNT(*) FROM activities WHERE subject_kind = 'mentorship' AND audience <> 'subject'`); n != 0 {
			t.Errorf("%d mentoring activities in feeds", n)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM activity_targets t JOIN activities a ON a.id = t.activity_id
			WHERE a.subject_kind = 'mentorship' AND t.person_id NOT IN ($1, $2, $3)`, w.actors["ana"].PersonID, w.actors["ben"].PersonID, w.actors["eve"].PersonID); n != 0 {
			t.Errorf("%d mentoring activities told to others", n)
		}
		for h, want := range map[string]bool{"ana": true, "ben": true, "cy": false, "gus": false} {
			if in, err := w.s.InMentorship(ctx, w.actors[h].PersonID, toBen); err != nil || in != want {
				t.Errorf("%s in the mentorship: %v (%v)", h, in, err)
			}
		}
		for h, mine := range map[string]int{"ana": 1, "ben": 1, "cy": 0} {
			o, err := w.s.Mentoring(ctx, w.actors[h], "open", 0)
			if err != nil || len(o.Mine) != mine || len(o.All) != 0 {
				t.Errorf("%s's overview: %d mine, %d all (%v)", h, len(o.Mine), len(o.All), err)
			}
		}
		if o, err := w.s.Mentoring(ctx, w.actors["gus"], "open", 0); err != nil || len(o.All) != 2 {
			t.Errorf("the steward's overview: %d (%v)", len(o.All), err)
		}
		if _, err := w.s.Mentoring(ctx, w.actors["viewer"], "open", 0); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a non-member's overview: %v", err)
		}
	})
}

// Two accepts at once cannot take a mentor past the mentees they offered
// to take, nor give one request two mentors: one passes, the other is
// refused and changes nothing.
func TestMentorCapacityHoldsUnderConcurrentAccepts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := mentoringWorld(t, d)
		w.offer(t, "ben", "sourdough", people.Expert, 1)
		var ids []int64
		for _, h := range []string{"ana", "cy", "dee"} {
			id, err := w.s.ProposeMentorship(ctx, w.actors[h], "open", w.ask(t, h, "sourdough"), "ben")
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		results := dbtest.Together(3, func(i int) error { return w.s.AnswerMentorship(ctx, w.actors["ben"], "open", ids[i], true) })
		refused := 0
		for _, err := range results {
			switch {
			case errs.Is(err, errs.Conflict):
				refused++
			case err != nil:
				t.Errorf("accept: %v", err)
			}
		}
		if n := count(t, d, `SELECT COUNT(*) FROM mentorships WHERE mentor_id = $1 AND status = 'active'`, w.actors["ben"].PersonID); n != 1 || refused != 2 {
			t.Errorf("%d active, %d refused (%v)", n, refused, results)
		}

		// Two mentors accept one request at once: one mentorship begins,
		// the other is refused.
		w.offer(t, "eve", "sourdough", people.Expert, 2)
		w.offer(t, "fay", "sourdough", people.Expert, 2)
		req := w.ask(t, "gus", "sourdough")
		var both []int64
		for _, h := range []string{"eve", "fay"} {
			id, err := w.s.ProposeMentorship(ctx, w.actors["gus"], "open", req, h)
			if err != nil {
				t.Fatal(err)
			}
			both = append(both, id)
		}
		results = dbtest.Together(2, func(i int) error {
			return w.s.AnswerMentorship(ctx, w.actors[[]string{"eve", "fay"}[i]], "open", both[i], true)
		})
		if n := count(t, d, `SELECT COUNT(*) FROM mentorships WHERE request_id = $1 AND status = 'active'`, req); n != 1 ||
			(results[0] == nil) == (results[1] == nil) {
			t.Errorf("two mentors accept one request at once: %d active (%v)", n, results)
		}
	})
}

// Offers and requests say what is wrong with each field and change nothing.
func TestMentoringValidation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := mentoringWorld(t, d)
		err := w.s.SaveOffer(ctx, w.actors["ben"], "open", people.OfferInput{Topics: "a/b", Level: "learning", Capacity: 6, Note: strings.Repeat("x", 281)})
		for _, f := range []string{"topics", "level", "capacity", "note"} {
			if errs.FieldsOf(err)[f] == "" {
				t.Errorf("offer: no error on %s: %v", f, err)
			}
		}
		_, err = w.s.AskForMentor(ctx, w.actors["ana"], "open", people.RequestInput{Topics: "", Goal: strings.Repeat("x", people.MaxGoal+1)})
		if f := errs.FieldsOf(err); f["topics"] == "" || f["goal"] == "" {
			t.Errorf("request: %v", err)
		}
		for range people.MaxOpenRequests {
			w.ask(t, "ana", "rye")
		}
		if _, err := w.s.AskForMentor(ctx, w.actors["ana"], "open", people.RequestInput{Topics: "rye", Goal: "more"}); errs.FieldsOf(err)["topics"] == "" {
			t.Errorf("a fourth open request: %v", err)
		}
		if err := w.s.SaveOffer(ctx, w.actors["viewer"], "open", people.OfferInput{Topics: "rye", Level: "expert", Capacity: 1}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a non-member offers: %v", err)
		}
		if n := count(t, d, `SELECT COUNT(*) FROM mentor_offers`); n != 0 {
			t.Errorf("%d offers after refusals", n)
		}
	})
}
