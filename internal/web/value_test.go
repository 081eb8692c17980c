package web_test

import (
	"net/http"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// tellStory posts a one-step story as handle to community slug and returns
// its address.
func tellStory(t *testing.T, e *apptest.Env, handle, slug, title, audience string) string {
	t.Helper()
	r := e.As(handle).Post("/c/"+slug+"/value", form("title", title, "audience", audience,
		"immediate_text", "I came to the bake-along.", "immediate_status", "realised"))
	if r.Status != http.StatusSeeOther {
		t.Fatalf("tell %q: %d\n%s", title, r.Status, r.Body)
	}
	return r.Location
}

// TestStoryReaders: who may read a story, by role, by the community's
// visibility and by the story's audience (narrowed to the visibility).
func TestStoryReaders(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		for _, h := range []string{"mia", "max", "pete", "out"} {
			e.Person(h)
		}
		ada := e.Person("ada")
		if _, err := d.ExecContext(t.Context(), "UPDATE people SET is_admin = TRUE WHERE id = $1", ada.PersonID); err != nil {
			t.Fatal(err)
		}
		clients := map[string]*apptest.Client{"visitor": e.Visitor()}
		for _, h := range []string{"sam", "ada", "max", "pete", "out"} {
			clients[h] = e.As(h)
		}
		audiences := []string{"community", "institution", "public"}
		stories := map[string]map[string]string{} // community, audience: address
		for _, slug := range []string{"pub", "inst", "priv"} {
			// Told while public, then the community narrows: a story's
			// audience is never wider than its community allows.
			e.Community(sam, slug, community.Public, community.Open)
			e.SetMembership(slug, e.Actor("mia"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("max"), community.RoleMember, community.ActiveMember)
			e.SetMembership(slug, e.Actor("pete"), community.RoleMember, community.PendingMember)
			stories[slug] = map[string]string{}
			for _, a := range audiences {
				stories[slug][a] = tellStory(t, e, "mia", slug, "Story "+slug+" for "+a, a)
			}
		}
		for slug, vis := range map[string]string{"inst": "institution", "priv": "private"} {
			if _, err := d.ExecContext(t.Context(), "UPDATE communities SET visibility = $1 WHERE slug = $2", vis, slug); err != nil {
				t.Fatal(err)
			}
		}
		everyone := "sam ada max pete out visitor"
		signedIn := "sam ada max pete out"
		members := "sam ada max"
		want := map[string]map[string]string{ // community, audience: who reads
			"pub":  {"community": members, "institution": signedIn, "public": everyone},
			"inst": {"community": members, "institution": signedIn, "public": signedIn},
			"priv": {"community": members, "institution": members, "public": members},
		}
		for slug, byAudience := range want {
			for a, readers := range byAudience {
				for who, c := range clients {
					may := strings.Contains(" "+readers+" ", " "+who+" ")
					r := c.Get(stories[slug][a])
					if may && r.Status != http.StatusOK || !may && r.Status != http.StatusNotFound {
						t.Errorf("%s reads %s's story for %s: %d, want it read: %v", who, slug, a, r.Status, may)
					}
					list := c.Get("/c/" + slug + "/value")
					if listed := strings.Contains(list.Body, "Story "+slug+" for "+a+"<"); listed != may {
						t.Errorf("%s finds %s's story for %s on the list (%d): %v, want %v", who, slug, a, list.Status, listed, may)
					}
				}
			}
		}

		// Hidden by a steward: only the author and the stewards read it.
		story := stories["pub"]["public"]
		if r := clients["max"].Post(story+"/hide", form("hidden", "yes")); r.Status != http.StatusSeeOther || !strings.Contains(r.Header.Get("Set-Cookie"), "steward") {
			t.Errorf("a member hides: %d %s", r.Status, r.Header.Get("Set-Cookie"))
		}
		if r := clients["sam"].Post(story+"/hide", form("hidden", "yes")); r.Status != http.StatusSeeOther {
			t.Fatalf("hide: %d", r.Status)
		}
		for who, status := range map[string]int{"visitor": 404, "max": 404, "sam": 200, "ada": 200} {
			if r := clients[who].Get(story); r.Status != status {
				t.Errorf("%s reads a hidden story: %d, want %d", who, r.Status, status)
			}
		}
		if r := e.As("mia").Get(story); r.Status != http.StatusOK || !strings.Contains(r.Body, "The stewards hid this story") {
			t.Errorf("the author reads her hidden story: %d", r.Status)
		}
		// Only the author edits and deletes.
		for _, who := range []string{"sam", "max"} {
			if r := clients[who].Get(stories["pub"]["community"] + "/edit"); r.Status != http.StatusForbidden {
				t.Errorf("%s edits mia's story: %d", who, r.Status)
			}
		}
		if r := clients["out"].Post("/c/pub/value", form("title", "T", "audience", "public", "immediate_text", "x", "immediate_status", "realised")); r.Status != http.StatusForbidden {
			t.Errorf("an outsider tells a story: %d", r.Status)
		}
	})
}

