package stewardship

import (
	"context"
	"fmt"
	"slices"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// StageTask is a task typical of a lifecycle stage, as a steward's
// checklist shows it.
type StageTask struct {
	Key, Text string
	Done      bool
	DoneAt    time.Time
}

// StageTasks are the typical tasks of each lifecycle stage, after
// Wenger, McDermott and Snyder; shown on /help/health.
var StageTasks = map[community.Stage][]StageTask{
	community.Potential: {
		{Key: "people", Text: "Find the people who already share the domain, and what they need"},
		{Key: "domain", Text: "Name the domain and the questions it holds, in the charter"},
		{Key: "sponsor", Text: "Find a sponsor who sees why it matters"},
		{Key: "coordinator", Text: "Agree who coordinates, and how much time it takes"},
	},
	community.Coalescing: {
		{Key: "launch", Text: "Hold a first gathering that launches the community"},
		{Key: "rhythm", Text: "Set a rhythm of regular gatherings"},
		{Key: "first-entries", Text: "Share the first pieces of practice in the library"},
		{Key: "welcome", Text: "Welcome each newcomer in person"},
	},
	community.Maturing: {
		{Key: "boundaries", Text: "Review the charter: its focus and its boundaries"},
		{Key: "library", Text: "Organise the library: collections, reviews, what is missing"},
		{Key: "roles", Text: "Share the work: co-stewards, moderators, hosts"},
		{Key: "value", Text: "Collect value stories from members"},
	},
	community.Stewardship: {
		{Key: "refresh", Text: "Refresh the stale knowledge in the library"},
		{Key: "renew", Text: "Bring in new members and new voices"},
		{Key: "sponsors", Text: "Share value stories with the sponsors"},
		{Key: "rotate", Text: "Rotate the leadership roles"},
	},
	community.Transformation: {
		{Key: "decide", Text: "Decide together: renew, merge, split or close"},
		{Key: "hand-on", Text: "Introduce members to neighbouring communities"},
		{Key: "keep", Text: "Leave the library in order for those who follow"},
		{Key: "celebrate", Text: "Celebrate what the community achieved"},
	},
}

// SetChecklist makes done the ticked tasks of community slug's stage: by a
// steward or an administrator. stage is the stage the form showed: when it
// changed since, nothing is changed.
func (s *Service) SetChecklist(ctx context.Context, a auth.Actor, slug string, stage community.Stage, done []string) error {
	v, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return err
	}
	if !v.CanSeeHealth() {
		return errs.NotFoundf("There is no such page.")
	}
	if stage != v.Stage {
		return errs.Conflictf("The community's stage changed meanwhile: here is its checklist now.")
	}
	tasks := StageTasks[v.Stage]
	for _, key := range done {
		if !slices.ContainsFunc(tasks, func(t StageTask) bool { return t.Key == key }) {
			return errs.Field("task", fmt.Sprintf("“%s” is not a task of this stage.", clip(key, 40)))
		}
	}
	now := s.now()
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		for _, t := range tasks {
			var err error
			if slices.Contains(done, t.Key) {
				_, err = tx.ExecContext(ctx, `INSERT INTO stage_tasks (community_id, stage, task, done_by, done_at) VALUES ($1, $2, $3, $4, $5)
					ON CONFLICT (community_id, stage, task) DO NOTHING`, v.ID, v.Stage, t.Key, a.PersonID, now)
			} else {
				_, err = tx.ExecContext(ctx, `DELETE FROM stage_tasks WHERE community_id = $1 AND stage = $2 AND task = $3`, v.ID, v.Stage, t.Key)
			}
			if err != nil {
				return errs.Wrap(err, "save the checklist")
			}
		}
		return nil
	})
}
