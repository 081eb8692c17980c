package stewardship_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/stewardship"
)

// steps builds a story's steps: each cycle with its status.
func steps(cycles map[stewardship.Cycle]string) map[stewardship.Cycle]stewardship.StepInput {
	out := map[stewardship.Cycle]stewardship.StepInput{}
	for c, status := range cycles {
		out[c] = stewardship.StepInput{Text: "Step " + c.Name(), Status: status}
	}
	return out
}

func (w *world) tell(t *testing.T, handle, title string, cycles map[stewardship.Cycle]string) int64 {
	t.Helper()
	id, err := w.s.TellStory(context.Background(), w.actors[handle], "bread",
		stewardship.StoryInput{Title: title, Audience: stewardship.AudienceCommunity, Steps: steps(cycles)})
	if err != nil {
		t.Fatalf("tell %q: %v", title, err)
	}
	return id
}

// TestStoriesByFurthestCycle counts a constructed set of stories by the
// furthest cycle each realised, and the institution's matrix of them.
func TestStoriesByFurthestCycle(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC), "mia", "leo")
		r, h := stewardship.Realised, stewardship.Hoped
		w.tell(t, "mia", "Only hopes", map[stewardship.Cycle]string{stewardship.Immediate: h})
		w.tell(t, "mia", "Took part", map[stewardship.Cycle]string{stewardship.Immediate: r})
		w.tell(t, "leo", "Applied, realized hoped", map[stewardship.Cycle]string{stewardship.Immediate: r, stewardship.Applied: r, stewardship.Realized: h})
		w.tell(t, "leo", "Jumped to applied", map[stewardship.Cycle]string{stewardship.Applied: r})
		w.tell(t, "sam", "All the way", map[stewardship.Cycle]string{stewardship.Immediate: r, stewardship.Potential: r,
			stewardship.Applied: r, stewardship.Realized: r, stewardship.Reframing: r})
		hidden := w.tell(t, "mia", "Hidden", map[stewardship.Cycle]string{stewardship.Reframing: r})
		if err := w.s.HideStory(ctx, w.actors["sam"], "bread", hidden, true); err != nil {
			t.Fatal(err)
		}
		// Evidence on two realised steps of the applied cycle, one of them hoped for elsewhere.
		w.run(t, `UPDATE value_steps SET evidence = 'https://example.org/report' WHERE cycle = 3`)

		counts, err := w.s.CyclesReached(ctx, w.c)
		if err != nil {
			t.Fatal(err)
		}
		// none, immediate, potential, applied, realized, reframing
		if want := []int{1, 1, 0, 2, 0, 1}; !slices.Equal(counts, want) {
			t.Errorf("by furthest cycle: %v, want %v", counts, want)
		}
		p, err := w.s.Stories(ctx, w.actors["sam"], "bread")
		if err != nil {
			t.Fatal(err)
		}
		if p.Overview == nil {
			t.Fatal("a steward gets no overview")
		}
		var applied []string
		for _, l := range p.Overview.ByCycle[stewardship.Applied].Stories {
			applied = append(applied, l.Title)
		}
		if want := []string{"Jumped to applied", "Applied, realized hoped"}; !slices.Equal(applied, want) {
			t.Errorf("applied, newest first: %v, want %v", applied, want)
		}
		if n := p.Overview.ByCycle[stewardship.Reframing].Count; n != 1 {
			t.Errorf("the hidden story counts: reframing %d, want 1", n)
		}

		m, err := w.s.ValueMatrix(ctx, []int64{w.c, w.c + 1000})
		if err != nil {
			t.Fatal(err)
		}
		want := []stewardship.CycleValue{{stewardship.Immediate, 3, 0}, {stewardship.Potential, 1, 0}, {stewardship.Applied, 3, 3},
			{stewardship.Realized, 1, 0}, {stewardship.Reframing, 1, 0}}
		if !slices.Equal(m[w.c], want) {
			t.Errorf("matrix: %v, want %v", m[w.c], want)
		}
		if got := m[w.c+1000]; len(got) != 5 || got[0].Stories != 0 {
			t.Errorf("a community without stories: %v", got)
		}
		if share := m[w.c][2].Share(); share != 1 {
			t.Errorf("applied share with evidence %v, want 1", share)
		}
	})
}