// TestStoryForm: mistakes come back next to their fields with what was
// typed; a steward follows up a hoped-for step with one nudge.
func TestStoryForm(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Institution, community.Open)
		e.SetMembership("bread", e.Person("mia"), community.RoleMember, community.ActiveMember)
		mia := e.As("mia")
		if r := mia.Get("/c/bread"); !strings.Contains(r.Body, `href="/c/bread/value"`) {
			t.Error("no link to the value stories in the community's navigation")
		}
		r := mia.Get("/c/bread/value/new")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "How did you use it in your practice?") || strings.Contains(r.Body, `value="public"`) {
			t.Errorf("the form: %d; the framework's questions, and no public audience in an institution-only community", r.Status)
		}
		r = mia.Post("/c/bread/value", form("title", "Loaves for the ward", "audience", "public",
			"applied_text", "I baked for the ward.", "applied_status", "hoped", "applied_evidence", "not a link", "potential_date", "2025-13-45", "potential_text", "A recipe"))
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("invalid story: %d", r.Status)
		}
		for _, want := range []string{`id="e-audience"`, `id="e-applied_evidence"`, `id="e-potential_date"`, `value="Loaves for the ward"`,
			">I baked for the ward.</textarea>", `href="#f-applied_evidence"`} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("the form sent back lacks %s", want)
			}
		}
		story := tellStory(t, e, "mia", "bread", "Loaves", "institution")
		entry := mia.Post("/c/bread/practice/new", form("kind", "lesson", "title", "Rye", "summary", "About rye.", "action", "publish"))
		if entry.Status != http.StatusSeeOther {
			t.Fatalf("publish an entry: %d", entry.Status)
		}
		r = mia.Post(story, form("title", "Loaves", "audience", "institution", "links", entry.Location, "immediate_text", "I came.", "immediate_status", "realised",
			"applied_text", "Bake for the ward.", "applied_status", "hoped", "applied_date", "2020-01-01", "applied_strategic", "yes"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("edit: %d\n%s", r.Status, r.Body)
		}
		if r := mia.Get(story); !strings.Contains(r.Body, "Hoped for") || !strings.Contains(r.Body, "Strategic") || !strings.Contains(r.Body, ">Rye</a>") {
			t.Errorf("the edited story: %d", r.Status)
		}
		if r := e.As("sam").Get(entry.Location); !strings.Contains(r.Body, `href="`+story+`">Loaves</a>`) {
			t.Error("the entry does not list the story that tells of it")
		}
		steward := e.As("sam")
		r = steward.Get("/c/bread/value")
		if !strings.Contains(r.Body, "Bake for the ward.") || !strings.Contains(r.Body, "/nudge") {
			t.Fatalf("no step to follow up on the steward's page")
		}
		if strings.Contains(mia.Get("/c/bread/value").Body, "/nudge") {
			t.Error("a member sees the follow-up")
		}
		i := strings.Index(r.Body, `action="/c/bread/value/steps/`)
		nudge := r.Body[i+len(`action="`):]
		nudge = nudge[:strings.Index(nudge, `"`)]
		if r := steward.Post(nudge, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("nudge: %d", r.Status)
		}
		if r := steward.Post(nudge, nil); r.Status != http.StatusTooManyRequests {
			t.Errorf("a second nudge: %d", r.Status)
		}
		if _, err := e.Worker.RunDue(t.Context()); err != nil {
			t.Fatal(err)
		}
		if r := mia.Get("/notifications"); !strings.Contains(r.Body, "asks how a hoped-for step went in your story “Loaves”") {
			t.Errorf("mia is not told of the nudge: %d", r.Status)
		}
		if r := steward.Get("/c/bread/value"); !strings.Contains(r.Body, "Nudged on") {
			t.Error("the page does not say the step was nudged")
		}
		if r := mia.Post(story+"/delete", nil); r.Status != http.StatusSeeOther {
			t.Errorf("delete: %d", r.Status)
		}
		if r := mia.Get(story); r.Status != http.StatusNotFound {
			t.Errorf("a deleted story: %d", r.Status)
		}
	})
}
