package notify

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Visibility answers, for each check, whether its person may see what its
// activity is about, now. The capabilities answer it (app wires them in):
// notify asks before it tells anyone anything, and again before a digest.
// The checks of a batch come at once, so that the answer may read each
// person and community once.
type Visibility func(ctx context.Context, checks []Check) ([]bool, error)

// Check is one question to Visibility: may this person see this activity's subject?
type Check struct {
	PersonID int64
	Activity *activity.Activity
}

// staleForEmail: news older than this is not worth an e-mail of its own
// (the demo's past, a fan-out retried for a day); it waits in the app.
const staleForEmail = 24 * time.Hour

// Reasons a person is told of an activity (the targets' reasons come from the
// capability that recorded it: "mention", "steward", "admin").
const (
	ReasonWatching  = "watching"  // they watch the subject
	ReasonCommunity = "community" // they watch the community
)

// Notifier turns activities into notifications for the people who should
// hear of them, and those into e-mail according to each person's choice.
type Notifier struct {
	db        *db.DB
	visible   Visibility
	baseURL   string
	siteName  func(ctx context.Context) string
	watchable map[string]bool
	log       *slog.Logger
	secretMu  sync.Mutex
	secret    []byte

	replyDomain string          // empty: no reply addresses (SetReplies)
	replyKinds  map[byte]string // subject kinds replied to by e-mail, by first letter
}

// NewNotifier returns a notifier. watchable lists the subject kinds people
// watch (an entry, later a thread): their actors and mentioned people come to
// watch them. siteName gives the instance's name for e-mails.
func NewNotifier(d *db.DB, visible Visibility, baseURL string, siteName func(context.Context) string, watchable []string, log *slog.Logger) *Notifier {
	if log == nil {
		log = slog.Default()
	}
	w := map[string]bool{}
	for _, k := range watchable {
		w[k] = true
	}
	return &Notifier{db: d, visible: visible, baseURL: baseURL, siteName: siteName, watchable: w, log: log}
}

// Register makes r send the notifier's e-mails and digests.
func (n *Notifier) Register(r *jobs.Runner) {
	r.Handle(kindDigestDaily, func(ctx context.Context, run jobs.Run) error { return n.digest(ctx, EmailDaily) })
	r.Handle(kindDigestWeekly, func(ctx context.Context, run jobs.Run) error { return n.digest(ctx, EmailWeekly) })
	r.Every(jobs.Schedule{Kind: kindDigestDaily, Period: jobs.Daily(digestHour, 0, timeUTC)})
	r.Every(jobs.Schedule{Kind: kindDigestWeekly, Period: jobs.Weekly(digestWeekday, digestHour, 0, timeUTC)})
}

// Notify tells of one activity as NotifyBatch does.
func (n *Notifier) Notify(ctx context.Context, a activity.Activity) error {
	return n.NotifyBatch(ctx, []activity.Activity{a})
}

// NotifyBatch tells of a batch of activities as PrepareBatch does, writing
// in one transaction (the caller's, when ctx carries one).
func (n *Notifier) NotifyBatch(ctx context.Context, batch []activity.Activity) error {
	write, err := n.PrepareBatch(ctx, batch)
	if err != nil || write == nil {
		return err
	}
	return n.db.WithTxCtx(ctx, write)
}

// PrepareBatch is the activity subscriber: for each activity of batch, in
// order, it works out who should hear of it, keeps those who may see it and
// renders the e-mail of those who want it at once, reading subscriptions,
// e-mail choices and recipients once for the batch; it returns the writes
// (automatic watches, notifications, e-mail), to run in the transaction that
// marks the batch fanned out, or nil when there is nothing to write. The
// writes are idempotent: running them again for the same activities, from
// the same reads or later ones, adds nothing (a person is told of an
// activity once, and e-mailed only when the notification is new).
func (n *Notifier) PrepareBatch(ctx context.Context, batch []activity.Activity) (activity.Write, error) {
	subs, err := readSubscriptions(ctx, n.db, batch)
	if err != nil {
		return nil, err
	}
	type told struct {
		check  Check
		reason string
		mail   *Mail
	}
	var tell []told
	var checks []Check
	var watches []watch
	for i := range batch {
		a := &batch[i]
		for _, r := range subs.recipients(a) {
			tell = append(tell, told{check: Check{PersonID: r.PersonID, Activity: a}, reason: r.Reason})
			checks = append(checks, Check{PersonID: r.PersonID, Activity: a})
		}
		if n.watchable[a.SubjectKind] && !activity.IsModeration(a.Verb) {
			// Whoever acts on a thing, or is mentioned in it, hears what
			// follows (in this batch too); a choice made before stays.
			watches = subs.watchAuto(watches, a.ActorID, a, "participant")
			for _, t := range a.Targets {
				if t.Reason == "mention" {
					watches = subs.watchAuto(watches, t.PersonID, a, "mention")
				}
			}
		}
	}
	if len(tell) == 0 && len(watches) == 0 {
		return nil, nil // nobody to tell, nothing to remember
	}
	var ok []bool
	if len(checks) > 0 {
		if ok, err = n.visible(ctx, checks); err != nil {
			return nil, fmt.Errorf("notify of activities: %w", err)
		}
	}
	// The e-mail of those who want one at once.
	kept := tell[:0]
	var fresh []Check
	for i, t := range tell {
		if ok[i] {
			kept = append(kept, t)
			if time.Since(t.check.Activity.CreatedAt) < staleForEmail {
				fresh = append(fresh, t.check)
			}
		}
	}
	tell = kept
	mails, err := n.immediateMails(ctx, fresh)
	if err != nil {
		return nil, err
	}
	for i := range tell {
		tell[i].mail = mails[tell[i].check]
	}
	return func(ctx context.Context, tx *db.Tx) error {
		if err := watchMany(ctx, tx, watches); err != nil {
			return err
		}
		notes := make([]note, len(tell))
		for i, t := range tell {
			notes[i] = note{person: t.check.PersonID, activity: t.check.Activity, reason: t.reason, emailed: t.mail != nil}
		}
		added, err := recordNotifications(ctx, tx, notes)
		if err != nil {
			return err
		}
		var mails []Mail
		for _, t := range tell {
			if t.mail != nil && added[noteKey{t.check.PersonID, t.check.Activity.ID}] {
				mails = append(mails, *t.mail) // not told already
			}
		}
		return QueueMany(ctx, tx, mails)
	}, nil
}

// moderationTargets are who hear of a moderator's action: its targets only
// (the author of what was closed, moved or hidden), less the moderator.
func moderationTargets(a activity.Activity) []activity.Target {
	var out []activity.Target
	for _, t := range a.Targets {
		if t.PersonID != a.ActorID {
			out = append(out, t)
		}
	}
	return out
}
