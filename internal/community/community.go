// Package community holds communities, their charters, membership and roles,
// lifecycle stages, and THE permission policy that every capability asks what
// an actor may see and do in a community.
package community

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/errs"
)

// Visibility says who may read a community.
type Visibility string

// The visibilities.
const (
	Public      Visibility = "public"      // anyone, visitors too
	Institution Visibility = "institution" // any signed-in person
	Private     Visibility = "private"     // members only
)

// JoinPolicy says how a person becomes a member.
type JoinPolicy string

// The join policies.
const (
	Open    JoinPolicy = "open"    // join at once
	Request JoinPolicy = "request" // a steward approves
	Invite  JoinPolicy = "invite"  // only by a steward's invitation
)

// Stage is a community's place in its lifecycle (Wenger, McDermott & Snyder).
type Stage string

// The lifecycle stages, in order.
const (
	Potential      Stage = "potential"
	Coalescing     Stage = "coalescing"
	Maturing       Stage = "maturing"
	Stewardship    Stage = "stewardship"
	Transformation Stage = "transformation"
)

// Stages lists the lifecycle stages in order, each with the plain words
// pages show for it (the theory's names are jargon to most people) and a
// line on it.
var Stages = []struct {
	Stage Stage
	Words string
	About string
}{
	{Potential, "Forming", "People find each other and discover common ground."},
	{Coalescing, "Getting started", "Members come together, launch and build trust."},
	{Maturing, "Growing", "The community sets its focus and grows its repertoire."},
	{Stewardship, "Established", "The community keeps its practice alive and relevant."},
	{Transformation, "Changing", "The community changes, merges or closes honourably."},
}

// Title is the stage's name in the theory: "Potential".
func (s Stage) Title() string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// Words is the stage in plain words, as pages show it: "Forming".
func (s Stage) Words() string {
	for _, st := range Stages {
		if st.Stage == s {
			return st.Words
		}
	}
	return s.Title()
}

// About is the stage's line in Stages.
func (s Stage) About() string {
	for _, st := range Stages {
		if st.Stage == s {
			return st.About
		}
	}
	return ""
}

// Status is where a community stands administratively.
type Status string

// The statuses.
const (
	Proposed Status = "proposed" // waiting for an administrator's approval
	Active   Status = "active"
	Archived Status = "archived" // read-only, still readable
	Declined Status = "declined" // a proposal an administrator declined
)

// Role is what a member does in a community.
type Role string

// The roles, from most to least responsibility.
const (
	RoleSteward   Role = "steward"
	RoleModerator Role = "moderator"
	RoleMember    Role = "member"
)

// MemberStatus says whether a membership is in force.
type MemberStatus string

// The membership statuses.
const (
	ActiveMember  MemberStatus = "active"
	PendingMember MemberStatus = "pending" // asked to join; a steward decides
	InvitedMember MemberStatus = "invited" // a steward invited; the person decides
)

// Community is a community with its charter.
type Community struct {
	ID            int64
	Slug          string
	Name          string
	Purpose       string // why the community exists
	Scope         string // what is in and out
	KeyQuestions  string // the questions it explores
	WhoShouldJoin string
	Visibility    Visibility
	JoinPolicy    JoinPolicy
	Stage         Stage
	Status        Status
	Tags          []string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	ArchivedAt    *time.Time
	MemberCount   int
	Practice      PracticeSettings
	Schedulers    string // who schedules gatherings: "stewards" (the default) or "members"
}

// Archived reports whether the community is read-only.
func (c Community) Archived() bool { return c.Status == Archived }

// Charter is what a steward writes and edits.
type Charter struct {
	Name          string
	Slug          string // optional on creation: derived from Name
	Purpose       string
	Scope         string
	KeyQuestions  string
	WhoShouldJoin string
	Tags          string // comma-separated, as typed
	Visibility    Visibility
	JoinPolicy    JoinPolicy
}

