// Package lru is a cache bounded by the bytes its values hold, dropping the
// least recently used first. Hearth keeps rendered fragments of pages and
// the newest replies of threads in such caches; their keys name everything
// a value depends on, so a change makes a new key and nothing needs to be
// invalidated: the old value ages out.
package lru

import (
	"container/list"
	"sync"
)

// Cache holds values by key up to a budget of bytes, each value's size
// given when it is put. It is safe for concurrent use.
type Cache[K comparable, V any] struct {
	budget int

	mu    sync.Mutex
	used  int
	order list.List // of *entry[K, V], the most recently used first
	m     map[K]*list.Element
}

type entry[K comparable, V any] struct {
	key   K
	value V
	size  int
}

// New returns a cache holding at most budget bytes.
func New[K comparable, V any](budget int) *Cache[K, V] {
	return &Cache[K, V]{budget: budget, m: map[K]*list.Element{}}
}

// Get returns the value kept under key, and whether there was one.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.m[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry[K, V]).value, true
}

// Put keeps value under key, counting size bytes against the budget; a
// value larger than the whole budget is not kept.
func (c *Cache[K, V]) Put(key K, value V, size int) {
	if size > c.budget {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.m[key]; ok {
		c.used -= el.Value.(*entry[K, V]).size
		c.order.Remove(el)
	}
	c.m[key] = c.order.PushFront(&entry[K, V]{key: key, value: value, size: size})
	c.used += size
	for c.used > c.budget {
		last := c.order.Back()
		e := last.Value.(*entry[K, V])
		c.order.Remove(last)
		delete(c.m, e.key)
		c.used -= e.size
	}
}

// Used returns the bytes the kept values hold.
func (c *Cache[K, V]) Used() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

// Len returns how many values are kept.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
