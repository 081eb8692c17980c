package demo

import (
	"context"
	"strings"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/stewardship"
)

// storyData is a member's value-creation story; days count back from today.
type storyData struct {
	Community, Handle, Title, Audience string
	Days                               int
	Steps                              []storyStep
}

// storyStep is one step of a demo story: its cycle, status and what
// happened, Days ago (0: undated), with evidence links one a line.
type storyStep struct {
	Cycle    stewardship.Cycle
	Status   string
	Days     int
	Text     string
	Evidence string
	Tag      string // "", "strategic" or "enabling"
}

// valueStories go from a story that reached reframing to one that only
// hopes, so that the stewards' overview and follow-up show something.
var valueStories = []storyData{
	{Community: "simulation-in-nursing-education", Handle: "daniel-reyes", Title: "Scenarios where judgement is the lesson", Audience: "public", Days: 20,
		Steps: []storyStep{
			{Cycle: stewardship.Immediate, Status: "realised", Days: 150, Text: "I asked for a mentor and sat in on Priya's scenario reviews."},
			{Cycle: stewardship.Potential, Status: "realised", Days: 90, Text: "I learned to write a cue that is ambiguous on purpose.", Tag: "enabling"},
			{Cycle: stewardship.Applied, Status: "realised", Days: 40, Text: "I ran the sepsis scenario with three second-year groups."},
			{Cycle: stewardship.Realized, Status: "realised", Days: 25, Text: "Students escalated a deteriorating patient earlier on placement, their mentors said.",
				Evidence: "https://example.org/northfield/placement-feedback-2026"},
			{Cycle: stewardship.Reframing, Status: "hoped", Days: 0, Text: "We would like the programme to assess judgement, not only skills, in the final year.", Tag: "strategic"},
		}},
	{Community: "kitchen-food-safety", Handle: "hana-kobayashi", Title: "Taking over the HACCP records", Audience: "community", Days: 10,
		Steps: []storyStep{
			{Cycle: stewardship.Immediate, Status: "realised", Days: 28, Text: "Marco walked me through the plan's critical control points."},
			{Cycle: stewardship.Applied, Status: "realised", Days: 12, Text: "I kept the cooling records for two weeks on my own."},
			{Cycle: stewardship.Realized, Status: "hoped", Days: 0, Text: "A clean inspection with the records I keep."},
		}},
	{Community: "kitchen-food-safety", Handle: "meilin-chen", Title: "An allergen matrix for every menu", Audience: "public", Days: 100,
		Steps: []storyStep{
			{Cycle: stewardship.Potential, Status: "realised", Days: 110, Text: "The allergen thread gave me a matrix others already use."},
			{Cycle: stewardship.Applied, Status: "hoped", Days: 95, Text: "Print the matrix for every weekly menu in the training restaurant."},
		}},
	{Community: "accessible-course-design", Handle: "chloe-dubois", Title: "My marketing course, with a screen reader", Audience: "institution", Days: 15,
		Steps: []storyStep{
			{Cycle: stewardship.Immediate, Status: "realised", Days: 60, Text: "Eleanor audited one module with me."},
			{Cycle: stewardship.Applied, Status: "realised", Days: 20, Text: "I fixed headings and alt text across the course.",
				Evidence: "https://example.org/northfield/accessibility-check-marketing"},
		}},
}

func loadValueStories(ctx context.Context, tx *db.Tx, l *loaded) error {
	for _, s := range valueStories {
		c, p, joined, err := l.activeMember(s.Community, s.Handle)
		if err != nil {
			return err
		}
		told := later(l.ago(s.Days), joined)
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO value_stories (community_id, author_id, title, audience, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, c, p, s.Title, s.Audience, told).Scan(&id); err != nil {
			return errs.Wrap(err, "story "+s.Title)
		}
		for _, st := range s.Steps {
			var date any
			if st.Days != 0 {
				date = later(l.ago(st.Days), joined)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO value_steps (story_id, cycle, strategic, enabling, body, happened_on, evidence, status, recorded_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, id, int(st.Cycle), st.Tag == "strategic", st.Tag == "enabling", st.Text, date,
				strings.TrimSpace(st.Evidence), st.Status, told); err != nil {
				return errs.Wrap(err, "story "+s.Title)
			}
		}
	}
	return nil
}
