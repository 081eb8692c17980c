package notify_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/url"
	"strings"
	"sync"
	"testing"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/jobs"
	"hearth/internal/notify"
)

var quiet = slog.New(slog.DiscardHandler)

// world is a small instance for notification tests: people by name, one
// community, and a visibility rule the test controls.
type world struct {
	d         *db.DB
	people    map[string]int64
	community int64
	mu        sync.Mutex
	hidden    map[int64]bool // people who may not see anything
	notifier  *notify.Notifier
	runner    *jobs.Runner
}

func newWorld(t *testing.T, d *db.DB, sender notify.Sender, names ...string) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{d: d, people: map[string]int64{}, hidden: map[int64]bool{}}
	for _, name := range names {
		var id int64
		handle := strings.ToLower(strings.Fields(name)[0])
		if err := d.Writer().QueryRowContext(ctx, `INSERT INTO people (handle, email, name, password_hash, created_at)
			VALUES ($1, $2, $3, 'x', $4) RETURNING id`, handle, handle+"@example.org", name, db.Now()).Scan(&id); err != nil {
			t.Fatal(err)
		}
		w.people[handle] = id
	}
	if err := d.Writer().QueryRowContext(ctx, `INSERT INTO communities (slug, name, visibility, join_policy, stage, status, created_at, updated_at)
		VALUES ('kitchen', 'Kitchen <Crew> & Friends', 'private', 'open', 'maturing', 'active', $1, $1) RETURNING id`, db.Now()).Scan(&w.community); err != nil {
		t.Fatal(err)
	}
	for _, id := range w.people {
		if _, err := d.ExecContext(ctx, `INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at)
			VALUES ($1, $2, 'member', 'active', $3, $3)`, w.community, id, db.Now()); err != nil {
			t.Fatal(err)
		}
	}
	visible := func(_ context.Context, checks []notify.Check) ([]bool, error) {
		w.mu.Lock()
		defer w.mu.Unlock()
		ok := make([]bool, len(checks))
		for i, c := range checks {
			ok[i] = !w.hidden[c.PersonID]
		}
		return ok, nil
	}
	w.notifier = notify.NewNotifier(d, visible, "https://hearth.test", func(context.Context) string { return "Northfield" }, []string{"entry"}, quiet)
	bus := activity.NewBus(d)
	bus.SubscribeBatch("notify", w.notifier.PrepareBatch)
	w.runner = jobs.NewRunner(d, quiet)
	bus.Register(w.runner)
	w.notifier.Register(w.runner)
	notify.NewDelivery(d, sender, quiet).Register(w.runner)
	return w
}

func (w *world) hide(person int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.hidden[person] = true
}

