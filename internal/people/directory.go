package people

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"hearth/internal/auth"
	"hearth/internal/errs"
)

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

// PeoplePage is a page of the directory, with every department for its
// filters.
type PeoplePage struct {
	People      []Person // shared with other readers: not to be changed
	More        bool     // another page follows in the direction read
	Departments []Department
	Meet        []Suggestion // on the first page of everyone: people to meet
	Along       Along        // read with the page for its layout and filters
}

// Find lists people by name as filter says, a page at a time: FindPage's
// people.
func (s *Service) Find(ctx context.Context, a auth.Actor, f Filter, at At) ([]Person, bool, error) {
	p, err := s.FindPage(ctx, a, f, at)
	return p.People, p.More, err
}

// FindPage lists people by name as filter says, a page at a time, walking
// the index people_name from the page's cursor; disabled people only for
// administrators. A list's people carry what a row shows: their handle,
// name, title, department, avatar and flags (no bio). The page is kept
// (see kept.go) unless filtered by words, a community or a level alone.
// The first page of everyone comes with the reader's people to meet (see
// PeopleToMeet), read under the same versions. The departments come with
// a page refused for its filters too, to show them again.
func (s *Service) FindPage(ctx context.Context, a auth.Actor, f Filter, at At) (PeoplePage, error) {
	if !a.SignedIn() {
		return PeoplePage{}, errs.New(errs.Unauthenticated, "Please sign in to see people.")
	}
	topic := strings.Join(strings.Fields(strings.ToLower(f.Topic)), " ")
	if len(topic) > 100 {
		topic = topic[:100]
	}
	meet := f == Filter{} && at == At{}
	var reader int64
	if meet {
		reader = a.PersonID
	}
	v, err := s.listVersionsOf(ctx, topic, reader, a.PersonID)
	if err != nil {
		return PeoplePage{}, err
	}
	page := PeoplePage{Along: v.along}
	if page.Departments, err = s.departmentNamesAt(ctx, v.people); err != nil {
		return PeoplePage{}, err
	}
	communityID, err := s.communityFilter(ctx, a, f.Community)
	if err != nil {
		return page, err
	}
	if f.Level != "" && f.Level.Rank() == 0 {
		return page, errs.Field("level", "Choose learning, practising or expert.")
	}
	p := ListParams{Query: escapeLike(clipQuery(f.Query)), Admin: a.Admin, Limit: PeoplePageSize + 1,
		Department: clipQuery(f.Department), CommunityID: communityID, Topic: topic, Level: f.Level}
	read := func() (keptPage, error) { return s.readPeople(ctx, p, at) }
	var kept keptPage
	if p.Query != "" || p.CommunityID != 0 || (p.Level != "" && p.Topic == "") {
		kept, err = read()
	} else {
		k := keptKey{people: v.people, topic: v.holders, tag: p.Topic, level: p.Level, department: p.Department, admin: p.Admin, at: at}
		kept, err = s.kept.page(k, read)
	}
	if err != nil {
		return page, err
	}
	page.People, page.More = kept.people, kept.more
	if meet {
		page.Meet, err = s.peopleToMeetAt(ctx, a, v)
	}
	return page, err
}

// readPeople reads the page at of the people p lists, in the page's order.
func (s *Service) readPeople(ctx context.Context, p ListParams, at At) (keptPage, error) {
	query, args := ListQuery(at, p)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return keptPage{}, errs.Wrap(err, "list people")
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var x Person
		if err := scanListed(rows, &x); err != nil {
			return keptPage{}, errs.Wrap(err, "list people")
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return keptPage{}, errs.Wrap(err, "list people")
	}
	more := len(out) > PeoplePageSize
	if more {
		out = out[:PeoplePageSize]
	}
	if at.Before != 0 && at.After == 0 { // read upwards from the cursor
		if !more { // fewer than a page before it: the first page, as it is
			return s.readPeople(ctx, p, At{})
		}
		slices.Reverse(out)
	}
	return keptPage{people: out, more: more}, nil
}

// listColumns are what a row of a list shows of a person (scanListed reads
// them): the columns people_lists_version's triggers watch.
const listColumns = `p.id, p.handle, p.name, p.title, COALESCE(d.name, ''), COALESCE(d.id, 0), COALESCE(d.slug, ''),
	p.is_admin, p.is_sponsor, p.disabled_at IS NOT NULL, p.avatar`

// scanListed reads the listColumns of a row into p, then the row's extra
// columns into extra.
func scanListed(sc interface{ Scan(...any) error }, p *Person, extra ...any) error {
	return sc.Scan(append([]any{&p.ID, &p.Handle, &p.Name, &p.Title, &p.Department, &p.DepartmentID, &p.DepartmentSlug,
		&p.Admin, &p.Sponsor, &p.Disabled, &p.Avatar}, extra...)...)
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
	return with + `SELECT ` + listColumns + ` FROM ` + from + ` LEFT JOIN departments d ON d.id = p.department_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY lower(p.name) ` + order + `, p.id ` + order + ` LIMIT ` + limit, args
}

// escapeLike escapes LIKE's wildcards in a search term, so that a typed % or _
// matches itself; the query names the escape character, as SQLite needs.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
