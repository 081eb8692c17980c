package stewardship

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Overview is where a community's stories stand, for its stewards: how many
// reached each cycle, and the hoped-for steps waiting for news.
type Overview struct {
	ByCycle  []CycleStories // "none realised yet" first, then each cycle
	FollowUp []FollowUp     // the oldest first
}

// CycleStories are the stories whose furthest realised step is of Cycle
// (0: none realised yet): how many, and the most recent of them.
type CycleStories struct {
	Cycle   Cycle
	Count   int
	Stories []StoryLine
}

// StoryLine names a story in a list.
type StoryLine struct {
	ID     int64
	Title  string
	Author string
}

// FollowUp is a hoped-for step older than FollowUpAfter.
type FollowUp struct {
	StepID, StoryID      int64
	StoryTitle           string
	AuthorHandle, Author string
	Cycle                Cycle
	Text                 string
	Since                time.Time // its date, or when it was recorded
	NudgedAt             time.Time // zero: never
	NudgeFrom            time.Time // when it may be nudged again; zero: now
}

// storiesPerCycle bounds each cycle's list in the overview.
const storiesPerCycle = 20

// furthestSQL is each visible story of community $1 with the furthest cycle
// of its realised steps (0: none).
const furthestSQL = `SELECT s.id, s.title, s.author_id, s.created_at,
		COALESCE(MAX(CASE WHEN st.status = 'realised' THEN st.cycle END), 0) AS furthest
	FROM value_stories s LEFT JOIN value_steps st ON st.story_id = s.id
	WHERE s.community_id = $1 AND s.hidden_at IS NULL
	GROUP BY s.id, s.title, s.author_id, s.created_at`

// overview reads community v's overview in three queries.
func (s *Service) overview(ctx context.Context, v community.View) (Overview, error) {
	o := Overview{ByCycle: make([]CycleStories, len(Cycles)+1)}
	for i := range o.ByCycle {
		o.ByCycle[i].Cycle = Cycle(i)
	}
	counts, err := s.CyclesReached(ctx, v.ID)
	if err != nil {
		return o, err
	}
	for c, n := range counts {
		o.ByCycle[c].Count = n
	}
	rows, err := s.db.QueryContext(ctx, `SELECT f.id, f.title, p.name, f.furthest FROM (
		SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.furthest ORDER BY r.created_at DESC, r.id DESC) AS n FROM (`+furthestSQL+`) r) f
		JOIN people p ON p.id = f.author_id WHERE f.n <= $2 ORDER BY f.furthest, f.n`, v.ID, storiesPerCycle)
	if err != nil {
		return o, errs.Wrap(err, "read stories by cycle")
	}
	defer rows.Close()
	for rows.Next() {
		var l StoryLine
		var c int
		if err := rows.Scan(&l.ID, &l.Title, &l.Author, &c); err != nil {
			return o, errs.Wrap(err, "read stories by cycle")
		}
		if c >= 0 && c < len(o.ByCycle) {
			o.ByCycle[c].Stories = append(o.ByCycle[c].Stories, l)
		}
	}
	if err := rows.Err(); err != nil {
		return o, errs.Wrap(err, "read stories by cycle")
	}
	o.FollowUp, err = s.followUp(ctx, v.ID)
	return o, err
}

// CyclesReached counts community communityID's visible stories by the
// furthest cycle they realised: index 0 counts those with none yet.
func (s *Service) CyclesReached(ctx context.Context, communityID int64) ([]int, error) {
	out := make([]int, len(Cycles)+1)
	rows, err := s.db.QueryContext(ctx, `SELECT furthest, COUNT(*) FROM (`+furthestSQL+`) f GROUP BY furthest`, communityID)
	if err != nil {
		return nil, errs.Wrap(err, "count stories by cycle")
	}
	defer rows.Close()
	for rows.Next() {
		var c, n int
		if err := rows.Scan(&c, &n); err != nil {
			return nil, errs.Wrap(err, "count stories by cycle")
		}
		if c >= 0 && c < len(out) {
			out[c] = n
		}
	}
	return out, errs.Wrap(rows.Err(), "count stories by cycle")
}

