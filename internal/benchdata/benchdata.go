// Package benchdata writes a large, made-up practice library into a database
// for benchmarks: people, communities of every visibility, entries with
// authors and tags, comments, "this helped me" marks and a Start here
// collection per community, from a Zipf-distributed vocabulary, with
// multi-row INSERTs. The same seeds give the same library every time.
//
// The layout, for benchmarks that read as someone:
//
//   - People 1..People, handles "p1", "p2", …; none has a password.
//   - Communities 1..Communities, slugs "c1", "c2", …: 1–12 public, 13–17 for
//     the institution, 18–20 private; all open, maturing and active.
//   - Reader (person 1) is a member of ReaderPublic (public) and
//     ReaderPrivate (private); Steward (person 2) stewards both.
//   - Entry i has the slug "e<i>", a random community and kind; every 20th
//     is a draft, the others are published. Comment ids are 1..comments, each
//     on a random entry.
package benchdata

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"hearth/internal/db"
	"hearth/internal/instance"
	"hearth/internal/markup"
	"hearth/internal/practice"
	"hearth/internal/search"
)

// The library's layout (see the package comment).
const (
	People        = 200
	Communities   = 20
	Public        = 12 // communities 1..Public are public
	Institution   = 17 // communities Public+1..Institution are for the institution, the rest private
	Reader        = 1  // the member the benchmarks read as
	ReaderPublic  = 1  // a public community Reader is a member of
	ReaderPrivate = 18 // a private community Reader is a member of
	Steward       = 2  // the steward of ReaderPublic and ReaderPrivate
	DraftEvery    = 20 // entry i is a draft when i%DraftEvery == 0
	StartHere     = 5  // entries in each community's Start here collection
)

// CommunitySlug is the slug of community id.
func CommunitySlug(id int) string { return "c" + strconv.Itoa(id) }

// EntrySlug is the slug of entry id.
func EntrySlug(id int) string { return "e" + strconv.Itoa(id) }

// Load writes the library (LoadRows), marks the instance as set up, and
// indexes it for search.
func Load(ctx context.Context, d *db.DB, entries, comments int) error {
	if err := LoadRows(ctx, d, entries, comments); err != nil {
		return err
	}
	if err := search.Rebuild(ctx, d); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// Progress is told how many of the library's entries and comments are
// written so far.
type Progress func(done int)

// LoadRows writes the library in one transaction, without the search index
// (search.Rebuild makes it), and marks the instance as set up so that its
// pages serve.
func LoadRows(ctx context.Context, d *db.DB, entries, comments int) error {
	return LoadRowsProgress(ctx, d, entries, comments, nil)
}

// progressEvery is how many entries or comments are written between two
// calls of a Progress.
const progressEvery = 1000

// LoadRowsProgress is LoadRows telling progress (when not nil) as it goes.
func LoadRowsProgress(ctx context.Context, d *db.DB, entries, comments int, progress Progress) error {
	tell := func(done int) {
		if progress != nil && done%progressEvery == 0 {
			progress(done)
		}
	}
	words := Vocabulary()
	r := rand.New(rand.NewPCG(3, 4))
	text := texts(r, words)
	now := db.Now()
	md := markup.New() // the rows carry their HTML and text, as a save stores them
	err := d.WithTx(ctx, func(tx *db.Tx) error {
		ins := NewInserter(ctx, tx)
		for i := 1; i <= People; i++ {
			ins.Row("INSERT INTO people (id, handle, email, name, password_hash, email_verified_at, created_at) VALUES",
				i, "p"+strconv.Itoa(i), "p"+strconv.Itoa(i)+"@example.org", "Person "+strconv.Itoa(i), "x", now, now)
		}
		ins.Flush()
		for i := 1; i <= Communities; i++ {
			vis := "public"
			switch {
			case i > Institution:
				vis = "private"
			case i > Public:
				vis = "institution"
			}
			ins.Row("INSERT INTO communities (id, slug, name, visibility, join_policy, stage, status, created_at, updated_at) VALUES",
				i, CommunitySlug(i), "Community "+strconv.Itoa(i), vis, "open", "maturing", "active", now, now)
		}
		ins.Flush()
		const membership = "INSERT INTO memberships (community_id, person_id, role, status, created_at, updated_at) VALUES"
		for _, c := range []int{ReaderPublic, ReaderPrivate} {
			ins.Row(membership, c, Reader, "member", "active", now, now)
			ins.Row(membership, c, Steward, "steward", "active", now, now)
		}
		ins.Flush()
		kinds := []string{"story", "lesson", "practice", "resource"}
		startHere := map[int][]int{}            // community: its first published entries
		communityOf := make([]uint8, entries+1) // entry: its community, for its tags
		for i := 1; i <= entries; i++ {
			maturity := "published"
			if i%DraftEvery == 0 {
				maturity = "draft"
			}
			at := now.Add(-time.Duration(r.IntN(1000)) * time.Hour)
			c := 1 + r.IntN(Communities)
			communityOf[i] = uint8(c)
			if maturity == "published" && len(startHere[c]) < StartHere {
				startHere[c] = append(startHere[c], i)
			}
			kind, title, summary, body := kinds[r.IntN(4)], text(4+r.IntN(5)), text(15+r.IntN(15)), text(60+r.IntN(120))
			html := md.RenderBoth(body)
			ins.Row(`INSERT INTO entries (id, community_id, slug, kind, title, summary, body, maturity, created_by, created_at, updated_at,
				body_html, body_text, render_version) VALUES`,
				i, c, EntrySlug(i), kind, title, summary, body, maturity, 1+r.IntN(People), at, at, string(html.HTML), html.Text, markup.Version)
			tell(i)
		}
		ins.Flush()
		for i := 1; i <= entries; i++ {
			ins.Row("INSERT INTO entry_people (entry_id, person_id, role, since) VALUES", i, 1+(i*7)%People, "author", now)
		}
		ins.Flush()
		for i := 1; i <= entries; i++ {
			a, t := words[20+r.IntN(200)], words[300+r.IntN(200)]
			ins.Row("INSERT INTO entry_tags (entry_id, tag, community_id) VALUES", i, a, int(communityOf[i]))
			ins.Row("INSERT INTO entry_tags (entry_id, tag, community_id) VALUES", i, t, int(communityOf[i]))
		}
		ins.Flush()
		for i := 1; i <= comments; i++ {
			entry, author, body := 1+r.IntN(entries), 1+r.IntN(People), text(12+r.IntN(40))
			html := md.RenderBoth(body)
			ins.Row("INSERT INTO posts (id, subject_kind, subject_id, kind, author_id, body, created_at, updated_at, body_html, body_text, render_version) VALUES",
				i, "entry", entry, "comment", author, body, now, now, string(html.HTML), html.Text, markup.Version)
			tell(entries + i)
		}
		ins.Flush()
		// Written after the random draws above, so that the entries and
		// comments stay the same whatever is added here.
		for i := 3; i <= entries; i += 3 { // a third of the entries helped one or two people
			ins.Row("INSERT INTO entry_helpful (entry_id, person_id, created_at) VALUES", i, 1+(i*13)%People, now)
			if i%2 == 0 {
				ins.Row("INSERT INTO entry_helpful (entry_id, person_id, created_at) VALUES", i, 1+(i*17+1)%People, now)
			}
		}
		ins.Flush()
		for c := 1; c <= Communities; c++ {
			if len(startHere[c]) == 0 {
				continue
			}
			ins.Row("INSERT INTO collections (id, community_id, slug, title, description, start_here, created_at) VALUES",
				c, c, practice.StartHereSlug, "Start here", "The entries a newcomer should read first.", true, now)
		}
		ins.Flush()
		for c := 1; c <= Communities; c++ {
			for pos, e := range startHere[c] {
				ins.Row("INSERT INTO collection_entries (collection_id, entry_id, position) VALUES", c, e, pos+1)
			}
		}
		ins.Flush()
		if ins.Err() != nil {
			return ins.Err()
		}
		if err := advanceIdentities(ctx, tx); err != nil {
			return err
		}
		st, err := instance.Load(ctx, tx)
		if err != nil {
			return err
		}
		st.Name, st.SetupDone = "Benchmark Institution", true
		return instance.Save(ctx, tx, st)
	})
	if err != nil {
		return fmt.Errorf("load library: %w", err)
	}
	return nil
}

// texts returns a maker of texts of n words drawn from words, most
// frequent first, with a Zipf distribution over r.
func texts(r *rand.Rand, words []string) func(n int) string {
	zipf := rand.NewZipf(r, 1.07, 1, uint64(len(words)-1))
	return func(n int) string {
		var s strings.Builder
		for i := range n {
			if i > 0 {
				s.WriteByte(' ')
			}
			s.WriteString(words[zipf.Uint64()])
		}
		return s.String()
	}
}

// advanceIdentities moves PostgreSQL's identity sequences past the ids
// written explicitly above, so that rows added later (a benchmark's writes)
// get new ids. SQLite takes the largest id plus one by itself.
func advanceIdentities(ctx context.Context, tx *db.Tx) error {
	if tx.Dialect() != db.Postgres {
		return nil
	}
	for _, table := range []string{"people", "communities", "entries", "posts", "collections"} {
		_, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), (SELECT MAX(id) FROM "+table+"))")
		if err != nil {
			return fmt.Errorf("advance the ids of %s: %w", table, err)
		}
	}
	return nil
}

