package people

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
)

// A newcomer's path: for NewcomerDays after joining, a member is shown a
// checklist whose items complete themselves as they act.
const NewcomerDays = 60

// Steps of the checklist, in the order shown.
const (
	StepCharter   = "charter"    // opened the charter
	StepStartHere = "start_here" // opened an entry on the Start here path
	StepIntroduce = "introduce"  // started a discussion or replied in talk
	StepGathering = "gathering"  // answered going or maybe to a gathering
	StepQuestion  = "question"   // asked or answered a question
)

// Step is one item of the checklist.
type Step struct {
	Key   string
	Label string
	Link  string // where to do it
	Done  bool
}

// Checklist is a member's path into one community.
type Checklist struct {
	Steps  []Step
	Done   int
	Joined time.Time
	// The community suggests a mentor (to its newcomers, not to stewards'
	// lists): the one who fits best in its topics, unless the newcomer has
	// a mentor (proposed or under way) there already.
	Mentor    *MentorMatch
	HasMentor bool
}

// Complete reports whether every step is done.
func (c Checklist) Complete() bool { return c.Done == len(c.Steps) }

// stepColumns are five boolean columns saying whether the person person
// (an SQL expression) did each step in community $1, since since (another).
func stepColumns(person, since string) string {
	return `EXISTS (SELECT 1 FROM newcomer_steps s WHERE s.community_id = $1 AND s.person_id = ` + person + ` AND s.step = 'charter'),
	EXISTS (SELECT 1 FROM newcomer_steps s WHERE s.community_id = $1 AND s.person_id = ` + person + ` AND s.step = 'start_here'),
	EXISTS (SELECT 1 FROM activities a WHERE a.community_id = $1 AND a.created_at >= ` + since + ` AND a.actor_id = ` + person + `
		AND a.verb IN ('` + activity.ThreadStarted + `', '` + activity.ReplyAdded + `')),
	EXISTS (SELECT 1 FROM gathering_rsvps r JOIN gathering_occurrences o ON o.id = r.occurrence_id
		WHERE o.community_id = $1 AND r.person_id = ` + person + ` AND r.answer IN ('going', 'waitlist', 'maybe')),
	EXISTS (SELECT 1 FROM activities a WHERE a.community_id = $1 AND a.created_at >= ` + since + ` AND a.actor_id = ` + person + `
		AND a.verb IN ('` + activity.QuestionAsked + `', '` + activity.AnswerAdded + `'))`
}

// steps are the checklist's items for community slug, done as flags say.
func steps(slug string, flags [5]bool) Checklist {
	base := "/c/" + slug
	list := []Step{
		{StepCharter, "Read the charter: what the community is about", base + "/charter", flags[0]},
		{StepStartHere, "Read the Start here path in the library", base + "/practice", flags[1]},
		{StepIntroduce, "Introduce yourself in Talk", base + "/talk/new", flags[2]},
		{StepGathering, "Say whether you are coming to a gathering", base + "/gatherings", flags[3]},
		{StepQuestion, "Ask or answer a first question", base + "/talk", flags[4]},
	}
	c := Checklist{Steps: list}
	for _, s := range list {
		if s.Done {
			c.Done++
		}
	}
	return c
}

// joinedAt is when a became a member of v, if they are an active member
// who joined within NewcomerDays.
func (s *Service) joinedAt(ctx context.Context, a auth.Actor, v community.View) (time.Time, bool, error) {
	// Stewards look after the community: its path inward is not theirs.
	if !a.SignedIn() || v.Mine.Status != community.ActiveMember || v.Mine.Role == community.RoleSteward {
		return time.Time{}, false, nil
	}
	var joined time.Time
	err := s.db.QueryRowContext(ctx, `SELECT created_at FROM memberships WHERE community_id = $1 AND person_id = $2`, v.ID, a.PersonID).Scan(&joined)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, errs.Wrap(err, "read membership")
	}
	return joined, s.now().Sub(joined) < NewcomerDays*24*time.Hour, nil
}

