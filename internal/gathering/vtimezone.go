package gathering

import (
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"
)

// addZone adds a VTIMEZONE for zone to cal (once), with the observance in
// force a year before the first date and every transition from then until
// a year after the last, each as its own STANDARD or DAYLIGHT part (RFC
// 5545 allows listing them: no rule of our own to get wrong).
func addZone(cal *ics.Calendar, zone string, loc *time.Location, first time.Time, occ []Occurrence) {
	for _, tz := range cal.Timezones() {
		if id := tz.GetProperty(ics.ComponentPropertyTzid); id != nil && id.Value == zone {
			return
		}
	}
	last := first
	for _, o := range occ {
		if o.End.After(last) {
			last = o.End
		}
	}
	from, to := first.AddDate(-1, 0, 0).In(loc), last.AddDate(1, 0, 0).In(loc)
	tz := cal.AddTimezone(zone)
	observe := func(at time.Time, before, after time.Time) {
		name, offTo := after.Zone()
		_, offFrom := before.Zone()
		var c *ics.ComponentBase
		if after.IsDST() {
			d := &ics.Daylight{}
			tz.Components = append(tz.Components, d)
			c = &d.ComponentBase
		} else {
			s := &ics.Standard{}
			tz.Components = append(tz.Components, s)
			c = &s.ComponentBase
		}
		// DTSTART is the local time, on the clock in force before the change.
		c.SetProperty(ics.ComponentPropertyDtStart, at.In(time.FixedZone("", offFrom)).Format("20060102T150405"))
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), offset(offFrom))
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), offset(offTo))
		c.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	}
	observe(from, from, from)
	for t := from; t.Before(to); {
		next := t.Add(24 * time.Hour)
		if _, a := t.Zone(); func() bool { _, b := next.Zone(); return a != b }() {
			// Find the exact second of the change between t and next.
			lo, hi := t, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if _, m := mid.Zone(); m == a {
					lo = mid
				} else {
					hi = mid
				}
			}
			observe(hi, lo, hi)
		}
		t = next
	}
}

// offset is a UTC offset as iCalendar writes it: +0100, -0500.
func offset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	return fmt.Sprintf("%c%02d%02d", sign, seconds/3600, seconds/60%60)
}
