// Package conversation is a community's talk: threads, each a discussion or
// a question, whose replies and answers live in the shared posts store
// (subject "thread"). A question has answers (posts of kind "answer"), one of
// which its asker or a steward may accept; members vote for answers, once
// each. Moderators lock a thread (no new replies) and hide replies. Every
// permission comes from the community's policy.
package conversation

import (
	"context"
	"database/sql"
	"errors"
	"html/template"
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/posts"
	"hearth/internal/ratelimit"
	"hearth/internal/search"
)

// Kinds of thread.
const (
	Discussion = "discussion"
	Question   = "question"
)

// Limits on what people type.
const (
	MaxTitle = 200
	MaxBody  = 20_000
)

// Service is the way in to conversations.
type Service struct {
	db          *db.DB
	communities *community.Service
	log         *slog.Logger
	now         func() time.Time
	md          *markup.Renderer
	limits      *ratelimit.Limiter // nil: none
	pages       *posts.Kept        // threads' newest pages of replies, as read (see readReplies)
}

// NewService returns the conversation service.
func NewService(d *db.DB, communities *community.Service, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{db: d, communities: communities, log: log, now: db.Now, md: markup.New(), pages: posts.NewKept(pageCacheBudget)}
}

// SetLimits makes new threads and replies count under the comment limit.
func (s *Service) SetLimits(l *ratelimit.Limiter) { s.limits = l }

// Thread is a discussion or a question.
type Thread struct {
	ID             int64
	CommunityID    int64
	Kind           string
	Title          string
	Body           string
	HTML           template.HTML
	Tags           []string
	AuthorID       int64
	AuthorHandle   string
	AuthorName     string
	CreatedAt      time.Time
	LastActivityAt time.Time
	Replies        int // replies and answers, placeholders included
	Answers        int
	Votes          int // on its answers
	AcceptedPostID int64
	Locked         bool
	Pinned         bool // shown first in the talk list
	Closed         bool // closed as a duplicate of another thread (see ThreadView.Original)
	// Promoted says the thread or one of its posts was once turned into an
	// entry (see Became); read by Get only.
	Promoted bool
	// Told says a value story once told of the thread (see
	// stewardship.StoriesAbout), Moderated that a moderator's action on it
	// was once recorded (see Log): its page looks them up only then. Read by
	// Get only; kept by triggers (migration 0062).
	Told, Moderated bool
	// PostsVersion changes with every write to its posts or their authors'
	// names (see Replies); read by Get only, 0 when not read.
	PostsVersion int64
}

// IsQuestion reports whether the thread asks a question.
func (t Thread) IsQuestion() bool { return t.Kind == Question }

// ThreadView is a thread as one actor sees it, with what they may do.
type ThreadView struct {
	Thread
	Community community.View
	// Original is the thread this one was closed as a duplicate of (read by
	// Get for a closed thread).
	Original *Original
}

// TakesReplies reports whether the thread is open to new replies, answers,
// votes and edits: neither locked nor closed as a duplicate.
func (t Thread) TakesReplies() bool { return !t.Locked && !t.Closed }

// IsAsker reports whether the actor started the thread.
func (t ThreadView) IsAsker() bool {
	return t.Community.Actor.SignedIn() && t.AuthorID == t.Community.Actor.PersonID
}

// CanReply reports whether the actor may reply (or answer): members, while
// the thread is neither locked nor closed.
func (t ThreadView) CanReply() bool { return t.Community.CanTalk() && t.TakesReplies() }

// CanVote reports whether the actor may vote for answers.
func (t ThreadView) CanVote() bool { return t.IsQuestion() && t.CanReply() }

// CanAccept reports whether the actor may choose the accepted answer.
func (t ThreadView) CanAccept() bool {
	return t.IsQuestion() && t.Community.CanAcceptAnswer(t.IsAsker())
}

// CanModerate reports whether the actor may lock, pin, close and move the
// thread and hide replies.
func (t ThreadView) CanModerate() bool { return t.Community.CanModerateTalk() }

// URL is the thread's address.
func (t ThreadView) URL() string { return ThreadURL(t.Community.Slug, t.ID) }

