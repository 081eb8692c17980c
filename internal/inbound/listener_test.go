package inbound_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"hearth/internal/apptest"
	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/config"
	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/notify"
	"hearth/internal/posts"
	"hearth/internal/practice"
	"hearth/internal/ratelimit"
)

const domain = "reply.hearth.test"

var quiet = slog.New(slog.DiscardHandler)

// world is a running Hearth taking replies by e-mail on a loopback port: Ada
// stewards the private community "kitchen", Bea is a member, and Bea has had
// a notification e-mail about Ada's thread "Sharpening".
type world struct {
	t        *testing.T
	e        *apptest.Env
	addr     string // the SMTP listener
	talk     *conversation.Service
	library  *practice.Service
	notifier *notify.Notifier // signs with the instance's key, as the app's does
	ada, bea auth.Actor
	thread   int64
	replyTo  string // the Reply-To of Bea's notification
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	return newWorldWith(t, d, apptest.RoomyLimits)
}

// newWorldWith is newWorld with the configuration changed by adjust.
func newWorldWith(t *testing.T, d *db.DB, adjust func(*config.Config)) *world {
	t.Helper()
	ctx := context.Background()
	e := apptest.NewWith(t, d, func(c *config.Config) {
		adjust(c)
		c.InboundDomain = domain
		c.InboundAddr = "127.0.0.1:0"
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- e.Worker.Inbound.Serve(ln) }()
	t.Cleanup(func() {
		e.Worker.Inbound.Close()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	w := &world{t: t, e: e, addr: ln.Addr().String(), talk: conversation.NewService(d, e.Communities, quiet),
		library:  practice.NewService(d, e.Communities, quiet),
		notifier: notify.NewNotifier(d, nil, e.Server.URL, nil, nil, quiet)}
	if err := w.notifier.SetReplies(domain, "thread", "entry"); err != nil {
		t.Fatal(err)
	}
	w.ada, w.bea = e.Person("ada"), e.Person("bea")
	e.Community(w.ada, "kitchen", community.Private, community.Invite)
	e.SetMembership("kitchen", w.bea, community.RoleMember, community.ActiveMember)
	th, err := w.talk.Start(ctx, w.ada, "kitchen", conversation.Input{Kind: conversation.Discussion, Title: "Sharpening", Body: "How do you sharpen?"})
	if err != nil {
		t.Fatal(err)
	}
	w.thread = th.ID
	if _, err := w.talk.Reply(ctx, w.bea, "kitchen", th.ID, posts.Reply, "With a stone."); err != nil {
		t.Fatal(err)
	}
	w.run() // Bea now watches the thread she replied in
	if _, err := w.talk.Reply(ctx, w.ada, "kitchen", th.ID, posts.Reply, "Use a 1000 grit stone first."); err != nil {
		t.Fatal(err)
	}
	w.run()
	w.replyTo = w.replyAddressOf("bea@example.org", "Sharpening")
	return w
}

// run runs the jobs due: notifications and their e-mail.
func (w *world) run() {
	w.t.Helper()
	if _, err := w.e.Worker.RunDue(context.Background()); err != nil {
		w.t.Fatal(err)
	}
}

// replyAddressOf is the Reply-To of the last e-mail to `to` about title.
func (w *world) replyAddressOf(to, title string) string {
	w.t.Helper()
	var replyTo string
	err := w.e.DB.QueryRowContext(context.Background(), `SELECT reply_to FROM mail_outbox WHERE to_addr = $1 AND subject LIKE $2
		ORDER BY id DESC LIMIT 1`, to, "%"+title+"%").Scan(&replyTo)
	if err != nil {
		w.t.Fatalf("notification to %s about %s: %v", to, title, err)
	}
	if !strings.HasPrefix(replyTo, "reply+") || !strings.HasSuffix(replyTo, "@"+domain) {
		w.t.Fatalf("Reply-To %q", replyTo)
	}
	return replyTo
}

// send is one SMTP conversation with the listener: the error of RCPT, or
// else of the end of DATA (nil: the message was taken).
func (w *world) send(envelopeFrom, rcpt, message string) error {
	w.t.Helper()
	c, err := smtp.Dial(w.addr)
	if err != nil {
		w.t.Fatal(err)
	}
	defer c.Close()
	if err := c.Hello("mx.example.org"); err != nil {
		w.t.Fatal(err)
	}
	if err := c.Mail(envelopeFrom, nil); err != nil {
		w.t.Fatal(err)
	}
	if err := c.Rcpt(rcpt, nil); err != nil {
		return err
	}
	wc, err := c.Data()
	if err != nil {
		w.t.Fatal(err)
	}
	_, werr := io.WriteString(wc, message)
	err = wc.Close()
	if err == nil && werr != nil {
		err = werr
	}
	if qerr := c.Quit(); qerr != nil && err == nil {
		w.t.Fatalf("quit: %v", qerr)
	}
	return err
}

// reply is an e-mail from `from` to rcpt with a body above a Gmail-style quote.
func reply(from, rcpt, messageID, body string) string {
	return "From: Bea Reader <" + from + ">\r\nTo: <" + rcpt + ">\r\nSubject: Re: Sharpening\r\nMessage-ID: <" + messageID + ">\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body +
		"\r\n\r\nOn Tue, 3 Mar 2026 at 09:12, Northfield Hearth <hearth@example.org> wrote:\r\n> Use a 1000 grit stone first.\r\n" +
		"\r\n-- \r\nBea Reader, kitchen team\r\n"
}

// posts lists the bodies of the thread's posts by author handle, oldest first.
func (w *world) posts() []string {
	w.t.Helper()
	rows, err := w.e.DB.QueryContext(context.Background(), `SELECT p.handle, po.body FROM posts po JOIN people p ON p.id = po.author_id
		WHERE po.subject_kind = 'thread' AND po.subject_id = $1 ORDER BY po.id`, w.thread)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h, b string
		if err := rows.Scan(&h, &b); err != nil {
			w.t.Fatal(err)
		}
		out = append(out, h+": "+b)
	}
	return out
}

// wantRefused checks an SMTP refusal's code and that it names why.
func wantRefused(t *testing.T, err error, code int, says string) {
	t.Helper()
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code != code || !strings.Contains(se.Message, says) {
		t.Fatalf("got %v, want %d saying %q", err, code, says)
	}
}

// A good reply becomes Bea's post in the thread, quote and signature
// stripped, recorded as a web reply is (Ada hears of it); sent again (a
// retry), it is not posted twice.
func TestGoodReplyBecomesAPost(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		before := len(w.posts())
		msg := reply("bea@example.org", w.replyTo, "good-1@example.org", "Soak the stone for ten minutes first.")
		if err := w.send("bea@example.org", w.replyTo, msg); err != nil {
			t.Fatalf("send: %v", err)
		}
		got := w.posts()
		if len(got) != before+1 || got[len(got)-1] != "bea: Soak the stone for ten minutes first." {
			t.Fatalf("posts: %q", got)
		}
		var verb string
		if err := d.QueryRowContext(context.Background(), `SELECT verb FROM activities WHERE actor_id = $1 AND subject_kind = 'thread'
			AND subject_id = $2 ORDER BY id DESC LIMIT 1`, w.bea.PersonID, w.thread).Scan(&verb); err != nil || verb != "reply.added" {
			t.Fatalf("activity %q (%v)", verb, err)
		}
		w.run()
		if w.replyAddressOf("ada@example.org", "Sharpening") == w.replyTo {
			t.Error("Ada's notification carries Bea's reply address")
		}
		// The sending server did not hear our answer and sends it again.
		if err := w.send("bea@example.org", strings.ToUpper(w.replyTo), msg); err != nil {
			t.Fatalf("send again: %v", err)
		}
		if n := len(w.posts()); n != before+1 {
			t.Fatalf("a message sent twice made %d posts", n-before)
		}
	})
}

