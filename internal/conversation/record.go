package conversation

import (
	"context"

	"hearth/internal/activity"
	"hearth/internal/auth"
	"hearth/internal/db"
)

// Writes to conversations are recorded as activities in their transaction:
// the thread's watchers (its participants, automatically) and the
// community's hear of them; the mentioned are told; the asker hears of each
// answer, the answerer of its acceptance.

// SubjectKind is the activity and watch subject of a thread.
const SubjectKind = "thread"

func recordThread(ctx context.Context, q db.Q, a auth.Actor, t ThreadView, mentions []string) error {
	verb := activity.ThreadStarted
	if t.IsQuestion() {
		verb = activity.QuestionAsked
	}
	return record(ctx, q, a, verb, t, t.URL(), t.Body, mentions, nil)
}

// recordPost records post id (a reply or an answer) by a in thread t.
func recordPost(ctx context.Context, q db.Q, a auth.Actor, t ThreadView, verb string, id int64, body string, mentions []string) error {
	var extra []activity.Target
	if verb == activity.AnswerAdded && t.AuthorID != a.PersonID {
		extra = append(extra, activity.Target{PersonID: t.AuthorID, Reason: "author"})
	}
	return record(ctx, q, a, verb, t, PostURL(t.Community.Slug, t.ID, id), body, mentions, extra)
}

// recordAccepted records that a accepted answer id by answerer in thread t.
func recordAccepted(ctx context.Context, q db.Q, a auth.Actor, t ThreadView, id, answerer int64, excerpt string) error {
	var extra []activity.Target
	if answerer != a.PersonID {
		extra = append(extra, activity.Target{PersonID: answerer, Reason: "author"})
	}
	return record(ctx, q, a, activity.AnswerAccepted, t, PostURL(t.Community.Slug, t.ID, id), excerpt, nil, extra)
}

func record(ctx context.Context, q db.Q, a auth.Actor, verb string, t ThreadView, url, excerpt string, mentions []string, extra []activity.Target) error {
	targets, err := activity.Mentioned(ctx, q, a.PersonID, mentions)
	if err != nil {
		return err
	}
	_, err = activity.Record(ctx, q, activity.Activity{ActorID: a.PersonID, Verb: verb, SubjectKind: SubjectKind, SubjectID: t.ID,
		CommunityID: t.Community.ID, Title: t.Title, URL: url, Excerpt: excerpt, Targets: append(extra, targets...)})
	return err
}
