package people

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Level is how well a person says they know a topic.
type Level string

// The self-rated levels, from the edge inward.
const (
	Learning   Level = "learning"
	Practising Level = "practising"
	Expert     Level = "expert"
)

// Levels lists the levels in order.
var Levels = []Level{Learning, Practising, Expert}

// Rank is the level's weight in the ranking of experts: 1 to 3, 0 for none.
func (l Level) Rank() int { return slices.Index(Levels, l) + 1 }

// MaxExpertise bounds the topics a person declares.
const MaxExpertise = 20

// Expertise is a topic a person declares, with their level and the
// endorsements of it the reader may see.
type Expertise struct {
	Tag          string
	Level        Level
	Endorsements []Endorsement
	Endorsed     bool // the reader endorsed it (shown or hidden)
}

// ExpertiseInput is one row of the expertise form: a topic and a level ("":
// remove the topic).
type ExpertiseInput struct {
	Tag   string
	Level string
}

// SetExpertise replaces the actor's declared topics with rows. Errors name
// the row's fields: "topic_N" and "level_N" (N from 0).
func (s *Service) SetExpertise(ctx context.Context, a auth.Actor, rows []ExpertiseInput) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	var v errs.Validation
	seen := map[string]bool{}
	type decl struct {
		tag   string
		level Level
	}
	var list []decl
	for i, r := range rows {
		n := strconv.Itoa(i)
		tag := strings.TrimSpace(r.Tag)
		if tag == "" || r.Level == "" {
			continue
		}
		tags, msg := community.ParseTags(tag)
		switch {
		case msg != "" || len(tags) != 1:
			v.Add("topic_"+n, "Name one topic of up to 32 letters, digits, spaces or - + # . characters.")
			continue
		case seen[tags[0]]:
			v.Add("topic_"+n, "This topic is listed above already.")
			continue
		case Level(r.Level).Rank() == 0:
			v.Add("level_"+n, "Choose learning, practising or expert.")
			continue
		}
		seen[tags[0]] = true
		list = append(list, decl{tags[0], Level(r.Level)})
	}
	if len(list) > MaxExpertise {
		v.Add("topic_0", "List at most 20 topics.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if err := s.lockPerson(ctx, tx, a.PersonID); err != nil {
			return err
		}
		old, err := tagsOf(ctx, tx, a.PersonID)
		if err != nil {
			return err
		}
		changed := old
		for _, d := range list {
			changed = append(changed, d.tag)
		}
		changed = slices.Compact(slices.Sorted(slices.Values(changed)))
		if err := lockHolders(ctx, tx, changed); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM person_expertise WHERE person_id = $1", a.PersonID); err != nil {
			return errs.Wrap(err, "set expertise")
		}
		for _, d := range list {
			if _, err := tx.ExecContext(ctx, "INSERT INTO person_expertise (person_id, tag, level) VALUES ($1, $2, $3)",
				a.PersonID, d.tag, string(d.level)); err != nil {
				return errs.Wrap(err, "set expertise")
			}
		}
		return refreshDeclared(ctx, tx, a.PersonID, changed)
	})
}

// lockPerson locks person's row (on PostgreSQL) for the rest of the
// transaction: writes to a person's expertise and endorsements, and the
// counts kept from them, go one at a time. The lock lets the rows that
// refer to the person be written meanwhile (a recount's new score rows):
// FOR UPDATE would make such a write wait on the person while the person's
// write waits on it.
func (s *Service) lockPerson(ctx context.Context, tx *db.Tx, personID int64) error {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM people WHERE id = $1"+s.db.ForNoKeyUpdate(), personID).Scan(&id)
	return errs.Wrap(err, "lock person")
}

// tagsOf lists the topics person declares, through q.
func tagsOf(ctx context.Context, q db.Q, personID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT tag FROM person_expertise WHERE person_id = $1", personID)
	if err != nil {
		return nil, errs.Wrap(err, "read expertise")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, errs.Wrap(err, "read expertise")
		}
		out = append(out, t)
	}
	return out, errs.Wrap(rows.Err(), "read expertise")
}

// ExpertiseOf lists the topics person declares, strongest first, each with
// the endorsements a may see (hidden ones only to person): two queries.
func (s *Service) ExpertiseOf(ctx context.Context, a auth.Actor, personID int64) ([]Expertise, error) {
	if !a.SignedIn() {
		return nil, errs.New(errs.Unauthenticated, "Please sign in to see people's profiles.")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT tag, level FROM person_expertise WHERE person_id = $1`, personID)
	if err != nil {
		return nil, errs.Wrap(err, "read expertise")
	}
	var out []Expertise
	for rows.Next() {
		var x Expertise
		if err := rows.Scan(&x.Tag, &x.Level); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "read expertise")
		}
		out = append(out, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read expertise")
	}
	slices.SortFunc(out, func(x, y Expertise) int {
		if x.Level.Rank() != y.Level.Rank() {
			return y.Level.Rank() - x.Level.Rank()
		}
		return strings.Compare(x.Tag, y.Tag)
	})
	ends, err := s.endorsementsOf(ctx, a, personID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		for _, e := range ends {
			if e.Tag != out[i].Tag {
				continue
			}
			if e.EndorserID == a.PersonID {
				out[i].Endorsed = true
			}
			if !e.Hidden || a.PersonID == personID {
				out[i].Endorsements = append(out[i].Endorsements, e)
			}
		}
	}
	return out, nil
}
