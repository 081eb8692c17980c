package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/instance"
	"hearth/internal/notify"
	"hearth/internal/ratelimit"
)

// Token purposes and lifetimes.
const (
	purposeVerify      = "verify"
	purposeReset       = "reset"
	purposeEmailChange = "email_change"
	purposeInvite      = "invite"

	verifyTTL = 7 * 24 * time.Hour
	resetTTL  = time.Hour
	inviteTTL = 14 * 24 * time.Hour
)

// Service is the way in to accounts.
type Service struct {
	db              *db.DB
	baseURL         string
	sessionIdle     time.Duration
	sessionLifetime time.Duration
	log             *slog.Logger
	now             func() time.Time
	sessions        *sessionCache
	limits          *ratelimit.Limiter
	hashing         hashSlots
	passwordCost    PasswordCost
}

// Options configure a Service.
type Options struct {
	BaseURL         string        // for links in e-mails
	SessionIdle     time.Duration // a session unused this long ends
	SessionLifetime time.Duration // a session ends this long after sign-in
	Logger          *slog.Logger
	Now             func() time.Time   // the clock; tests move it
	Limits          *ratelimit.Limiter // nil: the default limits, on the same database and clock
	PasswordHashers int                // password hashes at once (about 19 MiB each); 0: one per core
	HashWait        time.Duration      // how long a hash waits for its turn before "busy"; 0: 3 s
	PasswordCost    PasswordCost       // zero: DefaultPasswordCost; the test harness lowers it
}

// NewService returns the account service over d.
func NewService(d *db.DB, o Options) *Service {
	if o.Now == nil {
		o.Now = db.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.SessionIdle == 0 {
		o.SessionIdle = 7 * 24 * time.Hour
	}
	if o.SessionLifetime == 0 {
		o.SessionLifetime = 30 * 24 * time.Hour
	}
	if o.PasswordCost == (PasswordCost{}) {
		o.PasswordCost = DefaultPasswordCost
	}
	if o.Limits == nil {
		o.Limits = ratelimit.New(d, ratelimit.Defaults(), o.Now)
	}
	return &Service{db: d, baseURL: strings.TrimRight(o.BaseURL, "/"), sessionIdle: o.SessionIdle,
		sessionLifetime: o.SessionLifetime, log: o.Logger, now: func() time.Time { return o.Now().UTC().Truncate(time.Microsecond) },
		sessions: newSessionCache(), limits: o.Limits, hashing: newHashSlots(o.PasswordHashers, o.HashWait),
		passwordCost: o.PasswordCost}
}

// Limits returns the rate limiter the service applies, for the services
// that apply the same limits.
func (s *Service) Limits() *ratelimit.Limiter { return s.limits }

// NewAccount is what a person gives to create an account.
type NewAccount struct {
	Name     string
	Handle   string
	Email    string
	Password string
	Invite   string // the raw invitation token, when sign-up is by invitation
	Next     string // a path on this site to come back to once the address is confirmed
	Client   string // the network address it comes from, for the sign-up limit ("": none, as from the command line)
}

var handlePattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$`)

// normalize trims what a person typed and lower-cases handle and e-mail.
func (n *NewAccount) normalize() {
	n.Name = strings.TrimSpace(n.Name)
	n.Handle = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n.Handle), "@")))
	n.Email = NormalizeEmail(n.Email)
}

// NormalizeEmail trims and lower-cases an e-mail address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidEmail reports whether s looks like a deliverable address.
func ValidEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

func (n NewAccount) validate() *errs.Validation {
	var v errs.Validation
	v.Check(n.Name != "", "name", "Tell us your name, as colleagues know you.")
	v.Check(utf8.RuneCountInString(n.Name) <= 100, "name", "Keep your name to 100 characters.")
	v.Check(handlePattern.MatchString(n.Handle), "handle",
		"A handle is 1 to 32 lower-case letters, digits or dashes, starting and ending with a letter or digit.")
	v.Check(ValidEmail(n.Email), "email", "Enter an e-mail address such as name@example.org.")
	if msg := CheckPassword(n.Password); msg != "" {
		v.Add("password", msg)
	}
	return &v
}

func insertPerson(ctx context.Context, q db.Q, n NewAccount, hash string, admin bool, verifiedAt *time.Time, now time.Time) (int64, error) {
	id, err := db.InsertID(ctx, q, `INSERT INTO people (handle, email, name, password_hash, is_admin, email_verified_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, n.Handle, n.Email, n.Name, hash, admin, verifiedAt, now)
	if db.IsUniqueViolation(err) {
		return 0, errs.Conflictf("That handle or e-mail address is already taken.")
	}
	return id, errs.Wrap(err, "insert person")
}

// checkUnique reports, per field, a handle or e-mail an account uses already.
func (s *Service) checkUnique(ctx context.Context, q db.Q, handle, email string) error {
	var v errs.Validation
	var n int
	if handle != "" {
		if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE handle = $1", handle).Scan(&n); err != nil {
			return errs.Wrap(err, "check handle")
		}
		v.Check(n == 0, "handle", "This handle is taken. Try another.")
	}
	if email != "" {
		if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM people WHERE email = $1", email).Scan(&n); err != nil {
			return errs.Wrap(err, "check email")
		}
		v.Check(n == 0, "email", "An account with this e-mail address exists already. Sign in, or reset its password.")
	}
	return v.Err()
}

