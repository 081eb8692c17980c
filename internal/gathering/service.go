// Package gathering is a community's gatherings: one-off and recurring
// events (a series from an RFC 5545 rule, expanded when saved into one row
// per occurrence, in the series' own time zone), with hosts, an online link
// and/or a place, an optional capacity and RSVPs per occurrence (going,
// maybe, not going; a waitlist past the capacity, promoted in order). One
// occurrence can be changed or cancelled on its own, or a series split from
// an occurrence on ("this and following"). Calendars are iCalendar
// (ical.go). Every permission comes from the community's policy.
package gathering

import (
	"html/template"
	"log/slog"
	"strconv"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/lru"
	"hearth/internal/markup"
	"hearth/internal/posts"
	"hearth/internal/ratelimit"
)

// SubjectKind is the activity, watch and search subject of a gathering.
const SubjectKind = "gathering"

// Service is the way in to gatherings.
type Service struct {
	db          *db.DB
	communities *community.Service
	log         *slog.Logger
	now         func() time.Time
	md          *markup.Renderer
	limits      *ratelimit.Limiter // nil: none
	host        string             // the instance's host, for iCalendar UIDs
	baseURL     string             // the instance's address, for links mailed to guests (SetLinks)
	programmes  *programmeCache
	comments    *posts.Kept
	texts       *lru.Cache[textsKey, [2]Text]
}

// NewService returns the gathering service; baseHost names the instance in
// calendar UIDs (stable across restarts).
func NewService(d *db.DB, communities *community.Service, baseHost string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	if baseHost == "" {
		baseHost = "hearth.invalid"
	}
	return &Service{db: d, communities: communities, log: log, now: db.Now, md: markup.New(), host: baseHost,
		programmes: newProgrammeCache(programmeCacheBudget), comments: posts.NewKept(commentsKeptBudget),
		texts: lru.New[textsKey, [2]Text](textsKeptBudget)}
}

// SetLimits makes scheduling count under the limit on new entries.
func (s *Service) SetLimits(l *ratelimit.Limiter) { s.limits = l }

// SetClock replaces the clock (tests).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Gathering is what a gathering's occurrences share.
type Gathering struct {
	ID          int64
	CommunityID int64
	Title       string
	Description string
	HTML        template.HTML
	Zone        string    // IANA name
	Start       time.Time // the first occurrence (UTC)
	Minutes     int
	Rule        string // RRULE value, "" for a one-off
	OnlineURL   string
	Place       string
	Capacity    int // 0: no limit
	SplitFrom   int64
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Sequence    int
	Cancelled   bool
	GuestsOpen  bool // visitors may sign up (in a public community)
	Hosts       []Person
	// ProgrammeVersion changes with every change to what its programme's
	// sessions show, but their places' counts (migration 0064).
	ProgrammeVersion int64
	// PostsVersion changes with every write to its comments and their
	// authors' names (migration 0065).
	PostsVersion int64
}

// Recurring reports whether the gathering is a series.
func (g Gathering) Recurring() bool { return g.Rule != "" }

// Location is the gathering's time zone (UTC if it no longer loads).
func (g Gathering) Location() *time.Location { return loadZone(g.Zone) }

// LocalStart is the first occurrence on the wall clock of the gathering's zone.
func (g Gathering) LocalStart() time.Time { return g.Start.In(g.Location()) }

// Repeat is the gathering's rule as the form shows it.
func (g Gathering) Repeat() Repeat {
	r, _ := ParseRepeat(g.Rule, g.LocalStart())
	return r
}

// IsHost reports whether person id hosts the gathering.
func (g Gathering) IsHost(id int64) bool {
	for _, h := range g.Hosts {
		if id != 0 && h.ID == id {
			return true
		}
	}
	return false
}

// Person is someone named on a gathering: a host, an attendee.
type Person struct {
	ID     int64
	Handle string
	Name   string
}

