package search

import (
	"context"
	"sync"
	"testing"

	"hearth/internal/db/dbtest"
)

// TestFirstDocCountIsMadeOnce: searches starting together on a database not
// counted yet wait for one count instead of each counting the index.
func TestFirstDocCountIsMadeOnce(t *testing.T) {
	d := dbtest.SQLite(t)
	before := d.QueryCount()
	var wg sync.WaitGroup
	counted := make([]int, 16)
	for i := range counted {
		wg.Go(func() {
			n, err := docCount(context.Background(), d)
			if err != nil {
				t.Error(err)
			}
			counted[i] = n
		})
	}
	wg.Wait()
	if n := d.QueryCount() - before; n != 1 {
		t.Errorf("%d counts for 16 searches starting together, want 1", n)
	}
	for i, n := range counted {
		if n != counted[0] {
			t.Errorf("search %d got %d documents, another %d", i, n, counted[0])
		}
	}
}
