package stewardship

import "hearth/internal/community"

// Who may do what with value-creation stories: decided here, once, from the
// community's policy (community.View) and the story's author and audience.

// mayReadAudience reports whether the reader of v may read a story told to
// audience, narrowed to what the community's visibility allows now.
func mayReadAudience(v community.View, audience string) bool {
	if v.Actor.Admin || v.IsSteward() {
		return true
	}
	switch effectiveAudience(audience, v.Visibility) {
	case AudiencePublic:
		return v.CanRead()
	case AudienceInstitution:
		return v.Actor.SignedIn() && v.CanRead()
	}
	return v.IsMember()
}

// readableAudiences are the audiences whose stories the reader of v may read.
func readableAudiences(v community.View) []string {
	var out []string
	for _, a := range Audiences {
		if mayReadAudience(v, a) {
			out = append(out, a)
		}
	}
	return out
}

// mayRead reports whether the reader of v may read the story: its author,
// the stewards and administrators always; others by its audience, unless
// the stewards hid it.
func mayRead(v community.View, authorID int64, audience string, hidden bool) bool {
	if isAuthor(v, authorID) || v.Actor.Admin || v.IsSteward() {
		return true
	}
	return !hidden && mayReadAudience(v, audience)
}

func isAuthor(v community.View, authorID int64) bool {
	return v.Actor.SignedIn() && v.Actor.PersonID == authorID
}

// mayTell reports whether the reader of v may record a story: the members
// of an active community.
func mayTell(v community.View) bool { return v.Status == community.Active && v.IsMember() }

// mayEdit reports whether the reader of v may edit a story: its author,
// while a member of the active community.
func mayEdit(v community.View, authorID int64) bool { return isAuthor(v, authorID) && mayTell(v) }

// mayHide reports whether the reader of v may hide a story, or follow up
// its hoped-for steps: the stewards and administrators.
func mayHide(v community.View) bool { return v.CanSeeHealth() }
