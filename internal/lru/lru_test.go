package lru

import (
	"sync"
	"testing"
)

// The cache keeps within its budget, drops the least recently used first,
// replaces a value put again under its key, and refuses one larger than
// the budget.
func TestCacheKeepsItsBudget(t *testing.T) {
	t.Parallel()
	c := New[string, int](10)
	c.Put("a", 1, 4)
	c.Put("b", 2, 4)
	if _, ok := c.Get("a"); !ok { // a is now the most recently used
		t.Fatal("a is missing")
	}
	c.Put("c", 3, 4) // over budget: b goes, not a
	if _, ok := c.Get("b"); ok {
		t.Error("the least recently used value was kept")
	}
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Errorf("a = %v, %v", v, ok)
	}
	c.Put("a", 5, 2)
	if v, _ := c.Get("a"); v != 5 || c.Used() != 6 {
		t.Errorf("after putting a again: a = %d, used %d, want 5 and 6", v, c.Used())
	}
	c.Put("big", 9, 11)
	if _, ok := c.Get("big"); ok || c.Used() != 6 {
		t.Errorf("a value larger than the budget was kept (used %d)", c.Used())
	}
}

// Concurrent use stays within the budget (run under -race).
func TestCacheUnderConcurrentUse(t *testing.T) {
	t.Parallel()
	c := New[int, int](100)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				c.Put(g*1000+i%50, i, 3)
				c.Get(g*1000 + (i+7)%50)
			}
		})
	}
	wg.Wait()
	if u := c.Used(); u > 100 {
		t.Fatalf("used %d of a budget of 100", u)
	}
}
