package e2e

import (
	"context"
	_ "embed"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// axeSource is axe-core (npm axe-core 4.14.1, MPL-2.0, testdata/axe-LICENSE.txt),
// injected into pages by the tests only; the site never serves it.
//
//go:embed testdata/axe.min.js
var axeSource string

// designTimeout bounds the design tests: many page loads at two widths (about
// 130 axe runs in TestAccessibilityOfMainPages, slow on a busy machine).
const designTimeout = 10 * time.Minute

// designSite is a running Hearth with a community that has a library: Sam
// stewards it, Mia is a member who wrote three entries, and the
// administrator is Ada.
type designSite struct {
	env   *apptest.Env
	base  string
	slug  string
	entry string // the path of Mia's first entry
	title string // its title
	// Talk and gatherings: Mia's question with Sam's answer, and Sam's
	// gathering next week (its page and its date's page).
	thread, gathering, occurrence string
}

func newDesignSite(t *testing.T) *designSite {
	t.Helper()
	env := apptest.New(t, dbtest.SQLite(t))
	sam := newPerson(env, "sam", "Sam Reyes")
	mia := newPerson(env, "mia", "Mia Okafor")
	const slug = "night-nursing"
	env.Community(sam, slug, community.Public, community.Open)
	env.SetMembership(slug, mia, community.RoleMember, community.ActiveMember)
	d := &designSite{env: env, base: env.Server.URL, slug: slug, title: "Hand over the night shift at the bedside"}
	c := env.As("mia")
	for i, title := range []string{d.title, "Keep the drug round quiet", "A checklist for the first night"} {
		res := c.Post("/c/"+slug+"/practice/new", url.Values{"kind": {[]string{"lesson", "story", "practice"}[i]}, "title": {title},
			"summary": {"What we learned when the night handover moved from the office to the bedside, and why we kept it."},
			"body":    {"## The situation\n\nWe kept a whiteboard of open tasks by the station.\n\n## What happened\n\nIt worked."},
			"tags":    {"handover, nights"}, "action": {"publish"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("publish %q: %d\n%s", title, res.Status, res.Body)
		}
		if i == 0 {
			d.entry = res.Location
		}
	}
	d.thread = designPost(t, c, "/c/"+slug+"/talk/new", url.Values{"kind": {"question"}, "title": {"How do you keep the night handover short?"},
		"body": {"Ours takes forty minutes. What do you **leave out**?"}, "tags": {"handover"}, "ask": {"anyway"}})
	d.thread, _, _ = strings.Cut(d.thread, "?")
	steward := env.As("sam")
	designPost(t, steward, d.thread+"/posts", url.Values{"kind": {"answer"}, "body": {"We read only what changed since the day shift."}})
	d.gathering = designPost(t, steward, "/c/"+slug+"/gatherings/new", url.Values{"title": {"Night shift round table"}, "zone": {"Europe/Paris"},
		"date": {time.Now().AddDate(0, 0, 7).Format(time.DateOnly)}, "start_time": {"18:00"}, "end_time": {"19:00"}, "place": {"Ward 3 office"},
		"capacity": {"12"}, "repeat": {""}})
	var occ int64
	if err := env.DB.QueryRowContext(t.Context(), `SELECT MIN(o.id) FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id
		WHERE g.title = 'Night shift round table'`).Scan(&occ); err != nil {
		t.Fatalf("the gathering's date: %v", err)
	}
	d.occurrence = d.gathering + "/o/" + strconv.FormatInt(occ, 10)
	// A pending invitation and a shareable link, listed on the members page;
	// a pinned thread, so the moderation shows in the talk list and thread.
	designPost(t, steward, "/c/"+slug+"/members/invite", url.Values{"who": {"Lou Newcomer <lou@example.org>"}})
	designPost(t, steward, "/c/"+slug+"/invitation-links", url.Values{"days": {"7"}, "max_uses": {"10"}})
	designPost(t, steward, d.thread+"/pin", url.Values{"pinned": {"yes"}})
	// The gathering has a programme: Mia speaks in its one session, is
	// going and has it in her schedule.
	day := time.Now().AddDate(0, 0, 7).Format(time.DateOnly)
	designPost(t, steward, d.gathering+"/sessions/new", url.Values{"title": {"Checklists at the bedside"}, "date": {day}, "start_time": {"18:00"},
		"end_date": {day}, "end_time": {"18:30"}, "room": {"Ward 3 office"}, "track": {"Practice"}, "speakers": {"@mia"}, "capacity": {"5"},
		"description": {"What goes on the **list**, and what stays off it."}})
	designPost(t, c, d.occurrence+"/rsvp", url.Values{"answer": {"going"}})
	var session int64
	if err := env.DB.QueryRowContext(t.Context(), `SELECT MIN(id) FROM gathering_sessions`).Scan(&session); err != nil {
		t.Fatalf("the session: %v", err)
	}
	designPost(t, c, d.gathering+"/sessions/"+strconv.FormatInt(session, 10)+"/place", url.Values{"action": {"join"}})
	// Sam lists expertise that Mia has endorsed: profiles, the endorse form
	// and /experts have something to show.
	if res := env.As("sam").Post("/account/expertise", url.Values{"topic_0": {"handover"}, "level_0": {"expert"},
		"topic_1": {"nights"}, "level_1": {"practising"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("sam's expertise: %d", res.Status)
	}
	if res := c.Post("/people/sam/endorse", url.Values{"topic": {"handover"}, "note": {"Taught the whole ward the bedside handover."}}); res.Status != http.StatusSeeOther {
		t.Fatalf("endorse sam: %d", res.Status)
	}
	return d
}

// designPost submits a form that must succeed with a redirect, and returns
// where it leads.
func designPost(t *testing.T, c *apptest.Client, path string, form url.Values) string {
	t.Helper()
	res := c.Post(path, form)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("post %s: %d\n%s", path, res.Status, res.Body)
	}
	return res.Location
}

// viewport sets the tab's width (and a phone's touch screen under 400 px).
func (p *tab) viewport(width int64) {
	p.t.Helper()
	opts := []chromedp.EmulateViewportOption{}
	if width < 400 {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(width, 800, opts...)); err != nil {
		p.fatalf("set the viewport to %d px: %v", width, err)
	}
}

// TestHeaderIsOneRow checks the header stays one row (no taller than one
// control plus its padding) from 1024 px up, for an administrator (the most
// links) and a member, and that the avatar menu holds Account,
// Administration and Sign out while the unread count stays in sight.
func TestHeaderIsOneRow(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), designTimeout)
	t.Cleanup(cancel)
	b := newBrowser(t, ctx)
	d := newDesignSite(t)
	for _, who := range []struct{ handle, name string }{{"admin", "Ada Admin"}, {"mia", "Mia Okafor"}} {
		p := b.person(who.name)
		p.signIn(d.base, who.handle, who.name)
		for _, width := range []int64{1024, 1280} {
			p.viewport(width)
			for _, path := range []string{"/", d.entry, "/c/" + d.slug + "/practice"} {
				p.open(d.base + path)
				if h := eval[float64](p, `document.querySelector("header.site").getBoundingClientRect().height`); h > 72 {
					p.fatalf("at %d px the header of %s is %.0f px high: more than one row", width, path, h)
				}
				if eval[bool](p, `document.documentElement.scrollWidth > window.innerWidth`) {
					p.fatalf("at %d px %s scrolls sideways", width, path)
				}
			}
		}
		// On a phone the header is one row too, without scrolling sideways,
		// and the brand's mark does not run into the first link.
		p.viewport(360)
		for _, path := range []string{"/", "/communities", d.thread, d.occurrence} {
			p.open(d.base + path)
			if eval[bool](p, `document.documentElement.scrollWidth > window.innerWidth`) {
				p.fatalf("at 360 px %s scrolls sideways (%v px wide)", path, eval[float64](p, `document.documentElement.scrollWidth`))
			}
			if w := eval[float64](p, `document.querySelector("header.site .bar").scrollWidth`); w > 360 {
				p.fatalf("at 360 px the header of %s needs %.0f px", path, w)
			}
			if eval[bool](p, `document.querySelector("header.site .mark").getBoundingClientRect().right > document.querySelector("header.site .main-nav a").getBoundingClientRect().left`) {
				p.fatalf("at 360 px on %s the brand's mark overlaps the first link", path)
			}
		}
		p.viewport(1280)
		p.openMenu()
		want := []string{"Account", "Sign out"}
		if who.handle == "admin" {
			want = append(want, "Administration")
		}
		p.see("header.site .menu-list", want...)
		p.see("header.site nav.me", "Notifications")
	}
}

// TestPhoneLibrary checks a member on a 360 px phone: the search box folds
// into a link, the header is one row, the library's first entry starts
// within the first 900 px, nothing scrolls sideways but the tabs.
func TestPhoneLibrary(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), designTimeout)
	t.Cleanup(cancel)
	b := newBrowser(t, ctx)
	d := newDesignSite(t)
	p := b.person("Mia on a phone")
	p.viewport(360)
	p.signIn(d.base, "mia", "Mia Okafor")
	p.open(d.base + "/c/" + d.slug + "/practice")
	if top := eval[float64](p, `document.querySelector(".entries li").getBoundingClientRect().top + window.scrollY`); top > 900 {
		p.fatalf("on a 360 px phone the first library entry starts %.0f px down the page, want within 900", top)
	}
	if eval[bool](p, `getComputedStyle(document.querySelector(".site-search")).display !== "none"`) {
		p.fatalf("on a phone the header shows the whole search box, want a search link")
	}
	if h := eval[float64](p, `document.querySelector("header.site").getBoundingClientRect().height`); h > 72 {
		p.fatalf("on a phone the header is %.0f px high: more than one row", h)
	}
	if eval[bool](p, `document.documentElement.scrollWidth > window.innerWidth`) {
		p.fatalf("on a phone the library scrolls sideways")
	}
	// Every control a thumb touches is at least 44 px high.
	small := eval[[]string](p, `[...document.querySelectorAll("main button, main input:not([type=checkbox]):not([type=radio]), main select, header summary, header .search-link")]
		.filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44).map(e => e.outerHTML.slice(0, 80))`)
	if len(small) > 0 {
		p.fatalf("controls under 44 px on a touch screen: %q", small)
	}
}

