package search

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"

	"hearth/internal/db"
	"hearth/internal/errs"
)

// The index holds one row per document in search_docs and, on SQLite, one
// in search_fts. It is kept in-line: each write calls Index or Remove in its
// own transaction, so the index never disagrees with a committed write. The
// work done there is the Go analyzer over plain text: bodies are the
// body_text the writer stored with the row (see practice.RenderMissing),
// never Markdown rendered here, inside the transaction.

// indexed is a document ready to store: its key, its fields' terms and its
// forward index ("term impact term impact ...", impacts in thousandths).
type indexed struct {
	Document
	kind    *Kind
	id      int64
	fields  [4]string // title, tags, summary, body as space-separated terms
	forward string
}

// Field weights and BM25 constants of the impact of a term in a document:
// the part of BM25F that does not depend on the query (no IDF), computed once
// at write time so that a query only multiplies and adds.
var fieldWeight = [4]float64{10, 5, 3, 1}

const (
	bm25K1    = 1.2
	bm25B     = 0.75
	avgDocLen = 120 // terms: frozen rather than kept up to date, as the impacts are stored
)

func prepare(k *Kind, doc Document) indexed {
	doc.Title, doc.Tags, doc.Summary, doc.Body = clean(doc.Title), clean(doc.Tags), clean(doc.Summary), clean(doc.Body)
	in := indexed{Document: doc, kind: k, id: docID(k, doc.ID)}
	tf := map[string]float64{}
	length := 0
	for i, text := range [4]string{doc.Title, doc.Tags, doc.Summary, doc.Body} {
		terms := analyze(text)
		in.fields[i] = strings.Join(terms, " ")
		for _, t := range terms {
			tf[t] += fieldWeight[i]
		}
		length += len(terms)
	}
	norm := bm25K1 * (1 - bm25B + bm25B*float64(length)/avgDocLen)
	terms := make([]string, 0, len(tf))
	for t := range tf {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		f := tf[t]
		b.WriteString(t)
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(int(math.Round(1000 * f * (bm25K1 + 1) / (f + norm)))))
	}
	in.forward = b.String()
	return in
}

// Index (re)indexes the subjects with these ids of kind through q (the
// transaction of the write); those that Load leaves out are removed.
func Index(ctx context.Context, q db.Q, d db.Dialect, kind string, ids ...int64) error {
	k := kindNamed(kind)
	if k == nil {
		return errs.New(errs.Internal, "search: no kind %q", kind)
	}
	indexChanged()
	docs, err := k.Load(ctx, q, ids)
	if err != nil {
		return errs.Wrap(err, "index "+kind)
	}
	keys := make([]int64, len(ids))
	for i, id := range ids {
		keys[i] = docID(k, id)
	}
	e := engineFor(d)
	if err := unpost(ctx, q, keys); err != nil {
		return err
	}
	if err := e.remove(ctx, q, keys); err != nil {
		return err
	}
	batch := make([]indexed, len(docs))
	for i, doc := range docs {
		batch[i] = prepare(k, doc)
	}
	if err := putAll(ctx, q, e, batch); err != nil {
		return err
	}
	return post(ctx, q, batch)
}

// Remove takes the subjects with these ids of kind out of the index.
func Remove(ctx context.Context, q db.Q, d db.Dialect, kind string, ids ...int64) error {
	k := kindNamed(kind)
	if k == nil {
		return errs.New(errs.Internal, "search: no kind %q", kind)
	}
	indexChanged()
	keys := make([]int64, len(ids))
	for i, id := range ids {
		keys[i] = docID(k, id)
	}
	if err := unpost(ctx, q, keys); err != nil {
		return err
	}
	return engineFor(d).remove(ctx, q, keys)
}

// putBatch is how many documents one statement stores (binding many $N
// parameters costs the SQLite driver more per parameter the more there are).
const putBatch = 100

func putAll(ctx context.Context, q db.Q, e engine, docs []indexed) error {
	for len(docs) > 0 {
		n := min(len(docs), putBatch)
		if err := e.put(ctx, q, docs[:n]); err != nil {
			return errs.Wrap(err, "index documents")
		}
		docs = docs[n:]
	}
	return nil
}

// rebuildBatch is how many subjects Rebuild reads at a time.
const rebuildBatch = 500

// Progress is told how far a rebuild is: the stage it is at, and the steps
// of that stage done so far out of total (0 when unknown).
type Progress func(stage string, done, total int)

// The stages of a rebuild, in order, as told to a Progress: the documents
// indexed, the postings written to the lists, and the engine's index merged
// (one step with no count).
const (
	StageDocuments = "indexing for search"
	StageLists     = "writing the search lists"
	StageMerge     = "merging the full-text index"
)

// Rebuild empties the index and indexes every document of every kind
// again, in one transaction: for data loaded around the services (imports,
// benchmarks) and after a change in how text is analysed.
func Rebuild(ctx context.Context, d *db.DB) error { return RebuildProgress(ctx, d, nil) }

