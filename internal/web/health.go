package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/gathering"
	"hearth/internal/stewardship"
)

// healthPage is a steward's view of the community's health.
type healthPage struct {
	Layout
	C       community.View
	H       stewardship.Health
	Windows []int
	Counted map[string]template.HTML // the parts drawn from the job's rows, by template (health_fragments.go)
	Lists   map[string]template.HTML // the queue, the fading regulars, the connectors (health_lists.go)
	Content template.HTML            // all of the above sewn together (health_content.go)
}

// keptContent: the content is kept whole (health_content.go).
func (p *healthPage) keptContent() template.HTML { return p.Content }

// healthLine is one figure next to the window before it.
type healthLine struct {
	Label, Current, Previous, Hint, Verdict string
}

// healthLines are the figures of the summary, in order, with their units.
var healthLines = []struct {
	label, figure, unit string
	scale               float64
}{
	{"Core members", stewardship.FigRing + "core", "", 1},
	{"Active members", stewardship.FigRing + "active", "", 1},
	{"Occasional members", stewardship.FigRing + "occasional", "", 1},
	{"Peripheral members", stewardship.FigRing + "peripheral", "", 1},
	{"Questions asked", stewardship.FigQuestions, "", 1},
	{"Median time to a first response", stewardship.FigMedian, " h", 1},
	{"90th percentile of the time to a first response", stewardship.FigP90, " h", 1},
	{"Questions answered within 48 hours", stewardship.FigInTime, "%", 100},
	{"Fewest members making half the contributions", stewardship.FigAbsenceAll, "", 1},
	{"Fewest members making half the answers", stewardship.FigAbsenceAns, "", 1},
	{"Questions waiting more than 72 hours", stewardship.FigUnanswered, "", 1},
	{"Fading regulars", stewardship.FigFading, "", 1},
	{"Gatherings held", stewardship.FigHeld, "", 1},
	{"Gathering attendees", stewardship.FigAttendees, "", 1},
	{"First-time attendees", stewardship.FigFirstTimers, "", 1},
	{"Attendees of two or more gatherings", stewardship.FigRepeat, "", 1},
	{"Attendees contributing within 7 days", stewardship.FigFollowed, "%", 100},
	{"Fewest departments making half the contributions", stewardship.FigDepartmentsHalf, "", 1},
	{"E-I index of exchange between departments", stewardship.FigEI, "", 1},
	{"Connectors across departments", stewardship.FigConnectors, "", 1},
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	days, _ := strconv.Atoi(r.URL.Query().Get("days"))
	h, err := s.Stewardship.HealthNow(r.Context(), actorOf(r), r.PathValue("slug"), days)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &healthPage{Layout: communityLayout(h.C, "Health", "members"), C: h.C, Windows: stewardship.Windows}
	p.Community = &p.C
	t := s.pages.sets["community/health"]
	var parts []uint64
	if !h.CountedAt.IsZero() {
		if p.Counted, err = s.healthCountedHTML(r.Context(), t, &h, &parts); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if p.Lists, err = s.healthListHTML(t, h, &parts); err != nil {
		s.fail(w, r, err)
		return
	}
	p.H = h
	if p.Content, err = s.healthContentHTML(t, p, parts); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "community/health", p)
}

// healthLinesOf are the figures of h's summary table, in order.
func healthLinesOf(h stewardship.Health) []healthLine {
	lines := make([]healthLine, 0, len(healthLines))
	for _, l := range healthLines {
		f := h.Figures[l.figure]
		line := healthLine{Label: l.label, Hint: f.Hint(), Verdict: f.Verdict()}
		if f.Current.Valid {
			line.Current = stewardship.Number(round1(f.Current.Float64*l.scale)) + l.unit
		}
		if f.Previous.Valid {
			line.Previous = stewardship.Number(round1(f.Previous.Float64*l.scale)) + l.unit
		}
		lines = append(lines, line)
	}
	return lines
}

func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }

// healthCSV downloads one figure's table as CSV.
func (s *Server) healthCSV(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".csv")
	days, _ := strconv.Atoi(r.URL.Query().Get("days"))
	h, err := s.Stewardship.HealthInFull(r.Context(), actorOf(r), r.PathValue("slug"), days)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, known := h.Table(name)
	if !ok || !known {
		s.fail(w, r, errs.NotFoundf("There is no such figure."))
		return
	}
	s.sendTable(w, r, h.C.Slug+"-"+t.Name+"-"+strconv.Itoa(h.Days)+"-days.csv", t)
}

// setChecklist saves which of the stage's tasks the steward ticked.
func (s *Server) setChecklist(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	slug := r.PathValue("slug")
	err := s.Stewardship.SetChecklist(r.Context(), actorOf(r), slug, community.Stage(f.Get("stage")), f.Values["task"])
	s.afterAction(w, r, err, "/c/"+slug+"/health#stage-h", "The checklist is saved.")
}

// helpHealth explains each figure of the health page and its rules.
func (s *Server) helpHealth(w http.ResponseWriter, r *http.Request) {
	p := &healthHelp{Layout: Layout{Title: "A community's health", Crumbs: []Crumb{{"Communities", "/communities"}, {"Health", ""}}},
		Windows: stewardship.Windows, Default: stewardship.DefaultDays, Within: int(stewardship.AnsweredWithin.Hours()),
		Waiting: int(stewardship.UnansweredFrom.Hours()), Fading: int(stewardship.FadingAfter.Hours() / 24), Months: stewardship.FlowMonths,
		First: int(stewardship.FirstWithin.Hours() / 24), Second: int(stewardship.SecondWithin.Hours() / 24),
		Follow: int(stewardship.FollowWithin.Hours() / 24), HalfLife: int(stewardship.ExchangeHalfLife.Hours() / 24),
		Connector: stewardship.ConnectorFrom, MinCell: stewardship.MinCell, Zone: gathering.DefaultZone,
		Tasks: stewardship.StageTasks}
	s.render(w, r, http.StatusOK, "help/health", p)
}

// healthHelp is the help page's figures, the ones that count.
type healthHelp struct {
	Layout
	Windows                                                 []int
	Default, Within, Waiting, Fading, Months, First, Second int
	Tasks                                                   map[community.Stage][]stewardship.StageTask
	Follow, HalfLife, Connector, MinCell                    int
	Zone                                                    string
}
