package people

import (
	"context"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/jobs"
)

// The weights of the ranking of experts on a topic: a transparent sum, shown
// on /experts. A person's score is
//
//	10 × level (learning 1, practising 2, expert 3)
//	+ 5 × endorsements (those not hidden)
//	+ 4 × accepted answers to questions on the topic
//	+ 3 × reviewed or endorsed entries on it they wrote
//	+ 2 × gatherings hosted in communities on it
//	+ 1 × "this helped me" marks received on entries on it.
const (
	WeightLevel       = 10
	WeightEndorsement = 5
	WeightAnswer      = 4
	WeightEntry       = 3
	WeightHosted      = 2
	WeightHelped      = 1
)

// ScoreSQL is the score as SQL over the columns of expertise_scores.
const ScoreSQL = `(10 * level + 5 * endorsements + 4 * answers + 3 * entries + 2 * hosted + helped)`

// KindRefreshExpertise recounts everyone's demonstrated expertise.
const KindRefreshExpertise = "people.expertise.refresh"

// refreshDelay gathers the contributions of a few minutes into one recount.
const refreshDelay = 2 * time.Minute

// refreshDeclared recounts, through tx, the declared level and the visible
// endorsements of person in each of tags, and their score.
func refreshDeclared(ctx context.Context, tx *db.Tx, personID int64, tags []string) error {
	for _, tag := range tags {
		_, err := tx.ExecContext(ctx, `INSERT INTO expertise_scores (tag, person_id, level, endorsements)
			VALUES ($1, $2,
				COALESCE((SELECT CASE x.level WHEN 'learning' THEN 1 WHEN 'practising' THEN 2 WHEN 'expert' THEN 3 END
					FROM person_expertise x WHERE x.person_id = $2 AND x.tag = $1), 0),
				(SELECT COUNT(*) FROM endorsements e WHERE e.person_id = $2 AND e.tag = $1 AND e.hidden_at IS NULL))
			ON CONFLICT (tag, person_id) DO UPDATE SET level = excluded.level, endorsements = excluded.endorsements`, tag, personID)
		if err != nil {
			return errs.Wrap(err, "count expertise")
		}
		if err := rescore(ctx, tx, "tag = $1 AND person_id = $2", tag, personID); err != nil {
			return err
		}
	}
	return nil
}

// rescore sets the score of the rows where holds, and drops those left with
// nothing.
func rescore(ctx context.Context, q db.Q, where string, args ...any) error {
	if _, err := q.ExecContext(ctx, `UPDATE expertise_scores SET score = `+ScoreSQL+` WHERE `+where+` AND score <> `+ScoreSQL, args...); err != nil {
		return errs.Wrap(err, "score expertise")
	}
	_, err := q.ExecContext(ctx, `DELETE FROM expertise_scores WHERE `+where+` AND score = 0`, args...)
	return errs.Wrap(err, "score expertise")
}

