-- A tag's community (0077, 0078) is what the walks of an entry page's
-- related entries and threads read; a tag written without it would carry
-- the columns' default, 0, and drop silently out of those lists. Without
-- the default, such an insert is refused (NOT NULL).
ALTER TABLE entry_tags ALTER COLUMN community_id DROP DEFAULT;
ALTER TABLE thread_tags ALTER COLUMN community_id DROP DEFAULT;
