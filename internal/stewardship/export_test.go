package stewardship

import "time"

// SetNow sets the service's clock, for the tests.
func (s *Service) SetNow(now time.Time) { s.now = func() time.Time { return now } }
