package web_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
)

// activityPagesPerWrite bounds the pages that the activity log's b-trees
// (the activities table and its indexes) add to the write-ahead log for each
// write of BenchmarkSequentialWrites: each is written whole at every commit,
// and they were the larger part of a write's added cost (docs/performance.md,
// "The cost of a write"). Today: the row (sometimes two pages) and three
// indexes. One more index on activities breaks it: measure a write with
// scripts/write-cost before raising it.
const activityPagesPerWrite = 5.5

// TestActivityAddsFewPagesToAWrite publishes entries and comments as the
// benchmark does, on SQLite, and counts the frames each b-tree adds to the
// write-ahead log (checkpoints held off), the requests' commits apart from
// the background jobs'.
func TestActivityAddsFewPagesToAWrite(t *testing.T) {
	t.Parallel()
	d := dbtest.SQLite(t)
	e := apptest.New(t, d)
	ctx := context.Background()
	sam := e.Person("sam")
	e.Community(sam, "bread", community.Public, community.Open)
	for i := range 5 {
		e.SetMembership("bread", e.Person(fmt.Sprintf("watcher-%d", i)), community.RoleMember, community.ActiveMember)
	}
	as := e.As("sam")
	res := as.Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {"Bench entry"}, "summary": {"Where comments go."}, "action": {"publish"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.Status)
	}
	entry := res.Location
	runDue(e)
	var seq int
	var name, path string
	if err := d.Writer().QueryRowContext(ctx, "PRAGMA database_list").Scan(&seq, &name, &path); err != nil {
		t.Fatal(err)
	}
	// The writer is one connection: these hold for every write that follows.
	d.StopCheckpointer()
	if _, err := d.Writer().ExecContext(ctx, "PRAGMA wal_autocheckpoint = 0"); err != nil {
		t.Fatal(err)
	}
	var busy, logged, done int
	if err := d.Writer().QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done); err != nil || busy != 0 {
		t.Fatalf("empty the log: busy %d (%v)", busy, err)
	}
	const writes = 200
	for i := range writes {
		if i%2 == 0 {
			res = as.Post("/c/bread/practice/new", url.Values{"kind": {"lesson"}, "title": {fmt.Sprintf("Lesson %d", i)},
				"summary": {"What we learned, @watcher-1."}, "body": {"## What happened\n\nWe tried it, @watcher-2 watched."}, "action": {"publish"}})
		} else {
			res = as.Post(entry+"/comments", url.Values{"body": {fmt.Sprintf("Comment %d: thanks @watcher-3.", i)}})
		}
		if res.Status != http.StatusSeeOther {
			t.Fatalf("write %d: %d", i, res.Status)
		}
	}
	requests := walPages(t, path, 0)
	runDue(e)
	jobs := walPages(t, path, len(requests))
	names := pageOwners(t, d)
	requestPages := perBtree(requests, names)
	t.Logf("requests: %.2f pages a write; the jobs after them: %.2f", float64(len(requests))/writes, float64(len(jobs))/writes)
	logPages(t, requestPages, writes)
	logPages(t, perBtree(jobs, names), writes)
	activity := 0
	for btree, n := range requestPages {
		if btree == "activities" || strings.HasPrefix(btree, "activities_") {
			activity += n
		}
	}
	if got := float64(activity) / writes; got > activityPagesPerWrite || got < 1 {
		t.Errorf("the activity log adds %.2f pages to each write's commit, want at most %.1f (and at least its row)", got, activityPagesPerWrite)
	}
}

// walPages lists the page of each frame in the write-ahead log of the
// database at path, from frame from on.
func walPages(t *testing.T, path string, from int) []uint32 {
	t.Helper()
	b, err := os.ReadFile(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	size := int(binary.BigEndian.Uint32(b[8:12])) // the header's page size
	var pages []uint32
	for off := 32 + from*(24+size); off+24+size <= len(b); off += 24 + size {
		pages = append(pages, binary.BigEndian.Uint32(b[off:off+4]))
	}
	return pages
}

// pageOwners names the table or index each page of d belongs to.
func pageOwners(t *testing.T, d *db.DB) map[uint32]string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), "SELECT name, pageno FROM dbstat")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[uint32]string{}
	for rows.Next() {
		var name string
		var page uint32
		if err := rows.Scan(&name, &page); err != nil {
			t.Fatal(err)
		}
		out[page] = name
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func perBtree(pages []uint32, owners map[uint32]string) map[string]int {
	out := map[string]int{}
	for _, p := range pages {
		name := owners[p]
		if name == "" {
			name = "(free or header)"
		}
		out[name]++
	}
	return out
}

func logPages(t *testing.T, by map[string]int, writes int) {
	t.Helper()
	for _, n := range slices.SortedFunc(maps.Keys(by), func(a, b string) int { return by[b] - by[a] }) {
		t.Logf("  %-36s %6.2f a write", n, float64(by[n])/float64(writes))
	}
}
