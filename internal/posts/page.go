package posts

import (
	"context"
	"slices"
	"strconv"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// PageSize is how many posts a page shows at a time.
const PageSize = 50

// At says which page of a subject's posts to read: the posts just Before or
// just After the post with that id, or the page that holds the post Around
// (for a link to it); when none is set, or the post is not the subject's,
// the newest page. Pages are cut by post (keyset), so a page does not shift
// when posts are added, and reading one costs the same however many there are.
type At struct {
	Before, After, Around int64
	// Kind, when set, reads only the posts of that kind (a question's
	// replies apart from its answers).
	Kind string
	// Counted says the owner keeps the subject's count of posts itself (a
	// thread's counters): the page's Total is then not counted, and left 0.
	// Counting cost more than reading the page, for a subject of 500 posts.
	Counted bool
}

// kindIs is the condition on alias that keeps the posts of kind k ("" and
// unknown kinds: every post). Kinds are this package's constants, written
// into the query as such.
func kindIs(alias, k string) string {
	switch k {
	case Comment, Reply, Answer:
		return " AND " + alias + ".kind = '" + k + "'"
	}
	return ""
}

// Page is one page of a subject's posts, oldest first.
type Page struct {
	Posts []Post
	Total int   // posts on the subject, on every page
	Older int64 // when older posts exist: read them Before this id
	Newer int64 // when newer posts exist: read them After this id
}

// Viewer is who reads, as the subject's owner judged them: the text of a
// hidden post is for its author and the moderators only.
type Viewer struct {
	PersonID  int64
	Moderator bool
}

// Everyone is a viewer shown every post as stored (the text of hidden posts
// too, none of them Mine): a page read once for every reader, each of whom
// then sees it through their own viewer's See.
var Everyone = Viewer{Moderator: true}

// See returns p as v is shown it: whether it is theirs, and the text of a
// hidden post only for its author and the moderators.
func (v Viewer) See(p Post) Post {
	p.Mine = v.PersonID != 0 && p.AuthorID == v.PersonID
	if p.Hidden && !p.Mine && !v.Moderator {
		p.Body, p.HTML = "", ""
	}
	return p
}

// order orders a subject's posts, as the index posts_subject does.
const order = `(p.created_at, p.id)`

// key is the place in order of the post whose id is $3.
const key = `(SELECT k.created_at, k.id FROM posts k WHERE k.id = $3)`

// Read returns a page of a subject's posts through q.
func Read(ctx context.Context, q db.Q, s Subject, at At, v Viewer) (Page, error) {
	var page Page
	cursor, where, desc := int64(0), "", true
	switch {
	case at.Before != 0:
		cursor, where = at.Before, order+" < "+key
	case at.After != 0:
		cursor, where, desc = at.After, order+" > "+key, false
	case at.Around != 0:
		cursor, where, desc = at.Around, order+" >= "+key, false
	}
	if cursor != 0 {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM posts WHERE id = $1 AND subject_kind = $2 AND subject_id = $3`,
			cursor, s.Kind, s.ID).Scan(&n); err != nil {
			return page, errs.Wrap(err, "find post")
		}
		if n == 0 { // another subject's: the newest page
			at, cursor, where, desc = At{Kind: at.Kind}, 0, "", true
		}
	}
	list, total, err := rows(ctx, q, s, at.Kind, cursor, where, desc, !at.Counted, v)
	if err != nil {
		return page, err
	}
	page.Total = total
	if len(list) == 0 && cursor != 0 && !at.Counted { // no row told the total
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM posts p WHERE p.subject_kind = $1 AND p.subject_id = $2`+kindIs("p", at.Kind), s.Kind, s.ID).Scan(&page.Total); err != nil {
			return page, errs.Wrap(err, "count posts")
		}
	}
	more := len(list) > PageSize
	if more {
		list = list[:PageSize]
	}
	if desc {
		slices.Reverse(list)
	}
	if at.Around != 0 && !more {
		// The post is among the newest: show the newest page, the one the
		// subject's own address shows.
		return Read(ctx, q, s, At{Kind: at.Kind, Counted: at.Counted}, v)
	}
	page.Posts = list
	if len(list) == 0 {
		return page, nil
	}
	first, last := list[0].ID, list[len(list)-1].ID
	switch {
	case at.Before != 0:
		page.Newer = last
		if more {
			page.Older = first
		}
	case at.After != 0:
		page.Older = first
		if more {
			page.Newer = last
		}
	case at.Around != 0:
		page.Newer = last // more is true: see above
		var older int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM posts p WHERE p.subject_kind = $1 AND p.subject_id = $2`+kindIs("p", at.Kind)+` AND `+order+` < `+key,
			s.Kind, s.ID, first).Scan(&older); err != nil {
			return page, errs.Wrap(err, "count posts")
		}
		if older > 0 {
			page.Older = first
		}
	default:
		if more {
			page.Older = first
		}
	}
	return page, nil
}

// rows reads up to PageSize+1 posts of the subject after (or, when desc,
// before) the cursor, as where says, and, when count says so, how many posts
// the subject has (0 when it read none, or did not count).
func rows(ctx context.Context, q db.Q, s Subject, kind string, cursor int64, where string, desc, count bool, v Viewer) ([]Post, int, error) {
	args := []any{s.Kind, s.ID}
	if where != "" {
		where = kindIs("p", kind) + " AND " + where
		args = append(args, cursor)
	} else {
		where = kindIs("p", kind)
	}
	totalColumn := "" // not read when not counted: every column costs the SQLite driver a call per row
	if count {
		totalColumn = `, (SELECT COUNT(*) FROM posts n WHERE n.subject_kind = $1 AND n.subject_id = $2` + kindIs("n", kind) + `)`
	}
	dir := " ORDER BY p.created_at, p.id"
	if desc {
		dir = " ORDER BY p.created_at DESC, p.id DESC"
	}
	rs, err := q.QueryContext(ctx, `SELECT p.id, p.kind, COALESCE(p.author_id, 0), COALESCE(a.handle, ''), COALESCE(a.name, 'A former member'),
		p.body, p.body_html, p.render_version, p.created_at, p.edited_at IS NOT NULL, p.hidden_at IS NOT NULL,
		p.deleted_at IS NOT NULL, p.accepted_at IS NOT NULL`+totalColumn+`
		FROM posts p LEFT JOIN people a ON a.id = p.author_id WHERE p.subject_kind = $1 AND p.subject_id = $2`+where+dir+
		` LIMIT `+strconv.Itoa(PageSize+1), args...)
	if err != nil {
		return nil, 0, errs.Wrap(err, "list posts")
	}
	defer rs.Close()
	var out []Post
	var total int
	for rs.Next() {
		var p Post
		var html string
		dest := []any{&p.ID, &p.Kind, &p.AuthorID, &p.AuthorHandle, &p.AuthorName, &p.Body, &html, &p.RenderVersion,
			&p.CreatedAt, &p.Edited, &p.Hidden, &p.Removed, &p.Accepted}
		if count {
			dest = append(dest, &total)
		}
		if err := rs.Scan(dest...); err != nil {
			return nil, 0, errs.Wrap(err, "list posts")
		}
		p.HTML = htmlOf(html)
		out = append(out, v.See(p))
	}
	return out, total, errs.Wrap(rs.Err(), "list posts")
}