// ThreadURL is the address of thread id of the community with slug.
func ThreadURL(slug string, id int64) string { return "/c/" + slug + "/talk/" + itoa(id) }

// Input is a new thread as typed.
type Input struct {
	Kind  string
	Title string
	Body  string
	Tags  string // comma-separated
}

type checked struct {
	kind, title, body string
	tags              []string
}

func (in Input) check() (checked, error) {
	c := checked{kind: in.Kind, title: strings.TrimSpace(in.Title), body: cleanBody(in.Body)}
	var v errs.Validation
	if c.kind != Discussion && c.kind != Question {
		v.Add("kind", "Choose a discussion or a question.")
	}
	switch n := utf8.RuneCountInString(c.title); {
	case n == 0:
		v.Add("title", "Give it a title.")
	case n > MaxTitle:
		v.Add("title", "Keep the title to 200 characters.")
	}
	if msg := checkBody(c.body); msg != "" {
		v.Add("body", msg)
	}
	tags, msg := community.ParseTags(in.Tags)
	if msg != "" {
		v.Add("tags", msg)
	}
	c.tags = tags
	return c, v.Err()
}

func cleanBody(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

func checkBody(body string) string {
	switch {
	case body == "":
		return "Write something first."
	case utf8.RuneCountInString(body) > MaxBody:
		return "Keep it to 20,000 characters."
	}
	return ""
}

var errThreadNotFound = errs.NotFoundf("There is no such conversation, or you may not see it.")

// mayRead returns NotFound unless the actor may read the community's talk.
func mayRead(v community.View) error {
	if !v.CanRead() {
		return errThreadNotFound
	}
	return nil
}

// mayTalk says why the actor may not write in the community's talk.
func mayTalk(v community.View) error {
	switch {
	case v.CanTalk():
		return nil
	case !v.Actor.SignedIn():
		return errs.New(errs.Unauthenticated, "Please sign in to take part.")
	case v.Status != community.Active:
		return errs.Forbiddenf("This community is not active: its conversations are read-only.")
	}
	return errs.Forbiddenf("Join the community to take part in its conversations.")
}

// Start opens a thread in the community.
func (s *Service) Start(ctx context.Context, a auth.Actor, communitySlug string, in Input) (ThreadView, error) {
	if err := s.limits.Take(ctx, ratelimit.Comment, ratelimit.Person(a.PersonID)); err != nil {
		return ThreadView{}, err
	}
	c, invalid := in.check()
	var body markup.Rendered
	var mentions []string
	if invalid == nil {
		body = s.md.RenderBoth(c.body) // before the transaction: rendering is the slow part of a save
		mentions = s.md.Mentions(c.body)
	}
	var t ThreadView
	err := s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		v, err := s.communities.ViewTx(ctx, tx, a, communitySlug)
		if err != nil {
			return err
		}
		if err := mayRead(v); err != nil {
			return err
		}
		if err := mayTalk(v); err != nil {
			return err // before the input's problems: those are for people who may write
		}
		if invalid != nil {
			return invalid
		}
		now := s.now()
		id, err := db.InsertID(ctx, tx, `INSERT INTO threads (community_id, kind, title, body, body_html, body_text, render_version,
			author_id, created_at, last_activity_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
			v.ID, c.kind, c.title, c.body, string(body.HTML), body.Text, markup.Version, a.PersonID, now)
		if err != nil {
			return errs.Wrap(err, "start thread")
		}
		for _, tag := range c.tags {
			if _, err := tx.ExecContext(ctx, `INSERT INTO thread_tags (thread_id, tag, community_id) VALUES ($1, $2, $3)`, id, tag, v.ID); err != nil {
				return errs.Wrap(err, "tag thread")
			}
		}
		if err := search.Index(ctx, tx, tx.Dialect(), search.KindThread, id); err != nil {
			return err
		}
		t = ThreadView{Community: v, Thread: Thread{ID: id, CommunityID: v.ID, Kind: c.kind, Title: c.title, Body: c.body, HTML: body.HTML,
			Tags: c.tags, AuthorID: a.PersonID, CreatedAt: now, LastActivityAt: now}}
		return recordThread(ctx, tx, a, t, mentions)
	})
	return t, err
}

// Get returns a thread of the community for reading.
func (s *Service) Get(ctx context.Context, a auth.Actor, communitySlug string, id int64) (ThreadView, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return ThreadView{}, err
	}
	if err := mayRead(v); err != nil {
		return ThreadView{}, err
	}
	t, err := s.load(ctx, s.db, v, id, false)
	if err != nil {
		return ThreadView{}, err
	}
	if t.Body != "" && t.renderVersion < markup.Version {
		t.HTML = s.md.Render(t.Body) // stored by an older version
	}
	tv := ThreadView{Thread: t.Thread, Community: v}
	if t.Closed {
		if tv.Original, err = s.original(ctx, s.db, tv); err != nil {
			return ThreadView{}, err
		}
	}
	return tv, nil
}

// ForStarting returns the community for the new-thread form: its members only.
func (s *Service) ForStarting(ctx context.Context, a auth.Actor, communitySlug string) (community.View, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return community.View{}, err
	}
	if err := mayRead(v); err != nil {
		return community.View{}, err
	}
	return v, mayTalk(v)
}

// threadTx loads thread id of the community for a write, locking its row
// (replies, votes and acceptance of one thread are taken one at a time).
func (s *Service) threadTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug string, id int64) (ThreadView, error) {
	v, err := s.communities.ViewTx(ctx, tx, a, communitySlug)
	if err != nil {
		return ThreadView{}, err
	}
	if err := mayRead(v); err != nil {
		return ThreadView{}, err
	}
	t, err := s.load(ctx, tx, v, id, true)
	if err != nil {
		return ThreadView{}, err
	}
	return ThreadView{Thread: t.Thread, Community: v}, nil
}

type loaded struct {
	Thread
	renderVersion int
}

// threadColumns are a thread's columns, of threads t and its author p.
const threadColumns = `t.id, t.community_id, t.kind, t.title, COALESCE(t.author_id, 0), COALESCE(p.handle, ''), COALESCE(p.name, 'A former member'),
	t.created_at, t.last_activity_at, t.replies, t.answers, t.votes, COALESCE(t.accepted_post_id, 0), t.locked_at IS NOT NULL,
	t.pinned_at IS NOT NULL, t.closed_at IS NOT NULL, (SELECT string_agg(g.tag, ',' ORDER BY g.tag) FROM thread_tags g WHERE g.thread_id = t.id)`

func scanThread(sc interface{ Scan(...any) error }, t *Thread, extra ...any) error {
	var tags sql.NullString
	err := sc.Scan(append([]any{&t.ID, &t.CommunityID, &t.Kind, &t.Title, &t.AuthorID, &t.AuthorHandle, &t.AuthorName,
		&t.CreatedAt, &t.LastActivityAt, &t.Replies, &t.Answers, &t.Votes, &t.AcceptedPostID, &t.Locked,
		&t.Pinned, &t.Closed, &tags}, extra...)...)
	if tags.Valid && tags.String != "" {
		t.Tags = strings.Split(tags.String, ",")
	}
	return err
}

// load reads thread id of community v through q (locking it when lock).
func (s *Service) load(ctx context.Context, q db.Q, v community.View, id int64, lock bool) (loaded, error) {
	var t loaded
	var html string
	clause := ""
	if lock {
		clause = s.db.ForUpdate()
		if clause != "" {
			clause += " OF t"
		}
	}
	err := scanThread(q.QueryRowContext(ctx, `SELECT `+threadColumns+`, t.body, t.body_html, t.render_version, t.promoted, t.posts_version, t.told, t.moderated
		FROM threads t LEFT JOIN people p ON p.id = t.author_id WHERE t.id = $1 AND t.community_id = $2`+clause, id, v.ID),
		&t.Thread, &t.Body, &html, &t.renderVersion, &t.Promoted, &t.PostsVersion, &t.Told, &t.Moderated)
	if errors.Is(err, sql.ErrNoRows) {
		return loaded{}, errThreadNotFound
	}
	if err != nil {
		return loaded{}, errs.Wrap(err, "read thread")
	}
	t.HTML = template.HTML(html) // sanitised when it was saved
	return t, nil
}
