package community

import (
	"context"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// What happens to communities and their membership is recorded as
// activities, in the transaction of the change: members and stewards hear of
// it through notifications, and it shows in the community's recent activity.

// recordJoined records that a joined v (an open join, an accepted invitation
// or an approved request).
func recordJoined(ctx context.Context, q db.Q, person auth.Actor, v View) error {
	_, err := activity.Record(ctx, q, activity.Activity{ActorID: person.PersonID, Verb: activity.MemberJoined,
		SubjectKind: "community", SubjectID: v.ID, CommunityID: v.ID, URL: "/people/" + person.Handle})
	return err
}

// recordRequest records a's request to join v, addressed to its stewards;
// only they see it.
func recordRequest(ctx context.Context, q db.Q, a auth.Actor, v View, message string) error {
	targets, err := stewardTargets(ctx, q, v.ID)
	if err != nil {
		return err
	}
	_, err = activity.Record(ctx, q, activity.Activity{ActorID: a.PersonID, Verb: activity.MemberRequested,
		SubjectKind: "membership", SubjectID: a.PersonID, CommunityID: v.ID, Audience: activity.Subject,
		URL: "/c/" + v.Slug + "/members", Excerpt: message, Targets: targets})
	return err
}

// recordStarted records a new community: started, or proposed to the
// administrators when the instance asks for approval.
func recordStarted(ctx context.Context, q db.Q, a auth.Actor, c Community) error {
	act := activity.Activity{ActorID: a.PersonID, Verb: activity.CommunityStarted, SubjectKind: "community", SubjectID: c.ID,
		CommunityID: c.ID, URL: "/c/" + c.Slug, Excerpt: c.Purpose}
	if c.Status == Proposed {
		admins, err := targets(ctx, q, `SELECT id FROM people WHERE is_admin AND disabled_at IS NULL`, "admin")
		if err != nil {
			return err
		}
		act.Verb, act.Audience, act.Targets, act.URL = activity.CommunityPropose, activity.Subject, admins, "/admin/proposals"
	}
	_, err := activity.Record(ctx, q, act)
	return err
}

// stewardTargets are the active stewards of a community.
func stewardTargets(ctx context.Context, q db.Q, communityID int64) ([]activity.Target, error) {
	return targets(ctx, q, `SELECT m.person_id FROM memberships m JOIN people p ON p.id = m.person_id
		WHERE m.community_id = $1 AND m.role = 'steward' AND m.status = 'active' AND p.disabled_at IS NULL`, "steward", communityID)
}

func targets(ctx context.Context, q db.Q, query, reason string, args ...any) ([]activity.Target, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(err, "find whom to tell")
	}
	defer rows.Close()
	var out []activity.Target
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, errs.Wrap(err, "find whom to tell")
		}
		out = append(out, activity.Target{PersonID: id, Reason: reason})
	}
	return out, errs.Wrap(rows.Err(), "find whom to tell")
}