// TestEntryHasOneH1 checks the entry's title is the page's only h1, inside
// main, with the maturity at the top, at both widths.
func TestEntryHasOneH1(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), designTimeout)
	t.Cleanup(cancel)
	b := newBrowser(t, ctx)
	d := newDesignSite(t)
	p := b.person("visitor")
	for _, width := range []int64{1280, 360} {
		p.viewport(width)
		p.open(d.base + d.entry)
		if got := eval[[]string](p, `[...document.querySelectorAll("h1")].map(h => (h.closest("main") ? "main: " : "outside: ") + h.textContent.trim())`); len(got) != 1 || got[0] != "main: "+d.title {
			p.fatalf("at %d px the h1 elements are %q, want only the entry's title inside main", width, got)
		}
		p.see(".entry-head .byline", "Published", "By Mia Okafor")
	}
}

// axeViolations runs axe-core in the page with the WCAG 2 A and AA rules and
// the region and heading-order best practices, and returns each violation as
// "rule: where".
func (p *tab) axeViolations() []string {
	p.t.Helper()
	if !eval[bool](p, `typeof axe !== "undefined"`) {
		eval[bool](p, axeSource+";true")
	}
	js := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
		rules: {"region": {enabled: true}, "heading-order": {enabled: true}}, resultTypes: ["violations"]})
		.then(r => r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ")))`
	out, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fatalf("run axe: %v", err)
	}
	return out
}

