package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// The permission matrix: every actor against a public (open), an institution
// (request) and a private (invitation-only) community, through the real
// router. Something an actor may not see answers 404, never 403.

// actors, in the column order of the tables below.
var actors = []string{"visitor", "outsider", "pending", "invited", "member", "moderator", "steward", "admin"}

// handles of the people who play each actor ("invited" is invited to the
// private community only; elsewhere ivy is one more outsider).
var handleOf = map[string]string{"outsider": "olga", "pending": "pat", "invited": "ivy", "member": "mel",
	"moderator": "mo", "steward": "stew", "admin": "admin"}

const (
	pubSlug  = "commons"   // public, open
	instSlug = "staffroom" // institution, on request
	privSlug = "hideout"   // private, by invitation
)

var matrixSlugs = []string{pubSlug, instSlug, privSlug}

// world is one Env with the three communities and a client per actor.
type world struct {
	e       *apptest.Env
	clients map[string]*apptest.Client
}

func newWorld(t *testing.T, d *db.DB) *world {
	e := apptest.New(t, d)
	w := &world{e: e, clients: map[string]*apptest.Client{"visitor": e.Visitor()}}
	stew := e.Person("stew")
	e.Community(stew, pubSlug, community.Public, community.Open)
	e.Community(stew, instSlug, community.Institution, community.Request)
	e.Community(stew, privSlug, community.Private, community.Invite)
	people := map[string]auth.Actor{}
	for _, h := range []string{"olga", "pat", "ivy", "mel", "mo", "hana", "newt"} {
		people[h] = e.Person(h)
	}
	for _, slug := range matrixSlugs {
		e.SetMembership(slug, people["pat"], community.RoleMember, community.PendingMember)
		e.SetMembership(slug, people["mel"], community.RoleMember, community.ActiveMember)
		e.SetMembership(slug, people["mo"], community.RoleModerator, community.ActiveMember)
	}
	e.SetMembership(privSlug, people["ivy"], community.RoleMember, community.InvitedMember)
	e.SetMembership(privSlug, people["hana"], community.RoleMember, community.ActiveMember) // a member of the private community only
	for _, a := range actors[1:] {
		w.clients[a] = e.As(handleOf[a])
	}
	return w
}

// row is the expected outcome for each actor, in the order of actors:
// "200", "403", "404", "in" (303 to sign in), "back" (303 back with a
// message, nothing changed) or "ok" (allowed; tested in order afterwards).
type row struct {
	path string // with %s for the slug
	want map[string]string
}

func codes(s string) []string {
	c := strings.Fields(s)
	if len(c) != len(actors) {
		panic("a row needs one code per actor: " + s)
	}
	return c
}

var getMatrix = []row{
	{"/c/%s", map[string]string{
		pubSlug:  "200 200 200 200 200 200 200 200",
		instSlug: "404 200 200 200 200 200 200 200",
		privSlug: "404 404 404 200 200 200 200 200"}},
	{"/c/%s/charter", map[string]string{
		pubSlug:  "200 200 200 200 200 200 200 200",
		instSlug: "404 200 200 200 200 200 200 200",
		privSlug: "404 404 404 200 200 200 200 200"}},
	{"/c/%s/members", map[string]string{
		pubSlug:  "200 200 200 200 200 200 200 200",
		instSlug: "404 200 200 200 200 200 200 200",
		privSlug: "404 404 404 404 200 200 200 200"}},
	{"/c/%s/settings", map[string]string{
		pubSlug:  "in  403 403 403 403 403 200 200",
		instSlug: "404 403 403 403 403 403 200 200",
		privSlug: "404 404 404 403 403 403 200 200"}},
	{"/api/v1/communities/%s", map[string]string{
		pubSlug:  "200 200 200 200 200 200 200 200",
		instSlug: "404 200 200 200 200 200 200 200",
		privSlug: "404 404 404 200 200 200 200 200"}},
	{"/api/v1/communities/%s/members", map[string]string{
		pubSlug:  "200 200 200 200 200 200 200 200",
		instSlug: "404 200 200 200 200 200 200 200",
		privSlug: "404 404 404 404 200 200 200 200"}},
}