// followUp reads the hoped-for steps of community communityID's visible
// stories dated (or, undated, recorded) more than FollowUpAfter ago.
func (s *Service) followUp(ctx context.Context, communityID int64) ([]FollowUp, error) {
	now := s.now()
	rows, err := s.db.QueryContext(ctx, `SELECT st.id, s.id, s.title, p.handle, p.name, st.cycle, st.body, st.happened_on, st.recorded_at, st.nudged_at
		FROM value_steps st JOIN value_stories s ON s.id = st.story_id JOIN people p ON p.id = s.author_id
		WHERE s.community_id = $1 AND s.hidden_at IS NULL AND st.status = 'hoped' AND COALESCE(st.happened_on, st.recorded_at) < $2
		ORDER BY COALESCE(st.happened_on, st.recorded_at), st.id LIMIT `+strconv.Itoa(FollowUpsListed), communityID, now.Add(-FollowUpAfter))
	if err != nil {
		return nil, errs.Wrap(err, "read the follow-up")
	}
	defer rows.Close()
	var out []FollowUp
	for rows.Next() {
		var f FollowUp
		var date, nudged sql.NullTime
		if err := rows.Scan(&f.StepID, &f.StoryID, &f.StoryTitle, &f.AuthorHandle, &f.Author, &f.Cycle, &f.Text, &date, &f.Since, &nudged); err != nil {
			return nil, errs.Wrap(err, "read the follow-up")
		}
		if date.Valid {
			f.Since = date.Time
		}
		f.NudgedAt = nudged.Time
		if next := f.NudgedAt.Add(NudgeEvery); nudged.Valid && next.After(now) {
			f.NudgeFrom = next
		}
		out = append(out, f)
	}
	return out, errs.Wrap(rows.Err(), "read the follow-up")
}

// Nudge asks the author of a hoped-for step waiting for follow-up how it
// went, through a notification: by a steward or an administrator, at most
// once per step in NudgeEvery. The limit is one conditional update of the
// step, so that of concurrent nudges one wins.
func (s *Service) Nudge(ctx context.Context, a auth.Actor, slug string, stepID int64) error {
	v, err := s.valueView(ctx, a, slug)
	if err != nil {
		return err
	}
	if !mayHide(v) {
		return errs.Forbiddenf("Only the community's stewards may follow up on stories.")
	}
	now := s.now()
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE value_steps SET nudged_at = $1
			WHERE id = $2 AND status = 'hoped' AND COALESCE(happened_on, recorded_at) < $3 AND (nudged_at IS NULL OR nudged_at <= $4)
			AND story_id IN (SELECT id FROM value_stories WHERE community_id = $5 AND hidden_at IS NULL)`,
			now, stepID, now.Add(-FollowUpAfter), now.Add(-NudgeEvery), v.ID)
		if err != nil {
			return errs.Wrap(err, "nudge")
		}
		var storyID, authorID int64
		var title string
		var nudged sql.NullTime
		err = tx.QueryRowContext(ctx, `SELECT s.id, s.author_id, s.title, st.nudged_at FROM value_steps st JOIN value_stories s ON s.id = st.story_id
			WHERE st.id = $1 AND s.community_id = $2 AND s.hidden_at IS NULL`, stepID, v.ID).Scan(&storyID, &authorID, &title, &nudged)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.NotFoundf("There is no such step.")
		}
		if err != nil {
			return errs.Wrap(err, "read a nudged step")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if next := nudged.Time.Add(NudgeEvery); nudged.Valid && next.After(now) {
				return errs.RetryAfter(errs.TooManyRequests, next.Sub(now),
					"The author was nudged about this step on "+nudged.Time.Format("2 January")+": you may nudge again from "+next.Format("2 January")+".")
			}
			return errs.Conflictf("This step is not waiting for news: it is realised, or not %d days old.", int(FollowUpAfter.Hours()/24))
		}
		_, err = activity.Record(ctx, tx, activity.Activity{ActorID: a.PersonID, Verb: activity.StoryNudged, SubjectKind: StoryKind, SubjectID: storyID,
			CommunityID: v.ID, Audience: activity.Subject, Title: title, URL: StoryURL(v.Slug, storyID),
			Targets: []activity.Target{{PersonID: authorID, Reason: "author"}}, CreatedAt: now})
		return err
	})
}
