package search_test

import (
	"context"
	"strings"
	"testing"

	"hearth/internal/db"
	"hearth/internal/db/dbtest"
	"hearth/internal/practice"
	"hearth/internal/search"
)

func TestRankingTitleAboveTagsAboveSummaryAboveBody(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		filler := "We met on Tuesday and talked about the week, the rota and the orders for the coming month."
		// Inserted worst first, so that insertion order cannot pass for ranking.
		w.entry("mia", "bread", practice.Input{Title: "Body match", Summary: "Notes from the kitchen.", Tags: "kitchen",
			Body: filler + " Then someone mentioned sourdough in passing."}, false)
		w.entry("mia", "bread", practice.Input{Title: "Summary match", Summary: "How sourdough behaves in winter.", Tags: "kitchen",
			Body: filler}, false)
		w.entry("mia", "bread", practice.Input{Title: "Tag match", Summary: "Notes from the kitchen.", Tags: "sourdough",
			Body: filler}, false)
		w.entry("mia", "bread", practice.Input{Title: "Sourdough starters", Summary: "Notes from the kitchen.", Tags: "kitchen",
			Body: filler}, false)
		got := w.found("visitor", "sourdough")
		want := []string{"Sourdough starters", "Tag match", "Summary match", "Body match"}
		if join(got) != join(want) {
			t.Fatalf("ranking = %s, want %s", join(got), join(want))
		}
	})
}

func TestStemmingAndPrefix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.entry("mia", "bread", practice.Input{Title: "Running retrospectives", Body: "Facilitators keep the timebox."}, false)
		for _, q := range []string{"retrospective", "running", "RUN", "retrosp*", "Retro* facil*", "facilitator timeboxes"} {
			if got := w.found("visitor", q); !has(got, "Running retrospectives") {
				t.Errorf("%q found %s", q, join(got))
			}
		}
		// Without a *, a word is not a prefix.
		if got := w.found("visitor", "retrosp"); len(got) != 0 {
			t.Errorf("retrosp found %s", join(got))
		}
		// A phrase must match in order.
		if got := w.found("visitor", `"timebox the keep"`); len(got) != 0 {
			t.Errorf("reversed phrase found %s", join(got))
		}
		if got := w.found("visitor", `"keep the timebox"`); len(got) != 1 {
			t.Errorf("phrase found %s", join(got))
		}
	})
}

func TestSnippetsHighlightAndEscape(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		entry := w.entry("mia", "bread", practice.Input{Title: "Oven <b>log</b> & notes", Summary: "What we write down.",
			Body: "Never paste <script>alert(1)</script> into the oven log; write \"temperatures\" & times instead."}, false)
		w.comment("sam", "bread", entry, "The <img src=x onerror=alert(2)> oven is hotter on the left.")
		res := w.search("visitor", search.Query{Text: "oven"})
		if len(res.Hits) != 2 {
			t.Fatalf("hits = %s", join(titles(res)))
		}
		for _, h := range res.Hits {
			snip := string(h.Snippet)
			if !strings.Contains(snip, "<mark>oven</mark>") {
				t.Errorf("%s snippet not highlighted: %s", h.Kind, snip)
			}
			for _, bad := range []string{"<script", "<img", "<b>"} {
				if strings.Contains(snip, bad) || strings.Contains(string(h.Title), bad) {
					t.Errorf("%s: unescaped %s in %q / %q", h.Kind, bad, snip, h.Title)
				}
			}
			if strings.Count(snip, "<mark>") != strings.Count(snip, "</mark>") {
				t.Errorf("unbalanced marks: %s", snip)
			}
		}
		entryHit := res.Hits[0]
		if entryHit.Kind != search.KindEntry {
			entryHit = res.Hits[1]
		}
		if !strings.Contains(string(entryHit.Snippet), "&lt;script&gt;") {
			t.Errorf("entry snippet lost the escaped text: %s", entryHit.Snippet)
		}
		if string(entryHit.Title) != "<mark>Oven</mark> &lt;b&gt;log&lt;/b&gt; &amp; notes" {
			t.Errorf("title = %s", entryHit.Title)
		}
		// Searching for the markup itself finds it, escaped, with the word marked.
		res = w.search("visitor", search.Query{Text: "script"})
		if len(res.Hits) != 1 || !strings.Contains(string(res.Hits[0].Snippet), "&lt;<mark>script</mark>&gt;") {
			t.Errorf("script search = %+v", res.Hits)
		}
		comment := w.search("visitor", search.Query{Text: "hotter"})
		if len(comment.Hits) != 1 || comment.Hits[0].Kind != search.KindComment || comment.Hits[0].CommentAuthor != "Sam Tester" ||
			!strings.HasPrefix(comment.Hits[0].URL, "/c/bread/practice/"+entry+"?comment=") || !strings.Contains(comment.Hits[0].URL, "#comment-") {
			t.Errorf("comment hit = %+v", comment.Hits)
		}
	})
}

func TestMarkersInTextCannotMarkUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.entry("mia", "bread", practice.Input{Title: "Sneaky \uE001 \uE000 title", Body: "Some \uE000 sneaky \uE001 text \uE001\uE001."}, false)
		res := w.search("visitor", search.Query{Text: "sneaky"})
		if len(res.Hits) != 1 {
			t.Fatalf("hits = %d", len(res.Hits))
		}
		h := res.Hits[0]
		for _, s := range []string{string(h.Title), string(h.Snippet)} {
			if strings.Count(s, "<mark>") != 1 || strings.Count(s, "</mark>") != 1 || strings.ContainsAny(s, "\uE000\uE001") {
				t.Errorf("markers leaked: %q", s)
			}
		}
	})
}

func TestFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		lesson := w.entry("mia", "bread", practice.Input{Kind: practice.Lesson, Title: "Proofing lesson", Tags: "dough, timing", Body: "proofing"}, false)
		w.entry("sam", "bread", practice.Input{Kind: practice.Practice, Title: "Proofing practice", Tags: "dough", Body: "proofing"}, false)
		w.entry("sam", "staff", practice.Input{Kind: practice.Story, Title: "Proofing story", Tags: "timing", Body: "proofing"}, false)
		w.comment("sam", "bread", lesson, "Proofing takes longer in winter.")
		if err := w.practice.SetMaturity(ctx, w.as("sam"), "bread", lesson, practice.Endorsed); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			q    search.Query
			want []string
		}{
			{"none", search.Query{}, []string{"Proofing lesson", "Proofing lesson#comment", "Proofing practice", "Proofing story"}},
			{"community", search.Query{Community: "staff"}, []string{"Proofing story"}},
			{"community unknown", search.Query{Community: "nowhere"}, nil},
			{"kind", search.Query{Kind: "practice"}, []string{"Proofing practice"}},
			{"kind comment", search.Query{Kind: "comment"}, []string{"Proofing lesson#comment"}},
			{"kind nonsense is ignored", search.Query{Kind: "'; DROP TABLE entries"}, []string{"Proofing lesson", "Proofing lesson#comment", "Proofing practice", "Proofing story"}},
			{"maturity", search.Query{Maturity: "endorsed"}, []string{"Proofing lesson", "Proofing lesson#comment"}},
			{"maturity published", search.Query{Maturity: "published"}, []string{"Proofing practice", "Proofing story"}},
			{"tag", search.Query{Tag: " Timing "}, []string{"Proofing lesson", "Proofing lesson#comment", "Proofing story"}},
			{"author", search.Query{Author: "@mia"}, []string{"Proofing lesson"}},
			{"author of comments", search.Query{Author: "sam"}, []string{"Proofing lesson#comment", "Proofing practice", "Proofing story"}},
			{"combined", search.Query{Community: "bread", Tag: "dough", Kind: "lesson"}, []string{"Proofing lesson"}},
			// A known kind no document of which can meet the other filters
			// finds nothing (it is not ignored as an unknown kind is).
			{"kind community with a maturity", search.Query{Kind: "community", Maturity: "endorsed"}, nil},
		}
		for _, c := range cases {
			c.q.Text = "proofing"
			got := titles(w.search("mia", c.q))
			if join(sorted(got)) != join(c.want) {
				t.Errorf("%s: got %s, want %s", c.name, join(got), join(c.want))
			}
		}
	})
}

