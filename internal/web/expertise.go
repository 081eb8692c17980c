package web

import (
	"net/http"
	"net/url"
	"strconv"

	"hearth/internal/people"
)

// expertiseRow is one row of the expertise form on the account page.
type expertiseRow struct {
	N                      string // the fields' suffix, from 0
	Num                    int    // the row's number for people, from 1
	Topic, Level           string
	TopicError, LevelError string
}

// blankExpertiseRows are the empty rows offered below a person's topics.
const blankExpertiseRows = 3

// expertiseRows lays out the expertise form from its values: the rows
// submitted (or declared), less blank ones at the end, then a few blank ones.
func expertiseRows(f Form) []expertiseRow {
	var rows []expertiseRow
	for i := 0; i < people.MaxExpertise+blankExpertiseRows; i++ {
		n := strconv.Itoa(i)
		if _, ok := f.Values["topic_"+n]; !ok {
			break
		}
		rows = append(rows, expertiseRow{N: n, Num: i + 1, Topic: f.Get("topic_" + n), Level: f.Get("level_" + n),
			TopicError: f.Error("topic_" + n), LevelError: f.Error("level_" + n)})
	}
	for len(rows) > 0 && rows[len(rows)-1].Topic == "" && rows[len(rows)-1].TopicError == "" {
		rows = rows[:len(rows)-1]
	}
	for i := 0; i < blankExpertiseRows && len(rows) < people.MaxExpertise+blankExpertiseRows; i++ {
		rows = append(rows, expertiseRow{N: strconv.Itoa(len(rows)), Num: len(rows) + 1})
	}
	return rows
}

// expertiseValues are the form values of a person's declared topics.
func expertiseValues(list []people.Expertise) url.Values {
	v := url.Values{}
	for i, x := range list {
		n := strconv.Itoa(i)
		v.Set("topic_"+n, x.Tag)
		v.Set("level_"+n, string(x.Level))
	}
	return v
}

func (s *Server) setExpertise(w http.ResponseWriter, r *http.Request) {
	f := parseForm(w, r)
	var rows []people.ExpertiseInput
	for i := 0; i < people.MaxExpertise+blankExpertiseRows; i++ {
		n := strconv.Itoa(i)
		if _, ok := f.Values["topic_"+n]; !ok {
			break
		}
		rows = append(rows, people.ExpertiseInput{Tag: f.Get("topic_" + n), Level: f.Get("level_" + n)})
	}
	if err := s.People.SetExpertise(r.Context(), actorOf(r), rows); err != nil {
		if f.Failed(err) {
			s.accountPage(w, r, statusOf(err), &accountPage{Expertise: f})
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account#expertise", "Your expertise is saved.")
}
