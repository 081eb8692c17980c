package jobs

import "time"

// Retry timing: the wait after a failed attempt doubles from firstRetry up to
// maxRetry (1m, 2m, 4m ... 1h).
const (
	firstRetry = time.Minute
	maxRetry   = time.Hour
)

// RetryDelay is the wait after the given failed attempt (counted from 1).
func RetryDelay(attempt int) time.Duration {
	d := firstRetry
	for i := 1; i < attempt && d < maxRetry; i++ {
		d *= 2
	}
	return min(d, maxRetry)
}
