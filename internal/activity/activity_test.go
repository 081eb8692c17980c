package activity_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

func insertPerson(t *testing.T, d *db.DB, handle string) int64 {
	t.Helper()
	var id int64
	if err := d.Writer().QueryRowContext(context.Background(), `INSERT INTO people (handle, email, name, password_hash, created_at)
		VALUES ($1, $2, $3, 'x', $4) RETURNING id`, handle, handle+"@example.org", strings.ToUpper(handle[:1])+handle[1:], db.Now()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func insertCommunity(t *testing.T, d *db.DB, slug string, members ...int64) int64 {
	t.Helper()
	var id int64
	if err := d.Writer().QueryRowContext(context.Background(), `INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at)
		VALUES ($1, $1, 'public', 'open', 'maturing', 'active', $2, $2) RETURNING id`, slug, db.Now()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if _, err := d.ExecContext(context.Background(), `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
			VALUES ($1, $2, 'member', 'active', $3, $3)`, id, m, db.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func record(t *testing.T, d *db.DB, a activity.Activity) int64 {
	t.Helper()
	var id int64
	if err := d.WithTx(context.Background(), func(tx *db.Tx) error {
		var err error
		id, err = activity.Record(context.Background(), tx, a)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestRecordKeepsWhatIsShownAndEnqueuesTheFanout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ada, bob := insertPerson(t, d, "ada"), insertPerson(t, d, "bob")
		c := insertCommunity(t, d, "bread", ada, bob)
		id := record(t, d, activity.Activity{ActorID: ada, Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: 4, CommunityID: c,
			Title: "Rye", URL: "/c/bread/practice/rye#comment-9", Excerpt: strings.Repeat("word ", 100),
			Targets: []activity.Target{{PersonID: bob, Reason: "mention"}, {PersonID: bob, Reason: "mention"}}})
		a, err := activity.Get(context.Background(), d, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.ActorName != "Ada" || a.CommunitySlug != "bread" || a.Audience != activity.Community || a.URL != "/c/bread/practice/rye#comment-9" {
			t.Errorf("read back %+v", a)
		}
		if len(a.Targets) != 1 || a.Targets[0].PersonID != bob {
			t.Errorf("targets %+v, want bob once", a.Targets)
		}
		if !strings.HasSuffix(a.Excerpt, "…") || len([]rune(a.Excerpt)) > 281 {
			t.Errorf("excerpt not shortened: %d runes", len([]rune(a.Excerpt)))
		}
		var jobs int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = $1`, activity.KindFanoutWaiting).Scan(&jobs); err != nil || jobs != 1 {
			t.Fatalf("fan-out jobs %d (%v)", jobs, err)
		}
		// An activity recorded in a transaction that rolls back leaves nothing.
		_ = d.WithTx(context.Background(), func(tx *db.Tx) error {
			if _, err := activity.Record(context.Background(), tx, activity.Activity{ActorID: ada, Verb: activity.EntryPublished, SubjectKind: "entry", SubjectID: 5, CommunityID: c}); err != nil {
				t.Fatal(err)
			}
			return fmt.Errorf("the write fails")
		})
		var n int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM activities`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d activities after a rollback, want 1", n)
		}
	})
}

func TestMemberFeedAndCommunityPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ada, bob, cy := insertPerson(t, d, "ada"), insertPerson(t, d, "bob"), insertPerson(t, d, "cy")
		mine := insertCommunity(t, d, "bread", ada, bob)
		other := insertCommunity(t, d, "cheese", cy)
		for i := range 25 {
			record(t, d, activity.Activity{ActorID: bob, Verb: activity.EntryPublished, SubjectKind: "entry", SubjectID: int64(i), CommunityID: mine, Title: fmt.Sprintf("E%02d", i)})
		}
		record(t, d, activity.Activity{ActorID: ada, Verb: activity.EntryPublished, SubjectKind: "entry", SubjectID: 99, CommunityID: mine, Title: "Ada's own"})
		record(t, d, activity.Activity{ActorID: bob, Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: 98, CommunityID: mine, Title: "Draft", Audience: activity.Subject})
		record(t, d, activity.Activity{ActorID: cy, Verb: activity.EntryPublished, SubjectKind: "entry", SubjectID: 97, CommunityID: other, Title: "Elsewhere"})

		feed, err := activity.ForMember(ctx, d, ada, time.Now().Add(-time.Hour), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(feed) != 10 || feed[0].Title != "E24" {
			t.Fatalf("feed %d items, first %q", len(feed), feed[0].Title)
		}
		for _, a := range feed {
			if a.ActorID == ada || a.Audience != activity.Community || a.CommunityID != mine {
				t.Fatalf("feed holds %+v", a)
			}
		}
		if feed, _ := activity.ForMember(ctx, d, ada, time.Now().Add(time.Hour), 10); len(feed) != 0 {
			t.Fatal("the feed shows what came before 'since'")
		}
		first, err := activity.InCommunity(ctx, d, mine, 0, 20)
		if err != nil || len(first) != 20 || first[0].Title != "Ada's own" {
			t.Fatalf("first page: %d (%v)", len(first), err)
		}
		rest, err := activity.InCommunity(ctx, d, mine, first[19].ID, 20)
		if err != nil || len(rest) != 6 || rest[5].Title != "E00" {
			t.Fatalf("second page: %d (%v)", len(rest), err)
		}
	})
}
