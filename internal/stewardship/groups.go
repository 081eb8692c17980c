package stewardship

import (
	"context"
	"database/sql"
	"time"

	"hearth/internal/errs"
)

// DepartmentShare is a department's contributions in the window and the
// one before, and whether its exchange is shown; a number with fewer than
// MinCell people behind it is not given (Valid false).
type DepartmentShare struct {
	ID                      int64
	Name                    string
	Contributions, Previous sql.NullInt64
	Exchanged               bool // at least MinCell of its people exchanged: it has a row in the exchange
}

// ExchangeCell is the decayed weight of the interactions between two
// shown departments (A ≤ B; equal: inside one).
type ExchangeCell struct {
	A, B   int64
	Weight float64
}

// Connector is a member who exchanged with people of at least
// ConnectorFrom other departments.
type Connector struct {
	Handle, Name, Department string
	Departments              int
}

func (s *Service) readRhythm(ctx context.Context, h *Health) error {
	rows, err := s.db.QueryContext(ctx, `SELECT weekday, hour, contributions, gatherings FROM health_rhythm WHERE community_id = $1 AND days = $2
		ORDER BY weekday, hour`, h.C.ID, h.Days)
	if err != nil {
		return errs.Wrap(err, "read the rhythm")
	}
	defer rows.Close()
	for rows.Next() {
		var c RhythmCell
		var day int
		if err := rows.Scan(&day, &c.Hour, &c.Contributions, &c.Gatherings); err != nil {
			return errs.Wrap(err, "read the rhythm")
		}
		c.Weekday = time.Weekday(day)
		h.Rhythm = append(h.Rhythm, c)
	}
	return errs.Wrap(rows.Err(), "read the rhythm")
}

// shown is n when at least MinCell people are behind it.
func shown(n, people int) sql.NullInt64 {
	return sql.NullInt64{Int64: int64(n), Valid: people >= MinCell}
}

// readExchange reads the exchange between departments that each have at
// least MinCell people who exchanged.
func (s *Service) readExchange(ctx context.Context, h *Health) error {
	rows, err := s.db.QueryContext(ctx, `SELECT x.department_a, x.department_b, x.weight FROM health_exchange x
		JOIN health_departments a ON a.community_id = x.community_id AND a.days = x.days AND a.department_id = x.department_a
		JOIN health_departments b ON b.community_id = x.community_id AND b.days = x.days AND b.department_id = x.department_b
		WHERE x.community_id = $1 AND x.days = $2 AND a.exchangers >= $3 AND b.exchangers >= $3`, h.C.ID, h.Days, MinCell)
	if err != nil {
		return errs.Wrap(err, "read the exchange")
	}
	defer rows.Close()
	for rows.Next() {
		var c ExchangeCell
		if err := rows.Scan(&c.A, &c.B, &c.Weight); err != nil {
			return errs.Wrap(err, "read the exchange")
		}
		h.Exchange = append(h.Exchange, c)
	}
	return errs.Wrap(rows.Err(), "read the exchange")
}

func (s *Service) readExchangeMonths(ctx context.Context, h *Health) error {
	rows, err := s.db.QueryContext(ctx, `SELECT month_start, internal, external FROM health_exchange_months WHERE community_id = $1 ORDER BY month_start`, h.C.ID)
	if err != nil {
		return errs.Wrap(err, "read the exchange by month")
	}
	defer rows.Close()
	for rows.Next() {
		var m ExchangeMonth
		if err := rows.Scan(&m.Month, &m.Internal, &m.External); err != nil {
			return errs.Wrap(err, "read the exchange by month")
		}
		m.Month = m.Month.UTC()
		h.ExchangeMonths = append(h.ExchangeMonths, m)
	}
	return errs.Wrap(rows.Err(), "read the exchange by month")
}
