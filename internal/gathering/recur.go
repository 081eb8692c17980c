package gathering

import (
	"fmt"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"hearth/internal/errs"
)

// Bounds on a series, so that one form cannot make a runaway calendar. A
// series that should go on longer is scheduled again (a later helper may
// roll series forward with a job).
const (
	MaxOccurrences = 500
	MaxAhead       = 2 * 365 * 24 * time.Hour
)

// How a series repeats, as the friendly form offers it.
const (
	Once           = ""                // a one-off gathering
	Weekly         = "weekly"          // every N weeks on some days
	MonthlyWeekday = "monthly_weekday" // every N months on the Nth weekday (or the last)
	MonthlyDay     = "monthly_day"     // every N months on day D
)

// Repeat is a series rule as the form has it; it becomes an RFC 5545 RRULE.
type Repeat struct {
	Freq     string
	Interval int            // every N weeks or months; 1 by default
	Days     []time.Weekday // Weekly: the days (the start's own day when none)
	Nth      int            // MonthlyWeekday: 1 to 4, or -1 for the last
	Weekday  time.Weekday   // MonthlyWeekday
	Day      int            // MonthlyDay: 1 to 31
	Until    time.Time      // the last day (a date in the series' zone), or zero
	Count    int            // or the number of occurrences, or 0
}

var rWeekdays = [...]rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}

// option is the rule as rrule-go's options, from start (a local time in the
// series' zone). Until is the end of its day in that zone, as RFC 5545 asks
// (UNTIL in UTC when DTSTART has a TZID).
func (r Repeat) option(start time.Time) (*rrule.ROption, error) {
	o := &rrule.ROption{Dtstart: start, Interval: max(r.Interval, 1), Count: r.Count}
	switch r.Freq {
	case Weekly:
		o.Freq = rrule.WEEKLY
		days := r.Days
		if len(days) == 0 {
			days = []time.Weekday{start.Weekday()}
		}
		for _, d := range days {
			o.Byweekday = append(o.Byweekday, rWeekdays[d])
		}
	case MonthlyWeekday:
		o.Freq = rrule.MONTHLY
		o.Byweekday = []rrule.Weekday{rWeekdays[r.Weekday].Nth(r.Nth)}
	case MonthlyDay:
		o.Freq = rrule.MONTHLY
		o.Bymonthday = []int{r.Day}
	default:
		return nil, fmt.Errorf("no rule for %q", r.Freq)
	}
	if !r.Until.IsZero() {
		y, m, d := r.Until.Date()
		o.Until = time.Date(y, m, d, 23, 59, 59, 0, start.Location()).UTC()
	}
	return o, nil
}

// RRule is the rule's RRULE value (without DTSTART), "" for a one-off.
func (r Repeat) RRule(start time.Time) string {
	if r.Freq == Once {
		return ""
	}
	o, err := r.option(start)
	if err != nil {
		return ""
	}
	o.Dtstart = time.Time{}
	return strings.TrimPrefix(o.RRuleString(), "RRULE:")
}

// ParseRepeat reads back an RRULE value this package wrote, for the edit
// form; start is the series' first occurrence in its zone.
func ParseRepeat(rule string, start time.Time) (Repeat, error) {
	if rule == "" {
		return Repeat{}, nil
	}
	o, err := rrule.StrToROptionInLocation(rule, start.Location())
	if err != nil {
		return Repeat{}, errs.Wrap(err, "parse rule")
	}
	r := Repeat{Interval: o.Interval, Count: o.Count}
	if !o.Until.IsZero() {
		r.Until = o.Until.In(start.Location())
	}
	switch {
	case o.Freq == rrule.WEEKLY:
		r.Freq = Weekly
		for _, d := range o.Byweekday {
			r.Days = append(r.Days, weekdayOf(d))
		}
	case o.Freq == rrule.MONTHLY && len(o.Bymonthday) > 0:
		r.Freq, r.Day = MonthlyDay, o.Bymonthday[0]
	case o.Freq == rrule.MONTHLY && len(o.Byweekday) > 0:
		r.Freq, r.Weekday, r.Nth = MonthlyWeekday, weekdayOf(o.Byweekday[0]), o.Byweekday[0].N()
	default:
		return Repeat{}, errs.New(errs.Internal, "unsupported rule %q", rule)
	}
	return r, nil
}

func weekdayOf(d rrule.Weekday) time.Weekday { return time.Weekday((d.Day() + 1) % 7) }

// check reports what is wrong with the rule as the form typed it.
func (r Repeat) check(v *errs.Validation) {
	switch r.Freq {
	case Once:
		return
	case Weekly, MonthlyWeekday, MonthlyDay:
	default:
		v.Add("repeat", "Choose how it repeats.")
		return
	}
	v.Check(r.Interval >= 1 && r.Interval <= 12, "interval", "Repeat every 1 to 12 weeks or months.")
	if r.Freq == MonthlyWeekday {
		v.Check(r.Nth == -1 || (r.Nth >= 1 && r.Nth <= 4), "nth", "Choose the first, second, third, fourth or last.")
	}
	if r.Freq == MonthlyDay {
		v.Check(r.Day >= 1 && r.Day <= 31, "month_day", "Choose a day of the month from 1 to 31.")
	}
	switch {
	case r.Until.IsZero() && r.Count == 0:
		v.Add("ends", "Say when the series ends: on a date, or after a number of times.")
	case !r.Until.IsZero() && r.Count != 0:
		v.Add("ends", "Choose an end date or a number of times, not both.")
	case r.Count < 0 || r.Count > MaxOccurrences:
		v.Add("count", fmt.Sprintf("A series has at most %d occurrences.", MaxOccurrences))
	}
}

// Expand lists the starts of a series (UTC) whose first occurrence is start
// (a time in the series' zone): every start keeps its wall-clock time in
// that zone across daylight-saving changes. It refuses a rule that would
// give more than MaxOccurrences or reach past MaxAhead from start.
func Expand(rule string, start time.Time) ([]time.Time, error) {
	if rule == "" {
		return []time.Time{start.UTC()}, nil
	}
	o, err := rrule.StrToROptionInLocation(rule, start.Location())
	if err != nil {
		return nil, errs.Field("repeat", "This repetition cannot be read.")
	}
	o.Dtstart = start
	rr, err := rrule.NewRRule(*o)
	if err != nil {
		return nil, errs.Field("repeat", "This repetition cannot be read.")
	}
	limit := start.Add(MaxAhead)
	next := rr.Iterator()
	var out []time.Time
	for t, ok := next(); ok; t, ok = next() {
		if t.After(limit) {
			return nil, errs.Field("ends", "A series may reach at most two years ahead: end it sooner.")
		}
		if len(out) == MaxOccurrences {
			return nil, errs.Field("ends", fmt.Sprintf("A series has at most %d occurrences: end it sooner.", MaxOccurrences))
		}
		out = append(out, t.UTC())
	}
	if len(out) == 0 {
		return nil, errs.Field("ends", "This series has no occurrence: check its start and end.")
	}
	return out, nil
}
