package community_test

import (
	"testing"

	"hearth/internal/activity"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

func TestNewsShowsWhatHappensInMyCommunities(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew, mem := e.Person("stew"), e.Person("mem")
		e.Community(stew, "bread", community.Public, community.Open)
		_, err := e.Communities.Join(ctx, mem, "bread", "")
		must(t, err)
		out := e.Person("out")
		e.Community(e.Person("bob"), "secret", community.Private, community.Invite)
		e.SetMembership("secret", e.Person("carl"), community.RoleMember, community.ActiveMember)
		_, err = e.Communities.Join(ctx, e.Person("ann"), "bread", "")
		must(t, err)

		list, err := e.Communities.News(ctx, mem, 20)
		must(t, err)
		var seen []string
		for _, a := range list {
			if a.CommunitySlug == "secret" {
				t.Errorf("news of a community mem is not in: %+v", a)
			}
			if a.ActorHandle == "mem" {
				t.Errorf("mem's own act is news to her: %+v", a)
			}
			seen = append(seen, a.ActorHandle+" "+a.Verb)
		}
		if len(seen) != 2 || seen[0] != "ann "+activity.MemberJoined || seen[1] != "stew "+activity.CommunityStarted {
			t.Fatalf("news %v, want ann joining, then stew starting bread", seen)
		}
		if out, err := e.Communities.News(ctx, out, 20); err != nil || len(out) != 0 {
			t.Fatalf("an outsider's news: %v (%v)", out, err)
		}
		if few, _ := e.Communities.News(ctx, mem, 1); len(few) != 1 {
			t.Fatalf("limit 1 gave %d", len(few))
		}
		// A community's own page of activity, for those who may read it.
		v, err := e.Communities.Get(ctx, mem, "bread")
		must(t, err)
		page, err := e.Communities.Activity(ctx, v, 0, 10)
		must(t, err)
		if len(page) != 3 { // started, mem joined, ann joined
			t.Fatalf("bread's activity: %d items", len(page))
		}
		secret, err := e.Communities.Get(ctx, out, "secret")
		if err == nil {
			if _, err := e.Communities.Activity(ctx, secret, 0, 10); err == nil {
				t.Fatal("an outsider read a private community's activity")
			}
		}
	})
}

func TestWaitingRequestsForStewards(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newEnv(t, d)
		stew := e.Person("stew")
		e.Community(stew, "asks", community.Public, community.Request)
		ann := e.Person("ann")
		_, err := e.Communities.Join(ctx, ann, "asks", "I bake.")
		must(t, err)
		got, err := e.Communities.WaitingRequests(ctx, stew, 10)
		must(t, err)
		if len(got) != 1 || got[0].Handle != "ann" || got[0].Message != "I bake." || got[0].CommunitySlug != "asks" {
			t.Fatalf("requests %+v", got)
		}
		if other, _ := e.Communities.WaitingRequests(ctx, ann, 10); len(other) != 0 {
			t.Fatalf("a non-steward sees requests: %+v", other)
		}
	})
}
