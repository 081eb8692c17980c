package notify

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"hearth/internal/activity"
	"hearth/internal/db"
	"hearth/internal/errs"
)

// Jobs and timing of notification e-mail: digests go out at 07:00 UTC, the
// weekly one on Mondays.
const (
	kindDigestDaily  = "notify.digest.daily"
	kindDigestWeekly = "notify.digest.weekly"
	digestHour       = 7
	digestWeekday    = time.Monday
	// digestHorizon bounds what a digest looks back over.
	digestHorizon = 8 * 24 * time.Hour
	// digestMax bounds one digest's items; the rest wait on the site.
	digestMax = 50
)

var timeUTC = time.UTC

// recipient is what an e-mail needs of the person it goes to.
type recipient struct {
	id       int64
	name     string
	email    string
	disabled bool
}

// immediateMails composes the e-mail telling each check's person of its
// activity now, for those who want e-mail at once for its community and
// whose account is in use. Choices and recipients are read once for all.
func (n *Notifier) immediateMails(ctx context.Context, checks []Check) (map[Check]*Mail, error) {
	if len(checks) == 0 {
		return nil, nil
	}
	var people []int64
	for _, c := range checks {
		people = append(people, c.PersonID)
	}
	slices.Sort(people)
	people = slices.Compact(people)
	prefs, err := emailPrefs(ctx, n.db, people)
	if err != nil {
		return nil, err
	}
	rs, err := recipients(ctx, n.db, people)
	if err != nil {
		return nil, err
	}
	site := n.site(ctx)
	out := map[Check]*Mail{}
	for _, c := range checks {
		r, ok := rs[c.PersonID]
		if !ok || r.disabled || prefs.of(c.PersonID, c.Activity.CommunityID) != EmailImmediate {
			continue
		}
		m, err := n.compose(ctx, site, r, []Item{{Activity: *c.Activity}})
		if err != nil {
			return nil, err
		}
		out[c] = &m
	}
	return out, nil
}

// recipients reads what e-mail needs of the people with ids.
func recipients(ctx context.Context, q db.Q, ids []int64) (map[int64]recipient, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name, email, disabled_at IS NOT NULL FROM people WHERE id IN (`+db.Placeholders(1, len(ids))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read recipients: %w", err)
	}
	defer rows.Close()
	out := map[int64]recipient{}
	for rows.Next() {
		var r recipient
		if err := rows.Scan(&r.id, &r.name, &r.email, &r.disabled); err != nil {
			return nil, fmt.Errorf("read recipients: %w", err)
		}
		out[r.id] = r
	}
	return out, rows.Err()
}

// digest sends each person whose choice is pref one e-mail of their
// notifications not yet e-mailed or read, and marks them e-mailed.
func (n *Notifier) digest(ctx context.Context, pref string) error {
	rows, err := n.db.QueryContext(ctx, `SELECT n.id, n.reason, n.created_at, pe.id, pe.name, pe.email, pe.disabled_at IS NOT NULL, `+activity.Columns+`
		FROM notifications n JOIN people pe ON pe.id = n.person_id JOIN activities a ON a.id = n.activity_id`+activity.Joins+`
		LEFT JOIN notification_prefs pc ON pc.person_id = n.person_id AND pc.community_id = COALESCE(a.community_id, 0)
		LEFT JOIN notification_prefs pd ON pd.person_id = n.person_id AND pd.community_id = 0
		WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND n.created_at > $1
		AND COALESCE(pc.email, pd.email, $2) = $3
		ORDER BY n.person_id, n.id`, db.Now().Add(-digestHorizon), DefaultEmail, pref)
	if err != nil {
		return fmt.Errorf("read digest: %w", err)
	}
	type batch struct {
		r     recipient
		items []Item
	}
	var batches []*batch
	for rows.Next() {
		var it Item
		var r recipient
		if err := rows.Scan(append([]any{&it.ID, &it.Reason, &it.CreatedAt, &r.id, &r.name, &r.email, &r.disabled},
			activity.Dest(&it.Activity)...)...); err != nil {
			rows.Close()
			return fmt.Errorf("read digest: %w", err)
		}
		if len(batches) == 0 || batches[len(batches)-1].r.id != r.id {
			batches = append(batches, &batch{r: r})
		}
		b := batches[len(batches)-1]
		b.items = append(b.items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read digest: %w", err)
	}
	for _, b := range batches {
		if err := n.sendDigest(ctx, b.r, b.items); err != nil {
			return err
		}
	}
	return nil
}

// sendDigest e-mails one person's digest of the items they still may see.
func (n *Notifier) sendDigest(ctx context.Context, r recipient, items []Item) error {
	var keep []Item
	if !r.disabled {
		checks := make([]Check, len(items))
		for i := range items {
			checks[i] = Check{PersonID: r.id, Activity: &items[i].Activity}
		}
		ok, err := n.visible(ctx, checks)
		if err != nil {
			return err
		}
		for i, it := range items {
			if ok[i] && len(keep) < digestMax {
				keep = append(keep, it)
			}
		}
	}
	var m Mail
	var err error
	if len(keep) > 0 {
		if m, err = n.compose(ctx, n.site(ctx), r, keep); err != nil {
			return err
		}
	}
	return n.db.WithTx(ctx, func(tx *db.Tx) error {
		if len(keep) > 0 {
			if err := Queue(ctx, tx, m); err != nil {
				return err
			}
		}
		now := db.Now()
		for _, it := range items {
			if _, err := tx.ExecContext(ctx, `UPDATE notifications SET emailed_at = $2 WHERE id = $1`, it.ID, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// key returns the instance's signing key, made on first use and shared by
// every instance through the database.
func (n *Notifier) key(ctx context.Context) ([]byte, error) {
	n.secretMu.Lock()
	defer n.secretMu.Unlock()
	if n.secret != nil {
		return n.secret, nil
	}
	fresh := make([]byte, 32)
	rand.Read(fresh)
	if _, err := n.db.ExecContext(ctx, `INSERT INTO secrets (name, value) VALUES ('mail', $1) ON CONFLICT (name) DO NOTHING`,
		hex.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	var v string
	if err := n.db.Writer().QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = 'mail'`).Scan(&v); err != nil {
		return nil, fmt.Errorf("read signing key: %w", err)
	}
	k, err := hex.DecodeString(v)
	if err != nil {
		return nil, fmt.Errorf("read signing key: %w", err)
	}
	n.secret = k
	return k, nil
}

