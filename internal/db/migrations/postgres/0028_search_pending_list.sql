-- GIN's fast update keeps new entries in a pending list that every search
-- reads in full until it is merged into the index (by autovacuum, or when it
-- outgrows gin_pending_list_limit, 4 MB by default). At 400,000 documents a
-- rare word's search spent 139 ms of its 140 reading that list. A smaller
-- limit merges it more often, so a search reads at most a few pages of it
-- (search.Rebuild also merges it at the end).
ALTER INDEX search_docs_tsv SET (gin_pending_list_limit = 256);
