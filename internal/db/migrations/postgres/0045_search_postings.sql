-- Impact-ordered, truncated posting lists for search (internal/search,
-- postings.go, topk.go; docs/performance.md "Search, third pass").
-- search_postings holds, for each term, the documents that hold it with the
-- term's impact in them (the IDF-free part of BM25F, in thousandths, as in
-- search_docs.terms), read best first. A term's list holds every document
-- that has the term unless the term has a row in search_terms: then the
-- list was cut to its best documents, and every document whose impact is
-- above floor is still in it (writes add those; a job cuts lists again).
-- df is the term's document frequency when the list was cut or last
-- counted (counted, Unix seconds). Scope is not stored here: a reading
-- joins search_docs, whose community and draft flag writes keep current.
CREATE TABLE search_postings (
    term   TEXT NOT NULL,
    impact BIGINT NOT NULL,
    doc_id BIGINT NOT NULL,
    PRIMARY KEY (term, impact, doc_id)
);
CREATE TABLE search_terms (
    term    TEXT PRIMARY KEY,
    df      BIGINT NOT NULL,
    floor   BIGINT NOT NULL,
    counted BIGINT NOT NULL DEFAULT 0
);
-- The lists are built by the Go analyzer's output: the next start rebuilds
-- the index (search.EnsureBuilt).
INSERT INTO search_meta (name, value) VALUES ('rebuild', 'migration 0045') ON CONFLICT (name) DO NOTHING;
