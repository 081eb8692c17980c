package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/config"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/ratelimit"
)

// Every rate limit answers 429 with a Retry-After in whole seconds, within
// the window, and the refused request changes nothing.

// limited returns a configuration change that sets act's limit to max a window.
func limited(window time.Duration, max int, acts ...ratelimit.Action) func(*config.Config) {
	return func(c *config.Config) {
		apptest.RoomyLimits(c)
		for _, act := range acts {
			c.Limits[act] = ratelimit.Rule{Max: max, Window: window}
		}
	}
}

// wantTooMany fails the test unless res is 429 with a Retry-After of at most window.
func wantTooMany(t *testing.T, what string, res apptest.Response, window time.Duration) {
	t.Helper()
	wantStatus(t, what, res, http.StatusTooManyRequests)
	s, err := strconv.Atoi(res.Header.Get("Retry-After"))
	if err != nil || s < 1 || time.Duration(s)*time.Second > window {
		t.Fatalf("%s: Retry-After %q, want 1 to %v seconds", what, res.Header.Get("Retry-After"), window.Seconds())
	}
}

func TestSignupLimitAnswers429(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.NewWith(t, d, limited(time.Hour, 2, ratelimit.SignUp))
		v := e.Visitor()
		for _, h := range []string{"nia", "noa"} {
			wantStatus(t, "sign-up "+h, v.Post("/signup", form("name", "Test "+h, "handle", h, "email", h+"@example.org", "password", apptest.Password)), http.StatusOK)
		}
		res := v.Post("/signup", form("name", "Test nel", "handle", "nel", "email", "nel@example.org", "password", apptest.Password))
		wantTooMany(t, "third sign-up", res, time.Hour)
		contains(t, "third sign-up", res.Body, "Too many sign-ups from here.")
		inputValue(t, res.Body, "handle", "nel")
		if n := count(t, d, "SELECT COUNT(*) FROM people WHERE handle = 'nel'"); n != 0 {
			t.Error("a refused sign-up made an account")
		}
	})
}

func TestSigninLimitAnswers429(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.NewWith(t, d, limited(time.Minute, 2, ratelimit.SignIn))
		e.Person("sam")
		v := e.Visitor()
		for range 2 {
			wantStatus(t, "wrong password", v.Post("/signin", form("email", "sam@example.org", "password", "not it")), http.StatusUnprocessableEntity)
		}
		res := v.Post("/signin", form("email", "sam@example.org", "password", apptest.Password))
		wantTooMany(t, "third try", res, time.Minute)
		if c := cookie(res, "hearth_session"); c != nil && c.Value != "" {
			t.Error("a throttled sign-in set a session")
		}
	})
}

func TestResetLimitAnswers429(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.NewWith(t, d, limited(15*time.Minute, 1, ratelimit.Reset))
		e.Person("sam")
		v := e.Visitor()
		wantStatus(t, "first request", v.Post("/reset", form("email", "sam@example.org")), http.StatusOK)
		mail := count(t, d, "SELECT COUNT(*) FROM mail_outbox")
		wantTooMany(t, "second request", v.Post("/reset", form("email", "sam@example.org")), 15*time.Minute)
		if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox"); n != mail {
			t.Error("a refused reset request sent mail")
		}
	})
}

func TestInvitationLimitAnswers429(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.NewWith(t, d, limited(time.Hour, 2, ratelimit.Invite))
		e.Community(e.Person("sam"), "bakers", community.Public, community.Open)
		sam := e.As("sam")
		for _, who := range []string{"one@example.org", "two@example.org"} {
			wantRedirect(t, "invite "+who, sam.Post("/c/bakers/members/invite", form("who", who)), "/c/bakers/members")
		}
		wantTooMany(t, "third invitation", sam.Post("/c/bakers/members/invite", form("who", "three@example.org")), time.Hour)
		if n := count(t, d, "SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'three@example.org'"); n != 0 {
			t.Error("a refused invitation was sent")
		}
		admin := e.As("admin") // the instance's invitations count against the same limit, per person
		wantRedirect(t, "admin invites", admin.Post("/admin/people/invite", form("email", "four@example.org")), "/admin/people")
		wantRedirect(t, "admin invites", admin.Post("/admin/people/invite", form("email", "five@example.org")), "/admin/people")
		wantTooMany(t, "admin's third invitation", admin.Post("/admin/people/invite", form("email", "six@example.org")), time.Hour)
	})
}

