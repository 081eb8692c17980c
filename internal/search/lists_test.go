package search_test

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/jobs"
	"hearth/internal/practice"
	"hearth/internal/search"
)

// listWords is the constructed corpus's vocabulary: few words, so that most
// are in many documents and their lists can be cut short.
var listWords = strings.Fields("apple birch cedar damson elder fennel ginger hazel iris juniper kale lemon bread breadth breakfast")

// listCorpus writes n entries in the three communities (some drafts) with
// titles, tags and bodies drawn from listWords (a word more likely the
// earlier it is), and a comment on every third; it returns the entries'
// community and slug.
func listCorpus(w *world, n int, seed uint64) [][2]string {
	r := rand.New(rand.NewPCG(seed, 1))
	words := func(k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = listWords[min(r.IntN(len(listWords)), r.IntN(len(listWords)))]
		}
		return strings.Join(out, " ")
	}
	communities := []string{"bread", "staff", "vault"}
	var out [][2]string
	for i := range n {
		c := communities[i%3]
		slug := w.entry("mia", c, practice.Input{Title: words(1 + r.IntN(3)), Tags: words(r.IntN(2)), Summary: words(3),
			Body: words(5 + r.IntN(30))}, i%7 == 6)
		if i%3 == 0 && i%7 != 6 {
			w.comment("sam", c, slug, words(4+r.IntN(10)))
		}
		out = append(out, [2]string{c, slug})
	}
	return out
}

// listQueries are single words, two and three words, a word no document
// holds next to one many do, and prefixes (of three words, of one, of none).
var listQueries = []string{"apple", "cedar", "kale", "lemon", "apple birch", "hazel kale", "birch iris lemon", "quince apple", "juniper quince", "bre*", "app*", "qui*"}

// checkTopK compares, for each reader and query, the posting lists' top k
// (when the reading says it is exact) and the search's first page with the
// exhaustive ranking of every visible document; it returns how many
// readings were exact.
func checkTopK(t *testing.T, w *world, stage string) int {
	t.Helper()
	ctx := context.Background()
	exact := 0
	for _, who := range []string{"visitor", "oli", "mia", "sam", "admin"} {
		for _, text := range listQueries {
			search.ForgetCounts(w.d) // counts remembered 10 s must not change between the oracle and the search
			want, err := search.Exhaustive(ctx, w.d, w.as(who), text)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []int{1, 5, 21} {
				got, ok, err := search.TopK(ctx, w.d, w.as(who), text, k)
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					continue
				}
				exact++
				if join(got) != join(want[:min(k, len(want))]) {
					t.Errorf("%s: %q as %s, top %d from the lists %s, exhaustively %s", stage, text, who, k, join(got), join(want[:min(k, len(want))]))
				}
			}
			res := w.search(who, search.Query{Text: text})
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Kind+":"+strconv.FormatInt(h.SubjectID, 10))
			}
			if first := want[:min(search.PageSize, len(want))]; join(got) != join(first) {
				t.Errorf("%s: %q as %s, the search's first page %s, exhaustively %s", stage, text, who, join(got), join(first))
			}
		}
	}
	if err := search.CheckLists(ctx, w.d); err != nil {
		t.Errorf("%s: %v", stage, err)
	}
	return exact
}

