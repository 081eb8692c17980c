package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// mentoringEnv is a public community "bread" (topics testing, bread)
// stewarded by Sam; Ben (Kitchen) and Eve (Nursing) are members, Nia
// (Kitchen) joined today, Cy is a member, Olu is in no community, Ada is an
// administrator outside it; Mia watches the community.
func mentoringEnv(t *testing.T, d *db.DB) *apptest.Env {
	t.Helper()
	e := apptest.New(t, d)
	e.Community(e.Person("sam"), "bread", community.Public, community.Open)
	for _, h := range []string{"ben", "eve", "nia", "cy", "mia"} {
		e.SetMembership("bread", e.Person(h), community.RoleMember, community.ActiveMember)
	}
	e.Person("olu")
	e.Person("ada")
	for _, q := range []string{
		`INSERT INTO departments (name, slug, created_at) VALUES ('Kitchen', 'kitchen', $1), ('Nursing', 'nursing', $1)`,
		`UPDATE people SET department_id = (SELECT id FROM departments WHERE slug = 'kitchen') WHERE handle IN ('ben', 'sam', 'nia')`,
		`UPDATE people SET department_id = (SELECT id FROM departments WHERE slug = 'nursing') WHERE handle = 'eve'`,
		`UPDATE people SET is_admin = (handle = 'ada')`,
	} {
		args := []any{}
		if strings.Contains(q, "$1") {
			args = append(args, db.Now())
		}
		if _, err := d.ExecContext(t.Context(), q, args...); err != nil {
			t.Fatal(err)
		}
	}
	if r := e.As("mia").Post("/c/bread/watch", url.Values{"state": {"watching"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("mia watches: %d", r.Status)
	}
	return e
}

// offerAndAsk has Ben and Eve offer to mentor in bread, and Nia ask; it
// returns the path of Nia's request.
func offerAndAsk(t *testing.T, e *apptest.Env) string {
	t.Helper()
	for _, h := range []string{"ben", "eve"} {
		wantRedirect(t, h+" offers", e.As(h).Post("/c/bread/mentoring/offer", form("topics", "bread, rye", "level", "expert", "capacity", "2",
			"note", "Thursdays after four.")), "/c/bread/mentoring")
	}
	res := e.As("nia").Post("/c/bread/mentoring/requests", form("topics", "bread", "goal", "Shape a loaf that holds."))
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/c/bread/mentoring/requests/") {
		t.Fatalf("nia asks: %d %s\n%s", res.Status, res.Location, res.Body)
	}
	return res.Location
}

func runJobs(t *testing.T, e *apptest.Env) {
	t.Helper()
	if _, err := e.Worker.RunDue(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// The newcomer's journey to a mentor through the pages: she is suggested
// one on the community's home, asks, is shown who fits best (another
// department first, with why), proposes; the mentor alone is told, and
// accepts; the pair note goals and check-ins, and end with reflections.
// Mistakes come back next to their fields, with what was typed.
func TestMentoringPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := mentoringEnv(t, d)
		ben, nia := e.As("ben"), e.As("nia")

		bad := ben.Post("/c/bread/mentoring/offer", form("topics", "bread", "level", "learning", "capacity", "9", "note", "<b>hi</b>"))
		wantStatus(t, "a bad offer", bad, http.StatusUnprocessableEntity)
		fieldError(t, bad.Body, "capacity", "Choose from 1 to 5 people at once.")
		contains(t, "a bad offer", bad.Body, `<p class="error" id="e-level">`, "&lt;b&gt;hi&lt;/b&gt;</textarea>")
		inputValue(t, bad.Body, "topics", "bread")
		if home := nia.Get("/c/bread").Body; !strings.Contains(home, `<a href="/c/bread/mentoring#ask">Ask for a mentor</a>`) {
			t.Error("the newcomer is not offered to ask for a mentor when nobody mentors")
		}
		req := offerAndAsk(t, e)

		home := nia.Get("/c/bread").Body
		contains(t, "the newcomer's checklist", home, "A mentor for you", "Eve Tester", "from another department (Nursing)")
		bad = nia.Post("/c/bread/mentoring/requests", form("topics", "", "goal", strings.Repeat("x", 1001)))
		wantStatus(t, "a bad request", bad, http.StatusUnprocessableEntity)
		fieldError(t, bad.Body, "ask-topics", "Name at least one topic, for example “sourdough”.")
		fieldError(t, bad.Body, "goal", "Keep what you want to learn to 1,000 characters.")

		page := nia.Get(req)
		wantStatus(t, "the request", page, http.StatusOK)
		eve, benAt := strings.Index(page.Body, "Ask Eve Tester to mentor"), strings.Index(page.Body, "Ask Ben Tester to mentor")
		if eve < 0 || benAt < 0 || eve > benAt {
			t.Fatalf("Eve (another department) is not suggested before Ben:\n%s", page.Body)
		}
		contains(t, "the suggestions", page.Body, "mentors in bread · from another department (Nursing) · expert (self-rated)")
		bad = nia.Post(req+"/propose", form("mentor", "cy"))
		wantStatus(t, "proposing someone not suggested", bad, http.StatusUnprocessableEntity)
		contains(t, "proposing someone not suggested", bad.Body, "Choose one of the mentors suggested.")

		res := nia.Post(req+"/propose", form("mentor", "eve"))
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/c/bread/mentoring/") {
			t.Fatalf("propose: %d\n%s", res.Status, res.Body)
		}
		m := res.Location
		runJobs(t, e)
		contains(t, "eve's notifications", e.As("eve").Get("/notifications").Body, "proposes that you mentor in")
		for _, h := range []string{"mia", "sam", "cy"} {
			lacks(t, h+"'s notifications", e.As(h).Get("/notifications").Body, "you mentor in", "agreed to mentor")
		}
		lacks(t, "the community's activity", e.As("mia").Get("/c/bread/activity.atom").Body, "mentor")

		eveC := e.As("eve")
		contains(t, "the mentor's page", eveC.Get(m).Body, "Will you mentor Nia Tester?")
		wantRedirect(t, "accept", eveC.Post(m+"/accept", nil), m)
		runJobs(t, e)
		contains(t, "nia's notifications", nia.Get("/notifications").Body, "agreed to mentor in")
		wantRedirect(t, "goals", nia.Post(m+"/goals", form("goals", "Shape a batard\nScore cleanly")), m)
		bad = eveC.Post(m+"/checkins", form("date", "someday", "note", "We met."))
		wantStatus(t, "a bad check-in", bad, http.StatusUnprocessableEntity)
		fieldError(t, bad.Body, "date", "Give the date as YYYY-MM-DD.")
		textareaValue(t, bad.Body, "note", "We met.")
		wantRedirect(t, "check-in", eveC.Post(m+"/checkins", form("date", time.Now().UTC().Format(time.DateOnly), "note", "Shaped <two> loaves.")), m)
		page = nia.Get(m)
		contains(t, "the mentorship", page.Body, "<li>Shape a batard</li>", "Shaped &lt;two&gt; loaves.", "Under way")
		if home := nia.Get("/c/bread").Body; strings.Contains(home, "A mentor for you") || !strings.Contains(home, "Your mentorship") {
			t.Error("the newcomer with a mentor is still suggested one")
		}
		wantRedirect(t, "end", nia.Post(m+"/end", form("reflection", "I shape every loaf now.")), m)
		wantRedirect(t, "reflect", eveC.Post(m+"/end", form("reflection", "Nia learned fast.")), m)
		contains(t, "the ended mentorship", e.As("sam").Get(m).Body, "I shape every loaf now.", "Nia learned fast.", "Ended")
		contains(t, "the stewards' overview", e.As("sam").Get("/c/bread/mentoring").Body, "Every mentorship in this community", "Eve Tester mentors Nia Tester")
		lacks(t, "another member's overview", e.As("cy").Get("/c/bread/mentoring").Body, "Eve Tester mentors Nia Tester", "Every mentorship")
	})
}

