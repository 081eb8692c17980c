package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// TestMentoringJourney walks issue 12's newcomer journey in a real
// browser: Nia joins a community and sees her first steps, with a mentor
// suggested; she asks a question and invites two of the experts suggested;
// her checklist ticks the question; she asks for a mentor and is matched
// first with Eve, from another department (Nia and Ben are in the Kitchen,
// Eve in Nursing); Eve is told, opens the proposal from her notification
// and accepts; Nia sees the mentorship under way.
func TestMentoringJourney(t *testing.T) {
	start := time.Now()
	ctx := testContext(t)
	b := newBrowser(t, ctx)

	// Arranged without the browser: a public bakers' community on bread and
	// sourdough stewarded by Sam; Ben and Eve know sourdough and offer to
	// mentor in it; Cy knows it a little.
	env := apptest.New(t, dbtest.SQLite(t))
	base := env.Server.URL
	runJobs := func() {
		t.Helper()
		if _, err := env.Worker.RunDue(ctx); err != nil {
			t.Fatalf("run the jobs: %v", err)
		}
	}
	sam := newPerson(env, "sam", "Sam Reyes")
	const slug = "bakers"
	if _, err := env.Communities.Create(ctx, sam, community.Charter{Name: "Bakers", Slug: slug, Purpose: "We bake bread and share what works.",
		Visibility: community.Public, JoinPolicy: community.Open, Tags: "bread, sourdough"}); err != nil {
		t.Fatal(err)
	}
	newPerson(env, "nia", "Nia Mensah")
	for h, name := range map[string]string{"ben": "Ben Okoro", "eve": "Eve Lund", "cy": "Cy Park"} {
		env.SetMembership(slug, newPerson(env, h, name), community.RoleMember, community.ActiveMember)
		level := map[string]string{"ben": "expert", "eve": "expert", "cy": "practising"}[h]
		if r := env.As(h).Post("/account/expertise", url.Values{"topic_0": {"sourdough"}, "level_0": {level}}); r.Status != http.StatusSeeOther {
			t.Fatalf("%s's expertise: %d", h, r.Status)
		}
		if h != "cy" {
			if r := env.As(h).Post("/c/"+slug+"/mentoring/offer", url.Values{"topics": {"sourdough"}, "level": {"expert"}, "capacity": {"2"}}); r.Status != http.StatusSeeOther {
				t.Fatalf("%s offers to mentor: %d\n%s", h, r.Status, r.Body)
			}
		}
	}
	for _, q := range []string{
		`INSERT INTO departments (name, slug, created_at) VALUES ('Kitchen', 'kitchen', CURRENT_TIMESTAMP), ('Nursing', 'nursing', CURRENT_TIMESTAMP)`,
		`UPDATE people SET department_id = (SELECT id FROM departments WHERE slug = 'kitchen') WHERE handle IN ('sam', 'nia', 'ben')`,
		`UPDATE people SET department_id = (SELECT id FROM departments WHERE slug = 'nursing') WHERE handle = 'eve'`,
	} {
		if _, err := env.DB.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	runJobs()
	t.Logf("arranged in %v", time.Since(start).Round(time.Millisecond))

	// 1. Nia joins and sees her first steps, with a mentor suggested.
	nia := b.person("Nia (newcomer)")
	nia.signIn(base, "nia", "Nia Mensah")
	nia.open(base + "/c/" + slug)
	nia.follow(button("Join this community"))
	nia.see("section.newcomer", "Your first steps here", "0 of 5 done", "Ask or answer a first question")
	nia.see("section.newcomer .suggested-mentor", "A mentor for you", "Eve Lund", "from another department (Nursing)")

	// 2. She asks a question, and invites two of the experts suggested.
	nia.follow(link("Ask or answer a first question"))
	nia.follow(link("Ask a question"))
	nia.fill("title", "Why does my sourdough starter smell of acetone?", "body", "It smelled of yoghurt last week.", "tags", "sourdough")
	nia.follow(button("Post"))
	if nia.path() == "/c/"+slug+"/talk/new" { // shown similar questions first
		nia.follow(button("Ask anyway"))
	}
	nia.see(".flash", "Your question is asked")
	nia.follow(link("Ask people who know about sourdough"))
	nia.see("main", "Ben Okoro", "Eve Lund", "Cy Park")
	nia.check("Ben Okoro")
	nia.check("Eve Lund")
	nia.follow(button("Ask them"))
	nia.see(".flash", "Asked 2 people to answer")
	runJobs()

	// 3. Her checklist ticked the question; she asks for a mentor.
	nia.open(base + "/c/" + slug)
	nia.see("section.newcomer", "1 of 5 done")
	nia.see("section.newcomer li.done", "Ask or answer a first question")
	nia.follow(link("Ask for a mentor in sourdough"))
	if got := eval[string](nia, `document.getElementById("f-ask-topics").value`); got != "sourdough" {
		nia.fatalf("the request's topics hold %q, want the suggestion's", got)
	}
	nia.fill("goal", "Keep a starter alive and bake an open crumb.")
	nia.follow(button("Find me a mentor"))
	nia.see(".flash", "Your request is saved")
	nia.see("ul.suggestions li.suggestion:first-child", "Eve Lund", "from another department (Nursing)", "expert (self-rated)")
	nia.see("ul.suggestions", "Ben Okoro")
	nia.noAxeViolations()
	nia.follow(chromedp.Search(`//li[contains(@class, "suggestion")][1]//button[normalize-space(.) = "Ask Eve Lund to mentor"]`))
	nia.see(".flash", "Proposed")
	nia.see("main", "Eve Lund mentors Nia Mensah", "Waiting for Eve Lund's answer")
	mentorship := nia.path()
	runJobs()

	// 4. Eve is told, opens the proposal from her notification and accepts.
	eve := b.person("Eve (mentor)")
	eve.signIn(base, "eve", "Eve Lund")
	eve.follow(chromedp.Search(`//header//a[contains(@class, "notif")]`))
	eve.see("ul.notifications li.unread", "Nia Mensah", "proposes that you mentor in", "sourdough")
	eve.follow(chromedp.Search(`//ul[contains(@class, "notifications")]//li[contains(., "proposes that you mentor in")]//button[starts-with(normalize-space(.), "Open and mark read")]`))
	if p := eve.path(); p != mentorship {
		eve.fatalf("the notification led to %s, want %s", p, mentorship)
	}
	eve.see("main", "Will you mentor Nia Mensah?")
	eve.follow(button("Accept"))
	eve.see(".flash", "You are mentoring now")
	eve.see("main", "Under way")
	eve.noAxeViolations()
	runJobs()

	// 5. Nia sees it under way; her checklist points to it.
	nia.open(base + mentorship)
	nia.see("main", "Under way", "Keep a starter alive")
	for _, path := range []string{"/c/" + slug + "/mentoring", "/help/mentoring"} {
		nia.open(base + path)
		nia.noAxeViolations()
	}
	nia.open(base + "/c/" + slug)
	nia.see("section.newcomer", "Your mentorship")
	nia.seeNo("section.newcomer", "A mentor for you")
	if !strings.HasPrefix(mentorship, "/c/"+slug+"/mentoring/") {
		t.Errorf("the mentorship's page is %s", mentorship)
	}
	t.Logf("the journey took %v", time.Since(start).Round(time.Millisecond))
}

// noAxeViolations fails when axe-core finds WCAG A or AA problems in the page.
func (p *tab) noAxeViolations() {
	p.t.Helper()
	if v := p.axeViolations(); len(v) > 0 {
		p.t.Errorf("%s on %s: %d axe violations:\n  %s", p.who, p.path(), len(v), strings.Join(v, "\n  "))
	}
}