// TestAccessibilityOfMainPages runs axe-core on the main pages as a
// visitor, a member, a steward and an administrator, at 1280 px and 360 px,
// and fails on any violation.
func TestAccessibilityOfMainPages(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), designTimeout)
	t.Cleanup(cancel)
	b := newBrowser(t, ctx)
	d := newDesignSite(t)
	lib := "/c/" + d.slug + "/practice"
	talk, gatherings := "/c/"+d.slug+"/talk", "/c/"+d.slug+"/gatherings"
	roles := []struct {
		handle, name string
		paths        []string
	}{
		{"", "visitor", []string{"/", "/communities", "/c/" + d.slug, lib, d.entry, "/signin", "/signup", "/help/stages", "/search?q=night",
			talk, d.thread, gatherings, d.gathering}},
		{"mia", "Mia Okafor", []string{"/", "/c/" + d.slug, lib, d.entry, lib + "/new", "/people", "/people/mia", "/people/sam", "/experts?topic=handover", "/notifications", "/account",
			"/search?q=handover", talk, talk + "/new", d.thread, gatherings, gatherings + "/month", d.gathering, d.occurrence, d.occurrence + "/notes",
			"/account/calendar", "/gatherings", d.gathering + "/programme", d.gathering + "/schedule", d.gathering + "/attendees",
			d.thread + "/experts", "/gatherings/month"}},
		{"sam", "Sam Reyes", []string{"/", "/c/" + d.slug, "/c/" + d.slug + "/members", "/c/" + d.slug + "/settings", d.entry,
			talk, d.thread, d.thread + "/close", d.thread + "/move", gatherings + "/new", d.gathering + "/edit", d.occurrence + "/agenda",
			d.gathering + "/sessions/new", d.gathering + "/checkin?q=mia", "/c/" + d.slug + "/participation"}},
		{"admin", "Ada Admin", []string{"/", "/admin", "/admin/people", "/admin/departments", "/styleguide"}},
	}
	for _, role := range roles {
		p := b.person(role.name)
		if role.handle != "" {
			p.signIn(d.base, role.handle, role.name)
		}
		for _, width := range []int64{1280, 360} {
			p.viewport(width)
			for _, path := range role.paths {
				p.open(d.base + path)
				if v := p.axeViolations(); len(v) > 0 {
					t.Errorf("%s at %d px on %s: %d axe violations:\n  %s", role.name, width, path, len(v), strings.Join(v, "\n  "))
				}
			}
		}
	}
}