func sorted(list []string) []string {
	out := append([]string(nil), list...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestPagination(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		const n = 45
		for i := range n {
			w.entry("mia", "bread", practice.Input{Title: "Knead note " + strings.Repeat("x", i%5+1) + string(rune('a'+i%26)) + string(rune('a'+i/26)),
				Body: "kneading by hand"}, false)
		}
		seen := map[string]bool{}
		for page, want := range []struct {
			hits int
			more bool
		}{{20, true}, {20, true}, {5, false}, {0, false}} {
			res := w.search("visitor", search.Query{Text: "kneading", Page: page + 1})
			if len(res.Hits) != want.hits || res.More != want.more || res.Page != page+1 {
				t.Fatalf("page %d: %d hits, more %v; want %d, %v", page+1, len(res.Hits), res.More, want.hits, want.more)
			}
			for _, h := range res.Hits {
				if seen[h.EntrySlug] {
					t.Errorf("page %d repeats %s", page+1, h.EntrySlug)
				}
				seen[h.EntrySlug] = true
			}
		}
		if len(seen) != n {
			t.Errorf("saw %d entries over the pages, want %d", len(seen), n)
		}
		if res := w.search("visitor", search.Query{Text: "kneading", Page: -3}); res.Page != 1 || len(res.Hits) != 20 {
			t.Errorf("negative page = page %d, %d hits", res.Page, len(res.Hits))
		}
	})
}

func TestPermissions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		w.member("vault", "oli", "member", "invited") // invited: may see the community, not read it
		pub := w.entry("mia", "bread", practice.Input{Title: "Public secret"}, false)
		w.entry("mia", "staff", practice.Input{Title: "Staff secret"}, false)
		vault := w.entry("mia", "vault", practice.Input{Title: "Vault secret"}, false)
		w.entry("mia", "bread", practice.Input{Title: "Draft secret"}, true)
		w.comment("sam", "bread", pub, "A public secret comment.")
		w.comment("sam", "vault", vault, "A vault secret comment.")
		everything := []string{"Draft secret", "Public secret", "Public secret#comment", "Staff secret", "Vault secret", "Vault secret#comment"}
		cases := []struct {
			who  string
			want []string
		}{
			{"visitor", []string{"Public secret", "Public secret#comment"}},
			{"oli", []string{"Public secret", "Public secret#comment", "Staff secret"}},
			{"mia", everything}, // a member, and the draft's author
			{"sam", everything}, // steward everywhere
			{"admin", []string{"Public secret", "Public secret#comment", "Staff secret", "Vault secret", "Vault secret#comment"}},
		}
		for _, c := range cases {
			if got := sorted(w.found(c.who, "secret")); join(got) != join(c.want) {
				t.Errorf("%s found %s, want %s", c.who, join(got), join(c.want))
			}
		}
		// Another member does not see mia's draft; nor does a former member see the vault.
		w.person("max")
		w.member("bread", "max", "member", "active")
		w.member("vault", "max", "member", "active")
		if got := w.found("max", "draft"); len(got) != 0 {
			t.Errorf("another member found the draft: %s", join(got))
		}
		if got := w.found("max", "vault"); len(got) != 3 || !has(got, "Vault secret") { // the community too
			t.Errorf("vault member found %s", join(got))
		}
		if _, err := d.ExecContext(ctx, "DELETE FROM memberships WHERE person_id = $1 AND community_id = (SELECT id FROM communities WHERE slug = 'vault')",
			w.as("max").PersonID); err != nil {
			t.Fatal(err)
		}
		if got := w.found("max", "vault"); len(got) != 0 {
			t.Errorf("former member found %s", join(got))
		}
		// Filtering by a community one may not read finds nothing, rather than failing.
		if got := titles(w.search("visitor", search.Query{Text: "secret", Community: "vault"})); len(got) != 0 {
			t.Errorf("visitor in vault found %s", join(got))
		}
		// An archived community stays readable.
		if err := w.communities.SetArchived(ctx, w.as("sam"), "bread", true); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "public"); len(got) != 2 {
			t.Errorf("archived community: visitor found %s", join(got))
		}
		// The community filter lists what each may read.
		for who, want := range map[string]int{"visitor": 1, "oli": 2, "mia": 3, "admin": 3} {
			cs, err := search.Communities(ctx, d, w.as(who))
			if err != nil || len(cs) != want {
				t.Errorf("%s may search %d communities (%v), want %d", who, len(cs), err, want)
			}
		}
	})
}

