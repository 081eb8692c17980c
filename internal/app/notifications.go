package app

import (
	"context"
	"slices"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/errs"
	"hearth/internal/gathering"
	"hearth/internal/notify"
	"hearth/internal/people"
	"hearth/internal/practice"
	"hearth/internal/stewardship"
)

// Subject kinds of activities, and who may see each: the capability that owns
// the subject answers, through the same policy its pages use.
const (
	subjectEntry      = "entry"
	subjectCommunity  = "community"
	subjectMembership = "membership" // a request to join: for the community's stewards
	subjectThread     = conversation.SubjectKind
	subjectGathering  = gathering.SubjectKind
	subjectMentorship = people.SubjectMentorship // told to the pair only
	subjectStory      = stewardship.StoryKind    // a value-creation story: its readers
)

// watchable are the subject kinds people watch (more come with threads and
// gatherings).
var watchable = []string{subjectEntry, subjectThread, subjectGathering}

// visibility answers notify's question "may this person see what this
// activity is about, now?" for a batch of checks, reading each person once
// and each (person, subject) once.
func visibility(accounts *auth.Service, communities *community.Service, library *practice.Service, talk *conversation.Service, events *gathering.Service, directory *people.Service,
	health *stewardship.Service) notify.Visibility {
	type question struct {
		person         int64
		kind           string
		subject, where int64
	}
	return func(ctx context.Context, checks []notify.Check) ([]bool, error) {
		actors := map[int64]*auth.Actor{} // nil: disabled or gone
		answers := map[question]bool{}
		// What a visitor may see, every person may (each rule grants a
		// signed-in person at least a visitor's rights): asked once a
		// subject, it spares the per-person checks for public content, the
		// most common by far.
		public := map[question]bool{}
		// The batch's entries, the most common subject, are asked at once.
		var entries []int64
		for _, c := range checks {
			if c.Activity.SubjectKind == subjectEntry {
				entries = append(entries, c.Activity.SubjectID)
			}
		}
		if len(entries) > 0 {
			open, err := library.VisibleMany(ctx, auth.Actor{}, slices.Compact(slices.Sorted(slices.Values(entries))))
			if err != nil {
				return nil, err
			}
			for _, c := range checks {
				if a := c.Activity; a.SubjectKind == subjectEntry {
					public[question{0, a.SubjectKind, a.SubjectID, a.CommunityID}] = open[a.SubjectID]
				}
			}
		}
		out := make([]bool, len(checks))
		for i, c := range checks {
			a := c.Activity
			q := question{c.PersonID, a.SubjectKind, a.SubjectID, a.CommunityID}
			if ok, known := answers[q]; known {
				out[i] = ok
				continue
			}
			subject := question{0, a.SubjectKind, a.SubjectID, a.CommunityID}
			open, known := public[subject]
			if !known {
				var err error
				if open, err = maySee(ctx, communities, library, talk, events, directory, health, auth.Actor{}, a); err != nil {
					return nil, err
				}
				public[subject] = open
			}
			actor, known := actors[c.PersonID]
			if !known {
				found, err := accounts.ActorByID(ctx, c.PersonID)
				if err != nil && !errs.Is(err, errs.NotFound) {
					return nil, err
				}
				if err == nil {
					actor = &found
				}
				actors[c.PersonID] = actor
			}
			ok := false
			if actor != nil {
				ok = open
				if !ok {
					var err error
					if ok, err = maySee(ctx, communities, library, talk, events, directory, health, *actor, a); err != nil {
						return nil, err
					}
				}
			}
			answers[q], out[i] = ok, ok
		}
		return out, nil
	}
}

// maySee answers whether actor may see what a is about, through the policy
// of the capability that owns its subject.
func maySee(ctx context.Context, communities *community.Service, library *practice.Service, talk *conversation.Service, events *gathering.Service,
	directory *people.Service, health *stewardship.Service, actor auth.Actor, a *activity.Activity) (bool, error) {
	switch a.SubjectKind {
	case subjectMentorship: // not even the stewards who may read it are told
		if !actor.SignedIn() {
			return false, nil
		}
		return directory.InMentorship(ctx, actor.PersonID, a.SubjectID)
	case subjectStory:
		return health.StoryVisible(ctx, actor, a.SubjectID)
	case subjectEntry:
		return library.Visible(ctx, actor, a.SubjectID)
	case subjectThread:
		return talk.Visible(ctx, actor, a.SubjectID)
	case subjectGathering:
		return events.Visible(ctx, actor, a.SubjectID)
	case subjectMembership:
		v, err := communities.GetByID(ctx, actor, a.CommunityID)
		return visible(err, v.CanManageMembers())
	case subjectCommunity:
		v, err := communities.GetByID(ctx, actor, a.SubjectID)
		return visible(err, v.CanSee())
	default: // a subject kind without a rule of its own: its community's
		if a.CommunityID == 0 {
			return true, nil
		}
		v, err := communities.GetByID(ctx, actor, a.CommunityID)
		return visible(err, v.CanRead())
	}
}

// visible turns a lookup's outcome into an answer: NotFound is "no".
func visible(err error, ok bool) (bool, error) {
	if errs.Is(err, errs.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return ok, nil
}