// counts are the parts of the score per topic and person, as (tag,
// person_id, n): the declared level and visible endorsements (kept in step
// by their writes, recounted here too, so that rows loaded in bulk count),
// then the contributions, each in communities that are not private (what a
// private community holds does not leak through a count).
var counts = map[string]string{
	"level": `SELECT x.tag, x.person_id, CASE x.level WHEN 'learning' THEN 1 WHEN 'practising' THEN 2 WHEN 'expert' THEN 3 END
		FROM person_expertise x WHERE true`,
	"endorsements": `SELECT e.tag, e.person_id, COUNT(*) FROM endorsements e WHERE e.hidden_at IS NULL GROUP BY e.tag, e.person_id`,
	"answers": `SELECT tt.tag, p.author_id, COUNT(*) FROM posts p
		JOIN threads t ON t.id = p.subject_id JOIN thread_tags tt ON tt.thread_id = t.id JOIN communities c ON c.id = t.community_id
		WHERE p.subject_kind = 'thread' AND p.accepted_at IS NOT NULL AND p.hidden_at IS NULL AND p.deleted_at IS NULL
		AND p.author_id IS NOT NULL AND c.visibility <> 'private' GROUP BY tt.tag, p.author_id`,
	"entries": `SELECT et.tag, ep.person_id, COUNT(*) FROM entries e
		JOIN entry_people ep ON ep.entry_id = e.id AND ep.role = 'author' JOIN entry_tags et ON et.entry_id = e.id
		JOIN communities c ON c.id = e.community_id
		WHERE e.maturity IN ('reviewed', 'endorsed') AND c.visibility <> 'private' GROUP BY et.tag, ep.person_id`,
	"helped": `SELECT et.tag, ep.person_id, COUNT(*) FROM entry_helpful h JOIN entries e ON e.id = h.entry_id
		JOIN entry_people ep ON ep.entry_id = e.id AND ep.role = 'author' JOIN entry_tags et ON et.entry_id = e.id
		JOIN communities c ON c.id = e.community_id
		WHERE h.person_id <> ep.person_id AND e.maturity <> 'draft' AND c.visibility <> 'private' GROUP BY et.tag, ep.person_id`,
	"hosted": `SELECT ct.tag, gh.person_id, COUNT(*) FROM gathering_hosts gh JOIN gatherings g ON g.id = gh.gathering_id
		JOIN community_tags ct ON ct.community_id = g.community_id JOIN communities c ON c.id = g.community_id
		WHERE g.cancelled_at IS NULL AND c.visibility <> 'private' GROUP BY ct.tag, gh.person_id`,
}

// Recount recounts every part of everyone's expertise from the declarations,
// endorsements and contributions, in one transaction (readers see the old
// counts or the new, never a mix), and rescores. The job queue runs it
// (KindRefreshExpertise).
func (s *Service) Recount(ctx context.Context) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE expertise_scores SET level = 0, endorsements = 0, answers = 0, entries = 0, helped = 0, hosted = 0`); err != nil {
			return errs.Wrap(err, "recount expertise")
		}
		for _, col := range []string{"level", "endorsements", "answers", "entries", "helped", "hosted"} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO expertise_scores (tag, person_id, `+col+`) SELECT * FROM (`+counts[col]+`) x WHERE true
				ON CONFLICT (tag, person_id) DO UPDATE SET `+col+` = excluded.`+col); err != nil {
				return errs.Wrap(err, "recount expertise: "+col)
			}
		}
		return rescore(ctx, tx, "true")
	})
}

// refreshingVerbs are the activities after which demonstrated expertise is
// recounted (a little later, once for a burst).
var refreshingVerbs = map[string]bool{
	activity.AnswerAccepted: true, activity.EntryReviewed: true, activity.EntryEndorsed: true,
	activity.GatheringScheduled: true, activity.GatheringCancelled: true,
}

// Register makes r recount demonstrated expertise when asked, and daily (for
// what records no activity: "this helped me" marks, a topic added to an
// entry).
func (s *Service) Register(r *jobs.Runner) {
	r.Handle(KindRefreshExpertise, func(ctx context.Context, _ jobs.Run) error { return s.Recount(ctx) })
	r.Every(jobs.Schedule{Kind: KindRefreshExpertise, Period: jobs.Daily(3, 30, time.UTC)})
}

// RefreshAfter is an activity subscriber: after an accepted answer, a
// reviewed or endorsed entry, a gathering scheduled or cancelled, it asks
// for one recount a little later.
func (s *Service) RefreshAfter(_ context.Context, batch []activity.Activity) (activity.Write, error) {
	for _, a := range batch {
		if refreshingVerbs[a.Verb] {
			return func(ctx context.Context, tx *db.Tx) error {
				return jobs.EnqueueOnce(ctx, tx, jobs.Job{Kind: KindRefreshExpertise, RunAt: s.now().Add(refreshDelay)})
			}, nil
		}
	}
	return nil, nil
}
