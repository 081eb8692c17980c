package activity

import (
	"context"
	"fmt"
	"slices"
	"time"

	"hearth/internal/db"
)

// ForMember lists what others did lately in the communities where personID is
// an active member (activities shown to the whole community only), newest
// first: the "what is new" of their home page. Served by the index on
// (community, time), one query whatever the number of communities.
func ForMember(ctx context.Context, q db.Q, personID int64, since time.Time, limit int) ([]Activity, error) {
	return list(ctx, q, `WHERE a.audience = 'community' AND a.created_at > $2 AND a.actor_id IS DISTINCT FROM $1
		AND a.community_id IN (SELECT community_id FROM memberships WHERE person_id = $1 AND status = 'active')
		ORDER BY a.created_at DESC, a.id DESC LIMIT $3`, personID, since, limit)
}

// InCommunity lists a community's activities shown to the whole community,
// newest first, older than the activity with id before (0: the newest). The
// caller has checked that the reader may see the community.
func InCommunity(ctx context.Context, q db.Q, communityID, before int64, limit int) ([]Activity, error) {
	if before > 0 {
		return list(ctx, q, `WHERE a.community_id = $1 AND a.audience = 'community'
			AND (a.created_at, a.id) < (SELECT b.created_at, b.id FROM activities b WHERE b.id = $2)
			ORDER BY a.created_at DESC, a.id DESC LIMIT $3`, communityID, before, limit)
	}
	return list(ctx, q, `WHERE a.community_id = $1 AND a.audience = 'community'
		ORDER BY a.created_at DESC, a.id DESC LIMIT $2`, communityID, limit)
}

// OfThread lists the activities of these verbs about thread id, oldest
// first, the newest limit of them (its moderation log). Served by the index
// of threads' activities (activities_thread, partial: its condition is
// written as it is in the query, so that both engines use it).
func OfThread(ctx context.Context, q db.Q, id int64, verbs []string, limit int) ([]Activity, error) {
	args := []any{id, limit}
	for _, v := range verbs {
		args = append(args, v)
	}
	out, err := list(ctx, q, `WHERE a.subject_kind = 'thread' AND a.subject_id = $1 AND a.verb IN (`+db.Placeholders(3, len(verbs))+`)
		ORDER BY a.created_at DESC, a.id DESC LIMIT $2`, args...)
	slices.Reverse(out)
	return out, err
}

func list(ctx context.Context, q db.Q, where string, args ...any) ([]Activity, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+Columns+` FROM activities a`+Joins+` `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	defer rows.Close()
	var out []Activity
	for rows.Next() {
		var a Activity
		if err := rows.Scan(Dest(&a)...); err != nil {
			return nil, fmt.Errorf("list activities: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