// Every mentoring route answers each kind of reader as the rules say: the
// overview for members; a mentorship for the pair and the stewards (404
// to anyone else, administrators included); its writes for the pair.
func TestMentoringPermissions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := mentoringEnv(t, d)
		req := offerAndAsk(t, e)
		res := e.As("nia").Post(req+"/propose", form("mentor", "eve"))
		wantStatus(t, "propose", res, http.StatusSeeOther)
		m := res.Location
		wantRedirect(t, "accept", e.As("eve").Post(m+"/accept", nil), m)
		// A second request, proposed to Ben and not answered yet.
		res = e.As("nia").Post("/c/bread/mentoring/requests", form("topics", "rye", "goal", "Rye that rises."))
		wantStatus(t, "a second request", res, http.StatusSeeOther)
		req2 := res.Location
		res = e.As("nia").Post(req2+"/propose", form("mentor", "ben"))
		wantStatus(t, "propose to ben", res, http.StatusSeeOther)
		p := res.Location

		const (
			ok, see, signin, notFound, forbidden, unauth = 200, 303, -1, 404, 403, 401
		)
		who := []string{"visitor", "olu", "cy", "nia", "eve", "sam", "ada"}
		for _, c := range []struct {
			method, path string
			form         url.Values
			want         []int // by who
		}{
			{"GET", "/c/bread/mentoring", nil, []int{signin, forbidden, ok, ok, ok, ok, forbidden}},
			{"GET", m, nil, []int{signin, notFound, notFound, ok, ok, ok, notFound}},
			{"GET", req2, nil, []int{signin, notFound, notFound, ok, notFound, ok, notFound}},
			{"GET", "/help/mentoring", nil, []int{ok, ok, ok, ok, ok, ok, ok}},
			{"POST", m + "/goals", form("goals", "x"), []int{unauth, notFound, notFound, see, see, forbidden, notFound}},
			{"POST", m + "/checkins", form("date", "2020-01-01", "note", "x"), []int{unauth, notFound, notFound, see, see, forbidden, notFound}},
			{"POST", p + "/accept", nil, []int{unauth, notFound, notFound, forbidden, notFound, forbidden, notFound}},
			{"POST", p + "/decline", nil, []int{unauth, notFound, notFound, forbidden, notFound, forbidden, notFound}},
			{"POST", req2 + "/propose", form("mentor", "eve"), []int{unauth, notFound, notFound, 422, notFound, 422, notFound}},
			{"POST", req2 + "/withdraw", nil, []int{unauth, forbidden, notFound, see, notFound, notFound, forbidden}},
			{"POST", "/c/bread/mentoring/offer/pause", form("paused", "yes"), []int{unauth, forbidden, notFound, notFound, see, notFound, forbidden}},
			{"POST", "/c/bread/mentoring/requests", form("topics", "bread", "goal", "x"), []int{unauth, forbidden, see, see, see, see, forbidden}},
		} {
			for i, h := range who {
				client := e.Visitor()
				if h != "visitor" {
					client = e.As(h)
				}
				var r apptest.Response
				if c.method == "GET" {
					r = client.Get(c.path)
				} else {
					r = client.Post(c.path, c.form)
				}
				what := fmt.Sprintf("%s %s by %s", c.method, c.path, h)
				switch want := c.want[i]; want {
				case signin:
					wantSignin(t, what, r, c.path)
				default:
					if r.Status != want {
						t.Errorf("%s: %d, want %d", what, r.Status, want)
					}
				}
			}
		}
		// Nia withdrew her request (its asker alone may): the proposal
		// waiting on it is cancelled.
		if s := text(t, d, `SELECT status FROM mentorships WHERE mentor_id = (SELECT id FROM people WHERE handle = 'ben')`); s != "cancelled" {
			t.Errorf("the proposal waiting on a withdrawn request: %s", s)
		}
	})
}

