package gathering

import (
	"context"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

// MySchedule returns a's own schedule of conference id: the sessions they
// took a place in, or wait for, in order (at most MaxSessions).
func (s *Service) MySchedule(ctx context.Context, a auth.Actor, slug string, id int64) (View, Occurrence, []Session, error) {
	v, o, err := s.Conference(ctx, a, slug, id)
	if err != nil {
		return v, o, nil, err
	}
	if !a.SignedIn() {
		return v, o, nil, errs.New(errs.Unauthenticated, "Please sign in to see your schedule.")
	}
	list, err := s.sessions(ctx, `SELECT `+s.listColumns()+`, m.state FROM gathering_session_places m JOIN gathering_sessions s ON s.id = m.session_id
		WHERE m.person_id = $1 AND s.gathering_id = $2 ORDER BY s.starts_at, s.id`, a.PersonID, id)
	return v, o, list, err
}

// SessionUID is the stable identity of a session in calendars.
func (s *Service) SessionUID(sid int64) string {
	return "gathering-session-" + strconv.FormatInt(sid, 10) + "@" + s.host
}

// ScheduleCalendar is one's schedule of conference v as iCalendar: an
// event for each session (tentative while waiting for a place), times in
// the gathering's zone with its VTIMEZONE.
func (s *Service) ScheduleCalendar(v View, o Occurrence, list []Session, baseURL string) string {
	cal := newCalendar(v.Title + ": my schedule")
	loc := v.Location()
	utc := loc == time.UTC
	if !utc {
		addZone(cal, v.Zone, loc, o.Start, []Occurrence{o})
	}
	for _, x := range list {
		e := ics.NewEvent(s.SessionUID(x.ID))
		e.SetDtStampTime(x.UpdatedAt)
		e.SetModifiedAt(x.UpdatedAt)
		if utc {
			e.SetProperty(ics.ComponentPropertyDtStart, x.Start.UTC().Format("20060102T150405Z"))
			e.SetProperty(ics.ComponentPropertyDtEnd, x.End.UTC().Format("20060102T150405Z"))
		} else {
			e.SetProperty(ics.ComponentPropertyDtStart, x.Start.In(loc).Format("20060102T150405"), ics.WithTZID(v.Zone))
			e.SetProperty(ics.ComponentPropertyDtEnd, x.End.In(loc).Format("20060102T150405"), ics.WithTZID(v.Zone))
		}
		e.SetSummary(x.Title)
		var desc []string
		if len(x.Speakers) > 0 {
			names := make([]string, len(x.Speakers))
			for i, sp := range x.Speakers {
				names[i] = sp.Label()
			}
			desc = append(desc, "Speakers: "+strings.Join(names, ", "))
		}
		if x.Description != "" {
			desc = append(desc, x.Description)
		}
		if len(desc) > 0 {
			e.SetDescription(strings.Join(desc, "\n\n"))
		}
		where := strings.TrimSpace(strings.Join(nonEmpty(x.Room, o.Place, o.OnlineURL), ", "))
		if where != "" {
			e.SetLocation(where)
		}
		if x.Track != "" {
			e.SetProperty(ics.ComponentPropertyCategories, x.Track)
		}
		e.SetURL(baseURL + ProgrammeURL(v.Community.Slug, v.ID) + "#session-" + strconv.FormatInt(x.ID, 10))
		if x.Mine == Waitlist {
			e.SetStatus(ics.ObjectStatusTentative)
		} else {
			e.SetStatus(ics.ObjectStatusConfirmed)
		}
		cal.AddVEvent(e)
	}
	return cal.Serialize(ics.WithNewLine("\r\n"))
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
