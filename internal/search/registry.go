package search

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"hearth/internal/db"
)

// Kind is one kind of document the search finds. Each kind says, in one
// place, how its documents are built from its tables, who may see them (as
// SQL, the twin of its Go policy), which filters it understands and how its
// hits are shown. Kinds register at start-up (Register, from an init
// function); entries, comments, communities and people are in kind_*.go,
// and later capabilities (threads, answers, gatherings) add their own.
type Kind struct {
	Name string // as stored in search_docs.kind and used by the kind filter
	Code int64  // 0-15, unique: a document's key is its subject's id * 16 + Code

	// Load reads the documents of these subjects through q (the write's
	// transaction). Subjects that no longer exist, or that must not be
	// found (a hidden comment), are left out and so leave the index.
	Load func(ctx context.Context, q db.Q, ids []int64) ([]Document, error)
	// After lists up to n subject ids greater than after, in order (Rebuild).
	After func(ctx context.Context, q db.Q, after int64, n int) ([]int64, error)
	// Visible is the condition over s (a search_docs row of this kind)
	// under which reader r may see the document, from the live tables.
	Visible func(r reader) string
	// Scope, if set, is a cheaper condition the candidate walks use instead
	// of Visible, from the row's stored community and draft flag; the page
	// shown is then checked with Visible.
	Scope func(r reader) string
	// Filter is the condition for the query's filters, or ok false when a
	// filter excludes every document of this kind.
	Filter func(f *filter, q Query) (cond string, ok bool)
	// Show fills in the hits of this kind (SubjectID set): names, links, times.
	Show func(ctx context.Context, d *db.DB, hits []*Hit) error
}

// Document is one searchable thing as plain text, weighted title, tags,
// summary and body in that order.
type Document struct {
	ID          int64 // the subject's id within its kind
	CommunityID int64 // the community it belongs to; 0 for none
	Draft       bool  // seen only by its authors and the community's stewards (and administrators)
	Title       string
	Tags        string
	Summary     string
	Body        string
}

var registry = struct {
	sync.RWMutex
	byName map[string]*Kind
	byCode map[int64]*Kind
	order  []*Kind
}{byName: map[string]*Kind{}, byCode: map[int64]*Kind{}}

// Register adds a kind. It panics on a duplicate name or code: that is a
// programming error found at start-up.
func Register(k Kind) {
	registry.Lock()
	defer registry.Unlock()
	if k.Code < 0 || k.Code > 15 || registry.byName[k.Name] != nil || registry.byCode[k.Code] != nil {
		panic(fmt.Sprintf("search: kind %q (code %d) registered twice or out of range", k.Name, k.Code))
	}
	kk := &k
	registry.byName[k.Name], registry.byCode[k.Code] = kk, kk
	registry.order = append(registry.order, kk)
	sort.Slice(registry.order, func(i, j int) bool { return registry.order[i].Code < registry.order[j].Code })
}

// kinds lists the registered kinds by code.
func kinds() []*Kind {
	registry.RLock()
	defer registry.RUnlock()
	return registry.order
}

func kindNamed(name string) *Kind {
	registry.RLock()
	defer registry.RUnlock()
	return registry.byName[name]
}

func kindOf(docID int64) *Kind {
	registry.RLock()
	defer registry.RUnlock()
	return registry.byCode[docID&15]
}

// docID is the key of a document: its subject's id and its kind's code.
func docID(k *Kind, id int64) int64 { return id<<4 | k.Code }

// docIDSQL is docID in SQL, over the subject's id in column.
func docIDSQL(k *Kind, column string) string {
	return column + " * 16 + " + strconv.FormatInt(k.Code, 10)
}
