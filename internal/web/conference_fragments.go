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
// takes it from the fragment cache, joined: one value for the template to
// print, not one escaper call (by reflection) a card. The joined page is
// kept too, under a hash of its cards' keys (each of everything its card
// shows): a page read again costs its keys, not 25 lookups and a copy.
// The key is returned for the page's content's own (conference_content.go).
func (s *Server) sessionCardsHTML(cards []sessionCard) (template.HTML, uint64, error) {
	keys := make([]uint64, len(cards))
	var h maphash.Hash
	h.SetSeed(s.fragments.seed)
	h.WriteString("sessions\x00")
	for i := range cards {
		keys[i] = s.fragments.sessionKey(cards[i])
		maphash.WriteComparable(&h, keys[i])
	}
	t := s.pages.sets["gatherings/programme"]
	var buf bytes.Buffer
	key := h.Sum64()
	html, err := s.fragments.fragment(key, &buf, func(w io.Writer) error {
		var card bytes.Buffer
		for i := range cards {
			html, err := s.fragments.fragment(keys[i], &card, func(w io.Writer) error {
				return t.ExecuteTemplate(w, "session-card", cards[i])
			})
			if err != nil {
				return err
			}
			if _, err := io.WriteString(w, string(html)); err != nil {
				return err
			}
		}
		return nil
	})
	return html, key, err
}
