package gathering

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/errs"
)

// Limits on what people type.
const (
	MaxTitle       = 200
	MaxDescription = 20_000
	MaxPlace       = 300
	MaxURL         = 1000
	MaxCapacity    = 100_000
	MaxHosts       = 10
	MaxMinutes     = 14 * 24 * 60 // a gathering lasts at most two weeks
)

// Input is a gathering as the form typed it. Times are the wall clock of Zone.
type Input struct {
	Title       string
	Description string
	Zone        string
	Date        string // 2006-01-02
	StartTime   string // 15:04
	EndDate     string // optional: Date by default
	EndTime     string
	OnlineURL   string
	Place       string
	Capacity    string // "" for no limit
	Hosts       string // handles, comma-separated; "" for the one scheduling
	Repeat      RepeatInput
}

// RepeatInput is the repetition part of the form, as typed.
type RepeatInput struct {
	Freq     string
	Interval string
	Days     []string // weekday numbers, 0 Sunday
	Nth      string
	Weekday  string
	Day      string
	Ends     string // "until" or "count"
	Until    string // 2006-01-02
	Count    string
}

// checked is an Input once valid.
type checked struct {
	title, description, zone, onlineURL, place string
	start                                      time.Time // in zone
	minutes, capacity                          int
	hosts                                      []string
	repeat                                     Repeat
}

func (in Input) check() (checked, error) {
	var v errs.Validation
	c := checked{title: strings.TrimSpace(in.Title), description: strings.TrimSpace(strings.ReplaceAll(in.Description, "\r\n", "\n")),
		zone: strings.TrimSpace(in.Zone), onlineURL: strings.TrimSpace(in.OnlineURL), place: strings.TrimSpace(in.Place)}
	switch n := utf8.RuneCountInString(c.title); {
	case n == 0:
		v.Add("title", "Give the gathering a title.")
	case n > MaxTitle:
		v.Add("title", "Keep the title to 200 characters.")
	}
	v.Check(utf8.RuneCountInString(c.description) <= MaxDescription, "description", "Keep the description to 20,000 characters.")
	if !ValidZone(c.zone) {
		v.Add("zone", "Choose a time zone by its name, such as Europe/Paris or America/New_York.")
	}
	checkPlace(&v, c.onlineURL, c.place)
	loc := loadZone(c.zone)
	start, okStart := parseLocal(in.Date, in.StartTime, loc)
	if !okStart {
		v.Add("date", "Give the date and start time, such as 2026-03-17 and 18:00.")
	}
	endDate := in.EndDate
	if strings.TrimSpace(endDate) == "" {
		endDate = in.Date
	}
	end, okEnd := parseLocal(endDate, in.EndTime, loc)
	switch {
	case !okEnd:
		v.Add("end_time", "Give the time it ends, such as 20:00.")
	case okStart && !end.After(start):
		v.Add("end_time", "It must end after it starts.")
	case okStart && end.Sub(start) > MaxMinutes*time.Minute:
		v.Add("end_time", "A gathering lasts at most two weeks.")
	}
	c.start, c.minutes = start, int(end.Sub(start)/time.Minute)
	if s := strings.TrimSpace(in.Capacity); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxCapacity {
			v.Add("capacity", "Give the number of places as a whole number from 1, or leave it empty for no limit.")
		}
		c.capacity = n
	}
	for _, h := range strings.Split(in.Hosts, ",") {
		if h = strings.TrimPrefix(strings.TrimSpace(h), "@"); h != "" {
			c.hosts = append(c.hosts, strings.ToLower(h))
		}
	}
	v.Check(len(c.hosts) <= MaxHosts, "hosts", "Name at most 10 hosts.")
	r, ok := in.Repeat.parse(&v, loc)
	if ok {
		r.check(&v)
		if r.Freq == Weekly && okStart && len(r.Days) > 0 && !containsDay(r.Days, start.Weekday()) {
			v.Add("days", "Include the first date's own weekday ("+start.Weekday().String()+"), or start on one of the days chosen.")
		}
		if r.Freq != Once && okStart && !r.Until.IsZero() && r.Until.Before(time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)) {
			v.Add("until", "The series must end after its first date.")
		}
	}
	c.repeat = r
	return c, v.Err()
}

// checkPlace checks an online link (https only) and a place: at least one.
func checkPlace(v *errs.Validation, link, place string) {
	if link != "" {
		u, err := url.Parse(link)
		switch {
		case err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil:
			v.Add("online_url", "Give the online link as a full https:// address.")
		case len(link) > MaxURL:
			v.Add("online_url", "Keep the link to 1,000 characters.")
		}
	}
	v.Check(utf8.RuneCountInString(place) <= MaxPlace, "place", "Keep the place to 300 characters.")
	v.Check(link != "" || place != "", "place", "Say where it happens: a place, an online link, or both.")
}

func containsDay(days []time.Weekday, d time.Weekday) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}

// parseLocal reads a date and a time of day on loc's wall clock.
func parseLocal(date, clock string, loc *time.Location) (time.Time, bool) {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(date))
	if err != nil {
		return time.Time{}, false
	}
	t, err := time.Parse("15:04", strings.TrimSpace(clock))
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), 0, 0, loc), true
}

// parse reads the repetition as typed; ok false when it could not.
func (ri RepeatInput) parse(v *errs.Validation, loc *time.Location) (Repeat, bool) {
	r := Repeat{Freq: ri.Freq}
	if r.Freq == Once {
		return r, true
	}
	atoi := func(s, field, msg string) int {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			v.Add(field, msg)
		}
		return n
	}
	r.Interval = 1
	if strings.TrimSpace(ri.Interval) != "" {
		r.Interval = atoi(ri.Interval, "interval", "Repeat every 1 to 12 weeks or months.")
	}
	switch r.Freq {
	case Weekly:
		for _, d := range ri.Days {
			n, err := strconv.Atoi(d)
			if err != nil || n < 0 || n > 6 {
				v.Add("days", "Choose days of the week.")
				break
			}
			if !containsDay(r.Days, time.Weekday(n)) {
				r.Days = append(r.Days, time.Weekday(n))
			}
		}
	case MonthlyWeekday:
		r.Nth = atoi(ri.Nth, "nth", "Choose the first, second, third, fourth or last.")
		if n := atoi(ri.Weekday, "weekday", "Choose a day of the week."); n >= 0 && n <= 6 {
			r.Weekday = time.Weekday(n)
		} else {
			v.Add("weekday", "Choose a day of the week.")
		}
	case MonthlyDay:
		r.Day = atoi(ri.Day, "month_day", "Choose a day of the month from 1 to 31.")
	}
	switch ri.Ends {
	case "until":
		d, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(ri.Until), loc)
		if err != nil {
			v.Add("until", "Give the last date, such as 2026-12-15.")
			return r, false
		}
		r.Until = d
	case "count":
		r.Count = atoi(ri.Count, "count", "Give the number of times as a whole number.")
		if r.Count < 1 {
			v.Add("count", "Give the number of times, at least 1.")
			return r, false
		}
	default:
		v.Add("ends", "Say when the series ends: on a date, or after a number of times.")
		return r, false
	}
	return r, !v.Has("interval") && !v.Has("days") && !v.Has("nth") && !v.Has("weekday") && !v.Has("month_day") && !v.Has("count")
}
