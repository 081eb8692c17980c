-- Nothing for SQLite: migration 0028 tunes PostgreSQL's GIN index of search
-- documents (FTS5 has no pending list). Kept so both engines number alike.
SELECT 1;