// TestStoryValidation reports each problem on its field and stores nothing.
func TestStoryValidation(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC), "mia")
		mia := w.actors["mia"]
		long := string(make([]byte, stewardship.MaxStoryTitle+1))
		cases := []struct {
			name  string
			in    stewardship.StoryInput
			field string
		}{
			{"no title", stewardship.StoryInput{Audience: "community", Steps: steps(map[stewardship.Cycle]string{stewardship.Immediate: "realised"})}, "title"},
			{"long title", stewardship.StoryInput{Title: long, Audience: "community", Steps: steps(map[stewardship.Cycle]string{stewardship.Immediate: "realised"})}, "title"},
			{"no step", stewardship.StoryInput{Title: "T", Audience: "community"}, "immediate_text"},
			{"bad audience", stewardship.StoryInput{Title: "T", Audience: "everyone", Steps: steps(map[stewardship.Cycle]string{stewardship.Applied: "realised"})}, "audience"},
			{"bad status", stewardship.StoryInput{Title: "T", Audience: "community", Steps: steps(map[stewardship.Cycle]string{stewardship.Applied: "maybe"})}, "applied_status"},
			{"bad date", stewardship.StoryInput{Title: "T", Audience: "community", Steps: map[stewardship.Cycle]stewardship.StepInput{
				stewardship.Potential: {Text: "x", Date: "31/12/2025", Status: "realised"}}}, "potential_date"},
			{"date alone", stewardship.StoryInput{Title: "T", Audience: "community", Steps: map[stewardship.Cycle]stewardship.StepInput{
				stewardship.Potential: {Date: "2025-12-31", Status: "realised"}}}, "potential_text"},
			{"evidence not a web address", stewardship.StoryInput{Title: "T", Audience: "community", Steps: map[stewardship.Cycle]stewardship.StepInput{
				stewardship.Realized: {Text: "x", Evidence: "javascript:alert(1)", Status: "realised"}}}, "realized_evidence"},
			{"too much evidence", stewardship.StoryInput{Title: "T", Audience: "community", Steps: map[stewardship.Cycle]stewardship.StepInput{
				stewardship.Realized: {Text: "x", Evidence: "https://a.org/1\nhttps://a.org/2\nhttps://a.org/3\nhttps://a.org/4\nhttps://a.org/5\nhttps://a.org/6", Status: "realised"}}}, "realized_evidence"},
			{"link elsewhere", stewardship.StoryInput{Title: "T", Audience: "community", Links: "/c/other/talk/1",
				Steps: steps(map[stewardship.Cycle]string{stewardship.Immediate: "realised"})}, "links"},
			{"link to nothing", stewardship.StoryInput{Title: "T", Audience: "community", Links: "https://hearth.test/c/bread/talk/999",
				Steps: steps(map[stewardship.Cycle]string{stewardship.Immediate: "realised"})}, "links"},
		}
		for _, c := range cases {
			_, err := w.s.TellStory(ctx, mia, "bread", c.in)
			if !errs.Is(err, errs.Invalid) || errs.FieldsOf(err)[c.field] == "" {
				t.Errorf("%s: %v (fields %v), want a message on %s", c.name, err, errs.FieldsOf(err), c.field)
			}
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM value_stories`).Scan(&n); err != nil || n != 0 {
			t.Errorf("stories stored after refusals: %d, %v", n, err)
		}

		// A private community's story may not be told to the institution.
		w.run(t, `UPDATE communities SET visibility = 'private' WHERE id = $1`, w.c)
		_, err := w.s.TellStory(ctx, mia, "bread", stewardship.StoryInput{Title: "T", Audience: stewardship.AudienceInstitution,
			Steps: steps(map[stewardship.Cycle]string{stewardship.Immediate: "realised"})})
		if errs.FieldsOf(err)["audience"] == "" {
			t.Errorf("institution audience in a private community: %v", err)
		}
	})
}

// TestStoryLinksAndEdit links a thread and a gathering, edits the story
// (the step kept keeps its id) and deletes it with its links.
func TestStoryLinksAndEdit(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC), "mia", "leo")
		mia := w.actors["mia"]
		q := w.ask(t, "leo", 10*day)
		w.attend(t, "mia", 20*day)
		var g int64
		if err := d.QueryRowContext(ctx, `SELECT MAX(id) FROM gatherings`).Scan(&g); err != nil {
			t.Fatal(err)
		}
		in := stewardship.StoryInput{Title: "Bread that rises", Audience: stewardship.AudiencePublic,
			Links: fmt.Sprintf("/c/bread/talk/%d\nhttps://hearth.test/c/bread/gatherings/%d/o/3", q, g),
			Steps: map[stewardship.Cycle]stewardship.StepInput{
				stewardship.Immediate: {Text: "I asked.", Date: "2026-05-01", Status: "realised", Enabling: true},
				stewardship.Applied:   {Text: "I baked.", Evidence: "https://example.org/photo", Status: "hoped"},
			}}
		id, err := w.s.TellStory(ctx, mia, "bread", in)
		if err != nil {
			t.Fatal(err)
		}
		st, _, err := w.s.Story(ctx, w.actors["leo"], "bread", id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Steps) != 2 || !st.Steps[0].Enabling || st.Steps[1].Evidence[0] != "https://example.org/photo" || st.Furthest != stewardship.Immediate {
			t.Errorf("steps read back: %+v", st.Steps)
		}
		if len(st.Links) != 2 || st.Links[0].Kind != "thread" && st.Links[1].Kind != "thread" {
			t.Errorf("links: %+v", st.Links)
		}
		if st.CanEdit {
			t.Error("another member may edit the story")
		}
		// The other end: the thread lists the story to whoever may read it.
		for handle, want := range map[string]int{"leo": 1, "": 1} {
			v, err := w.comms.Get(ctx, w.actors[handle], "bread")
			if err != nil {
				t.Fatal(err)
			}
			about, err := w.s.StoriesAbout(ctx, v, "thread", q)
			if err != nil || len(about) != want || about[0].ID != id {
				t.Errorf("stories about the thread for %q: %+v, %v", handle, about, err)
			}
		}
		w.run(t, `UPDATE value_stories SET audience = 'community' WHERE id = $1`, id)
		if v, err := w.comms.Get(ctx, w.actors[""], "bread"); err != nil {
			t.Fatal(err)
		} else if about, err := w.s.StoriesAbout(ctx, v, "thread", q); err != nil || len(about) != 0 {
			t.Errorf("a visitor finds a story told to the community: %+v, %v", about, err)
		}
		if err := w.s.EditStory(ctx, w.actors["leo"], "bread", id, in); !errs.Is(err, errs.Forbidden) {
			t.Errorf("another member edits: %v", err)
		}
		applied := st.Steps[1].ID
		in.Steps[stewardship.Applied] = stewardship.StepInput{Text: "I baked it twice.", Status: "realised"}
		delete(in.Steps, stewardship.Immediate)
		in.Links = ""
		if err := w.s.EditStory(ctx, mia, "bread", id, in); err != nil {
			t.Fatal(err)
		}
		st, _, err = w.s.Story(ctx, mia, "bread", id)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Steps) != 1 || st.Steps[0].ID != applied || st.Steps[0].Text != "I baked it twice." || len(st.Links) != 0 || st.Furthest != stewardship.Applied {
			t.Errorf("after the edit: %+v, links %+v", st.Steps, st.Links)
		}
		if err := w.s.DeleteStory(ctx, w.actors["sam"], "bread", id); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a steward deletes another's story: %v", err)
		}
		if err := w.s.DeleteStory(ctx, mia, "bread", id); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM value_steps) + (SELECT COUNT(*) FROM links WHERE from_kind = 'story')`).Scan(&n); err != nil || n != 0 {
			t.Errorf("left after delete: %d, %v", n, err)
		}
	})
}

