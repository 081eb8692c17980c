package gathering

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/jobs"
)

// Reminders: each person chooses how long before a date they are reminded
// of it (a day, an hour, or not at all; people.gathering_reminder). When
// someone answers going or maybe, or a date moves, a job is queued for each
// lead, due that long before the start and keyed by the start, so a burst
// of answers queues one. At run time the job reminds, through an activity
// addressed to those whose choice is its lead (in-app, and e-mail as they
// chose), only if the date is not cancelled and still starts when the job
// was set for; a date that moved later queues its new reminder itself.

// KindReminder is the job that reminds those coming of a date.
const KindReminder = "gathering.remind"

// Reminder choices.
const (
	RemindNone = "none"
	RemindHour = "hour"
	RemindDay  = "day"
)

// reminderLeads are how long before the start each choice reminds.
var reminderLeads = map[string]time.Duration{RemindDay: 24 * time.Hour, RemindHour: time.Hour}

type reminderJob struct {
	Occurrence int64     `json:"occurrence"`
	Lead       string    `json:"lead"`
	Start      time.Time `json:"start"`
}

// Register makes r send the gatherings' reminders.
func (s *Service) Register(r *jobs.Runner) { r.Handle(KindReminder, s.remind) }

// scheduleReminders queues the reminders of occurrence occ starting at
// start, for the leads still ahead.
func (s *Service) scheduleReminders(ctx context.Context, q db.Q, occ int64, start time.Time) error {
	for lead, d := range reminderLeads {
		at := start.Add(-d)
		if !at.After(s.now()) {
			continue
		}
		if err := jobs.Enqueue(ctx, q, jobs.Job{Kind: KindReminder, Payload: reminderJob{Occurrence: occ, Lead: lead, Start: start.UTC()},
			RunAt: at, Key: fmt.Sprintf("%s:%d:%s:%d", KindReminder, occ, lead, start.Unix())}); err != nil {
			return errs.Wrap(err, "queue reminder")
		}
	}
	return nil
}

func (s *Service) remind(ctx context.Context, run jobs.Run) error {
	var j reminderJob
	if err := run.Decode(&j); err != nil {
		return jobs.Permanent(err)
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		var g, community int64
		var title, slug string
		var start time.Time
		var cancelled bool
		err := tx.QueryRowContext(ctx, `SELECT g.id, g.community_id, COALESCE(o.title, g.title), c.slug, o.starts_at,
			o.cancelled_at IS NOT NULL OR g.cancelled_at IS NOT NULL OR c.status <> 'active'
			FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id JOIN communities c ON c.id = g.community_id
			WHERE o.id = $1`, j.Occurrence).Scan(&g, &community, &title, &slug, &start, &cancelled)
		if errors.Is(err, sql.ErrNoRows) || cancelled {
			return nil // gone or cancelled: no reminder
		}
		if err != nil {
			return errs.Wrap(err, "read date to remind")
		}
		if !start.Equal(j.Start) {
			return s.scheduleReminders(ctx, tx, j.Occurrence, start) // moved: remind at the new time instead
		}
		if !start.After(s.now()) {
			return nil
		}
		rows, err := tx.QueryContext(ctx, `SELECT r.person_id FROM gathering_rsvps r JOIN people p ON p.id = r.person_id
			WHERE r.occurrence_id = $1 AND r.answer IN ('going', 'maybe') AND p.gathering_reminder = $2 AND p.disabled_at IS NULL
			ORDER BY r.person_id`, j.Occurrence, j.Lead)
		if err != nil {
			return errs.Wrap(err, "read those to remind")
		}
		var targets []activity.Target
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return errs.Wrap(err, "read those to remind")
			}
			targets = append(targets, activity.Target{PersonID: id, Reason: "reminder"})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errs.Wrap(err, "read those to remind")
		}
		if j.Lead == RemindDay {
			if err := s.remindGuestsOf(ctx, tx, slug, g, j.Occurrence); err != nil {
				return err
			}
		}
		if len(targets) == 0 {
			return nil
		}
		when := "tomorrow"
		if j.Lead == RemindHour {
			when = "in an hour"
		}
		_, err = activity.Record(ctx, tx, activity.Activity{Verb: activity.GatheringReminder, SubjectKind: SubjectKind, SubjectID: g,
			CommunityID: community, Audience: activity.Subject, Title: title, URL: OccurrenceURL(slug, g, j.Occurrence),
			Excerpt: "It starts " + when + ".", Targets: targets})
		return err
	})
}

// ReminderOf returns the person's reminder choice.
func (s *Service) ReminderOf(ctx context.Context, a auth.Actor) (string, error) {
	var choice string
	err := s.db.QueryRowContext(ctx, `SELECT gathering_reminder FROM people WHERE id = $1`, a.PersonID).Scan(&choice)
	return choice, errs.Wrap(err, "read reminder choice")
}

// SetReminder saves the person's reminder choice.
func (s *Service) SetReminder(ctx context.Context, a auth.Actor, choice string) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in.")
	}
	if _, ok := reminderLeads[choice]; !ok && choice != RemindNone {
		return errs.Field("reminder", "Choose a day before, an hour before, or no reminders.")
	}
	_, err := s.db.ExecContext(ctx, `UPDATE people SET gathering_reminder = $1 WHERE id = $2`, choice, a.PersonID)
	return errs.Wrap(err, "save reminder choice")
}
