-- Impact-ordered, truncated posting lists for search (internal/search,
-- postings.go, topk.go; docs/performance.md "Search, third pass").
-- search_postings holds, for each term, the documents that hold it with the
-- term's impact in them (the IDF-free part of BM25F, in thousandths, as in
-- search_docs.terms), read best first. A term's list holds every document
-- that has the term unless the term has a row in search_terms: then the
-- list was cut to its best documents, and every document whose impact is
-- above floor is still in it (writes add those; a job cuts lists again).
-- df is the term's document frequency when the list was cut or last
-- counted (counted, Unix seconds). Each posting repeats its document's
-- scope from search_docs (kind, subject, community, draft flag), so that a
-- reading filters what the reader may see without reading the document;
-- writes keep it current, and the page shown is checked against the live
-- tables.
CREATE TABLE search_postings (
    term   TEXT NOT NULL,
    impact BIGINT NOT NULL,
    doc_id BIGINT NOT NULL,
    kind         TEXT NOT NULL,
    subject_id   BIGINT NOT NULL,
    community_id BIGINT,
    draft        BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (term, impact, doc_id)
);
CREATE TABLE search_terms (
    term    TEXT PRIMARY KEY,
    df      BIGINT NOT NULL,
    floor   BIGINT NOT NULL,
    counted BIGINT NOT NULL DEFAULT 0
);
-- The lists are built in Go from search_docs' forward indexes: the next
-- start builds them (search.EnsureBuilt).
INSERT INTO search_meta (name, value) VALUES ('lists', 'migration 0045') ON CONFLICT (name) DO NOTHING;
