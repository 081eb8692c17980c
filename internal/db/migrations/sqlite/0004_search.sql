-- Full-text search over practice entries and their comments (internal/search).
-- One FTS5 row per document; its rowid is the entry's id * 2, or the comment's
-- id * 2 + 1. The porter stemmer over unicode61 (diacritics removed) matches
-- PostgreSQL's english configuration closely enough for one behaviour.
-- The index is kept in-line by the practice service, in each write's
-- transaction; hidden comments are not indexed.
CREATE VIRTUAL TABLE search_docs USING fts5(
    title, tags, summary, body,
    kind UNINDEXED, entry_id UNINDEXED, comment_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- What existed before this migration, with bodies as Markdown until they are
-- next saved (search.Rebuild indexes them as the rendered text).
INSERT INTO search_docs (rowid, title, tags, summary, body, kind, entry_id, comment_id)
SELECT e.id * 2, e.title, COALESCE((SELECT group_concat(t.tag, ' ') FROM entry_tags t WHERE t.entry_id = e.id), ''),
       e.summary, e.body, 'entry', e.id, 0
FROM entries e;
INSERT INTO search_docs (rowid, title, tags, summary, body, kind, entry_id, comment_id)
SELECT c.id * 2 + 1, '', '', '', c.body, 'comment', c.entry_id, c.id
FROM comments c WHERE c.hidden_at IS NULL;