func (w *world) record(t *testing.T, a activity.Activity) int64 {
	t.Helper()
	if a.CommunityID == 0 {
		a.CommunityID = w.community
	}
	var id int64
	err := w.d.WithTx(context.Background(), func(tx *db.Tx) error {
		var err error
		id, err = activity.Record(context.Background(), tx, a)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) run(t *testing.T) {
	t.Helper()
	if _, err := w.runner.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// told lists, by handle, who has a notification of activity id.
func (w *world) told(t *testing.T, id int64) map[string]string {
	t.Helper()
	rows, err := w.d.QueryContext(context.Background(), `SELECT p.handle, n.reason FROM notifications n JOIN people p ON p.id = n.person_id
		WHERE n.activity_id = $1`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var h, r string
		if err := rows.Scan(&h, &r); err != nil {
			t.Fatal(err)
		}
		out[h] = r
	}
	return out
}

func (w *world) watch(t *testing.T, handle, kind string, id int64, state string) {
	t.Helper()
	if err := notify.SetWatch(context.Background(), w.d.Writer(), w.people[handle], kind, id, state); err != nil {
		t.Fatal(err)
	}
}

func TestActivityReachesWatchersAndTargetsOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d, nil, "Ada Author", "Wes Watcher", "Cora Community", "Mona Muted", "Tom Mentioned", "Olga Outsider", "Ned Nobody")
		const entry = 7
		w.watch(t, "wes", "entry", entry, notify.Watching)
		w.watch(t, "cora", "community", w.community, notify.Watching)
		w.watch(t, "mona", "community", w.community, notify.Watching)
		w.watch(t, "mona", "entry", entry, notify.Muted)
		w.watch(t, "ada", "community", w.community, notify.Watching) // the actor is never told of her own act
		w.hide(w.people["olga"])                                     // mentioned, but may not see the entry

		id := w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: entry,
			Title: "Knife skills", URL: "/c/kitchen/practice/knife-skills#comment-3", Excerpt: "Thanks @tom",
			Targets: []activity.Target{{PersonID: w.people["tom"], Reason: "mention"}, {PersonID: w.people["olga"], Reason: "mention"}}})
		w.run(t)
		got := w.told(t, id)
		want := map[string]string{"wes": notify.ReasonWatching, "cora": notify.ReasonCommunity, "tom": "mention"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("told %v, want %v", got, want)
		}
		// The actor and the mentioned person now watch the entry.
		for _, h := range []string{"ada", "tom"} {
			if s, err := notify.WatchState(context.Background(), d, w.people[h], "entry", entry); err != nil || s != notify.Watching {
				t.Errorf("%s watches the entry: %q (%v)", h, s, err)
			}
		}
		if s, _ := notify.WatchState(context.Background(), d, w.people["mona"], "entry", entry); s != notify.Muted {
			t.Errorf("mona's mute became %q", s)
		}
		// Running the subscriber again (a retried job) tells nobody twice.
		a, err := activity.Get(context.Background(), d, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.notifier.Notify(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM notifications`).Scan(&n); err != nil || n != 3 {
			t.Fatalf("%d notifications after a repeat, want 3 (%v)", n, err)
		}
	})
}

func TestNotificationsListReadAndFollowVisibility(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d, nil, "Ada Author", "Ben Reader")
		ben := w.people["ben"]
		w.watch(t, "ben", "community", w.community, notify.Watching)
		if err := notify.SetPref(ctx, d.Writer(), ben, 0, notify.EmailNever); err != nil {
			t.Fatal(err)
		}
		for i := range notify.PageSize + 3 {
			w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.EntryPublished, SubjectKind: "entry", SubjectID: int64(100 + i),
				Title: fmt.Sprintf("Entry %02d", i), URL: fmt.Sprintf("/c/kitchen/practice/e%02d", i)})
		}
		w.run(t)
		if n, err := notify.Unread(ctx, d, ben); err != nil || n != notify.PageSize+3 {
			t.Fatalf("unread %d (%v)", n, err)
		}
		page, more, err := notify.List(ctx, d, ben, 0)
		if err != nil || !more || len(page) != notify.PageSize || page[0].Activity.Title != fmt.Sprintf("Entry %02d", notify.PageSize+2) {
			t.Fatalf("first page: %d items, more %v, first %+v (%v)", len(page), more, page[0].Activity, err)
		}
		if page[0].Activity.ActorName != "Ada Author" || page[0].Activity.CommunitySlug != "kitchen" {
			t.Errorf("activity shown as %+v", page[0].Activity)
		}
		rest, more, err := notify.List(ctx, d, ben, page[len(page)-1].ID)
		if err != nil || more || len(rest) != 3 || rest[2].Activity.Title != "Entry 00" {
			t.Fatalf("second page: %d items, more %v (%v)", len(rest), more, err)
		}
		url, err := notify.MarkRead(ctx, d.Writer(), ben, page[0].ID)
		if err != nil || url != fmt.Sprintf("/c/kitchen/practice/e%02d", notify.PageSize+2) {
			t.Fatalf("MarkRead: %q (%v)", url, err)
		}
		if _, err := notify.MarkRead(ctx, d.Writer(), w.people["ada"], page[1].ID); err == nil {
			t.Fatal("marked someone else's notification read")
		}
		if n, _ := notify.Unread(ctx, d, ben); n != notify.PageSize+2 {
			t.Fatalf("unread after one read: %d", n)
		}
		if err := notify.MarkAllRead(ctx, d.Writer(), ben); err != nil {
			t.Fatal(err)
		}
		if n, _ := notify.Unread(ctx, d, ben); n != 0 {
			t.Fatalf("unread after all read: %d", n)
		}
		// Ben leaves the private community: what it holds no longer shows.
		if _, err := d.ExecContext(ctx, `DELETE FROM memberships WHERE person_id = $1`, ben); err != nil {
			t.Fatal(err)
		}
		if page, _, err := notify.List(ctx, d, ben, 0); err != nil || len(page) != 0 {
			t.Fatalf("after leaving: %d items (%v)", len(page), err)
		}
	})
}

// mailParts parses a received message into its headers and its text and
// HTML parts.
func mailParts(t *testing.T, r received) (map[string]string, string, string) {
	t.Helper()
	m, body := parse(t, r)
	headers := map[string]string{}
	for k := range m.Header {
		headers[k] = m.Header.Get(k)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	headers["Subject"] = subject
	_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	mr := multipart.NewReader(strings.NewReader(body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		var rd io.Reader = p
		if p.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			rd = quotedprintable.NewReader(p)
		}
		b, _ := io.ReadAll(rd)
		parts[ct] = string(b)
	}
	return headers, parts["text/plain"], parts["text/html"]
}

// A notification e-mailed at once goes over SMTP with a text and an HTML
// part, hostile names and titles escaped, and a one-click unsubscribe that
// works without signing in and stops that community's e-mail.
func TestImmediateEmailOverSMTP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		srv := startSMTP(t, "", "")
		sender, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, From: "Hearth <hearth@example.org>", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		w := newWorld(t, d, sender, "Eve <script>alert(1)</script>", "Bea Reader")
		w.watch(t, "bea", "entry", 9, notify.Watching)
		w.record(t, activity.Activity{ActorID: w.people["eve"], Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: 9,
			Title: `Knives <img src=x onerror=alert(2)> & "forks"`, URL: "/c/kitchen/practice/knives#comment-4", Excerpt: "<b>bold</b> claim"})
		w.run(t)
		msgs := srv.messages()
		if len(msgs) != 1 || msgs[0].To != "bea@example.org" {
			t.Fatalf("sent %+v", msgs)
		}
		h, text, html := mailParts(t, msgs[0])
		if !strings.Contains(h["Subject"], "in Kitchen <Crew> & Friends") || !strings.Contains(h["Subject"], "commented on") {
			t.Errorf("subject %q", h["Subject"])
		}
		if !strings.Contains(text, "https://hearth.test/c/kitchen/practice/knives#comment-4") || !strings.Contains(text, "<b>bold</b> claim") {
			t.Errorf("text part:\n%s", text)
		}
		for _, bad := range []string{"<script>", "<img", "<b>bold"} {
			if strings.Contains(html, bad) {
				t.Errorf("HTML part holds %q unescaped:\n%s", bad, html)
			}
		}
		if !strings.Contains(html, "&lt;script&gt;") || !strings.Contains(html, `href="https://hearth.test/c/kitchen/practice/knives#comment-4"`) {
			t.Errorf("HTML part:\n%s", html)
		}
		if h["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe-Post %q", h["List-Unsubscribe-Post"])
		}
		link := strings.Trim(h["List-Unsubscribe"], "<>")
		u, err := url.Parse(link)
		if err != nil || !strings.HasPrefix(link, "https://hearth.test/unsubscribe?") || !strings.Contains(text, link) {
			t.Fatalf("unsubscribe link %q (%v)", link, err)
		}
		q := u.Query()
		if _, err := w.notifier.Unsubscribe(ctx, q.Get("p"), q.Get("c"), q.Get("t")+"x"); err == nil {
			t.Fatal("a forged unsubscribe token was accepted")
		}
		if _, err := w.notifier.Unsubscribe(ctx, q.Get("p"), "0", q.Get("t")); err == nil {
			t.Fatal("a token for one community unsubscribed from everything")
		}
		got, err := w.notifier.Unsubscribe(ctx, q.Get("p"), q.Get("c"), q.Get("t"))
		if err != nil || got.CommunityID != w.community || got.Community != "Kitchen <Crew> & Friends" {
			t.Fatalf("unsubscribe: %+v (%v)", got, err)
		}
		// Bea hears of the next comment in the app, but gets no e-mail.
		w.record(t, activity.Activity{ActorID: w.people["eve"], Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: 9, Title: "Knives"})
		w.run(t)
		if n, _ := notify.Unread(ctx, d, w.people["bea"]); n != 2 || len(srv.messages()) != 1 {
			t.Fatalf("after unsubscribing: unread %d, %d e-mails", n, len(srv.messages()))
		}
	})
}

// A person who may no longer see something when the news of it goes out
// (they left the community between the write and the sending) is told
// nothing: neither in the app nor by e-mail.
func TestNothingToldAfterAccessEnds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := &counting{sent: map[string]int{}}
		w := newWorld(t, d, c, "Ada Author", "Ben Leaving", "Cy Staying")
		w.watch(t, "ben", "entry", 5, notify.Watching)
		w.watch(t, "cy", "entry", 5, notify.Watching)
		id := w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.EntryImproved, SubjectKind: "entry", SubjectID: 5, Title: "Secret plan"})
		w.hide(w.people["ben"]) // after the write, before the fan-out job runs
		w.run(t)
		if got := w.told(t, id); len(got) != 1 || got["cy"] == "" {
			t.Fatalf("told %v, want only cy", got)
		}
		if len(c.sent) != 1 {
			t.Fatalf("sent %v, want cy's e-mail only", c.sent)
		}
		var emailed int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM notifications WHERE emailed_at IS NOT NULL`).Scan(&emailed); err != nil || emailed != 1 {
			t.Fatalf("%d notifications marked e-mailed (%v), want 1", emailed, err)
		}
	})
}

