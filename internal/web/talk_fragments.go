package web

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/conversation"
)

// A thread's page shows up to 50 replies and 100 answers. What a post's
// fragment ("post-body": its author, time, badges and text) shows is the
// same for every reader who sees the post the same way, so it is rendered
// once and reused from the fragment cache; only what the reader may do with
// it (post-tools, votes) is rendered per request.

// postKey hashes everything the post-body fragment of p shows on the thread
// at url: its text as stored (the sanitised HTML, and whether this reader is
// shown it), author, moderation, edits and time, to the words of its
// relative time. An edit, a hiding, a removal or a renamed author makes a new
// key, on whichever instance it happened.
func (c *fragmentCache) postKey(url string, p conversation.Post, ago string) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("post\x00")
	for _, s := range []string{url, strconv.FormatInt(p.ID, 10), p.AuthorHandle, p.AuthorName, strconv.FormatInt(p.CreatedAt.UnixNano(), 10), ago,
		strconv.FormatBool(p.Removed), strconv.FormatBool(p.Hidden), strconv.FormatBool(p.Edited), strconv.FormatBool(p.Body != "")} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	h.WriteString(string(p.HTML))
	return h.Sum64()
}

// toolsKey hashes everything the post-tools fragment of it shows: what the
// post became, and what the reader may do with it (the text of their own
// post, in its edit form, included). Readers who may do the same with a post
// share its fragment: a member's page renders no template per post.
func (c *fragmentCache) toolsKey(it *postItem) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("tools\x00")
	editable := it.P.Mine && it.C.CanEdit
	for _, s := range []string{it.C.URL, it.C.Slug, strconv.FormatInt(it.C.ThreadID, 10), strconv.FormatInt(it.P.ID, 10),
		strconv.FormatBool(it.CanPromote), strconv.FormatBool(editable), strconv.FormatBool(it.C.CanReply && it.P.Body != ""),
		strconv.FormatBool(it.C.CanModerate), strconv.FormatBool(it.P.Hidden)} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	if b := it.Became; b != nil {
		h.WriteString("became\x00" + b.Slug + "\x00" + b.Title + "\x00" + b.Phrase() + "\x00")
	}
	if editable {
		h.WriteString(it.P.Body)
	}
	return h.Sum64()
}

// postBodies fills in each item's rendered post-body fragment, and its
// post-tools fragment when it has tools, rendering (with t, the thread
// page's templates) only those not cached.
func (s *Server) postBodies(t *template.Template, items []postItem) error {
	var buf bytes.Buffer
	for i := range items {
		it := &items[i]
		h, err := s.fragments.fragment(s.fragments.postKey(it.C.URL, it.P, ago(it.P.CreatedAt)), &buf, func(w io.Writer) error {
			return t.ExecuteTemplate(w, "post-body", it)
		})
		if err != nil {
			return err
		}
		it.Body = h
		if !it.Tools {
			continue
		}
		if it.ToolsHTML, err = s.fragments.fragment(s.fragments.toolsKey(it), &buf, func(w io.Writer) error {
			return t.ExecuteTemplate(w, "post-tools", it)
		}); err != nil {
			return err
		}
	}
	return nil
}

// postList renders items as the items of a list of posts: each its cached
// post-body fragment, then its post-tools fragment when they hold anything;
// on the live fragment an answer is marked new. The list is written here
// rather than by a {{range}} in the template: a long thread's page is mostly
// this list, and every template action is a reflective call.
func (s *Server) postList(t *template.Template, items []postItem, live bool) (template.HTML, error) {
	if err := s.postBodies(t, items); err != nil {
		return "", err
	}
	var b strings.Builder
	size := 0
	for _, it := range items {
		size += len(it.Body) + 64
	}
	b.Grow(size)
	for i := range items {
		it := &items[i]
		b.WriteString(`<li id="post-`)
		b.WriteString(strconv.FormatInt(it.P.ID, 10))
		b.WriteByte('"')
		if it.P.Removed {
			b.WriteString(` class="removed"`)
		}
		b.WriteString(">\n    ")
		if live && it.Answer {
			b.WriteString("<p class=\"badge\">New answer</p>\n    ")
		}
		b.WriteString(string(it.Body))
		b.WriteString(string(it.ToolsHTML))
		b.WriteString("\n  </li>")
	}
	return template.HTML(b.String()), nil //nolint:gosec // fragments rendered by html/template, and a number
}

// threadReplies renders the list of replies of t's page (items, the newest
// page when newest). The newest page (the thread's own address, the page read
// most) as a visitor sees it, with nothing in any reply's tools, is the same
// for every visitor at one version of the thread's posts (which changes with
// every write to them or to their authors' names: see conversation.Replies)
// and the words of each reply's relative time: it is kept whole in the
// fragment cache under those, so that neither the replies' fragments nor
// their keys are worked out again for each visitor.
func (s *Server) threadReplies(t conversation.ThreadView, items []postItem, newest bool) (template.HTML, error) {
	tmpl := s.pages.sets["talk/thread"]
	if !newest || t.Community.Actor.SignedIn() || t.PostsVersion == 0 || slices.ContainsFunc(items, func(it postItem) bool { return it.Tools }) {
		return s.postList(tmpl, items, false)
	}
	return s.fragments.fragment(s.fragments.repliesKey(t, items), &bytes.Buffer{}, func(w io.Writer) error {
		h, err := s.postList(tmpl, items, false)
		if err == nil {
			_, err = io.WriteString(w, string(h))
		}
		return err
	})
}

// repliesKey hashes what a visitor's newest page of t's replies shows beyond
// t's posts version: the thread, and each reply's id and relative time.
func (c *fragmentCache) repliesKey(t conversation.ThreadView, items []postItem) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("replies\x00")
	h.WriteString(t.URL())
	h.WriteByte(0)
	var n [8]byte
	h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(t.PostsVersion)))
	for _, it := range items {
		h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(it.P.ID)))
		h.WriteString(ago(it.P.CreatedAt))
		h.WriteByte(0)
	}
	return h.Sum64()
}
