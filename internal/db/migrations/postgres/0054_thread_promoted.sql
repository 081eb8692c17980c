-- A thread's page shows what the thread and its posts became in the library
-- (links of kind 'became' out of them). Looking that up cost two queries on
-- every page of every thread, nearly always finding nothing. promoted says
-- whether such a link was ever added out of the thread or one of its posts:
-- set by trigger, whichever write adds the link, and never cleared (a link
-- removed since only costs the lookup, as before). Only the first link
-- updates (and so locks) the thread's row.
ALTER TABLE threads ADD COLUMN promoted BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE threads SET promoted = TRUE
WHERE EXISTS (SELECT 1 FROM links l WHERE l.kind = 'became' AND l.from_kind = 'thread' AND l.from_id = threads.id)
   OR EXISTS (SELECT 1 FROM links l JOIN posts p ON p.id = l.from_id
              WHERE l.kind = 'became' AND l.from_kind = 'post' AND p.subject_kind = 'thread' AND p.subject_id = threads.id);

CREATE FUNCTION threads_promoted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.from_kind = 'thread' THEN
        UPDATE threads SET promoted = TRUE WHERE id = NEW.from_id AND NOT promoted;
    ELSE
        UPDATE threads SET promoted = TRUE
        WHERE NOT promoted AND id = (SELECT p.subject_id FROM posts p WHERE p.id = NEW.from_id AND p.subject_kind = 'thread');
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER threads_promoted AFTER INSERT ON links FOR EACH ROW
    WHEN (NEW.kind = 'became' AND NEW.from_kind IN ('thread', 'post'))
    EXECUTE FUNCTION threads_promoted();
