package demo

import (
	"context"
	"strings"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// offerData is a member's offer to mentor in a community.
type offerData struct {
	Community, Handle string
	Topics            []string
	Level             string
	Capacity          int
	Note              string
}

var mentorOffers = []offerData{
	{"simulation-in-nursing-education", "amara-okafor", []string{"simulation", "debriefing"}, "expert", 3, "Tuesday afternoons in the sim lab, or a call."},
	{"simulation-in-nursing-education", "priya-raman", []string{"clinical judgement"}, "expert", 2, "I meet mentees on placement days."},
	{"kitchen-food-safety", "marco-bellini", []string{"haccp", "allergens", "food safety"}, "expert", 2, "Come to a morning audit with me."},
	{"kitchen-food-safety", "meilin-chen", []string{"allergens"}, "practising", 1, ""},
	{"accessible-course-design", "eleanor-whitfield", []string{"accessibility", "universal design for learning"}, "expert", 2, "Bring a course you teach: we work on it together."},
	{"open-educational-resources", "kenji-watanabe", []string{"open textbooks"}, "expert", 2, "Happy to share how our textbook was written."},
	{"devops-and-infrastructure", "nikolai-petrov", []string{"incident review", "linux"}, "expert", 2, ""},
}

// mentorshipData is a mentorship, from the request that began it; Ended 0
// means it is under way. Days count back from today.
type mentorshipData struct {
	Community, Mentor, Mentee string
	Topics                    []string
	Goal, Goals               string
	Started, Ended            int
	CheckIns                  []checkInData
	MentorReflection          string
	MenteeReflection          string
}

type checkInData struct {
	Days     int
	ByMentor bool
	Note     string
}

var mentorships = []mentorshipData{
	{Community: "simulation-in-nursing-education", Mentor: "amara-okafor", Mentee: "aisha-rahman", Topics: []string{"debriefing"},
		Goal:    "Run debriefs for the library's information-literacy role plays the way the sim lab does.",
		Goals:   "Sit in on two sim-lab debriefs\nAdapt the debrief questions to role plays\nRun a debrief with a colleague watching",
		Started: 45,
		CheckIns: []checkInData{
			{40, true, "Aisha watched the Tuesday debrief; we talked about the pause before the first question."},
			{26, false, "Tried the three-question debrief with a first-year group. The silence was hard to hold."},
			{9, true, "Went through Aisha's notes from her second run: much calmer; next, a debrief with me watching."},
		}},
	{Community: "kitchen-food-safety", Mentor: "marco-bellini", Mentee: "hana-kobayashi", Topics: []string{"haccp", "food safety"},
		Goal:    "Take over the HACCP records of the training kitchen.",
		Goals:   "Read our HACCP plan with Marco\nShadow two morning audits\nKeep the records for a month on my own",
		Started: 30,
		CheckIns: []checkInData{
			{28, true, "Read the plan's critical control points together; Hana's questions on cooling were spot on."},
			{12, false, "Shadowed the Monday audit. I now see why the probe is cleaned between every check."},
		}},
	{Community: "simulation-in-nursing-education", Mentor: "priya-raman", Mentee: "daniel-reyes", Topics: []string{"clinical judgement"},
		Goal:    "Write scenarios that test clinical judgement, not only skills.",
		Goals:   "Write a deteriorating-patient scenario\nRun it with a second-year group",
		Started: 150, Ended: 25,
		CheckIns: []checkInData{
			{140, true, "Looked at what makes a cue ambiguous on purpose."},
			{90, false, "First draft of the sepsis scenario; Priya suggested a second, quieter cue."},
			{40, false, "Ran it with the second years: three groups caught it late, which was the point."},
		},
		MentorReflection: "Daniel now writes scenarios where the judgement is the lesson. I learned to explain cues I take for granted.",
		MenteeReflection: "I write the cue first and the skills second now. Monthly meetings were the right rhythm."},
	{Community: "accessible-course-design", Mentor: "eleanor-whitfield", Mentee: "chloe-dubois", Topics: []string{"accessibility"},
		Goal:    "Make my marketing course usable with a screen reader.",
		Goals:   "Audit one module with Eleanor\nFix headings and alt text across the course",
		Started: 120, Ended: 60,
		CheckIns: []checkInData{
			{110, true, "Audited module one together with a screen reader: headings were the biggest gap."},
			{75, false, "All modules have real headings now; alt text half done."},
		},
		MentorReflection: "Chloé fixed the course faster than I expected and now helps her department.",
		MenteeReflection: "Hearing my course read aloud by a screen reader changed how I write every page."},
}

// loadMentoring adds the offers to mentor and the mentorships (each from a
// request, met), after the memberships they rest on. Nothing is told: a
// mentorship is private to its pair and the stewards.
func loadMentoring(ctx context.Context, tx *db.Tx, l *loaded) error {
	for _, o := range mentorOffers {
		c, p, at, err := l.activeMember(o.Community, o.Handle)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mentor_offers (community_id, person_id, level, capacity, note, paused, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, FALSE, $6, $6)`, c, p, o.Level, o.Capacity, o.Note, at); err != nil {
			return errs.Wrap(err, "offer of "+o.Handle)
		}
		for _, t := range o.Topics {
			if _, err := tx.ExecContext(ctx, `INSERT INTO mentor_offer_topics (community_id, person_id, tag) VALUES ($1, $2, $3)`, c, p, t); err != nil {
				return errs.Wrap(err, "offer of "+o.Handle)
			}
		}
	}
	for _, m := range mentorships {
		c, mentor, mentorAt, err := l.activeMember(m.Community, m.Mentor)
		if err != nil {
			return err
		}
		_, mentee, menteeAt, err := l.activeMember(m.Community, m.Mentee)
		if err != nil {
			return err
		}
		started := later(l.ago(m.Started), later(mentorAt, menteeAt))
		asked := later(started.Add(-36*time.Hour), later(mentorAt, menteeAt))
		topics := strings.Join(m.Topics, ", ")
		var req, id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO mentor_requests (community_id, person_id, topics, goal, status, created_at)
			VALUES ($1, $2, $3, $4, 'matched', $5) RETURNING id`, c, mentee, topics, m.Goal, asked).Scan(&req); err != nil {
			return errs.Wrap(err, "request of "+m.Mentee)
		}
		status, ended, mentorText, menteeText := "active", any(nil), "", ""
		if m.Ended != 0 {
			status, ended, mentorText, menteeText = "ended", later(l.ago(m.Ended), started), m.MentorReflection, m.MenteeReflection
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO mentorships (community_id, mentor_id, mentee_id, request_id, proposed_by, topics, status, goals,
			mentor_reflection, mentee_reflection, created_at, started_at, ended_at) VALUES ($1, $2, $3, $4, $3, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			c, mentor, mentee, req, topics, status, m.Goals, mentorText, menteeText, asked, started, ended).Scan(&id); err != nil {
			return errs.Wrap(err, "mentorship of "+m.Mentee)
		}
		for _, k := range m.CheckIns {
			author := mentee
			if k.ByMentor {
				author = mentor
			}
			on := later(l.ago(k.Days), started)
			if _, err := tx.ExecContext(ctx, `INSERT INTO mentorship_checkins (mentorship_id, author_id, met_on, note, created_at) VALUES ($1, $2, $3, $4, $3)`,
				id, author, on, k.Note); err != nil {
				return errs.Wrap(err, "check-in of "+m.Mentee)
			}
		}
	}
	return nil
}

// activeMember is the community and person ids of an active member, and when
// they joined; an error when the demo data names someone who is not one.
func (l *loaded) activeMember(community, handle string) (int64, int64, time.Time, error) {
	at, ok := l.joined[memberKey(community, handle)]
	if !ok {
		return 0, 0, at, errUnknown("member", memberKey(community, handle))
	}
	return l.communities[community].ID, l.people[handle].ID, at, nil
}