// Vocabulary is 20,000 made-up words, most frequent first: the library's
// texts draw from it with a Zipf distribution, so rank 5,000 is in about
// 0.2% of documents, rank 500 in about 2%, rank 50 in about 20%.
func Vocabulary() []string {
	syllables := strings.Fields("ka lo ri men tu sa vel dor pin gra bel sho nu fi tam ro le quin dar mis")
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var out []string
	for len(out) < 20000 {
		var w strings.Builder
		for range 2 + r.IntN(3) {
			w.WriteString(syllables[r.IntN(len(syllables))])
		}
		if s := w.String(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// maxArgs bounds the arguments of one INSERT: binding $N parameters by name
// costs the SQLite driver time that grows with their number, per parameter.
const maxArgs = 1000

// Inserter batches rows of one INSERT statement into multi-row INSERTs. The
// first error stops it; Err returns it.
type Inserter struct {
	ctx  context.Context
	q    db.Q
	head string
	rows []string
	args []any
	err  error
}

// NewInserter returns an Inserter writing through q.
func NewInserter(ctx context.Context, q db.Q) *Inserter { return &Inserter{ctx: ctx, q: q} }

// Row adds a row to the statement head ("INSERT INTO t (a, b) VALUES"),
// writing out the batch when the head changes or the batch is full.
func (in *Inserter) Row(head string, values ...any) {
	if in.head != head || len(in.args)+len(values) > maxArgs {
		in.Flush()
		in.head = head
	}
	in.rows = append(in.rows, "("+db.Placeholders(len(in.args)+1, len(values))+")")
	in.args = append(in.args, values...)
}

// Flush writes out the rows added so far.
func (in *Inserter) Flush() {
	if len(in.rows) == 0 || in.err != nil {
		in.rows, in.args = nil, nil
		return
	}
	_, in.err = in.q.ExecContext(in.ctx, in.head+" "+strings.Join(in.rows, ", "), in.args...)
	in.rows, in.args = nil, nil
}

// Err is the first error of a write, if any.
func (in *Inserter) Err() error { return in.err }
