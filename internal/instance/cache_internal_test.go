package instance

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// blockingCache returns a cache whose reads wait for release, counting them
// in loads and checking that the cache's lock is free while they run.
func blockingCache(t *testing.T) (c *Cache, started chan struct{}, release chan struct{}, loads *atomic.Int32) {
	c = &Cache{ttl: time.Hour}
	started, release, loads = make(chan struct{}, 10), make(chan struct{}), &atomic.Int32{}
	c.load = func(ctx context.Context) (Settings, error) {
		if !c.mu.TryLock() {
			t.Error("the cache's lock is held during the query")
		} else {
			c.mu.Unlock()
		}
		n := loads.Add(1)
		started <- struct{}{}
		<-release
		return Settings{Name: "read " + string(rune('0'+n))}, nil
	}
	return c, started, release, loads
}

func TestCacheHoldsNoLockDuringTheQuery(t *testing.T) {
	c, started, release, loads := blockingCache(t)
	first := make(chan Settings)
	go func() {
		st, err := c.Get(context.Background())
		if err != nil {
			t.Error(err)
		}
		first <- st
	}()
	<-started
	// While the read is in flight, Forget does not wait for it, and a request
	// that gives up stops waiting for it.
	c.Forget()
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Get(gone); err != context.Canceled {
		t.Fatalf("Get with an ended context during a read = %v, want context.Canceled", err)
	}
	close(release)
	if st := <-first; st.Name != "read 1" {
		t.Fatalf("first Get = %q", st.Name)
	}
	// The read began before Forget, so it was not kept: the next Get reads again.
	st, err := c.Get(context.Background())
	if err != nil || st.Name != "read 2" || loads.Load() != 2 {
		t.Fatalf("Get after Forget = %q, %v after %d reads; want a second read", st.Name, err, loads.Load())
	}
}

func TestCacheSharesOneRead(t *testing.T) {
	c, started, release, loads := blockingCache(t)
	var wg sync.WaitGroup
	names := make([]string, 10)
	for i := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := c.Get(context.Background())
			if err != nil {
				t.Error(err)
			}
			names[i] = st.Name
		}()
	}
	<-started
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Fatalf("10 simultaneous Gets read the settings %d times, want once", n)
	}
	for i, n := range names {
		if n != "read 1" {
			t.Errorf("Get %d = %q", i, n)
		}
	}
}
