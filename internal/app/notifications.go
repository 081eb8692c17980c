package app

import (
	"context"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/errs"
	"hearth/internal/gathering"
	"hearth/internal/notify"
	"hearth/internal/practice"
)

// Subject kinds of activities, and who may see each: the capability that owns
// the subject answers, through the same policy its pages use.
const (
	subjectEntry      = "entry"
	subjectCommunity  = "community"
	subjectMembership = "membership" // a request to join: for the community's stewards
	subjectThread     = conversation.SubjectKind
	subjectGathering  = gathering.SubjectKind
)

// watchable are the subject kinds people watch (more come with threads and
// gatherings).
var watchable = []string{subjectEntry, subjectThread, subjectGathering}

// visibility answers notify's question "may this person see what this
// activity is about, now?".
func visibility(accounts *auth.Service, communities *community.Service, library *practice.Service, talk *conversation.Service, events *gathering.Service) notify.Visibility {
	return func(ctx context.Context, personID int64, a activity.Activity) (bool, error) {
		actor, err := accounts.ActorByID(ctx, personID)
		if errs.Is(err, errs.NotFound) {
			return false, nil // disabled or gone
		}
		if err != nil {
			return false, err
		}
		switch a.SubjectKind {
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
