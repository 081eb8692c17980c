package practice

import (
	"context"
	"fmt"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// reviewStanding fills in whether the reader of ev has the standing to
// review entries in its community (community.View.MayReviewBy): it asks the
// database only for a member who is not a steward and has not been one for
// long enough, whether they have published an entry here.
func (s *Service) reviewStanding(ctx context.Context, q db.Q, ev *EntryView) error {
	v := ev.Community
	now := s.now()
	if !v.IsMember() || v.MayReviewBy(now, false) {
		ev.MayReview = v.MayReviewBy(now, false)
		return nil
	}
	var contributed bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM entry_people ep JOIN entries e ON e.id = ep.entry_id
		WHERE ep.person_id = $1 AND ep.role = 'author' AND e.community_id = $2 AND e.maturity <> 'draft')`,
		v.Actor.PersonID, v.ID).Scan(&contributed)
	if err != nil {
		return errs.Wrap(err, "read contributions")
	}
	ev.MayReview = v.MayReviewBy(now, contributed)
	return nil
}

// ReviewWait says why a member may not review yet, or "" when they may (or
// the question does not arise): the page shows it where the button would be.
func (v EntryView) ReviewWait() string {
	c := v.Community
	if v.MayReview || !c.IsMember() || v.Author || v.Maturity != Published {
		return ""
	}
	days := c.Practice.ReviewAfterDays - c.MemberDays(db.Now())
	return fmt.Sprintf("Members review entries once they have been in %s for %d days, or once they have published an entry here: %s for you.",
		c.Name, c.Practice.ReviewAfterDays, plural(days, "one more day", "more days"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}
