package people

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// SubjectMentorship is the subject kind of a mentorship's activities: they
// are told to the pair only, and shown in no feed (app's visibility asks
// InMentorship).
const SubjectMentorship = "mentorship"

// The states of a mentorship.
const (
	MentorshipProposed  = "proposed"
	MentorshipActive    = "active"
	MentorshipDeclined  = "declined"
	MentorshipCancelled = "cancelled" // the request was met or withdrawn first
	MentorshipEnded     = "ended"
)

// Limits of a mentorship's texts.
const (
	MaxGoals      = 4000
	MaxCheckIn    = 500
	MaxReflection = 2000
	MaxCheckIns   = 200
)

// Mentorship is a mentor and a mentee in a community.
type Mentorship struct {
	ID               int64
	CommunitySlug    string
	MentorID         int64
	MentorHandle     string
	MentorName       string
	MenteeID         int64
	MenteeHandle     string
	MenteeName       string
	Topics           []string
	Status           string
	Goals            string
	MentorReflection string
	MenteeReflection string
	Created          time.Time
	Started, Ended   *time.Time
	CheckIns         []CheckIn // on the mentorship's page
	// What the reader may do.
	IsMentor, IsMentee bool
}

// URL is the mentorship's page.
func (m Mentorship) URL() string {
	return MentorshipURL(m.CommunitySlug, m.ID)
}

// MentorshipURL is the page of mentorship id in community slug.
func MentorshipURL(slug string, id int64) string {
	return "/c/" + slug + "/mentoring/" + strconv.FormatInt(id, 10)
}

// InPair reports whether the reader is one of the pair.
func (m Mentorship) InPair() bool { return m.IsMentor || m.IsMentee }

// CheckIn is a dated note of a meeting of the pair.
type CheckIn struct {
	ID         int64
	AuthorName string
	On         time.Time
	Note       string
}

const mentorshipColumns = `m.id, c.slug, m.mentor_id, r.handle, r.name, m.mentee_id, e.handle, e.name, m.topics, m.status, m.goals,
	m.mentor_reflection, m.mentee_reflection, m.created_at, m.started_at, m.ended_at`

const mentorshipFrom = ` FROM mentorships m JOIN communities c ON c.id = m.community_id
	JOIN people r ON r.id = m.mentor_id JOIN people e ON e.id = m.mentee_id`

func scanMentorship(sc interface{ Scan(...any) error }, reader int64) (Mentorship, error) {
	var m Mentorship
	var topics string
	var started, ended sql.NullTime
	err := sc.Scan(&m.ID, &m.CommunitySlug, &m.MentorID, &m.MentorHandle, &m.MentorName, &m.MenteeID, &m.MenteeHandle, &m.MenteeName,
		&topics, &m.Status, &m.Goals, &m.MentorReflection, &m.MenteeReflection, &m.Created, &started, &ended)
	m.Topics = splitList(topics)
	if started.Valid {
		m.Started = &started.Time
	}
	if ended.Valid {
		m.Ended = &ended.Time
	}
	m.IsMentor, m.IsMentee = reader == m.MentorID, reader == m.MenteeID
	return m, err
}

// mentorship reads mentorship id of community v through q, for a: one of
// the pair, or a steward of v; NotFound to anyone else.
func (s *Service) mentorship(ctx context.Context, q db.Q, a auth.Actor, v community.View, id int64) (Mentorship, error) {
	m, err := scanMentorship(q.QueryRowContext(ctx, `SELECT `+mentorshipColumns+mentorshipFrom+` WHERE m.id = $1 AND m.community_id = $2`, id, v.ID), a.PersonID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !m.InPair() && !v.IsSteward()) {
		return m, errs.NotFoundf("There is no such mentorship.")
	}
	return m, errs.Wrap(err, "read a mentorship")
}