// postRow is a row for a POST with its form and where a refusal goes back to.
type postRow struct {
	row
	form func() url.Values
	back string // with %s for the slug
}

// stewardOnly is the shape of every action only a steward may take.
var stewardOnly = map[string]string{
	pubSlug:  "back back back back back back ok back",
	instSlug: "404  back back back back back ok back",
	privSlug: "404  404  404  back back back ok back"}

var postMatrix = []postRow{
	{row{"/c/%s/join", map[string]string{
		pubSlug:  "in ok  back ok back back back ok",
		instSlug: "in ok  back ok back back back ok",
		privSlug: "in 404 404  ok back back back back"}}, func() url.Values { return form("message", "Hello") }, "/c/%s"},
	{row{"/c/%s/settings", stewardOnly}, func() url.Values {
		return form("name", "Taken over", "purpose", "Something else.", "visibility", "public", "join_policy", "open")
	}, "/c/%s/settings"},
	{row{"/c/%s/stage", stewardOnly}, func() url.Values { return form("stage", "maturing") }, "/c/%s"},
	{row{"/c/%s/archive", map[string]string{
		pubSlug:  "back back back back back back ok ok",
		instSlug: "404  back back back back back ok ok",
		privSlug: "404  404  404  back back back ok ok"}}, func() url.Values { return nil }, "/c/%s"},
	{row{"/c/%s/members/invite", stewardOnly}, func() url.Values { return form("who", "newt") }, "/c/%s/members"},
	{row{"/c/%s/members/pat/approve", stewardOnly}, func() url.Values { return nil }, "/c/%s/members"},
}

