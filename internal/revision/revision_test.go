package revision_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"
	"time"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/errs"
	"hearth/internal/revision"
)

// addPerson inserts a person and returns their id.
func addPerson(t *testing.T, d *db.DB, handle, name string) int64 {
	t.Helper()
	var id int64
	err := d.Writer().QueryRowContext(context.Background(),
		`INSERT INTO people (handle, email, name, password_hash, created_at)
		 VALUES ($1, $2, $3, '', $4) RETURNING id`,
		handle, handle+"@example.org", name, db.Now()).Scan(&id)
	if err != nil {
		t.Fatalf("add person: %v", err)
	}
	return id
}

// record saves a revision in a transaction of its own, failing the test on error.
func record(t *testing.T, d *db.DB, s revision.Subject, snap revision.Snapshot, author int64, note string, revertedFrom int, at time.Time) int {
	t.Helper()
	var n int
	err := d.WithTx(context.Background(), func(tx *db.Tx) error {
		var err error
		n, err = revision.Record(context.Background(), tx, s, snap, author, note, revertedFrom, at)
		return err
	})
	if err != nil {
		t.Fatalf("record %v: %v", s, err)
	}
	return n
}

func TestRecordNumbersPerSubject(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ada := addPerson(t, d, "ada", "Ada Lovelace")
		entry := revision.Subject{Type: "entry", ID: 1}
		other := revision.Subject{Type: "entry", ID: 2}
		note := revision.Subject{Type: "gathering_note", ID: 1} // same id, other type
		base := db.Now().Add(-time.Hour)
		for i := 1; i <= 3; i++ {
			snap := revision.Snapshot{Title: fmt.Sprintf("Title %d", i), Summary: "S", Body: fmt.Sprintf("Body %d", i)}
			if n := record(t, d, entry, snap, ada, "", 0, base.Add(time.Duration(i)*time.Minute)); n != i {
				t.Fatalf("entry revision %d numbered %d", i, n)
			}
		}
		if n := record(t, d, other, revision.Snapshot{Title: "Other"}, ada, "", 0, base); n != 1 {
			t.Errorf("first revision of another subject numbered %d, want 1", n)
		}
		if n := record(t, d, note, revision.Snapshot{Body: "Notes"}, 0, "", 0, base); n != 1 {
			t.Errorf("first revision of a subject of another type numbered %d, want 1", n)
		}
		for s, want := range map[revision.Subject]int{entry: 3, other: 1, note: 1, {Type: "entry", ID: 99}: 0} {
			if got, err := revision.Count(ctx, d, s); err != nil || got != want {
				t.Errorf("Count(%v) = %d, %v; want %d", s, got, err, want)
			}
		}
	})
}

