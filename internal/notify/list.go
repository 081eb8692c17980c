package notify

import (
	"context"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Item is one notification as its person sees it.
type Item struct {
	ID        int64
	Reason    string
	CreatedAt time.Time
	Read      bool
	Activity  activity.Activity
}

// PageSize is how many notifications one page lists.
const PageSize = 30

// stillVisible keeps the notifications whose community the person (the
// query's $1) may still see: one they left, or that turned private, stops
// showing what it holds. It mirrors community's policy for a signed-in person.
const stillVisible = `(a.community_id IS NULL OR (c.status IN ('active', 'archived') AND (c.visibility IN ('public', 'institution')
	OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.community_id = c.id AND vm.person_id = $1 AND vm.status = 'active'))))`

// List returns a page of personID's notifications, newest first, older than
// the notification with id before (0: the newest), and whether more follow.
// The page is found through the index on (person, time): its cost does not
// grow with how many notifications a person has.
func List(ctx context.Context, q db.Q, personID, before int64) ([]Item, bool, error) {
	if personID == 0 {
		return nil, false, errs.New(errs.Unauthenticated, "Please sign in to see your notifications.")
	}
	cond, args := "", []any{personID, PageSize + 1}
	if before > 0 {
		cond = " AND n.id < $3"
		args = append(args, before)
	}
	rows, err := q.QueryContext(ctx, `SELECT n.id, n.reason, n.created_at, n.read_at IS NOT NULL, `+activity.Columns+`
		FROM notifications n JOIN activities a ON a.id = n.activity_id`+activity.Joins+`
		WHERE n.person_id = $1`+cond+` AND `+stillVisible+`
		ORDER BY n.id DESC LIMIT $2`, args...)
	if err != nil {
		return nil, false, errs.Wrap(err, "list notifications")
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		dest := append([]any{&it.ID, &it.Reason, &it.CreatedAt, &it.Read}, activity.Dest(&it.Activity)...)
		if err := rows.Scan(dest...); err != nil {
			return nil, false, errs.Wrap(err, "list notifications")
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, false, errs.Wrap(err, "list notifications")
	}
	more := len(out) > PageSize
	if more {
		out = out[:PageSize]
	}
	return out, more, nil
}

// Unread counts personID's unread notifications (the header's badge), up to
// 100: beyond that the badge says "99+".
func Unread(ctx context.Context, q db.Q, personID int64) (int, error) {
	if personID == 0 {
		return 0, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT `+UnreadColumn("$1"), personID).Scan(&n)
	return n, errs.Wrap(err, "count notifications")
}

// UnreadColumn is Unread as a column (up to 100) of the person whose id is
// the placeholder person: a page's own query can read it (community.View's
// Unread) and save the layout a round trip.
func UnreadColumn(person string) string {
	return `(SELECT COUNT(*) FROM (SELECT 1 FROM notifications WHERE person_id = ` + person + ` AND read_at IS NULL LIMIT 100) u)`
}

// MarkRead marks one of personID's notifications read and returns where it
// points; someone else's is NotFound.
func MarkRead(ctx context.Context, q db.Q, personID, id int64) (string, error) {
	var url string
	err := q.QueryRowContext(ctx, `UPDATE notifications SET read_at = COALESCE(read_at, $3)
		WHERE id = $1 AND person_id = $2 RETURNING (SELECT url FROM activities WHERE activities.id = notifications.activity_id)`,
		id, personID, db.Now()).Scan(&url)
	if isNoRows(err) {
		return "", errs.New(errs.NotFound, "There is no such notification.")
	}
	return url, errs.Wrap(err, "mark notification read")
}

// MarkAllRead marks every notification of personID read.
func MarkAllRead(ctx context.Context, q db.Q, personID int64) error {
	_, err := q.ExecContext(ctx, `UPDATE notifications SET read_at = $2 WHERE person_id = $1 AND read_at IS NULL`, personID, db.Now())
	return errs.Wrap(err, "mark notifications read")
}
