-- Full-text search over practice entries and their comments (internal/search).
-- One row per document, keyed by the entry's id * 2 or the comment's id * 2 + 1,
-- with the plain text of each field (for ts_headline) and a generated tsvector
-- weighting title A, tags B, summary C, body D under the english configuration
-- (stemming, English stop words; no unaccent, which needs an extension).
-- The index is kept in-line by the practice service, in each write's
-- transaction; hidden comments are not indexed.
CREATE TABLE search_docs (
    doc_id     BIGINT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('entry', 'comment')),
    entry_id   BIGINT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    comment_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
    title      TEXT NOT NULL DEFAULT '',
    tags       TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    document   tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A') ||
        setweight(to_tsvector('english'::regconfig, tags), 'B') ||
        setweight(to_tsvector('english'::regconfig, summary), 'C') ||
        setweight(to_tsvector('english'::regconfig, body), 'D')) STORED
);
CREATE INDEX search_docs_document ON search_docs USING GIN (document);
CREATE INDEX search_docs_entry ON search_docs (entry_id);
CREATE INDEX search_docs_comment ON search_docs (comment_id);

-- What existed before this migration, with bodies as Markdown until they are
-- next saved (search.Rebuild indexes them as the rendered text). As search
-- does, a guard character (U+E002) follows each < and &, so that the parser
-- reads text that looks like HTML as words.
INSERT INTO search_docs (doc_id, kind, entry_id, title, tags, summary, body)
SELECT e.id * 2, 'entry', e.id,
       replace(replace(e.title, '<', '<' || U&'\E002'), '&', '&' || U&'\E002'),
       replace(replace(COALESCE((SELECT string_agg(t.tag, ' ' ORDER BY t.tag) FROM entry_tags t WHERE t.entry_id = e.id), ''),
           '<', '<' || U&'\E002'), '&', '&' || U&'\E002'),
       replace(replace(e.summary, '<', '<' || U&'\E002'), '&', '&' || U&'\E002'),
       replace(replace(e.body, '<', '<' || U&'\E002'), '&', '&' || U&'\E002')
FROM entries e;
INSERT INTO search_docs (doc_id, kind, entry_id, comment_id, body)
SELECT c.id * 2 + 1, 'comment', c.entry_id, c.id, replace(replace(c.body, '<', '<' || U&'\E002'), '&', '&' || U&'\E002')
FROM comments c WHERE c.hidden_at IS NULL;
