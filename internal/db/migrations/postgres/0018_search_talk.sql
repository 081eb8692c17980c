-- Threads and their replies became search kinds: index the ones already
-- written (the index is built by Go code at start-up, see search.EnsureBuilt).
INSERT INTO search_meta (name, value) VALUES ('rebuild', 'migration 0018') ON CONFLICT (name) DO NOTHING;
