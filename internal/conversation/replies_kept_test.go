package conversation_test

import (
	"testing"

	"hearth/internal/community"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/posts"
)

// A thread's newest page of replies is kept by the instance that read it
// (see readReplies and posts.Kept). Two instances share the database here: every write made
// through one, and a rename made in SQL, shows at once on the other's next
// read, and each reader still sees hidden replies as they may.
func TestKeptRepliesFollowWritesOfAnotherInstance(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.community(t, "bread", community.Public)
		other := conversation.NewService(d, w.env.Communities, nil)
		th, err := w.svc.Start(w.ctx, w.actors["asker"], "bread", conversation.Input{Kind: conversation.Discussion, Title: "Crumb",
			Body: "Open or tight?"})
		if err != nil {
			t.Fatal(err)
		}
		// read returns the newest page of replies as who is shown it by the
		// first instance, as "text by author" a reply.
		read := func(who string) []string {
			t.Helper()
			tv, err := w.svc.Get(w.ctx, w.actors[who], "bread", th.ID)
			if err != nil {
				t.Fatal(err)
			}
			page, err := w.svc.Replies(w.ctx, tv, conversation.At{})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, p := range page.Posts {
				s := p.Body + " by " + p.AuthorName
				if p.Mine {
					s += " (mine)"
				}
				out = append(out, s)
			}
			return out
		}
		wantPage := func(step, who string, want ...string) {
			t.Helper()
			got := read(who)
			if len(got) != len(want) {
				t.Fatalf("%s: %s reads %q, want %q", step, who, got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%s: %s reads %q, want %q", step, who, got, want)
				}
			}
		}
		first, err := other.Reply(w.ctx, w.actors["member"], "bread", th.ID, posts.Reply, "Open")
		if err != nil {
			t.Fatal(err)
		}
		wantPage("a reply", "visitor", "Open by Mem Tester")
		wantPage("the same page again", "visitor", "Open by Mem Tester")
		wantPage("its author", "member", "Open by Mem Tester (mine)")
		if _, err := other.Reply(w.ctx, w.actors["asker"], "bread", th.ID, posts.Reply, "Tight"); err != nil {
			t.Fatal(err)
		}
		wantPage("a second reply", "visitor", "Open by Mem Tester", "Tight by Ask Tester")
		if err := other.EditPost(w.ctx, w.actors["member"], "bread", th.ID, first, "Very open"); err != nil {
			t.Fatal(err)
		}
		wantPage("an edit", "visitor", "Very open by Mem Tester", "Tight by Ask Tester")
		if err := other.SetPostHidden(w.ctx, w.actors["moderator"], "bread", th.ID, first, true); err != nil {
			t.Fatal(err)
		}
		wantPage("a hiding, for a visitor", "visitor", " by Mem Tester", "Tight by Ask Tester")
		wantPage("a hiding, for its author", "member", "Very open by Mem Tester (mine)", "Tight by Ask Tester")
		wantPage("a hiding, for a moderator", "moderator", "Very open by Mem Tester", "Tight by Ask Tester")
		if _, err := d.ExecContext(w.ctx, `UPDATE people SET name = 'Ask Renamed' WHERE handle = 'ask'`); err != nil {
			t.Fatal(err)
		}
		wantPage("a rename", "visitor", " by Mem Tester", "Tight by Ask Renamed")
	})
}
