package e2e

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/db/dbtest"
)

// TestNewcomerJourney walks the foundation's whole journey in a real browser:
// a newcomer sets up an empty instance and becomes its administrator; a second
// person signs up, confirms their address and starts a community with a
// charter; a third finds it in the directory by its tag and asks to join; the
// steward approves; the third sees it among their communities.
func TestNewcomerJourney(t *testing.T) {
	ctx := testContext(t)
	b := newBrowser(t, ctx)
	s := startHearth(t)

	// 1. The first visitor of an empty instance is sent to set it up.
	ada := b.person("Ada (newcomer)")
	ada.open(s.URL + "/")
	ada.at("/setup")
	ada.see("h1", "Welcome to Hearth")
	ada.fill(
		"instance_name", "Northfield College",
		"name", "Ada Okafor",
		"handle", "ada",
		"email", "ada@example.org",
		"password", "short",
	)
	// A password that is too short: the form comes back with the error next
	// to the field, keeping everything else that was typed.
	ada.pressExpecting(button("Set up Hearth"), http.StatusUnprocessableEntity)
	ada.at("/setup")
	ada.see("#e-password", "8")
	if got := eval[string](ada, `document.getElementById("f-password").getAttribute("aria-invalid") || ""`); got != "true" {
		ada.fatalf("the password field is not marked invalid (aria-invalid=%q)", got)
	}
	for id, want := range map[string]string{"f-instance_name": "Northfield College", "f-name": "Ada Okafor", "f-handle": "ada", "f-email": "ada@example.org"} {
		if got := eval[string](ada, `document.getElementById("`+id+`").value`); got != want {
			ada.fatalf("after the error, #%s holds %q, want %q as typed", id, got, want)
		}
	}
	ada.fill("password", "kettle lantern orchard")
	ada.press(button("Set up Hearth"))
	ada.at("/admin/departments")
	ada.see(".flash", "Your instance is ready")
	ada.see("header.site", "Northfield College", "Ada Okafor", "Administration")
	ada.press(button("Sign out"))
	ada.at("/")
	ada.see(".flash", "You are signed out.")
	ada.see("header.site", "Sign in", "Sign up")
	ada.seeNo("header.site", "Ada Okafor")

	// 2. A second person signs up, confirms their address, starts a community.
	noor := b.person("Noor (steward)")
	signUp(t, s, noor, "Noor Haddad", "noor")
	noor.open(s.URL + "/communities/new")
	noor.see("h1", "Start a community")
	noor.fill(
		"name", "Simulation in Nursing Education",
		"purpose", "We design, run and debrief clinical simulations, and share what works with every cohort.",
		"scope", "Simulation scenarios, debriefing and assessment. Not equipment purchasing.",
		"key_questions", "How do we debrief well?\nWhich scenarios transfer to the ward?",
		"who_should_join", "Nurse educators, clinical skills staff and anyone who runs a scenario.",
		"tags", "simulation, nursing, debriefing",
	)
	noor.check("Public: anyone")
	noor.check("On request: a steward approves")
	noor.press(button("Start the community"))
	slug := strings.TrimPrefix(noor.path(), "/c/")
	if slug == "" || strings.Contains(slug, "/") {
		noor.fatalf("after starting the community, at %s, want /c/{slug}", noor.path())
	}
	noor.see(".flash", "Your community is open")
	noor.see(".community-head h1", "Simulation in Nursing Education")
	noor.see(".community-head .badges", "1 member")
	noor.see("main", "We design, run and debrief clinical simulations", "How do we debrief well?", "Which scenarios transfer to the ward?")
	noor.see("main aside", "Stewards", "Noor Haddad", "simulation", "debriefing")
	noor.open(s.URL + "/c/" + slug + "/charter")
	noor.see("main", "Not equipment purchasing.", "Nurse educators, clinical skills staff")

	// 3. A third person signs up, finds the community by its tag, asks to join.
	tomas := b.person("Tomás (newcomer)")
	signUp(t, s, tomas, "Tomás Ruiz", "tomas")
	tomas.press(link("Communities"))
	tomas.at("/communities")
	tomas.see("#f-tag", "debriefing (1)")
	// Choosing a tag filters in place (htmx); the Filter button does the
	// same without JavaScript. Both must show the community.
	tomas.selectOption("tag", "debriefing")
	tomas.waitUntil("the directory shows the communities tagged debriefing",
		`location.search.includes("tag=debriefing") && document.querySelectorAll("#directory .card").length === 1`)
	tomas.see("#directory .card", "Simulation in Nursing Education", "1 member", "We design, run and debrief")
	tomas.press(button("Filter"))
	if got := tomas.path(); !strings.HasPrefix(got, "/communities?") || !strings.Contains(got, "tag=debriefing") {
		tomas.fatalf("after filtering, at %s, want /communities?tag=debriefing", got)
	}
	if got := eval[string](tomas, `document.getElementById("f-tag").selectedOptions[0].textContent`); got != "debriefing (1)" {
		tomas.fatalf("the filtered directory's tag select shows %q, want the chosen tag", got)
	}
	tomas.see("#directory .card", "Simulation in Nursing Education", "1 member", "We design, run and debrief")
	tomas.press(link("Simulation in Nursing Education"))
	tomas.at("/c/" + slug)
	tomas.see("main aside", "Take part", "Ask to join")
	tomas.fillByID("join-message-"+slug, "I run the night-shift skills sessions and would like to learn your debriefing method.")
	tomas.press(button("Ask to join"))
	tomas.at("/c/" + slug)
	tomas.see(".flash", "Your request is with the stewards")
	tomas.see("main aside", "You asked to join; a steward will answer soon.", "Withdraw my request")
	tomas.open(s.URL + "/")
	tomas.see("main", "Waiting for a steward", "Simulation in Nursing Education")
	tomas.see("section[aria-labelledby=mine-h]", "You have not joined a community yet.")

	// 4. The steward approves the request.
	noor.open(s.URL + "/c/" + slug + "/members")
	noor.see("main .members", "Tomás Ruiz", "Asks to join", "night-shift skills sessions")
	noor.press(button("Approve Tomás Ruiz"))
	noor.at("/c/" + slug + "/members")
	noor.see(".flash", "Welcomed @tomas.")
	noor.seeNo("main .members", "Asks to join")
	noor.see("main .members", "Tomás Ruiz", "member since")
	noor.see(".community-head .badges", "2 members")
	noor.open(s.URL + "/")
	noor.see("section[aria-labelledby=new-h]", "Tomás Ruiz joined Simulation in Nursing Education")

	// 5. The third person finds the community among their own.
	tomas.open(s.URL + "/")
	tomas.see("h1", "Tomás Ruiz")
	tomas.see("section[aria-labelledby=mine-h]", "Your communities", "Simulation in Nursing Education", "Member")
	tomas.seeNo("main", "Waiting for a steward")
	// His own joining is not news to him; the community's start is (its founder's membership is part of that start).
	tomas.see("section[aria-labelledby=new-h]", "Noor Haddad started Simulation in Nursing Education")
	tomas.seeNo("section[aria-labelledby=new-h]", "Noor Haddad joined")
	tomas.press(link("Simulation in Nursing Education"))
	tomas.at("/c/" + slug)
	tomas.see("main aside", "You are a member of this community.")
	png := tomas.screenshot()
	dir := t.TempDir()
	if keep := os.Getenv("HEARTH_E2E_SCREENSHOTS"); keep != "" { // to look at it afterwards
		dir = keep
	}
	shot := filepath.Join(dir, "community-home.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("community home page: %d-byte screenshot in %s", len(png), shot)
}

// signUp has a person create an account at /signup, confirm their address
// with the link from the mail and sign in, ending signed in and verified on /.
func signUp(t *testing.T, s *site, p *tab, name, handle string) {
	t.Helper()
	email := handle + "@example.org"
	password := "quiet river " + handle + " stones"
	p.open(s.URL + "/signup")
	p.see("h1", "Create your account")
	p.fill("name", name, "handle", handle, "email", email, "password", password)
	p.press(button("Create account"))
	p.see("h1", "Check your e-mail")
	p.see("main", "We sent a message to "+email)
	p.see("header.site", "Sign in")
	p.open(s.mailLink(email))
	p.at("/signin")
	p.see(".flash", "your e-mail address is confirmed")
	p.fill("email", email, "password", password)
	p.press(button("Sign in"))
	p.at("/")
	p.see("header.site", name)
	if n := eval[int](p, `document.querySelectorAll(".notice").length`); n != 0 {
		p.fatalf("the confirm-your-address notice shows after confirming")
	}
}

// TestKeyboardAndLandmarks checks what a keyboard or screen-reader user
// relies on: the first Tab reaches the skip link, the skip link moves focus
// to the main content, and every page declares its language and has a main
// landmark with id "main".
func TestKeyboardAndLandmarks(t *testing.T) {
	ctx := testContext(t)
	b := newBrowser(t, ctx)
	env := apptest.New(t, dbtest.SQLite(t))
	env.Community(env.Admin, "pottery", "public", "open")

	p := b.person("keyboard user")
	p.open(env.Server.URL + "/signin")
	p.pressKey("\t")
	if got := eval[string](p, `document.activeElement ? document.activeElement.className : ""`); got != "skip" {
		p.fatalf("the first Tab focuses %q, want the skip link (class skip)", eval[string](p, `document.activeElement.outerHTML`))
	}
	if got := eval[string](p, `document.activeElement.textContent.trim()`); got != "Skip to content" {
		p.fatalf("the skip link says %q", got)
	}
	p.pressKey("\r")
	if got := eval[string](p, `document.activeElement ? document.activeElement.id : ""`); got != "main" {
		p.fatalf("after Enter on the skip link, focus is on %q, want main", eval[string](p, `document.activeElement.outerHTML.slice(0, 200)`))
	}

	for _, path := range []string{"/", "/signin", "/signup", "/reset", "/communities", "/c/pottery", "/c/pottery/charter", "/no-such-page"} {
		if path == "/no-such-page" {
			p.openAny(env.Server.URL + path)
		} else {
			p.open(env.Server.URL + path)
		}
		if lang := eval[string](p, `document.documentElement.lang`); lang != "en" {
			p.fatalf("%s: <html lang=%q>, want en", path, lang)
		}
		if n := eval[int](p, `document.querySelectorAll("main#main").length`); n != 1 {
			p.fatalf("%s: %d <main id=main> elements, want 1", path, n)
		}
		if n := eval[int](p, `document.querySelectorAll("h1").length`); n < 1 {
			p.fatalf("%s: no h1", path)
		}
	}
}
