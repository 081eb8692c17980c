package practice

import (
	"context"
	"slices"
	"strconv"

	"hearth/internal/errs"
)

// CommentPageSize is how many comments an entry's page shows at a time.
const CommentPageSize = 50

// CommentsAt says which page of an entry's comments to read: the comments
// just Before or just After the comment with that id, or the page that
// holds the comment Around (for a link to it); when none is set, or the
// comment is not the entry's, the newest page. Pages are cut by comment
// (keyset), so a page does not shift when comments are added.
type CommentsAt struct {
	Before, After, Around int64
}

// CommentPage is one page of an entry's comments, oldest first.
type CommentPage struct {
	Comments []Comment
	Total    int   // comments on the entry, on every page
	Older    int64 // when older comments exist: read them Before this id
	Newer    int64 // when newer comments exist: read them After this id
}

// commentOrder orders an entry's comments, as the index comments_entry does.
const commentOrder = `(c.created_at, c.id)`

// commentKey is the place in commentOrder of the comment whose id is $2.
const commentKey = `(SELECT k.created_at, k.id FROM comments k WHERE k.id = $2)`

// Comments returns a page of an entry's comments, oldest first. A hidden
// comment's text is shown only to the community's moderators and its author.
func (s *Service) Comments(ctx context.Context, ev EntryView, at CommentsAt) (CommentPage, error) {
	var page CommentPage
	cursor, where, desc := int64(0), "", true
	switch {
	case at.Before != 0:
		cursor, where = at.Before, commentOrder+" < "+commentKey
	case at.After != 0:
		cursor, where, desc = at.After, commentOrder+" > "+commentKey, false
	case at.Around != 0:
		cursor, where, desc = at.Around, commentOrder+" >= "+commentKey, false
	}
	if cursor != 0 {
		ok, err := s.commentOf(ctx, ev.ID, cursor)
		if err != nil {
			return page, err
		}
		if !ok { // deleted, or another entry's: the newest page
			at, cursor, where, desc = CommentsAt{}, 0, "", true
		}
	}
	list, total, err := s.commentRows(ctx, ev, cursor, where, desc)
	if err != nil {
		return page, err
	}
	page.Total = total
	if len(list) == 0 && cursor != 0 { // no row told the total
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM comments WHERE entry_id = $1", ev.ID).Scan(&page.Total); err != nil {
			return page, errs.Wrap(err, "count comments")
		}
	}
	more := len(list) > CommentPageSize
	if more {
		list = list[:CommentPageSize]
	}
	if desc {
		slices.Reverse(list)
	}
	if at.Around != 0 && !more {
		// The comment is among the newest: show the newest page, the one an
		// entry's address shows.
		return s.Comments(ctx, ev, CommentsAt{})
	}
	page.Comments = list
	if len(list) == 0 {
		return page, nil
	}
	first, last := list[0].ID, list[len(list)-1].ID
	switch {
	case at.Before != 0:
		page.Newer = last
		if more {
			page.Older = first
		}
	case at.After != 0:
		page.Older = first
		if more {
			page.Newer = last
		}
	case at.Around != 0:
		page.Newer = last // more is true: see above
		var older int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments c WHERE c.entry_id = $1 AND `+commentOrder+` < `+commentKey,
			ev.ID, first).Scan(&older); err != nil {
			return page, errs.Wrap(err, "count comments")
		}
		if older > 0 {
			page.Older = first
		}
	default:
		if more {
			page.Older = first
		}
	}
	return page, nil
}

// commentOf reports whether comment id is on entry entryID.
func (s *Service) commentOf(ctx context.Context, entryID, id int64) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM comments WHERE id = $1 AND entry_id = $2", id, entryID).Scan(&n)
	return n > 0, errs.Wrap(err, "find comment")
}

// commentRows reads up to CommentPageSize+1 comments of the entry after (or,
// when desc, before) the cursor, as where says, in that direction, and how
// many comments the entry has (0 when it read none).
func (s *Service) commentRows(ctx context.Context, ev EntryView, cursor int64, where string, desc bool) ([]Comment, int, error) {
	args := []any{ev.ID}
	if where != "" {
		where = " AND " + where
		args = append(args, cursor)
	}
	order := " ORDER BY c.created_at, c.id"
	if desc {
		order = " ORDER BY c.created_at DESC, c.id DESC"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, COALESCE(c.author_id, 0), COALESCE(p.handle, ''), COALESCE(p.name, 'A former member'),
		c.body, c.body_html, c.render_version, c.created_at, c.updated_at, c.hidden_at IS NOT NULL,
		(SELECT COUNT(*) FROM comments n WHERE n.entry_id = $1)
		FROM comments c LEFT JOIN people p ON p.id = c.author_id WHERE c.entry_id = $1`+where+order+` LIMIT `+strconv.Itoa(CommentPageSize+1), args...)
	if err != nil {
		return nil, 0, errs.Wrap(err, "list comments")
	}
	defer rows.Close()
	var out []Comment
	var total int
	me := ev.Community.Actor.PersonID
	for rows.Next() {
		var c Comment
		var h storedHTML
		if err := rows.Scan(&c.ID, &c.AuthorID, &c.AuthorHandle, &c.AuthorName, &c.Body, &h.HTML, &h.Version, &c.CreatedAt, &c.UpdatedAt, &c.Hidden,
			&total); err != nil {
			return nil, 0, errs.Wrap(err, "list comments")
		}
		c.Mine = me != 0 && c.AuthorID == me
		if c.Hidden && !c.Mine && !ev.Community.IsModerator() {
			c.Body = ""
		} else {
			c.HTML = s.html(c.Body, h)
		}
		out = append(out, c)
	}
	return out, total, errs.Wrap(rows.Err(), "list comments")
}
