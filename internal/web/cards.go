package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"

	"hearth/internal/community"
)

// cardKey hashes everything the community-card partial shows of l, and the
// reader's standing that decides its badges and buttons.
func (c *fragmentCache) cardKey(l community.Listing) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	v := l.View
	for _, s := range []string{strconv.FormatInt(v.ID, 10), v.Slug, v.Name, v.Purpose, string(v.Stage), string(v.Visibility),
		string(v.JoinPolicy), string(v.Status), strconv.Itoa(v.MemberCount), strconv.Itoa(l.Departments),
		string(v.Mine.Role), string(v.Mine.Status), string(l.Theirs), strconv.FormatBool(v.CanJoin()), strconv.FormatBool(v.CanRequest())} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for _, t := range v.Tags {
		h.WriteString(t)
		h.WriteByte(1)
	}
	return h.Sum64()
}

// headerKey hashes everything the community-header partial shows for l.
func (c *fragmentCache) headerKey(l *Layout) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	v := l.Community
	h.WriteString("header\x00")
	for _, s := range []string{v.Slug, v.Name, string(v.Stage), string(v.Visibility), string(v.Status), strconv.Itoa(v.MemberCount),
		strconv.Itoa(v.EntryCount), strconv.Itoa(v.ThreadCount), l.Tab, strconv.FormatBool(l.OwnH1), strconv.FormatBool(v.CanRead()), strconv.FormatBool(v.CanSeeMembers()), strconv.FormatBool(v.CanEditCharter() || v.CanArchive())} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for _, cr := range l.Crumbs {
		h.WriteString(cr.Label)
		h.WriteByte(1)
		h.WriteString(cr.URL)
		h.WriteByte(1)
	}
	return h.Sum64()
}

// communityHeader renders the header of a community's pages (its name,
// badges and tabs), reusing the rendering while nothing it shows changed.
func (s *Server) communityHeader(t *template.Template, l *Layout) (template.HTML, error) {
	var buf bytes.Buffer
	return s.fragments.fragment(s.fragments.headerKey(l), &buf, func(w io.Writer) error {
		return t.ExecuteTemplate(w, "community-header", l)
	})
}

// communityCards renders the community-card partial of each listing,
// reusing the cached rendering of a card that has not changed. The directory
// is Hearth's busiest page, and its cards are most of its work.
func (s *Server) communityCards(list []community.Listing) ([]template.HTML, error) {
	t := s.pages.sets["community/directory"]
	out := make([]template.HTML, len(list))
	var buf bytes.Buffer
	for i, l := range list {
		h, err := s.fragments.fragment(s.fragments.cardKey(l), &buf, func(w io.Writer) error {
			return t.ExecuteTemplate(w, "community-card", l)
		})
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}
