package stewardship

import (
	"context"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// CycleValue is one cell row of the value-creation matrix: how many of a
// community's stories realised a step of Cycle, and how many of those
// steps give evidence.
type CycleValue struct {
	Cycle        Cycle
	Stories      int
	WithEvidence int
}

// Share is the share of the stories that give evidence, 0 without stories.
func (c CycleValue) Share() float64 {
	if c.Stories == 0 {
		return 0
	}
	return float64(c.WithEvidence) / float64(c.Stories)
}

// realisedCounts counts the realised steps (realisedSteps) and those with
// evidence, from value_steps st and value_stories s.
const (
	realisedCounts = `COUNT(*), SUM(CASE WHEN st.evidence <> '' THEN 1 ELSE 0 END) FROM value_steps st JOIN value_stories s ON s.id = st.story_id`
	realisedSteps  = `s.hidden_at IS NULL AND st.status = 'realised'`
)

// ValueTotals is ValueMatrix summed over every active community, in one
// query of a row per cycle: the institution's matrix.
func (s *Service) ValueTotals(ctx context.Context) ([]CycleValue, error) {
	out := make([]CycleValue, len(Cycles))
	for i, c := range Cycles {
		out[i].Cycle = c.Cycle
	}
	rows, err := s.db.QueryContext(ctx, `SELECT st.cycle, `+realisedCounts+` JOIN communities c ON c.id = s.community_id
		WHERE c.status = 'active' AND `+realisedSteps+` GROUP BY st.cycle`)
	if err != nil {
		return nil, errs.Wrap(err, "read the value matrix")
	}
	defer rows.Close()
	for rows.Next() {
		var c Cycle
		var n, evidence int
		if err := rows.Scan(&c, &n, &evidence); err != nil {
			return nil, errs.Wrap(err, "read the value matrix")
		}
		if c >= Immediate && c <= Reframing {
			out[c-1].Stories, out[c-1].WithEvidence = n, evidence
		}
	}
	return out, errs.Wrap(rows.Err(), "read the value matrix")
}

// ValueMatrix counts, for each of the communities with these ids, its
// stories (not hidden, whatever their audience: aggregates name nobody)
// with a realised step of each cycle, and those with evidence: the
// institution's value-creation matrix (issue 13, point 15), in one query.
// Each community's rows are in cycle order, every cycle present.
func (s *Service) ValueMatrix(ctx context.Context, communityIDs []int64) (map[int64][]CycleValue, error) {
	out := map[int64][]CycleValue{}
	for _, id := range communityIDs {
		rows := make([]CycleValue, len(Cycles))
		for i, c := range Cycles {
			rows[i].Cycle = c.Cycle
		}
		out[id] = rows
	}
	in, args := db.InIDs(1, communityIDs)
	rows, err := s.db.QueryContext(ctx, `SELECT s.community_id, st.cycle, `+realisedCounts+`
		WHERE s.community_id IN (`+in+`) AND `+realisedSteps+` GROUP BY s.community_id, st.cycle`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read the value matrix")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c Cycle
		var n, evidence int
		if err := rows.Scan(&id, &c, &n, &evidence); err != nil {
			return nil, errs.Wrap(err, "read the value matrix")
		}
		if cells, ok := out[id]; ok && c >= Immediate && c <= Reframing {
			cells[c-1].Stories, cells[c-1].WithEvidence = n, evidence
		}
	}
	return out, errs.Wrap(rows.Err(), "read the value matrix")
}