func TestDailyDigestGathersOnceAndRespectsChoices(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		srv := startSMTP(t, "", "")
		sender, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, From: "hearth@example.org", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		w := newWorld(t, d, sender, "Ada Author", "Dan Daily", "Wendy Weekly")
		for _, h := range []string{"dan", "wendy"} {
			w.watch(t, h, "community", w.community, notify.Watching)
		}
		if err := notify.SetPref(ctx, d.Writer(), w.people["dan"], w.community, notify.EmailDaily); err != nil {
			t.Fatal(err)
		}
		if err := notify.SetPref(ctx, d.Writer(), w.people["wendy"], 0, notify.EmailWeekly); err != nil {
			t.Fatal(err)
		}
		if err := notify.SetPref(ctx, d.Writer(), w.people["wendy"], 0, "hourly"); err == nil {
			t.Fatal("an unknown choice was saved")
		}
		for i := range 3 {
			w.record(t, activity.Activity{ActorID: w.people["ada"], Verb: activity.EntryPublished, SubjectKind: "entry", SubjectID: int64(i + 1),
				Title: fmt.Sprintf("Lesson %d", i+1), URL: fmt.Sprintf("/c/kitchen/practice/l%d", i+1)})
		}
		w.run(t) // notifications made; no immediate e-mail for either
		if len(srv.messages()) != 0 {
			t.Fatalf("digest readers got %d immediate e-mails", len(srv.messages()))
		}
		// The daily digest job (as the scheduler would enqueue it tomorrow).
		if err := jobs.Enqueue(ctx, d.Writer(), jobs.Job{Kind: "notify.digest.daily", Key: "notify.digest.daily:test"}); err != nil {
			t.Fatal(err)
		}
		w.run(t)
		w.run(t)
		msgs := srv.messages()
		if len(msgs) != 1 || msgs[0].To != "dan@example.org" {
			t.Fatalf("daily digest went to %+v", msgs)
		}
		h, text, _ := mailParts(t, msgs[0])
		for i := 1; i <= 3; i++ {
			if !strings.Contains(text, fmt.Sprintf("Lesson %d", i)) {
				t.Errorf("digest lacks Lesson %d:\n%s", i, text)
			}
		}
		if !strings.Contains(h["Subject"], "3 new things") {
			t.Errorf("subject %q", h["Subject"])
		}
		if err := jobs.Enqueue(ctx, d.Writer(), jobs.Job{Kind: "notify.digest.daily", Key: "notify.digest.daily:again"}); err != nil {
			t.Fatal(err)
		}
		w.run(t)
		if len(srv.messages()) != 1 {
			t.Fatal("a second daily digest repeated what the first sent")
		}
	})
}
