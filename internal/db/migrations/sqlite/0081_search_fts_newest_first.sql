-- search_fts is made again, in two ways cheaper to walk (search.sqlite):
--   - its rowids become the documents' keys negated, so that FTS5 reads a
--     term's matches newest first in its forward order, cheaper than its
--     backward one;
--   - a column, scope, holds a token naming the document's community
--     ("_c" and its id: '_' is a token character here, and never in a term
--     of the analyzer's), so that a search in one community intersects the
--     community's documents with the words' in the index.
-- The table is made empty; the first start after this migration fills it
-- (search.EnsureBuilt).
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, tags, summary, body, scope,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0 tokenchars ''_'''
);
INSERT INTO search_meta (name, value) VALUES ('rebuild', 'migration 0081') ON CONFLICT (name) DO NOTHING;
