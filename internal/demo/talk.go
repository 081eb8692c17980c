package demo

import (
	"context"
	"fmt"
	"sort"
	"time"

	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/search"
)

// loadTalk writes each community's conversations (talks) straight into
// threads and posts with their past times, counters, votes and accepted
// answers, and indexes them for search. The activity step makes them news.
// Writers are the community's active members in turn, each writing only
// after they joined.
func loadTalk(ctx context.Context, tx *db.Tx, l *loaded) error {
	md := markup.New()
	for _, c := range communities {
		com, ok := l.communities[c.Slug]
		if !ok {
			return errUnknown("community", c.Slug)
		}
		end := l.now
		if c.Archived > 0 {
			end = l.ago(c.Archived)
		}
		members := l.takingPart(c.Slug)
		if len(members) < 2 {
			return fmt.Errorf("community %s has too few members to talk", c.Slug)
		}
		turn := 0
		next := func(at time.Time, not string) string { // the next member who had joined by then, not the one named
			for range members {
				h := members[turn%len(members)]
				turn++
				if h != not && l.joined[memberKey(c.Slug, h)].Before(at) {
					return h
				}
			}
			return members[0]
		}
		for _, th := range talks[c.Slug] {
			if err := loadThread(ctx, tx, l, md, c.Slug, com.ID, l.ago(th.Days), end, th, next); err != nil {
				return errs.Wrap(err, "thread "+c.Slug+": "+th.Title)
			}
		}
	}
	return nil
}

// takingPart lists the members who talk and meet in a community: its
// active members, or in a siloed one only those of its department.
func (l *loaded) takingPart(slug string) []string {
	dept, siloed := silos[slug]
	if !siloed {
		return l.membersOf(slug)
	}
	var out []string
	for _, h := range l.membersOf(slug) {
		if departmentOf(h) == dept {
			out = append(out, h)
		}
	}
	return out
}

// membersOf lists a community's active members by handle, in order.
func (l *loaded) membersOf(slug string) []string {
	var out []string
	for k := range l.joined {
		if len(k) > len(slug) && k[:len(slug)+1] == slug+" " {
			out = append(out, k[len(slug)+1:])
		}
	}
	sort.Strings(out)
	return out
}

func loadThread(ctx context.Context, tx *db.Tx, l *loaded, md *markup.Renderer, slug string, communityID int64, at, end time.Time,
	th talkThread, next func(time.Time, string) string) error {
	if at.After(end) {
		return fmt.Errorf("starts after the community's last day")
	}
	asker := th.By
	if asker == "" {
		asker = next(at, "")
	}
	body := md.RenderBoth(th.Body)
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO threads (community_id, kind, title, body, body_html, body_text, render_version,
		author_id, created_at, last_activity_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		communityID, th.Kind, th.Title, th.Body, string(body.HTML), body.Text, markup.Version, l.people[asker].ID, at).Scan(&id); err != nil {
		return errs.Wrap(err, "insert thread")
	}
	for _, tag := range th.Tags {
		if _, err := tx.ExecContext(ctx, `INSERT INTO thread_tags (thread_id, tag, community_id) VALUES ($1, $2, $3)`, id, tag, communityID); err != nil {
			return errs.Wrap(err, "tag thread")
		}
	}
	last, replies, answers, votes := at, 0, 0, 0
	var accepted any
	for _, p := range th.Posts {
		when := last.Add(time.Duration(p.Hours) * time.Hour)
		if when.After(end) {
			break
		}
		by := p.By
		if by == "" {
			by = next(when, "")
		}
		out := md.RenderBoth(p.Body)
		var acceptedAt any
		if p.Accepted {
			acceptedAt = when.Add(2 * time.Hour)
		}
		var pid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO posts (subject_kind, subject_id, community_id, kind, author_id, body, body_html, body_text,
			render_version, created_at, updated_at, accepted_at, accepted_by, score) VALUES ('thread', $1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, 0) RETURNING id`,
			id, communityID, p.Kind, l.people[by].ID, p.Body, string(out.HTML), out.Text, markup.Version, when, acceptedAt,
			nullIf(p.Accepted, l.people[asker].ID)).Scan(&pid); err != nil {
			return errs.Wrap(err, "insert post")
		}
		for range p.Votes {
			voter := next(when, by)
			if voter == by {
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO post_votes (post_id, person_id, created_at) VALUES ($1, $2, $3)
				ON CONFLICT (post_id, person_id) DO NOTHING`, pid, l.people[voter].ID, when.Add(time.Hour))
			if err != nil {
				return errs.Wrap(err, "vote")
			}
			if n, _ := res.RowsAffected(); n == 1 {
				if _, err := tx.ExecContext(ctx, `UPDATE posts SET score = score + 1 WHERE id = $1`, pid); err != nil {
					return errs.Wrap(err, "vote")
				}
				votes++
			}
		}
		if p.Kind == "answer" {
			answers++
		}
		if p.Accepted {
			accepted = pid
		}
		if err := search.Index(ctx, tx, tx.Dialect(), search.KindReply, pid); err != nil {
			return err
		}
		last = when
		replies++
	}
	if _, err := tx.ExecContext(ctx, `UPDATE threads SET replies = $2, answers = $3, votes = $4, accepted_post_id = $5, last_activity_at = $6
		WHERE id = $1`, id, replies, answers, votes, accepted, last); err != nil {
		return errs.Wrap(err, "count thread")
	}
	return search.Index(ctx, tx, tx.Dialect(), search.KindThread, id)
}

// nullIf is id when ok, else NULL.
func nullIf(ok bool, id int64) any {
	if ok {
		return id
	}
	return nil
}
