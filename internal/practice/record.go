package practice

import (
	"context"
	"strconv"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
)

// Writes to the library are recorded as activities in their transaction: the
// people who watch an entry or its community, and the people mentioned in
// it, hear of them; the community shows them as its recent activity. What
// happens to a draft is for those who may see the draft only.

// recordEntry records what a did to entry e of v. mentions are the handles
// the text mentions (found before the transaction: parsing is not done while
// holding it).
func recordEntry(ctx context.Context, q db.Q, a auth.Actor, verb string, v community.View, e Entry, excerpt string, mentions []string) error {
	return record(ctx, q, a, verb, v, e, entryURL(v, e), excerpt, mentions)
}

// recordComment records comment id by a on entry e.
func recordComment(ctx context.Context, q db.Q, a auth.Actor, v community.View, e Entry, id int64, body string, mentions []string) error {
	return record(ctx, q, a, activity.CommentAdded, v, e, entryURL(v, e)+"#comment-"+strconv.FormatInt(id, 10), body, mentions)
}

func record(ctx context.Context, q db.Q, a auth.Actor, verb string, v community.View, e Entry, url, excerpt string, mentions []string) error {
	targets, err := activity.Mentioned(ctx, q, a.PersonID, mentions)
	if err != nil {
		return err
	}
	audience := activity.Community
	if e.Maturity == Draft {
		audience = activity.Subject
	}
	_, err = activity.Record(ctx, q, activity.Activity{ActorID: a.PersonID, Verb: verb, SubjectKind: "entry", SubjectID: e.ID,
		CommunityID: v.ID, Audience: audience, Title: e.Title, URL: url, Excerpt: excerpt, Targets: targets})
	return err
}

func entryURL(v community.View, e Entry) string { return "/c/" + v.Slug + "/practice/" + e.Slug }
