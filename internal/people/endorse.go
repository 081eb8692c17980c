package people

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/ratelimit"
)

// MaxEndorsementNote bounds an endorsement's note, in characters.
const MaxEndorsementNote = 500

// Endorsement is one person's word for another's expertise in a topic.
type Endorsement struct {
	ID             int64
	Tag            string
	EndorserID     int64
	EndorserHandle string
	EndorserName   string
	Note           string
	Hidden         bool // hidden by the endorsed person: shown to them only
	CreatedAt      time.Time
}

// SubjectPerson is the subject kind of activities about a person (an
// endorsement of their expertise).
const SubjectPerson = "person"

// Endorse records that the actor vouches for the expertise of the person with
// this handle in topic, with an optional note; once per pair and topic (a
// second, even at the same moment, is a Conflict). The topic must be one the
// person declares; nobody endorses themselves. The endorsed person is told.
func (s *Service) Endorse(ctx context.Context, a auth.Actor, handle, topic, note string) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in to endorse someone.")
	}
	p, err := s.Profile(ctx, a, handle)
	if err != nil {
		return err
	}
	if p.Disabled {
		return errs.NotFoundf("There is nobody with this handle.")
	}
	if p.ID == a.PersonID {
		return errs.Field("topic", "You cannot endorse your own expertise.")
	}
	topic = strings.Join(strings.Fields(strings.ToLower(topic)), " ")
	note = strings.TrimSpace(strings.ReplaceAll(note, "\r\n", "\n"))
	var v errs.Validation
	v.Check(utf8.RuneCountInString(note) <= MaxEndorsementNote, "note", "Keep the note to 500 characters.")
	tags, err := tagsOf(ctx, s.db, p.ID)
	if err != nil {
		return err
	}
	v.Check(slices.Contains(tags, topic), "topic", "Choose one of the topics "+p.Name+" lists.")
	if err := v.Err(); err != nil {
		return err
	}
	if err := s.limits.Take(ctx, ratelimit.Endorse, ratelimit.Person(a.PersonID)); err != nil {
		return err
	}
	err = s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if err := s.lockPerson(ctx, tx, p.ID); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO endorsements (person_id, tag, endorser_id, note, created_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id, tag, endorser_id) DO NOTHING RETURNING id`,
			p.ID, topic, a.PersonID, note, s.now()).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.Conflictf("You have endorsed %s in %s already.", p.Name, topic)
		}
		if err != nil {
			return errs.Wrap(err, "endorse")
		}
		if err := refreshDeclared(ctx, tx, p.ID, []string{topic}); err != nil {
			return err
		}
		_, err = activity.Record(ctx, tx, activity.Activity{ActorID: a.PersonID, Verb: activity.PersonEndorsed,
			SubjectKind: SubjectPerson, SubjectID: p.ID, Audience: activity.Subject, Title: topic,
			URL: "/people/" + p.Handle + "#expertise", Excerpt: note,
			Targets: []activity.Target{{PersonID: p.ID, Reason: "endorsed"}}})
		return err
	})
	if db.IsUniqueViolation(err) { // a concurrent twin on SQLite's other path
		return errs.Conflictf("You have endorsed %s in %s already.", p.Name, topic)
	}
	return err
}

// SetEndorsementHidden hides (or shows again) endorsement id of the expertise
// of the person with this handle, who must be the actor: an endorsement of
// someone else's is NotFound to anyone else.
func (s *Service) SetEndorsementHidden(ctx context.Context, a auth.Actor, handle string, id int64, hidden bool) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	if !strings.EqualFold(handle, a.Handle) {
		return errs.NotFoundf("There is no such endorsement.")
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if err := s.lockPerson(ctx, tx, a.PersonID); err != nil {
			return err
		}
		var tag string
		err := tx.QueryRowContext(ctx, "SELECT tag FROM endorsements WHERE id = $1 AND person_id = $2", id, a.PersonID).Scan(&tag)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.NotFoundf("There is no such endorsement.")
		}
		if err != nil {
			return errs.Wrap(err, "read endorsement")
		}
		var at *time.Time
		if hidden {
			now := s.now()
			at = &now
		}
		if _, err := tx.ExecContext(ctx, "UPDATE endorsements SET hidden_at = $1 WHERE id = $2", at, id); err != nil {
			return errs.Wrap(err, "hide endorsement")
		}
		return refreshDeclared(ctx, tx, a.PersonID, []string{tag})
	})
}

// maxEndorsementsShown bounds the endorsements a profile reads.
const maxEndorsementsShown = 500

// endorsementsOf lists the endorsements of person's expertise, oldest first,
// hidden ones included (the caller shows them to person only), bounded.
func (s *Service) endorsementsOf(ctx context.Context, a auth.Actor, personID int64) ([]Endorsement, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.tag, e.endorser_id, p.handle, p.name, e.note, e.hidden_at IS NOT NULL, e.created_at
		FROM endorsements e JOIN people p ON p.id = e.endorser_id
		WHERE e.person_id = $1 AND (p.disabled_at IS NULL OR $2) AND (e.hidden_at IS NULL OR $3 OR e.endorser_id = $4)
		ORDER BY e.created_at, e.id LIMIT $5`, personID, a.Admin, a.PersonID == personID, a.PersonID, maxEndorsementsShown)
	if err != nil {
		return nil, errs.Wrap(err, "list endorsements")
	}
	defer rows.Close()
	var out []Endorsement
	for rows.Next() {
		var e Endorsement
		if err := rows.Scan(&e.ID, &e.Tag, &e.EndorserID, &e.EndorserHandle, &e.EndorserName, &e.Note, &e.Hidden, &e.CreatedAt); err != nil {
			return nil, errs.Wrap(err, "list endorsements")
		}
		out = append(out, e)
	}
	return out, errs.Wrap(rows.Err(), "list endorsements")
}