// MentorshipPage returns mentorship id with its check-ins, for the pair
// and the community's stewards (NotFound to anyone else).
func (s *Service) MentorshipPage(ctx context.Context, a auth.Actor, slug string, id int64) (community.View, Mentorship, error) {
	v, err := s.mentoringView(ctx, a, slug)
	if errs.Is(err, errs.Forbidden) {
		err = errs.NotFoundf("There is no such mentorship.")
	}
	if err != nil {
		return v, Mentorship{}, err
	}
	m, err := s.mentorship(ctx, s.db, a, v, id)
	if err != nil {
		return v, m, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT k.id, COALESCE(p.name, ''), k.met_on, k.note FROM mentorship_checkins k
		LEFT JOIN people p ON p.id = k.author_id WHERE k.mentorship_id = $1 ORDER BY k.met_on DESC, k.id DESC LIMIT `+strconv.Itoa(MaxCheckIns), m.ID)
	if err != nil {
		return v, m, errs.Wrap(err, "list check-ins")
	}
	defer rows.Close()
	for rows.Next() {
		var k CheckIn
		if err := rows.Scan(&k.ID, &k.AuthorName, &k.On, &k.Note); err != nil {
			return v, m, errs.Wrap(err, "list check-ins")
		}
		m.CheckIns = append(m.CheckIns, k)
	}
	return v, m, errs.Wrap(rows.Err(), "list check-ins")
}

// InMentorship reports whether person is one of the pair of mentorship id:
// the only people told of its activities.
func (s *Service) InMentorship(ctx context.Context, personID, id int64) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM mentorships WHERE id = $1 AND (mentor_id = $2 OR mentee_id = $2)`, id, personID).Scan(&n)
	return n > 0, errs.Wrap(err, "read a mentorship")
}

// record records what happened to mentorship m, told to the other of the
// pair (and the mentee, when a steward acted): never in a feed.
func (s *Service) record(ctx context.Context, tx *db.Tx, a auth.Actor, v community.View, m Mentorship, verb string) error {
	var targets []activity.Target
	for _, p := range []int64{m.MentorID, m.MenteeID} {
		if p != a.PersonID {
			targets = append(targets, activity.Target{PersonID: p, Reason: "mentoring"})
		}
	}
	_, err := activity.Record(ctx, tx, activity.Activity{ActorID: a.PersonID, Verb: verb, SubjectKind: SubjectMentorship, SubjectID: m.ID,
		CommunityID: v.ID, Audience: activity.Subject, Title: strings.Join(m.Topics, ", "), URL: MentorshipURL(v.Slug, m.ID), Targets: targets})
	return err
}

// ProposeMentorship proposes to the mentor with handle, among those
// suggested for request id, to mentor its asker: by the asker or a steward.
// The mentor is told and answers.
func (s *Service) ProposeMentorship(ctx context.Context, a auth.Actor, slug string, id int64, handle string) (int64, error) {
	v, err := s.writableMentoring(ctx, a, slug)
	if err != nil {
		return 0, err
	}
	var mid int64
	err = s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT id FROM mentor_requests WHERE id = $1`+s.db.ForUpdate(), id); err != nil {
			return errs.Wrap(err, "lock a request")
		}
		r, dept, err := s.request(ctx, tx, a, v, id)
		if err != nil {
			return err
		}
		if r.Status != "open" {
			return errs.Conflictf("This request is not open any more.")
		}
		var waiting int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM mentorships WHERE request_id = $1 AND status = 'proposed'`, id).Scan(&waiting); err != nil {
			return errs.Wrap(err, "count proposals")
		}
		if waiting >= MaxProposals {
			return errs.Field("mentor", "3 mentors are considering this request already: wait for their answers.")
		}
		list, err := matches(ctx, tx, v.ID, r.PersonID, dept, r.Topics, 50)
		if err != nil {
			return err
		}
		var chosen *MentorMatch
		for i := range list {
			if list[i].Handle == handle {
				chosen = &list[i]
			}
		}
		if chosen == nil {
			return errs.Field("mentor", "Choose one of the mentors suggested.")
		}
		mid, err = db.InsertID(ctx, tx, `INSERT INTO mentorships (community_id, mentor_id, mentee_id, request_id, proposed_by, topics, status, goals, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $8)`, v.ID, chosen.ID, r.PersonID, r.ID, a.PersonID,
			strings.Join(chosen.Covers, ", "), r.Goal, s.now())
		if err != nil {
			return errs.Wrap(err, "propose a mentorship")
		}
		m := Mentorship{ID: mid, MentorID: chosen.ID, MenteeID: r.PersonID, Topics: chosen.Covers}
		return s.record(ctx, tx, a, v, m, activity.MentorshipProposed)
	})
	return mid, err
}

