// Package activity is Hearth's log of what happened: a write that people
// would want to know about records an Activity (who did what to which
// subject, in which community) in its own transaction. A recorded activity
// waits to be fanned out: one job (enqueued once for a burst of writes)
// hands the waiting activities, in batches, to the subscribers registered in
// app (notifications, e-mail, later search and caches) and marks them. A
// batch is claimed under a lease in a short transaction, read and rendered
// outside any write transaction, and its writes and marks made in a second
// short one (bus.go).
package activity

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/db"
	"hearth/internal/jobs"
)

// Verbs: what happened. A capability adds its own as it comes.
const (
	EntryPublished   = "entry.published"
	EntryImproved    = "entry.improved"
	EntryEndorsed    = "entry.endorsed"
	EntryReviewed    = "entry.reviewed"
	CommentAdded     = "comment.added"
	MemberJoined     = "member.joined"
	MemberRequested  = "member.requested"
	MemberInvited    = "member.invited"
	CommunityStarted = "community.started"
	CommunityPropose = "community.proposed"
	ThreadStarted    = "thread.started"
	QuestionAsked    = "question.asked"
	ReplyAdded       = "reply.added"
	AnswerAdded      = "answer.added"
	AnswerAccepted   = "answer.accepted"

	PersonEndorsed = "person.endorsed"       // a person's expertise in a topic (Title)
	ExpertAsked    = "question.expert_asked" // the asker invites people who know its topics

	// Mentoring: told to the other of the pair only, never in a feed.
	MentorshipProposed = "mentorship.proposed"
	MentorshipAccepted = "mentorship.accepted"
	MentorshipDeclined = "mentorship.declined"
	MentorshipEnded    = "mentorship.ended"

	GatheringScheduled = "gathering.scheduled"
	GatheringChanged   = "gathering.changed"
	GatheringCancelled = "gathering.cancelled"
	GatheringPromoted  = "gathering.promoted" // from the waitlist to going
	GatheringWritten   = "gathering.written"  // a date's agenda or notes saved
	GatheringReminder  = "gathering.reminder" // a date is soon, to those coming

	// StoryNudged: a steward asks the author of a value-creation story how
	// a hoped-for step went; told to the author only, never in a feed.
	StoryNudged = "story.nudged"

	// Moderation of conversations: shown in the thread's moderation log,
	// never in feeds; told only to their targets (see IsModeration).
	ThreadPinned   = "thread.pinned"
	ThreadUnpinned = "thread.unpinned"
	ThreadLocked   = "thread.locked"
	ThreadUnlocked = "thread.unlocked"
	ThreadClosed   = "thread.closed" // as a duplicate of another
	ThreadReopened = "thread.reopened"
	ThreadMoved    = "thread.moved"
	ReplyHidden    = "reply.hidden"
	ReplyShown     = "reply.shown"
)

// ModerationVerbs are the verbs of moderators' actions on conversations.
var ModerationVerbs = []string{ThreadPinned, ThreadUnpinned, ThreadLocked, ThreadUnlocked, ThreadClosed, ThreadReopened,
	ThreadMoved, ReplyHidden, ReplyShown}

// IsModeration reports whether verb is a moderator's action: a log line on
// its subject, told to its targets only (the author of what was closed,
// moved or hidden), never to watchers, and not making the moderator one.
func IsModeration(verb string) bool {
	return slices.Contains(ModerationVerbs, verb)
}

// Audiences: who may see an activity in a feed.
const (
	// Community: anyone who may see the community (feeds, homes).
	Community = "community"
	// Subject: only people who may see the subject itself (a draft's
	// comment, a request waiting for stewards); never shown in feeds.
	Subject = "subject"
)

// Activity is one thing that happened.
type Activity struct {
	ID          int64
	ActorID     int64 // 0: Hearth itself
	Verb        string
	SubjectKind string // "entry", "community", "membership", ...
	SubjectID   int64
	CommunityID int64 // 0: instance-wide
	Audience    string
	Title       string // the subject's title at the time
	URL         string // the path of the exact place (a comment's anchor)
	Excerpt     string // a short plain-text excerpt
	CreatedAt   time.Time
	// Targets are told whatever they watch (the mentioned, the stewards
	// asked to approve); recorded with the activity.
	Targets []Target

	// Filled when read, for display.
	ActorHandle, ActorName       string
	CommunitySlug, CommunityName string
}

// Target is a person an activity is addressed to, and why.
type Target struct {
	PersonID int64
	Reason   string // "mention", "steward", "admin", "author"
}

// Fan-out jobs. KindFanoutWaiting hands every waiting activity to the
// subscribers, in batches; Record enqueues it once for a burst of writes.
// KindFanout hands one activity to them: one that failed in a batch, retried
// apart so that it holds up no other.
const (
	KindFanoutWaiting = "activity.fanout.waiting"
	KindFanout        = "activity.fanout"
)

type fanoutJob struct {
	ID int64 `json:"id"`
}

// excerptLen bounds an activity's excerpt, in characters.
const excerptLen = 280