func TestIndexFollowsWrites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		mia, sam := w.as("mia"), w.as("sam")
		slug := w.entry("mia", "bread", practice.Input{Title: "Starter feeding", Body: "Feed it rye flour.", Tags: "starter"}, false)

		// Update: the new words are found, the old ones no longer.
		if _, err := w.practice.Update(ctx, mia, "bread", slug, practice.Input{Kind: practice.Lesson, Title: "Levain feeding",
			Summary: "A note.", Body: "Feed it spelt flour.", Tags: "levain", BaseRevision: 1}); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "rye"); len(got) != 0 {
			t.Errorf("old body still found: %s", join(got))
		}
		if got := w.found("visitor", "spelt levain"); len(got) != 1 {
			t.Errorf("new text not found: %s", join(got))
		}
		if got := titles(w.search("visitor", search.Query{Text: "feeding", Tag: "levain"})); len(got) != 1 {
			t.Errorf("new tag not found: %s", join(got))
		}
		// Revert brings the old text back.
		if _, err := w.practice.Revert(ctx, mia, "bread", slug, 1); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "rye"); len(got) != 1 {
			t.Errorf("reverted text not found: %s", join(got))
		}
		// Back to draft: gone for others, still there for its author.
		if err := w.practice.SetMaturity(ctx, mia, "bread", slug, practice.Draft); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "rye"); len(got) != 0 {
			t.Errorf("draft found by a visitor: %s", join(got))
		}
		if got := w.found("mia", "rye"); len(got) != 1 {
			t.Errorf("draft not found by its author: %s", join(got))
		}
		if err := w.practice.SetMaturity(ctx, mia, "bread", slug, practice.Published); err != nil {
			t.Fatal(err)
		}

		// Comments: edit, hide, show, delete.
		id := w.comment("sam", "bread", slug, "Try a warmer spot for the jar.")
		if got := w.found("visitor", "jar"); join(got) != "[Starter feeding#comment]" {
			t.Errorf("new comment: %s", join(got))
		}
		if err := w.practice.EditComment(ctx, sam, "bread", slug, id, "Try a warmer shelf."); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "jar"); len(got) != 0 {
			t.Errorf("edited comment's old text found: %s", join(got))
		}
		if got := w.found("visitor", "shelf"); len(got) != 1 {
			t.Errorf("edited comment's new text: %s", join(got))
		}
		if err := w.practice.SetCommentHidden(ctx, sam, "bread", slug, id, true); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"visitor", "mia", "sam", "admin"} {
			if got := w.found(who, "shelf"); len(got) != 0 {
				t.Errorf("hidden comment found by %s: %s", who, join(got))
			}
		}
		if err := w.practice.SetCommentHidden(ctx, sam, "bread", slug, id, false); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "shelf"); len(got) != 1 {
			t.Errorf("shown comment not found: %s", join(got))
		}
		if err := w.practice.DeleteComment(ctx, sam, "bread", slug, id); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "shelf"); len(got) != 0 {
			t.Errorf("deleted comment found: %s", join(got))
		}
		docs := 0
		if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM search_docs WHERE kind IN ('entry', 'comment')").Scan(&docs); err != nil || docs != 1 {
			t.Errorf("index holds %d documents (%v), want the entry alone", docs, err)
		}

		// A failed write leaves the index as it was: the transaction rolls back.
		if _, err := w.practice.Update(ctx, mia, "bread", slug, practice.Input{Kind: practice.Lesson, Title: "Conflicting",
			Summary: "A note.", Body: "barley", BaseRevision: 1}); err == nil {
			t.Fatal("stale update saved")
		}
		if got := w.found("visitor", "barley"); len(got) != 0 {
			t.Errorf("rolled-back text found: %s", join(got))
		}
	})
}

func TestRebuild(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		slug := w.entry("mia", "bread", practice.Input{Title: "Crust colour", Body: "Bake **darker** than you think.", Tags: "crust"}, false)
		w.comment("sam", "bread", slug, "Agreed: darker crusts taste better.")
		hidden := w.comment("sam", "bread", slug, "A darker secret.")
		if err := w.practice.SetCommentHidden(ctx, w.as("sam"), "bread", slug, hidden, true); err != nil {
			t.Fatal(err)
		}
		before := w.found("visitor", "darker")
		if _, err := d.ExecContext(ctx, "DELETE FROM search_docs"); err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "darker"); len(got) != 0 {
			t.Fatalf("emptied index found %s", join(got))
		}
		if err := search.Rebuild(ctx, d); err != nil {
			t.Fatal(err)
		}
		after := w.found("visitor", "darker")
		if join(sorted(before)) != join(sorted(after)) || len(after) != 2 {
			t.Errorf("rebuilt index finds %s, before %s", join(after), join(before))
		}
		// Markdown is indexed as the text a reader sees.
		res := w.search("visitor", search.Query{Text: "bake", Kind: "lesson"})
		if len(res.Hits) != 1 || strings.Contains(string(res.Hits[0].Snippet), "**") {
			t.Errorf("snippet = %+v", res.Hits)
		}
	})
}

