package e2e

import (
	"net/url"
	"regexp"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

var inviteLink = regexp.MustCompile(`https?://\S+/signup\?invite=[A-Za-z0-9_-]+`)

// TestInviteJourney: a steward invites two addresses and one handle from the
// community's home in one go; one invitee opens the link from her e-mail,
// sees on the sign-up page who invited her to which community, signs up and
// is a member at once; the steward sees the waiting list shrink and
// withdraws another invitation, after a confirmation step.
func TestInviteJourney(t *testing.T) {
	ctx := testContext(t)
	b := newBrowser(t, ctx)
	env := apptest.New(t, dbtest.SQLite(t))
	base := env.Server.URL
	newPerson(env, "sam", "Sam Reyes")
	sam := env.Actor("sam")
	const slug = "wood-turning"
	env.Community(sam, slug, community.Private, community.Invite)
	newPerson(env, "leo", "Leo Brandt")

	// 1. From the community's home, Sam invites three people at once, one of them mistyped.
	steward := b.person("Sam (steward)")
	steward.signIn(base, "sam", "Sam Reyes")
	steward.open(base + "/c/" + slug)
	steward.see("#invite-h", "Invite people")
	steward.fillByID("f-who", "Olive Park <olive@example.org>, pat@example.org\n@leo\nnot-an-address@")
	steward.pressExpecting(button("Send the invitations"), 422)
	steward.at("/c/" + slug + "/members/invite") // the home again, as the form's answer
	steward.see("#e-who", "1 person was not invited")
	steward.see("#e-who-lines", "not-an-address@")
	steward.see(".invite-form", "Invitation sent to Olive Park (olive@example.org), pat@example.org, @leo")
	if got := eval[string](steward, `document.getElementById("f-who").value`); got != "not-an-address@" {
		steward.fatalf("the form kept %q, want only the address that failed", got)
	}
	steward.open(base + "/c/" + slug + "/members")
	steward.see("#invitations", "Olive Park <olive@example.org>", "pat@example.org", "Leo Brandt (@leo)")

	// 2. Olive opens the link in her e-mail, sees who invites her where, signs up, and is a member.
	olive := b.person("Olive (invitee)")
	var body string
	if err := env.DB.QueryRowContext(ctx, "SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1", "olive@example.org").Scan(&body); err != nil {
		t.Fatalf("no mail to olive: %v", err)
	}
	mailed := inviteLink.FindString(body)
	if mailed == "" {
		t.Fatalf("no invitation link in the mail:\n%s", body)
	}
	u, _ := url.Parse(mailed)
	olive.open(base + u.RequestURI())
	olive.see("h1", "Create your account")
	olive.see(".invitation", "Sam Reyes invites you", "Community "+slug)
	if got := eval[string](olive, `document.getElementById("f-name").value + "|" + document.getElementById("f-email").value`); got != "Olive Park|olive@example.org" {
		olive.fatalf("the sign-up form holds %q, want the name and address Sam gave", got)
	}
	olive.fill("handle", "olive", "password", "quiet river olive stones")
	olive.press(button("Create account"))
	olive.at("/c/" + slug)
	olive.see(".flash", "you are a member now")
	olive.see("main aside", "You are a member of this community.")
	olive.seeNo("main", "Accept")

	// 3. Sam sees the list shrink, and withdraws Pat's invitation after confirming.
	steward.open(base + "/c/" + slug + "/members")
	steward.seeNo("#invitations", "Olive Park")
	steward.see(".members", "Olive Park")
	steward.see("#invitations", "pat@example.org", "Leo Brandt (@leo)")
	steward.follow(link("Withdraw the invitation of pat@example.org…"))
	steward.see("h1", "Withdraw the invitation of pat@example.org?")
	steward.press(button("Withdraw the invitation"))
	steward.at("/c/" + slug + "/members")
	steward.see(".flash", "Withdrew the invitation of pat@example.org.")
	steward.seeNo("#invitations", "pat@example.org")
	steward.see("#invitations", "Leo Brandt (@leo)")
}
