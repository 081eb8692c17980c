package people

import (
	"context"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// parseInterests reads comma-separated interests as tags are read (lower
// case, de-duplicated, at most 10 of up to 32 characters), and returns a
// message for the person when they break those limits.
func parseInterests(s string) ([]string, string) {
	list, msg := community.ParseTags(s)
	if msg != "" {
		return nil, "List at most 10 interests, separated by commas, each up to 32 letters, digits, spaces or - + # . characters."
	}
	return list, ""
}

// setInterests replaces person's interests with list, through q.
func setInterests(ctx context.Context, q db.Q, personID int64, list []string) error {
	if _, err := q.ExecContext(ctx, "DELETE FROM person_interests WHERE person_id = $1", personID); err != nil {
		return errs.Wrap(err, "set interests")
	}
	for _, t := range list {
		if _, err := q.ExecContext(ctx, "INSERT INTO person_interests (person_id, interest) VALUES ($1, $2)", personID, t); err != nil {
			return errs.Wrap(err, "set interests")
		}
	}
	return nil
}

// interestsOf lists person's interests in order.
func (s *Service) interestsOf(ctx context.Context, personID int64) ([]string, error) {
	return s.strings(ctx, "list interests", "SELECT interest FROM person_interests WHERE person_id = $1 ORDER BY interest", personID)
}

// strings runs a query of one text column.
func (s *Service) strings(ctx context.Context, what, query string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(err, what)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, errs.Wrap(err, what)
		}
		out = append(out, t)
	}
	return out, errs.Wrap(rows.Err(), what)
}
