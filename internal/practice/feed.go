package practice

import (
	"context"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// FeedSize is how many entries a community's Atom feed carries.
const FeedSize = 30

// lastChange is the SQL twin of Entry.LastChange, over entries e.
const lastChange = `(CASE WHEN e.published_at > e.updated_at THEN e.published_at ELSE e.updated_at END)`

// LastChange is when the entry last changed for a reader: its last edit, or
// its publication when that came later (a draft written long ago and
// published today is news today).
func (e Entry) LastChange() time.Time {
	if e.PublishedAt != nil && e.PublishedAt.After(e.UpdatedAt) {
		return *e.PublishedAt
	}
	return e.UpdatedAt
}

// HasFeed reports whether community c has an Atom feed: whether it is
// public and a visitor, who has no session, may read it.
func HasFeed(c community.Community) bool {
	return c.Visibility == community.Public && community.View{Community: c}.CanRead()
}

// Feed returns the FeedSize most recently changed entries of a public
// community that are not drafts, newest first, with their bodies (and their
// HTML, as stored), people and tags, in four queries whatever their number.
// It takes no actor: a feed reader has no session, so the feed holds what a
// visitor may read, and only a public community has one. Any other community is NotFound, to members
// too.
func (s *Service) Feed(ctx context.Context, communitySlug string) (community.View, []Entry, error) {
	v, err := s.communities.Get(ctx, auth.Actor{}, communitySlug)
	if err != nil {
		return community.View{}, nil, err
	}
	if !HasFeed(v.Community) {
		return community.View{}, nil, errs.NotFoundf("This community has no public feed.")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+entryColumns+htmlColumns+` FROM entries e`+entryJoins+`
		WHERE e.community_id = $1 AND e.maturity <> 'draft' ORDER BY `+lastChange+` DESC, e.id DESC LIMIT $2`, v.ID, FeedSize)
	if err != nil {
		return v, nil, errs.Wrap(err, "read feed")
	}
	defer rows.Close()
	var list []Entry
	var ids []int64
	for rows.Next() {
		var e Entry
		var h storedHTML
		if err := scanEntry(rows, &e, h.scanned()...); err != nil {
			return v, nil, errs.Wrap(err, "read feed")
		}
		e.HTML = s.html(e.Body, h)
		list = append(list, e)
		ids = append(ids, e.ID)
	}
	if err := rows.Err(); err != nil {
		return v, nil, errs.Wrap(err, "read feed")
	}
	if err := fillPeopleAndTags(ctx, s.db, list, ids); err != nil {
		return v, nil, err
	}
	return v, list, nil
}

// fillPeopleAndTags sets the people and tags of list (whose ids are ids, in
// the same order) in two queries.
func fillPeopleAndTags(ctx context.Context, q db.Q, list []Entry, ids []int64) error {
	people, err := peopleOfMany(ctx, q, ids)
	if err != nil {
		return err
	}
	tags, err := tagsOf(ctx, q, ids)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].People, list[i].Tags = people[list[i].ID], tags[list[i].ID]
	}
	return nil
}

// peopleOfMany returns the authors and contributors of several entries in
// one query, each entry's in the order peopleOf gives.
func peopleOfMany(ctx context.Context, q db.Q, ids []int64) (map[int64][]Person, error) {
	out := map[int64][]Person{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, `SELECT ep.entry_id, p.id, p.handle, p.name, ep.role FROM entry_people ep JOIN people p ON p.id = ep.person_id
		WHERE ep.entry_id IN (`+db.Placeholders(1, len(ids))+`)
		ORDER BY ep.entry_id, CASE ep.role WHEN 'author' THEN 0 ELSE 1 END, ep.since, p.id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read entry people")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p Person
		if err := rows.Scan(&id, &p.ID, &p.Handle, &p.Name, &p.Role); err != nil {
			return nil, errs.Wrap(err, "read entry people")
		}
		out[id] = append(out[id], p)
	}
	return out, errs.Wrap(rows.Err(), "read entry people")
}