// The mentoring page and a newcomer's home run as many queries with many
// offers, requests and mentorships as with a few.
func TestMentoringQueryCount(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := mentoringEnv(t, d)
		offerAndAsk(t, e)
		sam, nia := e.As("sam"), e.As("nia")
		pages := map[string]*apptest.Client{"/c/bread/mentoring": sam, "/c/bread/mentoring?": nia, "/c/bread": nia}
		few := map[string]int64{}
		for p, c := range pages {
			few[p] = leastQueries(t, d, c, p)
		}
		for i := range 12 {
			h := fmt.Sprintf("mentor-%02d", i)
			e.SetMembership("bread", e.Person(h), community.RoleMember, community.ActiveMember)
			wantStatus(t, h+" offers", e.As(h).Post("/c/bread/mentoring/offer", form("topics", "bread, testing", "level", "expert", "capacity", "3")), http.StatusSeeOther)
			res := e.As("cy").Post("/c/bread/mentoring/requests", form("topics", "bread", "goal", "More."))
			if i < 3 {
				wantStatus(t, "cy asks", res, http.StatusSeeOther)
				wantStatus(t, "cy proposes", e.As("cy").Post(res.Location+"/propose", form("mentor", h)), http.StatusSeeOther)
			}
		}
		for p, c := range pages {
			if many := leastQueries(t, d, c, p); many != few[p] {
				t.Errorf("GET %s: %d queries with a few offers, %d with many", p, few[p], many)
			}
		}
	})
}