func TestReadRevisions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ada := addPerson(t, d, "ada", "Ada Lovelace")
		bo := addPerson(t, d, "bo", "Bo Diddley")
		s := revision.Subject{Type: "entry", ID: 7}
		t0 := db.Now().Add(-time.Hour)
		first := revision.Snapshot{Title: "Onboarding", Summary: "How we welcome", Body: "Say hello.\n\nOffer tea."}
		second := revision.Snapshot{Title: "Onboarding newcomers", Summary: "How we welcome", Body: "Say hello.\n\nOffer coffee."}
		record(t, d, s, first, ada, "", 0, t0)
		record(t, d, s, second, bo, "coffee, not tea", 0, t0.Add(time.Minute))
		record(t, d, s, first, ada, "Back to tea", 1, t0.Add(2*time.Minute))

		latest, err := revision.Latest(ctx, d, s)
		if err != nil {
			t.Fatal(err)
		}
		want := revision.Revision{Number: 3, Snapshot: first, Note: "Back to tea", AuthorID: ada,
			AuthorName: "Ada Lovelace", AuthorHandle: "ada", RevertedFrom: 1, CreatedAt: t0.Add(2 * time.Minute)}
		if !sameRevision(latest, want) {
			t.Errorf("Latest = %+v\nwant     %+v", latest, want)
		}
		if !latest.IsRevert() {
			t.Error("a revert does not say so")
		}

		got, err := revision.Get(ctx, d, s, 2)
		if err != nil {
			t.Fatal(err)
		}
		want = revision.Revision{Number: 2, Snapshot: second, Note: "coffee, not tea", AuthorID: bo,
			AuthorName: "Bo Diddley", AuthorHandle: "bo", CreatedAt: t0.Add(time.Minute)}
		if !sameRevision(got, want) {
			t.Errorf("Get(2) = %+v\nwant     %+v", got, want)
		}

		list, err := revision.List(ctx, d, s, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 3 {
			t.Fatalf("List returned %d revisions, want 3", len(list))
		}
		for i, r := range list {
			if r.Number != 3-i {
				t.Errorf("List[%d] is revision %d; want newest first", i, r.Number)
			}
			if r.Body != "" || r.Summary != "" {
				t.Errorf("List[%d] carries summary %q and body %q; lists leave them out", i, r.Summary, r.Body)
			}
			if r.Title == "" || r.AuthorName == "" || r.CreatedAt.IsZero() {
				t.Errorf("List[%d] = %+v lacks title, author or time", i, r)
			}
		}
		if list[1].Note != "coffee, not tea" || list[0].RevertedFrom != 1 {
			t.Errorf("List lost notes or the revert mark: %+v", list)
		}

		page, err := revision.List(ctx, d, s, 2, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 2 || page[0].Number != 2 || page[1].Number != 1 {
			t.Errorf("List(limit 2, offset 1) = %v; want revisions 2 and 1", numbers(page))
		}
		rest, err := revision.List(ctx, d, s, 0, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(rest) != 1 || rest[0].Number != 1 {
			t.Errorf("List(no limit, offset 2) = %v; want revision 1", numbers(rest))
		}
		none, err := revision.List(ctx, d, revision.Subject{Type: "entry", ID: 8}, 10, 0)
		if err != nil || len(none) != 0 {
			t.Errorf("List of a subject without history = %v, %v; want nothing", none, err)
		}
	})
}

func TestNotFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := revision.Subject{Type: "entry", ID: 1}
		if _, err := revision.Latest(ctx, d, s); !errs.Is(err, errs.NotFound) {
			t.Errorf("Latest without history: %v; want NotFound", err)
		}
		record(t, d, s, revision.Snapshot{Title: "One"}, 0, "", 0, db.Now())
		for _, n := range []int{0, 2, -1} {
			if _, err := revision.Get(ctx, d, s, n); !errs.Is(err, errs.NotFound) {
				t.Errorf("Get(%d): %v; want NotFound", n, err)
			}
		}
		if _, err := revision.Get(ctx, d, revision.Subject{Type: "reply", ID: 1}, 1); !errs.Is(err, errs.NotFound) {
			t.Errorf("Get on another subject type: %v; want NotFound", err)
		}
	})
}

func TestDeletedAuthorKeepsRevision(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		gone := addPerson(t, d, "gone", "Gone Away")
		s := revision.Subject{Type: "entry", ID: 3}
		record(t, d, s, revision.Snapshot{Title: "Kept", Body: "Still here"}, gone, "first", 0, db.Now())
		if _, err := d.ExecContext(ctx, `DELETE FROM people WHERE id = $1`, gone); err != nil {
			t.Fatalf("delete person: %v", err)
		}
		r, err := revision.Get(ctx, d, s, 1)
		if err != nil {
			t.Fatalf("revision of a deleted author: %v", err)
		}
		if r.AuthorID != 0 || r.AuthorName != "" || r.AuthorHandle != "" {
			t.Errorf("author of a deleted person = %d %q %q; want none", r.AuthorID, r.AuthorName, r.AuthorHandle)
		}
		if r.Body != "Still here" || r.Note != "first" {
			t.Errorf("revision changed when its author left: %+v", r)
		}
		var author sql.NullInt64
		if err := d.QueryRowContext(ctx, `SELECT author_id FROM revisions WHERE subject_id = $1`, s.ID).Scan(&author); err != nil {
			t.Fatal(err)
		}
		if author.Valid {
			t.Errorf("author_id = %d after the person was deleted; want NULL", author.Int64)
		}
	})
}

