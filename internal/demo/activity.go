package demo

import (
	"context"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/notify"
)

// The demo's activity log is derived from the rows the other steps wrote,
// each at the time it happened, so that homes, community pages, feeds,
// notifications and digests show weeks of life at once.

// demoNoticeDays is how far back the demo tells people of what happened (as
// notifications): the last month.
const demoNoticeDays = 30

// activitySources are the demo's past activities, each source a SELECT of
// (actor, verb, subject kind, subject id, community, audience, title, url,
// excerpt, time). Drafts are no one's news; hidden comments neither.
var activitySources = []string{
	`SELECT c.created_by, 'community.started', 'community', c.id, c.id, 'community', '', '/c/' || c.slug, substr(c.purpose, 1, 280), c.created_at
	 FROM communities c WHERE c.status IN ('active', 'archived') AND c.created_by IS NOT NULL`,
	`SELECT m.person_id, 'member.joined', 'community', c.id, c.id, 'community', '', '/people/' || p.handle, '', m.created_at
	 FROM memberships m JOIN communities c ON c.id = m.community_id JOIN people p ON p.id = m.person_id
	 WHERE m.status = 'active' AND m.person_id IS DISTINCT FROM c.created_by`,
	`SELECT m.person_id, 'member.requested', 'membership', m.person_id, c.id, 'subject', '', '/c/' || c.slug || '/members', substr(m.message, 1, 280), m.created_at
	 FROM memberships m JOIN communities c ON c.id = m.community_id WHERE m.status = 'pending'`,
	`SELECT e.created_by, 'entry.published', 'entry', e.id, e.community_id, 'community', e.title, '/c/' || c.slug || '/practice/' || e.slug, substr(e.summary, 1, 280), e.published_at
	 FROM entries e JOIN communities c ON c.id = e.community_id WHERE e.maturity <> 'draft' AND e.published_at IS NOT NULL`,
	`SELECT r.author_id, 'entry.improved', 'entry', e.id, e.community_id, 'community', e.title, '/c/' || c.slug || '/practice/' || e.slug, substr(r.note, 1, 280), r.created_at
	 FROM revisions r JOIN entries e ON e.id = r.subject_id JOIN communities c ON c.id = e.community_id
	 WHERE r.subject_type = 'entry' AND r.number > 1 AND e.maturity <> 'draft' AND r.created_at > e.published_at`,
	`SELECT k.author_id, 'comment.added', 'entry', e.id, e.community_id, 'community', e.title, '/c/' || c.slug || '/practice/' || e.slug || '#comment-' || CAST(k.id AS TEXT), substr(k.body, 1, 280), k.created_at
	 FROM posts k JOIN entries e ON e.id = k.subject_id JOIN communities c ON c.id = e.community_id
	 WHERE k.subject_kind = 'entry' AND k.hidden_at IS NULL AND k.deleted_at IS NULL AND e.maturity <> 'draft'`,
	`SELECT t.author_id, CASE t.kind WHEN 'question' THEN 'question.asked' ELSE 'thread.started' END, 'thread', t.id, t.community_id, 'community', t.title,
	 '/c/' || c.slug || '/talk/' || CAST(t.id AS TEXT), substr(t.body, 1, 280), t.created_at FROM threads t JOIN communities c ON c.id = t.community_id`,
	`SELECT k.author_id, CASE k.kind WHEN 'answer' THEN 'answer.added' ELSE 'reply.added' END, 'thread', t.id, t.community_id, 'community', t.title,
	 '/c/' || c.slug || '/talk/' || CAST(t.id AS TEXT) || '?post=' || CAST(k.id AS TEXT) || '#post-' || CAST(k.id AS TEXT), substr(k.body, 1, 280), k.created_at
	 FROM posts k JOIN threads t ON t.id = k.subject_id JOIN communities c ON c.id = t.community_id
	 WHERE k.subject_kind = 'thread' AND k.hidden_at IS NULL AND k.deleted_at IS NULL`,
	`SELECT k.accepted_by, 'answer.accepted', 'thread', t.id, t.community_id, 'community', t.title,
	 '/c/' || c.slug || '/talk/' || CAST(t.id AS TEXT) || '?post=' || CAST(k.id AS TEXT) || '#post-' || CAST(k.id AS TEXT), substr(k.body, 1, 280), k.accepted_at
	 FROM posts k JOIN threads t ON t.id = k.subject_id JOIN communities c ON c.id = t.community_id
	 WHERE k.subject_kind = 'thread' AND k.accepted_at IS NOT NULL`,
}