// Every refusal changes nothing: a forged or expired address is refused at
// RCPT (nothing of the message is read); another sender, a locked thread and
// a person who left the community are refused after DATA, with the reason;
// an auto-reply, a bounce and a reply with nothing above the quote are
// dropped without a word back (no mail loops); too big is refused by size.
func TestRefusedRepliesChangeNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		before := w.posts()
		unchanged := func(what string) {
			t.Helper()
			if got := w.posts(); len(got) != len(before) {
				t.Fatalf("%s: posts %q, want %q", what, got, before)
			}
		}
		good := func(id string) string { return reply("bea@example.org", w.replyTo, id, "This should not be posted.") }

		token := strings.TrimSuffix(strings.TrimPrefix(w.replyTo, "reply+"), "@"+domain)
		forged := "reply+" + token[:len(token)-1] + map[bool]string{true: "b", false: "a"}[strings.HasSuffix(token, "a")] + "@" + domain
		wantRefused(t, w.send("bea@example.org", forged, good("f1@x")), 550, "no such reply address")
		wantRefused(t, w.send("bea@example.org", "reply+"+token+"@elsewhere.example", good("f2@x")), 550, "no such reply address")
		unchanged("forged")

		expired, err := w.notifier.ReplyAddress(ctx, w.bea.PersonID, "thread", w.thread, time.Now().Add(-notify.ReplyTTL-time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		wantRefused(t, w.send("bea@example.org", expired, good("e1@x")), 550, "expired")
		unchanged("expired")

		err = w.send("mallory@example.net", w.replyTo, reply("mallory@example.net", w.replyTo, "m1@x", "Mallory was here."))
		wantRefused(t, err, 550, "only from the address Hearth wrote to")
		unchanged("another sender")

		auto := "From: Bea Reader <bea@example.org>\r\nSubject: Automatic reply: Sharpening\r\nAuto-Submitted: auto-replied\r\n" +
			"Message-ID: <a1@x>\r\n\r\nI am out of the office.\r\n"
		if err := w.send("bea@example.org", w.replyTo, auto); err != nil {
			t.Fatalf("auto-reply: %v, want it taken and dropped", err)
		}
		if err := w.send("", w.replyTo, good("b1@x")); err != nil {
			t.Fatalf("bounce: %v, want it taken and dropped", err)
		}
		if err := w.send("bea@example.org", w.replyTo, reply("bea@example.org", w.replyTo, "q1@x", "")); err != nil {
			t.Fatalf("nothing above the quote: %v, want it taken and dropped", err)
		}
		unchanged("automatic or empty")

		huge := reply("bea@example.org", w.replyTo, "h1@x", strings.Repeat("All work and no play makes Jack a dull boy.\r\n", 7_000))
		wantRefused(t, w.send("bea@example.org", w.replyTo, huge), 552, "size")
		unchanged("too big")

		if err := w.talk.SetLocked(ctx, w.ada, "kitchen", w.thread, true); err != nil {
			t.Fatal(err)
		}
		wantRefused(t, w.send("bea@example.org", w.replyTo, good("l1@x")), 550, "locked")
		unchanged("locked")
		if err := w.talk.SetLocked(ctx, w.ada, "kitchen", w.thread, false); err != nil {
			t.Fatal(err)
		}

		if err := w.e.Communities.Leave(ctx, w.bea, "kitchen"); err != nil {
			t.Fatal(err)
		}
		wantRefused(t, w.send("bea@example.org", w.replyTo, good("left1@x")), 550, "Not posted")
		unchanged("left the community")

		// Back in, she may: the refusals above held nothing back.
		w.e.SetMembership("kitchen", w.bea, community.RoleMember, community.ActiveMember)
		if err := w.send("bea@example.org", w.replyTo, reply("bea@example.org", w.replyTo, "back1@x", "Back again.")); err != nil {
			t.Fatalf("after rejoining: %v", err)
		}
		if got := w.posts(); len(got) != len(before)+1 {
			t.Fatalf("after rejoining: %q", got)
		}
	})
}