// Setup creates the first administrator and names the instance. It works once:
// when the instance is set up it answers Conflict.
func (s *Service) Setup(ctx context.Context, instanceName string, n NewAccount, userAgent string) (Actor, string, error) {
	n.normalize()
	v := n.validate()
	instanceName = strings.TrimSpace(instanceName)
	v.Check(instanceName != "", "instance_name", "Name the instance, for example after your institution.")
	v.Check(utf8.RuneCountInString(instanceName) <= 100, "instance_name", "Keep the name to 100 characters.")
	if err := v.Err(); err != nil {
		return Actor{}, "", err
	}
	var actor Actor
	var session string
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		// Claimed first, so that of two set-ups at once only one goes on.
		if err := instance.ClaimSetup(ctx, tx); err != nil {
			return err
		}
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		id, err := s.createAdmin(ctx, tx, n)
		if err != nil {
			return err
		}
		settings.Name, settings.SetupDone = instanceName, true
		if err := instance.Save(ctx, tx, settings); err != nil {
			return err
		}
		actor = Actor{PersonID: id, Handle: n.Handle, Name: n.Name, Admin: true, Verified: true}
		session, err = s.createSession(ctx, tx, id, userAgent)
		return err
	})
	return actor, session, err
}

// CreateAdmin creates an administrator from the command line. On an instance
// not yet set up, it completes the set-up under instanceName (if not empty).
func (s *Service) CreateAdmin(ctx context.Context, instanceName string, n NewAccount) (int64, error) {
	n.normalize()
	if err := n.validate().Err(); err != nil {
		return 0, err
	}
	var id int64
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		var err error
		if id, err = s.createAdmin(ctx, tx, n); err != nil {
			return err
		}
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		if !settings.SetupDone || instanceName != "" {
			if instanceName != "" {
				settings.Name = strings.TrimSpace(instanceName)
			}
			settings.SetupDone = true
			return instance.Save(ctx, tx, settings)
		}
		return nil
	})
	return id, err
}

func (s *Service) createAdmin(ctx context.Context, tx *db.Tx, n NewAccount) (int64, error) {
	if err := s.checkUnique(ctx, tx, n.Handle, n.Email); err != nil {
		return 0, err
	}
	hash, err := s.hash(ctx, n.Password)
	if err != nil {
		return 0, err
	}
	now := s.now()
	return insertPerson(ctx, tx, n, hash, true, &now, now)
}

// sendVerification queues the link that confirms a new address.
//
// next is where the person was going (the form they were filling in), kept
// with the link so that confirming brings them back to it.
func (s *Service) sendVerification(ctx context.Context, q db.Q, personID int64, email, instanceName, next string) error {
	raw, err := s.createToken(ctx, q, purposeVerify, personID, email, clipNext(next), 0, verifyTTL)
	if err != nil {
		return err
	}
	return notify.Queue(ctx, q, notify.Mail{To: email, Subject: "Confirm your e-mail address for " + instanceName,
		Body: fmt.Sprintf("Welcome to %s!\n\nPlease confirm your e-mail address by opening this link, then sign in:\n\n%s/verify?token=%s\n\nThe link works for 7 days. If you did not sign up, you can ignore this message.\n",
			instanceName, s.baseURL, raw)})
}

// ResendVerification sends a new verification link to the actor's address;
// opening it brings them back to next (a path on this site, or "").
func (s *Service) ResendVerification(ctx context.Context, a Actor, next string) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	if a.Verified {
		return nil
	}
	if err := s.limits.Take(ctx, ratelimit.Verify, ratelimit.Person(a.PersonID)); err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		settings, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		var email string
		if err := tx.QueryRowContext(ctx, "SELECT email FROM people WHERE id = $1", a.PersonID).Scan(&email); err != nil {
			return errs.Wrap(err, "read email")
		}
		return s.sendVerification(ctx, tx, a.PersonID, email, settings.Name, next)
	})
}

// maxNext bounds what a confirmation link keeps of where to come back to (a
// draft carried in it included).
const maxNext = 16 << 10

func clipNext(next string) string {
	if len(next) > maxNext || !strings.HasPrefix(next, "/") {
		return ""
	}
	return next
}

// VerifyEmail confirms the address a verification link was sent to, and
// returns where the person was going when it was sent ("" for nowhere).
func (s *Service) VerifyEmail(ctx context.Context, raw string) (string, error) {
	defer s.sessions.forgetAll() // the person's sessions, or what they show, change
	var next string
	err := s.db.WithTx(ctx, func(tx *db.Tx) error {
		t, err := s.findToken(ctx, tx, raw, purposeVerify)
		if err != nil {
			return err
		}
		if err := s.useToken(ctx, tx, t.Hash); err != nil {
			return err
		}
		next = t.Data
		_, err = tx.ExecContext(ctx, "UPDATE people SET email_verified_at = $1 WHERE id = $2 AND email = $3", s.now(), t.PersonID, t.Email)
		return errs.Wrap(err, "verify email")
	})
	return next, err
}

func scanErr(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFoundf("%s not found.", what)
	}
	return errs.Wrap(err, what)
}
