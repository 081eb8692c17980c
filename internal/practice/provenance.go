package practice

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/links"
)

// An entry may come from a comment: a member turns what someone said into a
// lesson for the library. The link between them (links.Became) is kept in
// the transaction that makes the entry, and shown on both ends.

// Origin is where an entry came from: a comment on another entry, or a
// conversation (a thread, or one of its answers or replies: ThreadID set).
type Origin struct {
	CommentID             int64 // the comment, answer or reply; 0 for a thread itself
	AuthorName            string
	EntrySlug, EntryTitle string
	ThreadID              int64
	ThreadKind            string // discussion or question
	ThreadTitle           string
	PostKind              string // answer or reply
	// A gathering's date whose notes it was captured from (GatheringID set).
	GatheringID, OccurrenceID int64
	GatheringTitle            string
	GatheringStart            time.Time
}

// Offspring is an entry a comment became.
type Offspring struct {
	Slug, Title string
}

// Provenance is what an entry's page shows of links: where the entry came
// from, and what its comments on this page became.
type Provenance struct {
	Origin *Origin
	Became map[int64]*Offspring // by comment id
}

// FromComment returns the comment (by id) that a's new entry in the
// community starts from, pre-filled: NotFound unless a may read it there.
func (s *Service) FromComment(ctx context.Context, a auth.Actor, communitySlug string, commentID int64) (Origin, string, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return Origin{}, "", err
	}
	var o Origin
	var body string
	err = s.db.QueryRowContext(ctx, `SELECT p.id, COALESCE(pe.name, 'A former member'), e.slug, e.title, p.body
		FROM posts p JOIN entries e ON e.id = p.subject_id LEFT JOIN people pe ON pe.id = p.author_id
		WHERE p.id = $1 AND p.subject_kind = 'entry' AND e.community_id = $2 AND e.maturity <> 'draft'
		AND p.hidden_at IS NULL AND p.deleted_at IS NULL`, commentID, v.ID).Scan(&o.CommentID, &o.AuthorName, &o.EntrySlug, &o.EntryTitle, &body)
	if errors.Is(err, sql.ErrNoRows) || !v.CanRead() {
		return Origin{}, "", errs.NotFoundf("There is no such comment.")
	}
	return o, body, errs.Wrap(err, "read comment")
}

// linkOrigin checks that the comment a new entry starts from is a visible
// comment of a published entry of the same community, and links them.
func linkOrigin(ctx context.Context, tx *db.Tx, a auth.Actor, communityID, commentID, entryID int64, at time.Time) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM posts p JOIN entries e ON e.id = p.subject_id
		WHERE p.id = $1 AND p.subject_kind = 'entry' AND e.community_id = $2 AND e.maturity <> 'draft'
		AND p.hidden_at IS NULL AND p.deleted_at IS NULL`, commentID, communityID).Scan(&n); err != nil {
		return errs.Wrap(err, "read comment")
	}
	if n == 0 {
		return errs.Field("from_comment", "That comment is no longer there to start from.")
	}
	return links.Add(ctx, tx, links.Thing{Kind: "post", ID: commentID}, links.Thing{Kind: "entry", ID: entryID}, links.Became, a.PersonID, at)
}

// Provenance reads where ev came from and what the comments with these ids
// became (entries the reader may see), in at most three queries.
func (s *Service) Provenance(ctx context.Context, ev EntryView, commentIDs []int64) (Provenance, error) {
	var p Provenance
	in, err := links.To(ctx, s.db, links.Thing{Kind: "entry", ID: ev.ID})
	if err != nil {
		return p, err
	}
	for _, l := range in {
		if l.Kind != links.Became || (l.From.Kind != "post" && l.From.Kind != "thread" && l.From.Kind != "occurrence") {
			continue
		}
		var o Origin
		var err error
		if l.From.Kind == "occurrence" { // a gathering's readers are the community's, as the entry's
			err = s.db.QueryRowContext(ctx, `SELECT g.id, o.id, COALESCE(o.title, g.title), o.starts_at
				FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id WHERE o.id = $1 AND g.community_id = $2`,
				l.From.ID, ev.Community.ID).Scan(&o.GatheringID, &o.OccurrenceID, &o.GatheringTitle, &o.GatheringStart)
		} else if l.From.Kind == "thread" { // the thread's readers are the community's, as the entry's
			err = s.db.QueryRowContext(ctx, `SELECT t.id, t.kind, t.title, COALESCE(pe.name, 'A former member')
				FROM threads t LEFT JOIN people pe ON pe.id = t.author_id WHERE t.id = $1 AND t.community_id = $2`,
				l.From.ID, ev.Community.ID).Scan(&o.ThreadID, &o.ThreadKind, &o.ThreadTitle, &o.AuthorName)
		} else {
			err = s.db.QueryRowContext(ctx, `SELECT p.id, COALESCE(pe.name, 'A former member'), COALESCE(e.slug, ''), COALESCE(e.title, ''),
				COALESCE(t.id, 0), COALESCE(t.kind, ''), COALESCE(t.title, ''), p.kind
				FROM posts p LEFT JOIN entries e ON p.subject_kind = 'entry' AND e.id = p.subject_id AND e.maturity <> 'draft'
				LEFT JOIN threads t ON p.subject_kind = 'thread' AND t.id = p.subject_id LEFT JOIN people pe ON pe.id = p.author_id
				WHERE p.id = $1 AND (e.community_id = $2 OR t.community_id = $2)`,
				l.From.ID, ev.Community.ID).Scan(&o.CommentID, &o.AuthorName, &o.EntrySlug, &o.EntryTitle, &o.ThreadID, &o.ThreadKind, &o.ThreadTitle, &o.PostKind)
		}
		if err == nil {
			p.Origin = &o
		} else if !errors.Is(err, sql.ErrNoRows) {
			return p, errs.Wrap(err, "read origin")
		}
		break
	}
	out, err := links.From(ctx, s.db, "post", commentIDs)
	if err != nil || len(out) == 0 {
		return p, err
	}
	var ids []int64
	for _, l := range out {
		if l.Kind == links.Became && l.To.Kind == "entry" {
			ids = append(ids, l.To.ID)
		}
	}
	if len(ids) == 0 {
		return p, nil
	}
	args := []any{ev.Community.ID}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, slug, title FROM entries WHERE community_id = $1 AND maturity <> 'draft'
		AND id IN (`+db.Placeholders(2, len(ids))+`)`, args...)
	if err != nil {
		return p, errs.Wrap(err, "read offspring")
	}
	defer rows.Close()
	titles := map[int64]*Offspring{}
	for rows.Next() {
		var id int64
		var o Offspring
		if err := rows.Scan(&id, &o.Slug, &o.Title); err != nil {
			return p, errs.Wrap(err, "read offspring")
		}
		titles[id] = &o
	}
	p.Became = map[int64]*Offspring{}
	for _, l := range out {
		if o, ok := titles[l.To.ID]; ok {
			p.Became[l.From.ID] = o
		}
	}
	return p, errs.Wrap(rows.Err(), "read offspring")
}

// QuoteComment is a comment's text as the start of an entry's body.
func QuoteComment(body string) string {
	return "> " + strings.ReplaceAll(strings.TrimSpace(body), "\n", "\n> ") + "\n\n"
}