// Occurrence is one date of a gathering, with its own changes.
type Occurrence struct {
	ID            int64
	GatheringID   int64
	OriginalStart time.Time
	Start, End    time.Time
	Title         string // the gathering's unless changed
	OnlineURL     string
	Place         string
	Changed       bool
	Cancelled     bool // on its own, or with the whole gathering
	Going         int
	Waiting       int
	Captured      bool   // an entry was ever captured from it (migration 0065)
	TextsVersion  int64  // 0 while no agenda or notes were written; changes with each (migration 0066)
	Mine          Answer // the reader's, when read for one (Programme, Dates); never kept
}

// When is the occurrence's time in the gathering's zone and the viewer's.
func (o Occurrence) When(g Gathering, viewerZone string) When {
	return NewWhen(o.Start, o.End, g.Zone, viewerZone)
}

// View is a gathering as one actor sees it, with what they may do.
type View struct {
	Gathering
	Community community.View
}

// CanManage reports whether the actor may edit or cancel the gathering:
// the community's stewards and the gathering's hosts (still members).
func (v View) CanManage() bool {
	c := v.Community
	return c.Status == community.Active && (c.IsSteward() || (c.IsMember() && v.IsHost(c.Actor.PersonID)))
}

// CanAnswer reports whether the actor may RSVP: members of the active community.
func (v View) CanAnswer() bool {
	return v.Community.Status == community.Active && v.Community.IsMember()
}

// CanSeeAttendees reports whether the actor may see who is coming: members
// (and administrators).
func (v View) CanSeeAttendees() bool { return v.Community.IsMember() || v.Community.Actor.Admin }

// URL is the gathering's address.
func (v View) URL() string { return URL(v.Community.Slug, v.ID) }

// URL is the address of gathering id of the community with slug.
func URL(slug string, id int64) string { return ListURL(slug) + "/" + strconv.FormatInt(id, 10) }

// ListURL is the address of a community's gatherings.
func ListURL(slug string) string { return "/c/" + slug + "/gatherings" }

// OccurrenceURL is the address of one occurrence of a gathering.
func OccurrenceURL(slug string, id, occurrence int64) string {
	return URL(slug, id) + "/o/" + strconv.FormatInt(occurrence, 10)
}

var errNotFound = errs.NotFoundf("There is no such gathering, or you may not see it.")

// mayRead returns NotFound unless the actor may read the community's content.
func mayRead(v community.View) error {
	if !v.CanRead() {
		return errNotFound
	}
	return nil
}

// maySchedule says why the actor may not schedule gatherings here.
func maySchedule(v community.View) error {
	switch {
	case v.CanScheduleGathering():
		return nil
	case !v.Actor.SignedIn():
		return errs.New(errs.Unauthenticated, "Please sign in to schedule a gathering.")
	case v.Status != community.Active:
		return errs.Forbiddenf("This community is not active: it schedules no gatherings.")
	case v.IsMember():
		return errs.Forbiddenf("In this community, its stewards schedule the gatherings.")
	}
	return errs.Forbiddenf("Join the community to take part in its gatherings.")
}

// mayManage says why the actor may not change gathering v.
func mayManage(v View) error {
	switch {
	case v.CanManage():
		return nil
	case !v.Community.Actor.SignedIn():
		return errs.New(errs.Unauthenticated, "Please sign in.")
	case v.Community.Status != community.Active:
		return errs.Forbiddenf("This community is not active: its gatherings cannot change.")
	}
	return errs.Forbiddenf("Only the gathering's hosts and the community's stewards can change it.")
}

// mayAnswer says why the actor may not RSVP.
func mayAnswer(v View) error {
	switch {
	case v.CanAnswer():
		return nil
	case !v.Community.Actor.SignedIn():
		return errs.New(errs.Unauthenticated, "Please sign in to answer.")
	case v.Community.Status != community.Active:
		return errs.Forbiddenf("This community is not active.")
	}
	return errs.Forbiddenf("Join the community to come to its gatherings.")
}
