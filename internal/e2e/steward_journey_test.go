package e2e

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/jobs"
	"hearth/internal/stewardship"
)

// TestStewardJourney walks issue 13's journey in a real browser: a steward
// reads the community's health page, follows the question that has waited
// more than 72 hours to its thread; a member tells a value story with a
// realised, evidenced step for the institution; the sponsor, named by the
// administrator on the people page, opens the institution's page from
// their menu and finds the story counted in the value-creation matrix.
//
// The health figures are counted by the nightly job, run here as serve's
// worker would run it; the matrix is read live from the stories' rows
// (stewardship.Service.ValueTotals), so no job runs between the story and
// the sponsor's reading.
func TestStewardJourney(t *testing.T) {
	start := time.Now()
	ctx := testContext(t)
	b := newBrowser(t, ctx)

	// Arranged without the browser: bakers, a public community stewarded by
	// Sam, with Mara and Nia as members. Nia asked a question four days ago
	// that nobody has answered; Helen, who sponsors the communities, has an
	// account and no role yet.
	env := apptest.New(t, dbtest.SQLite(t))
	base := env.Server.URL
	const slug, question = "bakers", "Why does my rye starter smell of nail varnish?"
	env.Community(newPerson(env, "sam", "Sam Reyes"), slug, community.Public, community.Open)
	env.SetMembership(slug, newPerson(env, "mara", "Mara Lind"), community.RoleMember, community.ActiveMember)
	env.SetMembership(slug, newPerson(env, "nia", "Nia Mensah"), community.RoleMember, community.ActiveMember)
	newPerson(env, "helen", "Helen Marsh")
	res := env.As("nia").Post("/c/"+slug+"/talk/new", url.Values{"kind": {"question"}, "title": {question},
		"body": {"It started after I moved it to the warm shelf."}, "tags": {"rye"}, "ask": {"anyway"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("ask the question: %d\n%s", res.Status, res.Body)
	}
	thread := res.Location
	asked := db.Now().Add(-4 * 24 * time.Hour)
	for _, q := range []string{
		`UPDATE threads SET created_at = $1, last_activity_at = $1 WHERE id = $2`,
		`UPDATE activities SET created_at = $1 WHERE subject_kind = 'thread' AND subject_id = $2`,
	} {
		if _, err := env.DB.ExecContext(ctx, q, asked, threadID(t, thread)); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// The nightly count (health, then the institution), as serve runs it.
	if err := jobs.Enqueue(ctx, env.DB, jobs.Job{Kind: stewardship.KindDaily}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Worker.RunDue(ctx); err != nil {
		t.Fatalf("run the jobs: %v", err)
	}
	t.Logf("arranged in %v", time.Since(start).Round(time.Millisecond))

	// 1. The administrator makes Helen a sponsor on the people page.
	admin := b.person("Ada (administrator)")
	admin.signIn(base, "admin", "Ada Admin")
	admin.open(base + "/admin/people")
	admin.follow(button("Make sponsor: Helen Marsh"))
	admin.see(".flash", "@helen is a sponsor")
	admin.see("main table", "Sponsor")

	// 2. Sam reads the health page, finds Nia's question in the queue of
	// those waiting more than 72 hours, and follows it to the thread.
	sam := b.person("Sam (steward)")
	sam.signIn(base, "sam", "Sam Reyes")
	sam.open(base + "/c/" + slug + "/health")
	sam.see("main h2#queue-h", "Questions waiting for an answer")
	sam.see("ol.queue", question)
	sam.follow(chromedp.Search(`//ol[contains(@class, "queue")]//a[normalize-space(.) = ` + xpathString(question) + `]`))
	sam.at(thread)
	sam.see("main h2", question)

	// 3. Helen opens the institution's page from her menu: counted, with no
	// story yet.
	helen := b.person("Helen (sponsor)")
	helen.signIn(base, "helen", "Helen Marsh")
	helen.openMenu()
	helen.follow(link("The institution"))
	helen.at("/institution")
	if got := valueRow(helen, "applied"); got != "0 0" {
		helen.fatalf("before any story the matrix's applied row is %q", got)
	}

	// 4. Mara tells a value story: a realised applied step with evidence,
	// for everyone signed in to the institution.
	mara := b.person("Mara (member)")
	mara.signIn(base, "mara", "Mara Lind")
	mara.open(base + "/c/" + slug + "/value")
	mara.follow(link("Tell a value story"))
	mara.fill("title", "Our rye loaves stopped failing",
		"applied_text", "I used the thread's advice on starter temperature in the college bakery.",
		"applied_evidence", "https://bakery.example.org/waste-report")
	mara.check("Everyone signed in to this site")
	mara.follow(button("Save my story"))
	mara.see(".flash", "your story is saved")
	mara.see("main", "Our rye loaves stopped failing", "starter temperature")

	// 5. Helen reloads: the matrix counts the story and its evidence at
	// once, and names nobody.
	helen.open(base + "/institution")
	if got := valueRow(helen, "applied"); got != "1 1 100%" {
		helen.fatalf("the matrix's applied row is %q, want the story with its evidence (1 1 100%%)", got)
	}
	helen.seeNo("main", "Mara Lind", "Nia Mensah", "Sam Reyes")
	t.Logf("the journey took %v", time.Since(start).Round(time.Millisecond))
}

// threadID is the id at the end of a thread's address.
func threadID(t *testing.T, path string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	if err != nil || !strings.HasPrefix(path, "/c/") {
		t.Fatalf("%q is not a thread's address", path)
	}
	return id
}

// valueRow returns the cells of the institution's value-creation table for
// a cycle, joined by spaces ("" when the row is missing; no share is
// shown of no story).
func valueRow(p *tab, cycle string) string {
	p.t.Helper()
	return eval[string](p, `(() => {
		for (const t of document.querySelectorAll("table")) {
			const c = t.querySelector("caption");
			if (!c || c.textContent.trim() !== "Value-creation stories by cycle") continue;
			for (const r of t.querySelectorAll("tbody tr")) {
				const th = r.querySelector("th");
				if (th && th.textContent.trim() === `+jsString(cycle)+`) return [...r.querySelectorAll("td")].map(d => d.textContent.trim()).join(" ").trim();
			}
		}
		return "";
	})()`)
}
