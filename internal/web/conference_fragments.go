package web

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"io"
	"strconv"
)

// A programme page shows 25 sessions; what a session's card shows is the
// same for every reader who sees it alike (same clock, same place in it,
// same rights), so it is rendered once and reused from the fragment cache.

// sessionKey hashes everything the session-card fragment of x shows: a
// change to the session, its speakers, its places or the reader's standing
// makes a new key, on whichever instance it happened.
func (c *fragmentCache) sessionKey(x sessionCard) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("session\x00")
	for _, s := range []string{x.GURL, strconv.FormatInt(x.ID, 10), x.Title, x.Room, x.Track, x.Mine, x.ISOStart, x.Local, x.Yours,
		strconv.Itoa(x.Capacity), strconv.Itoa(x.Going), strconv.Itoa(x.Waiting),
		strconv.FormatBool(x.Full), strconv.FormatBool(x.CanTake), strconv.FormatBool(x.CanEdit)} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for _, sp := range x.Speakers {
		h.WriteString(strconv.FormatInt(sp.ID, 10))
		h.WriteByte(0)
		for _, s := range []string{sp.Handle, sp.Name, sp.Guest} {
			h.WriteString(s)
			h.WriteByte(0)
		}
	}
	h.WriteString(string(x.HTML))
	return h.Sum64()
}

// sessionCardsHTML renders each card (with the programme's templates), or
// takes it from the fragment cache.
func (s *Server) sessionCardsHTML(cards []sessionCard) ([]template.HTML, error) {
	t := s.pages.sets["gatherings/programme"]
	out := make([]template.HTML, len(cards))
	var buf bytes.Buffer
	for i := range cards {
		h, err := s.fragments.fragment(s.fragments.sessionKey(cards[i]), &buf, func(w io.Writer) error {
			return t.ExecuteTemplate(w, "session-card", cards[i])
		})
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}
