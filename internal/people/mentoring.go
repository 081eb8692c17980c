package people

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Mentoring in a community: a member offers to mentor in some topics, at a
// level, for up to MaxMentees people at once; a member asks for a mentor
// (topics and a goal); Hearth suggests mentors (mentor_match.go); a
// mentorship is proposed, accepted or declined, and lived (mentorship.go).
// Only the pair and the community's stewards see a mentorship.
const (
	MaxMentees        = 5   // the most mentees an offer takes at once
	MaxMentorTopics   = 10  // topics of an offer or a request
	MaxOfferNote      = 280 // characters of an offer's note
	MaxGoal           = 1000
	MaxOpenRequests   = 3  // open requests of one person in one community
	MaxProposals      = 3  // proposals waiting for an answer, per request
	MentorshipsShown  = 50 // a page of the stewards' list
	MentorOffersShown = 100
)

// Offer is a member's offer to mentor in a community.
type Offer struct {
	PersonID   int64
	Handle     string
	Name       string
	Avatar     int // the picture's version; 0: initials
	Department string
	Topics     []string
	Level      Level
	Capacity   int
	Active     int // mentorships under way
	Note       string
	Paused     bool
}

// Full reports whether the offer takes no one more now.
func (o Offer) Full() bool { return o.Active >= o.Capacity }

// OfferInput is the offer form.
type OfferInput struct {
	Topics   string // comma-separated, as tags are
	Level    string
	Capacity int
	Note     string
}

// mentoringView is community slug as a sees it, for mentoring: a member's
// (or a steward's) only. A visitor is asked to sign in; a member of
// nothing is told to join (NotFound where the community is hidden).
func (s *Service) mentoringView(ctx context.Context, a auth.Actor, slug string) (community.View, error) {
	if !a.SignedIn() {
		return community.View{}, errs.New(errs.Unauthenticated, "Please sign in to find a mentor.")
	}
	v, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return v, err
	}
	if !v.IsMember() {
		return v, errs.Forbiddenf("Join the community to offer or find mentoring in it.")
	}
	return v, nil
}

// writableMentoring is mentoringView for a change: the community must be active.
func (s *Service) writableMentoring(ctx context.Context, a auth.Actor, slug string) (community.View, error) {
	v, err := s.mentoringView(ctx, a, slug)
	if err == nil && !v.CanTalk() {
		err = errs.Forbiddenf("This community takes no changes now.")
	}
	return v, err
}

// parseTopics reads a comma-separated list of topics into field's error.
func parseTopics(v *errs.Validation, field, in string) []string {
	tags, msg := community.ParseTags(in)
	switch {
	case msg != "":
		v.Add(field, msg)
	case len(tags) == 0:
		v.Add(field, "Name at least one topic, for example “sourdough”.")
	case len(tags) > MaxMentorTopics:
		v.Add(field, "Name at most 10 topics.")
	}
	return tags
}

// SaveOffer makes or changes a's offer to mentor in community slug.
func (s *Service) SaveOffer(ctx context.Context, a auth.Actor, slug string, in OfferInput) error {
	v, err := s.writableMentoring(ctx, a, slug)
	if err != nil {
		return err
	}
	var val errs.Validation
	tags := parseTopics(&val, "topics", in.Topics)
	level := Level(in.Level)
	val.Check(level == Practising || level == Expert, "level", "Choose practising or expert: mentors know the topics well.")
	val.Check(in.Capacity >= 1 && in.Capacity <= MaxMentees, "capacity", "Choose from 1 to 5 people at once.")
	in.Note = strings.TrimSpace(in.Note)
	val.Check(utf8.RuneCountInString(in.Note) <= MaxOfferNote, "note", "Keep the note to 280 characters.")
	if err := val.Err(); err != nil {
		return err
	}
	now := s.now()
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mentor_offers (community_id, person_id, level, capacity, note, paused, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, FALSE, $6, $6)
			ON CONFLICT (community_id, person_id) DO UPDATE SET level = excluded.level, capacity = excluded.capacity,
				note = excluded.note, updated_at = excluded.updated_at`, v.ID, a.PersonID, string(level), in.Capacity, in.Note, now)
		if err != nil {
			return errs.Wrap(err, "save an offer to mentor")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mentor_offer_topics WHERE community_id = $1 AND person_id = $2`, v.ID, a.PersonID); err != nil {
			return errs.Wrap(err, "save an offer to mentor")
		}
		for _, t := range tags {
			if _, err := tx.ExecContext(ctx, `INSERT INTO mentor_offer_topics (community_id, person_id, tag) VALUES ($1, $2, $3)`,
				v.ID, a.PersonID, t); err != nil {
				return errs.Wrap(err, "save an offer to mentor")
			}
		}
		return nil
	})
}

