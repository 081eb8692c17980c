package people

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// MeetSize is how many people "people you may want to meet" suggests.
const MeetSize = 6

// Suggestion is a person from another department who shares interests or
// topics with the reader.
type Suggestion struct {
	Person
	Shared []string // the interests and topics in common, in order
}

// PeopleToMeet suggests people from other departments than a's who share
// the most interests or declared topics with a (then by name). Nobody is
// suggested to a person who lists nothing. The suggestions are kept per
// reader (kept.go) under the versions of the people lists and of the
// holders of the reader's tags: a request reads those versions (one query),
// and the suggestions only when one has moved.
func (s *Service) PeopleToMeet(ctx context.Context, a auth.Actor) ([]Suggestion, error) {
	if !a.SignedIn() {
		return nil, errs.New(errs.Unauthenticated, "Please sign in to see people.")
	}
	v, err := s.listVersionsOf(ctx, "", a.PersonID, 0)
	if err != nil {
		return nil, err
	}
	return s.peopleToMeetAt(ctx, a, v)
}

// peopleToMeetAt returns a's suggestions as of the versions v (read with a
// as the reader).
func (s *Service) peopleToMeetAt(ctx context.Context, a auth.Actor, v listVersions) ([]Suggestion, error) {
	if v.mine == "" {
		return nil, nil
	}
	return s.kept.meet(meetKey{person: a.PersonID, people: v.people, mine: v.mine}, func() ([]Suggestion, error) {
		return s.readPeopleToMeet(ctx, a.PersonID)
	})
}

// meetSQL finds the people to meet of $1, at most $2, in one query: those
// sharing the reader's tags are counted by person alone, the first few
// (most shared, then by name) read with each tag they share, a row each.
const meetSQL = `WITH mine AS (SELECT interest AS t FROM person_interests WHERE person_id = $1
		UNION SELECT tag FROM person_expertise WHERE person_id = $1),
	theirs AS (SELECT i.person_id, i.interest AS t FROM person_interests i WHERE i.interest IN (SELECT t FROM mine)
		UNION SELECT x.person_id, x.tag FROM person_expertise x WHERE x.tag IN (SELECT t FROM mine)),
	top AS (SELECT p.id, COUNT(*) AS n FROM theirs JOIN people p ON p.id = theirs.person_id
		WHERE p.id <> $1 AND p.disabled_at IS NULL AND p.department_id IS NOT NULL
		AND p.department_id <> COALESCE((SELECT me.department_id FROM people me WHERE me.id = $1), 0)
		GROUP BY p.id, lower(p.name) ORDER BY COUNT(*) DESC, lower(p.name), p.id LIMIT $2)
	SELECT ` + listColumns + `, theirs.t FROM top JOIN people p ON p.id = top.id LEFT JOIN departments d ON d.id = p.department_id
		JOIN theirs ON theirs.person_id = top.id
	ORDER BY top.n DESC, lower(p.name), p.id, theirs.t`

// readPeopleToMeet reads the people to meet of person.
func (s *Service) readPeopleToMeet(ctx context.Context, person int64) ([]Suggestion, error) {
	rows, err := s.db.QueryContext(ctx, meetSQL, person, MeetSize)
	if err != nil {
		return nil, errs.Wrap(err, "suggest people")
	}
	defer rows.Close()
	var out []Suggestion
	for rows.Next() {
		var x Suggestion
		var tag string
		if err := scanListed(rows, &x.Person, &tag); err != nil {
			return nil, errs.Wrap(err, "suggest people")
		}
		if len(out) == 0 || out[len(out)-1].ID != x.ID {
			out = append(out, x)
		}
		last := &out[len(out)-1]
		last.Shared = append(last.Shared, tag)
	}
	return out, errs.Wrap(rows.Err(), "suggest people")
}
