package practice

import (
	"context"
	"sync"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// MarkHelpful records (or, with helped false, withdraws) that an entry
// helped a; once per person.
func (s *Service) MarkHelpful(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, helped bool) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		v, e, err := s.entryTx(ctx, tx, a, communitySlug, entrySlug)
		if err != nil {
			return err
		}
		if !(EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}).CanMarkHelpful() {
			if v.Archived() {
				return errs.Forbiddenf("This community is archived: its library is read-only.")
			}
			return errs.Forbiddenf("Authors cannot mark their own entry as helpful.")
		}
		if helped {
			_, err = tx.ExecContext(ctx, `INSERT INTO entry_helpful (entry_id, person_id, created_at) VALUES ($1, $2, $3)
				ON CONFLICT (entry_id, person_id) DO NOTHING`, e.ID, a.PersonID, s.now())
		} else {
			_, err = tx.ExecContext(ctx, "DELETE FROM entry_helpful WHERE entry_id = $1 AND person_id = $2", e.ID, a.PersonID)
		}
		return errs.Wrap(err, "mark helpful")
	})
}

// viewCounter adds up entry views in memory and writes them in batches:
// a write per page view would make every read a write.
type viewCounter struct {
	mu     sync.Mutex
	counts map[int64]int
}

func newViewCounter() *viewCounter { return &viewCounter{counts: map[int64]int{}} }

func (c *viewCounter) add(id int64) {
	c.mu.Lock()
	c.counts[id]++
	c.mu.Unlock()
}

// pending returns the views of id counted here but not written yet.
func (c *viewCounter) pending(id int64) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[id]
}

func (c *viewCounter) take() map[int64]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.counts
	c.counts = map[int64]int{}
	return p
}

// putBack returns views taken for a flush that failed, to be written by the
// next one.
func (c *viewCounter) putBack(p map[int64]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, n := range p {
		c.counts[id] += n
	}
}

// FlushViews writes the views counted since the last flush. When it fails
// (the transaction rolled back), the views are kept for the next flush.
func (s *Service) FlushViews(ctx context.Context) error {
	pending := s.views.take()
	if len(pending) == 0 {
		return nil
	}
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		for id, n := range pending {
			if _, err := tx.ExecContext(ctx, "UPDATE entries SET views = views + $1 WHERE id = $2", n, id); err != nil {
				return errs.Wrap(err, "count views")
			}
		}
		return nil
	})
	if err != nil {
		s.views.putBack(pending)
	}
	return err
}

// RunViewFlusher flushes views every interval until ctx ends, then once more.
func (s *Service) RunViewFlusher(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			if err := s.FlushViews(context.WithoutCancel(ctx)); err != nil {
				s.log.Warn("flush views", "err", err)
			}
			return
		case <-t.C:
			if err := s.FlushViews(ctx); err != nil {
				s.log.Warn("flush views", "err", err)
			}
		}
	}
}
