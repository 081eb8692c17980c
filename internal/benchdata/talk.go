package benchdata

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"hearth/internal/db"
	"hearth/internal/markup"
)

// The talk of ReaderPublic, for the benchmarks of conversations: threads
// 1..threads, every third a question; thread BigThread holds the replies
// (every fourth an answer), the others none. Thread i's title is "Thread
// i …", its last activity older the larger i is, so the big thread leads
// the talk list.

// BigThread is the thread that holds the benchmark's replies.
const BigThread = 1

// LoadTalk writes threads threads and the big thread's replies into
// ReaderPublic's talk, in one transaction, after LoadRows (it draws from
// its own seed, so the library stays the same).
func LoadTalk(ctx context.Context, d *db.DB, threads, replies int, progress Progress) error {
	if threads <= 0 {
		return nil
	}
	words := Vocabulary()
	r := rand.New(rand.NewPCG(5, 6))
	text := texts(r, words)
	now := db.Now()
	md := markup.New()
	err := d.WithTx(ctx, func(tx *db.Tx) error {
		var firstPost int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM posts`).Scan(&firstPost); err != nil {
			return err
		}
		ins := NewInserter(ctx, tx)
		for i := 1; i <= threads; i++ {
			kind := "discussion"
			if i%3 == 0 {
				kind = "question"
			}
			body := text(30 + r.IntN(60))
			html := md.RenderBoth(body)
			at := now.Add(-time.Duration(i) * time.Minute)
			n, answers := 0, 0
			if i == BigThread {
				n, answers = replies, replies/4
			}
			ins.Row(`INSERT INTO threads (id, community_id, kind, title, body, body_html, body_text, render_version, author_id,
				created_at, last_activity_at, replies, answers) VALUES`,
				i, ReaderPublic, kind, "Thread "+strconv.Itoa(i)+" "+text(3+r.IntN(4)), body, string(html.HTML), html.Text, markup.Version,
				1+r.IntN(People), at, at, n, answers)
			if progress != nil && i%progressEvery == 0 {
				progress(i)
			}
		}
		ins.Flush()
		for i := 1; i <= threads; i++ {
			ins.Row("INSERT INTO thread_tags (thread_id, tag, community_id) VALUES", i, words[20+(i*7)%200], ReaderPublic)
		}
		ins.Flush()
		for i := range replies {
			kind := "reply"
			if i%4 == 3 {
				kind = "answer"
			}
			body := text(12 + r.IntN(40))
			html := md.RenderBoth(body)
			at := now.Add(-time.Duration(replies-i) * time.Second)
			ins.Row(`INSERT INTO posts (id, subject_kind, subject_id, community_id, kind, author_id, body, body_html, body_text, render_version,
				created_at, updated_at) VALUES`, firstPost+int64(i), "thread", BigThread, ReaderPublic, kind, 1+r.IntN(People), body,
				string(html.HTML), html.Text, markup.Version, at, at)
		}
		ins.Flush()
		if ins.Err() != nil {
			return ins.Err()
		}
		if tx.Dialect() != db.Postgres {
			return nil
		}
		for _, table := range []string{"threads", "posts"} {
			if _, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), (SELECT MAX(id) FROM "+table+"))"); err != nil {
				return fmt.Errorf("advance the ids of %s: %w", table, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load talk: %w", err)
	}
	return nil
}
