package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// endorsementID is the id of the endorsement of handle's expertise in topic
// by the endorser.
func endorsementID(t *testing.T, d *db.DB, handle, endorser string) int64 {
	t.Helper()
	var id int64
	err := d.QueryRowContext(context.Background(), `SELECT e.id FROM endorsements e JOIN people p ON p.id = e.person_id
		JOIN people q ON q.id = e.endorser_id WHERE p.handle = $1 AND q.handle = $2`, handle, endorser).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestExpertiseFormKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("bob")
		bob := e.As("bob")
		res := bob.Post("/account/expertise", form("topic_0", "Sourdough", "level_0", "expert", "topic_1", "pickles", "level_1", "guru",
			"topic_2", "no, commas", "level_2", "learning"))
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="e-level_1"`) || !strings.Contains(res.Body, `id="e-topic_2"`) ||
			!strings.Contains(res.Body, `value="Sourdough"`) || !strings.Contains(res.Body, `value="no, commas"`) {
			t.Fatalf("refused expertise: %d\n%s", res.Status, res.Body)
		}
		if res := bob.Get("/people/bob"); strings.Contains(res.Body, `href="/experts?topic=sourdough"`) {
			t.Fatal("a refused form saved something")
		}
		res = bob.Post("/account/profile", form("name", "Bob Baker", "pronouns", "he/him", "languages", "English, Welsh",
			"interests", "fermentation, <b>cider</b>"))
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="e-interests"`) ||
			!strings.Contains(res.Body, `value="fermentation, &lt;b&gt;cider&lt;/b&gt;"`) {
			t.Fatalf("refused interests: %d\n%s", res.Status, res.Body)
		}
		if res := bob.Post("/account/profile", form("name", "Bob Baker", "pronouns", "he/him", "languages", "English, Welsh",
			"interests", "fermentation, cider")); res.Status != http.StatusSeeOther {
			t.Fatalf("profile: %d\n%s", res.Status, res.Body)
		}
		if res := bob.Post("/account/expertise", form("topic_0", "Sourdough", "level_0", "expert", "topic_1", "", "level_1", "learning")); res.Status != http.StatusSeeOther {
			t.Fatalf("expertise: %d\n%s", res.Status, res.Body)
		}
		body := e.As("bob").Get("/account").Body
		if !strings.Contains(body, `name="topic_0" value="sourdough"`) || !strings.Contains(body, `name="topic_1" value=""`) {
			t.Errorf("the account page does not show the expertise saved:\n%s", body)
		}
		e.Person("carol")
		body = e.As("carol").Get("/people/bob").Body
		for _, want := range []string{"(he/him)", "English, Welsh", `href="/people?topic=cider"`, `href="/experts?topic=sourdough"`, "Expert (self-rated)", `action="/people/bob/endorse"`} {
			if !strings.Contains(body, want) {
				t.Errorf("bob's profile to carol lacks %q", want)
			}
		}
	})
}