// A disabled account's address, an unconfirmed e-mail address, and an
// address changed since the notification are refused.
func TestSenderMustBeTheConfirmedAddress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		before := len(w.posts())
		if _, err := d.ExecContext(ctx, `UPDATE people SET email_verified_at = NULL WHERE id = $1`, w.bea.PersonID); err != nil {
			t.Fatal(err)
		}
		wantRefused(t, w.send("bea@example.org", w.replyTo, reply("bea@example.org", w.replyTo, "u1@x", "Hi.")), 550, "Confirm your e-mail")
		if _, err := d.ExecContext(ctx, `UPDATE people SET email = 'bea@new.example.org', email_verified_at = $2 WHERE id = $1`,
			w.bea.PersonID, db.Now()); err != nil {
			t.Fatal(err)
		}
		wantRefused(t, w.send("bea@example.org", w.replyTo, reply("bea@example.org", w.replyTo, "c1@x", "Hi.")), 550, "only from the address")
		if err := w.e.Auth.SetDisabled(ctx, w.e.Admin, "bea", true); err != nil {
			t.Fatal(err)
		}
		wantRefused(t, w.send("bea@new.example.org", w.replyTo, reply("bea@new.example.org", w.replyTo, "d1@x", "Hi.")), 550, "only from the address")
		if n := len(w.posts()); n != before {
			t.Fatalf("%d posts made", n-before)
		}
	})
}

