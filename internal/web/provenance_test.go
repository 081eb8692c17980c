package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// A member turns a comment into an entry: the form starts from the
// comment's words, and the link shows on both ends — the new entry says it
// came from the comment, the comment says what it became.
func TestCommentBecomesAnEntryWithLinksBothWays(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apptest.New(t, d)
		sam := e.Person("sam")
		e.Community(sam, "bread", community.Public, community.Open)
		e.Community(sam, "other", community.Public, community.Open)
		mia := e.Person("mia")
		e.SetMembership("bread", mia, community.RoleMember, community.ActiveMember)
		as := e.As("sam")
		res := as.Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {"Rye trouble"}, "summary": {"It sank."}, "action": {"publish"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.Status)
		}
		entry := strings.SplitN(res.Location, "?", 2)[0]
		res = e.As("mia").Post(entry+"/comments", url.Values{"body": {"Proof it *longer* in the cold: it works."}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("comment: %d", res.Status)
		}
		id := regexp.MustCompile(`comment-(\d+)`).FindStringSubmatch(res.Location)[1]
		page := as.Get(entry).Body
		if !strings.Contains(page, "/c/bread/practice/new?from_comment="+id) {
			t.Fatal("no way to turn the comment into an entry")
		}
		// From another community, the comment is not there to start from.
		if res := as.Get("/c/other/practice/new?from_comment=" + id); res.Status != http.StatusNotFound {
			t.Fatalf("starting from another community's comment: %d", res.Status)
		}
		form := as.Get("/c/bread/practice/new?from_comment=" + id).Body
		if !strings.Contains(form, "&gt; Proof it *longer* in the cold: it works.") || !strings.Contains(form, `name="from_comment" value="`+id+`"`) {
			t.Fatalf("the form does not start from the comment")
		}
		res = as.Post("/c/bread/practice/new", url.Values{"kind": {"lesson"}, "title": {"Cold proofing"}, "summary": {"Slow is better."},
			"body": {"> Proof it longer in the cold.\n\nWe tried it."}, "from_comment": {id}, "action": {"publish"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create from comment: %d\n%s", res.Status, res.Body)
		}
		lesson := as.Get(strings.SplitN(res.Location, "?", 2)[0]).Body
		if !strings.Contains(lesson, "Came from") || !strings.Contains(lesson, "comment by Mia") || !strings.Contains(lesson, "?comment="+id+"#comment-"+id) {
			t.Fatal("the new entry does not say where it came from")
		}
		if page := e.Visitor().Get(entry).Body; !strings.Contains(page, "This became an entry in the library") || !strings.Contains(page, "Cold proofing") {
			t.Fatal("the comment does not say what it became")
		}
		// A forged origin from elsewhere is refused, and nothing is saved.
		res = as.Post("/c/other/practice/new", url.Values{"kind": {"lesson"}, "title": {"Stolen"}, "summary": {"x"}, "from_comment": {id}, "action": {"publish"}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("a comment of another community as origin: %d", res.Status)
		}
		if strings.Contains(e.Visitor().Get("/c/other/practice").Body, "Stolen") {
			t.Fatal("the refused entry was saved")
		}
	})
}
