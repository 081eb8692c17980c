// Package ratelimit counts what people do in the database, so that every
// instance on one database shares the counts, and refuses what goes past a
// limit with errs.TooManyRequests and the time to wait. Reads (searches) are
// counted in each instance's memory instead (local.go).
//
// Each key (an action and who does it) has one counter row for a fixed
// window that opens with its first event. Take counts and records an event in
// one statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING), so that
// concurrent requests on PostgreSQL (a row lock) or SQLite (one writer) each
// see their own count and no burst slips under the limit.
package ratelimit

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// Action names what is limited; it prefixes every key.
type Action string

// The actions Hearth limits. Those with a setting are in Defaults; Verify
// and Password have fixed limits.
const (
	SignUp   Action = "signup"   // per client address and per e-mail address
	SignIn   Action = "signin"   // failed sign-ins, per client address and per account
	Reset    Action = "reset"    // password-reset requests, per client address and per e-mail address
	Invite   Action = "invite"   // invitations sent, per person
	Entry    Action = "entry"    // new practice entries, per person
	Comment  Action = "comment"  // comments and replies, per person
	Upload   Action = "upload"   // attachments, per person
	Search   Action = "search"   // searches, per person (per client address for visitors)
	Verify   Action = "verify"   // verification e-mails asked for again, per person
	Password Action = "password" // wrong current passwords when changing password or e-mail, per person
	Inbound  Action = "inbound"  // replies by e-mail taken by the listener, per person
	Endorse  Action = "endorse"  // endorsements of others' expertise, per person
)

// Rule allows Max events per Window for each key.
type Rule struct {
	Max    int
	Window time.Duration
}

// Defaults are the rules Hearth runs with unless configured otherwise.
func Defaults() map[Action]Rule {
	return map[Action]Rule{
		SignUp:   {10, time.Hour},
		SignIn:   {6, time.Minute},
		Reset:    {5, 15 * time.Minute},
		Invite:   {30, time.Hour},
		Entry:    {20, time.Hour},
		Comment:  {20, 10 * time.Minute},
		Upload:   {30, time.Hour},
		Search:   {60, time.Minute},
		Verify:   {3, 15 * time.Minute},
		Password: {6, time.Minute},
		Inbound:  {30, time.Hour},
		Endorse:  {30, time.Hour},
	}
}

// Limiter applies rules to keys. A nil *Limiter, or an action without a
// rule, limits nothing.
type Limiter struct {
	db        *db.DB
	rules     map[Action]Rule
	now       func() time.Time
	lastPrune atomic.Int64 // unix seconds of the last pruning of expired rows
	local     localCounts  // the actions counted in memory (local.go)
}

// New returns a limiter over d with rules; now is the clock (nil: db.Now).
func New(d *db.DB, rules map[Action]Rule, now func() time.Time) *Limiter {
	if now == nil {
		now = db.Now
	}
	return &Limiter{db: d, rules: rules, now: func() time.Time { return now().UTC().Truncate(time.Microsecond) }}
}

// Rule returns the rule for act, and whether there is one.
func (l *Limiter) Rule(act Action) (Rule, bool) {
	if l == nil {
		return Rule{}, false
	}
	r, ok := l.rules[act]
	return r, ok && r.Max > 0 && r.Window > 0
}

// Person is the key of a signed-in person; "" (no limit) for a visitor.
func Person(id int64) string {
	if id == 0 {
		return ""
	}
	return "p:" + strconv.FormatInt(id, 10)
}

// Address is the key of a client address; "" (no limit) when it is unknown.
func Address(ip string) string {
	if ip == "" {
		return ""
	}
	return "a:" + ip
}

// PersonOrAddress keys a signed-in person by who they are (people behind one
// address do not share a limit) and a visitor by their address.
func PersonOrAddress(id int64, ip string) string {
	if id != 0 {
		return Person(id)
	}
	return Address(ip)
}

