package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"hearth/internal/apptest"
	"hearth/internal/community"
	"hearth/internal/db/dbtest"
)

// BenchmarkSequentialWrites measures the cost of a write as a member meets
// it: entries published and comments posted one after another over HTTP, on
// SQLite, the background jobs running as in `hearth serve`. It reports
// writes per second. scripts/write-cost runs it against this build and an
// older one in the same run.
func BenchmarkSequentialWrites(b *testing.B) {
	d := dbtest.SQLite(b)
	e := apptest.New(b, d)
	sam := e.Person("sam")
	e.Community(sam, "bread", community.Public, community.Open)
	for i := range 5 {
		e.SetMembership("bread", e.Person(fmt.Sprintf("watcher-%d", i)), community.RoleMember, community.ActiveMember)
	}
	as := e.As("sam")
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // the workers, as serve runs them
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				runDue(e)
			}
		}
	}()
	defer func() { close(stop); <-done }()
	res := as.Post("/c/bread/practice/new", url.Values{"kind": {"story"}, "title": {"Bench entry"}, "summary": {"Where comments go."}, "action": {"publish"}})
	if res.Status != http.StatusSeeOther {
		b.Fatalf("publish: %d", res.Status)
	}
	entry := res.Location
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		var res apptest.Response
		if i%2 == 0 {
			res = as.Post("/c/bread/practice/new", url.Values{"kind": {"lesson"}, "title": {fmt.Sprintf("Lesson %d", i)},
				"summary": {"What we learned, @watcher-1."}, "body": {"## What happened\n\nWe tried it, @watcher-2 watched."}, "action": {"publish"}})
		} else {
			res = as.Post(entry+"/comments", url.Values{"body": {fmt.Sprintf("Comment %d: thanks @watcher-3.", i)}})
		}
		if res.Status != http.StatusSeeOther {
			b.Fatalf("write %d: %d\n%s", i, res.Status, res.Body)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "writes/s")
}
