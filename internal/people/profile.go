package people

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/search"
)

// Person is a profile as others see it.
type Person struct {
	ID             int64
	Handle         string
	Name           string
	Title          string
	Pronouns       string
	Languages      string
	Bio            string
	Department     string
	DepartmentID   int64
	DepartmentSlug string
	Admin          bool
	Sponsor        bool // reads the institution's page
	Disabled       bool
	Joined         time.Time
	Avatar         int      // the picture's version; 0: initials
	Interests      []string // on a profile; not on a list
}

// Initials returns up to two initials for an avatar.
func Initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			out = append(out, r)
			break
		}
		if len(out) == 2 {
			break
		}
	}
	return strings.ToUpper(string(out))
}

const personColumns = `p.id, p.handle, p.name, p.title, p.pronouns, p.languages, p.bio, COALESCE(d.name, ''), COALESCE(d.id, 0), COALESCE(d.slug, ''),
	p.is_admin, p.is_sponsor, p.disabled_at IS NOT NULL, p.created_at, p.avatar`

// scanPerson reads the personColumns of a row into p, then the row's extra
// columns into extra.
func scanPerson(sc interface{ Scan(...any) error }, p *Person, extra ...any) error {
	return sc.Scan(append([]any{&p.ID, &p.Handle, &p.Name, &p.Title, &p.Pronouns, &p.Languages, &p.Bio, &p.Department, &p.DepartmentID,
		&p.DepartmentSlug, &p.Admin, &p.Sponsor, &p.Disabled, &p.Joined, &p.Avatar}, extra...)...)
}

// Profile returns the profile with this handle. Profiles are for signed-in
// people; a disabled person's profile is shown to administrators only.
func (s *Service) Profile(ctx context.Context, a auth.Actor, handle string) (Person, error) {
	if !a.SignedIn() {
		return Person{}, errs.New(errs.Unauthenticated, "Please sign in to see people's profiles.")
	}
	var p Person
	err := scanPerson(s.db.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people p
		LEFT JOIN departments d ON d.id = p.department_id WHERE p.handle = $1`, strings.ToLower(handle)), &p)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && p.Disabled && !a.Admin) {
		return Person{}, errs.NotFoundf("There is nobody with this handle.")
	}
	if err != nil {
		return Person{}, errs.Wrap(err, "read profile")
	}
	p.Interests, err = s.interestsOf(ctx, p.ID)
	return p, err
}

// ProfileInput is what a person edits on their profile.
type ProfileInput struct {
	Name         string
	DepartmentID int64 // 0: none
	Title        string
	Bio          string
	Pronouns     string // optional
	Languages    string // as the person writes them: "English, Welsh"
	Interests    string // comma-separated, as tags are
}

// UpdateProfile changes the actor's own profile.
func (s *Service) UpdateProfile(ctx context.Context, a auth.Actor, in ProfileInput) error {
	if !a.SignedIn() {
		return errs.New(errs.Unauthenticated, "Please sign in first.")
	}
	in.Name = strings.TrimSpace(in.Name)
	in.Title = strings.TrimSpace(in.Title)
	in.Bio = strings.TrimSpace(strings.ReplaceAll(in.Bio, "\r\n", "\n"))
	in.Pronouns = strings.Join(strings.Fields(in.Pronouns), " ")
	in.Languages = strings.Join(strings.Fields(in.Languages), " ")
	var v errs.Validation
	v.Check(in.Name != "", "name", "Tell us your name, as colleagues know you.")
	v.Check(utf8.RuneCountInString(in.Name) <= 100, "name", "Keep your name to 100 characters.")
	v.Check(utf8.RuneCountInString(in.Title) <= 100, "title", "Keep your title to 100 characters.")
	v.Check(utf8.RuneCountInString(in.Bio) <= 2000, "bio", "Keep your bio to 2,000 characters.")
	v.Check(utf8.RuneCountInString(in.Pronouns) <= 40, "pronouns", "Keep your pronouns to 40 characters.")
	v.Check(utf8.RuneCountInString(in.Languages) <= 200, "languages", "Keep your languages to 200 characters.")
	interests, msg := parseInterests(in.Interests)
	if msg != "" {
		v.Add("interests", msg)
	}
	if in.DepartmentID != 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM departments WHERE id = $1", in.DepartmentID).Scan(&n); err != nil {
			return errs.Wrap(err, "check department")
		}
		v.Check(n == 1, "department", "Choose a department from the list.")
	}
	if err := v.Err(); err != nil {
		return err
	}
	var dept *int64
	if in.DepartmentID != 0 {
		dept = &in.DepartmentID
	}
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		// The versions this write bumps, taken first (kept.go): its old and
		// new interests' holders, and the scores of its topics (whose rows
		// carry the department).
		if err := s.lockPerson(ctx, tx, a.PersonID); err != nil {
			return err
		}
		old, err := s.strings(ctx, "list interests", "SELECT interest FROM person_interests WHERE person_id = $1", a.PersonID)
		if err != nil {
			return err
		}
		if err := lockHolders(ctx, tx, append(old, interests...)); err != nil {
			return err
		}
		scored, err := s.strings(ctx, "list scores", "SELECT tag FROM expertise_scores WHERE person_id = $1", a.PersonID)
		if err != nil {
			return err
		}
		if err := lockScores(ctx, tx, scored); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE people SET name = $1, department_id = $2, title = $3, bio = $4, pronouns = $5, languages = $6 WHERE id = $7",
			in.Name, dept, in.Title, in.Bio, in.Pronouns, in.Languages, a.PersonID)
		if err != nil {
			return errs.Wrap(err, "update profile")
		}
		if err := setInterests(ctx, tx, a.PersonID, interests); err != nil {
			return err
		}
		return search.Index(ctx, tx, tx.Dialect(), search.KindPerson, a.PersonID)
	})
}