// RebuildProgress is Rebuild telling progress (when not nil) after each
// batch: the lists and the merge take minutes of their own on a large
// library.
func RebuildProgress(ctx context.Context, d *db.DB, progress Progress) error {
	defer indexChanged()
	return d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
		e := engineFor(d.Dialect)
		if err := e.clear(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM search_postings"); err != nil {
			return errs.Wrap(err, "clear index")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM search_terms"); err != nil {
			return errs.Wrap(err, "clear index")
		}
		lists := newListBuilder()
		done := 0
		for _, k := range kinds() {
			for after := int64(0); ; {
				ids, err := k.After(ctx, tx, after, rebuildBatch)
				if err != nil {
					return errs.Wrap(err, "rebuild index")
				}
				if len(ids) == 0 {
					break
				}
				docs, err := k.Load(ctx, tx, ids)
				if err != nil {
					return errs.Wrap(err, "rebuild index")
				}
				batch := make([]indexed, len(docs))
				for i, doc := range docs {
					batch[i] = prepare(k, doc)
				}
				if err := putAll(ctx, tx, e, batch); err != nil {
					return err
				}
				lists.add(postingsOf(batch))
				done += len(batch)
				if progress != nil {
					progress(StageDocuments, done, 0)
				}
				after = ids[len(ids)-1]
			}
		}
		if err := lists.write(ctx, tx, progress); err != nil {
			return err
		}
		if progress != nil {
			progress(StageMerge, 0, 0)
		}
		if err := e.optimize(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM search_meta WHERE name IN ('rebuild', 'lists')")
		return errs.Wrap(err, "rebuild index")
	})
}

// EnsureBuilt rebuilds the index when a migration asked for it (the index
// is made by Go code, which a migration cannot run).
func EnsureBuilt(ctx context.Context, d *db.DB) error { return EnsureBuiltProgress(ctx, d, nil) }

// EnsureBuiltProgress is EnsureBuilt telling progress of a rebuild.
func EnsureBuiltProgress(ctx context.Context, d *db.DB, progress Progress) error {
	var rebuild, lists int
	if err := d.QueryRowContext(ctx, `SELECT COUNT(CASE WHEN name = 'rebuild' THEN 1 END), COUNT(CASE WHEN name = 'lists' THEN 1 END)
		FROM search_meta`).Scan(&rebuild, &lists); err != nil {
		return errs.Wrap(err, "check search index")
	}
	switch {
	case rebuild > 0:
		return RebuildProgress(ctx, d, progress)
	case lists > 0:
		// Only the posting lists, from the stored forward indexes.
		return d.WithTxCtx(ctx, func(ctx context.Context, tx *db.Tx) error {
			if err := buildLists(ctx, tx, progress); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "DELETE FROM search_meta WHERE name = 'lists'")
			return errs.Wrap(err, "build posting lists")
		})
	}
	return nil
}

// Compatibility with the practice service's calls.

// IndexEntry (re)indexes an entry, and gives its comments its community
// and draft flag (their scope, see Kind.Scope).
func IndexEntry(ctx context.Context, q db.Q, d db.Dialect, entryID int64) error {
	if err := Index(ctx, q, d, KindEntry, entryID); err != nil {
		return err
	}
	// Only comments whose scope changed (a move, a maturity to or from
	// draft) are written, with their postings. They are found by their
	// keys (docID), from the entry's comments: search_docs has no index by
	// subject, and a test of kind and subject read every comment's row
	// (0.7 ms an entry published with 3,000 comments in the library).
	rows, err := q.QueryContext(ctx, rescopeCommentsSQL(), entryID)
	if err != nil {
		return errs.Wrap(err, "index entry")
	}
	changed, err := scanIDs(rows)
	if err != nil {
		return errs.Wrap(err, "index entry")
	}
	return rescope(ctx, q, changed)
}

// rescopeCommentsSQL sets the stored scope of entry $1's comments whose
// scope is not the entry's, and returns their keys.
func rescopeCommentsSQL() string {
	return `UPDATE search_docs SET community_id = e.community_id, draft = e.maturity = 'draft'
		FROM entries e WHERE e.id = $1
		AND search_docs.doc_id IN (SELECT ` + docIDSQL(kindNamed(KindComment), "id") + ` FROM posts WHERE subject_kind = 'entry' AND subject_id = $1)
		AND (search_docs.community_id IS DISTINCT FROM e.community_id OR search_docs.draft <> (e.maturity = 'draft'))
		RETURNING search_docs.doc_id`
}

// RemoveEntry takes the entry and its comments out of the index. Call it
// before deleting the entry, while its comments can still be listed.
func RemoveEntry(ctx context.Context, q db.Q, d db.Dialect, entryID int64) error {
	ids, err := commentsOf(ctx, q, entryID)
	if err != nil {
		return err
	}
	if err := Remove(ctx, q, d, KindComment, ids...); err != nil {
		return err
	}
	return Remove(ctx, q, d, KindEntry, entryID)
}

// IndexComment (re)indexes a comment; a hidden or deleted one leaves the index.
func IndexComment(ctx context.Context, q db.Q, d db.Dialect, commentID int64) error {
	return Index(ctx, q, d, KindComment, commentID)
}

// RemoveComment takes the comment out of the index.
func RemoveComment(ctx context.Context, q db.Q, d db.Dialect, commentID int64) error {
	return Remove(ctx, q, d, KindComment, commentID)
}
