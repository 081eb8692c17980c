package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hearth/internal/community"
	"hearth/internal/people"
)

// participationPage is the stewards' view of who takes part how much.
type participationPage struct {
	Layout
	C         community.View
	Rings     []ringCount
	People    []people.Participant
	NextURL   string
	Newcomers []people.Newcomer // joined in the last 30 days, with their first steps
}

// ringCount is how many members are on one ring.
type ringCount struct {
	Ring people.Ring
	N    int
}

func (s *Server) participation(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	afterScore, _ := strconv.Atoi(q.Get("score"))
	afterID, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	v, counts, list, more, err := s.People.Participation(r.Context(), actorOf(r), r.PathValue("slug"), afterScore, afterID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &participationPage{Layout: communityLayout(v, "Participation", "members"), C: v, People: list}
	p.Community = &p.C
	if p.Newcomers, err = s.People.Newcomers(r.Context(), v); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, ring := range []people.Ring{people.Core, people.Active, people.Occasional, people.Peripheral} {
		p.Rings = append(p.Rings, ringCount{ring, counts[ring]})
	}
	if more {
		last := list[len(list)-1]
		p.NextURL = "/c/" + v.Slug + "/participation?" + url.Values{"score": {strconv.Itoa(last.Score)}, "after": {strconv.FormatInt(last.PersonID, 10)}}.Encode()
	}
	s.render(w, r, http.StatusOK, "community/participation", p)
}

// helpParticipation explains the levels of participation and how they are
// counted, from the constants that count them.
func (s *Server) helpParticipation(w http.ResponseWriter, r *http.Request) {
	p := &participationHelp{Layout: Layout{Title: "Taking part in a community", Crumbs: []Crumb{{"Communities", "/communities"}, {"Taking part", ""}}},
		Days: int(people.ParticipationWindow.Hours() / 24), Contribution: people.WeightContribution, Reply: people.WeightReply,
		Attended: people.WeightAttended, Core: people.CoreFrom, Active: people.ActiveFrom, Occasional: people.OccasionalFrom}
	s.render(w, r, http.StatusOK, "help/participation", p)
}

// participationHelp is the help page's figures, the ones that count.
type participationHelp struct {
	Layout
	Days, Contribution, Reply, Attended, Core, Active, Occasional int
}
