package auth

import "context"

// ActorByID returns the actor of the person with id as background work sees
// them (deciding whom to notify): NotFound for a disabled or missing person.
func (s *Service) ActorByID(ctx context.Context, id int64) (Actor, error) {
	var a Actor
	err := s.db.QueryRowContext(ctx, `SELECT id, handle, name, is_admin, is_sponsor, email_verified_at IS NOT NULL, time_zone FROM people
		WHERE id = $1 AND disabled_at IS NULL`, id).Scan(&a.PersonID, &a.Handle, &a.Name, &a.Admin, &a.Sponsor, &a.Verified, &a.TimeZone)
	return a, scanErr(err, "person")
}
