package e2e

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// TestMentionAndStewardJourney walks the activity journey in a real browser:
// a member comments on an entry and mentions a colleague by picking her from
// the @-suggestions; she sees the unread count in the header, opens the
// notification and lands on the comment; a steward sees a request to join on
// their home page and approves it from there. The job queue runs between the
// steps, as the server's worker would.
func TestMentionAndStewardJourney(t *testing.T) {
	start := time.Now()
	ctx := testContext(t)
	b := newBrowser(t, ctx)

	// Arranged without the browser: a public community joined on request,
	// stewarded by Sam, with Leo, Mara and Mateo in it, and an entry by Sam.
	env := apptest.New(t, dbtest.SQLite(t))
	base := env.Server.URL
	runJobs := func() {
		t.Helper()
		if _, err := env.Worker.RunDue(ctx); err != nil {
			t.Fatalf("run the jobs: %v", err)
		}
	}
	sam := newPerson(env, "sam", "Sam Reyes")
	const slug = "night-nursing"
	env.Community(sam, slug, community.Public, community.Request)
	for handle, name := range map[string]string{"leo": "Leo Brandt", "mara": "Mara Lind", "mateo": "Mateo Ruiz"} {
		env.SetMembership(slug, newPerson(env, handle, name), community.RoleMember, community.ActiveMember)
	}
	nia := newPerson(env, "nia", "Nia Mensah")
	res := env.As("sam").Post("/c/"+slug+"/practice/new", url.Values{"kind": {"practice"}, "title": {"Double-check insulin at handover"},
		"summary": {"Two nurses read the dose aloud."}, "body": {"Read the dose aloud, both of you."}, "action": {"publish"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("publish the entry: %d\n%s", res.Status, res.Body)
	}
	entry := res.Location
	runJobs()
	t.Logf("arranged in %v", time.Since(start).Round(time.Millisecond))

	// 1. Leo types "@ma" in the comment form, closes the suggestions with
	// Escape, narrows them to "@mat" and back, looks through them with the
	// arrows and picks Mara with Enter.
	leo := b.person("Leo (member)")
	leo.signIn(base, "leo", "Leo Brandt")
	leo.open(base + entry)
	leo.selectText("f-body", "", false)
	leo.typeHere("f-body", "Thanks! @ma")
	leo.waitUntil("the suggestions list Mara and Mateo", `(() => {
		const l = document.getElementById(document.getElementById("f-body").getAttribute("aria-controls") || "");
		return !!l && !l.hidden && l.querySelectorAll('[role=option]').length === 2;
	})()`)
	if got := leo.texts(`[role=listbox] [role=option]`); len(got) != 2 || !strings.HasPrefix(got[0], "Mara Lind") || !strings.HasPrefix(got[1], "Mateo Ruiz") {
		leo.fatalf("the suggestions are %q, want Mara Lind then Mateo Ruiz", got)
	}
	listOpen := `!document.querySelector("[role=listbox]").hidden`
	leo.pressKey(kb.Escape)
	if eval[bool](leo, listOpen) {
		leo.fatalf("Escape did not close the suggestions")
	}
	leo.typeHere("f-body", "t")
	leo.waitUntil("the suggestions for @mat list Mateo alone", listOpen+` && document.querySelectorAll("[role=option]").length === 1`)
	leo.pressKey(kb.Backspace)
	leo.waitUntil("the suggestions for @ma list two people again", listOpen+` && document.querySelectorAll("[role=option]").length === 2`)
	selected := func() string {
		return eval[string](leo, `(() => { const a = document.getElementById("f-body").getAttribute("aria-activedescendant");
			return a ? document.getElementById(a).textContent : ""; })()`)
	}
	leo.pressKey(kb.ArrowDown)
	if got := selected(); !strings.Contains(got, "@mateo") {
		leo.fatalf("after the down arrow, %q is chosen, want Mateo", got)
	}
	leo.pressKey(kb.ArrowUp)
	if got := selected(); !strings.Contains(got, "@mara") {
		leo.fatalf("after the up arrow, %q is chosen, want Mara", got)
	}
	leo.pressEnter()
	leo.typeHere("f-body", "could you check the dose chart tonight?")
	const comment = "Thanks! @mara could you check the dose chart tonight?"
	if got := eval[string](leo, `document.getElementById("f-body").value`); got != comment {
		leo.fatalf("the comment holds %q, want %q", got, comment)
	}
	if eval[bool](leo, listOpen) {
		leo.fatalf("the suggestions are still open after choosing")
	}
	leo.follow(button("Post comment"))
	leo.see("main", comment)
	runJobs()

	// 2. Mara sees the unread count, opens the notification and lands on
	// Leo's comment.
	mara := b.person("Mara (mentioned)")
	mara.signIn(base, "mara", "Mara Lind")
	mara.see(`header.site a.notif .count`, "1")
	mara.follow(chromedp.Search(`//header//a[contains(@class, "notif")]`))
	mara.at("/notifications")
	mara.see("ul.notifications li.unread", "Leo Brandt", "Double-check insulin at handover", "you were mentioned")
	mara.follow(chromedp.Search(`//ul[contains(@class, "notifications")]//button[starts-with(normalize-space(.), "Open and mark read")]`))
	loc, err := chromedp.Run(mara.ctx, chromedp.Location())
	if err != nil {
		mara.fatalf("location: %v", err)
	}
	anchor := regexp.MustCompile(`^` + regexp.QuoteMeta(base+entry) + `#(comment-\d+)$`).FindStringSubmatch(loc)
	if anchor == nil {
		mara.fatalf("the notification led to %s, want %s#comment-N", loc, base+entry)
	}
	mara.see("#"+anchor[1], "Leo Brandt", "could you check the dose chart tonight?")
	if got := mara.text("#" + anchor[1] + " a.mention"); got != "@mara" {
		mara.fatalf("the mention in the comment reads %q, want a link @mara", got)
	}
	inView := `(() => { const r = document.getElementById(` + jsString(anchor[1]) + `).getBoundingClientRect();
		return r.top < window.innerHeight && r.bottom > 0; })()`
	mara.waitUntil("the comment is in view", inView)
	if eval[int](mara, `document.querySelectorAll("header.site a.notif .count").length`) != 0 {
		mara.fatalf("the header still shows an unread count after opening the only notification")
	}

	// 3. Nia asks to join; Sam sees the request on his home page and approves
	// it from there.
	if _, err := env.Communities.Join(ctx, nia, slug, "I run the night shift on ward 4."); err != nil {
		t.Fatalf("nia asks to join: %v", err)
	}
	runJobs()
	samTab := b.person("Sam (steward)")
	samTab.signIn(base, "sam", "Sam Reyes")
	samTab.open(base + "/")
	samTab.see("section[aria-labelledby=todo-h]", "Waiting for you as steward", "Nia Mensah", "I run the night shift on ward 4.")
	samTab.follow(button("Approve Nia Mensah in Community " + slug))
	samTab.at("/")
	samTab.see(".flash", "Welcomed")
	if n := eval[int](samTab, `document.querySelectorAll("section[aria-labelledby=todo-h]").length`); n != 0 {
		samTab.fatalf("the home page still lists requests after approving the only one")
	}
	var status string
	if err := env.DB.QueryRowContext(ctx, `SELECT m.status FROM memberships m JOIN communities c ON c.id = m.community_id
		WHERE c.slug = $1 AND m.person_id = $2`, slug, nia.PersonID).Scan(&status); err != nil || status != string(community.ActiveMember) {
		t.Fatalf("Nia's membership is %q (%v), want active", status, err)
	}
	t.Logf("the journey took %v", time.Since(start).Round(time.Millisecond))
}

// pressEnter presses Enter as a keyboard does: one key-down carrying its
// text, so that the browser types it only when no handler of the key-down
// event prevented that (chromedp's KeyEvent sends the text in a separate
// event, typed whatever the handlers did).
func (p *tab) pressEnter() {
	p.t.Helper()
	key := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
	press := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down, up := key, key
		down.Text, down.UnmodifiedText = "\r", "\r"
		up.Type = input.DispatchKeyEventTypeKeyUp
		for _, k := range []input.DispatchKeyEventParams{down, up} {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, k); err != nil {
				return err
			}
		}
		return nil
	})
	if err := chromedp.Do(p.ctx, press); err != nil {
		p.fatalf("press Enter: %v", err)
	}
}
