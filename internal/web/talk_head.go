package web

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"

	"hearth/internal/conversation"
)

// threadHead renders the head of p's thread (its title, badges, text, what
// it became, its stories, tags and moderation log) for a visitor: the same
// for every visitor until something it shows changes, so it is kept in the
// fragment cache under a hash of all of it (headKey), and the page's
// template, which would otherwise walk it through reflection on every
// request, writes it as it is. A signed-in reader's head holds their own
// controls (watch, moderate, ask the experts, turn into an entry): ""
// for them, and the page renders it.
func (s *Server) threadHead(p *threadPage) (template.HTML, error) {
	if p.T.Community.Actor.SignedIn() {
		return "", nil
	}
	return s.fragments.fragment(s.fragments.headKey(p), &bytes.Buffer{}, func(w io.Writer) error {
		return s.pages.sets["talk/thread"].ExecuteTemplate(w, "thread-head", p)
	})
}

// headKey hashes everything the "thread-head" template shows a visitor of
// p, to the words of each relative time; a new field shown there must be
// added here (TestThreadHeadKeyChangesWithWhatTheHeadShows).
func (c *fragmentCache) headKey(p *threadPage) uint64 {
	t := p.T
	var h maphash.Hash
	h.SetSeed(c.seed)
	str := func(ss ...string) {
		for _, s := range ss {
			h.WriteString(s)
			h.WriteByte(0)
		}
	}
	var n [8]byte
	num := func(v int64) { h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(v))) }
	flag := func(b bool) {
		if b {
			h.WriteByte(1)
		} else {
			h.WriteByte(0)
		}
	}
	str("head", t.URL(), p.C.Slug, t.Kind, t.Title, t.AuthorHandle, t.AuthorName, ago(t.CreatedAt), string(t.HTML))
	num(t.ID)
	num(t.CreatedAt.UnixNano())
	num(t.AcceptedPostID)
	flag(t.Pinned)
	flag(t.Locked)
	flag(t.Closed)
	flag(t.CanPromote())
	flag(p.C.IsMember())
	flag(t.CanModerate())
	if o := t.Original; o != nil {
		str("original", o.URL, o.Title)
	}
	if l := p.Lessons.Of("thread", t.ID); l != nil {
		str("became", l.Slug, l.Title, l.Phrase())
	}
	num(int64(len(p.Stories)))
	for _, st := range p.Stories {
		num(st.ID)
		str(st.Title)
	}
	num(int64(len(t.Tags)))
	str(t.Tags...)
	num(int64(len(p.Log)))
	for _, a := range p.Log {
		str(a.ActorHandle, a.ActorName, conversation.LogLine(a), ago(a.CreatedAt), strconv.FormatInt(a.CreatedAt.UnixNano(), 10))
	}
	return h.Sum64()
}
