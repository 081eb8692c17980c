package people_test

import (
	"context"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/people"
)

// explain returns the plan of query on d.
func explain(t *testing.T, d *db.DB, query string, args []any) string {
	t.Helper()
	prefix := "EXPLAIN QUERY PLAN "
	if d.Dialect == db.Postgres {
		prefix = "EXPLAIN "
	}
	rows, err := d.QueryContext(context.Background(), prefix+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	return planOf(t, rows)
}

// TestRankingAndTopicListUseTheirIndexes: a page of /experts walks the index
// of scores by topic (no sort of the topic's people), and the directory
// filtered by a topic starts from the index of declared expertise by topic.
func TestRankingAndTopicListUseTheirIndexes(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		addPeople(t, d, 3000)
		for _, q := range []string{
			`INSERT INTO person_expertise (person_id, tag, level) SELECT id, 'topic ' || (id % 50), 'expert' FROM people`,
			`INSERT INTO expertise_scores (tag, person_id, level, score) SELECT 'topic ' || (id % 5), id, 3, 30 + id % 7 FROM people`,
		} {
			if _, err := d.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if d.Dialect == db.Postgres {
			if _, err := d.ExecContext(ctx, "ANALYZE"); err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range []people.ExpertQuery{{Topic: "topic 2"}, {Topic: "topic 2", AfterScore: 33, AfterID: 400}} {
			query, args := people.ExpertsQuery(q, 0)
			plan := explain(t, d, query, args)
			uses := strings.Contains(plan, "expertise_scores_rank")
			if !uses || strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") || strings.Contains(plan, "Sort Key") {
				t.Errorf("%+v: want a walk of expertise_scores_rank, no sort; plan:\n%s", q, plan)
			}
		}
		if _, err := d.ExecContext(ctx, `INSERT INTO departments (slug, name, created_at) VALUES ('civil', 'Civil engineering', CURRENT_TIMESTAMP)`); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, `UPDATE people SET department_id = (SELECT id FROM departments WHERE slug = 'civil') WHERE id % 20 = 0`); err != nil {
			t.Fatal(err)
		}
		if d.Dialect == db.Postgres {
			if _, err := d.ExecContext(ctx, "ANALYZE"); err != nil {
				t.Fatal(err)
			}
		}
		// In one department: its own index, the department's rows only
		// (PostgreSQL may sort the few it finds there rather than walk).
		for _, q := range []people.ExpertQuery{{Topic: "topic 2", Department: "civil"}, {Topic: "topic 2", Department: "civil", AfterScore: 33, AfterID: 400}} {
			query, args := people.ExpertsQuery(q, 0)
			plan := explain(t, d, query, args)
			if !strings.Contains(plan, "expertise_scores_department_rank") || strings.Contains(plan, "TEMP B-TREE FOR ORDER BY") {
				t.Errorf("%+v: want expertise_scores_department_rank; plan:\n%s", q, plan)
			}
		}
		query, args := people.ListQuery(people.At{}, people.ListParams{Topic: "topic 7", Level: people.Expert, Limit: 51})
		if plan := explain(t, d, query, args); !strings.Contains(plan, "person_expertise_tag") {
			t.Errorf("the directory by topic does not start from person_expertise_tag; plan:\n%s", plan)
		}
	})
}