// AnswerMentorship is the mentor's answer to a proposal. Accepting checks
// the mentor's free places under a lock on the mentor's row, so two
// accepts at once cannot pass the capacity together; the request is then
// met and its other proposals cancelled.
func (s *Service) AnswerMentorship(ctx context.Context, a auth.Actor, slug string, id int64, accept bool) error {
	v, err := s.mentorshipCommunity(ctx, a, slug)
	if err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if err := s.lockPerson(ctx, tx, a.PersonID); err != nil {
			return err
		}
		m, err := s.mentorship(ctx, tx, a, v, id)
		if err != nil {
			return err
		}
		switch {
		case !m.IsMentor:
			return errs.Forbiddenf("Only the mentor asked answers.")
		case m.Status != MentorshipProposed:
			return errs.Conflictf("This proposal was answered already.")
		}
		now, verb, status := s.now(), activity.MentorshipDeclined, MentorshipDeclined
		if accept {
			// The request's row, locked: a withdrawal or another mentor's
			// accept at the same time waits, then finds it met.
			var open string
			err := tx.QueryRowContext(ctx, `SELECT status FROM mentor_requests WHERE id = (SELECT request_id FROM mentorships WHERE id = $1)`+s.db.ForUpdate(), m.ID).Scan(&open)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return errs.Wrap(err, "lock a request")
			}
			if err == nil && open != "open" {
				return errs.Conflictf("This request was met or withdrawn meanwhile.")
			}
			var capacity, active int
			err = tx.QueryRowContext(ctx, `SELECT o.capacity, (SELECT COUNT(*) FROM mentorships m WHERE m.community_id = o.community_id
				AND m.mentor_id = o.person_id AND m.status = 'active') FROM mentor_offers o WHERE o.community_id = $1 AND o.person_id = $2`,
				v.ID, a.PersonID).Scan(&capacity, &active)
			if errors.Is(err, sql.ErrNoRows) {
				return errs.Conflictf("You no longer offer to mentor here: offer again to accept.")
			}
			if err != nil {
				return errs.Wrap(err, "count mentees")
			}
			if active >= capacity {
				return errs.Conflictf("You mentor %d people at once already, as many as you offered: end a mentorship or take more in your offer first.", capacity)
			}
			verb, status = activity.MentorshipAccepted, MentorshipActive
		}
		when := "ended_at"
		if accept {
			when = "started_at"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mentorships SET status = $1, `+when+` = $2 WHERE id = $3`, status, now, m.ID); err != nil {
			return errs.Wrap(err, "answer a proposal")
		}
		if accept {
			if _, err := tx.ExecContext(ctx, `UPDATE mentor_requests SET status = 'matched' WHERE id = (SELECT request_id FROM mentorships WHERE id = $1)`, m.ID); err != nil {
				return errs.Wrap(err, "meet a request")
			}
			if _, err := tx.ExecContext(ctx, `UPDATE mentorships SET status = 'cancelled', ended_at = $1 WHERE status = 'proposed'
				AND request_id = (SELECT request_id FROM mentorships WHERE id = $2)`, now, m.ID); err != nil {
				return errs.Wrap(err, "meet a request")
			}
		}
		return s.record(ctx, tx, a, v, m, verb)
	})
}

// mentorshipCommunity is writableMentoring for a change to a mentorship:
// to someone who is not a member, there is no such mentorship.
func (s *Service) mentorshipCommunity(ctx context.Context, a auth.Actor, slug string) (community.View, error) {
	v, err := s.writableMentoring(ctx, a, slug)
	if errs.Is(err, errs.Forbidden) && !v.IsMember() {
		err = errs.NotFoundf("There is no such mentorship.")
	}
	return v, err
}

// pairWrite runs fn on mentorship id for one of its pair, in a transaction
// holding the mentorship's row.
func (s *Service) pairWrite(ctx context.Context, a auth.Actor, slug string, id int64, fn func(ctx context.Context, tx *db.Tx, v community.View, m Mentorship) error) error {
	v, err := s.mentorshipCommunity(ctx, a, slug)
	if err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT id FROM mentorships WHERE id = $1`+s.db.ForUpdate(), id); err != nil {
			return errs.Wrap(err, "lock a mentorship")
		}
		m, err := s.mentorship(ctx, tx, a, v, id)
		if err != nil {
			return err
		}
		if !m.InPair() {
			return errs.Forbiddenf("Only the mentor and the mentee write in a mentorship.")
		}
		return fn(ctx, tx, v, m)
	})
}