// Take records one event of act by key and refuses it with TooManyRequests
// when it goes past the rule. An empty key takes nothing.
func (l *Limiter) Take(ctx context.Context, act Action, key string) error {
	rule, ok := l.Rule(act)
	if !ok || key == "" {
		return nil
	}
	now := l.now()
	var hits int
	var expires time.Time
	if localActions[act] {
		hits, expires = l.local.take(string(act)+":"+key, now, rule)
		return refusal(act, hits, rule, expires, now)
	}
	l.prune(ctx, now)
	err := l.db.Writer().QueryRowContext(ctx, `INSERT INTO rate_limits (key, hits, expires_at) VALUES ($1, 1, $3)
		ON CONFLICT (key) DO UPDATE SET
			hits = CASE WHEN rate_limits.expires_at <= $2 THEN 1 ELSE rate_limits.hits + 1 END,
			expires_at = CASE WHEN rate_limits.expires_at <= $2 THEN $3 ELSE rate_limits.expires_at END
		RETURNING hits, expires_at`, string(act)+":"+key, now, now.Add(rule.Window)).Scan(&hits, &expires)
	if err != nil {
		return errs.Wrap(err, "rate limit")
	}
	return refusal(act, hits, rule, expires, now)
}

// refusal is the error for the hits-th event of act in a window ending at
// expires: nil within the rule.
func refusal(act Action, hits int, rule Rule, expires, now time.Time) error {
	if hits > rule.Max {
		return errs.RetryAfter(errs.TooManyRequests, expires.Sub(now), message(act))
	}
	return nil
}

// Refund gives back one event of act by key that turned out not to count (a
// sign-in that succeeded).
func (l *Limiter) Refund(ctx context.Context, act Action, key string) error {
	if _, ok := l.Rule(act); !ok || key == "" {
		return nil
	}
	if localActions[act] {
		l.local.refund(string(act)+":"+key, l.now())
		return nil
	}
	_, err := l.db.ExecContext(ctx, "UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND expires_at > $2",
		string(act)+":"+key, l.now())
	return errs.Wrap(err, "rate limit refund")
}

// pruneEvery is how often an instance deletes expired counters: rarely
// enough to cost nothing, often enough to keep the table small.
const pruneEvery = time.Minute

// prune deletes expired counters, at most once per pruneEvery per limiter.
// It is an index range delete (rate_limits_expires), never a scan.
func (l *Limiter) prune(ctx context.Context, now time.Time) {
	last := l.lastPrune.Load()
	if now.Unix()-last < int64(pruneEvery/time.Second) || !l.lastPrune.CompareAndSwap(last, now.Unix()) {
		return
	}
	// A failure only leaves old rows for the next time.
	_, _ = l.db.ExecContext(ctx, "DELETE FROM rate_limits WHERE expires_at <= $1", now)
}

// message is what a person is told when act is refused.
func message(act Action) string {
	switch act {
	case SignIn, Password:
		return "Too many attempts. Please wait a minute and try again."
	case SignUp:
		return "Too many sign-ups from here. Please try again later."
	case Reset:
		return "Too many reset requests. Please try again later."
	case Verify:
		return "We sent several links already. Please check your inbox (and spam folder), or try again in a few minutes."
	case Invite:
		return "You have sent many invitations in a short time. Please wait a while before sending more."
	case Entry:
		return "You have started many entries in a short time. Please wait a while before adding more."
	case Comment:
		return "You are commenting very fast. Please wait a little before posting again."
	case Upload:
		return "You have uploaded many files in a short time. Please wait a while before adding more."
	case Search:
		return "Too many searches in a short time. Please wait a moment and search again."
	case Inbound:
		return "Too many replies by e-mail in a short time: this one will be tried again later."
	case Endorse:
		return "You have endorsed many people in a short time. Please wait a while before endorsing more."
	}
	return "Too many requests. Please try again later."
}
