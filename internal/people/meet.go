package people

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/db"
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
// the most interests or declared topics with a (then by name): two queries.
// Nobody is suggested to a person who lists nothing.
func (s *Service) PeopleToMeet(ctx context.Context, a auth.Actor) ([]Suggestion, error) {
	if !a.SignedIn() {
		return nil, errs.New(errs.Unauthenticated, "Please sign in to see people.")
	}
	const shared = `WITH mine AS (SELECT interest AS t FROM person_interests WHERE person_id = $1
			UNION SELECT tag FROM person_expertise WHERE person_id = $1),
		theirs AS (SELECT i.person_id, i.interest AS t FROM person_interests i WHERE i.interest IN (SELECT t FROM mine)
			UNION SELECT x.person_id, x.tag FROM person_expertise x WHERE x.tag IN (SELECT t FROM mine))`
	rows, err := s.db.QueryContext(ctx, shared+`
		SELECT `+personColumns+`, COUNT(*) FROM theirs JOIN people p ON p.id = theirs.person_id
		LEFT JOIN departments d ON d.id = p.department_id
		WHERE p.id <> $1 AND p.disabled_at IS NULL AND p.department_id IS NOT NULL
		AND p.department_id <> COALESCE((SELECT me.department_id FROM people me WHERE me.id = $1), 0)
		GROUP BY `+personGroup+`
		ORDER BY COUNT(*) DESC, lower(p.name), p.id LIMIT $2`, a.PersonID, MeetSize)
	if err != nil {
		return nil, errs.Wrap(err, "suggest people")
	}
	var out []Suggestion
	var ids []int64
	for rows.Next() {
		var x Suggestion
		var n int
		err := scanPerson(rows, &x.Person, &n)
		if err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "suggest people")
		}
		out = append(out, x)
		ids = append(ids, x.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, errs.Wrap(err, "suggest people")
	}
	in, args := db.InIDs(2, ids)
	rows, err = s.db.QueryContext(ctx, shared+` SELECT person_id, t FROM theirs WHERE person_id IN (`+in+`) ORDER BY t`, append([]any{a.PersonID}, args...)...)
	if err != nil {
		return nil, errs.Wrap(err, "suggest people")
	}
	defer rows.Close()
	at := map[int64]int{}
	for i, x := range out {
		at[x.ID] = i
	}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, errs.Wrap(err, "suggest people")
		}
		out[at[id]].Shared = append(out[at[id]].Shared, t)
	}
	return out, errs.Wrap(rows.Err(), "suggest people")
}

// personGroup groups by every column of personColumns.
const personGroup = `p.id, p.handle, p.name, p.title, p.pronouns, p.languages, p.bio, d.name, d.id, d.slug, p.is_admin, p.is_sponsor, p.disabled_at, p.created_at, p.avatar`
