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

// TestQuestionJourney walks issue 10's journey in a real browser: a
// newcomer asks a question, is shown a similar entry of the library and
// asks anyway; a member who watches the community is notified and answers;
// the asker accepts the answer; a steward promotes it into a practice entry
// that links back to the answer, and the thread says what it became. The
// job queue runs between the steps, as the server's worker would.
func TestQuestionJourney(t *testing.T) {
	start := time.Now()
	ctx := testContext(t)
	b := newBrowser(t, ctx)

	// Arranged without the browser: a public bakers' community stewarded by
	// Sam, with an entry on proofing; Mara, a member, watches the community;
	// Nia joined today.
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
	env.Community(sam, slug, community.Public, community.Open)
	env.SetMembership(slug, newPerson(env, "mara", "Mara Lind"), community.RoleMember, community.ActiveMember)
	env.SetMembership(slug, newPerson(env, "nia", "Nia Mensah"), community.RoleMember, community.ActiveMember)
	res := env.As("sam").Post("/c/"+slug+"/practice/new", url.Values{"kind": {"practice"}, "title": {"Proofing dough in a cold kitchen"},
		"summary": {"Warm the oven light, not the oven."}, "body": {"Put the dough in the oven with only its light on."}, "action": {"publish"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("publish the entry: %d\n%s", res.Status, res.Body)
	}
	runJobs() // what happened before Mara watches is not news to her
	if res := env.As("mara").Post("/c/"+slug+"/watch", url.Values{"state": {"watching"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("mara watches: %d", res.Status)
	}
	runJobs()
	t.Logf("arranged in %v", time.Since(start).Round(time.Millisecond))

	// 1. Nia asks; before posting she is shown the entry, and asks anyway.
	nia := b.person("Nia (newcomer)")
	nia.signIn(base, "nia", "Nia Mensah")
	nia.open(base + "/c/" + slug + "/talk")
	nia.follow(link("Ask a question"))
	nia.fill("title", "How do I proof dough in a cold kitchen?", "body", "My kitchen is 15 °C in winter and the dough barely rises.")
	nia.follow(button("Post"))
	nia.see("#similar", "Has this been asked already?", "Proofing dough in a cold kitchen", "in the library")
	if got := eval[string](nia, `document.getElementById("f-body").value`); !strings.Contains(got, "barely rises") {
		nia.fatalf("what Nia typed is not kept: %q", got)
	}
	nia.follow(button("Ask anyway"))
	nia.see(".flash", "Your question is asked")
	nia.see("main h2", "How do I proof dough in a cold kitchen?")
	thread := nia.path()
	runJobs()

	// 2. Mara is notified, opens the question from the notification and answers.
	mara := b.person("Mara (member)")
	mara.signIn(base, "mara", "Mara Lind")
	mara.see(`header.site a.notif .count`, "1")
	mara.follow(chromedp.Search(`//header//a[contains(@class, "notif")]`))
	mara.see("ul.notifications li.unread", "Nia Mensah", "How do I proof dough in a cold kitchen?")
	mara.follow(chromedp.Search(`//ul[contains(@class, "notifications")]//button[starts-with(normalize-space(.), "Open and mark read")]`))
	if p := mara.path(); p != thread {
		mara.fatalf("the notification led to %s, want %s", p, thread)
	}
	mara.check("An answer")
	mara.fill("body", "Proof it in the oven with only the light on: about 28 °C.")
	mara.follow(button("Post"))
	mara.see(".flash", "Your answer is posted")
	runJobs()

	// 3. Nia accepts the answer.
	nia.open(base + thread)
	nia.see("section.answers", "Mara Lind", "only the light on")
	nia.follow(button("Accept this answer"))
	nia.see(".flash", "Accepted")
	nia.see("section.answers li.accepted", "Accepted answer", "only the light on")

	// 4. Sam promotes the answer into the library; the entry links back to
	// the answer, and the thread says what it became.
	samTab := b.person("Sam (steward)")
	samTab.signIn(base, "sam", "Sam Reyes")
	samTab.open(base + thread)
	samTab.follow(chromedp.Search(`//li[contains(@class, "accepted")]//a[normalize-space(.) = "Turn this into an entry in the library"]`))
	if got := eval[string](samTab, `document.getElementById("f-body").value`); !strings.Contains(got, "> Proof it in the oven with only the light on") {
		samTab.fatalf("the entry does not start with the answer: %q", got)
	}
	samTab.fill("title", "Proof in the oven with the light on", "summary", "The oven light keeps dough at about 28 °C.")
	samTab.follow(button("Publish"))
	entry := samTab.path()
	if !strings.HasPrefix(entry, "/c/"+slug+"/practice/") {
		samTab.fatalf("publishing led to %s, want the new entry", entry)
	}
	samTab.see("main", "Proof in the oven with the light on", "answer by Mara Lind", "How do I proof dough in a cold kitchen?")
	samTab.follow(chromedp.Search(`//main//a[normalize-space(.) = "answer by Mara Lind"]`))
	if p := samTab.path(); !strings.HasPrefix(p, thread+"?post=") {
		samTab.fatalf("the entry's source led to %s, want the answer in the thread %s", p, thread)
	}
	samTab.see("section.answers li.accepted", "This became a lesson in the library", "Proof in the oven with the light on")
	t.Logf("the journey took %v", time.Since(start).Round(time.Millisecond))
}
