package practice

import (
	"context"

	"hearth/internal/markup"
	"hearth/internal/posts"
)

// An entry's comments live in the shared posts store, subject ("entry", id).

// CommentPageSize is how many comments an entry's page shows at a time.
const CommentPageSize = posts.PageSize

// Comment is a comment on an entry: a post.
type Comment = posts.Post

// CommentsAt says which page of an entry's comments to read (see posts.At).
type CommentsAt = posts.At

// CommentPage is one page of an entry's comments, oldest first.
type CommentPage struct {
	Comments []Comment
	Total    int   // comments on the entry, on every page
	Older    int64 // when older comments exist: read them Before this id
	Newer    int64 // when newer comments exist: read them After this id
}

// entrySubject is the posts subject of entry id.
func entrySubject(id int64) posts.Subject { return posts.Subject{Kind: "entry", ID: id} }

// Comments returns a page of an entry's comments, oldest first. A hidden
// comment's text is shown only to the community's moderators and its author.
func (s *Service) Comments(ctx context.Context, ev EntryView, at CommentsAt) (CommentPage, error) {
	p, err := posts.Read(ctx, s.db, entrySubject(ev.ID), at,
		posts.Viewer{PersonID: ev.Community.Actor.PersonID, Moderator: ev.Community.IsModerator()})
	if err != nil {
		return CommentPage{}, err
	}
	for i, c := range p.Posts {
		if c.Body != "" && c.RenderVersion < markup.Version {
			p.Posts[i].HTML = s.md.Render(c.Body) // stored by an older version: until RenderMissing catches up
		}
	}
	return CommentPage{Comments: p.Posts, Total: p.Total, Older: p.Older, Newer: p.Newer}, nil
}
