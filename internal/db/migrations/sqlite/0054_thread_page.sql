-- A thread's page shows what the thread and its posts became in the library
-- (links of kind 'became' out of them). Looking that up cost two queries on
-- every page of every thread, nearly always finding nothing. promoted says
-- whether such a link was ever added out of the thread or one of its posts:
-- set by trigger, whichever write adds the link, and never cleared (a link
-- removed since only costs the lookup, as before).
ALTER TABLE threads ADD COLUMN promoted INTEGER NOT NULL DEFAULT 0;
UPDATE threads SET promoted = 1
WHERE EXISTS (SELECT 1 FROM links l WHERE l.kind = 'became' AND l.from_kind = 'thread' AND l.from_id = threads.id)
   OR EXISTS (SELECT 1 FROM links l JOIN posts p ON p.id = l.from_id
              WHERE l.kind = 'became' AND l.from_kind = 'post' AND p.subject_kind = 'thread' AND p.subject_id = threads.id);

CREATE TRIGGER threads_promoted_thread AFTER INSERT ON links
WHEN NEW.kind = 'became' AND NEW.from_kind = 'thread'
BEGIN UPDATE threads SET promoted = 1 WHERE id = NEW.from_id AND promoted = 0; END;
CREATE TRIGGER threads_promoted_post AFTER INSERT ON links
WHEN NEW.kind = 'became' AND NEW.from_kind = 'post'
BEGIN
    UPDATE threads SET promoted = 1
    WHERE promoted = 0 AND id = (SELECT p.subject_id FROM posts p WHERE p.id = NEW.from_id AND p.subject_kind = 'thread');
END;

-- posts_version changes with every write to the thread's posts (a reply, an
-- edit, a hiding, a removal, a vote, an acceptance, a new rendering) and
-- every change of their authors' names: a page of its posts read once is
-- kept, in the process, under the version it was read at (see
-- conversation.Replies), and a change makes a new version, on whichever
-- instance it happened.
ALTER TABLE threads ADD COLUMN posts_version INTEGER NOT NULL DEFAULT 1; -- 0: not read (see Thread.PostsVersion)
CREATE TRIGGER threads_posts_version_insert AFTER INSERT ON posts
WHEN NEW.subject_kind = 'thread'
BEGIN UPDATE threads SET posts_version = posts_version + 1 WHERE id = NEW.subject_id; END;
CREATE TRIGGER threads_posts_version_update AFTER UPDATE ON posts
WHEN OLD.subject_kind = 'thread' OR NEW.subject_kind = 'thread'
BEGIN
    UPDATE threads SET posts_version = posts_version + 1
    WHERE (OLD.subject_kind = 'thread' AND id = OLD.subject_id) OR (NEW.subject_kind = 'thread' AND id = NEW.subject_id);
END;
CREATE TRIGGER threads_posts_version_delete AFTER DELETE ON posts
WHEN OLD.subject_kind = 'thread'
BEGIN UPDATE threads SET posts_version = posts_version + 1 WHERE id = OLD.subject_id; END;
CREATE TRIGGER threads_posts_version_author AFTER UPDATE OF name, handle ON people
WHEN OLD.name IS NOT NEW.name OR OLD.handle IS NOT NEW.handle
BEGIN
    UPDATE threads SET posts_version = posts_version + 1
    WHERE id IN (SELECT p.subject_id FROM posts p WHERE p.author_id = NEW.id AND p.subject_kind = 'thread');
END;