// sign is the HMAC-SHA256 of msg under the instance's key. Each use
// prefixes msg with its purpose ("unsubscribe:", "reply:"), so that a
// signature made for one is never valid for another.
func (n *Notifier) sign(ctx context.Context, msg []byte) ([]byte, error) {
	k, err := n.key(ctx)
	if err != nil {
		return nil, err
	}
	h := hmac.New(sha256.New, k)
	h.Write(msg)
	return h.Sum(nil), nil
}

// unsubscribeMAC signs "this person stops e-mail from this community".
func (n *Notifier) unsubscribeMAC(ctx context.Context, personID, communityID int64) (string, error) {
	mac, err := n.sign(ctx, fmt.Appendf(nil, "unsubscribe:%d:%d", personID, communityID))
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(mac), nil
}

// UnsubscribeURL is the link that ends personID's e-mail from a community (0:
// all e-mail) in one click, without signing in.
func (n *Notifier) UnsubscribeURL(ctx context.Context, personID, communityID int64) (string, error) {
	mac, err := n.unsubscribeMAC(ctx, personID, communityID)
	if err != nil {
		return "", err
	}
	v := url.Values{"p": {strconv.FormatInt(personID, 10)}, "c": {strconv.FormatInt(communityID, 10)}, "t": {mac}}
	return n.baseURL + "/unsubscribe?" + v.Encode(), nil
}

// Unsubscription is what an unsubscribe link stops.
type Unsubscription struct {
	PersonID    int64
	CommunityID int64 // 0: all e-mail
	Community   string
}

// CheckUnsubscribe checks an unsubscribe link's values and says what it stops.
func (n *Notifier) CheckUnsubscribe(ctx context.Context, p, c, token string) (Unsubscription, error) {
	bad := errs.New(errs.NotFound, "This unsubscribe link is not valid. Choose what e-mail you get in your account's notification settings.")
	personID, err1 := strconv.ParseInt(p, 10, 64)
	communityID, err2 := strconv.ParseInt(c, 10, 64)
	if err1 != nil || err2 != nil || personID <= 0 || communityID < 0 {
		return Unsubscription{}, bad
	}
	want, err := n.unsubscribeMAC(ctx, personID, communityID)
	if err != nil {
		return Unsubscription{}, err
	}
	if !hmac.Equal([]byte(want), []byte(token)) {
		return Unsubscription{}, bad
	}
	u := Unsubscription{PersonID: personID, CommunityID: communityID}
	if communityID != 0 {
		if err := n.db.QueryRowContext(ctx, `SELECT name FROM communities WHERE id = $1`, communityID).Scan(&u.Community); err != nil && !isNoRows(err) {
			return u, errs.Wrap(err, "read community")
		}
	}
	return u, nil
}

// Unsubscribe stops the e-mail an unsubscribe link names (one click, no
// sign-in: the link is the proof).
func (n *Notifier) Unsubscribe(ctx context.Context, p, c, token string) (Unsubscription, error) {
	u, err := n.CheckUnsubscribe(ctx, p, c, token)
	if err != nil {
		return u, err
	}
	return u, SetPref(ctx, n.db.Writer(), u.PersonID, u.CommunityID, EmailNever)
}
