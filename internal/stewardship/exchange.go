package stewardship

import (
	"context"
	"database/sql"
	"math"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// Exchange between departments: who interacted with whom, weighted and
// decayed, summed inside and across departments.
const (
	// ExchangeHalfLife is how long until an interaction counts half: at
	// the end of a window, one a month old weighs 1/2, two months 1/4.
	ExchangeHalfLife = 30 * 24 * time.Hour
	// ConnectorFrom is how many other departments a connector exchanged with.
	ConnectorFrom = 3
	// MinCell is the fewest people behind a department's figure for it to
	// be shown (the privacy rule of issue 13).
	MinCell = 5
)

// interaction is one exchange between two people (a reply, an answer, an
// endorsement, or attending the same gathering), with its base weight.
type interaction struct {
	a, b                     int64
	departmentA, departmentB int64 // 0: none
	at                       time.Time
	weight                   float64
}

// interactions reads the community's interactions in (since, now]: a
// reply to a post or to the thread, entry or gathering it is under (its
// author), an answer to a question (its asker), an endorsement between two
// of its members, each weighing 1; and every pair of people who attended
// the same occurrence, 1/(n-1) for n attendees (each attendee's pairs
// weigh 1 in all). Deleted or hidden posts and hidden endorsements do not
// count.
func interactions(ctx context.Context, q db.Q, communityID int64, since, now time.Time, attended []attendance) ([]interaction, error) {
	var out []interaction
	rows, err := q.QueryContext(ctx, `SELECT x.author_id, pa.department_id, x.partner, pb.department_id, x.created_at FROM (
			SELECT p.author_id, COALESCE(r.author_id, t.author_id, e.created_by, g.created_by) AS partner, p.created_at
			FROM posts p LEFT JOIN posts r ON r.id = p.reply_to
				LEFT JOIN threads t ON p.reply_to IS NULL AND p.subject_kind = 'thread' AND t.id = p.subject_id
				LEFT JOIN entries e ON p.reply_to IS NULL AND p.subject_kind = 'entry' AND e.id = p.subject_id
				LEFT JOIN gatherings g ON p.reply_to IS NULL AND p.subject_kind = 'gathering' AND g.id = p.subject_id
			WHERE p.community_id = $1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.created_at > $2 AND p.created_at <= $3
			UNION ALL
			SELECT n.endorser_id, n.person_id, n.created_at FROM endorsements n
			WHERE n.hidden_at IS NULL AND n.created_at > $2 AND n.created_at <= $3
				AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = $1 AND m.person_id = n.endorser_id AND m.status = 'active')
				AND EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = $1 AND m.person_id = n.person_id AND m.status = 'active')
		) x JOIN people pa ON pa.id = x.author_id JOIN people pb ON pb.id = x.partner
		WHERE x.author_id <> x.partner`, communityID, since, now)
	if err != nil {
		return nil, errs.Wrap(err, "read interactions")
	}
	defer rows.Close()
	for rows.Next() {
		i := interaction{weight: 1}
		var depA, depB sql.NullInt64
		if err := rows.Scan(&i.a, &depA, &i.b, &depB, &i.at); err != nil {
			return nil, errs.Wrap(err, "read interactions")
		}
		i.departmentA, i.departmentB = depA.Int64, depB.Int64
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "read interactions")
	}
	return append(out, coAttended(attended, since)...), nil
}

// coAttended pairs the attendees of each occurrence after since (attended
// is ordered by occurrence start, then occurrence).
func coAttended(attended []attendance, since time.Time) []interaction {
	var out []interaction
	for i := 0; i < len(attended); {
		j := i
		for j < len(attended) && attended[j].occurrence == attended[i].occurrence {
			j++
		}
		if n := j - i; n > 1 && attended[i].at.After(since) {
			w := 1 / float64(n-1)
			for x := i; x < j; x++ {
				for y := x + 1; y < j; y++ {
					a, b := attended[x], attended[y]
					out = append(out, interaction{a: a.person, b: b.person, departmentA: a.department, departmentB: b.department, at: a.at, weight: w})
				}
			}
		}
		i = j
	}
	return out
}

