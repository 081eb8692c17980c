-- A tag's community (0077, 0078) is what the walks of an entry page's
-- related entries and threads read; a tag written without it would carry
-- the columns' default, 0, and drop silently out of those lists. SQLite
-- cannot drop a column's default, so an insert without it is refused.
CREATE TRIGGER entry_tags_community_required BEFORE INSERT ON entry_tags WHEN NEW.community_id = 0
BEGIN SELECT RAISE(ABORT, 'entry_tags.community_id is required'); END;
CREATE TRIGGER thread_tags_community_required BEFORE INSERT ON thread_tags WHEN NEW.community_id = 0
BEGIN SELECT RAISE(ABORT, 'thread_tags.community_id is required'); END;
