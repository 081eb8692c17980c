-- search_fts's rowids become the documents' keys negated, so that FTS5
-- reads a term's matches newest first in its forward order, which is
-- cheaper than its backward one (search.sqlite). The table is made again
-- empty; the first start after this migration fills it (search.EnsureBuilt).
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, tags, summary, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO search_meta (name, value) VALUES ('rebuild', 'migration 0081') ON CONFLICT (name) DO NOTHING;
