package practice

import (
	"context"

	"hearth/internal/auth"
	"hearth/internal/errs"
	"hearth/internal/revision"
)

// HistoryPageSize is how many revisions a history page lists.
const HistoryPageSize = 50

// History returns an entry with a page of its revisions, newest first.
func (s *Service) History(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, page int) (EntryView, []revision.Revision, bool, error) {
	ev, err := s.view(ctx, a, communitySlug, entrySlug)
	if err != nil {
		return EntryView{}, nil, false, err
	}
	if page < 1 {
		page = 1
	}
	revs, err := revision.List(ctx, s.db, subject(ev.ID), HistoryPageSize+1, (page-1)*HistoryPageSize)
	if err != nil {
		return EntryView{}, nil, false, err
	}
	more := len(revs) > HistoryPageSize
	if more {
		revs = revs[:HistoryPageSize]
	}
	return ev, revs, more, nil
}

// Compare returns two revisions of an entry and their word diff.
func (s *Service) Compare(ctx context.Context, a auth.Actor, communitySlug, entrySlug string, from, to int) (EntryView, revision.Revision, revision.Revision, revision.SnapshotDiff, error) {
	ev, err := s.view(ctx, a, communitySlug, entrySlug)
	if err != nil {
		return EntryView{}, revision.Revision{}, revision.Revision{}, revision.SnapshotDiff{}, err
	}
	if from < 1 || to < 1 || from > ev.Revision || to > ev.Revision {
		return EntryView{}, revision.Revision{}, revision.Revision{}, revision.SnapshotDiff{},
			errs.NotFoundf("This entry has revisions 1 to %d.", ev.Revision)
	}
	old, err := revision.Get(ctx, s.db, subject(ev.ID), from)
	if err != nil {
		return EntryView{}, revision.Revision{}, revision.Revision{}, revision.SnapshotDiff{}, err
	}
	cur, err := revision.Get(ctx, s.db, subject(ev.ID), to)
	if err != nil {
		return EntryView{}, revision.Revision{}, revision.Revision{}, revision.SnapshotDiff{}, err
	}
	return ev, old, cur, diffEntry(old.Snapshot, cur.Snapshot), nil
}

// view returns an entry as a sees it, without counting a view.
func (s *Service) view(ctx context.Context, a auth.Actor, communitySlug, entrySlug string) (EntryView, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return EntryView{}, err
	}
	e, err := s.loadEntry(ctx, s.db, v, entrySlug)
	if err != nil {
		return EntryView{}, err
	}
	return EntryView{Entry: e, Community: v, Author: e.isAuthor(a)}, nil
}

// ForEdit returns an entry for its edit form: NotFound when a may not read
// it, Forbidden when a may read but not improve it.
func (s *Service) ForEdit(ctx context.Context, a auth.Actor, communitySlug, entrySlug string) (EntryView, error) {
	ev, err := s.view(ctx, a, communitySlug, entrySlug)
	if err != nil {
		return EntryView{}, err
	}
	if !ev.CanEdit() {
		return EntryView{}, editRefusal(ev.Community)
	}
	return ev, nil
}
