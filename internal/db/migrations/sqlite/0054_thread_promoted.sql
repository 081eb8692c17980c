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