// Two copies of one message arriving at once (two servers of a cluster
// delivering it) make one post, on both engines.
func TestSameMessageAtOncePostsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		before := len(w.posts())
		msg := reply("bea@example.org", w.replyTo, "twice@example.org", "Said once.")
		errs := dbtest.Together(4, func(int) error { return w.send("bea@example.org", w.replyTo, msg) })
		for i, err := range errs {
			if err != nil {
				t.Errorf("copy %d: %v", i, err)
			}
		}
		if n := len(w.posts()); n != before+1 {
			t.Fatalf("four copies made %d posts", n-before)
		}
	})
}

// One reply address per message; many unknown recipients end in 421.
func TestRecipientLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		other, err := w.notifier.ReplyAddress(context.Background(), w.bea.PersonID, "thread", w.thread+1000, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		c, err := smtp.Dial(w.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.Mail("bea@example.org", nil); err != nil {
			t.Fatal(err)
		}
		if err := c.Rcpt(w.replyTo, nil); err != nil {
			t.Fatal(err)
		}
		wantRefused(t, c.Rcpt(other, nil), 452, "One reply address per message")
		for range 3 {
			wantRefused(t, c.Rcpt("someone@"+domain, nil), 550, "no such reply address")
		}
		wantRefused(t, c.Rcpt(w.replyTo, nil), 421, "Too many unknown recipients")
	})
}

// Replying to a notification about an entry adds a comment to it, and a
// real mail client's message (Outlook, ISO-8859-1) is read as it should be.
func TestReplyToEntryNotificationComments(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d)
		entry, err := w.library.Create(ctx, w.bea, "kitchen", practice.Input{Kind: practice.Lesson, Title: "Knife care",
			Summary: "Keep them sharp.", Body: "Dry them at once.", Publish: true})
		if err != nil {
			t.Fatal(err)
		}
		w.run() // Bea, its author, watches it
		if _, err := w.library.AddComment(ctx, w.ada, "kitchen", entry.Slug, "What about oil?"); err != nil {
			t.Fatal(err)
		}
		w.run()
		to := w.replyAddressOf("bea@example.org", "Knife care")
		raw, err := os.ReadFile(filepath.Join("testdata", "outlook.eml"))
		if err != nil {
			t.Fatal(err)
		}
		msg := strings.Replace(string(raw), "reply+TOKEN@reply.hearth.test", to, 1)
		if _, err := mail.ReadMessage(strings.NewReader(msg)); err != nil {
			t.Fatal(err)
		}
		if err := w.send("bea@example.org", to, msg); err != nil {
			t.Fatalf("send: %v", err)
		}
		var body, handle string
		if err := d.QueryRowContext(ctx, `SELECT po.body, p.handle FROM posts po JOIN people p ON p.id = po.author_id
			WHERE po.subject_kind = 'entry' AND po.subject_id = $1 ORDER BY po.id DESC LIMIT 1`, entry.ID).Scan(&body, &handle); err != nil {
			t.Fatal(err)
		}
		if handle != "bea" || body != "Yes, we do this every week in the café kitchen.\n\nBest regards,\nBea" {
			t.Fatalf("comment by %s: %q", handle, body)
		}
	})
}

// A person's replies by e-mail are rate limited: past the limit, the address
// is refused for now (4xx: the sending server tries again later).
func TestRepliesPerPersonAreRateLimited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorldWith(t, d, func(c *config.Config) {
			apptest.RoomyLimits(c)
			c.Limits[ratelimit.Inbound] = ratelimit.Rule{Max: 2, Window: time.Hour}
		})
		before := len(w.posts())
		for i := range 2 {
			id := fmt.Sprintf("r%d@x", i)
			if err := w.send("bea@example.org", w.replyTo, reply("bea@example.org", w.replyTo, id, "Reply "+id)); err != nil {
				t.Fatalf("reply %d: %v", i, err)
			}
		}
		wantRefused(t, w.send("bea@example.org", w.replyTo, reply("bea@example.org", w.replyTo, "r3@x", "One too many.")), 450, "Too many replies")
		if n := len(w.posts()); n != before+2 {
			t.Fatalf("%d posts, want 2", n-before)
		}
	})
}
