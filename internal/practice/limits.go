package practice

import "hearth/internal/ratelimit"

// SetLimits makes the service apply the rate limits of l: new entries,
// comments and uploads, each per person. Without it (as in most tests) there
// are none; app sets the configured ones.
func (s *Service) SetLimits(l *ratelimit.Limiter) { s.limits = l }