// decayed is the weight of an interaction at at, seen from end.
func decayed(weight float64, at, end time.Time) float64 {
	return weight * math.Exp2(-float64(end.Sub(at))/float64(ExchangeHalfLife))
}

// departmentPair is two departments, the smaller id first.
type departmentPair struct{ a, b int64 }

func pairOf(a, b int64) departmentPair {
	if a > b {
		a, b = b, a
	}
	return departmentPair{a, b}
}

// exchangeSum is the exchange of a period (from, to]: the decayed weights
// inside and across departments, by pair of departments, who took part in
// each department, and each person's other departments.
type exchangeSum struct {
	internal, external float64
	pairs              map[departmentPair]float64
	people             map[int64]map[int64]bool // department: its people with an interaction
	reached            map[int64]map[int64]bool // person: the other departments they exchanged with
	department         map[int64]int64          // person: department
}

// exchangeIn sums the interactions between people who both have a
// department, in (from, to], each decayed to to.
func exchangeIn(list []interaction, from, to time.Time) exchangeSum {
	s := exchangeSum{pairs: map[departmentPair]float64{}, people: map[int64]map[int64]bool{}, reached: map[int64]map[int64]bool{}, department: map[int64]int64{}}
	for _, i := range list {
		if i.departmentA == 0 || i.departmentB == 0 || i.a == i.b || !i.at.After(from) || i.at.After(to) {
			continue
		}
		w := decayed(i.weight, i.at, to)
		s.pairs[pairOf(i.departmentA, i.departmentB)] += w
		if i.departmentA == i.departmentB {
			s.internal += w
		} else {
			s.external += w
			addTo(s.reached, i.a, i.departmentB)
			addTo(s.reached, i.b, i.departmentA)
		}
		addTo(s.people, i.departmentA, i.a)
		addTo(s.people, i.departmentB, i.b)
		s.department[i.a], s.department[i.b] = i.departmentA, i.departmentB
	}
	return s
}

func addTo(m map[int64]map[int64]bool, key, value int64) {
	if m[key] == nil {
		m[key] = map[int64]bool{}
	}
	m[key][value] = true
}

// EI is the E-I index of the period: (external − internal) / (external +
// internal), from −1 (all inside departments) to 1 (all across); none
// when there was no exchange.
func (s exchangeSum) EI() sql.NullFloat64 { return EIIndex(s.internal, s.external) }

// EIIndex is (external − internal) / (external + internal), none when both are 0.
func EIIndex(internal, external float64) sql.NullFloat64 {
	if internal+external == 0 {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: (external - internal) / (external + internal), Valid: true}
}

// connectors are the people who exchanged with at least ConnectorFrom
// other departments, with how many.
func (s exchangeSum) connectors() map[int64]int {
	out := map[int64]int{}
	for p, deps := range s.reached {
		if len(deps) >= ConnectorFrom {
			out[p] = len(deps)
		}
	}
	return out
}

// ExchangeMonth is the E-I index of the default window ending at a
// month's start.
type ExchangeMonth struct {
	Month              time.Time
	Internal, External float64
}

// exchangeMonths is the exchange of the DefaultDays before each of the
// last FlowMonths months' starts.
func exchangeMonths(list []interaction, now time.Time) []ExchangeMonth {
	var out []ExchangeMonth
	for m := MonthStart(now).AddDate(0, -FlowMonths+1, 0); !m.After(now); m = m.AddDate(0, 1, 0) {
		s := exchangeIn(list, m.AddDate(0, 0, -DefaultDays), m)
		out = append(out, ExchangeMonth{Month: m, Internal: s.internal, External: s.external})
	}
	return out
}
