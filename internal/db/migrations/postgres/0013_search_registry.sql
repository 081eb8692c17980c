-- One search over every kind of document (internal/search). search_docs holds
-- each document once, whatever its kind: its key (the subject's id * 16 + the
-- kind's code), kind, subject, the community it belongs to (for visibility
-- and the community filter), its plain text (for highlighting), its forward
-- index (each term with its weight, for ranking a bounded set of candidates)
-- and a tsvector of the terms the Go analyzer produced (folded, stemmed),
-- weighted title A, tags B, summary C, body D, read with the 'simple'
-- configuration so PostgreSQL matches exactly what SQLite matches.
DROP TABLE search_docs;
CREATE TABLE search_docs (
    doc_id       BIGINT PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject_id   BIGINT NOT NULL,
    community_id BIGINT,
    title        TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    terms        TEXT NOT NULL DEFAULT '',
    tsv          tsvector NOT NULL
);
CREATE INDEX search_docs_community ON search_docs (community_id, doc_id);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
-- The index is built by the Go analyzer, which SQL cannot run: the first
-- start after this migration rebuilds it (search.EnsureBuilt).
CREATE TABLE search_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO search_meta (name, value) VALUES ('rebuild', 'migration 0013');