func TestPermissionMatrix(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)

		t.Run("pages", func(t *testing.T) {
			for _, r := range getMatrix {
				for _, slug := range matrixSlugs {
					path := fmt.Sprintf(r.path, slug)
					for i, want := range codes(r.want[slug]) {
						a := actors[i]
						res := w.clients[a].Get(path)
						what := a + " GET " + path
						api := strings.HasPrefix(path, "/api/")
						switch want {
						case "in":
							wantSignin(t, what, res, path)
						case "404":
							if api {
								wantProblem(t, what, res, http.StatusNotFound)
							} else if res.Status != http.StatusNotFound || !strings.Contains(res.Body, "Not found") {
								t.Errorf("%s: %d, want the 404 page", what, res.Status)
							}
						case "403":
							if res.Status != http.StatusForbidden || !strings.Contains(res.Body, "Only the community&#39;s stewards") {
								t.Errorf("%s: %d, want 403 with the reason\n%s", what, res.Status, res.Body)
							}
						case "200":
							if res.Status != http.StatusOK {
								t.Errorf("%s: %d, want 200\n%s", what, res.Status, res.Body)
							}
							if api && !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
								t.Errorf("%s: Content-Type %q", what, res.Header.Get("Content-Type"))
							}
						default:
							t.Fatalf("bad code %q", want)
						}
					}
				}
			}
		})

		t.Run("refused actions change nothing", func(t *testing.T) {
			for _, r := range postMatrix {
				for _, slug := range matrixSlugs {
					path := fmt.Sprintf(r.path, slug)
					for i, want := range codes(r.want[slug]) {
						if want == "ok" {
							continue
						}
						a := actors[i]
						what := a + " POST " + path
						before := snapshot(t, d, slug)
						res := w.clients[a].Post(path, r.form())
						switch want {
						case "in":
							wantSignin(t, what, res, "/c/"+slug)
						case "404":
							if res.Status != http.StatusNotFound {
								t.Errorf("%s: %d, want 404\n%s", what, res.Status, res.Body)
							}
						case "back":
							back := fmt.Sprintf(r.back, slug)
							if res.Status != http.StatusSeeOther || res.Location != back {
								t.Errorf("%s: %d to %q, want 303 back to %s", what, res.Status, res.Location, back)
							}
							if c := cookie(res, "hearth_flash"); c == nil || c.Value == "" {
								t.Errorf("%s: no message for the next page", what)
							}
						default:
							t.Fatalf("bad code %q", want)
						}
						if after := snapshot(t, d, slug); after != before {
							t.Errorf("%s changed the community:\nbefore %s\nafter  %s", what, before, after)
						}
					}
				}
			}
		})

		t.Run("refusals are explained on the next page", func(t *testing.T) {
			c := w.clients["member"]
			res := c.Post("/c/"+pubSlug+"/stage", form("stage", "maturing"))
			wantRedirect(t, "member sets stage", res, "/c/"+pubSlug)
			page := c.Get(res.Location)
			contains(t, "page after a refusal", page.Body, "Only the community&#39;s stewards can change its stage.")
		})

		t.Run("directory", func(t *testing.T) {
			all := []string{pubSlug, instSlug, privSlug}
			want := map[string][]string{"visitor": {pubSlug}, "outsider": {pubSlug, instSlug}, "pending": {pubSlug, instSlug},
				"invited": all, "member": all, "moderator": all, "steward": all, "admin": all}
			for _, a := range actors {
				c := w.clients[a]
				page := c.Get("/communities")
				wantStatus(t, a+" directory", page, http.StatusOK)
				var api struct {
					Communities []struct {
						Slug string `json:"slug"`
					} `json:"communities"`
				}
				res := c.Get("/api/v1/communities")
				wantStatus(t, a+" API directory", res, http.StatusOK)
				if err := json.Unmarshal([]byte(res.Body), &api); err != nil {
					t.Fatalf("%s API directory: %v", a, err)
				}
				var got []string
				for _, l := range api.Communities {
					got = append(got, l.Slug)
				}
				slices.Sort(got)
				exp := slices.Clone(want[a])
				slices.Sort(exp)
				if !slices.Equal(got, exp) {
					t.Errorf("%s API directory lists %v, want %v", a, got, exp)
				}
				for _, slug := range all {
					if slices.Contains(want[a], slug) {
						contains(t, a+" directory", page.Body, `href="/c/`+slug+`"`)
					} else {
						lacks(t, a+" directory", page.Body, slug, "Community "+slug)
					}
				}
			}
		})

		t.Run("private members never leak", func(t *testing.T) {
			pages := []string{"/", "/communities", "/communities?tag=" + privSlug, "/c/" + privSlug, "/c/" + privSlug + "/charter",
				"/c/" + privSlug + "/members", "/people/stew", "/people/hana", "/api/v1/communities",
				"/api/v1/communities/" + privSlug, "/api/v1/communities/" + privSlug + "/members"}
			for _, a := range []string{"visitor", "outsider", "pending"} {
				for _, p := range pages {
					body := w.clients[a].Get(p).Body
					if !(a == "pending" && p == "/") { // pat's home lists pat's own request
						lacks(t, a+" GET "+p, body, privSlug)
					}
					if p != "/people/hana" {
						lacks(t, a+" GET "+p, body, "Hana Tester")
					}
				}
			}
			// Members of the private community do see it on hana's profile.
			contains(t, "member GET /people/hana", w.clients["member"].Get("/people/hana").Body, `href="/c/`+privSlug+`"`)
		})

		t.Run("sign-in pages and the administration", func(t *testing.T) {
			for _, p := range []string{"/account", "/communities/new", "/people", "/people/stew", "/admin", "/admin/departments",
				"/admin/people", "/admin/proposals", "/admin/outbox"} {
				wantSignin(t, "visitor GET "+p, w.clients["visitor"].Get(p), p)
			}
			for _, a := range []string{"outsider", "member", "steward"} {
				for _, p := range []string{"/admin", "/admin/departments", "/admin/people", "/admin/proposals", "/admin/outbox"} {
					if res := w.clients[a].Get(p); res.Status != http.StatusNotFound {
						t.Errorf("%s GET %s = %d, want 404", a, p, res.Status)
					}
				}
				before := text(t, d, "SELECT value FROM settings WHERE key = 'name'")
				res := w.clients[a].Post("/admin/settings", form("name", "Mine now", "signup", "open"))
				if res.Status != http.StatusNotFound {
					t.Errorf("%s POST /admin/settings = %d, want 404", a, res.Status)
				}
				res = w.clients[a].Post("/admin/people/olga/disable", nil)
				if res.Status != http.StatusNotFound {
					t.Errorf("%s POST /admin/people/olga/disable = %d, want 404", a, res.Status)
				}
				if after := text(t, d, "SELECT value FROM settings WHERE key = 'name'"); after != before {
					t.Errorf("%s renamed the instance to %q", a, after)
				}
				if n := count(t, d, "SELECT COUNT(*) FROM people WHERE handle = 'olga' AND disabled_at IS NOT NULL"); n != 0 {
					t.Errorf("%s disabled olga", a)
				}
			}
		})

		// Last, because they change the world: the actions the matrix allows.
		t.Run("allowed actions", func(t *testing.T) {
			joins := []struct{ actor, slug, want string }{
				{"outsider", pubSlug, "member/active"}, {"outsider", instSlug, "member/pending"},
				{"invited", pubSlug, "member/active"}, {"invited", instSlug, "member/pending"}, {"invited", privSlug, "member/active"},
				{"admin", pubSlug, "member/active"}, {"admin", instSlug, "member/pending"},
			}
			for _, j := range joins {
				res := w.clients[j.actor].Post("/c/"+j.slug+"/join", form("message", "Hello"))
				wantRedirect(t, j.actor+" joins "+j.slug, res, "/c/"+j.slug)
				if got := membership(t, d, j.slug, handleOf[j.actor]); got != j.want {
					t.Errorf("%s joins %s: membership %q, want %q", j.actor, j.slug, got, j.want)
				}
			}
			steward := w.clients["steward"]
			for _, slug := range matrixSlugs {
				res := steward.Post("/c/"+slug+"/settings", form("name", "Renamed "+slug, "purpose", "A new purpose.",
					"visibility", "institution", "join_policy", "request", "tags", "renamed"))
				wantRedirect(t, "steward saves "+slug, res, "/c/"+slug)
				if got := text(t, d, "SELECT name || '/' || visibility || '/' || join_policy FROM communities WHERE slug = $1", slug); got != "Renamed "+slug+"/institution/request" {
					t.Errorf("after saving %s: %q", slug, got)
				}
				wantRedirect(t, "steward sets stage", steward.Post("/c/"+slug+"/stage", form("stage", "maturing")), "/c/"+slug)
				if got := text(t, d, "SELECT stage FROM communities WHERE slug = $1", slug); got != "maturing" {
					t.Errorf("stage of %s = %q", slug, got)
				}
				wantRedirect(t, "steward invites", steward.Post("/c/"+slug+"/members/invite", form("who", "@newt")), "/c/"+slug+"/members")
				if got := membership(t, d, slug, "newt"); got != "member/invited" {
					t.Errorf("newt in %s: %q", slug, got)
				}
				wantRedirect(t, "steward approves", steward.Post("/c/"+slug+"/members/pat/approve", nil), "/c/"+slug+"/members")
				if got := membership(t, d, slug, "pat"); got != "member/active" {
					t.Errorf("pat in %s: %q", slug, got)
				}
			}
			wantRedirect(t, "steward archives", steward.Post("/c/"+pubSlug+"/archive", nil), "/c/"+pubSlug)
			wantRedirect(t, "admin archives", w.clients["admin"].Post("/c/"+privSlug+"/archive", nil), "/c/"+privSlug)
			for _, slug := range []string{pubSlug, privSlug} {
				if got := text(t, d, "SELECT status FROM communities WHERE slug = $1", slug); got != "archived" {
					t.Errorf("%s is %q, want archived", slug, got)
				}
			}
			// An archived community stays readable and takes no changes.
			page := w.clients["member"].Get("/c/" + pubSlug)
			wantStatus(t, "archived community", page, http.StatusOK)
			contains(t, "archived community", page.Body, "This community is archived")
			before := snapshot(t, d, pubSlug)
			wantRedirect(t, "join archived", w.clients["visitor"].Post("/c/"+pubSlug+"/join", nil), "/signin?next=/c/"+pubSlug)
			wantRedirect(t, "edit archived", steward.Post("/c/"+pubSlug+"/stage", form("stage", "coalescing")), "/c/"+pubSlug)
			if after := snapshot(t, d, pubSlug); after != before {
				t.Errorf("an archived community changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	})
}
