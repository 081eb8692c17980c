// Package stewardship gives a community's stewards the figures of its
// health: who takes part on which ring and how they move, how fast
// questions are answered and which wait, how many people carry the
// contributions, and which regulars are fading. It reads the other
// capabilities' tables (the activity log, participation, threads and
// posts, attendance) and owns only its summary tables, filled by a job
// (recount.go), so that the health page reads a few precomputed rows.
package stewardship

import (
	"log/slog"
	"slices"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/lru"
	"hearth/internal/people"
)

// Windows are the periods a steward may choose, in days; DefaultDays is
// the one shown first.
var Windows = []int{30, 90, 180, 365}

// DefaultDays is the window shown when none is chosen.
const DefaultDays = 90

// Thresholds of the figures, shown on /help/health.
const (
	AnsweredWithin = 48 * time.Hour      // a question answered in time
	UnansweredFrom = 72 * time.Hour      // a question waiting too long
	FadingAfter    = 30 * 24 * time.Hour // a regular not seen for this long
	QueueShown     = 50                  // unanswered questions listed
	ListShown      = 50                  // fading regulars and connectors on the page (their CSV has all)
	ExpertsShown   = 3                   // experts suggested per question
	FlowMonths     = 12                  // months of the rings' flow
)

// Service computes and reads the health figures.
type Service struct {
	db          *db.DB
	communities *community.Service
	people      *people.Service
	log         *slog.Logger
	now         func() time.Time
	counted     *countedInstitution                                         // the institution's last count, read once
	lists       *lru.Cache[listsKey, healthLists]                           // the health page's lists, by run and names' version (health_now.go)
	experts     *lru.Cache[expertsKey, map[int64][]people.ExpertSuggestion] // their waiting questions' experts (health_now.go)
}

// NewService returns the stewardship service over d; communities is the
// policy, people suggests experts for waiting questions.
func NewService(d *db.DB, communities *community.Service, p *people.Service, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{db: d, communities: communities, people: p, log: log, now: db.Now, counted: &countedInstitution{},
		lists: lru.New[listsKey, healthLists](listsBudget), experts: lru.New[expertsKey, map[int64][]people.ExpertSuggestion](expertsBudget)}
}

// ValidDays is days when it is one of Windows, DefaultDays otherwise.
func ValidDays(days int) int {
	if slices.Contains(Windows, days) {
		return days
	}
	return DefaultDays
}