// TestRebuildTellsStages: a rebuild tells its three stages in order, the
// documents counted up to all of them and the postings up to all of those
// written; building only the lists tells the documents read and the lists.
func TestRebuildTellsStages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		listCorpus(w, 12, 5)
		var stages []string
		last := map[string][2]int{} // the last done and total told of each stage
		tell := func(stage string, done, total int) {
			if len(stages) == 0 || stages[len(stages)-1] != stage {
				stages = append(stages, stage)
			}
			if done < last[stage][0] {
				t.Errorf("%s: done went back from %d to %d", stage, last[stage][0], done)
			}
			last[stage] = [2]int{done, total}
		}
		if err := search.RebuildProgress(ctx, d, tell); err != nil {
			t.Fatal(err)
		}
		var docs, postings int
		if err := d.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM search_docs), (SELECT COUNT(*) FROM search_postings)").
			Scan(&docs, &postings); err != nil {
			t.Fatal(err)
		}
		if want := []string{search.StageDocuments, search.StageLists, search.StageMerge}; join(stages) != join(want) {
			t.Errorf("stages %s, want %s", join(stages), join(want))
		}
		if got := last[search.StageDocuments]; docs == 0 || got != [2]int{docs, 0} {
			t.Errorf("documents told %v, want %d of unknown", got, docs)
		}
		if got := last[search.StageLists]; postings == 0 || got != [2]int{postings, postings} {
			t.Errorf("postings told %v, want %d of %d", got, postings, postings)
		}

		stages, last = nil, map[string][2]int{}
		if _, err := d.ExecContext(ctx, "INSERT INTO search_meta (name, value) VALUES ('lists', 'test') ON CONFLICT (name) DO NOTHING"); err != nil {
			t.Fatal(err)
		}
		if err := search.EnsureBuiltProgress(ctx, d, tell); err != nil {
			t.Fatal(err)
		}
		if want := []string{search.StageDocuments, search.StageLists}; join(stages) != join(want) ||
			last[search.StageDocuments][0] != docs || last[search.StageLists] != [2]int{postings, postings} {
			t.Errorf("building the lists told %s, %v", join(stages), last)
		}
	})
}

// TestIndexReadsStoredText: the index takes an entry's and a comment's text
// as the writer stored it with the row (body_text, rendered before the write
// transaction), never rendering Markdown itself inside the transaction.
func TestIndexReadsStoredText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := context.Background()
		slug := w.entry("mia", "bread", practice.Input{Title: "Starter care", Body: "Feed it *daily*."}, false)
		id := w.comment("sam", "bread", slug, "Mine lives in the fridge.")
		if _, err := d.ExecContext(ctx, "UPDATE entries SET body_text = 'zanzibar' WHERE slug = $1", slug); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, "UPDATE posts SET body_text = 'quokka' WHERE id = $1", id); err != nil {
			t.Fatal(err)
		}
		err := d.WithTx(ctx, func(tx *db.Tx) error {
			var entryID int64
			if err := tx.QueryRowContext(ctx, "SELECT id FROM entries WHERE slug = $1", slug).Scan(&entryID); err != nil {
				return err
			}
			if err := search.IndexEntry(ctx, tx, tx.Dialect(), entryID); err != nil {
				return err
			}
			return search.IndexComment(ctx, tx, tx.Dialect(), id)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := w.found("visitor", "zanzibar"); len(got) != 1 {
			t.Errorf("the entry's stored text is not indexed: %s", join(got))
		}
		if got := w.found("visitor", "quokka"); len(got) != 1 {
			t.Errorf("the comment's stored text is not indexed: %s", join(got))
		}
		if got := w.found("visitor", "daily"); len(got) != 0 {
			t.Errorf("the index rendered the Markdown instead of reading the stored text: %s", join(got))
		}
	})
}