// MyChecklist is a's newcomer checklist in v, with a mentor suggested: ok
// false unless a joined v within NewcomerDays (three queries).
func (s *Service) MyChecklist(ctx context.Context, a auth.Actor, v community.View) (Checklist, bool, error) {
	joined, newcomer, err := s.joinedAt(ctx, a, v)
	if err != nil || !newcomer {
		return Checklist{}, false, err
	}
	var f [5]bool
	var hasMentor bool
	var dept int64
	if err := s.db.QueryRowContext(ctx, `SELECT `+stepColumns("$2", "$3")+`,
		EXISTS (SELECT 1 FROM mentorships m WHERE m.community_id = $1 AND m.mentee_id = $2 AND m.status IN ('proposed', 'active')),
		(SELECT COALESCE(p.department_id, 0) FROM people p WHERE p.id = $2)`, v.ID, a.PersonID, joined).
		Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &hasMentor, &dept); err != nil {
		return Checklist{}, false, errs.Wrap(err, "read checklist")
	}
	c := steps(v.Slug, f)
	c.Joined, c.HasMentor = joined, hasMentor
	if !hasMentor {
		list, err := matches(ctx, s.db, v.ID, a.PersonID, dept, v.Tags[:min(len(v.Tags), MaxMentorTopics)], 1)
		if err != nil {
			return Checklist{}, false, err
		}
		if len(list) == 1 {
			c.Mentor = &list[0]
		}
	}
	return c, true, nil
}

// MarkStep records that a newcomer did a step no other table records
// (StepCharter, StepStartHere): once, and only while they are a newcomer,
// so that reading pages costs long-standing members nothing.
func (s *Service) MarkStep(ctx context.Context, a auth.Actor, v community.View, step string) error {
	if step != StepCharter && step != StepStartHere {
		return errs.New(errs.Invalid, "There is no such step.")
	}
	_, newcomer, err := s.joinedAt(ctx, a, v)
	if err != nil || !newcomer {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO newcomer_steps (community_id, person_id, step, done_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (community_id, person_id, step) DO NOTHING`, v.ID, a.PersonID, step, s.now())
	return errs.Wrap(err, "record a newcomer's step")
}

// Newcomer is a member who joined within NewcomerDays, with their progress.
type Newcomer struct {
	Handle    string
	Name      string
	Joined    time.Time
	Checklist Checklist
}

// NewcomersShown bounds the stewards' list of newcomers.
const NewcomersShown = 50

// Newcomers lists, for v's stewards, the members (not stewards) who joined
// this month (the last 30 days), newest first, each with their checklist: one query.
func (s *Service) Newcomers(ctx context.Context, v community.View) ([]Newcomer, error) {
	if !v.CanManageMembers() {
		return nil, errs.NotFoundf("There is no such page.")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.handle, p.name, m.created_at, `+stepColumns("m.person_id", "m.created_at")+`
		FROM memberships m JOIN people p ON p.id = m.person_id
		WHERE m.community_id = $1 AND m.status = 'active' AND m.role <> 'steward' AND m.created_at >= $2
		ORDER BY m.created_at DESC, m.person_id LIMIT `+strconv.Itoa(NewcomersShown), v.ID, s.now().Add(-30*24*time.Hour))
	if err != nil {
		return nil, errs.Wrap(err, "list newcomers")
	}
	defer rows.Close()
	var out []Newcomer
	for rows.Next() {
		var n Newcomer
		var f [5]bool
		if err := rows.Scan(&n.Handle, &n.Name, &n.Joined, &f[0], &f[1], &f[2], &f[3], &f[4]); err != nil {
			return nil, errs.Wrap(err, "list newcomers")
		}
		n.Checklist = steps(v.Slug, f)
		out = append(out, n)
	}
	return out, errs.Wrap(rows.Err(), "list newcomers")
}