// TestScreenshots saves the main pages at 1280 px and 360 px under the
// folder HEARTH_SCREENSHOTS names (scripts/screenshots.sh sets it to
// docs/screenshots); without it the test is skipped.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("HEARTH_SCREENSHOTS")
	if dir == "" {
		t.Skip("HEARTH_SCREENSHOTS is not set")
	}
	ctx, cancel := context.WithTimeout(t.Context(), designTimeout)
	t.Cleanup(cancel)
	b := newBrowser(t, ctx)
	d := newDesignSite(t)
	p := b.person("Mia Okafor")
	p.signIn(d.base, "mia", "Mia Okafor")
	pages := []struct{ name, path string }{
		{"home", "/"}, {"directory", "/communities"}, {"community", "/c/" + d.slug},
		{"library", "/c/" + d.slug + "/practice"}, {"entry", d.entry}, {"search", "/search?q=night"},
		{"talk", "/c/" + d.slug + "/talk"}, {"thread", d.thread}, {"gatherings", "/c/" + d.slug + "/gatherings"}, {"gathering", d.occurrence},
	}
	for _, width := range []int64{1280, 360} {
		p.viewport(width)
		for _, pg := range pages {
			p.open(d.base + pg.path)
			name := filepath.Join(dir, pg.name+"-"+map[int64]string{1280: "wide", 360: "phone"}[width]+".png")
			if err := os.WriteFile(name, p.screenshot(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
