package practice

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// EntryView is an entry as one actor sees it, with what they may do.
type EntryView struct {
	Entry
	Community community.View
	Author    bool // the actor is one of its authors
	Helped    bool // the actor marked it as helpful
	MayReview bool // the actor has the standing to review entries here (see reviewStanding)
}

func (e Entry) isAuthor(a auth.Actor) bool {
	for _, p := range e.People {
		if p.ID == a.PersonID && p.Role == "author" {
			return true
		}
	}
	return false
}

// CanEdit reports whether the actor may improve the entry.
func (v EntryView) CanEdit() bool { return v.Community.CanEditEntry(v.Author) }

// CanPublish reports whether the actor may publish a draft (or take it back).
func (v EntryView) CanPublish() bool {
	return v.Community.Status == community.Active && (v.Author || v.Community.IsSteward())
}

// CanReview reports whether the actor may confirm a published entry: a
// member who is not one of its authors and has the standing to review
// (community.View.MayReviewBy).
func (v EntryView) CanReview() bool {
	return v.Maturity == Published && v.Community.IsMember() && !v.Author && v.Community.Status == community.Active && v.MayReview
}

// CanEndorse reports whether the actor may endorse the entry as the
// community's practice: a steward who is not one of its authors (no one
// endorses their own work).
func (v EntryView) CanEndorse() bool {
	return (v.Maturity == Published || v.Maturity == Reviewed) && v.Community.CanCurate() && !v.Author
}

// CanVerify reports whether the actor may mark the entry still accurate.
func (v EntryView) CanVerify() bool {
	return v.Maturity != Draft && v.Community.IsMember() && v.Community.Status == community.Active
}

// CanComment reports whether the actor may comment now.
func (v EntryView) CanComment() bool {
	return v.CommentsOpen && v.Maturity != Draft && v.Community.IsMember() && v.Community.Status == community.Active
}

// CanCloseComments reports whether the actor may close or reopen comments.
func (v EntryView) CanCloseComments() bool {
	return (v.Author || v.Community.IsSteward()) && v.Community.Status == community.Active
}

// CanMarkHelpful reports whether the actor may say the entry helped them
// (not in an archived community, whose library is read-only).
func (v EntryView) CanMarkHelpful() bool {
	return v.Community.Actor.SignedIn() && v.Maturity != Draft && !v.Author && v.Community.Status == community.Active
}

const entryColumns = `e.id, e.community_id, e.slug, e.kind, e.title, e.summary, e.body, e.resource_url, e.source, e.maturity,
	e.revision, e.comments_open, e.review_by, e.verified_at, COALESCE(vp.name, ''), COALESCE(rp.name, ''), COALESCE(ep.name, ''),
	e.views, (SELECT COUNT(*) FROM entry_helpful h WHERE h.entry_id = e.id), e.created_at, e.updated_at, e.published_at`

const entryJoins = ` LEFT JOIN people vp ON vp.id = e.verified_by LEFT JOIN people rp ON rp.id = e.reviewed_by LEFT JOIN people ep ON ep.id = e.endorsed_by`

func scanEntry(sc interface{ Scan(...any) error }, e *Entry, extra ...any) error {
	var reviewBy, verifiedAt, publishedAt sql.NullTime
	err := sc.Scan(append([]any{&e.ID, &e.CommunityID, &e.Slug, &e.Kind, &e.Title, &e.Summary, &e.Body, &e.ResourceURL, &e.Source,
		&e.Maturity, &e.Revision, &e.CommentsOpen, &reviewBy, &verifiedAt, &e.VerifiedBy, &e.ReviewedBy, &e.EndorsedBy,
		&e.Views, &e.Helpful, &e.CreatedAt, &e.UpdatedAt, &publishedAt}, extra...)...)
	e.ReviewBy, e.VerifiedAt, e.PublishedAt = nullTime(reviewBy), nullTime(verifiedAt), nullTime(publishedAt)
	return err
}

