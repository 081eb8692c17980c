package people

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
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
	return s.db.WithTx(ctx, func(tx *db.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE people SET name = $1, department_id = $2, title = $3, bio = $4, pronouns = $5, languages = $6 WHERE id = $7",
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

// PeoplePageSize is how many people a page lists.
const PeoplePageSize = 50

// At says which page of people to list: those just After the person with
// that id in the list's order, or just Before them; neither, the first.
// Pages are cut by person (keyset), so a page costs the same however deep.
type At struct{ After, Before int64 }

// List lists people by name, optionally those whose name, handle, title or
// department contains query: Find with only a query.
func (s *Service) List(ctx context.Context, a auth.Actor, query string, at At) ([]Person, bool, error) {
	return s.Find(ctx, a, Filter{Query: query}, at)
}

// Filter narrows the people listed: by words in their name, handle, title or
// department; by department (slug); by community (slug: one whose members
// the reader may see); by a topic they declare, and the level they declare
// it at (a level alone: any topic at that level).
type Filter struct {
	Query, Department, Community, Topic string
	Level                               Level
}

// Find lists people by name as filter says, a page at a time, walking the
// index people_name from the page's cursor; disabled people only for
// administrators. more tells whether another page follows in the direction
// read.
func (s *Service) Find(ctx context.Context, a auth.Actor, f Filter, at At) ([]Person, bool, error) {
	if !a.SignedIn() {
		return nil, false, errs.New(errs.Unauthenticated, "Please sign in to see people.")
	}
	communityID, err := s.communityFilter(ctx, a, f.Community)
	if err != nil {
		return nil, false, err
	}
	if f.Level != "" && f.Level.Rank() == 0 {
		return nil, false, errs.Field("level", "Choose learning, practising or expert.")
	}
	topic := strings.Join(strings.Fields(strings.ToLower(f.Topic)), " ")
	if len(topic) > 100 {
		topic = topic[:100]
	}
	query, args := ListQuery(at, ListParams{Query: escapeLike(clipQuery(f.Query)), Admin: a.Admin, Limit: PeoplePageSize + 1,
		Department: clipQuery(f.Department), CommunityID: communityID, Topic: topic, Level: f.Level})
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, false, errs.Wrap(err, "list people")
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		if err := scanPerson(rows, &p); err != nil {
			return nil, false, errs.Wrap(err, "list people")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, false, errs.Wrap(err, "list people")
	}
	more := len(out) > PeoplePageSize
	if more {
		out = out[:PeoplePageSize]
	}
	if at.Before != 0 && at.After == 0 { // read upwards from the cursor
		if !more { // fewer than a page before it: the first page, as it is
			return s.Find(ctx, a, f, At{})
		}
		slices.Reverse(out)
	}
	return out, more, nil
}

// communityFilter is the id of the community a filter names (0 for none): one
// whose members a may see, else a field error.
func (s *Service) communityFilter(ctx context.Context, a auth.Actor, slug string) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	v, err := s.communities.Get(ctx, a, slug)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return 0, err
	}
	if err != nil || !v.CanSeeMembers() {
		return 0, errs.Field("community", "Choose a community from the list.")
	}
	return v.ID, nil
}

func clipQuery(query string) string {
	query = strings.ToLower(strings.TrimSpace(query))
	if len(query) > 100 {
		query = query[:100]
	}
	return query
}

// ListParams are Find's filters, resolved: only those set become
// conditions of the query, so that each engine plans the query it runs.
type ListParams struct {
	Query       string // escaped for LIKE
	Admin       bool   // disabled people are listed
	Limit       int
	Department  string // a slug
	CommunityID int64
	Topic       string
	Level       Level
}

// ListQuery is Find's SQL and arguments for the page at. Without a topic
// it walks the index people_name from the cursor; with one it starts from
// the few who declare the topic (the index person_expertise_tag) and sorts
// them.
func ListQuery(at At, p ListParams) (string, []any) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	with, from, where := "", "people p", []string{"TRUE"}
	if p.Query != "" {
		q := arg(p.Query)
		where = append(where, `(lower(p.name) LIKE '%' || `+q+` || '%' ESCAPE '\' OR p.handle LIKE '%' || `+q+` || '%' ESCAPE '\'
			OR lower(p.title) LIKE '%' || `+q+` || '%' ESCAPE '\' OR lower(d.name) LIKE '%' || `+q+` || '%' ESCAPE '\')`)
	}
	if !p.Admin {
		where = append(where, "p.disabled_at IS NULL")
	}
	if p.Department != "" {
		where = append(where, "p.department_id = (SELECT k.id FROM departments k WHERE k.slug = "+arg(p.Department)+")")
	}
	if p.CommunityID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = "+arg(p.CommunityID)+" AND m.person_id = p.id AND m.status = 'active')")
	}
	switch {
	case p.Topic != "":
		// The few who declare the topic, read first (materialized: a
		// planner that walks every name instead, hoping to fill the page
		// soon, probes thousands of people).
		level := ""
		if p.Level != "" {
			level = " AND x.level = " + arg(string(p.Level))
		}
		with = "WITH x AS MATERIALIZED (SELECT x.person_id FROM person_expertise x WHERE x.tag = " + arg(p.Topic) + level + ") "
		from = "x JOIN people p ON p.id = x.person_id"
	case p.Level != "":
		where = append(where, "EXISTS (SELECT 1 FROM person_expertise x WHERE x.person_id = p.id AND x.level = "+arg(string(p.Level))+")")
	}
	order := "ASC"
	switch {
	case at.After != 0:
		where = append(where, "(lower(p.name), p.id) > (SELECT lower(k.name), k.id FROM people k WHERE k.id = "+arg(at.After)+")")
	case at.Before != 0:
		order = "DESC"
		where = append(where, "(lower(p.name), p.id) < (SELECT lower(k.name), k.id FROM people k WHERE k.id = "+arg(at.Before)+")")
	}
	limit := arg(p.Limit)
	return with + `SELECT ` + personColumns + ` FROM ` + from + ` LEFT JOIN departments d ON d.id = p.department_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY lower(p.name) ` + order + `, p.id ` + order + ` LIMIT ` + limit, args
}

// escapeLike escapes LIKE's wildcards in a search term, so that a typed % or _
// matches itself; the query names the escape character, as SQLite needs.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