// Limits on charter fields, in characters.
const (
	maxName     = 80
	maxCharter  = 4000
	maxWhoJoins = 2000
	maxTags     = 10
	maxTagLen   = 32
)

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$`)
	tagPattern  = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} +#.-]*$`)
	nonSlug     = regexp.MustCompile(`[^a-z0-9]+`)
)

// reservedSlugs would shadow a page of the site.
var reservedSlugs = map[string]bool{"new": true, "admin": true, "api": true, "static": true}

// Slugify derives a URL slug from a name.
func Slugify(name string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(s) > 48 {
		s = strings.TrimRight(s[:48], "-")
	}
	return s
}

// normalize trims the charter and derives the slug when none was given.
func (ch *Charter) normalize() {
	for _, p := range []*string{&ch.Name, &ch.Slug, &ch.Purpose, &ch.Scope, &ch.KeyQuestions, &ch.WhoShouldJoin, &ch.Tags} {
		*p = strings.TrimSpace(strings.ReplaceAll(*p, "\r\n", "\n"))
	}
	ch.Slug = strings.ToLower(ch.Slug)
	if ch.Slug == "" {
		ch.Slug = Slugify(ch.Name)
	}
}

// validate checks every field and returns the parsed tags.
func (ch Charter) validate() ([]string, error) {
	var v errs.Validation
	v.Check(ch.Name != "", "name", "Give the community a name.")
	v.Check(utf8.RuneCountInString(ch.Name) <= maxName, "name", "Keep the name to 80 characters.")
	v.Check(slugPattern.MatchString(ch.Slug), "slug", "The web address is lower-case letters, digits and dashes (up to 48).")
	v.Check(!reservedSlugs[ch.Slug], "slug", "This web address is reserved. Choose another.")
	v.Check(ch.Purpose != "", "purpose", "Say in a sentence or two why this community exists.")
	for field, text := range map[string]string{"purpose": ch.Purpose, "scope": ch.Scope, "key_questions": ch.KeyQuestions} {
		v.Check(utf8.RuneCountInString(text) <= maxCharter, field, "Keep this to 4,000 characters.")
	}
	v.Check(utf8.RuneCountInString(ch.WhoShouldJoin) <= maxWhoJoins, "who_should_join", "Keep this to 2,000 characters.")
	v.Check(ch.Visibility == Public || ch.Visibility == Institution || ch.Visibility == Private, "visibility", "Choose who can see the community.")
	v.Check(ch.JoinPolicy == Open || ch.JoinPolicy == Request || ch.JoinPolicy == Invite, "join_policy", "Choose how people join.")
	tags, msg := ParseTags(ch.Tags)
	if msg != "" {
		v.Add("tags", msg)
	}
	return tags, v.Err()
}

// ParseTags splits comma-separated tags, lower-cases and de-duplicates them,
// and returns a message for a person when they break the limits.
func ParseTags(s string) ([]string, string) {
	var tags []string
	seen := map[string]bool{}
	for _, t := range strings.Split(s, ",") {
		t = strings.Join(strings.Fields(strings.ToLower(t)), " ")
		if t == "" || seen[t] {
			continue
		}
		if utf8.RuneCountInString(t) > maxTagLen || !tagPattern.MatchString(t) {
			return nil, "Each tag is up to 32 letters, digits, spaces or - + # . characters."
		}
		seen[t] = true
		tags = append(tags, t)
	}
	if len(tags) > maxTags {
		return nil, "Use at most 10 tags."
	}
	return tags, ""
}

// CharterOf returns the editable charter of c.
func CharterOf(c Community) Charter {
	return Charter{Name: c.Name, Slug: c.Slug, Purpose: c.Purpose, Scope: c.Scope, KeyQuestions: c.KeyQuestions,
		WhoShouldJoin: c.WhoShouldJoin, Tags: strings.Join(c.Tags, ", "), Visibility: c.Visibility, JoinPolicy: c.JoinPolicy}
}
