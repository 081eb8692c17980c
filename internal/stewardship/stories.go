package stewardship

import (
	"strconv"
	"time"

	"hearth/internal/community"
)

// Cycle is a cycle of Wenger-Trayner's value-creation framework, in order:
// a story goes from what someone took part in to what changed.
type Cycle int

// The cycles, as stored (value_steps.cycle).
const (
	Immediate Cycle = iota + 1
	Potential
	Applied
	Realized
	Reframing
)

// Cycles lists the cycles in order, each with the question that guides its
// step (shown as help text; none is mandatory).
var Cycles = []struct {
	Cycle    Cycle
	Question string
}{
	{Immediate, "What did you take part in, and how was it?"},
	{Potential, "What did it produce for you: an idea, a skill, a contact, a resource, confidence?"},
	{Applied, "How did you use it in your practice?"},
	{Realized, "What difference did it make, and with what evidence?"},
	{Reframing, "Did it change how you, or your organisation, define success?"},
}

// Name is the cycle's name, as a form's field prefix and in the help.
func (c Cycle) Name() string {
	switch c {
	case Immediate:
		return "immediate"
	case Potential:
		return "potential"
	case Applied:
		return "applied"
	case Realized:
		return "realized"
	case Reframing:
		return "reframing"
	}
	return ""
}

// Title is the cycle's name for people ("Applied value").
func (c Cycle) Title() string {
	switch c {
	case Immediate:
		return "Immediate value"
	case Potential:
		return "Potential value"
	case Applied:
		return "Applied value"
	case Realized:
		return "Realized value"
	case Reframing:
		return "Reframing value"
	}
	return "No value realised yet"
}

// Step statuses (value_steps.status).
const (
	Hoped    = "hoped"
	Realised = "realised"
)

// Audiences of a story, narrowest first.
const (
	AudienceCommunity   = "community"   // the community's members
	AudienceInstitution = "institution" // everyone signed in
	AudiencePublic      = "public"      // everyone
)

// Audiences lists the audiences narrowest first.
var Audiences = []string{AudienceCommunity, AudienceInstitution, AudiencePublic}

// Limits of a story.
const (
	MaxStoryTitle   = 200  // characters
	MaxStepText     = 4000 // characters
	MaxEvidence     = 5    // links per step
	MaxEvidenceURL  = 500  // characters per link
	MaxStoryLinks   = 10   // entries, threads and gatherings per story
	MaxLinkURL      = 500  // characters per linked address
	StoriesListed   = 100  // the most recent stories on the page
	FollowUpAfter   = 60 * 24 * time.Hour
	NudgeEvery      = 7 * 24 * time.Hour
	FollowUpsListed = 50
)

// Step is one step of a story.
type Step struct {
	ID                  int64
	Cycle               Cycle
	Strategic, Enabling bool
	Text                string
	Date                time.Time // zero: undated
	Evidence            []string
	Status              string
	RecordedAt          time.Time
	NudgedAt            time.Time // zero: never
}

// Realised reports whether the step's value was realised (not only hoped for).
func (s Step) Realised() bool { return s.Status == Realised }

// Linked is an entry, thread or gathering a story links to.
type Linked struct {
	Kind  string // "entry", "thread", "gathering"
	ID    int64
	Title string
	URL   string
}

// Story is a value-creation story as one reader sees it.
type Story struct {
	ID                   int64
	CommunityID          int64
	AuthorID             int64
	AuthorHandle, Author string
	Title                string
	Audience             string
	Hidden               bool
	CreatedAt, UpdatedAt time.Time
	Steps                []Step // in cycle order
	Links                []Linked
	CanEdit, CanHide     bool  // what the reader may do
	Furthest             Cycle // the furthest cycle with a realised step; 0: none
}

// StoryURL is the page of story id in community slug.
func StoryURL(slug string, id int64) string { return ValueURL(slug) + "/" + strconv.FormatInt(id, 10) }

// ValueURL is community slug's page of value-creation stories.
func ValueURL(slug string) string { return "/c/" + slug + "/value" }

// WidestAudience is the widest audience a story of a community with this
// visibility may have: a private community's stories stay in it.
func WidestAudience(vis community.Visibility) string {
	switch vis {
	case community.Public:
		return AudiencePublic
	case community.Institution:
		return AudienceInstitution
	}
	return AudienceCommunity
}

// AllowedAudiences are the audiences a story of community v may choose.
func AllowedAudiences(vis community.Visibility) []string {
	widest := WidestAudience(vis)
	for i, a := range Audiences {
		if a == widest {
			return Audiences[:i+1]
		}
	}
	return Audiences[:1]
}

// effectiveAudience is audience narrowed to what the community's visibility
// allows now (a community made private later keeps its stories in).
func effectiveAudience(audience string, vis community.Visibility) string {
	allowed := AllowedAudiences(vis)
	for _, a := range allowed {
		if a == audience {
			return a
		}
	}
	return allowed[len(allowed)-1]
}
