package stewardship

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// waiting are the ids and times of the oldest open questions asked before
// `before` with no reply from anyone but their asker (at most QueueShown),
// and how many there are in all.
func waiting(ctx context.Context, q db.Q, communityID int64, before time.Time) ([]int64, []time.Time, int, error) {
	where := ` FROM threads t ` + firstReplySQL + ` WHERE t.community_id = $1 AND t.kind = 'question' AND t.created_at < $2
		AND t.locked_at IS NULL AND t.closed_at IS NULL AND p.id IS NULL`
	var total int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*)`+where, communityID, before).Scan(&total); err != nil {
		return nil, nil, 0, errs.Wrap(err, "count unanswered questions")
	}
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.created_at`+where+` ORDER BY t.created_at, t.id LIMIT `+strconv.Itoa(QueueShown), communityID, before)
	if err != nil {
		return nil, nil, 0, errs.Wrap(err, "list unanswered questions")
	}
	defer rows.Close()
	var ids []int64
	var asked []time.Time
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			return nil, nil, 0, errs.Wrap(err, "list unanswered questions")
		}
		ids, asked = append(ids, id), append(asked, at)
	}
	return ids, asked, total, errs.Wrap(rows.Err(), "list unanswered questions")
}

// fadingRow is a core or active member and when they were last present.
type fadingRow struct {
	PersonID int64
	Level    string
	LastSeen sql.NullTime
}

// fading are the community's core and active members (by the participation
// count) with no activity and no gathering attended since `since`, with
// their last activity there.
func fading(ctx context.Context, q db.Q, communityID int64, since, now time.Time) ([]fadingRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT x.person_id, x.level, a.created_at FROM participation x
		LEFT JOIN activities a ON a.id = (SELECT l.id FROM activities l WHERE l.community_id = x.community_id AND l.actor_id = x.person_id
			ORDER BY l.created_at DESC, l.id DESC LIMIT 1)
		WHERE x.community_id = $1 AND x.level IN ('core', 'active')
			AND NOT EXISTS (SELECT 1 FROM activities r WHERE r.community_id = x.community_id AND r.actor_id = x.person_id AND r.created_at > $2)
			AND NOT EXISTS (SELECT 1 FROM gathering_rsvps g JOIN gathering_occurrences o ON o.id = g.occurrence_id
				WHERE g.person_id = x.person_id AND o.community_id = x.community_id AND g.attended AND o.starts_at > $2 AND o.starts_at <= $3)
		ORDER BY x.score DESC, x.person_id`, communityID, since, now)
	if err != nil {
		return nil, errs.Wrap(err, "list fading regulars")
	}
	defer rows.Close()
	var out []fadingRow
	for rows.Next() {
		var f fadingRow
		if err := rows.Scan(&f.PersonID, &f.Level, &f.LastSeen); err != nil {
			return nil, errs.Wrap(err, "list fading regulars")
		}
		out = append(out, f)
	}
	return out, errs.Wrap(rows.Err(), "list fading regulars")
}
