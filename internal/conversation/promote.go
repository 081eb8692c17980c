package conversation

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/links"
	"hearth/internal/posts"
	"hearth/internal/practice"
)

// A thread, or one of its answers or replies, may become a practice entry:
// its author or a steward turns what was learned in talk into a lesson for
// the library. The entry is made by the practice service; the link between
// them (links.Became, from ("thread", id) or ("post", id) to ("entry", id))
// is kept in the entry's transaction and shown on both ends.

// Source is a thread, or a post of it, about to become an entry.
type Source struct {
	Thread     ThreadView
	PostID     int64  // 0: the thread itself
	Kind       string // Question, Discussion, posts.Answer or posts.Reply
	AuthorName string
	Body       string
}

// Link is the thing the entry will come from.
func (s Source) Link() links.Thing {
	if s.PostID != 0 {
		return links.Thing{Kind: "post", ID: s.PostID}
	}
	return links.Thing{Kind: SubjectKind, ID: s.Thread.ID}
}

// canPromote reports whether a may turn something written by authorID in t
// into an entry: its author or a steward, who may write in the library.
func canPromote(a auth.Actor, t ThreadView, authorID int64) bool {
	v := t.Community
	return v.CanWritePractice() && (v.IsSteward() || (a.SignedIn() && authorID == a.PersonID))
}

// CanPromote reports whether the reader may turn the thread into an entry.
func (t ThreadView) CanPromote() bool { return canPromote(t.Community.Actor, t, t.AuthorID) }

// CanPromotePost reports whether the reader may turn post p into an entry.
func (t ThreadView) CanPromotePost(p Post) bool {
	return !p.Hidden && !p.Removed && canPromote(t.Community.Actor, t, p.AuthorID)
}

// source reads thread (and post, unless 0) through q for a, refusing
// what a may not promote.
func (s *Service) source(ctx context.Context, q db.Q, t ThreadView, a auth.Actor, postID int64) (Source, error) {
	src := Source{Thread: t, Kind: t.Kind, AuthorName: t.AuthorName, Body: t.Body}
	author := t.AuthorID
	if postID != 0 {
		p, err := posts.Find(ctx, q, subject(t.ID), postID)
		if err != nil {
			return Source{}, err
		}
		if p.Hidden {
			return Source{}, errs.NotFoundf("There is no such reply.")
		}
		var name string
		if err := q.QueryRowContext(ctx, `SELECT COALESCE(p.name, 'A former member') FROM posts x LEFT JOIN people p ON p.id = x.author_id
			WHERE x.id = $1`, p.ID).Scan(&name); err != nil {
			return Source{}, errs.Wrap(err, "read reply")
		}
		src.PostID, src.Kind, src.AuthorName, src.Body, author = p.ID, p.Kind, name, p.Body, p.AuthorID
	}
	if !canPromote(a, t, author) {
		if !a.SignedIn() {
			return Source{}, errs.New(errs.Unauthenticated, "Please sign in.")
		}
		return Source{}, errs.Forbiddenf("Only its author and the community's stewards turn it into an entry.")
	}
	return src, nil
}

// ForPromoting returns the thread (or its post, unless postID is 0) that a
// is about to turn into an entry, for the pre-filled form.
func (s *Service) ForPromoting(ctx context.Context, a auth.Actor, communitySlug string, threadID, postID int64) (Source, error) {
	t, err := s.Get(ctx, a, communitySlug, threadID)
	if err != nil {
		return Source{}, err
	}
	return s.source(ctx, s.db, t, a, postID)
}

// Promote makes the entry in as the thread (or its post) became, linked
// from it. The source is checked again in the entry's transaction, its
// thread's row locked, so a reply removed meanwhile is not linked.
func (s *Service) Promote(ctx context.Context, lib *practice.Service, a auth.Actor, communitySlug string, threadID, postID int64,
	in practice.Input) (practice.Entry, error) {
	if _, err := s.ForPromoting(ctx, a, communitySlug, threadID, postID); err != nil {
		return practice.Entry{}, err
	}
	in.Then = func(ctx context.Context, tx *db.Tx, entryID int64) error {
		t, err := s.threadTx(ctx, tx, a, communitySlug, threadID)
		if err != nil {
			return err
		}
		src, err := s.source(ctx, tx, t, a, postID)
		if err != nil {
			return err
		}
		return links.Add(ctx, tx, src.Link(), links.Thing{Kind: "entry", ID: entryID}, links.Became, a.PersonID, s.now())
	}
	return lib.Create(ctx, a, communitySlug, in)
}

// Lesson is a published entry of the library that a thread or a post became.
type Lesson struct {
	Slug, Title string
	Kind        practice.Kind
}

// Phrase names what it became, for "This became … in the library".
func (l Lesson) Phrase() string {
	if l.Kind == practice.Lesson {
		return "a lesson"
	}
	return "an entry"
}

// Lessons is what a thread and its posts became, by link end.
type Lessons map[links.Thing]Lesson

// Of returns what the thing (kind, id) became, if anything.
func (l Lessons) Of(kind string, id int64) *Lesson {
	if x, ok := l[links.Thing{Kind: kind, ID: id}]; ok {
		return &x
	}
	return nil
}

// Became reads what thread t and its posts with these ids became: published
// entries of its community, in at most three queries; none when nothing was
// ever linked out of them (most threads).
func (s *Service) Became(ctx context.Context, t ThreadView, postIDs []int64) (Lessons, error) {
	if !t.Promoted { // nothing was ever linked out of it: no lookup
		return nil, nil
	}
	out, err := links.From(ctx, s.db, SubjectKind, []int64{t.ID})
	if err != nil {
		return nil, err
	}
	more, err := links.From(ctx, s.db, "post", postIDs)
	if err != nil {
		return nil, err
	}
	out = append(out, more...)
	args := []any{t.Community.ID}
	for _, l := range out {
		if l.Kind == links.Became && l.To.Kind == "entry" {
			args = append(args, l.To.ID)
		}
	}
	if len(args) == 1 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, slug, title, kind FROM entries WHERE community_id = $1 AND maturity <> 'draft'
		AND id IN (`+db.Placeholders(2, len(args)-1)+`)`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read lessons")
	}
	defer rows.Close()
	entries := map[int64]Lesson{}
	for rows.Next() {
		var id int64
		var e Lesson
		if err := rows.Scan(&id, &e.Slug, &e.Title, &e.Kind); err != nil {
			return nil, errs.Wrap(err, "read lessons")
		}
		entries[id] = e
	}
	lessons := Lessons{}
	for _, l := range out {
		if e, ok := entries[l.To.ID]; ok && l.Kind == links.Became && l.To.Kind == "entry" {
			lessons[l.From] = e
		}
	}
	return lessons, errs.Wrap(rows.Err(), "read lessons")
}
