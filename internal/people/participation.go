package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/jobs"
)

// Participation levels place each active member of a community on the
// rings of legitimate peripheral participation, from what they did there in
// the last ParticipationWindow. The rules, shown on /help/participation:
//
//	score = 3 × contributions + 1 × replies + 2 × gatherings attended
//	core: 15 or more · active: 5 to 14 · occasional: 1 to 4 · peripheral: 0
//
// Contributions are entries published, improved or reviewed, threads and
// questions started, gatherings scheduled and notes written; replies are
// comments, replies and answers.
const (
	ParticipationWindow = 90 * 24 * time.Hour
	WeightContribution  = 3
	WeightReply         = 1
	WeightAttended      = 2
	CoreFrom            = 15
	ActiveFrom          = 5
	OccasionalFrom      = 1
)

// Ring is a level of participation: a ring from the centre outwards.
type Ring string

// The levels, from the centre outwards.
const (
	Core       Ring = "core"
	Active     Ring = "active"
	Occasional Ring = "occasional"
	Peripheral Ring = "peripheral"
)

// Label is the level in words.
func (l Ring) Label() string {
	if l == "" {
		return "Peripheral"
	}
	return strings.ToUpper(string(l[:1])) + string(l[1:])
}

// contributionVerbs and replyVerbs are what counts, by activity verb.
var (
	contributionVerbs = []string{activity.EntryPublished, activity.EntryImproved, activity.EntryReviewed, activity.ThreadStarted,
		activity.QuestionAsked, activity.GatheringScheduled, activity.GatheringWritten}
	replyVerbs = []string{activity.CommentAdded, activity.ReplyAdded, activity.AnswerAdded}
)

// Participant is a member's participation in a community.
type Participant struct {
	PersonID      int64
	Handle        string
	Name          string
	Contributions int
	Replies       int
	Attended      int
	Score         int
	Ring          Ring
}

// NextRing is the ring further in, "" at the core.
func (p Participant) NextRing() Ring {
	switch p.Ring {
	case Core:
		return ""
	case Active:
		return Core
	case Occasional:
		return Active
	}
	return Occasional
}

// PointsToNext is how many points the next level needs.
func (p Participant) PointsToNext() int {
	switch p.NextRing() {
	case Core:
		return CoreFrom - p.Score
	case Active:
		return ActiveFrom - p.Score
	case Occasional:
		return OccasionalFrom - p.Score
	}
	return 0
}

// levelSQL is the level of a score as SQL, from the constants above.
func levelSQL(score string) string {
	return fmt.Sprintf(`CASE WHEN %[1]s >= %[2]d THEN 'core' WHEN %[1]s >= %[3]d THEN 'active' WHEN %[1]s >= %[4]d THEN 'occasional' ELSE 'peripheral' END`,
		score, CoreFrom, ActiveFrom, OccasionalFrom)
}

func quoted(verbs []string) string {
	q := make([]string, len(verbs))
	for i, v := range verbs {
		q[i] = "'" + v + "'" // constants of package activity: no quotes inside
	}
	return strings.Join(q, ", ")
}

// participationSelect is the one computation of the levels: each active
// member of community $1 (joined by $3) with their points between $2 and
// $3, from one aggregate over the community's activity log in the window
// (its index by community and time) and one over its attendance.
func participationSelect() string {
	score := fmt.Sprintf(`(%d * COALESCE(a.contributions, 0) + %d * COALESCE(a.replies, 0) + %d * COALESCE(t.attended, 0))`,
		WeightContribution, WeightReply, WeightAttended)
	return `SELECT m.community_id, m.person_id, COALESCE(a.contributions, 0), COALESCE(a.replies, 0), COALESCE(t.attended, 0), ` + score + `, ` + levelSQL(score) + ` AS level
			FROM memberships m
			LEFT JOIN (SELECT actor_id,
					SUM(CASE WHEN verb IN (` + quoted(contributionVerbs) + `) THEN 1 ELSE 0 END) AS contributions,
					SUM(CASE WHEN verb IN (` + quoted(replyVerbs) + `) THEN 1 ELSE 0 END) AS replies
				FROM activities WHERE community_id = $1 AND created_at > $2 AND created_at <= $3 GROUP BY actor_id) a ON a.actor_id = m.person_id
			LEFT JOIN (SELECT r.person_id, COUNT(*) AS attended FROM gathering_rsvps r JOIN gathering_occurrences o ON o.id = r.occurrence_id
				WHERE o.community_id = $1 AND o.starts_at > $2 AND o.starts_at <= $3 AND r.attended GROUP BY r.person_id) t ON t.person_id = m.person_id
			WHERE m.community_id = $1 AND m.status = 'active' AND m.created_at <= $3`
}