func TestEntryCommentAndUploadLimitsAnswer429(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.NewWith(t, d, limited(10*time.Minute, 1, ratelimit.Entry, ratelimit.Comment, ratelimit.Upload))
		e.Community(e.Person("sam"), "bakers", community.Public, community.Open)
		sam := e.As("sam")
		entry := form("kind", "story", "title", "First loaf", "summary", "How it went.", "body", "Flour, water, salt.", "action", "publish")
		res := sam.Post("/c/bakers/practice/new", entry)
		wantStatus(t, "first entry", res, http.StatusSeeOther)
		entry.Set("title", "Second loaf")
		wantTooMany(t, "second entry", sam.Post("/c/bakers/practice/new", entry), 10*time.Minute)
		if n := count(t, d, "SELECT COUNT(*) FROM entries"); n != 1 {
			t.Errorf("%d entries, want 1", n)
		}

		comments := "/c/bakers/practice/first-loaf/comments"
		wantStatus(t, "first comment", sam.Post(comments, form("body", "Lovely crumb.")), http.StatusSeeOther)
		wantTooMany(t, "second comment", sam.Post(comments, form("body", "And the crust!")), 10*time.Minute)
		if n := count(t, d, "SELECT COUNT(*) FROM posts"); n != 1 {
			t.Errorf("%d comments, want 1", n)
		}

		attachments := "/c/bakers/practice/first-loaf/attachments"
		wantStatus(t, "first upload", upload(t, e, sam, attachments, "a.png", smallPNG(t, 4, 4), ""), http.StatusSeeOther)
		wantTooMany(t, "second upload", upload(t, e, sam, attachments, "b.png", smallPNG(t, 4, 4), ""), 10*time.Minute)
		if n := count(t, d, "SELECT COUNT(*) FROM attachments"); n != 1 {
			t.Errorf("%d attachments, want 1", n)
		}
	})
}

func TestSearchLimitAnswers429(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.NewWith(t, d, limited(time.Minute, 2, ratelimit.Search))
		e.Person("sam")
		v, sam := e.Visitor(), e.As("sam")
		for range 2 {
			wantStatus(t, "search", v.Get("/search?q=bread"), http.StatusOK)
		}
		wantStatus(t, "the search page without words", v.Get("/search"), http.StatusOK)
		wantTooMany(t, "third search", v.Get("/search?q=bread"), time.Minute)
		// A signed-in person from the same address searches as themselves.
		wantStatus(t, "a person's search", sam.Get("/search?q=bread"), http.StatusOK)
	})
}

// Behind a trusted proxy, the limits per client address count each client
// named by X-Forwarded-For; without one, the header changes nothing.
func TestLimitsCountTheClientBehindTrustedProxies(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		signUp := func(e *apptest.Env, handle, from string) apptest.Response {
			t.Helper()
			f := form("name", "Test "+handle, "handle", handle, "email", handle+"@example.org", "password", apptest.Password)
			req, err := http.NewRequest(http.MethodPost, e.Server.URL+"/signup", strings.NewReader(f.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", e.Server.URL)
			req.Header.Set("X-Forwarded-For", from)
			return e.Visitor().Do(req)
		}
		behind := apptest.NewWith(t, d, func(c *config.Config) {
			limited(time.Hour, 1, ratelimit.SignUp)(c)
			c.TrustedProxies = "127.0.0.1, ::1"
		})
		wantStatus(t, "first client", signUp(behind, "nia", "203.0.113.5"), http.StatusOK)
		wantTooMany(t, "the same client again", signUp(behind, "noa", "203.0.113.5"), time.Hour)
		wantStatus(t, "another client", signUp(behind, "nel", "203.0.113.6"), http.StatusOK)

		direct := apptest.NewWith(t, dbtest.SQLite(t), limited(time.Hour, 1, ratelimit.SignUp))
		wantStatus(t, "first sign-up", signUp(direct, "nia", "203.0.113.5"), http.StatusOK)
		wantTooMany(t, "a header naming another client, not from a proxy", signUp(direct, "noa", "203.0.113.6"), time.Hour)
	})
}
