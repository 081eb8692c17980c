package auth

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hearth/internal/errs"
)

// No more than the slots' number of hashes run at once, however many ask.
func TestHashSlotsBoundHashesInFlight(t *testing.T) {
	t.Parallel()
	h := newHashSlots(2, time.Minute)
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			err := h.run(context.Background(), argonMemory, func() {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(time.Millisecond) // hold the slot, as a hash does
				running.Add(-1)
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := most.Load(); got > 2 {
		t.Fatalf("%d hashes ran at once, want at most 2", got)
	}
}

// A hash that waits longer than its wait is refused as Unavailable with a
// time to try again (503 and Retry-After on the web), and never runs.
func TestHashSlotsRefuseWhenBusy(t *testing.T) {
	t.Parallel()
	h := newHashSlots(1, time.Millisecond)
	hold, held := make(chan struct{}), make(chan struct{})
	go h.run(context.Background(), argonMemory, func() { close(held); <-hold }) //nolint:errcheck
	<-held
	ran := false
	err := h.run(context.Background(), argonMemory, func() { ran = true })
	close(hold)
	if !errs.Is(err, errs.Unavailable) || errs.RetryAfterOf(err) <= 0 || ran {
		t.Fatalf("a hash past its wait: %v (retry after %v), ran %v", err, errs.RetryAfterOf(err), ran)
	}
}