// loadActivity writes the demo's activity log in the order things happened,
// makes authors, commenters and stewards watch what they would have come to
// watch, addresses each request to join to its community's stewards, and
// queues the fan-out of the last month, so that the first `hearth serve`
// turns it into notifications.
func loadActivity(ctx context.Context, tx *db.Tx, l *loaded) error {
	union := ""
	for i, src := range activitySources {
		if i > 0 {
			union += " UNION ALL "
		}
		union += src
	}
	var before int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM activities`).Scan(&before); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, audience, title, url, excerpt, created_at)
		SELECT * FROM (`+union+`) happened ORDER BY 10`); err != nil {
		return err
	}
	// The past is told of below (the recent part), not as it is written.
	if _, err := tx.ExecContext(ctx, `UPDATE activities SET fanned_out_at = created_at WHERE id > $1`, before); err != nil {
		return err
	}
	if err := addressRequests(ctx, tx); err != nil {
		return err
	}
	now := l.now
	for _, w := range []string{
		`SELECT DISTINCT ep.person_id AS p, 'entry' AS k, ep.entry_id AS i, 'participant' AS r FROM entry_people ep`,
		`SELECT DISTINCT k.author_id AS p, 'entry' AS k, k.subject_id AS i, 'participant' AS r FROM posts k WHERE k.subject_kind = 'entry' AND k.author_id IS NOT NULL`,
		`SELECT DISTINCT t.author_id AS p, 'thread' AS k, t.id AS i, 'participant' AS r FROM threads t WHERE t.author_id IS NOT NULL`,
		`SELECT DISTINCT k.author_id AS p, 'thread' AS k, k.subject_id AS i, 'participant' AS r FROM posts k WHERE k.subject_kind = 'thread' AND k.author_id IS NOT NULL`,
		`SELECT m.person_id AS p, 'community' AS k, m.community_id AS i, 'chosen' AS r FROM memberships m WHERE m.role = 'steward' AND m.status = 'active'`,
	} {
		// "WHERE true" lets SQLite tell ON CONFLICT from a join's ON.
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscriptions (person_id, subject_kind, subject_id, state, reason, created_at)
			SELECT w.p, w.k, w.i, 'watching', w.r, $1 FROM (`+w+`) w WHERE true ON CONFLICT (person_id, subject_kind, subject_id) DO NOTHING`, now); err != nil {
			return err
		}
	}
	// A few people read their e-mail as a digest.
	for handle, choice := range demoEmailChoices {
		p, ok := l.people[handle]
		if !ok {
			return errUnknown("person", handle)
		}
		if err := notify.SetPref(ctx, tx, p.ID, 0, choice); err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM activities WHERE created_at > $1 ORDER BY id`, now.Add(-demoNoticeDays*24*time.Hour))
	if err != nil {
		return err
	}
	var recent []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		recent = append(recent, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range recent {
		if err := activity.Refanout(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// demoEmailChoices: people of the demo who chose a digest over e-mail at once.
var demoEmailChoices = map[string]string{
	"daniel-reyes":    notify.EmailDaily,
	"grace-lindqvist": notify.EmailWeekly,
}

// addressRequests makes the stewards of each community the targets of the
// requests to join it.
func addressRequests(ctx context.Context, tx *db.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, m.person_id FROM activities a JOIN memberships m ON m.community_id = a.community_id
		WHERE a.verb = 'member.requested' AND m.role = 'steward' AND m.status = 'active' ORDER BY a.id, m.person_id`)
	if err != nil {
		return err
	}
	stewards := map[int64][]activity.Target{}
	var ids []int64
	for rows.Next() {
		var id, person int64
		if err := rows.Scan(&id, &person); err != nil {
			rows.Close()
			return err
		}
		if stewards[id] == nil {
			ids = append(ids, id)
		}
		stewards[id] = append(stewards[id], activity.Target{PersonID: person, Reason: "steward"})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := activity.SetTargets(ctx, tx, id, stewards[id]); err != nil {
			return err
		}
	}
	return nil
}
