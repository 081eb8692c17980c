package gathering

import (
	"context"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// FeedSize bounds the gatherings of a community calendar (the most
// recently changed first); each carries its series, not its dates.
const FeedSize = 200

// Calendar is a gathering's iCalendar file: the series (RRULE, EXDATE for
// cancelled dates) and a RECURRENCE-ID event for each date changed on its
// own, times in the gathering's zone with its VTIMEZONE.
func (s *Service) Calendar(ctx context.Context, v View, baseURL string) (string, error) {
	occ, err := s.occurrencesOf(ctx, s.db, v.ID)
	if err != nil {
		return "", err
	}
	cal := newCalendar(v.Community.Name + ": " + v.Title)
	s.addGathering(cal, v.Gathering, occ, baseURL+v.URL())
	return cal.Serialize(ics.WithNewLine("\r\n")), nil
}

// CommunityCalendar is the calendar of a community's gatherings: for
// whoever may read its content (a public community's without signing in).
func (s *Service) CommunityCalendar(ctx context.Context, a auth.Actor, slug, baseURL string) (string, error) {
	c, err := s.communities.Get(ctx, a, slug)
	if err != nil {
		return "", err
	}
	if err := mayRead(c); err != nil {
		return "", err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+gatheringColumns+` FROM gatherings g WHERE g.community_id = $1
		ORDER BY g.updated_at DESC, g.id DESC LIMIT `+strconv.Itoa(FeedSize), c.ID)
	if err != nil {
		return "", errs.Wrap(err, "read calendar")
	}
	var list []Gathering
	for rows.Next() {
		var g Gathering
		if err := s.scanGathering(rows, &g); err != nil {
			rows.Close()
			return "", errs.Wrap(err, "read calendar")
		}
		list = append(list, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", errs.Wrap(err, "read calendar")
	}
	byGathering, err := s.occurrencesOfAll(ctx, list)
	if err != nil {
		return "", err
	}
	cal := newCalendar(c.Name)
	for _, g := range list {
		s.addGathering(cal, g, byGathering[g.ID], baseURL+URL(c.Slug, g.ID))
	}
	return cal.Serialize(ics.WithNewLine("\r\n")), nil
}

// occurrencesOfAll reads the occurrences of the gatherings in one query.
func (s *Service) occurrencesOfAll(ctx context.Context, list []Gathering) (map[int64][]Occurrence, error) {
	out := map[int64][]Occurrence{}
	if len(list) == 0 {
		return out, nil
	}
	ids := make([]int64, len(list))
	for i, g := range list {
		ids[i] = g.ID
	}
	in, args := db.InIDs(1, ids)
	rows, err := s.db.QueryContext(ctx, `SELECT `+occurrenceColumns+` FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		WHERE o.gathering_id IN (`+in+`) ORDER BY o.gathering_id, o.starts_at, o.id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read calendar")
	}
	defer rows.Close()
	for rows.Next() {
		var o Occurrence
		if err := scanOccurrence(rows, &o); err != nil {
			return nil, errs.Wrap(err, "read calendar")
		}
		out[o.GatheringID] = append(out[o.GatheringID], o)
	}
	return out, errs.Wrap(rows.Err(), "read calendar")
}

func newCalendar(name string) *ics.Calendar {
	cal := ics.NewCalendarFor("Hearth")
	cal.SetProductId("-//Hearth//Gatherings//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(name)
	return cal
}

// UID is the stable identity of a gathering in calendars.
func (s *Service) UID(id int64) string {
	return "gathering-" + strconv.FormatInt(id, 10) + "@" + s.host
}

// addGathering adds g's events (and its zone, once) to cal.
func (s *Service) addGathering(cal *ics.Calendar, g Gathering, occ []Occurrence, url string) {
	loc := g.Location()
	utc := loc == time.UTC
	if !utc {
		addZone(cal, g.Zone, loc, g.Start, occ)
	}
	at := func(t time.Time) (string, []ics.PropertyParameter) {
		if utc {
			return t.UTC().Format("20060102T150405Z"), nil
		}
		return t.In(loc).Format("20060102T150405"), []ics.PropertyParameter{ics.WithTZID(g.Zone)}
	}
	set := func(e *ics.VEvent, p ics.ComponentProperty, t time.Time) {
		v, params := at(t)
		e.SetProperty(p, v, params...)
	}
	uid := s.UID(g.ID)
	base := func(e *ics.VEvent, title, place, link string) {
		e.SetDtStampTime(g.UpdatedAt.UTC())
		e.SetCreatedTime(g.CreatedAt.UTC())
		e.SetModifiedAt(g.UpdatedAt.UTC())
		e.SetSequence(g.Sequence)
		e.SetSummary(title)
		if g.Description != "" {
			e.SetDescription(g.Description)
		}
		loc := place
		if link != "" {
			loc = strings.TrimSpace(place + " " + link)
		}
		if loc != "" {
			e.SetLocation(loc)
		}
		e.SetURL(url)
		if g.Cancelled {
			e.SetStatus(ics.ObjectStatusCancelled)
		} else {
			e.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	master := ics.NewEvent(uid)
	base(master, g.Title, g.Place, g.OnlineURL)
	set(master, ics.ComponentPropertyDtStart, g.Start)
	set(master, ics.ComponentPropertyDtEnd, g.Start.Add(time.Duration(g.Minutes)*time.Minute))
	if g.Rule != "" {
		master.AddRrule(g.Rule)
	}
	var changed []Occurrence
	for _, o := range occ {
		switch {
		case o.Cancelled && !g.Cancelled && g.Rule != "":
			v, params := at(o.OriginalStart)
			master.AddExdate(v, params...)
		case o.Changed && g.Rule != "":
			changed = append(changed, o)
		case o.Changed: // a one-off changed on its own: the event is its only date
			set(master, ics.ComponentPropertyDtStart, o.Start)
			set(master, ics.ComponentPropertyDtEnd, o.End)
			master.SetSummary(o.Title)
			master.SetLocation(strings.TrimSpace(o.Place + " " + o.OnlineURL))
			if o.Cancelled {
				master.SetStatus(ics.ObjectStatusCancelled)
			}
		case o.Cancelled && g.Rule == "":
			master.SetStatus(ics.ObjectStatusCancelled)
		}
	}
	cal.AddVEvent(master)
	for _, o := range changed {
		e := ics.NewEvent(uid)
		base(e, o.Title, o.Place, o.OnlineURL)
		set(e, ics.ComponentPropertyRecurrenceId, o.OriginalStart)
		set(e, ics.ComponentPropertyDtStart, o.Start)
		set(e, ics.ComponentPropertyDtEnd, o.End)
		cal.AddVEvent(e)
	}
}
