package conversation

import (
	"context"
	"strconv"

	"hearth/internal/auth"
	"hearth/internal/community"
	"hearth/internal/errs"
)

// ListSize is how many threads the talk list shows at a time.
const ListSize = 20

// Sort orders of the talk list, newest (or highest) first.
const (
	ByActivity = "activity"
	ByVotes    = "votes"
	ByAge      = "age"
)

// sortColumns are the column each order sorts by (with the id after it),
// each served by an index on (community_id, column, id).
var sortColumns = map[string]string{ByActivity: "last_activity_at", ByVotes: "votes", ByAge: "created_at"}

// Filter chooses and orders the threads of the talk list.
type Filter struct {
	Kind       string // "", Discussion or Question
	Unanswered bool   // questions without an answer
	NoAccepted bool   // questions without an accepted answer
	Mine       bool   // threads the reader started
	Tag        string
	Sort       string // ByActivity (the default), ByVotes or ByAge
	After      int64  // the last thread of the page before (keyset)
}

// List returns a page of the community's threads (on the first page, the
// pinned ones that match first) and, when there are more, the id to read
// the next page After.
func (s *Service) List(ctx context.Context, a auth.Actor, communitySlug string, f Filter) (community.View, []Thread, int64, error) {
	v, err := s.communities.Get(ctx, a, communitySlug)
	if err != nil {
		return v, nil, 0, err
	}
	if err := mayRead(v); err != nil {
		return v, nil, 0, err
	}
	col, ok := sortColumns[f.Sort]
	if !ok {
		col = sortColumns[ByActivity]
	}
	where, args := ` WHERE t.community_id = $1`, []any{v.ID}
	arg := func(x any) string { args = append(args, x); return "$" + strconv.Itoa(len(args)) }
	switch f.Kind {
	case Discussion, Question:
		where += ` AND t.kind = ` + arg(f.Kind)
	}
	if f.Unanswered {
		where += ` AND t.kind = 'question' AND t.answers = 0`
	}
	if f.NoAccepted {
		where += ` AND t.kind = 'question' AND t.accepted_post_id IS NULL`
	}
	if f.Mine {
		where += ` AND t.author_id = ` + arg(a.PersonID)
	}
	if f.Tag != "" {
		where += ` AND EXISTS (SELECT 1 FROM thread_tags g WHERE g.thread_id = t.id AND g.tag = ` + arg(f.Tag) + `)`
	}
	if f.After != 0 {
		where += ` AND (t.` + col + `, t.id) < (SELECT k.` + col + `, k.id FROM threads k WHERE k.id = ` + arg(f.After) + ` AND k.community_id = $1)`
	}
	var pinned []Thread
	if f.After == 0 {
		// The pinned threads that match come first, on the first page only.
		if pinned, err = s.threads(ctx, where+` AND t.pinned_at IS NOT NULL`, args, `t.pinned_at DESC, t.id DESC`, MaxPinned); err != nil {
			return v, nil, 0, err
		}
	}
	out, err := s.threads(ctx, where+` AND t.pinned_at IS NULL`, args, `t.`+col+` DESC, t.id DESC`, ListSize+1)
	if err != nil {
		return v, nil, 0, err
	}
	var next int64
	if len(out) > ListSize {
		out = out[:ListSize]
		next = out[ListSize-1].ID
	}
	return v, append(pinned, out...), next, nil
}

// threads reads the threads that where (on threads t) chooses, in order, at
// most limit.
func (s *Service) threads(ctx context.Context, where string, args []any, order string, limit int) ([]Thread, error) {
	rs, err := s.db.QueryContext(ctx, `SELECT `+threadColumns+` FROM threads t LEFT JOIN people p ON p.id = t.author_id`+where+
		` ORDER BY `+order+` LIMIT `+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, errs.Wrap(err, "list threads")
	}
	defer rs.Close()
	var out []Thread
	for rs.Next() {
		var t Thread
		if err := scanThread(rs, &t); err != nil {
			return nil, errs.Wrap(err, "list threads")
		}
		out = append(out, t)
	}
	return out, errs.Wrap(rs.Err(), "list threads")
}