func TestEndorsementThroughPages(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("bob")
		e.Person("carol")
		e.Person("dan")
		bob, carol := e.As("bob"), e.As("carol")
		bob.Post("/account/expertise", form("topic_0", "sourdough", "level_0", "expert"))
		res := carol.Post("/people/bob/endorse", form("topic", "sourdough", "note", strings.Repeat("n", 501)))
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="e-note"`) || !strings.Contains(res.Body, strings.Repeat("n", 501)+"</textarea>") {
			t.Fatalf("a long note: %d, want 422 with the note kept", res.Status)
		}
		if res := carol.Post("/people/bob/endorse", form("topic", "sourdough", "note", "<script>x</script> Her starter fed the ward.")); res.Status != http.StatusSeeOther {
			t.Fatalf("endorse: %d\n%s", res.Status, res.Body)
		}
		if res := carol.Post("/people/bob/endorse", form("topic", "sourdough")); res.Status != http.StatusConflict || !strings.Contains(res.Body, "already") {
			t.Errorf("endorse twice: %d, want 409 with a message", res.Status)
		}
		if res := bob.Post("/people/bob/endorse", form("topic", "sourdough")); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("self-endorsement: %d, want 422", res.Status)
		}
		if _, err := e.Worker.RunDue(t.Context()); err != nil {
			t.Fatal(err)
		}
		if body := bob.Get("/notifications").Body; !strings.Contains(body, "endorsed your expertise in") || !strings.Contains(body, "sourdough") {
			t.Errorf("bob is not told of the endorsement:\n%s", body)
		}
		dan := e.As("dan")
		if body := dan.Get("/people/bob").Body; !strings.Contains(body, "Her starter fed the ward.") || strings.Contains(body, "<script>x") {
			t.Errorf("dan does not see carol's note, escaped")
		}
		id := endorsementID(t, d, "bob", "carol")
		hide := fmt.Sprintf("/people/bob/endorsements/%d/hide", id)
		for who, c := range map[string]*apptest.Client{"carol": carol, "dan": dan} {
			if res := c.Post(hide, nil); res.Status != http.StatusNotFound {
				t.Errorf("%s hides bob's endorsement: %d, want 404", who, res.Status)
			}
		}
		if res := bob.Post(fmt.Sprintf("/people/carol/endorsements/%d/hide", id), nil); res.Status != http.StatusNotFound {
			t.Errorf("hide through another's handle: %d, want 404", res.Status)
		}
		if res := bob.Post(hide, nil); res.Status != http.StatusSeeOther {
			t.Fatalf("bob hides: %d", res.Status)
		}
		for who, c := range map[string]*apptest.Client{"carol": carol, "dan": dan} {
			if body := c.Get("/people/bob").Body; strings.Contains(body, "Her starter") {
				t.Errorf("%s sees a hidden endorsement", who)
			}
		}
		if body := carol.Get("/people/bob").Body; strings.Contains(body, `action="/people/bob/endorse"`) {
			t.Error("carol is offered to endorse again what bob hid")
		}
		if body := bob.Get("/people/bob").Body; !strings.Contains(body, "Her starter") || !strings.Contains(body, ">Hidden</span>") {
			t.Error("bob does not see the endorsement he hid, marked hidden")
		}
		if res := bob.Post(fmt.Sprintf("/people/bob/endorsements/%d/show", id), nil); res.Status != http.StatusSeeOther {
			t.Fatalf("bob shows it again: %d", res.Status)
		}
		if body := dan.Get("/people/bob").Body; !strings.Contains(body, "Her starter") {
			t.Error("dan does not see the endorsement shown again")
		}
	})
}

// TestPeopleRoutesPermissions: the matrix of the people routes, for a
// visitor, the profile's owner, another person and an administrator.
func TestPeopleRoutesPermissions(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		e.Person("bob")
		e.Person("carol")
		admin := e.Person("ada")
		if _, err := d.ExecContext(context.Background(), "UPDATE people SET is_admin = TRUE WHERE id = $1", admin.PersonID); err != nil {
			t.Fatal(err)
		}
		e.Community(e.Actor("carol"), "hideout", community.Private, community.Invite)
		clients := map[string]*apptest.Client{"visitor": e.Visitor(), "bob": e.As("bob"), "carol": e.As("carol"), "admin": e.As("ada")}
		clients["bob"].Post("/account/expertise", form("topic_0", "sourdough", "level_0", "expert"))
		clients["carol"].Post("/people/bob/endorse", form("topic", "sourdough"))
		id := endorsementID(t, d, "bob", "carol")
		who := []string{"visitor", "bob", "carol", "admin"}
		gets := []struct{ path, want string }{
			{"/people", "in 200 200 200"},
			{"/people?community=hideout", "in 422 200 200"},
			{"/experts", "in 200 200 200"},
			{"/experts?topic=sourdough", "in 200 200 200"},
			{"/people/bob", "in 200 200 200"},
			{"/people/nobody", "in 404 404 404"},
		}
		for _, g := range gets {
			for i, want := range strings.Fields(g.want) {
				res := clients[who[i]].Get(g.path)
				if want == "in" {
					wantSignin(t, who[i]+" GET "+g.path, res, g.path)
				} else if fmt.Sprint(res.Status) != want {
					t.Errorf("%s GET %s: %d, want %s", who[i], g.path, res.Status, want)
				}
			}
		}
		posts := []struct {
			path string
			form url.Values
			want string
		}{
			{fmt.Sprintf("/people/bob/endorsements/%d/hide", id), nil, "401 303 404 404"},
			{fmt.Sprintf("/people/bob/endorsements/%d/show", id), nil, "401 303 404 404"},
			{"/people/bob/endorse", form("topic", "sourdough"), "401 422 409 303"},
			{"/people/nobody/endorse", form("topic", "sourdough"), "401 404 404 404"},
			{"/account/expertise", form("topic_0", "kimchi", "level_0", "learning"), "401 303 303 303"},
		}
		for _, p := range posts {
			for i, want := range strings.Fields(p.want) {
				if res := clients[who[i]].Post(p.path, p.form); fmt.Sprint(res.Status) != want {
					t.Errorf("%s POST %s: %d, want %s", who[i], p.path, res.Status, want)
				}
			}
		}
	})
}
