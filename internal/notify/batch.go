package notify

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"hearth/internal/activity"
	"hearth/internal/db"
)

// subject names a thing people watch.
type subject struct {
	kind string
	id   int64
}

// subscriptions are the watch states (Watching or Muted) of the subjects and
// communities of a batch of activities, by subject and person, kept up to
// date with the automatic watches the batch adds.
type subscriptions map[subject]map[int64]string

// watch is an automatic watch to record.
type watch struct {
	person int64
	kind   string
	id     int64
	reason string
}

// readSubscriptions reads, in one query, who watches or muted the subjects
// and communities of batch.
func readSubscriptions(ctx context.Context, q db.Q, batch []activity.Activity) (subscriptions, error) {
	ids := map[string][]int64{}
	for _, a := range batch {
		ids[a.SubjectKind] = append(ids[a.SubjectKind], a.SubjectID)
		ids["community"] = append(ids["community"], a.CommunityID)
	}
	var where []string
	var args []any
	for _, kind := range slices.Sorted(maps.Keys(ids)) {
		list := slices.Compact(slices.Sorted(slices.Values(ids[kind])))
		args = append(args, kind)
		k := len(args)
		for _, id := range list {
			args = append(args, id)
		}
		where = append(where, fmt.Sprintf("(subject_kind = $%d AND subject_id IN (%s))", k, db.Placeholders(k+1, len(list))))
	}
	rows, err := q.QueryContext(ctx, `SELECT person_id, subject_kind, subject_id, state FROM subscriptions WHERE `+strings.Join(where, " OR "), args...)
	if err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	defer rows.Close()
	subs := subscriptions{}
	for rows.Next() {
		var person int64
		var s subject
		var state string
		if err := rows.Scan(&person, &s.kind, &s.id, &state); err != nil {
			return nil, fmt.Errorf("read subscriptions: %w", err)
		}
		subs.set(s, person, state)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	return subs, nil
}

func (s subscriptions) set(sub subject, person int64, state string) {
	if s[sub] == nil {
		s[sub] = map[int64]string{}
	}
	s[sub][person] = state
}

// recipients lists who should hear of a, before visibility: its targets,
// the subject's watchers and the community's, less whoever muted the
// subject or the community (a mention or a request for them still reaches
// them), less the actor. A moderator's action is told to its targets only.
func (s subscriptions) recipients(a *activity.Activity) []activity.Target {
	if activity.IsModeration(a.Verb) {
		return moderationTargets(*a)
	}
	muted := map[int64]bool{}
	watching := map[int64]string{}
	consider := func(sub subject) {
		for person, state := range s[sub] {
			switch {
			case state == Muted:
				muted[person] = true
			case sub.kind == a.SubjectKind && sub.kind != "community":
				watching[person] = ReasonWatching
			default:
				if _, ok := watching[person]; !ok {
					watching[person] = ReasonCommunity
				}
			}
		}
	}
	consider(subject{a.SubjectKind, a.SubjectID})
	if community := (subject{"community", a.CommunityID}); community != (subject{a.SubjectKind, a.SubjectID}) {
		consider(community)
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
	return out
}

// watchAuto adds to watches that person now watches a's subject, unless they
// chose otherwise before (a mute stays a mute) or watch it already: then
// nothing is written.
func (s subscriptions) watchAuto(watches []watch, person int64, a *activity.Activity, reason string) []watch {
	sub := subject{a.SubjectKind, a.SubjectID}
	if person == 0 {
		return watches
	}
	if _, known := s[sub][person]; known {
		return watches
	}
	s.set(sub, person, Watching)
	return append(watches, watch{person: person, kind: sub.kind, id: sub.id, reason: reason})
}