// markStale sets Stale and StaleReason: past the review-by date, or neither
// edited nor verified for the community's period.
func (e *Entry) markStale(now time.Time, staleAfterDays int) {
	if e.Maturity == Draft {
		return
	}
	if e.ReviewBy != nil && e.ReviewBy.Before(now) {
		e.Stale, e.StaleReason = true, "Its review-by date has passed."
		return
	}
	last := e.UpdatedAt
	if e.VerifiedAt != nil && e.VerifiedAt.After(last) {
		last = *e.VerifiedAt
	}
	if last.Before(now.AddDate(0, 0, -staleAfterDays)) {
		e.Stale, e.StaleReason = true, "Nobody has edited or verified it for a long time."
	}
}

// entryTx loads an entry the actor may read, inside tx, with its people.
func (s *Service) entryTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug, entrySlug string) (community.View, Entry, error) {
	v, err := s.communities.ViewTx(ctx, tx, a, communitySlug)
	if err != nil {
		return community.View{}, Entry{}, err
	}
	e, err := s.loadEntry(ctx, tx, v, entrySlug)
	return v, e, err
}

// loadEntry reads an entry of community v with its people and tags, and
// applies the read rules: NotFound when the actor may not read it.
func (s *Service) loadEntry(ctx context.Context, q db.Q, v community.View, entrySlug string) (Entry, error) {
	if !v.CanRead() {
		return Entry{}, errEntryNotFound
	}
	var e Entry
	var h storedHTML
	err := scanEntry(q.QueryRowContext(ctx, `SELECT `+entryColumns+htmlColumns+` FROM entries e`+entryJoins+` WHERE e.community_id = $1 AND e.slug = $2`,
		v.ID, entrySlug), &e, h.scanned()...)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, errEntryNotFound
	}
	if err != nil {
		return Entry{}, errs.Wrap(err, "read entry")
	}
	if e.People, err = s.peopleOf(ctx, q, e.ID); err != nil {
		return Entry{}, err
	}
	if e.Maturity == Draft && !v.CanSeeDraft(e.isAuthor(v.Actor)) {
		return Entry{}, errEntryNotFound
	}
	tags, err := tagsOf(ctx, q, []int64{e.ID})
	if err != nil {
		return Entry{}, err
	}
	e.Tags = tags[e.ID]
	e.HTML = s.html(e.Body, h)
	e.markStale(s.now(), v.Practice.StaleAfterDays)
	return e, nil
}

func (s *Service) peopleOf(ctx context.Context, q db.Q, entryID int64) ([]Person, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.handle, p.name, ep.role FROM entry_people ep JOIN people p ON p.id = ep.person_id
		WHERE ep.entry_id = $1 ORDER BY CASE ep.role WHEN 'author' THEN 0 ELSE 1 END, ep.since`, entryID)
	if err != nil {
		return nil, errs.Wrap(err, "read entry people")
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.ID, &p.Handle, &p.Name, &p.Role); err != nil {
			return nil, errs.Wrap(err, "read entry people")
		}
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "read entry people")
}

// tagsOf returns the tags of several entries in one query.
func tagsOf(ctx context.Context, q db.Q, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, "SELECT entry_id, tag FROM entry_tags WHERE entry_id IN ("+db.Placeholders(1, len(ids))+") ORDER BY tag", args...)
	if err != nil {
		return nil, errs.Wrap(err, "read entry tags")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return nil, errs.Wrap(err, "read entry tags")
		}
		out[id] = append(out[id], tag)
	}
	return out, errs.Wrap(rows.Err(), "read entry tags")
}

// Get returns an entry as a sees it, and counts the view.
func (s *Service) Get(ctx context.Context, a auth.Actor, communitySlug, entrySlug string) (EntryView, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return EntryView{}, err
	}
	e, err := s.loadEntry(ctx, s.db, v, entrySlug)
	if err != nil {
		return EntryView{}, err
	}
	ev := EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}
	if a.SignedIn() {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM entry_helpful WHERE entry_id = $1 AND person_id = $2", e.ID, a.PersonID).Scan(&n); err != nil {
			return EntryView{}, errs.Wrap(err, "read helpful")
		}
		ev.Helped = n > 0
		if err := s.reviewStanding(ctx, s.db, &ev); err != nil {
			return EntryView{}, err
		}
	}
	if who := viewer(ctx, a); who != "" {
		s.views.add(viewKey{entry: e.ID, viewer: who, day: viewDay(s.now())})
	}
	ev.Views += s.views.pendingFor(e.ID) // gathered here, not yet written
	return ev, nil
}
