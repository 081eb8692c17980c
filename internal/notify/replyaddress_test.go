package notify_test

import (
	"context"
	"errors"
	"math"
	"net/mail"
	"strings"
	"testing"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/notify"
)

// A reply address says who replies to what until when, fits a local part,
// survives case folding, and is refused when forged, tampered with, of
// another domain or expired.
func TestReplyAddressIsSignedAndExpires(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		w := newWorld(t, d, nil)
		if err := w.notifier.SetReplies("Reply.Hearth.Example", "thread", "entry"); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		addr, err := w.notifier.ReplyAddress(ctx, 42, "thread", 1234, now)
		if err != nil {
			t.Fatal(err)
		}
		local, domain, _ := strings.Cut(addr, "@")
		if domain != "reply.hearth.example" || !strings.HasPrefix(local, "reply+") || len(local) > 64 || local != strings.ToLower(local) {
			t.Fatalf("address %q", addr)
		}
		got, err := w.notifier.CheckReplyAddress(ctx, strings.ToUpper(addr), now.Add(29*24*time.Hour))
		if err != nil || got.PersonID != 42 || got.Kind != "thread" || got.SubjectID != 1234 || !got.Expires.Equal(now.Add(notify.ReplyTTL)) {
			t.Fatalf("check: %+v (%v)", got, err)
		}
		if _, err := w.notifier.CheckReplyAddress(ctx, addr, now.Add(notify.ReplyTTL)); !errors.Is(err, notify.ErrReplyExpired) {
			t.Errorf("expired address: %v", err)
		}
		token := strings.TrimPrefix(local, "reply+")
		flipped := []byte(token)
		flipped[3] = map[bool]byte{true: 'b', false: 'a'}[flipped[3] == 'a']
		for _, bad := range []string{
			"reply+" + string(flipped) + "@" + domain, // tampered
			"reply+" + token[:len(token)-2] + "@" + domain,
			"reply+" + token + "@other.example",
			"reply-" + token + "@" + domain,
			"reply+@" + domain,
			"reply+!!!!@" + domain,
			"reply+" + strings.Repeat("a", 80) + "@" + domain,
			"nobody@" + domain,
		} {
			if _, err := w.notifier.CheckReplyAddress(ctx, bad, now); !errors.Is(err, notify.ErrReplyForged) {
				t.Errorf("%q: %v, want forged", bad, err)
			}
		}
		// Every other spelling of the last letter is refused, including those
		// that differ only in bits base32 decoding would ignore (21 bytes
		// are 168 bits: the 34th letter carries 2 unused ones).
		odd, err := w.notifier.ReplyAddress(ctx, 300, "thread", 1234, now)
		if err != nil {
			t.Fatal(err)
		}
		oddToken := strings.TrimSuffix(strings.TrimPrefix(odd, "reply+"), "@"+domain)
		for _, c := range "abcdefghijklmnopqrstuvwxyz234567" {
			if byte(c) == oddToken[len(oddToken)-1] {
				continue
			}
			other := "reply+" + oddToken[:len(oddToken)-1] + string(c) + "@" + domain
			if _, err := w.notifier.CheckReplyAddress(ctx, other, now); !errors.Is(err, notify.ErrReplyForged) {
				t.Errorf("last letter %q: %v, want forged", c, err)
			}
		}
		// The longest ids still fit a local part.
		long, err := w.notifier.ReplyAddress(ctx, math.MaxInt64, "entry", math.MaxInt64, now)
		if err != nil {
			t.Fatal(err)
		}
		if l, _, _ := strings.Cut(long, "@"); len(l) > 64 {
			t.Errorf("local part of %d characters: %q", len(l), l)
		}
		if got, err := w.notifier.CheckReplyAddress(ctx, long, now); err != nil || got.PersonID != math.MaxInt64 || got.Kind != "entry" {
			t.Errorf("longest: %+v (%v)", got, err)
		}
		if _, err := w.notifier.ReplyAddress(ctx, 1, "community", 1, now); err == nil {
			t.Error("a reply address for a kind not replied to")
		}
		if err := w.notifier.SetReplies("x.example", "thread", "topic"); err == nil {
			t.Error("two kinds of one first letter accepted")
		}
	})
}

// With replies on, an e-mail about one thread carries a reply address for
// its recipient and says how to use it; a digest carries none.
func TestNotificationCarriesReplyTo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		srv := startSMTP(t, "", "")
		sender, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, From: "Hearth <hearth@example.org>", TLS: "none"})
		if err != nil {
			t.Fatal(err)
		}
		w := newWorld(t, d, sender, "Eve Writer", "Bea Reader")
		if err := w.notifier.SetReplies("reply.hearth.test", "thread"); err != nil {
			t.Fatal(err)
		}
		w.watch(t, "bea", "thread", 9, notify.Watching)
		w.watch(t, "bea", "entry", 3, notify.Watching)
		w.record(t, activity.Activity{ActorID: w.people["eve"], Verb: activity.ReplyAdded, SubjectKind: "thread", SubjectID: 9,
			Title: "Sharpening", URL: "/c/kitchen/talk/9"})
		w.record(t, activity.Activity{ActorID: w.people["eve"], Verb: activity.CommentAdded, SubjectKind: "entry", SubjectID: 3,
			Title: "Knives", URL: "/c/kitchen/practice/knives"})
		w.run(t)
		msgs := srv.messages()
		if len(msgs) != 2 {
			t.Fatalf("sent %d", len(msgs))
		}
		var thread, entry map[string]string
		var threadText string
		for _, m := range msgs {
			h, text, _ := mailParts(t, m)
			if strings.Contains(h["Subject"], "Sharpening") {
				thread, threadText = h, text
			} else {
				entry = h
			}
		}
		to, err := mail.ParseAddress(thread["Reply-To"])
		if err != nil {
			t.Fatalf("Reply-To %q: %v", thread["Reply-To"], err)
		}
		got, err := w.notifier.CheckReplyAddress(ctx, to.Address, db.Now())
		if err != nil || got.PersonID != w.people["bea"] || got.Kind != "thread" || got.SubjectID != 9 {
			t.Fatalf("reply address %q: %+v (%v)", to.Address, got, err)
		}
		if !strings.Contains(threadText, "Reply to this e-mail") {
			t.Errorf("text part does not say how to reply:\n%s", threadText)
		}
		if entry["Reply-To"] != "" {
			t.Errorf("an e-mail about an entry, a kind not replied to, has Reply-To %q", entry["Reply-To"])
		}
	})
}
