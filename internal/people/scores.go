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
// endorsements of person in each of tags, and their score, after taking
// the tags' scores' versions (kept.go).
func refreshDeclared(ctx context.Context, tx *db.Tx, personID int64, tags []string) error {
	if err := lockScores(ctx, tx, tags); err != nil {
		return err
	}
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

// counts are the parts of the score per person on the topic $1, as
// (person_id, n): the declared level and visible endorsements (kept in step
// by their writes, recounted here too, so that rows loaded in bulk count),
// then the contributions, each in communities that are not private (what a
// private community holds does not leak through a count). Each reads the
// index by tag of its table.
var counts = map[string]string{
	"level": `SELECT x.person_id, CASE x.level WHEN 'learning' THEN 1 WHEN 'practising' THEN 2 WHEN 'expert' THEN 3 END
		FROM person_expertise x WHERE x.tag = $1`,
	"endorsements": `SELECT e.person_id, COUNT(*) FROM endorsements e WHERE e.tag = $1 AND e.hidden_at IS NULL GROUP BY e.person_id`,
	"answers": `SELECT p.author_id, COUNT(*) FROM thread_tags tt JOIN threads t ON t.id = tt.thread_id
		JOIN posts p ON p.id = t.accepted_post_id JOIN communities c ON c.id = t.community_id
		WHERE tt.tag = $1 AND p.hidden_at IS NULL AND p.deleted_at IS NULL AND p.author_id IS NOT NULL
		AND c.visibility <> 'private' GROUP BY p.author_id`,
	"entries": `SELECT ep.person_id, COUNT(*) FROM entry_tags et JOIN entries e ON e.id = et.entry_id
		JOIN entry_people ep ON ep.entry_id = e.id AND ep.role = 'author' JOIN communities c ON c.id = e.community_id
		WHERE et.tag = $1 AND e.maturity IN ('reviewed', 'endorsed') AND c.visibility <> 'private' GROUP BY ep.person_id`,
	"helped": `SELECT ep.person_id, COUNT(*) FROM entry_tags et JOIN entries e ON e.id = et.entry_id
		JOIN entry_people ep ON ep.entry_id = e.id AND ep.role = 'author' JOIN communities c ON c.id = e.community_id
		JOIN entry_helpful h ON h.entry_id = e.id
		WHERE et.tag = $1 AND h.person_id <> ep.person_id AND e.maturity <> 'draft' AND c.visibility <> 'private' GROUP BY ep.person_id`,
	"hosted": `SELECT gh.person_id, COUNT(*) FROM community_tags ct JOIN communities c ON c.id = ct.community_id
		JOIN gatherings g ON g.community_id = c.id JOIN gathering_hosts gh ON gh.gathering_id = g.id
		WHERE ct.tag = $1 AND g.cancelled_at IS NULL AND c.visibility <> 'private' GROUP BY gh.person_id`,
}

// topics are every topic that may have a score: declared, endorsed, on a
// thread, an entry or a community, or scored before (to be cleared).
const topics = `SELECT tag FROM person_expertise UNION SELECT tag FROM endorsements UNION SELECT tag FROM thread_tags
	UNION SELECT tag FROM entry_tags UNION SELECT tag FROM community_tags UNION SELECT tag FROM expertise_scores`

// Recount recounts every part of everyone's expertise from the
// declarations, endorsements and contributions, a topic at a time, each in
// its own short transaction (readers see a topic's old counts or its new,
// never a mix; SQLite's one writer is not held for the whole). The job queue
// runs it (KindRefreshExpertise).
func (s *Service) Recount(ctx context.Context) error {
	list, err := s.strings(ctx, "list topics", topics)
	if err != nil {
		return err
	}
	for _, tag := range list {
		if err := s.RecountTopic(ctx, tag); err != nil {
			return err
		}
	}
	return nil
}

// RecountTopic recounts everyone's expertise in one topic, in one
// transaction, and rescores it.
func (s *Service) RecountTopic(ctx context.Context, tag string) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if err := lockScores(ctx, tx, []string{tag}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE expertise_scores SET level = 0, endorsements = 0, answers = 0, entries = 0, helped = 0, hosted = 0
			WHERE tag = $1`, tag); err != nil {
			return errs.Wrap(err, "recount expertise")
		}
		for _, col := range []string{"level", "endorsements", "answers", "entries", "helped", "hosted"} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO expertise_scores (tag, person_id, `+col+`) SELECT $1, x.* FROM (`+counts[col]+`) x WHERE true
				ON CONFLICT (tag, person_id) DO UPDATE SET `+col+` = excluded.`+col, tag); err != nil {
				return errs.Wrap(err, "recount expertise: "+col)
			}
		}
		return rescore(ctx, tx, "tag = $1", tag)
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
