package people

import (
	"context"
	"strconv"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
)

// MentoringOverview is what /c/{slug}/mentoring shows its reader: the
// offers, their own offer, requests and mentorships, and for stewards the
// community's open requests and every mentorship (a page at a time).
type MentoringOverview struct {
	C         community.View
	Offers    []Offer // not paused, the reader's own aside
	MyOffer   *Offer
	Requests  []MentorRequest // the reader's open ones; a steward's: everyone's
	Mine      []Mentorship    // the reader's, as mentor or mentee
	All       []Mentorship    // a steward's: the community's, newest first
	AllNextID int64           // the cursor of the stewards' next page (0: none)
}

// Mentoring returns the mentoring overview of community slug for a, a
// member: five queries (six for a steward). afterID pages the stewards'
// list of every mentorship (keyset: ids below it).
func (s *Service) Mentoring(ctx context.Context, a auth.Actor, slug string, afterID int64) (MentoringOverview, error) {
	v, err := s.mentoringView(ctx, a, slug)
	if err != nil {
		return MentoringOverview{C: v}, err
	}
	o := MentoringOverview{C: v}
	offers, err := s.offers(ctx, v.ID)
	if err != nil {
		return o, err
	}
	for i := range offers {
		switch {
		case offers[i].PersonID == a.PersonID:
			o.MyOffer = &offers[i]
		case !offers[i].Paused:
			o.Offers = append(o.Offers, offers[i])
		}
	}
	if o.Requests, err = s.openRequests(ctx, a, v); err != nil {
		return o, err
	}
	if o.Mine, err = s.mentorships(ctx, a, `m.community_id = $1 AND (m.mentor_id = $2 OR m.mentee_id = $2)
		AND m.status IN ('proposed', 'active', 'ended')`, v.ID, a.PersonID); err != nil {
		return o, err
	}
	if v.IsSteward() {
		args := []any{v.ID}
		where := "m.community_id = $1"
		if afterID > 0 {
			args = append(args, afterID)
			where += " AND m.id < $2"
		}
		if o.All, err = s.mentorships(ctx, a, where, args...); err != nil {
			return o, err
		}
		if len(o.All) > MentorshipsShown {
			o.All = o.All[:MentorshipsShown]
			o.AllNextID = o.All[MentorshipsShown-1].ID
		}
	}
	return o, nil
}

// offers lists the offers to mentor in a community, by name, with their
// topics and mentorships under way: one query.
func (s *Service) offers(ctx context.Context, communityID int64) ([]Offer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT o.person_id, p.handle, p.name, p.avatar, COALESCE(d.name, ''), o.level, o.capacity, o.note, o.paused,
			(SELECT COUNT(*) FROM mentorships m WHERE m.community_id = o.community_id AND m.mentor_id = o.person_id AND m.status = 'active'),
			COALESCE(t.tag, '')
		FROM mentor_offers o JOIN people p ON p.id = o.person_id LEFT JOIN departments d ON d.id = p.department_id
		LEFT JOIN mentor_offer_topics t ON t.community_id = o.community_id AND t.person_id = o.person_id
		WHERE o.community_id = $1 AND p.disabled_at IS NULL
		AND o.person_id IN (SELECT k.person_id FROM mentor_offers k JOIN people q ON q.id = k.person_id WHERE k.community_id = $1
			ORDER BY lower(q.name), k.person_id LIMIT `+strconv.Itoa(MentorOffersShown)+`)
		ORDER BY lower(p.name), o.person_id, t.tag`, communityID)
	if err != nil {
		return nil, errs.Wrap(err, "list offers to mentor")
	}
	defer rows.Close()
	var out []Offer
	for rows.Next() {
		var o Offer
		var tag string
		if err := rows.Scan(&o.PersonID, &o.Handle, &o.Name, &o.Avatar, &o.Department, &o.Level, &o.Capacity, &o.Note, &o.Paused, &o.Active, &tag); err != nil {
			return nil, errs.Wrap(err, "list offers to mentor")
		}
		if n := len(out); n > 0 && out[n-1].PersonID == o.PersonID {
			out[n-1].Topics = append(out[n-1].Topics, tag)
			continue
		}
		if tag != "" {
			o.Topics = []string{tag}
		}
		out = append(out, o)
	}
	return out, errs.Wrap(rows.Err(), "list offers to mentor")
}

// openRequests lists the open requests a sees in v: their own, or for a
// steward everyone's, oldest first (at most MentorshipsShown).
func (s *Service) openRequests(ctx context.Context, a auth.Actor, v community.View) ([]MentorRequest, error) {
	mine := " AND r.person_id = $2"
	args := []any{v.ID, a.PersonID}
	if v.IsSteward() {
		mine, args = "", args[:1]
	}
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.person_id, p.handle, p.name, r.topics, r.goal, r.status, r.created_at
		FROM mentor_requests r JOIN people p ON p.id = r.person_id WHERE r.community_id = $1 AND r.status = 'open'`+mine+`
		ORDER BY r.created_at, r.id LIMIT `+strconv.Itoa(MentorshipsShown), args...)
	if err != nil {
		return nil, errs.Wrap(err, "list requests")
	}
	defer rows.Close()
	var out []MentorRequest
	for rows.Next() {
		var r MentorRequest
		var topics string
		if err := rows.Scan(&r.ID, &r.PersonID, &r.Handle, &r.Name, &topics, &r.Goal, &r.Status, &r.Created); err != nil {
			return nil, errs.Wrap(err, "list requests")
		}
		r.Topics = splitList(topics)
		out = append(out, r)
	}
	return out, errs.Wrap(rows.Err(), "list requests")
}

// mentorships lists the mentorships where holds, newest first, one more
// than MentorshipsShown (to tell whether a page follows).
func (s *Service) mentorships(ctx context.Context, a auth.Actor, where string, args ...any) ([]Mentorship, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+mentorshipColumns+mentorshipFrom+` WHERE `+where+`
		ORDER BY m.id DESC LIMIT `+strconv.Itoa(MentorshipsShown+1), args...)
	if err != nil {
		return nil, errs.Wrap(err, "list mentorships")
	}
	defer rows.Close()
	var out []Mentorship
	for rows.Next() {
		m, err := scanMentorship(rows, a.PersonID)
		if err != nil {
			return nil, errs.Wrap(err, "list mentorships")
		}
		out = append(out, m)
	}
	return out, errs.Wrap(rows.Err(), "list mentorships")
}

// MentorRequestPage returns request id with the mentors suggested for it
// and the proposals waiting on it, for its asker or a steward.
func (s *Service) MentorRequestPage(ctx context.Context, a auth.Actor, slug string, id int64) (community.View, MentorRequest, []MentorMatch, []Mentorship, error) {
	v, r, list, err := s.SuggestMentors(ctx, a, slug, id)
	if errs.Is(err, errs.Forbidden) {
		err = errs.NotFoundf("There is no such request.")
	}
	if err != nil {
		return v, r, nil, nil, err
	}
	proposed, err := s.mentorships(ctx, a, "m.request_id = $1 AND m.status IN ('proposed', 'declined')", r.ID)
	return v, r, list, proposed, err
}
