package stewardship

import (
	"database/sql"
	"slices"
	"strings"
	"time"

	"hearth/internal/community"
	"hearth/internal/db"
)

// The health page's head (the run, the names' and experts' versions, the
// stage's checklist) is read in the community's own query
// (community.GetWith): on PostgreSQL the two round trips a request were
// more than half the handler's CPU. The checklist is packed in one text
// column, "task time" items separated by commas (task keys hold neither),
// each time written the same way on both engines (taskTime).

// nowHead is what the community's query reads for the page.
type nowHead struct {
	run, names, experts sql.NullInt64
	zone, tasks         sql.NullString
	counted             sql.NullTime
}

// nowVersions are the versions the head reads besides the run.
type nowVersions struct{ names, experts int64 }

// taskTimeLayout is how a checklist's time is packed: SQLite's stored
// text (the driver's _time_format=sqlite), PostgreSQL's formatted to match.
const taskTimeLayout = "2006-01-02 15:04:05.999999999-07:00"

// with is the community read's part for hd, on dialect d.
func (hd *nowHead) with(d db.Dialect) community.With {
	at := "k.done_at"
	if d == db.Postgres {
		at = `to_char(k.done_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00:00'`
	}
	return community.With{
		Join: "LEFT JOIN health_runs hr ON hr.community_id = c.id",
		Columns: `hr.run, hr.time_zone, hr.counted_at, (SELECT version FROM name_changes WHERE id = 1),
			(SELECT version FROM expert_changes WHERE id = 1),
			(SELECT string_agg(k.task || ' ' || ` + at + `, ',' ORDER BY k.task) FROM stage_tasks k WHERE k.community_id = c.id AND k.stage = c.stage)`,
		Dest: []any{&hd.run, &hd.zone, &hd.counted, &hd.names, &hd.experts, &hd.tasks},
	}
}

// addTo adds hd to h (whose Tasks are its stage's) and returns the versions.
func (hd *nowHead) addTo(h *Health) nowVersions {
	if hd.counted.Valid {
		h.CountedAt, h.Zone, h.Run = hd.counted.Time, hd.zone.String, hd.run.Int64
	}
	for item := range strings.SplitSeq(hd.tasks.String, ",") {
		key, at, _ := strings.Cut(item, " ")
		if i := slices.IndexFunc(h.Tasks, func(t StageTask) bool { return t.Key == key }); i >= 0 && key != "" {
			h.Tasks[i].Done, h.Tasks[i].DoneAt = true, taskTime(at)
		}
	}
	return nowVersions{names: hd.names.Int64, experts: hd.experts.Int64}
}

// taskTime parses a packed checklist time; a time SQLite wrote without a
// zone (CURRENT_TIMESTAMP) is UTC.
func taskTime(at string) time.Time {
	for _, layout := range []string{taskTimeLayout, "2006-01-02 15:04:05.999999999", time.RFC3339Nano} {
		if t, err := time.Parse(layout, at); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
