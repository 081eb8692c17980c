package search

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hearth/internal/db"
)

// A community's talk (internal/conversation): threads (title, tags, body)
// and their replies and answers (posts of subject "thread", body). Both
// belong to the thread's community and are for those who may read it
// (View.CanRead); a hidden or removed reply is not found. The SQL of both is
// here, next to the policy it mirrors.

// The talk's document kinds.
const (
	KindThread = "thread"
	KindReply  = "reply" // a reply or an answer in a thread
)

func init() {
	Register(Kind{Name: KindThread, Code: 8, Load: loadThreads, After: afterIDs("threads"), Visible: threadVisible,
		Scope: communityScope, Filter: threadFilter, Show: showThreads})
	Register(Kind{Name: KindReply, Code: 9, Load: loadReplies, After: afterThreadPosts, Visible: replyVisible,
		Scope: communityScope, Filter: replyFilter, Show: showReplies})
}

// afterThreadPosts lists the ids of threads' posts in order, for Rebuild.
func afterThreadPosts(ctx context.Context, q db.Q, after int64, n int) ([]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM posts WHERE id > $1 AND subject_kind = 'thread' ORDER BY id LIMIT $2", after, n)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

func loadThreads(ctx context.Context, q db.Q, ids []int64) ([]Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args, in := idArgs(ids)
	rows, err := q.QueryContext(ctx, "SELECT id, community_id, title, body_text FROM threads WHERE id IN ("+in+") ORDER BY id", args...)
	if err != nil {
		return nil, err
	}
	var docs []Document
	for rows.Next() {
		var doc Document
		if err := rows.Scan(&doc.ID, &doc.CommunityID, &doc.Title, &doc.Body); err != nil {
			rows.Close()
			return nil, err
		}
		docs = append(docs, doc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tags, err := tagsOf(ctx, q, "SELECT thread_id, tag FROM thread_tags WHERE thread_id IN ("+in+") ORDER BY thread_id, tag", args)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		docs[i].Tags = strings.Join(tags[docs[i].ID], ", ")
	}
	return docs, nil
}

func loadReplies(ctx context.Context, q db.Q, ids []int64) ([]Document, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args, in := idArgs(ids)
	rows, err := q.QueryContext(ctx, `SELECT p.id, t.community_id, p.body_text FROM posts p JOIN threads t ON t.id = p.subject_id
		WHERE p.id IN (`+in+`) AND p.subject_kind = 'thread' AND p.hidden_at IS NULL AND p.deleted_at IS NULL ORDER BY p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []Document
	for rows.Next() {
		var doc Document
		if err := rows.Scan(&doc.ID, &doc.CommunityID, &doc.Body); err != nil {
			return nil, err
		}
		docs = append(docs, doc)
	}
	return docs, rows.Err()
}

// A thread: its community's content readable (View.CanRead).
func threadVisible(r reader) string {
	return `EXISTS (SELECT 1 FROM threads vt JOIN communities c ON c.id = vt.community_id
		WHERE vt.id = s.subject_id AND ` + canRead("c", r) + `)`
}

// A reply: its thread readable, itself neither hidden nor removed.
func replyVisible(r reader) string {
	return `EXISTS (SELECT 1 FROM posts vp JOIN threads vt ON vt.id = vp.subject_id JOIN communities c ON c.id = vt.community_id
		WHERE vp.id = s.subject_id AND vp.subject_kind = 'thread' AND vp.hidden_at IS NULL AND vp.deleted_at IS NULL AND ` + canRead("c", r) + `)`
}

// communityScope is threadVisible and replyVisible (and gatheringVisible)
// from the row's stored community: their community readable. A move
// indexes the thread and its replies again (conversation.Move), and a
// hidden or removed reply leaves the index. Without it, PostgreSQL made
// each posting list's reading hash every visible thread (50,000: 15 ms a
// query) to test the few threads' postings among them.
func communityScope(r reader) string {
	return `s.community_id IN (` + r.readable + `)`
}

// threadConds is the tag filter on a thread aliased t.
func threadConds(f *filter, q Query, t string) []string {
	var conds []string
	if tag := strings.Join(strings.Fields(strings.ToLower(q.Tag)), " "); tag != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM thread_tags ft WHERE ft.thread_id = "+t+".id AND ft.tag = "+f.arg(tag)+")")
	}
	return conds
}

func threadFilter(f *filter, q Query) (string, bool) {
	if !onlyKind(q.Kind, KindThread) || q.Maturity != "" {
		return "", false
	}
	conds := threadConds(f, q, "ft0")
	if h := handleOf(q); h != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM people fp WHERE fp.id = ft0.author_id AND fp.handle = "+f.arg(h)+")")
	}
	if len(conds) == 0 {
		return "", true
	}
	return "EXISTS (SELECT 1 FROM threads ft0 WHERE ft0.id = s.subject_id AND " + strings.Join(conds, " AND ") + ")", true
}

func replyFilter(f *filter, q Query) (string, bool) {
	if !onlyKind(q.Kind, KindReply) || q.Maturity != "" {
		return "", false
	}
	conds := threadConds(f, q, "ft0")
	if h := handleOf(q); h != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM people fp WHERE fp.id = fr.author_id AND fp.handle = "+f.arg(h)+")")
	}
	if len(conds) == 0 {
		return "", true
	}
	return "EXISTS (SELECT 1 FROM posts fr JOIN threads ft0 ON ft0.id = fr.subject_id WHERE fr.id = s.subject_id AND fr.subject_kind = 'thread' AND " +
		strings.Join(conds, " AND ") + ")", true
}

func threadURL(community string, id int64) string {
	return "/c/" + url.PathEscape(community) + "/talk/" + strconv.FormatInt(id, 10)
}

func showThreads(ctx context.Context, d *db.DB, hits []*Hit) error {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SubjectID
	}
	args, in := idArgs(ids)
	rows, err := d.QueryContext(ctx, `SELECT t.id, t.kind, t.last_activity_at, t.answers, t.accepted_post_id IS NOT NULL, c.slug, c.name
		FROM threads t JOIN communities c ON c.id = t.community_id WHERE t.id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	by := byID(hits)
	for rows.Next() {
		var id int64
		var h Hit
		if err := rows.Scan(&id, &h.ThreadKind, &h.UpdatedAt, &h.Answers, &h.Answered, &h.CommunitySlug, &h.CommunityName); err != nil {
			return err
		}
		for _, hit := range by[id] {
			hit.ThreadID, hit.ThreadKind, hit.UpdatedAt, hit.Answers, hit.Answered = id, h.ThreadKind, h.UpdatedAt, h.Answers, h.Answered
			hit.CommunitySlug, hit.CommunityName = h.CommunitySlug, h.CommunityName
			hit.URL = threadURL(h.CommunitySlug, id)
		}
	}
	return rows.Err()
}

func showReplies(ctx context.Context, d *db.DB, hits []*Hit) error {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SubjectID
	}
	args, in := idArgs(ids)
	rows, err := d.QueryContext(ctx, `SELECT p.id, p.kind, p.updated_at, COALESCE(a.name, ''), t.id, t.kind, t.title, c.slug, c.name
		FROM posts p JOIN threads t ON t.id = p.subject_id JOIN communities c ON c.id = t.community_id
		LEFT JOIN people a ON a.id = p.author_id WHERE p.id IN (`+in+`) AND p.subject_kind = 'thread'`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	by := byID(hits)
	for rows.Next() {
		var id int64
		var at time.Time
		var h Hit
		if err := rows.Scan(&id, &h.PostKind, &at, &h.CommentAuthor, &h.ThreadID, &h.ThreadKind, &h.ThreadTitle, &h.CommunitySlug, &h.CommunityName); err != nil {
			return err
		}
		for _, hit := range by[id] {
			hit.CommentID, hit.PostKind, hit.UpdatedAt, hit.CommentAuthor = id, h.PostKind, at, h.CommentAuthor
			hit.ThreadID, hit.ThreadKind, hit.ThreadTitle = h.ThreadID, h.ThreadKind, h.ThreadTitle
			hit.CommunitySlug, hit.CommunityName = h.CommunitySlug, h.CommunityName
			p := strconv.FormatInt(id, 10)
			hit.URL = threadURL(h.CommunitySlug, h.ThreadID) + "?post=" + p + "#post-" + p // the page of replies that holds it
		}
	}
	return rows.Err()
}
