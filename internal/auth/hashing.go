package auth

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"

	"hearth/internal/errs"
)

// Every argon2id hash holds about 19 MiB while it runs, so the hashes in
// flight are bounded: a hundred simultaneous sign-ins would otherwise take
// gigabytes. More hashes at once than cores would not finish sooner anyway.

// defaultHashWait is how long a hash waits for its turn before the request is
// answered 503: long enough to ride out a burst, short enough that a flood
// does not pile up requests.
const defaultHashWait = 3 * time.Second

var errBusy = errs.RetryAfter(errs.Unavailable, time.Second,
	"Hearth is busy checking other passwords. Please try again in a moment.")

// collectAfterKiB is how much hashes' garbage (about 19 MiB a hash at
// Hearth's cost) may pile up before a collection. Left to the collector's
// pacing, a burst piles up far more: "hearth serve" lets the heap grow to
// five times the live data between collections (GOGC=400), and the hashes in
// flight count as live, so 150 simultaneous sign-ins took some 300 MiB with
// two hashes at a time.
const collectAfterKiB = 4 * argonMemory

// hashSlots bounds the password hashes in flight, and the garbage they leave.
type hashSlots struct {
	slots chan struct{}
	wait  time.Duration
	done  *atomic.Int64 // KiB hashed since the last collection
}

func newHashSlots(n int, wait time.Duration) hashSlots {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if wait <= 0 {
		wait = defaultHashWait
	}
	return hashSlots{slots: make(chan struct{}, n), wait: wait, done: new(atomic.Int64)}
}

// finished counts the memory of a hash done in its slot and, once
// collectAfterKiB has piled up, collects before giving the slot back, so
// that no new hash starts on a pile of dead ones. A collection of Hearth's
// small heap takes a few milliseconds; a hash, about a hundred.
func (h hashSlots) finished(memoryKiB uint32) {
	if h.done.Add(int64(memoryKiB)) >= collectAfterKiB {
		h.done.Store(0)
		runtime.GC()
	}
}

// run runs fn, a hash taking memoryKiB, when a slot is free, waiting at
// most h.wait for one.
func (h hashSlots) run(ctx context.Context, memoryKiB uint32, fn func()) error {
	select {
	case h.slots <- struct{}{}:
	default:
		t := time.NewTimer(h.wait)
		defer t.Stop()
		select {
		case h.slots <- struct{}{}:
		case <-t.C:
			return errBusy
		case <-ctx.Done():
			return errs.Wrap(ctx.Err(), "wait to hash")
		}
	}
	defer func() { <-h.slots }()
	fn()
	h.finished(memoryKiB)
	return nil
}

// hash hashes a new password in a slot.
func (s *Service) hash(ctx context.Context, pw string) (string, error) {
	var h string
	var err error
	if serr := s.hashing.run(ctx, s.passwordCost.MemoryKiB, func() { h, err = hashPasswordAt(s.passwordCost, pw) }); serr != nil {
		return "", serr
	}
	return h, errs.Wrap(err, "hash password")
}

// verify checks pw against a stored hash in a slot.
func (s *Service) verify(ctx context.Context, hash, pw string) (bool, error) {
	var ok bool
	var err error
	if serr := s.hashing.run(ctx, hashMemoryKiB(hash), func() { ok, err = VerifyPassword(hash, pw) }); serr != nil {
		return false, serr
	}
	return ok, errs.Wrap(err, "verify password")
}