// Record stores a through q (the transaction of the write it reports) as
// waiting to be fanned out, and makes sure a fan-out job waits too. Its
// targets are kept in its row (see targets.go): one statement a write.
func Record(ctx context.Context, q db.Q, a Activity) (int64, error) {
	if a.Audience == "" {
		a.Audience = Community
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = db.Now()
	}
	id, err := db.InsertID(ctx, q, `INSERT INTO activities (actor_id, verb, subject_kind, subject_id, community_id, audience, title, url, excerpt, created_at, targets)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		nullID(a.ActorID), a.Verb, a.SubjectKind, a.SubjectID, nullID(a.CommunityID), a.Audience,
		clip(a.Title, 300), a.URL, Excerpt(a.Excerpt), a.CreatedAt, encodeTargets(a.Targets))
	if err != nil {
		return 0, fmt.Errorf("record %s: %w", a.Verb, err)
	}
	return id, jobs.EnqueueOnce(ctx, q, jobs.Job{Kind: KindFanoutWaiting})
}

// Refanout makes an activity recorded earlier wait to be fanned out again
// (the demo records its past in bulk, then tells people of the recent part).
func Refanout(ctx context.Context, q db.Q, id int64) error {
	if _, err := q.ExecContext(ctx, `UPDATE activities SET fanned_out_at = NULL WHERE id = $1`, id); err != nil {
		return fmt.Errorf("refan out activity %d: %w", id, err)
	}
	return jobs.EnqueueOnce(ctx, q, jobs.Job{Kind: KindFanoutWaiting})
}

// Excerpt shortens plain text to an activity's excerpt: spaces collapsed,
// cut at a word boundary with an ellipsis.
func Excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= excerptLen {
		return s
	}
	r := []rune(s)[:excerptLen]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > excerptLen/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Phrase is what the actor did, as words after their name ("commented on").
func Phrase(verb string) string {
	switch verb {
	case EntryPublished:
		return "published"
	case EntryImproved:
		return "improved"
	case EntryEndorsed:
		return "endorsed"
	case EntryReviewed:
		return "reviewed"
	case CommentAdded:
		return "commented on"
	case MemberJoined:
		return "joined"
	case MemberRequested:
		return "asks to join"
	case MemberInvited:
		return "invites you to"
	case CommunityStarted:
		return "started"
	case CommunityPropose:
		return "proposes"
	case ThreadStarted:
		return "started the discussion"
	case QuestionAsked:
		return "asked"
	case ReplyAdded:
		return "replied to"
	case AnswerAdded:
		return "answered"
	case AnswerAccepted:
		return "accepted an answer to"
	case PersonEndorsed:
		return "endorsed your expertise in"
	case ExpertAsked:
		return "asks you to answer"
	case MentorshipProposed:
		return "proposes that you mentor in"
	case MentorshipAccepted:
		return "agreed to mentor in"
	case MentorshipDeclined:
		return "cannot take on mentoring in"
	case MentorshipEnded:
		return "ended the mentorship in"
	case GatheringScheduled:
		return "scheduled"
	case GatheringChanged:
		return "changed"
	case GatheringCancelled:
		return "cancelled"
	case GatheringPromoted:
		return "freed a place for you at"
	case GatheringWritten:
		return "wrote in the agenda or notes of"
	case GatheringReminder:
		return "reminds you of"
	case StoryNudged:
		return "asks how a hoped-for step went in your story"

	case ThreadPinned:
		return "pinned"
	case ThreadUnpinned:
		return "unpinned"
	case ThreadLocked:
		return "locked"
	case ThreadUnlocked:
		return "unlocked"
	case ThreadClosed:
		return "closed as a duplicate"
	case ThreadReopened:
		return "reopened"
	case ThreadMoved:
		return "moved"
	case ReplyHidden:
		return "hid a reply in"
	case ReplyShown:
		return "showed again a reply in"
	}
	return "changed"
}

// AboutCommunity reports whether the activity's object is its community
// itself ("Mia joined Bread") rather than a thing in it ("... in Bread").
func (a Activity) AboutCommunity() bool {
	return a.SubjectKind == "community" || a.SubjectKind == "membership"
}

// Object is what the activity is about, as words: its title, or the
// community's name when it is about the community itself.
func (a Activity) Object() string {
	if a.AboutCommunity() || a.Title == "" {
		return a.CommunityName
	}
	return a.Title
}

// Line is the activity in words, for e-mail and feeds:
// "Ada Lovelace commented on “Knife skills” in Kitchen".
func (a Activity) Line() string {
	who := a.ActorName
	if who == "" {
		who = "Someone"
	}
	s := who + " " + Phrase(a.Verb)
	if a.AboutCommunity() {
		return s + " " + a.CommunityName
	}
	if a.Title != "" {
		s += " “" + a.Title + "”"
	}
	if a.CommunityName != "" {
		s += " in " + a.CommunityName
	}
	return s
}

// Mentioned returns the people with these handles (not disabled, not the
// actor) as targets of an activity, reason "mention".
func Mentioned(ctx context.Context, q db.Q, actorID int64, handles []string) ([]Target, error) {
	if len(handles) == 0 {
		return nil, nil
	}
	args := []any{actorID}
	for _, h := range handles {
		args = append(args, h)
	}
	rows, err := q.QueryContext(ctx, `SELECT id FROM people WHERE disabled_at IS NULL AND id <> $1 AND handle IN (`+db.Placeholders(2, len(handles))+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find the mentioned: %w", err)
	}
	defer rows.Close()
	var out []Target
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("find the mentioned: %w", err)
		}
		out = append(out, Target{PersonID: id, Reason: "mention"})
	}
	return out, rows.Err()
}