// TestPostingListsTopK: the top k read from the posting lists, whole or cut
// short, is the exhaustive ranking's, for every reader, and stays so after
// writes add, change, move, draft and delete documents.
func TestPostingListsTopK(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		entries := listCorpus(w, 60, 7)
		if n := checkTopK(t, w, "whole lists"); n == 0 {
			t.Error("no reading of whole lists was exact")
		}
		if err := search.TrimLists(ctx, d, 8); err != nil {
			t.Fatal(err)
		}
		var cut int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM search_terms").Scan(&cut); err != nil {
			t.Fatal(err)
		}
		if cut < len(listWords)/2 {
			t.Fatalf("%d lists cut, want most of the vocabulary's", cut)
		}
		if n := checkTopK(t, w, "cut lists"); n == 0 {
			t.Error("no reading of cut lists was exact")
		}

		// Writes after the cut: new documents (some above the floors, in
		// titles), an edit, a comment deleted, a draft, a move to another
		// community, an entry removed.
		listCorpus(w, 12, 8)
		edited := entries[1]
		if _, err := w.practice.Update(ctx, w.as("mia"), edited[0], edited[1], practice.Input{Kind: practice.Lesson,
			Title: "apple apple kale", Summary: "kale", Body: "apple lemon", BaseRevision: 1}); err != nil {
			t.Fatal(err)
		}
		var commentID int64
		if err := d.QueryRowContext(ctx, "SELECT subject_id FROM search_docs WHERE kind = 'comment' ORDER BY doc_id LIMIT 1").Scan(&commentID); err != nil {
			t.Fatal(err)
		}
		var cc, cs string
		if err := d.QueryRowContext(ctx, `SELECT c.slug, e.slug FROM posts p JOIN entries e ON e.id = p.subject_id
			JOIN communities c ON c.id = e.community_id WHERE p.id = $1`, commentID).Scan(&cc, &cs); err != nil {
			t.Fatal(err)
		}
		if err := w.practice.DeleteComment(ctx, w.as("sam"), cc, cs, commentID); err != nil {
			t.Fatal(err)
		}
		drafted := entries[3]
		if err := w.practice.SetMaturity(ctx, w.as("mia"), drafted[0], drafted[1], practice.Draft); err != nil {
			t.Fatal(err)
		}
		moved := entries[0] // from bread (public) to vault (private)
		var movedID int64
		if err := d.QueryRowContext(ctx, "SELECT id FROM entries WHERE slug = $1", moved[1]).Scan(&movedID); err != nil {
			t.Fatal(err)
		}
		err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			if _, err := tx.ExecContext(ctx, "UPDATE entries SET community_id = (SELECT id FROM communities WHERE slug = 'vault') WHERE id = $1", movedID); err != nil {
				return err
			}
			return search.IndexEntry(ctx, tx, d.Dialect, movedID)
		})
		if err != nil {
			t.Fatal(err)
		}
		var removedID int64
		if err := d.QueryRowContext(ctx, "SELECT id FROM entries WHERE slug = $1", entries[4][1]).Scan(&removedID); err != nil {
			t.Fatal(err)
		}
		if err := d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			return search.RemoveEntry(ctx, tx, d.Dialect, removedID)
		}); err != nil {
			t.Fatal(err)
		}
		checkTopK(t, w, "after writes")

		// Cut again (the new documents made lists long) and once more.
		if err := search.TrimLists(ctx, d, 8); err != nil {
			t.Fatal(err)
		}
		checkTopK(t, w, "cut again")

		// Built again from the stored forward indexes, as after migration 0045.
		if _, err := d.ExecContext(ctx, "INSERT INTO search_meta (name, value) VALUES ('lists', 'test') ON CONFLICT (name) DO NOTHING"); err != nil {
			t.Fatal(err)
		}
		if err := search.EnsureBuilt(ctx, d); err != nil {
			t.Fatal(err)
		}
		var cutNow int
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM search_terms").Scan(&cutNow); err != nil {
			t.Fatal(err)
		}
		if cutNow != 0 {
			t.Errorf("%d lists cut after building them again, want none (each shorter than %d)", cutNow, 1000)
		}
		checkTopK(t, w, "built again")
	})
}

// TestListsJobCountsAgain: the hourly job, run by the jobs runner, counts
// again the document frequency of cut words.
func TestListsJobCountsAgain(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		listCorpus(w, 20, 3)
		if err := search.TrimLists(ctx, d, 4); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, "UPDATE search_terms SET df = 0, counted = 0"); err != nil {
			t.Fatal(err)
		}
		r := jobs.NewRunner(d, slog.New(slog.NewTextHandler(io.Discard, nil)))
		search.RegisterJobs(r, d)
		if _, err := r.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		holding := map[string]int{} // documents holding each term, from their forward index
		rows, err := d.QueryContext(ctx, "SELECT terms FROM search_docs")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var terms string
			if err := rows.Scan(&terms); err != nil {
				t.Fatal(err)
			}
			f := strings.Fields(terms)
			for i := 0; i < len(f); i += 2 {
				holding[f[i]]++
			}
		}
		rows.Close()
		rows, err = d.QueryContext(ctx, "SELECT term, df FROM search_terms")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var term string
			var df int
			if err := rows.Scan(&term, &df); err != nil {
				t.Fatal(err)
			}
			n++
			if df != holding[term] {
				t.Errorf("%q counted in %d documents, %d hold it", term, df, holding[term])
			}
		}
		if n == 0 {
			t.Error("no list was cut")
		}
	})
}
