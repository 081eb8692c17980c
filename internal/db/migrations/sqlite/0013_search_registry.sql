-- One search over every kind of document (internal/search). search_docs holds
-- each document once, whatever its kind: its key (the subject's id * 16 + the
-- kind's code), kind, subject, the community it belongs to (for visibility
-- and the community filter), its plain text (for highlighting) and its
-- forward index: each term with its weight in the document (for ranking a
-- bounded set of candidates). search_fts indexes the terms the Go analyzer
-- produced (folded, stemmed), so it only needs to split on spaces; it keeps
-- no copy of them (contentless), and a row is deleted by its rowid.
DROP TABLE search_docs;
CREATE TABLE search_docs (
    doc_id       INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject_id   INTEGER NOT NULL,
    community_id INTEGER,
    title        TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    terms        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX search_docs_community ON search_docs (community_id, doc_id);
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, tags, summary, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
-- The index is built by the Go analyzer, which SQL cannot run: the first
-- start after this migration rebuilds it (search.EnsureBuilt).
CREATE TABLE search_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO search_meta (name, value) VALUES ('rebuild', 'migration 0013');