// PauseOffer pauses (or resumes) a's offer: a paused offer is not
// suggested; mentorships under way go on.
func (s *Service) PauseOffer(ctx context.Context, a auth.Actor, slug string, paused bool) error {
	v, err := s.writableMentoring(ctx, a, slug)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE mentor_offers SET paused = $1, updated_at = $2 WHERE community_id = $3 AND person_id = $4`,
		paused, s.now(), v.ID, a.PersonID)
	return affected(res, err, "pause an offer to mentor", "You have not offered to mentor here.")
}

// WithdrawOffer removes a's offer; mentorships under way go on.
func (s *Service) WithdrawOffer(ctx context.Context, a auth.Actor, slug string) error {
	v, err := s.writableMentoring(ctx, a, slug)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM mentor_offers WHERE community_id = $1 AND person_id = $2`, v.ID, a.PersonID)
	return affected(res, err, "withdraw an offer to mentor", "You have not offered to mentor here.")
}

// affected turns an update's outcome into an error: NotFound with missing
// when it changed no row.
func affected(res sql.Result, err error, what, missing string) error {
	if err != nil {
		return errs.Wrap(err, what)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFoundf("%s", missing)
	}
	return nil
}

// MentorRequest is a member's request for a mentor.
type MentorRequest struct {
	ID       int64
	PersonID int64
	Handle   string
	Name     string
	Topics   []string
	Goal     string
	Status   string // open, matched, withdrawn
	Created  time.Time
}

// RequestInput is the form to ask for a mentor.
type RequestInput struct {
	Topics string
	Goal   string
}

// AskForMentor records a's request for a mentor in community slug.
func (s *Service) AskForMentor(ctx context.Context, a auth.Actor, slug string, in RequestInput) (int64, error) {
	v, err := s.writableMentoring(ctx, a, slug)
	if err != nil {
		return 0, err
	}
	var val errs.Validation
	tags := parseTopics(&val, "topics", in.Topics)
	in.Goal = strings.TrimSpace(strings.ReplaceAll(in.Goal, "\r\n", "\n"))
	val.Check(in.Goal != "", "goal", "Say what you would like to learn.")
	val.Check(utf8.RuneCountInString(in.Goal) <= MaxGoal, "goal", "Keep what you want to learn to 1,000 characters.")
	if err := val.Err(); err != nil {
		return 0, err
	}
	var id int64
	err = s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if err := s.lockPerson(ctx, tx, a.PersonID); err != nil {
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM mentor_requests WHERE community_id = $1 AND person_id = $2 AND status = 'open'`,
			v.ID, a.PersonID).Scan(&open); err != nil {
			return errs.Wrap(err, "count requests")
		}
		if open >= MaxOpenRequests {
			return errs.Field("topics", "You have 3 requests open here already: withdraw one first.")
		}
		var err error
		id, err = db.InsertID(ctx, tx, `INSERT INTO mentor_requests (community_id, person_id, topics, goal, status, created_at)
			VALUES ($1, $2, $3, $4, 'open', $5)`, v.ID, a.PersonID, strings.Join(tags, ", "), in.Goal, s.now())
		return errs.Wrap(err, "ask for a mentor")
	})
	return id, err
}

// WithdrawRequest withdraws a's open request; proposals waiting on it are cancelled.
func (s *Service) WithdrawRequest(ctx context.Context, a auth.Actor, slug string, id int64) error {
	v, err := s.writableMentoring(ctx, a, slug)
	if err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE mentor_requests SET status = 'withdrawn' WHERE id = $1 AND community_id = $2 AND person_id = $3 AND status = 'open'`,
			id, v.ID, a.PersonID)
		if err := affected(res, err, "withdraw a request", "There is no such request open."); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE mentorships SET status = 'cancelled', ended_at = $1 WHERE request_id = $2 AND status = 'proposed'`, s.now(), id)
		return errs.Wrap(err, "withdraw a request")
	})
}

// request reads request id of community v, for a: its asker's, or any for
// a steward; NotFound otherwise.
func (s *Service) request(ctx context.Context, q db.Q, a auth.Actor, v community.View, id int64) (MentorRequest, int64, error) {
	var r MentorRequest
	var topics string
	var dept int64
	err := q.QueryRowContext(ctx, `SELECT r.id, r.person_id, p.handle, p.name, r.topics, r.goal, r.status, r.created_at, COALESCE(p.department_id, 0)
		FROM mentor_requests r JOIN people p ON p.id = r.person_id WHERE r.id = $1 AND r.community_id = $2`, id, v.ID).
		Scan(&r.ID, &r.PersonID, &r.Handle, &r.Name, &topics, &r.Goal, &r.Status, &r.Created, &dept)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && r.PersonID != a.PersonID && !v.IsSteward()) {
		return r, 0, errs.NotFoundf("There is no such request.")
	}
	if err != nil {
		return r, 0, errs.Wrap(err, "read a request")
	}
	r.Topics = splitList(topics)
	return r, dept, nil
}

// splitList splits a stored comma-separated list of topics.
func splitList(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