// RecountCommunity recounts the participation of every active member of a
// community in one transaction.
func (s *Service) RecountCommunity(ctx context.Context, communityID int64) error {
	now := s.now()
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM participation WHERE community_id = $1`, communityID); err != nil {
			return errs.Wrap(err, "recount participation")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO participation (community_id, person_id, contributions, replies, attended, score, level)
			`+participationSelect(), communityID, now.Add(-ParticipationWindow), now)
		if err != nil {
			return errs.Wrap(err, "recount participation")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO participation_runs (community_id, counted_at) VALUES ($1, $2)
			ON CONFLICT (community_id) DO UPDATE SET counted_at = excluded.counted_at`, communityID, now)
		return errs.Wrap(err, "recount participation")
	})
}

// LevelsAt is the level each member of a community had at time at (those
// who were active members then and are still), by the same rules as the
// participation count: stewardship compares the rings between two dates.
func LevelsAt(ctx context.Context, q db.Q, communityID int64, at time.Time) (map[int64]Ring, error) {
	rows, err := q.QueryContext(ctx, `SELECT x.person_id, x.level FROM (`+participationSelect()+`) x`, communityID, at.Add(-ParticipationWindow), at)
	if err != nil {
		return nil, errs.Wrap(err, "levels at a date")
	}
	defer rows.Close()
	out := map[int64]Ring{}
	for rows.Next() {
		var id int64
		var r Ring
		if err := rows.Scan(&id, &r); err != nil {
			return nil, errs.Wrap(err, "levels at a date")
		}
		out[id] = r
	}
	return out, errs.Wrap(rows.Err(), "levels at a date")
}

// ContributionVerbs and ReplyVerbs are the activity verbs that count as a
// contribution and as a reply, for the figures that count them the same way.
func ContributionVerbs() []string { return append([]string(nil), contributionVerbs...) }

// ReplyVerbs: see ContributionVerbs.
func ReplyVerbs() []string { return append([]string(nil), replyVerbs...) }

// RecountParticipation recounts the communities with activity since they
// were last counted (all of them when all is set: the window moves even
// when nothing happens), each in its own short transaction.
func (s *Service) RecountParticipation(ctx context.Context, all bool) error {
	query := `SELECT c.id FROM communities c`
	if !all {
		query += ` LEFT JOIN participation_runs r ON r.community_id = c.id
			WHERE EXISTS (SELECT 1 FROM activities a WHERE a.community_id = c.id AND (r.counted_at IS NULL OR a.created_at > r.counted_at))`
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY c.id`)
	if err != nil {
		return errs.Wrap(err, "list communities to recount")
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return errs.Wrap(err, "list communities to recount")
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return errs.Wrap(err, "list communities to recount")
	}
	for _, id := range ids {
		if err := s.RecountCommunity(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// Job kinds of participation: after activity (a little later, once for a
// burst), and daily for everyone.
const (
	KindRecountParticipation = "people.participation.recount"
	KindDailyParticipation   = "people.participation.daily"
)

// RegisterParticipation makes r recount participation when asked and daily.
func (s *Service) RegisterParticipation(r *jobs.Runner) {
	r.Handle(KindRecountParticipation, func(ctx context.Context, _ jobs.Run) error { return s.RecountParticipation(ctx, false) })
	r.Handle(KindDailyParticipation, func(ctx context.Context, _ jobs.Run) error { return s.RecountParticipation(ctx, true) })
	r.Every(jobs.Schedule{Kind: KindDailyParticipation, Period: jobs.Daily(3, 45, time.UTC)})
}

// RecountAfter is an activity subscriber: after activity in a community, it
// asks for one recount a little later.
func (s *Service) RecountAfter(ctx context.Context, batch []activity.Activity) (activity.Write, error) {
	return activity.Later(KindRecountParticipation, refreshDelay, s.now)(ctx, batch)
}

// ParticipantsShown bounds a page of the stewards' participation list.
const ParticipantsShown = 50

// Participation is the stewards' view of a community's members by level:
// how many on each ring, and a page of members, most involved first, after
// the one with score afterScore and id afterID (afterID 0: from the first).
// NotFound to anyone who may not manage the community's members.
func (s *Service) Participation(ctx context.Context, a auth.Actor, slug string, afterScore int, afterID int64) (community.View, map[Ring]int, []Participant, bool, error) {
	v, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return v, nil, nil, false, err
	}
	if !v.CanManageMembers() {
		return v, nil, nil, false, errs.NotFoundf("There is no such page.")
	}
	counts := map[Ring]int{}
	rows, err := s.db.QueryContext(ctx, `SELECT level, COUNT(*) FROM participation WHERE community_id = $1 GROUP BY level`, v.ID)
	if err != nil {
		return v, nil, nil, false, errs.Wrap(err, "count participation")
	}
	for rows.Next() {
		var l Ring
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			rows.Close()
			return v, nil, nil, false, errs.Wrap(err, "count participation")
		}
		counts[l] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, nil, nil, false, errs.Wrap(err, "count participation")
	}
	args := []any{v.ID}
	keyset := ""
	if afterID != 0 {
		args = append(args, afterScore, afterID)
		keyset = ` AND (x.score < $2 OR (x.score = $2 AND x.person_id > $3))`
	}
	rows, err = s.db.QueryContext(ctx, `SELECT x.person_id, p.handle, p.name, x.contributions, x.replies, x.attended, x.score, x.level
		FROM participation x JOIN people p ON p.id = x.person_id WHERE x.community_id = $1`+keyset+`
		ORDER BY x.score DESC, x.person_id LIMIT `+strconv.Itoa(ParticipantsShown+1), args...)
	if err != nil {
		return v, nil, nil, false, errs.Wrap(err, "list participation")
	}
	defer rows.Close()
	var out []Participant
	for rows.Next() {
		var p Participant
		if err := rows.Scan(&p.PersonID, &p.Handle, &p.Name, &p.Contributions, &p.Replies, &p.Attended, &p.Score, &p.Ring); err != nil {
			return v, nil, nil, false, errs.Wrap(err, "list participation")
		}
		out = append(out, p)
	}
	more := len(out) > ParticipantsShown
	if more {
		out = out[:ParticipantsShown]
	}
	return v, counts, out, more, errs.Wrap(rows.Err(), "list participation")
}

// MyParticipation is a's own participation in community v, when a is an
// active member (ok false otherwise). A member not counted yet is
// peripheral.
func (s *Service) MyParticipation(ctx context.Context, a auth.Actor, v community.View) (Participant, bool, error) {
	if !a.SignedIn() || v.Mine.Status != community.ActiveMember {
		return Participant{}, false, nil
	}
	p := Participant{PersonID: a.PersonID, Handle: a.Handle, Name: a.Name, Ring: Peripheral}
	err := s.db.QueryRowContext(ctx, `SELECT contributions, replies, attended, score, level FROM participation
		WHERE community_id = $1 AND person_id = $2`, v.ID, a.PersonID).Scan(&p.Contributions, &p.Replies, &p.Attended, &p.Score, &p.Ring)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, false, errs.Wrap(err, "read participation")
	}
	return p, true, nil
}
