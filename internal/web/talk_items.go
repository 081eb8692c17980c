package web

import (
	"html/template"

	"hearth/internal/conversation"
)

// A thread's page shows up to a page of replies and a hundred answers, each
// with what the reader may do with it. Those decisions are made here, once
// per page and post, so that the template reads plain fields instead of
// calling methods on the thread for every post (html/template calls them
// through reflection, which cost most of the page).

// postCtx is what every post of a thread's page shares.
type postCtx struct {
	URL         string // the thread's address
	Slug        string // its community's
	ThreadID    int64
	CanReply    bool // quote it into a reply
	CanEdit     bool // its author may edit and delete it now
	CanModerate bool
	CanVote     bool
	CanAccept   bool
}

// postItem is one post of a thread's page.
type postItem struct {
	P          conversation.Post
	C          *postCtx
	Answer     bool
	Score      int
	Voted      bool
	CanPromote bool
	Became     *conversation.Lesson
	Body       template.HTML // the post-body fragment, rendered (see postBodies)
	Tools      bool          // the reader has something to do with it, or to see of it (post-tools)
	ToolsHTML  template.HTML // post-tools, rendered when Tools (see postBodies)
}

func newPostCtx(t conversation.ThreadView) *postCtx {
	return &postCtx{URL: t.URL(), Slug: t.Community.Slug, ThreadID: t.ID, CanReply: t.CanReply(),
		CanEdit: t.Community.CanTalk() && t.TakesReplies(), CanModerate: t.CanModerate(), CanVote: t.CanVote(), CanAccept: t.CanAccept()}
}

func postItems(t conversation.ThreadView, c *postCtx, list []conversation.Post, lessons conversation.Lessons) []postItem {
	out := make([]postItem, len(list))
	for i, p := range list {
		out[i] = postItem{P: p, C: c, Answer: p.Kind == "answer", CanPromote: t.CanPromotePost(p), Became: lessons.Of("post", p.ID)}
		out[i].Tools = out[i].hasTools()
	}
	return out
}

func answerItems(t conversation.ThreadView, c *postCtx, list []conversation.Answer, lessons conversation.Lessons) []postItem {
	out := make([]postItem, len(list))
	for i, a := range list {
		out[i] = postItem{P: a.Post, C: c, Answer: true, Score: a.Score, Voted: a.Voted, CanPromote: t.CanPromotePost(a.Post),
			Became: lessons.Of("post", a.ID)}
		out[i].Tools = out[i].hasTools()
	}
	return out
}

// hasTools says whether post-tools shows anything of the item: what it
// became in the library, or something the reader may do with it.
func (it postItem) hasTools() bool {
	if it.P.Removed {
		return false
	}
	return it.Became != nil || it.CanPromote || (it.P.Mine && it.C.CanEdit) || (it.C.CanReply && it.P.Body != "") || it.C.CanModerate
}
