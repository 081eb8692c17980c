package gathering

import (
	"strings"
	"sync"
	"time"
)

// DefaultZone is the zone of a person who chose none.
const DefaultZone = "UTC"

var zones sync.Map // name -> *time.Location

// loadZone returns the named zone, UTC for "" or a name that does not load.
func loadZone(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	zones.Store(name, l)
	return l
}

// ValidZone reports whether name is an IANA time zone name ("Europe/Paris",
// "UTC"); "Local" and paths are not.
func ValidZone(name string) bool {
	if name == "" || name == "Local" || strings.Contains(name, "..") || strings.HasPrefix(name, "/") || len(name) > 64 {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// When is a span of time in the gathering's zone and the viewer's.
type When struct {
	Start, End time.Time // in the gathering's zone
	Zone       string
	ViewerZone string
	viewer     *time.Location
}

// NewWhen places start and end in zone, for a viewer in viewerZone ("": the
// default zone).
func NewWhen(start, end time.Time, zone, viewerZone string) When {
	if viewerZone == "" {
		viewerZone = DefaultZone
	}
	loc := loadZone(zone)
	return When{Start: start.In(loc), End: end.In(loc), Zone: zone, ViewerZone: viewerZone, viewer: loadZone(viewerZone)}
}

// Differs reports whether the viewer's clock shows other times than the
// gathering's (another offset at that moment).
func (w When) Differs() bool {
	_, a := w.Start.Zone()
	_, b := w.Start.In(w.viewer).Zone()
	return a != b
}

// Local is the start and end on the gathering's clock: "Tue 17 Mar 2026, 18:00–20:00".
func (w When) Local() string { return span(w.Start, w.End) }

// Yours is the same on the viewer's clock.
func (w When) Yours() string { return span(w.Start.In(w.viewer), w.End.In(w.viewer)) }

// ISOStart is the start for a <time datetime>.
func (w When) ISOStart() string { return w.Start.Format(time.RFC3339) }

// Past reports whether the span has ended by now.
func (w When) Past(now time.Time) bool { return !w.End.After(now) }

func span(a, b time.Time) string {
	s := a.Format("Mon 2 Jan 2006, 15:04")
	if a.Year() == b.Year() && a.YearDay() == b.YearDay() {
		return s + "–" + b.Format("15:04")
	}
	return s + " – " + b.Format("Mon 2 Jan 2006, 15:04")
}
