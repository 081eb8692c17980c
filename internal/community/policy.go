package community

import (
	"time"

	"hearth/internal/auth"
)

// Membership is an actor's standing in one community; the zero value means
// none at all.
type Membership struct {
	Role   Role
	Status MemberStatus
	Since  time.Time // when it came into force (or was asked for)
}

// Active reports whether the membership is in force.
func (m Membership) Active() bool { return m.Status == ActiveMember }

// View is a community as one actor sees it, with what that actor may do.
// The policy below is the single place that decides it; services of every
// capability ask it rather than deciding for themselves.
type View struct {
	Community
	Actor auth.Actor
	Mine  Membership
	// What the tabs count: entries past draft, talk threads.
	EntryCount, ThreadCount int
	// The actor's unread notifications (up to 100), read with the
	// community for the layout's bar (notify.UnreadColumn); UnreadRead
	// says they were.
	Unread     int
	UnreadRead bool
}

// CanSee reports whether the actor may know the community exists at all.
// Everything else about a community it may not see answers NotFound.
func (v View) CanSee() bool {
	a, c := v.Actor, v.Community
	if a.Admin {
		return true
	}
	if c.Status == Proposed || c.Status == Declined {
		return v.Mine.Role == RoleSteward // the person who proposed it
	}
	switch c.Visibility {
	case Public:
		return true
	case Institution:
		return a.SignedIn()
	}
	// Private: members, and people invited (so they can read what they are invited to).
	return v.Mine.Status == ActiveMember || v.Mine.Status == InvitedMember
}

// IsMember reports whether the actor is an active member.
func (v View) IsMember() bool { return v.Mine.Active() }

// IsSteward reports whether the actor is an active steward.
func (v View) IsSteward() bool { return v.Mine.Active() && v.Mine.Role == RoleSteward }

// IsModerator reports whether the actor moderates: stewards and moderators.
func (v View) IsModerator() bool {
	return v.Mine.Active() && (v.Mine.Role == RoleSteward || v.Mine.Role == RoleModerator)
}

// writable reports whether the community accepts changes at all.
func (v View) writable() bool { return v.Status == Active || v.Status == Proposed }

// CanSeeMembers reports whether the actor may read the member list.
func (v View) CanSeeMembers() bool {
	if v.Visibility == Private {
		return v.IsMember() || v.Actor.Admin
	}
	return v.CanSee()
}

// CanJoin reports whether the actor may join at once.
func (v View) CanJoin() bool {
	return v.Actor.SignedIn() && v.Status == Active && v.Mine.Status == "" && v.JoinPolicy == Open && v.Visibility != Private
}

// CanRequest reports whether the actor may ask to join.
func (v View) CanRequest() bool {
	return v.Actor.SignedIn() && v.Status == Active && v.Mine.Status == "" && v.JoinPolicy == Request && v.Visibility != Private
}

// CanAcceptInvitation reports whether the actor holds an invitation to answer.
func (v View) CanAcceptInvitation() bool { return v.Status == Active && v.Mine.Status == InvitedMember }

// CanLeave reports whether the actor may leave (or withdraw a request).
func (v View) CanLeave() bool { return v.Mine.Status == ActiveMember || v.Mine.Status == PendingMember }

// CanEditCharter reports whether the actor may edit the charter and settings.
func (v View) CanEditCharter() bool { return v.IsSteward() && v.writable() }

// CanManageMembers reports whether the actor may approve, invite, change roles and remove.
func (v View) CanManageMembers() bool { return v.IsSteward() && v.Status == Active }

// CanSeeHealth reports whether the actor may read the community's health
// figures: its stewards and administrators.
func (v View) CanSeeHealth() bool { return v.IsSteward() || v.Actor.Admin }

// CanArchive reports whether the actor may archive or unarchive the community.
func (v View) CanArchive() bool {
	return (v.IsSteward() || v.Actor.Admin) && (v.Status == Active || v.Status == Archived)
}

// CanRead reports whether the actor may read the community's content (its
// practice library, conversations, gatherings): everyone who may see it,
// except that a private community's content is for its members only.
func (v View) CanRead() bool {
	if !v.CanSee() {
		return false
	}
	return v.Visibility != Private || v.IsMember() || v.Actor.Admin
}

// CanWritePractice reports whether the actor may add entries to the library.
func (v View) CanWritePractice() bool {
	if !v.writable() || v.Status != Active {
		return false
	}
	if v.Practice.Writers == "stewards" {
		return v.IsSteward()
	}
	return v.IsMember()
}

// CanEditEntry reports whether the actor may improve an entry, given whether
// they are one of its authors.
func (v View) CanEditEntry(isAuthor bool) bool {
	if v.Status != Active || !v.IsMember() {
		return false
	}
	if v.Practice.Editors == "authors" {
		return isAuthor || v.IsSteward()
	}
	return true
}

// CanSeeDraft reports whether the actor may read a draft entry: its authors
// and the community's stewards.
func (v View) CanSeeDraft(isAuthor bool) bool {
	return v.CanRead() && (isAuthor || v.IsSteward())
}

// CanCurate reports whether the actor may endorse entries and arrange
// collections: the community's stewards.
func (v View) CanCurate() bool { return v.IsSteward() && v.Status == Active }

// CanTalk reports whether the actor may start threads and reply in the
// community's conversations: its members, while it is active.
func (v View) CanTalk() bool { return v.Status == Active && v.IsMember() }

// CanModerateTalk reports whether the actor may lock threads and hide
// replies: the community's moderators and stewards, while it is active.
func (v View) CanModerateTalk() bool { return v.Status == Active && v.IsModerator() }

// CanAcceptAnswer reports whether the actor may choose a question's accepted
// answer, given whether they asked it: the asker (still a member) and the
// community's stewards.
func (v View) CanAcceptAnswer(isAsker bool) bool {
	return v.Status == Active && v.IsMember() && (isAsker || v.IsSteward())
}

// CanScheduleGathering reports whether the actor may schedule gatherings:
// the community's stewards, or every member where the community allows it,
// while it is active.
func (v View) CanScheduleGathering() bool {
	if v.Status != Active || !v.IsMember() {
		return false
	}
	return v.IsSteward() || v.Schedulers == "members"
}

// MemberDays is how many whole days the actor has been an active member.
func (v View) MemberDays(now time.Time) int {
	if !v.IsMember() || v.Mine.Since.IsZero() {
		return 0
	}
	return int(now.Sub(v.Mine.Since) / (24 * time.Hour))
}

// MayReviewBy reports whether the actor has the standing to review entries
// (the maturity "reviewed"): stewards always; members once they have been
// members for the community's ReviewAfterDays, or sooner once they have
// published an entry of their own here (contributed). Whether the entry is
// theirs is the practice library's rule, not this one.
func (v View) MayReviewBy(now time.Time, contributed bool) bool {
	if !v.IsMember() || v.Status != Active {
		return false
	}
	return v.IsSteward() || contributed || v.MemberDays(now) >= v.Practice.ReviewAfterDays
}