// SetGoals replaces the goals of a mentorship (a list, one goal a line), by
// either of the pair.
func (s *Service) SetGoals(ctx context.Context, a auth.Actor, slug string, id int64, goals string) error {
	goals = strings.TrimSpace(strings.ReplaceAll(goals, "\r\n", "\n"))
	if utf8.RuneCountInString(goals) > MaxGoals {
		return errs.Field("goals", "Keep the goals to 4,000 characters.")
	}
	return s.pairWrite(ctx, a, slug, id, func(ctx context.Context, tx *db.Tx, v community.View, m Mentorship) error {
		if m.Status != MentorshipActive && m.Status != MentorshipProposed {
			return errs.Conflictf("This mentorship has ended.")
		}
		_, err := tx.ExecContext(ctx, `UPDATE mentorships SET goals = $1 WHERE id = $2`, goals, m.ID)
		return errs.Wrap(err, "set goals")
	})
}

// AddCheckIn notes a meeting of the pair, on a date (YYYY-MM-DD, not in
// the future), by either of them, while the mentorship is under way.
func (s *Service) AddCheckIn(ctx context.Context, a auth.Actor, slug string, id int64, date, note string) error {
	var val errs.Validation
	on, err := time.Parse(time.DateOnly, strings.TrimSpace(date))
	val.Check(err == nil, "date", "Give the date as YYYY-MM-DD.")
	val.Check(err != nil || !on.After(s.now()), "date", "Note a meeting that took place: the date is in the future.")
	note = strings.TrimSpace(note)
	val.Check(note != "", "note", "Say in a few words what you talked about.")
	val.Check(utf8.RuneCountInString(note) <= MaxCheckIn, "note", "Keep the note to 500 characters.")
	if err := val.Err(); err != nil {
		return err
	}
	return s.pairWrite(ctx, a, slug, id, func(ctx context.Context, tx *db.Tx, v community.View, m Mentorship) error {
		if m.Status != MentorshipActive {
			return errs.Conflictf("Check-ins are for a mentorship under way.")
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM mentorship_checkins WHERE mentorship_id = $1`, m.ID).Scan(&n); err != nil {
			return errs.Wrap(err, "count check-ins")
		}
		if n >= MaxCheckIns {
			return errs.Field("note", "This mentorship has 200 check-ins: enough to end it with a reflection?")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO mentorship_checkins (mentorship_id, author_id, met_on, note, created_at) VALUES ($1, $2, $3, $4, $5)`,
			m.ID, a.PersonID, on.UTC(), note, s.now())
		return errs.Wrap(err, "add a check-in")
	})
}

// EndMentorship ends a mentorship under way with the actor's reflection,
// or (once ended) adds or changes their reflection: by either of the pair.
func (s *Service) EndMentorship(ctx context.Context, a auth.Actor, slug string, id int64, reflection string) error {
	reflection = strings.TrimSpace(strings.ReplaceAll(reflection, "\r\n", "\n"))
	switch {
	case reflection == "":
		return errs.Field("reflection", "Say in a few words what you learned, or what went well.")
	case utf8.RuneCountInString(reflection) > MaxReflection:
		return errs.Field("reflection", "Keep the reflection to 2,000 characters.")
	}
	return s.pairWrite(ctx, a, slug, id, func(ctx context.Context, tx *db.Tx, v community.View, m Mentorship) error {
		column := "mentee_reflection"
		if m.IsMentor {
			column = "mentor_reflection"
		}
		switch m.Status {
		case MentorshipEnded:
			_, err := tx.ExecContext(ctx, `UPDATE mentorships SET `+column+` = $1 WHERE id = $2`, reflection, m.ID)
			return errs.Wrap(err, "reflect on a mentorship")
		case MentorshipActive:
		default:
			return errs.Conflictf("Only a mentorship under way can end.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mentorships SET status = 'ended', ended_at = $1, `+column+` = $2 WHERE id = $3`,
			s.now(), reflection, m.ID); err != nil {
			return errs.Wrap(err, "end a mentorship")
		}
		return s.record(ctx, tx, a, v, m, activity.MentorshipEnded)
	})
}
