package stewardship

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hearth/internal/conversation"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/gathering"
	"hearth/internal/links"
)

// StoryKind is a story's kind as one end of a link.
const StoryKind = "story"

// storyHead is what the policy needs of a story.
type storyHead struct {
	id, communityID, authorID int64
	audience                  string
	hidden                    bool
}

// readHead reads story id of community communityID (locked for update in
// a transaction when lock is set); NotFound when there is none.
func (s *Service) readHead(ctx context.Context, q db.Q, communityID, id int64, lock bool) (storyHead, error) {
	h := storyHead{id: id, communityID: communityID}
	query := `SELECT author_id, audience, hidden_at IS NOT NULL FROM value_stories WHERE id = $1 AND community_id = $2`
	if lock {
		query += s.db.ForUpdate()
	}
	err := q.QueryRowContext(ctx, query, id, communityID).Scan(&h.authorID, &h.audience, &h.hidden)
	if errors.Is(err, sql.ErrNoRows) {
		return h, errs.NotFoundf("There is no such story.")
	}
	return h, errs.Wrap(err, "read a story")
}

// resolveLinks looks up the linked things in community communityID: an
// entry by its address (never a draft), a thread or gathering by its id.
func resolveLinks(ctx context.Context, q db.Q, communityID int64, refs []linkRef) ([]links.Thing, error) {
	var out []links.Thing
	var val errs.Validation
	for _, r := range refs {
		var query string
		var key any = r.key
		switch r.kind {
		case "entry":
			query = `SELECT id FROM entries WHERE community_id = $1 AND slug = $2 AND maturity <> 'draft'`
		case "thread":
			query = `SELECT id FROM threads WHERE community_id = $1 AND id = $2`
		default:
			query = `SELECT id FROM gatherings WHERE community_id = $1 AND id = $2`
		}
		if r.kind != "entry" {
			key, _ = strconv.ParseInt(r.key, 10, 64)
		}
		var id int64
		err := q.QueryRowContext(ctx, query, communityID, key).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			val.Add("links", fmt.Sprintf("There is no %s “%s” in this community.", r.kind, r.key))
			continue
		}
		if err != nil {
			return nil, errs.Wrap(err, "find a linked "+r.kind)
		}
		out = append(out, links.Thing{Kind: r.kind, ID: id})
	}
	return out, val.Err()
}

// saveSteps makes story id's steps those of the draft: a cycle's step is
// updated in place (keeping its id, when it was recorded and nudged), a new
// one inserted, one no longer told deleted.
func saveSteps(ctx context.Context, tx *db.Tx, id int64, steps []Step, now time.Time) error {
	kept := []any{id}
	for _, st := range steps {
		var date any
		if !st.Date.IsZero() {
			date = st.Date
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO value_steps (story_id, cycle, strategic, enabling, body, happened_on, evidence, status, recorded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (story_id, cycle) DO UPDATE SET strategic = excluded.strategic, enabling = excluded.enabling, body = excluded.body,
				happened_on = excluded.happened_on, evidence = excluded.evidence, status = excluded.status`,
			id, int(st.Cycle), st.Strategic, st.Enabling, st.Text, date, strings.Join(st.Evidence, "\n"), st.Status, now)
		if err != nil {
			return errs.Wrap(err, "save a step")
		}
		kept = append(kept, int(st.Cycle))
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM value_steps WHERE story_id = $1 AND cycle NOT IN (`+db.Placeholders(2, len(kept)-1)+`)`, kept...)
	return errs.Wrap(err, "remove steps")
}

// saveLinks makes story id's links the things given.
func saveLinks(ctx context.Context, tx *db.Tx, id int64, things []links.Thing, by int64, now time.Time) error {
	from := links.Thing{Kind: StoryKind, ID: id}
	if err := links.RemoveFrom(ctx, tx, from, links.Tells); err != nil {
		return err
	}
	for _, t := range things {
		if err := links.Add(ctx, tx, from, t, links.Tells, by, now); err != nil {
			return err
		}
	}
	return nil
}

// readSteps reads the steps of the stories with these ids, by story, in
// cycle order.
func readSteps(ctx context.Context, q db.Q, ids []int64) (map[int64][]Step, error) {
	in, args := db.InIDs(1, ids)
	rows, err := q.QueryContext(ctx, `SELECT story_id, id, cycle, strategic, enabling, body, happened_on, evidence, status, recorded_at, nudged_at
		FROM value_steps WHERE story_id IN (`+in+`) ORDER BY story_id, cycle`, args...)
	if err != nil {
		return nil, errs.Wrap(err, "read steps")
	}
	defer rows.Close()
	out := map[int64][]Step{}
	for rows.Next() {
		var story int64
		var st Step
		var date, nudged sql.NullTime
		var evidence string
		if err := rows.Scan(&story, &st.ID, &st.Cycle, &st.Strategic, &st.Enabling, &st.Text, &date, &evidence, &st.Status, &st.RecordedAt, &nudged); err != nil {
			return nil, errs.Wrap(err, "read steps")
		}
		st.Date, st.NudgedAt = date.Time, nudged.Time
		if evidence != "" {
			st.Evidence = strings.Split(evidence, "\n")
		}
		out[story] = append(out[story], st)
	}
	return out, errs.Wrap(rows.Err(), "read steps")
}

// furthest is the furthest cycle of steps with a realised step; 0 if none.
func furthest(steps []Step) Cycle {
	var c Cycle
	for _, st := range steps {
		if st.Realised() && st.Cycle > c {
			c = st.Cycle
		}
	}
	return c
}

// readLinked reads the titles and addresses of what story id links to.
func readLinked(ctx context.Context, q db.Q, slug string, id int64) ([]Linked, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.to_kind, l.to_id, COALESCE(e.title, t.title, g.title, ''), COALESCE(e.slug, '')
		FROM links l
		LEFT JOIN entries e ON l.to_kind = 'entry' AND e.id = l.to_id
		LEFT JOIN threads t ON l.to_kind = 'thread' AND t.id = l.to_id
		LEFT JOIN gatherings g ON l.to_kind = 'gathering' AND g.id = l.to_id
		WHERE l.from_kind = $1 AND l.from_id = $2 AND l.kind = $3 ORDER BY l.created_at, l.to_kind, l.to_id`, StoryKind, id, links.Tells)
	if err != nil {
		return nil, errs.Wrap(err, "read a story's links")
	}
	defer rows.Close()
	var out []Linked
	for rows.Next() {
		var l Linked
		var entrySlug string
		if err := rows.Scan(&l.Kind, &l.ID, &l.Title, &entrySlug); err != nil {
			return nil, errs.Wrap(err, "read a story's links")
		}
		if l.Title == "" {
			continue // deleted since
		}
		switch l.Kind {
		case "entry":
			l.URL = "/c/" + slug + "/practice/" + entrySlug
		case "thread":
			l.URL = conversation.ThreadURL(slug, l.ID)
		default:
			l.URL = gathering.URL(slug, l.ID)
		}
		out = append(out, l)
	}
	return out, errs.Wrap(rows.Err(), "read a story's links")
}
