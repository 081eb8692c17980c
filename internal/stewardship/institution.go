package stewardship

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
	"hearth/internal/people"
)

// Institution is the sponsor's page (issue 13, point 15): aggregates
// across the active communities as last counted (CountedAt zero: not
// counted yet). It names nobody.
type Institution struct {
	CountedAt   time.Time
	Days        int
	Figures     map[string]sql.NullFloat64
	Communities []MapCommunity  // by name
	Quarters    []ExchangeMonth // oldest first: the 90 days before each quarter's start
	Value       []CycleValue    // the value-creation matrix, summed over the communities
}

// MapCommunity is one community on the institution's map.
type MapCommunity struct {
	ID          int64
	Slug, Name  string
	Stage       community.Stage
	Rings       Rings
	Departments int // departments its members come from
}

// ReadsInstitution reports whether a may read the institution's page:
// administrators and the sponsors they name. The one rule, which the
// service checks and the navigation follows.
func ReadsInstitution(a auth.Actor) bool { return a.SignedIn() && (a.Admin || a.Sponsor) }

// Institution reads the institution's figures: a few queries whatever the
// number of communities. Administrators and sponsors only; a visitor is
// asked to sign in and anyone else is told there is no such page.
func (s *Service) Institution(ctx context.Context, a auth.Actor) (Institution, error) {
	if !a.SignedIn() {
		return Institution{}, errs.New(errs.Unauthenticated, "Please sign in.")
	}
	if !ReadsInstitution(a) {
		return Institution{}, errs.NotFoundf("There is no such page.")
	}
	in := Institution{Days: InstitutionDays, Figures: map[string]sql.NullFloat64{}}
	err := s.db.QueryRowContext(ctx, `SELECT counted_at FROM institution_runs WHERE id = 1`).Scan(&in.CountedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return in, nil
	}
	if err != nil {
		return in, errs.Wrap(err, "read the institution")
	}
	in.CountedAt = in.CountedAt.UTC()
	if counted, ok := s.counted.get(in.CountedAt); ok {
		in.Figures, in.Communities, in.Quarters = counted.Figures, counted.Communities, counted.Quarters
	} else {
		for _, read := range []func(context.Context, *Institution) error{s.readInstitutionFigures, s.readMap, s.readQuarters} {
			if err := read(ctx, &in); err != nil {
				return in, err
			}
		}
		s.counted.put(in)
	}
	return in, s.readValue(ctx, &in)
}

// countedInstitution keeps the last count's rows (figures, map, quarters),
// which only a new count changes: the count's time says whether they are
// still the database's, on this instance or another. Readers share them
// and must not change them.
type countedInstitution struct {
	mu sync.Mutex
	in Institution
}

func (c *countedInstitution) get(at time.Time) (Institution, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.in, !c.in.CountedAt.IsZero() && c.in.CountedAt.Equal(at)
}

func (c *countedInstitution) put(in Institution) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.in = in
}

func (s *Service) readInstitutionFigures(ctx context.Context, in *Institution) error {
	rows, err := s.db.QueryContext(ctx, `SELECT figure, value FROM institution_figures`)
	if err != nil {
		return errs.Wrap(err, "read the institution's figures")
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var v sql.NullFloat64
		if err := rows.Scan(&name, &v); err != nil {
			return errs.Wrap(err, "read the institution's figures")
		}
		in.Figures[name] = v
	}
	return errs.Wrap(rows.Err(), "read the institution's figures")
}

// readMap reads the communities as counted, by name.
func (s *Service) readMap(ctx context.Context, in *Institution) error {
	rows, err := s.db.QueryContext(ctx, `SELECT community_id, slug, name, stage, core, active, occasional, peripheral, departments
		FROM institution_communities ORDER BY name, community_id`)
	if err != nil {
		return errs.Wrap(err, "read the map")
	}
	defer rows.Close()
	for rows.Next() {
		c := MapCommunity{Rings: Rings{}}
		var core, active, occasional, peripheral int
		if err := rows.Scan(&c.ID, &c.Slug, &c.Name, &c.Stage, &core, &active, &occasional, &peripheral, &c.Departments); err != nil {
			return errs.Wrap(err, "read the map")
		}
		c.Rings[people.Core], c.Rings[people.Active], c.Rings[people.Occasional], c.Rings[people.Peripheral] = core, active, occasional, peripheral
		in.Communities = append(in.Communities, c)
	}
	return errs.Wrap(rows.Err(), "read the map")
}

func (s *Service) readQuarters(ctx context.Context, in *Institution) error {
	rows, err := s.db.QueryContext(ctx, `SELECT quarter_start, internal, external FROM institution_quarters ORDER BY quarter_start`)
	if err != nil {
		return errs.Wrap(err, "read the quarters")
	}
	defer rows.Close()
	for rows.Next() {
		var m ExchangeMonth
		if err := rows.Scan(&m.Month, &m.Internal, &m.External); err != nil {
			return errs.Wrap(err, "read the quarters")
		}
		m.Month = m.Month.UTC()
		in.Quarters = append(in.Quarters, m)
	}
	return errs.Wrap(rows.Err(), "read the quarters")
}

// readValue reads the value-creation matrix of all the active
// communities (ValueTotals): live, from the stories' own rows, so that a
// story told shows at once.
func (s *Service) readValue(ctx context.Context, in *Institution) error {
	var err error
	in.Value, err = s.ValueTotals(ctx)
	return err
}

// Figure is the named institution figure (Valid false: none).
func (in Institution) Figure(name string) sql.NullFloat64 { return in.Figures[name] }
