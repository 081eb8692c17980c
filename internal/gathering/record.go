package gathering

import (
	"context"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/search"
)

// Writes to gatherings are recorded as activities in their transaction:
// the community's watchers hear of a new gathering; changes and
// cancellations are addressed to those who answered going, maybe or wait;
// a promotion from the waitlist to the promoted person alone.

func recordScheduled(ctx context.Context, q db.Q, a auth.Actor, v View, text string) error {
	return record(ctx, q, a, activity.GatheringScheduled, v, v.URL(), text, activity.Community, nil)
}

func recordChanged(ctx context.Context, q db.Q, a auth.Actor, v View, url, excerpt string, told []activity.Target) error {
	return record(ctx, q, a, activity.GatheringChanged, v, url, excerpt, activity.Community, told)
}

func recordCancelled(ctx context.Context, q db.Q, a auth.Actor, v View, url string, told []activity.Target) error {
	return record(ctx, q, a, activity.GatheringCancelled, v, url, "", activity.Community, told)
}

func recordPromoted(ctx context.Context, q db.Q, a auth.Actor, v View, o Occurrence, person int64) error {
	w := o.When(v.Gathering, "")
	return record(ctx, q, a, activity.GatheringPromoted, v, OccurrenceURL(v.Community.Slug, v.ID, o.ID),
		"A place is yours: "+w.Local()+" ("+v.Zone+").", activity.Subject, []activity.Target{{PersonID: person, Reason: "waitlist"}})
}

func record(ctx context.Context, q db.Q, a auth.Actor, verb string, v View, url, excerpt, audience string, targets []activity.Target) error {
	_, err := activity.Record(ctx, q, activity.Activity{ActorID: a.PersonID, Verb: verb, SubjectKind: SubjectKind, SubjectID: v.ID,
		CommunityID: v.Community.ID, Audience: audience, Title: v.Title, URL: url, Excerpt: excerpt, Targets: targets})
	return err
}

// recordWritten: a date's agenda or notes were saved; only those who watch
// the gathering itself hear of it.
func recordWritten(ctx context.Context, q db.Q, a auth.Actor, v View, url, part string) error {
	excerpt := "The notes are updated."
	if part == Agenda {
		excerpt = "The agenda is updated."
	}
	return record(ctx, q, a, activity.GatheringWritten, v, url, excerpt, activity.Subject, nil)
}

// indexGathering updates the search documents of gatherings ids, which
// carry their sessions, agendas and notes, in the transaction that changed
// them.
func indexGathering(ctx context.Context, tx *db.Tx, ids ...int64) error {
	return search.Index(ctx, tx, tx.Dialect(), search.KindGathering, ids...)
}
