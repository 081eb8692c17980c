package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// TestGatheringJourney walks issue 11's journey in a real browser: a
// steward schedules a monthly gathering with 3 places; four members answer
// going and the fourth is waitlisted; one cancels, and the fourth is
// promoted and told; two members write the notes together, and a lesson is
// captured from them into the library, which links back to the gathering.
// The job queue runs between the steps, as the server's worker would.
func TestGatheringJourney(t *testing.T) {
	ctx := testContext(t)
	b := newBrowser(t, ctx)
	env := apptest.New(t, dbtest.SQLite(t))
	base := env.Server.URL
	runJobs := func() {
		t.Helper()
		if _, err := env.Worker.RunDue(ctx); err != nil {
			t.Fatalf("run the jobs: %v", err)
		}
	}
	const slug = "bakers"
	env.Community(newPerson(env, "sam", "Sam Reyes"), slug, community.Public, community.Open)
	members := []struct{ handle, name string }{{"ana", "Ana Lima"}, {"ben", "Ben Okoro"}, {"cai", "Cai Wen"}, {"dee", "Dee Park"}}
	for _, m := range members {
		env.SetMembership(slug, newPerson(env, m.handle, m.name), community.RoleMember, community.ActiveMember)
	}

	// 1. Sam schedules a monthly gathering with 3 places, three times.
	day := time.Now().AddDate(0, 0, 10)
	for day.Day() > 28 { // a day every month has
		day = day.AddDate(0, 0, 1)
	}
	sam := b.person("Sam (steward)")
	sam.signIn(base, "sam", "Sam Reyes")
	sam.open(base + "/c/" + slug + "/gatherings")
	sam.follow(link("Schedule a gathering"))
	sam.fill("title", "Rye bake-along", "place", "The community kitchen", "capacity", "3", "zone", "Europe/Paris")
	sam.setValue("f-date", day.Format(time.DateOnly))
	sam.setValue("f-start_time", "18:00")
	sam.setValue("f-end_time", "20:00")
	sam.check("on a day of the month")
	sam.fill("month_day", strconv.Itoa(day.Day()), "interval", "1")
	sam.check("After a number of times")
	sam.fill("count", "3")
	sam.follow(button("Schedule"))
	sam.see("main h1", "Rye bake-along")
	sam.see(".facts", "0 going of 3")
	first := sam.path()
	if n := eval[int](sam, `document.querySelectorAll("main .kind").length`); n != 1 || !sam.hasText("main .kind", "series") {
		sam.fatalf("the gathering page does not say it is a series")
	}
	runJobs()

	// 2. Four members answer going; the fourth joins the waitlist.
	tabs := map[string]*tab{}
	for i, m := range members {
		p := b.person(m.name)
		p.signIn(base, m.handle, m.name)
		p.open(base + first)
		if i < 3 {
			p.follow(button("Going"))
			p.see(".rsvp [role=status]", "You are going.")
		} else {
			p.follow(button("Join the waitlist"))
			p.see(".rsvp [role=status]", "number 1 on the waitlist")
		}
		tabs[m.handle] = p
	}
	sam.open(base + first)
	sam.see(".facts", "3 going of 3, 1 waiting")
	runJobs()

	// 3. Ben cannot come after all: Dee is promoted and told.
	tabs["ben"].open(base + first)
	tabs["ben"].follow(button("Not going"))
	tabs["ben"].see(".rsvp [role=status]", "You are not going.")
	runJobs()
	dee := tabs["dee"]
	dee.open(base + "/notifications")
	dee.see("ul.notifications", "freed a place for you at", "Rye bake-along")
	dee.open(base + first)
	dee.see(".rsvp [role=status]", "You are going.")
	dee.see(".facts", "3 going of 3")

	// 4. Ana and Cai write the notes together: Cai adds to what Ana wrote.
	ana, cai := tabs["ana"], tabs["cai"]
	ana.open(base + first)
	ana.follow(link("Write the notes"))
	ana.fill("body", "## Rye\n\nRye needs a longer, warmer proof than wheat: four hours at 26 °C.")
	ana.follow(button("Save"))
	ana.see("#notes-h + .prose", "four hours at 26 °C")
	cai.open(base + first)
	cai.follow(link("Add to the notes"))
	cai.typeAfter("f-body", "26 °C.", "\n\nScore the loaf shallowly: rye does not open like wheat.")
	cai.follow(button("Save"))
	cai.see("#notes-h + .prose", "four hours at 26 °C", "Score the loaf shallowly")
	cai.see(".gathering-text:has(#notes-h) .meta", "Revision 2", "Cai Wen")

	// 5. Ana captures the proofing lesson as an entry of the library.
	ana.open(base + first)
	ana.follow(link("Capture as an entry"))
	ana.fillByID("f-excerpt", "Rye needs a longer, warmer proof than wheat: four hours at 26 °C.")
	ana.follow(button("Continue to the entry"))
	ana.fill("title", "Proof rye longer and warmer", "summary", "Rye wants four warm hours to proof, not the two wheat needs.")
	if got := eval[string](ana, `document.getElementById("f-body").value`); got == "" {
		ana.fatalf("the new entry is not pre-filled from the notes")
	}
	ana.follow(button("Publish"))
	ana.see("main h1", "Proof rye longer and warmer")
	ana.see("main", "Rye bake-along")
	ana.open(base + first)
	ana.see(".gathering-text:has(#notes-h)", "Captured from this gathering", "Proof rye longer and warmer")
}

// hasText reports whether the element matching css holds text, in any case
// (CSS may show it in capitals).
func (p *tab) hasText(css, text string) bool {
	p.t.Helper()
	return eval[bool](p, fmt.Sprintf(`(document.querySelector(%q)?.textContent || "").toLowerCase().includes(%q)`, css, strings.ToLower(text)))
}

// setValue sets an input's value as a date or time picker would (typing into
// them depends on the browser's locale) and says so with input and change
// events.
func (p *tab) setValue(id, value string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => {
		const e = document.getElementById(%q);
		if (!e) return false;
		e.value = %q;
		e.dispatchEvent(new Event("input", {bubbles: true}));
		e.dispatchEvent(new Event("change", {bubbles: true}));
		return e.value === %q;
	})()`, id, value, value)
	if err := chromedp.Do(p.ctx, chromedp.WaitVisible(chromedp.ID(id))); err != nil {
		p.fatalf("find #%s: %v", id, err)
	}
	if !eval[bool](p, js) {
		p.fatalf("#%s does not take %q", id, value)
	}
}