// nudgeWorld is a story by mia with a step hoped for 90 days ago.
func nudgeWorld(t *testing.T, d *db.DB, now time.Time) (*world, int64) {
	t.Helper()
	w := newWorld(t, d, now, "mia")
	w.tell(t, "mia", "Hopes", map[stewardship.Cycle]string{stewardship.Immediate: stewardship.Realised, stewardship.Applied: stewardship.Hoped})
	w.run(t, `UPDATE value_steps SET happened_on = $1 WHERE cycle = 3`, now.AddDate(0, 0, -90))
	var step int64
	if err := d.QueryRowContext(context.Background(), `SELECT id FROM value_steps WHERE cycle = 3`).Scan(&step); err != nil {
		t.Fatal(err)
	}
	return w, step
}

// TestNudgeOncePerWeek lists the hoped-for step for follow-up and nudges
// its author at most once in 7 days, only by a steward.
func TestNudgeOncePerWeek(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
		w, step := nudgeWorld(t, d, now)
		sam, mia := w.actors["sam"], w.actors["mia"]
		p, err := w.s.Stories(ctx, sam, "bread")
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Overview.FollowUp) != 1 || p.Overview.FollowUp[0].StepID != step || !p.Overview.FollowUp[0].NudgeFrom.IsZero() {
			t.Fatalf("follow-up: %+v", p.Overview.FollowUp)
		}
		if err := w.s.Nudge(ctx, mia, "bread", step); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a member nudges: %v", err)
		}
		if err := w.s.Nudge(ctx, sam, "bread", step); err != nil {
			t.Fatal(err)
		}
		if err := w.s.Nudge(ctx, sam, "bread", step); !errs.Is(err, errs.TooManyRequests) {
			t.Errorf("a second nudge the same day: %v", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM activities a JOIN activity_targets t ON t.activity_id = a.id
			WHERE a.verb = 'story.nudged' AND t.person_id = $1`, mia.PersonID).Scan(&n); err != nil || n != 1 {
			t.Errorf("nudges told to mia: %d, %v", n, err)
		}
		p, _ = w.s.Stories(ctx, sam, "bread")
		if f := p.Overview.FollowUp[0]; !f.NudgeFrom.Equal(now.Add(stewardship.NudgeEvery)) {
			t.Errorf("may nudge again from %v", f.NudgeFrom)
		}
		w.s.SetNow(now.Add(stewardship.NudgeEvery + time.Minute))
		if err := w.s.Nudge(ctx, sam, "bread", step); err != nil {
			t.Errorf("a nudge a week later: %v", err)
		}
		var realised int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM value_steps WHERE cycle = 1`).Scan(&realised); err != nil {
			t.Fatal(err)
		}
		if err := w.s.Nudge(ctx, sam, "bread", realised); !errs.Is(err, errs.Conflict) {
			t.Errorf("nudging a realised step: %v", err)
		}
		if err := w.s.Nudge(ctx, sam, "bread", step+1000); !errs.Is(err, errs.NotFound) {
			t.Errorf("nudging no step: %v", err)
		}
	})
}

// TestNudgeConcurrently: of concurrent nudges of one step on PostgreSQL,
// exactly one goes through.
func TestNudgeConcurrently(t *testing.T) {
	t.Parallel()
	d := dbtest.Postgres(t)
	w, step := nudgeWorld(t, d, time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC))
	const n = 8
	results := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { results[i] = w.s.Nudge(context.Background(), w.actors["sam"], "bread", step) })
	}
	wg.Wait()
	ok := 0
	for _, err := range results {
		switch {
		case err == nil:
			ok++
		case !errs.Is(err, errs.TooManyRequests):
			t.Errorf("a concurrent nudge: %v", err)
		}
	}
	var told int
	if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM activities WHERE verb = 'story.nudged'`).Scan(&told); err != nil {
		t.Fatal(err)
	}
	if ok != 1 || told != 1 {
		t.Errorf("%d nudges went through, %d recorded; want 1 and 1", ok, told)
	}
}