func TestRecordRefusesBadRevert(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := revision.Subject{Type: "entry", ID: 1}
		record(t, d, s, revision.Snapshot{Title: "One"}, 0, "", 0, db.Now())
		for _, from := range []int{2, 5, -1} {
			_, err := revision.Record(ctx, d.Writer(), s, revision.Snapshot{}, 0, "", from, db.Now())
			if !errs.Is(err, errs.Invalid) {
				t.Errorf("revert from %d: %v; want Invalid", from, err)
			}
		}
		if _, err := revision.Record(ctx, d.Writer(), revision.Subject{Type: "", ID: 1}, revision.Snapshot{}, 0, "", 0, db.Now()); err == nil {
			t.Error("recorded a revision of a subject without a type")
		}
		if n, _ := revision.Count(ctx, d, s); n != 1 {
			t.Errorf("refused records left %d revisions; want 1", n)
		}
	})
}

// raceQ passes statements to q, but runs before just ahead of the first
// statement that writes: another save slipping in between Record's read of
// the last number and its insert.
type raceQ struct {
	db.Q
	before func()
}

func (r *raceQ) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if r.before != nil {
		r.before()
		r.before = nil
	}
	return r.Q.ExecContext(ctx, query, args...)
}

func TestConcurrentRecordIsConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := revision.Subject{Type: "entry", ID: 1}
		record(t, d, s, revision.Snapshot{Title: "One"}, 0, "", 0, db.Now())
		q := &raceQ{Q: d.Writer(), before: func() {
			if n, err := revision.Record(ctx, d.Writer(), s, revision.Snapshot{Title: "Theirs"}, 0, "", 0, db.Now()); err != nil || n != 2 {
				t.Errorf("the other save: %d, %v", n, err)
			}
		}}
		_, err := revision.Record(ctx, q, s, revision.Snapshot{Title: "Mine"}, 0, "", 0, db.Now())
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("losing a race for a number: %v; want Conflict", err)
		}
		latest, err := revision.Latest(ctx, d, s)
		if err != nil || latest.Number != 2 || latest.Title != "Theirs" {
			t.Errorf("after the race Latest = %+v, %v; want the other save as 2", latest, err)
		}
	})
}

func TestDeleteAll(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := revision.Subject{Type: "entry", ID: 1}
		keep := revision.Subject{Type: "entry", ID: 2}
		record(t, d, s, revision.Snapshot{Title: "One"}, 0, "", 0, db.Now())
		record(t, d, s, revision.Snapshot{Title: "Two"}, 0, "", 0, db.Now())
		record(t, d, keep, revision.Snapshot{Title: "Kept"}, 0, "", 0, db.Now())
		if err := revision.DeleteAll(ctx, d, s); err != nil {
			t.Fatal(err)
		}
		if n, _ := revision.Count(ctx, d, s); n != 0 {
			t.Errorf("%d revisions left after DeleteAll", n)
		}
		if n, _ := revision.Count(ctx, d, keep); n != 1 {
			t.Errorf("DeleteAll touched another subject: %d revisions left, want 1", n)
		}
		if n := record(t, d, s, revision.Snapshot{Title: "Anew"}, 0, "", 0, db.Now()); n != 1 {
			t.Errorf("first revision after DeleteAll numbered %d, want 1", n)
		}
	})
}

// sameRevision compares two revisions, their times as instants (read back in UTC).
func sameRevision(a, b revision.Revision) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) || a.CreatedAt.Location() != time.UTC {
		return false
	}
	a.CreatedAt, b.CreatedAt = time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

func numbers(list []revision.Revision) []int {
	var out []int
	for _, r := range list {
		out = append(out, r.Number)
	}
	return out
}

func TestRecordKeepsEveryField(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := revision.Subject{Type: "entry", ID: 7}
		fields := map[string]string{"kind": "lesson", "tags": "bread, rye", "review_by": ""}
		record(t, d, s, revision.Snapshot{Title: "With fields", Fields: fields}, 0, "", 0, db.Now())
		record(t, d, s, revision.Snapshot{Title: "Without"}, 0, "", 0, db.Now())
		record(t, d, s, revision.Snapshot{Title: "Empty", Fields: map[string]string{}}, 0, "", 0, db.Now())
		for n, want := range map[int]map[string]string{1: fields, 2: nil, 3: {}} {
			r, err := revision.Get(ctx, d, s, n)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Fields, want) || (want == nil) != (r.Fields == nil) {
				t.Errorf("revision %d fields = %#v, want %#v", n, r.Fields, want)
			}
		}
		list, err := revision.List(ctx, d, s, 0, 0)
		if err != nil || len(list) != 3 {
			t.Fatalf("list = %v, %v", list, err)
		}
	})
}
