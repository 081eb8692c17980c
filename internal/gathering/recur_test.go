package gathering

import (
	"testing"
	"time"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Weekly across the spring and autumn changes keeps 18:00 local: the UTC
// hour moves with the offset.
func TestExpandKeepsWallClockAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		zone        string
		start       time.Time // a local date and time
		summer      int       // UTC hour of 18:00 local in summer
		winter      int
		changeAfter int // occurrences before the spring change
	}{
		{"Europe/Paris", time.Date(2026, 3, 17, 18, 0, 0, 0, time.UTC), 16, 17, 2},     // change on 29 March
		{"America/New_York", time.Date(2026, 2, 24, 18, 0, 0, 0, time.UTC), 22, 23, 2}, // change on 8 March
	} {
		t.Run(tc.zone, func(t *testing.T) {
			loc := zone(t, tc.zone)
			start := time.Date(tc.start.Year(), tc.start.Month(), tc.start.Day(), 18, 0, 0, 0, loc)
			r := Repeat{Freq: Weekly, Interval: 1, Count: 40}
			starts, err := Expand(r.RRule(start), start)
			if err != nil {
				t.Fatal(err)
			}
			if len(starts) != 40 {
				t.Fatalf("%d occurrences, want 40", len(starts))
			}
			sawWinter, sawSummer := false, false
			for i, s := range starts {
				local := s.In(loc)
				if local.Hour() != 18 || local.Minute() != 0 || local.Weekday() != start.Weekday() {
					t.Errorf("occurrence %d at %v local, want 18:00 on %v", i, local, start.Weekday())
				}
				switch s.Hour() {
				case tc.winter:
					sawWinter = true
					if i >= tc.changeAfter && i < 30 {
						t.Errorf("occurrence %d (%v) still on winter time", i, s)
					}
				case tc.summer:
					sawSummer = true
				default:
					t.Errorf("occurrence %d at %v UTC", i, s)
				}
			}
			if !sawWinter || !sawSummer {
				t.Errorf("expected both offsets, winter %v summer %v", sawWinter, sawSummer)
			}
			// The autumn change: the last ones are back on winter time.
			if last := starts[len(starts)-1]; last.Hour() != tc.winter {
				t.Errorf("last occurrence %v, want winter time", last)
			}
		})
	}
}

func TestExpandMonthlyRules(t *testing.T) {
	paris := zone(t, "Europe/Paris")
	start := time.Date(2026, 1, 1, 19, 30, 0, 0, paris) // a Thursday
	first := Repeat{Freq: MonthlyWeekday, Interval: 1, Nth: 1, Weekday: time.Thursday, Count: 12}
	starts, err := Expand(first.RRule(start), start)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range starts {
		l := s.In(paris)
		if l.Weekday() != time.Thursday || l.Day() > 7 || l.Hour() != 19 || l.Minute() != 30 {
			t.Errorf("%v is not the first Thursday at 19:30", l)
		}
	}
	last := Repeat{Freq: MonthlyWeekday, Interval: 2, Nth: -1, Weekday: time.Friday, Until: time.Date(2026, 12, 31, 0, 0, 0, 0, paris)}
	starts, err = Expand(last.RRule(start), start)
	if err != nil {
		t.Fatal(err)
	}
	if len(starts) != 6 {
		t.Errorf("%d last Fridays every second month in 2026, want 6", len(starts))
	}
	for _, s := range starts {
		l := s.In(paris)
		if l.Weekday() != time.Friday || l.AddDate(0, 0, 7).Month() == l.Month() || l.Month()%2 != 1 {
			t.Errorf("%v is not the last Friday of an odd month", l)
		}
	}
	day := Repeat{Freq: MonthlyDay, Interval: 1, Day: 15, Count: 3}
	starts, err = Expand(day.RRule(start), start)
	if err != nil || len(starts) != 3 || starts[0].In(paris).Day() != 15 {
		t.Errorf("monthly on the 15th: %v %v", starts, err)
	}
	every2 := Repeat{Freq: Weekly, Interval: 2, Days: []time.Weekday{time.Tuesday, time.Thursday}, Count: 4}
	starts, err = Expand(every2.RRule(start), start)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{1, 13, 15, 27} // Thu 1 Jan, then Tue 13 and Thu 15, Tue 27
	for i, s := range starts {
		if s.In(paris).Day() != want[i] {
			t.Errorf("every second week: occurrence %d on %v, want day %d", i, s.In(paris), want[i])
		}
	}
}

func TestExpandIsBounded(t *testing.T) {
	loc := zone(t, "America/New_York")
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, loc)
	long := Repeat{Freq: Weekly, Interval: 1, Until: start.AddDate(3, 0, 0)}
	if _, err := Expand(long.RRule(start), start); err == nil {
		t.Error("a three-year series was accepted")
	}
	many := Repeat{Freq: Weekly, Interval: 1, Days: []time.Weekday{0, 1, 2, 3, 4, 5, 6}, Count: 501}
	if _, err := Expand(many.RRule(start), start); err == nil {
		t.Error("501 occurrences were accepted")
	}
	if _, err := Expand("FREQ=DAILY", start); err == nil {
		t.Error("an endless daily rule was accepted")
	}
	ok := Repeat{Freq: Weekly, Interval: 1, Days: []time.Weekday{1, 3}, Count: MaxOccurrences}
	if _, err := Expand(ok.RRule(start), start); err == nil {
		t.Error("500 occurrences over almost five years were accepted")
	}
}

func TestRepeatRoundTrip(t *testing.T) {
	loc := zone(t, "Europe/Paris")
	start := time.Date(2026, 3, 3, 18, 0, 0, 0, loc)
	for _, r := range []Repeat{
		{Freq: Weekly, Interval: 2, Days: []time.Weekday{time.Tuesday, time.Friday}, Count: 10},
		{Freq: MonthlyWeekday, Interval: 1, Nth: -1, Weekday: time.Thursday, Until: time.Date(2026, 9, 30, 0, 0, 0, 0, loc)},
		{Freq: MonthlyDay, Interval: 3, Day: 31, Count: 4},
	} {
		rule := r.RRule(start)
		back, err := ParseRepeat(rule, start)
		if err != nil {
			t.Fatalf("%s: %v", rule, err)
		}
		if back.RRule(start) != rule {
			t.Errorf("%s came back as %s", rule, back.RRule(start))
		}
		if !r.Until.IsZero() && back.Until.Format(time.DateOnly) != r.Until.Format(time.DateOnly) {
			t.Errorf("until %v came back as %v", r.Until, back.Until)
		}
	}
}
