package notify

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Visibility answers whether the person with personID may see what an
// activity is about, now. The capabilities answer it (app wires them in):
// notify asks before it tells anyone anything, and again before e-mailing.
type Visibility func(ctx context.Context, personID int64, a activity.Activity) (bool, error)

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

// Notify is the activity subscriber: it works out who should hear of a,
// keeps those who may see it, and records their notifications (and queues
// immediate e-mail) in one transaction. Running it again for the same
// activity adds nothing.
func (n *Notifier) Notify(ctx context.Context, a activity.Activity) error {
	recipients, err := n.recipients(ctx, a)
	if err != nil {
		return err
	}
	// Who may see it, and the e-mail of those who want one at once, are
	// worked out before the transaction (reads and rendering do not hold
	// SQLite's one writer).
	type told struct {
		person int64
		reason string
		mail   *Mail
	}
	var tell []told
	for _, r := range recipients {
		ok, err := n.visible(ctx, r.PersonID, a)
		if err != nil {
			return fmt.Errorf("notify %d of activity %d: %w", r.PersonID, a.ID, err)
		}
		if !ok {
			continue
		}
		t := told{person: r.PersonID, reason: r.Reason}
		if time.Since(a.CreatedAt) < staleForEmail {
			if t.mail, err = n.immediateMail(ctx, r.PersonID, a); err != nil {
				return err
			}
		}
		tell = append(tell, t)
	}
	return n.db.WithTx(ctx, func(tx *db.Tx) error {
		if n.watchable[a.SubjectKind] && !activity.IsModeration(a.Verb) {
			// Whoever acts on a thing, or is mentioned in it, hears what follows.
			if err := watchAuto(ctx, tx, a.ActorID, a.SubjectKind, a.SubjectID, "participant"); err != nil {
				return err
			}
			for _, t := range a.Targets {
				if t.Reason == "mention" {
					if err := watchAuto(ctx, tx, t.PersonID, a.SubjectKind, a.SubjectID, "mention"); err != nil {
						return err
					}
				}
			}
		}
		for _, t := range tell {
			var emailed *time.Time
			if t.mail != nil {
				now := db.Now()
				emailed = &now
			}
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO notifications (person_id, activity_id, reason, created_at, emailed_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id, activity_id) DO NOTHING RETURNING id`,
				t.person, a.ID, t.reason, a.CreatedAt, emailed).Scan(&id)
			if err != nil && !isNoRows(err) {
				return fmt.Errorf("record notification: %w", err)
			}
			if id == 0 || t.mail == nil {
				continue // told already, or not by e-mail now
			}
			if err := Queue(ctx, tx, *t.mail); err != nil {
				return err
			}
		}
		return nil
	})
}

// recipients lists who should hear of a, before visibility: its targets,
// the subject's watchers and the community's, less whoever muted the
// subject or the community (a mention or a request for them still reaches
// them), less the actor.
func (n *Notifier) recipients(ctx context.Context, a activity.Activity) ([]activity.Target, error) {
	if activity.IsModeration(a.Verb) {
		return moderationTargets(a), nil
	}
	rows, err := n.db.QueryContext(ctx, `SELECT person_id, subject_kind, state FROM subscriptions
		WHERE (subject_kind = $1 AND subject_id = $2) OR (subject_kind = 'community' AND subject_id = $3)`,
		a.SubjectKind, a.SubjectID, a.CommunityID)
	if err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	defer rows.Close()
	muted := map[int64]bool{}
	watching := map[int64]string{}
	for rows.Next() {
		var person int64
		var kind, state string
		if err := rows.Scan(&person, &kind, &state); err != nil {
			return nil, fmt.Errorf("read subscriptions: %w", err)
		}
		switch {
		case state == "muted":
			muted[person] = true
		case kind == a.SubjectKind && kind != "community":
			watching[person] = ReasonWatching
		default:
			if _, ok := watching[person]; !ok {
				watching[person] = ReasonCommunity
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	var out []activity.Target
	seen := map[int64]bool{a.ActorID: true}
	for _, t := range a.Targets {
		if !seen[t.PersonID] {
			seen[t.PersonID] = true
			out = append(out, t)
		}
	}
	for person, reason := range watching {
		if !seen[person] && !muted[person] {
			seen[person] = true
			out = append(out, activity.Target{PersonID: person, Reason: reason})
		}
	}
	slices.SortFunc(out, func(x, y activity.Target) int { return cmp.Compare(x.PersonID, y.PersonID) })
	return out, nil
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
