package notify

import (
	"context"
	"time"

	"hearth/internal/activity"
	"hearth/internal/errs"
)

// The Notifier is also the way in for pages: a person's notifications, their
// e-mail choices and what they watch. Each method takes the acting person's
// id (0 for a visitor, who is refused).

// Items returns a page of personID's notifications (see List).
func (n *Notifier) Items(ctx context.Context, personID, before int64) ([]Item, bool, error) {
	return List(ctx, n.db, personID, before)
}

// Unread counts personID's unread notifications, up to 100.
func (n *Notifier) Unread(ctx context.Context, personID int64) (int, error) {
	return Unread(ctx, n.db, personID)
}

// Read marks one notification read and returns the path it points to.
func (n *Notifier) Read(ctx context.Context, personID, id int64) (string, error) {
	if personID == 0 {
		return "", errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	return MarkRead(ctx, n.db.Writer(), personID, id)
}

// ReadAll marks all of personID's notifications read.
func (n *Notifier) ReadAll(ctx context.Context, personID int64) error {
	if personID == 0 {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	return MarkAllRead(ctx, n.db.Writer(), personID)
}

// Prefs reads personID's e-mail choices.
func (n *Notifier) Prefs(ctx context.Context, personID int64) (Prefs, error) {
	if personID == 0 {
		return Prefs{}, errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	return LoadPrefs(ctx, n.db, personID)
}

// SetPref saves personID's e-mail choice for a community (0: the default).
func (n *Notifier) SetPref(ctx context.Context, personID, communityID int64, email string) error {
	return SetPref(ctx, n.db.Writer(), personID, communityID, email)
}

// Watch sets personID's watch state for a subject they may see (NotFound
// otherwise, so that watching reveals nothing).
func (n *Notifier) Watch(ctx context.Context, personID int64, kind string, id, communityID int64, state string) error {
	if personID == 0 {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	ok, err := n.visible(ctx, []Check{{PersonID: personID, Activity: &activity.Activity{SubjectKind: kind, SubjectID: id, CommunityID: communityID}}})
	if err != nil {
		return err
	}
	if !ok[0] {
		return errs.New(errs.NotFound, "There is nothing here to watch.")
	}
	return SetWatch(ctx, n.db.Writer(), personID, kind, id, state)
}

// WatchState reads personID's watch state for a subject.
func (n *Notifier) WatchState(ctx context.Context, personID int64, kind string, id int64) (string, error) {
	return WatchState(ctx, n.db, personID, kind, id)
}

// Day is a day's notifications, for a list grouped by day.
type Day struct {
	Date  time.Time
	Items []Item
}

// ByDay groups items (newest first) by their day in loc.
func ByDay(items []Item, loc *time.Location) []Day {
	var days []Day
	for _, it := range items {
		t := it.CreatedAt.In(loc)
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		if len(days) == 0 || !days[len(days)-1].Date.Equal(d) {
			days = append(days, Day{Date: d})
		}
		days[len(days)-1].Items = append(days[len(days)-1].Items, it)
	}
	return days
}
