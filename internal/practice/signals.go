package practice

import (
	"context"
	"strconv"
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

// viewCounter gathers entry views in memory and writes them in batches (a
// write per page view would make every read a write). A view is a reader's
// first of an entry on a day: the batch holds each (entry, reader, day) once,
// and the flush counts only those the entry_views table did not hold yet, so
// that repeated views count once across flushes, restarts and instances.
type viewCounter struct {
	mu      sync.Mutex
	pending map[viewKey]bool
}

// viewKey is one reader's view of one entry on one day (UTC).
type viewKey struct {
	entry  int64
	viewer string
	day    string
}

func newViewCounter() *viewCounter { return &viewCounter{pending: map[viewKey]bool{}} }

func (c *viewCounter) add(k viewKey) {
	c.mu.Lock()
	c.pending[k] = true
	c.mu.Unlock()
}

// pendingFor returns how many readers' views of id wait for the next flush
// (some may turn out repeated: the page's figure is an estimate until then).
func (c *viewCounter) pendingFor(id int64) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for k := range c.pending {
		if k.entry == id {
			n++
		}
	}
	return n
}

func (c *viewCounter) take() map[viewKey]bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.pending
	c.pending = map[viewKey]bool{}
	return p
}

// putBack returns views taken for a flush that failed, to be written by the
// next one.
func (c *viewCounter) putBack(p map[viewKey]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range p {
		c.pending[k] = true
	}
}

// viewDays is how long a reader's daily views are remembered: today's and
// yesterday's are enough to tell a repeat (a day is UTC).
const viewDays = 2

// FlushViews writes the views gathered since the last flush, counting each
// reader once a day. When it fails (the transaction rolled back), the views
// are kept for the next flush.
func (s *Service) FlushViews(ctx context.Context) error {
	pending := s.views.take()
	if len(pending) == 0 {
		return nil
	}
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		counts := map[int64]int{}
		for k := range pending {
			res, err := tx.ExecContext(ctx, `INSERT INTO entry_views (entry_id, viewer, day) SELECT id, $2, $3 FROM entries WHERE id = $1
				ON CONFLICT DO NOTHING`, k.entry, k.viewer, k.day)
			if err != nil {
				return errs.Wrap(err, "note view")
			}
			if n, _ := res.RowsAffected(); n == 1 {
				counts[k.entry]++
			}
		}
		for id, n := range counts {
			if _, err := tx.ExecContext(ctx, "UPDATE entries SET views = views + $1 WHERE id = $2", n, id); err != nil {
				return errs.Wrap(err, "count views")
			}
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM entry_views WHERE day < $1", viewDay(s.now().AddDate(0, 0, -viewDays)))
		return errs.Wrap(err, "forget old views")
	})
	if err != nil {
		s.views.putBack(pending)
	}
	return err
}

// viewDay is the day of t, as entry_views keeps it.
func viewDay(t time.Time) string { return t.UTC().Format("2006-01-02") }

// viewerKey is who is reading, for counting views: carried in the request's
// context by the web layer (see WithViewer).
type viewerKey struct{}

// WithViewer returns ctx saying who reads, for counting their views once a
// day: an anonymous visitor's key (a hash of what tells their browser apart,
// never their address), or "" for a read that is not a new view (the page
// shown again after the reader's own action).
func WithViewer(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, viewerKey{}, &key)
}

// viewer is the key a's view of an entry counts under: the person's id when
// signed in, the context's visitor key otherwise ("": not counted).
func viewer(ctx context.Context, a auth.Actor) string {
	k, told := ctx.Value(viewerKey{}).(*string)
	switch {
	case told && *k == "":
		return "" // not a new view, whoever reads
	case a.SignedIn():
		return "p:" + strconv.FormatInt(a.PersonID, 10)
	case told:
		return "v:" + *k
	}
	return "v:anonymous" // a caller that says nothing: all such visitors are one
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
