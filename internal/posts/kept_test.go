package posts

import (
	"strings"
	"testing"
)

// The kept pages hold at most their budget, dropping the least recently
// used first, and a page larger than the budget is not kept.
func TestKeptPagesKeepTheirBudget(t *testing.T) {
	t.Parallel()
	page := func(body string) Page {
		return Page{Posts: []Post{{ID: 1, Body: body}}}
	}
	c := NewKept(2100) // two of these pages (about 1,000 bytes each, counted with their overhead)
	c.Put(KeptKey{Subject: Subject{Kind: "thread", ID: 1}, Version: 1}, page(strings.Repeat("a", 500)))
	c.Put(KeptKey{Subject: Subject{Kind: "thread", ID: 2}, Version: 1}, page(strings.Repeat("b", 500)))
	if _, ok := c.Get(KeptKey{Subject: Subject{Kind: "thread", ID: 1}, Version: 1}); !ok { // thread 1 is now the most recently used
		t.Fatal("thread 1's page is not kept")
	}
	if _, ok := c.Get(KeptKey{Subject: Subject{Kind: "thread", ID: 1}, Version: 2}); ok {
		t.Fatal("a page is kept under a version it was not read at")
	}
	c.Put(KeptKey{Subject: Subject{Kind: "thread", ID: 3}, Version: 1}, page(strings.Repeat("c", 500)))
	if _, ok := c.Get(KeptKey{Subject: Subject{Kind: "thread", ID: 2}, Version: 1}); ok {
		t.Error("the least recently used page (thread 2's) is still kept over the budget")
	}
	for _, id := range []int64{1, 3} {
		if p, ok := c.Get(KeptKey{Subject: Subject{Kind: "thread", ID: id}, Version: 1}); !ok || len(p.Posts) != 1 {
			t.Errorf("subject %d's page is not kept", id)
		}
	}
	if used := c.pages.Used(); used > c.budget {
		t.Errorf("%d bytes kept, over the budget of %d", used, c.budget)
	}
	c.Put(KeptKey{Subject: Subject{Kind: "thread", ID: 4}, Version: 1}, page(strings.Repeat("d", 5000)))
	if _, ok := c.Get(KeptKey{Subject: Subject{Kind: "thread", ID: 4}, Version: 1}); ok {
		t.Error("a page larger than the budget is kept")
	}
	c.Put(KeptKey{Subject: Subject{Kind: "thread", ID: 1}, Version: 1}, page("short")) // kept again under the same key: counted once
	if _, ok := c.Get(KeptKey{Subject: Subject{Kind: "thread", ID: 3}, Version: 1}); !ok {
		t.Error("putting a page again under its key dropped another")
	}
}
