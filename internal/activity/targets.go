package activity

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"hearth/internal/db"
)

// An activity's targets are read only with the activity, so they are kept
// in its row (activities.targets, migration 0073) rather than in a table of
// their own: a write adds one row, not one per target. The column holds a
// JSON array of [person id, reason] pairs, one per person, ordered by
// person; the view activity_targets reads it as rows.

// encodeTargets returns ts as the targets column: people of id 0 left out,
// each person once (their first reason), ordered by person.
func encodeTargets(ts []Target) string {
	kept := make([]Target, 0, len(ts))
	for _, t := range ts {
		if t.PersonID != 0 && !slices.ContainsFunc(kept, func(k Target) bool { return k.PersonID == t.PersonID }) {
			kept = append(kept, t)
		}
	}
	slices.SortStableFunc(kept, func(a, b Target) int { return cmp.Compare(a.PersonID, b.PersonID) })
	b := []byte{'['}
	for i, t := range kept {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, t.PersonID, 10)
		b = append(b, ',')
		reason, _ := json.Marshal(t.Reason) // a string always marshals
		b = append(b, reason...)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

// decodeTargets reads the targets column.
func decodeTargets(s string) ([]Target, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var pairs [][2]json.RawMessage
	if err := json.Unmarshal([]byte(s), &pairs); err != nil {
		return nil, fmt.Errorf("read an activity's targets: %w", err)
	}
	out := make([]Target, len(pairs))
	for i, p := range pairs {
		if err := json.Unmarshal(p[0], &out[i].PersonID); err != nil {
			return nil, fmt.Errorf("read an activity's targets: %w", err)
		}
		if err := json.Unmarshal(p[1], &out[i].Reason); err != nil {
			return nil, fmt.Errorf("read an activity's targets: %w", err)
		}
	}
	return out, nil
}

// SetTargets replaces the targets of the activity with id (the demo
// addresses the requests to join it records in bulk to their stewards).
func SetTargets(ctx context.Context, q db.Q, id int64, ts []Target) error {
	if _, err := q.ExecContext(ctx, `UPDATE activities SET targets = $1 WHERE id = $2`, encodeTargets(ts), id); err != nil {
		return fmt.Errorf("address activity %d: %w", id, err)
	}
	return nil
}
