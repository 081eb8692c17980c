package people

import (
	"context"
	"strings"
	"time"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// SetTimeZone sets the zone the actor reads times in (an IANA name such as
// Europe/Paris; "" for the instance's).
func (s *Service) SetTimeZone(ctx context.Context, a auth.Actor, zone string) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	zone = strings.TrimSpace(zone)
	if zone != "" {
		_, err := time.LoadLocation(zone)
		if err != nil || zone == "Local" || len(zone) > 64 || strings.Contains(zone, "..") || strings.HasPrefix(zone, "/") {
			return errs.Field("time_zone", "Choose a time zone by its name, such as Europe/Paris or America/New_York.")
		}
	}
	_, err := s.db.ExecContext(ctx, `UPDATE people SET time_zone = $1 WHERE id = $2`, zone, a.PersonID)
	return errs.Wrap(err, "set time zone")
}
