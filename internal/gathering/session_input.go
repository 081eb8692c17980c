package gathering

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/errs"
)

// Limits on a programme.
const (
	MaxSessions = 300
	MaxSpeakers = 20
	MaxRoom     = 100
	MaxTrack    = 100
	MaxGuest    = 100
)

// SessionInput is a session as the form typed it. Times are the wall clock
// of the gathering's zone. Speakers are one a line: @handle for a person of
// Hearth, a name for a guest.
type SessionInput struct {
	Title       string
	Description string
	Date        string // 2006-01-02
	StartTime   string // 15:04
	EndDate     string // optional: Date by default
	EndTime     string
	Room        string
	Track       string
	Capacity    string // "" for no limit
	Speakers    string
}

// sessionChecked is a SessionInput once valid; speakers are handles
// (without @) or guests' names, in order.
type sessionChecked struct {
	title, description, room, track string
	start, end                      time.Time
	capacity                        int
	speakers                        []speakerName
}

type speakerName struct {
	handle, guest string
}

// check validates in for a session of v's date o.
func (in SessionInput) check(v View, o Occurrence) (sessionChecked, error) {
	var val errs.Validation
	c := sessionChecked{title: strings.TrimSpace(in.Title), description: strings.TrimSpace(strings.ReplaceAll(in.Description, "\r\n", "\n")),
		room: strings.TrimSpace(in.Room), track: strings.TrimSpace(in.Track)}
	switch n := utf8.RuneCountInString(c.title); {
	case n == 0:
		val.Add("title", "Give the session a title.")
	case n > MaxTitle:
		val.Add("title", "Keep the title to 200 characters.")
	}
	val.Check(utf8.RuneCountInString(c.description) <= MaxDescription, "description", "Keep the description to 20,000 characters.")
	val.Check(utf8.RuneCountInString(c.room) <= MaxRoom, "room", "Keep the room to 100 characters.")
	val.Check(utf8.RuneCountInString(c.track) <= MaxTrack, "track", "Keep the track to 100 characters.")
	loc := v.Location()
	start, okStart := parseLocal(in.Date, in.StartTime, loc)
	if !okStart {
		val.Add("date", "Give the date and start time, such as 2026-03-17 and 09:30.")
	}
	endDate := in.EndDate
	if strings.TrimSpace(endDate) == "" {
		endDate = in.Date
	}
	end, okEnd := parseLocal(endDate, in.EndTime, loc)
	within := "The gathering runs " + o.When(v.Gathering, "").Local() + " (" + v.Zone + "): the session must fit within it."
	switch {
	case !okEnd:
		val.Add("end_time", "Give the time it ends, such as 10:30.")
	case okStart && !end.After(start):
		val.Add("end_time", "It must end after it starts.")
	case okStart && start.Before(o.Start):
		val.Add("date", within)
	case okStart && end.After(o.End):
		val.Add("end_time", within)
	}
	c.start, c.end = start.UTC(), end.UTC()
	if s := strings.TrimSpace(in.Capacity); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxCapacity {
			val.Add("capacity", "Give the number of places as a whole number from 1, or leave it empty for no limit.")
		}
		c.capacity = n
	}
	seen := map[string]bool{}
	for _, line := range strings.FieldsFunc(in.Speakers, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' }) {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "@"):
			h := strings.ToLower(strings.TrimPrefix(line, "@"))
			if h == "" || strings.ContainsAny(h, " \t") {
				val.Add("speakers", "Write a person of Hearth as @handle, alone on a line.")
			}
			if !seen["@"+h] {
				c.speakers = append(c.speakers, speakerName{handle: h})
			}
			seen["@"+h] = true
		case utf8.RuneCountInString(line) > MaxGuest:
			val.Add("speakers", "Keep each guest's name to 100 characters.")
		default:
			if !seen[line] {
				c.speakers = append(c.speakers, speakerName{guest: line})
			}
			seen[line] = true
		}
	}
	val.Check(len(c.speakers) <= MaxSpeakers, "speakers", "Name at most 20 speakers for a session.")
	return c, val.Err()
}
