package people

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Ask the experts: the asker of a question sees who knows its topics and
// may invite a few of them to answer. Nobody is flooded: a question asks
// at most AsksPerQuestion people, a person is asked at most AsksPerDay
// times a day across Hearth, and anyone may pause being asked.
const (
	SuggestedExperts = 5
	AsksPerQuestion  = 3
	AsksPerDay       = 3
)

// ExpertSuggestion is a person who knows a question's topics.
type ExpertSuggestion struct {
	ID         int64
	Handle     string
	Name       string
	Department string
	Score      int  // their best score on the question's topics
	Asked      bool // asked for this question already
	Busy       bool // asked AsksPerDay times in the last day
}

// SetTalk gives the service the conversations it asks experts about.
func (s *Service) SetTalk(t *conversation.Service) { s.talk = t }

// askable returns the question a may ask experts about: its author, while
// it is open; NotFound when a may not read it, Forbidden otherwise.
func (s *Service) askable(ctx context.Context, a auth.Actor, slug string, threadID int64) (conversation.ThreadView, error) {
	t, err := s.talk.Get(ctx, a, slug, threadID)
	if err != nil {
		return t, err
	}
	switch {
	case !t.IsQuestion():
		return t, errs.NotFoundf("Only a question asks experts.")
	case t.AuthorID != a.PersonID || !a.SignedIn():
		return t, errs.Forbiddenf("Only the person who asked may ask experts to answer.")
	case t.Locked || t.Closed:
		return t, errs.Forbiddenf("This question is closed to answers.")
	}
	return t, nil
}

// SuggestExperts returns who knows the topics of question threadID best,
// for its asker: people who may read it, have not paused being asked, best
// first (their best score on any of its tags). One query.
func (s *Service) SuggestExperts(ctx context.Context, a auth.Actor, slug string, threadID int64) (conversation.ThreadView, []ExpertSuggestion, error) {
	t, err := s.askable(ctx, a, slug, threadID)
	if err != nil {
		return t, nil, err
	}
	list, err := s.suggest(ctx, s.db, a, t, SuggestedExperts)
	return t, list, err
}

