package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/activity"
	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// recordActivity records a as a capability would, inside a transaction.
func recordActivity(t *testing.T, e *apptest.Env, a activity.Activity) {
	t.Helper()
	err := e.DB.WithTx(context.Background(), func(tx *db.Tx) error {
		_, err := activity.Record(context.Background(), tx, a)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Worker.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
}

var unreadBadge = regexp.MustCompile(`<span class="count">(\d+)<span class="sr"> unread</span>`)

func TestNotificationsPageCountAndRead(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam, mia := e.Person("sam"), e.Person("mia")
		c := e.Community(sam, "bread", community.Private, community.Invite)
		e.SetMembership("bread", mia, community.RoleMember, community.ActiveMember)
		recordActivity(t, e, activity.Activity{ActorID: sam.PersonID, Verb: activity.CommentAdded, SubjectKind: "community", SubjectID: c.ID,
			CommunityID: c.ID, Title: "Sourdough <b>starter</b>", URL: "/c/bread/practice/sourdough#comment-1", Excerpt: "Ask @mia",
			Targets: []activity.Target{{PersonID: mia.PersonID, Reason: "mention"}}})

		if res := e.Visitor().Get("/notifications"); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/signin") {
			t.Fatalf("visitor: %d %s", res.Status, res.Location)
		}
		as := e.As("mia")
		res := as.Get("/notifications")
		if res.Status != http.StatusOK {
			t.Fatalf("GET /notifications = %d", res.Status)
		}
		if m := unreadBadge.FindStringSubmatch(res.Body); m == nil || m[1] != "1" {
			t.Fatalf("header shows no unread count of 1")
		}
		for _, want := range []string{"Sam", "commented on", "Sourdough &lt;b&gt;starter&lt;/b&gt;", "you were mentioned", "Ask @mia"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("notifications page lacks %q", want)
			}
		}
		// A community's page reads the count with the community (no query
		// of its own): the same badge, for its reader only.
		if m := unreadBadge.FindStringSubmatch(as.Get("/c/bread").Body); m == nil || m[1] != "1" {
			t.Error("a community's page shows no unread count of 1")
		}
		if unreadBadge.MatchString(e.As("sam").Get("/c/bread").Body) {
			t.Error("a community's page shows another person's unread count")
		}
		id := regexp.MustCompile(`action="/notifications/(\d+)/open"`).FindStringSubmatch(res.Body)
		if id == nil {
			t.Fatal("no open button")
		}
		// Someone else cannot open (or learn of) Mia's notification.
		if res := e.As("sam").Post("/notifications/"+id[1]+"/open", nil); res.Status != http.StatusNotFound {
			t.Fatalf("another person opening it: %d", res.Status)
		}
		res = as.Post("/notifications/"+id[1]+"/open", nil)
		if res.Status != http.StatusSeeOther || res.Location != "/c/bread/practice/sourdough#comment-1" {
			t.Fatalf("open: %d %q", res.Status, res.Location)
		}
		if unreadBadge.MatchString(as.Get("/").Body) || unreadBadge.MatchString(as.Get("/c/bread").Body) {
			t.Fatal("the count stays after reading")
		}
		// Nothing to read for a person told of nothing.
		if res := e.As("sam").Get("/notifications"); !strings.Contains(res.Body, "Nothing yet") {
			t.Error("empty state missing")
		}
	})
}

func TestEmailChoicesAndUnsubscribeLink(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam, mia := e.Person("sam"), e.Person("mia")
		c := e.Community(sam, "bread", community.Public, community.Open)
		e.SetMembership("bread", mia, community.RoleMember, community.ActiveMember)
		as := e.As("mia")
		if !strings.Contains(as.Get("/account").Body, `href="/account/notifications"`) {
			t.Fatal("the account page does not lead to the e-mail choices")
		}
		if res := as.Post("/account/notifications", url.Values{"email": {"hourly"}}); res.Status != http.StatusUnprocessableEntity && res.Status != http.StatusBadRequest {
			t.Fatalf("an unknown choice: %d", res.Status)
		}
		res := as.Post("/account/notifications", url.Values{"email": {"immediate"}, "email-" + strconv.FormatInt(c.ID, 10): {"daily"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("save choices: %d %s", res.Status, res.Body)
		}
		page := as.Get("/account/notifications").Body
		if !strings.Contains(page, `<option value="daily" selected>`) {
			t.Fatal("the community's choice is not shown")
		}
		as.Post("/account/notifications", url.Values{"email": {"immediate"}, "email-" + strconv.FormatInt(c.ID, 10): {""}})

		recordActivity(t, e, activity.Activity{ActorID: sam.PersonID, Verb: activity.EntryImproved, SubjectKind: "membership", SubjectID: 1,
			CommunityID: c.ID, Title: "Rye", URL: "/c/bread", Targets: []activity.Target{{PersonID: mia.PersonID, Reason: "mention"}}})
		var body string
		if err := d.QueryRowContext(context.Background(), `SELECT body FROM mail_outbox WHERE to_addr = $1 AND subject LIKE '%Rye%'`,
			"mia@example.org").Scan(&body); err != nil {
			// Mia is no steward, so a membership request is not hers to see.
			if !strings.Contains(err.Error(), "no rows") {
				t.Fatal(err)
			}
		} else {
			t.Fatalf("mailed about a subject she may not see:\n%s", body)
		}
		recordActivity(t, e, activity.Activity{ActorID: sam.PersonID, Verb: activity.MemberJoined, SubjectKind: "community", SubjectID: c.ID,
			CommunityID: c.ID, Title: "Bread", URL: "/c/bread", Targets: []activity.Target{{PersonID: mia.PersonID, Reason: "mention"}}})
		if err := d.QueryRowContext(context.Background(), `SELECT body FROM mail_outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT 1`,
			"mia@example.org").Scan(&body); err != nil {
			t.Fatal(err)
		}
		link := regexp.MustCompile(`https?://\S+/unsubscribe\?\S+`).FindString(body)
		if link == "" {
			t.Fatalf("no unsubscribe link in:\n%s", body)
		}
		u, _ := url.Parse(link)
		visitor := e.Visitor()
		if res := visitor.Get(u.RequestURI()); res.Status != http.StatusOK || !strings.Contains(res.Body, "Stop e-mail") {
			t.Fatalf("unsubscribe page: %d", res.Status)
		}
		if res := visitor.Get("/unsubscribe?p=1&c=0&t=forged"); res.Status != http.StatusNotFound {
			t.Fatalf("forged link: %d", res.Status)
		}
		// A mail program's one-click POST (RFC 8058): no cookies, no Origin.
		req, _ := http.NewRequest(http.MethodPost, e.Server.URL+u.RequestURI(), strings.NewReader("List-Unsubscribe=One-Click"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res = visitor.Do(req)
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "E-mail stopped") {
			t.Fatalf("one-click unsubscribe: %d\n%s", res.Status, res.Body)
		}
		if page := as.Get("/account/notifications").Body; !strings.Contains(page, `<option value="never" selected>`) {
			t.Fatal("the community's e-mail is not stopped")
		}
	})
}
