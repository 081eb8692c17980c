package auth

import (
	"context"
	"strings"

	"hearth/internal/errs"
)

// SetSponsor grants (or revokes) the sponsor role: reading the
// institution's page without administering the instance. Only
// administrators may. The person's sessions show the change at their next
// request on this instance, within the session cache's lifetime on others.
func (s *Service) SetSponsor(ctx context.Context, a Actor, handle string, sponsor bool) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in.")
	}
	if !a.Admin {
		return errs.Forbiddenf("Only administrators can name sponsors.")
	}
	defer s.sessions.forgetAll() // what the person's sessions carry changes
	res, err := s.db.ExecContext(ctx, "UPDATE people SET is_sponsor = $1 WHERE handle = $2",
		sponsor, strings.ToLower(strings.TrimSpace(handle)))
	if err != nil {
		return errs.Wrap(err, "set sponsor")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return errs.Wrap(err, "set sponsor")
	}
	if n == 0 {
		return errs.NotFoundf("There is nobody with this handle.")
	}
	return nil
}
