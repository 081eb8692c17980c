package conversation

import (
	"context"
	"html/template"
	"strconv"

	"hearth/internal/auth"
	"hearth/internal/db"
	"hearth/internal/errs"
	"hearth/internal/markup"
	"hearth/internal/posts"
)

// MaxAnswersShown bounds the answers a question's page shows (the accepted
// one and the best voted first).
const MaxAnswersShown = 100

// Answer is an answer to a question, with its votes.
type Answer struct {
	Post
	Score int
	Voted bool // the reader voted for it
}

// Answers returns a question's answers: the accepted one first, then by
// votes, then oldest first; at most MaxAnswersShown.
func (s *Service) Answers(ctx context.Context, t ThreadView) ([]Answer, error) {
	if !t.IsQuestion() {
		return nil, nil
	}
	v := viewer(t)
	rs, err := s.db.QueryContext(ctx, `SELECT p.id, COALESCE(p.author_id, 0), COALESCE(a.handle, ''), COALESCE(a.name, 'A former member'),
		p.body, p.body_html, p.render_version, p.created_at, p.edited_at IS NOT NULL, p.hidden_at IS NOT NULL,
		p.deleted_at IS NOT NULL, p.accepted_at IS NOT NULL, p.score,
		EXISTS (SELECT 1 FROM post_votes pv WHERE pv.post_id = p.id AND pv.person_id = $3)
		FROM posts p LEFT JOIN people a ON a.id = p.author_id
		WHERE p.subject_kind = $1 AND p.subject_id = $2 AND p.kind = 'answer'
		ORDER BY p.accepted_at IS NULL, p.score DESC, p.created_at, p.id LIMIT `+strconv.Itoa(MaxAnswersShown),
		SubjectKind, t.ID, v.PersonID)
	if err != nil {
		return nil, errs.Wrap(err, "list answers")
	}
	defer rs.Close()
	var out []Answer
	for rs.Next() {
		var x Answer
		var html string
		if err := rs.Scan(&x.ID, &x.AuthorID, &x.AuthorHandle, &x.AuthorName, &x.Body, &html, &x.RenderVersion, &x.CreatedAt,
			&x.Edited, &x.Hidden, &x.Removed, &x.Accepted, &x.Score, &x.Voted); err != nil {
			return nil, errs.Wrap(err, "list answers")
		}
		x.Kind = posts.Answer
		x.HTML = template.HTML(html) // sanitised when it was saved
		x.Mine = v.PersonID != 0 && x.AuthorID == v.PersonID
		switch {
		case x.Hidden && !x.Mine && !v.Moderator:
			x.Body, x.HTML = "", ""
		case x.Body != "" && x.RenderVersion < markup.Version:
			x.HTML = s.md.Render(x.Body)
		}
		out = append(out, x)
	}
	return out, errs.Wrap(rs.Err(), "list answers")
}

// answerTx loads answer id of a question the actor may read, for a write;
// a hidden or removed answer is not there for this.
func (s *Service) answerTx(ctx context.Context, tx *db.Tx, a auth.Actor, communitySlug string, threadID, id int64) (ThreadView, Post, error) {
	t, p, err := s.postTx(ctx, tx, a, communitySlug, threadID, id)
	if err != nil {
		return t, p, err
	}
	if p.Kind != posts.Answer || p.Hidden {
		return t, p, errs.NotFoundf("There is no such answer.")
	}
	return t, p, nil
}

// Vote records the actor's vote for an answer (up), or withdraws it. One
// vote per person per answer: the primary key of post_votes decides, and
// the answer's score moves only when a row was added or removed.
func (s *Service) Vote(ctx context.Context, a auth.Actor, communitySlug string, threadID, id int64, up bool) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, p, err := s.answerTx(ctx, tx, a, communitySlug, threadID, id)
		if err != nil {
			return err
		}
		if err := mayTalk(t.Community); err != nil {
			return err
		}
		if err := takesReplies(t); err != nil {
			return err
		}
		if p.AuthorID == a.PersonID {
			return errs.Forbiddenf("You cannot vote for your own answer.")
		}
		var res interface{ RowsAffected() (int64, error) }
		delta := 1
		if up {
			res, err = tx.ExecContext(ctx, `INSERT INTO post_votes (post_id, person_id, created_at) VALUES ($1, $2, $3)
				ON CONFLICT (post_id, person_id) DO NOTHING`, p.ID, a.PersonID, s.now())
		} else {
			delta = -1
			res, err = tx.ExecContext(ctx, `DELETE FROM post_votes WHERE post_id = $1 AND person_id = $2`, p.ID, a.PersonID)
		}
		if err != nil {
			return errs.Wrap(err, "vote")
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errs.Wrap(err, "vote") // voted already, or had not: nothing changes
		}
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET score = score + $2 WHERE id = $1`, p.ID, delta); err != nil {
			return errs.Wrap(err, "count vote")
		}
		_, err = tx.ExecContext(ctx, `UPDATE threads SET votes = votes + $2 WHERE id = $1`, t.ID, delta)
		return errs.Wrap(err, "count vote")
	})
}

// Accept makes answer id the question's accepted answer (the one before
// it no longer is), or, when !accept, leaves the question with none. The
// asker and the community's stewards only. The thread's row is locked and a
// unique index allows one accepted post per thread, so simultaneous choices
// end with exactly one.
func (s *Service) Accept(ctx context.Context, a auth.Actor, communitySlug string, threadID, id int64, accept bool) error {
	return s.db.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		t, p, err := s.answerTx(ctx, tx, a, communitySlug, threadID, id)
		if err != nil {
			return err
		}
		if !t.CanAccept() {
			if !a.SignedIn() {
				return errs.New(errs.Unauthenticated, "Please sign in.")
			}
			return errs.Forbiddenf("Only the person who asked and the community's stewards choose the accepted answer.")
		}
		if !accept {
			return s.clearAccepted(ctx, tx, t.ID, p.ID)
		}
		if t.AcceptedPostID == p.ID {
			return nil
		}
		if err := s.clearAccepted(ctx, tx, t.ID, t.AcceptedPostID); err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET accepted_at = $2, accepted_by = $3 WHERE id = $1`, p.ID, now, a.PersonID); err != nil {
			if db.IsUniqueViolation(err) {
				return errs.Conflictf("Another answer was accepted at this moment. Please look again.")
			}
			return errs.Wrap(err, "accept answer")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET accepted_post_id = $2, last_activity_at = $3 WHERE id = $1`, t.ID, p.ID, now); err != nil {
			return errs.Wrap(err, "accept answer")
		}
		return recordAccepted(ctx, tx, a, t, p.ID, p.AuthorID, p.Body)
	})
}

// clearAccepted withdraws the acceptance of post id in thread, if it holds it.
func (s *Service) clearAccepted(ctx context.Context, tx *db.Tx, thread, id int64) error {
	if id == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE posts SET accepted_at = NULL, accepted_by = NULL WHERE id = $1`, id); err != nil {
		return errs.Wrap(err, "withdraw acceptance")
	}
	_, err := tx.ExecContext(ctx, `UPDATE threads SET accepted_post_id = NULL WHERE id = $1 AND accepted_post_id = $2`, thread, id)
	return errs.Wrap(err, "withdraw acceptance")
}