func (s *Service) suggest(ctx context.Context, q db.Q, a auth.Actor, t conversation.ThreadView, limit int) ([]ExpertSuggestion, error) {
	tags := t.Tags[:min(len(t.Tags), 10)]
	if len(tags) == 0 {
		return nil, nil
	}
	args := []any{a.PersonID, t.ID, s.now().Add(-24 * time.Hour)}
	marks := make([]string, len(tags))
	for i, tag := range tags {
		args = append(args, tag)
		marks[i] = "$" + strconv.Itoa(len(args))
	}
	readers := ""
	if t.Community.Visibility == community.Private { // only its members may read it
		args = append(args, t.Community.ID)
		readers = ` AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = $` + strconv.Itoa(len(args)) + ` AND m.person_id = p.id AND m.status = 'active')`
	}
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.handle, p.name, COALESCE(d.name, ''), MAX(x.score),
			EXISTS (SELECT 1 FROM expert_asks k WHERE k.thread_id = $2 AND k.person_id = p.id),
			(SELECT COUNT(*) FROM expert_asks k WHERE k.person_id = p.id AND k.created_at > $3) >= `+strconv.Itoa(AsksPerDay)+`
		FROM expertise_scores x JOIN people p ON p.id = x.person_id LEFT JOIN departments d ON d.id = p.department_id
		WHERE x.tag IN (`+strings.Join(marks, ", ")+`) AND p.id <> $1 AND p.disabled_at IS NULL AND NOT p.asks_paused`+readers+`
		GROUP BY p.id, p.handle, p.name, d.name ORDER BY MAX(x.score) DESC, p.id LIMIT `+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, errs.Wrap(err, "suggest experts")
	}
	defer rows.Close()
	var out []ExpertSuggestion
	for rows.Next() {
		var g ExpertSuggestion
		if err := rows.Scan(&g.ID, &g.Handle, &g.Name, &g.Department, &g.Score, &g.Asked, &g.Busy); err != nil {
			return nil, errs.Wrap(err, "suggest experts")
		}
		out = append(out, g)
	}
	return out, errs.Wrap(rows.Err(), "suggest experts")
}

// AskExperts invites the people with these handles, each among the
// suggestions, to answer question threadID, and tells them. It refuses
// (changing nothing) more than AsksPerQuestion for the question in all, a
// person not suggested, and one asked too often today. The question's row
// is locked, so two requests at once cannot pass the limit together.
func (s *Service) AskExperts(ctx context.Context, a auth.Actor, slug string, threadID int64, handles []string) (int, error) {
	t, err := s.askable(ctx, a, slug, threadID)
	if err != nil {
		return 0, err
	}
	if len(handles) == 0 {
		return 0, errs.Field("experts", "Choose the people to ask.")
	}
	asked := 0
	err = s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT id FROM threads WHERE id = $1`+s.db.ForUpdate(), t.ID); err != nil {
			return errs.Wrap(err, "lock the question")
		}
		var before int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM expert_asks WHERE thread_id = $1`, t.ID).Scan(&before); err != nil {
			return errs.Wrap(err, "count asks")
		}
		suggestions, err := s.suggest(ctx, tx, a, t, 50)
		if err != nil {
			return err
		}
		byHandle := map[string]ExpertSuggestion{}
		for _, g := range suggestions {
			byHandle[g.Handle] = g
		}
		var targets []activity.Target
		seen := map[string]bool{}
		for _, h := range handles {
			if seen[h] {
				continue
			}
			seen[h] = true
			g, ok := byHandle[h]
			switch {
			case !ok:
				return errs.Field("experts", fmt.Sprintf("@%s is not among the people suggested for this question.", h))
			case g.Asked:
				continue
			case g.Busy:
				return errs.Field("experts", fmt.Sprintf("%s has been asked %d times today already: choose someone else, or ask again tomorrow.", g.Name, AsksPerDay))
			}
			targets = append(targets, activity.Target{PersonID: g.ID, Reason: "asked"})
		}
		if before+len(targets) > AsksPerQuestion {
			return errs.Field("experts", fmt.Sprintf("A question asks at most %d people: %d asked already.", AsksPerQuestion, before))
		}
		for _, tg := range targets {
			if _, err := tx.ExecContext(ctx, `INSERT INTO expert_asks (thread_id, person_id, asked_by, created_at) VALUES ($1, $2, $3, $4)`,
				t.ID, tg.PersonID, a.PersonID, s.now()); err != nil {
				return errs.Wrap(err, "ask an expert")
			}
		}
		asked = len(targets)
		if asked == 0 {
			return nil
		}
		_, err = activity.Record(ctx, tx, activity.Activity{ActorID: a.PersonID, Verb: activity.ExpertAsked, SubjectKind: conversation.SubjectKind,
			SubjectID: t.ID, CommunityID: t.Community.ID, Audience: activity.Subject, Title: t.Title,
			URL: t.URL(), Targets: targets})
		return err
	})
	return asked, err
}

// SetAsksPaused pauses (or resumes) a being asked to answer questions.
func (s *Service) SetAsksPaused(ctx context.Context, a auth.Actor, paused bool) error {
	if !a.SignedIn() {
		return errs.Forbiddenf("Sign in to change your settings.")
	}
	_, err := s.db.ExecContext(ctx, `UPDATE people SET asks_paused = $1 WHERE id = $2`, paused, a.PersonID)
	return errs.Wrap(err, "pause asks")
}

// AsksPaused reports whether a paused being asked.
func (s *Service) AsksPaused(ctx context.Context, a auth.Actor) (bool, error) {
	var paused bool
	err := s.db.QueryRowContext(ctx, `SELECT asks_paused FROM people WHERE id = $1`, a.PersonID).Scan(&paused)
	return paused, errs.Wrap(err, "read asks paused")
}
