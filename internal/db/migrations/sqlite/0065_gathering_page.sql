-- A gathering's page looked up the entries captured from its date (links
-- out of the occurrence) on every view, nearly always finding none.
-- captured says whether such a link was ever added: set by trigger,
-- whichever write adds the link, and never cleared (a link removed since
-- only costs the lookup, as before).
ALTER TABLE gathering_occurrences ADD COLUMN captured INTEGER NOT NULL DEFAULT 0;
UPDATE gathering_occurrences SET captured = 1
WHERE EXISTS (SELECT 1 FROM links l WHERE l.from_kind = 'occurrence' AND l.from_id = gathering_occurrences.id);
CREATE TRIGGER gathering_occurrences_captured AFTER INSERT ON links
WHEN NEW.from_kind = 'occurrence'
BEGIN UPDATE gathering_occurrences SET captured = 1 WHERE id = NEW.from_id AND captured = 0; END;

-- posts_version changes with every write to the gathering's comments and
-- every change of their authors' names, as threads' (migration 0054): the
-- newest page of comments read once is kept under the version it was read
-- at (see gathering.Comments).
ALTER TABLE gatherings ADD COLUMN posts_version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER gatherings_posts_version_insert AFTER INSERT ON posts
WHEN NEW.subject_kind = 'gathering'
BEGIN UPDATE gatherings SET posts_version = posts_version + 1 WHERE id = NEW.subject_id; END;
CREATE TRIGGER gatherings_posts_version_update AFTER UPDATE ON posts
WHEN OLD.subject_kind = 'gathering' OR NEW.subject_kind = 'gathering'
BEGIN
    UPDATE gatherings SET posts_version = posts_version + 1
    WHERE (OLD.subject_kind = 'gathering' AND id = OLD.subject_id) OR (NEW.subject_kind = 'gathering' AND id = NEW.subject_id);
END;
CREATE TRIGGER gatherings_posts_version_delete AFTER DELETE ON posts
WHEN OLD.subject_kind = 'gathering'
BEGIN UPDATE gatherings SET posts_version = posts_version + 1 WHERE id = OLD.subject_id; END;
CREATE TRIGGER gatherings_posts_version_author AFTER UPDATE OF name, handle ON people
WHEN OLD.name IS NOT NEW.name OR OLD.handle IS NOT NEW.handle
BEGIN
    UPDATE gatherings SET posts_version = posts_version + 1
    WHERE id IN (SELECT p.subject_id FROM posts p WHERE p.author_id = NEW.id AND p.subject_kind = 'gathering');
END;
