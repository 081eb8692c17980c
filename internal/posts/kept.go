package posts

import (
	"context"

	"hearth/internal/db"
	"hearth/internal/lru"
)

// Kept pages: a subject's newest page of posts (its own address) is read
// once for every reader (as Everyone sees it) and kept under the subject's
// posts version, which the subject's owner keeps by trigger so that every
// write to its posts or their authors' names changes it: nothing kept can
// go stale, on this instance or another, as a change makes a new key and
// the old page ages out. Each reader is then shown the page through their
// own Viewer's See.

// KeptKey names a subject's newest page of posts of a kind ("" for all) at
// one version of its posts.
type KeptKey struct {
	Subject Subject
	Version int64
	Kind    string
	Counted bool
}

// Kept holds pages read once, within a budget of bytes.
type Kept struct {
	budget int
	pages  *lru.Cache[KeptKey, Page]
}

// NewKept returns an empty store of pages holding at most budget bytes.
func NewKept(budget int) *Kept {
	return &Kept{budget: budget, pages: lru.New[KeptKey, Page](budget)}
}

// Get returns the page kept under k. Its posts are shared: the caller
// copies them before changing any.
func (c *Kept) Get(k KeptKey) (Page, bool) { return c.pages.Get(k) }

// Put keeps p under k, counting its posts' text and HTML.
func (c *Kept) Put(k KeptKey, p Page) {
	size := 256
	for _, x := range p.Posts {
		size += 256 + len(x.Body) + len(x.HTML) + len(x.AuthorName) + len(x.AuthorHandle)
	}
	c.pages.Put(k, p, size)
}

// Read reads the page of s's posts at, as Everyone sees it: the newest page
// from the kept pages when it was read at version already. A version of 0
// (not known) and any other page are read from q each time.
func (c *Kept) Read(ctx context.Context, q db.Q, s Subject, version int64, at At) (Page, error) {
	if at.Before != 0 || at.After != 0 || at.Around != 0 || version == 0 {
		return Read(ctx, q, s, at, Everyone)
	}
	k := KeptKey{Subject: s, Version: version, Kind: at.Kind, Counted: at.Counted}
	if p, ok := c.Get(k); ok {
		return p, nil
	}
	p, err := Read(ctx, q, s, at, Everyone)
	if err == nil {
		c.Put(k, p)
	}
	return p, err
}

// SeenBy returns p with a copy of its posts as v is shown them (the page
// read may be kept, and shared).
func (p Page) SeenBy(v Viewer) Page {
	list := make([]Post, len(p.Posts))
	for i, x := range p.Posts {
		list[i] = v.See(x)
	}
	p.Posts = list
	return p
}
