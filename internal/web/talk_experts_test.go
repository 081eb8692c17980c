package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The asker of a question on a topic is offered the people who know it,
// asks two, and they are told; nobody else is offered the page; a person
// who paused being asked is not suggested.
func TestAskTheExpertsPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		for _, h := range []string{"nia", "ben", "eve", "cy"} {
			e.SetMembership("bread", e.Person(h), community.RoleMember, community.ActiveMember)
		}
		for _, h := range []string{"ben", "eve", "cy"} {
			if r := e.As(h).Post("/account/expertise", url.Values{"topic_0": {"starter"}, "level_0": {"expert"}}); r.Status != http.StatusSeeOther {
				t.Fatalf("%s's expertise: %d\n%s", h, r.Status, r.Body)
			}
		}
		if r := e.As("cy").Post("/account/asks", url.Values{"paused": {"yes"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("pause: %d", r.Status)
		}
		if page := e.As("cy").Get("/account").Body; !strings.Contains(page, "Let people ask me again") {
			t.Error("the account page does not say asks are paused")
		}
		nia := e.As("nia")
		res := nia.Post("/c/bread/talk/new", url.Values{"kind": {"question"}, "title": {"Why does my starter smell of acetone?"},
			"body": {"It did not last week."}, "tags": {"starter"}, "ask": {"anyway"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("ask: %d\n%s", res.Status, res.Body)
		}
		thread := strings.SplitN(res.Location, "?", 2)[0]
		link := `<a href="` + thread + `/experts">Ask people who know about starter</a>`
		if page := nia.Get(thread).Body; !strings.Contains(page, link) {
			t.Fatalf("the asker is not offered the experts:\n%s", page)
		}
		if page := e.As("ben").Get(thread).Body; strings.Contains(page, "/experts") {
			t.Error("another member is offered to ask experts about someone else's question")
		}
		form := nia.Get(thread + "/experts")
		if form.Status != http.StatusOK || !strings.Contains(form.Body, `value="ben"`) || !strings.Contains(form.Body, `value="eve"`) ||
			strings.Contains(form.Body, `value="cy"`) || strings.Contains(form.Body, `value="nia"`) {
			t.Fatalf("the suggestions: %d\n%s", form.Status, form.Body)
		}
		for who, c := range map[string]*apptest.Client{"member": e.As("ben"), "visitor": e.Visitor()} {
			if r := c.Get(thread + "/experts"); r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
				t.Errorf("%s opens the asker's page: %d", who, r.Status)
			}
			if r := c.Post(thread+"/experts", url.Values{"expert": {"eve"}}); r.Status == http.StatusSeeOther {
				t.Errorf("%s asks experts about someone else's question", who)
			}
		}
		bad := nia.Post(thread+"/experts", url.Values{"expert": {"cy"}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "not among the people suggested") {
			t.Errorf("asking a paused person: %d\n%s", bad.Status, bad.Body)
		}
		res = nia.Post(thread+"/experts", url.Values{"expert": {"ben", "eve"}})
		if res.Status != http.StatusSeeOther || res.Location != thread {
			t.Fatalf("ask ben and eve: %d %s\n%s", res.Status, res.Location, res.Body)
		}
		if _, err := e.Worker.RunDue(t.Context()); err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{"ben", "eve"} {
			if page := e.As(h).Get("/notifications").Body; !strings.Contains(page, "asks you to answer") || !strings.Contains(page, "Why does my starter smell of acetone?") {
				t.Errorf("%s is not told:\n%s", h, page)
			}
		}
		if page := nia.Get(thread + "/experts").Body; !strings.Contains(page, "asked already") {
			t.Error("the page does not say who was asked")
		}
	})
}
